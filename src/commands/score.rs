//! `coach score`: read, parse, score, render, and turn the outcome into an exit code.

use super::{BELOW_THRESHOLD, ERROR, PASSED, read_all, table_width, write_stdout};
use crate::cli::{Format, ScoreArgs};
use coach::answer;
use coach::report::{FileError, RunReport, json, table};
use coach::rubric::{self, choice::Chooser};

pub fn run(args: ScoreArgs) -> anyhow::Result<u8> {
    let mut rubrics = Chooser::new(args.rubric.clone());
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
        let choice = match rubrics.choose(&source.path, &source.text, &answer) {
            Ok(choice) => choice,
            Err(message) => {
                errors.push(FileError {
                    path: source.path.clone(),
                    message,
                });
                continue;
            }
        };
        let rubric = choice.rubric();
        let mut file = coach::engine::score(&source.path, &answer, rubric);
        choice.annotate(&mut file);
        let threshold = args
            .min_score
            .or(choice.min_score)
            .unwrap_or(rubric.pass_score);
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
