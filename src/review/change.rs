//! What one save changed: the score's move and the checks whose points moved, for
//! `coach review --watch`, where the candidate edits and wants to see the effect at once.

use crate::report::{FileReport, Status};

/// The difference between two scorings of the same answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub score_before: u32,
    pub score_after: u32,
    /// Checks whose points moved, in rubric order.
    pub moved: Vec<Moved>,
}

/// A check whose points moved between two scorings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub check: String,
    pub before: u32,
    pub after: u32,
    pub max_points: u32,
    pub status: Status,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        self.score_before == self.score_after && self.moved.is_empty()
    }

    /// "score 37 → 45 (+8)", or "score 45, unchanged".
    pub fn score_words(&self) -> String {
        let delta = i64::from(self.score_after) - i64::from(self.score_before);
        if delta == 0 {
            format!("score {}, unchanged", self.score_after)
        } else {
            format!(
                "score {} → {} ({delta:+})",
                self.score_before, self.score_after
            )
        }
    }
}

impl Moved {
    /// "results.quantified 4/12 → 12/12, now passes".
    pub fn words(&self) -> String {
        let now = match self.status {
            Status::Pass => ", now passes",
            Status::Fail if self.before > 0 => ", now fails",
            _ => "",
        };
        format!(
            "{} {}/{} → {}/{}{now}",
            self.check, self.before, self.max_points, self.after, self.max_points
        )
    }

    /// True when the save gained points.
    pub fn gained(&self) -> bool {
        self.after > self.before
    }
}

/// What changed from `before` to `after`; checks only one of them has (the rubric changed)
/// are left out, and the score says the rest.
pub fn between(before: &FileReport, after: &FileReport) -> Change {
    let moved = after
        .checks
        .iter()
        .filter_map(|now| {
            let then = before.checks.iter().find(|c| c.id == now.id)?;
            (then.points != now.points).then(|| Moved {
                check: now.id.clone(),
                before: then.points,
                after: now.points,
                max_points: now.max_points,
                status: now.status,
            })
        })
        .collect();
    Change {
        score_before: before.score,
        score_after: after.score,
        moved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{answer, engine, rubric};

    fn score(text: &str) -> FileReport {
        let rubric = rubric::load("infra-leadership").unwrap();
        engine::score("a.md", &answer::parse(text), &rubric)
    }

    #[test]
    fn a_save_that_adds_results_moves_the_score_and_their_checks() {
        let draft =
            "Situation: deploys were slow.\n\nTask: I owned it.\n\nActions: I cached builds.\n";
        let better = format!("{draft}\nResults: deploys fell from 40 to 9 minutes.\n");
        let change = between(&score(draft), &score(&better));
        assert!(change.score_after > change.score_before, "{change:?}");
        let results = change
            .moved
            .iter()
            .find(|m| m.check == "results.present")
            .expect("results.present moved");
        assert!(results.gained());
        assert_eq!(results.words(), "results.present 0/2 → 2/2, now passes");
        assert!(change.score_words().starts_with("score "));
        let same = between(&score(draft), &score(draft));
        assert!(same.is_empty());
        assert!(same.score_words().ends_with("unchanged"));
    }
}
