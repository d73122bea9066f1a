//! `coach review`: the answer itself, marked up the way a coach marks a draft. Each line of the
//! answer keeps its number and learns its section, the words that earned points and the notes
//! on the points lost there; points lost with no line (a missing section) learn where their fix
//! belongs; the spoken time is shared out by section; the costliest fixes come last.
//!
//! Pure, like the engine it reads: built from the report `engine::score` gave, the parsed
//! answer and its rubric, and drawn by `report::review` as text, HTML or JSON.

pub mod change;
pub mod locate;
pub mod place;
pub mod wording;

use crate::answer::{Answer, SectionName};
use crate::budget::{self, Budget};
use crate::engine;
use crate::report::{CheckResult, FileReport};
use crate::rubric::Rubric;
use crate::signals::Evidence;
use locate::Locator;
use place::Belongs;
use serde::Serialize;

/// How many of the costliest fixes end a review.
pub const TOP_FIXES: usize = 3;

/// One answer, marked up.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// What scoring found. JSON writes it as `coach score` does and adds the rest beside it.
    #[serde(skip)]
    pub report: FileReport,
    /// The score the answer is held to (the configuration's, else the rubric's pass score).
    pub pass_score: u32,
    pub lines: Vec<Line>,
    /// One note per check that lost points, in line order; those with no line come last.
    pub notes: Vec<Note>,
    pub budget: Budget,
    /// The ids of the checks whose fixes are worth the most points, costliest first.
    pub top_fixes: Vec<String>,
}

/// A line of the answer as it is in the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    #[serde(rename = "line")]
    pub number: usize,
    pub text: String,
    /// The sections the line is part of: none outside them, two under a combined label.
    pub sections: Vec<SectionName>,
    /// Words on this line that a check found, by character offsets into `text`.
    pub marks: Vec<Mark>,
}

/// Words of a line that a check found: evidence that earned points, or a pitfall that cost them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub check: String,
    pub kind: MarkKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MarkKind {
    Evidence,
    Pitfall,
}

/// A note in the margin: the points a check lost, why, and the fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub check: String,
    pub title: String,
    pub section: Option<SectionName>,
    pub points_lost: u32,
    pub max_points: u32,
    pub message: String,
    pub hint: String,
    /// The line the note stands at; `None` when the answer has no line for it.
    pub line: Option<usize>,
    /// Other lines it concerns: where else a pitfall was found.
    pub also_lines: Vec<usize>,
    /// The words that cost the points, for a pitfall.
    pub quotes: Vec<String>,
    /// For a note with no line: where its fix belongs.
    pub belongs: Option<Belongs>,
}

/// Missing parts whose fixes go at one place in the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub sections: Vec<SectionName>,
    pub points_lost: u32,
}

/// Bytes `start..end` of a line's text and how they are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub kind: Option<MarkKind>,
}

impl Line {
    /// The line cut where its marks start and end; where two overlap, a pitfall shows over
    /// evidence.
    pub fn segments(&self) -> Vec<Segment> {
        let chars: Vec<(usize, char)> = self.text.char_indices().collect();
        let mut kinds: Vec<Option<MarkKind>> = vec![None; chars.len()];
        for mark in &self.marks {
            for kind in kinds
                .iter_mut()
                .take(mark.end.min(chars.len()))
                .skip(mark.start)
            {
                *kind = (*kind).max(Some(mark.kind));
            }
        }
        let byte = |i: usize| chars.get(i).map_or(self.text.len(), |(at, _)| *at);
        let mut segments = Vec::new();
        let mut start = 0;
        for i in 1..=kinds.len() {
            if i == kinds.len() || kinds[i] != kinds[start] {
                segments.push(Segment {
                    start: byte(start),
                    end: byte(i),
                    kind: kinds[start],
                });
                start = i;
            }
        }
        segments
    }
}

impl Review {
    /// The notes that stand at `line`, and those that only point at it (a pitfall found there
    /// too), in that order.
    pub fn notes_at(&self, line: usize) -> impl Iterator<Item = (&Note, bool)> {
        let standing = self
            .notes
            .iter()
            .filter(move |n| n.line == Some(line))
            .map(|n| (n, true));
        let pointing = self
            .notes
            .iter()
            .filter(move |n| n.also_lines.contains(&line))
            .map(|n| (n, false));
        standing.chain(pointing)
    }

    /// The notes with no line, each with where its fix belongs.
    pub fn unplaced(&self) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(|n| n.line.is_none())
    }

    /// What goes at `place` of the missing parts: their sections and the points they cost.
    pub fn missing_at(&self, place: Belongs) -> Option<Gap> {
        let notes: Vec<&Note> = self
            .unplaced()
            .filter(|n| n.belongs == Some(place))
            .collect();
        if notes.is_empty() {
            return None;
        }
        let mut sections: Vec<SectionName> = notes
            .iter()
            .filter_map(|n| n.section.or_else(|| engine::home_section(&n.check)))
            .collect();
        sections.sort();
        sections.dedup();
        Some(Gap {
            sections,
            points_lost: notes.iter().map(|n| n.points_lost).sum(),
        })
    }

    /// The note of the check `id`.
    pub fn note(&self, id: &str) -> Option<&Note> {
        self.notes.iter().find(|n| n.check == id)
    }

    /// The notes of the fixes worth the most points, best first.
    pub fn top_fix_notes(&self) -> Vec<&Note> {
        self.top_fixes
            .iter()
            .filter_map(|id| self.note(id))
            .collect()
    }
}

/// The draft under review: the file it is in, where in the file, its parse and its rubric.
pub struct Draft<'a> {
    /// The whole file's text (LF line ends), and the first and last line of this answer in it.
    pub text: &'a str,
    pub first_line: usize,
    pub last_line: usize,
    pub answer: &'a Answer,
    pub rubric: &'a Rubric,
    pub pass_score: u32,
}

/// Marks up the answer `draft` describes with what `report` found in it.
pub fn build(report: FileReport, draft: &Draft) -> Review {
    let file_lines = file_lines(draft.text);
    let last_line = draft.last_line.min(file_lines.len());
    let first_line = draft.first_line.clamp(1, last_line.max(1));
    let mut lines: Vec<Line> = (first_line..=last_line)
        .map(|number| Line {
            number,
            text: file_lines[number - 1].to_string(),
            sections: draft
                .answer
                .sections
                .iter()
                .filter(|s| s.start_line <= number && number <= s.end_line)
                .map(|s| s.name)
                .collect(),
            marks: Vec::new(),
        })
        .collect();
    // Looked up in line order, so each line is joined with the next ones only once.
    let mut wanted: Vec<(&CheckResult, MarkKind, &Evidence)> = report
        .checks
        .iter()
        .filter_map(|check| mark_kind(check, draft.rubric).map(|kind| (check, kind)))
        .flat_map(|(check, kind)| check.evidence.iter().map(move |e| (check, kind, e)))
        .collect();
    wanted.sort_by_key(|(_, _, evidence)| evidence.line);
    let mut locator = Locator::new(&file_lines);
    for (check, kind, evidence) in wanted {
        for found in locator.find(evidence.line, &evidence.text) {
            if let Some(line) = found
                .line
                .checked_sub(first_line)
                .and_then(|i| lines.get_mut(i))
            {
                line.marks.push(Mark {
                    start: found.start,
                    end: found.end,
                    check: check.id.clone(),
                    kind,
                });
            }
        }
    }
    for line in &mut lines {
        line.marks.sort_by_key(|m| (m.start, m.end, m.kind));
    }
    let in_answer = |line: usize| (first_line..=last_line).contains(&line);
    let mut notes: Vec<Note> = report
        .checks
        .iter()
        .filter(|c| c.lost() > 0)
        .map(|check| note(check, draft, in_answer, last_line))
        .collect();
    notes.sort_by_key(|n| {
        (
            n.line.unwrap_or(usize::MAX),
            std::cmp::Reverse(n.points_lost),
        )
    });
    let top_fixes = report
        .top_fixes(TOP_FIXES)
        .iter()
        .map(|c| c.id.clone())
        .collect();
    Review {
        pass_score: draft.pass_score,
        lines,
        notes,
        budget: budget::measure(draft.answer, &draft.rubric.length),
        top_fixes,
        report,
    }
}

/// The file's lines; a final line feed ends the last line rather than starting another.
fn file_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    if lines.len() > 1 && lines.last() == Some(&"") {
        lines.pop();
    }
    lines
}

/// How a check's evidence is marked: the words of a check that earned points, or the words
/// of a pitfall that cost them. A pitfall within its allowance is not marked.
fn mark_kind(check: &CheckResult, rubric: &Rubric) -> Option<MarkKind> {
    let pitfall = rubric
        .check(&check.id)
        .is_some_and(|c| c.spec.at_most.is_some());
    match (pitfall, check.lost() > 0) {
        (true, true) => Some(MarkKind::Pitfall),
        (true, false) => None,
        (false, _) => (check.points > 0).then_some(MarkKind::Evidence),
    }
}

/// The note for a check that lost points.
fn note(
    check: &CheckResult,
    draft: &Draft,
    in_answer: impl Fn(usize) -> bool,
    last_line: usize,
) -> Note {
    let pitfall = mark_kind(check, draft.rubric) == Some(MarkKind::Pitfall);
    let line = check.line.filter(|l| in_answer(*l));
    let mut also_lines: Vec<usize> = Vec::new();
    let mut quotes = Vec::new();
    if pitfall {
        for evidence in &check.evidence {
            let elsewhere = Some(evidence.line) != line && in_answer(evidence.line);
            if elsewhere && !also_lines.contains(&evidence.line) {
                also_lines.push(evidence.line);
            }
            quotes.push(evidence.text.clone());
        }
    }
    let belongs = match line {
        Some(_) => None,
        None => Some(
            match check.section.or_else(|| engine::home_section(&check.id)) {
                Some(section) => place::belongs(&draft.answer.sections, section, last_line),
                None => Belongs::AfterLine(last_line),
            },
        ),
    };
    Note {
        check: check.id.clone(),
        title: check.title.clone(),
        section: check.section,
        points_lost: check.lost(),
        max_points: check.max_points,
        message: check.message.clone(),
        hint: finding_fix(check).unwrap_or_else(|| check.hint.clone()),
        line,
        also_lines,
        quotes,
        belongs,
    }
}

/// What a number or draft finding's own figures call for ("from 200 ms to 150 ms is a 25% cut,
/// not 60%"), which says more than its check's hint: the first finding's, where the note stands.
fn finding_fix(check: &CheckResult) -> Option<String> {
    check
        .evidence
        .first()
        .filter(|_| check.penalty)
        .and_then(|e| e.fix.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer;
    use crate::rubric;

    fn review(text: &str) -> Review {
        let rubric = rubric::load("infra-leadership").unwrap();
        let answer = answer::parse(text);
        let report = crate::engine::score("a.md", &answer, &rubric);
        build(
            report,
            &Draft {
                text,
                first_line: 1,
                last_line: usize::MAX,
                answer: &answer,
                rubric: &rubric,
                pass_score: rubric.pass_score,
            },
        )
    }

    const ANSWER: &str = "**Situation:** Deploys were slow and painful.\n\n**Task:** I owned making them faster.\n\n**Action:** I cached the builds and split the tests.\n\n**Result:** Deploys fell from 40 to 9 minutes. It significantly improved our velocity and the project was a big success.\n";

    #[test]
    fn every_line_keeps_its_number_and_section() {
        let review = review(ANSWER);
        assert_eq!(review.lines.len(), 7);
        let sections: Vec<Vec<SectionName>> =
            review.lines.iter().map(|l| l.sections.clone()).collect();
        assert_eq!(sections[0], [SectionName::Situation]);
        assert!(sections[1].is_empty(), "{sections:?}");
        assert_eq!(sections[6], [SectionName::Results]);
    }

    #[test]
    fn evidence_and_pitfalls_are_marked_on_their_line() {
        let review = review(ANSWER);
        let results = &review.lines[6];
        let marked: Vec<(&str, Option<MarkKind>)> = results
            .segments()
            .iter()
            .map(|s| (&results.text[s.start..s.end], s.kind))
            .collect();
        assert!(
            marked.contains(&("from 40 to 9 minutes,", Some(MarkKind::Evidence)))
                || marked
                    .iter()
                    .any(|(t, k)| t.contains("40 to 9") && *k == Some(MarkKind::Evidence)),
            "{marked:?}"
        );
        assert!(
            marked
                .iter()
                .any(|(t, k)| t.contains("significantly") && *k == Some(MarkKind::Pitfall)),
            "{marked:?}"
        );
        let joined: String = results
            .segments()
            .iter()
            .map(|s| &results.text[s.start..s.end])
            .collect();
        assert_eq!(joined, results.text);
    }

    /// A number finding is marked and noted like any pitfall, its note carrying what the
    /// numbers give; a draft's placeholders are marked, and the verdict says it is a draft.
    #[test]
    fn number_and_draft_findings_are_marked_and_noted_on_their_lines() {
        let text = "**Situation:** Deploys were slow.\n\n**Action:** I cached the builds.\n\n**Result:** I cut deploy time by 60%, from 20 to 15 minutes. TODO: add p95.\n";
        let review = review(text);
        let note = review.note("numbers.change-mismatch").expect("a note");
        assert_eq!(note.line, Some(5));
        assert!(
            note.hint
                .starts_with("From 20 to 15 minutes is a 25% cut, not 60%"),
            "{}",
            note.hint
        );
        let draft = review.note("draft.marker").expect("a note");
        assert_eq!(draft.line, Some(5));
        let marked: Vec<&str> = review.lines[4]
            .segments()
            .iter()
            .filter(|s| s.kind == Some(MarkKind::Pitfall))
            .map(|s| &review.lines[4].text[s.start..s.end])
            .collect();
        assert!(marked.iter().any(|m| m.contains("60%")), "{marked:?}");
        assert!(
            wording::standing(&review.report, review.pass_score).starts_with("a draft: fails"),
            "{}",
            wording::standing(&review.report, review.pass_score)
        );
    }

    #[test]
    fn a_missing_section_is_placed_after_the_part_before_it() {
        let review = review(
            "**Situation:** Deploys were slow.\n\n**Task:** I owned it.\n\n**Action:** I cached the builds.\n",
        );
        let note = review.note("results.present").expect("results are missing");
        assert_eq!(note.line, None);
        assert_eq!(note.belongs, Some(Belongs::AfterLine(5)));
        assert!(review.unplaced().any(|n| n.check == "results.present"));
        assert_eq!(review.top_fixes.len(), TOP_FIXES);
    }

    #[test]
    fn segments_cover_the_line_once() {
        let line = Line {
            number: 1,
            text: "ab é cd".into(),
            sections: vec![],
            marks: vec![
                Mark {
                    start: 1,
                    end: 4,
                    check: "x".into(),
                    kind: MarkKind::Evidence,
                },
                Mark {
                    start: 3,
                    end: 6,
                    check: "y".into(),
                    kind: MarkKind::Pitfall,
                },
            ],
        };
        let segments: Vec<(&str, Option<MarkKind>)> = line
            .segments()
            .iter()
            .map(|s| (&line.text[s.start..s.end], s.kind))
            .collect();
        assert_eq!(
            segments,
            [
                ("a", None),
                ("b ", Some(MarkKind::Evidence)),
                ("é c", Some(MarkKind::Pitfall)),
                ("d", None)
            ]
        );
        let empty = Line {
            text: String::new(),
            marks: vec![],
            ..line
        };
        assert!(empty.segments().is_empty());
    }
}
