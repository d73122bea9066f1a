//! What a figure measures, read from the words around it: latency (and which percentile),
//! availability, a share of a whole, error rate, cost, throughput, a duration, a count.
//!
//! Narrower than the before→after detector's sense of which way is better: that one only asks
//! whether a change reads as an improvement and may guess; the number checks accuse the
//! speaker of a contradiction, so they name a measure only when its words are unmistakable.

use super::super::pattern::{Pattern, pattern};
use super::Unit;
use std::sync::LazyLock;

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Measure {
    /// Request or page latency; with the percentile when one is named (p99 is 99, the median 50).
    Latency(Option<f64>),
    /// Availability, uptime, success rate, an SLO or SLA figure: a share of time or requests.
    Availability,
    /// A share of a whole ("30% of requests", "of the team"): cannot pass 100%.
    Share,
    ErrorRate,
    Cost,
    Throughput,
    /// How long something takes: recovery, builds, deploys, lead time.
    Duration,
    /// A number of things whose fewer is better: incidents, pages, alerts, tickets, bugs.
    Burden,
    /// How often something good happens: deploys or releases a day.
    Frequency,
    /// A count of people: users, customers, engineers, employees.
    People,
    /// Nothing the words make certain.
    Unknown,
}

/// Which way a measure gets better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Lower,
    Higher,
}

impl Measure {
    pub fn better(self) -> Option<Better> {
        match self {
            Measure::Latency(_)
            | Measure::ErrorRate
            | Measure::Cost
            | Measure::Duration
            | Measure::Burden => Some(Better::Lower),
            Measure::Availability | Measure::Throughput | Measure::Frequency => {
                Some(Better::Higher)
            }
            Measure::Share | Measure::People | Measure::Unknown => None,
        }
    }

    /// Whether a share this measure is given in can pass 100%: availability and a share of a
    /// whole cannot, an error rate cannot either, anything else (growth, utilisation) may.
    pub fn capped_at_100(self) -> bool {
        matches!(
            self,
            Measure::Availability | Measure::Share | Measure::ErrorRate
        )
    }

    /// The measure's name as a person says it, for fixes.
    pub fn name(self) -> String {
        match self {
            Measure::Latency(Some(p)) => format!("p{}", trim_number(p)),
            Measure::Latency(None) => "latency".into(),
            Measure::Availability => "availability".into(),
            Measure::Share => "a share".into(),
            Measure::ErrorRate => "the error rate".into(),
            Measure::Cost => "cost".into(),
            Measure::Throughput => "throughput".into(),
            Measure::Duration => "the time it takes".into(),
            Measure::Burden => "the count".into(),
            Measure::Frequency => "the frequency".into(),
            Measure::People => "the number of people".into(),
            Measure::Unknown => "the figure".into(),
        }
    }
}

/// "99.9" for 99.9, "99" for 99.0.
pub fn trim_number(value: f64) -> String {
    let text = format!("{value:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A percentile named in the text: "p99", "P99.9", "p999", "95th percentile", "the median".
static PERCENTILE: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\bp(?P<p>99\.99|99\.9|9999|999|99|98|95|90|75|50)\b|\b(?P<n>99\.9|99|98|95|90|75|50)(?:th|st)?[- ]percentile\b|\b(?P<median>median)\b",
    )
});

/// A percentile named in `text` (the last when there are several), and where it starts.
pub fn percentile(text: &str) -> Option<(usize, f64)> {
    PERCENTILE.captures_iter(text).last().and_then(|caps| {
        let at = caps.get(0)?.start();
        if caps.name("median").is_some() {
            return Some((at, 50.0));
        }
        let digits = caps.name("p").or_else(|| caps.name("n"))?.as_str();
        let value = match digits {
            "999" => 99.9,
            "9999" => 99.99,
            other => other.parse().ok()?,
        };
        Some((at, value))
    })
}

/// Every percentile named in `text`, with where each starts and ends.
pub fn percentiles(text: &str) -> Vec<(usize, usize, f64)> {
    PERCENTILE
        .find_iter(text)
        .filter_map(|m| percentile(&text[m.start()..m.end()]).map(|(_, p)| (m.start(), m.end(), p)))
        .collect()
}

/// The words that name each measure, in one pattern so a text is read once: longer names
/// first ("deploy time" is a duration, "deploys" a frequency).
static MEASURE_WORDS: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:",
        r"(?P<duration>mttr|mttd|mtta|mean time to (?:recover\w*|restore|repair|detect\w*|acknowledge\w*|resolve|resolution)|time to (?:recover|restore|detect|resolve|mitigate|deploy|merge|onboard)|(?:build|deploy|deployment|pipeline|ci|test|release|recovery|restore|failover|lead|cycle|queue|wait|run|turnaround|onboarding|review|merge)[- ]times?|runtime|lead[- ]time)|",
        r"(?P<error>error[- ]rates?|5xx(?: rate)?|failure[- ]rates?|change[- ]failure[- ]rates?|crash[- ]rates?|errors|failed requests|packet loss|drop rate)|",
        r"(?P<availability>availability|available|uptime|success[- ]rate|slos?|slas?|slis?|durability|nines)|",
        r"(?P<throughput>throughput|requests per second|queries per second|rps|qps|tps)|",
        r"(?P<latency>latency|latencies|response[- ]times?|round[- ]trip|rtt|ttfb|time to first byte|page[- ]load(?: time)?|load time|tail)|",
        r"(?P<cost>costs?|spend(?:ing)?|bill|billing|budget|expenses?)|",
        r"(?P<burden>incidents|pages|alerts|tickets|bugs|defects|outages|escalations|complaints|rollbacks|sev[- ]?[12]s)|",
        r"(?P<frequency>deploys|deployments|releases|deployment frequency|deploy frequency)|",
        r"(?P<people>people|persons|users|customers|engineers|employees|developers|staff|members|humans|individuals|subscribers|visitors|patients|students|shoppers|players|drivers|riders)",
        r")\b",
    ))
});

/// The measures whose words a text holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Named(u16);

impl Named {
    const DURATION: u16 = 1;
    const ERROR: u16 = 1 << 1;
    const AVAILABILITY: u16 = 1 << 2;
    const THROUGHPUT: u16 = 1 << 3;
    const LATENCY: u16 = 1 << 4;
    const COST: u16 = 1 << 5;
    const BURDEN: u16 = 1 << 6;
    const FREQUENCY: u16 = 1 << 7;
    const PEOPLE: u16 = 1 << 8;

    fn in_text(text: &str) -> Named {
        const GROUPS: [(&str, u16); 9] = [
            ("duration", Named::DURATION),
            ("error", Named::ERROR),
            ("availability", Named::AVAILABILITY),
            ("throughput", Named::THROUGHPUT),
            ("latency", Named::LATENCY),
            ("cost", Named::COST),
            ("burden", Named::BURDEN),
            ("frequency", Named::FREQUENCY),
            ("people", Named::PEOPLE),
        ];
        let mut named = 0;
        for caps in MEASURE_WORDS.captures_iter(text) {
            for (group, bit) in GROUPS {
                if caps.name(group).is_some() {
                    named |= bit;
                }
            }
        }
        Named(named)
    }

    fn has(self, bit: u16) -> bool {
        self.0 & bit != 0
    }
}

/// "of requests", "of the team": a share of a whole, which cannot pass 100%. Volumes that
/// grow ("150% of traffic", of orders, of load) are often told against an unsaid normal, and
/// are left out.
static WHOLE: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"^\s*of\s+(?:all\s+|our\s+|the\s+|its\s+|their\s+)?(?:\w+\s+)?(?:requests|users|customers|team|engineers|employees|staff|people|developers|tests|services|hosts|servers|nodes|machines|fleet|company|org|organi[sz]ation)\b",
    )
});

/// The measure the words around a figure name: `body` is the figure itself ("12 incidents"),
/// `before` the subject the sentence gives it (the words since the previous figure) and
/// `after` the few words that follow it.
pub fn classify(unit: Unit, body: &str, before: &str, after: &str) -> Measure {
    let is_time = matches!(unit, Unit::Latency | Unit::Duration);
    match unit {
        Unit::Money => return Measure::Cost,
        Unit::Percent if WHOLE.is_match(after) => return Measure::Share,
        _ => {}
    }
    // The noun a number counts is in the figure itself or just after it.
    let counted = Named(Named::in_text(body).0 | Named::in_text(after).0);
    let near = Named(counted.0 | Named::in_text(before).0);
    let has = |bit| near.has(bit);
    if unit == Unit::Percent || unit == Unit::Count {
        if has(Named::ERROR) && !has(Named::AVAILABILITY) {
            return Measure::ErrorRate;
        }
        if unit == Unit::Percent && has(Named::AVAILABILITY) && !has(Named::ERROR) {
            return Measure::Availability;
        }
    }
    if unit == Unit::Percent && has(Named::COST) {
        return Measure::Cost;
    }
    if unit == Unit::Rate && (has(Named::THROUGHPUT) || is_request_rate(body)) {
        return Measure::Throughput;
    }
    if is_time && has(Named::DURATION) {
        return Measure::Duration;
    }
    if unit == Unit::Latency && (has(Named::LATENCY) || PERCENTILE.is_match(before)) {
        return Measure::Latency(None);
    }
    if matches!(unit, Unit::Count | Unit::Rate) {
        if counted.has(Named::BURDEN) {
            return Measure::Burden;
        }
        if counted.has(Named::FREQUENCY) {
            return Measure::Frequency;
        }
        if unit == Unit::Count && counted.has(Named::PEOPLE) {
            return Measure::People;
        }
    }
    Measure::Unknown
}

/// "500 req/s", "2k rps": a rate of requests, from the unit in the figure.
fn is_request_rate(body: &str) -> bool {
    let lower = body.to_lowercase();
    [
        "req",
        "rps",
        "qps",
        "tps",
        "queries per",
        "requests per",
        "ops/s",
    ]
    .iter()
    .any(|unit| lower.contains(unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_read_in_every_spelling() {
        assert_eq!(percentile("p99 latency").map(|p| p.1), Some(99.0));
        assert_eq!(percentile("P99.9").map(|p| p.1), Some(99.9));
        assert_eq!(percentile("the p999").map(|p| p.1), Some(99.9));
        assert_eq!(percentile("95th percentile").map(|p| p.1), Some(95.0));
        assert_eq!(percentile("median response").map(|p| p.1), Some(50.0));
        assert_eq!(percentile("p2 bug"), None);
    }

    #[test]
    fn measures_from_their_words() {
        assert_eq!(
            classify(Unit::Percent, "140%", "availability rose to", ""),
            Measure::Availability
        );
        assert_eq!(
            classify(Unit::Percent, "120%", "", " of requests"),
            Measure::Share
        );
        assert_eq!(
            classify(Unit::Latency, "200 ms", "p99 went from", ""),
            Measure::Latency(None)
        );
        assert_eq!(
            classify(Unit::Duration, "45 minutes", "MTTR fell from", ""),
            Measure::Duration
        );
        assert_eq!(classify(Unit::Money, "$40k", "", ""), Measure::Cost);
        assert_eq!(
            classify(Unit::Count, "9 billion users", "we had", ""),
            Measure::People
        );
        assert_eq!(
            classify(Unit::Rate, "500 req/s", "", ""),
            Measure::Throughput
        );
        assert_eq!(
            classify(Unit::Percent, "40%", "it grew", ""),
            Measure::Unknown
        );
        assert_eq!(Measure::Latency(Some(99.9)).name(), "p99.9");
    }
}
