//! Scoring uses the split: a check scoped to one section sees only that section's text.
//! Drives the binary with `--format json` and inspects `results.quantified` (three numbers
//! with units, scoped to results) on answers whose numbers sit in different sections.

mod support;

use std::path::{Path, PathBuf};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write answer");
    path
}

fn score_json(path: &Path) -> serde_json::Value {
    let mut command = support::command(support::root());
    command
        .args(["score", "--rubric", "infra-leadership", "--format", "json"])
        .arg(path);
    support::run(&mut command, None).json()
}

/// The check with `id` from the only file in a `coach score --format json` report.
fn check<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["files"][0]["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id}"))
}

/// (start, end) of a section in the report.
fn span(report: &serde_json::Value, name: &str) -> (u64, u64) {
    let section = report["files"][0]["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no {name} section"));
    (
        section["start_line"].as_u64().unwrap(),
        section["end_line"].as_u64().unwrap(),
    )
}

fn evidence_lines(check: &serde_json::Value) -> Vec<u64> {
    check["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .map(|e| e["line"].as_u64().unwrap())
        .collect()
}

const LABELLED_NUMBERS_IN_SITUATION: &str = "\
**Situation:** Our checkout API served 2,400 requests per second with p99 latency of 900 ms,
error rate was 3% at peak and deploys took 45 minutes.

**Task:** I owned making checkout faster before the holiday peak.

**Action:** I profiled the hot path, added a read-through cache and split the largest query.

**Result:** Checkout became much faster and the team was happy with it.
";

const LABELLED_NUMBERS_IN_RESULTS: &str = "\
**Situation:** Our checkout API was slow at peak and deploys were painful.

**Task:** I owned making checkout faster before the holiday peak.

**Action:** I profiled the hot path, added a read-through cache and split the largest query.

**Result:** p99 latency fell to 180 ms, the error rate dropped to 0.2% and deploys took
12 minutes.
";

#[test]
fn numbers_in_the_situation_do_not_quantify_the_results() {
    let dir = tempfile::tempdir().unwrap();
    let report = score_json(&write(dir.path(), "a.md", LABELLED_NUMBERS_IN_SITUATION));
    let quantified = check(&report, "results.quantified");
    assert_eq!(quantified["section"], "results");
    assert_eq!(quantified["status"], "fail", "{quantified}");
    assert_eq!(quantified["points"], 0);
    assert!(evidence_lines(quantified).is_empty(), "{quantified}");
    // The numbers are there, and the unscoped metrics signal sees them in the situation.
    let metrics = &report["files"][0]["signals"]["metrics"];
    assert_eq!(metrics["present"], true, "{metrics}");
}

#[test]
fn numbers_in_the_results_do_quantify_them() {
    let dir = tempfile::tempdir().unwrap();
    let report = score_json(&write(dir.path(), "a.md", LABELLED_NUMBERS_IN_RESULTS));
    let quantified = check(&report, "results.quantified");
    assert_eq!(quantified["status"], "pass", "{quantified}");
    let (start, end) = span(&report, "results");
    let lines = evidence_lines(quantified);
    assert!(lines.len() >= 3, "{quantified}");
    assert!(
        lines.iter().all(|l| (start..=end).contains(l)),
        "{lines:?} outside {start}-{end}"
    );
}

#[test]
fn a_label_mid_line_splits_the_numbers_on_that_line() {
    // The numbers before "**Result:**" are actions, on the same line as the results label.
    let text = "\
**Situation:** Checkout was slow at peak.
**Action:** I set the cache TTL to 30 seconds, 4 replicas and 512 MB each. **Result:** It
felt faster.
";
    let dir = tempfile::tempdir().unwrap();
    let report = score_json(&write(dir.path(), "a.md", text));
    assert_eq!(span(&report, "results").0, 2);
    let quantified = check(&report, "results.quantified");
    assert_eq!(quantified["status"], "fail", "{quantified}");
    assert!(evidence_lines(quantified).is_empty(), "{quantified}");
}

#[test]
fn inferred_sections_scope_checks_too() {
    // No labels: the split is inferred, and the scoped check follows it.
    let numbers_early = "\
At my last company the checkout API ran at 2,400 requests per second with p99 latency of
900 ms and a 3% error rate at peak. I was asked to make it faster before the holidays.
I profiled the hot path and I added a read-through cache. As a result checkout felt a lot
faster.
";
    let numbers_late = "\
At my last company the checkout API was slow at peak. I was asked to make it faster before
the holidays. I profiled the hot path and I added a read-through cache. As a result p99
latency fell to 180 ms, errors dropped to 0.2% and deploys took 12 minutes.
";
    let dir = tempfile::tempdir().unwrap();
    let early = score_json(&write(dir.path(), "early.md", numbers_early));
    let sections = &early["files"][0]["sections"];
    assert!(
        sections
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["labelled"] == false),
        "{sections}"
    );
    assert_eq!(check(&early, "results.quantified")["status"], "fail");
    let late = score_json(&write(dir.path(), "late.md", numbers_late));
    assert_eq!(check(&late, "results.quantified")["status"], "pass");
}
