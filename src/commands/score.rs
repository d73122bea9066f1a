//! `coach score`: expand inputs, score every answer in parallel, render, and turn the outcome
//! into an exit code. Output order is the input order (sorted paths, stories in file order),
//! never the order threads finish in, so the bytes are the same at any thread count.

use super::{BELOW_THRESHOLD, ERROR, PASSED, inputs, read_input, table_width, write_stdout};
use crate::cli::{ScoreArgs, ScoreFormat};
use coach::answer::Answer;
use coach::baseline::Baseline;
use coach::report::{
    AnswerMeta, FileError, FileReport, RunReport, github, json, json_lines, junit, sarif, summary,
    table,
};
use coach::rubric::choice::{Choice, Chooser};
use coach::rubric::{self, Rubric};
use coach::stories::{self, Story};
use coach::walk::Input;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write as _;
use std::sync::{Arc, Mutex};

/// Rubric choice for many answers on many threads: each rubric and `.coach.yaml` is loaded
/// once, and every rubric that scored something is kept for the SARIF rule list.
struct Rubrics {
    chooser: Mutex<Chooser>,
    used: Mutex<BTreeMap<String, Arc<Rubric>>>,
}

impl Rubrics {
    fn choose(&self, path: &str, text: &str, answer: &Answer) -> Result<Choice, String> {
        let choice = self
            .chooser
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .choose(path, text, answer)?;
        let rubric = choice.shared_rubric();
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(rubric.name().to_string())
            .or_insert(rubric);
        Ok(choice)
    }

    /// The rubrics that scored at least one answer, by name.
    fn used(&self) -> Vec<Arc<Rubric>> {
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        used.values().cloned().collect()
    }
}

/// How an answer is judged: against its recorded baseline score if it has one, else the threshold.
struct Judge {
    min_score: Option<u32>,
    baseline: Option<Baseline>,
}

impl Judge {
    fn meta(
        &self,
        report: &FileReport,
        rubric: &Rubric,
        configured_min: Option<u32>,
        file: &str,
        story: Option<&Story>,
    ) -> AnswerMeta {
        let recorded = self.baseline.as_ref().and_then(|b| b.score(&report.path));
        let bar = recorded.unwrap_or_else(|| {
            self.min_score
                .or(configured_min)
                .unwrap_or(rubric.pass_score)
        });
        AnswerMeta {
            file: file.to_string(),
            story: story.map(|s| s.slug.clone()),
            title: story.and_then(|s| s.title.clone()),
            start_line: story.map_or(1, |s| s.start_line),
            bar,
            from_baseline: recorded.is_some(),
            passed: report.score >= bar,
        }
    }
}

/// What became of one answer (or of a file that could not be read).
enum Scored {
    Answer(Box<FileReport>, AnswerMeta),
    Error(FileError),
}

pub fn run(args: ScoreArgs) -> anyhow::Result<u8> {
    // A rubric named on the command line is checked before any file is read.
    if let Some(name) = &args.rubric
        && let Err(error) = rubric::load(name)
    {
        eprintln!("coach: {error}");
        return Ok(ERROR);
    }
    let baseline = match &args.baseline {
        Some(path) => match read_baseline(path) {
            Ok(baseline) => Some(baseline),
            Err(message) => {
                eprintln!("coach: {}: {message}", path.display());
                return Ok(ERROR);
            }
        },
        None => None,
    };
    let rubrics = Rubrics {
        chooser: Mutex::new(Chooser::new(args.rubric.clone())),
        used: Mutex::new(BTreeMap::new()),
    };
    let judge = Judge {
        min_score: args.min_score,
        baseline,
    };
    let (found, mut errors) = inputs(&args.input);
    let max_bytes = args.input.max_bytes;
    let score_all = || -> Vec<Vec<Scored>> {
        found
            .par_iter()
            .map(|input| score_input(input, max_bytes, &rubrics, &judge))
            .collect()
    };
    let outcomes = match args.threads {
        Some(threads) => rayon::ThreadPoolBuilder::new()
            .num_threads(threads as usize)
            .build()?
            .install(score_all),
        None => score_all(),
    };
    let mut report = RunReport::default();
    for outcome in outcomes.into_iter().flatten() {
        match outcome {
            Scored::Answer(file, meta) => report.push(*file, meta),
            Scored::Error(error) => errors.push(error),
        }
    }
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    report.errors = errors;

    if let Some(path) = &args.write_baseline {
        let text = Baseline::from_report(&report).to_json();
        if let Err(error) = std::fs::write(path, text) {
            eprintln!(
                "coach: {}: cannot write the baseline: {error}",
                path.display()
            );
            return Ok(ERROR);
        }
    }
    let used = rubrics.used();
    if matches!(args.format, ScoreFormat::Json) {
        // Streamed: the JSON for a big bank is larger than everything else coach holds.
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        json::write(&report, &mut out)?;
        out.flush()?;
    } else {
        write_stdout(&render(&args, &report, &used))?;
    }
    if matches!(args.format, ScoreFormat::Table | ScoreFormat::Summary) {
        for error in &report.errors {
            eprintln!("coach: {}: {}", error.path, error.message);
        }
    }
    // Recording a first baseline accepts today's scores; checking against an old one still gates.
    let recording = args.write_baseline.is_some() && args.baseline.is_none();
    let failing = report.failed() > 0 && !args.exit_zero && !recording;
    Ok(if !report.errors.is_empty() {
        ERROR
    } else if failing {
        BELOW_THRESHOLD
    } else {
        PASSED
    })
}

/// Reads one input and scores each answer in it: the whole file, or each of its stories.
fn score_input(input: &Input, max_bytes: u64, rubrics: &Rubrics, judge: &Judge) -> Vec<Scored> {
    let source = match read_input(input, max_bytes) {
        Ok(source) => source,
        Err(error) => return vec![Scored::Error(error)],
    };
    stories::answers(&source.text)
        .into_iter()
        .map(|found| {
            let name = match &found.story {
                Some(story) => format!("{}#{}", source.path, story.slug),
                None => source.path.clone(),
            };
            let choice = match rubrics.choose(&source.path, &source.text, &found.answer) {
                Ok(choice) => choice,
                Err(message) => {
                    return Scored::Error(FileError {
                        path: name,
                        message,
                    });
                }
            };
            let rubric = choice.rubric();
            let mut file = coach::engine::score(&name, &found.answer, rubric);
            choice.annotate(&mut file);
            let meta = judge.meta(
                &file,
                rubric,
                choice.min_score,
                &source.path,
                found.story.as_ref(),
            );
            Scored::Answer(Box::new(file), meta)
        })
        .collect()
}

fn read_baseline(path: &std::path::Path) -> Result<Baseline, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("cannot read the baseline: {e}"))?;
    Baseline::parse(&text)
}

fn render(args: &ScoreArgs, report: &RunReport, rubrics: &[Arc<Rubric>]) -> String {
    let width = table_width();
    let shown = if args.quiet {
        Cow::Owned(report.failing_only())
    } else {
        Cow::Borrowed(report)
    };
    match args.format {
        ScoreFormat::Table => {
            let mut out = table::render(&shown, width);
            if report.files.len() > 1 {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&summary::render(&shown, report));
            }
            out
        }
        ScoreFormat::Summary => summary::render(&shown, report),
        ScoreFormat::Json => json::render(report),
        ScoreFormat::JsonLines => json_lines::render(report),
        ScoreFormat::Sarif => {
            let rubrics: Vec<&Rubric> = rubrics.iter().map(Arc::as_ref).collect();
            sarif::render(report, &rubrics)
        }
        ScoreFormat::Github => github::render(report),
        ScoreFormat::Junit => junit::render(report),
    }
}
