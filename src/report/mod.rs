//! What scoring produces, and one renderer per output format.

pub mod bank;
pub mod github;
pub mod html;
pub mod json;
pub mod json_lines;
pub mod junit;
pub mod neutral;
pub mod paint;
pub mod pretty;
pub mod render;
pub mod review;
pub mod sarif;
pub mod summary;
pub mod table;
pub mod wrap;

use crate::answer::{Section, SectionName};
use crate::rubric::model::{GradeBands, Severity};
use crate::signals::{Evidence, SignalId};
use serde::Serialize;

/// The 1–4 scale interviewers use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grade {
    Weak,
    Mixed,
    Good,
    Strong,
}

impl Grade {
    pub fn from_score(score: u32, bands: &GradeBands) -> Grade {
        if score >= bands.strong {
            Grade::Strong
        } else if score >= bands.good {
            Grade::Good
        } else if score >= bands.mixed {
            Grade::Mixed
        } else {
            Grade::Weak
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Weak => "weak",
            Grade::Mixed => "mixed",
            Grade::Good => "good",
            Grade::Strong => "strong",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Partial,
    Fail,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Partial => "partial",
            Status::Fail => "fail",
        }
    }
}

/// Whether a signal was found and the evidence for it.
#[derive(Debug, Clone, Serialize)]
pub struct SignalSummary {
    pub present: bool,
    pub evidence: Vec<Evidence>,
}

/// One rubric check's outcome.
#[derive(Debug, Clone)]
pub struct CheckResult {
    pub id: String,
    pub title: String,
    /// The section the check looks in; `None` for the whole answer.
    pub section: Option<SectionName>,
    pub status: Status,
    pub points: u32,
    pub max_points: u32,
    pub message: String,
    pub hint: String,
    pub evidence: Vec<Evidence>,
    /// The line to look at: the first evidence, or the section's start.
    pub line: Option<usize>,
    pub severity: Severity,
    /// A penalty check: worth nothing while it passes, its points lost when it fails.
    pub penalty: bool,
}

impl CheckResult {
    pub fn lost(&self) -> u32 {
        self.max_points - self.points
    }
}

/// Everything coach says about one answer.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub rubric: String,
    /// Why this rubric was used (named where, or which question it matched); empty if unsaid.
    pub rubric_reason: String,
    pub score: u32,
    pub grade: Grade,
    pub words: usize,
    pub speaking_seconds: u32,
    pub sections: Vec<Section>,
    pub signals: Vec<(SignalId, SignalSummary)>,
    pub pitfalls: Vec<(SignalId, SignalSummary)>,
    pub checks: Vec<CheckResult>,
    pub warnings: Vec<String>,
    /// Checks of the rubric left out of this answer's score, each with who left it out.
    pub suppressed: Vec<Suppression>,
    /// The `.coach.yaml` that applied, as reports show it; `None` when none did.
    pub config: Option<String>,
    /// Why that configuration (or none) applied; empty if unsaid.
    pub config_reason: String,
    /// The lines of the placeholders the draft checks found, in order: an answer with any is a
    /// draft, unfinished, and fails unless drafts are allowed.
    pub draft_lines: Vec<usize>,
    /// Who allowed this answer to be a draft (`status: draft` in its front matter, a
    /// `.coach.yaml`, `--allow-drafts`); `None` when nothing did.
    pub drafts_allowed: Option<String>,
}

impl FileReport {
    /// Whether the answer still holds placeholders.
    pub fn is_draft(&self) -> bool {
        !self.draft_lines.is_empty()
    }

    /// A draft that nothing allowed: it fails whatever it scores.
    pub fn fails_as_draft(&self) -> bool {
        self.is_draft() && self.drafts_allowed.is_none()
    }

    /// "placeholders on lines 3, 7 and 12: a draft fails until they are filled in …", or who
    /// allowed the draft.
    pub fn draft_note(&self) -> Option<String> {
        if !self.is_draft() {
            return None;
        }
        let count = self.draft_lines.len();
        let mut lines: Vec<String> = self
            .draft_lines
            .iter()
            .take(10)
            .map(usize::to_string)
            .collect();
        if count > 10 {
            lines.push(format!("{} more", count - 10));
        }
        let listed = match lines.as_slice() {
            [one] => format!("a placeholder on line {one}"),
            [init @ .., last] => format!("placeholders on lines {} and {last}", init.join(", ")),
            [] => String::new(),
        };
        let them = if count == 1 { "it is" } else { "they are" };
        Some(match &self.drafts_allowed {
            Some(by) => format!("{listed}; drafts allowed by {by}"),
            None => format!(
                "{listed}: a draft fails until {them} filled in (`status: draft` in its front matter allows it)"
            ),
        })
    }

    /// The checks that lost the most points, largest first (ties in rubric order).
    pub fn top_fixes(&self, count: usize) -> Vec<&CheckResult> {
        let mut lost: Vec<&CheckResult> = self.checks.iter().filter(|c| c.lost() > 0).collect();
        lost.sort_by_key(|c| std::cmp::Reverse(c.lost()));
        lost.truncate(count);
        lost
    }
}

/// A check left out of an answer's score. Never silent: every report format lists it, so a bar
/// lowered inside the bank shows in CI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppression {
    /// Who asked: `coach-ignore` (a comment in the answer) or `disable` (a `.coach.yaml`).
    pub by: SuppressedBy,
    /// The file that asked: the answer, or the configuration.
    pub file: String,
    pub id: String,
    /// The line that asked, when known.
    pub line: Option<usize>,
    /// What the check was worth.
    pub max_points: u32,
    #[serde(skip)]
    pub title: String,
    #[serde(skip)]
    pub hint: String,
    #[serde(skip)]
    pub severity: Severity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SuppressedBy {
    #[serde(rename = "coach-ignore")]
    Comment,
    #[serde(rename = "disable")]
    Config,
}

impl Suppression {
    /// "coach-ignore at line 12 of bank/a.md", "disable in bank/.coach.yaml".
    pub fn origin(&self) -> String {
        match (self.by, self.line) {
            (SuppressedBy::Comment, Some(line)) => {
                format!("coach-ignore at line {line} of {}", self.file)
            }
            (SuppressedBy::Comment, None) => format!("coach-ignore in {}", self.file),
            (SuppressedBy::Config, Some(line)) => format!("disable at {}:{line}", self.file),
            (SuppressedBy::Config, None) => format!("disable in {}", self.file),
        }
    }
}

/// An input that could not be scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileError {
    pub path: String,
    pub message: String,
}

/// Where an answer sits in its file and whether it met its bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerMeta {
    /// The file the answer came from, as reports show it.
    pub file: String,
    /// The story's slug and title when the file holds several answers.
    pub story: Option<String>,
    pub title: Option<String>,
    /// The answer's first line in the file (1 for a whole file).
    pub start_line: usize,
    /// The score it had to reach: the threshold, or its recorded baseline score.
    pub bar: u32,
    /// True when `bar` comes from a baseline.
    pub from_baseline: bool,
    pub passed: bool,
}
