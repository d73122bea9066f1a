//! Phrase patterns: the corner of regex syntax that the cue and heading-word tables are written
//! in, matched without building an automaton.
//!
//! The tables are a few thousand characters of alternations ("used to|at the time|back
//! (then|in)|..."). Compiled as case-insensitive regexes they took ~85 M instructions (15 ms),
//! most of a one-answer run. Parsed here they take ~3 M, and matching is quicker than the
//! regex crate's lazy DFA: all the patterns of a set are searched in one pass, a position is
//! tried only where the text starts the way some branch must (up to eight bytes read from the
//! pattern), and each alternation jumps to the branches that can begin with the next byte.
//!
//! A pattern means what it means to the `regex` crate with `(?i)`, so tables read the same as
//! before: `|`, groups, `?`, `*`, `+`, `{m,n}`, bracketed classes, `^`, `$`, `\b`, `\w`, `\d`
//! (ASCII digits, narrow patterns only), `\s` and escaped punctuation. Case folding is
//! Unicode's simple folding, which for ASCII letters adds only `ſ` (for `s`) and the Kelvin
//! sign (for `k`). What a word is depends on [`Words`]. Anything else is refused when the
//! pattern is parsed. The tests check every table against the regex crate.

mod chars;
mod openings;
mod parse;
mod pattern;
mod search;

use chars::is_ascii_word_byte;
use openings::{Head, Openings, Place, Then, extend_heads};
use parse::Parser;
use pattern::{Alternation, ByteSet, Node};
use search::Search;

/// What `\b` and `\w` take to be a word character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    /// As `crate::signals::text::narrow_classes` rewrites them: `\b` looks at ASCII only and
    /// `\w` means ASCII word characters and the Latin letters up to U+024F, case-folded.
    Narrow,
    /// Unicode word characters, as in a plain `regex::Regex`.
    Unicode,
}

/// Phrase patterns searched together: one pass over a text tells which of them match.
///
/// A position is tried for a phrase only when the text there starts the way one of its
/// branches must (its first bytes, read from the pattern), so most positions cost a table
/// look-up, positions inside words are mostly skipped, and most phrases are never tried.
#[derive(Debug)]
pub struct PhraseSet {
    roots: Vec<Alternation>,
    words: Words,
    openings: Openings,
    /// The bytes an opening may begin with: positions at other bytes are skipped.
    leading: ByteSet,
    /// The bytes an opening not tied to a word boundary or the start may begin with: other
    /// positions inside a word are skipped.
    loose: ByteSet,
    /// For each byte, the phrases whose match may start with it, for texts where openings
    /// do not apply (see `Search::folds`).
    starting: Box<[u64; 256]>,
    /// The phrases that can match nothing, tried at the end of such texts too.
    nullable: u64,
    /// The phrases whose every branch starts with `\b`.
    starts_at_boundary: u64,
}

impl PhraseSet {
    /// Parses `sources` (at most 64). Panics on syntax outside the supported corner: the
    /// patterns are built-in tables, and their tests parse every one of them.
    pub fn new(sources: &[&str], words: Words) -> PhraseSet {
        assert!(sources.len() <= 64, "at most 64 phrases in a set");
        let mut roots = Vec::with_capacity(sources.len());
        let mut filed = Vec::new();
        let mut starting = Box::new([0; 256]);
        let (mut nullable, mut starts_at_boundary) = (0, 0);
        for (i, source) in sources.iter().enumerate() {
            let phrase = 1 << i;
            let root = Parser::new(source, words).alternation(0);
            let mut first = ByteSet::default();
            if root.first_bytes(&mut first) {
                nullable |= phrase;
                first = ByteSet::everything();
            }
            first.for_each(|byte| starting[usize::from(byte)] |= phrase);
            let mut every_branch_at_boundary = true;
            for branch in &root.branches {
                let place = match branch.first() {
                    Some(Node::WordBoundary) => Place::BOUNDARY,
                    Some(Node::TextStart) => Place::START,
                    _ => Place::ANYWHERE,
                };
                every_branch_at_boundary &= place == Place::BOUNDARY;
                let mut heads = Vec::new();
                extend_heads(branch, &Then::Done, Head::start(), &mut heads);
                for head in heads {
                    head.file(phrase, place, &mut filed);
                }
            }
            if every_branch_at_boundary {
                starts_at_boundary |= phrase;
            }
            roots.push(root);
        }
        let (mut leading, mut loose) = (ByteSet::default(), ByteSet::default());
        for &(key, opening) in filed.iter().filter(|(key, _)| *key != Openings::END) {
            leading.insert((key >> 5) as u8);
            if opening.place == Place::ANYWHERE {
                loose.insert((key >> 5) as u8);
            }
        }
        PhraseSet {
            roots,
            words,
            openings: Openings::new(filed),
            leading,
            loose,
            starting,
            nullable,
            starts_at_boundary,
        }
    }

    /// Bit `i` is set when phrase `i` matches somewhere in `text`.
    pub fn matches(&self, text: &str) -> u64 {
        let search = Search::new(text, self.words);
        let bytes = search.bytes();
        let everything = u64::MAX >> (64 - self.roots.len().max(1));
        let mut found = 0;
        let mut word_before = false;
        for pos in 0..=bytes.len() {
            let rest = &bytes[pos..];
            let boundary = match self.words {
                Words::Narrow => {
                    let word = rest.first().is_some_and(|&b| is_ascii_word_byte(b));
                    let boundary = word != word_before;
                    word_before = word;
                    boundary
                }
                Words::Unicode => search.is_boundary(pos),
            };
            let inside_word = !boundary && pos > 0;
            let hopeless = |&byte: &u8| {
                !self.leading.contains(byte) || (inside_word && !self.loose.contains(byte))
            };
            if !search.folds && rest.first().is_some_and(hopeless) {
                continue;
            }
            let mut trying = if search.folds {
                match rest.first() {
                    Some(&byte) => self.starting[usize::from(byte)],
                    None => self.nullable,
                }
            } else {
                self.openings.phrases(rest, Place::of(boundary, pos == 0))
            } & everything
                & !found;
            while trying != 0 {
                let i = trying.trailing_zeros() as usize;
                trying &= trying - 1;
                let known_boundary = boundary && self.starts_at_boundary & 1 << i != 0;
                if search.phrase(&self.roots[i], known_boundary, pos) {
                    found |= 1 << i;
                    if found == everything {
                        return found;
                    }
                }
            }
        }
        found
    }
}

/// Checking phrase patterns against the regexes they stand for.
#[cfg(test)]
pub(super) mod testing {
    use super::Words;
    use proptest::prelude::*;

    /// The regex a phrase pattern stands for, as the regex crate reads it.
    pub fn regex_for(pattern: &str, words: Words) -> regex::Regex {
        let source = match words {
            Words::Narrow => crate::signals::text::narrow_classes(pattern),
            Words::Unicode => pattern.to_string(),
        };
        regex::Regex::new(&format!("(?i){source}")).unwrap()
    }

    /// Asserts that `found` (bit `i` for pattern `i`) says what each regex says about `text`.
    pub fn assert_agrees(found: u64, regexes: &[regex::Regex], text: &str) {
        for (i, regex) in regexes.iter().enumerate() {
            assert_eq!(
                found & 1 << i != 0,
                regex.is_match(text),
                "{regex} on {text:?}"
            );
        }
    }

    /// Every line and sentence of the test corpus and the samples.
    pub fn corpus_texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("tests/corpus"), root.join("samples")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).expect("corpus dir") {
                let path = entry.expect("corpus entry").path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    files.push(std::fs::read_to_string(path).expect("corpus file"));
                }
            }
        }
        let mut texts = Vec::new();
        for file in files {
            texts.extend(file.lines().map(str::to_string));
            texts.extend(
                super::super::parse(&file)
                    .sentences
                    .into_iter()
                    .map(|s| s.text),
            );
        }
        texts
    }

    /// Text made of the words of `patterns`, digits, punctuation and the characters that
    /// test case folding and word boundaries beyond ASCII.
    pub fn texts_from(patterns: &[&str]) -> impl Strategy<Value = String> + use<> {
        let mut pieces: Vec<String> = patterns
            .iter()
            .flat_map(|p| {
                let words = [r"\b", r"\w", r"\d", r"\s"]
                    .iter()
                    .fold(p.to_string(), |p, escape| p.replace(escape, " "));
                words
                    .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        pieces.sort();
        pieces.dedup();
        for extra in [
            " ", " ", " ", "  ", ", ", ". ", ";", "-", "'", "’", "\n", "é", "ſ", "\u{212A}",
            "\u{301}", "—", "📍", "\u{A0}", "40", "3.5", "%", "$", "~", "x", "k", "ms", "ed", "I",
            "THE",
        ] {
            pieces.push(extra.to_string());
        }
        proptest::collection::vec(proptest::sample::select(pieces), 0..14)
            .prop_map(|parts| parts.concat())
    }
}

#[cfg(test)]
mod tests {
    use super::chars::{is_narrow_word_char, is_unicode_word_char};
    use super::pattern::Class;
    use super::*;

    fn is_match(pattern: &str, words: Words, text: &str) -> bool {
        PhraseSet::new(&[pattern], words).matches(text) != 0
    }

    /// `pattern` matches `text` here exactly when the regex crate says it does.
    fn agrees(pattern: &str, words: Words, text: &str) -> bool {
        let regex = testing::regex_for(pattern, words);
        is_match(pattern, words, text) == regex.is_match(text)
    }

    #[test]
    fn matches_like_the_regex_crate() {
        let cases: &[(&str, &[&str])] = &[
            (
                r"\b(used to|back (then|in)|kept (failing|paging))\b",
                &[
                    "We used to",
                    "Back thenX",
                    "back in",
                    "kept  failing",
                    "KEPT PAGING.",
                ],
            ),
            (
                r"^(so,? |well,? )?(when i (first )?(joined|took over)|i('m| am) an? )",
                &[
                    "So, when I first joined",
                    "well when i took over",
                    "I'm an SRE",
                    "x I am a",
                ],
            ),
            (
                r"\b(after|^within) (about )?(a|two|\d+|the (first|next)) (\w+ )?(days?|weeks?)",
                &[
                    "within 3 days",
                    "After the next two weeks",
                    "after a few week",
                    "x within a day",
                ],
            ),
            (
                r"\bsince\s*([,.;]|$)",
                &[
                    "ever since.",
                    "since",
                    "since then",
                    "ſince ,",
                    "uſed since  ;",
                ],
            ),
            (
                r"\d+(\.\d+)?\s?(%|ms|x\b|percent|k\b|\$)",
                &[
                    "40%",
                    "3.5 ms",
                    "2xs",
                    "2x faster",
                    "10K users",
                    "5 $",
                    "5  %",
                ],
            ),
            (
                r"\bi was the (\w+ ){0,2}(lead|owner|point person)\b",
                &[
                    "I was the lead",
                    "i was the tech lead",
                    "I was the new tech lead",
                    "I was the a b c lead",
                ],
            ),
            (
                r"\b(trade-?offs?|on-?call)\b",
                &["tradeoff", "trade-offs", "on call", "On-Call"],
            ),
            (
                r"\bki\b|\bsk\b",
                &["\u{212A}i", "s\u{212A}", "KI", "\u{17F}k"],
            ),
            (
                r"\bi('d| would) have (\w+ed|done)\b",
                &["I'd have tried", "i would have zoned", "I'd have éed"],
            ),
        ];
        for (pattern, texts) in cases {
            for text in *texts {
                for words in [Words::Narrow, Words::Unicode] {
                    if words == Words::Unicode && pattern.contains(r"\d") {
                        continue;
                    }
                    assert!(
                        agrees(pattern, words, text),
                        "{pattern:?} on {text:?} ({words:?})"
                    );
                }
            }
        }
    }

    #[test]
    fn unicode_words_see_letters_beyond_ascii() {
        let impact = r"\bimpact\b";
        assert!(is_match(impact, Words::Narrow, "Impacté"));
        assert!(!is_match(impact, Words::Unicode, "Impacté"));
        assert!(is_match(impact, Words::Unicode, "Impact — résumé"));
        assert!(agrees(r"\blearn\w*\b", Words::Unicode, "Learnings\u{301}"));
    }

    #[test]
    fn narrow_word_class_is_the_folded_regex_class() {
        let regex = regex::Regex::new(&format!(
            "(?i){}",
            crate::signals::text::narrow_classes(r"^\w$")
        ))
        .unwrap();
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_narrow_word_char(c),
                regex.is_match(c.encode_utf8(&mut buf)),
                "{c:?}"
            );
        }
    }

    #[test]
    fn unicode_word_and_space_classes_are_the_regex_classes() {
        let word = regex::Regex::new(r"^\w$").unwrap();
        let space = regex::Regex::new(r"^\s$").unwrap();
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = c.encode_utf8(&mut buf);
            assert_eq!(is_unicode_word_char(c), word.is_match(text), "{c:?}");
            assert_eq!(
                Class::Space.contains(c, Words::Unicode),
                space.is_match(text),
                "{c:?}"
            );
        }
    }

    #[test]
    #[should_panic(expected = "metacharacter")]
    fn unsupported_syntax_is_refused() {
        PhraseSet::new(&["a.b"], Words::Narrow);
    }
}
