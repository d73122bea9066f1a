//! The bank summary: one row per answer (score, grade, biggest gap), then totals.

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
}

/// Running counts for [`Totals`], kept as answers go by.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    answers: usize,
    failed: usize,
    score_sum: u64,
    files: BTreeSet<String>,
}

impl Tally {
    pub fn add(&mut self, file: &FileReport, meta: &AnswerMeta) {
        self.answers += 1;
        self.failed += usize::from(!meta.passed);
        self.score_sum += u64::from(file.score);
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
    rows: Vec<[String; 6]>,
}

impl Summary {
    pub fn new() -> Summary {
        Summary::default()
    }
}

impl Render for Summary {
    fn answer(&mut self, _out: &mut Vec<u8>, file: &FileReport, meta: &AnswerMeta) {
        let gap = file
            .top_fixes(1)
            .first()
            .map_or_else(|| "-".to_string(), |c| format!("{} (-{})", c.id, c.lost()));
        let result = match (meta.passed, meta.from_baseline) {
            (true, _) => "pass".to_string(),
            (false, true) => format!("FAIL (< baseline {})", meta.bar),
            (false, false) => format!("FAIL (< {})", meta.bar),
        };
        self.rows.push([
            file.score.to_string(),
            file.grade.as_str().to_string(),
            result,
            file.rubric.clone(),
            file.path.clone(),
            gap,
        ]);
    }

    fn finish(&mut self, out: &mut dyn io::Write, end: &RunEnd) -> io::Result<()> {
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
            let rows = || std::iter::once(&header).chain(&self.rows);
            let widths: Vec<usize> = (0..6)
                .map(|i| rows().map(|r| r[i].chars().count()).max().unwrap_or(0))
                .collect();
            for row in rows() {
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
    if totals.errors > 0 {
        line.push_str(&format!(" ({})", plural(totals.errors, "error")));
    }
    line
}
