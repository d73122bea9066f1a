//! `--format table`: the scored gap table a person reads.

use super::render::{Render, RunEnd};
use super::summary::Summary;
use super::{AnswerMeta, CheckResult, FileReport, Status};
use crate::engine::clock;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table as Grid};
use std::fmt::Write;
use std::io;

/// How many of the costliest fixes to list under each table.
const TOP_FIXES: usize = 3;

/// Every shown answer's table, a blank line between two; then, when the run scored several
/// answers, the bank summary.
pub struct Table {
    width: u16,
    tables: usize,
    summary: Summary,
}

impl Table {
    pub fn new(width: u16) -> Table {
        Table {
            width,
            tables: 0,
            summary: Summary::new(),
        }
    }
}

impl Render for Table {
    fn answer(&mut self, out: &mut Vec<u8>, file: &FileReport, meta: &AnswerMeta) {
        if self.tables > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(render_file(file, self.width).as_bytes());
        self.tables += 1;
        self.summary.answer(out, file, meta);
    }

    fn finish(&mut self, out: &mut dyn io::Write, end: &RunEnd) -> io::Result<()> {
        if end.totals.answers <= 1 {
            return Ok(());
        }
        if self.tables > 0 {
            out.write_all(b"\n")?;
        }
        self.summary.finish(out, end)
    }
}

pub fn render_file(file: &FileReport, width: u16) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  ·  rubric {}  ·  score {}/100  ·  {}",
        file.path,
        file.rubric,
        file.score,
        file.grade.as_str()
    );
    if !file.rubric_reason.is_empty() {
        let _ = writeln!(out, "rubric {}: {}", file.rubric, file.rubric_reason);
    }
    let _ = writeln!(
        out,
        "{} words, about {} spoken",
        file.words,
        clock(file.speaking_seconds)
    );
    for warning in &file.warnings {
        let _ = writeln!(out, "warning: {warning}");
    }
    let mut table = Grid::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(vec![
            "Section",
            "Check",
            "Status",
            "Points",
            "Evidence / fix",
        ]);
    for check in &file.checks {
        table.add_row(vec![
            check.section.map_or("any", |s| s.as_str()).to_string(),
            check.id.clone(),
            status_label(check).to_string(),
            format!("{}/{}", check.points, check.max_points),
            detail(check),
        ]);
    }
    let _ = writeln!(out, "{table}");
    let fixes = file.top_fixes(TOP_FIXES);
    if fixes.is_empty() {
        let _ = writeln!(out, "Nothing to fix: every check passed.");
    } else {
        let _ = writeln!(out, "Top fixes:");
        for (i, fix) in fixes.iter().enumerate() {
            let place = fix
                .line
                .map_or_else(|| "missing".to_string(), |l| format!("line {l}"));
            let _ = writeln!(
                out,
                "  {}. +{} {} ({}): {}",
                i + 1,
                fix.lost(),
                fix.id,
                place,
                fix.hint
            );
        }
    }
    out
}

fn status_label(check: &CheckResult) -> &'static str {
    match check.status {
        Status::Pass => "pass",
        Status::Partial => "partial",
        Status::Fail => "FAIL",
    }
}

/// Passing checks show their evidence; lost points show what was found, where, and the fix.
fn detail(check: &CheckResult) -> String {
    let mut lines = Vec::new();
    let shown = if check.lost() > 0 && is_pitfall(check) {
        3
    } else {
        2
    };
    for evidence in check.evidence.iter().take(shown) {
        lines.push(format!("L{}: {}", evidence.line, evidence.text));
    }
    if check.evidence.len() > shown {
        lines.push(format!("(+{} more)", check.evidence.len() - shown));
    }
    if check.evidence.is_empty() || check.lost() > 0 {
        let place = match (check.line, check.evidence.is_empty()) {
            (Some(line), true) => format!("L{line}: "),
            _ => String::new(),
        };
        lines.push(format!("{place}{}", check.message));
    }
    if check.lost() > 0 {
        lines.push(format!("fix: {}", check.hint));
    }
    lines.join("\n")
}

/// Pitfall checks (an at-most rule) list the offending lines first.
fn is_pitfall(check: &CheckResult) -> bool {
    check.id.starts_with("pitfall.")
}
