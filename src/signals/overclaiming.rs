//! **overclaiming** (pitfall): taking all the credit, nobody else acknowledged.
//!
//! Why: interviewers check for precision about your role; "I single-handedly rebuilt the
//! platform" reads as either untrue or a warning about how you work with others.
//!
//! How: solo or dismissive phrases ("by myself", "nobody else", "the team just watched",
//! "because of me") count unless the same sentence credits someone ("then the team hardened it").
//!
//! Fires: "I single-handedly rebuilt it", "I did everything myself, the team just watched",
//! or a long run of "I did" with no colleague, team or partner ever mentioned.
//! Does not fire: "I led it with two engineers from storage".

use super::Evidence;
use super::ownership::Ownership;
use super::pattern::{Pattern, pattern};
use crate::answer::Answer;
use std::sync::LazyLock;

static SOLO_CLAIM: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:single-?handed(?:ly)?|(?:all )?by myself|on my own|entirely (?:by )?myself|i alone|solo|one-man (?:army|band|show)|without (?:any |anyone's )?help|(?:nobody|no one|none of them) else|everyone else (?:had )?(?:failed|missed|gave up|given up)",
        r"|the only one who (?:understood|kept|could|knew|did)|it was all me|all mine|came from me|because of me|thanks to me|without me|the reason (?:the|this|that|we) \w+ (?:exists|worked|shipped|succeeded)",
        r"|i did (?:it )?(?:all|everything|the lot|every \w+|the whole thing)|i (?:made|did) every (?:decision|task|piece|part)|(?:all|every bit) of (?:the |their )?(?:work|code|credit)|all (?:\d[\d,]* )?lines|my work from start to finish",
        r"|i carried|dragged the (?:project|team)|(?:saved|rescued) the (?:company|project|team|day)|rescued (?:the|this|our) \w+|after (?:everyone else|(?:two|three|four|all the|the other) (?:other )?\w+) (?:had )?failed|the hero|dead weight|(?:was|were) useless|hindrance|just (?:watched|used|sat|waited|there)|only follow|along for the ride|only did the boring",
        r"|(?:didn't|did not) (?:help|contribute)|kept getting it wrong|if i hadn't been there|couldn't fix|(?:engineering|work) was mine|(?:every|each) (?:single )?(?:improvement|decision|component)|100% (?:of the|me|mine|my work)|i (?:carried|saved) (?:the|this) (?:team|project|company))\b",
        r"|,\s*alone,"
    ))
});
/// Credit given to someone else in the same sentence cancels a solo-sounding phrase, and so
/// does meeting someone alone ("I met their lead first, alone, and asked…").
static SHARED: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:credit (?:really )?(?:belongs|goes)|deserves? the credit|help from|helped|together|as a team|(?:the|my|our) (?:\w+ )?(?:team|engineers|folks)(?:'s)? (?:\w+ )?(?:did|built|ran|owned|hardened|adopted|pulled|tested|improved|wrote|shipped|found|made)|leaned (?:heavily )?on|paired with|reviewed by|pulled them in|they shipped|thanks to (?:the|my|our))\b|\b(?:met|saw|called|caught|approached|(?:spoke|talked) (?:to|with)|sat down with)\b[^.;]{0,40},\s*alone,",
    )
});
static CREDIT: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:we|our|us|team|teams|together|with (?:the|my|a|two|three|an?|our|\w+ from)|helped|partnered|paired|colleagues?|engineers|peers?|the \w+ team|sre|security|product|finance|thanks to (?:the|my|our)|credit)\b",
    )
});

/// Claims that are the speaker's only when the speaker is in the sentence: "she went on call
/// solo" and "an extension for three accounts and nobody else" claim nothing, while "nobody
/// else could have" does (see `CLAIMING_VERBS`).
const NEEDS_SPEAKER: &[&str] = &["solo", "nobody else", "no one else", "none of them else"];
/// Words after "nobody else" that make it a claim: "Nobody else could have pulled this off".
const CLAIMING_VERBS: &[&str] = &[
    "could",
    "would",
    "can",
    "will",
    "was",
    "were",
    "knew",
    "understood",
    "had",
    "did",
    "wanted",
    "stepped",
    "bothered",
    "cared",
    "managed",
    "noticed",
    "saw",
];
static SPEAKER: LazyLock<Pattern> = LazyLock::new(|| pattern(r"\b(?:i|me|my|myself|mine)\b"));

/// Whether the solo phrase `claim`, ending at `end` of `text`, claims something for the
/// speaker: always, unless it is one of `NEEDS_SPEAKER`.
fn claims_for_speaker(text: &str, claim: &str, end: usize) -> bool {
    let is = |word: &str, list: &[&str]| list.iter().any(|item| word.eq_ignore_ascii_case(item));
    if !is(claim, NEEDS_SPEAKER) {
        return true;
    }
    let next = text[end..].split_whitespace().next();
    next.is_some_and(|word| is(word, CLAIMING_VERBS)) || SPEAKER.is_match(text)
}

/// Fewest "I did" sentences before silence about everyone else reads as overclaiming.
const SOLO_RUN: usize = 6;

pub fn detect(answer: &Answer, ownership: &Ownership) -> Vec<Evidence> {
    let mut evidence: Vec<Evidence> = answer
        .sentences
        .iter()
        .filter_map(|s| {
            SOLO_CLAIM
                .find(&s.text)
                .filter(|claim| claims_for_speaker(&s.text, claim.as_str(), claim.end()))
                .filter(|_| !SHARED.is_match(&s.text))
                .map(|m| Evidence::from_span(s, m.start(), m.end()))
        })
        .collect();
    let credits_anyone = answer.sentences.iter().any(|s| CREDIT.is_match(&s.text));
    if evidence.is_empty()
        && ownership.mine_sentences >= SOLO_RUN
        && ownership.ours.is_empty()
        && !credits_anyone
        && let Some(first) = ownership.mine.first()
    {
        evidence.push(Evidence {
            text: format!(
                "{} \"I\" sentences and no one else named",
                ownership.mine_sentences
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

    /// Six "I" sentences with nobody else in the story read as a solo act; six steps listed in
    /// two sentences do not.
    #[test]
    fn a_run_of_i_sentences_with_no_one_else_fires() {
        assert!(fires(
            "I profiled the slow checkout service over two days. I traced the query that \
             scanned every order. I added a covering index on the orders table. I rewrote the \
             cache so it kept hot carts in memory. I replayed Black Friday traffic against the \
             change. I shipped it on a quiet Tuesday morning."
        ));
        assert!(!fires(
            "I profiled the slow checkout service over two days, traced the query that \
             scanned every order, and added a covering index on the orders table. I rewrote \
             the cache so it kept hot carts in memory, replayed Black Friday traffic against \
             the change, and shipped it on a quiet Tuesday morning."
        ));
    }

    #[test]
    fn credit_shared_does_not() {
        assert!(!fires("I led it with two engineers from the storage team."));
        // Someone else's solo work, or "nobody else" about other people, claims nothing.
        assert!(!fires(
            "By the end of the quarter she was on the on-call rotation solo."
        ));
        assert!(!fires(
            "We gave three strategic accounts a 60-day extension and nobody else."
        ));
        assert!(fires("I ran the whole migration solo."));
        assert!(!fires(
            "I wrote the plan. I ran the review. We shipped it together."
        ));
    }

    #[test]
    fn credit_in_the_same_sentence_cancels_solo_words() {
        assert!(fires(
            "I rescued the migration after two other leads had failed at it."
        ));
        assert!(!fires(
            "I built the prototype by myself, but the platform team adopted it."
        ));
        assert!(!fires(
            "I did the analysis solo, then presented it and we chose the approach together."
        ));
    }
}
