//! **impossible-share**: a share that cannot pass 100% written above it.
//!
//! Availability, uptime, success rate and SLO figures, error rates and shares of a whole ("of
//! requests", "of the team") stop at 100%. Growth may pass it ("traffic grew 240%"), and so may
//! a figure measured against a reference ("140% of target").
//!
//! Fires: "availability went up to 140%", "a 101% success rate", "120% of requests".
//! Does not fire: "traffic grew 140%", "we hit 130% of the quarter's target", "140% more
//! deploys", "99.99% availability".

use super::super::quantity::Unit;
use super::super::quantity::figures::{self, Figures, Role};
use super::super::quantity::measure::Measure;
use super::{Finding, lead_in, percent, written};

/// A figure read against a reference rather than a whole: "140% of target", "of capacity".
const REFERENCES: &[&str] = &[
    "target", "goal", "plan", "quota", "baseline", "last", "previous", "budget", "capacity",
    "forecast", "expected", "normal", "peak", "year", "quarter", "month", "week", "what",
];

pub fn check(text: &str, read: &Figures) -> Vec<Finding> {
    read.figures
        .iter()
        .filter(|f| {
            f.unit == Unit::Percent
                && !f.nines
                && !f.signed
                && f.role != Role::Change
                && f.measure.capped_at_100()
                && f.value > 100.0
                && !in_points(text, f.start, f.end)
                && !against_a_reference(figures::after(text, f.end))
        })
        .map(|f| Finding {
            start: lead_in(text, f.start),
            end: f.end,
            fix: fix(f.measure, &written(text, f)),
        })
        .collect()
}

fn fix(measure: Measure, shown: &str) -> String {
    let what = match measure {
        Measure::Availability => "availability, uptime or a success rate",
        Measure::ErrorRate => "an error rate",
        _ => "a share of a whole",
    };
    format!(
        "{shown} cannot be true: {what} stops at {}. Give the real figure (99.95%, say), or, if you meant a change, say by how much it rose: \"up 40%\".",
        percent(100.0)
    )
}

/// "140 percentage points", "12 pp": a change in points, not a share.
fn in_points(text: &str, start: usize, end: usize) -> bool {
    let body = text[start..end].to_lowercase();
    body.contains("point") || body.ends_with("pp")
}

fn against_a_reference(after: &str) -> bool {
    let lower = after.trim_start().to_lowercase();
    let Some(rest) = lower.strip_prefix("of ") else {
        return false;
    };
    rest.split_whitespace()
        .take(3)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .any(|w| REFERENCES.contains(&w) || w.ends_with("'s"))
}

#[cfg(test)]
mod tests {
    use super::super::tests::fired;
    use crate::signals::SignalId;

    fn fires(text: &str) -> bool {
        fired(text)
            .iter()
            .any(|(id, ..)| *id == SignalId::ImpossibleShare)
    }

    #[test]
    fn shares_above_the_whole() {
        assert!(fires("Availability went up to 140% after the move."));
        assert!(fires("We held a 101% success rate."));
        assert!(fires("The new path served 120% of requests."));
        assert!(fires("Uptime: 99.9% → 100.5%."));
        assert!(fires("The error rate was 130%."));
        assert!(fires("We kept a hundred and forty percent uptime."));
    }

    #[test]
    fn growth_references_and_sane_shares() {
        assert!(!fires("Traffic grew 140% in a year."));
        assert!(!fires("We hit 130% of the quarter's availability target."));
        assert!(!fires("Availability rose 140 percentage points."));
        assert!(!fires("Availability is 99.99% and deploys are up 140%."));
        assert!(!fires(
            "We shipped 140% more deploys at 99.9% availability."
        ));
        assert!(!fires("CPU utilisation hit 140% on the old hosts."));
        assert!(!fires("Availability improved by 120%."));
    }

    #[test]
    fn the_fix_says_what_is_wrong() {
        let found = fired("Availability went up to 140% after the move.");
        assert_eq!(found[0].1, "Availability went up to 140%");
        assert!(
            found[0].2.starts_with("140% cannot be true"),
            "{}",
            found[0].2
        );
    }
}
