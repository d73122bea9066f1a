//! `--format github`: GitHub Actions workflow commands, shown as annotations on the diff.
//!
//! One annotation per check that lost points, at its line, one per answer that failed, and a
//! notice per check an ignore comment or a `.coach.yaml` left out of the score.
//! Values are escaped as the runner expects: `%`, CR and LF in messages, and also `:` and `,`
//! in properties, so an answer's text can never end or forge a command.

use super::render::{Render, RunEnd};
use super::{AnswerMeta, CheckResult, FileReport, SuppressedBy};
use crate::rubric::model::Severity;
use std::io::{self, Write};

pub struct Github;

impl Render for Github {
    fn answer(&mut self, out: &mut Vec<u8>, file: &FileReport, meta: &AnswerMeta) {
        if !meta.passed {
            let _ = writeln!(
                out,
                "{}",
                command(
                    "error",
                    &meta.file,
                    meta.start_line,
                    &format!("coach: {} scores {}/100", file.path, file.score),
                    &verdict(file, meta),
                )
            );
        }
        for check in file.checks.iter().filter(|c| c.lost() > 0) {
            let _ = writeln!(out, "{}", annotation(file, meta, check));
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
    format!(
        "Scores {}/100 ({}), below {bar}. Biggest gaps are annotated below.",
        file.score,
        file.grade.as_str()
    )
}

fn annotation(file: &FileReport, meta: &AnswerMeta, check: &CheckResult) -> String {
    let level = match check.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
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
