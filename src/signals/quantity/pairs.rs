//! Before→after pairs as people tell them: "from 45 to 12 minutes", "320 ms → 185 ms",
//! "down to 4 from 30", "was 8%, now under 1%". The grammar is shared: the before→after
//! detector keeps the pairs that read as improvements, and the figures reading gives each value
//! its role (baseline or after).

use super::super::pattern::{Captures, Pattern, pattern};
use super::super::text::widen_left;
use std::sync::LazyLock;

/// A value: digits (with k/M suffix, or a "+" for "at least": "2+ days"), a spelled-out
/// number, or "zero"/"an hour"/"same-day".
/// Digits inside a word ("p99", "v2") are a name, not a value.
const NUM: &str = r"(?:\$|€|£)?(?:\b\d[\d,]*(?:\.\d+)?\+?(?:\s?(?:k|m|bn)\b\+?)?|\.\d+|zero|none|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|an?\s+(?:hour|minute|day|week|month|second)\b)";
/// A unit after a value, kept short so the pair stays within one metric.
const UNIT: &str = r"(?:\s?(?:(?:per|a|an|each)\s+(?:second|minute|hour|day|week|month|quarter|year|night)\b|per\s+[a-z]+\b|%|percent|ms|milliseconds?|s\b|secs?|seconds?|mins?|minutes?|h\b|hrs?|hours?|days?|weeks?|months?|gb|mb|kb|tb|x\b|[a-z/-]+(?:/(?:s|day|week|month))?)){0,1}";
/// Hedge words allowed before a value.
const ABOUT: &str = r"(?:about |around |roughly |over |nearly |almost |under |below |less than |just |only |~|<\s?|≤\s?|like )*";

/// Every pair below starts or ends with a value: a sentence without one needs no further look.
pub static ANY_VALUE: LazyLock<Pattern> = LazyLock::new(|| pattern(NUM));
static FROM_TO: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(&format!(
        r"\bfrom\s+{ABOUT}(?P<a>{NUM})(?P<ua>{UNIT})(?P<mid>[^.;→]{{0,22}}?)\s*(?:,\s*)?(?:all the way |down |up |back )?(?:to|→|->|=>)\s+{ABOUT}(?P<b>{NUM}|same[- ]day)(?P<ub>{UNIT})"
    ))
});
static ARROW: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(&format!(
        r"(?P<a>{NUM})(?P<ua>{UNIT})\s*(?:→|->|=>|⟶)\s*{ABOUT}(?P<b>{NUM})(?P<ub>{UNIT})"
    ))
});
static TO_FROM: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(&format!(
        r"\bto\s+{ABOUT}(?P<b>{NUM})(?P<ub>{UNIT})\s*,?\s*(?:down |up )?(?:from|compared (?:to|with)|vs\.?|versus)\s+{ABOUT}(?P<a>{NUM})(?P<ua>{UNIT})"
    ))
});
static DOWN_FROM: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(&format!(
        r"(?P<b>{NUM})(?P<ub>{UNIT})(?:\s+(?:now|today|these days))?\s*,?\s*(?:down|up)\s+from\s+{ABOUT}(?P<a>{NUM})(?P<ua>{UNIT})"
    ))
});
static WAS_NOW: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(&format!(
        r"\b(?:was|were|used to (?:take|be|run for|run|cost)|had been(?: sitting| stuck)? at)\s+{ABOUT}(?P<a>{NUM})(?P<ua>{UNIT})[^.]{{0,70}}?\b(?:now|takes|finishes in|it's|it is|got (?:it|them) (?:down )?to|brought (?:it|them) (?:down )?to|we're at|is at)\s+{ABOUT}(?:(?:in|at) )?(?P<b>{NUM})(?P<ub>{UNIT})"
    ))
});
static BEFORE_AFTER_WORDS: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(&format!(
        r"(?P<a>{NUM})(?P<ua>{UNIT})\s+before\b[,;]?\s*(?:and\s+)?{ABOUT}(?P<b>{NUM})(?P<ub>{UNIT})\s+after\b"
    ))
});
static INSTEAD_OF: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(&format!(
        r"(?P<b>{NUM})(?P<ub>{UNIT})\s+instead of\s+{ABOUT}(?P<a>{NUM})(?P<ua>{UNIT})"
    ))
});
/// Spans of values that are not changes: ranges, configuration, schedules.
static RANGE: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:anywhere|somewhere|ranging|ranges?|varies|varying|vary|between|scales?(?: \w+)?|scaling|back(?:s|ed)? off|window was|open|runs?|ran)\s+from\b|\b(?:am|pm)\b",
    )
});
/// True when a range word stands just before the pair at `at` ("anywhere from 50 to 300 ms").
pub fn in_range(text: &str, at: usize, end: usize) -> bool {
    let from = widen_left(text, at, 3);
    let lead = &text[from..at];
    let first = text[at..end].split_whitespace().next().unwrap_or("");
    RANGE.is_match(&format!("{lead}{first}"))
        || text[at..end].split_whitespace().any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            w == "am" || w == "pm"
        })
}

/// The before and after values of a pair, in the same unit, or None when it is not a metric.
pub fn values(caps: &Captures<'_>, bare_ok: bool) -> Option<(f64, f64)> {
    let a = caps.name("a")?.as_str();
    let b = caps.name("b")?.as_str();
    let ua = caps.name("ua").map_or("", |m| m.as_str());
    let ub = caps.name("ub").map_or("", |m| m.as_str());
    let (va, vb) = (number(a)?, number(b)?);
    // "from 1.27 to 1.29 in a weekend": a word that is not a unit leaves the pair bare.
    let mid = caps.name("mid").map_or("", |m| m.as_str());
    let (ua, ub) = (
        if is_unit(ua) || is_unit(mid) { ua } else { "" },
        if is_unit(ub) { ub } else { "" },
    );
    if is_year(a) && is_year(b)
        || ua.trim().is_empty() && ub.trim().is_empty() && !a.contains(['$', '€', '£'])
    {
        // Two bare numbers are a metric only when a unit follows later ("from 45 to 12").
        if is_year(a) || ub.trim().is_empty() && !bare_ok {
            return None;
        }
    }
    // "an hour" carries its unit inside the value.
    let unit_of = |value: &str, unit: &str| -> String {
        if unit.trim().is_empty() && value.ends_with(char::is_alphabetic) {
            value.rsplit(' ').next().unwrap_or("").to_string()
        } else {
            unit.to_string()
        }
    };
    let (ua, ub) = (unit_of(a, ua), unit_of(b, ub));
    let scale =
        |u: &str, fallback: &str| unit_scale(if u.trim().is_empty() { fallback } else { u });
    Some((va * scale(&ua, &ub), vb * scale(&ub, &ua)))
}

/// A unit of measure, a rate ("a/day", "per session") or a plural noun counting things
/// ("clusters").
fn is_unit(text: &str) -> bool {
    // "179 per session": a rate of whatever it is counted by.
    text.trim_start().starts_with("per ")
        || text.split_whitespace().any(|w| {
            let w = w.to_lowercase();
            w.contains(['%', '/'])
                || unit_scale(&w) != 1.0
                || matches!(w.as_str(), "s" | "sec" | "secs" | "x" | "percent")
                || w.len() > 3 && w.ends_with('s') && !w.ends_with("ss")
        })
}

fn is_year(text: &str) -> bool {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"))
}

pub fn number(text: &str) -> Option<f64> {
    let lower = text.trim().to_lowercase();
    let first = lower
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    // "none", "the same", "a" count as values when a pair is spelled out ("from none to a few").
    let spelled = match first {
        "zero" | "none" | "same" => Some(0.0),
        "a" | "an" => Some(1.0),
        word => super::spelled_value(word),
    };
    if spelled.is_some() {
        return spelled;
    }
    let digits: String = lower
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    Some(super::with_magnitude(digits.parse().ok()?, &lower))
}

/// Factor to a common base for units of time and size; 1 for everything else.
pub fn unit_scale(unit: &str) -> f64 {
    let unit = unit.trim().to_lowercase();
    let head = unit.split(['/', ' ']).next().unwrap_or("");
    match head {
        "ms" | "millisecond" | "milliseconds" => 0.001,
        "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
        "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
        "day" | "days" => 86_400.0,
        "week" | "weeks" => 604_800.0,
        "month" | "months" => 2_592_000.0,
        "kb" => 1e3,
        "mb" => 1e6,
        "gb" => 1e9,
        "tb" => 1e12,
        _ => 1.0,
    }
}

/// The words every form of a pair needs: "from", "was", "before", "instead of", an arrow.
static PAIR_WORDS: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(r"\b(?:from|was|were|used to|had been|before|instead of)\b|→|->|=>|⟶")
});

/// Whether `text` may hold a pair at all: without these words none of [`forms`] can match.
pub fn may_hold_a_pair(text: &str) -> bool {
    PAIR_WORDS.is_match(text)
}

/// The forms of a pair, each with whether two bare numbers are enough (the words already say
/// which is before and which after: "was 8, now 1", "23 before, 4 after").
pub fn forms() -> [(&'static Pattern, bool); 7] {
    [
        (&FROM_TO, false),
        (&ARROW, false),
        (&TO_FROM, false),
        (&DOWN_FROM, false),
        (&WAS_NOW, true),
        (&BEFORE_AFTER_WORDS, true),
        (&INSTEAD_OF, false),
    ]
}
