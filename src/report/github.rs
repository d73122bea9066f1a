//! `--format github`: GitHub Actions workflow commands, shown as annotations on the diff.
//!
//! One annotation per check that lost points, at its line, one per answer that failed, and a
//! notice per check an ignore comment or a `.coach.yaml` left out of the score.
//! Values are escaped as the runner expects: `%`, CR and LF in messages, and also `:` and `,`
//! in properties, so an answer's text can never end or forge a command.

use super::render::{Render, RunEnd};
use super::{AnswerMeta, CheckResult, FileReport, SuppressedBy};
use crate::rubric::model::Severity;
use crate::signals::Evidence;
use std::io::{self, Write};

pub struct Github;

impl Render for Github {
    fn answer(&mut self, out: &mut Vec<u8>, file: &FileReport, meta: &AnswerMeta) {
        if !meta.passed {
            let title = if file.score >= meta.bar {
                format!("coach: {} is a draft", file.path)
            } else {
                format!("coach: {} scores {}/100", file.path, file.score)
            };
            let _ = writeln!(
                out,
                "{}",
                command(
                    "error",
                    &meta.file,
                    meta.start_line,
                    &title,
                    &verdict(file, meta),
                )
            );
        }
        for check in file.checks.iter().filter(|c| c.lost() > 0) {
            if check.penalty && !check.evidence.is_empty() {
                // Each finding on its own line, with what its own figures call for.
                for evidence in &check.evidence {
                    let _ = writeln!(out, "{}", finding(file, meta, check, evidence));
                }
            } else {
                let _ = writeln!(out, "{}", annotation(file, meta, check));
            }
        }
        for ignored in &file.suppressed {
            let line = match ignored.by {
                SuppressedBy::Comment => ignored.line.unwrap_or(meta.start_line),
                SuppressedBy::Config => meta.start_line,
            };
            let _ = writeln!(
                out,
                "{}",
                command(
                    "notice",
                    &meta.file,
                    line,
                    &format!("coach {} not scored", ignored.id),
                    &format!(
                        "{}: {} ({} points) was left out of the score by {}.",
                        file.path,
                        ignored.id,
                        ignored.max_points,
                        ignored.origin()
                    ),
                )
            );
        }
    }

    fn finish(&mut self, out: &mut dyn Write, end: &RunEnd) -> io::Result<()> {
        for error in end.errors {
            writeln!(
                out,
                "::error file={},title={}::{}",
                escape_property(&error.path),
                escape_property("coach: cannot score"),
                escape_data(&error.message)
            )?;
        }
        Ok(())
    }
}

fn verdict(file: &FileReport, meta: &AnswerMeta) -> String {
    let bar = if meta.from_baseline {
        format!("its baseline score of {}", meta.bar)
    } else {
        format!("the pass score of {}", meta.bar)
    };
    let draft = match file.draft_note() {
        Some(note) if file.fails_as_draft() => format!(" Is a draft: {note}."),
        _ => String::new(),
    };
    if file.score >= meta.bar {
        return draft.trim_start().to_string();
    }
    format!(
        "Scores {}/100 ({}), below {bar}. Biggest gaps are annotated below.{draft}",
        file.score,
        file.grade.as_str()
    )
}

/// One finding of a penalty check, at its own line.
fn finding(
    file: &FileReport,
    meta: &AnswerMeta,
    check: &CheckResult,
    evidence: &Evidence,
) -> String {
    let story = meta
        .story
        .as_ref()
        .map_or_else(String::new, |_| format!("[{}] ", file.path));
    command(
        level(check.severity),
        &meta.file,
        evidence.line,
        &format!("coach {} (-{} points)", check.id, check.lost()),
        &format!(
            "{story}{}\nFix: {}",
            evidence.text,
            evidence.fix.as_deref().unwrap_or(&check.hint)
        ),
    )
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

fn annotation(file: &FileReport, meta: &AnswerMeta, check: &CheckResult) -> String {
    let level = level(check.severity);
    let story = meta
        .story
        .as_ref()
        .map_or_else(String::new, |_| format!("[{}] ", file.path));
    command(
        level,
        &meta.file,
        check.line.unwrap_or(meta.start_line),
        &format!("coach {} (-{} points)", check.id, check.lost()),
        &format!("{story}{}\nFix: {}", check.message, check.hint),
    )
}

fn command(level: &str, file: &str, line: usize, title: &str, message: &str) -> String {
    format!(
        "::{level} file={},line={line},title={}::{}",
        escape_property(file),
        escape_property(title),
        escape_data(message)
    )
}

/// Escapes a command's message.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`): the message escapes, plus `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_cannot_break_out_of_a_command() {
        assert_eq!(
            escape_data("50% done\r\n::error::x"),
            "50%25 done%0D%0A::error::x"
        );
        assert_eq!(escape_property("a,b: c%\n"), "a%2Cb%3A c%25%0A");
    }
}
