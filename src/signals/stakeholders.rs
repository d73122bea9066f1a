//! **stakeholders**: other teams or roles named, and how they were brought along.
//!
//! Why: infrastructure work lands on other people. Naming Security, Finance or Product and
//! saying what they agreed to shows influence; "stakeholders" on its own shows nothing.
//!
//! How: a named party (a team, role or function other than the speaker's own) and an act of
//! alignment (agreed, signed off, negotiated, met with, presented to, interviewed, sat down
//! with) in the same sentence, or
//! "they/she approved" right after a sentence that named the party.
//! Verbs are also read by stem, so every form counts ("persuade", "persuaded", "persuading"):
//! verbs whose meaning is bringing people along (coordinate, liaise, negotiate, escalate, brief)
//! with a party anywhere in the sentence; everyday verbs (tell, ask, send, book, work) only
//! when the party is what they act on, a few words on ("sent the report to Finance", "worked
//! closely with SRE"); and a party choosing ("the product manager went with the canary").
//!
//! Fires: "I ran a weekly review with SRE and Security; Security signed off on mTLS",
//! "I got Product to agree to a two-week freeze".
//! Does not fire: "the security team uses Go", "stakeholders" as a bare word, "I didn't tell
//! Security", "I worked on the finance dashboards".

use super::Evidence;
use super::pattern::{Pattern, pattern};
use super::text::{is_verbal, negated_before, stem_in, words};
use crate::answer::Answer;
use std::sync::LazyLock;

static PARTY: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:security|product|finance|legal|compliance|sre|sres|ops|operations|platform|data science|data engineering|analytics|support|customer success|sales|marketing|design|ux|qa|leadership|execs?|executives?|vps?|cto|ceo|cfo|ciso|directors?|head of \w+|product managers?|pms?|engineering managers?|(?:my|our|the) (?:manager|boss|skip[- ]level|director)|management|(?:project|program|programme|delivery|line|senior|the) managers?|managers|(?:team |group |business )?leaders?|chain of command|tech leads?|architects?|architecture (?:board|review|council)|downstream (?:teams?|consumers|owners)|upstream teams?|partner teams?|other teams|(?:\w+[- ])?(?:teams?|groups|departments?)|cross-functional (?:meetings?|syncs?|reviews?|calls?|sessions?)|(?:every|each|all(?: the| our)?) stakeholders?|(?:the|an?) (?:\w+[- ])?group|stakeholders|customers?|clients?|vendors?|procurement|hr|infosec|dbas?|owners|on-call|peers?|principal engineers?|staff engineers?|senior engineers?|(?:\w+ )?leads?|ems?|officers?|counsel|business partners?|design partners?|account (?:managers?|teams?)|councils?|(?:steering )?committees?|steering groups?)\b",
    )
});
static ALIGNMENT: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:aligned|align(?:ing|ment)? (?:with|on)|agreed|agree to|signed off|sign-?off|buy-?in|bought in|on board|convinced|persuaded|negotiated|met (?:with|weekly|every)|meetings? with|ran (?:a|an|the|weekly|biweekly|fortnightly|regular|daily)\b[^.]{0,30}\b(?:review|sync|meeting|forum|session|steering|standup|workshop|demo)|steering|review(?:ed)? (?:it |the \w+ )?with|walked (?:\w+ ){1,3}through|presented|pitched|consulted|partnered|brought (?:\w+ ){1,3}in|escalated|raci|kept (?:\w+ ){1,3}(?:informed|updated|in the loop)|synced|syncs|1:1s?|one-on-ones?|got (?:\w+ ){1,4}(?:to agree|on board|approval|sign-off|to sign off|to commit)|approved|approval|workshops?|demoed|shared (?:the|a|my) (?:rfc|doc|plan|proposal|design)|(?:rfc|design doc|proposal) (?:review|with)|commented on|feedback from|won over|talked (?:\w+ ){1,3}(?:into|through)|let (?:\w+ ){1,4}know|together with|(?:meetings?|conversations?|discussions?|sessions?|calls?|chats?) with|(?:took|take|taking|brought|bring|raised?|raising) (?:it|this|that|the (?:issue|matter|problem|question|concern|case)) (?:up )?(?:to|with)|committed to|co-?wrote|asked (?:\w+ ){1,3}for|set up a (?:channel|sync|meeting)|settled on|facilitated|invited|scheduled (?:a|an) [\w-]+ (?:session|review|meeting)|one-to-one|worked with|met (?:with )?(?:the|our|their|each|both|all)|accepted|nominate[ds]?|agreed? (?:the|a|on|that)|paired with|jointly|go/no-go|status updates?|held a [\w/-]+ (?:with|review|meeting)|(?:interviewed|surveyed) (?:the |our |their |each |every |all |both |(?:\d+|two|three|four|five|six|eight|ten|a dozen) )?(?:[\w-]+ )?(?:heads?|leads?|owners?|managers?|users?|customers?|teams?|stakeholders|directors?|vps?|product|finance|security|support|sales|sres?)|(?:talked|spoke) (?:to|with)|sat down with|checked (?:in )?with|ran (?:it|this|that|the \w+) (?:past|by)|(?:gathered|collected|got|get|getting|sought|asked for) (?:input|feedback|requirements|buy-in) from|signed up (?:to|for)|heard from)\b",
    )
});

/// "they agreed", "she approved": a party named in the previous sentence, acting here.
static PRONOUN: LazyLock<Pattern> =
    LazyLock::new(|| pattern(r"\b(?:they|them|their|she|her|he|him)\b"));

/// Verbs that mean bringing people along, by stem: with a party anywhere in the sentence
/// ("Security and I negotiated a window", "kept four teams coordinated").
const BRINGING_ALONG: &[&str] = &[
    "coordin", "liais", "collabor", "persuad", "convinc", "negoti", "escal", "brief", "consult",
    "lobbi", "reassur",
];

/// Everyday verbs, by stem, that bring a party along only when the party is what they act on
/// ("told my manager", "sent the report to Finance", "booked time with the PM"): "I sent the
/// build" or "Finance told us" says nothing of the speaker reaching anyone.
const REACHING: &[&str] = &[
    "tell", "told", "inform", "notifi", "updat", "ask", "explain", "present", "pitch", "demo",
    "discuss", "communic", "involv", "engag", "loop", "bring", "brought", "send", "sent", "reach",
    "contact", "book", "schedul", "arrang", "partner", "align", "sync", "ralli", "walk", "show",
    "email", "ping", "page", "work", "team", "pair", "phone", "call", "rang", "push", "urg",
];

/// Of [`REACHING`], the verbs that reach someone only through "with" ("worked closely with
/// SRE"), not by their bare object ("worked the finance backlog").
const REACHING_WITH: &[&str] = &["work", "team", "pair"];

/// Verbs by stem of a party deciding for the speaker's proposal ("the product manager went
/// with the canary plan", "the architects picked it").
const CHOOSING: &[&str] = &[
    "chose", "choos", "pick", "adopt", "endors", "back", "went", "side",
];

/// Head nouns for people after a function's name ("product manager", "security folks").
const PEOPLE: &[&str] = &[
    "team",
    "teams",
    "lead",
    "leads",
    "folks",
    "people",
    "engineers",
    "managers",
    "manager",
    "org",
    "side",
    "group",
    "staff",
    "owners",
    "owner",
    "partners",
    "leadership",
    "counterparts",
    "director",
    "directors",
    "reps",
];

/// How many words may stand between a verb and the party it acts on ("sent the sampled
/// report to Finance").
const OBJECT_REACH: usize = 5;

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    let mut evidence = Vec::new();
    let mut previous_named = false;
    for sentence in answer
        .sentences
        .iter()
        .filter(|s| super::buzzwords::is_real_prose(s))
    {
        let text = sentence.text.as_str();
        // Each party found once: (span, whether it names anyone). "Stakeholders" names nobody,
        // but told, updated or briefed, they were brought along.
        let found: Vec<((usize, usize), bool)> = PARTY
            .find_iter(text)
            .filter(|m| {
                !is_own_team(m.as_str())
                    && !is_team_as_modifier(text, m.end())
                    && !is_sized_team(text, m.start(), m.as_str())
                    && !is_own_role(text, m.start())
            })
            .filter(|m| !is_bare_word(m.as_str()) || is_stakeholders(m.as_str()))
            .map(|m| ((m.start(), m.end()), !is_bare_word(m.as_str())))
            .collect();
        let parties: Vec<_> = found.iter().filter(|f| f.1).map(|f| f.0).collect();
        let reached: Vec<_> = found.iter().map(|f| f.0).collect();
        // The alignment must be words of its own, not part of a party's name ("steering group").
        let align = ALIGNMENT
            .find_iter(text)
            .find(|a| {
                !parties
                    .iter()
                    .any(|&(start, end)| start <= a.start() && a.end() <= end)
            })
            .map(|a| (a.start(), a.end()));
        if let (Some(first), Some(last), Some(align)) = (parties.first(), parties.last(), align) {
            let start = first.0.min(align.0);
            let end = last.1.max(align.1);
            evidence.push(Evidence::from_span(sentence, start, end));
        } else if let Some((start, end)) = reached_by_verb(text, &reached) {
            evidence.push(Evidence::from_span(sentence, start, end));
        } else if let (true, Some(align), Some(who)) = (previous_named, align, PRONOUN.find(text)) {
            let (start, end) = (align.0.min(who.start()), align.1.max(who.end()));
            evidence.push(Evidence::from_span(sentence, start, end));
        }
        previous_named = !parties.is_empty();
    }
    evidence
}

/// The span of a verb, read by its stem, that brings one of `parties` along: the verb and the
/// party it names. A negated verb ("I never told Finance") brings no one.
fn reached_by_verb(text: &str, parties: &[(usize, usize)]) -> Option<(usize, usize)> {
    if parties.is_empty() {
        return None;
    }
    for (at, word) in words(text) {
        let end = at + word.len();
        let span = if !is_verbal(word) {
            None
        } else if stem_in(word, BRINGING_ALONG) {
            parties.first().map(|p| (p.0.min(at), p.1.max(end)))
        } else if stem_in(word, REACHING) {
            object_party(text, end, parties, stem_in(word, REACHING_WITH)).map(|p| (at, p.1))
        } else if stem_in(word, CHOOSING)
            && (!word.eq_ignore_ascii_case("went") || next_is_with(text, end))
        {
            subject_party(text, at, parties).map(|p| (p.0, end))
        } else {
            None
        };
        if span.is_some() && !negated_before(text, at) {
            return span;
        }
    }
    None
}

/// The party a verb ending at `verb_end` acts on: the first party that starts within
/// [`OBJECT_REACH`] words, with no clause boundary in between; through "with" when asked.
fn object_party(
    text: &str,
    verb_end: usize,
    parties: &[(usize, usize)],
    through_with: bool,
) -> Option<(usize, usize)> {
    // "product management": the head noun is the party, its modifier is not.
    let party = parties
        .iter()
        .find(|p| p.0 >= verb_end && !is_modifier(text, p.1))?;
    let gap = &text[verb_end..party.0];
    let mut gap_words = words(gap).map(|(_, w)| w);
    let crosses = gap.contains([',', ';', ':', '.', '(', '—'])
        || gap_words.clone().count() > OBJECT_REACH
        || gap_words.clone().any(|w| {
            [
                "and", "but", "so", "because", "which", "while", "when", "then", "for", "on",
            ]
            .iter()
            .any(|stop| w.eq_ignore_ascii_case(stop))
        });
    let with =
        gap_words.any(|w| w.eq_ignore_ascii_case("with") || w.eq_ignore_ascii_case("alongside"));
    (!crosses && (with || !through_with)).then_some(*party)
}

/// The party that is the subject of a verb starting at `verb_at`: one right before it, or
/// one word before when that word is a word for people or an adverb ("the product manager
/// went with", "the architects eventually picked").
fn subject_party(text: &str, verb_at: usize, parties: &[(usize, usize)]) -> Option<(usize, usize)> {
    parties.iter().copied().find(|p| {
        let Some(gap) = text.get(p.1..verb_at) else {
            return false;
        };
        let mut between = words(gap).map(|(_, w)| w);
        let fits = match (between.next(), between.next()) {
            (None, _) => true,
            (Some(word), None) => word.ends_with("ly") || PEOPLE.contains(&word),
            _ => false,
        };
        fits && !gap.contains(|c: char| c.is_ascii_punctuation() && c != '-')
    })
}

/// Whether the word after `at` is "with" ("went with the canary plan").
fn next_is_with(text: &str, at: usize) -> bool {
    words(&text[at..])
        .next()
        .is_some_and(|(_, w)| w.eq_ignore_ascii_case("with"))
}

/// "as the team lead", "as a platform engineer": the speaker's own role, not another party.
fn is_own_role(text: &str, party_start: usize) -> bool {
    let head = &text[..party_start];
    let clause = &head[head.rfind([',', ';', ':', '.']).map_or(0, |p| p + 1)..];
    let count = words(clause).count();
    words(clause)
        .skip(count.saturating_sub(3))
        .any(|(_, w)| w.eq_ignore_ascii_case("as"))
}

/// Whether the party ending at `party_end` modifies the noun after it ("product data",
/// "security patches") rather than naming people: a lower-case word follows that is neither a
/// word for people nor a function word.
fn is_modifier(text: &str, party_end: usize) -> bool {
    const FUNCTION: &[&str] = &[
        "to", "about", "that", "what", "why", "how", "whether", "we", "i", "it", "they", "he",
        "she", "you", "for", "of", "with", "in", "on", "at", "and", "or", "but", "so", "before",
        "after", "when", "if", "the", "a", "an", "this", "our", "my", "their", "his", "her", "was",
        "were", "is", "are", "had", "would", "could", "as", "by", "from", "into", "up", "down",
        "over", "again", "too", "all", "both", "each", "early", "first", "once",
    ];
    let Some((at, next)) = words(&text[party_end..]).next() else {
        return false;
    };
    let same_phrase = text[party_end..party_end + at].trim().is_empty();
    same_phrase
        && next.starts_with(|c: char| c.is_ascii_lowercase())
        && !next.ends_with("ly")
        && ![PEOPLE, FUNCTION].iter().any(|list| list.contains(&next))
}

/// "team meeting", "team channel": the speaker's own team as a modifier, not a party.
fn is_team_as_modifier(text: &str, party_end: usize) -> bool {
    let party = &text[..party_end];
    let lower_ends_team = party
        .get(party.len().saturating_sub(4)..)
        .is_some_and(|end| end.eq_ignore_ascii_case("team"));
    lower_ends_team
        && words(&text[party_end..]).next().is_some_and(|(at, w)| {
            at <= 1
                && [
                    "meeting", "meetings", "standup", "standups", "retro", "retros", "channel",
                    "chat", "call", "sync", "lunch", "offsite", "members", "member", "mates",
                    "norms",
                ]
                .iter()
                .any(|m| w.eq_ignore_ascii_case(m))
        })
}

/// "a 4-person team", "a five-people team": a team told by its size is the speaker's own group.
fn is_sized_team(text: &str, party_start: usize, party: &str) -> bool {
    let lower = party.to_ascii_lowercase();
    let Some(size) = lower.strip_suffix(" team").or(lower.strip_suffix("-team")) else {
        return false;
    };
    let before = text[..party_start].trim_end_matches('-');
    let counted = before.ends_with(|c: char| c.is_ascii_digit())
        || words(before).last().is_some_and(|(_, w)| {
            [
                "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            ]
            .iter()
            .any(|n| w.eq_ignore_ascii_case(n))
        });
    counted && ["person", "people", "man", "member", "strong"].contains(&size)
}

fn is_stakeholders(party: &str) -> bool {
    party.eq_ignore_ascii_case("stakeholders")
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
    fn a_party_ending_inside_a_wide_character_does_not_panic() {
        fires("We told the 𑆐vp about it.");
        super::is_team_as_modifier("𑆐vp", "𑆐vp".len());
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

    /// Verbs are read by stem: every form of a verb that brings people along counts, and an
    /// everyday verb counts only when the party is what it acts on.
    #[test]
    fn verbs_by_stem_and_their_objects() {
        assert!(fires("I had to persuade the engineering director to wait."));
        assert!(fires("I sent the sampled report to Finance."));
        assert!(fires("I worked closely with SRE on the sizing."));
        assert!(fires("The product manager went with the canary plan."));
        assert!(!fires("I worked on the finance dashboards."));
        assert!(!fires("I showed real-time product data on a screen."));
        assert!(!fires("I never told Security about it."));
        assert!(!fires(
            "A rotation with clear escalation paths to the platform."
        ));
    }

    #[test]
    fn calls_and_pushes_reach_the_party_they_act_on() {
        assert!(fires(
            "I phoned every one of my customers and explained what had happened."
        ));
        assert!(fires(
            "I pushed product management for the debt fixes that mattered."
        ));
        assert!(!fires("I called a meeting to plan the release."));
        assert!(!fires("We pushed the release to the next morning."));
    }

    #[test]
    fn the_speakers_own_group_is_no_party() {
        assert!(!fires("I worked with a 4-people team as the team leader."));
        assert!(!fires("I ran a short team meeting."));
    }
}
