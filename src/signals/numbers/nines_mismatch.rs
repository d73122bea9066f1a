//! **nines-mismatch**: "five nines" next to a percentage with another number of nines. Five
//! nines is 99.999%; 99.9% is three. An interviewer who runs services hears the slip at once.
//!
//! Fires: "five nines (99.9%)", "99.99%, i.e. three nines".
//! Does not fire: "three nines (99.9%)", "99.95%, three and a half nines", "from three nines to
//! 99.99%".

use super::super::quantity::Unit;
use super::super::quantity::figures::{Figure, Figures};
use super::{Finding, lead_in, written};

/// Words that may stand between two ways of writing one figure.
const BETWEEN: &[&str] = &[
    "(", ")", ",", "—", "–", "-", "or", "i.e.", "ie", "i.e", "aka", "which", "is", "means",
    "meaning", "of", "at", "that's", "that", "=", ":", "a", "so", "about",
];

pub fn check(text: &str, read: &Figures) -> Vec<Finding> {
    let figures = &read.figures;
    let mut findings = Vec::new();
    for (i, f) in figures.iter().enumerate() {
        if !f.nines {
            continue;
        }
        let neighbours = [i.checked_sub(1), Some(i + 1)];
        for j in neighbours.into_iter().flatten() {
            let Some(other) = figures
                .get(j)
                .filter(|o| o.unit == Unit::Percent && !o.nines)
            else {
                continue;
            };
            let (first, second) = if j < i { (other, f) } else { (f, other) };
            if !side_by_side(text, first, second) {
                continue;
            }
            let Some(counted) = leading_nines(&written(text, other)) else {
                continue;
            };
            let said = f.value.round() as usize;
            if counted == said || half_nine(&written(text, f)) {
                continue;
            }
            findings.push(Finding {
                start: lead_in(text, first.start),
                end: second.end,
                fix: format!(
                    "{} is {}%, but {} is {} nine{}: say one figure.",
                    written(text, f),
                    nines_percent(said),
                    written(text, other),
                    counted,
                    if counted == 1 { "" } else { "s" }
                ),
            });
        }
    }
    findings
}

/// Whether only punctuation and a few linking words stand between two figures.
fn side_by_side(text: &str, first: &Figure, second: &Figure) -> bool {
    if second.start < first.end {
        return false;
    }
    let gap = &text[first.end..second.start];
    let words: Vec<&str> = gap
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 3
        && words
            .iter()
            .all(|w| BETWEEN.contains(&w.to_lowercase().as_str()))
}

/// "three and a half nines": a count between two whole ones.
fn half_nine(written: &str) -> bool {
    written.to_lowercase().contains("half")
}

/// The nines a percentage opens with: 99.95% has three, 99% two; None below 90%.
fn leading_nines(percent: &str) -> Option<usize> {
    let digits: String = percent
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .filter(char::is_ascii_digit)
        .collect();
    let whole: String = percent.chars().take_while(char::is_ascii_digit).collect();
    if whole.len() != 2 || !digits.starts_with('9') {
        return None;
    }
    Some(digits.chars().take_while(|c| *c == '9').count())
}

/// 5 -> "99.999".
fn nines_percent(count: usize) -> String {
    match count {
        0 | 1 => "90".to_string(),
        2 => "99".to_string(),
        n => format!("99.{}", "9".repeat(n - 2)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::fired;
    use super::*;
    use crate::signals::SignalId;

    fn found(text: &str) -> Vec<(String, String)> {
        fired(text)
            .into_iter()
            .filter(|(id, ..)| *id == SignalId::NinesMismatch)
            .map(|(_, evidence, fix)| (evidence, fix))
            .collect()
    }

    #[test]
    fn counts_of_nines() {
        assert_eq!(leading_nines("99.95%"), Some(3));
        assert_eq!(leading_nines("99.999%"), Some(5));
        assert_eq!(leading_nines("99%"), Some(2));
        assert_eq!(leading_nines("95%"), Some(1));
        assert_eq!(leading_nines("100%"), None);
        assert_eq!(leading_nines("9%"), None);
        assert_eq!(nines_percent(5), "99.999");
    }

    #[test]
    fn nines_that_disagree() {
        let found_one = found("We now run at five nines (99.9%) for checkout.");
        assert_eq!(found_one.len(), 1);
        assert!(
            found_one[0]
                .1
                .starts_with("five nines is 99.999%, but 99.9% is 3 nines"),
            "{}",
            found_one[0].1
        );
        assert_eq!(found("Availability hit 99.99%, i.e. three nines.").len(), 1);
    }

    #[test]
    fn nines_that_agree_or_are_apart() {
        assert!(found("We run at three nines (99.9%).").is_empty());
        assert!(found("We run at 99.95%, three nines and a half.").is_empty());
        assert!(found("We went from three nines to 99.99%.").is_empty());
        assert!(found("Checkout has four nines and search 99.9%.").is_empty());
    }
}
