//! Scoring answer banks: inputs, stories, output formats, exit codes and baselines.
//! The binary runs inside `tests/fixtures/bank` so every path in the output is relative.

mod support;

use std::path::{Path, PathBuf};
use support::Run;

fn bank() -> PathBuf {
    support::root().join("tests/fixtures/bank")
}

/// Runs `coach` in `dir` with a fixed table width; standard input is a pipe carrying `stdin`,
/// empty when `None`.
fn coach_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut command = support::command(dir);
    command
        .args(args)
        .env("COLUMNS", "100")
        .env_remove("RAYON_NUM_THREADS");
    support::run(&mut command, Some(stdin.unwrap_or("")))
}

fn coach(args: &[&str]) -> Run {
    coach_in(&bank(), args, None)
}

fn score_bank(format: &str) -> Run {
    coach(&["score", ".", "--format", format])
}

// --- one snapshot per format ---------------------------------------------------------------

#[test]
fn table_format_snapshot() {
    let run = score_bank("table");
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!("table", run.stdout);
}

#[test]
fn summary_format_snapshot() {
    insta::assert_snapshot!("summary", score_bank("summary").stdout);
}

#[test]
fn json_format_snapshot() {
    insta::assert_snapshot!("json", score_bank("json").stdout);
}

#[test]
fn json_lines_format_snapshot() {
    insta::assert_snapshot!("json_lines", score_bank("json-lines").stdout);
}

#[test]
fn sarif_format_snapshot() {
    insta::assert_snapshot!("sarif", score_bank("sarif").stdout);
}

#[test]
fn github_format_snapshot() {
    insta::assert_snapshot!("github", score_bank("github").stdout);
}

#[test]
fn junit_format_snapshot() {
    insta::assert_snapshot!("junit", score_bank("junit").stdout);
}

// --- SARIF as code scanning reads it --------------------------------------------------------

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let text = std::fs::read_to_string(bank().join("../sarif-schema-2.1.0.json")).unwrap();
    // The published schema's pattern for `run.language` has a stray `]` that strict regex
    // engines refuse; coach never writes that property, so its intended form is used here.
    let text = text.replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
    );
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let sarif = score_bank("sarif").json();
    let problems: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    // And the check has teeth: a level SARIF does not know is refused.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = "warn".into();
    assert!(!validator.is_valid(&broken));

    // The schema accepts a lot; code scanning needs these in particular.
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(!rules.is_empty());
    for rule in rules {
        for key in ["id", "shortDescription", "fullDescription", "help"] {
            assert!(!rule[key].is_null(), "rule without {key}: {rule}");
        }
    }
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.starts_with('/') && !uri.contains('#'), "{uri}");
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
    }
    // A result inside the second story points into that story's lines of prep.md.
    let in_story = results
        .iter()
        .find(|r| {
            r["properties"]["answer"] == "prep.md#conflict-with-a-product-manager"
                && r["ruleId"] == "results.resolution"
        })
        .unwrap();
    let line = in_story["locations"][0]["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .unwrap() as usize;
    let text = std::fs::read_to_string(bank().join("prep.md")).unwrap();
    assert!(text.lines().nth(line - 1).unwrap().starts_with("R: "));
}

// --- several stories in one file -------------------------------------------------------------

#[test]
fn a_prep_doc_is_scored_story_by_story_with_file_line_numbers() {
    let run = coach(&["score", "prep.md", "--format", "json-lines"]);
    let answers: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let paths: Vec<&str> = answers
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "prep.md#postgres-fleet-upgrade",
            "prep.md#conflict-with-a-product-manager"
        ]
    );
    let text = std::fs::read_to_string(bank().join("prep.md")).unwrap();
    let line_of = |prefix: &str| text.lines().position(|l| l.starts_with(prefix)).unwrap() + 1;
    let sections = &answers[1]["sections"];
    assert_eq!(sections[0]["name"], "situation");
    assert_eq!(sections[0]["start_line"], line_of("S: A product manager"));
    assert_eq!(
        answers[0]["sections"][0]["start_line"],
        line_of("**Situation:**")
    );
    // The two stories are judged apart: neither borrows the other's evidence.
    assert_ne!(answers[0]["score"], answers[1]["score"]);
}

// --- inputs ------------------------------------------------------------------------------------

#[test]
fn folders_globs_and_stdin_mix_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("bank/drafts")).unwrap();
    std::fs::create_dir_all(root.join("more")).unwrap();
    let strong = std::fs::read_to_string(bank().join("strong.md")).unwrap();
    let weak = std::fs::read_to_string(bank().join("weak.md")).unwrap();
    std::fs::write(root.join("bank/a.md"), &strong).unwrap();
    std::fs::write(root.join("bank/notes.txt"), &weak).unwrap();
    std::fs::write(root.join("bank/drafts/b.md"), &weak).unwrap();
    std::fs::write(root.join("bank/.gitignore"), "drafts/\n").unwrap();
    std::fs::write(root.join("more/c.md"), &weak).unwrap();
    let run = coach_in(
        root,
        &["score", "bank", "more/*.md", "-", "--format", "json-lines"],
        Some(&weak),
    );
    let paths: Vec<String> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["path"].to_string())
        .collect();
    assert_eq!(
        paths,
        ["\"-\"", "\"bank/a.md\"", "\"more/c.md\""],
        "{}",
        run.stderr
    );

    let run = coach_in(
        root,
        &[
            "score",
            "bank",
            "--extension",
            "txt",
            "--format",
            "json-lines",
        ],
        None,
    );
    assert!(run.stdout.contains("\"path\":\"bank/notes.txt\""));
    assert!(!run.stdout.contains("bank/a.md"));
}

#[test]
fn a_glob_that_matches_nothing_is_an_error() {
    let run = coach(&["score", "nothing/*.md", "strong.md"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no file matches"), "{}", run.stderr);
}

// --- exit codes, quiet, threshold -----------------------------------------------------------

#[test]
fn exit_codes_follow_the_design() {
    assert_eq!(coach(&["score", "strong.md"]).code, 0);
    assert_eq!(coach(&["score", "weak.md"]).code, 1);
    assert_eq!(coach(&["score", "weak.md", "--exit-zero"]).code, 0);
    assert_eq!(coach(&["score", "weak.md", "--min-score", "0"]).code, 0);
    let run = coach(&["score", "missing.md", "strong.md", "--format", "json"]);
    assert_eq!(run.code, 2);
    // The error is reported and the other file is still scored.
    let json = run.json();
    assert_eq!(json["files"][0]["path"], "strong.md");
    assert_eq!(json["errors"][0]["path"], "missing.md");
    assert_eq!(
        coach(&["score", "missing.md", "--exit-zero"]).code,
        2,
        "--exit-zero does not hide errors"
    );
}

#[test]
fn quiet_shows_only_failing_answers_but_counts_all() {
    let run = coach(&["score", ".", "--quiet"]);
    assert!(!run.stdout.contains("strong.md"), "{}", run.stdout);
    assert!(run.stdout.contains("weak.md  ·  rubric"));
    assert!(
        run.stdout
            .contains("4 answers in 3 files: 2 passed, 2 failed, mean score")
    );
}

// --- baselines ----------------------------------------------------------------------------------

#[test]
fn a_baseline_fails_only_answers_that_got_worse() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let strong = std::fs::read_to_string(bank().join("strong.md")).unwrap();
    let weak = std::fs::read_to_string(bank().join("weak.md")).unwrap();
    std::fs::write(root.join("old.md"), &weak).unwrap();
    std::fs::write(root.join("good.md"), &strong).unwrap();

    // Recording accepts today's scores, even failing ones.
    let run = coach_in(
        root,
        &["score", ".", "--write-baseline", "coach-baseline.json"],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("coach-baseline.json")).unwrap())
            .unwrap();
    assert!(recorded["scores"]["old.md"].as_u64().unwrap() < 70);

    // The weak answer is below 70 but no worse than recorded: it passes.
    let with_baseline = ["score", ".", "--baseline", "coach-baseline.json"];
    assert_eq!(coach_in(root, &with_baseline, None).code, 0);

    // The strong answer loses its results: worse than recorded, so it fails.
    let cut = strong.split("**Result:**").next().unwrap();
    std::fs::write(root.join("good.md"), cut).unwrap();
    let run = coach_in(root, &with_baseline, None);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("FAIL (< baseline"), "{}", run.stdout);

    // Checking against the old baseline while recording a new one still gates.
    let mut both = with_baseline.to_vec();
    both.extend(["--write-baseline", "next.json"]);
    assert_eq!(coach_in(root, &both, None).code, 1);
    let next = std::fs::read_to_string(root.join("next.json")).unwrap();
    let next: serde_json::Value = serde_json::from_str(&next).unwrap();
    assert!(next["scores"]["good.md"].as_u64() < recorded["scores"]["good.md"].as_u64());

    // A new answer is judged by the threshold.
    std::fs::write(root.join("good.md"), &strong).unwrap();
    std::fs::write(root.join("new.md"), &weak).unwrap();
    let run = coach_in(root, &with_baseline, Some(""));
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("new.md"));
}

#[test]
fn a_broken_baseline_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.json"), "{\"files\": []}").unwrap();
    let run = coach(&[
        "score",
        "strong.md",
        "--baseline",
        dir.path().join("b.json").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a coach baseline"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_baseline_is_replaced_whole_and_only_when_it_can_be() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::copy(bank().join("weak.md"), root.join("weak.md")).unwrap();
    let record = ["score", ".", "--write-baseline", "b.json"];
    assert_eq!(coach_in(root, &record, None).code, 0);
    let recorded = std::fs::read_to_string(root.join("b.json")).unwrap();

    // Checked against and recorded again in place: the same scores, nothing left beside it.
    let update = [
        "score",
        ".",
        "--baseline",
        "b.json",
        "--write-baseline",
        "b.json",
    ];
    let run = coach_in(root, &update, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(root.join("b.json")).unwrap(),
        recorded
    );
    let mut names: Vec<_> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["b.json", "weak.md"]);

    // A directory cannot be a baseline: the run stops before any output.
    std::fs::create_dir(root.join("dir")).unwrap();
    let run = coach_in(root, &["score", "weak.md", "--write-baseline", "dir"], None);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains("dir: cannot write the baseline"),
        "{}",
        run.stderr
    );
}
