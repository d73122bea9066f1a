//! End-to-end tests: drive the `coach` binary on the samples and on broken inputs.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::Run;

/// `coach` in the project root, with no terminal width set.
fn coach() -> Command {
    let mut command = support::command(support::root());
    command.env_remove("COLUMNS");
    command
}

fn run(args: &[&str]) -> Run {
    support::run(coach().args(args), None)
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["score", "--format", "json"];
    all.extend_from_slice(args);
    run(&all).json()
}

fn score_of(path: &Path) -> (u64, String) {
    let value = json(&[path.to_str().unwrap()]);
    let file = &value["files"][0];
    (
        file["score"].as_u64().unwrap(),
        file["grade"].as_str().unwrap().to_string(),
    )
}

fn samples() -> Vec<PathBuf> {
    let root = support::root();
    // Relative paths, so snapshots do not depend on where the project is checked out.
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("samples"))
        .unwrap()
        .map(|e| Path::new("samples").join(e.unwrap().file_name()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    paths
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn strong_sample_is_strong() {
    let (score, grade) = score_of(Path::new("samples/strong-queue-migration.md"));
    assert!(score >= 90, "strong sample scored {score}");
    assert_eq!(grade, "strong");
}

#[test]
fn weak_samples_score_below_50_and_every_gap_is_located_with_a_fix() {
    for path in samples()
        .iter()
        .filter(|p| p.to_string_lossy().contains("weak-"))
    {
        let value = json(&[path.to_str().unwrap()]);
        let file = &value["files"][0];
        let score = file["score"].as_u64().unwrap();
        assert!(score < 50, "{} scored {score}", path.display());
        for check in file["checks"].as_array().unwrap() {
            if check["points"] == check["max_points"] {
                continue;
            }
            let located =
                check["line"].is_u64() || check["message"].as_str().unwrap().contains("section");
            assert!(
                located,
                "{}: {} has no line: {check}",
                path.display(),
                check["id"]
            );
            assert!(!check["hint"].as_str().unwrap().is_empty());
        }
    }
}

/// The guide's own sample answer, when the shared folder is beside the project.
#[test]
fn seed_sample_answer_is_strong() {
    let seed = support::root().join("../shared/seed/000_9d8aab660710daa4.txt");
    let Ok(text) = std::fs::read_to_string(&seed) else {
        eprintln!("skipped: {} is not present", seed.display());
        return;
    };
    let start = text.find("Situation: Our critical").expect("sample start");
    let end_marker = "Reflection: Next time";
    let end = text[start..].find(end_marker).expect("sample end") + start;
    let end = text[end..].find('\n').map_or(text.len(), |n| end + n);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "seed.md", &text[start..end]);
    let (score, grade) = score_of(&path);
    assert!(score >= 90, "seed sample scored {score}");
    assert_eq!(grade, "strong");
}

#[test]
fn removing_results_or_numbers_costs_at_least_20_points() {
    let strong = std::fs::read_to_string("samples/strong-queue-migration.md").unwrap();
    let (full, _) = score_of(Path::new("samples/strong-queue-migration.md"));
    let dir = tempfile::tempdir().unwrap();

    let results = strong.find("## Results").unwrap();
    let reflection = strong.find("## Reflection").unwrap();
    let no_results = format!("{}{}", &strong[..results], &strong[reflection..]);
    let (without_results, _) = score_of(&write(dir.path(), "no-results.md", &no_results));
    assert!(
        full >= without_results + 20,
        "results removed: {full} -> {without_results}"
    );

    let no_numbers: String = strong.chars().filter(|c| !c.is_ascii_digit()).collect();
    let (without_numbers, _) = score_of(&write(dir.path(), "no-numbers.md", &no_numbers));
    assert!(
        full >= without_numbers + 20,
        "numbers stripped: {full} -> {without_numbers}"
    );
}

#[test]
fn json_always_has_the_nine_signal_keys() {
    let value = json(&["samples/weak-bullets.md"]);
    assert_eq!(value["schema_version"], 1);
    let signals = value["files"][0]["signals"].as_object().unwrap();
    let keys: Vec<&str> = signals.keys().map(String::as_str).collect();
    for key in [
        "metrics",
        "before_after",
        "slo",
        "tradeoff",
        "incident",
        "stakeholders",
        "guardrails",
        "learning",
        "ownership",
    ] {
        assert!(keys.contains(&key), "missing {key}");
        assert!(signals[key]["present"].is_boolean());
        assert!(signals[key]["evidence"].is_array());
    }
    assert_eq!(keys.len(), 9);
}

#[test]
fn stdin_is_scored_as_dash() {
    let text = std::fs::read_to_string("samples/strong-queue-migration.md").unwrap();
    let value = support::run(
        coach().args(["score", "--format", "json", "-"]),
        Some(&text),
    )
    .json();
    assert_eq!(value["files"][0]["path"], "-");
    assert!(value["files"][0]["score"].as_u64().unwrap() >= 90);
}

#[test]
fn exit_codes_follow_the_threshold() {
    assert_eq!(run(&["score", "samples/strong-queue-migration.md"]).code, 0);
    assert_eq!(run(&["score", "samples/weak-all-we.md"]).code, 1);
    let (weak, _) = score_of(Path::new("samples/weak-all-we.md"));
    let at = weak.to_string();
    let above = (weak + 1).to_string();
    assert_eq!(
        run(&["score", "--min-score", &at, "samples/weak-all-we.md"]).code,
        0
    );
    assert_eq!(
        run(&["score", "--min-score", &above, "samples/weak-all-we.md"]).code,
        1
    );
}

#[test]
fn unreadable_inputs_are_reported_and_the_rest_still_scored() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.md");
    let binary = dir.path().join("binary.md");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0IHDR").unwrap();
    let latin1 = dir.path().join("latin1.md");
    std::fs::write(&latin1, b"Situation: caf\xe9 outage\n").unwrap();
    let cases = [
        (&missing, "no such file"),
        (&binary, "binary"),
        (&latin1, "not valid UTF-8 (first bad byte on line 1)"),
    ];
    let mut args = vec!["score".to_string()];
    args.extend(cases.iter().map(|(p, _)| p.display().to_string()));
    args.push("samples/strong-queue-migration.md".into());
    let output = support::run(coach().args(&args), None);

    assert_eq!(output.code, 2);
    let stdout = &output.stdout;
    assert!(
        stdout.contains("samples/strong-queue-migration.md"),
        "{stdout}"
    );
    let stderr = &output.stderr;
    assert_eq!(stderr.lines().count(), cases.len(), "{stderr}");
    for (path, says) in cases {
        let line = stderr
            .lines()
            .find(|l| l.contains(&path.display().to_string()))
            .unwrap_or_else(|| panic!("no error line for {}: {stderr}", path.display()));
        assert!(line.contains(says), "{line}");
    }
}

#[test]
fn a_directory_where_a_rubric_file_was_expected_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(&[
        "score",
        "--rubric",
        dir.path().to_str().unwrap(),
        "samples/strong-queue-migration.md",
    ]);
    assert_eq!(output.code, 2);
    assert!(output.stderr.contains("directory"));
}

#[test]
fn malformed_rubric_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = write(
        dir.path(),
        "bad.yaml",
        "name: bad\ntitle: Bad\nchecks:\n  - id: a\n    title: A\n    points: 5\n    hint: h\n    signal: metrics\n    colour: red\n",
    );
    let output = run(&[
        "score",
        "--rubric",
        rubric.to_str().unwrap(),
        "samples/strong-queue-migration.md",
    ]);
    assert_eq!(output.code, 2);
    let stderr = &output.stderr;
    assert!(
        stderr.contains(&format!("{}:9:5", rubric.display())),
        "{stderr}"
    );
    assert!(stderr.contains("colour"), "{stderr}");
}

#[test]
fn explain_prints_why_and_examples() {
    let output = run(&["explain", "results.before-after"]);
    assert_eq!(output.code, 0);
    let text = &output.stdout;
    assert!(text.contains("Why it matters"));
    assert!(text.contains("Passes") && text.contains("Fails"));
    assert_eq!(run(&["explain", "no.such-check"]).code, 2);
}

#[test]
fn table_snapshots_for_samples() {
    for path in samples() {
        let output = run(&["score", path.to_str().unwrap()]);
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(format!("table-{name}"), output.stdout);
    }
}

#[test]
fn json_snapshots_for_samples() {
    for path in samples() {
        let output = run(&["score", "--format", "json", path.to_str().unwrap()]);
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        insta::assert_snapshot!(format!("json-{name}"), output.stdout);
    }
}

#[test]
fn a_folder_without_answers_is_an_error_not_a_silent_pass() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.txt", "not an answer");
    let output = run(&["score", dir.path().to_str().unwrap()]);
    assert_eq!(output.code, 2);
    let stderr = &output.stderr;
    assert!(stderr.contains("no answer files"), "{stderr}");
}

/// A `terms:` check meets every form of its words, in order within a clause, and counts
/// neither a negated mention nor a pasted list of the same words.
#[test]
fn a_terms_check_reads_words_in_any_form() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = write(
        dir.path(),
        "team.yaml",
        "name: team\ntitle: Team\nchecks:\n  - id: reflection.follow-up\n    title: Follow-up\n    terms: [add/write alert/runbook, root cause]\n    at-least: 3\n    points: 9\n    hint: Say what changed.\n",
    );
    let rubric = rubric.to_str().unwrap();
    let check = |text: &str| {
        let answer = write(dir.path(), "answer.md", text);
        let report = json(&[answer.to_str().unwrap(), "--rubric", rubric]);
        let check = report["files"][0]["checks"][0].clone();
        let evidence: Vec<String> = check["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["text"].as_str().unwrap().to_string())
            .collect();
        (check["points"].as_u64().unwrap(), evidence)
    };
    let (points, evidence) = check(
        "The pool ran dry at noon. We found the root causes by two. \
         I added two new alerts on pool size and wrote a runbook for the on-call.\n",
    );
    assert_eq!(points, 9, "{evidence:?}");
    assert!(
        evidence.iter().any(|e| e.contains("added two new alerts")),
        "{evidence:?}"
    );
    let (points, evidence) = check(
        "The pool ran dry at noon. We never added alerts and did not write a runbook.\n\
         \n\
         add alert, write runbook, root cause, added alerts, wrote runbooks\n",
    );
    assert_eq!(points, 0, "{evidence:?}");
}

/// A rubric that opts into the time budget scores how the spoken time is shared out; the
/// built-ins have no such check, so their scores do not move.
#[test]
fn a_time_budget_check_scores_the_shares_only_where_a_rubric_asks() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = write(
        dir.path(),
        "paced.yaml",
        "extends: infra-leadership\nname: paced\ntitle: Paced\nchecks:\n  - id: length.time-budget\n    title: Time shared out\n    time-budget: true\n    points: 10\n    hint: Cut the setup.\n  - id: situation.short\n    title: A short setup\n    section: situation\n    time-budget: true\n    points: 5\n    hint: Cut the setup.\n",
    );
    let sample = "samples/unlabelled-spoken.md";
    let report = json(&[sample, "--rubric", rubric.to_str().unwrap()]);
    let check = |id: &str| {
        report["files"][0]["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("no {id}"))
            .clone()
    };
    // Situation 36% against 5–20%, actions 39% against 40–65%, results 9% against 10–30%:
    // 18 points off in all cost 36% of the check.
    let budget = check("length.time-budget");
    assert_eq!(budget["points"], 6, "{budget}");
    assert_eq!(budget["status"], "partial");
    assert_eq!(budget["line"], 4, "where the situation starts: {budget}");
    assert_eq!(
        budget["message"],
        "situation 36% (aim 5–20%), actions 39% (aim 40–65%), results 9% (aim 10–30%)"
    );
    let situation = check("situation.short");
    assert_eq!(situation["points"], 3, "{situation}");
    assert_eq!(situation["message"], "situation 36% (aim 5–20%)");

    let built_in = json(&[sample]);
    let ids: Vec<&str> = built_in["files"][0]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(!ids.iter().any(|id| id.contains("time-budget")), "{ids:?}");
}

/// Every built-in weighs how the story is told: general words lose points and name their
/// line, the words of what happened earn them, and a pasted line of terms earns nothing.
#[test]
fn substance_reads_the_told_words_and_names_the_generic_line() {
    let dir = tempfile::tempdir().unwrap();
    let substance = |name: &str, text: &str| {
        let path = write(dir.path(), name, text);
        let report = json(&[path.to_str().unwrap(), "--rubric", "star"]);
        report["files"][0]["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "story.substance")
            .expect("star has story.substance")
            .clone()
    };
    let rehearsed = "It was a challenging project for the whole team.\n\
                     I used my experience and my ability to help everyone.\n\
                     In the end I was able to handle it and it went well.\n";
    let generic = substance("rehearsed.md", rehearsed);
    assert!(generic["points"].as_u64().unwrap() < 5, "{generic}");
    assert_eq!(generic["max_points"], 20);
    let line = generic["line"].as_u64().unwrap();
    assert!((1..=3).contains(&line), "{generic}");
    assert!(
        generic["message"]
            .as_str()
            .unwrap()
            .contains(&format!("most generic: line {line}")),
        "{generic}"
    );

    let told = substance(
        "told.md",
        "The payments database ran out of connections during the Friday deploy.\n\
         I was paged, rolled the release back within minutes and found the pool limit.\n\
         I wrote the runbook and added an alert on pool usage; we have not been paged since.\n",
    );
    assert!(
        told["points"].as_u64().unwrap() > generic["points"].as_u64().unwrap() + 8,
        "{told}"
    );

    let stuffed = substance(
        "stuffed.md",
        &format!(
            "{rehearsed}\nKeywords: paged, rollback, runbook, connection pool, postmortem, canary, p99.\n"
        ),
    );
    assert_eq!(stuffed["points"], generic["points"], "{stuffed}");
}

/// `substance: true` reads the whole answer and takes no threshold.
#[test]
fn a_substance_check_takes_no_threshold() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "told.yaml",
        "extends: star\nname: told\ntitle: Told\noverride:\n  - id: story.substance\n    points: 30\n",
    );
    write(
        dir.path(),
        "bad.yaml",
        "extends: star\nname: bad\ntitle: Bad\noverride:\n  - id: story.substance\n    at-least: 2\n",
    );
    let ok = coach()
        .args(["rubric", "check", "told.yaml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let bad = coach()
        .args(["rubric", "check", "bad.yaml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let said = String::from_utf8_lossy(&bad.stdout);
    assert!(
        said.contains("bad.yaml:6:5") && said.contains("at-least"),
        "{said}"
    );
}
