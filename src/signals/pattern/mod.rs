//! Detector patterns: built once per process, cheap to build and cheap to run over the many
//! short sentences of a bank.
//!
//! What made plain `regex::Regex` values slow here, and what each pattern does instead:
//! - Building them. Most of the time went on extracting prefix literals from long
//!   case-insensitive alternations for a prefilter that a sentence-long haystack hardly needs.
//!   Patterns here are built without one, and fold case for ASCII letters only ([`fold`]).
//! - Running them. A bounded gap such as `[^.;]{0,80}?` makes the lazy DFA track every position
//!   inside the gap at once, so each new sentence determinised fresh states. Each pattern with
//!   such gaps also gets a *relaxed* twin with the gaps unbounded, a superset that is cheap to
//!   run; the pattern as written is only built and run on the sentences its twin matches.
//!
//! The syntax is the `regex` crate's, and matches are the ones `regex::Regex` finds, except
//! that case-insensitive patterns ignore the case of ASCII letters only, and a negated class
//! counts the bytes of a character beyond ASCII, not the character (see [`fold`]).

mod fold;

use super::text::narrow_classes;
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::captures;
use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};
use std::sync::OnceLock;

/// Room for each pattern's lazy DFA. The default (2 MB) is too small for the long
/// case-insensitive patterns with bounded gaps: their caches filled, were cleared and rebuilt
/// over and over. The cache grows only as far as the text needs.
const DFA_CACHE_BYTES: usize = 32 << 20;

/// A repeat allowing more than this many copies is a gap worth relaxing. Short word counts
/// (`(?:\s+\w+){0,4}`) stay exact: relaxed, they match most sentences and save nothing.
const WIDE_REPEAT: u32 = 8;

/// A detector pattern that ignores the case of ASCII letters; see [`narrow_classes`] for what
/// its classes mean.
pub fn pattern(source: &str) -> Pattern {
    let compiled = compile(source);
    // Remembered once it compiles: a pattern a test expects to be refused stays out.
    #[cfg(test)]
    tests::remember(source);
    compiled
}

/// [`pattern`] without the test suite's record of detector patterns.
fn compile(source: &str) -> Pattern {
    Pattern::new(fold::ascii_case_insensitive(&parse(&narrow_classes(
        source,
    ))))
}

fn parse(source: &str) -> Hir {
    regex_syntax::Parser::new()
        .parse(source)
        .expect("built-in detector pattern")
}

/// A compiled detector pattern with the `regex` crate's search methods.
pub struct Pattern {
    hir: Hir,
    /// A superset of `exact` that is cheaper to run; `None` when there is nothing to relax.
    relaxed: OnceLock<Option<Regex>>,
    exact: OnceLock<Regex>,
}

impl Pattern {
    /// Compiles `source` as written (no flags added). Patterns are constants, so failure is a bug.
    pub fn build(source: &str) -> Pattern {
        Pattern::new(parse(source))
    }

    fn new(hir: Hir) -> Pattern {
        Pattern {
            hir,
            relaxed: OnceLock::new(),
            exact: OnceLock::new(),
        }
    }

    fn exact(&self) -> &Regex {
        self.exact.get_or_init(|| {
            builder(WhichCaptures::All)
                .build_from_hir(&self.hir)
                .expect("built-in detector pattern")
        })
    }

    fn relaxed(&self) -> Option<&Regex> {
        self.relaxed
            .get_or_init(|| {
                relax(&self.hir).map(|relaxed| {
                    builder(WhichCaptures::None)
                        .build_from_hir(&relaxed)
                        .expect("relaxed detector pattern")
                })
            })
            .as_ref()
    }

    /// The exact pattern, unless its relaxed twin already rules `haystack` out.
    fn exact_for(&self, haystack: &str) -> Option<&Regex> {
        match self.relaxed() {
            Some(relaxed) if !relaxed.is_match(haystack) => None,
            _ => Some(self.exact()),
        }
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.exact_for(haystack)
            .is_some_and(|exact| exact.is_match(haystack))
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        let found = self.exact_for(haystack)?.find(haystack)?;
        Some(Match::new(haystack, found.start(), found.end()))
    }

    pub fn find_iter<'p, 'h>(&'p self, haystack: &'h str) -> impl Iterator<Item = Match<'h>> + 'p
    where
        'h: 'p,
    {
        self.exact_for(haystack)
            .into_iter()
            .flat_map(move |exact| exact.find_iter(haystack))
            .map(move |found| Match::new(haystack, found.start(), found.end()))
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        let exact = self.exact_for(haystack)?;
        let mut groups = exact.create_captures();
        exact.captures(haystack, &mut groups);
        groups.is_match().then_some(Captures { haystack, groups })
    }

    pub fn captures_iter<'p, 'h>(
        &'p self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + 'p
    where
        'h: 'p,
    {
        self.exact_for(haystack)
            .into_iter()
            .flat_map(move |exact| exact.captures_iter(haystack))
            .map(move |groups| Captures { haystack, groups })
    }
}

fn builder(captures: WhichCaptures) -> meta::Builder {
    let mut builder = meta::Builder::new();
    builder.configure(
        meta::Config::new()
            .auto_prefilter(false)
            .which_captures(captures)
            .hybrid_cache_capacity(DFA_CACHE_BYTES),
    );
    builder
}

/// `hir` with every wide bounded repeat made unbounded, so that it matches everything `hir`
/// does; `None` when there is no such repeat. Unchanged subtrees are shared, not rebuilt.
fn relax(hir: &Hir) -> Option<Hir> {
    match hir.kind() {
        HirKind::Repetition(rep) => {
            let wide = rep.max.is_some_and(|max| max > WIDE_REPEAT);
            let sub = relax(&rep.sub);
            if !wide && sub.is_none() {
                return None;
            }
            Some(Hir::repetition(Repetition {
                min: rep.min,
                max: if wide { None } else { rep.max },
                greedy: rep.greedy,
                sub: Box::new(sub.unwrap_or_else(|| (*rep.sub).clone())),
            }))
        }
        HirKind::Capture(cap) => Some(Hir::capture(Capture {
            index: cap.index,
            name: cap.name.clone(),
            sub: Box::new(relax(&cap.sub)?),
        })),
        HirKind::Concat(subs) => relax_all(subs).map(Hir::concat),
        HirKind::Alternation(subs) => relax_all(subs).map(Hir::alternation),
        _ => None,
    }
}

/// The relaxed forms of `subs`, or `None` when none of them changes.
fn relax_all(subs: &[Hir]) -> Option<Vec<Hir>> {
    let relaxed: Vec<Option<Hir>> = subs.iter().map(relax).collect();
    if relaxed.iter().all(Option::is_none) {
        return None;
    }
    Some(
        relaxed
            .into_iter()
            .zip(subs)
            .map(|(relaxed, sub)| relaxed.unwrap_or_else(|| sub.clone()))
            .collect(),
    )
}

/// Where a pattern matched, and the text it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    /// A match widened to whole characters: a gap counts bytes (see `fold`), so one may stop
    /// inside a character.
    fn new(haystack: &'h str, start: usize, end: usize) -> Match<'h> {
        Match {
            haystack,
            start: haystack.floor_char_boundary(start),
            end: haystack.ceil_char_boundary(end),
        }
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn as_str(&self) -> &'h str {
        &self.haystack[self.start..self.end]
    }
}

/// The groups of one match, by index or by name.
pub struct Captures<'h> {
    haystack: &'h str,
    groups: captures::Captures,
}

impl<'h> Captures<'h> {
    pub fn get(&self, index: usize) -> Option<Match<'h>> {
        let span = self.groups.get_group(index)?;
        Some(Match::new(self.haystack, span.start, span.end))
    }

    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        let span = self.groups.get_group_by_name(name)?;
        Some(Match::new(self.haystack, span.start, span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Every source `pattern` has been given in this test process.
    static SOURCES: Mutex<Vec<String>> = Mutex::new(Vec::new());

    pub(super) fn remember(source: &str) {
        SOURCES.lock().unwrap().push(source.to_string());
    }

    /// The `regex` crate's reading of a detector pattern: `(?i)` folds Unicode case, which
    /// differs from ours only on characters that fold into ASCII letters (the Kelvin and
    /// Ångström signs, the long s); texts with those are left out of the comparisons.
    fn theirs(source: &str) -> regex::Regex {
        regex::Regex::new(&format!("(?i){}", narrow_classes(source))).unwrap()
    }

    fn folds_into_ascii(text: &str) -> bool {
        text.contains(['\u{212A}', '\u{212B}', '\u{17F}'])
    }

    fn assert_same(ours: &Pattern, theirs: &regex::Regex, text: &str, source: &str) {
        let expected: Vec<_> = theirs.find_iter(text).map(|m| m.range()).collect();
        let found: Vec<_> = ours.find_iter(text).map(|m| m.start()..m.end()).collect();
        assert_eq!(found, expected, "{source} on {text:?}");
        assert_eq!(
            ours.is_match(text),
            theirs.is_match(text),
            "{source} on {text:?}"
        );
        let ours_groups: Option<Vec<_>> = ours.captures(text).map(|c| {
            (0..theirs.captures_len())
                .map(|i| c.get(i).map(|m| m.start()..m.end()))
                .collect()
        });
        let their_groups: Option<Vec<_>> = theirs
            .captures(text)
            .map(|c| c.iter().map(|m| m.map(|m| m.range())).collect());
        assert_eq!(ours_groups, their_groups, "{source} on {text:?}");
    }

    fn assert_all_same(sources: &[impl AsRef<str>], texts: &[String]) {
        for source in sources {
            let source = source.as_ref();
            let (ours, theirs) = (pattern(source), theirs(source));
            for text in texts {
                assert_same(&ours, &theirs, text, source);
            }
        }
    }

    /// Every detector pattern finds what the `regex` crate finds, on every line and sentence
    /// of the corpus and the samples.
    #[test]
    fn every_detector_pattern_agrees_with_the_regex_crate_on_the_corpus() {
        let texts: Vec<String> = crate::answer::corpus_texts()
            .into_iter()
            .filter(|text| !folds_into_ascii(text))
            .collect();
        for text in texts.iter().step_by(7) {
            crate::signals::detect(&crate::answer::parse(text));
        }
        let mut sources = SOURCES.lock().unwrap().clone();
        sources.sort();
        sources.dedup();
        assert!(sources.len() >= 40, "only {} patterns seen", sources.len());
        assert_all_same(&sources, &texts);
    }

    #[test]
    fn case_is_ignored_for_ascii_letters_only() {
        let word = pattern(r"\bkelvin\b");
        assert!(word.is_match("KELVIN") && word.is_match("KeLvIn"));
        assert!(
            !word.is_match("\u{212A}elvin"),
            "the Kelvin sign is not a k"
        );
        let class = pattern(r"\b[a-c]x\b");
        assert!(class.is_match("Bx") && class.is_match("bX"));
        assert!(!pattern(r"[0-9]").is_match("Ab"));
        // Accented letters in a word class match in either case.
        assert!(pattern(r"\bzo\w").is_match("ZOË"));
        assert!(pattern(r"\bzo\w").is_match("zoë"));
        // A case-sensitive pattern stays case-sensitive.
        assert!(!Pattern::build("I did").is_match("i did"));
    }

    #[test]
    fn gaps_are_relaxed_and_the_exact_pattern_still_decides() {
        let gap = pattern(r"\bchose\b[^.;]{1,10}\bover\b");
        assert!(gap.relaxed().is_some());
        assert!(gap.is_match("We chose Kafka over SQS."));
        // The relaxed twin matches this; the pattern as written does not.
        assert!(!gap.is_match("We chose a managed queue service over SQS."));
        assert_eq!(
            gap.find("so we chose Kafka over SQS").map(|m| m.as_str()),
            Some("chose Kafka over")
        );
    }

    /// The relaxed twin only ever skips work: matches are the ones `regex::Regex` finds.
    #[test]
    fn matches_agree_with_the_regex_crate() {
        let sources = [
            r"\b(?:i|we)\b[^.;]{0,80}?\b(?:rather than|instead of)\b",
            r"\b(?:cut|reduced)\b[^.;]{0,40}?\bby\s+\d[\d,.]*\s?(?:%|ms)",
            r"(?P<a>\d+)\s?ms[^.]{0,30}?\bto\s+(?P<b>\d+)\s?ms",
            r"\bwent \w+ (?:rather than|instead of)\b|\bweighed\b[^.;]{1,40}\b(?:against|versus)\b",
        ];
        let mut haystacks: Vec<String> = [
            "We chose Kafka rather than SQS because I wanted replay.",
            "I cut p95 latency by 40% and reduced cost by 12 ms per call.",
            "p95 went from 900 ms, after a long and winding and quite frankly exhausting migration, to 120 ms.",
            "I weighed buying a vendor tool against building our own; we went custom rather than buy.",
            "Í wéighed ñothing; we WENT big INSTEAD OF small.",
            "",
        ]
        .map(String::from)
        .to_vec();
        let long_gap = format!("we {} rather than", "x".repeat(79));
        let too_long = format!("we {} rather than", "x".repeat(90));
        haystacks.extend([long_gap, too_long]);
        assert_all_same(&sources, &haystacks);
    }

    #[test]
    fn a_gap_counts_bytes_and_a_match_keeps_whole_characters() {
        let gap = pattern(r"\bfix\b[^.]{0,4}\bnow\b");
        assert!(gap.is_match("fix it now"));
        // "éé" is four bytes, one space more is too many for the gap.
        assert!(!gap.is_match("fix éé now"));
        assert!(gap.is_match("fix é now"));
        // Three bytes of "éé" end inside the second character: the match takes all of it.
        // Counting bytes is where this engine and the `regex` crate part ways by design, so
        // the pattern stays out of the corpus comparison with it.
        let tail = compile(r"x[^.]{0,3}");
        assert_eq!(tail.find("xéé.").map(|m| m.as_str()), Some("xéé"));
        assert_eq!(tail.find_iter("xéé xé").count(), 2);
    }

    #[test]
    fn patterns_without_gaps_have_no_relaxed_twin() {
        let plain = pattern(r"\bcanary\b");
        assert!(plain.relaxed().is_none());
        assert!(plain.is_match("a CANARY release"));
        assert!(!plain.is_match("canaryfoo"));
    }

    #[test]
    fn captures_by_name_and_index() {
        let p = pattern(r"from (?P<a>\d+) to (?P<b>\d+)");
        let caps = p.captures("cut from 40 to 12 minutes").expect("match");
        assert_eq!(caps.name("a").map(|m| m.as_str()), Some("40"));
        assert_eq!(caps.get(2).map(|m| m.as_str()), Some("12"));
        assert_eq!(caps.get(0).map(|m| m.start()), Some(4));
        assert!(caps.name("c").is_none());
        let all: Vec<_> = p
            .captures_iter("from 1 to 2, then from 3 to 4")
            .filter_map(|c| c.name("b").map(|m| m.as_str()))
            .collect();
        assert_eq!(all, ["2", "4"]);
        assert_eq!(p.find_iter("from 1 to 2 and from 5 to 6").count(), 2);
    }
}
