//! **slo**: service-level targets and figures — availability, latency percentiles, error
//! budget, MTTR/MTTA/MTTD, RTO/RPO.
//!
//! Why: a senior infrastructure answer states what "good" meant in numbers the business
//! signed up to, not just that things were faster.
//!
//! Fires: "99.95% availability", "three nines", "p99 under 250 ms", "MTTR down to 12 minutes",
//! "we froze deploys when the error budget was spent", "RPO of 5 minutes".
//! Does not fire: "40% cheaper", "30% of the team", "we talked about SLOs" (no figure, no
//! definition), "5xx at 22%" or "error rate below 0.1%": an error rate is a metric, and a
//! service level only when it is stated as one ("an SLO of 99.9% successful requests").

use super::pattern::{Pattern, pattern};
use super::text::widen_left;
use super::{Evidence, quantity};
use crate::answer::Answer;
use std::cell::OnceCell;
use std::sync::LazyLock;

static AVAILABILITY: LazyLock<Pattern> =
    LazyLock::new(|| pattern(r"\b9\d(?:\.\d+)?\s?%|\b(?:two|three|four|five|2|3|4|5)\s+nines\b"));
static AVAILABILITY_CONTEXT: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:availability|available|uptime|slo|sla|sli|success rate|success|reliab\w*|of requests|durability|nines)\b",
    )
});
static PERCENTILE: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\bp(?:50|75|90|95|99|99\.9|999)\b|\b(?:50|75|90|95|99)(?:th)?[- ]percentile\b|\btail latency\b|\bmedian latency\b",
    )
});
static ERROR_BUDGET: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\berror[- ]budgets?\b[^.]{0,60}\b(?:polic\w*|burn\w*|spent|exhaust\w*|consumed|breach\w*|freeze|froze|alert\w*|left|remaining|\d)|\b(?:burn(?:ed|t|ing)?|spent|exhausted|blew|breached)\b[^.]{0,30}\berror[- ]budget",
    )
});
static RECOVERY_TIMES: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:mttr|mtta|mttd|mttf|mtbf|rto|rpo)\b|\bmean time to (?:recover\w*|restore|repair|detect\w*|acknowledge\w*|resolve|resolution)\b|\btime to (?:detect|recover|restore|mitigate)\b",
    )
});
static SLO_WORD: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(r"\b(?:slos?|slas?|slis?|service[- ]level (?:objectives?|agreements?|indicators?))\b")
});
static SLO_DEFINED: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:defined|define|set|agreed|introduced|wrote|published|established|negotiated|proposed|adopted|signed|committed to|target(?:ed|s)?|tied)\b",
    )
});

/// Between a figure and the "SLA" it sets: "the 30-minute SLA", "a 99.9% uptime SLO".
static FIGURE_THEN_WORD: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"^[\s-]*(?:(?:uptime|availability|latency|response|resolution|response[- ]time|p\d{2,3})[\s-]*)?$",
    )
});
/// Between an "SLO" and the figure it states: "an SLA of 99.9%", "SLA < 5 mins", "SLO: p95 200 ms".
static WORD_THEN_FIGURE: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"^[\s:(=<>≤~-]*(?:(?:of|at|is|was|were|set to|targets?|below|under|within|p\d{2,3}|for p\d{2,3})[\s:=<>≤~-]*){0,2}$",
    )
});

/// Whether `figure` is the one the SLO word at `start..end` states, not another figure of the
/// sentence: "spend fell 65% in 2 weeks with every SLO still met" states none.
fn states_its_figure(text: &str, start: usize, end: usize, figure: &quantity::Quantity) -> bool {
    if figure.end <= start {
        FIGURE_THEN_WORD.is_match(&text[figure.end..start])
    } else {
        figure.start >= end && WORD_THEN_FIGURE.is_match(&text[end..figure.start])
    }
}

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    let mut evidence = Vec::new();
    for sentence in answer
        .sentences
        .iter()
        .filter(|s| super::buzzwords::is_real_prose(s))
    {
        let text = sentence.text.as_str();
        // Finding quantities costs more than the patterns below: only done once one matches.
        let quantities = OnceCell::new();
        // A figure in one of `units`; with `word`, one that the SLO word there states.
        let has_figure_of = |units: &[quantity::Unit], word: Option<(usize, usize)>| {
            quantities
                .get_or_init(|| quantity::find(text))
                .iter()
                .any(|q: &quantity::Quantity| {
                    units.contains(&q.unit)
                        && word.is_none_or(|(start, end)| states_its_figure(text, start, end, q))
                })
        };
        let has_unit = |units: &[quantity::Unit]| has_figure_of(units, None);
        let has_time = || has_unit(&[quantity::Unit::Latency, quantity::Unit::Duration]);
        let has_percent = || has_unit(&[quantity::Unit::Percent]);
        let mut hit = |m: super::pattern::Match<'_>| {
            evidence.push(Evidence::from_span(
                sentence,
                widen_left(text, m.start(), 2),
                m.end(),
            ));
        };
        if let Some(m) = AVAILABILITY.find(text)
            && (AVAILABILITY_CONTEXT.is_match(text) || m.as_str().contains("nines"))
            && !text[m.end()..].trim_start().starts_with("of the")
        {
            hit(m);
        } else if let Some(m) = PERCENTILE.find(text).filter(|_| has_time()) {
            hit(m);
        } else if let Some(m) = ERROR_BUDGET.find(text) {
            hit(m);
        } else if let Some(m) = RECOVERY_TIMES
            .find(text)
            .filter(|_| has_time() || has_percent())
        {
            hit(m);
        } else if let Some(m) = SLO_WORD.find(text).filter(|m| {
            has_figure_of(
                &[
                    quantity::Unit::Latency,
                    quantity::Unit::Duration,
                    quantity::Unit::Percent,
                ],
                Some((m.start(), m.end())),
            ) || SLO_DEFINED.is_match(text)
        }) {
            hit(m);
        }
    }
    evidence
}

#[cfg(test)]
mod tests {
    use crate::answer::parse;

    fn fires(text: &str) -> bool {
        !super::detect(&parse(text)).is_empty()
    }

    #[test]
    fn slo_figures_fire() {
        assert!(fires("We held 99.95% availability through the quarter."));
        assert!(fires("I set a p99 target of 250 ms for checkout."));
        assert!(fires("MTTR fell to 12 minutes."));
        assert!(fires(
            "I defined SLOs for the three tier-one APIs with product."
        ));
        assert!(fires(
            "We froze feature work whenever the error budget was exhausted."
        ));
    }

    #[test]
    fn other_percentages_and_bare_mentions_do_not() {
        assert!(!fires("The new instances were 40% cheaper."));
        assert!(!fires("About 30% of the team was new."));
        assert!(!fires("We talked about SLOs a lot."));
        assert!(!fires("Our p95 dashboards were noisy."));
        assert!(!fires("Error rate stayed below 0.1%."));
        assert!(!fires("The canary gave 22% 5xx."));
        assert!(!fires(
            "I cut monthly cluster spend by 65% inside two weeks with every SLO still met."
        ));
        assert!(fires("Support answered inside our 30-minute SLA."));
        assert!(fires("The SLO is 99.9% of requests without a 5xx."));
    }
}
