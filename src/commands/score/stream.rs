//! A run in input order, a chunk of inputs at a time: each chunk is scored in parallel while the
//! chunk before it is written, and its reports are dropped once written. Only what the end of
//! the output needs is kept across chunks: errors, counts, the rubrics used, the baseline.
//!
//! Output order is the input order (sorted paths, stories in file order), never the order
//! threads finish in, so the bytes are the same at any thread count and chunk size.

use super::scoring::{Scored, ScoredAnswer, Scorer};
use crate::commands::read_input;
use coach::baseline::Baseline;
use coach::report::FileError;
use coach::report::render::{Render, RunEnd};
use coach::report::summary::Tally;
use coach::rubric::Rubric;
use coach::source::Source;
use coach::walk::Input;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::sync::Arc;

/// Inputs scored together: enough to keep every thread busy, few enough that a chunk's reports
/// (tens of kilobytes per answer) stay small.
pub const CHUNK: usize = 256;

/// Output is handed to the writer in pieces about this big.
const WRITE_AT: usize = 64 * 1024;

/// How a run is carried out.
pub struct Plan {
    /// Read every input, and score any whose rubric choice might fail, before writing: for a
    /// format that opens with the run's errors.
    pub errors_first: bool,
    /// Whether answers that passed are written (`--quiet` leaves them out of table and summary).
    pub show_passed: bool,
    /// Record every answer's score for `--write-baseline`.
    pub record_baseline: bool,
    /// Inputs per chunk.
    pub chunk: usize,
}

/// What the end of a run needs, once the output is written.
pub struct Outcome {
    /// Every error, sorted by path.
    pub errors: Vec<FileError>,
    /// Answers that did not reach their bar.
    pub failed: usize,
    pub baseline: Option<Baseline>,
    /// The first failure to write the output (a closed pipe), if any; later output was dropped.
    pub written: io::Result<()>,
}

/// Scores `found` in order and writes it through the renderer `make` returns, which is given the
/// sorted errors when the plan puts them first. `errors` are the inputs that were never found.
pub fn run<W: Write + Send>(
    scorer: &Scorer,
    found: &[Input],
    errors: Vec<FileError>,
    plan: &Plan,
    make: impl FnOnce(Option<Vec<FileError>>) -> Box<dyn Render>,
    out: W,
) -> anyhow::Result<Outcome> {
    let mut work: Vec<Work> = if plan.errors_first {
        found
            .par_iter()
            .map(|input| read_ahead(input, scorer))
            .collect()
    } else {
        found.iter().map(Work::Unread).collect()
    };
    let announced = plan.errors_first.then(|| {
        let mut all = errors.clone();
        all.extend(work.iter().flat_map(Work::errors).cloned());
        all.sort_by(|a, b| a.path.cmp(&b.path));
        all
    });
    let mut emit = Emit {
        renderer: make(announced.clone()),
        out,
        buffer: Vec::new(),
        show_passed: plan.show_passed,
        tally: Tally::default(),
        errors,
        rubrics: BTreeMap::new(),
        baseline: plan.record_baseline.then(Baseline::new),
        written: Ok(()),
    };
    let mut ready: Vec<Vec<Scored>> = Vec::new();
    for chunk in work.chunks_mut(plan.chunk.max(1)) {
        let ((), scored) = rayon::join(
            || emit.all(std::mem::take(&mut ready)),
            || {
                chunk
                    .par_iter_mut()
                    .map(|work| std::mem::replace(work, Work::Taken).score(scorer))
                    .collect()
            },
        );
        ready = scored;
    }
    emit.all(ready);
    let outcome = emit.finish();
    if let Some(announced) = announced
        && announced != outcome.errors
    {
        anyhow::bail!(
            "internal error: an input failed after the errors were written; please report it"
        );
    }
    Ok(outcome)
}

/// An input on its way through the run.
enum Work<'a> {
    Unread(&'a Input),
    /// Read ahead, and sure to get a rubric for every answer (see `Chooser::settles`).
    Read(Source),
    /// Scored ahead, or unreadable: its errors were known before any output.
    Scored(Vec<Scored>),
    /// Passed on to be written.
    Taken,
}

impl Work<'_> {
    fn score(self, scorer: &Scorer) -> Vec<Scored> {
        match self {
            Work::Unread(input) => scorer.score_input(input),
            Work::Read(source) => scorer.score_source(source),
            Work::Scored(scored) => scored,
            Work::Taken => Vec::new(),
        }
    }

    fn errors(&self) -> impl Iterator<Item = &FileError> {
        let scored = match self {
            Work::Scored(scored) => scored.as_slice(),
            _ => &[],
        };
        scored.iter().filter_map(|s| match s {
            Scored::Error(error) => Some(error),
            Scored::Answer(_) => None,
        })
    }
}

/// Reads an input ahead of scoring. Holding its text costs a tenth of holding its report; the
/// few files whose rubric choice might fail are scored now, so their errors are known too.
fn read_ahead<'a>(input: &'a Input, scorer: &Scorer) -> Work<'a> {
    match read_input(input, scorer.max_bytes) {
        Err(error) => Work::Scored(vec![Scored::Error(error)]),
        Ok(source) if scorer.chooser.settles(&source.path, &source.text) => Work::Read(source),
        Ok(source) => Work::Scored(scorer.score_source(source)),
    }
}

/// The writing side of a run: answers in order into the renderer, and the tallies the end needs.
struct Emit<W> {
    renderer: Box<dyn Render>,
    out: W,
    buffer: Vec<u8>,
    show_passed: bool,
    tally: Tally,
    errors: Vec<FileError>,
    /// Each rubric that scored an answer, by name; the first answer's copy when answers trimmed
    /// it differently.
    rubrics: BTreeMap<String, Arc<Rubric>>,
    baseline: Option<Baseline>,
    written: io::Result<()>,
}

impl<W: Write> Emit<W> {
    fn all(&mut self, scored: Vec<Vec<Scored>>) {
        for scored in scored.into_iter().flatten() {
            match scored {
                Scored::Answer(answer) => self.answer(*answer),
                Scored::Error(error) => self.errors.push(error),
            }
        }
    }

    fn answer(&mut self, answer: ScoredAnswer) {
        let ScoredAnswer { file, meta, rubric } = answer;
        self.tally.add(&file, &meta);
        self.rubrics
            .entry(rubric.name().to_string())
            .or_insert(rubric);
        if let Some(baseline) = &mut self.baseline {
            baseline.record(&file.path, file.score);
        }
        if self.show_passed || !meta.passed {
            self.renderer.answer(&mut self.buffer, &file, &meta);
        }
        if self.buffer.len() >= WRITE_AT {
            self.write();
        }
    }

    /// Hands the buffer to the writer; after a failed write the rest of the output is dropped,
    /// and the run goes on to its end (the baseline is still written).
    fn write(&mut self) {
        if self.written.is_ok() {
            self.written = self.out.write_all(&self.buffer);
        }
        self.buffer.clear();
    }

    fn finish(mut self) -> Outcome {
        self.write();
        self.errors.sort_by(|a, b| a.path.cmp(&b.path));
        let rubrics: Vec<Arc<Rubric>> = std::mem::take(&mut self.rubrics).into_values().collect();
        let end = RunEnd {
            errors: &self.errors,
            rubrics: &rubrics,
            totals: self.tally.totals(self.errors.len()),
        };
        if self.written.is_ok() {
            let mut out = BufWriter::with_capacity(WRITE_AT, &mut self.out);
            self.written = self
                .renderer
                .finish(&mut out, &end)
                .and_then(|()| out.flush());
        }
        if self.written.is_ok() {
            self.written = self.out.flush();
        }
        Outcome {
            errors: self.errors,
            failed: self.tally.failed(),
            baseline: self.baseline,
            written: self.written,
        }
    }
}
