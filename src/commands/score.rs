//! `coach score`: read, parse, score, render, and turn the outcome into an exit code.

use super::{BELOW_THRESHOLD, ERROR, PASSED, read_all, table_width, write_stdout};
use crate::cli::{Format, ScoreArgs};
use coach::answer::{self, Answer};
use coach::report::{FileError, RunReport, json, table};
use coach::rubric::{self, Rubric, builtin};
use std::collections::BTreeMap;

/// Rubrics compiled once per run and shared by every file that uses them.
struct RubricCache {
    chosen: Option<String>,
    loaded: BTreeMap<String, Rubric>,
}

impl RubricCache {
    fn get(&mut self, answer: &Answer) -> Result<&Rubric, rubric::RubricError> {
        let name = self
            .chosen
            .clone()
            .or_else(|| answer.front_matter.rubric.clone())
            .unwrap_or_else(|| builtin::DEFAULT.to_string());
        if !self.loaded.contains_key(&name) {
            let rubric = rubric::load(&name)?;
            self.loaded.insert(name.clone(), rubric);
        }
        Ok(&self.loaded[&name])
    }
}

pub fn run(args: ScoreArgs) -> anyhow::Result<u8> {
    let mut rubrics = RubricCache {
        chosen: args.rubric.clone(),
        loaded: BTreeMap::new(),
    };
    // A rubric named on the command line is checked before any file is read.
    if let Some(name) = &args.rubric
        && let Err(error) = rubric::load(name)
    {
        eprintln!("coach: {error}");
        return Ok(ERROR);
    }
    let (sources, mut errors) = read_all(&args.input);
    let mut report = RunReport::default();
    let mut below = false;
    for source in &sources {
        let answer = answer::parse(&source.text);
        let rubric = match rubrics.get(&answer) {
            Ok(rubric) => rubric,
            Err(error) => {
                errors.push(FileError {
                    path: source.path.clone(),
                    message: error.to_string(),
                });
                continue;
            }
        };
        let file = coach::engine::score(&source.path, &answer, rubric);
        let threshold = args.min_score.unwrap_or(rubric.pass_score);
        below |= file.score < threshold;
        report.files.push(file);
    }
    report.errors = errors;
    let text = match args.format {
        Format::Table => table::render(&report, table_width()),
        Format::Json => json::render(&report),
    };
    write_stdout(&text)?;
    if args.format == Format::Table {
        for error in &report.errors {
            eprintln!("coach: {}: {}", error.path, error.message);
        }
    }
    Ok(if !report.errors.is_empty() {
        ERROR
    } else if below {
        BELOW_THRESHOLD
    } else {
        PASSED
    })
}
