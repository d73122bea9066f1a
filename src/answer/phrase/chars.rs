//! What a word character is to `\b` and `\w`, and the case folding that reaches beyond ASCII.

use super::Words;
use std::sync::LazyLock;

/// A word character to `\b` in narrow patterns.
#[inline]
pub(super) fn is_ascii_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// The one character outside ASCII that folds to an ASCII letter: `ſ` to `s`, `K` to `k`.
#[inline]
pub(super) fn non_ascii_fold(lower: u8) -> Option<&'static str> {
    match lower {
        b's' => Some("\u{17F}"),
        b'k' => Some("\u{212A}"),
        _ => None,
    }
}

/// `\w` in narrowed patterns: the ASCII word characters and Latin letters of
/// `narrow_classes`, and the letters that fold to them under `(?i)`.
#[inline]
pub(super) fn is_narrow_word_char(c: char) -> bool {
    matches!(c,
        '0'..='9' | 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{24F}' | '\u{253}'..='\u{254}' | '\u{256}'..='\u{257}' | '\u{259}'
        | '\u{25B}' | '\u{260}' | '\u{263}' | '\u{268}'..='\u{269}' | '\u{26F}' | '\u{272}'
        | '\u{275}' | '\u{280}' | '\u{283}' | '\u{288}'..='\u{28C}' | '\u{292}' | '\u{1E9E}'
        | '\u{212A}'..='\u{212B}' | '\u{2C65}'..='\u{2C66}' | '\u{2C7E}'..='\u{2C7F}'
        | '\u{A7DC}')
}

/// Unicode `\w`. ASCII, Latin letters, and the punctuation and symbols answers are full of
/// (dashes, quotes, arrows, emoji) are decided here; the rest by the regex crate's own class,
/// built on first need only (the tables of `char` may follow a newer Unicode than it does).
pub(super) fn is_unicode_word_char(c: char) -> bool {
    static WORD: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"^\w$").expect("word class"));
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    let within = |ranges: &[std::ops::RangeInclusive<char>]| ranges.iter().any(|r| r.contains(&c));
    if within(LATIN_LETTERS) {
        return true;
    }
    !within(NOT_WORDS) && WORD.is_match(c.encode_utf8(&mut [0; 4]))
}

/// The letters of Latin-1 and Latin Extended-A and -B.
const LATIN_LETTERS: &[std::ops::RangeInclusive<char>] = &[
    '\u{C0}'..='\u{D6}',
    '\u{D8}'..='\u{F6}',
    '\u{F8}'..='\u{24F}',
];

/// Punctuation and symbols, none of them word characters.
const NOT_WORDS: &[std::ops::RangeInclusive<char>] = &[
    '\u{A0}'..='\u{A9}',
    '\u{AB}'..='\u{B4}',
    '\u{B6}'..='\u{B9}',
    '\u{BB}'..='\u{BF}',
    '\u{D7}'..='\u{D7}',
    '\u{F7}'..='\u{F7}',
    '\u{2000}'..='\u{200B}',
    '\u{200E}'..='\u{203E}',
    '\u{2041}'..='\u{2053}',
    '\u{2055}'..='\u{205F}',
    '\u{2190}'..='\u{23FF}',
    '\u{2500}'..='\u{2775}',
    '\u{2794}'..='\u{27BF}',
    '\u{3000}'..='\u{3004}',
    '\u{1F000}'..='\u{1F12F}',
    '\u{1F18A}'..='\u{1FAFF}',
];

#[inline]
pub(super) fn is_word_char(c: char, words: Words) -> bool {
    match words {
        Words::Narrow => is_narrow_word_char(c),
        Words::Unicode => is_unicode_word_char(c),
    }
}
