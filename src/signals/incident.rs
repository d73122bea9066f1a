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
use crate::answer::deeds::is_past_deed;
use crate::answer::{Answer, SectionName, Sentence};
use std::sync::LazyLock;

/// Something going wrong, told as a fact.
static EVENT: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:outages?|sev-?[0-4]|memory leaks?|leak(?:ed|ing)|regressions?|jumped|climbed|soared|shot up|creeping up|creeping|crash(?:ed|es|ing)?|crash reports|broke|broken|failed|failing|fell over|data loss|lost (?:data|quorum|about|\d|the|all|our)|corrupt(?:ed|ion)?|deadlock(?:ed|s)?|spiked?|degraded|timeouts?|timing out|timed out|paged|woke (?:me|us) up|bug in prod\w*|brownout|cascading|overloaded|saturated|(?:ran|run|runs|running) out of|exhaust(?:ed|ion)|blew up|stalled|hung|split[- ]brain|thundering herd|stampede|double[- ]charg\w*|misconfigur\w*|noisy neighbou?r|expired|went down|took (?:down|out)|locked|got stuck|stuck|throttl(?:ed|ing)|duplicates?|deleted|filled|5xx|50[0-4]s?|oom(?:[- ]?killed)?|killed|stale|runaway|returned (?:nothing|errors|stale|wrong|empty)|(?:nobody|no one) could|empty for|half-built|without a where|reported seeing|errors? at \d|errors? (?:rate )?(?:hit|jumped|climbed|rose)|through the roof|went wrong|downtime|malfunction\w*|race conditions?|leaks?|took (?:\w+ ){1,3}(?:down|offline)|brought (?:\w+ ){0,2}(?:production|prod|site|service|system|app|cluster|database|network|servers?|api|platform|everything) (?:down|offline)|ransomware|malware|(?:data |security )?breach(?:ed)?|intrusion|compromised|ddos|(?:cyber|security|phishing) ?attacks?|knocked (?:\w+ ){0,3}(?:out|offline|over)|declared (?:an? )?(?:[\w-]+ )?emergency|p[0-2] (?:alerts?|incidents?|pages?)",
        r"|(?:can't|cannot|can not|couldn't|could not|unable to|(?:wasn't|weren't) able to) (?:\w+ )?(?:log ?in|login|sign ?in|access|reach|connect|load|check ?out|pay|get (?:in|into|on|to|through)|fetch|read|write|save|execute|run|complete|finish|place|process|open|use|see|start|deploy|receive|buy|book|stream)",
        r"|(?:critical|serious|severe|major|nasty|blocking|show-?stopper) (?:\w+ )?(?:bugs?|errors?|issues?|problems?|failures?|defects?|incidents?)|(?:production|prod|live|customer-facing) (?:bugs?|errors?|issues?|problems?|failures?|incidents?)",
        r"|(?:bugs?|errors?|issues?|problems?|failures?|defects?) (?:that (?:was |were )?)?(?:in prod\w*|impacting|affecting|disrupting|hitting|blocking|breaking)|(?:threw|throwing|threw up|throws|returning) (?:an? )?(?:[\w-]+ ){0,2}(?:errors?|exceptions?)",
        r"|(?:caught|detected|found|spotted|flagged|showed|surfaced|noticed|discovered|hit) (?:a|an|the|some|two|three|several) (?:[\w-]+ ){0,2}(?:mismatch(?:es)?|discrepanc(?:y|ies)|bugs?|data issues?|corruption|drift)",
        // A defect that reached users: "I pushed a bug into production", "a null pointer
        // exception hit 5% of logins", "held a lock on the payments table".
        r"|(?:pushed|shipped|deployed|released|introduced|merged) (?:a|an|the) (?:[\w-]+ )?(?:bug|defect|regression|breaking change) (?:\w+ ){0,2}(?:in|into|to|on) (?:prod\w*|live)|(?:null[- ]pointer|unhandled|uncaught) exceptions?|\bnpes?\b|held (?:a |an |the )?(?:[\w-]+ )?lock",
        r")\b"
    ))
});
/// Mentions of incidents as a process, a role, a plan or a figure of speech.
static NOT_AN_EVENT: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:incident (?:commander|response|management|metrics|volume|manager)|crash course|failure modes?|failed to (?:mention|say|explain)|(?:had|have|wrote|prepared|drafted|kept) (?:a |an |our )?(?:rollback|incident|runbook) (?:plans?|process|playbook)|designed to (?:tolerate|survive|handle)|(?:qa|testers?|tests?|testing|code review) (?:reported|found|caught|flagged|surfaced|spotted)|(?:reported|found|caught) (?:\w+ ){0,4}(?:in|during) (?:qa|testing|code review))\b",
    )
});
/// Someone (or an automatic control) acting on the failure.
static HANDLING: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:i|we|me|us)\b[^.;]{0,50}?\b(?:roll(?:ed)? (?:it |them |everything |\w+ )?(?:back|forward)|revert(?:ed)?|restor(?:e|ed)|recover(?:ed)?|fail(?:ed)? over|fix(?:ed)?|patch(?:ed)?|hotfix(?:ed)?|shipped a (?:hot)?fix|mitigat(?:e|ed)|contain(?:ed)?|drain(?:ed)?|disabl(?:e|ed)|kill(?:ed)?|halt(?:ed)?|paus(?:e|ed)|stopp?(?:ed)?|flipp?(?:ed)?|switch(?:ed)?|rotat(?:e|ed)|rais(?:e|ed)|shed|pinn?(?:ed)?|dedup\w*|clear(?:ed)?|remov(?:e|ed)|mov(?:e|ed)|reduc(?:e|ed)|restart(?:ed)?|trac(?:e|ed)|identif(?:y|ied)|diagnos(?:e|ed)|debugg?(?:ed)?|root-?caus\w*|wrote (?:up )?(?:the |a )?(?:post-?mortem|rca|incident)|add(?:ed)?|put (?:\w+ ){0,3}back|pull(?:ed)?|re-?ran|isolat(?:e|ed)|scal(?:e|ed) (?:up|out)|escalat(?:e|ed)|backfill(?:ed)?|split|found (?:the|a|an) \w+|issu(?:e|ed)|automat(?:e|ed)|renew(?:ed)?|replac(?:e|ed)|promot(?:e|ed)|throttl(?:e|ed)|replay(?:ed)?|rebuil[dt]|resync\w*|purg(?:e|ed)|evict(?:ed)?|blocked)\b",
        r"|\brollback (?:was |got )?(?:triggered|fired|kicked in|complete[d]?)|\b(?:rollout|deploy|canary|release) (?:was )?abort(?:ed)?\b|\babort(?:ed)? (?:itself|automatically)\b|\brolled back automatically\b|\bback to (?:baseline|normal)\b|\bthe fix was\b|\bpost-?mortem\b"
    ))
});

/// A failure dealt with, told as done: the past of a repair verb ("reverted", "restored", "the
/// bug was fixed"), a fix shipped, service brought back. Strong enough to close an incident
/// told several sentences before it, as a story told by its STAR parts does.
static RESOLVED: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:fixed|resolved|solved|restored|reverted|rolled (?:\w+ ){0,3}back|hot-?fixed|patched|mitigated|contained|recovered|failed over|flushed|restarted|rebooted|sorted (?:\w+ ){0,2}out|(?:could|managed to|was able to) (?:solve|fix|resolve)",
        r"|(?:did|ran|triggered|performed|initiated|executed|started) (?:a|the) (?:\w+ )?(?:rollback|restart|failover)",
        r"|(?:wrote|shipped|deployed|pushed|applied|put in|rolled out|released) (?:a |the |an )?(?:[\w-]+ )?(?:fix|patch|hotfix|workaround)",
        r"|(?:got|brought|had) (?:the |our |it |them |everything )?(?:\w+ )?(?:service|system|site|app|api|cluster|database|network|connectivity|it|them|everything) (?:\w+ )?back|back (?:up|online|to normal)",
        r"|(?:started|kicked off|invoked|opened|ran) (?:our |the |an? )?(?:incident|emergency)(?: response)? (?:plan|procedures?|process|bridge|channel)",
        r")\b"
    ))
});
/// A step taken to fix the failure, told as its purpose: "To fix that, I made the scaling
/// less aggressive", "As a first fix, we raised the pool size". The verb must be a past deed.
static FIX_PURPOSE: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"(?:^\W*to (?:fix|resolve|mitigate|contain|stop|work around) (?:it|this|that|them|the \w+)|\bas an? (?:\w+ )?(?:fix|workaround|mitigation|stopgap))\W+(?:i|we) (?P<verb>\w+)",
    )
});
/// The failure's sentence and the ones after it where any handling counts.
const HANDLING_REACH: usize = 3;
/// How many sentences after a failure its resolution may come: the rest of a told incident
/// (situation, task, actions), not another story further down.
const RESOLUTION_REACH: usize = 12;

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
                    && !speaker_unable(text, m.as_str(), m.start())
                    && !split_up(text, m.as_str(), m.end())
                    // "a regression test" is a safeguard, not a failure.
                    && !text[m.end()..].trim_start().starts_with("test")
        }) else {
            continue;
        };
        // Any handling may be told in the same sentence or one of the next two; a resolution
        // told as done, later in the story.
        let handled = sentences[i..]
            .iter()
            .take(HANDLING_REACH)
            .any(|s| !is_hypothetical(&s.text) && HANDLING.is_match(&s.text))
            || sentences[i..]
                .iter()
                .take(RESOLUTION_REACH)
                .any(|s| resolved(&s.text))
            || (happened_once(text, event.start(), event.as_str())
                && handled_by_the_actions(sentence, &sentences[i..]));
        if handled {
            let start = widen_left(text, event.start(), 3);
            evidence.push(Evidence::from_span(sentence, start, event.end()));
        }
    }
    evidence
}

/// "The primary went down", "latency shot up": one failure, as a story's situation sets out.
/// Not a chronic state ("4-5 P2 incidents a week", "two small outages", "people were paged"),
/// which a project answers, nor a bare status code.
fn happened_once(text: &str, at: usize, event: &str) -> bool {
    let before = text[..at].trim_end().to_lowercase();
    let counted = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .is_some_and(|w| {
            w.chars().any(|c| c.is_ascii_digit()) || super::quantity::spelled_value(w).is_some()
        });
    let plural = event.ends_with('s') && !event.ends_with("ss");
    let passive = before.ends_with("were") || before.ends_with("was");
    !counted && !plural && !passive && !event.chars().all(|c| c.is_ascii_digit())
}

/// A story told by its parts handles the failure its situation sets out in its actions,
/// whatever verbs they use ("Cancelled the index build", "I dropped the orphaned slot").
fn handled_by_the_actions(event: &Sentence, later: &[&Sentence]) -> bool {
    let sets_the_scene =
        event.in_section(SectionName::Situation) || event.in_section(SectionName::Task);
    sets_the_scene
        && later.iter().take(RESOLUTION_REACH).any(|s| {
            s.in_section(SectionName::Actions) && !is_hypothetical(&s.text) && tells_a_deed(&s.text)
        })
}

/// "I dropped the slot", "we failed over", "Cancelled the build": a step taken, in the past,
/// by the speaker (or with the subject left out, as notes and bullets do).
fn tells_a_deed(text: &str) -> bool {
    let words: Vec<String> = super::text::words(text)
        .map(|(_, w)| w.to_lowercase())
        .take(40)
        .collect();
    let opens_with_deed = words.first().is_some_and(|w| is_past_deed(w));
    opens_with_deed
        || words.windows(3).any(|w| {
            matches!(w[0].as_str(), "i" | "we")
                && (is_past_deed(&w[1]) || (w[1].ends_with("ly") && is_past_deed(&w[2])))
        })
}

/// Whether a sentence tells a failure dealt with, as a fact (not a wish, a plan or a need:
/// "it had to be fixed urgently").
fn resolved(text: &str) -> bool {
    if is_hypothetical(text) {
        return false;
    }
    let done = RESOLVED
        .find_iter(text)
        .any(|m| !negated_before(text, m.start()) && !needed_before(text, m.start()));
    done || FIX_PURPOSE.captures_iter(text).any(|caps| {
        caps.name("verb")
            .is_some_and(|verb| is_past_deed(&verb.as_str().to_ascii_lowercase()))
    })
}

/// "had to be fixed", "wanted it resolved": what was needed, not what was done.
fn needed_before(text: &str, at: usize) -> bool {
    let head = text[..at].trim_end().to_lowercase();
    head.ends_with("to be") || head.ends_with("to get it") || head.ends_with("wanted it")
}

/// "I couldn't explain", "I was unable to": the speaker's own difficulty, not a system failing.
fn speaker_unable(text: &str, event: &str, at: usize) -> bool {
    let event = event.to_ascii_lowercase();
    if !(event.starts_with("can") || event.starts_with("could") || event.starts_with("unable")) {
        return false;
    }
    let head = text[..at].trim_end().to_lowercase();
    let mut words = head.split_whitespace().rev().skip_while(|w| is_adverb(w));
    let subject = match words.next() {
        Some("was") => words.next(),
        other => other,
    };
    subject == Some("i")
}

/// "honestly", "just", "really": words that sit between a subject and its verb.
fn is_adverb(word: &str) -> bool {
    word.ends_with("ly") || matches!(word, "just" | "still" | "even" | "simply")
}

/// "We broke the work into tasks", "broke it down": splitting work up, not breaking a system.
fn split_up(text: &str, event: &str, end: usize) -> bool {
    if !event.eq_ignore_ascii_case("broke") {
        return false;
    }
    let next: Vec<String> = text[end..]
        .split_whitespace()
        .take(4)
        .map(str::to_lowercase)
        .collect();
    next.iter()
        .any(|w| matches!(w.as_str(), "into" | "down" | "up"))
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
    fn defects_that_reached_users_and_handling_two_sentences_on_fire() {
        assert!(fires(
            "One time I pushed a bug into production. I fixed it fast and we carried on."
        ));
        assert!(fires(
            "After a deploy, a null pointer exception in the login flow hit 5% of users. I patched the parser that night."
        ));
        assert!(fires(
            "My migration held a lock on the payments table for 12 minutes. Right away I reverted it."
        ));
        assert!(fires(
            "I brought production down for 2 hours. I had tested in staging only. I had to roll back."
        ));
        assert!(!fires("I wrote a bug report template for the team."));
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

    #[test]
    fn a_resolution_may_come_sentences_after_the_failure() {
        assert!(fires(
            "Our API went down at noon. Customers were angry. My manager asked for updates. \
             I checked the load balancer. I reverted the config change."
        ));
        assert!(fires(
            "A customer reported a serious bug that blocked their exports. I traced it and the bug was fixed within a day."
        ));
        assert!(!fires(
            "The export bug had to be fixed before the freeze, and I scheduled it."
        ));
    }

    #[test]
    fn the_speaker_unable_or_splitting_work_is_no_failure() {
        assert!(!fires(
            "I honestly couldn't log in for a week, so IT fixed my account."
        ));
        assert!(!fires(
            "We broke the work into tasks and I fixed the order."
        ));
        assert!(fires(
            "Users couldn't log in after the deploy, so I rolled it back."
        ));
    }
}
