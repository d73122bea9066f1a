//! **over-reduction**: a cut, a drop or a saving of more than 100%.
//!
//! A cut stops at 100%: everything gone. "Costs fell by 140%" would leave them below zero;
//! the speaker usually means a factor ("2.4 times lower"), which is a cut of 58%. Growth past
//! 100% is fine ("traffic grew 240%").
//!
//! Fires: "cut costs by 140%", "150% fewer pages", "saved 120% on hosting".
//! Does not fire: "grew 140%", "140% faster builds" (a speed-up), "cut by 40%", "-140%".

use super::super::quantity::Unit;
use super::super::quantity::figures::{Claim, Figures, Role, claim_of_change};
use super::{Finding, lead_in, percent, times, written};

pub fn check(text: &str, read: &Figures) -> Vec<Finding> {
    // The pair each change figure is stated about, found once.
    let mut pair_of = vec![None; read.figures.len()];
    for pair in &read.pairs {
        if let Some(change) = pair.change {
            pair_of[change] = Some(*pair);
        }
    }
    read.figures
        .iter()
        .enumerate()
        .filter(|(_, f)| {
            f.unit == Unit::Percent
                && f.role == Role::Change
                && !f.signed
                && !f.nines
                && f.value > 100.0
                && !text[f.start..f.end].to_lowercase().contains("point")
                && claim_of_change(text, read, f) == Some(Claim::Down)
        })
        .map(|(index, f)| {
            let shown = written(text, f);
            // The before and after values the cut belongs to, when the sentence gives them.
            let pair = pair_of[index];
            let fix = match pair {
                Some(pair) => {
                    let (a, b) = (&read.figures[pair.before], &read.figures[pair.after]);
                    let given = if b.value < a.value && a.value > 0.0 {
                        format!(
                            "from {} to {} is a {} cut",
                            written(text, a),
                            written(text, b),
                            percent((a.value - b.value) / a.value * 100.0)
                        )
                    } else {
                        format!("from {} to {} is no cut", written(text, a), written(text, b))
                    };
                    format!("A cut stops at 100% (nothing left); {given}. Say that.")
                }
                None => {
                    let factor = 1.0 + f.value / 100.0;
                    format!(
                        "A cut of {shown} would go below zero: a cut stops at 100%. If it is now {} lower, that is a {} cut; give the before and after values.",
                        times(factor),
                        percent(100.0 - 100.0 / factor)
                    )
                }
            };
            Finding {
                start: lead_in(text, f.start),
                end: f.end,
                fix,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::fired;
    use crate::signals::SignalId;

    fn found(text: &str) -> Vec<String> {
        fired(text)
            .into_iter()
            .filter(|(id, ..)| *id == SignalId::OverReduction)
            .map(|(_, _, fix)| fix)
            .collect()
    }

    #[test]
    fn cuts_past_everything() {
        assert_eq!(found("I cut our AWS costs by 140%.").len(), 1);
        assert_eq!(found("Pages fell 150% after the alert review.").len(), 1);
        assert_eq!(found("We ended up with 200% fewer incidents.").len(), 1);
        assert_eq!(found("The move saved 120% on hosting.").len(), 1);
        assert_eq!(
            found("Costs were reduced by a hundred and fifty percent.").len(),
            1
        );
    }

    #[test]
    fn growth_speed_ups_and_real_cuts() {
        assert!(found("Traffic grew 140% over the year.").is_empty());
        assert!(found("Builds got 140% faster.").is_empty());
        assert!(found("I cut costs by 40%.").is_empty());
        assert!(found("Costs moved -140% on paper.").is_empty());
        assert!(
            found("Error rate dropped 150 basis points... by 1.5 percentage points.").is_empty()
        );
    }

    #[test]
    fn the_fix_gives_the_real_cut() {
        let fix = &found("I cut costs by 150%, from $120k to $40k a month.")[0];
        assert!(
            fix.contains("from $120k to $40k a month is a 67% cut"),
            "{fix}"
        );
        let fix = &found("I cut costs by 150%.")[0];
        assert!(fix.contains("2.5 times lower, that is a 60% cut"), "{fix}");
    }
}
