//! Detectors, the rubric picker, scoring and rendering over any text: no panic, scores in
//! 0..=100, evidence on real lines.
#![no_main]

use coach::report::render::Render;
use coach::report::{AnswerMeta, json::Json, table::Table};
use coach::rubric::{self, Rubric};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static RUBRICS: LazyLock<Vec<Rubric>> = LazyLock::new(|| {
    rubric::builtin::names()
        .map(|name| rubric::load(name).expect("built-in rubric"))
        .collect()
});

fuzz_target!(|text: &str| {
    let answer = coach::answer::parse(text);
    let lines = text.split('\n').count();
    let signals = coach::signals::detect(&answer);
    // The rubric picker reads the same text: a built-in, a probability, words on real lines.
    let asked = answer.question().map(coach::rubric::kind::Asked::Question);
    if let Some(pick) = coach::rubric::kind::pick(asked, &answer) {
        assert!(coach::rubric::kind::kinds().contains(&pick.rubric));
        assert!((0.0..=1.0).contains(&pick.probability), "{pick:?}");
        assert!(pick.words.iter().all(|(_, line)| line.is_none_or(|l| l >= 1 && l <= lines)));
    }
    for id in coach::signals::SignalId::ALL {
        for evidence in signals.evidence(id) {
            assert!(
                evidence.line >= 1 && evidence.line <= lines,
                "{id:?} {evidence:?}"
            );
        }
    }
    for rubric in RUBRICS.iter() {
        let file = coach::engine::score("fuzz.md", &answer, rubric);
        assert!(file.score <= 100);
        assert!(file.checks.iter().all(|c| c.points <= c.max_points));
        let meta = AnswerMeta {
            file: "fuzz.md".into(),
            story: None,
            title: None,
            start_line: 1,
            bar: rubric.pass_score,
            from_baseline: false,
            passed: file.score >= rubric.pass_score,
        };
        let mut out = Vec::new();
        Table::new(80).answer(&mut out, &file, &meta);
        Json::new().answer(&mut out, &file, &meta);
    }
});
