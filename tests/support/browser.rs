//! Debian's headless Chromium for the tests of coach's HTML pages: a screenshot or the DOM of
//! a page, and the requests the page itself made (there must be none).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Chromium's binary, or `None` where there is none.
pub fn chromium() -> Option<PathBuf> {
    super::program(
        "COACH_CHROMIUM",
        &["chromium", "chromium-browser", "google-chrome"],
    )
}

/// Runs Chromium headless on `page` with `extra` arguments; its network log goes to
/// `net_log`. Any request it makes goes to a closed port on this machine, so nothing leaves
/// it whatever the page holds.
pub fn headless(browser: &Path, page: &Path, net_log: &Path, extra: &[&str]) -> String {
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
pub fn page_requests(net_log: &Path) -> Vec<String> {
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
pub fn page_text(dom: &str) -> String {
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

pub fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Width and height from a PNG's header.
pub fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

/// A `width`×`height` screenshot of `page` (written beside it), checked to hold content and to
/// have been taken without the page requesting anything.
pub fn screenshot(browser: &Path, page: &Path, width: u32, height: u32) -> Vec<u8> {
    let shot = page.with_extension("png");
    let net_log = page.with_extension("shot-net.json");
    headless(
        browser,
        page,
        &net_log,
        &[
            &format!("--screenshot={}", shot.display()),
            &format!("--window-size={width},{height}"),
        ],
    );
    let png = std::fs::read(&shot).expect("a screenshot was taken");
    assert_eq!(png_size(&png), (width, height));
    assert!(
        png.len() > 20_000,
        "a page with content: {} bytes",
        png.len()
    );
    let requests = page_requests(&net_log);
    assert!(requests.is_empty(), "{requests:?}");
    png
}

/// The text a reader sees of `page` once rendered, checked to have loaded without the page
/// requesting anything.
pub fn rendered_text(browser: &Path, page: &Path) -> String {
    let net_log = page.with_extension("dom-net.json");
    let dom = headless(browser, page, &net_log, &["--dump-dom"]);
    let requests = page_requests(&net_log);
    assert!(requests.is_empty(), "{requests:?}");
    page_text(&dom)
}
