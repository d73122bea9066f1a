//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it.
//!
//! Every check of the rubrics in use is a rule (title, why and fix from the rubric), and every
//! check that lost points is a result at its line, with a level from the check's severity.
//! A check an answer's comment or a `.coach.yaml` left out is a result too, carrying a
//! `suppressions` entry (`inSource` or `external`) that says who left it out, so code scanning
//! shows it as suppressed rather than not at all.
//! URIs are relative to the folder coach ran in, which in CI is the repository root, whatever
//! form a path was given in (`coach score "$PWD/answers"` too), and name that folder as their
//! base, `%SRCROOT%`: code scanning matches results to files by repository-relative URIs, and an
//! absolute path would also put the runner's layout in the report.

use super::neutral::name_bytes;
use super::render::{Render, RunEnd};
use super::{AnswerMeta, CheckResult, FileReport, SuppressedBy, Suppression, pretty};
use crate::rubric::model::Severity;
use crate::signals::Evidence;
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The base every URI is relative to: the folder coach ran in.
pub const SRCROOT: &str = "%SRCROOT%";

/// Results point at rules by index, and the rule list (every check of every rubric used) is
/// known only at the end; so each result is kept as a compact `Finding` and the document is
/// written in `finish`.
#[derive(Debug, Default)]
pub struct Sarif {
    /// The folder coach ran in, absolute, which absolute paths are made relative to.
    base: Option<PathBuf>,
    /// The checks results came from, first seen first, for rules no rubric in use has.
    checks: Vec<SeenCheck>,
    check_index: HashMap<String, usize>,
    /// Every finding's message, URI and answer name, end to end: a bank has hundreds of
    /// thousands of findings, and one buffer costs far less than three strings each.
    text: String,
    findings: Vec<Finding>,
}

/// What a rule needs from a check that is in no rubric in use.
#[derive(Debug)]
struct SeenCheck {
    id: String,
    title: String,
    hint: String,
    severity: Severity,
}

/// One result: a check that lost points. Text is a range of `Sarif::text`.
#[derive(Debug)]
struct Finding {
    /// Index into `Sarif::checks`.
    check: usize,
    severity: Severity,
    message: Range<usize>,
    uri: Range<usize>,
    line: usize,
    answer: Range<usize>,
    score: u32,
    lost: u32,
    /// For a check left out of the score: who left it out, and the justification's text.
    suppressed: Option<(SuppressedBy, Range<usize>)>,
}

impl Sarif {
    /// `base`: the folder coach ran in (absolute), which URIs are relative to.
    pub fn new(base: Option<PathBuf>) -> Sarif {
        Sarif {
            base,
            ..Sarif::default()
        }
    }

    /// The URI of a path as reports show it, relative to the base.
    fn uri(&self, path: &str) -> String {
        uri(&relative_to(path, self.base.as_deref()))
    }

    fn seen(&mut self, id: &str, title: &str, hint: &str, severity: Severity) -> usize {
        if let Some(&index) = self.check_index.get(id) {
            return index;
        }
        self.checks.push(SeenCheck {
            id: id.to_string(),
            title: title.to_string(),
            hint: hint.to_string(),
            severity,
        });
        self.check_index
            .insert(id.to_string(), self.checks.len() - 1);
        self.checks.len() - 1
    }

    /// A result for a check left out of the answer's score.
    fn suppressed(
        &mut self,
        file: &FileReport,
        meta: &AnswerMeta,
        ignored: &Suppression,
        uri: &Range<usize>,
        answer: &Range<usize>,
    ) -> Finding {
        Finding {
            check: self.seen(&ignored.id, &ignored.title, &ignored.hint, ignored.severity),
            severity: ignored.severity,
            message: self.keep(|text| {
                let _ = write!(
                    text,
                    "Not scored: {} ({} points) was left out by {}.",
                    ignored.id,
                    ignored.max_points,
                    ignored.origin()
                );
            }),
            uri: uri.clone(),
            line: match ignored.by {
                SuppressedBy::Comment => ignored.line.unwrap_or(meta.start_line),
                SuppressedBy::Config => meta.start_line,
            }
            .max(1),
            answer: answer.clone(),
            score: file.score,
            lost: 0,
            suppressed: Some((
                ignored.by,
                self.keep(|text| text.push_str(&ignored.origin())),
            )),
        }
    }

    /// Appends to `text`, returning where the appended part is.
    fn keep(&mut self, write: impl FnOnce(&mut String)) -> Range<usize> {
        let start = self.text.len();
        write(&mut self.text);
        start..self.text.len()
    }
}

impl Render for Sarif {
    fn answer(&mut self, _out: &mut Vec<u8>, file: &FileReport, meta: &AnswerMeta) {
        let lost: Vec<&CheckResult> = file.checks.iter().filter(|c| c.lost() > 0).collect();
        if lost.is_empty() && file.suppressed.is_empty() {
            return;
        }
        let relative = relative_to(&meta.file, self.base.as_deref());
        let uri = self.keep(|text| push_uri(text, &relative));
        let answer = self.keep(|text| text.push_str(&file.path));
        for check in lost {
            let rule = self.seen(&check.id, &check.title, &check.hint, check.severity);
            // A penalty's findings each sit on their own line; other checks are one result.
            let places: Vec<(usize, Option<&Evidence>)> = if check.penalty {
                check.evidence.iter().map(|e| (e.line, Some(e))).collect()
            } else {
                Vec::new()
            };
            let places = if places.is_empty() {
                vec![(check.line.unwrap_or(meta.start_line), None)]
            } else {
                places
            };
            for (line, evidence) in places {
                let finding = Finding {
                    check: rule,
                    severity: check.severity,
                    message: self.keep(|text| write_message(text, file, meta, check, evidence)),
                    uri: uri.clone(),
                    line: line.max(1),
                    answer: answer.clone(),
                    score: file.score,
                    lost: check.lost(),
                    suppressed: None,
                };
                self.findings.push(finding);
            }
        }
        for ignored in &file.suppressed {
            let finding = self.suppressed(file, meta, ignored, &uri, &answer);
            self.findings.push(finding);
        }
    }

    fn finish(&mut self, out: &mut dyn Write, end: &RunEnd) -> io::Result<()> {
        let mut rules = Rules::default();
        for rubric in end.rubrics {
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
        // Checks no rubric in use has become rules in the order results first name them.
        let rule_of: Vec<usize> = self
            .checks
            .iter()
            .map(|c| rules.add(&c.id, || rule(&c.id, &c.title, None, &c.hint, c.severity)))
            .collect();
        let notifications: Vec<Value> = end
            .errors
            .iter()
            .map(|e| {
                json!({
                    "level": "error",
                    "message": {"text": e.message},
                    "locations": [{"physicalLocation": {"artifactLocation": {
                        "uri": self.uri(&e.path),
                        "uriBaseId": SRCROOT,
                    }}}],
                })
            })
            .collect();
        let document = Document {
            schema: SCHEMA,
            runs: [Run {
                original_uri_base_ids: json!({SRCROOT: {
                    "description": {"text": "The folder coach ran in; in CI, the repository root."},
                }}),
                invocations: json!([{
                    "executionSuccessful": end.errors.is_empty(),
                    "toolExecutionNotifications": notifications,
                }]),
                results: Results {
                    sarif: self,
                    rule_of: &rule_of,
                },
                tool: json!({"driver": {
                    "name": "coach",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules.rules,
                }}),
            }],
            version: "2.1.0",
        };
        pretty::write_at(&mut *out, 0, &document)?;
        out.write_all(b"\n")
    }
}

/// The SARIF log; fields in sorted order, as the format has always had its keys.
#[derive(Serialize)]
struct Document<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
struct Run<'a> {
    invocations: Value,
    #[serde(rename = "originalUriBaseIds")]
    original_uri_base_ids: Value,
    results: Results<'a>,
    tool: Value,
}

struct Results<'a> {
    sarif: &'a Sarif,
    rule_of: &'a [usize],
}

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let sarif = self.sarif;
        serializer.collect_seq(sarif.findings.iter().map(|finding| ResultJson {
            finding,
            text: &sarif.text,
            id: &sarif.checks[finding.check].id,
            index: self.rule_of[finding.check],
        }))
    }
}

/// One result object, keys in sorted order.
struct ResultJson<'a> {
    finding: &'a Finding,
    text: &'a str,
    id: &'a str,
    index: usize,
}

impl Serialize for ResultJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let finding = self.finding;
        let text = |range: &Range<usize>| &self.text[range.clone()];
        let mut map = serializer.serialize_struct("result", 7)?;
        map.serialize_field("level", level(finding.severity))?;
        map.serialize_field(
            "locations",
            &[json!({"physicalLocation": {
                "artifactLocation": {"uri": text(&finding.uri), "uriBaseId": SRCROOT},
                "region": {"startLine": finding.line},
            }})],
        )?;
        map.serialize_field("message", &json!({"text": text(&finding.message)}))?;
        map.serialize_field(
            "properties",
            &json!({
                "answer": text(&finding.answer),
                "score": finding.score,
                "lostPoints": finding.lost,
            }),
        )?;
        map.serialize_field("ruleId", self.id)?;
        map.serialize_field("ruleIndex", &self.index)?;
        if let Some((by, justification)) = &finding.suppressed {
            let kind = match by {
                SuppressedBy::Comment => "inSource",
                SuppressedBy::Config => "external",
            };
            map.serialize_field(
                "suppressions",
                &[json!({"kind": kind, "justification": text(justification)})],
            )?;
        }
        map.end()
    }
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

fn write_message(
    text: &mut String,
    file: &FileReport,
    meta: &AnswerMeta,
    check: &CheckResult,
    evidence: Option<&Evidence>,
) {
    if meta.story.is_some() {
        let _ = write!(text, "[{}] ", file.path);
    }
    match evidence {
        Some(evidence) => {
            let _ = write!(
                text,
                "{} ({}/{} points; answer scores {}/100). Fix: {}",
                evidence.text,
                check.points,
                check.max_points,
                file.score,
                evidence.fix.as_deref().unwrap_or(&check.hint)
            );
        }
        None => {
            let _ = write!(
                text,
                "{} ({}/{} points; answer scores {}/100). Fix: {}",
                check.message, check.points, check.max_points, file.score, check.hint
            );
        }
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `path` relative to `base`: as given when it is relative (or there is no base), else by the
/// components the two share, with `..` for each of the base's that it does not.
fn relative_to(path: &str, base: Option<&Path>) -> String {
    let given = Path::new(path);
    let Some(base) = base.filter(|base| given.is_absolute() && base.is_absolute()) else {
        return path.to_string();
    };
    let ours: Vec<Component> = given.components().collect();
    let theirs: Vec<Component> = base.components().collect();
    let shared = ours.iter().zip(&theirs).take_while(|(a, b)| a == b).count();
    let parts: Vec<String> = std::iter::repeat_n("..".to_string(), theirs.len() - shared)
        .chain(
            ours[shared..]
                .iter()
                .map(|c| c.as_os_str().to_string_lossy().into_owned()),
        )
        .collect();
    if parts.is_empty() {
        ".".to_string()
    } else {
        parts.join("/")
    }
}

/// A relative URI reference for a path as reports show it: `/`-separated, the name's real
/// bytes (see [`name_bytes`]) with reserved ones percent-encoded.
pub fn uri(path: &str) -> String {
    let mut out = String::new();
    push_uri(&mut out, path);
    out
}

fn push_uri(out: &mut String, path: &str) {
    for byte in name_bytes(path) {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_spaces_and_hashes() {
        assert_eq!(uri("prep notes/a#1.md"), "prep%20notes/a%231.md");
        assert_eq!(uri("answers/ok-1.md"), "answers/ok-1.md");
        // Names that are not UTF-8 are shown `\xNN`; their URI carries the byte itself.
        assert_eq!(uri("answers/a\\xfe.md"), "answers/a%FE.md");
        assert_eq!(uri("answers/a\\\\xfe.md"), "answers/a%5Cxfe.md");
    }

    #[test]
    fn absolute_paths_become_relative_to_the_base() {
        let base = Some(Path::new("/repo/sub"));
        assert_eq!(relative_to("/repo/sub/answers/a.md", base), "answers/a.md");
        assert_eq!(relative_to("/repo/other/a.md", base), "../other/a.md");
        assert_eq!(relative_to("/elsewhere/a.md", base), "../../elsewhere/a.md");
        assert_eq!(relative_to("answers/a.md", base), "answers/a.md");
        assert_eq!(relative_to("/repo/a.md", None), "/repo/a.md");
    }
}
