//! **guardrails**: change-safety controls used — canary, staged rollout, automatic rollback,
//! feature flags, blue/green, runbooks, load tests, dry runs, shadow traffic, kill switches.
//!
//! Why: a senior engineer plans for the change going wrong before it does. Missing rollback
//! plans are one of the pitfalls interviewers name most.
//!
//! How: the control must be used in a sentence of its own (not a fragment such as "Runbooks."),
//! not negated, missing, out of date or wished for ("we should have used flags").
//!
//! Fires: "canary at 5%→25%→100% with automatic rollback", "behind a feature flag",
//! "we replayed production traffic in staging first", "I rehearsed the cutover twice".
//! Does not fire: "we rolled out a new logo", "I flagged it to my manager",
//! "a canary in the coal mine", "there was no rollback plan", "I rehearsed my presentation",
//! "we added rate limiting" (a defence of the running system, not a control on a change).

use super::Evidence;
use super::pattern::{Pattern, pattern};
use super::text::{avoided_before, negated_before};
use crate::answer::Answer;
use std::sync::LazyLock;

/// Each kind of control is a group of its own: one sentence may name two kinds ("canary at 5%
/// with automatic rollback"), but the same kind twice is one control. A control may end on a
/// "%" ("1% → 10%"), after which no word boundary follows: the pattern ends on a boundary or
/// any character that is not a letter.
static GUARDRAIL: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:(?P<rollout>canar(?:y|ies|ied)(?: (?:release|rollout|deploy\w*|analysis|stage|cluster|hosts?|pods?|phase|at|with|of|to|showed|caught|failed))?|staged (?:rollouts?|release)|phased (?:rollouts?|release)|progressive (?:rollouts?|delivery)|gradual rollouts?|incremental rollouts?|percentage rollouts?|rolling (?:deploy\w*|updates?)",
        r"|ramp(?:ed|ing)? (?:up )?(?:traffic )?(?:to|from) \d+\s?%|\d+\s?%\s*(?:→|->|to|then)\s*\d+\s?%|\d+\s?% at a time|held at \d+\s?%|in (?:\d+\s?%|small|percentage) (?:steps|increments)",
        r"|(?:region|wave|team|tenant|cluster|service|zone|host|shard|cohort) by (?:region|wave|team|tenant|cluster|service|zone|host|shard|cohort)|one (?:region|wave|team|tenant|cluster|service|zone|host|shard|node) at a time|smallest first|each wave",
        // A change tried on a part before the whole: "a phased migration plan", "started on a
        // small, low-risk corner of the codebase", "my own team's services first", "a pilot".
        r"|(?:phased|staged|incremental|gradual|piecemeal) (?:migrations?|rollouts?|cutovers?|releases?|plans?|approach|adoption|switchovers?|deploy\w*|launch\w*|strategy)",
        // The change itself told as done a part at a time: "rolled it out gradually", "moved
        // the existing pieces over gradually", "migrated the teams in waves".
        r"|(?:roll\w* (?:\w+ ){0,2}out|ramp\w* (?:\w+ ){0,2}up|migrat\w*|mov\w* (?:\w+ ){0,3}over|shift\w* (?:\w+ ){0,2}traffic|launch\w*|deploy\w*|releas\w*|cut\w* (?:\w+ ){0,2}over) (?:\w+ ){0,3}(?:gradually|incrementally|in (?:phases|stages|waves|batches|small steps))",
        r"|(?:small|low-risk|non-critical|single|internal) (?:corner|part|subset|slice|portion|batch) of (?:the |our |a )?\w+",
        r"|(?:ran|run|running|started with|began with|kicked off|asked for|proposed|set up|agreed|agreed on) a (?:[\w-]+ )?pilot\b",
        r"|(?:own|one|a few|a single|internal|non-critical|low-risk)[\w' ]{0,25}(?:services?|teams?|clusters?|hosts?|regions?|tenants?|customers?) first\b",
        r"|ran (?:both|them|the two|old and new|the old and (?:the )?new(?: \w+)?) (?:side by side|in parallel))",
        r"|(?P<rollback>auto(?:matic|mated)?[- ]?rollbacks?|rollback (?:plans?|scripts?|steps?|triggers?|criteria|procedure)|(?:documented|tested|rehearsed|one-click|one-command|instant|quick|fast) (?:\w+ )?rollbacks?|(?:could|can|to) (?:roll|switch|fail|flip) (?:it |them |traffic )?back|roll(?:s|ed)? back automatically|(?:did|performed|ran|triggered|initiated|executed|kicked off|started|issued) (?:a |an |the )?(?:quick |fast |full |\w+ )?rollback",
        r"|(?:rolled|rolling) (?:the |that |our |my |this )(?:\w+ ){0,2}(?:deploy\w*|release|changes?|config\w*|version|build|commit|patch|update|migration|image|rollout|code|chart) back|rolled back (?:the |that |our |my |this )(?:\w+ ){0,2}(?:deploy\w*|release|changes?|config\w*|version|build|commit|patch|update|migration|image|rollout|code|chart)\b",
        r"|revert(?:ed|ing)? (?:the |that |my |our |this |a |its )(?:\w+ ){0,2}(?:deploy\w*|release|changes?|config\w*|version|build|commit|patch|update|migration|pr|pull request|code|merge)\b|reverted to (?:the )?(?:previous|last|prior)|switch(?:ed)? (?:traffic |it |them )?back (?:to|over)|fail[- ]?back|abort(?:ed)? automatically|halt(?:ed|s)? on (?:any |an? )?(?:\w+ )?alert|bake time)",
        r"|(?P<flag>feature[- ](?:flags?|toggles?|flagged|gates?)|(?:percentage|per-tenant|per-customer|rollout|release|kill) flags?|behind (?:a |the )?(?:\w+ )?(?:flags?|toggles?)|flag-gated|(?:had|put|added) a (?:\w+ )?flag (?:on|so|for|to)|flipped (?:it|the flag|them) (?:off|on)|kill[- ]switch(?:es)?|dark launch\w*|ran dark|in parallel with the old|(?:ran|run|running|kept) (?:[\w-]+ ){0,4}side by side|parallel runs?)",
        r"|(?P<rehearsal>blue[/-]green|red[/-]black|runbooks?|playbooks?|load[- ]test(?:s|ed|ing)?|stress[- ]test(?:s|ed|ing)?|soak tests?|dry[- ]runs?|--dry-run|rehears\w+ (?:(?:the|a|an|our|my|each|every|it|that|this) )?(?:[\w-]+ ){0,2}(?:rollbacks?|roll-?back|migrations?|cutovers?|cut-?over|failovers?|fail-?over|restores?|recovery|deploy\w*|upgrades?|switchovers?|runbooks?|releases?|launch\w*|steps?|procedures?|plan)\b|(?:dress |full )?rehearsals? (?:of|for) (?:the |a |our )?(?:[\w-]+ ){0,2}(?:rollback|migration|cutover|failover|restore|recovery|deploy\w*|upgrade|switchover|release|launch)|shadow (?:traffic|mode|reads|writes|deploy\w*)|(?:silent|log-only|report-only|warn-only|observe-only|dry-run)[\x22”']? mode|brownouts?|traffic (?:replay\w*|mirroring|shadowing)|(?:replay|mirror)(?:ed|ing)? (?:production|prod) traffic|synthetic checks?)",
        r"|(?P<protection>chaos (?:drills?|tests?|engineering|experiments?)|game ?days?|fire drills?|error[- ]budget polic(?:y|ies)|change freeze|pre-?mortems?|backout plans?|fallback (?:paths?|plans?)|dual[- ]writ(?:e|es|ing)|dual[- ]reads?|expand/contract|(?:independently )?reversible|second approver|rolled (?:it |them |everything |the \w+ |\w+ )?back (?:to|within|in|before|the same|immediately|at once)|(?:tested|ran|rehearsed|validated|exercised) (?:\w+ ){0,4}against (?:a (?:copy|snapshot|clone) of )?(?:production|prod)(?: data| traffic)?|(?:in|on) (?:the )?(?:staging|sandbox|pre-?prod)(?: \w+)? first|throttled batches|stop file))(?:\b|$|[^\w])"
    ))
});
/// The kinds of control, as named in `GUARDRAIL`.
const KINDS: [&str; 5] = ["rollout", "rollback", "flag", "rehearsal", "protection"];
/// A sentence counts for at most this many kinds: more reads as a list, not a plan.
const KINDS_PER_SENTENCE: usize = 2;

/// Idioms, places and presentations that share a guardrail's words.
static NOT_A_GUARDRAIL: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\bcanary in (?:a|the) coal ?mine\b|\bcanary (?:bird|yellow|wharf|islands?)\b|\bdry[- ]run of (?:my|the|our|a|his|her) (?:presentation|talk|pitch|demo|speech|slides|keynote)\b",
    )
});
/// The control was missing, unused, impossible or only wished for.
static NOT_USED: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:nobody|no one|never) (?:\w+ )?(?:used|built|followed|tested|read|ran|opened)\b|\bout of date\b|\b(?:wasn't|was not|weren't|isn't) (?:possible|used|ready|tested)\b|\bwe hadn't\b|\bshould (?:really )?have\b|\bbeliever in\b|\bwish(?:ed)? (?:we|i)\b|\bif only\b|\bwe (?:never|didn't) (?:have|had|use|used)\b",
    )
});

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    let mut evidence = Vec::new();
    for sentence in answer
        .sentences
        .iter()
        .filter(|s| super::buzzwords::is_real_prose(s) && !super::buzzwords::is_fragment(&s.text))
    {
        let text = sentence.text.as_str();
        if NOT_A_GUARDRAIL.is_match(text) || NOT_USED.is_match(text) {
            continue;
        }
        let used = |start: usize| !negated_before(text, start) && !avoided_before(text, start);
        // Telling the kinds apart takes the groups, which cost more: only for two controls.
        let mut found = GUARDRAIL.find_iter(text).filter(|m| used(m.start()));
        let Some(first) = found.next() else {
            continue;
        };
        if found.next().is_none() {
            evidence.push(Evidence::from_span(sentence, first.start(), first.end()));
            continue;
        }
        let mut kinds = Vec::new();
        for caps in GUARDRAIL.captures_iter(text) {
            let Some(m) = caps.get(0).filter(|m| used(m.start())) else {
                continue;
            };
            let kind = KINDS.iter().position(|kind| caps.name(kind).is_some());
            if kinds.contains(&kind) {
                continue;
            }
            kinds.push(kind);
            evidence.push(Evidence::from_span(sentence, m.start(), m.end()));
            if kinds.len() == KINDS_PER_SENTENCE {
                break;
            }
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
        assert!(fires("I shipped it at 1% → 10% → 100% over eight days."));
        assert!(fires("We held at 10% for a day."));
        assert!(fires(
            "Each alert first spent two weeks in a silent mode where it paged nobody."
        ));
        assert!(fires(
            "Before the shutdown we ran a few brownouts of an hour each."
        ));
        assert!(fires(
            "We replayed production traffic in staging before the cutover."
        ));
    }

    #[test]
    fn a_change_made_a_part_at_a_time_fires() {
        assert!(fires(
            "We adopted a phased deployment strategy for the billing service."
        ));
        assert!(fires("I asked for a limited pilot with one team."));
        assert!(fires("I set up fallback plans in case the cutover failed."));
        assert!(fires(
            "We moved the existing services over gradually in maintenance windows."
        ));
        assert!(!fires("Usage grew gradually over the year."));
        assert!(!fires("The pilot of the plane announced a delay."));
    }

    #[test]
    fn lookalikes_do_not() {
        assert!(!fires("We rolled out a new logo."));
        assert!(!fires("I flagged the risk to my manager."));
        assert!(!fires("That team was the canary in the coal mine."));
        assert!(!fires("There was no rollback plan."));
        assert!(!fires(
            "Instead of a full rollback, I raised the pool size as a stopgap."
        ));
        assert!(!fires("We found the breaker and switched it back on."));
        assert!(!fires(
            "I rehearsed my presentation with a friend the night before."
        ));
        assert!(!fires(
            "I added rate limiting and circuit breakers to the gateway."
        ));
        assert!(fires(
            "I rehearsed the cutover twice on a copy of the cluster."
        ));
    }

    /// Undoing a bad change is the control at work: a rollback done, a revert of the release.
    #[test]
    fn rollbacks_done_fire() {
        assert!(fires(
            "I rolled the proxy config back to the last good state."
        ));
        assert!(fires("We reverted the offending commit within minutes."));
        assert!(fires(
            "We did a rollback and service came back in ten minutes."
        ));
        assert!(fires("I argued for alarms that roll back automatically."));
        assert!(fires("Argo gave us instant GitOps rollbacks."));
        assert!(!fires("The city rolled back its parking rules."));
    }

    #[test]
    fn controls_must_be_used_not_wished_for() {
        assert!(fires("We rolled out region by region, smallest first."));
        assert!(fires("I kept the old cluster warm so we could fail back."));
        assert!(!fires("Runbooks were out of date and nobody used them."));
        assert!(!fires("We should really have used feature flags."));
        assert!(!fires(
            "I did a dry run of my presentation with my manager."
        ));
        assert!(!fires(
            "The company rolled back its return-to-office policy."
        ));
    }

    /// Two kinds of control in one sentence are two pieces of evidence; the same kind twice,
    /// or a third kind, adds none.
    #[test]
    fn a_sentence_counts_each_kind_once_and_two_at_most() {
        let found = |text: &str| super::detect(&parse(text)).len();
        assert_eq!(
            found("I shipped it as a canary at 5% with automatic rollback."),
            2
        );
        assert_eq!(
            found("The canary ran for a day, then a second canary in another region."),
            1
        );
        assert_eq!(
            found(
                "I moved traffic in 5% steps behind a feature flag, with a one-command rollback we rehearsed twice."
            ),
            2
        );
    }

    #[test]
    fn fragments_name_nothing() {
        assert!(!fires(
            "Runbooks. Chaos drills. Circuit breakers. Load tests."
        ));
    }
}
