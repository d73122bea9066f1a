//! **incident**: a concrete failure, outage or rollback, and how it was handled.
//!
//! Why: every real rollout hits trouble; what the speaker did in the moment (contain, roll
//! back, fix, follow up) shows judgement under pressure.
//!
//! How: a sentence must tell something going wrong (a failure verb or noun, or a bug,
//! mismatch or discrepancy that someone or something caught, not negated, not
//! hypothetical, not a process, training or role), and that sentence or one of the next two
//! must say who handled it and how ("I rolled back", "we failed over", "the rollback fired").
//!
//! Fires: "In week 3 a canary showed a memory leak; the rollback fired at 5% and I added a
//! memory ceiling and a regression test."
//! Does not fire: "we had rollback plans", "I took incident commander training",
//! "if something failed we would roll back", "luckily nothing broke".

use super::Evidence;
use super::pattern::{Pattern, pattern};
use super::text::{is_hypothetical, negated_before, widen_left};
use crate::answer::{Answer, Sentence};
use std::sync::LazyLock;

/// Something going wrong, told as a fact.
static EVENT: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:outages?|sev-?[0-4]|memory leaks?|leak(?:ed|ing)|regressions?|jumped|climbed|soared|shot up|creeping up|creeping|crash(?:ed|es|ing)?|crash reports|broke|broken|failed|failing|fell over|data loss|lost (?:data|quorum|about|\d|the|all|our)|corrupt(?:ed|ion)?|deadlock(?:ed|s)?|spiked?|degraded|timeouts?|timing out|timed out|paged|woke (?:me|us) up|bug in prod\w*|brownout|cascading|overloaded|saturated|ran out of|exhaust(?:ed|ion)|blew up|stalled|hung|split[- ]brain|thundering herd|stampede|double[- ]charg\w*|misconfigur\w*|noisy neighbou?r|expired|went down|took (?:down|out)|locked|got stuck|stuck|throttl(?:ed|ing)|duplicates?|deleted|filled|5xx|50[0-4]s?|oom(?:[- ]?killed)?|killed|stale|runaway|returned (?:nothing|errors|stale|wrong|empty)|(?:nobody|no one) could|couldn't|could not|empty for|half-built|without a where|reported seeing|errors? at \d|errors? (?:rate )?(?:hit|jumped|climbed|rose)|through the roof",
        r"|(?:caught|detected|found|spotted|flagged|showed|surfaced|noticed|discovered|hit) (?:a|an|the|some|two|three|several) (?:[\w-]+ ){0,2}(?:mismatch(?:es)?|discrepanc(?:y|ies)|bugs?|data issues?|corruption|drift)",
        r")\b"
    ))
});
/// Mentions of incidents as a process, a role, a plan or a figure of speech.
static NOT_AN_EVENT: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:incident (?:commander|response|management|metrics|volume|manager)|crash course|failure modes?|failed to (?:mention|say|explain)|(?:had|have|wrote|prepared|drafted|kept) (?:a |an |our )?(?:rollback|incident|runbook) (?:plans?|process|playbook)|designed to (?:tolerate|survive|handle))\b",
    )
});
/// Someone (or an automatic control) acting on the failure.
static HANDLING: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:i|we|me|us)\b[^.;]{0,50}?\b(?:roll(?:ed)? (?:it |them |everything |\w+ )?(?:back|forward)|revert(?:ed)?|restor(?:e|ed)|recover(?:ed)?|fail(?:ed)? over|fix(?:ed)?|patch(?:ed)?|hotfix(?:ed)?|shipped a (?:hot)?fix|mitigat(?:e|ed)|contain(?:ed)?|drain(?:ed)?|disabl(?:e|ed)|kill(?:ed)?|halt(?:ed)?|paus(?:e|ed)|stopp?(?:ed)?|flipp?(?:ed)?|switch(?:ed)?|rotat(?:e|ed)|rais(?:e|ed)|shed|pinn?(?:ed)?|dedup\w*|clear(?:ed)?|remov(?:e|ed)|mov(?:e|ed)|reduc(?:e|ed)|restart(?:ed)?|trac(?:e|ed)|identif(?:y|ied)|diagnos(?:e|ed)|debugg?(?:ed)?|root-?caus\w*|wrote (?:up )?(?:the |a )?(?:post-?mortem|rca|incident)|add(?:ed)?|put (?:\w+ ){0,3}back|pull(?:ed)?|re-?ran|isolat(?:e|ed)|scal(?:e|ed) (?:up|out)|escalat(?:e|ed)|backfill(?:ed)?|split|found (?:the|a|an) \w+|issu(?:e|ed)|automat(?:e|ed)|renew(?:ed)?|replac(?:e|ed)|promot(?:e|ed)|throttl(?:e|ed)|replay(?:ed)?|rebuil[dt]|resync\w*|purg(?:e|ed)|evict(?:ed)?|blocked)\b",
        r"|\brollback (?:was |got )?(?:triggered|fired|kicked in|complete[d]?)|\b(?:rollout|deploy|canary|release) (?:was )?abort(?:ed)?\b|\babort(?:ed)? (?:itself|automatically)\b|\brolled back automatically\b|\bback to (?:baseline|normal)\b|\bthe fix was\b|\bpost-?mortem\b"
    ))
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
        let Some(event) = EVENT.find_iter(text).find(|m| {
            !negated_before(text, m.start())
                    && !nothing_before(text, m.start())
                    // "a regression test" is a safeguard, not a failure.
                    && !text[m.end()..].trim_start().starts_with("test")
        }) else {
            continue;
        };
        // The handling may be told in the same sentence or the next one.
        let handled = sentences[i..]
            .iter()
            .take(2)
            .any(|s| !is_hypothetical(&s.text) && HANDLING.is_match(&s.text));
        if handled {
            let start = widen_left(text, event.start(), 3);
            evidence.push(Evidence::from_span(sentence, start, event.end()));
        }
    }
    evidence
}

/// "nothing broke", "no one noticed": the failure did not happen.
fn nothing_before(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end().to_lowercase();
    head.ends_with("nothing") || head.ends_with("never")
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

    #[test]
    fn failures_need_a_fact_and_a_handler() {
        assert!(fires(
            "A bad feature-flag config took down login for 20 minutes. I flipped it back."
        ));
        assert!(!fires("Luckily nothing broke during the cutover."));
        assert!(!fires("We added a regression test and I reviewed it."));
        assert!(!fires(
            "We had a crash course in Kubernetes, and I added notes."
        ));
    }
}
