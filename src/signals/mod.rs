//! Detectors: what a senior interviewer listens for, and the pitfalls they wince at.
//!
//! Each detector lives in its own file, reads sentences (never bare keywords across the whole
//! text), and returns evidence a person can check: the line and the phrase that proved it.

pub mod before_after;
pub mod buzzwords;
pub mod guardrails;
pub mod hedging;
pub mod incident;
pub mod learning;
pub mod metrics;
pub mod overclaiming;
pub mod pattern;
pub mod ownership;
pub mod quantity;
pub mod slo;
pub mod stakeholders;
pub mod text;
pub mod tradeoff;
pub mod vague_impact;

use crate::answer::{Answer, SectionSet, Sentence};
use serde::{Deserialize, Serialize};

/// Every signal coach can detect. The first nine are the interviewer's checklist (and the
/// keys of `signals` in JSON); the rest are pitfalls (the keys of `pitfalls`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignalId {
    Metrics,
    #[serde(alias = "before_after")]
    BeforeAfter,
    Slo,
    Tradeoff,
    Incident,
    Stakeholders,
    Guardrails,
    Learning,
    Ownership,
    #[serde(alias = "vague_impact")]
    VagueImpact,
    Hedging,
    Buzzwords,
    Overclaiming,
    #[serde(alias = "hiding_behind_we")]
    HidingBehindWe,
}

impl SignalId {
    pub const ALL: [SignalId; 14] = [
        SignalId::Metrics,
        SignalId::BeforeAfter,
        SignalId::Slo,
        SignalId::Tradeoff,
        SignalId::Incident,
        SignalId::Stakeholders,
        SignalId::Guardrails,
        SignalId::Learning,
        SignalId::Ownership,
        SignalId::VagueImpact,
        SignalId::Hedging,
        SignalId::Buzzwords,
        SignalId::Overclaiming,
        SignalId::HidingBehindWe,
    ];

    /// The key used in JSON output (`before_after`, `vague_impact`, ...).
    pub fn key(self) -> &'static str {
        match self {
            SignalId::Metrics => "metrics",
            SignalId::BeforeAfter => "before_after",
            SignalId::Slo => "slo",
            SignalId::Tradeoff => "tradeoff",
            SignalId::Incident => "incident",
            SignalId::Stakeholders => "stakeholders",
            SignalId::Guardrails => "guardrails",
            SignalId::Learning => "learning",
            SignalId::Ownership => "ownership",
            SignalId::VagueImpact => "vague_impact",
            SignalId::Hedging => "hedging",
            SignalId::Buzzwords => "buzzwords",
            SignalId::Overclaiming => "overclaiming",
            SignalId::HidingBehindWe => "hiding_behind_we",
        }
    }

    /// True for the nine strengths (the keys of `signals` in JSON); false for pitfalls.
    pub fn is_strength(self) -> bool {
        (self as usize) < 9
    }

    pub fn parse(name: &str) -> Option<SignalId> {
        let name = name.replace('_', "-");
        SignalId::ALL
            .into_iter()
            .find(|id| id.key().replace('_', "-") == name)
    }
}

/// One piece of evidence: where it is and the words that proved it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub line: usize,
    pub text: String,
    #[serde(skip)]
    pub sections: SectionSet,
}

impl Evidence {
    /// Evidence for bytes `start..end` of a sentence, widened to whole words for reading.
    pub fn from_span(sentence: &Sentence, start: usize, end: usize) -> Evidence {
        Evidence {
            line: sentence.line_at(start),
            text: text::snippet(&sentence.text, start, end),
            sections: sentence.sections,
        }
    }

    /// Evidence that is the whole sentence (shortened if long).
    pub fn sentence(sentence: &Sentence) -> Evidence {
        Evidence::from_span(sentence, 0, sentence.text.len())
    }
}

/// Everything detected in one answer, indexed by [`SignalId`].
#[derive(Debug, Clone, Default)]
pub struct Signals {
    found: [Vec<Evidence>; 14],
}

impl Signals {
    pub fn evidence(&self, id: SignalId) -> &[Evidence] {
        &self.found[id as usize]
    }

    pub fn present(&self, id: SignalId) -> bool {
        !self.found[id as usize].is_empty()
    }
}

/// Runs every detector over the answer. Pure: the same answer always gives the same signals.
pub fn detect(answer: &Answer) -> Signals {
    let mut signals = Signals::default();
    let mut set = |id: SignalId, evidence: Vec<Evidence>| signals.found[id as usize] = evidence;
    set(SignalId::Metrics, metrics::detect(answer));
    set(SignalId::BeforeAfter, before_after::detect(answer));
    set(SignalId::Slo, slo::detect(answer));
    set(SignalId::Tradeoff, tradeoff::detect(answer));
    set(SignalId::Incident, incident::detect(answer));
    set(SignalId::Stakeholders, stakeholders::detect(answer));
    set(SignalId::Guardrails, guardrails::detect(answer));
    set(SignalId::Learning, learning::detect(answer));
    let ownership = ownership::analyse(answer);
    set(SignalId::Ownership, ownership.mine.clone());
    set(SignalId::HidingBehindWe, ownership.hiding_behind_we());
    set(
        SignalId::Overclaiming,
        overclaiming::detect(answer, &ownership),
    );
    set(SignalId::VagueImpact, vague_impact::detect(answer));
    set(SignalId::Hedging, hedging::detect(answer));
    set(SignalId::Buzzwords, buzzwords::detect(answer));
    signals
}
