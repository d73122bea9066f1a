//! **before_after**: a metric with its value before and after the work.
//!
//! Why: a single number has no baseline; "MTTR from 45 to 12 minutes" shows the change the
//! speaker caused. A change told only relative to a baseline nobody states ("cut costs by
//! 30%", "saved $80k", "40% faster") is a figure for `metrics`, not a before and an after. An
//! outage's own degradation ("latency rose to 2 s") is not an improvement, a range ("anywhere
//! from 50 to 300 ms") is not a change, and a target not yet reached is not a result.
//!
//! How: find a pair (from X to Y, X → Y, to Y from X, was X now Y, X before / Y after, used to
//! take X … takes Y, Y instead of X, from weekly to daily), or a baseline in one sentence and
//! the outcome in a later one (a figure the story went wrong to counts as the baseline);
//! normalise units (hours vs minutes, GB vs MB); keep it when the metric moved the right way,
//! and drop it when the sentence is a plan, a hypothetical, a range, or a change caused by
//! something other than the speaker.
//!
//! Fires: "from 45 to 12 minutes", "320 ms → 185 ms", "dropped to 185 ms from 320 ms",
//! "went from weekly to daily deploys", "p99 had climbed to 800 ms. … p99 is back below 100 ms".
//! Does not fire: "latency rose from 200 ms to 2 s when the cache died", "from Java 8 to 17",
//! "between 10 and 20 engineers", "we aim to go from 99.5% to 99.9%", "cut p99 by 40%".

use super::Evidence;
use super::pattern::{Captures, Pattern, pattern};
use super::quantity::pairs::{self, ANY_VALUE, in_range, values};
use super::quantity::{self, Quantity, Unit, figures};
use super::text::{clause_around, is_hypothetical, widen_left, without_emphasis};
use crate::answer::{Answer, Sentence};
use std::cell::OnceCell;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A change told in words of time rather than figures: "went from weekly to daily deploys",
/// "from taking hours to taking minutes", "from a release every two months to several a day",
/// "tickets dropped from several a week to one a month". Both ends name a span of time; a
/// span after "a", "every" or "per" (or "weekly") is how often, otherwise how long. The pair is
/// read by [`span_improved`].
static SPAN_PAIR: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\bfrom\s+(?P<lead_a>taking\s+|(?:(?:once|one|a|an|several|a few|many|multiple|\d+|two|three)\s+)?(?:[\w-]+\s+)?(?:every|a|an|per|each)\s+(?:(?:two|three|four|six|few|couple of|other|\d+)\s+)?|several\s+|a few\s+|many\s+)?",
        r"(?P<a>hourly|daily|weekly|biweekly|fortnightly|monthly|quarterly|yearly|annually|minutes|hours|days|weeks|months|quarters|years|minute|hour|day|week|month|quarter|year)\b",
        r"(?:\s+\w+){0,2}?\s+(?:to|→|->)\s+(?P<lead_b>(?:[\w-]+\s+){0,3}?)",
        r"(?P<b>seconds|minutes|hours|days|weeks|months|hourly|daily|weekly|monthly|quarterly|second|minute|hour|day|week|month|quarter|on[- ]demand|continuous\w*)\b"
    ))
});
/// The metric got worse on its own: an outage, a spike. Words that only say it went up
/// (`moved`) are a degradation only when the sentence does not say which way is better:
/// "deploys went up from 2 to 10 a week" is an improvement.
static DEGRADATION: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:(?P<moved>rose|jumped|climbed|soared|shot up|went up|crept up|surged)|spiked|ballooned|degraded|blew up|exploded|worsened|regressed|fell over|when the|during the (?:outage|incident)|because of the (?:outage|incident|bug))\b",
    )
});
/// The speaker (or their change) brought it back.
static RECOVERY: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:i|after i|once i|we|after we|once we)\s+(?:\w+\s+){0,2}(?:rolled back|reverted|fixed|patched|pushed|restored|recovered|failed over|mitigated|drained|scaled|shipped|deployed|added|tuned|moved|migrated|rewrote|cached|removed)\b|\bback (?:down )?to\b|\brecovered\b|\brestored\b",
    )
});
/// Plans, hopes and projections are not results.
static ASPIRATION: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:aim(?:ed|ing)? to|goal (?:is|was) to|target(?:ed|ing)? (?:to|a)|plan(?:ned|ning)? to|the plan is|hop(?:e|ed|ing)|want(?:ed)? to|expect(?:ed)? to|trying to|should|will|would|could|projected|projection|estimated to|forecast|once it ships)\b",
    )
});
static ACHIEVED: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(r"\b(?:achieved|hit|met|reached|delivered|beat|exceeded|ended up|now)\b")
});
/// Something other than the speaker moved the number.
static EXTERNAL: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:after|because of|due to|following|right after) the (?:reorg\w*|campaign|launch|acquisition|holidays?|merger|bad deploy|outage|incident|layoffs?)\b|\bas (?:more |new )?(?:\w+ ){0,2}(?:grew|increased|rose|went up|signed up|joined|arrived|onboarded)\b|\bwhen (?:the|a|our) (?:marketing|campaign|disk|cache|primary|node|region)\b",
    )
});
static FIRST_PERSON: LazyLock<Pattern> =
    LazyLock::new(|| pattern(r"\b(?:i|my|i've|i'd|me)\b|\bi’"));
static LOWER_IS_BETTER: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:latency|p\d{2,3}|response times?|cost|costs|spend|bill|time|duration|mttr|mttd|mtta|errors?|error rate|[45]xx|timeouts?|lag|delays?|failures?|failure rate|crash rate|pages|paging|alerts|incidents|tickets|toil|churn|lead time|turnaround|build|builds|downtime|outages?|defects|bugs|memory|cpu|tail|queue|backlog|wait|minutes|hours|days|flak\w*|rollbacks|escalations|complaints|usage|image|steps|clusters|cold start|load|size)\b",
    )
});
static HIGHER_IS_BETTER: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:availability|uptime|throughput|qps|rps|deploys?|deployments?|deployment frequency|releases|coverage|adoption|hit rate|conversion|retention|revenue|satisfaction|nps|csat|velocity|success rate|utili[sz]ation|capacity|headroom)\b",
    )
});

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    let prose: Vec<&Sentence> = answer
        .sentences
        .iter()
        .filter(|s| super::buzzwords::is_real_prose(s))
        .collect();
    let found: Vec<Evidence> = prose
        .iter()
        .flat_map(|sentence| {
            find_changes(sentence)
                .into_iter()
                .map(|(start, end)| Evidence::from_span(sentence, start, end))
        })
        .collect();
    if found.is_empty() {
        return told_apart(&prose).into_iter().collect();
    }
    found
}

/// How things stood: "sat at 90%", "took 45 minutes when I joined", "a 0.5% baseline".
static BASELINE: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:was|were|took|used to|had been|s[ai]t(?:ting)? at|stood at|topped out|maxed out|peaked|hovered|averaged|ran at|baseline|before|when i joined|at the time|originally|initially|previously|typically|usually|normally|on average)\b",
    )
});
/// How things ended up: "now takes 12 minutes", "capacity dropped to 60%", "back under 1%".
static OUTCOME: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:now|nowadays|these days|since then|afterwards?|after (?:that|this|i|we|my|our|the (?:change|fix|rewrite|migration|rollout))|ended up|in the end|by the end|(?:dropped|fell|went down|came down|cut|reduced|brought|got|improved|rose|grew|climbed|increased|went up|raised|shrank|settled|stabili[sz]ed|back|down|up) (?:\w+ ){0,3}?(?:to|under|below|at)|back (?:under|below|within))\b",
    )
});

/// Before and after told in different sentences: a figure stated as how things stood (or what
/// they went wrong to), and a later one of the same kind stated as how they ended up, moving
/// the right way for its metric ("The database sat at 90% capacity. … After the replicas went
/// in, capacity dropped to 60%.").
/// Read only when no sentence holds a pair of its own; the evidence is the later figure.
fn told_apart(prose: &[&Sentence]) -> Option<Evidence> {
    let mut stated: Vec<(Unit, f64, Direction)> = Vec::new();
    for sentence in prose {
        let plain = without_emphasis(&sentence.text);
        let text = plain.as_ref();
        // "Now" is this reading's own cue, so it does not redeem a plan here.
        let wished = is_hypothetical(text) || ASPIRATION.is_match(text);
        let figures: Vec<(Quantity, f64)> = quantity::find(text)
            .into_iter()
            .filter(|q| q.unit != Unit::Count && q.unit != Unit::Multiplier)
            .filter(|q| !in_range(text, q.start, q.end))
            .map(|q| {
                let scaled = q.value * figures::scale_of(&text[q.start..q.end]);
                (q, scaled)
            })
            .collect();
        if figures.is_empty() {
            continue;
        }
        let direction = Direction::of(text);
        let outcome = OUTCOME.find(text);
        let went_wrong = DEGRADATION.is_match(text) && !RECOVERY.is_match(text);
        let outside =
            wished || EXTERNAL.is_match(text) && !FIRST_PERSON.is_match(text) || went_wrong;
        if let Some(cue) = outcome.filter(|_| !outside) {
            for (q, after) in figures.iter().filter(|(q, _)| q.start > cue.start()) {
                let after_a_baseline = stated.iter().any(|(unit, before, said)| {
                    let reading = Reading {
                        direction: if direction.known() { direction } else { *said },
                        degraded: false,
                        recovered: false,
                    };
                    *unit == q.unit
                        && reading.direction.known()
                        && improvement(&reading, *before, *after)
                });
                if after_a_baseline {
                    return Some(Evidence::from_span(
                        sentence,
                        widen_left(text, q.start, 4),
                        q.end,
                    ));
                }
            }
        }
        // Where things went wrong to is where the work started from ("p99 had climbed to 800 ms").
        if went_wrong && !wished || outcome.is_none() && BASELINE.is_match(text) {
            stated.extend(figures.iter().map(|(q, value)| (q.unit, *value, direction)));
        }
    }
    None
}

/// The spans of the before→after changes in a sentence that read as improvements the speaker
/// caused: each pair once ("errors fell from 30% to 1% and p95 from 310 to 180 ms" is two).
fn find_changes(sentence: &Sentence) -> Vec<(usize, usize)> {
    let plain = without_emphasis(&sentence.text);
    let text = plain.as_ref();
    if is_hypothetical(text) || ASPIRATION.is_match(text) && !ACHIEVED.is_match(text) {
        return Vec::new();
    }
    if EXTERNAL.is_match(text) && !FIRST_PERSON.is_match(text) {
        return Vec::new();
    }
    // (pattern, whether two bare numbers are enough: the words already say before and after)
    let forms = pairs::forms();
    let forms = if ANY_VALUE.is_match(text) {
        &forms[..]
    } else {
        &[]
    };
    let whole_sentence = WholeSentence::new(text);
    // Read once per clause: a pasted line with thousands of pairs read it per pair.
    let mut readings: BTreeMap<usize, Reading> = BTreeMap::new();
    // start -> end of each change found; a pasted line may hold thousands of pairs.
    let mut found: BTreeMap<usize, usize> = BTreeMap::new();
    for &(regex, bare_ok) in forms {
        for caps in regex.captures_iter(text) {
            let Some(whole) = caps.get(0) else {
                continue;
            };
            // One pair may read as more than one form ("dropped from 310 to 180 ms").
            let overlaps = found
                .range(..whole.end())
                .next_back()
                .is_some_and(|(_, &end)| end > whole.start());
            if overlaps || in_range(text, whole.start(), whole.end()) {
                continue;
            }
            let (clause_start, clause_end) = clause_around(text, whole.start(), whole.end());
            let reading = readings
                .entry(clause_start)
                .or_insert_with(|| Reading::of(&text[clause_start..clause_end], &whole_sentence));
            // "Deploys went from 2 to 10": bare numbers are a metric when the metric is named.
            let Some((before, after)) = values(&caps, bare_ok || reading.direction.named()) else {
                continue;
            };
            if improvement(reading, before, after) {
                found.insert(whole.start(), whole.end());
            }
        }
    }
    if found.is_empty() {
        return SPAN_PAIR
            .captures(text)
            .filter(|caps| span_improved(caps, Direction::of(text)))
            .filter(|_| !DEGRADATION.is_match(text) || RECOVERY.is_match(text))
            .and_then(|caps| caps.get(0))
            .map(|m| (widen_left(text, m.start(), 3), m.end()))
            .into_iter()
            .collect();
    }
    found
        .into_iter()
        .map(|(start, end)| (widen_left(text, start, 3), end))
        .collect()
}

/// Which way a text says is better for its metric, from the metric it names.
#[derive(Clone, Copy)]
struct Direction {
    lower_is_better: bool,
    higher_is_better: bool,
}

impl Direction {
    fn of(text: &str) -> Direction {
        Direction {
            lower_is_better: LOWER_IS_BETTER.is_match(text),
            higher_is_better: HIGHER_IS_BETTER.is_match(text),
        }
    }

    fn named(self) -> bool {
        self.lower_is_better || self.higher_is_better
    }

    fn known(self) -> bool {
        self.lower_is_better != self.higher_is_better
    }
}

/// What the whole sentence says, read only when a clause needs it and at most once.
struct WholeSentence<'t> {
    text: &'t str,
    direction: OnceCell<Direction>,
    recovered: OnceCell<bool>,
}

impl<'t> WholeSentence<'t> {
    fn new(text: &'t str) -> WholeSentence<'t> {
        WholeSentence {
            text,
            direction: OnceCell::new(),
            recovered: OnceCell::new(),
        }
    }

    fn direction(&self) -> Direction {
        *self.direction.get_or_init(|| Direction::of(self.text))
    }

    /// A recovery may be told in another clause ("I rolled back, and errors fell from …").
    fn recovered(&self) -> bool {
        *self.recovered.get_or_init(|| RECOVERY.is_match(self.text))
    }
}

/// What a clause says about its metric: which way is better, and whether it went wrong on its
/// own and was brought back. A sentence can hold two clauses that read differently: in "the
/// pipeline went from 55 minutes to 14, and merges per week went up by a third", the second
/// rise is no degradation of the first pair.
struct Reading {
    direction: Direction,
    degraded: bool,
    recovered: bool,
}

impl Reading {
    /// The reading of `clause`, which takes which way is better from its sentence when it
    /// names no metric.
    fn of(clause: &str, sentence: &WholeSentence<'_>) -> Reading {
        let mut direction = Direction::of(clause);
        if !direction.named() {
            direction = sentence.direction();
        }
        let degraded = DEGRADATION
            .captures_iter(clause)
            .any(|caps| !direction.known() || caps.name("moved").is_none());
        Reading {
            direction,
            degraded,
            recovered: degraded && sentence.recovered(),
        }
    }
}

/// Whether a pair of spans of time ([`SPAN_PAIR`]) tells an improvement. A wait is better
/// shorter ("hours" → "minutes"), and so is the gap between good things ("weekly" → "daily"
/// deploys); the gap between bad things is better longer (tickets "a week" → "a month").
fn span_improved(caps: &Captures<'_>, direction: Direction) -> bool {
    let side = |lead: &str, span: &str| {
        let span = caps.name(span).map_or("", |m| m.as_str());
        let lead = caps.name(lead).map_or("", |m| m.as_str());
        let how_often = span.ends_with("ly")
            || lead
                .split_whitespace()
                .map(str::to_lowercase)
                .any(|w| matches!(w.as_str(), "every" | "a" | "an" | "per" | "each" | "once"));
        (span_rank(span), how_often)
    };
    let ((before, often), (after, _)) = (side("lead_a", "a"), side("lead_b", "b"));
    if before == after {
        return false;
    }
    let bad_things = often && direction.lower_is_better && !direction.higher_is_better;
    (after < before) != bad_things
}

/// Spans of time in order of length; "on demand" and "continuous" are the shortest.
fn span_rank(word: &str) -> u8 {
    let word = word.to_lowercase();
    match word.trim_end_matches('s') {
        w if w.starts_with("on") || w.starts_with("continuous") => 0,
        "second" => 1,
        "minute" => 2,
        "hour" | "hourly" => 3,
        "day" | "daily" => 4,
        "week" | "weekly" => 5,
        "biweekly" | "fortnightly" => 6,
        "month" | "monthly" => 7,
        "quarter" | "quarterly" => 8,
        _ => 9,
    }
}

fn improvement(reading: &Reading, before: f64, after: f64) -> bool {
    if (before - after).abs() < f64::EPSILON {
        return false;
    }
    let decreased = after < before;
    let direction = reading.direction;
    let right_way = match (direction.lower_is_better, direction.higher_is_better) {
        (true, false) => decreased,
        (false, true) => !decreased,
        _ => true,
    };
    if reading.degraded {
        return reading.recovered && right_way;
    }
    right_way
}

#[cfg(test)]
mod tests {
    use crate::answer::parse;

    fn fires(text: &str) -> bool {
        !super::detect(&parse(text)).is_empty()
    }

    #[test]
    fn before_and_after_told_in_different_sentences_fire() {
        assert!(fires(
            "Before the change, builds took 45 minutes. After I added caching, they took 12 minutes."
        ));
        assert!(fires(
            "Builds took 45 minutes when I joined. I added caching and split the tests. Now a build takes 12 minutes."
        ));
        assert!(fires(
            "Deploys used to take 2 hours. After my pipeline change they finish in 15 minutes."
        ));
        // The later figure must be the same kind of thing, moved the right way, by the work.
        assert!(!fires(
            "The migration took 6 weeks. After that, deploys took 10 minutes."
        ));
        assert!(!fires(
            "Latency was 200 ms on a normal day. During the outage it went up to 2 s."
        ));
        assert!(!fires(
            "Builds took 45 minutes when I joined. Now we plan to get them down to 10 minutes."
        ));
        assert!(!fires(
            "Builds took 12 minutes when I joined. Now a build takes 45 minutes."
        ));
    }

    #[test]
    fn improvements_fire() {
        assert!(fires("MTTR went from 45 to 12 minutes."));
        assert!(fires("p95 latency dropped from 320 ms to 185 ms."));
        assert!(fires("p95 is now 185 ms, down from 320 ms."));
        assert!(fires("We went from weekly to daily deploys."));
        assert!(fires(
            "Once it was in place, deploys went from taking hours to taking minutes."
        ));
        assert!(fires(
            "We went from monthly releases to several deploys a day."
        ));
        assert!(!fires("We went from daily to weekly syncs."));
        assert!(fires(
            "We went from a release every two months to several releases a day."
        ));
        assert!(fires(
            "Tickets dropped from several a week to about one a month."
        ));
        assert!(!fires("Incidents went from one a month to several a week."));
        assert!(fires(
            "I rolled back and the error rate fell from 12% to 0.1% within 6 minutes."
        ));
    }

    /// Each pair in a sentence is a change of its own, and a pair read by two forms is one.
    #[test]
    fn every_pair_in_a_sentence_counts_once() {
        let found = |text: &str| super::detect(&parse(text)).len();
        assert_eq!(
            found("Abuse fell from 30% to under 1%, and p95 dropped from 310 ms to 180 ms."),
            2
        );
        assert_eq!(found("p95 latency dropped from 320 ms to 185 ms."), 1);
        assert_eq!(found("p95 is now 185 ms, down from 320 ms."), 1);
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

    #[test]
    fn pairs_normalise_units_and_read_many_shapes() {
        assert!(fires("MTTR improved from roughly 3 hours to 35 minutes."));
        assert!(fires("Provisioning went from **3 days to 5 minutes**."));
        assert!(fires("I cut the image from 1.4 GB to 210 MB."));
        assert!(fires(
            "Flaky test rate: was 8%, now under 1% after my quarantine bot."
        ));
        assert!(fires("Manual steps: 23 before, 4 after my automation."));
        assert!(fires("Median build time is 7 minutes now, down from 19."));
        assert!(fires("P95 latency went from 5s to <1s."));
        assert!(fires("Throughput went from 1K to 15K+ messages a minute."));
        assert!(fires("- +17% attendance (153 → 179 per session)"));
    }

    /// A change told against a baseline nobody states has one value, not two: it is a figure
    /// (`metrics`), and the gap table asks for the baseline.
    #[test]
    fn relative_changes_without_a_baseline_do_not() {
        assert!(!fires("I cut p99 latency by 40%."));
        assert!(!fires("The rewrite halved build time."));
        assert!(!fires("I shaved 600 ms off the login flow."));
        assert!(!fires(
            "Moving the batch to spot saved around $8,000 a month."
        ));
        assert!(!fires("After the rewrite, latency fell 30%."));
        assert!(!fires("The new image was 60% smaller."));
    }

    /// What the story went wrong to is the baseline for the outcome told later.
    #[test]
    fn the_figure_things_went_wrong_to_is_a_baseline() {
        assert!(fires(
            "P99 latency had climbed from 80 ms to 800 ms, and we'd had two outages. I added read replicas. We served 2M users with p99 back below 100 ms."
        ));
        assert!(fires(
            "The 10% canary gave 22% 5xx against a 0.5% baseline. I rolled it back. 5xx went back under 1%."
        ));
        assert!(!fires(
            "P99 latency had climbed to 800 ms. I added read replicas. P99 settled at 900 ms."
        ));
    }

    /// Two bare numbers are a before and an after when the clause names what they measure.
    #[test]
    fn bare_pairs_with_a_named_metric() {
        assert!(fires(
            "Deployments went from 3 to 40 a week after my pipeline work."
        ));
        assert!(fires("The number of pages went from 120 down to 15."));
        assert!(!fires("The team went from 6 to 9 after the hiring round."));
        assert!(!fires("We moved from 2 to 3 on-call rotations."));
    }

    /// Which way is better and whether it went wrong are read in the pair's own clause.
    #[test]
    fn each_clause_reads_its_own_direction() {
        assert!(fires(
            "The pipeline went from 55 minutes to 14, and merges per week went up by a third."
        ));
        assert!(fires("Deploys went up from 2 a week to 10 a week."));
        assert!(!fires(
            "Traffic doubled over the holidays, and p99 went up from 180 ms to 640 ms."
        ));
        assert!(!fires(
            "During the incident the error rate spiked from 0.2% to 31%, and I paged the DBA."
        ));
    }

    #[test]
    fn digits_inside_a_name_are_not_a_value() {
        assert!(!fires("p99 went up from 180 ms to 640 ms."));
    }

    #[test]
    fn ranges_configuration_and_outside_causes_do_not() {
        assert!(!fires("Each request took anywhere from 50 to 300 ms."));
        assert!(!fires("The HPA scales us from 3 to 12 pods at peak."));
        assert!(!fires("The maintenance window was from 2 am to 4 am."));
        assert!(!fires(
            "I upgraded the cluster from 1.27 to 1.29 in a weekend."
        ));
        assert!(!fires(
            "Storage grew from 40 TB to 65 TB as more customers signed up."
        ));
        assert!(!fires("The team went from 6 to 9 people after the reorg."));
    }
}
