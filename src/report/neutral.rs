//! Text from outside (answers, file names, rubric and config strings) as a person or a CI runner
//! may safely read it.
//!
//! A terminal acts on escape sequences and a GitHub Actions runner on any line that starts with
//! `::` or holds `##[`; an answer, a file name or a contributor's rubric must be able to do
//! neither. [`visible`] is the one function every human format and every message on standard
//! error passes outside text through. It works like git's quoting of odd paths: text that needs
//! nothing is shown as it is; otherwise it is shown in double quotes with C-style escapes, so the
//! reader sees every byte and no two different strings look the same.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` safe to print where a person or a runner reads it.
///
/// Quoted and escaped when it holds a control character (C0, DEL, C1), a character that
/// reorders or separates lines (bidirectional controls, U+2028, U+2029), a noncharacter
/// (U+FFFE, U+FFFF), `##[` anywhere or `::` at its start. Also quoted when it starts with `"`
/// and holds a `\`, so that a shown string starting with `"` and holding `\` is always a quoted
/// one. Every quoted form holds at least one escape.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !needs_quoting(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    out.push('"');
    push_escaped(&mut out, text, true);
    out.push('"');
    Cow::Owned(out)
}

/// `text` cut to at most `max` characters, ending in "…" when cut: one answer's evidence or a
/// rubric's hint must not fill a log.
pub fn clipped(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some(_) => {
            let keep = text
                .char_indices()
                .nth(max.saturating_sub(1))
                .map_or(text.len(), |(at, _)| at);
            Cow::Owned(format!("{}…", &text[..keep]))
        }
    }
}

/// A file name that may not be UTF-8, as a string: each byte that is not part of a UTF-8
/// character is written `\xNN` and a backslash `\\`, so names that differ only in such bytes
/// stay different and [`name_bytes`] gives the name back.
pub fn lossless_name(bytes: &[u8]) -> Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(bytes)
        && !text.contains('\\')
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        out.push_str(&chunk.valid().replace('\\', "\\\\"));
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02x}");
        }
    }
    Cow::Owned(out)
}

/// The bytes a name written by [`lossless_name`] stands for (`\xNN` a byte, `\\` a
/// backslash); any other text is its own bytes.
pub fn name_bytes(shown: &str) -> Vec<u8> {
    let bytes = shown.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 2) {
            Some(b"\\\\") => Some((b'\\', 2)),
            Some(b"\\x") => shown
                .get(i + 2..i + 4)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
                .map(|byte| (byte, 4)),
            _ => None,
        };
        match escaped {
            Some((byte, width)) => {
                out.push(byte);
                i += width;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    out
}

/// True for characters that are never shown raw.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{fffe}'
                | '\u{ffff}'
        )
}

fn needs_quoting(text: &str) -> bool {
    // Fast path: ASCII text without control bytes and without `##[` or a leading `::`.
    let bytes = text.as_bytes();
    let suspicious = bytes.iter().any(|&b| b < 0x20 || b == 0x7f || b >= 0x80);
    if suspicious && text.chars().any(is_hidden) {
        return true;
    }
    text.starts_with("::") || text.contains("##[") || (text.starts_with('"') && text.contains('\\'))
}

/// Appends `text` with hidden characters escaped; `quoted` also escapes `"` and `\`.
fn push_escaped(out: &mut String, text: &str, quoted: bool) {
    let mut previous = ['\0', '\0'];
    for (i, c) in text.char_indices() {
        match c {
            '\\' | '"' if quoted => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{1b}' => out.push_str("\\e"),
            c if (c as u32) < 0x80 && c.is_control() => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_hidden(c) => {
                let _ = write!(out, "\\u{{{:04x}}}", c as u32);
            }
            ':' if i == 0 && text.starts_with("::") => out.push_str("\\x3a"),
            '[' if previous == ['#', '#'] => out.push_str("\\x5b"),
            c => out.push(c),
        }
        previous = [previous[1], c];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_shown_as_it_is() {
        for text in [
            "answers/outage.md",
            "p95 fell from 900 ms to 240 ms",
            "é ünïcode 中文",
            "C:\\temp",
            "\"quoted\" words",
            "a::b and # [x]",
        ] {
            assert!(matches!(visible(text), Cow::Borrowed(_)), "{text:?}");
        }
    }

    #[test]
    fn control_characters_are_quoted_and_escaped() {
        assert_eq!(visible("a\nb"), "\"a\\nb\"");
        assert_eq!(visible("\u{1b}]0;pwned\u{7}"), "\"\\e]0;pwned\\x07\"");
        assert_eq!(visible("x\r\ty\u{7f}"), "\"x\\r\\ty\\x7f\"");
        assert_eq!(visible("\u{9b}31m"), "\"\\u{009b}31m\"");
        assert_eq!(visible("ab\u{202e}cd"), "\"ab\\u{202e}cd\"");
        assert_eq!(visible("a\u{fffe}"), "\"a\\u{fffe}\"");
        assert_eq!(visible("say \"hi\"\n\\"), "\"say \\\"hi\\\"\\n\\\\\"");
    }

    #[test]
    fn runner_commands_cannot_be_formed() {
        assert_eq!(visible("::error::x.md"), "\"\\x3a:error::x.md\"");
        assert_eq!(visible("see ##[error]x"), "\"see ##\\x5berror]x\"");
        assert!(!visible("##[group]").contains("##["));
    }

    #[test]
    fn quoted_and_literal_forms_never_coincide() {
        // A literal that looks like a quoted form is itself quoted.
        let literal = "\"a\\nb\"";
        assert_ne!(visible(literal), visible("a\nb"));
        assert_eq!(visible(literal), "\"\\\"a\\\\nb\\\"\"");
    }

    #[test]
    fn long_text_is_clipped_with_an_ellipsis() {
        assert_eq!(clipped("abcdef", 6), "abcdef");
        assert_eq!(clipped("abcdefg", 6), "abcde…");
        assert_eq!(clipped("ééééééé", 3).chars().count(), 3);
    }

    #[test]
    fn names_keep_bytes_that_are_not_utf8() {
        assert_eq!(lossless_name(b"a\xffb.md"), "a\\xffb.md");
        assert_ne!(lossless_name(b"a\xff.md"), lossless_name(b"a\xfe.md"));
        assert_eq!(lossless_name("ok.md".as_bytes()), "ok.md");
        // A backslash written in a UTF-8 name is not an escaped byte.
        assert_eq!(lossless_name(b"a\\xfe.md"), "a\\\\xfe.md");
        assert_ne!(lossless_name(b"a\\xfe.md"), lossless_name(b"a\xfe.md"));
        for name in [
            &b"a\xffb.md"[..],
            b"a\\xfe.md",
            b"\\\xff\\",
            b"ok.md",
            b"\\x4",
        ] {
            assert_eq!(name_bytes(&lossless_name(name)), name, "{name:?}");
        }
    }
}
