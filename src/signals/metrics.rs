//! **metrics**: a quantified fact — a number with a unit or a counted subject.
//!
//! Why: "p95 fell to 185 ms" can be checked; "it got faster" cannot. Interviewers weigh numbers
//! with units and subjects, not stray digits.
//!
//! Fires: "MTTR was about 45 minutes", "we migrated 12 services", "$30k a month".
//! Does not fire: "in 2021", "Postgres 14", "step 2", "JIRA-1234", a bare "40%" in a keyword list.

use super::text::widen_left;
use super::{Evidence, quantity};
use crate::answer::Answer;

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    let mut evidence = Vec::new();
    for sentence in answer
        .sentences
        .iter()
        .filter(|s| super::buzzwords::is_real_prose(s))
    {
        for q in quantity::find(&sentence.text) {
            let start = widen_left(&sentence.text, q.start, 2);
            evidence.push(Evidence::from_span(sentence, start, q.end));
        }
    }
    evidence
}

#[cfg(test)]
mod tests {
    use crate::answer::parse;

    fn count(text: &str) -> usize {
        super::detect(&parse(text)).len()
    }

    #[test]
    fn counts_quantities_in_sentences() {
        assert_eq!(
            count("Our p95 latency was 320 ms and we ran 12 services."),
            2
        );
    }

    #[test]
    fn ignores_dates_versions_and_keyword_lists() {
        assert_eq!(count("In 2021 I upgraded us to Postgres 14."), 0);
        assert_eq!(
            count("canary, RFC, RACI, 99.9%, p95, 40%, rollback, stakeholders"),
            0
        );
    }
}
