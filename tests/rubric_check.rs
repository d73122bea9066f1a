//! `coach rubric check`: every kind of broken rubric is reported at its line and column with
//! the source line shown, and exits 2; valid rubrics (the built-ins included) exit 0.

mod support;

use std::path::Path;
use support::Run;

fn coach(args: &[&str], dir: &Path) -> Run {
    support::run(support::command(dir).args(args).env("NO_COLOR", "1"), None)
}

const VALID: &str = "name: team\ntitle: Team rubric\nchecks:\n  - id: results.numbers\n    title: Numbers\n    section: results\n    signal: metrics\n    at-least: 2\n    points: 10\n    hint: Give numbers.\n  - id: actions.plan\n    title: A plan\n    pattern: '\\b(?:rfc|plan)\\b'\n    points: 5\n    hint: Show the plan.\n";

/// Writes `text` as `broken.yaml`, checks it, and asserts exit 2, the location and the message.
fn assert_refused(text: &str, location: &str, message: &str, snippet: &str) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.yaml"), text).unwrap();
    let output = coach(&["rubric", "check", "broken.yaml"], dir.path());
    let out = &output.stdout;
    assert_eq!(output.code, 2, "{out}");
    assert!(
        out.contains(&format!("--> broken.yaml:{location}")),
        "expected broken.yaml:{location} in:\n{out}"
    );
    assert!(out.contains(message), "expected {message:?} in:\n{out}");
    assert!(
        out.lines().any(|l| l.contains('|') && l.contains(snippet)),
        "expected the source line {snippet:?} in:\n{out}"
    );
}

#[test]
fn a_valid_rubric_and_every_built_in_pass() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("team.yaml"), VALID).unwrap();
    let output = coach(&["rubric", "check", "team.yaml"], dir.path());
    assert_eq!(output.code, 0, "{}", output.stdout);
    assert!(
        output
            .stdout
            .contains("ok: team.yaml (2 checks, 15 points)")
    );

    let output = coach(&["rubric", "check"], dir.path());
    assert_eq!(output.code, 0, "{}", output.stdout);
    for name in [
        "infra-leadership",
        "star",
        "incident-response",
        "conflict",
        "failure",
        "influence",
        "ambiguity",
    ] {
        assert!(output.stdout.contains(&format!("ok: {name} (")), "{name}");
    }
}

#[test]
fn unknown_key() {
    let text = VALID.replace(
        "    hint: Give numbers.\n",
        "    hint: Give numbers.\n    colour: red\n",
    );
    assert_refused(&text, "11:5", "colour", "colour: red");
}

#[test]
fn bad_regex() {
    let text = VALID.replace("'\\b(?:rfc|plan)\\b'", "'(unclosed'");
    assert_refused(&text, "13:5", "bad pattern", "pattern: '(unclosed'");
}

#[test]
fn bad_terms() {
    let long = VALID.replace(
        "pattern: '\\b(?:rfc|plan)\\b'",
        "terms: [rfc, a very long phrase of seven words]",
    );
    assert_refused(&long, "13:5", "more than 6 words", "terms: [rfc");
    let empty = VALID.replace("pattern: '\\b(?:rfc|plan)\\b'", "terms: []");
    assert_refused(&empty, "13:5", "non-empty list", "terms: []");
    let two = VALID.replace(
        "pattern: '\\b(?:rfc|plan)\\b'",
        "pattern: rfc\n    terms: [rfc]",
    );
    assert_refused(&two, "11:5", "exactly one of", "- id: actions.plan");
}

#[test]
fn unknown_signal() {
    let text = VALID.replace("signal: metrics", "signal: vibes");
    assert_refused(&text, "7:", "vibes", "signal: vibes");
}

#[test]
fn duplicate_id_points_at_the_second() {
    let text = VALID.replace("id: actions.plan", "id: results.numbers");
    assert_refused(&text, "11:5", "duplicate check id", "- id: results.numbers");
}

#[test]
fn impossible_thresholds() {
    let zero = VALID.replace("at-least: 2", "at-least: 0");
    assert_refused(&zero, "8:5", "always passes", "at-least: 0");
    let huge = VALID.replace("at-least: 2", "at-least: 500");
    assert_refused(&huge, "8:5", "can never be met", "at-least: 500");
    let both = VALID.replace("at-least: 2", "at-least: 2\n    at-most: 0");
    assert_refused(&both, "9:5", "use one", "at-most: 0");
    let grades = format!("{VALID}grades: {{strong: 60, good: 70, mixed: 50}}\n");
    assert_refused(&grades, "16:1", "strong > good > mixed", "grades:");
    let length = format!("{VALID}length: {{min-seconds: 200, max-seconds: 100}}\n");
    assert_refused(&length, "16:1", "min-seconds < max-seconds", "length:");
}

/// Time budget shares a spoken answer could never meet are refused at `length:`.
#[test]
fn impossible_time_shares() {
    let length = |shares: &str| {
        format!("{VALID}length:\n  min-seconds: 90\n  max-seconds: 180\n  shares: {shares}\n")
    };
    assert_refused(
        &length("{situation: {min: 30, max: 20}}"),
        "16:1",
        "situation needs 0 <= min <= max <= 100",
        "length:",
    );
    assert_refused(
        &length("{actions: {min: 70, max: 80}, results: {min: 40, max: 50}}"),
        "16:1",
        "minimum shares add up to 110%",
        "length:",
    );
    let all_low = "{situation: {min: 0, max: 10}, task: {min: 0, max: 10}, actions: {min: 0, max: 40}, results: {min: 0, max: 20}, reflection: {min: 0, max: 10}}";
    assert_refused(
        &length(all_low),
        "16:1",
        "maximum shares add up to 90%",
        "length:",
    );
    let unknown = length("{setup: {min: 0, max: 10}}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.yaml"), &unknown).unwrap();
    let output = coach(&["rubric", "check", "broken.yaml"], dir.path());
    assert_eq!(output.code, 2, "{}", output.stdout);
    assert!(output.stdout.contains("setup"), "{}", output.stdout);
    let fine = length("{actions: {min: 50, max: 70}}");
    std::fs::write(dir.path().join("fine.yaml"), fine).unwrap();
    let output = coach(&["rubric", "check", "fine.yaml"], dir.path());
    assert_eq!(output.code, 0, "{}", output.stdout);
}

#[test]
fn several_errors_in_one_file_are_all_reported() {
    let text = VALID
        .replace("at-least: 2", "at-least: 0")
        .replace("'\\b(?:rfc|plan)\\b'", "'(unclosed'");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.yaml"), text).unwrap();
    let out = coach(&["rubric", "check", "broken.yaml"], dir.path()).stdout;
    assert!(out.contains("broken.yaml:8:5"), "{out}");
    assert!(out.contains("broken.yaml:13:5"), "{out}");
}

#[test]
fn extends_cycle_and_unknown_ids() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "extends: b.yaml\nname: a\ntitle: A\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        "extends: ./a.yaml\nname: b\ntitle: B\n",
    )
    .unwrap();
    let output = coach(&["rubric", "check", "a.yaml"], dir.path());
    let out = &output.stdout;
    assert_eq!(output.code, 2, "{out}");
    assert!(out.contains("extends cycle"), "{out}");
    assert!(out.contains("b.yaml:1:1"), "{out}");

    assert_refused(
        "extends: star\nname: s\ntitle: S\nremove: [results.nope]\n",
        "4:",
        "has no check `results.nope`",
        "remove: [results.nope]",
    );
    assert_refused(
        "extends: star\nname: s\ntitle: S\noverride:\n  - id: actions.nope\n    points: 3\n",
        "5:",
        "has no check `actions.nope`",
        "- id: actions.nope",
    );
    assert_refused(
        "name: s\ntitle: S\nremove: [a]\nchecks: []\n",
        "3:1",
        "remove needs `extends`",
        "remove: [a]",
    );
}

#[test]
fn a_huge_rubric_is_refused_before_it_is_read() {
    let huge = format!("{VALID}description: \"{}\"\n", "x".repeat(600 * 1024));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("huge.yaml"), huge).unwrap();
    let output = coach(&["rubric", "check", "huge.yaml"], dir.path());
    let out = &output.stdout;
    assert_eq!(output.code, 2, "{out}");
    assert!(
        out.contains("huge.yaml") && out.contains("byte limit"),
        "{out}"
    );
}

/// Rubric and config keys are typed, so a bomb there fails before any alias expands; answer
/// front matter ignores unknown keys, so that is where an expansion limit must hold.
#[test]
fn alias_bombs_and_deep_nesting_in_front_matter_are_refused() {
    let mut bomb = String::from("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    bomb.push_str("---\nSituation: I led the migration of 12 services.\n");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("answer.md"), &bomb).unwrap();
    let output = coach(&["score", "answer.md", "--format", "json"], dir.path());
    let out = &output.stdout;
    assert!(
        out.contains("front matter ignored") && out.contains("alias"),
        "{out}"
    );

    let deep = format!(
        "---\nnotes: {}{}\n---\nSituation: I led it.\n",
        "[".repeat(5_000),
        "]".repeat(5_000)
    );
    std::fs::write(dir.path().join("answer.md"), &deep).unwrap();
    let output = coach(&["score", "answer.md", "--format", "json"], dir.path());
    let out = &output.stdout;
    assert!(out.contains("nested more than 64 levels"), "{out}");
}

#[test]
fn show_prints_the_effective_rubric_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("rubrics")).unwrap();
    std::fs::write(
        dir.path().join("rubrics/team.yaml"),
        "extends: star\nname: team\ntitle: Team STAR\nremove: [pitfall.hedging]\noverride:\n  - id: results.quantified\n    points: 20\n    at-least: 3\nchecks:\n  - id: actions.plan\n    title: A plan\n    pattern: '\\b(?:rfc|plan)\\b'\n    points: 5\n    hint: Show the plan.\n",
    )
    .unwrap();
    let list = coach(&["rubric", "list"], dir.path()).stdout;
    assert!(
        list.lines()
            .any(|l| l.starts_with("team ") && l.contains("rubrics/team.yaml")),
        "{list}"
    );
    let shown = coach(&["rubric", "show", "team"], dir.path());
    assert_eq!(shown.code, 0);
    let yaml = shown.stdout;
    assert!(!yaml.contains("\nextends:"), "{yaml}");
    assert!(!yaml.contains("pitfall.hedging"), "{yaml}");
    // The added check joins the actions, before the results and the penalties.
    let order: Vec<&str> = yaml
        .lines()
        .filter_map(|l| l.strip_prefix("- id: "))
        .collect();
    let at = |id: &str| order.iter().position(|o| *o == id).expect(id);
    assert_eq!(at("actions.plan"), at("actions.ownership") + 1, "{order:?}");
    assert!(at("actions.plan") < at("results.present"), "{order:?}");
    assert!(order.last().unwrap().starts_with("draft."), "{order:?}");
    std::fs::write(dir.path().join("effective.yaml"), &yaml).unwrap();
    let check = coach(&["rubric", "check", "effective.yaml"], dir.path());
    // star has 16 checks worth 119: minus hedging (3), quantified 12 → 20, plus plan (5); and
    // its 13 penalties, worth nothing until they find something.
    assert!(
        check
            .stdout
            .contains("ok: effective.yaml (29 checks, 129 points, 13 of them penalties)"),
        "{}",
        check.stdout
    );
}

#[test]
fn every_built_in_round_trips_through_show() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "infra-leadership",
        "star",
        "incident-response",
        "conflict",
        "failure",
        "influence",
        "ambiguity",
    ] {
        let yaml = coach(&["rubric", "show", name], dir.path()).stdout;
        let file = format!("{name}.yaml");
        std::fs::write(dir.path().join(&file), &yaml).unwrap();
        let shown = coach(&["rubric", "show", &format!("./{file}")], dir.path()).stdout;
        let body = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
        assert_eq!(body(&shown), body(&yaml), "{name} changed on a round trip");
    }
}
