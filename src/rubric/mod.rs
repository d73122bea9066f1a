//! Rubrics: loaded from YAML once, validated, and compiled into matchers shared by all files.

pub mod builtin;
pub mod model;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use model::{CheckSpec, GradeBands, LengthTarget, RubricSpec, Scope};
use regex::{Regex, RegexBuilder};
use std::fmt;
use std::io::Read;
use std::path::Path;

use crate::signals::SignalId;

/// A rubric problem, located in its file where possible.
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
    SectionPresent,
    SpeakingTime,
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
}

/// Longest regex source accepted, and the compiled size cap: rubrics are shared files.
const MAX_PATTERN_CHARS: usize = 2_000;
const MAX_REGEX_BYTES: usize = 1 << 20;

/// Loads a rubric by built-in name or by path to a YAML file.
pub fn load(name_or_path: &str) -> Result<Rubric, RubricError> {
    if let Some(text) = builtin::text(name_or_path) {
        return from_yaml(text, &format!("<built-in {name_or_path}>"));
    }
    let path = Path::new(name_or_path);
    let looks_like_path = name_or_path.contains(['/', '\\', '.']);
    if !path.exists() && !looks_like_path {
        return Err(RubricError {
            path: name_or_path.to_string(),
            line: 0,
            column: 0,
            message: format!(
                "no such rubric; built-ins are: {}",
                builtin::names().collect::<Vec<_>>().join(", ")
            ),
        });
    }
    let fail = |message: String| RubricError {
        path: name_or_path.to_string(),
        line: 0,
        column: 0,
        message,
    };
    if path.is_dir() {
        return Err(fail("is a directory, not a rubric file".into()));
    }
    // Read at most one byte past the YAML limit: `--rubric /dev/zero` must not eat memory.
    let limit = crate::yaml::MAX_YAML_BYTES;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(limit as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| fail(format!("cannot read rubric: {e}")))?;
    if bytes.len() > limit {
        return Err(fail(format!("rubric is over the {limit}-byte limit")));
    }
    let text = String::from_utf8(bytes).map_err(|_| fail("rubric is not valid UTF-8".into()))?;
    from_yaml(&text, name_or_path)
}

/// Parses and compiles rubric YAML; `origin` names it in errors.
pub fn from_yaml(text: &str, origin: &str) -> Result<Rubric, RubricError> {
    let spec: RubricSpec = crate::yaml::parse(text).map_err(|e| RubricError {
        path: origin.to_string(),
        line: e.line,
        column: e.column,
        message: e.message,
    })?;
    compile(spec, text, origin)
}

/// Validates a parsed rubric and compiles its matchers.
pub fn compile(spec: RubricSpec, text: &str, origin: &str) -> Result<Rubric, RubricError> {
    let at = |needle: &str, message: String| {
        let (line, column) = locate(text, needle);
        RubricError {
            path: origin.to_string(),
            line,
            column,
            message,
        }
    };
    if spec.checks.is_empty() {
        return Err(at("checks", "a rubric needs at least one check".into()));
    }
    let mut checks = Vec::with_capacity(spec.checks.len());
    for (i, check) in spec.checks.iter().enumerate() {
        let id_at = |message: String| at(&format!("id: {}", check.id), message);
        if spec.checks[..i].iter().any(|c| c.id == check.id) {
            return Err(id_at(format!("duplicate check id `{}`", check.id)));
        }
        if check.points == 0 {
            return Err(id_at(format!("check `{}` is worth 0 points", check.id)));
        }
        let matcher =
            compile_matcher(check).map_err(|m| id_at(format!("check `{}`: {m}", check.id)))?;
        checks.push(Check {
            spec: check.clone(),
            matcher,
        });
    }
    let grades = spec.grades.unwrap_or_default();
    if !(grades.strong > grades.good && grades.good > grades.mixed && grades.strong <= 100) {
        return Err(at(
            "grades",
            "grade bands must satisfy 100 >= strong > good > mixed".into(),
        ));
    }
    let pass_score = spec.pass_score.unwrap_or(70);
    if pass_score > 100 {
        return Err(at(
            "pass-score",
            "pass-score must be between 0 and 100".into(),
        ));
    }
    let length = spec.length.unwrap_or_default();
    if length.min_seconds >= length.max_seconds || length.words_per_minute == 0 {
        return Err(at(
            "length",
            "length needs min-seconds < max-seconds and words-per-minute > 0".into(),
        ));
    }
    Ok(Rubric {
        spec,
        pass_score,
        grades,
        length,
        checks,
    })
}

fn compile_matcher(check: &CheckSpec) -> Result<Matcher, String> {
    let kinds = [
        check.signal.is_some(),
        check.keywords.is_some(),
        check.pattern.is_some(),
        check.section_present.is_some(),
        check.speaking_time.is_some(),
    ];
    if kinds.iter().filter(|k| **k).count() != 1 {
        return Err(
            "needs exactly one of signal, keywords, pattern, section-present, speaking-time".into(),
        );
    }
    if let (Some(least), Some(most)) = (check.at_least, check.at_most) {
        return Err(format!(
            "has both at-least ({least}) and at-most ({most}); use one"
        ));
    }
    if check.at_least == Some(0) {
        return Err("at-least: 0 always passes; remove the check or raise it".into());
    }
    if check.at_least.is_some_and(|n| n > 100) {
        return Err("at-least above 100 can never be met by one answer".into());
    }
    if let Some(signal) = check.signal {
        return Ok(Matcher::Signal(signal));
    }
    if let Some(keywords) = &check.keywords {
        if keywords.is_empty() || keywords.iter().any(|k| k.trim().is_empty()) {
            return Err("keywords must be a non-empty list of non-empty words".into());
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(keywords.iter().map(|k| k.trim().to_lowercase()))
            .map_err(|e| format!("keywords: {e}"))?;
        return Ok(Matcher::Keywords(matcher));
    }
    if let Some(pattern) = &check.pattern {
        if pattern.chars().count() > MAX_PATTERN_CHARS {
            return Err(format!("pattern is over {MAX_PATTERN_CHARS} characters"));
        }
        let regex = RegexBuilder::new(pattern)
            .case_insensitive(true)
            .size_limit(MAX_REGEX_BYTES)
            .build()
            .map_err(|e| {
                format!(
                    "bad pattern: {}",
                    e.to_string().lines().last().unwrap_or("")
                )
            })?;
        return Ok(Matcher::Pattern(regex));
    }
    if check.section_present == Some(true) {
        if check.section == Scope::Any {
            return Err("section-present needs a section".into());
        }
        return Ok(Matcher::SectionPresent);
    }
    if check.speaking_time == Some(true) {
        return Ok(Matcher::SpeakingTime);
    }
    Err("section-present and speaking-time only take `true`".into())
}

/// 1-based line and column of the first occurrence of `needle`, or (0, 0).
fn locate(text: &str, needle: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        if let Some(col) = line.find(needle) {
            return (i + 1, line[..col].chars().count() + 1);
        }
    }
    (0, 0)
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
        let bad = MINIMAL.replace("signal: metrics", "pattern: '(unclosed'");
        let err = from_yaml(&bad, "t.yaml").unwrap_err();
        assert!(err.message.contains("bad pattern"), "{err}");
        assert_eq!(err.line, 4);
    }

    #[test]
    fn unknown_signal_is_refused() {
        let err = from_yaml(&MINIMAL.replace("metrics", "vibes"), "t.yaml").unwrap_err();
        assert_eq!(err.line, 8, "{err}");
    }

    #[test]
    fn builtins_compile() {
        for name in builtin::names() {
            load(name).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}
