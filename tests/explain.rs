//! `coach explain` answers for every check id `coach score` can report, with what it checks,
//! why it matters, the fix, and a passing and a failing example.

mod support;

use support::{coach, coach_in};

const BUILT_INS: [&str; 7] = [
    "infra-leadership",
    "star",
    "incident-response",
    "conflict",
    "failure",
    "influence",
    "ambiguity",
];

/// The check ids `coach score` reports for an answer under `rubric`.
fn reported_ids(rubric: &str) -> Vec<String> {
    let report = coach(&[
        "score",
        "tests/corpus/graded/g1-conflict-vague.md",
        "--rubric",
        rubric,
        "--format",
        "json",
    ])
    .json();
    report["files"][0]["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_reported_check_id_is_explained() {
    // One thread per rubric: each runs the binary once per id.
    std::thread::scope(|scope| {
        for rubric in BUILT_INS {
            scope.spawn(move || {
                let ids = reported_ids(rubric);
                assert!(ids.len() >= 10, "{rubric}: {ids:?}");
                for id in ids {
                    let run = coach(&["explain", &id, "--rubric", rubric]);
                    assert_eq!(run.code, 0, "{rubric} {id}");
                    let text = run.stdout;
                    assert!(text.starts_with(&format!("{id} — ")), "{text}");
                    for heading in [
                        "What it checks",
                        "Why it matters",
                        "How to fix",
                        "Passes",
                        "Fails",
                    ] {
                        assert!(
                            text.contains(heading),
                            "{rubric} {id}: no {heading}\n{text}"
                        );
                    }
                }
            });
        }
    });
}

#[test]
fn without_a_rubric_explain_searches_every_built_in() {
    let run = coach(&["explain", "pitfall.blame"]);
    assert_eq!(run.code, 0);
    let text = run.stdout;
    // incident-response and failure each define their own blame check.
    assert!(
        text.contains("incident-response") && text.contains("failure"),
        "{text}"
    );
    let run = coach(&["explain", "actions.their-interests"]);
    assert_eq!(run.code, 0);
    let text = run.stdout;
    assert!(text.contains("Rubric: influence"), "{text}");
    assert!(text.contains("Counts matches of the pattern"), "{text}");
}

#[test]
fn an_unknown_id_is_an_error() {
    assert_eq!(coach(&["explain", "results.no-such-check"]).code, 2);
}

#[test]
fn checks_of_rubrics_named_in_coach_yaml_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("team")).unwrap();
    std::fs::write(dir.path().join(".coach.yaml"), "rubric: team/custom.yaml\n").unwrap();
    std::fs::write(
        dir.path().join("team/custom.yaml"),
        "extends: star\nname: custom\ntitle: Custom\nchecks:\n  - id: actions.rfc\n    title: Wrote an RFC\n    keywords: [rfc, design doc]\n    points: 5\n    hint: Mention the design doc.\n    why: Writing it down shows the plan.\n",
    )
    .unwrap();
    let run = coach_in(dir.path(), &["explain", "actions.rfc"]);
    let text = run.stdout;
    assert_eq!(run.code, 0, "{text}");
    assert!(
        text.contains("Rubric: custom") && text.contains("rfc, design doc"),
        "{text}"
    );
}
