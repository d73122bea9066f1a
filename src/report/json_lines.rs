//! `--format json-lines`: one JSON object per line, for streaming into other tools.
//!
//! An answer's line is its object from the JSON contract plus `file`, `story` and `passed`;
//! an input that could not be scored is `{"path": ..., "error": ...}`.

use super::{RunReport, json};
use serde_json::{Value, json};

pub fn render(report: &RunReport) -> String {
    let mut out = String::new();
    for (file, meta) in report.answers() {
        let mut value = json::file(file);
        if let Value::Object(map) = &mut value {
            map.insert("file".into(), json!(meta.file));
            map.insert("story".into(), json!(meta.story));
            map.insert("passed".into(), json!(meta.passed));
        }
        out.push_str(&value.to_string());
        out.push('\n');
    }
    for error in &report.errors {
        out.push_str(&json!({"path": error.path, "error": error.message}).to_string());
        out.push('\n');
    }
    out
}
