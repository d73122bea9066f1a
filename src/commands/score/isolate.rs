//! One input's panic is that input's error: the bank is still scored and reported.
//!
//! A panic is a bug, and the rest of a bank says nothing about it; ending the run would hide
//! every other answer's result from a CI job. Each input is scored behind `catch_unwind`, and a
//! panic becomes a [`FileError`] naming the input, so the run exits 2 with everything else
//! written. The main thread keeps its own catch for panics outside scoring.

use super::scoring::Scored;
use coach::report::FileError;
use std::any::Any;
use std::panic::{self, AssertUnwindSafe};

/// Runs `score` for the input shown as `path`, turning a panic into that input's error.
///
/// Unwind safety: what a scoring call shares with others is the rubric chooser's caches, whose
/// locks are taken poisoned or not and which only ever gain whole entries, so a panic in the
/// middle of one input leaves nothing half-written for the next.
pub fn isolated(path: &str, score: impl FnOnce() -> Vec<Scored>) -> Vec<Scored> {
    caught(path, "the other answers were scored; ", score)
        .unwrap_or_else(|error| vec![Scored::Error(error)])
}

/// Runs `work` on the input shown as `path`; a panic becomes that input's error, which says
/// `carried_on` (what went on regardless) before asking for a report.
pub fn caught<T>(path: &str, carried_on: &str, work: impl FnOnce() -> T) -> Result<T, FileError> {
    panic::catch_unwind(AssertUnwindSafe(work)).map_err(|payload| FileError {
        path: path.to_string(),
        message: format!(
            "internal error while scoring it ({}); {carried_on}please report it with this file",
            panic_message(payload.as_ref())
        ),
    })
}

/// The text a panic was raised with, when it was raised with text.
pub fn panic_message(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}

/// Debug builds only: panics while scoring an input whose shown path ends with the value of
/// `COACH_DEBUG_PANIC_ON`, so tests can show that one panicking answer does not stop a run.
/// Release builds have no such check, so neither an answer nor its environment can trigger it.
#[cfg(debug_assertions)]
pub fn panic_if_asked(path: &str) {
    if let Some(suffix) = std::env::var_os("COACH_DEBUG_PANIC_ON")
        && !suffix.is_empty()
        && path.ends_with(&*suffix.to_string_lossy())
    {
        panic!("COACH_DEBUG_PANIC_ON asked for a panic while scoring {path}");
    }
}

#[cfg(not(debug_assertions))]
pub fn panic_if_asked(_path: &str) {}
