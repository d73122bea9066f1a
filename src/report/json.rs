//! `--format json`: the documented report format (README, "JSON output"). Add fields; never
//! rename them.
//!
//! Objects have their keys in sorted order, as they had when they were built as
//! `serde_json::Value` maps; they are now serialized straight from the reports, which is several
//! times cheaper than building a tree per answer and re-indenting it. The document itself lists
//! `files`, then `errors`, then `schema_version`, the order the design shows.

use super::render::{Render, RunEnd};
use super::{AnswerMeta, CheckResult, FileReport, SignalSummary, pretty};
use crate::answer::Section;
use crate::signals::{Evidence, SignalId};
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use std::collections::BTreeMap;
use std::io::{self, Write};

pub const SCHEMA_VERSION: u32 = 1;

/// Writes the document as answers arrive. The run's errors come after the files: an error can
/// turn up at any answer (an internal error is found only by scoring), so they are known only
/// at the end.
#[derive(Debug, Default)]
pub struct Json {
    files: usize,
}

impl Json {
    pub fn new() -> Json {
        Json::default()
    }
}

impl Render for Json {
    fn answer(&mut self, out: &mut Vec<u8>, file: &FileReport, _meta: &AnswerMeta) {
        let written = if self.files == 0 {
            out.write_all(b"{\n  \"files\": [\n    ")
        } else {
            out.write_all(b",\n    ")
        };
        written
            .and_then(|()| pretty::write_at(&mut *out, 2, &FileJson { file, meta: None }))
            .expect("writing JSON to memory cannot fail");
        self.files += 1;
    }

    fn finish(&mut self, out: &mut dyn Write, end: &RunEnd) -> io::Result<()> {
        if self.files == 0 {
            out.write_all(b"{\n  \"files\": []")?;
        } else {
            out.write_all(b"\n  ]")?;
        }
        out.write_all(b",\n  \"errors\": ")?;
        pretty::write_at(&mut *out, 1, &serde_json::to_value(end.errors)?)?;
        writeln!(out, ",\n  \"schema_version\": {SCHEMA_VERSION}\n}}")
    }
}

/// One answer's object. With `meta`, it also has the keys JSON Lines adds: `file`, `passed` and
/// `story`. Keys are written in sorted order.
pub struct FileJson<'a> {
    pub file: &'a FileReport,
    pub meta: Option<&'a AnswerMeta>,
}

impl Serialize for FileJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let file = self.file;
        let mut map = serializer.serialize_struct("file", 20)?;
        map.serialize_field("checks", &Each(&file.checks, CheckJson))?;
        map.serialize_field("config", &file.config)?;
        map.serialize_field("config_reason", &file.config_reason)?;
        map.serialize_field("draft", &file.is_draft())?;
        map.serialize_field("draft_allowed_by", &file.drafts_allowed)?;
        if let Some(meta) = self.meta {
            map.serialize_field("file", &meta.file)?;
        }
        map.serialize_field("grade", &file.grade)?;
        if let Some(meta) = self.meta {
            map.serialize_field("passed", &meta.passed)?;
        }
        map.serialize_field("path", &file.path)?;
        map.serialize_field("pitfalls", &SignalsJson(&file.pitfalls))?;
        map.serialize_field("rubric", &file.rubric)?;
        map.serialize_field("rubric_reason", &file.rubric_reason)?;
        map.serialize_field("score", &file.score)?;
        map.serialize_field("sections", &Each(&file.sections, SectionJson))?;
        map.serialize_field("signals", &SignalsJson(&file.signals))?;
        map.serialize_field("speaking_seconds", &file.speaking_seconds)?;
        if let Some(meta) = self.meta {
            map.serialize_field("story", &meta.story)?;
        }
        map.serialize_field("suppressed", &file.suppressed)?;
        map.serialize_field("warnings", &file.warnings)?;
        map.serialize_field("words", &file.words)?;
        map.end()
    }
}

/// A slice serialized as an array, each element through the wrapper `W` that sorts its keys.
struct Each<'a, T, W>(&'a [T], fn(&'a T) -> W);

impl<'a, T, W: Serialize> Serialize for Each<'a, T, W> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(self.1))
    }
}

struct CheckJson<'a>(&'a CheckResult);

impl Serialize for CheckJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let check = self.0;
        let mut map = serializer.serialize_struct("check", 11)?;
        map.serialize_field("evidence", &Each(&check.evidence, EvidenceJson))?;
        map.serialize_field("hint", &check.hint)?;
        map.serialize_field("id", &check.id)?;
        map.serialize_field("line", &check.line)?;
        map.serialize_field("max_points", &check.max_points)?;
        map.serialize_field("message", &check.message)?;
        map.serialize_field("penalty", &check.penalty)?;
        map.serialize_field("points", &check.points)?;
        map.serialize_field("section", check.section.map_or("any", |s| s.as_str()))?;
        map.serialize_field("status", &check.status)?;
        map.serialize_field("title", &check.title)?;
        map.end()
    }
}

/// Signals by key: sorted, and a repeated key keeps its last summary, as a map would.
struct SignalsJson<'a>(&'a [(SignalId, SignalSummary)]);

impl Serialize for SignalsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let by_key: BTreeMap<&str, SummaryJson> = self
            .0
            .iter()
            .map(|(id, summary)| (id.key(), SummaryJson(summary)))
            .collect();
        serializer.collect_map(by_key)
    }
}

struct SummaryJson<'a>(&'a SignalSummary);

impl Serialize for SummaryJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_struct("signal", 2)?;
        map.serialize_field("evidence", &Each(&self.0.evidence, EvidenceJson))?;
        map.serialize_field("present", &self.0.present)?;
        map.end()
    }
}

struct EvidenceJson<'a>(&'a Evidence);

impl Serialize for EvidenceJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let evidence = self.0;
        let mut map = serializer.serialize_struct("evidence", 3)?;
        // What a finding's own figures call for; only number and draft findings have one.
        match &evidence.fix {
            Some(fix) => map.serialize_field("fix", fix)?,
            None => map.skip_field("fix")?,
        }
        map.serialize_field("line", &evidence.line)?;
        map.serialize_field("text", &evidence.text)?;
        map.end()
    }
}

struct SectionJson<'a>(&'a Section);

impl Serialize for SectionJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let section = self.0;
        let mut map = serializer.serialize_struct("section", 4)?;
        map.serialize_field("end_line", &section.end_line)?;
        map.serialize_field("labelled", &section.labelled)?;
        map.serialize_field("name", &section.name)?;
        map.serialize_field("start_line", &section.start_line)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::SectionName;
    use crate::report::{Grade, Status};
    use crate::rubric::model::Severity;
    use serde_json::Value;

    fn evidence(line: usize, text: &str) -> Evidence {
        Evidence {
            line,
            text: text.into(),
            sections: Default::default(),
            fix: None,
        }
    }

    fn report() -> FileReport {
        FileReport {
            path: "a \"quoted\"\npath.md".into(),
            rubric: "star".into(),
            rubric_reason: String::new(),
            score: 42,
            grade: Grade::Mixed,
            words: 120,
            speaking_seconds: 50,
            sections: vec![Section {
                name: SectionName::Situation,
                start_line: 1,
                end_line: 3,
                labelled: true,
            }],
            signals: vec![
                (
                    SignalId::Slo,
                    SignalSummary {
                        present: true,
                        evidence: vec![evidence(2, "p99 under 200 ms")],
                    },
                ),
                (
                    SignalId::Metrics,
                    SignalSummary {
                        present: false,
                        evidence: Vec::new(),
                    },
                ),
            ],
            pitfalls: Vec::new(),
            checks: vec![CheckResult {
                id: "results.quantified".into(),
                title: "Results".into(),
                section: None,
                status: Status::Partial,
                points: 3,
                max_points: 10,
                message: "one number".into(),
                hint: "add another".into(),
                evidence: vec![evidence(4, "cut by 40%"), evidence(5, "é ünïcode")],
                line: Some(4),
                severity: Severity::Warning,
                penalty: false,
            }],
            warnings: vec!["front matter: bad".into()],
            suppressed: vec![crate::report::Suppression {
                by: crate::report::SuppressedBy::Comment,
                file: "a.md".into(),
                id: "pitfall.hedging".into(),
                line: Some(7),
                max_points: 5,
                title: "Hedging".into(),
                hint: "commit".into(),
                severity: Severity::Warning,
            }],
            config: Some("bank/.coach.yaml".into()),
            config_reason: "the nearest .coach.yaml above the answer".into(),
            draft_lines: Vec::new(),
            drafts_allowed: None,
        }
    }

    /// The sorted-key layout is what a `serde_json::Value` map gives: re-serializing the parsed
    /// output changes nothing, pretty or compact.
    #[test]
    fn objects_keep_sorted_keys_and_serde_json_layout() {
        let file = report();
        let mut pretty = Vec::new();
        pretty::write_at(
            &mut pretty,
            0,
            &FileJson {
                file: &file,
                meta: None,
            },
        )
        .unwrap();
        let text = String::from_utf8(pretty).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(serde_json::to_string_pretty(&value).unwrap(), text);
        assert_eq!(value["signals"]["slo"]["evidence"][0]["line"], 2);

        let meta = AnswerMeta {
            file: "a.md".into(),
            story: Some("s".into()),
            title: None,
            start_line: 1,
            bar: 70,
            from_baseline: false,
            passed: false,
        };
        let line = serde_json::to_string(&FileJson {
            file: &file,
            meta: Some(&meta),
        })
        .unwrap();
        let value: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(value.to_string(), line);
        assert_eq!(value["story"], "s");
    }

    /// The objects spell out the fields of types defined elsewhere; this fails when one of
    /// those types gains a serialized field the report does not write yet.
    #[test]
    fn borrowed_types_have_the_fields_written() {
        let keys =
            |value: Value| -> Vec<String> { value.as_object().unwrap().keys().cloned().collect() };
        let file = report();
        assert_eq!(
            keys(serde_json::to_value(&file.sections[0]).unwrap()),
            ["end_line", "labelled", "name", "start_line"]
        );
        assert_eq!(
            keys(serde_json::to_value(&file.checks[0].evidence[0]).unwrap()),
            ["line", "text"]
        );
        let with_fix = file.checks[0].evidence[0]
            .clone()
            .with_fix("from 200 to 150 ms is a 25% cut".into());
        assert_eq!(
            keys(serde_json::to_value(&with_fix).unwrap()),
            ["fix", "line", "text"]
        );
        assert_eq!(
            keys(serde_json::to_value(&file.signals[0].1).unwrap()),
            ["evidence", "present"]
        );
        assert_eq!(
            keys(serde_json::to_value(&file.suppressed[0]).unwrap()),
            ["by", "file", "id", "line", "max_points"]
        );
    }
}
