//! Entry point: arguments in, a run, an exit code out.

mod cli;

use clap::Parser;
use cli::{Cli, Command, ExplainArgs, Format, InputArgs, ScoreArgs, SectionsArgs};
use coach::answer::{self, Answer};
use coach::report::{FileError, RunReport, json, table};
use coach::rubric::{self, Rubric, builtin};
use coach::source::{self, Source};
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

/// Exit codes: every answer passed, one scored below the threshold, something could not run.
const PASSED: u8 = 0;
const BELOW_THRESHOLD: u8 = 1;
const ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score(args) => score(args),
        Command::Sections(args) => sections(args),
        Command::Explain(args) => explain(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::from(PASSED);
            }
            eprintln!("coach: {error:#}");
            ExitCode::from(ERROR)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Reads every input; unreadable ones become errors and the rest go on.
fn read_all(input: &InputArgs) -> (Vec<Source>, Vec<FileError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in &input.paths {
        let read = if path.as_os_str() == "-" {
            source::read_stdin(input.max_bytes)
        } else {
            source::read_path(path, input.max_bytes)
        };
        match read {
            Ok(source) => sources.push(source),
            Err(error) => errors.push(FileError {
                path: error.path.clone(),
                message: error.error.to_string(),
            }),
        }
    }
    (sources, errors)
}

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

fn score(args: ScoreArgs) -> anyhow::Result<u8> {
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

fn sections(args: SectionsArgs) -> anyhow::Result<u8> {
    let (sources, errors) = read_all(&args.input);
    let parsed: Vec<(String, Answer)> = sources
        .iter()
        .map(|s| (s.path.clone(), answer::parse(&s.text)))
        .collect();
    let text = match args.format {
        Format::Json => {
            let files: Vec<_> = parsed
                .iter()
                .map(
                    |(path, answer)| serde_json::json!({"path": path, "sections": answer.sections}),
                )
                .collect();
            let mut out = serde_json::to_string_pretty(
                &serde_json::json!({"schema_version": json::SCHEMA_VERSION, "files": files, "errors": errors}),
            )?;
            out.push('\n');
            out
        }
        Format::Table => {
            let mut out = String::new();
            for (path, answer) in &parsed {
                out.push_str(&format!("{path}\n"));
                if answer.sections.is_empty() {
                    out.push_str("  (no sections found)\n");
                }
                for section in &answer.sections {
                    out.push_str(&format!(
                        "  {:<11} lines {:>3}–{:<3} {}\n",
                        section.name.as_str(),
                        section.start_line,
                        section.end_line,
                        if section.labelled {
                            "labelled"
                        } else {
                            "inferred"
                        }
                    ));
                }
            }
            out
        }
    };
    write_stdout(&text)?;
    if args.format == Format::Table {
        for error in &errors {
            eprintln!("coach: {}: {}", error.path, error.message);
        }
    }
    Ok(if errors.is_empty() { PASSED } else { ERROR })
}

fn explain(args: ExplainArgs) -> anyhow::Result<u8> {
    let names: Vec<String> = match &args.rubric {
        Some(name) => vec![name.clone()],
        None => builtin::names().map(String::from).collect(),
    };
    let mut found = Vec::new();
    for name in &names {
        let rubric = rubric::load(name)?;
        if let Some(check) = rubric.check(&args.id) {
            found.push((rubric.name().to_string(), check.spec.clone()));
        }
    }
    let Some((_, spec)) = found.first() else {
        eprintln!(
            "coach: no check `{}` in {}; `coach score --format json` lists the ids it reports",
            args.id,
            names.join(", ")
        );
        return Ok(ERROR);
    };
    let rubrics: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    let mut out = format!("{} — {}\n", spec.id, spec.title);
    out.push_str(&format!(
        "Rubric: {}   Section: {}   Points: {}\n\n",
        rubrics.join(", "),
        serde_json::to_value(spec.section)?
            .as_str()
            .unwrap_or("any"),
        spec.points
    ));
    if let Some(why) = &spec.why {
        out.push_str(&format!("Why it matters\n  {why}\n\n"));
    }
    out.push_str(&format!("How to fix\n  {}\n", spec.hint));
    if let Some(example) = &spec.example_pass {
        out.push_str(&format!("\nPasses\n  {example}\n"));
    }
    if let Some(example) = &spec.example_fail {
        out.push_str(&format!("\nFails\n  {example}\n"));
    }
    write_stdout(&out)?;
    Ok(PASSED)
}

/// Table width: `COLUMNS` when set (terminals export it), else a width that reads well in logs.
fn table_width() -> u16 {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
        .filter(|w| *w >= 60)
        .unwrap_or(110)
}

/// Writes to stdout; a closed pipe surfaces as an error that `main` treats as a quiet end.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
