//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it.
//!
//! Every check of the rubrics in use is a rule (title, why and fix from the rubric), and every
//! check that lost points is a result at its line, with a level from the check's severity.
//! URIs are relative to the folder coach ran in, which in CI is the repository root.

use super::{AnswerMeta, CheckResult, FileReport, RunReport};
use crate::rubric::Rubric;
use crate::rubric::model::Severity;
use serde_json::{Value, json};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Renders a run; `rubrics` are the rubrics the answers were scored with.
pub fn render(report: &RunReport, rubrics: &[&Rubric]) -> String {
    let mut rules = Rules::default();
    for rubric in rubrics {
        for check in &rubric.checks {
            let spec = &check.spec;
            rules.add(&spec.id, || {
                rule(
                    &spec.id,
                    &spec.title,
                    spec.why.as_deref(),
                    &spec.hint,
                    spec.severity,
                )
            });
        }
    }
    let mut results = Vec::new();
    for (file, meta) in report.answers() {
        for check in file.checks.iter().filter(|c| c.lost() > 0) {
            let index = rules.add(&check.id, || {
                rule(&check.id, &check.title, None, &check.hint, check.severity)
            });
            results.push(result(file, &meta, check, index));
        }
    }
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": {"text": e.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&e.path)}}}],
            })
        })
        .collect();
    let value = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "coach",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules.rules,
            }},
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&value).expect("sarif serialises");
    out.push('\n');
    out
}

/// Rules in first-seen order; a check id shared by two rubrics is one rule.
#[derive(Default)]
struct Rules {
    ids: Vec<String>,
    rules: Vec<Value>,
}

impl Rules {
    fn add(&mut self, id: &str, make: impl FnOnce() -> Value) -> usize {
        if let Some(index) = self.ids.iter().position(|known| known == id) {
            return index;
        }
        self.ids.push(id.to_string());
        self.rules.push(make());
        self.rules.len() - 1
    }
}

fn rule(id: &str, title: &str, why: Option<&str>, hint: &str, severity: Severity) -> Value {
    let full = why.unwrap_or(title);
    let help = match why {
        Some(why) => format!("{hint}\n\nWhy it matters: {why}"),
        None => hint.to_string(),
    };
    let markdown = match why {
        Some(why) => format!("**How to fix:** {hint}\n\n**Why it matters:** {why}"),
        None => format!("**How to fix:** {hint}"),
    };
    json!({
        "id": id,
        "name": id,
        "shortDescription": {"text": title},
        "fullDescription": {"text": full},
        "help": {"text": help, "markdown": markdown},
        "defaultConfiguration": {"level": level(severity)},
        "properties": {"tags": ["interview-answer"]},
    })
}

fn result(file: &FileReport, meta: &AnswerMeta, check: &CheckResult, index: usize) -> Value {
    let story = meta
        .story
        .as_ref()
        .map_or_else(String::new, |_| format!("[{}] ", file.path));
    json!({
        "ruleId": check.id,
        "ruleIndex": index,
        "level": level(check.severity),
        "message": {"text": format!(
            "{story}{} ({}/{} points; answer scores {}/100). Fix: {}",
            check.message, check.points, check.max_points, file.score, check.hint
        )},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri(&meta.file)},
            "region": {"startLine": check.line.unwrap_or(meta.start_line).max(1)},
        }}],
        "properties": {"answer": file.path, "score": file.score, "lostPoints": check.lost()},
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference for a path: `/`-separated, other reserved bytes percent-encoded.
pub fn uri(path: &str) -> String {
    let mut out = String::new();
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            b'\\' => out.push('/'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_spaces_and_hashes() {
        assert_eq!(uri("prep notes/a#1.md"), "prep%20notes/a%231.md");
        assert_eq!(uri("answers/ok-1.md"), "answers/ok-1.md");
    }
}
