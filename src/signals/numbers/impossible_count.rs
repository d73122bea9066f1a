//! **impossible-count**: counts beyond the possible. More people than live on earth, more
//! hours than a day has, more days than a week.
//!
//! A time per period is impossible only for one clock: "25 hours a day" on call is, but "30
//! hours a day of CI time" adds up many machines, and "saved 40 engineer-hours a day" many
//! people. Sentences that add up (saved, total, combined, across, engineer-hours, CI, compute)
//! are left alone.
//!
//! Fires: "I was on call 25 hours a day", "8 days a week", "ten billion users".
//! Does not fire: "24 hours a day", "saved 30 hours a day across the fleet", "2 billion users".

use super::super::pattern::{Pattern, pattern};
use super::super::quantity::Unit;
use super::super::quantity::figures::{self, Figure, Figures, Role};
use super::super::quantity::measure::Measure;
use super::{Finding, lead_in, written};
use std::sync::LazyLock;

/// People alive, rounded up: a count of people above it cannot be right.
const PEOPLE_ON_EARTH: f64 = 8.2e9;

/// Words that make a time per period a sum over many clocks.
static ADDS_UP: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:sav(?:e|ed|es|ing)|total|totals|combined|across|collectively|altogether|aggregate|in all|engineer|engineers|person|people|man|team|teams|developer|developers|ci|compute|cpu|gpu|machine|machines|runner|runners|node|nodes|instance|instances|core|cores|server|servers|agents?|bots?|builds?|pipelines?|tests?|jobs?|workers?)\b|-(?:hours?|days?|weeks?|months?)\b",
    )
});

pub fn check(text: &str, read: &Figures) -> Vec<Finding> {
    // Read once a sentence, and only when a figure has a period to add up over.
    let adds_up = std::cell::OnceCell::new();
    let adds_up = || *adds_up.get_or_init(|| ADDS_UP.is_match(text));
    read.figures
        .iter()
        .filter(|f| !f.signed && f.role != Role::Change)
        .filter_map(|f| {
            let fix = too_many_people(f).or_else(|| more_than_the_period(f, adds_up))?;
            Some(Finding {
                start: lead_in(text, f.start),
                end: f.end + figures::period_len(text, f.end).unwrap_or(0),
                fix: format!("{} {fix}", written(text, f)),
            })
        })
        .collect()
}

fn too_many_people(f: &Figure) -> Option<String> {
    (f.unit == Unit::Count && f.measure == Measure::People && f.value > PEOPLE_ON_EARTH)
        .then(|| {
            "is more people than live on earth (about 8.2 billion). Check the figure and its unit (thousand, million)."
                .to_string()
        })
}

/// Each period with the most its unit can hold and how to say it.
const PERIODS: [(f64, f64, &str); 6] = [
    (60.0, 60.0, "a minute has 60 seconds"),
    (3_600.0, 3_600.0, "an hour has 60 minutes"),
    (86_400.0, 86_400.0, "a day has 24 hours"),
    (604_800.0, 604_800.0, "a week has 7 days"),
    (2_592_000.0, 2_678_400.0, "a month has at most 31 days"),
    (31_536_000.0, 31_622_400.0, "a year has 366 days at most"),
];

fn more_than_the_period(f: &Figure, adds_up: impl Fn() -> bool) -> Option<String> {
    if !matches!(f.unit, Unit::Duration | Unit::Latency) {
        return None;
    }
    let per = f.per?;
    let (_, most, says) = PERIODS
        .iter()
        .find(|(period, ..)| (period - per).abs() < 1.0)?;
    let least = f.low.unwrap_or(f.value);
    if least <= most * 1.000_1 || adds_up() {
        return None;
    }
    Some(format!(
        "cannot fit: {says}. If this adds up several people or machines, say so (\"40 engineer-hours a day\")."
    ))
}

#[cfg(test)]
mod tests {
    use super::super::tests::fired;
    use crate::signals::SignalId;

    fn found(text: &str) -> Vec<(String, String)> {
        fired(text)
            .into_iter()
            .filter(|(id, ..)| *id == SignalId::ImpossibleCount)
            .map(|(_, evidence, fix)| (evidence, fix))
            .collect()
    }

    #[test]
    fn beyond_the_possible() {
        assert_eq!(found("I was on call 25 hours a day for a month.").len(), 1);
        assert_eq!(found("I worked eight days a week to land it.").len(), 1);
        assert_eq!(found("The app now has 10 billion users.").len(), 1);
        assert_eq!(found("I worked twenty-six hours a day.").len(), 1);
        let (evidence, fix) = &found("I was on call 25 hours a day for a month.")[0];
        assert_eq!(evidence, "I was on call 25 hours a day");
        assert!(
            fix.starts_with("25 hours cannot fit: a day has 24 hours"),
            "{fix}"
        );
    }

    #[test]
    fn possible_or_added_up() {
        assert!(found("Support ran 24 hours a day.").is_empty());
        assert!(found("The fleet saved 30 hours a day of CI time.").is_empty());
        assert!(found("We saved 40 engineer-hours a day.").is_empty());
        assert!(found("The app has 2 billion users.").is_empty());
        assert!(found("The pipeline processed 10 billion events.").is_empty());
        assert!(found("We shipped 31 days a month.").is_empty());
    }
}
