//! `--format json`: the documented report format (README, "JSON output"). Add fields; never
//! rename them.

use super::{CheckResult, FileReport, RunReport, SignalSummary};
use crate::signals::SignalId;
use serde_json::{Map, Value, json};

pub const SCHEMA_VERSION: u32 = 1;

pub fn render(report: &RunReport) -> String {
    let value = json!({
        "schema_version": SCHEMA_VERSION,
        "files": report.files.iter().map(file).collect::<Vec<_>>(),
        "errors": report.errors,
    });
    let mut out = serde_json::to_string_pretty(&value).expect("report serialises");
    out.push('\n');
    out
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
