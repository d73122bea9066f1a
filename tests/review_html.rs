//! The `coach review --format html` page in a real browser: Debian's headless Chromium renders
//! it to a screenshot, its network log shows the page asked for nothing, and every margin note
//! of the review's JSON is in the page's text. Skipped, with a message, where no Chromium is
//! installed (`apt-get install chromium`; `COACH_CHROMIUM` names another binary).
//!
//! `COACH_UPDATE_SCREENSHOT=1` also copies the screenshot to `docs/review.png` for the README.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::root;

const SAMPLE: &str = "samples/weak-no-results.md";

/// Chromium's binary, or `None` where there is none.
fn chromium() -> Option<PathBuf> {
    if let Some(named) = std::env::var_os("COACH_CHROMIUM") {
        return Some(PathBuf::from(named));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| {
            ["chromium", "chromium-browser", "google-chrome"]
                .into_iter()
                .map(move |name| dir.join(name))
        })
        .find(|candidate| candidate.is_file())
}

/// Runs Chromium headless on `page` with `extra` arguments; its network log goes to
/// `net_log`. Any request it makes goes to a closed port on this machine, so nothing leaves
/// it whatever the page holds.
fn headless(browser: &Path, page: &Path, net_log: &Path, extra: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    // A port nothing listens on: bound, then let go.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--proxy-server=127.0.0.1:{port}"))
        .arg("--proxy-bypass-list=<-loopback>")
        .arg(format!("--log-net-log={}", net_log.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).ok();
        text
    });
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 90s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    reader.join().unwrap()
}

/// URLs the page itself asked for, from Chromium's network log. Chromium's own background
/// requests have no origin ("not an origin"); a page's carry its origin, which for a
/// `file://` page is `null`.
fn page_requests(net_log: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(net_log).expect("chromium wrote its network log");
    // A log cut short ends without its closing brackets.
    let log: Value = serde_json::from_str(&text)
        .or_else(|_| serde_json::from_str(&format!("{}]}}", text.trim_end().trim_end_matches(','))))
        .expect("the network log parses");
    let names = log["constants"]["logEventTypes"].as_object().unwrap();
    let start_job = names["URL_REQUEST_START_JOB"].as_u64().unwrap();
    log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"].as_u64() == Some(start_job))
        .filter(|e| {
            e["params"]["initiator"]
                .as_str()
                .is_some_and(|origin| origin != "not an origin")
        })
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_string))
        .collect()
}

/// The text a reader sees: the body without tags, entities decoded, whitespace collapsed.
fn page_text(dom: &str) -> String {
    let body = dom.split("<body").nth(1).unwrap_or(dom);
    let mut text = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    collapse(&text)
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Width and height from a PNG's header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

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
    let shot = dir.path().join("review.png");
    let net_log = dir.path().join("net-shot.json");
    headless(
        &browser,
        &page,
        &net_log,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,2300",
        ],
    );
    let png = std::fs::read(&shot).expect("a screenshot was taken");
    assert_eq!(png_size(&png), (1280, 2300));
    assert!(
        png.len() > 20_000,
        "a page with content: {} bytes",
        png.len()
    );
    assert!(
        page_requests(&net_log).is_empty(),
        "{:?}",
        page_requests(&net_log)
    );
    if std::env::var_os("COACH_UPDATE_SCREENSHOT").is_some() {
        std::fs::write(root().join("docs/review.png"), &png).unwrap();
    }

    // The rendered page's text, and the requests made while it loaded.
    let net_log = dir.path().join("net-dom.json");
    let dom = headless(&browser, &page, &net_log, &["--dump-dom"]);
    assert!(
        page_requests(&net_log).is_empty(),
        "{:?}",
        page_requests(&net_log)
    );
    let text = page_text(&dom);
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
