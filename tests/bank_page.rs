//! `coach score BANK --format html`: one page for the whole bank, every answer on it, nothing
//! fetched; rendered by Debian's headless Chromium where it is installed (skipped with a message
//! where not: `apt-get install chromium`, or `COACH_CHROMIUM` names another binary).

mod support;

use support::browser::{chromium, rendered_text, screenshot};
use support::{command, root, run};

/// The bank page of `dir`, and the exit code.
fn bank_page(dir: &std::path::Path) -> (i32, String) {
    let done = run(command(dir).args(["score", "--format", "html", "."]), None);
    assert!(done.stderr.is_empty() || done.code == 2, "{}", done.stderr);
    (done.code, done.stdout)
}

fn fixtures() -> std::path::PathBuf {
    root().join("tests/fixtures/bank")
}

#[test]
fn the_page_lists_every_answer_the_spread_the_gaps_and_the_kinds_without_answers() {
    let (code, page) = bank_page(&fixtures());
    assert_eq!(code, 1, "two answers of the fixtures fail");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("default-src 'none'") && !page.contains("<script"));
    for answer in [
        "prep.md#postgres-fleet-upgrade",
        "prep.md#conflict-with-a-product-manager",
        "strong.md",
        "weak.md",
    ] {
        assert!(page.contains(answer), "{answer}");
    }
    assert!(page.contains("4 answers in 3 files: 2 passed, 2 failed"));
    // One bar per band of ten points, and the single pass score drawn across them.
    assert_eq!(page.matches("<rect class=\"bin\"").count(), 10);
    assert!(page.contains("pass 55"));
    // Every answer misses its speaking time: the most often failed check, in all four.
    let failed = page.split("Checks most often failed").nth(1).unwrap();
    let first_row = failed.split("<tr>").nth(2).unwrap();
    assert!(first_row.contains("length.speaking-time") && first_row.contains("4 (100%)"));
    // The four read as infra-leadership, conflict and star stories (two of them): the other
    // built-in kinds have none yet.
    let kinds = page.split("No answer yet:").nth(1).unwrap();
    let kinds = kinds.split("</p>").next().unwrap();
    for kind in ["incident-response", "failure", "influence", "ambiguity"] {
        assert!(kinds.contains(&format!("<code>{kind}</code>")), "{kind}");
    }
    for kind in ["infra-leadership", "conflict", "star"] {
        assert!(!kinds.contains(&format!("<code>{kind}</code>")), "{kind}");
    }
}

#[test]
fn names_from_the_bank_are_text_and_unreadable_files_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let strong = std::fs::read_to_string(fixtures().join("strong.md")).unwrap();
    std::fs::write(dir.path().join("a<img src=x>.md"), &strong).unwrap();
    std::fs::write(dir.path().join("broken.md"), b"\xff\xfe\x00binary").unwrap();
    let (code, page) = bank_page(dir.path());
    assert_eq!(code, 2, "an unreadable answer is an error");
    assert!(!page.contains("<img"), "a file name cannot add markup");
    assert!(page.contains("a&lt;img src=x&gt;.md"));
    assert!(page.contains("Could not be scored") && page.contains("broken.md"));
}

#[test]
fn the_page_renders_offline_with_every_answer() {
    let Some(browser) = chromium() else {
        eprintln!(
            "skipped: no Chromium found (apt-get install chromium, or set COACH_CHROMIUM) to render the bank page"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = bank_page(&fixtures());
    let page = dir.path().join("bank.html");
    std::fs::write(&page, &html).unwrap();

    screenshot(&browser, &page, 1100, 1400);
    let text = rendered_text(&browser, &page);
    for answer in [
        "prep.md#postgres-fleet-upgrade",
        "prep.md#conflict-with-a-product-manager",
        "strong.md",
        "weak.md",
    ] {
        assert!(text.contains(answer), "{answer} in {text}");
    }
    assert!(text.contains("Checks most often failed") && text.contains("No answer yet"));
}

#[test]
fn an_html_folder_holds_the_bank_page_and_each_files_review_linked_from_it() {
    let out = tempfile::tempdir().unwrap();
    let done = run(
        command(&fixtures()).args([
            "score",
            ".",
            "--format",
            "summary",
            "--html-dir",
            out.path().to_str().unwrap(),
        ]),
        None,
    );
    assert_eq!(done.code, 1, "{}", done.stderr);
    assert!(
        done.stdout.contains("4 answers in 3 files"),
        "the report still goes to stdout"
    );
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    for (answer, page) in [
        ("prep.md#postgres-fleet-upgrade", "prep.md.html"),
        ("prep.md#conflict-with-a-product-manager", "prep.md.html"),
        ("strong.md", "strong.md.html"),
        ("weak.md", "weak.md.html"),
    ] {
        assert!(
            index.contains(&format!("<a href=\"{page}\">{answer}</a>")),
            "{answer} links to {page}"
        );
        let review = std::fs::read_to_string(out.path().join(page)).unwrap();
        assert!(
            review.contains("<title>Review: "),
            "{page} is a review page"
        );
    }
    let mut written: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "index.html",
            "prep.md.html",
            "strong.md.html",
            "weak.md.html"
        ]
    );
}
