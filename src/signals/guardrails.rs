//! **guardrails**: change-safety controls used — canary, staged rollout, automatic rollback,
//! feature flags, blue/green, runbooks, load tests, dry runs, shadow traffic, kill switches.
//!
//! Why: a senior engineer plans for the change going wrong before it does. Missing rollback
//! plans are one of the pitfalls interviewers name most.
//!
//! Fires: "canary at 5%→25%→100% with automatic rollback", "behind a feature flag",
//! "we replayed production traffic in staging first".
//! Does not fire: "we rolled out a new logo", "I flagged it to my manager",
//! "a canary in the coal mine", "there was no rollback plan".

use super::Evidence;
use super::text::{negated_before, pattern};
use crate::answer::Answer;
use regex::Regex;
use std::sync::LazyLock;

static GUARDRAIL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:canar(?:y|ies|ied)(?: (?:release|rollout|deploy\w*|analysis|stage|cluster|hosts?|pods?|phase|at|with|of|to|showed|caught|failed))?|staged rollouts?|phased rollouts?|progressive (?:rollouts?|delivery)|gradual rollouts?|incremental rollouts?|percentage rollouts?|rolling (?:deploy\w*|updates?|restarts?)",
        r"|ramp(?:ed|ing)? (?:up )?(?:traffic )?(?:to|from) \d+\s?%|\d+\s?%\s*(?:→|->|to|then)\s*\d+\s?%",
        r"|auto(?:matic|mated)?[- ]?rollbacks?|rollback (?:plans?|scripts?|steps?|triggers?|criteria|procedure)|roll(?:ed|ing)? (?:it |them |everything )?back|one-click rollback",
        r"|feature[- ](?:flags?|toggles?|flagged|gates?)|behind (?:a |the )?(?:feature )?(?:flags?|toggles?)|flag-gated|kill[- ]switch(?:es)?|dark launch\w*",
        r"|blue[/-]green|red[/-]black|runbooks?|playbooks?|load[- ]test(?:s|ed|ing)?|stress[- ]test(?:s|ed|ing)?|soak tests?|dry[- ]runs?|rehears\w+|shadow (?:traffic|mode|reads|writes|deploy\w*)|traffic (?:replay\w*|mirroring|shadowing)|replay(?:ed|ing)? (?:production|prod) traffic",
        r"|chaos (?:drills?|tests?|engineering|experiments?)|game ?days?|fire drills?|circuit[- ]breakers?|rate[- ]limit(?:s|ing|ers?)?|error[- ]budget polic(?:y|ies)|change freeze|pre-?mortems?|backout plans?|fallback (?:path|plan)|dual[- ]writ(?:e|es|ing))\b"
    ))
});
static NOT_A_GUARDRAIL: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\bcanary in (?:a|the) coal ?mine\b|\bcanary (?:bird|yellow)\b"));

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    let mut evidence = Vec::new();
    for sentence in answer
        .sentences
        .iter()
        .filter(|s| super::buzzwords::is_real_prose(s))
    {
        let text = sentence.text.as_str();
        if NOT_A_GUARDRAIL.is_match(text) {
            continue;
        }
        if let Some(m) = GUARDRAIL
            .find_iter(text)
            .find(|m| !negated_before(text, m.start()))
        {
            evidence.push(Evidence::from_span(sentence, m.start(), m.end()));
        }
    }
    evidence
}

#[cfg(test)]
mod tests {
    use crate::answer::parse;

    fn fires(text: &str) -> bool {
        !super::detect(&parse(text)).is_empty()
    }

    #[test]
    fn safety_controls_fire() {
        assert!(fires(
            "I shipped it as a canary at 5%→25%→100% with automatic rollback."
        ));
        assert!(fires("Every config change went out behind a feature flag."));
        assert!(fires(
            "We replayed production traffic in staging before the cutover."
        ));
    }

    #[test]
    fn lookalikes_do_not() {
        assert!(!fires("We rolled out a new logo."));
        assert!(!fires("I flagged the risk to my manager."));
        assert!(!fires("That team was the canary in the coal mine."));
        assert!(!fires("There was no rollback plan."));
    }
}
