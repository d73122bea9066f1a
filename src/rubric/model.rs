//! The rubric file format, as written by people. Validation and compilation live in `compile`.

use crate::answer::SectionName;
use crate::signals::SignalId;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A rubric file: what counts, how much, and the hint to give when it is missing.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RubricSpec {
    /// Base this rubric on another: a built-in name or a path relative to this file. Settings
    /// left out here are inherited; `checks` with a base's id replace that check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// Short identifier used with `--rubric` and in reports.
    pub name: String,
    /// One line saying which question the rubric is for.
    pub title: String,
    /// What a strong answer to this question contains.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Example questions this rubric is written for; a built-in's are examples the reading that
    /// picks a rubric is trained on (`examples/train_kinds.rs`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    /// Words a story of this kind tells ("outage", "disagreed", "convinced"); for a built-in,
    /// how often a story uses them is one of the things its kind is read by.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub story_words: Vec<String>,
    /// Score at or above which an answer passes (default 70).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = 100))]
    pub pass_score: Option<u32>,
    /// Lowest score for each grade (default strong 85, good 70, mixed 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grades: Option<GradeBands>,
    /// How long the answer should take to say (default 120-180 s at 150 words a minute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<LengthTarget>,
    /// Check ids of the base rubric to drop (needs `extends`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<String>,
    /// Changes to a few fields of base checks, by id (needs `extends`).
    #[serde(default, rename = "override", skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<CheckPatch>,
    /// The checks, in the order they are reported. With `extends`, new checks are appended.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<CheckSpec>,
}

/// Lowest score for each grade; below `mixed` is `weak`.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GradeBands {
    pub strong: u32,
    pub good: u32,
    pub mixed: u32,
}

impl Default for GradeBands {
    fn default() -> Self {
        GradeBands {
            strong: 85,
            good: 70,
            mixed: 50,
        }
    }
}

/// How long the answer should take to say, and how that time should be shared out.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LengthTarget {
    #[serde(default = "default_wpm")]
    pub words_per_minute: u32,
    pub min_seconds: u32,
    pub max_seconds: u32,
    /// The share of the spoken time each section should take, in percent (default: the usual
    /// STAR guidance, see docs/rubrics.md). `coach review` draws the time budget against it;
    /// a `time-budget: true` check scores it. `{}` sets no targets.
    #[serde(default = "Shares::usual")]
    pub shares: Shares,
}

fn default_wpm() -> u32 {
    150
}

impl Default for LengthTarget {
    fn default() -> Self {
        LengthTarget {
            words_per_minute: 150,
            min_seconds: 120,
            max_seconds: 180,
            shares: Shares::usual(),
        }
    }
}

/// A target share of the spoken time for each section; a section left out has none.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Shares {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub situation: Option<ShareRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<ShareRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<ShareRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<ShareRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reflection: Option<ShareRange>,
}

impl Shares {
    /// The usual STAR guidance: a short setup, most of the time on the speaker's own actions,
    /// a measured result and a brief lesson (sources in docs/rubrics.md).
    pub fn usual() -> Shares {
        let range = |min, max| Some(ShareRange { min, max });
        Shares {
            situation: range(5, 20),
            task: range(5, 15),
            actions: range(40, 65),
            results: range(10, 30),
            reflection: range(5, 15),
        }
    }

    /// The target for `section`, if the rubric sets one.
    pub fn get(&self, section: SectionName) -> Option<ShareRange> {
        match section {
            SectionName::Situation => self.situation,
            SectionName::Task => self.task,
            SectionName::Actions => self.actions,
            SectionName::Results => self.results,
            SectionName::Reflection => self.reflection,
        }
    }
}

/// The lowest and highest share of the spoken time a section should take, in percent.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ShareRange {
    #[schemars(range(max = 100))]
    pub min: u32,
    #[schemars(range(max = 100))]
    pub max: u32,
}

/// Where a check looks: one section, or the whole answer.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Any,
    Situation,
    Task,
    Actions,
    Results,
    Reflection,
}

impl Scope {
    pub fn section(self) -> Option<SectionName> {
        match self {
            Scope::Any => None,
            Scope::Situation => Some(SectionName::Situation),
            Scope::Task => Some(SectionName::Task),
            Scope::Actions => Some(SectionName::Actions),
            Scope::Results => Some(SectionName::Results),
            Scope::Reflection => Some(SectionName::Reflection),
        }
    }
}

/// How bad a failed check is, for SARIF levels and annotations.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    #[default]
    Warning,
    Info,
}

/// One check. Exactly one of `signal`, `keywords`, `pattern`, `terms`, `section-present`,
/// `speaking-time`, `time-budget` and `substance` says what it looks for.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckSpec {
    /// Stable id, `section.name` by convention (`results.before-after`).
    pub id: String,
    /// Short name shown in reports.
    pub title: String,
    /// The STAR section to look in, or `any` for the whole answer (default `any`).
    #[serde(default = "default_scope")]
    pub section: Scope,
    /// Points the check is worth; the score is points earned over points possible.
    pub points: u32,
    /// How bad a failure is, for annotations (default `warning`).
    #[serde(default)]
    pub severity: Severity,
    /// The concrete fix shown when points are lost.
    pub hint: String,
    /// Why interviewers care; shown by `coach explain`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// A sentence that passes, shown by `coach explain`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example_pass: Option<String>,
    /// A sentence that fails, shown by `coach explain`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example_fail: Option<String>,

    /// Count the evidence of a built-in detector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signal: Option<SignalId>,
    /// Count whole-word, case-insensitive matches of any of these words or phrases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keywords: Option<Vec<String>>,
    /// Count matches of this regular expression (case-insensitive), sentence by sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Count these words or phrases in any form of their words ("add alert" meets "added two
    /// new alerts"), in order within a clause, not negated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<Vec<String>>,
    /// `true`: pass when `section` is present (labelled or inferred).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section_present: Option<bool>,
    /// `true`: score the spoken length against the rubric's `length` target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaking_time: Option<bool>,
    /// `true`: score how the spoken time is shared out against `length.shares` (only
    /// `section`'s share when one is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_budget: Option<bool>,
    /// `true`: score the grade the answer's told words predict, read by a model learned from
    /// graded answers (full points at a good answer's words, none at a weak one's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substance: Option<bool>,

    /// Pass when at least this many pieces of evidence are found (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<u32>,
    /// Pass when at most this many are found (pitfalls: usually 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<u32>,
    /// Give proportional credit between none and the threshold (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<bool>,
    /// `true` (with `at-most`): a penalty. It adds nothing to the score while it passes and
    /// costs its points when it fails, so an answer without the problem scores as if the
    /// check were not there. For problems few answers have: impossible numbers, placeholders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub penalty: Option<bool>,
}

impl CheckSpec {
    /// Whether the check only ever costs points.
    pub fn is_penalty(&self) -> bool {
        self.penalty == Some(true)
    }
}

fn default_scope() -> Scope {
    Scope::Any
}

/// A change to a base rubric's check: the fields given replace the base's. Giving any of
/// `signal`, `keywords`, `pattern`, `terms`, `section-present`, `speaking-time`, `time-budget`
/// or `substance` replaces what the check looks for; giving `at-least` drops the base's
/// `at-most` and the other way round.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckPatch {
    /// Id of the base check to change.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<Scope>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example_pass: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example_fail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signal: Option<SignalId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keywords: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section_present: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaking_time: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_budget: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substance: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub penalty: Option<bool>,
}

impl CheckPatch {
    /// Applies the patch to `check` (whose id it names).
    pub fn apply(&self, check: &mut CheckSpec) {
        let replaces_matcher = self.signal.is_some()
            || self.keywords.is_some()
            || self.pattern.is_some()
            || self.terms.is_some()
            || self.section_present.is_some()
            || self.speaking_time.is_some()
            || self.time_budget.is_some()
            || self.substance.is_some();
        if replaces_matcher {
            check.signal = self.signal;
            check.keywords = self.keywords.clone();
            check.pattern = self.pattern.clone();
            check.terms = self.terms.clone();
            check.section_present = self.section_present;
            check.speaking_time = self.speaking_time;
            check.time_budget = self.time_budget;
            check.substance = self.substance;
        }
        if self.at_least.is_some() {
            check.at_least = self.at_least;
            check.at_most = None;
        }
        if self.at_most.is_some() {
            check.at_most = self.at_most;
            check.at_least = None;
        }
        fn set<T: Clone>(target: &mut T, value: &Option<T>) {
            if let Some(value) = value {
                *target = value.clone();
            }
        }
        fn set_opt<T: Clone>(target: &mut Option<T>, value: &Option<T>) {
            if value.is_some() {
                *target = value.clone();
            }
        }
        set(&mut check.title, &self.title);
        set(&mut check.section, &self.section);
        set(&mut check.points, &self.points);
        set(&mut check.severity, &self.severity);
        set(&mut check.hint, &self.hint);
        set_opt(&mut check.why, &self.why);
        set_opt(&mut check.example_pass, &self.example_pass);
        set_opt(&mut check.example_fail, &self.example_fail);
        set_opt(&mut check.partial, &self.partial);
        set_opt(&mut check.penalty, &self.penalty);
    }
}
