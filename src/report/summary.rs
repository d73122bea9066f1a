//! The bank summary: one row per answer (score, grade, biggest gap), then totals.

use super::RunReport;
use std::collections::BTreeSet;
use std::fmt::Write;

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

pub fn totals(report: &RunReport) -> Totals {
    let files: BTreeSet<String> = report.answers().map(|(_, m)| m.file).collect();
    let failed = report.failed();
    let answers = report.files.len();
    let sum: u32 = report.files.iter().map(|f| f.score).sum();
    let mean = if answers == 0 {
        0.0
    } else {
        (f64::from(sum) * 10.0 / answers as f64).round() / 10.0
    };
    Totals {
        answers,
        files: files.len(),
        passed: answers - failed,
        failed,
        errors: report.errors.len(),
        mean,
    }
}

/// The summary rows of `shown` (all answers, or only the failing ones) and the totals of `all`.
///
/// Plain aligned columns rather than a boxed table: one line per answer, whatever the path
/// length, so it stays readable in CI logs and easy to grep.
pub fn render(shown: &RunReport, all: &RunReport) -> String {
    let mut rows = vec![[
        "Score".to_string(),
        "Grade".to_string(),
        "Result".to_string(),
        "Rubric".to_string(),
        "Answer".to_string(),
        "Biggest gap".to_string(),
    ]];
    for (file, meta) in shown.answers() {
        let gap = file
            .top_fixes(1)
            .first()
            .map_or_else(|| "-".to_string(), |c| format!("{} (-{})", c.id, c.lost()));
        let result = match (meta.passed, meta.from_baseline) {
            (true, _) => "pass".to_string(),
            (false, true) => format!("FAIL (< baseline {})", meta.bar),
            (false, false) => format!("FAIL (< {})", meta.bar),
        };
        rows.push([
            file.score.to_string(),
            file.grade.as_str().to_string(),
            result,
            file.rubric.clone(),
            file.path.clone(),
            gap,
        ]);
    }
    let mut out = String::new();
    if rows.len() > 1 {
        let widths: Vec<usize> = (0..6)
            .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
            .collect();
        for row in &rows {
            let mut line = format!("{:>width$}", row[0], width = widths[0]);
            for (cell, width) in row.iter().zip(&widths).skip(1).take(4) {
                let _ = write!(line, "  {cell:<width$}");
            }
            let _ = write!(line, "  {}", row[5]);
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    let _ = writeln!(out, "{}", totals_line(&totals(all)));
    out
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
