//! `coach review` in a terminal: the answer's own lines, numbered, with a gutter of section
//! letters, the words checks found marked, and a note at each line that lost points; then what
//! is missing and where it goes, the time budget, and the score with the fixes worth the most.
//!
//! Notes stand in a right-hand margin when the terminal is wide enough, else under their line.
//! In colour, earned words are green and costly ones red; in plain text they are «…» and ⟦…⟧.
//! Every line of the answer and every rubric string passes through [`visible`] first.

use crate::budget::{Budget, SectionTime, Verdict};
use crate::engine::clock;
use crate::report::neutral::visible;
use crate::report::paint::{self, Paint};
use crate::report::table;
use crate::report::wrap::{self, Row, Run, row_width, wrap};
use crate::review::place::Belongs;
use crate::review::{Line, MarkKind, Note, Review, wording};
use anstyle::Style;
use std::borrow::Cow;
use std::fmt::Write;

/// Narrowest text column beside a margin, and the margin's narrowest and widest.
const SIDE_TEXT_MIN: usize = 72;
const SIDE_NOTE_MIN: usize = 40;
const SIDE_NOTE_MAX: usize = 60;

/// Narrowest width drawn; a narrower terminal gets this and wraps it.
const MIN_WIDTH: usize = 40;

/// How wide the output may be and whether it is coloured.
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub width: usize,
    pub paint: Paint,
}

/// The whole review of one answer.
pub fn render(review: &Review, view: View) -> String {
    let view = View {
        width: view.width.max(MIN_WIDTH),
        ..view
    };
    let mut out = table::header(&review.report);
    out.push_str(&legend(view));
    out.push('\n');
    out.push_str(&answer_text(review, view));
    let missing = missing(review, view);
    if !missing.is_empty() {
        out.push('\n');
        out.push_str(&missing);
    }
    out.push('\n');
    out.push_str(&budget(&review.budget, view));
    out.push('\n');
    out.push_str(&closing(review, view));
    trim_line_ends(&out)
}

/// What the marks and letters mean.
fn legend(view: View) -> String {
    let p = view.paint;
    let (earned, cost) = if p.is_on() {
        (
            p.paint("earned points", paint::evidence()),
            p.paint("cost points", paint::pitfall()),
        )
    } else {
        ("«earned points»".to_string(), "⟦cost points⟧".to_string())
    };
    format!(
        "marks: {earned} {cost} · sections: S situation, T task, A actions, R results, L lesson, · none\n"
    )
}

/// The line-numbered answer with its notes and the places where missing parts go.
fn answer_text(review: &Review, view: View) -> String {
    let Some(last) = review.lines.last() else {
        return String::new();
    };
    let number_width = last.number.to_string().len().max(2);
    let gutter_width = review
        .lines
        .iter()
        .map(|l| wrap::width(&wording::gutter(&l.sections)))
        .max()
        .unwrap_or(1);
    let prefix_width = number_width + 1 + gutter_width + 3;
    let room = view.width.saturating_sub(prefix_width);
    let runs: Vec<Vec<Run>> = review
        .lines
        .iter()
        .map(|l| line_runs(l, view.paint))
        .collect();
    // The margin takes what the answer's longest line leaves, when that is enough for notes.
    let longest = runs
        .iter()
        .map(|r| r.iter().map(|run| wrap::width(&run.text)).sum::<usize>())
        .max()
        .unwrap_or(0);
    let side = !review.notes.is_empty() && room >= SIDE_TEXT_MIN + 3 + SIDE_NOTE_MIN;
    let (text_width, note_width) = if side {
        let text = longest.clamp(SIDE_TEXT_MIN, room - 3 - SIDE_NOTE_MIN);
        (text, (room - 3 - text).min(SIDE_NOTE_MAX))
    } else {
        (room, room)
    };
    let frame = Frame {
        paint: view.paint,
        number_width,
        gutter_width,
        text_width,
        side,
    };
    let mut out = String::new();
    for (line, runs) in review.lines.iter().zip(&runs) {
        for here in missing_here(review, Belongs::BeforeLine(line.number), text_width) {
            out.push_str(&frame.continuation(&here));
        }
        let text_rows = wrap(runs, text_width);
        let mut note_rows: Vec<Row> = Vec::new();
        for (note, standing) in review.notes_at(line.number) {
            note_rows.extend(note_rows_for(note, standing, note_width));
        }
        if side {
            let rows = text_rows.len().max(note_rows.len());
            for i in 0..rows {
                let text = text_rows.get(i).cloned().unwrap_or_default();
                let note = note_rows.get(i);
                out.push_str(&frame.row(i == 0, line, &text, note));
            }
        } else {
            for (i, text) in text_rows.iter().enumerate() {
                out.push_str(&frame.row(i == 0, line, text, None));
            }
            for note in &note_rows {
                out.push_str(&frame.continuation(note));
            }
        }
        for here in missing_here(review, Belongs::AfterLine(line.number), text_width) {
            out.push_str(&frame.continuation(&here));
        }
    }
    out
}

/// The columns every row of the answer shares.
struct Frame {
    paint: Paint,
    number_width: usize,
    gutter_width: usize,
    text_width: usize,
    side: bool,
}

impl Frame {
    /// One row: the line's number and gutter on its first row, its text, and a margin note.
    fn row(&self, first: bool, line: &Line, text: &Row, note: Option<&Row>) -> String {
        let p = self.paint;
        let (number, gutter) = if first {
            let gutter = wording::gutter(&line.sections);
            let style = line
                .sections
                .first()
                .map_or(paint::DIM, |s| paint::section(*s));
            let pad = self.gutter_width.saturating_sub(wrap::width(&gutter));
            (
                p.paint(
                    &format!("{:>w$}", line.number, w = self.number_width),
                    paint::DIM,
                ),
                format!("{}{}", p.paint(&gutter, style), " ".repeat(pad)),
            )
        } else {
            (" ".repeat(self.number_width), " ".repeat(self.gutter_width))
        };
        let mut out = format!("{number} {gutter} {} ", p.paint("│", paint::DIM));
        out.push_str(&paint_row(text, p));
        if let Some(note) = note.filter(|_| self.side) {
            let pad = self.text_width.saturating_sub(row_width(text));
            out.push_str(&" ".repeat(pad));
            out.push_str(&format!(" {} ", p.paint("┆", paint::DIM)));
            out.push_str(&paint_row(note, p));
        }
        out.push('\n');
        out
    }

    /// A row under the text, in the text column: a note below its line, or a missing part.
    fn continuation(&self, content: &Row) -> String {
        format!(
            "{} {} {} {}\n",
            " ".repeat(self.number_width),
            " ".repeat(self.gutter_width),
            self.paint.paint("│", paint::DIM),
            paint_row(content, self.paint)
        )
    }
}

/// A line's text as runs: marks styled (and bracketed in plain text). A line that must be
/// shown escaped is shown whole and unmarked, since its columns no longer match.
fn line_runs(line: &Line, p: Paint) -> Vec<Run> {
    // A tab is one column here: harmless, and no reason to show the whole line escaped.
    let shown = line.text.replace('\t', " ");
    if let Cow::Owned(escaped) = visible(&shown) {
        return vec![Run::plain(escaped)];
    }
    line.segments()
        .into_iter()
        .map(|segment| {
            let text = &shown[segment.start..segment.end];
            match segment.kind {
                None => Run::plain(text),
                Some(MarkKind::Evidence) if p.is_on() => Run::new(text, paint::evidence()),
                Some(MarkKind::Pitfall) if p.is_on() => Run::new(text, paint::pitfall()),
                Some(MarkKind::Evidence) => Run::plain(format!("«{text}»")),
                Some(MarkKind::Pitfall) => Run::plain(format!("⟦{text}⟧")),
            }
        })
        .collect()
}

/// A note's rows at `width`: "✎ -12 id: message", then "fix: …" under it. Where a pitfall was
/// found again, only a pointer to the line with its points.
fn note_rows_for(note: &Note, standing: bool, width: usize) -> Vec<Row> {
    if !standing {
        return hanging(
            "✎ ",
            &[Run::new(visible(&wording::pointer(note)), paint::note())],
            width,
        );
    }
    let mut rows = hanging("✎ ", &note_head(note), width);
    rows.extend(hanging(
        "  ",
        &[
            Run::new("fix: ", paint::BOLD),
            Run::plain(visible(&note.hint)),
        ],
        width,
    ));
    rows
}

/// "-12 results.quantified" in the red pen, then ": message".
fn note_head(note: &Note) -> Vec<Run> {
    vec![
        Run::new(
            format!("-{} {}", note.points_lost, visible(&note.check)),
            paint::note(),
        ),
        Run::plain(format!(": {}", visible(&note.message))),
    ]
}

/// `runs` wrapped with `lead` before the first row and as many spaces before the others.
fn hanging(lead: &str, runs: &[Run], width: usize) -> Vec<Row> {
    let indent = wrap::width(lead);
    // A lead that holds the pen (✎) is in the pen's colour; an indent is only spaces.
    let lead_style = if lead.contains('✎') {
        paint::note()
    } else {
        Style::new()
    };
    wrap(runs, width.saturating_sub(indent))
        .into_iter()
        .enumerate()
        .map(|(i, mut row)| {
            let start = if i == 0 {
                Run::new(lead, lead_style)
            } else {
                Run::plain(" ".repeat(indent))
            };
            row.insert(0, start);
            row
        })
        .collect()
}

/// The rows saying which missing parts go at `place`, if any do.
fn missing_here(review: &Review, place: Belongs, width: usize) -> Vec<Row> {
    match review.missing_at(place) {
        Some(gap) => hanging("✎ ", &[Run::new(wording::gap(&gap), paint::note())], width),
        None => Vec::new(),
    }
}

/// The notes with no line, each with where its fix belongs.
fn missing(review: &Review, view: View) -> String {
    let mut out = String::new();
    for note in review.unplaced() {
        if out.is_empty() {
            out.push_str("Missing (no line to mark):\n");
        }
        let mut rows = hanging("  ✎ ", &note_head(note), view.width);
        if let Some(belongs) = note.belongs {
            rows.extend(hanging(
                "      ",
                &[Run::plain(format!("add it {}", wording::belongs(belongs)))],
                view.width,
            ));
        }
        rows.extend(hanging(
            "      ",
            &[
                Run::new("fix: ", paint::BOLD),
                Run::plain(visible(&note.hint)),
            ],
            view.width,
        ));
        for row in rows {
            out.push_str(&paint_row(&row, view.paint));
            out.push('\n');
        }
    }
    out
}

/// The time budget: one bar per section against its target share, then the sections over or
/// under their share, named.
fn budget(budget: &Budget, view: View) -> String {
    let p = view.paint;
    let mut out = format!("Time budget: {}\n", wording::total(budget));
    if budget.seconds == 0 {
        out.push_str("  nothing told yet\n");
        return out;
    }
    let cells = if view.width >= 80 { 30 } else { 20 };
    let _ = writeln!(
        out,
        "  {} spoken  {} beyond the target share  {} the target share not reached",
        p.paint("█", paint::within()),
        p.paint("▓", paint::over()),
        p.paint("░", paint::DIM)
    );
    for section in &budget.sections {
        let verdict = match section.verdict {
            _ if !section.told => "not told",
            Verdict::Over => "over",
            Verdict::Under => "under",
            Verdict::Within | Verdict::Untargeted => "",
        };
        let verdict_style = match section.verdict {
            Verdict::Over => paint::over(),
            Verdict::Under => paint::under(),
            _ => Style::new(),
        };
        let aim = wording::range(section).map_or(String::new(), |r| format!("aim {r}"));
        let _ = writeln!(
            out,
            "  {} {:<10}  {} {:>6} {:>4}  {:<11} {}",
            p.paint(
                &wording::letter(section.name).to_string(),
                paint::section(section.name)
            ),
            section.name.as_str(),
            bar(section, cells, p),
            if section.seconds == 0 && !section.told {
                "—".to_string()
            } else {
                clock(section.seconds)
            },
            format!("{}%", section.percent),
            aim,
            p.paint(verdict, verdict_style)
        );
    }
    if budget.outside_seconds > 0 {
        let _ = writeln!(
            out,
            "  {} {:<10}  {} {:>6}",
            p.paint("·", paint::DIM),
            "outside",
            " ".repeat(cells),
            clock(budget.outside_seconds)
        );
    }
    for (label, wanted) in [("over", Verdict::Over), ("under", Verdict::Under)] {
        for section in budget.sections.iter().filter(|s| s.verdict == wanted) {
            if let Some(words) = wording::verdict(budget, section) {
                let style = if wanted == Verdict::Over {
                    paint::over()
                } else {
                    paint::under()
                };
                for row in hanging(
                    "  ",
                    &[Run::new(format!("{label}: "), style), Run::plain(words)],
                    view.width,
                ) {
                    out.push_str(&paint_row(&row, p));
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// A section's share as `cells` cells for the whole answer: █ spoken within the target, ▓
/// spoken beyond it, ░ the rest of the target range, · the rest of the answer.
fn bar(section: &SectionTime, cells: usize, p: Paint) -> String {
    let per_cell = 100.0 / cells as f64;
    let filled = (section.share * cells as f64).round() as usize;
    let mut out = String::new();
    let mut run = String::new();
    let mut run_style = None;
    for i in 0..cells {
        let middle = (i as f64 + 0.5) * per_cell;
        let in_target = section
            .target
            .is_some_and(|r| middle >= f64::from(r.min) && middle <= f64::from(r.max));
        let beyond = section.target.is_some_and(|r| middle > f64::from(r.max));
        let (c, style) = if i < filled && beyond {
            ('▓', paint::over())
        } else if i < filled {
            (
                '█',
                if section.verdict == Verdict::Under {
                    paint::under()
                } else {
                    paint::within()
                },
            )
        } else if in_target {
            ('░', paint::DIM)
        } else {
            ('·', paint::DIM)
        };
        if run_style != Some(style) && !run.is_empty() {
            out.push_str(&p.paint(&run, run_style.unwrap_or_default()));
            run.clear();
        }
        run_style = Some(style);
        run.push(c);
    }
    out.push_str(&p.paint(&run, run_style.unwrap_or_default()));
    out
}

/// The score, the grade and the fixes worth the most points.
fn closing(review: &Review, view: View) -> String {
    let report = &review.report;
    let p = view.paint;
    let passes = wording::standing(report, review.pass_score);
    let mut out = format!(
        "{} · {} · {passes}\n",
        p.paint(&format!("Score {}/100", report.score), paint::BOLD),
        report.grade.as_str()
    );
    let fixes = review.top_fix_notes();
    if fixes.is_empty() {
        out.push_str("Nothing to fix: every check passed.\n");
        return out;
    }
    out.push_str("Top fixes:\n");
    for (i, fix) in fixes.iter().enumerate() {
        let lead = format!("  {}. ", i + 1);
        let runs = [
            Run::new(
                format!("+{} {}", fix.points_lost, visible(&fix.check)),
                paint::note(),
            ),
            Run::plain(format!(
                " ({}): {}",
                wording::place(fix),
                visible(&fix.hint)
            )),
        ];
        let indent = wrap::width(&lead);
        for (j, mut row) in wrap(&runs, view.width.saturating_sub(indent))
            .into_iter()
            .enumerate()
        {
            let start = if j == 0 {
                lead.clone()
            } else {
                " ".repeat(indent)
            };
            row.insert(0, Run::plain(start));
            out.push_str(&paint_row(&row, p));
            out.push('\n');
        }
    }
    out
}

fn paint_row(row: &Row, p: Paint) -> String {
    row.iter()
        .map(|run| p.paint(&run.text, run.style))
        .collect()
}

/// Drops the spaces an empty cell or a padded column leaves at the end of a line.
fn trim_line_ends(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        out.push_str(body.trim_end_matches(' '));
        out.push_str(end);
    }
    out
}
