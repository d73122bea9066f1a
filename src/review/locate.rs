//! Finding a piece of evidence on the lines it was read from, so a review can mark the very
//! words that earned (or cost) the points.
//!
//! Evidence carries its first line and its words as the parser read them: a sentence's lines
//! joined by single spaces, without the list marker, label or quote marker before them. Those
//! words are looked up on the file's lines from that line on, with any run of spaces or a line
//! break between two words read as one space. Evidence that cannot be found (rare: a snippet cut
//! inside markup) is simply not marked.

use std::collections::HashMap;

/// How many lines after its first a piece of evidence may run on to.
const REACH: usize = 8;

/// Joined texts kept for reuse: asked in line order, a few recent lines serve every lookup,
/// and a long answer does not keep every line joined.
const KEPT: usize = 16;

/// Characters `start..end` of a file line (1-based), counted in `char`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub line: usize,
    pub start: usize,
    pub end: usize,
}

/// Looks evidence up on the lines of one file, reusing the joined text of a line for every
/// piece of evidence that starts on it.
pub struct Locator<'a> {
    lines: &'a [&'a str],
    joined: HashMap<usize, Joined>,
}

/// Lines from one line on, as one text: spaces collapsed, each character knowing its place.
struct Joined {
    text: String,
    /// For each byte of `text` that starts a character: its (line, char) in the file; a space
    /// standing for a line break or a run of spaces has `None`.
    places: Vec<Option<(u32, u32)>>,
    /// Bytes of `text` that come from the first line; a match must start among them.
    first_line_bytes: usize,
}

impl<'a> Locator<'a> {
    /// `lines` are the file's lines; line 1 is `lines[0]`.
    pub fn new(lines: &'a [&'a str]) -> Locator<'a> {
        Locator {
            lines,
            joined: HashMap::new(),
        }
    }

    /// Where `words`, found as evidence starting on `line`, stand in the file: one mark per
    /// line they cross. Empty when they are not there.
    pub fn find(&mut self, line: usize, words: &str) -> Vec<Mark> {
        let needle = needle(words);
        if needle.is_empty() || line == 0 || line > self.lines.len() {
            return Vec::new();
        }
        let lines = self.lines;
        if self.joined.len() >= KEPT && !self.joined.contains_key(&line) {
            self.joined.clear();
        }
        let joined = self
            .joined
            .entry(line)
            .or_insert_with(|| Joined::new(lines, line));
        let Some(at) = joined.text.find(&needle) else {
            return Vec::new();
        };
        if at >= joined.first_line_bytes {
            return Vec::new();
        }
        joined.marks(at, at + needle.len())
    }
}

/// The words to look for: whitespace collapsed, and the "…" of a shortened snippet dropped.
fn needle(words: &str) -> String {
    let words = words.trim().trim_end_matches('…');
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Joined {
    fn new(lines: &[&str], first: usize) -> Joined {
        let mut joined = Joined {
            text: String::new(),
            places: Vec::new(),
            first_line_bytes: 0,
        };
        let last = (first + REACH).min(lines.len());
        for number in first..=last {
            let raw = lines[number - 1];
            // A continuation line of a quote or list item carries its markers before the words.
            let skip = if number == first {
                0
            } else {
                raw.chars()
                    .take_while(|c| c.is_whitespace() || *c == '>')
                    .count()
            };
            if number > first {
                joined.space();
            }
            for (column, c) in raw.chars().enumerate().skip(skip) {
                if c.is_whitespace() {
                    joined.space();
                } else {
                    joined.push(c, Some((number as u32, column as u32)));
                }
            }
            if number == first {
                joined.first_line_bytes = joined.text.len();
            }
        }
        joined
    }

    /// One space for any run of whitespace.
    fn space(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.push(' ', None);
        }
    }

    /// Appends `c`; its first byte holds its place, its other bytes none.
    fn push(&mut self, c: char, place: Option<(u32, u32)>) {
        self.text.push(c);
        self.places.push(place);
        self.places
            .extend(std::iter::repeat_n(None, c.len_utf8() - 1));
    }

    /// Bytes `start..end` of the joined text as marks on the lines they came from.
    fn marks(&self, start: usize, end: usize) -> Vec<Mark> {
        let mut marks: Vec<Mark> = Vec::new();
        for &(line, column) in self.places[start..end].iter().flatten() {
            let (line, column) = (line as usize, column as usize);
            match marks.last_mut() {
                Some(mark) if mark.line == line => mark.end = column + 1,
                _ => marks.push(Mark {
                    line,
                    start: column,
                    end: column + 1,
                }),
            }
        }
        marks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, line: usize, words: &str) -> Vec<(usize, usize, usize)> {
        let lines: Vec<&str> = text.split('\n').collect();
        Locator::new(&lines)
            .find(line, words)
            .into_iter()
            .map(|m| (m.line, m.start, m.end))
            .collect()
    }

    #[test]
    fn words_on_one_line_are_marked_there() {
        assert_eq!(
            find(
                "Intro.\n- p99 fell from 900 ms to 120 ms.",
                2,
                "from 900 ms to 120 ms"
            ),
            [(2, 11, 32)]
        );
    }

    #[test]
    fn words_across_a_line_break_are_marked_on_both_lines() {
        let text = "- **Risk.** I built dual writes behind a feature\n  flag, so each consumer could switch back";
        assert_eq!(
            find(text, 1, "behind a feature flag, so"),
            [(1, 32, 48), (2, 2, 10)]
        );
        let quoted = "> We rolled back\n> within   ten minutes.";
        assert_eq!(
            find(quoted, 1, "rolled back within ten"),
            [(1, 5, 16), (2, 2, 14)]
        );
    }

    #[test]
    fn shortened_snippets_and_wide_characters_are_found() {
        assert_eq!(find("Zoë cut p95 by 40%.", 1, "Zoë cut p95…"), [(1, 0, 11)]);
        assert_eq!(find("é 中文 p95 fell", 1, "p95 fell"), [(1, 5, 13)]);
    }

    #[test]
    fn evidence_must_start_on_its_own_line() {
        assert!(find("nothing here\np95 fell", 1, "p95 fell").is_empty());
        assert!(find("p95 fell", 2, "p95 fell").is_empty());
        assert!(find("p95 fell", 1, "").is_empty());
        assert!(find("p95 fell", 1, "p99").is_empty());
    }
}
