//! `coach review --format html`: the marked-up answer as one page to send to a mentor.
//!
//! Self-contained: the styles are in the page, there is no script, no font or image to fetch,
//! and a Content-Security-Policy forbids loading anything at all, so the page reads the same
//! offline and nothing an answer holds can make it reach out or run. Every string from outside
//! is made neutral as in the terminal ([`visible`]) and then escaped for HTML.

use crate::budget::{Budget, SectionTime, Verdict};
use crate::engine::clock;
use crate::report::html::{escape, head, text};
use crate::report::neutral::visible;
use crate::review::place::Belongs;
use crate::review::{Line, MarkKind, Note, Review, wording};
use std::borrow::Cow;
use std::fmt::Write;

/// The page for `reviews` (one per story of the file), titled after `title`.
pub fn render(title: &str, reviews: &[Review]) -> String {
    let mut out = String::new();
    head(&mut out, &format!("Review: {title}"), "coach review", STYLE);
    for review in reviews {
        article(&mut out, review);
    }
    out.push_str(
        "<footer class=\"colophon\">Written by <code>coach review</code>: a check's name is \
         explained by <code>coach explain CHECK</code>.</footer>\n</body>\n</html>\n",
    );
    out
}

fn article(out: &mut String, review: &Review) {
    let report = &review.report;
    let _ = write!(
        out,
        "<article>\n<header>\n<h1>{}</h1>\n<p class=\"meta\">rubric <b>{}</b> · <span class=\"score\">score {}/100</span> · \
         <span class=\"grade grade-{grade}\">{grade}</span> · {} words, about {} spoken</p>\n",
        text(&report.path),
        text(&report.rubric),
        report.score,
        report.words,
        clock(report.speaking_seconds),
        grade = report.grade.as_str(),
    );
    if !report.rubric_reason.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"reason\">rubric {}: {}</p>",
            text(&report.rubric),
            text(&report.rubric_reason)
        );
    }
    for warning in &report.warnings {
        let _ = writeln!(out, "<p class=\"warning\">warning: {}</p>", text(warning));
    }
    for ignored in &report.suppressed {
        let _ = writeln!(
            out,
            "<p class=\"warning\">ignored: {} ({} points, not scored), by {}</p>",
            text(&ignored.id),
            ignored.max_points,
            text(&ignored.origin())
        );
    }
    out.push_str(
        "<p class=\"legend\"><mark class=\"evidence\">earned points</mark> \
         <mark class=\"pitfall\">cost points</mark> · sections: \
         <span class=\"g situation\">S</span> situation, <span class=\"g task\">T</span> task, \
         <span class=\"g actions\">A</span> actions, <span class=\"g results\">R</span> results, \
         <span class=\"g reflection\">L</span> lesson</p>\n</header>\n<div class=\"answer\">\n",
    );
    for line in &review.lines {
        if let Some(here) = missing_here(review, Belongs::BeforeLine(line.number)) {
            out.push_str(&here);
        }
        row(out, review, line);
        if let Some(here) = missing_here(review, Belongs::AfterLine(line.number)) {
            out.push_str(&here);
        }
    }
    out.push_str("</div>\n");
    missing(out, review);
    budget(out, &review.budget);
    closing(out, review);
    out.push_str("</article>\n");
}

/// One line of the answer: number, gutter, marked text and its margin notes.
fn row(out: &mut String, review: &Review, line: &Line) {
    let section = line.sections.first().map_or("none", |s| s.as_str());
    let _ = write!(
        out,
        "<div class=\"row {section}\"><span class=\"no\">{}</span><span class=\"g {section}\">{}</span><div class=\"t\">{}</div><div class=\"notes\">",
        line.number,
        escape(&wording::gutter(&line.sections)),
        line_html(line)
    );
    for (note, standing) in review.notes_at(line.number) {
        if standing {
            note_html(out, note, None);
        } else {
            let _ = write!(
                out,
                "<p class=\"note pointer\">✎ {}</p>",
                text(&wording::pointer(note))
            );
        }
    }
    out.push_str("</div></div>\n");
}

/// A line's text with its marks; a line that must be shown escaped is shown whole, unmarked.
fn line_html(line: &Line) -> String {
    let shown = line.text.replace('\t', " ");
    if let Cow::Owned(escaped) = visible(&shown) {
        return format!("<code class=\"escaped\">{}</code>", escape(&escaped));
    }
    let mut out = String::new();
    for segment in line.segments() {
        let words = escape(&shown[segment.start..segment.end]);
        match segment.kind {
            None => out.push_str(&words),
            Some(MarkKind::Evidence) => {
                let _ = write!(out, "<mark class=\"evidence\">{words}</mark>");
            }
            Some(MarkKind::Pitfall) => {
                let _ = write!(out, "<mark class=\"pitfall\">{words}</mark>");
            }
        }
    }
    out
}

/// A margin note: the points and check, what was found, and the fix; with `place`, where the
/// fix goes.
fn note_html(out: &mut String, note: &Note, place: Option<String>) {
    let _ = write!(
        out,
        "<div class=\"note\"><p><b>✎ -{} {}</b>: {}</p>",
        note.points_lost,
        text(&note.check),
        text(&note.message)
    );
    if let Some(place) = place {
        let _ = write!(out, "<p class=\"place\">add it {}</p>", escape(&place));
    }
    let _ = write!(out, "<p class=\"fix\">fix: {}</p></div>", text(&note.hint));
}

/// The row where missing parts go, if any belong at `place`.
fn missing_here(review: &Review, place: Belongs) -> Option<String> {
    let gap = review.missing_at(place)?;
    Some(format!(
        "<div class=\"row here\"><span class=\"no\"></span><span class=\"g\"></span><div class=\"t\">✎ {}</div><div class=\"notes\"></div></div>\n",
        escape(&wording::gap(&gap))
    ))
}

fn missing(out: &mut String, review: &Review) {
    let notes: Vec<&Note> = review.unplaced().collect();
    if notes.is_empty() {
        return;
    }
    out.push_str("<section class=\"missing\">\n<h2>Missing</h2>\n");
    for note in notes {
        note_html(out, note, note.belongs.map(wording::belongs));
        out.push('\n');
    }
    out.push_str("</section>\n");
}

fn budget(out: &mut String, budget: &Budget) {
    let _ = writeln!(
        out,
        "<section class=\"budget\">\n<h2>Time budget</h2>\n<p>{}</p>",
        escape(&wording::total(budget))
    );
    if budget.seconds == 0 {
        out.push_str("<p>Nothing told yet.</p>\n</section>\n");
        return;
    }
    out.push_str("<table>\n");
    for section in &budget.sections {
        bar_row(out, section);
    }
    out.push_str("</table>\n<ul class=\"verdicts\">\n");
    for section in &budget.sections {
        if let Some(words) = wording::verdict(budget, section) {
            let class = if section.verdict == Verdict::Over {
                "over"
            } else {
                "under"
            };
            let _ = writeln!(
                out,
                "<li class=\"{class}\">{class}: {}</li>",
                escape(&words)
            );
        }
    }
    out.push_str("</ul>\n</section>\n");
}

/// A section's bar: the target range as a band, the spoken share over it.
fn bar_row(out: &mut String, section: &SectionTime) {
    let name = section.name.as_str();
    let band = section.target.map_or(String::new(), |r| {
        format!(
            "<span class=\"band\" style=\"left:{}%;width:{}%\"></span>",
            r.min,
            r.max.saturating_sub(r.min)
        )
    });
    let class = match section.verdict {
        Verdict::Over => "over",
        Verdict::Under => "under",
        _ => "within",
    };
    let verdict = match section.verdict {
        _ if !section.told => "not told",
        Verdict::Over => "over",
        Verdict::Under => "under",
        _ => "",
    };
    let _ = writeln!(
        out,
        "<tr><th><span class=\"g {name}\">{}</span> {name}</th><td class=\"track\"><div class=\"bar\">{band}<span class=\"fill {class}\" style=\"width:{:.1}%\"></span></div></td>\
         <td class=\"num\">{}</td><td class=\"num\">{}%</td><td>{}</td><td class=\"{class}\">{verdict}</td></tr>",
        wording::letter(section.name),
        (section.share * 100.0).clamp(0.0, 100.0),
        clock(section.seconds),
        section.percent,
        wording::range(section).map_or(String::new(), |r| format!("aim {r}")),
    );
}

fn closing(out: &mut String, review: &Review) {
    let report = &review.report;
    let passes = wording::standing(report, review.pass_score);
    let _ = writeln!(
        out,
        "<section class=\"closing\">\n<p class=\"final\">Score {}/100 · {} · {passes}</p>",
        report.score,
        report.grade.as_str()
    );
    let fixes = review.top_fix_notes();
    if fixes.is_empty() {
        out.push_str("<p>Nothing to fix: every check passed.</p>\n</section>\n");
        return;
    }
    out.push_str("<h2>Top fixes</h2>\n<ol>\n");
    for fix in fixes {
        let _ = writeln!(
            out,
            "<li><b>+{} {}</b> ({}): {}</li>",
            fix.points_lost,
            text(&fix.check),
            escape(&wording::place(fix)),
            text(&fix.hint)
        );
    }
    out.push_str("</ol>\n</section>\n");
}

/// The page's look: a draft on paper with a red pen in the margin. No line starts with `::`.
const STYLE: &str = r#"  :root { --paper: #fffdf8; --ink: #1f2328; --muted: #6e7781; --pen: #c0282d;
    --evidence: #dcf5dd; --pitfall: #ffd9d6; --rule: #e6dfd0;
    --situation: #3b6fd8; --task: #138a9e; --actions: #2f8a3e; --results: #9b3fb5; --reflection: #b7860b; }
  @media (prefers-color-scheme: dark) {
    :root { --paper: #1c1b19; --ink: #e8e6e1; --muted: #9a968d; --pen: #ff7b72;
      --evidence: #1f4a27; --pitfall: #5c2424; --rule: #3a3630; }
  }
  * { box-sizing: border-box; }
  body { margin: 0 auto; max-width: 78rem; padding: 2rem 1.5rem 3rem; background: var(--paper);
    color: var(--ink); font: 16px/1.55 Georgia, "Times New Roman", serif; }
  h1 { font: 600 1.35rem/1.3 system-ui, sans-serif; margin: 0 0 .3rem; overflow-wrap: anywhere; }
  h2 { font: 600 1.05rem system-ui, sans-serif; margin: 2rem 0 .6rem; }
  header p, .legend { margin: .2rem 0; color: var(--muted); font: .9rem system-ui, sans-serif; }
  .score { color: var(--ink); font-weight: 600; }
  .grade { padding: 0 .4em; border-radius: .3em; color: #fff; background: var(--muted); }
  .grade-strong { background: var(--actions); } .grade-good { background: var(--task); }
  .grade-mixed { background: var(--reflection); } .grade-weak { background: var(--pen); }
  .warning { color: var(--pen); }
  mark { color: inherit; border-radius: .2em; padding: 0 .1em; }
  mark.evidence { background: var(--evidence); }
  mark.pitfall { background: var(--pitfall); text-decoration: underline wavy var(--pen); }
  .answer { margin-top: 1.2rem; border-top: 1px solid var(--rule); }
  .row { display: grid; grid-template-columns: 3rem 2rem minmax(0, 1fr) minmax(15rem, 36%);
    column-gap: .8rem; border-bottom: 1px solid var(--rule); min-height: 1.6rem; }
  .no { text-align: right; color: var(--muted); font: .8rem/1.9 ui-monospace, monospace; }
  .g { font: 700 .8rem/1.9 ui-monospace, monospace; color: var(--muted); }
  .g.situation { color: var(--situation); } .g.task { color: var(--task); }
  .g.actions { color: var(--actions); } .g.results { color: var(--results); }
  .g.reflection { color: var(--reflection); }
  .t { white-space: pre-wrap; overflow-wrap: anywhere; padding: .05rem 0; }
  .row.here .t { color: var(--pen); font-style: italic; }
  code.escaped { font-size: .85em; color: var(--muted); }
  .notes { color: var(--pen); font: .88rem/1.45 "Segoe Print", "Bradley Hand", "Comic Neue", cursive;
    border-left: 2px solid var(--pen); padding-left: .6rem; }
  .notes:empty { border-left-color: transparent; }
  .note p { margin: .15rem 0; }
  .note .fix, .note .place { color: var(--ink); }
  .note.pointer { margin: .15rem 0; opacity: .75; }
  .missing .note { color: var(--pen); border-left: 2px solid var(--pen); padding-left: .6rem;
    margin: .5rem 0; font: .92rem/1.45 system-ui, sans-serif; }
  .budget table { border-collapse: collapse; font: .9rem system-ui, sans-serif; }
  .budget th { text-align: left; font-weight: 500; padding-right: 1rem; white-space: nowrap; }
  .budget td { padding: .2rem .5rem; }
  .track { width: 22rem; }
  .bar { position: relative; height: .9rem; background: var(--rule); border-radius: .2rem; }
  .band { position: absolute; top: 0; bottom: 0; background: rgba(47, 138, 62, .25);
    outline: 1px dashed var(--actions); }
  .fill { position: absolute; left: 0; top: .2rem; bottom: .2rem; border-radius: .15rem; background: var(--actions); }
  .fill.over { background: var(--pen); } .fill.under { background: var(--reflection); }
  td.over, li.over { color: var(--pen); } td.under, li.under { color: var(--reflection); }
  .num { text-align: right; font-variant-numeric: tabular-nums; }
  .verdicts { font: .9rem system-ui, sans-serif; }
  .closing .final { font: 600 1.1rem system-ui, sans-serif; }
  .closing li { margin: .3rem 0; } .closing b { color: var(--pen); }
  .colophon { margin-top: 3rem; color: var(--muted); font: .8rem system-ui, sans-serif; }
  @media (max-width: 50rem) {
    .row { grid-template-columns: 2.5rem 1.6rem minmax(0, 1fr); }
    .notes { grid-column: 3; border-left: 0; padding-left: 0; }
    .track { width: 10rem; }
  }
  @media print { body { max-width: none; padding: 0; } .row { break-inside: avoid; } }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_style_line_starts_a_runner_command() {
        assert!(STYLE.lines().all(|l| !l.starts_with("::")));
    }
}
