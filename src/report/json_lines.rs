//! `--format json-lines`: one JSON object per line, for streaming into other tools.
//!
//! An answer's line is its object from the JSON contract plus `file`, `story` and `passed`;
//! an input that could not be scored is `{"path": ..., "error": ...}`.

use super::json::FileJson;
use super::pretty::write_line;
use super::render::{Render, RunEnd};
use super::{AnswerMeta, FileReport};
use serde_json::json;
use std::io::{self, Write};

pub struct JsonLines;

impl Render for JsonLines {
    fn answer(&mut self, out: &mut Vec<u8>, file: &FileReport, meta: &AnswerMeta) {
        let line = FileJson {
            file,
            meta: Some(meta),
        };
        write_line(&mut *out, &line).expect("writing JSON to memory cannot fail");
        out.push(b'\n');
    }

    fn finish(&mut self, out: &mut dyn Write, end: &RunEnd) -> io::Result<()> {
        for error in end.errors {
            write_line(
                &mut *out,
                &json!({"path": error.path, "error": error.message}),
            )?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}
