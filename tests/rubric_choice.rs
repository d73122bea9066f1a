//! Which rubric scores an answer, and why: question matching, `.coach.yaml` discovery, front
//! matter precedence, disabled checks and `<!-- coach-ignore -->`.

mod support;

use serde_json::Value;
use std::path::Path;

const BODY: &str = "Situation: our deploys failed one time in ten.\n\nActions: I wrote an RFC and ran a pilot with two teams. I measured the failure rate.\n\nResults: failures fell from 10% to 2% across 5 teams.\n";

/// Scores `files` (relative to `dir`) as JSON; returns the exit code and the parsed report.
fn score(dir: &Path, files: &[&str], extra: &[&str]) -> (i32, Value) {
    let mut command = support::command(dir);
    command
        .arg("score")
        .args(files)
        .args(["--format", "json"])
        .args(extra);
    let run = support::run(&mut command, None);
    (run.code, in_given_order(run.json(), files))
}

/// Reports list answers sorted by path; put them back in the order the test named them.
fn in_given_order(mut report: Value, files: &[&str]) -> Value {
    if let Some(found) = report["files"].as_array().cloned() {
        let ordered: Vec<Value> = files
            .iter()
            .filter_map(|name| found.iter().find(|f| f["path"] == *name).cloned())
            .collect();
        if ordered.len() == found.len() {
            report["files"] = Value::Array(ordered);
        }
    }
    report
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn file(report: &Value, index: usize) -> &Value {
    &report["files"][index]
}

fn check_ids(file: &Value) -> Vec<String> {
    file["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_stated_question_picks_the_built_in_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "conflict.md",
            "---\nquestion: Tell me about a time you disagreed with your manager.\n---\n",
            "conflict",
            "disagreed",
        ),
        (
            "failure.md",
            "# What is the biggest mistake you have made?\n\n",
            "failure",
            "mistake",
        ),
        (
            "outage.md",
            "# Walk me through an outage where you were the incident commander?\n\n",
            "incident-response",
            "outage",
        ),
        (
            "influence.md",
            "---\nquestion: How did you convince another team to adopt your proposal?\n---\n",
            "influence",
            "convince",
        ),
        (
            "ambiguity.md",
            "# Tell me about a time the requirements were unclear?\n\n",
            "ambiguity",
            "unclear",
        ),
        // A heading that opens as questions do needs no question mark.
        (
            "heading.md",
            "# Tell me about a time you disagreed with your manager.\n\n",
            "conflict",
            "disagreed",
        ),
        (
            "transcript.md",
            "Q: Describe a conflict with a teammate\n\n",
            "conflict",
            "conflict",
        ),
    ];
    for (name, head, _, _) in &cases {
        write(dir.path(), name, &format!("{head}{BODY}"));
    }
    let names: Vec<&str> = cases.iter().map(|c| c.0).collect();
    let (_, report) = score(dir.path(), &names, &[]);
    for (i, (name, _, rubric, word)) in cases.iter().enumerate() {
        let file = file(&report, i);
        assert_eq!(file["rubric"], *rubric, "{name}");
        let reason = file["rubric_reason"].as_str().unwrap();
        assert!(
            reason.starts_with("the question reads as ") && reason.contains(word),
            "{name}: {reason}"
        );
    }
}

#[test]
fn the_story_decides_when_no_question_does_then_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let conflict = "My tech lead and I disagreed about the schema. He pushed back on my design and \
                    the conflict dragged on. I listened to his objections and we found a compromise.\n";
    write(dir.path(), "story.md", conflict);
    // A question that names no kind is read together with the story.
    write(
        dir.path(),
        "odd-story.md",
        &format!("# What is your favourite colour?\n\n{conflict}"),
    );
    // Nothing told: only labels with nothing under them.
    write(dir.path(), "empty.md", "## Situation\n\n## Actions\n");
    let (_, report) = score(dir.path(), &["story.md", "odd-story.md", "empty.md"], &[]);
    for (i, start) in [
        (0, "no question stated; the story reads as conflict (p 0."),
        (1, "the question and story read as conflict (p 0."),
    ] {
        assert_eq!(file(&report, i)["rubric"], "conflict");
        let reason = file(&report, i)["rubric_reason"].as_str().unwrap();
        assert!(reason.starts_with(start), "{reason}");
        assert!(reason.contains("\"disagreed\" line"), "{reason}");
    }
    assert_eq!(file(&report, 2)["rubric"], "infra-leadership");
    let reason = file(&report, 2)["rubric_reason"].as_str().unwrap();
    assert!(reason.starts_with("default: "), "{reason}");
}

#[test]
fn config_is_found_upward_and_front_matter_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".coach.yaml",
        "rubric: star\nmin-score: 95\noverrides:\n  - files: \"incidents/**\"\n    rubric: incident-response\n",
    );
    write(dir.path(), "answers/2024/a.md", BODY);
    write(dir.path(), "incidents/db/b.md", BODY);
    write(
        dir.path(),
        "answers/c.md",
        &format!("---\nrubric: conflict\n---\n{BODY}"),
    );
    // A stated question beats the config's default rubric, but not a path rule.
    let failure = "---\nquestion: Tell me about a time you failed.\n---\n";
    write(dir.path(), "answers/d.md", &format!("{failure}{BODY}"));
    write(dir.path(), "incidents/e.md", &format!("{failure}{BODY}"));
    let (code, report) = score(
        dir.path(),
        &[
            "answers/2024/a.md",
            "incidents/db/b.md",
            "answers/c.md",
            "answers/d.md",
            "incidents/e.md",
        ],
        &[],
    );
    let expected = [
        "star",
        "incident-response",
        "conflict",
        "failure",
        "incident-response",
    ];
    for (i, rubric) in expected.iter().enumerate() {
        assert_eq!(file(&report, i)["rubric"], *rubric, "file {i}");
    }
    assert!(
        file(&report, 0)["rubric_reason"]
            .as_str()
            .unwrap()
            .contains(".coach.yaml")
    );
    assert!(
        file(&report, 1)["rubric_reason"]
            .as_str()
            .unwrap()
            .contains("incidents/**")
    );
    assert!(
        file(&report, 2)["rubric_reason"]
            .as_str()
            .unwrap()
            .contains("front matter")
    );
    assert_eq!(code, 1, "min-score 95 from the config fails these answers");

    // --rubric beats everything, and --min-score beats the config.
    let (code, report) = score(
        dir.path(),
        &["incidents/db/b.md"],
        &["--rubric", "star", "--min-score", "0"],
    );
    assert_eq!(file(&report, 0)["rubric"], "star");
    assert_eq!(file(&report, 0)["rubric_reason"], "named by --rubric");
    assert_eq!(code, 0);
}

#[test]
fn config_rubric_paths_are_relative_to_the_config() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".coach.yaml", "rubric: team/rubric.yaml\n");
    write(
        dir.path(),
        "team/rubric.yaml",
        "extends: star\nname: team\ntitle: Team\nremove: [pitfall.hedging]\n",
    );
    write(dir.path(), "deep/down/a.md", BODY);
    let (_, report) = score(&dir.path().join("deep"), &["down/a.md"], &[]);
    assert_eq!(file(&report, 0)["rubric"], "team");
    assert!(!check_ids(file(&report, 0)).contains(&"pitfall.hedging".to_string()));
}

#[test]
fn a_broken_config_is_an_error_for_the_files_under_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".coach.yaml", "rubric: star\ncolour: red\n");
    write(dir.path(), "a.md", BODY);
    let (code, report) = score(dir.path(), &["a.md"], &[]);
    assert_eq!(code, 2);
    let message = report["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains(".coach.yaml:2:") && message.contains("colour"),
        "{message}"
    );
}

#[test]
fn disabled_and_ignored_checks_leave_the_score_and_unknown_ones_warn() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".coach.yaml",
        "rubric: star\ndisable: [length.speaking-time, no.such-check]\n",
    );
    write(
        dir.path(),
        "a.md",
        &format!(
            "<!-- coach-ignore results.before-after, reflection.present -->\n<!-- coach-ignore results.typo -->\n{BODY}"
        ),
    );
    write(dir.path(), "b.md", BODY);
    let (_, report) = score(dir.path(), &["a.md", "b.md"], &[]);
    let ignored = check_ids(file(&report, 0));
    let plain = check_ids(file(&report, 1));
    for id in [
        "length.speaking-time",
        "results.before-after",
        "reflection.present",
    ] {
        assert!(!ignored.contains(&id.to_string()), "{id} still scored");
    }
    assert!(!plain.contains(&"length.speaking-time".to_string()));
    assert!(plain.contains(&"results.before-after".to_string()));
    assert_eq!(plain.len(), ignored.len() + 2);
    let warnings = serde_json::to_string(&file(&report, 0)["warnings"]).unwrap();
    assert!(
        warnings.contains("line 2: coach-ignore `results.typo`"),
        "{warnings}"
    );
    assert!(warnings.contains("no.such-check"), "{warnings}");
    assert_ne!(file(&report, 0)["score"], Value::Null);
}

#[test]
fn the_table_says_which_rubric_and_why() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        &format!("# Tell me about a time you failed?\n\n{BODY}"),
    );
    let text = support::coach_in(dir.path(), &["score", "a.md"]).stdout;
    assert!(
        text.contains("rubric failure: the question reads as failure"),
        "{text}"
    );
}
