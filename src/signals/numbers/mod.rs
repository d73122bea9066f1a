//! **numbers**: figures a careful listener stops at. A share of requests above 100%, a cut of
//! 140%, a p99 that got four times slower "improving", a 60% cut that its own before and after
//! values make 25%, a p99 below the p50, a target "met" by a result that misses it, 25 hours a
//! day, "five nines" beside 99.9%.
//!
//! Why: an interviewer who catches one impossible number stops trusting every other number in
//! the story. The checks read the figures model ([`super::quantity::figures`]) and stay quiet
//! when the words leave any doubt: a false alarm costs more trust than a miss.
//!
//! One file per check; each reads one sentence's figures (target-missed reads the answer, since
//! a target is often set in the task and missed in the results) and says, in its fix, what the
//! numbers actually give.

pub mod change_mismatch;
pub mod impossible_count;
pub mod impossible_share;
pub mod nines_mismatch;
pub mod over_reduction;
pub mod percentile_order;
pub mod target_missed;
pub mod wrong_direction;

use super::pattern::{Pattern, pattern};
use super::quantity::figures::{self, Figure, Figures};
use super::quantity::measure::trim_number;
use super::quantity::pairs;
use super::{Evidence, SignalId, text};
use crate::answer::{Answer, Sentence, SentenceKind};
use std::borrow::Cow;
use std::sync::LazyLock;

/// The number checks, in the order rubrics list them.
pub const CHECKS: [SignalId; 8] = [
    SignalId::ImpossibleShare,
    SignalId::OverReduction,
    SignalId::WrongDirection,
    SignalId::ChangeMismatch,
    SignalId::PercentileOrder,
    SignalId::TargetMissed,
    SignalId::ImpossibleCount,
    SignalId::NinesMismatch,
];

/// One finding in a sentence: the bytes that show it and what the numbers actually give.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub fix: String,
}

/// A check that reads one sentence's figures.
type SentenceCheck = fn(&str, &Figures) -> Vec<Finding>;

const SENTENCE_CHECKS: [(SignalId, SentenceCheck); 7] = [
    (SignalId::ImpossibleShare, impossible_share::check),
    (SignalId::OverReduction, over_reduction::check),
    (SignalId::WrongDirection, wrong_direction::check),
    (SignalId::ChangeMismatch, change_mismatch::check),
    (SignalId::PercentileOrder, percentile_order::check),
    (SignalId::ImpossibleCount, impossible_count::check),
    (SignalId::NinesMismatch, nines_mismatch::check),
];

/// One sentence the checks read: its text without emphasis ("from **3 days** to **5
/// minutes**" reads as a pair, at the same byte offsets), and its figures.
pub struct Read<'a> {
    pub sentence: &'a Sentence,
    pub plain: Cow<'a, str>,
    pub figures: Figures,
}

/// Runs every number check over the answer; each check's evidence in sentence order.
pub fn detect(answer: &Answer) -> Vec<(SignalId, Vec<Evidence>)> {
    let read: Vec<Read<'_>> = answer
        .sentences
        .iter()
        // Term lists count too: "p50: 300 ms, p99: 120 ms" is notes, and as wrong as prose.
        .filter(|s| {
            s.kind != SentenceKind::Heading
                && worth_reading(&s.text)
                && !text::is_hypothetical(&s.text)
        })
        .map(|sentence| {
            let plain = text::without_emphasis(&sentence.text);
            let figures = figures::read(&plain);
            Read {
                sentence,
                plain,
                figures,
            }
        })
        .filter(|r| !r.figures.figures.is_empty())
        .collect();
    let mut found: Vec<(SignalId, Vec<Evidence>)> =
        CHECKS.iter().map(|id| (*id, Vec::new())).collect();
    let mut add = |id: SignalId, sentence: &Sentence, finding: Finding| {
        let evidence = Evidence::from_span(sentence, finding.start, finding.end);
        if let Some((_, list)) = found.iter_mut().find(|(known, _)| *known == id) {
            list.push(evidence.with_fix(finding.fix));
        }
    };
    for r in &read {
        for (id, check) in SENTENCE_CHECKS {
            for finding in check(&r.plain, &r.figures) {
                add(id, r.sentence, finding);
            }
        }
    }
    for (index, finding) in target_missed::check(&read) {
        add(SignalId::TargetMissed, read[index].sentence, finding);
    }
    found
}

/// Where a finding's evidence starts: a few words before its figure, so it shows what the
/// figure measures ("Availability went up to 140%").
pub fn lead_in(text: &str, start: usize) -> usize {
    text::widen_left(text, start, 4)
}

/// What any check needs besides numbers: a share or a cut past 100% ("140%", "a hundred and
/// forty percent"), percentiles, a target or a claim of meeting one, a bound, a count in
/// billions, a time per period, nines.
static ALWAYS_READ: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\d{3,}(?:[.,]\d+)?\s?(?:%|percent)|\b(?:hundred|nines|billion|bn|trillion|percentile|median|targets?|goals?|objectives?|slos?|slas?|aim\w*|threshold|commit\w*|promised|(?:needed|had|was|were|set out|wanted|planned|asked) to|met|meet\w*|hit|hitting|achiev\w*|reach\w*|beat\w*|exceed\w*|nailed|under|below|within|above|at (?:least|most)|(?:less|more|fewer) than|(?:a|an|per|each|every) (?:second|minute|hour|day|week|month|year))\b|\bp\d{2,4}\b|\d{10,}|\d{1,3}(?:,\d{3}){3,}|/\s?(?:day|week|hour|month|year)\b",
    )
});
/// A claim about a pair, or a change stated beside it.
static CLAIM_WORDS: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"%|\bpercent|\d\s?(?:x|×)\b|\btimes\b|\b(?:halved|doubled|tripled|quadrupled|down|up|reduc\w*|cut\w*|lower\w*|decreas\w*|dropp\w*|drops?|fell|falls?|falling|shr[iau]nk\w*|trimm\w*|slash\w*|declin\w*|shaved|sav\w+|minimi[sz]\w*|increas\w*|gr[eo]w\w*|rais\w*|boost\w*|rose|climb\w*|jump\w*|improv\w*|optimi[sz]\w*|better|faster|quicker|sped|speed\w*|accelerat\w*|worse|slower|degrad\w*|regress\w*|worsen\w*)\b",
    )
});

/// Whether a sentence could hold anything a check finds: numbers, and the words one of them
/// needs. Most sentences with numbers have none, and are not read.
fn worth_reading(text: &str) -> bool {
    figures::has_number(text)
        && (ALWAYS_READ.is_match(text)
            || pairs::may_hold_a_pair(text) && CLAIM_WORDS.is_match(text))
}

/// A figure as the sentence writes it ("320 ms", "45"), for fixes.
pub fn written(text: &str, figure: &Figure) -> String {
    text[figure.start..figure.end].trim().to_string()
}

/// A percentage for people: "42%", "0.4%", "1,250%".
pub fn percent(value: f64) -> String {
    let rounded = if value.abs() >= 10.0 {
        format!("{value:.0}")
    } else if value.abs() >= 1.0 {
        trim_number((value * 10.0).round() / 10.0)
    } else {
        trim_number((value * 100.0).round() / 100.0)
    };
    format!("{}%", group_thousands(&rounded))
}

/// A factor for people: "4 times", "2.5 times".
pub fn times(factor: f64) -> String {
    let shown = if factor >= 10.0 {
        format!("{factor:.0}")
    } else {
        trim_number((factor * 10.0).round() / 10.0)
    };
    format!("{} times", group_thousands(&shown))
}

fn group_thousands(number: &str) -> String {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.len() <= 4 || whole.starts_with('-') {
        return number.to_string();
    }
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if fraction.is_empty() {
        grouped
    } else {
        format!("{grouped}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::parse;

    /// The checks that fired on `text`, each with its evidence text and fix.
    pub(crate) fn fired(text: &str) -> Vec<(SignalId, String, String)> {
        detect(&parse(text))
            .into_iter()
            .flat_map(|(id, evidence)| {
                evidence
                    .into_iter()
                    .map(move |e| (id, e.text, e.fix.unwrap_or_default()))
            })
            .collect()
    }

    #[test]
    fn numbers_for_people() {
        assert_eq!(percent(42.2), "42%");
        assert_eq!(percent(0.4), "0.4%");
        assert_eq!(percent(3.25), "3.3%");
        assert_eq!(percent(12_500.0), "12,500%");
        assert_eq!(times(4.0), "4 times");
        assert_eq!(times(2.54), "2.5 times");
    }

    #[test]
    fn sane_numbers_fire_nothing() {
        for text in [
            "p99 fell from 320 ms to 185 ms, a 42% cut.",
            "Availability went from 99.5% to 99.95% and MTTR from 45 to 12 minutes.",
            "I cut cloud spend by 38%, from $52k to $32k a month.",
            "We met our p99 target of 250 ms: it is now 180 ms.",
            "p50 is 40 ms and p99 is 210 ms.",
            "We run at four nines (99.99%) with 12 engineers on call 8 hours a day.",
            "Traffic grew 240% year over year and throughput went from 2k to 9k req/s.",
        ] {
            assert!(fired(text).is_empty(), "{text}: {:?}", fired(text));
        }
    }
}
