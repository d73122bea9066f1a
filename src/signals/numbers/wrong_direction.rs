//! **wrong-direction**: before and after values that went the other way from what the sentence
//! says. "p99 improved from 180 ms to 720 ms" is four times slower; "reduced the error rate
//! from 0.2% to 1.5%" went up; "throughput increased from 5k to 2k req/s" went down.
//!
//! Only a claim word that governs the pair counts: one before it in its clause, with no other
//! clause or number in between ("I improved alerting while p99 went from 180 to 720 ms" is
//! two statements). "Improved" and "better" need a measure whose better direction is certain
//! (latency, cost, error rate, availability, throughput); "reduced", "cut", "increased" and
//! "grew" say the direction themselves. A pair with a stated change ("a 40% cut") is
//! change-mismatch's to judge.
//!
//! Fires: "p99 improved from 180 ms to 720 ms", "cut build time from 9 to 14 minutes",
//! "p95 is 900 ms, down from 300 ms".
//! Does not fire: "p99 rose from 180 ms to 720 ms when the cache died", "improved coverage
//! from 40% to 75%", "reduced p99 from 720 ms to 180 ms".

use super::super::quantity::Unit;
use super::super::quantity::figures::{Claim, Figure, Figures, Hedge, Pair, claim_before};
use super::super::quantity::measure::{Better, Measure};
use super::{Finding, lead_in, times, written};

pub fn check(text: &str, read: &Figures) -> Vec<Finding> {
    read.pairs
        .iter()
        .filter(|pair| pair.change.is_none())
        .filter_map(|pair| {
            let (a, b) = (&read.figures[pair.before], &read.figures[pair.after]);
            let (claim, claim_at) = claim_of_pair(text, read, a, b)?;
            let measure = if a.measure == Measure::Unknown {
                b.measure
            } else {
                a.measure
            };
            let agrees = claim.agrees(measure, a.unit, a.value, b.value)?;
            if agrees || !certain(a, b) {
                return None;
            }
            Some(Finding {
                start: lead_in(text, claim_at.min(a.start)),
                end: a.end.max(b.end),
                fix: fix(text, claim, measure, *pair, read),
            })
        })
        .collect()
}

/// The claim made about a pair: the word before it, or the "down"/"up" between its values
/// when it is told after-first ("900 ms, down from 300 ms").
fn claim_of_pair(text: &str, read: &Figures, a: &Figure, b: &Figure) -> Option<(Claim, usize)> {
    if b.start < a.start {
        let between = text[b.end..a.start].to_lowercase();
        if between.contains("down from") {
            return Some((Claim::Down, b.end));
        }
        if between.contains("up from") {
            return Some((Claim::Up, b.end));
        }
    }
    let (at, claim) = claim_before(text, read, a.start.min(b.start))?;
    Some((claim, at))
}

/// Whether the values surely moved the way they seem to, hedges taken at their widest:
/// "from over 200 to 250" could be a cut.
fn certain(a: &Figure, b: &Figure) -> bool {
    if a.low.is_some() || b.low.is_some() || (a.value - b.value).abs() <= f64::EPSILON {
        return false;
    }
    if b.value > a.value {
        bounds(b).0 > bounds(a).1
    } else {
        bounds(b).1 < bounds(a).0
    }
}

/// The lowest and highest a figure's words allow.
fn bounds(f: &Figure) -> (f64, f64) {
    match f.hedge {
        Hedge::Exact => (f.value, f.value),
        Hedge::About => (f.value * 0.9, f.value * 1.1),
        Hedge::AtLeast => (f.value, f64::INFINITY),
        Hedge::AtMost => (0.0, f.value),
    }
}

/// "from 180 ms to 720 ms is 4 times slower, not an improvement"
fn fix(text: &str, claim: Claim, measure: Measure, pair: Pair, read: &Figures) -> String {
    let (a, b) = (&read.figures[pair.before], &read.figures[pair.after]);
    let went_up = b.value > a.value;
    let factor = if went_up {
        b.value / a.value.max(f64::MIN_POSITIVE)
    } else {
        a.value / b.value.max(f64::MIN_POSITIVE)
    };
    let timed = matches!(a.unit, Unit::Latency | Unit::Duration);
    let moved = match (went_up, timed, measure) {
        (true, true, _) => "slower",
        (false, true, _) => "faster",
        (true, false, Measure::Cost) => "more expensive",
        (false, false, Measure::Cost) => "cheaper",
        (true, false, _) => "higher",
        (false, false, _) => "lower",
    };
    let size = if factor.is_finite() && factor >= 1.05 && (a.value > 0.0 && b.value > 0.0) {
        format!("{} {moved}", times(factor))
    } else {
        moved.to_string()
    };
    let worse = match measure.better() {
        Some(Better::Lower) => went_up,
        Some(Better::Higher) => !went_up,
        None => false,
    };
    let advice = if worse {
        "Check the order of the values; if it did get worse, say so and why."
    } else {
        "Check the order of the values, or say what the change did."
    };
    format!(
        "From {} to {} is {size}, not {}. {advice}",
        written(text, a),
        written(text, b),
        claim.word()
    )
}

#[cfg(test)]
mod tests {
    use super::super::tests::fired;
    use crate::signals::SignalId;

    fn found(text: &str) -> Vec<(String, String)> {
        fired(text)
            .into_iter()
            .filter(|(id, ..)| *id == SignalId::WrongDirection)
            .map(|(_, evidence, fix)| (evidence, fix))
            .collect()
    }

    #[test]
    fn claims_the_values_contradict() {
        assert_eq!(found("p99 improved from 180 ms to 720 ms.").len(), 1);
        assert_eq!(found("I cut build time from 9 to 14 minutes.").len(), 1);
        assert_eq!(
            found("We reduced the error rate from 0.2% to 1.5% with retries.").len(),
            1
        );
        assert_eq!(
            found("Throughput increased from 5k req/s to 2k req/s.").len(),
            1
        );
        assert_eq!(found("p95 is now 900 ms, down from 300 ms.").len(), 1);
        assert_eq!(found("Availability improved from 99.9% to 99.5%.").len(), 1);
        assert_eq!(
            found("I sped up deploys from 10 minutes to 25 minutes.").len(),
            1
        );
    }

    #[test]
    fn honest_or_unclear_pairs() {
        assert!(found("p99 improved from 720 ms to 180 ms.").is_empty());
        assert!(found("p99 rose from 180 ms to 720 ms when the cache died.").is_empty());
        assert!(found("Coverage improved from 40% to 75%.").is_empty());
        assert!(found("I improved alerting while p99 went from 180 ms to 720 ms.").is_empty());
        assert!(found("We improved onboarding from 2 to 5 teams a month.").is_empty());
        assert!(found("It took from two to three weeks.").is_empty());
        assert!(found("Latency went from 180 ms to 720 ms, and I cut it back.").is_empty());
        assert!(found("We did not reduce p99 from 180 ms to 720 ms.").is_empty());
    }

    #[test]
    fn the_fix_says_how_far_it_moved() {
        let (evidence, fix) = &found("Our p99 improved from 180 ms to 720 ms.")[0];
        assert_eq!(evidence, "Our p99 improved from 180 ms to 720 ms.");
        assert!(
            fix.starts_with("From 180 ms to 720 ms is 4 times slower, not an improvement"),
            "{fix}"
        );
    }
}
