//! Detectors, scoring and rendering over any text: no panic, scores in 0..=100, evidence on
//! real lines.
#![no_main]

use coach::report::{RunReport, json, table};
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
        let report = RunReport {
            files: vec![file],
            errors: Vec::new(),
        };
        let _ = table::render(&report, 80);
        let _ = json::render(&report);
    }
});
