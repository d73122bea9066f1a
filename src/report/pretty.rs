//! serde_json's pretty layout (two-space indent) for a value that sits some levels deep in a
//! pretty-printed document, so a long document can be written piece by piece with the bytes
//! `serde_json::to_writer_pretty` would give for the whole; and its compact layout for JSON Lines.
//!
//! Both write `[` as `\u005b` where it follows `##` in a string: a GitHub Actions runner acts on
//! `##[` anywhere in a log line, and a JSON report is often printed into one. The parsed strings
//! are the same.

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};
use std::io::{self, Write};

/// Writes `value` pretty-printed as if it sat `depth` levels deep: every line after the first
/// is indented by `depth` more levels.
pub fn write_at<W: Write, T: Serialize + ?Sized>(
    out: W,
    depth: usize,
    value: &T,
) -> io::Result<()> {
    let formatter = Nested {
        depth,
        has_value: false,
    };
    value
        .serialize(&mut Serializer::with_formatter(out, formatter))
        .map_err(io::Error::from)
}

/// Writes `value` on one line, as `serde_json::to_writer` would (but for `##[`).
pub fn write_line<W: Write, T: Serialize + ?Sized>(out: W, value: &T) -> io::Result<()> {
    value
        .serialize(&mut Serializer::with_formatter(out, Compact))
        .map_err(io::Error::from)
}

/// serde_json's compact layout, with runner commands in strings broken.
struct Compact;

impl Formatter for Compact {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        write_fragment(writer, fragment)
    }
}

/// A run of string characters that need no JSON escape, with the `[` of each `##[` escaped.
/// Characters escaped by JSON end a fragment, so a `##[` is always inside one.
fn write_fragment<W: ?Sized + Write>(writer: &mut W, fragment: &str) -> io::Result<()> {
    let mut rest = fragment;
    while let Some(at) = rest.find("##[") {
        writer.write_all(&rest.as_bytes()[..at + 2])?;
        writer.write_all(b"\\u005b")?;
        rest = &rest[at + 3..];
    }
    writer.write_all(rest.as_bytes())
}

/// [`serde_json::ser::PrettyFormatter`] with its nesting depth starting at `depth`.
struct Nested {
    depth: usize,
    /// Whether the innermost open array or object has a value yet (it closes on its own line).
    has_value: bool,
}

const INDENT: &[u8] = b"  ";

impl Nested {
    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            writer.write_all(b"\n")?;
            self.indent(writer)?;
        }
        writer.write_all(bracket)
    }

    fn next_line<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(writer)
    }

    fn indent<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        for _ in 0..self.depth {
            writer.write_all(INDENT)?;
        }
        Ok(())
    }
}

impl Formatter for Nested {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        write_fragment(writer, fragment)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next_line(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.next_line(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn runner_commands_in_strings_are_escaped_and_parse_back() {
        let value = json!({"text": "a ##[error]b ###[c", "##[key": "x"});
        for text in [
            {
                let mut out = Vec::new();
                write_at(&mut out, 0, &value).unwrap();
                String::from_utf8(out).unwrap()
            },
            {
                let mut out = Vec::new();
                write_line(&mut out, &value).unwrap();
                String::from_utf8(out).unwrap()
            },
        ] {
            assert!(!text.contains("##["), "{text}");
            assert!(text.contains("##\\u005berror"), "{text}");
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&text).unwrap(),
                value
            );
        }
    }

    /// A value written at depth 2 is the whole document's text for that value, re-indented.
    #[test]
    fn nested_values_read_as_part_of_one_pretty_document() {
        let inner = json!({"a": [], "b": [1, {"c": {}}], "d": "x\ny", "e": null});
        let whole = serde_json::to_string_pretty(&json!({"files": [inner]})).unwrap();
        let mut piece = Vec::new();
        write_at(&mut piece, 2, &inner).unwrap();
        let piece = String::from_utf8(piece).unwrap();
        assert!(
            whole.contains(&format!("\n    {piece}\n")),
            "{whole}\n---\n{piece}"
        );
        let mut top = Vec::new();
        write_at(&mut top, 0, &inner).unwrap();
        assert_eq!(
            String::from_utf8(top).unwrap(),
            serde_json::to_string_pretty(&inner).unwrap()
        );
    }
}
