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
use crate::answer::{Answer, Sentence};
use std::sync::LazyLock;

/// A choice made against a named alternative.
static CHOICE: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:chose|choose|picked|went with|opted for|decided on|decided to go with|selected|prioriti[sz]ed|favou?red|preferred|settled on|bet on)\b[^.;]{1,80}?\b(?:over|instead of|rather than|versus|vs\.?)\b",
        r"|\bi(?:'d|’d| would) rather (?:[a-mo-z]\w*|no[a-su-z]\w*)[^.;]{0,60}\bthan\b",
        r"|\b(?:decided (?:not to|against)|chose not to|opted not to)\b",
        r"|\b(?:rejected|turned down|ruled (?:it |that |them |this )?out|said no to|passed on)\b[^.]{0,80}(?:\bbecause\b|\bsince\b|:|—|\bbut\b|\bso\b|\bas\b)",
        r"|(?:\bbecause\b|\bsince\b|:|—|\bbut\b)[^.]{0,80}\b(?:rejected|turned down|ruled (?:it |that |them |this )?out)\b",
        r"|\bweigh(?:ed|ing|s)?\b[^.;]{1,40}\b(?:against|versus|vs\.?)\b|\b(?:build|buy)[- ](?:vs\.?|versus|or)[- ](?:build|buy)\b",
        r"|\b(?:suggested|proposed|offered|agreed on|settled on|struck|reached|landed on|found|negotiated) (?:a |the |this )?(?:compromise|middle ground|middle-ground)\b",
        r"|\boption \w+ (?:\([^)]*\) )?won\b",
        r"|\b(?:compared|weighed|evaluated|considered|looked at|prototyped|costed out) (?:the |our )?(?:two|three|four|both) (?:options|approaches|designs|alternatives|paths|vendors|tools|architectures|proposals)\b",
        r"|\b(?:could(?:'ve| have)|might have) (?:done|gone|built|used|bought)\b[^.]{0,80}\bbut\b",
        r"|\b(?:recommended|argued|advised|voted|pushed back|went) against (?:the|a|an|this|that|it|moving|using|building|switching|adopting)\b",
        // The alternative said in the sentence before: "I suggested the routing approach
        // instead: fetch only the relevant cards".
        r"|\b(?:suggested|proposed|chose|picked|went with|opted for|recommended|pushed for|argued for)\b[^.;]{1,60}?\binstead\b(?:\W*$|\s*[:,;—–(])",
        r"|\b(?:met|meet|meeting) (?:\w+ )?in the middle\b",
        // A choice judged as one: "one index was a reasonable trade-off", "an acceptable risk".
        r"|\b(?:a|an|the) (?:reasonable|acceptable|worthwhile|fair|sensible|deliberate|conscious|calculated|necessary) (?:trade-?off|risk|cost|compromise)\b",
        // A priority set between two goods: "getting service back came first", "I rolled it
        // back without waiting to find the cause", "put reliability ahead of new features".
        r"|\b\w+ing\b[^.;]{0,40}\b(?:came|comes|had to come) first\b|\b(?:took|takes|taking|had|given|gave) (?:priority|precedence) over\b|\bput (?:\w+ ){1,3}(?:ahead of|above)\b",
        r"|\bwithout waiting (?:for|to|until)\b",
        // The alternative named as one: "weighed optimistic locking as the other option".
        r"|\bthe (?:other|alternative) (?:option|choice|approach|path|route)\b"
    ))
});
/// Something done in place of something else, with no word of choosing: "I kept the old
/// schema rather than migrate", "Rather than scolding him, I offered to help". It is a
/// trade-off only when the sentence also weighs the two ([`WEIGHED`]); otherwise it tells how
/// the speaker acted, not what they gave up.
static CONTRAST: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\bwent \w+ (?:rather than|instead of)\b|\b(?:kept|keep)\b[^.;]{1,80}?\b(?:instead of|rather than)\b",
        r"|\b(?:i|we)\b[^.;]{0,80}?\b(?:rather than|instead of)\b",
        r"|^\W*(?:instead of|rather than)\b[^.;]{3,60}?\b(?:i|we)\s+\w+"
    ))
});
/// A reason, a cost or a comparison that weighs one course against another: "because",
/// "to avoid", "which meant", "the risk", "cheaper", "would have".
static WEIGHED: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:because|since|so|to avoid|avoid\w*|meant|would(?:n't)? have|could have|risk\w*|costs?|costly|paid|pay|paying|trade-?offs?|downside|price|safer|cheaper|faster|quicker|simpler|slower|riskier|easier|harder)\b",
    )
});

/// Options set side by side: laid out, weighed, chosen between ("I put forward two clear
/// choices", "PoCed all the options", "wrote down the pros and cons", "chose between three
/// CI tools"), a call between two courses ("either accept a late launch or go ahead with"),
/// or an option looked at and turned down with a reason ("looked at X but judged it overkill").
static OPTIONS: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"(?P<laid>\b(?:weigh\w*|lay out|laid out|lays out|laying out|set out|sets out|setting out|put forward|present\w*|offer\w*|compar\w*|evaluat\w*|consider\w*|explor\w*|outlin\w*|assess\w*|benchmark\w*|prototyp\w*|poc'?e?d(?: on)?|wrote (?:up|down)|gave (?:them|him|her|leadership|management|the \w+))(?: \w+){0,3} (?:options|choices|alternatives|approaches|paths|courses of action|pros (?:and|&|/) cons)\b)",
        r"|\b(?:choose|chose|chosen|choosing|decide|decided|deciding|pick|picked|picking|torn|a (?:choice|decision)) between\b",
        r"|\b(?:call|choice|decision|dilemma|options?|choose|decide)\b[^.]{0,40}\beither\b[^.]{3,80}\bor\b",
        r"|\b(?:looked at|considered|explored|evaluated|thought about|debated|prototyped|tried|discussed)\b[^.;]{1,60}\bbut (?:\w+ ){0,2}(?:judged|decided|found|deemed|felt|concluded|ruled|rejected|dropped|dismissed)\b",
        // An option that came up and was judged against: "a lock crossed my mind, but it would
        // not hold across instances".
        r"|\b(?:crossed my mind|was tempting|was an option|was one option|was on the table)\b[^.;]{0,10}\bbut (?:\w+ ){0,2}(?:would(?:n't| not)|could(?:n't| not)|was(?:n't| not)|did(?:n't| not)|meant|needed|required|cost)\b"
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
        r"|\b(?:even though|although|despite) (?:it|this|that) (?:cost|meant|was|would be|made)\b[^.]{0,40}\b(?:more|higher|slower|less|extra|worse)\b",
        r"|\b(?:even though|although|though|while|despite)\b[^,.;]{1,50}\b(?:pricier|costlier|dearer|cheaper|slower|faster|harder|easier|riskier|simpler|heavier|bigger|more \w+|less \w+)\b(?: than\b|[^,.;]{0,25},)",
        r"|\b(?:taking|took|take|accepting|accepted|accept) (?:on )?(?:the|a|some|that) (?:\w+ )?risk (?:that|of)\b",
        r"|\b(?:held|hold|holding) off (?:on \w+|\w+ing)\b|\b(?:move|moved|moving|push|pushed|pushing|shift\w*|bump\w*|slipp?\w*) (?:[\w-]+ ){0,4}(?:to|into|until|for) (?:the )?(?:next|a later|later|following) (?:sprint|release|quarter|version|phase|milestone|iteration|cycle)\b"
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

/// Alternatives set out as such, counted: "I had two options:", "there were three approaches",
/// "Option 2:", "Plan B", "the pros and cons". Only a choice told after them makes a trade-off
/// ([`options_then_choice`]): options listed and never decided between weigh nothing.
static OPTIONS_SET_OUT: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:two|three|four|2|3|4|both|competing) (?:clear |main |possible |viable |realistic |real |obvious |different )?(?:options|choices|alternatives|approaches|paths|designs|solutions|proposals|ways forward)\b",
        r"|(?:^|[:;(]\s*)\W*(?:option|plan|approach|choice) (?:1|2|3|a|b|c|one|two)\b",
        r"|\bpros\s*(?:and|&|/)\s*cons\b"
    ))
});
/// A choice told: "I chose", "we went with option 2", "settled on the hybrid".
static CHOSEN: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:chose|picked|went with|opted for|decided on|decided to go with|settled on|recommended|selected|landed on|agreed on|going with)\b",
    )
});
/// How many sentences after the options the choice may come.
const CHOICE_REACH: usize = 3;

/// Alternatives set out and, in that sentence or one of the next few, one chosen: "I had two
/// options: ship on Friday, or redo the model overnight. I chose the rebuild." Returns the
/// sentence that set the options out, with its span.
fn options_then_choice<'a>(told: &[&'a Sentence]) -> Vec<(&'a Sentence, (usize, usize))> {
    let mut found = Vec::new();
    for (i, sentence) in told.iter().enumerate() {
        let text = sentence.text.as_str();
        let Some(options) = OPTIONS_SET_OUT
            .find_iter(text)
            .find(|m| !still_to_come(&text[..m.start()]))
        else {
            continue;
        };
        let chosen = told[i..].iter().take(CHOICE_REACH + 1).any(|s| {
            CHOSEN
                .find_iter(&s.text)
                .any(|m| !pending_before(&s.text[..m.start()]))
        });
        if chosen {
            found.push((*sentence, (options.start(), options.end())));
        }
    }
    found
}

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    let told: Vec<&Sentence> = answer
        .sentences
        .iter()
        .filter(|s| super::buzzwords::is_real_prose(s))
        .collect();
    let mut evidence = in_one_sentence(&told);
    for (sentence, (start, end)) in options_then_choice(&told) {
        if !evidence.iter().any(|e| e.line == sentence.line) {
            evidence.push(Evidence::from_span(sentence, start, end));
        }
    }
    evidence.sort_by_key(|e| e.line);
    evidence
}

/// Choices, options weighed and costs accepted that one sentence tells on its own.
fn in_one_sentence(told: &[&Sentence]) -> Vec<Evidence> {
    told.iter()
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
            // Weighing is read only once a contrast is found, not for every sentence.
            let weighed = std::cell::OnceCell::new();
            CHOICE
                .find_iter(text)
                .chain(
                    CONTRAST
                        .find_iter(text)
                        .filter(|_| *weighed.get_or_init(|| WEIGHED.is_match(text))),
                )
                .map(|m| (m.start(), m.end()))
                .filter(|&(start, end)| !manner_not_option(text, start, end))
                .min_by_key(|&(start, _)| start)
                .or_else(|| options_weighed(text))
                .or_else(cost)
                .map(|(start, end)| Evidence::from_span(sentence, start, end))
        })
        .collect()
}

/// Options weighed, as a span. Options laid out or compared count when the speaker did it
/// ("I put forward two choices", "Weighed options:"), not when others did or as a skill
/// ("three teams were evaluating GPU options", "my ability to weigh options").
fn options_weighed(text: &str) -> Option<(usize, usize)> {
    OPTIONS.captures_iter(text).find_map(|caps| {
        let found = caps.get(0)?;
        if pending_before(&text[..found.start()]) {
            return None;
        }
        let by_speaker = caps.name("laid").is_none_or(|_| {
            let head = &text[..found.start()];
            let clause = head.rsplit([',', ';', '(', '—']).next().unwrap_or(head);
            let words = words_with_ends(clause);
            let last = words.last().map(|(_, w)| w.as_str());
            words
                .iter()
                .all(|(_, w)| SPEAKER_OPENERS.contains(&w.as_str()))
                || (words.iter().any(|(_, w)| matches!(w.as_str(), "i" | "we"))
                    && !matches!(last, Some("to" | "at" | "of")))
        });
        by_speaker.then(|| (found.start(), found.end()))
    })
}

/// Whether the clause before a match speaks of what is yet to happen ("we will need to choose
/// between the two approaches", "I am going to weigh three options"): the words since the last
/// comma, colon or semicolon hold a future or an obligation.
fn still_to_come(head: &str) -> bool {
    let clause = head.rsplit([',', ';', ':']).next().unwrap_or(head);
    let words: Vec<String> = words_with_ends(clause)
        .into_iter()
        .map(|(_, w)| w)
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        FUTURE.contains(&w.as_str())
            || w == "would"
            || (OBLIGED.contains(&w.as_str()) && words.get(i + 1).is_some_and(|n| n == "to"))
    })
}

/// "We need to decide between", "we still have to choose between": a decision not yet made.
fn pending_before(head: &str) -> bool {
    let words = words_with_ends(head);
    let last: Vec<&str> = words
        .iter()
        .rev()
        .take(3)
        .map(|(_, w)| w.as_str())
        .collect();
    let obliged = last.first() == Some(&"to")
        && last
            .get(1)
            .is_some_and(|w| OBLIGED.contains(w) || matches!(*w, "want" | "wants"));
    obliged || last.iter().any(|w| FUTURE.contains(w))
}

/// Words that put a decision ahead of the telling: "we will choose", "I should pick".
const FUTURE: &[&str] = &["will", "must", "should", "we'll", "i'll"];
/// Verbs that, followed by "to", put it ahead too: "we need to decide", "I'm going to weigh".
const OBLIGED: &[&str] = &["need", "needs", "have", "has", "going", "plan"];

/// Words that may open a speaker's own step told without its subject ("Then weighed options").
const SPEAKER_OPENERS: &[&str] = &[
    "then",
    "so",
    "first",
    "next",
    "also",
    "and",
    "finally",
    "i",
    "we",
    "carefully",
    "openly",
];

/// Verbs (by stem) that tell how someone behaved, not an option they passed over: "rather
/// than panic", "instead of arguing", "rather than proving I was right".
const MANNER: &[&str] = &[
    "panic",
    "argu",
    "blame",
    "complain",
    "defend",
    "insist",
    "guess",
    "assum",
    "react",
    "overreact",
    "jump",
    "rush",
    "ignor",
    "fight",
    "debat",
    "worri",
    "point",
    "shout",
    "yell",
    "accus",
    "impos",
    "dictat",
    "lectur",
    "specul",
    "prove",
    "let",
    "dwell",
    "freez",
    "confront",
    "criticis",
    "critic",
    "escal",
    "hide",
];
/// Words after "rather than" that make it a matter of degree or emphasis: "earlier rather
/// than later", "20% behind rather than 80%", "the root cause rather than just the symptom".
const DEGREE: &[&str] = &[
    "later", "earlier", "sooner", "after", "before", "just", "only", "merely", "simply", "also",
];
/// Units of time (by stem) that make "rather than a week" an amount, not an option.
const TIME_UNITS: &[&str] = &[
    "minut", "hour", "day", "week", "month", "quarter", "year", "sprint",
];
/// Small words that may come before the alternative itself ("rather than around proving").
const LEADING: &[&str] = &[
    "around", "on", "about", "with", "by", "to", "in", "for", "from",
];

/// Whether a "rather than"/"instead of" choice found at `start..end` sets the speaker's way of
/// acting against a behaviour or a degree rather than against another option.
fn manner_not_option(text: &str, start: usize, end: usize) -> bool {
    let found = text[start..end].to_ascii_lowercase();
    let Some(at) = ["rather than", "instead of"]
        .iter()
        .filter_map(|p| found.find(p).map(|i| start + i + p.len()))
        .min()
    else {
        return false;
    };
    let words = words_with_ends(&text[at..]);
    let mut rest = words
        .iter()
        .map(|(_, w)| w.as_str())
        .skip_while(|w| LEADING.contains(w));
    let Some(first) = rest.next() else {
        return false;
    };
    if DEGREE.contains(&first) || first.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    // "a day late rather than a week": one amount of time against another.
    let amount = if matches!(first, "a" | "an" | "one") {
        rest.clone().next()
    } else {
        Some(first)
    };
    if amount.is_some_and(|w| TIME_UNITS.contains(&&*crate::answer::roles::stem(w))) {
        return true;
    }
    let stem = crate::answer::roles::stem(first);
    // "pushing my idea", "selling our view": advocating a side, not an option to build.
    let advocacy = matches!(&*stem, "push" | "sell" | "forc")
        && rest
            .next()
            .is_some_and(|w| matches!(w, "my" | "our" | "his" | "her" | "their" | "the"));
    MANNER.contains(&&*stem) || advocacy
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
        let merit = caps.get(0)?;
        // "to be more productive, but": a goal set out, not an option's merit.
        let head = text[..merit.start()].trim_end().to_ascii_lowercase();
        let aimed = ["to be", "could be", "can be", "to make it"];
        if aimed.iter().any(|goal| head.ends_with(goal)) {
            return None;
        }
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
    fn priorities_and_options_judged_fire() {
        assert!(fires(
            "I rolled it back without waiting to find the root cause; getting service back came first."
        ));
        assert!(fires(
            "An in-app lock crossed my mind, but it would not hold across instances."
        ));
        assert!(fires(
            "I also weighed optimistic locking as the other option."
        ));
        assert!(fires(
            "We put reliability ahead of new features that quarter."
        ));
        // Balancing is a skill claimed more often than a choice told.
        assert!(!fires("I learned to balance speed against care."));
        assert!(!fires("I came first in the hackathon."));
        assert!(!fires("We put the plan before the board."));
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

    #[test]
    fn manner_and_degree_are_not_options() {
        assert!(!fires("Rather than panic, I called the on-call lead."));
        assert!(!fires("I listened instead of arguing."));
        assert!(!fires("I flag slips when I'm 10% late rather than 50%."));
        assert!(fires(
            "Rather than build our own queue, we adopted SQS and paid per message."
        ));
    }

    /// Doing one thing in place of another is a trade-off only when the two are weighed.
    #[test]
    fn a_contrast_counts_when_it_is_weighed() {
        assert!(!fires(
            "Rather than scolding him, I offered to pair with him."
        ));
        assert!(!fires(
            "Instead of another ticket, I asked her for an hour together."
        ));
        assert!(fires(
            "I patched the hot path instead of rewriting the service, because the freeze was a week away."
        ));
        assert!(fires(
            "Rather than a full rewrite, we split out the billing module, which meant running two deploy pipelines for a quarter."
        ));
        assert!(fires("I chose Postgres over DynamoDB."));
    }

    #[test]
    fn options_laid_out_by_the_speaker_fire() {
        assert!(fires("I put forward two options to leadership."));
        assert!(fires("- Weighed options: spot, reserved, serverless"));
        assert!(!fires("Other teams were evaluating GPU options."));
        assert!(!fires("My ability to weigh options helps here."));
    }

    #[test]
    fn options_set_out_then_one_chosen_fire() {
        assert!(fires(
            "I had two options: ship the report as it was, or rebuild the model overnight. \
             Our mentor agreed to a later slot. I chose the rebuild."
        ));
        assert!(fires(
            "Option 1: wait two weeks for the full fix.\nOption 2: add a read replica now.\nWent with option 2."
        ));
        assert!(fires(
            "Each of us laid out pros/cons with benchmarks and we landed on Postgres."
        ));
    }

    #[test]
    fn options_never_decided_between_do_not() {
        assert!(!fires(
            "There were two options: ship or wait. The launch went fine."
        ));
        assert!(!fires(
            "We will need to choose between the two approaches. Someone recommended Kafka."
        ));
        assert!(!fires("I listed the pros and cons in the doc."));
        // Options never named are no choice between them.
        assert!(!fires(
            "We looked at a few options and eventually picked one."
        ));
    }

    /// Regression: a dash of three bytes before the options made the clause start mid-character.
    #[test]
    fn a_multibyte_dash_before_options_is_stepped_over() {
        assert!(fires("I didn't refuse—I offered options instead."));
    }
}
