//! **target-missed**: a target the answer claims was met while its own result misses it.
//! "The goal was p99 under 200 ms … we hit the target: p99 is now 250 ms."
//!
//! The target may be set anywhere before the claim (often in the task); the result must be in
//! the sentence that claims it, for the same measure (the same percentile), and the claim must
//! be plain: "nearly met", "missed" or a negation make it no claim. A target told as a bound
//! ("under 200 ms", "at least 99.9%") is read as one; otherwise the measure says which way is
//! better.
//!
//! Fires: "Target: p99 under 200 ms. … We met the target with p99 at 250 ms."
//! Does not fire: "… we met it with p99 at 180 ms", "… we nearly hit it at 210 ms", "we met the
//! cost target, and p99 is 250 ms".

use super::super::pattern::{Pattern, pattern};
use super::super::quantity::Unit;
use super::super::quantity::figures::{Figure, Hedge, Role};
use super::super::quantity::measure::{Better, Measure};
use super::super::text::negated_before;
use super::{Finding, Read, lead_in, written};
use crate::answer::SectionName;
use std::sync::LazyLock;

/// A claim that a target was met.
static MET: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:met|meet(?:s|ing)?|hit|hitting|achiev(?:ed|ing)|reach(?:ed|ing)|beat|beating|exceed(?:ed|ing)|delivered\s+on|nailed|made)\b[^.;]{0,30}?\b(?:target|goal|slo|sla|objective|it)\b|\bon\s+target\b|\b(?:target|goal|slo|objective)\s+(?:was\s+|were\s+|is\s+)?(?:met|hit|achieved|reached|beaten|exceeded)\b",
    )
});
/// Words that make a claim of meeting something less than one.
static SHORT_OF: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:almost|nearly|close\s+to|just\s+short|fell\s+short|short\s+of|missed|miss|not\s+quite|barely\s+missed|except|but\s+not|until|once|if|would|will|should|hope|aim|plan)\b",
    )
});

pub fn check(read: &[Read<'_>]) -> Vec<(usize, Finding)> {
    let mut targets: Vec<(usize, &Figure)> = Vec::new();
    let mut findings = Vec::new();
    for (index, r) in read.iter().enumerate() {
        let text = r.plain.as_ref();
        for f in &r.figures.figures {
            if (f.role == Role::Target || stated_as_the_task(r, f)) && comparable(f) {
                // The latest target for a measure replaces an earlier one.
                targets.retain(|(_, t)| !(t.measure == f.measure && same_kind(t.unit, f.unit)));
                targets.push((index, f));
            }
        }
        let Some(claim) = MET.find(text) else {
            continue;
        };
        if SHORT_OF.is_match(text) || negated_before(text, claim.start()) {
            continue;
        }
        // A target set in this sentence names what its one unnamed result measures: "we beat
        // our p99 target of 200 ms, landing at 260 ms".
        let own_target = r.figures.figures.iter().find(|f| f.role == Role::Target);
        let candidates: Vec<&Figure> = r
            .figures
            .figures
            .iter()
            .filter(|f| matches!(f.role, Role::After | Role::Plain) && f.low.is_none() && !f.signed)
            .collect();
        for result in &candidates {
            let measure = match (result.measure, own_target) {
                (Measure::Unknown, Some(target)) if candidates.len() == 1 => target.measure,
                (measure, _) => measure,
            };
            if matches!(measure, Measure::Unknown | Measure::Share | Measure::People) {
                continue;
            }
            // The latest target set for the same measure, up to this sentence.
            let Some(&(target_index, target)) = targets
                .iter()
                .rev()
                .find(|(_, t)| t.measure == measure && same_kind(t.unit, result.unit))
            else {
                continue;
            };
            if let Some(miss) = misses(target, result) {
                let target_text = &read[target_index].plain;
                findings.push((
                    index,
                    Finding {
                        start: lead_in(text, claim.start().min(result.start)),
                        end: claim.end().max(result.end),
                        fix: format!(
                            "The target was {} and the result given is {}: {miss}. Say it was missed and by how much, or correct the figure.",
                            written(target_text, target),
                            written(text, result)
                        ),
                    },
                ));
            }
        }
    }
    findings
}

/// A bound the task section sets: "**Task:** get p99 under 200 ms" states what success is.
fn stated_as_the_task(r: &Read<'_>, f: &Figure) -> bool {
    r.sentence.in_section(SectionName::Task)
        && !r.sentence.in_section(SectionName::Results)
        && f.role == Role::Plain
        && matches!(f.hedge, Hedge::AtMost | Hedge::AtLeast)
}

/// A figure whose measure is named well enough to hold against a target.
fn comparable(f: &Figure) -> bool {
    f.low.is_none()
        && !f.signed
        && !matches!(
            f.measure,
            Measure::Unknown | Measure::Share | Measure::People
        )
        && f.measure.better().is_some()
}

fn same_kind(a: Unit, b: Unit) -> bool {
    let time = |u: Unit| matches!(u, Unit::Latency | Unit::Duration);
    a == b || time(a) && time(b)
}

/// How a result misses its target, or None when it meets it or the words leave it open.
fn misses(target: &Figure, result: &Figure) -> Option<String> {
    let upper_bound = match target.hedge {
        Hedge::AtMost => true,
        Hedge::AtLeast => false,
        _ => target.measure.better()? == Better::Lower,
    };
    let gap = (result.value - target.value).abs();
    let percent_figures = target.unit == Unit::Percent;
    if upper_bound {
        let lowest = match result.hedge {
            Hedge::AtMost => return None,
            Hedge::About => result.value * 0.95,
            _ => result.value,
        };
        let margin = if percent_figures {
            0.0
        } else {
            target.value * 0.02
        };
        (lowest > target.value + margin)
            .then(|| format!("it is above the target by {}", amount(gap, target)))
    } else {
        let highest = match result.hedge {
            Hedge::AtLeast => return None,
            Hedge::About => result.value * 1.05,
            _ => result.value,
        };
        let margin = if percent_figures {
            0.0
        } else {
            target.value * 0.02
        };
        (highest < target.value - margin)
            .then(|| format!("it is below the target by {}", amount(gap, target)))
    }
}

/// A gap in the target's own unit: "50 ms", "0.4 points".
fn amount(gap: f64, target: &Figure) -> String {
    use super::super::quantity::measure::trim_number;
    match target.unit {
        Unit::Percent => format!("{} points", trim_number((gap * 1000.0).round() / 1000.0)),
        Unit::Latency | Unit::Duration if gap < 1.0 => {
            format!("{} ms", trim_number((gap * 1000.0).round()))
        }
        Unit::Latency | Unit::Duration if gap < 120.0 => {
            format!("{} s", trim_number((gap * 10.0).round() / 10.0))
        }
        Unit::Latency | Unit::Duration if gap < 7_200.0 => {
            format!("{} minutes", trim_number((gap / 60.0).round()))
        }
        Unit::Latency | Unit::Duration => {
            format!("{} hours", trim_number((gap / 360.0).round() / 10.0))
        }
        Unit::Money => trim_number(gap.round()),
        _ => trim_number((gap * 100.0).round() / 100.0),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::fired;
    use crate::signals::SignalId;

    fn found(text: &str) -> Vec<(String, String)> {
        fired(text)
            .into_iter()
            .filter(|(id, ..)| *id == SignalId::TargetMissed)
            .map(|(_, evidence, fix)| (evidence, fix))
            .collect()
    }

    #[test]
    fn targets_claimed_but_missed() {
        let text = "My task was to get checkout p99 under 200 ms. Result: we met the target, with p99 at 250 ms.";
        let found_one = found(text);
        assert_eq!(found_one.len(), 1, "{found_one:?}");
        assert!(
            found_one[0].1.starts_with(
                "The target was 200 ms and the result given is 250 ms: it is above the target by 50 ms"
            ),
            "{}",
            found_one[0].1
        );
        assert_eq!(
            found("Our SLO was 99.9% availability. We hit our SLO: availability was 99.5% for the quarter.").len(),
            1
        );
        assert_eq!(
            found("We beat our p99 target of 200 ms, landing at 260 ms.").len(),
            1
        );
        assert_eq!(
            found("**Task:** get checkout p99 under 200 ms.\n\n**Result:** We met the goal: p99 is 240 ms.").len(),
            1
        );
    }

    #[test]
    fn met_nearly_met_or_other_measures() {
        assert!(found("The p99 target was 200 ms. We met it: p99 is now 180 ms.").is_empty());
        assert!(found("The p99 target was 200 ms. We nearly hit it, at 210 ms.").is_empty());
        assert!(found("The p99 target was 200 ms. We missed it, at 250 ms.").is_empty());
        assert!(
            found("The p99 target was 200 ms. We met the cost target, and p50 is 250 ms.")
                .is_empty()
        );
        assert!(found("Our target was 99.9%. We met it with 99.95% availability.").is_empty());
        assert!(found("We did not hit the p99 target of 200 ms; it is 250 ms.").is_empty());
    }
}
