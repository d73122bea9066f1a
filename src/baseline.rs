//! A ratchet for shared banks: the scores answers had when the baseline was recorded.
//!
//! With a baseline, an answer fails only when it scores lower than recorded, so a team can adopt
//! coach on an old bank without fixing every answer first, and still never let one get worse.
//! Answers not in the baseline are judged by the threshold as usual.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: u32 = 1;

/// Recorded scores by answer name (`path`, or `path#story`), as reports show it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub schema_version: u32,
    pub scores: BTreeMap<String, u32>,
}

impl Baseline {
    /// An empty baseline, to [`record`](Baseline::record) a run's answers into.
    pub fn new() -> Baseline {
        Baseline {
            schema_version: SCHEMA_VERSION,
            scores: BTreeMap::new(),
        }
    }

    /// Records an answer's score; an answer recorded twice keeps the later score.
    pub fn record(&mut self, answer: &str, score: u32) {
        self.scores.insert(answer.to_string(), score);
    }

    /// Reads a baseline file's text; the message says what is wrong.
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let baseline: Baseline =
            serde_json::from_str(text).map_err(|e| format!("not a coach baseline: {e}"))?;
        if baseline.schema_version != SCHEMA_VERSION {
            return Err(format!(
                "baseline schema_version {} is not supported (expected {SCHEMA_VERSION}); record it again with --write-baseline",
                baseline.schema_version
            ));
        }
        Ok(baseline)
    }

    /// Pretty JSON with sorted keys, so a recorded baseline diffs well in review.
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).expect("baseline serialises");
        out.push('\n');
        out
    }

    pub fn score(&self, answer: &str) -> Option<u32> {
        self.scores.get(answer).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_json() {
        let mut baseline = Baseline {
            schema_version: SCHEMA_VERSION,
            ..Baseline::default()
        };
        baseline.scores.insert("bank.md#postgres".into(), 61);
        baseline.scores.insert("a.md".into(), 80);
        let text = baseline.to_json();
        assert!(text.find("a.md").unwrap() < text.find("bank.md").unwrap());
        assert_eq!(Baseline::parse(&text).unwrap(), baseline);
    }

    #[test]
    fn rejects_other_files_and_versions() {
        assert!(Baseline::parse("{\"files\": []}").is_err());
        let err = Baseline::parse("{\"schema_version\": 9, \"scores\": {}}").unwrap_err();
        assert!(err.contains("--write-baseline"), "{err}");
    }
}
