//! `coach review --watch`: the review again after every save, with what the save changed.
//!
//! The system says when the file changes (notify: inotify, FSEvents, ...), and the review waits
//! for the writes of one save to settle. The folder is watched rather than the file, because
//! many editors save by writing a new file and renaming it over the old one. A save that leaves the file unreadable, empty or half-written shows
//! the error over the last good review and the watch goes on; the next save redraws. Ctrl-C
//! (or SIGTERM) ends the watch with exit code 0.

use super::{Reviewer, render_text};
use crate::commands::{PASSED, write_stdout};
use coach::report::neutral::visible;
use coach::report::paint::{self, Paint};
use coach::report::review::text::View;
use coach::report::{FileError, FileReport};
use coach::review::change;
use notify::event::ModifyKind;
use notify::{Event, EventKind, RecursiveMode, Watcher};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

/// How long the file must stay quiet before it is read: an editor's save is several writes.
const SETTLE: Duration = Duration::from_millis(150);

/// What wakes the watch.
enum Wake {
    Saved,
    WatchFailed(String),
    Stop,
}

pub fn run(reviewer: &Reviewer<'_>, path: &Path, view: View) -> anyhow::Result<u8> {
    let (folder, target) = watched(path)?;
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Wake::Stop);
    })?;
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<Event>| {
        let wake = match result {
            Ok(event) if is_save(&event, &target) => Wake::Saved,
            Ok(_) => return,
            Err(error) => Wake::WatchFailed(error.to_string()),
        };
        let _ = tx.send(wake);
    })?;
    watcher.watch(&folder, RecursiveMode::NonRecursive)?;

    let mut screen = Screen {
        terminal: std::io::stdout().is_terminal(),
        view,
        shown: reviewer.shown_path().to_string(),
        last: None,
        last_text: String::new(),
        draws: 0,
    };
    write_stdout(&screen.draw(reviewer.review()))?;
    while let Ok(wake) = rx.recv() {
        match wake {
            Wake::Saved => {
                if settled(&rx).is_err() {
                    break;
                }
                write_stdout(&screen.draw(reviewer.review()))?;
            }
            Wake::WatchFailed(message) => write_stdout(&format!(
                "coach: watching {} hit a problem: {}; still watching\n",
                visible(&screen.shown),
                visible(&message)
            ))?,
            Wake::Stop => break,
        }
    }
    write_stdout(&format!("stopped watching {}\n", visible(&screen.shown)))?;
    Ok(PASSED)
}

/// A change to the answer's content: written, created, renamed onto or removed. Reading it
/// (coach's own reads among them) and changes to its metadata alone are not saves.
fn is_save(event: &Event, target: &Path) -> bool {
    let content = match event.kind {
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
        EventKind::Other => false,
    };
    content && event.paths.iter().any(|p| p == target)
}

/// Waits until no save has come for [`SETTLE`]; `Err` when the watch is to stop.
fn settled(rx: &Receiver<Wake>) -> Result<(), ()> {
    loop {
        match rx.recv_timeout(SETTLE) {
            Ok(Wake::Saved | Wake::WatchFailed(_)) => continue,
            Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => return Err(()),
            Err(RecvTimeoutError::Timeout) => return Ok(()),
        }
    }
}

/// The folder to watch and the path its events name the answer by.
fn watched(path: &Path) -> anyhow::Result<(PathBuf, PathBuf)> {
    let name = path
        .file_name()
        .ok_or_else(|| anyhow::anyhow!("{}: not a file to watch", path.display()))?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let folder = folder
        .canonicalize()
        .map_err(|error| anyhow::anyhow!("{}: cannot watch its folder: {error}", path.display()))?;
    let target = folder.join(name);
    Ok((folder, target))
}

/// What the watch has shown so far.
struct Screen {
    terminal: bool,
    view: View,
    shown: String,
    /// The reports of the last save that could be reviewed, to say what the next one changed.
    last: Option<Vec<FileReport>>,
    /// The text of that review, shown again under an error.
    last_text: String,
    draws: usize,
}

impl Screen {
    /// The screen after a save: the review (or the error and the last review), then what the
    /// save changed, at the bottom where a terminal keeps it in view.
    fn draw(&mut self, (reviews, errors): (Vec<coach::review::Review>, Vec<FileError>)) -> String {
        let p = self.view.paint;
        let mut out = String::new();
        if self.terminal {
            // Home the cursor and clear the screen: the new review replaces the old.
            out.push_str("\u{1b}[H\u{1b}[2J");
        } else if self.draws > 0 {
            out.push_str(&p.paint(&"─".repeat(self.view.width.min(100)), paint::DIM));
            out.push('\n');
        }
        self.draws += 1;
        let status = if errors.is_empty() {
            let text = render_text(&reviews, self.view);
            out.push_str(&text);
            let reports: Vec<FileReport> = reviews.into_iter().map(|r| r.report).collect();
            let change = self.change_since_last(&reports, p);
            self.last = Some(reports);
            self.last_text = text;
            change
        } else {
            out.push_str(&self.last_text);
            let mut status = String::new();
            for error in &errors {
                status.push_str(&p.paint(
                    &format!(
                        "coach: {}: {}; still watching, save again\n",
                        visible(&error.path),
                        visible(&error.message)
                    ),
                    paint::over(),
                ));
            }
            status
        };
        out.push('\n');
        out.push_str(&status);
        out.push_str(&p.paint(
            &format!(
                "watching {} (review {}); Ctrl-C stops\n",
                visible(&self.shown),
                self.draws
            ),
            paint::DIM,
        ));
        out
    }

    /// "since the last save: score 37 → 45 (+8)", then a line per check whose points moved:
    /// "  + results.quantified 4/12 → 12/12, now passes".
    fn change_since_last(&self, reports: &[FileReport], p: Paint) -> String {
        let Some(last) = &self.last else {
            return String::new();
        };
        let mut out = String::new();
        for report in reports {
            let Some(before) = last.iter().find(|r| r.path == report.path) else {
                continue;
            };
            let change = change::between(before, report);
            let name = if reports.len() > 1 {
                format!("{}: ", visible(&report.path))
            } else {
                String::new()
            };
            if change.is_empty() {
                out.push_str(&format!(
                    "since the last save: {name}no change in the score or the checks\n"
                ));
                continue;
            }
            let style = |up: bool| if up { paint::within() } else { paint::over() };
            out.push_str(&format!(
                "since the last save: {name}{}\n",
                p.paint(
                    &change.score_words(),
                    style(change.score_after >= change.score_before)
                )
            ));
            for moved in &change.moved {
                let sign = if moved.gained() { '+' } else { '-' };
                out.push_str(&format!(
                    "  {}\n",
                    p.paint(
                        &format!("{sign} {}", visible(&moved.words())),
                        style(moved.gained())
                    )
                ));
            }
        }
        out
    }
}
