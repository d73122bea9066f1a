//! The bank summary: one row per answer (score, grade, biggest gap), then totals.

use super::RunReport;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table};
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

/// The summary table of `shown` (all answers, or only the failing ones) and the totals of `all`.
pub fn render(shown: &RunReport, all: &RunReport, width: u16) -> String {
    let mut out = String::new();
    if !shown.files.is_empty() {
        let mut table = Table::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width)
            .set_header(vec![
                "Answer",
                "Rubric",
                "Score",
                "Grade",
                "Result",
                "Biggest gap",
            ]);
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
            table.add_row(vec![
                file.path.clone(),
                file.rubric.clone(),
                file.score.to_string(),
                file.grade.as_str().to_string(),
                result,
                gap,
            ]);
        }
        // Paths and verdicts stay on one line so they can be copied; only the gap column wraps.
        for index in 0..5 {
            if let Some(column) = table.column_mut(index) {
                column.set_constraint(ColumnConstraint::ContentWidth);
            }
        }
        if let Some(column) = table.column_mut(2) {
            column.set_cell_alignment(CellAlignment::Right);
        }
        let _ = writeln!(out, "{table}");
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
