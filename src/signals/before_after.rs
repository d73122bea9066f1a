//! **before_after**: a metric with its value before and after the work.
//!
//! Why: a single number has no baseline; "MTTR from 45 to 12 minutes" shows the change the
//! speaker caused. An outage's own degradation ("latency rose to 2 s") is not an improvement,
//! and a target not yet reached is not a result.
//!
//! Fires: "from 45 to 12 minutes", "320 ms → 185 ms", "dropped to 185 ms from 320 ms",
//! "cut p99 by 40%", "halved build time", "went from weekly to daily deploys".
//! Does not fire: "latency rose from 200 ms to 2 s when the cache died", "from Java 8 to 17",
//! "between 10 and 20 engineers", "we aim to go from 99.5% to 99.9%".

use super::Evidence;
use super::quantity::{self, Quantity, Unit};
use super::text::{is_hypothetical, pattern, widen_left};
use crate::answer::{Answer, Sentence};
use regex::Regex;
use std::sync::LazyLock;

static PAIR_JOINER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^\s*(?:(?:all the way |down |up |back )?to|→|->|=>|—>|⟶|to just|to only|to under|to below|to about|to around|to roughly|to ~)\s*~?\s*$",
    )
});
static FROM_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\bfrom\s+(?:about |around |roughly |over |nearly |almost |~)?$"));
static REVERSED_JOINER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^\s*(?:,\s*)?(?:down |up )?(?:from|vs\.?|versus|compared to|compared with|, from)\s+(?:about |around |roughly |over |nearly |~)?$",
    )
});
static RELATIVE_CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:cut|cutting|reduced|reducing|reduce|dropped|decreased|lowered|improved|improving|increased|raised|boosted|grew|shrank|shrunk|sped up|slashed|trimmed|brought down|knocked|shaved|saved|saving)\b[^.;]{0,60}?\bby\s+(?:about |around |roughly |over |nearly |almost |~)?$",
    )
});
static CHANGE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^\s*(?:fewer|less|lower|faster|cheaper|quicker|smaller|more|higher|shorter|reduction|improvement|decrease|increase|drop|cut|savings?|speed-?up|lift|gain|better)\b",
    )
});
static MULTIPLIER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:halved|doubled|tripled|quadrupled)\b|\b\d+(?:\.\d+)?\s?(?:x|×|times)\s+(?:faster|cheaper|quicker|fewer|less|more|higher|lower|smaller|better)\b",
    )
});
static FREQUENCY_PAIR: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\bfrom\s+(?:once\s+a\s+|every\s+)?(?:hourly|daily|weekly|biweekly|fortnightly|monthly|quarterly|yearly|week|month|quarter|day)\s+(?:\w+\s+)?(?:to|→|->)\s+(?:multiple times a day|several times a day|on demand|on every merge|hourly|daily|weekly|monthly|every (?:day|hour|commit|merge)|continuous(?:ly)?)",
    )
});
static DEGRADATION: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:rose|spiked|jumped|climbed|ballooned|soared|shot up|went up|degraded|blew up|exploded|crept up|surged|worsened|regressed|when the|during the (?:outage|incident)|because of the (?:outage|incident|bug))\b",
    )
});
static RECOVERY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:i|after i|once i|we|after we|once we)\s+(?:\w+\s+){0,2}(?:rolled back|reverted|fixed|patched|restored|recovered|failed over|mitigated|drained|scaled|shipped|deployed|added|tuned|moved|migrated|rewrote|cached|removed)\b|\bback (?:down )?to\b|\brecovered\b|\brestored\b",
    )
});
static ASPIRATION: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:aim(?:ed|ing)? to|goal (?:is|was) to|target(?:ed|ing)? (?:to|a)|plan(?:ned|ning)? to|hope(?:d)? to|want(?:ed)? to|expect(?:ed)? to|trying to|should|will|would|could|projected|estimated to|forecast)\b",
    )
});
static LOWER_IS_BETTER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:latency|p\d{2,3}|response times?|cost|costs|spend|bill|time|duration|mttr|mttd|mtta|errors?|error rate|failures?|failure rate|pages|paging|alerts|incidents|tickets|toil|churn|lead time|build|builds|downtime|outages?|defects|bugs|memory|cpu|tail|queue|backlog|wait|minutes|hours|days|flak\w*|rollbacks|escalations|complaints)\b",
    )
});
static HIGHER_IS_BETTER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:availability|uptime|throughput|qps|rps|deploys?|deployments?|deployment frequency|releases|coverage|adoption|hit rate|conversion|retention|revenue|satisfaction|nps|csat|velocity|success rate|utili[sz]ation|capacity|headroom)\b",
    )
});

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    let mut evidence = Vec::new();
    for sentence in answer
        .sentences
        .iter()
        .filter(|s| super::buzzwords::is_real_prose(s))
    {
        if is_hypothetical(&sentence.text)
            || ASPIRATION.is_match(&sentence.text) && !has_achieved(&sentence.text)
        {
            continue;
        }
        if let Some((start, end)) = find_change(sentence) {
            evidence.push(Evidence::from_span(sentence, start, end));
        }
    }
    evidence
}

fn has_achieved(text: &str) -> bool {
    static ACHIEVED: LazyLock<Regex> = LazyLock::new(|| {
        pattern(r"\b(?:achieved|hit|met|reached|delivered|beat|exceeded|ended up|now)\b")
    });
    ACHIEVED.is_match(text)
}

/// The span of the first before→after change in a sentence, if it reads as an improvement.
fn find_change(sentence: &Sentence) -> Option<(usize, usize)> {
    let text = sentence.text.as_str();
    // Read once per sentence, not once per pair of numbers (that was quadratic).
    let tone_cell = std::cell::OnceCell::new();
    let tone = || *tone_cell.get_or_init(|| Tone::of(text));
    let quantities = quantity::find(text);
    for pair in quantities.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let between = &text[a.end..b.start];
        let forward = PAIR_JOINER.is_match(between)
            && (FROM_BEFORE.is_match(&text[..a.start])
                || !between.trim().eq_ignore_ascii_case("to"));
        let reversed = REVERSED_JOINER.is_match(between);
        if !(forward || reversed) || !compatible(a, b) {
            continue;
        }
        let (before, after) = if reversed { (b, a) } else { (a, b) };
        if improvement(tone(), before.value, after.value) {
            return Some((widen_left(text, a.start, 3), b.end));
        }
    }
    // "from 45 to 12 minutes": the first number carries no unit of its own.
    static BARE_FROM: LazyLock<Regex> = LazyLock::new(|| {
        pattern(
            r"\bfrom\s+~?(\d[\d,]*(?:\.\d+)?)\s*(?:to|→|->)\s*~?(\d[\d,]*(?:\.\d+)?)\s*(?:%|ms|s\b|seconds|minutes|mins|hours|days|weeks|[a-z]+s\b)",
        )
    });
    if let Some(caps) = BARE_FROM.captures(text) {
        let whole = caps.get(0)?;
        let value = |i: usize| {
            caps.get(i)
                .and_then(|m| m.as_str().replace(',', "").parse::<f64>().ok())
        };
        let (before, after) = (value(1)?, value(2)?);
        if !looks_like_years(before, after) && improvement(tone(), before, after) {
            return Some((widen_left(text, whole.start(), 3), whole.end()));
        }
    }
    for q in &quantities {
        if matches!(
            q.unit,
            Unit::Percent | Unit::Multiplier | Unit::Latency | Unit::Duration | Unit::Money
        ) && (RELATIVE_CHANGE.is_match(&text[..q.start])
            || CHANGE_AFTER.is_match(&text[q.end..]))
            && !tone().degradation
        {
            return Some((
                widen_left(text, q.start, 4),
                q.end + change_word_len(&text[q.end..]),
            ));
        }
    }
    if let Some(m) = MULTIPLIER_WORD
        .find(text)
        .or_else(|| FREQUENCY_PAIR.find(text))
        && !tone().degradation
    {
        return Some((widen_left(text, m.start(), 2), m.end()));
    }
    None
}

fn change_word_len(after: &str) -> usize {
    CHANGE_AFTER.find(after).map_or(0, |m| m.end())
}

fn looks_like_years(a: f64, b: f64) -> bool {
    (1900.0..2100.0).contains(&a) && (1900.0..2100.0).contains(&b)
}

/// Two quantities describe the same metric when their units agree (or one is a bare count).
fn compatible(a: &Quantity, b: &Quantity) -> bool {
    use Unit::*;
    let time = |u: Unit| matches!(u, Latency | Duration);
    a.unit == b.unit || time(a.unit) && time(b.unit)
}

/// What a sentence says about direction as a whole: which way is better, and whether it
/// tells of a degradation or a recovery.
#[derive(Debug, Clone, Copy)]
struct Tone {
    lower: bool,
    higher: bool,
    degradation: bool,
    recovery: bool,
}

impl Tone {
    fn of(text: &str) -> Tone {
        Tone {
            lower: LOWER_IS_BETTER.is_match(text),
            higher: HIGHER_IS_BETTER.is_match(text),
            degradation: DEGRADATION.is_match(text),
            recovery: RECOVERY.is_match(text),
        }
    }
}

/// Did the metric move the right way, or did the speaker bring it back?
fn improvement(tone: Tone, before: f64, after: f64) -> bool {
    if (before - after).abs() < f64::EPSILON {
        return false;
    }
    let decreased = after < before;
    let right_way = match (tone.lower, tone.higher) {
        (true, false) => decreased,
        (false, true) => !decreased,
        _ => true,
    };
    if tone.degradation {
        return tone.recovery && right_way;
    }
    right_way || tone.recovery
}

#[cfg(test)]
mod tests {
    use crate::answer::parse;

    fn fires(text: &str) -> bool {
        !super::detect(&parse(text)).is_empty()
    }

    #[test]
    fn improvements_fire() {
        assert!(fires("MTTR went from 45 to 12 minutes."));
        assert!(fires("p95 latency dropped from 320 ms to 185 ms."));
        assert!(fires("p95 is now 185 ms, down from 320 ms."));
        assert!(fires("I cut p99 latency by 40%."));
        assert!(fires("The rewrite halved build time."));
        assert!(fires("We went from weekly to daily deploys."));
        assert!(fires(
            "I rolled back and the error rate fell from 12% to 0.1% within 6 minutes."
        ));
    }

    #[test]
    fn degradation_versions_and_targets_do_not() {
        assert!(!fires(
            "Latency rose from 200 ms to 2 s when the cache died."
        ));
        assert!(!fires("We upgraded from Java 8 to Java 17."));
        assert!(!fires("The team grew to between 10 and 20 engineers."));
        assert!(!fires("We aim to go from 99.5% to 99.9% next year."));
        assert!(!fires("From March to June I ran the migration."));
    }
}
