//! The `coach review --format html` page in a real browser: Debian's headless Chromium renders
//! it to a screenshot, its network log shows the page asked for nothing, and every margin note
//! of the review's JSON is in the page's text. Skipped, with a message, where no Chromium is
//! installed (`apt-get install chromium`; `COACH_CHROMIUM` names another binary).
//!
//! `COACH_UPDATE_SCREENSHOT=1` also copies the screenshot to `docs/review.png` for the README.

mod support;

use support::browser::{
    chromium, collapse, headless, page_requests, rendered_text, screenshot, squash,
};
use support::root;

const SAMPLE: &str = "samples/weak-no-results.md";

#[test]
fn the_page_renders_offline_with_every_margin_note() {
    let Some(browser) = chromium() else {
        eprintln!(
            "skipped: no Chromium found (apt-get install chromium, or set COACH_CHROMIUM) to render the review page"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let html = support::coach(&["review", "--format", "html", SAMPLE]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    let page = dir.path().join("review.html");
    std::fs::write(&page, &html.stdout).unwrap();
    let data = support::coach(&["review", "--format", "json", SAMPLE]).json();

    // A screenshot of the whole review.
    let png = screenshot(&browser, &page, 1280, 2300);
    if std::env::var_os("COACH_UPDATE_SCREENSHOT").is_some() {
        std::fs::write(root().join("docs/review.png"), &png).unwrap();
    }

    // The rendered page's text, loaded without a request.
    let text = rendered_text(&browser, &page);
    assert!(text.contains("Time budget"), "{text}");
    // Tags became spaces, so notes are compared without any whitespace.
    let squashed = squash(&text);
    let notes = data["files"][0]["review"]["notes"].as_array().unwrap();
    assert!(notes.len() >= 10, "{notes:?}");
    for note in notes {
        let head = format!(
            "✎ -{} {}: {}",
            note["points_lost"],
            note["check"].as_str().unwrap(),
            collapse(note["message"].as_str().unwrap())
        );
        assert!(
            squashed.contains(&squash(&head)),
            "{head:?} not in the page:\n{text}"
        );
        let fix = format!("fix: {}", collapse(note["hint"].as_str().unwrap()));
        assert!(squashed.contains(&squash(&fix)), "{fix:?} not in the page");
    }

    // The check itself sees requests: a page that does load something is caught.
    let leaky = dir.path().join("leaky.html");
    std::fs::write(
        &leaky,
        "<!DOCTYPE html><html><body><img src=\"http://example.invalid/x.png\"></body></html>",
    )
    .unwrap();
    let net_log = dir.path().join("net-leaky.json");
    headless(&browser, &leaky, &net_log, &["--dump-dom"]);
    let requests = page_requests(&net_log);
    assert!(
        requests.iter().any(|url| url.contains("example.invalid")),
        "the network log shows a page's requests: {requests:?}"
    );
}
