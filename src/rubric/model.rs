//! The rubric file format, as written by people. Validation and compilation live in `compile`.

use crate::answer::SectionName;
use crate::signals::SignalId;
use serde::{Deserialize, Serialize};

/// A rubric file: what counts, how much, and the hint to give when it is missing.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RubricSpec {
    /// Short identifier used with `--rubric` and in reports.
    pub name: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Example questions this rubric is written for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    /// Score at or above which an answer passes (default 70).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_score: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grades: Option<GradeBands>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<LengthTarget>,
    pub checks: Vec<CheckSpec>,
}

/// Lowest score for each grade; below `mixed` is `weak`.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
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

/// How long the answer should take to say.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LengthTarget {
    #[serde(default = "default_wpm")]
    pub words_per_minute: u32,
    pub min_seconds: u32,
    pub max_seconds: u32,
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
        }
    }
}

/// Where a check looks: one section, or the whole answer.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
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
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    #[default]
    Warning,
    Info,
}

/// One check. Exactly one of `signal`, `keywords`, `pattern`, `section-present` and
/// `speaking-time` says what it looks for.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckSpec {
    /// Stable id, `section.name` by convention (`results.before-after`).
    pub id: String,
    pub title: String,
    #[serde(default = "default_scope")]
    pub section: Scope,
    pub points: u32,
    #[serde(default)]
    pub severity: Severity,
    /// The concrete fix shown when points are lost.
    pub hint: String,
    /// Why interviewers care; shown by `coach explain`.
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
    pub section_present: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaking_time: Option<bool>,

    /// Pass when at least this many pieces of evidence are found (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<u32>,
    /// Pass when at most this many are found (pitfalls: usually 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<u32>,
    /// Give proportional credit between none and the threshold (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<bool>,
}

fn default_scope() -> Scope {
    Scope::Any
}
