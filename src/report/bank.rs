//! `coach score BANK --format html`: one page for a team looking after a bank of answers.
//!
//! How scores spread (a chart drawn in inline SVG), the checks the bank most often loses
//! points on, which built-in question kinds have no answer yet, and every answer with its score,
//! grade and biggest gap. Self-contained like the review page: styles inline, no script, and a
//! policy that forbids fetching anything. Each answer is kept as one short row until the end,
//! never its report.

use super::html::{head, text};
use super::render::{Render, RunEnd};
use super::summary::{result, totals_line};
use super::{AnswerMeta, FileReport};
use crate::rubric::builtin;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::io;

/// Score bins of the chart: 0–9, 10–19, …, 90–100.
const BINS: usize = 10;

/// How many of the most often failed checks the page lists.
const TOP_CHECKS: usize = 12;

#[derive(Debug)]
struct Row {
    path: String,
    /// The file the answer is in, whose review page a linked bank page points to.
    file: String,
    score: u32,
    grade: &'static str,
    passed: bool,
    result: String,
    rubric: String,
    gap: Option<(String, u32)>,
}

/// How often one check lost points across the bank.
#[derive(Debug, Default)]
struct Losses {
    title: String,
    answers: usize,
    points: u64,
}

#[derive(Debug, Default)]
pub struct BankPage {
    /// Whether each answer links to its file's review page, written beside the bank page.
    linked: bool,
    rows: Vec<Row>,
    losses: BTreeMap<String, Losses>,
    /// The bars answers had to reach (a single one is drawn on the chart).
    bars: BTreeMap<u32, usize>,
}

impl BankPage {
    pub fn new() -> BankPage {
        BankPage::default()
    }

    /// A bank page whose answers link to their review pages, named by [`page_name`].
    pub fn linked() -> BankPage {
        BankPage {
            linked: true,
            ..BankPage::default()
        }
    }
}

/// The review page's file name for the answer file shown as `file`: its path with `/` as
/// `--` when that is plainly safe, else its safe characters and a hash of the whole path, so two
/// files never share a page and no name leaves the folder.
pub fn page_name(file: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    let plain = file.split('/').all(|part| {
        !part.is_empty()
            && part != "."
            && part != ".."
            && !part.contains("--")
            && part.chars().all(safe)
    });
    if plain {
        return format!("{}.html", file.replace('/', "--"));
    }
    let cleaned: String = file
        .chars()
        .map(|c| if safe(c) { c } else { '_' })
        .collect::<String>()
        .trim_start_matches(['.', '_'])
        .chars()
        .take(80)
        .collect();
    // The FNV-1a hash learned features are keyed by: stable across runs and machines.
    let hash = crate::linear::key(&[file]);
    format!("{cleaned}-{:08x}.html", hash as u32)
}

impl Render for BankPage {
    fn answer(&mut self, _out: &mut Vec<u8>, file: &FileReport, meta: &AnswerMeta) {
        for check in file.checks.iter().filter(|c| c.lost() > 0) {
            let losses = self.losses.entry(check.id.clone()).or_default();
            if losses.title.is_empty() {
                losses.title.clone_from(&check.title);
            }
            losses.answers += 1;
            losses.points += u64::from(check.lost());
        }
        if !meta.from_baseline {
            *self.bars.entry(meta.bar).or_default() += 1;
        }
        self.rows.push(Row {
            path: file.path.clone(),
            file: meta.file.clone(),
            score: file.score,
            grade: file.grade.as_str(),
            passed: meta.passed,
            result: result(file, meta),
            rubric: file.rubric.clone(),
            gap: file.top_fixes(1).first().map(|c| (c.id.clone(), c.lost())),
        });
    }

    fn finish(&mut self, out: &mut dyn io::Write, end: &RunEnd) -> io::Result<()> {
        let mut page = String::new();
        head(&mut page, "Answer bank", "coach score", STYLE);
        let _ = write!(
            page,
            "<header>\n<h1>Answer bank</h1>\n<p>{}</p>\n</header>\n",
            text(&totals_line(&end.totals))
        );
        self.distribution(&mut page);
        self.most_failed(&mut page);
        self.coverage(&mut page);
        self.answers(&mut page);
        if !end.errors.is_empty() {
            page.push_str("<section>\n<h2>Could not be scored</h2>\n<ul class=\"errors\">\n");
            for error in end.errors {
                let _ = writeln!(
                    page,
                    "<li><code>{}</code>: {}</li>",
                    text(&error.path),
                    text(&error.message)
                );
            }
            page.push_str("</ul>\n</section>\n");
        }
        page.push_str(
            "<footer>Written by <code>coach score --format html</code>; \
             <code>coach explain CHECK</code> says what a check looks for and how to fix it.</footer>\n\
             </body>\n</html>\n",
        );
        out.write_all(page.as_bytes())
    }
}

impl BankPage {
    /// A bar chart of the scores in tens, with the pass score drawn when every answer had the
    /// same one.
    fn distribution(&self, page: &mut String) {
        let mut counts = [0usize; BINS];
        for row in &self.rows {
            counts[(row.score as usize / 10).min(BINS - 1)] += 1;
        }
        let most = counts.iter().copied().max().unwrap_or(0).max(1);
        let (width, height, left, right, bottom, top) = (520.0, 210.0, 14.0, 16.0, 24.0, 30.0);
        let step = (width - left - right) / BINS as f64;
        let scale = (height - bottom - top) / most as f64;
        let _ = write!(
            page,
            "<section>\n<h2>Scores</h2>\n<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" \
             role=\"img\" aria-label=\"How many answers scored in each band of ten points\">\n"
        );
        for (bin, &count) in counts.iter().enumerate() {
            let x = left + bin as f64 * step;
            let h = count as f64 * scale;
            let y = height - bottom - h;
            let low = bin * 10;
            let high = if bin + 1 == BINS { 100 } else { low + 9 };
            let _ = writeln!(
                page,
                "<rect class=\"bin\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{h:.1}\">\
                 <title>{low}–{high}: {count}</title></rect>",
                x + 2.0,
                step - 4.0
            );
            if count > 0 {
                let _ = writeln!(
                    page,
                    "<text class=\"count\" x=\"{:.1}\" y=\"{:.1}\">{count}</text>",
                    x + step / 2.0,
                    y - 4.0
                );
            }
            let _ = writeln!(
                page,
                "<text class=\"axis\" x=\"{x:.1}\" y=\"{:.1}\">{low}</text>",
                height - 6.0
            );
        }
        let _ = writeln!(
            page,
            "<text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\">100</text>",
            width - right,
            height - 6.0
        );
        if let (1, Some(&bar)) = (self.bars.len(), self.bars.keys().next()) {
            let x = left + bar as f64 / 100.0 * (width - left - right);
            let _ = write!(
                page,
                "<line class=\"pass\" x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{:.1}\"/>\n\
                 <text class=\"pass-label\" x=\"{:.1}\" y=\"{:.1}\">pass {bar}</text>\n",
                height - bottom,
                x,
                12.0
            );
        }
        page.push_str("</svg>\n</section>\n");
    }

    /// The checks that lost points in the most answers, with the points they cost in all.
    fn most_failed(&self, page: &mut String) {
        page.push_str("<section>\n<h2>Checks most often failed</h2>\n");
        if self.losses.is_empty() {
            page.push_str("<p>No answer lost a point.</p>\n</section>\n");
            return;
        }
        let mut losses: Vec<(&String, &Losses)> = self.losses.iter().collect();
        losses.sort_by(|a, b| {
            (b.1.answers, b.1.points)
                .cmp(&(a.1.answers, a.1.points))
                .then(a.0.cmp(b.0))
        });
        page.push_str(
            "<table>\n<thead><tr><th>Check</th><th>What it asks</th>\
             <th class=\"num\">Answers</th><th class=\"num\">Points lost</th></tr></thead>\n<tbody>\n",
        );
        let total = self.rows.len().max(1);
        for (id, losses) in losses.into_iter().take(TOP_CHECKS) {
            let _ = writeln!(
                page,
                "<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">{} ({}%)</td>\
                 <td class=\"num\">{}</td></tr>",
                text(id),
                text(&losses.title),
                losses.answers,
                losses.answers * 100 / total,
                losses.points
            );
        }
        page.push_str("</tbody>\n</table>\n</section>\n");
    }

    /// How many answers each built-in question kind scored, and the kinds with none yet.
    fn coverage(&self, page: &mut String) {
        let mut per_rubric: BTreeMap<&str, usize> = BTreeMap::new();
        for row in &self.rows {
            *per_rubric.entry(row.rubric.as_str()).or_default() += 1;
        }
        page.push_str("<section>\n<h2>Question kinds</h2>\n<ul class=\"kinds\">\n");
        let mut missing = Vec::new();
        for name in builtin::names() {
            match per_rubric.get(name) {
                Some(count) => {
                    let _ = writeln!(
                        page,
                        "<li><code>{name}</code> {count} answer{}</li>",
                        if *count == 1 { "" } else { "s" }
                    );
                }
                None => missing.push(name),
            }
        }
        let others: usize = per_rubric
            .iter()
            .filter(|(name, _)| builtin::text(name).is_none())
            .map(|(_, count)| count)
            .sum();
        if others > 0 {
            let _ = writeln!(page, "<li>other rubrics: {others}</li>");
        }
        page.push_str("</ul>\n");
        if missing.is_empty() {
            page.push_str("<p>Every built-in question kind has an answer.</p>\n");
        } else {
            let names: Vec<String> = missing
                .iter()
                .map(|n| format!("<code>{n}</code>"))
                .collect();
            let _ = writeln!(
                page,
                "<p class=\"missing\">No answer yet: {}. <code>coach rubric show NAME</code> \
                 lists the questions each one covers.</p>",
                names.join(", ")
            );
        }
        page.push_str("</section>\n");
    }

    /// Every answer, in the order they were scored.
    fn answers(&self, page: &mut String) {
        page.push_str(
            "<section>\n<h2>Answers</h2>\n<table class=\"answers\">\n<thead><tr>\
             <th class=\"num\">Score</th><th>Grade</th><th>Result</th><th>Rubric</th>\
             <th>Answer</th><th>Biggest gap</th></tr></thead>\n<tbody>\n",
        );
        for row in &self.rows {
            let answer = if self.linked && row.file != "-" {
                format!(
                    "<a href=\"{}\">{}</a>",
                    text(&page_name(&row.file)),
                    text(&row.path)
                )
            } else {
                text(&row.path)
            };
            let gap = row.gap.as_ref().map_or_else(
                || "–".to_string(),
                |(id, lost)| format!("<code>{}</code> (−{lost})", text(id)),
            );
            let _ = writeln!(
                page,
                "<tr class=\"{}\"><td class=\"num\">{}</td><td><span class=\"grade grade-{}\">{}</span></td>\
                 <td>{}</td><td>{}</td><td class=\"path\">{}</td><td>{gap}</td></tr>",
                if row.passed { "passed" } else { "failed" },
                row.score,
                row.grade,
                row.grade,
                text(&row.result),
                text(&row.rubric),
                answer,
            );
        }
        page.push_str("</tbody>\n</table>\n</section>\n");
    }
}

const STYLE: &str = r#"  :root { --paper: #fffdf8; --ink: #1f2328; --muted: #6e7781; --pen: #c0282d;
    --rule: #e6dfd0; --bar: #3b6fd8; --strong: #2f8a3e; --good: #138a9e; --mixed: #b7860b; }
  @media (prefers-color-scheme: dark) {
    :root { --paper: #1c1b19; --ink: #e8e6e1; --muted: #9a968d; --pen: #ff7b72; --rule: #3a3630; }
  }
  * { box-sizing: border-box; }
  body { margin: 0 auto; max-width: 72rem; padding: 2rem 1.5rem 3rem; background: var(--paper);
    color: var(--ink); font: 15px/1.5 system-ui, sans-serif; }
  h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
  h2 { font-size: 1.05rem; margin: 2rem 0 .6rem; }
  header p, footer { color: var(--muted); }
  footer { margin-top: 3rem; font-size: .85rem; }
  table { border-collapse: collapse; width: 100%; }
  th { text-align: left; font-weight: 600; border-bottom: 2px solid var(--rule); padding: .3rem .5rem; }
  td { border-bottom: 1px solid var(--rule); padding: .3rem .5rem; vertical-align: top; }
  .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  .path { overflow-wrap: anywhere; }
  tr.failed td:first-child { color: var(--pen); font-weight: 600; }
  .grade { padding: 0 .4em; border-radius: .3em; color: #fff; background: var(--muted); }
  .grade-strong { background: var(--strong); } .grade-good { background: var(--good); }
  .grade-mixed { background: var(--mixed); } .grade-weak { background: var(--pen); }
  .chart { width: 100%; max-width: 40rem; height: auto; }
  .chart .bin { fill: var(--bar); }
  .chart text { fill: var(--muted); font-size: 11px; }
  .chart .count { text-anchor: middle; fill: var(--ink); }
  .chart .axis { text-anchor: middle; }
  .chart .pass { stroke: var(--pen); stroke-dasharray: 4 3; }
  .chart .pass-label { fill: var(--pen); text-anchor: middle; }
  .kinds { columns: 2; padding-left: 1.2rem; }
  .missing { color: var(--pen); }
  .errors code { overflow-wrap: anywhere; }
"#;

#[cfg(test)]
mod tests {
    use super::page_name;

    #[test]
    fn page_names_stay_in_the_folder_and_apart() {
        assert_eq!(page_name("answers/outage.md"), "answers--outage.md.html");
        assert_eq!(page_name("-"), "-.html");
        let outside = page_name("../../etc/passwd");
        assert!(
            !outside.contains('/') && !outside.starts_with('.'),
            "{outside}"
        );
        assert_ne!(page_name("a b.md"), page_name("a_b.md"));
        assert_ne!(page_name("a--b.md"), page_name("a/b.md"));
        assert!(!page_name("x/<script>.md").contains('<'));
    }

    #[test]
    fn no_style_line_starts_a_runner_command() {
        assert!(super::STYLE.lines().all(|l| !l.starts_with("::")));
    }
}
