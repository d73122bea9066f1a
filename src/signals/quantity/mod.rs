//! Numbers with meaning: a value, a unit, and where they sit in the sentence.
//!
//! Shared by the metrics, before→after and SLO detectors, and by the number checks through
//! [`figures`], which reads on top of it what each number measures and the part it plays.
//! Dates, versions, step numbers, ticket ids and bare numbers are not quantities.

pub mod figures;
pub mod measure;
pub mod pairs;
pub mod words;

use super::pattern::{Pattern, pattern};
use std::sync::LazyLock;

/// What kind of thing a number measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Percent,
    /// Milliseconds and seconds: usually latency.
    Latency,
    /// Minutes and longer: durations, lead times, MTTR.
    Duration,
    Money,
    Rate,
    Multiplier,
    Size,
    /// A count of things: "12 services", "forty engineers".
    Count,
}

/// One quantity found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub unit: Unit,
}

/// Spelled-out amounts; written with `\s+` because the quantity pattern is in verbose mode.
const WORD_NUMBER: &str = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|a\s+hundred|a\s+dozen";

/// The quantity pattern, with `word_number` for the numbers it reads written as words.
fn quantity_pattern(word_number: &str) -> Pattern {
    let number = format!(
        r"(?:\d[\d,]{{0,24}}(?:\.\d{{1,12}})?|\.\d{{1,12}}|{word_number})(?:\s?(?:k|m|mm|b|bn|million|billion|thousand)\b)?"
    );
    pattern(&format!(
        r"(?x)
        (?P<money>[$€£]\s?\d[\d,]{{0,24}}(?:\.\d{{1,12}})?\s?(?:k|m|mm|b|bn|million|billion|thousand)?\b(?:\s?(?:/|per|a)\s?(?:month|mo|year|yr|quarter|day))?)
        | (?P<nines>\b(?:two|three|four|five|2|3|4|5)\s+nines\b)
        | (?P<mult>\b\d{{1,24}}(?:\.\d{{1,12}})?\s?(?:x|×)(?:\b|\s|$)|\b(?:halved|doubled|tripled|quadrupled)\b|\btwice\s+as\b|\b\d{{1,24}}\s+times\s+(?:faster|slower|more|less|fewer|cheaper|higher|lower|better)\b)
        | (?P<num>\b{number})
          \+?\s?-?\s?
          (?P<unit>
              %|\s?percent(?:age\s+points?)?\b|pp\b
            | (?:ms|msec|milliseconds?|µs|us|μs|ns|microseconds?)\b
            | (?:s|secs?|seconds?)\b
            | (?:mins?|minutes?|m|hrs?|hours?|h|days?|d|weeks?|wks?|months?|quarters?|years?|yrs?|sprints?)\b
            | (?:usd|eur|gbp|dollars?|euros?|pounds?)\b
            | (?:req(?:uests)?/s|rps|qps|tps|rpm|ops/s|events/s|msgs?/s|requests?\s+(?:per|a|an)\s+(?:second|sec|minute|min|hour)|queries\s+per\s+second)\b
            | (?:deploys?|deployments?|releases?|builds?|pages?|alerts?|incidents?)\s+(?:per|a|an|each)\s+(?:day|week|month|night|quarter|year)\b
            | (?:a|an|per|each)\s+(?:hour|day|week|month|night|quarter|year)\b
            | (?:kb|mb|gb|tb|pb|kib|mib|gib|tib|vcpus?|cores?|cpus?)\b
            | (?P<noun>(?:[a-z][a-z-]+\s+){{0,2}}?[a-z][a-z-]{{2,}}s)\b
          )",
    ))
}

static QUANTITY: LazyLock<Pattern> = LazyLock::new(|| quantity_pattern(WORD_NUMBER));
static QUANTITY_SPELLED: LazyLock<Pattern> = LazyLock::new(|| quantity_pattern(words::SPELLED_OUT));

/// Words that follow a number without making it a measurement.
const NOT_COUNTED: &[&str] = &[
    "things",
    "ways",
    "reasons",
    "points",
    "ideas",
    "steps",
    "phases",
    "questions",
    "times",
    "items",
    "parts",
    "options",
    "is",
    "was",
    "has",
    "does",
    "goes",
    "us",
    "of",
    "as",
    "its",
    "this",
    "yes",
    "across",
    "minus",
    "plus",
    "versus",
    "vs",
    "others",
    "ones",
];

static NOT_A_QUANTITY_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"(?:\b(?:step|phase|stage|sprint|round|level|tier|part|section|chapter|version|release|ver|v|q[1-4]|fy|h[12]|number|no\.?|item|jira|ticket|issue|pr|rfc|adr|sev|p|java|python|node|postgres(?:ql)?|mysql|kubernetes|k8s|ubuntu|debian|rhel|centos|go|golang|rails|react|angular|vue|php|ruby|scala|spark|kafka|elasticsearch|redis|terraform|ios|android|windows|jdk|gcc|http|tls|ipv|iphone|python2|python3|gen|class|grade|room|building|floor|route|highway)\s?[#/]?|#|[a-z]-)$",
    )
});

static YEAR_CONTEXT: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"(?:\b(?:in|since|by|of|from|until|till|during|early|late|mid|circa|around|q[1-4]|fy|h[12]|summer|winter|spring|fall|autumn|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\s+|-)$",
    )
});

/// Every quantity in `sentence`, left to right, without overlaps.
pub fn find(sentence: &str) -> Vec<Quantity> {
    scan(&QUANTITY, sentence)
}

/// [`find`], reading every number written as words ("twenty-five hours", "a hundred and forty
/// percent"), not only the few that make a sentence quantified. Most sentences hold none of
/// the words only this reads, and get [`find`]'s reading, which is the same for them.
pub fn find_spelled(sentence: &str) -> Vec<Quantity> {
    if words::beyond_the_short_list(sentence) {
        scan(&QUANTITY_SPELLED, sentence)
    } else {
        scan(&QUANTITY, sentence)
    }
}

fn scan(quantities: &Pattern, sentence: &str) -> Vec<Quantity> {
    let mut found = Vec::new();
    for caps in quantities.captures_iter(sentence) {
        let whole = caps.get(0).expect("match");
        let (start, unit, value_text) = if let Some(m) = caps.name("money") {
            (m.start(), Unit::Money, m.as_str())
        } else if let Some(m) = caps.name("nines") {
            (m.start(), Unit::Percent, m.as_str())
        } else if let Some(m) = caps.name("mult") {
            (m.start(), Unit::Multiplier, m.as_str())
        } else {
            let num = caps.name("num").expect("number");
            let unit_text = caps.name("unit").map_or("", |u| u.as_str());
            let glued = caps.name("unit").is_some_and(|u| u.start() == num.end());
            let number_text = num
                .as_str()
                .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '.');
            let start = num.end() - number_text.len();
            let Some(unit) = classify_unit(unit_text, caps.name("noun").is_some()) else {
                continue;
            };
            if !plausible(sentence, start, number_text, unit)
                || is_a_word_not_a_number(number_text, glued, unit)
            {
                continue;
            }
            (start, unit, number_text)
        };
        let end = whole.end();
        let value = parse_value(value_text);
        found.push(Quantity {
            start,
            end,
            value,
            unit,
        });
    }
    found
}

fn classify_unit(unit: &str, is_noun: bool) -> Option<Unit> {
    let unit = unit.trim().to_lowercase();
    if is_noun {
        let last = unit.split_whitespace().last().unwrap_or("");
        if NOT_COUNTED.contains(&last) || unit.split_whitespace().any(|w| NOT_COUNTED.contains(&w))
        {
            return None;
        }
        return Some(Unit::Count);
    }
    let head = unit.split_whitespace().next().unwrap_or("");
    Some(match head {
        "%" | "percent" | "percentage" | "pp" | "points" | "point" => Unit::Percent,
        "a" | "an" | "per" | "each" => Unit::Rate,
        u if u.starts_with("ms")
            || u.starts_with("msec")
            || u.starts_with("milli")
            || u.starts_with("micro")
            || matches!(u, "µs" | "us" | "μs" | "ns") =>
        {
            Unit::Latency
        }
        "s" | "sec" | "secs" | "second" | "seconds" => Unit::Latency,
        u if u.starts_with("min")
            || u == "m"
            || u.starts_with("h")
            || u.starts_with("day")
            || u == "d"
            || u.starts_with("week")
            || u.starts_with("wk")
            || u.starts_with("month")
            || u.starts_with("quarter")
            || u.starts_with("year")
            || u.starts_with("yr")
            || u.starts_with("sprint") =>
        {
            Unit::Duration
        }
        u if ["usd", "eur", "gbp"].contains(&u)
            || u.starts_with("dollar")
            || u.starts_with("euro")
            || u.starts_with("pound") =>
        {
            Unit::Money
        }
        u if u.contains('/')
            || ["rps", "qps", "tps", "rpm"].contains(&u)
            || u.starts_with("request")
            || u.starts_with("quer") =>
        {
            Unit::Rate
        }
        u if u.starts_with("deploy")
            || u.starts_with("release")
            || u.starts_with("build")
            || u.starts_with("page")
            || u.starts_with("alert")
            || u.starts_with("incident") =>
        {
            Unit::Rate
        }
        _ => Unit::Size,
    })
}

/// Filters years, versions, step numbers, ticket ids and list markers.
fn plausible(sentence: &str, start: usize, number: &str, unit: Unit) -> bool {
    let before = tail_words(sentence[..start].trim_end());
    let before_lower = before.to_lowercase();
    if NOT_A_QUANTITY_BEFORE.is_match(&before_lower) && !matches!(unit, Unit::Percent | Unit::Money)
    {
        return false;
    }
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let is_year = digits.len() == 4
        && (digits.starts_with("19") || digits.starts_with("20"))
        && !number.contains(',');
    if is_year && (unit == Unit::Count || YEAR_CONTEXT.is_match(&format!("{before_lower} "))) {
        return false;
    }
    // "503s" and "404s" are status codes, not seconds.
    if unit == Unit::Latency
        && digits.len() == 3
        && matches!(digits.as_bytes()[0], b'2'..=b'5')
        && sentence[start + number.len()..].starts_with('s')
    {
        return false;
    }
    // "3.2.1" and the like are versions.
    if number.matches('.').count() > 1 {
        return false;
    }
    true
}

/// A number word that English uses as something else: "one" as a pronoun or article ("the
/// one that springs to mind", "one customer stands out": a count of one is not a measurement),
/// or a number word that runs into a longer word ("ones", "tens" are not "one s").
fn is_a_word_not_a_number(number: &str, glued: bool, unit: Unit) -> bool {
    if !number.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return false;
    }
    glued || (unit == Unit::Count && number.eq_ignore_ascii_case("one"))
}

/// The last few words of `before`: all the context checks look at. Lowercasing the whole
/// prefix for every number made sentences with thousands of numbers quadratic.
fn tail_words(before: &str) -> &str {
    const WINDOW: usize = 64;
    if before.len() <= WINDOW {
        return before;
    }
    let mut cut = before.len() - WINDOW;
    while !before.is_char_boundary(cut) {
        cut += 1;
    }
    let window = &before[cut..];
    // Start at a word boundary so a cut word cannot look like a whole one ("xjava" -> "java").
    match window.find(|c: char| !c.is_alphanumeric() && c != '_') {
        Some(at) => &window[at..],
        None => "",
    }
}

/// Spelled-out numbers, shared by every detector that reads a value.
const SPELLED: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
];

/// Words that state a change as a factor.
const FACTORS: &[(&str, f64)] = &[
    ("halved", 0.5),
    ("doubled", 2.0),
    ("tripled", 3.0),
    ("quadrupled", 4.0),
    ("twice", 2.0),
];

/// The value of a spelled-out number or factor word ("twelve", "halved").
pub fn spelled_value(word: &str) -> Option<f64> {
    SPELLED
        .iter()
        .chain(FACTORS)
        .find(|(w, _)| *w == word)
        .map(|(_, v)| *v)
}

/// Scales a value by a trailing magnitude: "40k", "2m", "1.5bn", "3 million".
pub fn with_magnitude(value: f64, lower: &str) -> f64 {
    let suffix = lower.trim_end().trim_end_matches('+');
    if suffix.ends_with('k') || suffix.contains("thousand") {
        value * 1e3
    } else if suffix.ends_with("bn") || suffix.contains("billion") {
        value * 1e9
    } else if suffix.ends_with('m') && !suffix.ends_with("ms") || suffix.contains("million") {
        value * 1e6
    } else {
        value
    }
}

fn parse_value(text: &str) -> f64 {
    let lower = text.to_lowercase();
    let numeric: String = lower
        .chars()
        .skip_while(|c| !c.is_ascii_digit() && *c != '.')
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    let value = match numeric.parse::<f64>() {
        Ok(v) => v,
        Err(_) => words::value(&lower)
            .or_else(|| {
                lower
                    .split(|c: char| !c.is_alphabetic())
                    .find_map(spelled_value)
            })
            .unwrap_or(0.0),
    };
    with_magnitude(value, &lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(sentence: &str) -> Vec<(String, Unit)> {
        find(sentence)
            .into_iter()
            .map(|q| (sentence[q.start..q.end].trim().to_string(), q.unit))
            .collect()
    }

    #[test]
    fn finds_metrics_with_units() {
        let found =
            units("p95 fell from 320 ms to 185 ms, saving $40k per month across 12 services.");
        let kinds: Vec<Unit> = found.iter().map(|f| f.1).collect();
        assert_eq!(
            kinds,
            vec![Unit::Latency, Unit::Latency, Unit::Money, Unit::Count]
        );
    }

    #[test]
    fn percent_multiplier_and_nines() {
        let kinds: Vec<Unit> =
            units("Availability hit 99.95%, three nines, and deploys got 3x faster.")
                .into_iter()
                .map(|f| f.1)
                .collect();
        assert_eq!(kinds, vec![Unit::Percent, Unit::Percent, Unit::Multiplier]);
    }

    #[test]
    fn dates_versions_and_steps_are_not_quantities() {
        assert!(
            units("In 2021 we moved from Java 8 to Java 17 in step 2 of JIRA-1234.").is_empty()
        );
        assert!(units("We upgraded to Postgres 14.2.1 in March 2022.").is_empty());
        assert!(units("There were 3 reasons and 2 options.").is_empty());
    }

    #[test]
    fn one_as_a_pronoun_and_number_words_inside_longer_words_are_not_quantities() {
        for sentence in [
            "The one that springs to mind is the launch.",
            "Still, one customer stands out from my time at the counter.",
            "I picked the ones that interested me.",
            "Tens of people asked.",
        ] {
            assert!(
                units(sentence).is_empty(),
                "{sentence}: {:?}",
                units(sentence)
            );
        }
        assert_eq!(units("It took one hour and two engineers.").len(), 2);
        assert_eq!(units("We fixed it within one day.").len(), 1);
    }

    /// "2+ days" is a duration of at least two days, not a bare 2 that borrows the next unit.
    #[test]
    fn a_number_with_a_plus_keeps_its_unit() {
        assert_eq!(
            units("Setup fell from 2+ days to 30 minutes."),
            vec![
                ("2+ days".to_string(), Unit::Duration),
                ("30 minutes".to_string(), Unit::Duration)
            ]
        );
    }

    #[test]
    fn values_parse() {
        let q = find("cut from 45 minutes to 1,200 ms");
        assert_eq!(q[0].value, 45.0);
        assert_eq!(q[1].value, 1200.0);
    }

    #[test]
    fn context_window_keeps_whole_words() {
        let long = "a".repeat(100);
        assert_eq!(tail_words(&format!("{long} in step")), " in step");
        assert_eq!(tail_words(&format!("x{long}java")), "");
        assert!(units(&format!("{long} then java 8 services")).is_empty());
        assert_eq!(units(&format!("{long} then 8 services")).len(), 1);
    }

    #[test]
    fn digit_runs_longer_than_any_figure_are_not_numbers() {
        let run = "2021".repeat(1_000);
        assert!(find(&format!("{run} services")).is_empty());
        assert_eq!(units("1,234,567,890,123 requests")[0].1, Unit::Count);
    }

    #[test]
    fn word_numbers_count_things() {
        let found = units("I brought in two engineers and a dozen services moved.");
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn status_codes_protocols_and_vague_amounts_are_not_quantities() {
        assert!(units("Clients were getting 503s from the gateway.").is_empty());
        assert!(units("The gateway only spoke HTTP/2 to the backends.").is_empty());
        assert!(units("A few teams were already using the library.").is_empty());
        assert_eq!(units("Tickets dropped to 12 a week.")[0].1, Unit::Rate);
    }
}
