//! Writing a report answer by answer: `coach score` hands each answer to the format as soon as
//! it and every answer before it are scored, so a bank of any size is never held whole.

use super::summary::Totals;
use super::{AnswerMeta, FileError, FileReport};
use crate::rubric::Rubric;
use std::io::{self, Write};
use std::sync::{Arc, Mutex};

/// One output format, written answer by answer in output order, then ended.
///
/// What a format can say only at the end (the errors, the rubrics used, the totals) comes in
/// [`RunEnd`]. A format whose opening depends
/// on every answer (SARIF's rule list, JUnit's totals) keeps a compact record of what it will
/// write, never the reports, and writes it all at the end.
pub trait Render: Send {
    /// Adds one answer's output (a few kilobytes at most) to `out`.
    fn answer(&mut self, out: &mut Vec<u8>, file: &FileReport, meta: &AnswerMeta);

    /// Writes the rest of the output, which may be most of it, straight to `out`.
    fn finish(&mut self, out: &mut dyn Write, end: &RunEnd) -> io::Result<()>;
}

/// Two formats from one run: the first writes where the run writes, the second into a buffer
/// the caller keeps (`--html-dir`'s bank page, written to its file once the run ends).
pub struct Tee {
    pub first: Box<dyn Render>,
    pub second: Box<dyn Render>,
    pub second_out: Arc<Mutex<Vec<u8>>>,
}

impl Render for Tee {
    fn answer(&mut self, out: &mut Vec<u8>, file: &FileReport, meta: &AnswerMeta) {
        self.first.answer(out, file, meta);
        let mut own = Vec::new();
        self.second.answer(&mut own, file, meta);
        lock(&self.second_out).extend_from_slice(&own);
    }

    fn finish(&mut self, out: &mut dyn Write, end: &RunEnd) -> io::Result<()> {
        let mut own = Vec::new();
        self.second.finish(&mut own, end)?;
        lock(&self.second_out).extend_from_slice(&own);
        self.first.finish(out, end)
    }
}

/// The buffer, even if a thread panicked while holding it (its bytes are still whole writes).
fn lock(buffer: &Mutex<Vec<u8>>) -> std::sync::MutexGuard<'_, Vec<u8>> {
    buffer
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// What is known once every answer has been seen.
#[derive(Debug, Clone, Copy)]
pub struct RunEnd<'a> {
    /// Every input that could not be scored, sorted by path.
    pub errors: &'a [FileError],
    /// The rubrics that scored at least one answer, by name.
    pub rubrics: &'a [Arc<Rubric>],
    /// Counts over every answer, including those `--quiet` does not show.
    pub totals: Totals,
}
