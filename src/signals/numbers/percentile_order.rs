//! **percentile-order**: a higher percentile below a lower one for the same measure, in one
//! sentence. A p99 is the value 99% of requests beat; it cannot be faster than the median.
//!
//! Values are compared only in the same part (baselines with baselines, results with results,
//! targets with targets), only when each percentile is tied to its own value, and never when
//! the words say they are different measures ("read p99, write p50").
//!
//! Fires: "p50 is 300 ms and p99 is 120 ms", "120 ms at p99 and 300 ms at p50".
//! Does not fire: "p50 went from 300 ms to 120 ms; p99 is 250 ms", "p50 and p99 were 300 and
//! 120 ms", "write p50 300 ms, read p99 120 ms".

use super::super::quantity::figures::{Figure, Figures, Hedge, Role};
use super::super::quantity::measure::{Measure, trim_number};
use super::{Finding, lead_in, written};

pub fn check(text: &str, read: &Figures) -> Vec<Finding> {
    let tagged: Vec<(&Figure, f64)> = read
        .figures
        .iter()
        .filter_map(|f| match f.measure {
            Measure::Latency(Some(p)) if f.role != Role::Change && !f.signed && f.low.is_none() => {
                Some((f, p))
            }
            _ => None,
        })
        .collect();
    let mut findings = Vec::new();
    if tagged.len() < 2 {
        return findings;
    }
    // Told in one breath: each percentile against the next few, not every pair of a pasted
    // line with thousands.
    let apart = std::cell::OnceCell::new();
    for (i, &(first, p_first)) in tagged.iter().enumerate() {
        for &(second, p_second) in tagged.iter().skip(i + 1).take(BREATH) {
            if p_first == p_second || part(first.role) != part(second.role) {
                continue;
            }
            let ((high, p_high), (low, p_low)) = if p_first > p_second {
                ((first, p_first), (second, p_second))
            } else {
                ((second, p_second), (first, p_first))
            };
            let high_at_most = match high.hedge {
                Hedge::AtLeast => continue,
                Hedge::About => high.value * 1.1,
                _ => high.value,
            };
            let low_at_least = match low.hedge {
                Hedge::AtMost => continue,
                Hedge::About => low.value * 0.9,
                _ => low.value,
            };
            if high_at_most >= low_at_least || *apart.get_or_init(|| qualified_apart(text)) {
                continue;
            }
            findings.push(Finding {
                start: lead_in(text, first.start),
                end: second.end,
                fix: format!(
                    "p{} ({}) is below p{} ({}): a higher percentile cannot be faster than a lower one. Check which value belongs to which.",
                    trim_number(p_high),
                    written(text, high),
                    trim_number(p_low),
                    written(text, low)
                ),
            });
        }
    }
    findings
}

/// How many percentiles after one are compared with it.
const BREATH: usize = 6;

/// The part of the story a value belongs to: where it started, where it is, what was aimed at.
fn part(role: Role) -> u8 {
    match role {
        Role::Baseline => 0,
        Role::Target => 2,
        _ => 1,
    }
}

/// Words that make two latencies different measures: "read", "write", "p99 API", "cold".
const QUALIFIERS: &[&str] = &[
    "read",
    "reads",
    "write",
    "writes",
    "cold",
    "warm",
    "api",
    "db",
    "database",
    "cache",
    "search",
    "login",
    "checkout",
    "mobile",
    "web",
    "internal",
    "external",
    "upload",
    "download",
    "query",
    "queries",
    "page",
    "server",
    "client",
    "end-to-end",
    "e2e",
];

/// Whether the sentence names two different things the latencies could be of ("read p99 …
/// write p50").
fn qualified_apart(text: &str) -> bool {
    let mut named: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(str::to_lowercase)
        .filter(|w| QUALIFIERS.contains(&w.as_str()))
        .collect();
    named.sort();
    named.dedup();
    named.len() > 1
}

#[cfg(test)]
mod tests {
    use super::super::tests::fired;
    use crate::signals::SignalId;

    fn found(text: &str) -> Vec<(String, String)> {
        fired(text)
            .into_iter()
            .filter(|(id, ..)| *id == SignalId::PercentileOrder)
            .map(|(_, evidence, fix)| (evidence, fix))
            .collect()
    }

    #[test]
    fn percentiles_out_of_order() {
        assert_eq!(found("Our p50 is 300 ms and our p99 is 120 ms.").len(), 1);
        assert_eq!(
            found("Checkout answered in 120 ms at p99 and 300 ms at p50.").len(),
            1
        );
        assert_eq!(found("- p50: 300 ms, p95: 250 ms, p99: 900 ms").len(), 1);
        let (_, fix) = &found("Our p50 is 300 ms and our p99 is 120 ms.")[0];
        assert!(
            fix.starts_with("p99 (120 ms) is below p50 (300 ms)"),
            "{fix}"
        );
    }

    #[test]
    fn in_order_or_not_comparable() {
        assert!(found("p50 is 40 ms, p95 120 ms and p99 300 ms.").is_empty());
        assert!(found("p50 went from 300 ms to 120 ms and p99 is 250 ms.").is_empty());
        assert!(found("p50 and p99 were 300 ms and 120 ms.").is_empty());
        assert!(found("Write p50 is 300 ms and read p99 is 120 ms.").is_empty());
        assert!(found("p99 fell from 900 ms to 250 ms, p50 from 300 ms to 120 ms.").is_empty());
        assert!(found("p50 is about 130 ms and p99 is 120 ms.").is_empty());
    }
}
