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

    /// Offsets where a line of the block starts a new sentence because the writer broke the
    /// line on purpose: notes typed a point per line ("set up weekly 1:1s" / "i paired with
    /// her on her first changes") rather than prose wrapped at a fixed width.
    ///
    /// A block is typed a point per line when some line is longer than any editor wraps, or
    /// when some break could not have come from wrapping: the next line's first word would
    /// have fitted on the line before it, with room to spare (people who wrap by hand leave
    /// ragged edges). In such a block every line that ends without
    /// punctuation or a joining word ends its sentence.
    pub fn deliberate_breaks(&self) -> Vec<usize> {
        if self.lines.len() < 2 {
            return Vec::new();
        }
        let texts: Vec<&str> = (0..self.lines.len())
            .map(|i| {
                let start = self.lines[i].0;
                let end = self.lines.get(i + 1).map_or(self.text.len(), |next| next.0);
                self.text[start..end].trim_end()
            })
            .collect();
        let width = |text: &str| text.chars().count();
        let widths: Vec<usize> = texts.iter().map(|text| width(text)).collect();
        let longest = widths.iter().copied().max().unwrap_or(0);
        // The first line is left out: its label or list marker is gone from the text, so it
        // looks shorter than it was typed.
        let unwrapped = (2..texts.len()).any(|i| {
            let next_word = texts[i].split_whitespace().next().unwrap_or("");
            widths[i - 1] + 1 + width(next_word) + WRAP_SLACK <= longest
        });
        if !unwrapped && longest <= UNWRAPPED {
            return Vec::new();
        }
        (1..texts.len())
            .filter(|&i| ends_a_point(texts[i - 1]))
            .map(|i| self.lines[i].0)
            .collect()
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

/// No editor wraps prose wider than this; a longer line was typed as one.
const UNWRAPPED: usize = 120;

/// How much room a hand-wrapped line may leave at its end.
const WRAP_SLACK: usize = 12;

/// Words after which a line reads on into the next one.
const JOINING: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "so", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "that", "which", "who", "our", "my", "their", "its", "is", "was", "were", "i",
    "we",
];

/// True when a line ends a point of its own: not on a comma, a dash or a joining word, and not
/// on a terminator (which ends a sentence anyway, or deliberately does not: "approx.").
fn ends_a_point(line: &str) -> bool {
    let Some(last) = line.chars().last() else {
        return false;
    };
    if !last.is_alphanumeric() && !")%\"'”".contains(last) {
        return false;
    }
    let word =
        crate::signals::text::after_last(line, char::is_whitespace).map_or(line, |at| &line[at..]);
    !JOINING
        .iter()
        .any(|joining| word.eq_ignore_ascii_case(joining))
}

/// Words that end with a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "vs", "etc", "approx", "mr", "mrs", "ms", "dr", "st", "no", "fig", "inc", "ltd",
    "jr", "sr", "u.s", "a.m", "p.m", "cf", "al", "est", "min", "max", "avg",
];

/// Byte ranges of the sentences of a block, which also end at its deliberate line breaks.
/// `lowercase` says the writer starts sentences in lower case ([`writes_in_lowercase`]).
pub fn split_block(block: &Block, lowercase: bool) -> Vec<(usize, usize)> {
    let mut sentences = Vec::new();
    let mut from = 0;
    for at in block
        .deliberate_breaks()
        .into_iter()
        .chain([block.text.len()])
    {
        let piece = &block.text[from..at];
        sentences.extend(
            split(piece, lowercase)
                .into_iter()
                .map(|(start, end)| (from + start, from + end)),
        );
        from = at;
    }
    sentences
}

/// Byte ranges of the sentences in `text`.
pub fn split(text: &str, lowercase: bool) -> Vec<(usize, usize)> {
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

/// True for an answer whose sentences start in lower case ("... it broke. i rolled back."),
/// judged over all its text: at least two such starts, and at least twice as many as starts
/// in upper case. An acronym ("PRs sitting for a week") is upper case in any style.
pub fn writes_in_lowercase<'t>(texts: impl IntoIterator<Item = &'t str>) -> bool {
    let (mut lower, mut upper) = (0, 0);
    for text in texts {
        let ends = text
            .bytes()
            .enumerate()
            .filter(|(_, b)| matches!(b, b'.' | b'!' | b'?'));
        for (i, _) in ends {
            let after = &text[i + 1..];
            if !after.starts_with(' ') {
                continue;
            }
            let next = after.trim_start();
            let word = next.split_whitespace().next().unwrap_or("");
            match next.chars().next() {
                Some(c) if c.is_lowercase() => lower += 1,
                Some(c) if c.is_uppercase() && !is_acronym(word) => upper += 1,
                _ => {}
            }
        }
    }
    lower >= 2 && lower >= 2 * upper
}

/// "PRs", "AWS", "SLO's": two or more capitals before any lower-case letter.
fn is_acronym(word: &str) -> bool {
    word.chars().take_while(|c| c.is_uppercase()).count() >= 2
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
        split(text, writes_in_lowercase([text]))
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect()
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

    fn block(lines: &[&str]) -> Block {
        let mut block = Block::default();
        for (i, line) in lines.iter().enumerate() {
            block.push_line(i + 1, line);
        }
        block
    }

    fn block_sentences(lines: &[&str]) -> Vec<String> {
        let block = block(lines);
        let lowercase = writes_in_lowercase([block.text.as_str()]);
        split_block(&block, lowercase)
            .into_iter()
            .map(|(a, b)| block.text[a..b].to_string())
            .collect()
    }

    #[test]
    fn a_point_per_line_is_a_sentence_per_line() {
        assert_eq!(
            block_sentences(&[
                "set up weekly 1:1s with her, first few were just me asking what blocked her",
                "i paired with her on her first 3 terraform changes",
                "got her to shadow me on oncall for 2 weeks",
            ]),
            [
                "set up weekly 1:1s with her, first few were just me asking what blocked her",
                "i paired with her on her first 3 terraform changes",
                "got her to shadow me on oncall for 2 weeks",
            ]
        );
    }

    #[test]
    fn prose_wrapped_at_a_width_reads_on_across_lines() {
        let wrapped = [
            "I moved the billing service off the shared cluster in three weeks because",
            "the noisy neighbours on it were paging us twice a night and nobody owned it",
            "and then I wrote the runbook.",
        ];
        assert_eq!(block_sentences(&wrapped).len(), 1);
        // A short line that ends on a joining word or a comma reads on too.
        let joined = [
            "I rewrote the alert rules and",
            "pages fell from 30 a week to 4, which everyone on the rotation noticed within days,",
            "then I documented them.",
        ];
        assert_eq!(block_sentences(&joined).len(), 1);
    }

    #[test]
    fn lower_case_style_is_judged_over_the_whole_answer() {
        // One paragraph alone has one lower-case start; the answer as a whole has three, and
        // its only upper-case starts are acronyms.
        assert!(writes_in_lowercase([
            "it broke every night. PRs sat for a week.",
            "my lead asked me to look. i added a lock. then it held."
        ]));
        assert!(!writes_in_lowercase([
            "It broke every night. My lead asked me. It took approx. three weeks. e.g. this."
        ]));
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
