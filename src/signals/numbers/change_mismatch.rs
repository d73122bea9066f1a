//! **change-mismatch**: a stated change that its own before and after values do not give.
//! "Cut p99 by 60%, from 200 ms to 150 ms" is a 25% cut; "3x faster (300 → 120 ms)" is 2.5
//! times; "a 40% drop, from 8% to 10%" went up.
//!
//! The change must be stated about the pair itself: next to it in its clause with only a few
//! words between (the pair's `change`). A few points of rounding are allowed, more
//! when the change is hedged ("about 40%"), and a change between two percentages may be read
//! in points or relative ("from 2% to 1%, a 1% drop" is one point). "40% faster" may be time
//! saved or speed gained.
//!
//! Fires: "cut p99 by 60%, from 200 ms to 150 ms", "10x faster (300 ms → 120 ms)".
//! Does not fire: "p99 fell from 320 ms to 185 ms, a 42% cut", "halved build time from 20 to
//! 10 minutes", "error rate from 2% to 1%, a 1% drop".

use super::super::quantity::Unit;
use super::super::quantity::figures::{
    Claim, Figure, Figures, Hedge, claim_before, claim_of_change,
};
use super::super::quantity::measure::{Better, Measure};
use super::{Finding, lead_in, percent, times, written};

pub fn check(text: &str, read: &Figures) -> Vec<Finding> {
    read.pairs
        .iter()
        .filter_map(|pair| {
            let change = &read.figures[pair.change?];
            let (a, b) = (&read.figures[pair.before], &read.figures[pair.after]);
            if a.value <= 0.0 || b.value < 0.0 || a.low.is_some() || b.low.is_some() {
                return None;
            }
            let measure = if a.measure == Measure::Unknown {
                b.measure
            } else {
                a.measure
            };
            let claim = claim_of_change(text, read, change)
                .or_else(|| claim_before(text, read, change.start).map(|c| c.1))?;
            let given = Given::of(a, b, measure, claim);
            let wrong = match change.unit {
                Unit::Multiplier => given.misses_factor(factor_of(change), change.hedge),
                _ => given.misses_percent(change.value, change.hedge),
            }?;
            let start = change.start.min(a.start).min(b.start);
            let end = change.end.max(a.end).max(b.end);
            Some(Finding {
                start: lead_in(text, start),
                end,
                fix: format!(
                    "From {} to {} is {wrong}, not {}. Say that, or check the values.",
                    written(text, a),
                    written(text, b),
                    stated(text, change)
                ),
            })
        })
        .collect()
}

/// A factor as stated: "3x" is 3, "halved" 2.
fn factor_of(change: &Figure) -> f64 {
    if change.value > 0.0 && change.value < 1.0 {
        1.0 / change.value
    } else {
        change.value
    }
}

/// The change as the sentence states it: "60%", "3x", "halved".
fn stated(text: &str, change: &Figure) -> String {
    let shown = written(text, change);
    match change.unit {
        Unit::Multiplier => shown,
        _ => shown
            .split_whitespace()
            .next()
            .unwrap_or(&shown)
            .to_string(),
    }
}

/// What a pair's values give, and which way the stated change says they went.
struct Given {
    before: f64,
    after: f64,
    /// True when the claim expects the value to fall, false to rise, None when either reads.
    expects_fall: Option<bool>,
    /// Both values are percentages, so a change may be told in points.
    in_percent: bool,
    timed: bool,
}

impl Given {
    fn of(a: &Figure, b: &Figure, measure: Measure, claim: Claim) -> Given {
        let timed = matches!(a.unit, Unit::Latency | Unit::Duration)
            || matches!(measure, Measure::Latency(_) | Measure::Duration);
        let lower_is_better = match measure.better() {
            Some(better) => Some(better == Better::Lower),
            None if timed => Some(true),
            None => None,
        };
        let expects_fall = match claim {
            Claim::Down => Some(true),
            Claim::Up => Some(false),
            Claim::Better | Claim::Faster => lower_is_better,
            Claim::Worse => lower_is_better.map(|lower| !lower),
        };
        Given {
            before: a.value,
            after: b.value,
            expects_fall,
            in_percent: a.unit == Unit::Percent && b.unit == Unit::Percent,
            timed,
        }
    }

    fn fell(&self) -> bool {
        self.after < self.before
    }

    /// What the values give, said as a person would: "a 25% cut", "a 300% increase".
    fn said(&self) -> String {
        let change = (self.after - self.before).abs() / self.before * 100.0;
        let mut said = if self.fell() {
            format!("a {} cut", percent(change))
        } else {
            format!("a {} increase", percent(change))
        };
        let factor = self.factor();
        if factor >= 1.5 && factor.is_finite() {
            let how = match (self.fell(), self.timed) {
                (true, true) => "faster",
                (false, true) => "slower",
                (true, false) => "lower",
                (false, false) => "higher",
            };
            said = format!("{said} ({} {how})", times(factor));
        }
        if self.in_percent {
            said = format!(
                "{said}, {} point{}",
                super::super::quantity::measure::trim_number(
                    ((self.after - self.before).abs() * 100.0).round() / 100.0
                ),
                if (self.after - self.before).abs() == 1.0 {
                    ""
                } else {
                    "s"
                }
            );
        }
        said
    }

    fn factor(&self) -> f64 {
        let (high, low) = if self.fell() {
            (self.before, self.after)
        } else {
            (self.after, self.before)
        };
        high / low
    }

    /// Whether the values went the way the claim says, when it says.
    fn direction_ok(&self) -> bool {
        self.expects_fall.is_none_or(|fall| fall == self.fell())
    }

    /// None when a stated `percent` fits the values; else what they give.
    fn misses_percent(&self, stated: f64, hedge: Hedge) -> Option<String> {
        if (self.after - self.before).abs() <= f64::EPSILON {
            return None;
        }
        if !self.direction_ok() {
            return Some(self.said());
        }
        let relative = (self.after - self.before).abs() / self.before * 100.0;
        let mut readings = vec![relative];
        if self.timed && self.fell() && self.after > 0.0 {
            // "40% faster": time saved, or speed gained.
            readings.push((self.before / self.after - 1.0) * 100.0);
        }
        if self.in_percent {
            readings.push((self.after - self.before).abs());
        }
        let tolerance = |reading: f64| match hedge {
            Hedge::About => (0.25 * reading.max(stated)).max(10.0),
            _ => (0.15 * reading.max(stated)).max(5.0),
        };
        let fits = readings.iter().any(|&reading| match hedge {
            Hedge::AtLeast => reading >= stated - tolerance(reading),
            Hedge::AtMost => reading <= stated + tolerance(reading),
            _ => (reading - stated).abs() <= tolerance(reading),
        });
        (!fits).then(|| self.said())
    }

    /// None when a stated factor fits the values; else what they give.
    fn misses_factor(&self, stated: f64, hedge: Hedge) -> Option<String> {
        if (self.after - self.before).abs() <= f64::EPSILON || self.after <= 0.0 {
            return None;
        }
        if !self.direction_ok() {
            return Some(self.said());
        }
        let actual = self.factor();
        let tolerance = if hedge == Hedge::About { 0.3 } else { 0.2 };
        let fits = match hedge {
            Hedge::AtLeast => actual >= stated * (1.0 - tolerance),
            Hedge::AtMost => actual <= stated * (1.0 + tolerance),
            _ => (actual - stated).abs() / actual <= tolerance,
        };
        (!fits).then(|| self.said())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::fired;
    use crate::signals::SignalId;

    fn found(text: &str) -> Vec<(String, String)> {
        fired(text)
            .into_iter()
            .filter(|(id, ..)| *id == SignalId::ChangeMismatch)
            .map(|(_, evidence, fix)| (evidence, fix))
            .collect()
    }

    #[test]
    fn stated_changes_the_values_do_not_give() {
        let found_one = found("I cut p99 by 60%, from 200 ms to 150 ms.");
        assert_eq!(found_one.len(), 1);
        assert!(
            found_one[0]
                .1
                .starts_with("From 200 ms to 150 ms is a 25% cut, not 60%"),
            "{}",
            found_one[0].1
        );
        assert_eq!(found("Checkout got 10x faster (300 ms → 120 ms).").len(), 1);
        assert_eq!(
            found("Errors went from 8% to 10%, a 40% drop.").len(),
            1,
            "the wrong way"
        );
        assert_eq!(found("Spend fell 75% from $40k to $25k a month.").len(), 1);
        assert_eq!(found("I halved build time from 20 to 14 minutes.").len(), 1);
    }

    #[test]
    fn rounding_points_and_speed_ups_fit() {
        assert!(found("p99 fell from 320 ms to 185 ms, a 42% cut.").is_empty());
        assert!(found("p99 fell from 320 ms to 185 ms, about a 40% cut.").is_empty());
        assert!(found("I halved build time from 20 to 10 minutes.").is_empty());
        assert!(found("The error rate went from 2% to 1%, a 1% drop.").is_empty());
        assert!(found("Availability rose from 99.5% to 99.9%, a 0.4% gain.").is_empty());
        assert!(found("Builds got 50% faster, from 15 to 10 minutes.").is_empty());
        assert!(found("Checkout got 2.5x faster (300 ms → 120 ms).").is_empty());
        assert!(
            found("I cut costs by 30% by moving from 12 to 4 clusters.").is_empty(),
            "the change is about costs, the pair about clusters"
        );
        assert!(found("Costs fell 30%, and p99 went from 200 ms to 150 ms.").is_empty());
    }
}
