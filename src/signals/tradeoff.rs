//! **tradeoff**: an alternative weighed or a cost knowingly accepted.
//!
//! Why: seniority shows in choices — what you gave up and why — more than in what you built.
//!
//! Fires: "I chose managed Kafka over self-hosting: higher unit cost, less operational risk",
//! "we deferred multi-region to hit the SLO first", "accepting slightly more compute at peak".
//! Does not fire: "trade-offs" as a bare word in a list, "we traded ideas in a workshop".

use super::Evidence;
use super::text::pattern;
use crate::answer::Answer;
use regex::Regex;
use std::sync::LazyLock;

static TRADEOFF: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:chose|choose|picked|went with|opted for|decided on|decided to go with|selected|prioriti[sz]ed|favou?red|preferred|settled on|bet on)\b[^.;]{1,80}?\b(?:over|instead of|rather than|versus|vs\.?|not)\b",
        r"|\btrade-?offs?\b[^.;]{0,12}(?:\bwas\b|\bwere\b|\bis\b|:|\bbetween\b|\bof\b|\bhere\b|\bi made\b|\bwe made\b|\bwe accepted\b|\bi accepted\b)",
        r"|\b(?:at the (?:expense|cost) of|in exchange for|the (?:downside|catch|cost|price|drawback) (?:was|is|being)|(?:we|i) (?:knowingly )?(?:accepted|gave up|sacrificed|traded (?:off|away))\b|accepting (?:a|some|higher|slower|more|less|the|an|slightly|extra|occasional)\b|sacrific(?:ed|ing)|deferred|deprioriti[sz]ed|postponed|punted on|(?:chose|decided) not to|instead of building|rather than (?:building|waiting|rewriting|doing|hiring))",
        r"|\b(?:build vs\.? buy|buy vs\.? build|build versus buy)\b",
        r"|\b(?:speed|cost|performance|consistency|latency|simplicity|reliability|safety|scope|quality|velocity|flexibility|control|completeness|availability|durability) (?:vs\.?|versus|over|against) (?:speed|cost|performance|consistency|latency|simplicity|reliability|safety|scope|quality|velocity|flexibility|control|completeness|availability|durability|time)\b",
        r"|\b(?:even though|although|despite|but) (?:it|this|that) (?:cost|meant|was|would be|made)\b[^.]{0,40}\b(?:more|higher|slower|less|extra|worse)\b"
    ))
});

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    answer
        .sentences
        .iter()
        .filter(|s| super::buzzwords::is_real_prose(s))
        .filter_map(|sentence| {
            TRADEOFF
                .find(&sentence.text)
                .map(|m| Evidence::from_span(sentence, m.start(), m.end()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::answer::parse;

    fn fires(text: &str) -> bool {
        !super::detect(&parse(text)).is_empty()
    }

    #[test]
    fn choices_and_accepted_costs_fire() {
        assert!(fires(
            "I chose managed Kafka over self-hosting because we had no one to run it."
        ));
        assert!(fires("We deferred multi-region work to hit the SLO first."));
        assert!(fires(
            "The trade-off was a higher unit cost for faster time to reliability."
        ));
        assert!(fires(
            "Speed vs completeness: I shipped the read path first."
        ));
    }

    #[test]
    fn bare_words_do_not() {
        assert!(!fires("We traded ideas in a workshop."));
        assert!(!fires("Trade-offs, stakeholders, canary, RFC"));
        assert!(!fires("I built the new pipeline."));
    }
}
