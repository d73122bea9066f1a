//! `--format json`: the documented report format (README, "JSON output"). Add fields; never
//! rename them.

use super::{CheckResult, FileReport, RunReport, SignalSummary};
use crate::signals::SignalId;
use serde_json::{Map, Value, json};
use std::io::{self, Write};

pub const SCHEMA_VERSION: u32 = 1;

pub fn render(report: &RunReport) -> String {
    let mut out = Vec::new();
    write(report, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// Writes the report as [`render`] does, one file at a time: a bank of thousands of answers
/// never exists as one JSON tree or one string. Keys are in sorted order, as `json!` sorts them.
pub fn write(report: &RunReport, out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"{\n  \"errors\": ")?;
    indented(out, &serde_json::to_value(&report.errors)?, 1)?;
    out.write_all(b",\n  \"files\": ")?;
    if report.files.is_empty() {
        out.write_all(b"[]")?;
    } else {
        out.write_all(b"[")?;
        for (i, report) in report.files.iter().enumerate() {
            out.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
            indented(out, &file(report), 2)?;
        }
        out.write_all(b"\n  ]")?;
    }
    writeln!(out, ",\n  \"schema_version\": {SCHEMA_VERSION}\n}}")
}

/// Pretty-prints `value` as if it sat `depth` levels deep in a pretty-printed document.
fn indented(out: &mut impl Write, value: &Value, depth: usize) -> io::Result<()> {
    let text = serde_json::to_vec_pretty(value)?;
    // Newlines inside JSON strings are escaped, so every raw newline starts a new line.
    for (i, line) in text.split(|b| *b == b'\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(&b"    "[..2 * depth])?;
        }
        out.write_all(line)?;
    }
    Ok(())
}

/// One file's object; also used for JSON Lines.
pub fn file(report: &FileReport) -> Value {
    json!({
        "path": report.path,
        "rubric": report.rubric,
        "rubric_reason": report.rubric_reason,
        "score": report.score,
        "grade": report.grade,
        "words": report.words,
        "speaking_seconds": report.speaking_seconds,
        "sections": report.sections,
        "signals": signal_map(&report.signals),
        "pitfalls": signal_map(&report.pitfalls),
        "checks": report.checks.iter().map(check).collect::<Vec<_>>(),
        "warnings": report.warnings,
    })
}

fn signal_map(signals: &[(SignalId, SignalSummary)]) -> Value {
    let mut map = Map::new();
    for (id, summary) in signals {
        map.insert(id.key().to_string(), json!(summary));
    }
    Value::Object(map)
}

fn check(check: &CheckResult) -> Value {
    json!({
        "id": check.id,
        "title": check.title,
        "section": check.section.map_or("any", |s| s.as_str()),
        "status": check.status,
        "points": check.points,
        "max_points": check.max_points,
        "line": check.line,
        "message": check.message,
        "hint": check.hint,
        "evidence": check.evidence,
    })
}
