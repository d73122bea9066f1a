//! The bank summary: one row per answer (score, grade, biggest gap), then totals.

use super::neutral::{clipped, visible};
use super::render::{Render, RunEnd};
use super::{AnswerMeta, FileReport};
use std::collections::BTreeSet;
use std::fmt::Write;
use std::io;

/// Counts over every answer of a run, whatever is shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Totals {
    pub answers: usize,
    pub files: usize,
    pub passed: usize,
    pub failed: usize,
    pub errors: usize,
    /// Mean score, rounded to one decimal; 0 with no answers.
    pub mean: f64,
    /// Checks left out of scores by ignore comments or configuration, over every answer.
    pub ignored: usize,
    /// Answers that still hold placeholders, allowed or not.
    pub drafts: usize,
}

/// Running counts for [`Totals`], kept as answers go by.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    answers: usize,
    failed: usize,
    score_sum: u64,
    ignored: usize,
    drafts: usize,
    files: BTreeSet<String>,
}

impl Tally {
    pub fn add(&mut self, file: &FileReport, meta: &AnswerMeta) {
        self.answers += 1;
        self.failed += usize::from(!meta.passed);
        self.score_sum += u64::from(file.score);
        self.ignored += file.suppressed.len();
        self.drafts += usize::from(file.is_draft());
        if !self.files.contains(&meta.file) {
            self.files.insert(meta.file.clone());
        }
    }

    pub fn failed(&self) -> usize {
        self.failed
    }

    pub fn totals(&self, errors: usize) -> Totals {
        let mean = if self.answers == 0 {
            0.0
        } else {
            (self.score_sum as f64 * 10.0 / self.answers as f64).round() / 10.0
        };
        Totals {
            answers: self.answers,
            files: self.files.len(),
            passed: self.answers - self.failed,
            failed: self.failed,
            errors,
            mean,
            ignored: self.ignored,
            drafts: self.drafts,
        }
    }
}

/// The summary rows of the answers it is shown (all, or only the failing ones) and the totals
/// of the run.
///
/// Plain aligned columns rather than a boxed table: one line per answer, whatever the path
/// length, so it stays readable in CI logs and easy to grep. Column widths depend on every row,
/// so the rows are kept (a few short strings each) and written at the end.
#[derive(Debug, Default)]
pub struct Summary {
    rows: Vec<Row>,
    /// The file of the last row, its rows so far and those left out.
    file: String,
    file_rows: usize,
    left_out: usize,
}

/// Rows shown for one file; the rest are counted in a line, so a file of thousands of tiny
/// stories cannot fill a log.
pub const ROWS_PER_FILE: usize = 100;

#[derive(Debug)]
enum Row {
    Answer([String; 6]),
    /// How many answers of a file were left out.
    LeftOut(String),
}

impl Summary {
    pub fn new() -> Summary {
        Summary::default()
    }

    fn close_file(&mut self) {
        let count = std::mem::take(&mut self.left_out);
        if count > 0 {
            self.rows.push(Row::LeftOut(format!(
                "… {count} more answer{} in {} (at most {ROWS_PER_FILE} rows a file; counted in the totals)",
                if count == 1 { "" } else { "s" },
                visible(&self.file)
            )));
        }
    }
}

impl Render for Summary {
    fn answer(&mut self, _out: &mut Vec<u8>, file: &FileReport, meta: &AnswerMeta) {
        if meta.file != self.file {
            self.close_file();
            self.file.clone_from(&meta.file);
            self.file_rows = 0;
        }
        if self.file_rows >= ROWS_PER_FILE {
            self.left_out += 1;
            return;
        }
        self.file_rows += 1;
        let gap = file.top_fixes(1).first().map_or_else(
            || "-".to_string(),
            |c| format!("{} (-{})", visible(&c.id), c.lost()),
        );
        let result = result(file, meta);
        self.rows.push(Row::Answer([
            file.score.to_string(),
            file.grade.as_str().to_string(),
            result,
            visible(&clipped(&file.rubric, 60)).into_owned(),
            visible(&file.path).into_owned(),
            gap,
        ]));
    }

    fn finish(&mut self, out: &mut dyn io::Write, end: &RunEnd) -> io::Result<()> {
        self.close_file();
        let mut text = String::new();
        if !self.rows.is_empty() {
            let header = [
                "Score",
                "Grade",
                "Result",
                "Rubric",
                "Answer",
                "Biggest gap",
            ];
            let header = header.map(str::to_string);
            let answers = self.rows.iter().filter_map(|row| match row {
                Row::Answer(cells) => Some(cells),
                Row::LeftOut(_) => None,
            });
            let widths: Vec<usize> = (0..6)
                .map(|i| {
                    std::iter::once(&header)
                        .chain(answers.clone())
                        .map(|r| r[i].chars().count())
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let rows = std::iter::once(Row::Answer(header.clone()));
            for row in rows.chain(std::mem::take(&mut self.rows)) {
                let row = match row {
                    Row::Answer(cells) => cells,
                    Row::LeftOut(line) => {
                        let _ = writeln!(text, "{line}");
                        continue;
                    }
                };
                let mut line = format!("{:>width$}", row[0], width = widths[0]);
                for (cell, width) in row.iter().zip(&widths).skip(1).take(4) {
                    let _ = write!(line, "  {cell:<width$}");
                }
                let _ = write!(line, "  {}", row[5]);
                let _ = writeln!(text, "{}", line.trim_end());
            }
        }
        let _ = writeln!(text, "{}", totals_line(&end.totals));
        out.write_all(text.as_bytes())
    }
}

/// "pass", "FAIL (< 60)", "FAIL (< baseline 72)", "FAIL (draft)", with ", draft" and
/// ", 2 ignored" when they apply: an answer's result as every bank view says it.
pub fn result(file: &FileReport, meta: &AnswerMeta) -> String {
    let below = file.score < meta.bar;
    let mut result = match (meta.passed, meta.from_baseline) {
        (true, _) => "pass".to_string(),
        (false, _) if !below => "FAIL (draft)".to_string(),
        (false, true) => format!("FAIL (< baseline {})", meta.bar),
        (false, false) => format!("FAIL (< {})", meta.bar),
    };
    if file.is_draft() && (below || meta.passed) {
        result.push_str(", draft");
    }
    if !file.suppressed.is_empty() {
        let _ = write!(result, ", {} ignored", file.suppressed.len());
    }
    result
}

/// "12 answers in 5 files: 9 passed, 3 failed, mean score 71.4 (1 error)".
pub fn totals_line(totals: &Totals) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let mut line = format!(
        "{} in {}: {} passed, {} failed, mean score {:.1}",
        plural(totals.answers, "answer"),
        plural(totals.files, "file"),
        totals.passed,
        totals.failed,
        totals.mean
    );
    if totals.ignored > 0 {
        line.push_str(&format!(", {} ignored", plural(totals.ignored, "check")));
    }
    if totals.drafts > 0 {
        line.push_str(&format!(", {}", plural(totals.drafts, "draft")));
    }
    if totals.errors > 0 {
        line.push_str(&format!(" ({})", plural(totals.errors, "error")));
    }
    line
}
