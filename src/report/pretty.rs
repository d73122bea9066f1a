//! serde_json's pretty layout (two-space indent) for a value that sits some levels deep in a
//! pretty-printed document, so a long document can be written piece by piece with the bytes
//! `serde_json::to_writer_pretty` would give for the whole.

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
