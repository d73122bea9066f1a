//! Detectors: what a senior interviewer listens for, and the pitfalls they wince at.
//!
//! Each detector lives in its own file, reads sentences (never bare keywords across the whole
//! text), and returns evidence a person can check: the line and the phrase that proved it.

pub mod before_after;
pub mod buzzwords;
pub mod details;
pub mod draft;
pub mod guardrails;
pub mod hedging;
pub mod incident;
pub mod learned;
pub mod learning;
pub mod metrics;
pub mod numbers;
pub mod overclaiming;
pub mod ownership;
pub mod pattern;
pub mod quantity;
pub mod slo;
pub mod stakeholders;
pub mod substance;
pub mod text;
pub mod tradeoff;
pub mod vague_impact;

use crate::answer::{Answer, SectionSet, Sentence};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Every signal coach can detect. The first nine are the interviewer's checklist (and the
/// keys of `signals` in JSON); then the pitfalls (the keys of `pitfalls`), the details
/// measure, the number checks (figures that cannot be true or contradict each other) and the
/// placeholders of a draft. The last two families show in JSON only as their checks' evidence.
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
    /// Neither a strength nor a pitfall: a measure of how concretely the story is told, which
    /// rubrics count and JSON shows only as a check's evidence.
    Details,
    /// A share that cannot pass 100% (availability, uptime, success rate, a share of a whole)
    /// written above it.
    ImpossibleShare,
    /// A reduction or a saving of more than 100%.
    OverReduction,
    /// Before and after values that went the other way from what the sentence claims.
    WrongDirection,
    /// A stated change that its own before and after values do not give.
    ChangeMismatch,
    /// A higher percentile below a lower one for the same measure, in one sentence.
    PercentileOrder,
    /// A target claimed met while the answer's own result misses it.
    TargetMissed,
    /// More people than live on earth, more hours than a day has.
    ImpossibleCount,
    /// "Five nines" next to a percentage with another number of nines.
    NinesMismatch,
    /// A note to self: TBD, TODO, FIXME, "???".
    DraftMarker,
    /// A template's slot left unfilled: "[fill in metric]", "<company>", "{{impact}}".
    TemplateSlot,
    /// A figure not yet known: "XX%", "N ms", "$X".
    PlaceholderFigure,
    /// Filler text: lorem ipsum.
    FillerText,
    /// A STAR label with nothing under it.
    EmptyLabel,
}

impl SignalId {
    pub const ALL: [SignalId; 28] = [
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
        SignalId::Details,
        SignalId::ImpossibleShare,
        SignalId::OverReduction,
        SignalId::WrongDirection,
        SignalId::ChangeMismatch,
        SignalId::PercentileOrder,
        SignalId::TargetMissed,
        SignalId::ImpossibleCount,
        SignalId::NinesMismatch,
        SignalId::DraftMarker,
        SignalId::TemplateSlot,
        SignalId::PlaceholderFigure,
        SignalId::FillerText,
        SignalId::EmptyLabel,
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
            SignalId::Details => "details",
            SignalId::ImpossibleShare => "impossible_share",
            SignalId::OverReduction => "over_reduction",
            SignalId::WrongDirection => "wrong_direction",
            SignalId::ChangeMismatch => "change_mismatch",
            SignalId::PercentileOrder => "percentile_order",
            SignalId::TargetMissed => "target_missed",
            SignalId::ImpossibleCount => "impossible_count",
            SignalId::NinesMismatch => "nines_mismatch",
            SignalId::DraftMarker => "draft_marker",
            SignalId::TemplateSlot => "template_slot",
            SignalId::PlaceholderFigure => "placeholder_figure",
            SignalId::FillerText => "filler_text",
            SignalId::EmptyLabel => "empty_label",
        }
    }

    /// True for the nine strengths (the keys of `signals` in JSON); false for pitfalls.
    pub fn is_strength(self) -> bool {
        (self as usize) < 9
    }

    /// True for the pitfalls (the keys of `pitfalls` in JSON).
    pub fn is_pitfall(self) -> bool {
        matches!(
            self,
            SignalId::VagueImpact
                | SignalId::Hedging
                | SignalId::Buzzwords
                | SignalId::Overclaiming
                | SignalId::HidingBehindWe
        )
    }

    /// True for the number checks: figures that cannot be true or contradict each other.
    pub fn is_number_check(self) -> bool {
        numbers::CHECKS.contains(&self)
    }

    /// True for the placeholders that make an answer a draft.
    pub fn is_draft(self) -> bool {
        draft::PLACEHOLDERS.contains(&self)
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
    /// What this finding's own figures or words call for, when a detector can say more than
    /// its check's hint: "from 200 ms to 150 ms is a 25% cut, not 60%".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl Evidence {
    /// Evidence for bytes `start..end` of a sentence, widened to whole words for reading.
    pub fn from_span(sentence: &Sentence, start: usize, end: usize) -> Evidence {
        Evidence {
            line: sentence.line_at(start),
            text: text::snippet(&sentence.text, start, end),
            sections: sentence.sections,
            fix: None,
        }
    }

    /// The same evidence with the fix its finding calls for.
    pub fn with_fix(self, fix: String) -> Evidence {
        Evidence {
            fix: Some(fix),
            ..self
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
    found: [Vec<Evidence>; SignalId::ALL.len()],
}

impl Signals {
    pub fn evidence(&self, id: SignalId) -> &[Evidence] {
        &self.found[id as usize]
    }

    pub fn present(&self, id: SignalId) -> bool {
        !self.found[id as usize].is_empty()
    }
}

/// A detector that reads nothing but the answer.
type Detector = fn(&Answer) -> Vec<Evidence>;

/// Every detector except ownership, whose analysis also feeds two pitfalls.
const DETECTORS: [(SignalId, Detector); 11] = [
    (SignalId::Metrics, metrics::detect),
    (SignalId::BeforeAfter, before_after::detect),
    (SignalId::Slo, slo::detect),
    (SignalId::Tradeoff, tradeoff::detect),
    (SignalId::Incident, incident::detect),
    (SignalId::Stakeholders, stakeholders::detect),
    (SignalId::Guardrails, guardrails::detect),
    (SignalId::Learning, learning::detect),
    (SignalId::VagueImpact, vague_impact::detect),
    (SignalId::Hedging, hedging::detect),
    (SignalId::Details, details::detect),
];

/// Runs every detector over the answer, then the learned reading where the rules found
/// nothing. Pure: the same answer always gives the same signals.
pub fn detect(answer: &Answer) -> Signals {
    let mut signals = detect_by_rules(answer);
    // The learned reading speaks only where the rules found nothing.
    let unread = learned::SIGNALS.map(|id| signals.found[id as usize].is_empty());
    for (id, evidence) in learned::SIGNALS
        .into_iter()
        .zip(learned::detect(answer, unread))
    {
        if !evidence.is_empty() {
            signals.found[id as usize] = evidence;
        }
    }
    signals
}

/// What the rule detectors find, before the learned reading fills their gaps (for training
/// and measuring that reading against them).
///
/// Detectors run side by side. On a bank this changes little (the answers already keep every
/// core busy), but for a single answer most of the time is building the detectors' patterns,
/// and this way every core builds some of them.
pub fn detect_by_rules(answer: &Answer) -> Signals {
    let ((independent, buzzwords), ((ownership, overclaiming), numbers)) = rayon::join(
        || {
            rayon::join(
                || {
                    DETECTORS
                        .par_iter()
                        .map(|(id, detector)| (*id, detector(answer)))
                        .collect::<Vec<_>>()
                },
                || buzzwords::detect(answer),
            )
        },
        || {
            rayon::join(
                || {
                    let ownership = ownership::analyse(answer);
                    let overclaiming = overclaiming::detect(answer, &ownership);
                    (ownership, overclaiming)
                },
                || numbers::detect(answer),
            )
        },
    );
    let mut signals = Signals::default();
    let mut set = |id: SignalId, evidence: Vec<Evidence>| signals.found[id as usize] = evidence;
    for (id, evidence) in independent {
        set(id, evidence);
    }
    set(SignalId::Buzzwords, buzzwords);
    set(SignalId::HidingBehindWe, ownership.hiding_behind_we());
    set(SignalId::Ownership, ownership.owned());
    set(SignalId::Overclaiming, overclaiming);
    for (id, evidence) in numbers.into_iter().chain(draft::detect(answer)) {
        set(id, evidence);
    }
    signals
}
