//! Drafts: placeholders (TBD, TODO, "[fill in …]", "<metric>", "XX%", "N ms", "???", lorem
//! ipsum, a label with nothing after it) found on their lines in answers of every shape,
//! earning nothing for the text they stand in; a draft fails `coach score` by default,
//! passes with `status: draft` (front matter or .coach.yaml) or `--allow-drafts` and still
//! shows; every format says so.

mod support;

use serde_json::Value;
use std::path::Path;
use support::coach_in;

/// (check, the answer, the line of its one placeholder, what the evidence shows).
const DRAFTS: [(&str, &str, usize, &str); 12] = [
    (
        "draft.marker",
        "**Situation:** Our deploys took 40 minutes and failed weekly.\n\n**Task:** I owned the pipeline.\n\n**Action:** I cached the builds and split the test suite.\n\n**Result:** TBD\n",
        7,
        "**Result:** TBD",
    ),
    (
        "draft.marker",
        "Our deploys took 40 minutes and failed weekly. I owned the pipeline.\n\nI cached the builds and split the test suite. TODO: add the canary part.\n\nDeploys now take 9 minutes.\n",
        3,
        "TODO: add the canary part.",
    ),
    (
        "draft.marker",
        "- Deploys took 40 minutes and failed weekly.\n- I cached the builds and split the test suite.\n- Impact: ???\n",
        3,
        "Impact: ???",
    ),
    (
        "draft.template",
        "**Situation:** At [company] our deploys took 40 minutes.\n\n**Action:** I cached the builds.\n\n**Result:** Deploys now take 9 minutes.\n",
        1,
        "[company]",
    ),
    (
        "draft.template",
        "Our deploys took 40 minutes. I cached the builds, and deploys now take 9 minutes, which saved <metric> a month.\n",
        1,
        "<metric>",
    ),
    (
        "draft.template",
        "- Deploys took 40 minutes.\n- I cached the builds.\n- Result: [fill in the numbers from the dashboard]\n",
        3,
        "[fill in the numbers from the dashboard]",
    ),
    (
        "draft.figure",
        "**Situation:** Our deploys took 40 minutes.\n\n**Action:** I cached the builds.\n\n**Result:** Deploys got XX% faster.\n",
        5,
        "XX%",
    ),
    (
        "draft.figure",
        "Our deploys took 40 minutes. I cached the builds, and p95 fell to N ms.\n",
        1,
        "N ms",
    ),
    (
        "draft.filler",
        "- Deploys took 40 minutes.\n- I cached the builds.\n- Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n",
        3,
        "Lorem ipsum",
    ),
    (
        "draft.empty-label",
        "**Situation:** Our deploys took 40 minutes.\n\n**Action:** I cached the builds.\n\n**Result:**\n\n**Reflection:** I learned to cache early.\n",
        5,
        "**Result:**",
    ),
    (
        "draft.empty-label",
        "## Situation\nOur deploys took 40 minutes.\n## Action\nI cached the builds.\n## Result\n## Reflection\nI learned to cache early.\n",
        5,
        "Result",
    ),
    (
        "draft.empty-label",
        "- Situation: deploys took 40 minutes.\n- Action: I cached the builds.\n- Result:\n- Lesson: cache early.\n",
        3,
        "Result:",
    ),
];

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// (exit code, the file's JSON) for `coach score --format json ARGS name` in `dir`.
fn score(dir: &Path, name: &str, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["score", "--format", "json", "--min-score", "0"];
    all.extend(args);
    all.push(name);
    let run = coach_in(dir, &all);
    (run.code, run.json()["files"][0].clone())
}

/// The draft findings of a scored file: (check, line, evidence).
fn placeholders(file: &Value) -> Vec<(String, u64, String)> {
    file["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["id"].as_str().unwrap().starts_with("draft."))
        .flat_map(|c| {
            c["evidence"].as_array().unwrap().iter().map(move |e| {
                (
                    c["id"].as_str().unwrap().to_string(),
                    e["line"].as_u64().unwrap(),
                    e["text"].as_str().unwrap().to_string(),
                )
            })
        })
        .collect()
}

#[test]
fn each_placeholder_is_found_on_its_line_and_fails_the_answer() {
    for (id, text, line, evidence) in DRAFTS {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.md", text);
        let (code, file) = score(dir.path(), "a.md", &[]);
        let found = placeholders(&file);
        assert_eq!(found.len(), 1, "{id} in {text:?}: {found:?}");
        assert_eq!(found[0].0, id, "{text:?}");
        assert_eq!(found[0].1, line as u64, "{text:?}");
        assert!(found[0].2.contains(evidence), "{text:?}: {found:?}");
        assert_eq!(file["draft"], true, "{text:?}");
        assert_eq!(file["draft_allowed_by"], Value::Null);
        assert_eq!(code, 1, "a draft fails even at --min-score 0: {text:?}");
    }
}

/// The text a placeholder stands in for earns nothing: not words, not evidence, not a part.
#[test]
fn placeholders_earn_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let finished = "**Situation:** Our deploys took 40 minutes.\n\n**Task:** I owned the pipeline.\n\n**Action:** I cached the builds.\n\n**Result:** Deploys fell from 40 to 9 minutes.\n";
    let drafted = "**Situation:** Our deploys took 40 minutes.\n\n**Task:** TBD\n\n**Action:** I cached the builds.\n\n**Result:** Deploys fell from XX to 9 minutes.\n";
    write(dir.path(), "finished.md", finished);
    write(dir.path(), "drafted.md", drafted);
    let (_, finished) = score(dir.path(), "finished.md", &[]);
    let (_, drafted) = score(dir.path(), "drafted.md", &[]);
    assert!(drafted["words"].as_u64() < finished["words"].as_u64());
    assert_eq!(drafted["signals"]["before_after"]["present"], false);
    assert_eq!(finished["signals"]["before_after"]["present"], true);
    let task = |file: &Value| {
        file["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "task.present")
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(task(&finished), "pass");
    assert_eq!(task(&drafted), "fail");
    assert!(drafted["score"].as_u64().unwrap() + 10 < finished["score"].as_u64().unwrap());
}

#[test]
fn a_draft_passes_when_it_says_it_is_one_and_still_shows() {
    let draft = DRAFTS[0].1;
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "front.md",
        &format!("---\nstatus: draft\n---\n{draft}"),
    );
    let (code, file) = score(dir.path(), "front.md", &[]);
    assert_eq!(code, 0);
    assert_eq!(file["draft"], true);
    assert_eq!(
        file["draft_allowed_by"],
        "status: draft in the answer's front matter"
    );
    assert_eq!(placeholders(&file).len(), 1, "it still shows");

    // Isolated, the bank's own word does not count.
    let (code, file) = score(dir.path(), "front.md", &["--isolated"]);
    assert_eq!(code, 1);
    assert_eq!(file["draft_allowed_by"], Value::Null);

    // The command line allows drafts whatever the bank says.
    let (code, file) = score(dir.path(), "front.md", &["--isolated", "--allow-drafts"]);
    assert_eq!(code, 0);
    assert_eq!(file["draft_allowed_by"], "--allow-drafts");
}

#[test]
fn a_drafts_folder_is_allowed_by_the_configuration_and_final_answers_are_not() {
    let draft = DRAFTS[0].1;
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".coach.yaml",
        "overrides:\n  - files: \"drafts/**\"\n    status: draft\n",
    );
    write(dir.path(), "drafts/a.md", draft);
    write(dir.path(), "answers/a.md", draft);
    write(
        dir.path(),
        "drafts/done.md",
        &format!("---\nstatus: final\n---\n{draft}"),
    );
    let (code, file) = score(dir.path(), "drafts/a.md", &[]);
    assert_eq!(code, 0);
    assert_eq!(
        file["draft_allowed_by"],
        "status: draft in .coach.yaml for files `drafts/**`"
    );
    assert_eq!(score(dir.path(), "answers/a.md", &[]).0, 1);
    assert_eq!(
        score(dir.path(), "drafts/done.md", &[]).0,
        1,
        "the answer's own `status: final` holds it to the bar"
    );
}

/// A note in a comment, the words of a story, markdown and HTML are not placeholders.
#[test]
fn finished_answers_hold_no_placeholder() {
    let text = "**Situation:** The launch date was still TBD when I joined, and the repo had 300 TODO comments.\n\n<!-- TODO: tighten this -->\n\n**Action:** I read [the design doc](https://example.com), fixed the N+1 queries and wrapped calls in <b>retries</b>.\n\n- [x] migrated the first service\n\n**Result:** Service X now answers in 40 ms, 10x faster.\n";
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", text);
    let (_, file) = score(dir.path(), "a.md", &[]);
    assert_eq!(placeholders(&file), vec![]);
    assert_eq!(file["draft"], false);
}

/// Every human and machine format says the answer is a draft and where its placeholders are.
#[test]
fn every_format_names_the_draft_and_its_lines() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", DRAFTS[0].1);
    let run = |format: &str| coach_in(dir.path(), &["score", "--format", format, "a.md"]);
    let table = run("table");
    assert_eq!(table.code, 1);
    assert!(table.stdout.contains("·  DRAFT"), "{}", table.stdout);
    assert!(
        table
            .stdout
            .contains("draft: a placeholder on line 7: a draft fails until"),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains("L7: **Result:** TBD"),
        "{}",
        table.stdout
    );
    let summary = run("summary");
    assert!(summary.stdout.contains("FAIL"), "{}", summary.stdout);
    assert!(summary.stdout.contains("draft"), "{}", summary.stdout);
    assert!(summary.stdout.contains("1 draft"), "{}", summary.stdout);
    let github = run("github");
    assert!(
        github
            .stdout
            .contains("::error file=a.md,line=7,title=coach draft.marker"),
        "{}",
        github.stdout
    );
    let junit = run("junit");
    assert!(
        junit.stdout.contains("a placeholder on line 7"),
        "{}",
        junit.stdout
    );
    let sarif: Value = serde_json::from_str(&run("sarif").stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| {
        r["ruleId"] == "draft.marker"
            && r["locations"][0]["physicalLocation"]["region"]["startLine"] == 7
    }));
}
