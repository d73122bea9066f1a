//! `coach review` (issue 17): the answer itself marked up, as plain text, colour, JSON and HTML,
//! and `--watch` rescoring on every save until Ctrl-C.

mod support;

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::{Run, root};

/// `coach ARGS` in the project root: not a terminal, no colour asked for, `columns` wide.
fn review_in(dir: &Path, args: &[&str], columns: &str, env: &[(&str, &str)]) -> Run {
    let mut command = support::command(dir);
    command
        .arg("review")
        .args(args)
        .env("COLUMNS", columns)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR");
    for (key, value) in env {
        command.env(key, value);
    }
    support::run(&mut command, None)
}

fn review(args: &[&str]) -> Run {
    review_in(root(), args, "100", &[])
}

fn samples() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    names
}

/// The plain view of every sample, an unlabelled answer and answers with missing sections
/// among them, pinned as a person reads it at 100 columns (notes under their lines).
#[test]
fn plain_view_snapshots_for_samples() {
    let names = samples();
    assert!(names.contains(&"unlabelled-spoken.md".to_string()));
    assert!(names.contains(&"weak-no-results.md".to_string()));
    for name in names {
        let output = review(&[&format!("samples/{name}")]);
        assert_eq!(output.code, 0, "{name}: {}", output.stderr);
        let stem = name.trim_end_matches(".md");
        insta::assert_snapshot!(format!("plain-{stem}"), output.stdout);
    }
}

/// On a wide terminal the notes stand in a margin beside their lines.
#[test]
fn wide_view_puts_notes_in_the_margin() {
    let output = review_in(root(), &["samples/weak-no-numbers.md"], "150", &[]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    insta::assert_snapshot!("wide-weak-no-numbers", output.stdout);
    for line in output.stdout.lines() {
        let columns = unicode_width::UnicodeWidthStr::width(line);
        assert!(columns <= 150 || !line.contains(" │ "), "{columns}: {line}");
    }
}

/// What the plain view shows for a missing section: a mark where it goes, and the notes after
/// the text with the line their fix belongs after.
#[test]
fn a_missing_section_is_placed_after_the_text() {
    let output = review(&["samples/weak-no-results.md"]);
    let text = &output.stdout;
    assert!(
        text.contains("✎ add the results and the reflection here"),
        "{text}"
    );
    let missing = text.split("Missing (no line to mark):").nth(1).expect(text);
    assert!(missing.contains("-2 results.present: no results section found"));
    assert!(missing.contains("add it after line 16"), "{missing}");
    let closing = text.split("Top fixes:").nth(1).expect(text);
    let fixes = closing
        .lines()
        .filter(|l| l.starts_with("  1. ") || l.starts_with("  2. ") || l.starts_with("  3. "));
    assert_eq!(fixes.count(), 3, "{closing}");
    assert!(closing.contains("(after line 16)"), "{closing}");
}

/// Colour on request or forced by CLICOLOR_FORCE; none when piped, with NO_COLOR or with
/// `--color never`, whatever else is set.
#[test]
fn colour_follows_the_terminal_no_color_and_the_flag() {
    let sample = "samples/weak-no-numbers.md";
    let escapes = |run: &Run| run.stdout.contains('\u{1b}');
    assert!(!escapes(&review(&[sample])), "piped: plain");
    let always = review(&[sample, "--color", "always"]);
    assert!(escapes(&always));
    assert!(always.stdout.contains("\u{1b}[31m") || always.stdout.contains("\u{1b}[1m"));
    let forced = review_in(root(), &[sample], "100", &[("CLICOLOR_FORCE", "1")]);
    assert!(escapes(&forced), "CLICOLOR_FORCE colours a pipe");
    let no_color = review_in(
        root(),
        &[sample],
        "100",
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert!(!escapes(&no_color), "NO_COLOR wins");
    let never = review_in(
        root(),
        &[sample, "--color", "never"],
        "100",
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(!escapes(&never));
    // The plain view marks the words checks found with brackets instead.
    assert!(never.stdout.contains("«I was asked»"), "{}", never.stdout);
    assert!(never.stdout.contains("⟦a lot faster⟧"), "{}", never.stdout);
}

/// The view wraps to the width it is given, answer rows and notes alike.
#[test]
fn text_wraps_to_the_width() {
    for columns in ["60", "80", "200"] {
        let output = review_in(root(), &["samples/strong-queue-migration.md"], columns, &[]);
        let width: usize = columns.parse().unwrap();
        for line in output.stdout.lines().filter(|l| l.contains(" │ ")) {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= width,
                "{columns}: {line}"
            );
        }
    }
}

/// The JSON is the score's JSON for the answer, unchanged, with `review` added: every line,
/// the notes (with where a missing part goes), the budget and the top fixes.
#[test]
fn json_adds_the_review_to_the_score_contract() {
    let sample = "samples/weak-no-results.md";
    let reviewed = review(&[sample, "--format", "json"]).json();
    let scored = support::coach(&["score", "--format", "json", sample]).json();
    let mut file = reviewed["files"][0].clone();
    let marked = file
        .as_object_mut()
        .unwrap()
        .remove("review")
        .expect("a review key");
    assert_eq!(file, scored["files"][0], "the score's object is unchanged");
    assert_eq!(reviewed["schema_version"], 1);
    assert_eq!(reviewed["errors"], serde_json::json!([]));

    let lines = marked["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 16);
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["sections"], serde_json::json!(["situation"]));
    assert_eq!(lines[4]["sections"], serde_json::json!([]));
    let text = lines[7]["text"].as_str().unwrap();
    let mark = &lines[7]["marks"][0];
    let (start, end) = (
        mark["start"].as_u64().unwrap() as usize,
        mark["end"].as_u64().unwrap() as usize,
    );
    let marked_words: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(marked_words, "I volunteered", "{mark}");
    assert_eq!(mark["kind"], "evidence");

    let notes = marked["notes"].as_array().unwrap();
    let present = notes
        .iter()
        .find(|n| n["check"] == "results.present")
        .expect("results.present lost points");
    assert_eq!(present["line"], Value::Null);
    assert_eq!(present["belongs"], serde_json::json!({"after_line": 16}));
    assert_eq!(present["points_lost"], 2);
    let placed = notes.iter().filter(|n| n["line"].is_u64()).count();
    assert!(placed >= 4, "{notes:?}");

    let budget = &marked["budget"];
    assert_eq!(budget["words_per_minute"], 150);
    let sections = budget["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 5);
    assert_eq!(sections[0]["name"], "situation");
    assert_eq!(sections[0]["verdict"], "over");
    assert_eq!(
        sections[0]["target"],
        serde_json::json!({"min": 5, "max": 20})
    );
    assert_eq!(sections[3]["told"], false);
    assert_eq!(
        marked["top_fixes"],
        serde_json::json!([
            "story.specifics",
            "results.before-after",
            "length.speaking-time"
        ])
    );
}

/// A file of several stories gets a review per story, each with its own lines.
#[test]
fn a_prep_document_is_reviewed_story_by_story() {
    let output = review(&["tests/fixtures/bank/prep.md", "--format", "json"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let files = output.json()["files"].as_array().unwrap().clone();
    assert!(files.len() >= 2, "{files:?}");
    let mut last_end = 0;
    for file in &files {
        assert!(file["path"].as_str().unwrap().contains('#'));
        let lines = file["review"]["lines"].as_array().unwrap();
        let first = lines.first().unwrap()["line"].as_u64().unwrap();
        assert!(first > last_end, "stories do not overlap");
        last_end = lines.last().unwrap()["line"].as_u64().unwrap();
    }
    let text = review(&["tests/fixtures/bank/prep.md"]).stdout;
    assert!(text.contains("prep.md#postgres-fleet-upgrade"), "{text}");
}

/// Standard input is reviewed as `-`; a missing file, a bad rubric and --watch where it cannot
/// work are errors (exit 2) that say what to do.
#[test]
fn stdin_and_errors() {
    let answer = std::fs::read_to_string(root().join("samples/weak-all-we.md")).unwrap();
    let mut command = support::command(root());
    command.args(["review", "-"]).env("COLUMNS", "100");
    let output = support::run(&mut command, Some(&answer));
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(
        output.stdout.starts_with("-  ·  rubric"),
        "{}",
        output.stdout
    );

    let missing = review(&["no/such.md"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("no/such.md: no such file"),
        "{}",
        missing.stderr
    );
    let json = review(&["no/such.md", "--format", "json"]);
    assert_eq!(json.code, 2);
    assert_eq!(json.json()["errors"][0]["path"], "no/such.md");

    let rubric = review(&["samples/weak-all-we.md", "--rubric", "no-such-rubric"]);
    assert_eq!(rubric.code, 2);
    assert!(
        rubric.stderr.contains("no-such-rubric"),
        "{}",
        rubric.stderr
    );

    let watch_json = review(&["samples/weak-all-we.md", "--watch", "--format", "json"]);
    assert_eq!(watch_json.code, 2);
    assert!(
        watch_json.stderr.contains("--watch"),
        "{}",
        watch_json.stderr
    );
    let watch_stdin = review(&["-", "--watch"]);
    assert_eq!(watch_stdin.code, 2);
    assert!(
        watch_stdin.stderr.contains("standard input"),
        "{}",
        watch_stdin.stderr
    );
}

/// An answer carrying terminal escapes, an OSC title, a forged runner command and markup:
/// none of it reaches the terminal view, the page or a CI log raw.
#[test]
fn hostile_answer_text_reaches_neither_terminal_nor_page_raw() {
    let dir = tempfile::tempdir().unwrap();
    let answer = "Situation: checkout p95 was 900 ms \u{1b}[2J\u{1b}]0;owned\u{7} and we paged nightly.\n\
::error file=x.md::forged annotation\n\
Task: I owned getting p95 under 300 ms ##[warning]by Q3.\n\
Actions: I profiled the hot path <script>alert(1)</script> and added a cache behind a canary.\n\
Results: p95 fell from 900 ms to 240 ms and pages dropped from 12 to 2 a week.\n";
    std::fs::write(dir.path().join("hostile.md"), answer).unwrap();
    for color in ["never", "always"] {
        let output = review_in(dir.path(), &["hostile.md", "--color", color], "100", &[]);
        assert_eq!(output.code, 0, "{}", output.stderr);
        let text = &output.stdout;
        assert!(!text.contains('\u{7}'), "BEL raw: {text:?}");
        assert!(
            !text.contains("\u{1b}[2J") && !text.contains("\u{1b}]0;"),
            "{text:?}"
        );
        assert!(!text.contains("##["), "{text}");
        assert!(
            text.lines().all(|l| !l.trim_start().starts_with("::")),
            "{text}"
        );
        assert!(
            text.contains("\\e[2J"),
            "escapes are shown, not acted on: {text}"
        );
    }
    let page = review_in(dir.path(), &["hostile.md", "--format", "html"], "100", &[]).stdout;
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(
        !page.contains('\u{1b}') && !page.contains('\u{7}'),
        "{page:?}"
    );
    assert!(!page.contains("##["), "{page}");
    assert!(page.lines().all(|l| !l.starts_with("::")), "{page}");
    let data = review_in(dir.path(), &["hostile.md", "--format", "json"], "100", &[]);
    let value = data.json();
    let lines = value["files"][0]["review"]["lines"].as_array().unwrap();
    assert_eq!(
        lines[0]["text"].as_str().unwrap(),
        answer.lines().next().unwrap(),
        "JSON keeps the text exactly as read"
    );
    assert!(!data.stdout.contains('\u{1b}') && !data.stdout.contains("##["));
}

/// The HTML page is one self-contained document: no script, nothing loaded from elsewhere,
/// and a policy that forbids loading anything.
#[test]
fn html_is_self_contained() {
    let page = review(&["samples/weak-no-numbers.md", "--format", "html"]);
    assert_eq!(page.code, 0, "{}", page.stderr);
    let html = &page.stdout;
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("default-src 'none'"),
        "a CSP that loads nothing"
    );
    for outside in [
        "<script", "src=", "href=", "url(", "@import", "http://", "https://",
    ] {
        assert!(!html.contains(outside), "{outside} in the page");
    }
    assert!(html.contains("-15 results.before-after"));
}

/// Reads a child's standard output on a thread, line by line, so a test can wait for text.
struct Transcript {
    lines: mpsc::Receiver<String>,
    seen: String,
}

impl Transcript {
    fn new(stdout: std::process::ChildStdout) -> Transcript {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Transcript {
            lines: rx,
            seen: String::new(),
        }
    }

    /// Everything left to read once the child has ended.
    fn rest(&mut self) -> String {
        let mut rest = String::new();
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(10)) {
            rest.push_str(&line);
            rest.push('\n');
        }
        rest
    }

    /// Waits until the screens printed since the last wait hold every one of `needles`, marks
    /// left out.
    fn wait_for(&mut self, needles: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut fresh = String::new();
        // A screen ends with the "watching …" line: wait for the whole of it.
        let drawn = |fresh: &str| {
            needles.iter().all(|n| fresh.contains(n))
                && fresh
                    .lines()
                    .last()
                    .is_some_and(|l| l.starts_with("watching "))
        };
        while !drawn(&fresh) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    // The words checks found are bracketed; the edits are looked for as typed.
                    fresh.extend(line.chars().filter(|c| !"«»⟦⟧".contains(*c)));
                    fresh.push('\n');
                }
                Err(_) => panic!(
                    "waited 30s for {needles:?}; got:\n{fresh}\n--- before that:\n{}",
                    self.seen
                ),
            }
        }
        self.seen.push_str(&fresh);
        fresh
    }
}

/// `--watch` on a temporary answer: the first review, then two edits each reflected (their
/// words in the text, the score's move and the checks that flipped), a save that leaves the
/// file unreadable in between, then SIGINT, which ends the watch with exit code 0.
#[cfg(unix)]
#[test]
fn watch_rescores_on_every_save_until_interrupted() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("draft.md");
    let draft = "**Situation:** Deploys were slow and everyone complained.\n\n\
**Task:** I was asked to make them faster.\n\n\
**Action:** I cached the builds and split the test suite.\n";
    std::fs::write(&path, draft).unwrap();
    let mut child = support::command(dir.path())
        .args(["review", "--watch", "draft.md"])
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("coach starts");
    let mut out = Transcript::new(child.stdout.take().unwrap());
    let first = out.wait_for(&["watching draft.md"]);
    assert!(first.contains("I cached the builds"), "{first}");

    // Edit 1: results with numbers.
    let edit1 = format!("{draft}\n**Result:** Deploys fell from 40 to 9 minutes.\n");
    std::fs::write(&path, &edit1).unwrap();
    let second = out.wait_for(&[
        "Deploys fell from",
        "since the last save: score",
        "(review 2)",
    ]);
    assert!(
        second.contains("+ results.present 0/2 → 2/2, now passes"),
        "{second}"
    );

    // A save that leaves the file unreadable: the error is shown and the watch goes on.
    std::fs::write(&path, b"\xff\xfe\x00broken").unwrap();
    let broken = out.wait_for(&["still watching, save again"]);
    assert!(broken.contains("draft.md:"), "{broken}");

    // Edit 2: a lesson.
    let edit2 = format!("{edit1}\n**Lesson:** Next time I would measure the deploys first.\n");
    std::fs::write(&path, &edit2).unwrap();
    let third = out.wait_for(&["Next time I would measure", "since the last save: score"]);
    assert!(third.contains("+ reflection.present"), "{third}");

    let pid = child.id().to_string();
    let sent = Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .expect("kill runs");
    assert!(sent.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the watch did not end after SIGINT");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "Ctrl-C ends the watch cleanly");
    let last = out.rest();
    assert!(last.contains("stopped watching draft.md"), "{last}");
}

/// The README shows the plain view of a sample as coach prints it at 100 columns.
#[test]
fn readme_shows_the_plain_view_as_printed() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let command = "$ coach review samples/unlabelled-spoken.md\n";
    let start = readme.find(command).expect("the README shows a review") + command.len();
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let output = review(&["samples/unlabelled-spoken.md"]);
    assert_eq!(shown, output.stdout, "update the README's review example");
}
