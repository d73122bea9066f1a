//! The rubric loader over any text: a rubric or a located error, never a panic or a blow-up;
//! a rubric that loads can score an answer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static ANSWER: LazyLock<coach::answer::Answer> = LazyLock::new(|| {
    coach::answer::parse(
        "Situation: p95 was 320 ms.\nTask: I owned the fix.\nActions: I added a canary.\nResults: p95 fell to 180 ms.\nLearning: test earlier.\n",
    )
});

fuzz_target!(|text: &str| {
    if let Ok(rubric) = coach::rubric::from_yaml(text, "fuzz.yaml") {
        let file = coach::engine::score("fuzz.md", &ANSWER, &rubric);
        assert!(file.score <= 100);
    }
});
