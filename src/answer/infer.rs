//! Inferring STAR sections for prose that carries no labels.
//!
//! Each sentence is scored for each section from the cues a reader uses ("my goal was",
//! "I wrote", "as a result", "next time"), then the best labelling that keeps the STAR order
//! (situation ≤ task ≤ actions ≤ results ≤ reflection) is chosen by dynamic programming, so
//! one stray cue cannot scatter an answer. Moving to the next section is cheap where the
//! writer broke the text (a new paragraph or list item) and dear in the middle of a line,
//! because people tend to start a new part of the story on a new paragraph.

use super::SectionName;
use super::sentences::Opening;
use regex::Regex;
use std::sync::LazyLock;

/// One sentence to label: its text and how it sits in the layout.
#[derive(Debug, Clone, Copy)]
pub struct Unit<'a> {
    pub text: &'a str,
    pub opening: Opening,
}

struct Cue {
    section: SectionName,
    weight: f32,
    pattern: Regex,
}

/// Past-tense verbs a speaker uses for what they did (regular "-ed" forms are matched apart).
const DID: &str = "wrote|built|ran|set|led|made|took|drove|began|started|sat|held|went|did|gave|kept|found|dug|rewrote|split|broke|brought|chose|put|got|spoke|met|sent|read|drew|threw|shipped|spent|pushed|pulled|cut|moved|paired|also|then|first|sought|fought|won|taught|bought|sold|wound|tore|froze|shut|hid|rebuilt|redrew|undid|spun|swapped|wired";

static CUES: LazyLock<Vec<Cue>> = LazyLock::new(|| {
    use SectionName::*;
    let cue = |section, weight, pattern: &str| Cue {
        section,
        weight,
        pattern: Regex::new(&format!("(?i){pattern}")).expect("cue pattern"),
    };
    vec![
        // Situation: the scene, the baseline, the pain before anyone acted.
        cue(
            Situation,
            1.0,
            r"\b(used to|at the time|back (then|in)|we had|there (was|were)|had been|kept (failing|breaking|paging|crashing)|every (day|night|week|month|release|time)|legacy|manual(ly)?|flaky|baseline|nobody|no one|(was|were) (slow|painful|unreliable|expensive|fragile|brittle|stuck|growing|taking|silent|broken|failing|down))\b",
        ),
        cue(
            Situation,
            2.5,
            r"^(so,? |well,? |okay,? |sure,? )?(when i (first )?(joined|took over|started|arrived|inherited|moved)|back (when|in)|(a (couple|few) of|a few|two|three|four|several|some) (years|months) ago|(at|in) my (last|previous|current|old|former|first)|last (year|spring|summer|autumn|fall|winter|quarter)|i('m| am) an? |i was (working|an? ) )",
        ),
        cue(Situation, 0.6, r"\b(was|were|had)\b"),
        // Task: what the speaker was asked to do, owned, or set out to achieve.
        cue(
            Task,
            3.0,
            r"\b(i was (asked|tasked|responsible|given|brought in|put in charge|made|assigned|the (owner|one))|asked me( if i could)? to|(gave|handed|assigned) me|my (job|task|goal|mandate|responsibility|mission|brief|remit|(first |top |main )?priority)|i owned|i needed to|i had to|(the|our|my) (goal|aim|objective|target|ask) was|i (was|am) accountable|success (meant|criteria|was defined|would mean)|(i|we) set out to|i (volunteered|offered|signed up|decided) to|i took (on|ownership)|i wanted to (get|make|fix|find|move|reduce|bring|stop|cut|prove|change)|(was|fell to|was on) (my call|me to)|it was (up to|on) me|i was the (tech |team |technical )?lead)\b",
        ),
        // Actions: first-person steps, and bullet fragments that open on a past-tense verb.
        cue(Actions, 2.0, &format!(r"\bi (\w+ed|{DID})\b")),
        cue(
            Actions,
            1.5,
            &format!(
                r"^(\w+ed|{DID}) (a|an|the|our|my|up|out|in|off|it|them|all|every|each|that|this|to|with|\w+s)\b"
            ),
        ),
        cue(
            Actions,
            1.0,
            r"\b(first|then|next|after that|so i|finally|once that|we (added|built|moved|wrote|set up|introduced|rolled|migrated|shipped|ran|used|classified|converted|agreed|switched|did))\b",
        ),
        // Results: what changed after the work, usually with time passing and numbers.
        cue(
            Results,
            2.5,
            r"\b(as a result|in the end|ended up|the result|the outcome|by the end|end result|all in all|overall|since then|ever since|these days|afterwards|net effect|paid off|the upshot|(a|one|two|three|four|five|six|\d+) (days?|weeks?|months?|quarters?|years?) later|(after|within) (about |roughly |around |only |just )?(a|one|two|three|four|five|six|\d+|the (first|next)) (\w+ )?(days?|weeks?|months?|quarters?|years?)|after the (change|migration|rollout|launch|switch|fix|cutover|move)|we (finished|delivered|completed|launched|went live)|the final)\b",
        ),
        cue(
            Results,
            2.0,
            r"\b(dropped|fell|went (from|down|up)|came down|reduced|cut|improved|increased|decreased|halved|doubled|tripled|saved|saves|shrank|grew|down to|up to|now (takes|runs|is|are|has|have)|no longer|hit|reached|passed|got (down|up) to|(down|up) (by )?~?\d|since[.,;]|instead of)\b",
        ),
        cue(
            Results,
            0.5,
            r"\d+(\.\d+)?\s?(%|ms|x\b|percent|minutes|hours|days|k\b|\$)",
        ),
        // Reflection: the lesson, hindsight, what they would change.
        cue(
            Reflection,
            4.0,
            r"\b(i learn(ed|t)|lessons?|next time|in hindsight|looking back|if i (did|do|were to do|had to do|could do|had) (it|this|that)( \w+)? (again|over)|i would (have|do|start|involve|push|spend|ask|set|repeat|keep|budget|change)|i'd (have|do|start|involve|push|spend|ask|set|also|repeat|keep|budget|change|get)|what i'd|differently|takeaway|took away|taught me|in retrospect|i('ve| have) since|i realized|i realised|trade-?offs? (was|were|i)|the downside|the thing i'd)\b",
        ),
    ]
});

/// The raw cue score of one sentence for each section, before position and order.
pub fn cue_scores(text: &str) -> [f32; 5] {
    let mut scores = [0.0f32; 5];
    for cue in CUES.iter() {
        if cue.pattern.is_match(text) {
            scores[cue.section.index()] += cue.weight;
        }
    }
    scores
}

/// Chooses a section for each sentence.
pub fn infer(units: &[Unit<'_>]) -> Vec<SectionName> {
    let scores: Vec<[f32; 5]> = units
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            let mut scores = cue_scores(unit.text);
            // Answers open on the scene.
            if i == 0 {
                scores[SectionName::Situation.index()] += 2.0;
            }
            scores
        })
        .collect();
    let costs: Vec<f32> = units.iter().map(|u| switch_cost(u.opening)).collect();
    best_monotone_path(&scores, &costs)
}

/// What it costs to start a new section at a sentence that opens this way.
fn switch_cost(opening: Opening) -> f32 {
    match opening {
        Opening::Block => 0.25,
        Opening::LineStart => 0.75,
        Opening::MidLine => 1.25,
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
                let cost = if prev == state { 0.0 } else { costs[i] };
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

    #[test]
    fn when_i_joined_sets_the_scene_not_an_action() {
        let scores = cue_scores("When I took over the team, pages came in 30 times a week.");
        assert!(scores[Situation.index()] > scores[Actions.index()]);
    }

    #[test]
    fn verb_first_bullets_are_actions() {
        let scores = cue_scores("Moved indices older than 7 days to a warm tier.");
        assert!(scores[Actions.index()] > 0.0);
        assert_eq!(
            cue_scores("Used by every team for debugging.")[Actions.index()],
            0.0
        );
    }
}
