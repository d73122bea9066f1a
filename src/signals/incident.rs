//! **incident**: a concrete failure, outage or rollback, and how it was handled.
//!
//! Why: every real rollout hits trouble; what the speaker did in the moment (contain, roll
//! back, fix, follow up) shows judgement under pressure.
//!
//! Fires: "In week 3 a canary showed a memory leak; the rollback fired at 5% and I added a
//! memory ceiling and a regression test."
//! Does not fire: "we had rollback plans", "I took incident commander training",
//! "if something failed we would roll back".

use super::Evidence;
use super::text::{is_hypothetical, pattern};
use crate::answer::{Answer, Sentence};
use regex::Regex;
use std::sync::LazyLock;

static EVENT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:outages?|incidents?|sev-?[0-4]|p[0-2] (?:incident|bug)|memory leaks?|regressions?|went down|go down|crash(?:ed|es|ing)?|broke|broken|failed|failing|failures?|fell over|data loss|lost data|corrupt(?:ed|ion)?|deadlock(?:ed|s)?|spiked?|degraded|degradation|timeouts?|timing out|timed out|errors? (?:spiked|jumped|climbed)|rollback (?:was |got )?(?:triggered|fired|kicked in)|paged|woke (?:me|us) up|bug in prod\w*|hotfix|brownout|cascading|overloaded|saturated|ran out of|exhausted|on fire|blew up|stalled|hung|split[- ]brain|thundering herd|stampede|double[- ]charg\w*|misconfigur\w*)\b",
    )
});
static HANDLING: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:rolled (?:it |them |everything )?back|rollback (?:was |got )?(?:triggered|fired|kicked in)|roll(?:ed)? forward|contained|mitigated|fixed|restored|recovered|patched|hotfix(?:ed)?|wrote (?:the |a )?(?:post-?mortem|rca)|post-?mortem|root[- ]caus\w*|failed over|fail(?:ed)? over|drained|isolated|reverted|disabled|resolved|traced|triaged|diagnosed|debugged|paused|halted|stopped the (?:rollout|migration|deploy)|led the (?:response|incident|call)|incident commander|ran the (?:incident|call|bridge)|blast radius|added (?:a|an|the)\b|updated the runbook|flipped (?:the )?(?:flag|switch)|kill switch|scaled (?:up|out)|throttled|shed load|communicated|status page)\b",
    )
});
static NOT_AN_EVENT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:incident (?:commander|response) (?:training|course|certification|rotation|process)|incident management (?:tool|process|training)|failed to (?:mention|say|explain)|(?:had|have|wrote|prepared|drafted|kept) (?:a |an |our )?(?:rollback|incident|runbook) (?:plans?|process|playbook))\b",
    )
});

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    let sentences: Vec<&Sentence> = answer
        .sentences
        .iter()
        .filter(|s| super::buzzwords::is_real_prose(s))
        .collect();
    let mut evidence = Vec::new();
    for (i, sentence) in sentences.iter().enumerate() {
        let text = sentence.text.as_str();
        if is_hypothetical(text) || NOT_AN_EVENT.is_match(text) {
            continue;
        }
        let Some(event) = EVENT.find(text) else {
            continue;
        };
        // The handling may be told in the same sentence or the next one.
        let handled_here = HANDLING.is_match(text);
        let handled_next = sentences
            .get(i + 1)
            .is_some_and(|next| !is_hypothetical(&next.text) && HANDLING.is_match(&next.text));
        if handled_here || handled_next {
            evidence.push(Evidence::from_span(sentence, event.start(), text.len()));
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
    fn handled_incidents_fire() {
        assert!(fires(
            "In week 3 a canary showed a memory leak in the sidecar. The rollback fired at 5% and I added a memory ceiling."
        ));
        assert!(fires(
            "When the primary failed, I failed over to the replica and wrote the postmortem."
        ));
    }

    #[test]
    fn plans_training_and_hypotheticals_do_not() {
        assert!(!fires("We had rollback plans for every step."));
        assert!(!fires("I took incident commander training last year."));
        assert!(!fires("If something failed we would roll back."));
    }
}
