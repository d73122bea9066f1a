//! Inferring STAR sections for prose that carries no labels.
//!
//! Each sentence is scored for each section from the cues a reader uses ("my goal was",
//! "I wrote", "as a result", "next time"), then the best labelling that keeps the STAR order
//! (situation ≤ task ≤ actions ≤ results ≤ reflection) is chosen by dynamic programming, so
//! one stray cue cannot scatter an answer.

use super::SectionName;
use regex::Regex;
use std::sync::LazyLock;

struct Cue {
    section: SectionName,
    weight: f32,
    pattern: Regex,
}

static CUES: LazyLock<Vec<Cue>> = LazyLock::new(|| {
    use SectionName::*;
    let cue = |section, weight, pattern: &str| Cue {
        section,
        weight,
        pattern: crate::signals::text::pattern(pattern),
    };
    vec![
        cue(
            Situation,
            1.0,
            r"\b(used to|at the time|back (then|in)|when i joined|at my (last|previous|old) (job|company|role)|we had|there (was|were)|had been|kept (failing|breaking|paging)|every (day|night|week|month|release)|legacy|manual(ly)?|flaky|baseline|(was|were) (slow|painful|unreliable|expensive|fragile|brittle|stuck|growing|taking))\b",
        ),
        cue(Situation, 0.6, r"\b(was|were|had)\b"),
        cue(
            Task,
            3.0,
            r"\b(i was (asked|tasked|responsible|given|brought in|put in charge|made|assigned|the (owner|lead|one))|my (job|task|goal|role|mandate|responsibility|mission|brief|remit)|i owned|i needed to|i had to|(the|our|my) (goal|aim|objective|target) was|the ask was|i (was|am) accountable|success (meant|criteria|was defined|would mean)|(i|we) set out to|i volunteered to|i took (on|ownership))\b",
        ),
        cue(
            Actions,
            2.0,
            r"\bi (\w+ed|wrote|built|ran|set|led|made|took|drove|began|started|sat|held|went|did|gave|kept|found|dug|rewrote|split|broke|brought|chose|put|got|spoke|met|sent|read|drew|threw|shipped|spent|pushed|pulled|cut|moved|ran|also|then|first)\b",
        ),
        cue(
            Actions,
            1.0,
            r"\b(first|then|next|after that|so i|finally|once that|we (added|built|moved|wrote|set up|introduced|rolled|migrated|shipped))\b",
        ),
        cue(
            Results,
            2.5,
            r"\b(as a result|in the end|ended up|the result|the outcome|by the end|end result|all in all|overall|since then|today|these days|afterwards|six months later|a (month|quarter|year) later|net effect|paid off|the upshot)\b",
        ),
        cue(
            Results,
            2.0,
            r"\b(dropped|fell|went (from|down|up)|came down|reduced|cut|improved|increased|decreased|halved|doubled|tripled|saved|shrank|grew|down to|up to|now (takes|runs|is|are|has|have)|no longer|hit|reached|passed|got (down|up) to)\b",
        ),
        cue(
            Results,
            0.5,
            r"\d+(\.\d+)?\s?(%|ms|x\b|percent|minutes|hours|days|k\b|\$)",
        ),
        cue(
            Reflection,
            4.0,
            r"\b(i learn(ed|t)|lessons?|next time|in hindsight|looking back|if i (did|were to do|had to do|could do) (it|this) (again|over)|i would (have|do|start|involve|push|spend|ask|set)|i'd (have|do|start|involve|push|spend|ask|set|also)|what i'd|differently|takeaway|taught me|in retrospect|i('ve| have) since|i realized|i realised|trade-?offs? (was|were|i)|the downside)\b",
        ),
    ]
});

/// Chooses a section for each sentence; `None` only when `texts` is empty.
pub fn infer(texts: &[&str]) -> Vec<SectionName> {
    let n = texts.len();
    if n == 0 {
        return Vec::new();
    }
    let scores: Vec<[f32; 5]> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| sentence_scores(text, i, n))
        .collect();
    best_monotone_path(&scores)
}

fn sentence_scores(text: &str, index: usize, count: usize) -> [f32; 5] {
    let mut scores = [0.0f32; 5];
    for cue in CUES.iter() {
        if cue.pattern.is_match(text) {
            let slot = &mut scores[cue.section.index()];
            *slot = slot.max(0.0) + cue.weight;
        }
    }
    // Position priors: answers open on the scene and close on the outcome or lesson.
    if index == 0 {
        scores[SectionName::Situation.index()] += 2.0;
    }
    if index + 1 == count && count > 2 {
        scores[SectionName::Results.index()] += 0.5;
    }
    scores
}

/// Viterbi over five ordered states: each step may stay or move forward, never back.
fn best_monotone_path(scores: &[[f32; 5]]) -> Vec<SectionName> {
    const SWITCH_COST: f32 = 0.75;
    let n = scores.len();
    let mut best = vec![[f32::NEG_INFINITY; 5]; n];
    let mut from = vec![[0usize; 5]; n];
    best[0] = scores[0];
    for i in 1..n {
        for state in 0..5 {
            let mut choice = (f32::NEG_INFINITY, 0);
            for (prev, previous_best) in best[i - 1].iter().enumerate().take(state + 1) {
                let cost = if prev == state { 0.0 } else { SWITCH_COST };
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
            infer(&sentences),
            vec![Situation, Task, Actions, Actions, Results, Reflection]
        );
    }

    #[test]
    fn absent_parts_are_not_invented() {
        let sentences = [
            "Our on-call rotation was paging people every night.",
            "I rewrote the alert rules and deleted forty of them.",
        ];
        let path = infer(&sentences);
        assert!(!path.contains(&Reflection));
        assert!(!path.contains(&Task));
    }
}
