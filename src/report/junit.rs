//! `--format junit`: JUnit XML for CI dashboards. One test suite per answer, one test case per
//! check (a failure when it lost points) plus a `score` case that fails when the answer does,
//! and a skipped case for each check an ignore comment or a `.coach.yaml` left out.
//! No timestamps or durations, so the output is the same bytes on every run.

use super::render::{Render, RunEnd};
use super::{AnswerMeta, CheckResult, FileReport};
use std::fmt::Write;
use std::io;

/// The document opens with totals over every suite, so the answers' suites are kept as text
/// (the output itself, not the reports) and written at the end.
#[derive(Debug, Default)]
pub struct Junit {
    suites: String,
    tests: usize,
    failures: usize,
}

impl Junit {
    pub fn new() -> Junit {
        Junit::default()
    }
}

impl Render for Junit {
    fn answer(&mut self, _out: &mut Vec<u8>, file: &FileReport, meta: &AnswerMeta) {
        let (suite, cases, failed) = suite(file, meta);
        self.suites.push_str(&suite);
        self.tests += cases;
        self.failures += failed;
    }

    fn finish(&mut self, out: &mut dyn io::Write, end: &RunEnd) -> io::Result<()> {
        let mut errors = String::new();
        for error in end.errors {
            let _ = write!(
                errors,
                "  <testsuite name=\"{path}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n    <testcase name=\"read\" classname=\"{path}\">\n      <error message=\"{message}\"/>\n    </testcase>\n  </testsuite>\n",
                path = escape(&error.path),
                message = escape(&error.message)
            );
        }
        let head = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"coach\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
            self.tests + end.errors.len(),
            self.failures,
            end.errors.len()
        );
        out.write_all(head.as_bytes())?;
        out.write_all(std::mem::take(&mut self.suites).as_bytes())?;
        out.write_all(errors.as_bytes())?;
        out.write_all(b"</testsuites>\n")
    }
}

/// One answer's suite, with its number of cases and failures.
fn suite(file: &FileReport, meta: &AnswerMeta) -> (String, usize, usize) {
    let name = escape(&file.path);
    let mut cases = String::new();
    let mut failed = 0;
    let score_failure = (!meta.passed).then(|| {
        let bar = if meta.from_baseline {
            "baseline score"
        } else {
            "pass score"
        };
        let below = format!(
            "scored {}/100 ({}), below the {bar} of {}",
            file.score,
            file.grade.as_str(),
            meta.bar
        );
        match file.draft_note() {
            Some(note) if file.fails_as_draft() && file.score >= meta.bar => {
                format!("a draft: {note}")
            }
            Some(note) if file.fails_as_draft() => format!("{below}; a draft: {note}"),
            _ => below,
        }
    });
    failed += usize::from(score_failure.is_some());
    cases.push_str(&case(
        &name,
        &escape(&meta.file),
        meta.start_line,
        "score",
        score_failure.map(|m| (m, "error", String::new())),
    ));
    for check in &file.checks {
        let failure = (check.lost() > 0).then(|| failure(check));
        failed += usize::from(failure.is_some());
        cases.push_str(&case(
            &name,
            &escape(&meta.file),
            check.line.unwrap_or(meta.start_line),
            &check.id,
            failure,
        ));
    }
    for ignored in &file.suppressed {
        let _ = write!(
            cases,
            "    <testcase name=\"{}\" classname=\"{name}\" file=\"{}\" line=\"{}\">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
            escape(&ignored.id),
            escape(&meta.file),
            ignored.line.unwrap_or(meta.start_line),
            escape(&format!("left out of the score by {}", ignored.origin()))
        );
    }
    let skipped = file.suppressed.len();
    let count = file.checks.len() + 1 + skipped;
    let suite = format!(
        "  <testsuite name=\"{name}\" tests=\"{count}\" failures=\"{failed}\" errors=\"0\" skipped=\"{skipped}\">\n    <properties>\n      <property name=\"rubric\" value=\"{}\"/>\n      <property name=\"score\" value=\"{}\"/>\n      <property name=\"grade\" value=\"{}\"/>\n    </properties>\n{cases}  </testsuite>\n",
        escape(&file.rubric),
        file.score,
        file.grade.as_str()
    );
    (suite, count, failed)
}

/// (message, type, body) of a check that lost points.
fn failure(check: &CheckResult) -> (String, &'static str, String) {
    let mut body = format!(
        "{}/{} points: {}\nFix: {}",
        check.points, check.max_points, check.message, check.hint
    );
    for evidence in &check.evidence {
        body.push_str(&format!("\nL{}: {}", evidence.line, evidence.text));
        if let Some(fix) = &evidence.fix {
            body.push_str(&format!("\n  → {fix}"));
        }
    }
    let kind = match check.severity {
        crate::rubric::model::Severity::Error => "error",
        crate::rubric::model::Severity::Warning => "warning",
        crate::rubric::model::Severity::Info => "info",
    };
    (check.message.clone(), kind, body)
}

fn case(
    classname: &str,
    file: &str,
    line: usize,
    name: &str,
    failure: Option<(String, &str, String)>,
) -> String {
    let open = format!(
        "    <testcase name=\"{}\" classname=\"{classname}\" file=\"{file}\" line=\"{line}\"",
        escape(name)
    );
    match failure {
        None => format!("{open}/>\n"),
        Some((message, kind, body)) => {
            let body = if body.is_empty() {
                "/>".to_string()
            } else {
                format!(">{}</failure>", escape(&body))
            };
            format!(
                "{open}>\n      <failure message=\"{}\" type=\"{kind}\"{body}\n    </testcase>\n",
                escape(&message)
            )
        }
    }
}

/// Escapes text for XML attributes and content, and drops every character XML 1.0 cannot
/// carry (C0 controls but tab, line feed and carriage return; U+FFFE and U+FFFF), so one answer
/// or file name can never make the whole report unreadable. The `[` of `##[` is written as a
/// reference too, since CI logs often print the report and runners act on `##[`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // The last two characters written as themselves: a dropped character must not join a
    // `##` before it to a `[` after it.
    let mut previous = ['\0', '\0'];
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(' '),
            '[' if previous == ['#', '#'] => out.push_str("&#91;"),
            c if is_xml_char(c) => out.push(c),
            _ => continue,
        }
        previous = [previous[1], c];
    }
    out
}

/// XML 1.0's `Char` production (surrogates cannot occur in a Rust string).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{fffd}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape("a<b & \"c\"\u{1}\nd"),
            "a&lt;b &amp; &quot;c&quot;&#10;d"
        );
    }

    #[test]
    fn characters_xml_forbids_are_dropped() {
        assert_eq!(escape("a\u{fffe}b\u{ffff}c\u{1b}d\u{7f}"), "abcd\u{7f}");
        assert_eq!(escape("x ##[error]"), "x ##&#91;error]");
        // Found by the `render` fuzz target: dropped characters joined `##` to `[`.
        assert_eq!(escape("p##\u{10}\u{1}["), "p##&#91;");
    }
}
