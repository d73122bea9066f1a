//! **hedging** (pitfall): hedges and fillers that make a confident story sound unsure.
//!
//! Why: "I kind of led it, I guess" undersells the work and reads as either unsure memory
//! or unclear ownership. Spoken fillers ("basically", "you know") also eat the time budget.
//!
//! Fires: "I kind of", "sort of", "basically", "I guess", "I think it probably helped", "you know".
//! Does not fire: "a kind of cache", "what sort of load", "just-in-time compilation".

use super::Evidence;
use super::pattern::{Pattern, pattern};
use crate::answer::Answer;
use std::sync::LazyLock;

static HEDGE: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:kind of|sort of|kinda|sorta|basically|i guess|i suppose|i think (?:it|we|that|maybe|this|they|i)|maybe|probably|perhaps|possibly|somewhat|more or less|i mean|to be honest|honestly|hopefully|i believe (?:it|we|that)|it seemed|it seems|seemingly|pretty much|i'm not (?:really )?sure|not (?:really )?sure|i don't (?:really )?(?:know|remember)|if i remember|or something|and stuff|stuff like that|and whatnot|i'd say|roughly speaking|in a way|to some extent|a little bit|i would say|(?:might|may) have (?:been|made|helped|had)|only really|really just)\b",
        r"|,\s*you know\b|^\W*you know,|\byou know\s*(?:[,.!?]|$)|\bi think\s*[.,!?]?\s*$|,\s*i think\b|\blike,"
    ))
});
/// "a kind of cache", "what sort of load": a category, not a hedge.
static CATEGORY: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:a|the|this|that|what|which|any|every|some|one|same|each|another|new|different|right|wrong|only|first)\s+$",
    )
});

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    let mut evidence = Vec::new();
    for sentence in &answer.sentences {
        for m in HEDGE.find_iter(&sentence.text) {
            let word = m.as_str().to_lowercase();
            let category = (word.starts_with("kind of") || word.starts_with("sort of"))
                && CATEGORY.is_match(&sentence.text[..m.start()]);
            // "maybe" in quotes is a label someone used, not a hedge.
            let quoted = sentence.text[..m.start()].ends_with(['"', '“', '\'']);
            if !category && !quoted && !is_manner(&sentence.text[..m.start()], &word) {
                evidence.push(Evidence::from_span(sentence, m.start(), m.end()));
            }
        }
    }
    evidence
}

/// Verbs that "honestly" can describe: "I explained honestly that we would miss the date"
/// says how the speaker spoke, and hedges nothing.
const SPEAKING: &[&str] = &[
    "explain",
    "explained",
    "told",
    "tell",
    "said",
    "say",
    "spoke",
    "speak",
    "answered",
    "admitted",
    "talked",
    "wrote",
    "shared",
    "reported",
    "him",
    "her",
    "them",
    "us",
    "me",
];

/// True for "honestly" right after a verb of speaking (or its object: "told him honestly").
fn is_manner(before: &str, word: &str) -> bool {
    word == "honestly"
        && before
            .split_whitespace()
            .next_back()
            .is_some_and(|last| SPEAKING.iter().any(|verb| last.eq_ignore_ascii_case(verb)))
}

#[cfg(test)]
mod tests {
    use crate::answer::parse;

    fn count(text: &str) -> usize {
        super::detect(&parse(text)).len()
    }

    #[test]
    fn hedges_fire() {
        assert_eq!(
            count("I kind of led it, I guess, and it probably helped."),
            3
        );
        assert_eq!(count("Basically we sort of moved it, you know."), 3);
    }

    #[test]
    fn categories_do_not() {
        assert_eq!(
            count("We needed a kind of cache that survives restarts."),
            0
        );
        assert_eq!(
            count("What sort of load did it take? Just-in-time compilation helped."),
            0
        );
    }

    #[test]
    fn lookalikes_of_hedges_do_not_count() {
        assert_eq!(
            count("I guessed the leak was in the client, and a heap dump confirmed it."),
            0
        );
        assert_eq!(
            count("You know the system is healthy when the burn rate stays under 1."),
            0
        );
        assert_eq!(count("We tagged items \"maybe\" in the backlog."), 0);
        assert_eq!(count("I think in terms of blast radius."), 0);
        assert_eq!(
            count("The results were, I don't know, pretty good I think."),
            2
        );
    }
}
