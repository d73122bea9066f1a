//! **tradeoff**: an alternative weighed or a cost knowingly accepted.
//!
//! Why: seniority shows in choices — what you gave up and why — more than in what you built.
//!
//! How: a sentence names a choice against an alternative ("X over Y", "rather than", "instead
//! of", "decided not to", "rejected it because"), or a cost accepted for a benefit ("at the
//! expense of", "in exchange for", "the downside was", "which meant supporting two code paths",
//! "cost more, but it freed two people", "quicker to ship but would have made reporting
//! painful"), or alternatives counted and compared ("I evaluated three options"). The bare
//! word "trade-off" proves nothing, and "faster, but still not fast enough" weighs nothing.
//!
//! Fires: "I chose managed Kafka over self-hosting: higher unit cost, less operational risk",
//! "we deferred multi-region to hit the SLO first", "accepting slightly more compute at peak".
//! Does not fire: "trade-offs" as a bare word in a list, "we traded ideas in a workshop",
//! "the cost of the project was $200k", "the downside of the old system was that…".

use super::Evidence;
use super::pattern::{Pattern, pattern};
use crate::answer::Answer;
use std::sync::LazyLock;

/// A choice made against a named alternative.
static CHOICE: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\bwent \w+ (?:rather than|instead of)\b|\b(?:chose|choose|picked|went with|opted for|decided on|decided to go with|selected|prioriti[sz]ed|favou?red|preferred|settled on|bet on)\b[^.;]{1,80}?\b(?:over|instead of|rather than|versus|vs\.?)\b|\b(?:kept|keep)\b[^.;]{1,80}?\b(?:instead of|rather than)\b",
        r"|\b(?:i|we)\b[^.;]{0,80}?\b(?:rather than|instead of)\b",
        r"|^\W*(?:instead of|rather than)\b[^.;]{3,60}?\b(?:i|we)\s+\w+",
        r"|\bi(?:'d|’d| would) rather (?:[a-mo-z]\w*|no[a-su-z]\w*)[^.;]{0,60}\bthan\b",
        r"|\b(?:decided (?:not to|against)|chose not to|opted not to)\b",
        r"|\b(?:rejected|turned down|ruled (?:it |that |them |this )?out|said no to|passed on)\b[^.]{0,80}(?:\bbecause\b|\bsince\b|:|—|\bbut\b|\bso\b|\bas\b)",
        r"|(?:\bbecause\b|\bsince\b|:|—|\bbut\b)[^.]{0,80}\b(?:rejected|turned down|ruled (?:it |that |them |this )?out)\b",
        r"|\bweighed\b[^.;]{1,40}\b(?:against|versus|vs\.?)\b|\b(?:build|buy)[- ](?:vs\.?|versus|or)[- ](?:build|buy)\b",
        r"|\b(?:suggested|proposed|offered|agreed on|settled on|struck|reached|landed on|found|negotiated) (?:a |the |this )?(?:compromise|middle ground|middle-ground)\b",
        r"|\boption \w+ (?:\([^)]*\) )?won\b",
        r"|\b(?:compared|weighed|evaluated|considered|looked at|prototyped|costed out) (?:the |our )?(?:two|three|four|both) (?:options|approaches|designs|alternatives|paths|vendors|tools|architectures|proposals)\b",
        r"|\b(?:could(?:'ve| have)|might have) (?:done|gone|built|used|bought)\b[^.]{0,80}\bbut\b"
    ))
});
/// A cost accepted for a benefit.
static COST: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:we|i) (?:deliberately |knowingly |consciously |also )?(?:accepted|gave up|sacrificed|traded (?:off|away))\b|\bwhich (?:we|i) accepted\b|\baccepting (?:a|an|some|the|higher|slower|more|less|slightly|extra|occasional|\d)",
        r"|\bsacrific(?:ed|ing)\b|\bat the (?:expense|cost) of\b|\bin (?:exchange|return) for\b|\bwas the price (?:of|for)\b",
        r"|\bthe (?:price|cost|downside|catch|drawback|trade-?off)(?: (?:i|we) (?:made|accepted|chose))? (?:was|is|being)\b",
        r"|\bthe (?:price|cost|downside|catch|drawback) of (?:the |this |that |our |my )?(?:\w+ )?(?:approach|option|choice|decision|design|plan|\w+ing)\b[^.]{0,20}\b(?:was|is)\b",
        r"|\b(?:meant|meaning|means)\s+(?:\w+\s+){0,2}(?:losing|running|supporting|maintaining|paying|giving up|accepting|slower|higher|more|less|extra|two)\b",
        r"|\b(?:cut|dropped|descoped|left out|pulled) [\w -]{1,30}? (?:from|out of) (?:the )?(?:first |initial |v1 )?(?:release|launch|scope|mvp|milestone)\b|\b(?:deferred|deprioriti[sz]ed|postponed|punted on)\b|\b(?:delay(?:ed)?|push(?:ed)? (?:the|our|my|it|\w+'s) (?:\w+ ){0,2}back)\b[^.]{0,60}\b(?:to|but|so|for|because)\b",
        r"|\b(?:speed|cost|performance|consistency|latency|simplicity|reliability|safety|scope|quality|velocity|flexibility|control|completeness|availability|durability) (?:vs\.?|versus|over|against) (?:speed|cost|performance|consistency|latency|simplicity|reliability|safety|scope|quality|velocity|flexibility|control|completeness|availability|durability|time)\b",
        r"|\b(?:even though|although|despite) (?:it|this|that) (?:cost|meant|was|would be|made)\b[^.]{0,40}\b(?:more|higher|slower|less|extra|worse)\b"
    ))
});
/// One option's merit set against what it cost: "simpler, but it meant two more databases",
/// "quicker to ship but would have made reporting painful".
static COMPARED: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:cheaper|more expensive|nicer|costs? more|cost (?:about |roughly |nearly )?(?:twice|double|triple|\w+ times) as much|cost(?:ed)? more|slower|faster|quicker|simpler|easier|fee|less \w+|more \w+)\b[^.;]{0,60}\bbut\b(?P<then>[^.]{0,60}\w*)",
    )
});
/// "The cost was $200k": a price, not a cost weighed against a benefit.
static JUST_A_PRICE: LazyLock<Pattern> =
    LazyLock::new(|| pattern(r"^\s*(?:about |around |roughly |over |nearly )?[$€£]?\d"));

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    answer
        .sentences
        .iter()
        .filter(|s| super::buzzwords::is_real_prose(s))
        .filter_map(|sentence| {
            let text = sentence.text.as_str();
            let not_a_price = |&(_, end): &(usize, usize)| !JUST_A_PRICE.is_match(&text[end..]);
            let cost = || {
                let stated = COST
                    .find_iter(text)
                    .map(|m| (m.start(), m.end()))
                    .find(not_a_price);
                let weighed = weighed_cost(text).filter(not_a_price);
                // The first in the sentence, as one pattern would have found it.
                stated
                    .into_iter()
                    .chain(weighed)
                    .min_by_key(|&(start, _)| start)
            };
            CHOICE
                .find(text)
                .map(|m| (m.start(), m.end()))
                .or_else(cost)
                .map(|(start, end)| Evidence::from_span(sentence, start, end))
        })
        .collect()
}

/// Words after "but" that carry the cost: a subject ("it", "we", "the team") anywhere in
/// the clause, or a consequence opening it ("would have", "meant", "gave us").
const COST_SUBJECTS: &[&str] = &[
    "i", "we", "it", "this", "that", "our", "no", "far", "each", "the",
];
const COST_OPENERS: &[&str] = &[
    "would", "would've", "wouldn't", "could", "made", "meant", "gave", "cost", "needed",
    "required", "lost", "locked", "took", "left", "added", "doubled", "tripled", "us",
];
/// "Faster, but still not fast enough": no cost, just not enough of the merit.
const NOT_A_COST: &[&str] = &["still", "not", "also", "only", "never", "even"];

/// A merit weighed against its cost, as a span ending at the word that carries the cost.
fn weighed_cost(text: &str) -> Option<(usize, usize)> {
    COMPARED.captures_iter(text).find_map(|caps| {
        let then = caps.name("then")?;
        let words = words_with_ends(then.as_str());
        let (first_end, first) = words.first()?;
        if NOT_A_COST.contains(&first.as_str()) {
            return None;
        }
        let end = if COST_OPENERS.contains(&first.as_str()) {
            Some(then.start() + first_end)
        } else {
            words
                .iter()
                .rev()
                .find(|(_, w)| COST_SUBJECTS.contains(&w.as_str()))
                .map(|(end, _)| then.start() + end)
        }?;
        Some((caps.get(0)?.start(), end))
    })
}

/// The words of `text` (letters, digits, apostrophes) in lower case, with where each ends.
fn words_with_ends(text: &str) -> Vec<(usize, String)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                words.push((i, text[from..i].to_lowercase().replace('’', "'")));
                start = None;
            }
            _ => {}
        }
    }
    words
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
    fn compromises_and_build_or_buy_fire() {
        assert!(fires(
            "He wasn't convinced, so I suggested a compromise: a minimal fix today and the full one after the release."
        ));
        assert!(fires(
            "A build-vs-buy decision must count the cost of maintenance."
        ));
    }

    #[test]
    fn bare_words_do_not() {
        assert!(!fires("We traded ideas in a workshop."));
        assert!(!fires("Trade-offs, stakeholders, canary, RFC"));
        assert!(!fires("I built the new pipeline."));
    }

    #[test]
    fn costs_weighed_against_benefits_fire() {
        assert!(fires(
            "Datadog cost more than running Prometheus, but it freed two people."
        ));
        assert!(fires("I decided not to use GraphQL."));
        assert!(fires(
            "Using the managed queue meant losing ordering guarantees."
        ));
        assert!(!fires("The cost of the project was about $200k."));
        assert!(!fires(
            "The downside of the old system was that nobody understood it."
        ));
        assert!(!fires("Instead of Monday, the review moved to Tuesday."));
        assert!(!fires("The canary aborted if the 5xx rate went over 0.5%."));
    }
}
