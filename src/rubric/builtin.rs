//! Rubrics shipped inside the binary.

use super::model::RubricSpec;
use std::sync::OnceLock;

/// (name, YAML) for every built-in rubric; the first is the default.
const BUILT_INS: &[(&str, &str)] = &[
    (
        "infra-leadership",
        include_str!("../../rubrics/infra-leadership.yaml"),
    ),
    ("star", include_str!("../../rubrics/star.yaml")),
    (
        "incident-response",
        include_str!("../../rubrics/incident-response.yaml"),
    ),
    ("conflict", include_str!("../../rubrics/conflict.yaml")),
    ("failure", include_str!("../../rubrics/failure.yaml")),
    ("influence", include_str!("../../rubrics/influence.yaml")),
    ("ambiguity", include_str!("../../rubrics/ambiguity.yaml")),
];

/// The rubric used when nothing names one.
pub const DEFAULT: &str = "infra-leadership";

pub fn text(name: &str) -> Option<&'static str> {
    BUILT_INS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

pub fn names() -> impl Iterator<Item = &'static str> {
    BUILT_INS.iter().map(|(n, _)| *n)
}

/// Every built-in's header as written (name, title, questions, story words), parsed once:
/// reading which kind of story an answer tells counts its `story-words:` (and training that
/// reading learns from its `questions:`) without loading (compiling) the rubrics themselves,
/// or parsing their checks.
pub fn specs() -> &'static [(&'static str, RubricSpec)] {
    static SPECS: OnceLock<Vec<(&'static str, RubricSpec)>> = OnceLock::new();
    SPECS.get_or_init(|| {
        BUILT_INS
            .iter()
            .filter_map(|(name, text)| Some((*name, crate::yaml::parse(header(text)).ok()?)))
            .collect()
    })
}

/// A built-in's text up to its top-level `checks:`, the part that says what it is for.
fn header(text: &str) -> &str {
    text.find("\nchecks:").map_or(text, |at| &text[..at + 1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::{Matcher, load};

    #[test]
    fn every_check_of_every_built_in_explains_itself() {
        for name in names() {
            let rubric = load(name).unwrap_or_else(|e| panic!("{e}"));
            for check in &rubric.checks {
                let spec = &check.spec;
                for (field, value) in [
                    ("why", &spec.why),
                    ("example-pass", &spec.example_pass),
                    ("example-fail", &spec.example_fail),
                ] {
                    assert!(
                        value.as_deref().is_some_and(|v| !v.trim().is_empty()),
                        "{name}: check {} has no {field}",
                        spec.id
                    );
                }
            }
        }
    }

    /// One grade scale: every built-in scores `star`'s general checks at `star`'s points, and
    /// its own criteria weigh at most a third of its total, so a kind's criteria adjust a
    /// shared scale instead of setting their own (and a wrong pick costs little).
    #[test]
    fn every_built_in_scores_the_general_checks_and_its_own_criteria_adjust_them() {
        let star = load("star").unwrap();
        let general = |id: &str| star.checks.iter().any(|c| c.spec.id == id);
        for name in names() {
            let rubric = load(name).unwrap();
            for check in star.checks.iter().filter(|c| !c.spec.is_penalty()) {
                let own = rubric.checks.iter().find(|c| c.spec.id == check.spec.id);
                assert!(
                    own.is_some_and(|c| c.spec.points == check.spec.points),
                    "{name}: {} is missing or weighs differently from star",
                    check.spec.id
                );
            }
            let scored: Vec<_> = rubric
                .checks
                .iter()
                .filter(|c| !c.spec.is_penalty())
                .collect();
            let total: u32 = scored.iter().map(|c| c.spec.points).sum();
            let own: u32 = scored
                .iter()
                .filter(|c| !general(&c.spec.id))
                .map(|c| c.spec.points)
                .sum();
            assert!(
                3 * own <= total,
                "{name}: its own criteria weigh {own} of {total}"
            );
        }
    }

    /// Picking a rubric reads each built-in's header, parsed without its checks.
    #[test]
    fn headers_hold_what_picking_a_rubric_reads() {
        for (name, spec) in specs() {
            let whole = load(name).unwrap();
            assert!(spec.checks.is_empty(), "{name}");
            assert_eq!(spec.title, whole.spec.title, "{name}");
            assert_eq!(spec.questions, whole.spec.questions, "{name}");
            assert_eq!(spec.story_words, whole.spec.story_words, "{name}");
        }
        assert_eq!(specs().len(), names().count());
    }

    #[test]
    fn built_ins_point_editors_at_the_schema_and_list_example_questions() {
        for name in names() {
            let text = text(name).unwrap();
            assert!(
                text.starts_with("# yaml-language-server: $schema=../schema/rubric.schema.json\n"),
                "{name} lacks the schema line"
            );
            assert!(!load(name).unwrap().spec.questions.is_empty(), "{name}");
        }
    }

    /// Each number and draft check's examples are its first test: the failing one is found,
    /// the passing one is not, and the check is a penalty listed after every other check.
    #[test]
    fn number_and_draft_examples_show_what_they_find() {
        use crate::signals::detect;
        for name in names() {
            let rubric = load(name).unwrap();
            let mut penalties_began = false;
            for check in &rubric.checks {
                let Matcher::Signal(id) = check.matcher else {
                    assert!(
                        !penalties_began,
                        "{name}: {} after the penalties",
                        check.id()
                    );
                    continue;
                };
                if !(id.is_number_check() || id.is_draft()) {
                    assert!(
                        !penalties_began,
                        "{name}: {} after the penalties",
                        check.id()
                    );
                    continue;
                }
                penalties_began = true;
                let spec = &check.spec;
                assert!(
                    spec.is_penalty() && spec.at_most == Some(0),
                    "{name}: {}",
                    spec.id
                );
                let found = |text: &str| -> Vec<crate::signals::Evidence> {
                    detect(&crate::answer::parse(text)).evidence(id).to_vec()
                };
                let fail = spec.example_fail.as_deref().unwrap_or("");
                let pass = spec.example_pass.as_deref().unwrap_or("");
                assert_eq!(found(fail).len(), 1, "{name}: {} on {fail:?}", spec.id);
                assert!(found(pass).is_empty(), "{name}: {} on {pass:?}", spec.id);
                let family = if id.is_draft() { "draft." } else { "numbers." };
                assert!(spec.id.starts_with(family), "{name}: {}", spec.id);
            }
            assert!(penalties_began, "{name} has no number or draft checks");
        }
    }

    /// Denying the fault is not owning it: "it wasn't really my fault" is the blame pitfall.
    #[test]
    fn owning_a_mistake_is_not_denying_it() {
        let rubric = load("failure").unwrap();
        let check = rubric
            .checks
            .iter()
            .find(|c| c.spec.id == "actions.owns-mistake")
            .expect("the failure rubric asks for the mistake");
        let Matcher::Terms(terms) = &check.matcher else {
            panic!("a terms check");
        };
        let owns = |text: &str| !terms.find(text).is_empty();
        for owned in [
            "It was my fault: I skipped the dry run.",
            "My mistake was trusting staging.",
        ] {
            assert!(owns(owned), "{owned}");
        }
        for denied in [
            "It wasn't really my fault, QA missed it.",
            "That was not my call.",
        ] {
            assert!(!owns(denied), "{denied}");
        }
    }

    /// A pattern or terms check's own examples are its first test: the passing one matches,
    /// the failing one does not (pitfalls, with `at-most`, the other way round).
    #[test]
    fn pattern_examples_match_their_patterns() {
        for name in names() {
            let rubric = load(name).unwrap();
            for check in &rubric.checks {
                let matches = |text: &str| match &check.matcher {
                    Matcher::Pattern(regex) => regex.is_match(text),
                    Matcher::Terms(terms) => !terms.find(text).is_empty(),
                    _ => unreachable!("only pattern and terms checks are read"),
                };
                if !matches!(check.matcher, Matcher::Pattern(_) | Matcher::Terms(_)) {
                    continue;
                }
                let spec = &check.spec;
                let (pass, fail) = (
                    spec.example_pass.as_deref().unwrap_or(""),
                    spec.example_fail.as_deref().unwrap_or(""),
                );
                let pitfall = spec.at_most.is_some();
                assert_eq!(
                    matches(pass),
                    !pitfall,
                    "{name}: {} on its passing example {pass:?}",
                    spec.id
                );
                assert_eq!(
                    matches(fail),
                    pitfall,
                    "{name}: {} on its failing example {fail:?}",
                    spec.id
                );
            }
        }
    }
}
