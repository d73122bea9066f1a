//! **overclaiming** (pitfall): taking all the credit, nobody else acknowledged.
//!
//! Why: interviewers check for precision about your role; "I single-handedly rebuilt the
//! platform" reads as either untrue or a warning about how you work with others.
//!
//! Fires: "I single-handedly rebuilt it", "I did everything myself, the team just watched",
//! or a long run of "I did" with no colleague, team or partner ever mentioned.
//! Does not fire: "I led it with two engineers from storage".

use super::Evidence;
use super::ownership::Ownership;
use super::text::pattern;
use crate::answer::Answer;
use regex::Regex;
use std::sync::LazyLock;

static SOLO_CLAIM: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:single-?handed(?:ly)?|all by myself|entirely (?:by )?myself|i alone\b|(?:nobody|no one|none of them) else|without me\b|i did (?:it )?(?:all|everything)|i was the only (?:one|person|engineer)|(?:the team|everyone else|they) (?:just|only|mostly) (?:watched|followed|sat|waited|helped a bit)|100% (?:me|mine|my work)|(?:all|every bit of) (?:the|this) (?:work|credit) (?:was|is) (?:mine|me)|i (?:carried|saved) (?:the|this) (?:team|project|company)|solely responsible for (?:the )?success|thanks to me|because of me\b)",
    )
});
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:we|our|us|team|teams|together|with (?:the|my|a|two|three|an?|our|\w+ from)|helped|partnered|paired|colleagues?|engineers|peers?|the \w+ team|sre|security|product|finance|thanks to (?:the|my|our)|credit)\b",
    )
});

/// Fewest "I did" sentences before silence about everyone else reads as overclaiming.
const SOLO_RUN: usize = 6;

pub fn detect(answer: &Answer, ownership: &Ownership) -> Vec<Evidence> {
    let mut evidence: Vec<Evidence> = answer
        .sentences
        .iter()
        .filter_map(|s| {
            SOLO_CLAIM
                .find(&s.text)
                .map(|m| Evidence::from_span(s, m.start(), m.end()))
        })
        .collect();
    let credits_anyone = answer.sentences.iter().any(|s| CREDIT.is_match(&s.text));
    if evidence.is_empty()
        && ownership.mine.len() >= SOLO_RUN
        && ownership.ours.is_empty()
        && !credits_anyone
        && let Some(first) = ownership.mine.first()
    {
        evidence.push(Evidence {
            text: format!(
                "{} \"I\" actions and no one else named",
                ownership.mine.len()
            ),
            ..first.clone()
        });
    }
    evidence
}

#[cfg(test)]
mod tests {
    use crate::answer::parse;
    use crate::signals::ownership::analyse;

    fn fires(text: &str) -> bool {
        let answer = parse(text);
        !super::detect(&answer, &analyse(&answer)).is_empty()
    }

    #[test]
    fn solo_claims_fire() {
        assert!(fires("I single-handedly rebuilt the platform."));
        assert!(fires("I did everything myself; the team just watched."));
    }

    #[test]
    fn credit_shared_does_not() {
        assert!(!fires("I led it with two engineers from the storage team."));
        assert!(!fires(
            "I wrote the plan. I ran the review. We shipped it together."
        ));
    }
}
