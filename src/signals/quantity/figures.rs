//! The figures of a sentence: each number with its unit, what it measures, the part it plays
//! (baseline, after, target, change) and the way the sentence says things went.
//!
//! Read on top of [`super::find_spelled`] (every number, words included) and the before→after
//! grammar of [`super::pairs`], so that "p99 improved from 180 ms to 720 ms" is a p99 latency
//! baseline of 0.18 s, an after of 0.72 s and a claim of improvement, which the number checks
//! can hold against each other.

use super::super::pattern::{Match, Pattern, pattern};
use super::super::text::{CLAUSE_REACH, clause_starts, floor_boundary};
use super::measure::{self, Better, Measure};
use super::{Quantity, Unit, pairs};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// One number of a sentence, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Bytes of the sentence the number and its unit take.
    pub start: usize,
    pub end: usize,
    /// The value in its unit's base: seconds for time, units of currency, percent for shares,
    /// the number of nines for "five nines".
    pub value: f64,
    /// The lower end when the number closes a range ("two to three weeks"), in the same base.
    pub low: Option<f64>,
    pub hedge: Hedge,
    pub unit: Unit,
    pub measure: Measure,
    pub role: Role,
    /// The period a rate is counted over ("25 hours a day" is a day), in seconds.
    pub per: Option<f64>,
    /// Written "five nines" rather than as a percentage.
    pub nines: bool,
    /// Written with a minus sign: a change told as negative, left alone by the checks.
    pub signed: bool,
}

/// How exact the sentence says a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hedge {
    Exact,
    /// "about", "around", "roughly", "~".
    About,
    /// "over", "more than", "at least": the true value is higher.
    AtLeast,
    /// "under", "below", "less than", "up to", "within": the true value is lower.
    AtMost,
}

/// The part a figure plays in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Just a value: "p99 is 180 ms".
    Plain,
    /// Where things started: "from 320 ms", "was 8%", "45 minutes before".
    Baseline,
    /// Where they ended: "to 185 ms", "now 1%".
    After,
    /// What was aimed for: "a p99 target of 200 ms", "a 99.9% SLO".
    Target,
    /// A difference or a factor: "by 40%", "40% fewer", "3x faster", "halved".
    Change,
}

/// Which way a sentence says a measure went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// "reduced", "cut", "dropped", "fewer", "down".
    Down,
    /// "increased", "grew", "raised", "more", "up".
    Up,
    /// "improved", "better", "optimised": whatever better means for the measure.
    Better,
    /// "faster", "sped up", "quicker": less time, or more done in it.
    Faster,
    /// "worse", "slower", "degraded", "regressed".
    Worse,
}

impl Claim {
    /// The words a claim is made in, for fixes.
    pub fn word(self) -> &'static str {
        match self {
            Claim::Down => "a reduction",
            Claim::Up => "an increase",
            Claim::Better => "an improvement",
            Claim::Faster => "faster",
            Claim::Worse => "worse",
        }
    }

    /// Whether a move from `before` to `after` in `unit`, for `measure`, is what the claim
    /// says; None when the words leave it open.
    pub fn agrees(self, measure: Measure, unit: Unit, before: f64, after: f64) -> Option<bool> {
        let went_down = after < before;
        let better = match self {
            Claim::Down => return Some(went_down),
            Claim::Up => return Some(!went_down),
            Claim::Better | Claim::Worse => measure.better()?,
            Claim::Faster => match unit {
                Unit::Latency | Unit::Duration => Better::Lower,
                Unit::Rate => Better::Higher,
                _ => match measure {
                    Measure::Latency(_) | Measure::Duration => Better::Lower,
                    Measure::Throughput => Better::Higher,
                    _ => return None,
                },
            },
        };
        let improved = (better == Better::Lower) == went_down;
        Some(if self == Claim::Worse {
            !improved
        } else {
            improved
        })
    }
}

/// A before→after pair: indexes of its two figures in [`Figures::figures`], and of the change
/// it states about itself ("by 40%, from 320 ms to 185 ms"), if it states one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub before: usize,
    pub after: usize,
    pub change: Option<usize>,
}

/// Every figure of one sentence and the pairs among them.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub figures: Vec<Figure>,
    pub pairs: Vec<Pair>,
    clauses: Clauses,
}

impl Figures {
    /// Where the clause around byte `at` of the sentence starts.
    pub fn clause_start(&self, text: &str, at: usize) -> usize {
        self.clauses.start(text, at)
    }
}

/// Where each clause of a sentence starts, found once: every figure asks.
#[derive(Debug, Clone, Default)]
struct Clauses(Vec<usize>);

impl Clauses {
    fn of(text: &str) -> Clauses {
        Clauses(clause_starts(text))
    }

    /// The start of the clause around `at`, no further back than a clause is read.
    fn start(&self, text: &str, at: usize) -> usize {
        let at = floor_boundary(text, at.min(text.len()));
        let found = match self.0.partition_point(|start| *start <= at) {
            0 => 0,
            i => self.0[i - 1],
        };
        found.max(floor_boundary(text, at.saturating_sub(CLAUSE_REACH)))
    }
}

/// Numbers in a sentence are worth reading only when there is a digit or a number word.
static ANY_NUMBER: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen|halved|doubled|tripled|quadrupled|twice)\b",
    )
});

/// Whether `text` holds a number at all: a digit or a number word.
pub fn has_number(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || ANY_NUMBER.is_match(text)
}

/// Reads every figure of `text` (one sentence).
pub fn read(text: &str) -> Figures {
    if !has_number(text) {
        return Figures::default();
    }
    let clauses = Clauses::of(text);
    let quantities = quantities(text);
    let mut figures: Vec<Figure> = quantities
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let previous_end = i.checked_sub(1).map_or(0, |p| quantities[p].end);
            figure(text, &clauses, q, previous_end)
        })
        .collect();
    let mut pairs = pair_up(text, &clauses, &mut figures);
    let mut in_pair = vec![false; figures.len()];
    for pair in &pairs {
        in_pair[pair.before] = true;
        in_pair[pair.after] = true;
    }
    for index in 0..figures.len() {
        if !in_pair[index] {
            let previous_end = index.checked_sub(1).map_or(0, |p| figures[p].end);
            figures[index].role = role(text, &clauses, &figures[index], previous_end);
        }
    }
    attach_percentiles(text, &mut figures);
    let read = Figures {
        figures,
        pairs: Vec::new(),
        clauses,
    };
    for pair in &mut pairs {
        pair.change = linked_change(text, &read, *pair);
    }
    let Figures {
        mut figures,
        clauses,
        ..
    } = read;
    for pair in &pairs {
        // The after value of a pair measures what its before value does.
        let (before, after) = (figures[pair.before].measure, figures[pair.after].measure);
        let vaguer = matches!(
            (before, after),
            (_, Measure::Unknown) | (Measure::Latency(Some(_)), Measure::Latency(None))
        );
        if vaguer {
            figures[pair.after].measure = before;
        }
    }
    Figures {
        figures,
        pairs,
        clauses,
    }
}

/// The quantities of `text`, every number word read. A count whose noun runs over a second
/// number ("two to three weeks" read as two of "to three weeks") is read again from that
/// number, so the range's upper end keeps its unit.
fn quantities(text: &str) -> Vec<Quantity> {
    let mut found = Vec::new();
    for q in super::find_spelled(text) {
        if glued_word_number(text, &q) {
            continue;
        }
        let inner = (q.unit == Unit::Count)
            .then(|| second_number(text, &q))
            .flatten();
        match inner {
            Some(from) => found.extend(
                super::find_spelled(&text[from..q.end])
                    .into_iter()
                    .filter(|inner| !glued_word_number(&text[from..q.end], inner))
                    .map(|inner| Quantity {
                        start: from + inner.start,
                        end: from + inner.end,
                        ..inner
                    }),
            ),
            None => found.push(q),
        }
    }
    found
}

/// Where a second number starts inside a count's words, after its first.
fn second_number(text: &str, q: &Quantity) -> Option<usize> {
    let body = &text[q.start..q.end];
    let first_end = body.find(char::is_whitespace)?;
    super::super::text::words(&body[first_end..])
        .find(|(_, word)| {
            word.starts_with(|c: char| c.is_ascii_digit()) || super::words::value(word).is_some()
        })
        .map(|(at, _)| q.start + first_end + at)
}

/// "tens of", "tent": a number word run into other letters is not a number.
fn glued_word_number(text: &str, q: &Quantity) -> bool {
    let first = text[q.start..].chars().next().unwrap_or(' ');
    if !first.is_alphabetic() {
        return false;
    }
    let number_end = text[q.start..q.end]
        .find(|c: char| !c.is_alphabetic() && c != '-')
        .map_or(q.end, |at| q.start + at);
    text[number_end..]
        .chars()
        .next()
        .is_some_and(char::is_alphabetic)
        && number_end < q.end
}

/// A figure from a quantity, before its role and percentile are known; `previous_end` is
/// where the number before it ends, so the subject read for this one stops there.
fn figure(text: &str, clauses: &Clauses, q: &Quantity, previous_end: usize) -> Figure {
    let body = &text[q.start..q.end];
    let nines = q.unit == Unit::Percent && body.to_lowercase().contains("nines");
    let scale = match q.unit {
        Unit::Latency | Unit::Duration => scale_of(body),
        _ => 1.0,
    };
    let value = q.value * scale;
    let before = subject_before(text, clauses, q.start, previous_end);
    let after = words_after(text, q.end, 4);
    let lead = &text[floor_boundary(text, q.start.saturating_sub(24))..q.start];
    Figure {
        start: q.start,
        end: q.end,
        value,
        low: range_low(lead).map(|low| low * scale),
        hedge: hedge(lead),
        unit: q.unit,
        measure: measure::classify(q.unit, body, before, after),
        role: Role::Plain,
        per: period(after),
        nines,
        signed: signed(text, q.start),
    }
}

/// The factor from the unit a quantity's text is written in to that unit's base: seconds for
/// time ("2 hours" is 7,200), bytes for sizes, 1 for anything else.
pub fn scale_of(body: &str) -> f64 {
    time_scale(unit_word(body))
}

/// The unit word of a figure's text: "ms" in "320 ms", "hours" in "twenty-five hours".
fn unit_word(body: &str) -> &str {
    let rest = body.trim_start_matches(|c: char| {
        c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '-' | '~')
    });
    // A number written as words: the unit is the last word.
    let rest =
        if rest.starts_with(|c: char| c.is_alphabetic()) && super::words::value(rest).is_some() {
            rest.rsplit([' ', '-']).next().unwrap_or(rest)
        } else {
            rest
        };
    rest.split_whitespace().next().unwrap_or("")
}

/// Seconds in one of a time unit: the before→after grammar's scale, with what it leaves out.
fn time_scale(unit: &str) -> f64 {
    let lower = unit.to_lowercase();
    match lower.as_str() {
        "µs" | "μs" | "us" | "microsecond" | "microseconds" => 1e-6,
        "ns" => 1e-9,
        "msec" => 1e-3,
        "m" => 60.0,
        "d" => 86_400.0,
        "wk" | "wks" => 604_800.0,
        "quarter" | "quarters" => 7_776_000.0,
        "year" | "years" | "yr" | "yrs" => 31_536_000.0,
        "sprint" | "sprints" => 1_209_600.0,
        other => pairs::unit_scale(other),
    }
}

/// How far past a figure its words are read: a few words, never the rest of a pasted line
/// with thousands of figures.
const AFTER_REACH: usize = 160;

/// The text just after byte `at`, at most [`AFTER_REACH`] bytes.
pub fn after(text: &str, at: usize) -> &str {
    let end = floor_boundary(text, at.saturating_add(AFTER_REACH).min(text.len()));
    &text[at..end.max(at)]
}

/// Up to `count` words after byte `at`, stopping at a clause break.
fn words_after(text: &str, at: usize, count: usize) -> &str {
    let rest = after(text, at);
    let stop = rest
        .find([';', '.', ',', '(', ')', ':'])
        .unwrap_or(rest.len());
    let rest = &rest[..stop];
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in rest.char_indices() {
        if c.is_whitespace() {
            if in_word {
                seen += 1;
                if seen == count {
                    return &rest[..i];
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    rest
}

/// The subject a figure is given: the words of its clause before it, back to the previous
/// figure (which ends at `previous_end`) or at most eight words.
fn subject_before<'t>(text: &'t str, clauses: &Clauses, at: usize, previous_end: usize) -> &'t str {
    let clause_start = clauses.start(text, at);
    let head = &text[clause_start.max(previous_end.min(at))..at];
    let mut words = 0;
    for (i, c) in head.char_indices().rev() {
        if c.is_whitespace() {
            words += 1;
            if words > 8 {
                return &head[i..];
            }
        }
    }
    head
}

static HEDGE_ABOUT: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"(?:\b(?:about|around|roughly|approximately|approx\.?|nearly|almost|some|circa|close to)|~|≈)\s*[$€£]?\s*$",
    )
});
static HEDGE_AT_LEAST: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(r"\b(?:over|more than|at least|above|upwards of|north of|in excess of)\s*[$€£]?\s*$")
});
static HEDGE_AT_MOST: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"(?:\b(?:under|below|less than|fewer than|up to|at most|within|no more than|sub)|<|≤)\s*[$€£]?\s*$",
    )
});

fn hedge(lead: &str) -> Hedge {
    if HEDGE_ABOUT.is_match(lead) {
        Hedge::About
    } else if HEDGE_AT_LEAST.is_match(lead) {
        Hedge::AtLeast
    } else if HEDGE_AT_MOST.is_match(lead) {
        Hedge::AtMost
    } else {
        Hedge::Exact
    }
}

/// "two to three weeks", "2-3 days", "10–20%": the lower end before a figure.
static RANGE_LOW: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(&format!(
        r"(?:\b|^)(?P<low>\d[\d,]*(?:\.\d+)?|{})\s*(?:%|percent)?\s*(?:to|-|–|—|or)\s*$",
        super::words::SPELLED_OUT
    ))
});

fn range_low(lead: &str) -> Option<f64> {
    let caps = RANGE_LOW.captures(lead)?;
    let low = caps.name("low")?.as_str();
    let digits: String = low.chars().filter(|c| *c != ',').collect();
    digits.parse().ok().or_else(|| super::words::value(low))
}

/// "a day", "per week", "/month" after a figure: the period a rate is counted over.
static PERIOD: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"^\s*(?:a|an|per|each|every|/|in\s+a|in\s+one)\s*(?P<period>second|minute|hour|day|week|month|year)\b",
    )
});

fn period(after: &str) -> Option<f64> {
    let caps = PERIOD.captures(after)?;
    Some(time_scale(&format!("{}s", caps.name("period")?.as_str())))
}

/// The length of the period words ("a day", "per week") right after byte `at`, if any.
pub fn period_len(text: &str, at: usize) -> Option<usize> {
    PERIOD.find(after(text, at)).map(|m| m.end())
}

/// A minus sign right before the number, not a range dash ("-40%", "−3 ms").
fn signed(text: &str, start: usize) -> bool {
    let head = &text[..start];
    let Some(sign) = head.chars().next_back() else {
        return false;
    };
    if !matches!(sign, '-' | '−' | '‒') {
        return false;
    }
    let before_sign = &head[..head.len() - sign.len_utf8()];
    !before_sign
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// Finds the before→after pairs and turns their sides into figures with those roles,
/// valued in a common base (a bare side takes the other's unit: "from 45 to 12 minutes").
/// Linear in the figures: a pasted line may hold thousands of pairs.
fn pair_up(text: &str, clauses: &Clauses, figures: &mut Vec<Figure>) -> Vec<Pair> {
    if !pairs::may_hold_a_pair(text) {
        return Vec::new();
    }
    // start -> (end, before, after) of each pair; one pair may read as two forms.
    let mut found: BTreeMap<usize, (usize, Figure, Figure)> = BTreeMap::new();
    for (form, bare_ok) in pairs::forms() {
        for caps in form.captures_iter(text) {
            let (Some(whole), Some(a), Some(b)) = (caps.get(0), caps.name("a"), caps.name("b"))
            else {
                continue;
            };
            let overlaps = found
                .range(..whole.end())
                .next_back()
                .is_some_and(|(_, (end, ..))| *end > whole.start());
            if overlaps || pairs::in_range(text, whole.start(), whole.end()) {
                continue;
            }
            // A number word must be a word: "ten" in "often" is none.
            let whole_word = |m: &Match<'_>| {
                !text[..m.start()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic)
                    && !text[m.end()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic)
            };
            if !whole_word(&a) || !whole_word(&b) {
                continue;
            }
            let Some((va, vb)) = pairs::values(&caps, bare_ok) else {
                continue;
            };
            let (fa, fb) = (
                covering(figures, a.start(), a.end()),
                covering(figures, b.start(), b.end()),
            );
            // Both sides must say what they count: one side with a unit is enough.
            let Some(model) = fb.or(fa).cloned() else {
                continue;
            };
            let side = |own: Option<&Figure>, start: usize, end: usize, value: f64, role| {
                let mut side = own.cloned().unwrap_or_else(|| Figure {
                    start,
                    end,
                    hedge: Hedge::Exact,
                    per: None,
                    nines: false,
                    signed: false,
                    ..model.clone()
                });
                side.value = value;
                side.role = role;
                // A pair's values are a before and an after, never a range's ends.
                side.low = None;
                side.start = side.start.min(start);
                side
            };
            let mut before = side(fa, a.start(), a.end(), va, Role::Baseline);
            let mut after = side(fb, b.start(), b.end(), vb, Role::After);
            // The pair's subject comes before it: "MTTR went from 45 to 12 minutes".
            let measure = measure::classify(
                model.unit,
                &text[model.start..model.end],
                subject_before(text, clauses, whole.start(), 0),
                words_after(text, whole.end(), 4),
            );
            for side in [&mut before, &mut after] {
                if side.measure == Measure::Unknown {
                    side.measure = measure;
                }
            }
            found.insert(whole.start(), (whole.end(), before, after));
        }
    }
    if found.is_empty() {
        return Vec::new();
    }
    // Figures inside a pair's span give way to its two sides.
    let spans: Vec<(usize, usize)> = found
        .values()
        .map(|(_, before, after)| (before.start.min(after.start), before.end.max(after.end)))
        .collect();
    figures.retain(|f| {
        let at = spans.partition_point(|(start, _)| *start < f.end);
        !at.checked_sub(1)
            .is_some_and(|i| spans[i].0 < f.end && f.start < spans[i].1)
    });
    let mut sides: Vec<(Figure, Option<usize>)> = figures.drain(..).map(|f| (f, None)).collect();
    for (pair, (_, before, after)) in found.into_values().enumerate() {
        sides.push((before, Some(2 * pair)));
        sides.push((after, Some(2 * pair + 1)));
    }
    sides.sort_by_key(|(f, _)| (f.start, f.end));
    let mut positions = vec![0; sides.iter().filter(|(_, side)| side.is_some()).count()];
    for (index, (_, side)) in sides.iter().enumerate() {
        if let Some(side) = side {
            positions[*side] = index;
        }
    }
    *figures = sides.into_iter().map(|(f, _)| f).collect();
    positions
        .chunks(2)
        .map(|sides| Pair {
            before: sides[0],
            after: sides[1],
            change: None,
        })
        .collect()
}

/// The figure that covers bytes `start..end`, if any; `figures` are in order.
fn covering(figures: &[Figure], start: usize, end: usize) -> Option<&Figure> {
    let end = end.max(start + 1);
    let at = figures.partition_point(|f| f.end <= start);
    figures.get(at).filter(|f| f.start < end && start < f.end)
}

/// Words that make the figure after them a target: "a p99 target of 200 ms", "the goal was
/// 99.9%", "my task was to get p99 under 200 ms".
static TARGET_WORD: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:target(?:ed|ing|s)?|goals?|objectives?|aim(?:ed|ing)?(?:\s+for|\s+to)?|slos?|slas?|threshold|commit(?:ted)?\s+to|promised|(?:was|were|needed|had|wanted|set\s+out|planned|asked)\s+to\s+(?:get|bring|keep|cut|reduce|push|drive|take|hit|reach|hold|raise|lift|be|stay))\b",
    )
});
/// Words between a target word and its figure that make the figure a result instead: "we met
/// the target, with p99 at 250 ms".
static RESULT_WORD: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:met|meet|hit|reach(?:ed)?|achiev\w*|beat|exceed\w*|landed|landing|now|with|ended|came|got|measured|actual|was\s+at|is\s+at)\b|[,;(]",
    )
});

static TARGET_AFTER: LazyLock<Pattern> =
    LazyLock::new(|| pattern(r"^\s*(?:\w+\s+){0,2}?(?:target|goal|objective|slo|sla|threshold)\b"));
static CHANGE_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:by|up|down|cut|cutting|reduced|reducing|saved|saving|saves|shaved|trimmed|slashed|knocked|fell|dropped|rose|grew|increased|improved|jumped|climbed|declined|decreased|lowered|raised|boosted|gained|lost)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+|some\s+|just\s+|~)?[$€£]?$",
    )
});
/// Words that make the figure before them a change: "40% fewer", "a 30% cost reduction".
const CHANGE_WORDS: &[&str] = &[
    "reduction",
    "decrease",
    "drop",
    "cut",
    "saving",
    "savings",
    "increase",
    "improvement",
    "gain",
    "growth",
    "speedup",
    "speed-up",
    "faster",
    "slower",
    "quicker",
    "fewer",
    "less",
    "more",
    "lower",
    "higher",
    "cheaper",
    "smaller",
    "shorter",
    "longer",
    "bigger",
    "better",
    "worse",
    "boost",
    "jump",
    "lift",
    "rise",
    "decline",
    "off",
];

/// The change word within the two words after a figure ("40% fewer", "a 30% cost
/// reduction"), with no conjunction before it ("99.9% and faster deploys" is no change).
pub fn change_word_after(text: &str, end: usize) -> Option<&'static str> {
    for word in words_after(text, end, 3).split_whitespace().take(3) {
        let word = word.to_lowercase();
        if let Some(change) = CHANGE_WORDS.iter().find(|w| **w == word) {
            return Some(change);
        }
        if matches!(
            word.as_str(),
            "and" | "or" | "but" | "with" | "while" | "plus" | "then" | "of" | "in" | "on"
        ) {
            return None;
        }
    }
    None
}
static BASELINE_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:from|used\s+to\s+(?:be|take|run)|had\s+been|originally|previously|initially|baseline\s+of|up\s+from|down\s+from)\s+(?:about\s+|around\s+|roughly\s+|over\s+|nearly\s+|almost\s+|~)?[$€£]?$",
    )
});
static BASELINE_AFTER: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(r"^\s*(?:before|previously|originally|earlier|at the start|beforehand)\b")
});
static AFTER_BEFORE: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:to|now|reached|hit|hitting|landed\s+at|landing\s+at|down\s+to|sits\s+at|is\s+at|stands\s+at|stayed\s+at|held\s+at|ended\s+at|ending\s+at|achieved)\s+(?:about\s+|around\s+|roughly\s+|under\s+|below\s+|over\s+|just\s+|~)?[$€£]?$",
    )
});
static AFTER_AFTER: LazyLock<Pattern> =
    LazyLock::new(|| pattern(r"^\s*(?:after|now|today|since|afterwards|these days)\b"));

/// The part a figure outside a pair plays, from the words right around it (back to the
/// previous figure, which ends at `previous_end`).
fn role(text: &str, clauses: &Clauses, figure: &Figure, previous_end: usize) -> Role {
    if figure.unit == Unit::Multiplier {
        return Role::Change;
    }
    let lead = &text[floor_boundary(text, figure.start.saturating_sub(48))..figure.start];
    let after = after(text, figure.end);
    if CHANGE_BEFORE.is_match(lead) || change_word_after(text, figure.end).is_some() {
        return Role::Change;
    }
    let subject = subject_before(text, clauses, figure.start, previous_end);
    if target_before(subject) || TARGET_AFTER.is_match(after) {
        return Role::Target;
    }
    if BASELINE_BEFORE.is_match(lead) || BASELINE_AFTER.is_match(after) {
        return Role::Baseline;
    }
    if AFTER_BEFORE.is_match(lead) || AFTER_AFTER.is_match(after) {
        return Role::After;
    }
    Role::Plain
}

/// Whether a target word governs the end of `subject`: the last one, with a few words and no
/// result word or clause mark after it. "Our p99 target of 200 ms" defines one whatever comes
/// before; "we hit our SLO: availability was 99.5%" names a target met, and the figure after
/// it is the result.
fn target_before(subject: &str) -> bool {
    let Some(word) = TARGET_WORD.find_iter(subject).last() else {
        return false;
    };
    let gap = &subject[word.end()..];
    if DEFINES.is_match(gap) {
        return true;
    }
    let lead: Vec<&str> = subject[..word.start()]
        .split_whitespace()
        .rev()
        .take(3)
        .collect();
    let claimed = lead.iter().any(|w| RESULT_WORD.is_match(w));
    !claimed && gap.split_whitespace().count() <= 5 && !RESULT_WORD.is_match(gap)
}

/// "of", "at", "set to": the figure after a target word is its value.
static DEFINES: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"^\s*(?:of|at|=|set\s+(?:at|to)|was\s+set\s+(?:at|to))\s+(?:(?:about|around|under|below|above|over|at\s+least|at\s+most|p\d+|\w+)\s+){0,2}?[$€£~]?$",
    )
});

/// Gives each latency figure the percentile the sentence ties to it. Two styles are read:
/// the percentile before its value ("p50 120 ms, p99 300 ms") and after it ("120 ms at p50
/// and 300 ms at p99"); a sentence that lists percentiles and then values ("p50 and p99 were
/// 120 and 300 ms") ties none, and its figures keep a latency without a percentile.
fn attach_percentiles(text: &str, figures: &mut [Figure]) {
    let tags = measure::percentiles(text);
    if tags.is_empty() {
        return;
    }
    let timed: Vec<usize> = (0..figures.len())
        .filter(|&i| matches!(figures[i].unit, Unit::Latency | Unit::Duration))
        .collect();
    if timed.is_empty() {
        return;
    }
    // Tags are in order: the first at or after a byte is found by bisection.
    let first_tag_from = |at: usize| tags.partition_point(|(start, _, _)| *start < at);
    let tag_right_after = |f: &Figure| {
        tags.get(first_tag_from(f.end)).filter(|(start, _, _)| {
            let gap = &text[f.end..*start];
            gap.split_whitespace().count() <= 2
                && !gap.contains(|c: char| c.is_ascii_digit() || matches!(c, ',' | ';'))
        })
    };
    let trailing = timed
        .iter()
        .all(|&i| tag_right_after(&figures[i]).is_some());
    for (position, &i) in timed.iter().enumerate() {
        let f = &figures[i];
        let previous_end = position.checked_sub(1).map_or(0, |p| figures[timed[p]].end);
        let tag = if trailing {
            tag_right_after(f).map(|t| t.2)
        } else {
            let from = first_tag_from(previous_end);
            let before: Vec<_> = tags[from..]
                .iter()
                .take_while(|(_, end, _)| *end <= f.start)
                .take(2)
                .collect();
            match before.as_slice() {
                [one] => Some(one.2),
                // "p50 and p99 were 120 and 300 ms": which is which is not said.
                [] | [_, _, ..] => None,
            }
        };
        let pair_after = i > 0 && figures[i].role == Role::After;
        match tag {
            Some(p) => figures[i].measure = Measure::Latency(Some(p)),
            // An after value shares its baseline's percentile ("p99 from 800 to 240 ms").
            None if pair_after => {}
            None => {
                if let Measure::Latency(Some(_)) = figures[i].measure {
                    figures[i].measure = Measure::Latency(None);
                }
            }
        }
    }
}

/// "by", "by about", "by over": what stands between a change verb and its figure.
static BY_HEDGED: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\bby\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+|some\s+|just\s+|~)?[$€£]?$",
    )
});

static CLAIM: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:(?P<down>reduc(?:e|ed|es|ing)|cut(?:s|ting)?|lower(?:ed|ing|s)?|decreas(?:e|ed|es|ing)|dropp(?:ed|ing)|drops?|fell|falls?|falling|shr[au]nk|shrink(?:s|ing)?|trimm(?:ed|ing)|slash(?:ed|ing)?|brought\s+down|went\s+down|came\s+down|declin(?:ed|ing)|shaved|sav(?:e|ed|es|ing)|minimi[sz](?:ed|ing))|(?P<up>increas(?:e|ed|es|ing)|grew|grow(?:s|ing)?|rais(?:e|ed|ing)|boost(?:ed|ing)?|rose|went\s+up|climb(?:ed|ing)|jump(?:ed|ing))|(?P<better>improv(?:e|ed|es|ing)|optimi[sz](?:e|ed|ing)|better)|(?P<faster>faster|quicker|sped\s+up|speed(?:ed)?\s+up|speeding\s+up|accelerat(?:e|ed|ing))|(?P<worse>worse|slower|degrad(?:e|ed|ing)|regress(?:ed|ing)?|worsen(?:ed|ing)?))\b",
    )
});

/// Words that end a claim's reach: a new clause about something else.
static CLAIM_BREAK: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:and|but|while|whereas|although|though|because|since|as|when|after|before|so|which|until|by|via|through|with|without|despite)\b|[;:—]",
    )
});

/// The claim a sentence makes about the figure that starts at `at`: the last claim word before
/// it, in its clause, with no other clause and no other number in between, not negated.
pub fn claim_before(text: &str, read: &Figures, at: usize) -> Option<(usize, Claim)> {
    let clause_start = read.clause_start(text, at);
    let head = &text[clause_start..at];
    let caps = CLAIM.captures_iter(head).last()?;
    let word = caps.get(0)?;
    let gap = &head[word.end()..];
    if gap.split_whitespace().count() > 6
        || CLAIM_BREAK.is_match(gap)
        || has_loose_number(gap)
        || super::super::text::negated_before(head, word.start())
    {
        return None;
    }
    let claim = if caps.name("down").is_some() {
        Claim::Down
    } else if caps.name("up").is_some() {
        Claim::Up
    } else if caps.name("better").is_some() {
        Claim::Better
    } else if caps.name("faster").is_some() {
        Claim::Faster
    } else {
        Claim::Worse
    };
    Some((clause_start + word.start(), claim))
}

/// The change figure a pair states about itself: "by 40%, from 320 ms to 185 ms", "from 320
/// to 185 ms, a 42% cut", "halved build time from 20 to 10 minutes". It stands next to the
/// pair in its clause, with only a few words between them and none that starts another
/// clause or another measure ("cut costs by 30% by moving from 12 to 4 clusters" links none).
fn linked_change(text: &str, read: &Figures, pair: Pair) -> Option<usize> {
    let (a, b) = (&read.figures[pair.before], &read.figures[pair.after]);
    let (start, end) = (a.start.min(b.start), a.end.max(b.end));
    // The pair's own words: "from" before its first value.
    let start = text[..start]
        .trim_end()
        .strip_suffix("from")
        .map_or(start, |head| head.len());
    let (first, last) = (pair.before.min(pair.after), pair.before.max(pair.after));
    // Only a neighbour can be linked: no other number may stand between.
    let neighbours = [first.checked_sub(1), Some(last + 1)];
    neighbours.into_iter().flatten().find(|&index| {
        let Some(f) = read.figures.get(index) else {
            return false;
        };
        if f.role != Role::Change || f.signed || !matches!(f.unit, Unit::Percent | Unit::Multiplier)
        {
            return false;
        }
        let gap = if f.end <= start {
            &text[f.end..start]
        } else if f.start >= end {
            &text[end..f.start]
        } else {
            return false;
        };
        // "from 320 to 185 ms, down by 42%": the "by" is the change's own.
        let gap = BY_HEDGED.find(gap).map_or(gap, |by| &gap[..by.start()]);
        let words = gap.split_whitespace().count();
        let same_measure = f.measure == Measure::Unknown || f.measure == a.measure;
        same_measure && words <= 4 && !has_loose_number(gap) && !LINK_BREAK.is_match(gap)
    })
}

/// Words between a change and a pair that make them two statements.
static LINK_BREAK: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:and|but|while|whereas|although|though|because|since|as|when|after|before|so|by|via|through|with|without|for|then|plus|also|while)\b|[;.]",
    )
});

/// Whether `text` holds a number standing on its own ("by 40% and"), not one inside a name
/// ("p99", "k8s").
fn has_loose_number(text: &str) -> bool {
    let mut previous = ' ';
    text.chars().any(|c| {
        let loose = c.is_ascii_digit() && !previous.is_alphabetic() && !previous.is_ascii_digit();
        previous = c;
        loose
    })
}

/// The claim a change figure states with its own words: "by 40%" after "cut", "40% fewer",
/// "3x faster", "halved".
pub fn claim_of_change(text: &str, read: &Figures, figure: &Figure) -> Option<Claim> {
    let body = text[figure.start..figure.end].to_lowercase();
    if body.contains("halved") {
        return Some(Claim::Down);
    }
    if ["doubled", "tripled", "quadrupled"]
        .iter()
        .any(|w| body.contains(w))
    {
        return Some(Claim::Up);
    }
    let word_after = change_word_after(text, figure.end).unwrap_or("");
    let in_body = body.split_whitespace().last().unwrap_or("");
    for word in [word_after, in_body] {
        let claim = match word {
            "reduction" | "decrease" | "drop" | "cut" | "saving" | "savings" | "fewer" | "less"
            | "lower" | "cheaper" | "smaller" | "shorter" | "decline" | "off" => Claim::Down,
            "increase" | "gain" | "growth" | "more" | "higher" | "bigger" | "longer" | "boost"
            | "jump" | "lift" | "rise" => Claim::Up,
            "improvement" | "better" => Claim::Better,
            "faster" | "quicker" | "speedup" | "speed-up" => Claim::Faster,
            "slower" | "worse" => Claim::Worse,
            _ => continue,
        };
        return Some(claim);
    }
    let lead_start = floor_boundary(text, figure.start.saturating_sub(48));
    let lead = text[lead_start..figure.start].to_lowercase();
    let trimmed = lead.trim_end_matches(|c: char| !c.is_alphabetic());
    if trimmed.ends_with("up") {
        return Some(Claim::Up);
    }
    if trimmed.ends_with("down") {
        return Some(Claim::Down);
    }
    // "cut p99 by 60%": the claim is the verb before "by".
    let at = match BY_HEDGED.find(&text[lead_start..figure.start]) {
        Some(by) => lead_start + by.start(),
        None => figure.start,
    };
    claim_before(text, read, at).map(|(_, claim)| claim)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<(String, Role)> {
        read(text)
            .figures
            .iter()
            .map(|f| (text[f.start..f.end].to_string(), f.role))
            .collect()
    }

    #[test]
    fn pairs_give_baseline_and_after_in_one_base() {
        let text = "p99 improved from 180 ms to 1.2 s.";
        let read = read(text);
        assert_eq!(read.pairs.len(), 1);
        let pair = read.pairs[0];
        let (before, after) = (&read.figures[pair.before], &read.figures[pair.after]);
        assert!((before.value - 0.18).abs() < 1e-9);
        assert!((after.value - 1.2).abs() < 1e-9);
        assert_eq!(before.role, Role::Baseline);
        assert_eq!(after.role, Role::After);
        assert_eq!(before.measure, Measure::Latency(Some(99.0)));
        assert_eq!(after.measure, Measure::Latency(Some(99.0)));
        assert_eq!(
            claim_before(text, &read, before.start).map(|c| c.1),
            Some(Claim::Better)
        );
    }

    #[test]
    fn a_bare_side_takes_the_other_sides_unit() {
        let read = read("MTTR went from 45 to 12 minutes.");
        let pair = read.pairs[0];
        assert_eq!(read.figures[pair.before].value, 2700.0);
        assert_eq!(read.figures[pair.after].value, 720.0);
        assert_eq!(read.figures[pair.before].measure, Measure::Duration);
    }

    #[test]
    fn roles_from_the_words_around() {
        assert_eq!(
            roles("I cut costs by 40% and saved $30k a month.")
                .iter()
                .map(|r| r.1)
                .collect::<Vec<_>>(),
            vec![Role::Change, Role::Change]
        );
        assert_eq!(
            roles("Our SLO target was 99.9% and we hit 99.95%.")
                .iter()
                .map(|r| r.1)
                .collect::<Vec<_>>(),
            vec![Role::Target, Role::After]
        );
        assert_eq!(roles("Error rate is 40% lower.")[0].1, Role::Change);
        assert_eq!(roles("Availability was 140%.")[0].1, Role::Plain);
    }

    #[test]
    fn words_ranges_and_hedges() {
        let read = read("It took two to three weeks, then ~45 min a day.");
        let weeks = &read.figures[0];
        assert_eq!(weeks.value, 3.0 * 604_800.0);
        assert_eq!(weeks.low, Some(2.0 * 604_800.0));
        let minutes = &read.figures[1];
        assert_eq!(minutes.hedge, Hedge::About);
        assert_eq!(minutes.per, Some(86_400.0));
        let spelled = super::read("I was on call twenty-five hours a day.");
        assert_eq!(spelled.figures[0].value, 25.0 * 3600.0);
        assert!(super::read("tens of services").figures.is_empty());
    }

    #[test]
    fn percentiles_before_or_after_their_values() {
        let measures =
            |text: &str| -> Vec<Measure> { read(text).figures.iter().map(|f| f.measure).collect() };
        assert_eq!(
            measures("p50 was 120 ms and p99 was 300 ms."),
            vec![Measure::Latency(Some(50.0)), Measure::Latency(Some(99.0))]
        );
        assert_eq!(
            measures("Latency was 120 ms at p50 and 300 ms at p99."),
            vec![Measure::Latency(Some(50.0)), Measure::Latency(Some(99.0))]
        );
        assert!(
            !measures("p50 and p99 latency were 120 ms and 300 ms.")
                .iter()
                .any(|m| matches!(m, Measure::Latency(Some(_))))
        );
    }

    #[test]
    fn claims_of_changes() {
        let text = "We cut p99 by 60%, from 200 ms to 150 ms.";
        let read = read(text);
        let change = read
            .figures
            .iter()
            .find(|f| f.role == Role::Change)
            .unwrap();
        assert_eq!(claim_of_change(text, &read, change), Some(Claim::Down));
        let text = "Builds are 3x faster.";
        let read = super::read(text);
        assert_eq!(
            claim_of_change(text, &read, &read.figures[0]),
            Some(Claim::Faster)
        );
        let text = "We did not reduce latency from 200 ms";
        assert!(claim_before(text, &super::read(text), 30).is_none());
    }

    #[test]
    fn signs_and_nines() {
        let read = read("Costs moved -40% while uptime held at five nines.");
        assert!(read.figures[0].signed);
        assert!(read.figures[1].nines);
        assert_eq!(read.figures[1].value, 5.0);
    }
}
