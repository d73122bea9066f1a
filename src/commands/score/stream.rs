//! A run in input order, a chunk of inputs at a time: each chunk is scored in parallel while the
//! chunk before it is written, and its reports are dropped once written. Only what the end of
//! the output needs is kept across chunks: errors, counts, the rubrics used, the baseline.
//!
//! Output order is the input order (sorted paths, stories in file order), never the order
//! threads finish in, so the bytes are the same at any thread count and chunk size.

use super::scoring::{Scored, ScoredAnswer, Scorer};
use coach::baseline::Baseline;
use coach::report::FileError;
use coach::report::render::{Render, RunEnd};
use coach::report::summary::Tally;
use coach::rubric::Rubric;
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

/// Scores `found` in order and writes it through `renderer`. `errors` are the inputs that were
/// never found.
pub fn run<W: Write + Send>(
    scorer: &Scorer,
    found: &[Input],
    errors: Vec<FileError>,
    plan: &Plan,
    renderer: Box<dyn Render>,
    out: W,
) -> Outcome {
    let mut emit = Emit {
        renderer,
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
    for chunk in found.chunks(plan.chunk.max(1)) {
        let ((), scored) = rayon::join(
            || emit.all(std::mem::take(&mut ready)),
            || {
                chunk
                    .par_iter()
                    .map(|input| scorer.score_input(input))
                    .collect()
            },
        );
        ready = scored;
    }
    emit.all(ready);
    emit.finish()
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
