//! A shared bank is untrusted input (issue 16): what its answers, `.coach.yaml` and rubrics
//! name is read only from inside the project, nothing outside it reaches the output, one
//! answer's panic is that answer's error, and SARIF points at files relative to the run.

mod guarded;

use guarded::{Run, coach_in, command, run};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

const GOOD: &str = "Situation: checkout p95 latency was 900 ms and we paged nightly.\n\
Task: I owned getting p95 under 300 ms by Q3.\n\
Actions: I profiled the hot path, added a cache and rolled it out behind a canary.\n\
Results: p95 fell from 900 ms to 240 ms and pages dropped from 12 to 2 a week.\n\
Reflection: next time I would load test before the canary.\n";

/// The first line of the file outside the project: YAML errors quote a document's first key,
/// so this is what a leak would show.
const SECRET: &str = "CANARY-c0ffee-not-for-logs";

/// A project (its root marked by `.coach.yaml`) beside a folder it does not hold.
struct Layout {
    _dir: tempfile::TempDir,
    project: PathBuf,
    secret: PathBuf,
}

fn layout() -> Layout {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    let outside = dir.path().join("outside");
    fs::create_dir_all(project.join("bank")).unwrap();
    fs::create_dir_all(project.join("rubrics")).unwrap();
    fs::create_dir_all(&outside).unwrap();
    fs::write(project.join(".coach.yaml"), "min-score: 0\n").unwrap();
    let secret = outside.join("secret.yaml");
    fs::write(&secret, format!("{SECRET}: 1\npassword: hunter2\n")).unwrap();
    fs::write(project.join("bank/good.md"), GOOD).unwrap();
    Layout {
        _dir: dir,
        project,
        secret,
    }
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// An answer whose front matter names `rubric` on its second line.
fn naming(rubric: &str) -> String {
    format!("---\nrubric: {rubric}\n---\n{GOOD}")
}

/// Fails when anything of the secret file, or a NUL byte from `/dev/zero`, is in the output.
fn assert_nothing_leaked(run: &Run) {
    for (name, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        for leak in [SECRET, "hunter2", "\0"] {
            assert!(!text.contains(leak), "{name} shows {leak:?}:\n{text}");
        }
    }
}

fn error_for<'a>(report: &'a Value, path: &str) -> &'a str {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"] == path)
        .unwrap_or_else(|| panic!("no error for {path}: {report:#}"))["message"]
        .as_str()
        .unwrap()
}

fn scored_paths(report: &Value) -> Vec<&str> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect()
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Each way out of the project, in front matter, is refused on its own: exit 2, the refusal
/// names the answer and the front-matter line, nothing of the named file is shown, and the
/// good answer in the same run is scored. A FIFO would hang the run if it were opened.
#[cfg(unix)]
#[test]
fn front_matter_cannot_name_a_rubric_outside_the_project() {
    let at = layout();
    let bank = at.project.join("bank");
    let secret = at.secret.display().to_string();
    symlink(&at.secret, bank.join("link.yaml"));
    symlink("/dev/zero", bank.join("zero.yaml"));
    mkfifo(&bank.join("pipe.yaml"));
    let cases = [
        ("absolute.md", secret.as_str(), "it is an absolute path"),
        ("dotdot.md", "../../outside/secret.yaml", "`..` leads out"),
        ("link.md", "link.yaml", "symbolic link that leads out"),
        ("fifo.md", "pipe.yaml", "not a regular file"),
        ("dev-zero.md", "/dev/zero", "it is an absolute path"),
        ("zero-link.md", "zero.yaml", "symbolic link that leads out"),
    ];
    for (answer, rubric, why) in cases {
        write(&bank, answer, &naming(rubric));
        let shown = format!("bank/{answer}");
        let run = coach_in(
            &at.project,
            ["score", "--format", "json", &shown, "bank/good.md"],
            b"",
        );
        assert_eq!(run.code(), Some(2), "{answer}: {}", run.stderr);
        assert_nothing_leaked(&run);
        let report = run.json();
        let message = error_for(&report, &shown);
        assert!(message.starts_with("front matter line 2: "), "{message}");
        assert!(message.contains(why), "{answer}: {message}");
        assert_eq!(scored_paths(&report), ["bank/good.md"], "{answer}");

        // The table names the answer on stderr, the same way.
        let run = coach_in(&at.project, ["score", &shown, "bank/good.md"], b"");
        assert_eq!(run.code(), Some(2));
        assert_nothing_leaked(&run);
        assert!(
            run.stderr
                .contains(&format!("coach: {shown}: front matter line 2: ")),
            "{}",
            run.stderr
        );
        assert!(run.stdout.contains("bank/good.md"), "{}", run.stdout);
    }
}

/// A folder walk reads the bank's regular files only: an answer that is a link out of the
/// project, or a FIFO, is not read (nor waited on).
#[cfg(unix)]
#[test]
fn a_walked_bank_reads_only_its_regular_files() {
    let at = layout();
    let outside_answer = at.secret.with_file_name("notes.md");
    fs::write(
        &outside_answer,
        format!("Situation: {SECRET} p95 was 900 ms.\n{GOOD}"),
    )
    .unwrap();
    symlink(&outside_answer, at.project.join("bank/leak.md"));
    mkfifo(&at.project.join("bank/pipe.md"));
    let run = coach_in(&at.project, ["score", "--format", "json", "bank"], b"");
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    assert_nothing_leaked(&run);
    assert_eq!(scored_paths(&run.json()), ["bank/good.md"]);
}

/// A rubric inside the project, reached by `..` or a link that stays inside, still loads.
#[cfg(unix)]
#[test]
fn rubrics_inside_the_project_still_load() {
    let at = layout();
    let rubric = "name: team\ntitle: Team\nextends: star\n";
    write(&at.project, "rubrics/team.yaml", rubric);
    symlink(
        "../rubrics/team.yaml",
        at.project.join("bank/team-link.yaml"),
    );
    write(&at.project, "bank/up.md", &naming("../rubrics/team.yaml"));
    write(&at.project, "bank/linked.md", &naming("team-link.yaml"));
    write(&at.project, "bank/bare.md", &naming("team"));
    let run = coach_in(&at.project, ["score", "--format", "json", "bank"], b"");
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    let report = run.json();
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), 4, "{report:#}");
    for file in files.iter().filter(|f| f["path"] != "bank/good.md") {
        assert_eq!(file["rubric"], "team", "{file:#}");
    }
}

/// `.coach.yaml` is the bank's file too: a rubric it names and the file itself, as a link,
/// stay inside the project; the refusal names the answer and the configuration's line.
#[cfg(unix)]
#[test]
fn coach_yaml_cannot_reach_outside_the_project() {
    let at = layout();
    let secret = at.secret.display().to_string();
    write(
        &at.project,
        ".coach.yaml",
        &format!("min-score: 0\noverrides:\n  - files: \"named/**\"\n    rubric: {secret}\n"),
    );
    write(&at.project, "named/a.md", GOOD);
    fs::create_dir_all(at.project.join("linked")).unwrap();
    symlink(&at.secret, at.project.join("linked/.coach.yaml"));
    write(&at.project, "linked/b.md", GOOD);
    let run = coach_in(&at.project, ["score", "--format", "json", "."], b"");
    assert_eq!(run.code(), Some(2), "{}", run.stderr);
    assert_nothing_leaked(&run);
    let report = run.json();
    let named = error_for(&report, "named/a.md");
    assert!(
        named.starts_with(".coach.yaml:4: ") && named.contains("absolute path"),
        "{named}"
    );
    let linked = error_for(&report, "linked/b.md");
    assert!(
        linked.contains("linked/.coach.yaml") && linked.contains("symbolic link"),
        "{linked}"
    );
    assert_eq!(scored_paths(&report), ["bank/good.md"]);
}

/// A project rubric is shared text as well: its `extends` may not leave the project, whether
/// front matter or the command line named it.
#[cfg(unix)]
#[test]
fn a_project_rubric_cannot_extend_a_file_outside_it() {
    let at = layout();
    write(
        &at.project,
        "rubrics/team.yaml",
        "name: team\ntitle: Team\nextends: ../../outside/secret.yaml\n",
    );
    write(&at.project, "bank/team.md", &naming("team"));
    let run = coach_in(&at.project, ["score", "--format", "json", "bank"], b"");
    assert_eq!(run.code(), Some(2), "{}", run.stderr);
    assert_nothing_leaked(&run);
    let report = run.json();
    let message = error_for(&report, "bank/team.md");
    assert!(
        message.contains("rubrics/team.yaml:3:1: extends: refused"),
        "{message}"
    );
    assert_eq!(scored_paths(&report), ["bank/good.md"]);

    let run = coach_in(
        &at.project,
        ["score", "--rubric", "rubrics/team.yaml", "bank/good.md"],
        b"",
    );
    assert_eq!(run.code(), Some(2));
    assert_nothing_leaked(&run);
    assert!(run.stderr.contains("extends: refused"), "{}", run.stderr);
}

/// What the user types is theirs: `--rubric` may name a file anywhere.
#[test]
fn the_command_line_may_name_a_rubric_anywhere() {
    let at = layout();
    let elsewhere = at.secret.with_file_name("mine.yaml");
    fs::write(&elsewhere, "name: mine\ntitle: Mine\nextends: star\n").unwrap();
    let run = coach_in(
        &at.project,
        [
            "score",
            "--format",
            "json",
            "--rubric",
            elsewhere.to_str().unwrap(),
            "bank/good.md",
        ],
        b"",
    );
    assert_eq!(run.code(), Some(0), "{}", run.stderr);
    assert_eq!(run.json()["files"][0]["rubric"], "mine");
}

/// One answer that panics (forced by the debug builds' test hook) is an error for that file;
/// the answers before and after it are scored and written, and the run exits 2.
#[test]
fn a_panicking_answer_is_an_error_and_the_rest_are_scored() {
    let at = layout();
    write(&at.project, "bank/boom.md", GOOD);
    write(&at.project, "bank/later.md", GOOD);
    for format in ["json", "table", "sarif", "junit"] {
        let mut command = command(["score", "--format", format, "bank"]);
        command
            .current_dir(&at.project)
            .env("COACH_DEBUG_PANIC_ON", "bank/boom.md");
        let run = run(command, b"");
        assert_eq!(run.code(), Some(2), "{format}: {}", run.stderr);
        for answer in ["bank/good.md", "bank/later.md"] {
            assert!(run.stdout.contains(answer), "{format}: {}", run.stdout);
        }
        if format == "json" {
            let report = run.json();
            let message = error_for(&report, "bank/boom.md");
            assert!(message.starts_with("internal error"), "{message}");
            assert_eq!(scored_paths(&report), ["bank/good.md", "bank/later.md"]);
        }
        if format == "table" {
            assert!(
                run.stderr.contains("coach: bank/boom.md: internal error"),
                "{}",
                run.stderr
            );
        }
    }
}

/// SARIF URIs are relative to the folder coach ran in, with that folder as `%SRCROOT%`,
/// however the answers were named: an absolute path inside it, or one outside it.
#[test]
fn sarif_uris_are_relative_whatever_path_was_given() {
    let at = layout();
    write(
        &at.project,
        "bank/weak.md",
        "Situation: it was slow.\nI fixed it.\n",
    );
    let bank = at.project.join("bank");
    let outside = at.secret.parent().unwrap().to_path_buf();
    for (cwd, expected) in [
        (&at.project, "bank/weak.md"),
        (&outside, "../project/bank/weak.md"),
    ] {
        let run = coach_in(
            cwd,
            ["score", "--format", "sarif", bank.to_str().unwrap()],
            b"",
        );
        assert_eq!(run.code(), Some(0), "{}", run.stderr);
        let sarif = run.json();
        let the_run = &sarif["runs"][0];
        assert!(
            the_run["originalUriBaseIds"]["%SRCROOT%"].is_object(),
            "{the_run:#}"
        );
        let results = the_run["results"].as_array().unwrap();
        assert!(!results.is_empty());
        for result in results {
            let location = &result["locations"][0]["physicalLocation"]["artifactLocation"];
            assert_eq!(location["uriBaseId"], "%SRCROOT%");
            let uri = location["uri"].as_str().unwrap();
            assert!(uri == expected || uri == "bank/good.md" || uri == "../project/bank/good.md");
            assert!(!uri.starts_with('/'), "{uri}");
        }
        assert!(
            results.iter().any(
                |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == expected
            ),
            "{sarif:#}"
        );
    }
}
