//! Splitting prose into sentences that remember the line they start on.

use std::borrow::Cow;

/// Where a sentence starts relative to the writer's layout, which hints at where a new
/// part of the story may begin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// First sentence of a paragraph, list item, heading or table row.
    Block,
    /// Starts at the beginning of a line inside a paragraph.
    LineStart,
    /// Starts after another sentence on the same line.
    MidLine,
}

/// A run of prose lines that reads as one block (a paragraph, a list item, a heading).
#[derive(Debug, Default)]
pub struct Block {
    /// Joined text of the block's lines, separated by single spaces.
    pub text: String,
    /// (byte offset in `text`, 1-based line number) for each line that joined the block.
    pub lines: Vec<(usize, usize)>,
}

impl Block {
    pub fn push_line(&mut self, line: usize, content: &str) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        self.lines.push((self.text.len(), line));
        self.text.push_str(content.trim());
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// How a sentence starting at byte `offset` opens.
    pub fn opening_at(&self, offset: usize) -> Opening {
        if self.lines.first().is_none_or(|(start, _)| *start >= offset) {
            Opening::Block
        } else if self
            .lines
            .binary_search_by(|(start, _)| start.cmp(&offset))
            .is_ok()
        {
            Opening::LineStart
        } else {
            Opening::MidLine
        }
    }

    /// The line on which byte `offset` of the joined text sits.
    pub fn line_at(&self, offset: usize) -> usize {
        match self.lines.binary_search_by(|(start, _)| start.cmp(&offset)) {
            Ok(i) => self.lines[i].1,
            Err(0) => self.lines.first().map_or(1, |l| l.1),
            Err(i) => self.lines[i - 1].1,
        }
    }
}

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "vs", "etc", "approx", "mr", "mrs", "ms", "dr", "st", "no", "fig", "inc", "ltd",
    "jr", "sr", "u.s", "a.m", "p.m", "cf", "al", "est", "min", "max", "avg",
];

/// Byte ranges of the sentences in `text`.
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let lowercase = writes_in_lowercase(text);
    let bytes = text.as_bytes();
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            // Swallow a run of terminators and closing quotes/brackets/emphasis.
            let mut end = i + 1;
            while end < bytes.len()
                && matches!(
                    bytes[end],
                    b'.' | b'!' | b'?' | b'"' | b')' | b'*' | b'_' | b'\''
                )
            {
                end += 1;
            }
            if end < bytes.len() && text[end..].starts_with('”') {
                end += '”'.len_utf8();
            }
            if ends_sentence(text, start, i, end, lowercase) {
                push_trimmed(text, start, end, &mut sentences);
                start = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut sentences);
    sentences
}

/// True for text whose sentences start in lower case ("... it broke. i rolled back."): at
/// least two such starts and none in upper case.
fn writes_in_lowercase(text: &str) -> bool {
    let mut lower = 0;
    let ends = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'.' | b'!' | b'?'));
    for (i, _) in ends {
        let after = &text[i + 1..];
        if !after.starts_with(' ') {
            continue;
        }
        match after.trim_start().chars().next() {
            Some(c) if c.is_uppercase() => return false,
            Some(c) if c.is_lowercase() => lower += 1,
            _ => {}
        }
    }
    lower >= 2
}

fn ends_sentence(text: &str, start: usize, dot: usize, end: usize, lowercase: bool) -> bool {
    let after = &text[end..];
    if !after.is_empty() && !after.starts_with(char::is_whitespace) {
        return false;
    }
    let next = after.trim_start().chars().next();
    let Some(next) = next else { return true };
    let starts_sentence = next.is_uppercase()
        || (lowercase && next.is_lowercase())
        || next.is_ascii_digit()
        || "\"'“(*_[`~$".contains(next);
    if !starts_sentence {
        return false;
    }
    if text.as_bytes()[dot] != b'.' {
        return true;
    }
    let word_start =
        crate::signals::text::after_last(&text[start..dot], |c| c.is_whitespace() || c == '(')
            .map_or(start, |p| start + p);
    let word = &text[word_start..dot];
    // Most words are lower case already: copy only those that are not.
    let word = if word
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    };
    if ABBREVIATIONS.contains(&&*word) {
        return false;
    }
    // A single capital letter ("J. Smith") is an initial.
    !(word.len() == 1 && word.chars().all(|c| c.is_alphabetic()))
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if start + lead < end - trail {
        out.push((start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn splits_on_terminators_but_not_decimals_or_abbreviations() {
        assert_eq!(
            sentences("Availability hit 99.95% e.g. in May. Then I left! Why? Because."),
            vec![
                "Availability hit 99.95% e.g. in May.",
                "Then I left!",
                "Why?",
                "Because."
            ]
        );
    }

    #[test]
    fn lowercase_continuation_is_not_a_new_sentence() {
        assert_eq!(
            sentences("It took approx. three weeks."),
            vec!["It took approx. three weeks."]
        );
        assert_eq!(
            sentences("Use node.js. it works"),
            vec!["Use node.js. it works"]
        );
    }

    #[test]
    fn lowercase_writers_still_have_sentences() {
        assert_eq!(
            sentences("so it broke every day. my lead asked me to look. i added a lock."),
            vec![
                "so it broke every day.",
                "my lead asked me to look.",
                "i added a lock."
            ]
        );
    }

    #[test]
    fn block_maps_offsets_to_lines() {
        let mut block = Block::default();
        block.push_line(3, "First line.");
        block.push_line(4, "Second line.");
        assert_eq!(block.line_at(0), 3);
        assert_eq!(block.line_at(13), 4);
        assert_eq!(block.opening_at(0), Opening::Block);
        assert_eq!(block.opening_at(12), Opening::LineStart);
        assert_eq!(block.opening_at(6), Opening::MidLine);
    }
}
