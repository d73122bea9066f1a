//! `--format table`: the scored gap table a person reads.
//!
//! Every string from outside goes through [`visible`], and what one file can print is bounded:
//! at most [`TABLES_PER_FILE`] of its stories get a table, and evidence, messages and hints are
//! clipped, each with a note of what was left out.

use super::neutral::{clipped, visible};
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

/// Stories of one file shown as tables; a prep document rarely has more, and a file of
/// thousands of tiny stories would otherwise print megabytes.
pub const TABLES_PER_FILE: usize = 20;

/// Longest evidence, message or hint shown in a cell, in characters.
const CELL_CHARS: usize = 240;

/// Warnings and ignored checks listed under one answer's header.
const NOTES_SHOWN: usize = 10;

/// Every shown answer's table, a blank line between two; then, when the run scored several
/// answers, the bank summary.
pub struct Table {
    width: u16,
    tables: usize,
    /// The file whose answers are being written, its tables so far and those left out.
    file: String,
    file_tables: usize,
    left_out: usize,
    summary: Summary,
}

impl Table {
    pub fn new(width: u16) -> Table {
        Table {
            width,
            tables: 0,
            file: String::new(),
            file_tables: 0,
            left_out: 0,
            summary: Summary::new(),
        }
    }

    /// The line saying how many of the last file's answers got no table, if any did not.
    fn left_out_note(&mut self) -> Option<String> {
        let count = std::mem::take(&mut self.left_out);
        (count > 0).then(|| {
            format!(
                "\n… {count} more answer{} in {} not shown as tables (at most {TABLES_PER_FILE} a file); the summary lists them, --format json has them all\n",
                if count == 1 { "" } else { "s" },
                visible(&self.file)
            )
        })
    }
}

impl Render for Table {
    fn answer(&mut self, out: &mut Vec<u8>, file: &FileReport, meta: &AnswerMeta) {
        if meta.file != self.file {
            if let Some(note) = self.left_out_note() {
                out.extend_from_slice(note.as_bytes());
            }
            self.file.clone_from(&meta.file);
            self.file_tables = 0;
        }
        self.summary.answer(out, file, meta);
        if self.file_tables >= TABLES_PER_FILE {
            self.left_out += 1;
            return;
        }
        if self.tables > 0 {
            out.push(b'\n');
        }
        out.extend_from_slice(render_file(file, self.width).as_bytes());
        self.tables += 1;
        self.file_tables += 1;
    }

    fn finish(&mut self, out: &mut dyn io::Write, end: &RunEnd) -> io::Result<()> {
        if let Some(note) = self.left_out_note() {
            out.write_all(note.as_bytes())?;
        }
        if end.totals.answers <= 1 {
            return Ok(());
        }
        if self.tables > 0 {
            out.write_all(b"\n")?;
        }
        self.summary.finish(out, end)
    }
}

/// What opens a person's report on one answer (the gap table, the review): the score line,
/// why the rubric applied, the length, and any warnings and ignored checks.
pub fn header(file: &FileReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}  ·  rubric {}  ·  score {}/100  ·  {}{}",
        visible(&file.path),
        visible(&file.rubric),
        file.score,
        file.grade.as_str(),
        if file.is_draft() { "  ·  DRAFT" } else { "" }
    );
    if !file.rubric_reason.is_empty() {
        let _ = writeln!(
            out,
            "rubric {}: {}",
            visible(&file.rubric),
            visible(&clipped(&file.rubric_reason, CELL_CHARS))
        );
    }
    let _ = writeln!(
        out,
        "{} words, about {} spoken",
        file.words,
        clock(file.speaking_seconds)
    );
    if let Some(note) = file.draft_note() {
        let _ = writeln!(out, "draft: {}", visible(&note));
    }
    for warning in file.warnings.iter().take(NOTES_SHOWN) {
        let _ = writeln!(out, "warning: {}", visible(&clipped(warning, CELL_CHARS)));
    }
    if file.warnings.len() > NOTES_SHOWN {
        let _ = writeln!(
            out,
            "… {} more warnings (--format json lists them)",
            file.warnings.len() - NOTES_SHOWN
        );
    }
    for ignored in file.suppressed.iter().take(NOTES_SHOWN) {
        let _ = writeln!(
            out,
            "ignored: {} ({} points, not scored), by {}",
            visible(&ignored.id),
            ignored.max_points,
            visible(&clipped(&ignored.origin(), CELL_CHARS))
        );
    }
    if file.suppressed.len() > NOTES_SHOWN {
        let _ = writeln!(
            out,
            "… {} more ignored checks (--format json lists them)",
            file.suppressed.len() - NOTES_SHOWN
        );
    }
    out
}

pub fn render_file(file: &FileReport, width: u16) -> String {
    let mut out = header(file);
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
    // A penalty that found nothing is worth nothing either way: counted below, not listed.
    let (quiet, shown): (Vec<&CheckResult>, Vec<&CheckResult>) = file
        .checks
        .iter()
        .partition(|c| c.penalty && c.status == Status::Pass);
    for check in shown {
        table.add_row(vec![
            check.section.map_or("any", |s| s.as_str()).to_string(),
            visible(&check.id).into_owned(),
            status_label(check).to_string(),
            format!("{}/{}", check.points, check.max_points),
            detail(check),
        ]);
    }
    let _ = writeln!(out, "{table}");
    if !quiet.is_empty() {
        let _ = writeln!(out, "Found nothing: {}", families(&quiet));
    }
    let fixes = file.top_fixes(TOP_FIXES);
    if fixes.is_empty() {
        let _ = writeln!(out, "Nothing to fix: every check passed.");
    } else {
        let _ = writeln!(out, "Top fixes:");
        for (i, fix) in fixes.iter().enumerate() {
            let place = fix
                .line
                .map_or_else(|| "missing".to_string(), |l| format!("line {l}"));
            // A finding's own fix says more than the check's hint.
            let hint = fix
                .evidence
                .first()
                .and_then(|e| e.fix.as_deref())
                .filter(|_| fix.penalty)
                .unwrap_or(&fix.hint);
            let _ = writeln!(
                out,
                "  {}. +{} {} ({}): {}",
                i + 1,
                fix.lost(),
                visible(&fix.id),
                place,
                visible(&clipped(hint, CELL_CHARS))
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

/// "numbers.* (8), draft.* (5)": penalty checks by the family their ids open with.
fn families(checks: &[&CheckResult]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for check in checks {
        let family = check.id.split('.').next().unwrap_or(&check.id);
        match counts.iter_mut().find(|(f, _)| *f == family) {
            Some((_, n)) => *n += 1,
            None => counts.push((family, 1)),
        }
    }
    let listed: Vec<String> = counts
        .iter()
        .map(|(family, n)| format!("{}.* ({n})", visible(family)))
        .collect();
    format!(
        "{}, penalty checks that cost points only when they find something",
        listed.join(", ")
    )
}

/// Passing checks show their evidence; lost points show what was found, where, and the fix.
fn detail(check: &CheckResult) -> String {
    let mut lines = Vec::new();
    let shown = match (check.lost() > 0, check.penalty || is_pitfall(check)) {
        (true, true) if check.penalty => 5,
        (true, true) => 3,
        _ => 2,
    };
    for evidence in check.evidence.iter().take(shown) {
        let text = clipped(&evidence.text, CELL_CHARS);
        lines.push(format!("L{}: {}", evidence.line, visible(&text)));
        if let Some(fix) = &evidence.fix {
            lines.push(format!("  → {}", visible(&clipped(fix, CELL_CHARS))));
        }
    }
    if check.evidence.len() > shown {
        lines.push(format!("(+{} more)", check.evidence.len() - shown));
    }
    // A penalty's findings carry their own fixes; the count and the general hint add nothing.
    let fixed = check.penalty && check.evidence.iter().all(|e| e.fix.is_some());
    if fixed && !check.evidence.is_empty() {
        return lines.join("\n");
    }
    if check.evidence.is_empty() || check.lost() > 0 {
        let place = match (check.line, check.evidence.is_empty()) {
            (Some(line), true) => format!("L{line}: "),
            _ => String::new(),
        };
        lines.push(format!(
            "{place}{}",
            visible(&clipped(&check.message, CELL_CHARS))
        ));
    }
    if check.lost() > 0 {
        lines.push(format!(
            "fix: {}",
            visible(&clipped(&check.hint, CELL_CHARS))
        ));
    }
    lines.join("\n")
}

/// Pitfall checks (an at-most rule) list the offending lines first.
fn is_pitfall(check: &CheckResult) -> bool {
    check.id.starts_with("pitfall.")
}
