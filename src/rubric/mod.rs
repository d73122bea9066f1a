//! Rubrics: loaded from YAML once, validated, and compiled into matchers shared by all files.

pub mod builtin;
pub mod choice;
pub mod confine;
pub mod diagnostic;
pub mod kind;
pub mod locate;
pub mod model;
pub mod project;
pub mod resolve;
pub mod schema;
pub mod suppress;
pub mod terms;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use model::{CheckSpec, GradeBands, LengthTarget, RubricSpec, Scope, ShareRange, Shares};
use regex::{Regex, RegexBuilder};
use std::fmt;

use crate::answer::SectionName;
use crate::report::neutral::{is_hidden, visible};
use crate::signals::SignalId;

/// A problem in a YAML file a person wrote (a rubric or a `.coach.yaml`), located in it where
/// possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for RubricError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path, self.line, self.column, self.message
            )
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for RubricError {}

/// What a compiled check looks for.
#[derive(Debug, Clone)]
pub enum Matcher {
    Signal(SignalId),
    Keywords(AhoCorasick),
    Pattern(Regex),
    Terms(terms::Terms),
    SectionPresent,
    SpeakingTime,
    TimeBudget,
    Substance,
}

/// A check ready to run: its spec (for ids, titles and hints) and its matcher.
#[derive(Debug, Clone)]
pub struct Check {
    pub spec: CheckSpec,
    pub matcher: Matcher,
}

impl Check {
    pub fn id(&self) -> &str {
        &self.spec.id
    }

    pub fn scope(&self) -> Scope {
        self.spec.section
    }
}

/// A validated rubric with every matcher compiled. Build once per process, share by reference.
#[derive(Debug, Clone)]
pub struct Rubric {
    pub spec: RubricSpec,
    pub pass_score: u32,
    pub grades: GradeBands,
    pub length: LengthTarget,
    pub checks: Vec<Check>,
}

impl Rubric {
    pub fn name(&self) -> &str {
        &self.spec.name
    }

    pub fn check(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.id() == id)
    }

    /// A copy without the checks in `ids`, for one answer's disabled or ignored checks.
    pub fn without(&self, ids: &[String]) -> Rubric {
        let mut rubric = self.clone();
        rubric.checks.retain(|c| !ids.contains(&c.spec.id));
        rubric.spec.checks.retain(|c| !ids.contains(&c.id));
        rubric
    }

    /// The effective rubric as a spec with every default written out (`coach rubric show`).
    pub fn effective_spec(&self) -> RubricSpec {
        let mut spec = self.spec.clone();
        spec.pass_score = Some(self.pass_score);
        spec.grades = Some(self.grades);
        spec.length = Some(self.length);
        spec
    }
}

impl Check {
    /// One sentence on what the check looks for and when it passes, for `coach explain`.
    pub fn describe(&self) -> String {
        let spec = &self.spec;
        let section = serde_json::to_value(spec.section)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let place = match spec.section {
            Scope::Any => "anywhere in the answer".to_string(),
            _ => format!("in the {section} section"),
        };
        let what = match &self.matcher {
            Matcher::SectionPresent => {
                return format!(
                    "Passes when the answer has a {section} section, labelled or inferred."
                );
            }
            Matcher::SpeakingTime => {
                return "Scores the spoken length (words at the rubric's words-per-minute) against the rubric's length target; credit falls off outside it.".to_string();
            }
            Matcher::TimeBudget => {
                let whose = match spec.section {
                    Scope::Any => "each section's share".to_string(),
                    _ => format!("the {section} section's share"),
                };
                return format!(
                    "Scores {whose} of the spoken time against the rubric's length shares; every percentage point outside a target range costs 2% of the points."
                );
            }
            Matcher::Substance => {
                return format!(
                    "Scores the grade the answer's told words predict (a model learned from answers people graded): none at {:.1} or below, full points at {:.1} or above.",
                    crate::signals::substance::NONE_AT,
                    crate::signals::substance::FULL_AT
                );
            }
            Matcher::Signal(id) => format!(
                "evidence from the `{}` detector",
                id.key().replace('_', "-")
            ),
            Matcher::Keywords(_) => format!(
                "mentions of any of: {}",
                spec.keywords.as_deref().unwrap_or_default().join(", ")
            ),
            Matcher::Pattern(_) => format!(
                "matches of the pattern `{}`",
                spec.pattern.as_deref().unwrap_or_default()
            ),
            Matcher::Terms(_) => format!(
                "any form of the words of: {}",
                spec.terms.as_deref().unwrap_or_default().join(", ")
            ),
        };
        let partial = spec.partial.unwrap_or(true);
        match spec.at_most {
            Some(most) if spec.is_penalty() => {
                let allowed = if most == 0 {
                    "while none is found".to_string()
                } else {
                    format!("while {most} or fewer are found")
                };
                let each = if most == 0 { "found" } else { "over" };
                let cost = if partial {
                    format!("half its points for each one {each}, up to all of them")
                } else {
                    "all its points".to_string()
                };
                format!(
                    "Counts {what} {place}. A penalty: it adds nothing to the score {allowed}, and costs {cost}."
                )
            }
            Some(most) => format!(
                "Counts {what} {place}; passes with at most {most}{}.",
                if partial {
                    ", losing half the points for each one over"
                } else {
                    ""
                }
            ),
            None => {
                let least = spec.at_least.unwrap_or(1);
                format!(
                    "Counts {what} {place}; passes with at least {least}{}.",
                    if partial && least > 1 {
                        ", with partial credit for fewer"
                    } else {
                        ""
                    }
                )
            }
        }
    }
}

/// Longest regex source accepted, and the compiled size cap: rubrics are shared files.
const MAX_PATTERN_CHARS: usize = 2_000;
const MAX_REGEX_BYTES: usize = 1 << 20;

/// Loads a rubric by built-in name or by path to a YAML file, following `extends`.
pub fn load(name_or_path: &str) -> Result<Rubric, RubricError> {
    load_all_errors(name_or_path).map_err(first)
}

/// Like [`load`], but with every problem found (for `coach rubric check`).
pub fn load_all_errors(name_or_path: &str) -> Result<Rubric, Vec<RubricError>> {
    resolve::load(name_or_path, None, None)
}

/// Parses and compiles rubric YAML; `origin` names it in errors and relative `extends` paths
/// are taken from the current folder.
pub fn from_yaml(text: &str, origin: &str) -> Result<Rubric, RubricError> {
    resolve::from_text(text, &resolve::Origin::Named(origin.to_string())).map_err(first)
}

/// The first of several errors, for callers that report one.
pub fn first(mut errors: Vec<RubricError>) -> RubricError {
    if errors.is_empty() {
        RubricError {
            path: String::new(),
            line: 0,
            column: 0,
            message: "invalid rubric".into(),
        }
    } else {
        errors.swap_remove(0)
    }
}

/// Validates an effective rubric (no `extends` left) and compiles its matchers. Problems are
/// located in `text`, the file that defined the rubric; all of them are returned.
pub fn compile(spec: RubricSpec, text: &str, origin: &str) -> Result<Rubric, Vec<RubricError>> {
    let mut errors = Vec::new();
    let at = |place: locate::Place, message: String| {
        let (line, column) = place.find(text);
        RubricError {
            path: origin.to_string(),
            line,
            column,
            message,
        }
    };
    for (key, text) in [("name", &spec.name), ("title", &spec.title)] {
        if has_control(text) {
            errors.push(at(
                locate::Place::Key(key),
                format!("{key} holds a control character: {}", visible(text)),
            ));
        }
    }
    if spec.checks.is_empty() {
        errors.push(at(
            locate::Place::Key("checks"),
            "a rubric needs at least one check".into(),
        ));
    }
    let mut checks = Vec::with_capacity(spec.checks.len());
    for (i, check) in spec.checks.iter().enumerate() {
        let nth = spec.checks[..i].iter().filter(|c| c.id == check.id).count();
        let in_check = |key: &'static str| locate::Place::InCheck {
            id: &check.id,
            nth,
            key,
        };
        if check.id.trim().is_empty() {
            errors.push(at(in_check("id"), "check id is empty".into()));
        } else if !is_check_id(&check.id) {
            errors.push(at(
                in_check("id"),
                format!(
                    "check id {} is not lowercase words joined by `.`, `-` or `_` (like `results.before-after`)",
                    visible(&check.id)
                ),
            ));
        }
        let told = [
            ("title", Some(&check.title)),
            ("hint", Some(&check.hint)),
            ("why", check.why.as_ref()),
            ("example-pass", check.example_pass.as_ref()),
            ("example-fail", check.example_fail.as_ref()),
        ];
        for (key, text) in told.into_iter().filter_map(|(k, t)| t.map(|t| (k, t))) {
            if has_control(text) {
                errors.push(at(
                    in_check(key),
                    format!(
                        "check `{}`: {key} holds a control character: {}",
                        visible(&check.id),
                        visible(text)
                    ),
                ));
            }
        }
        if nth > 0 {
            errors.push(at(
                in_check("id"),
                format!("duplicate check id `{}`", check.id),
            ));
        }
        if check.points == 0 {
            errors.push(at(
                in_check("points"),
                format!("check `{}` is worth 0 points", check.id),
            ));
        }
        match compile_matcher(check) {
            Ok(matcher) => checks.push(Check {
                spec: check.clone(),
                matcher,
            }),
            Err((key, message)) => errors.push(at(
                in_check(key),
                format!("check `{}`: {message}", check.id),
            )),
        }
    }
    let grades = spec.grades.unwrap_or_default();
    if !(grades.strong > grades.good && grades.good > grades.mixed && grades.strong <= 100) {
        errors.push(at(
            locate::Place::Key("grades"),
            "grade bands must satisfy 100 >= strong > good > mixed".into(),
        ));
    }
    let pass_score = spec.pass_score.unwrap_or(70);
    if pass_score > 100 {
        errors.push(at(
            locate::Place::Key("pass-score"),
            "pass-score must be between 0 and 100".into(),
        ));
    }
    let length = spec.length.unwrap_or_default();
    if length.min_seconds >= length.max_seconds || length.words_per_minute == 0 {
        errors.push(at(
            locate::Place::Key("length"),
            "length needs min-seconds < max-seconds and words-per-minute > 0".into(),
        ));
    }
    if let Err(message) = check_shares(&length.shares) {
        errors.push(at(locate::Place::Key("length"), message));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Rubric {
        spec,
        pass_score,
        grades,
        length,
        checks,
    })
}

/// Share targets a spoken answer can meet: each range within 0–100 and in order, the lowest
/// shares together at most the whole answer and, when every section has a target, the
/// highest together at least the whole of it.
fn check_shares(shares: &Shares) -> Result<(), String> {
    let ranges: Vec<(SectionName, ShareRange)> = SectionName::ALL
        .into_iter()
        .filter_map(|name| shares.get(name).map(|range| (name, range)))
        .collect();
    for (name, range) in &ranges {
        if range.min > range.max || range.max > 100 {
            return Err(format!(
                "length shares: {name} needs 0 <= min <= max <= 100 (percent of the answer), not {}–{}",
                range.min, range.max
            ));
        }
    }
    let lowest: u32 = ranges.iter().map(|(_, r)| r.min).sum();
    if lowest > 100 {
        return Err(format!(
            "length shares: the minimum shares add up to {lowest}%, more than the whole answer"
        ));
    }
    let highest: u32 = ranges.iter().map(|(_, r)| r.max).sum();
    if ranges.len() == SectionName::ALL.len() && highest < 100 {
        return Err(format!(
            "length shares: the maximum shares add up to {highest}%, less than the whole answer"
        ));
    }
    Ok(())
}

/// A check id as docs/rubrics.md describes it: lowercase ASCII words of letters and digits
/// joined by `-` or `_`, in parts separated by `.` (`results.before-after`). Ids are shown in
/// every report and named in comments and configuration, so they stay plain.
pub fn is_check_id(id: &str) -> bool {
    id.split('.').all(|part| {
        part.bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    })
}

/// True when a one-line rubric string holds a control or other hidden character (a trailing
/// line feed, which YAML's folded style leaves, is allowed).
fn has_control(text: &str) -> bool {
    text.trim_end_matches('\n').chars().any(is_hidden)
}

/// Builds what a check looks for; on failure, the key to point at and what is wrong.
fn compile_matcher(check: &CheckSpec) -> Result<Matcher, (&'static str, String)> {
    let kinds = [
        check.signal.is_some(),
        check.keywords.is_some(),
        check.pattern.is_some(),
        check.terms.is_some(),
        check.section_present.is_some(),
        check.speaking_time.is_some(),
        check.time_budget.is_some(),
        check.substance.is_some(),
    ];
    if kinds.iter().filter(|k| **k).count() != 1 {
        return Err((
            "id",
            "needs exactly one of signal, keywords, pattern, terms, section-present, speaking-time, time-budget, substance"
                .into(),
        ));
    }
    if let (Some(least), Some(most)) = (check.at_least, check.at_most) {
        return Err((
            "at-most",
            format!("has both at-least ({least}) and at-most ({most}); use one"),
        ));
    }
    if check.at_least == Some(0) {
        return Err((
            "at-least",
            "at-least: 0 always passes; remove the check or raise it".into(),
        ));
    }
    if check.at_least.is_some_and(|n| n > 100) {
        return Err((
            "at-least",
            "at-least above 100 can never be met by one answer".into(),
        ));
    }
    let counts = check.signal.is_some()
        || check.keywords.is_some()
        || check.pattern.is_some()
        || check.terms.is_some();
    if !counts && (check.at_least.is_some() || check.at_most.is_some()) {
        let key = if check.at_least.is_some() {
            "at-least"
        } else {
            "at-most"
        };
        return Err((
            key,
            format!("{key} only applies to signal, keywords, pattern and terms checks"),
        ));
    }
    if check.is_penalty() && check.at_most.is_none() {
        return Err((
            "penalty",
            "penalty: true needs at-most (how many findings are allowed before it costs points)"
                .into(),
        ));
    }
    if let Some(signal) = check.signal {
        return Ok(Matcher::Signal(signal));
    }
    if let Some(keywords) = &check.keywords {
        if keywords.is_empty() || keywords.iter().any(|k| k.trim().is_empty()) {
            return Err((
                "keywords",
                "keywords must be a non-empty list of non-empty words".into(),
            ));
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(keywords.iter().map(|k| k.trim().to_lowercase()))
            .map_err(|e| ("keywords", format!("keywords: {e}")))?;
        return Ok(Matcher::Keywords(matcher));
    }
    if let Some(pattern) = &check.pattern {
        if pattern.chars().count() > MAX_PATTERN_CHARS {
            return Err((
                "pattern",
                format!("pattern is over {MAX_PATTERN_CHARS} characters"),
            ));
        }
        let regex = RegexBuilder::new(pattern)
            .case_insensitive(true)
            .size_limit(MAX_REGEX_BYTES)
            .build()
            .map_err(|e| {
                (
                    "pattern",
                    format!(
                        "bad pattern: {}",
                        e.to_string()
                            .lines()
                            .last()
                            .unwrap_or("")
                            .trim()
                            .trim_start_matches("error: ")
                    ),
                )
            })?;
        return Ok(Matcher::Pattern(regex));
    }
    if let Some(terms) = &check.terms {
        return terms::Terms::new(terms)
            .map(Matcher::Terms)
            .map_err(|e| ("terms", e));
    }
    if check.section_present == Some(true) {
        if check.section == Scope::Any {
            return Err(("section", "section-present needs a section".into()));
        }
        return Ok(Matcher::SectionPresent);
    }
    if check.speaking_time == Some(true) {
        return Ok(Matcher::SpeakingTime);
    }
    if check.time_budget == Some(true) {
        return Ok(Matcher::TimeBudget);
    }
    if check.substance == Some(true) {
        return Ok(Matcher::Substance);
    }
    let key = if check.section_present.is_some() {
        "section-present"
    } else if check.speaking_time.is_some() {
        "speaking-time"
    } else if check.time_budget.is_some() {
        "time-budget"
    } else {
        "substance"
    };
    Err((key, format!("{key} only takes `true`")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "name: t\ntitle: T\nchecks:\n  - id: a.one\n    title: One\n    points: 5\n    hint: do it\n    signal: metrics\n";

    #[test]
    fn minimal_rubric_compiles() {
        let rubric = from_yaml(MINIMAL, "t.yaml").unwrap();
        assert_eq!(rubric.checks.len(), 1);
        assert_eq!(rubric.pass_score, 70);
    }

    #[test]
    fn unknown_key_has_position() {
        let text = MINIMAL.replace("    hint: do it\n", "    hint: do it\n    colour: red\n");
        let err = from_yaml(&text, "t.yaml").unwrap_err();
        assert_eq!(err.line, 8, "{err}");
        assert!(err.to_string().starts_with("t.yaml:8:"), "{err}");
    }

    #[test]
    fn duplicate_id_and_bad_regex_are_located() {
        let twice = format!(
            "{MINIMAL}  - id: a.one\n    title: Again\n    points: 1\n    hint: h\n    signal: slo\n"
        );
        let err = from_yaml(&twice, "t.yaml").unwrap_err();
        assert!(err.message.contains("duplicate"), "{err}");
        assert_eq!(
            (err.line, err.column),
            (9, 5),
            "the second occurrence: {err}"
        );
        let bad = MINIMAL.replace("signal: metrics", "pattern: '(unclosed'");
        let err = from_yaml(&bad, "t.yaml").unwrap_err();
        assert!(err.message.contains("bad pattern"), "{err}");
        assert_eq!((err.line, err.column), (8, 5), "the pattern line: {err}");
    }

    #[test]
    fn unknown_signal_is_refused() {
        let err = from_yaml(&MINIMAL.replace("metrics", "vibes"), "t.yaml").unwrap_err();
        assert_eq!(err.line, 8, "{err}");
    }

    #[test]
    fn control_characters_and_odd_ids_are_refused() {
        for (from, to) in [
            ("id: a.one", "id: \"a.one\\n::error::x\""),
            ("id: a.one", "id: A One"),
            ("hint: do it", "hint: \"do \\e[2Jit\""),
            ("title: One", "title: \"One\\r\""),
            ("name: t", "name: \"t\\n##[error]\""),
            ("hint: do it", "hint: do it\n    why: \"a \\e]0;x\\a b\""),
            ("hint: do it", "hint: do it\n    example-fail: \"x\\ry\""),
        ] {
            let text = MINIMAL.replace(from, to);
            assert!(from_yaml(&text, "t.yaml").is_err(), "{to}");
        }
        let folded = MINIMAL.replace("hint: do it", "hint: >\n      do it\n");
        from_yaml(&folded, "t.yaml").unwrap_or_else(|e| panic!("{e}"));
        assert!(is_check_id("results.before-after") && is_check_id("x_1"));
        assert!(!is_check_id("results..x") && !is_check_id("-x") && !is_check_id("Résumé"));
    }

    #[test]
    fn builtins_compile() {
        for name in builtin::names() {
            load(name).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}
