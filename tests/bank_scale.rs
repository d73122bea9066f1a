//! A bank of 1,000 generated answers: the same bytes out at any thread count.

#[allow(dead_code)]
#[path = "../examples/gen_bank.rs"]
mod gen_bank;

mod support;

use std::collections::BTreeSet;
use std::path::Path;
use support::Run;

fn score(dir: &Path, threads: &str) -> Run {
    let mut command = support::command(dir);
    command
        .args(["score", ".", "--format", "json", "--threads", threads])
        .env_remove("RAYON_NUM_THREADS");
    let run = support::run(&mut command, None);
    assert_eq!(run.code, 1, "{}", run.stderr);
    run
}

#[test]
fn a_thousand_answers_score_the_same_at_one_and_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    gen_bank::generate(7, 1000, dir.path()).unwrap();

    let one = score(dir.path(), "1");
    let two = score(dir.path(), "2");
    assert!(
        one.stdout == two.stdout,
        "output differs between 1 and 2 threads"
    );

    let report = one.json();
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 1000);
    assert!(report["errors"].as_array().unwrap().is_empty());
    // Prep docs with two stories are among them, and scores spread from weak to strong (the
    // generator writes whole answers and bare ones, so few land in between).
    assert!(
        files
            .iter()
            .any(|f| f["path"].as_str().unwrap().contains('#'))
    );
    let grades: BTreeSet<&str> = files.iter().map(|f| f["grade"].as_str().unwrap()).collect();
    assert!(
        grades.len() >= 3 && grades.contains("weak") && grades.contains("strong"),
        "{grades:?}"
    );
}

#[test]
fn the_generator_is_deterministic_and_its_answers_distinct() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let files = gen_bank::generate(11, 200, a.path()).unwrap();
    gen_bank::generate(11, 200, b.path()).unwrap();
    let mut seen = BTreeSet::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let twin = std::fs::read_to_string(b.path().join(path.file_name().unwrap())).unwrap();
        assert_eq!(text, twin);
        assert!(seen.insert(text), "duplicate answer in {}", path.display());
    }
}
