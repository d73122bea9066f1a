//! Output a CI log and a terminal can trust, and a bar a contributor cannot lower (issue 21):
//! outside text is shown neutral in every format, `--isolated` keeps the bank from changing how
//! it is judged, suppressions never vanish, every file is known by its real path, and what one
//! file can print is bounded.

mod support;

#[path = "support/xml.rs"]
mod xml;

use serde_json::Value;
use std::fs;
use std::path::Path;
use support::{Run, command, root, run};

const FORMATS: [&str; 7] = [
    "table",
    "summary",
    "json",
    "json-lines",
    "sarif",
    "github",
    "junit",
];

/// Runs `coach ARGS` in `dir`, outside GitHub Actions unless `env` says otherwise.
fn coach_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = command(dir);
    command
        .args(args)
        .env_remove("GITHUB_ACTIONS")
        .env("COLUMNS", "100");
    for (key, value) in env {
        command.env(key, value);
    }
    run(&mut command, None)
}

fn sample(name: &str) -> String {
    fs::read_to_string(root().join("samples").join(name)).unwrap()
}

/// An answer whose text carries a forged annotation and terminal escapes in a sentence that
/// detectors quote as evidence.
const HOSTILE_ANSWER: &str = "Situation: checkout p95 latency was 900 ms ##[error]forged and we paged nightly \u{1b}[2J\u{1b}]0;owned\u{7}.\n\
Task: I owned getting p95 under 300 ms by Q3.\n\
Actions: I profiled the hot path, added a cache and rolled it out behind a canary.\n\
Results: p95 fell from 900 ms to 240 ms ##[warning]x and pages dropped from 12 to 2 a week.\n\
Reflection: next time I would load test before the canary.\n\
<!-- coach-ignore pitfall.hedging\u{1b}[31m -->\n";

/// The lines a runner would act on: starting with `::` or holding `##[`. In `--format github`
/// the lines coach writes as commands are its own and are left out.
fn runner_commands(format: &str, text: &str) -> Vec<String> {
    text.lines()
        .filter(|line| line.starts_with("::") || line.contains("##["))
        .filter(|line| {
            format != "github"
                || !["::error file=", "::warning file=", "::notice file="]
                    .iter()
                    .any(|own| line.starts_with(own))
        })
        .map(str::to_string)
        .collect()
}

/// Control characters other than the line feeds that end lines.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_control() && *c != '\n')
        .collect()
}

#[cfg(unix)]
#[test]
fn hostile_names_and_text_cannot_forge_commands_or_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("bank");
    fs::create_dir_all(&bank).unwrap();
    let names = [
        "::error file=x::forged.md",
        "line\nbreak::warning::y.md",
        "carriage\r::error::z.md",
        "title \u{1b}]0;owned\u{7}.md",
        "bidi \u{202e}dm.txt.md",
    ];
    for name in names {
        fs::write(bank.join(name), HOSTILE_ANSWER).unwrap();
    }
    fs::write(bank.join("broken\n::error::b.md"), "not\0text").unwrap();
    // A check that quotes the forged commands as evidence.
    fs::write(
        dir.path().join("quoting.yaml"),
        "extends: infra-leadership\nname: quoting\ntitle: Quoting\nchecks:\n  - id: any.quoted\n    title: Quoted\n    points: 1\n    hint: h\n    pattern: '##\\[\\w+\\][^.]*'\n",
    )
    .unwrap();
    for format in FORMATS {
        let args = [
            "score",
            "bank",
            "--rubric",
            "quoting.yaml",
            "--format",
            format,
        ];
        let run = coach_in(dir.path(), &args, &[]);
        assert_eq!(
            run.code, 2,
            "{format}: the binary file is an error\n{}",
            run.stderr
        );
        for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
            let forged = runner_commands(format, text);
            assert!(forged.is_empty(), "{format} {stream}: {forged:#?}");
            let human = matches!(format, "table" | "summary") || stream == "stderr";
            if human {
                let raw = raw_controls(text);
                assert!(raw.is_empty(), "{format} {stream}: raw {raw:?}\n{text}");
                assert!(!text.contains('\u{202e}'), "{format} {stream}");
            }
        }
        match format {
            "json" => {
                let report = run.json();
                let files = report["files"].as_array().unwrap();
                let mut paths: Vec<&str> =
                    files.iter().map(|f| f["path"].as_str().unwrap()).collect();
                paths.sort();
                let mut expected: Vec<String> = names.iter().map(|n| format!("bank/{n}")).collect();
                expected.sort();
                assert_eq!(paths, expected, "JSON keeps names exactly");
                let evidence = report.to_string();
                assert!(
                    evidence.contains("##[error]forged"),
                    "the text is quoted faithfully"
                );
                assert!(!run.stdout.contains("##["));
            }
            "json-lines" => {
                for line in run.stdout.lines() {
                    serde_json::from_str::<Value>(line).unwrap();
                }
            }
            "junit" => xml::check(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout)),
            _ => {}
        }
    }
}

#[test]
fn junit_stays_well_formed_with_characters_xml_forbids() {
    let dir = tempfile::tempdir().unwrap();
    let text = HOSTILE_ANSWER.replace("Q3", "Q3 \u{fffe}\u{ffff}\u{1}\u{b}");
    fs::write(dir.path().join("a\u{fffe}\u{ffff}.md"), &text).unwrap();
    fs::write(dir.path().join("b.md"), &text).unwrap();
    let run = coach_in(dir.path(), &["score", ".", "--format", "junit"], &[]);
    assert!(run.stdout.contains("<testsuites"), "{}", run.stderr);
    xml::check(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout));
}

#[test]
fn github_actions_frames_human_output_in_a_fresh_stop_commands_guard() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), sample("weak-bullets.md")).unwrap();
    let mut tokens = Vec::new();
    for format in ["table", "summary"] {
        let run = coach_in(
            dir.path(),
            &["score", "a.md", "--format", format],
            &[("GITHUB_ACTIONS", "true")],
        );
        let lines: Vec<&str> = run.stdout.lines().collect();
        let token = lines[0]
            .strip_prefix("::stop-commands::")
            .unwrap_or_else(|| panic!("{format}: {}", run.stdout));
        assert_eq!(token.len(), 32);
        assert_eq!(lines.last().copied(), Some(format!("::{token}::").as_str()));
        tokens.push(token.to_string());
    }
    assert_ne!(tokens[0], tokens[1], "a fresh token each run");
    let sections = coach_in(
        dir.path(),
        &["sections", "a.md"],
        &[("GITHUB_ACTIONS", "true")],
    );
    assert!(
        sections.stdout.starts_with("::stop-commands::"),
        "{}",
        sections.stdout
    );
    let json = coach_in(
        dir.path(),
        &["score", "a.md", "--format", "json"],
        &[("GITHUB_ACTIONS", "true")],
    );
    json.json();
    let plain = coach_in(dir.path(), &["score", "a.md"], &[]);
    assert!(!plain.stdout.contains("stop-commands"));
}

#[test]
fn sections_shows_hostile_text_neutral() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("::error::s.md"),
        "# Q \u{1b}[2J?\n\nSituation: \u{1b}]8;;http://x\u{7}link ##[error]x\n",
    )
    .unwrap();
    let run = coach_in(dir.path(), &["sections", "."], &[]);
    assert!(
        runner_commands("table", &run.stdout).is_empty(),
        "{}",
        run.stdout
    );
    assert!(raw_controls(&run.stdout).is_empty(), "{}", run.stdout);
    let json = coach_in(dir.path(), &["sections", ".", "--format", "json"], &[]);
    assert!(!json.stdout.contains("##["));
    assert_eq!(json.json()["files"][0]["path"], "::error::s.md");
}

#[test]
fn rubric_check_refuses_control_characters_and_ids_off_the_pattern() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = |name: &str, id: &str, hint: &str| {
        format!(
            "name: {name}\ntitle: T\nchecks:\n  - id: {id}\n    title: One\n    points: 5\n    hint: {hint}\n    signal: metrics\n"
        )
    };
    let cases = [
        ("name.yaml", rubric("\"t\\n::error::x\"", "a.one", "do it")),
        ("id.yaml", rubric("t", "\"a.one\\n##[error]\"", "do it")),
        ("hint.yaml", rubric("t", "a.one", "\"do \\e[2J it\"")),
        ("pattern.yaml", rubric("t", "Results Quantified", "do it")),
        // Raw control characters in the file itself, quoted in the diagnostic's source line.
        (
            "raw.yaml",
            rubric("t", "a.one", "do \u{1b}[2J it\r::error::x"),
        ),
    ];
    for (file, text) in &cases {
        fs::write(dir.path().join(file), text).unwrap();
        let run = coach_in(dir.path(), &["rubric", "check", file], &[]);
        assert_eq!(run.code, 2, "{file}: {}", run.stdout);
        assert!(
            runner_commands("table", &run.stdout).is_empty(),
            "{}",
            run.stdout
        );
        let raw = raw_controls(&run.stdout);
        assert!(raw.is_empty(), "{file}: raw {raw:?}\n{}", run.stdout);
    }
    fs::write(
        dir.path().join("ok.yaml"),
        rubric("t", "results.before-after_2", "do it"),
    )
    .unwrap();
    let ok = coach_in(dir.path(), &["rubric", "check", "ok.yaml"], &[]);
    assert_eq!(ok.code, 0, "{}", ok.stdout);
}

/// The ids of the checks that lost points on `answer`, scored alone with the default choice.
fn failing_ids(dir: &Path, answer: &str) -> Vec<String> {
    let run = coach_in(
        dir,
        &["score", answer, "--format", "json", "--isolated"],
        &[],
    );
    run.json()["files"][0]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] != "pass")
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

/// A bank where a weak answer lowers its own bar three ways: an ignore comment, a `.coach.yaml`
/// in its folder, and a rubric of its own named in front matter.
fn lowered_bank() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let weak = sample("weak-bullets.md");
    fs::create_dir_all(dir.path().join("probe")).unwrap();
    fs::write(dir.path().join("probe/weak.md"), &weak).unwrap();
    let failing = failing_ids(dir.path(), "probe/weak.md");
    assert!(!failing.is_empty());
    fs::remove_dir_all(dir.path().join("probe")).unwrap();
    let ids = failing.join(" ");
    for folder in ["comment", "config", "front"] {
        fs::create_dir_all(dir.path().join(folder)).unwrap();
    }
    fs::write(
        dir.path().join("comment/weak.md"),
        format!("{weak}\n<!-- coach-ignore {ids} -->\n"),
    )
    .unwrap();
    fs::write(dir.path().join("config/weak.md"), &weak).unwrap();
    fs::write(
        dir.path().join("config/.coach.yaml"),
        format!("min-score: 0\ndisable: [{}]\n", failing.join(", ")),
    )
    .unwrap();
    fs::write(
        dir.path().join("front/easy.yaml"),
        "name: easy\ntitle: Easy\nchecks:\n  - id: any.words\n    title: Words\n    points: 1\n    hint: say something\n    pattern: better\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("front/weak.md"),
        format!("---\nrubric: easy.yaml\n---\n{weak}"),
    )
    .unwrap();
    dir
}

#[test]
fn isolated_keeps_every_way_of_lowering_the_bar_from_passing_a_weak_answer() {
    let bank = lowered_bank();
    for folder in ["comment", "config", "front"] {
        let answer = format!("{folder}/weak.md");
        let lowered = coach_in(
            bank.path(),
            &["score", &answer, "--min-score", "70", "--format", "json"],
            &[],
        );
        assert_eq!(
            lowered.code, 0,
            "{folder}: the bank lowers its own bar\n{}",
            lowered.stdout
        );
        let isolated = coach_in(
            bank.path(),
            &[
                "score",
                &answer,
                "--min-score",
                "70",
                "--format",
                "json",
                "--isolated",
            ],
            &[],
        );
        assert_eq!(
            isolated.code, 1,
            "{folder}: --isolated holds the bar\n{}",
            isolated.stdout
        );
        let file = &isolated.json()["files"][0];
        assert_eq!(file["suppressed"], Value::Array(Vec::new()));
        assert_eq!(file["config"], Value::Null);
        assert!(
            file["config_reason"]
                .as_str()
                .unwrap()
                .contains("--isolated")
        );
        assert_ne!(file["rubric"], "easy");
    }
}

#[test]
fn every_ignored_check_is_listed_in_json_sarif_github_junit_and_the_table() {
    let bank = lowered_bank();
    for folder in ["comment", "config"] {
        let answer = format!("{folder}/weak.md");
        let json = coach_in(bank.path(), &["score", &answer, "--format", "json"], &[]).json();
        let file = &json["files"][0];
        let suppressed = file["suppressed"].as_array().unwrap();
        assert!(!suppressed.is_empty(), "{folder}");
        let by = if folder == "comment" {
            "coach-ignore"
        } else {
            "disable"
        };
        for entry in suppressed {
            assert_eq!(entry["by"], by);
            assert!(entry["max_points"].as_u64().unwrap() > 0);
        }
        if folder == "config" {
            assert_eq!(file["config"], "config/.coach.yaml");
            assert_eq!(suppressed[0]["file"], "config/.coach.yaml");
        } else {
            assert_eq!(suppressed[0]["file"], "comment/weak.md");
            assert!(suppressed[0]["line"].as_u64().unwrap() > 1);
        }
        let ids: Vec<&str> = suppressed
            .iter()
            .map(|s| s["id"].as_str().unwrap())
            .collect();

        let sarif = coach_in(bank.path(), &["score", &answer, "--format", "sarif"], &[]).json();
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        for id in &ids {
            let result = results
                .iter()
                .find(|r| r["ruleId"] == *id && r.get("suppressions").is_some())
                .unwrap_or_else(|| panic!("{id} is no suppressed SARIF result"));
            let kind = if folder == "comment" {
                "inSource"
            } else {
                "external"
            };
            assert_eq!(result["suppressions"][0]["kind"], kind);
        }

        let github = coach_in(bank.path(), &["score", &answer, "--format", "github"], &[]);
        for id in &ids {
            assert!(
                github
                    .stdout
                    .contains(&format!("title=coach {id} not scored")),
                "{id}\n{}",
                github.stdout
            );
        }
        let junit = coach_in(bank.path(), &["score", &answer, "--format", "junit"], &[]);
        assert_eq!(junit.stdout.matches("<skipped ").count(), ids.len());
        let table = coach_in(bank.path(), &["score", &answer], &[]);
        let listed = table.stdout.matches("\nignored: ").count();
        assert_eq!(listed, ids.len().min(10), "{}", table.stdout);
        if ids.len() > 10 {
            let more = format!("… {} more ignored checks", ids.len() - 10);
            assert!(table.stdout.contains(&more), "{}", table.stdout);
        }
        let summary = coach_in(bank.path(), &["score", &answer, "--format", "summary"], &[]);
        assert!(
            summary
                .stdout
                .contains(&format!("{} checks ignored", ids.len())),
            "{}",
            summary.stdout
        );
    }
}

#[cfg(unix)]
#[test]
fn names_that_differ_only_in_invalid_bytes_are_both_scored() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let answer = sample("weak-bullets.md");
    for name in [&b"a\xff.md"[..], &b"a\xfe.md"[..]] {
        fs::write(dir.path().join(std::ffi::OsStr::from_bytes(name)), &answer).unwrap();
    }
    let json = coach_in(
        dir.path(),
        &["score", ".", "--format", "json", "--min-score", "0"],
        &[],
    );
    assert_eq!(json.code, 0, "{}", json.stderr);
    let report = json.json();
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["a\\xfe.md", "a\\xff.md"]);
    // A name with a backslash of its own reads differently from an escaped byte.
    fs::write(dir.path().join("a\\xfe.md"), &answer).unwrap();
    let sarif = coach_in(
        dir.path(),
        &["score", ".", "--format", "sarif", "--min-score", "0"],
        &[],
    );
    let uris: std::collections::BTreeSet<String> = sarif.json()["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            location["uri"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(
        uris.into_iter().collect::<Vec<_>>(),
        ["a%5Cxfe.md", "a%FE.md", "a%FF.md"],
        "SARIF names each file by its own bytes"
    );
    let summary = coach_in(dir.path(), &["score", ".", "--format", "summary"], &[]);
    assert!(
        summary.stdout.contains("3 answers in 3 files"),
        "{}",
        summary.stdout
    );
}

#[test]
fn a_folder_walk_skips_ignored_and_hidden_answers_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let answer = sample("weak-bullets.md");
    for name in ["a.md", "draft.md", ".hidden.md"] {
        fs::write(dir.path().join(name), &answer).unwrap();
    }
    fs::write(dir.path().join(".gitignore"), "draft.md\n").unwrap();
    let scored = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["score", ".", "--format", "json"];
        all.extend_from_slice(args);
        coach_in(dir.path(), &all, &[]).json()["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(scored(&[]), ["a.md"]);
    assert_eq!(scored(&["--hidden"]), [".hidden.md", "a.md"]);
    assert_eq!(scored(&["--no-ignore"]), ["a.md", "draft.md"]);
    let named = coach_in(
        dir.path(),
        &["score", "draft.md", ".hidden.md", "--format", "json"],
        &[],
    );
    assert_eq!(
        named.json()["files"].as_array().unwrap().len(),
        2,
        "named files are always scored"
    );
}

/// One story of a prep document: enough words and STAR parts to count as a story.
fn story(n: usize) -> String {
    format!(
        "## Story {n}\n\nSituation: our checkout p95 latency was 900 ms and we paged every night.\n\
Task: I owned getting p95 under 300 ms by the end of the quarter.\n\
Actions: I profiled the hot path, added a cache and rolled it out behind a canary.\n\
Results: p95 fell from 900 ms to 240 ms and pages dropped from 12 to 2 a week.\n\n"
    )
}

#[test]
fn a_file_of_many_stories_prints_a_bounded_table() {
    let dir = tempfile::tempdir().unwrap();
    let text: String = (0..400).map(story).collect();
    fs::write(dir.path().join("prep.md"), &text).unwrap();
    let json = coach_in(dir.path(), &["score", "prep.md", "--format", "json"], &[]);
    let answers = json.json()["files"].as_array().unwrap().len();
    assert!(
        answers > 300,
        "the file is split into its stories: {answers}"
    );
    for format in ["table", "summary"] {
        let run = coach_in(dir.path(), &["score", "prep.md", "--format", format], &[]);
        assert!(
            run.stdout.len() < 3 * text.len(),
            "{format}: {} bytes of output for {} of input",
            run.stdout.len(),
            text.len()
        );
        assert!(
            run.stdout.contains("more answers in prep.md"),
            "{format}: {}",
            run.stdout
        );
        assert!(
            run.stdout.contains(&format!("{answers} answers in 1 file")),
            "{format}"
        );
    }
}

#[test]
fn utf32_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = [0xff, 0xfe, 0, 0]
        .into_iter()
        .chain(
            "Situation: x"
                .chars()
                .flat_map(|c| (c as u32).to_le_bytes()),
        )
        .collect();
    fs::write(dir.path().join("a.md"), bytes).unwrap();
    let run = coach_in(dir.path(), &["score", "a.md"], &[]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr.trim(),
        "coach: a.md: is UTF-32 text; save it as UTF-8"
    );
}
