//! Reading answers: the only place that touches bytes, sizes and encodings.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// Default cap on an answer's size. Answers are a few kilobytes; anything near this is a mistake.
pub const DEFAULT_MAX_BYTES: u64 = 1024 * 1024;

/// A readable answer: where it came from and its text, normalised (no BOM, LF line ends).
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as the user gave it (or `-` for stdin), used in every message.
    pub path: String,
    pub text: String,
}

/// Why an input could not be read; each variant's message says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceError {
    NotFound,
    IsDirectory,
    PermissionDenied,
    TooLarge {
        size: u64,
        limit: u64,
    },
    Binary,
    /// UTF-16 has a NUL in every ASCII character; saying "binary" would mislead.
    Utf16,
    /// UTF-32 has three NULs in every ASCII character, and its byte order mark starts like
    /// UTF-16's; it gets its own name so the fix is the right one.
    Utf32,
    NotUtf8 {
        line: usize,
    },
    Empty,
    /// Front matter, code blocks or comments but not a word of answer: scoring it would print a
    /// zero that looks like a judgement, so it is refused like an empty file.
    NoAnswer,
    Io(String),
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::NotFound => write!(f, "no such file"),
            SourceError::IsDirectory => {
                write!(
                    f,
                    "is a directory; pass the files in it (coach score DIR/*.md)"
                )
            }
            SourceError::PermissionDenied => write!(f, "permission denied"),
            SourceError::TooLarge { size, limit } => write!(
                f,
                "file is {size} bytes, over the {limit}-byte limit (raise it with --max-bytes)"
            ),
            SourceError::Binary => write!(f, "looks binary (contains NUL bytes); not an answer"),
            SourceError::Utf16 => write!(f, "is UTF-16 text; save it as UTF-8"),
            SourceError::Utf32 => write!(f, "is UTF-32 text; save it as UTF-8"),
            SourceError::NotUtf8 { line } => write!(
                f,
                "is not valid UTF-8 (first bad byte on line {line}); save it as UTF-8"
            ),
            SourceError::Empty => write!(f, "is empty; write an answer first"),
            SourceError::NoAnswer => write!(
                f,
                "has no answer text, only front matter, code blocks or comments; write the answer below them"
            ),
            SourceError::Io(message) => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for SourceError {}

/// An input that could not be read, with the path it was read from.
#[derive(Debug, Clone)]
pub struct ReadError {
    pub path: String,
    pub error: SourceError,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.error)
    }
}

/// Reads a file with a size limit; never follows up with a write.
pub fn read_path(path: &Path, max_bytes: u64) -> Result<Source, ReadError> {
    let display = path.display().to_string();
    let fail = |error| ReadError {
        path: display.clone(),
        error,
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(io_error(&e)))?;
    if meta.is_dir() {
        return Err(fail(SourceError::IsDirectory));
    }
    if meta.len() > max_bytes {
        return Err(fail(SourceError::TooLarge {
            size: meta.len(),
            limit: max_bytes,
        }));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(io_error(&e)))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Read one byte past the limit so a file that grew after stat is still caught.
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_error(&e)))?;
    from_bytes(&display, bytes, max_bytes).map_err(fail)
}

/// Reads standard input (a pasted answer) with the same checks as a file.
pub fn read_stdin(max_bytes: u64) -> Result<Source, ReadError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError {
            path: "-".into(),
            error: io_error(&e),
        })?;
    from_bytes("-", bytes, max_bytes).map_err(|error| ReadError {
        path: "-".into(),
        error,
    })
}

/// Validates and normalises raw bytes into a [`Source`].
pub fn from_bytes(path: &str, bytes: Vec<u8>, max_bytes: u64) -> Result<Source, SourceError> {
    if bytes.len() as u64 > max_bytes {
        return Err(SourceError::TooLarge {
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    if is_utf32(&bytes) {
        return Err(SourceError::Utf32);
    }
    // Windows tools (PowerShell's `>` among them) write UTF-16 with a byte order mark.
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(SourceError::Utf16);
    }
    if bytes.contains(&0) {
        return Err(SourceError::Binary);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let line = 1 + e.as_bytes()[..valid]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            return Err(SourceError::NotUtf8 { line });
        }
    };
    let text = normalise(text);
    if text.chars().all(is_blank) {
        return Err(SourceError::Empty);
    }
    if !has_prose(&text) {
        return Err(SourceError::NoAnswer);
    }
    Ok(Source {
        path: path.to_string(),
        text,
    })
}

/// UTF-32 with a byte order mark (little- or big-endian), or without one when the text starts
/// with an ASCII character (three NULs beside it).
fn is_utf32(bytes: &[u8]) -> bool {
    let le_mark = bytes.starts_with(&[0xff, 0xfe, 0, 0]);
    let be_mark = bytes.starts_with(&[0, 0, 0xfe, 0xff]);
    let unmarked = bytes.len() >= 4
        && bytes.len().is_multiple_of(4)
        && (matches!(bytes[..4], [c, 0, 0, 0] if c != 0 && c.is_ascii())
            || matches!(bytes[..4], [0, 0, 0, c] if c != 0 && c.is_ascii()));
    le_mark || be_mark || unmarked
}

/// Strips a BOM and turns CRLF/CR line ends into LF so line numbers match every editor.
/// Whitespace, and the invisible characters editors leave behind (BOMs, zero-width spaces).
fn is_blank(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}' | '\u{2060}')
}

fn normalise(text: String) -> String {
    // Pasting can stack byte-order marks; all of them are encoding noise, not text.
    let text = text.trim_start_matches('\u{feff}');
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

/// True when some line is something a person would say (text, heading or table), as the
/// markdown walk that parsing uses sees it.
fn has_prose(text: &str) -> bool {
    use crate::answer::markdown::{LineKind, walk};
    walk(text).iter().any(|line| {
        matches!(
            line.kind,
            LineKind::Text | LineKind::Heading | LineKind::TableRow
        ) && !line.content.trim().is_empty()
    })
}

fn io_error(e: &std::io::Error) -> SourceError {
    match e.kind() {
        std::io::ErrorKind::NotFound => SourceError::NotFound,
        std::io::ErrorKind::PermissionDenied => SourceError::PermissionDenied,
        std::io::ErrorKind::IsADirectory => SourceError::IsDirectory,
        _ => SourceError::Io(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_bom_read_like_lf() {
        let a = from_bytes("a", b"\xef\xbb\xbfS: one\r\nT: two\r\n".to_vec(), 100).unwrap();
        assert_eq!(a.text, "S: one\nT: two\n");
    }

    #[test]
    fn nul_byte_is_binary() {
        assert_eq!(
            from_bytes("a", b"abc\0def".to_vec(), 100).unwrap_err(),
            SourceError::Binary
        );
    }

    #[test]
    fn utf16_is_named() {
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("S: x".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(from_bytes("a", utf16, 100).unwrap_err(), SourceError::Utf16);
    }

    #[test]
    fn utf32_is_named_not_called_utf16() {
        for (mark, encode) in [
            (
                &[0xff, 0xfe, 0, 0][..],
                u32::to_le_bytes as fn(u32) -> [u8; 4],
            ),
            (&[0, 0, 0xfe, 0xff][..], u32::to_be_bytes),
            (&[][..], u32::to_le_bytes),
            (&[][..], u32::to_be_bytes),
        ] {
            let bytes: Vec<u8> = mark
                .iter()
                .copied()
                .chain("S: x".chars().flat_map(|c| encode(c as u32)))
                .collect();
            let error = from_bytes("a", bytes, 100).unwrap_err();
            assert_eq!(error, SourceError::Utf32);
            assert_eq!(error.to_string(), "is UTF-32 text; save it as UTF-8");
        }
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let err = from_bytes("a", b"ok\nok\nbad \xff here".to_vec(), 100).unwrap_err();
        assert_eq!(err, SourceError::NotUtf8 { line: 3 });
    }

    #[test]
    fn stacked_byte_order_marks_read_like_one() {
        let one = from_bytes("a", "\u{feff}S: ok\n".as_bytes().to_vec(), 100).unwrap();
        let two = from_bytes("a", "\u{feff}\u{feff}S: ok\n".as_bytes().to_vec(), 100).unwrap();
        assert_eq!(one.text, two.text);
    }

    #[test]
    fn invisible_characters_only_is_empty() {
        // Regression: a BOM inside the text made "BOM + text" and "text" disagree.
        for text in ["\u{feff}\n", "\u{feff}\u{feff}\n", "\u{200b} \n"] {
            assert_eq!(
                from_bytes("a", text.as_bytes().to_vec(), 100).unwrap_err(),
                SourceError::Empty,
                "{text:?}"
            );
        }
    }

    #[test]
    fn whitespace_only_is_empty() {
        assert_eq!(
            from_bytes("a", b" \n\n\t".to_vec(), 100).unwrap_err(),
            SourceError::Empty
        );
    }

    #[test]
    fn front_matter_code_or_comments_alone_are_not_an_answer() {
        for text in [
            "---\nquestion: Why?\n---\n\n",
            "```yaml\nS: code\n```\n",
            "<!-- Situation: draft -->\n",
        ] {
            assert_eq!(
                from_bytes("a", text.as_bytes().to_vec(), 100).unwrap_err(),
                SourceError::NoAnswer,
                "{text:?}"
            );
        }
        assert!(from_bytes("a", b"---\nquestion: Why?\n---\nI led it.".to_vec(), 100).is_ok());
        // An answer pasted whole into a plain fence is still an answer.
        assert!(from_bytes("a", b"```\nI led it.\n```\n".to_vec(), 100).is_ok());
    }

    #[test]
    fn over_limit_is_refused() {
        assert!(matches!(
            from_bytes("a", vec![b'a'; 11], 10).unwrap_err(),
            SourceError::TooLarge { .. }
        ));
    }
}
