//! **stakeholders**: other teams or roles named, and how they were brought along.
//!
//! Why: infrastructure work lands on other people. Naming Security, Finance or Product and
//! saying what they agreed to shows influence; "stakeholders" on its own shows nothing.
//!
//! How: a named party (a team, role or function other than the speaker's own) and an act of
//! alignment (agreed, signed off, negotiated, met with, presented to, interviewed, sat down
//! with) in the same sentence, or
//! "they/she approved" right after a sentence that named the party.
//!
//! Fires: "I ran a weekly review with SRE and Security; Security signed off on mTLS",
//! "I got Product to agree to a two-week freeze".
//! Does not fire: "the security team uses Go", "stakeholders" as a bare word.

use super::Evidence;
use super::pattern::{Pattern, pattern};
use crate::answer::Answer;
use std::sync::LazyLock;

static PARTY: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:security|product|finance|legal|compliance|sre|sres|ops|operations|platform|data science|data engineering|analytics|support|customer success|sales|marketing|design|ux|qa|leadership|execs?|executives?|vps?|cto|ceo|cfo|ciso|directors?|head of \w+|product managers?|pms?|engineering managers?|(?:my|our|the) (?:manager|boss|skip[- ]level|director)|tech leads?|architects?|architecture (?:board|review|council)|downstream (?:teams?|consumers|owners)|upstream teams?|partner teams?|other teams|(?:\w+[- ])?teams?|stakeholders|customers?|clients?|vendors?|procurement|hr|infosec|dbas?|owners|on-call|peers?|principal engineers?|staff engineers?|senior engineers?|(?:\w+ )?leads?|ems?|officers?|counsel|business partners?|design partners?|account (?:managers?|teams?)|councils?|(?:steering )?committees?|steering groups?)\b",
    )
});
static ALIGNMENT: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:aligned|align(?:ing|ment)? (?:with|on)|agreed|agree to|signed off|sign-?off|buy-?in|bought in|on board|convinced|persuaded|negotiated|met (?:with|weekly|every)|meetings? with|ran (?:a|an|the|weekly|biweekly|fortnightly|regular|daily)\b[^.]{0,30}\b(?:review|sync|meeting|forum|session|steering|standup|workshop|demo)|steering|review(?:ed)? (?:it |the \w+ )?with|walked (?:\w+ ){1,3}through|presented|pitched|consulted|partnered|brought (?:\w+ ){1,3}in|escalated|raci|kept (?:\w+ ){1,3}(?:informed|updated|in the loop)|synced|syncs|1:1s?|one-on-ones?|got (?:\w+ ){1,4}(?:to agree|on board|approval|sign-off|to sign off|to commit)|approved|approval|workshops?|demoed|shared (?:the|a|my) (?:rfc|doc|plan|proposal|design)|(?:rfc|design doc|proposal) (?:review|with)|commented on|feedback from|won over|talked (?:\w+ ){1,3}(?:into|through)|committed to|co-?wrote|asked (?:\w+ ){1,3}for|set up a (?:channel|sync|meeting)|settled on|facilitated|invited|scheduled (?:a|an) [\w-]+ (?:session|review|meeting)|one-to-one|worked with|met (?:with )?(?:the|our|their|each|both|all)|accepted|nominate[ds]?|agreed? (?:the|a|on|that)|paired with|jointly|go/no-go|status updates?|held a [\w/-]+ (?:with|review|meeting)|(?:interviewed|surveyed) (?:the |our |their |each |every |all |both |(?:\d+|two|three|four|five|six|eight|ten|a dozen) )?(?:[\w-]+ )?(?:heads?|leads?|owners?|managers?|users?|customers?|teams?|stakeholders|directors?|vps?|product|finance|security|support|sales|sres?)|(?:talked|spoke) (?:to|with)|sat down with|checked (?:in )?with|ran (?:it|this|that|the \w+) (?:past|by)|(?:gathered|collected) (?:input|feedback|requirements) from|heard from)\b",
    )
});

/// "they agreed", "she approved": a party named in the previous sentence, acting here.
static PRONOUN: LazyLock<Pattern> =
    LazyLock::new(|| pattern(r"\b(?:they|them|their|she|her|he|him)\b"));

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    let mut evidence = Vec::new();
    let mut previous_named = false;
    for sentence in answer
        .sentences
        .iter()
        .filter(|s| super::buzzwords::is_real_prose(s))
    {
        let text = sentence.text.as_str();
        let parties: Vec<_> = PARTY
            .find_iter(text)
            .filter(|m| !is_bare_word(m.as_str()) && !is_own_team(m.as_str()))
            .collect();
        // The alignment must be words of its own, not part of a party's name ("steering group").
        let align = ALIGNMENT.find_iter(text).find(|a| {
            !parties
                .iter()
                .any(|p| p.start() <= a.start() && a.end() <= p.end())
        });
        if let (Some(first), Some(align)) = (parties.first(), align) {
            let start = first.start().min(align.start());
            let end = parties
                .last()
                .map_or(align.end(), |m| m.end())
                .max(align.end());
            evidence.push(Evidence::from_span(sentence, start, end));
        } else if let (true, Some(align), Some(who)) = (previous_named, align, PRONOUN.find(text)) {
            let (start, end) = (align.start().min(who.start()), align.end().max(who.end()));
            evidence.push(Evidence::from_span(sentence, start, end));
        }
        previous_named = !parties.is_empty();
    }
    evidence
}

/// "stakeholders" or a bare "lead" names nobody in particular.
fn is_bare_word(party: &str) -> bool {
    let lower = party.to_lowercase();
    matches!(
        lower.as_str(),
        "stakeholders" | "lead" | "the lead" | "leads"
    ) || lower.starts_with("the lead")
}

/// "my team" / "the team" / "our team" is the speaker's own team, not a stakeholder.
fn is_own_team(party: &str) -> bool {
    let lower = party.to_lowercase();
    matches!(
        lower.as_str(),
        "team"
            | "teams"
            | "the team"
            | "my team"
            | "our team"
            | "whole team"
            | "entire team"
            | "a team"
            | "this team"
    ) || lower.ends_with(" team")
        && [
            "my", "our", "the", "whole", "entire", "a", "this", "same", "new",
        ]
        .contains(&lower.trim_end_matches(" team"))
}

#[cfg(test)]
mod tests {
    use crate::answer::parse;

    fn fires(text: &str) -> bool {
        !super::detect(&parse(text)).is_empty()
    }

    #[test]
    fn named_parties_with_alignment_fire() {
        assert!(fires(
            "I ran a weekly review with SRE and Security, and Security signed off on mTLS."
        ));
        assert!(fires("I got Product to agree to a two-week change freeze."));
        assert!(fires("Finance agreed to a cost-per-request target."));
    }

    #[test]
    fn mentions_without_alignment_do_not() {
        assert!(!fires("The security team uses Go for everything."));
        assert!(!fires("Stakeholders were important."));
        assert!(!fires("I met with my team every morning."));
    }

    #[test]
    fn a_party_named_before_can_agree_in_the_next_sentence() {
        assert!(fires(
            "Security initially blocked the launch. I scheduled a threat-modelling session with them and they approved it."
        ));
        assert!(!fires("The steering committee met monthly."));
        assert!(!fires("I finally got the tests to agree with the spec."));
    }
}
