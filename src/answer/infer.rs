//! Inferring STAR sections for prose that carries no labels.
//!
//! Each sentence is scored for each section from the cues a reader uses ("my goal was",
//! "I wrote", "as a result", "next time"), then the best labelling that keeps the STAR order
//! (situation ≤ task ≤ actions ≤ results ≤ reflection) is chosen by dynamic programming, so
//! one stray cue cannot scatter an answer (the cues live in `cues.rs`). Moving to the next section is cheap where the
//! writer broke the text (a new paragraph or list item) and dear in the middle of a line,
//! because people tend to start a new part of the story on a new paragraph.

use super::SectionName;
use super::cues::cue_scores;
use super::deeds::is_past_deed;
use super::roles::{Place, role_log_probs};
use super::sentences::Opening;
use std::borrow::Cow;

/// One sentence to label: its text and how it sits in the layout.
#[derive(Debug, Clone, Copy)]
pub struct Unit<'a> {
    pub text: &'a str,
    pub opening: Opening,
    /// A part of the story the interviewer just asked for, if any.
    pub hint: Option<SectionName>,
}

/// Chooses a section for each sentence.
pub fn infer(units: &[Unit<'_>]) -> Vec<SectionName> {
    let opening = if tells_a_story(units) {
        SectionName::Situation
    } else {
        SectionName::Actions
    };
    let scores: Vec<[f32; 5]> = units
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            let mut scores = cue_scores(unit.text);
            let place = Place {
                index: i,
                count: units.len(),
                opening: unit.opening,
            };
            let learned = role_log_probs(unit.text, place);
            for (score, log_prob) in scores.iter_mut().zip(learned) {
                *score += ROLE_WEIGHT * log_prob;
            }
            // Stories open on the scene, and an answer that never narrates on a step; past the
            // first third, "there were problems" is more likely narration of the work than
            // the scene.
            if i == 0 {
                scores[opening.index()] += 3.0;
            } else if i * 3 > units.len() {
                scores[SectionName::Situation.index()] *= 0.5;
            }
            if let Some(section) = unit.hint {
                scores[section.index()] += 3.0;
            }
            scores
        })
        .collect();
    let costs: Vec<f32> = units.iter().map(|u| switch_cost(u.opening)).collect();
    best_monotone_path(&scores, &costs)
}

/// Past tenses (and "was", "were", "had") per hundred words below which an answer does not
/// narrate: on `dev`, answers people read as all actions ("When a deploy breaks, I stop it
/// and ...", "I would first ...") have a median of 2.4, stories 10.
const NARRATION: f32 = 2.5;

/// Whether the answer tells what happened, by its past tenses: one that describes how the
/// speaker works or would work has no scene to set, and its first sentence is already a step.
fn tells_a_story(units: &[Unit<'_>]) -> bool {
    let mut words = 0usize;
    let mut past = 0usize;
    for unit in units {
        for word in unit.text.split(|c: char| !c.is_alphanumeric() && c != '\'') {
            if word.is_empty() {
                continue;
            }
            words += 1;
            // Most words are lower case already: no copy for them.
            let lower: Cow<str> = if word.chars().any(char::is_uppercase) {
                Cow::Owned(word.to_lowercase())
            } else {
                Cow::Borrowed(word)
            };
            if is_past_deed(&lower) || matches!(&*lower, "was" | "were" | "had") {
                past += 1;
            }
        }
    }
    past as f32 * 100.0 >= NARRATION * words as f32
}

/// How much the learned sentence-role model counts beside the cues (its log-probabilities
/// are added at this weight).
const ROLE_WEIGHT: f32 = 1.0;

/// What it costs to pass over a section: most answers tell every part, so a jump from the
/// situation straight to the results needs more evidence than a step to the task.
const SKIP_COST: f32 = 0.5;

/// What it costs to start a new section at a sentence that opens this way.
fn switch_cost(opening: Opening) -> f32 {
    match opening {
        Opening::Block => 0.25,
        Opening::LineStart => 0.75,
        Opening::MidLine => 0.75,
    }
}

/// Viterbi over five ordered states: each step may stay or move forward, never back.
fn best_monotone_path(scores: &[[f32; 5]], costs: &[f32]) -> Vec<SectionName> {
    let n = scores.len();
    if n == 0 {
        return Vec::new();
    }
    let mut best = vec![[f32::NEG_INFINITY; 5]; n];
    let mut from = vec![[0usize; 5]; n];
    best[0] = scores[0];
    for i in 1..n {
        for state in 0..5 {
            let mut choice = (f32::NEG_INFINITY, 0);
            for (prev, previous_best) in best[i - 1].iter().enumerate().take(state + 1) {
                let cost = if prev == state {
                    0.0
                } else {
                    costs[i] + SKIP_COST * (state - prev - 1) as f32
                };
                let value = previous_best - cost;
                if value > choice.0 {
                    choice = (value, prev);
                }
            }
            best[i][state] = choice.0 + scores[i][state];
            from[i][state] = choice.1;
        }
    }
    let mut state = (0..5)
        .max_by(|&a, &b| best[n - 1][a].total_cmp(&best[n - 1][b]).then(b.cmp(&a)))
        .unwrap_or(0);
    let mut path = vec![SectionName::Situation; n];
    for i in (0..n).rev() {
        path[i] = SectionName::ALL[state];
        state = from[i][state];
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionName::*;

    fn inline(texts: &[&'static str]) -> Vec<Unit<'static>> {
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| Unit {
                text,
                hint: None,
                opening: if i == 0 {
                    Opening::Block
                } else {
                    Opening::MidLine
                },
            })
            .collect()
    }

    #[test]
    fn spoken_answer_follows_star_order() {
        let sentences = [
            "At my last company our deploys took two hours and failed every week.",
            "My goal was to get that under twenty minutes by the end of the quarter.",
            "I wrote a proposal and moved the builds onto cached runners.",
            "I also split the test suite into shards.",
            "As a result deploys dropped to 14 minutes.",
            "Looking back, I would have involved QA earlier.",
        ];
        assert_eq!(
            infer(&inline(&sentences)),
            vec![Situation, Task, Actions, Actions, Results, Reflection]
        );
    }

    #[test]
    fn absent_parts_are_not_invented() {
        let sentences = [
            "Our on-call rotation was paging people every night.",
            "I rewrote the alert rules and deleted forty of them.",
        ];
        let path = infer(&inline(&sentences));
        assert!(!path.contains(&Reflection));
        assert!(!path.contains(&Task));
    }

    #[test]
    fn an_answer_that_does_not_narrate_opens_on_a_step() {
        let habits = [
            "When a deploy breaks in production, I stop the rollout first so nothing else goes out.",
            "Then I look at the dashboards and the logs of the last release.",
            "If the cause is not clear within minutes, I roll back and tell the channel.",
        ];
        assert_eq!(infer(&inline(&habits))[0], Actions);
        let one = ["I stay calm, follow the incident process and restore service first."];
        assert_eq!(infer(&inline(&one)), vec![Actions]);
        // The same moves told as what happened keep their scene.
        let story = [
            "Last spring our deploys broke production twice a week.",
            "I stopped the rollouts and read the logs of the last release.",
            "I rolled back and told the channel.",
        ];
        assert_eq!(infer(&inline(&story))[0], Situation);
    }

    #[test]
    fn a_paragraph_break_makes_a_weak_cue_enough() {
        // "Six weeks later" alone is a modest cue; after a blank line it opens the results.
        let mut units = inline(&[
            "Our nightly export failed about once a week.",
            "I added retries and split the job into hourly chunks.",
            "Six weeks later the export had not failed once.",
        ]);
        units[2].opening = Opening::Block;
        assert_eq!(infer(&units)[2], Results);
    }
}
