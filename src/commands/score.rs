//! `coach score`: expand inputs, score every answer in parallel and write each as soon as those
//! before it are written (see `stream`), then turn the outcome into an exit code.

pub mod isolate;
mod pages;
mod replace;
pub mod scoring;
mod stream;

use super::guard::Guard;
use super::{BELOW_THRESHOLD, ERROR, PASSED, inputs, report_errors, say, table_width};
use crate::cli::{ScoreArgs, ScoreFormat};
use coach::baseline::Baseline;
use coach::report::bank::BankPage;
use coach::report::neutral::visible;
use coach::report::render::{Render, Tee};
use coach::report::{
    github::Github, json::Json, json_lines::JsonLines, junit::Junit, sarif::Sarif,
    summary::Summary, table::Table,
};
use coach::rubric::{self, choice::Chooser};
pub use isolate::panic_message;
use replace::Replacement;
use scoring::{Judge, Scorer};
use std::io::Write;
use std::sync::{Arc, Mutex};
use stream::{CHUNK, Plan};

pub fn run(args: ScoreArgs) -> anyhow::Result<u8> {
    let guard = is_human(args.format).then(Guard::from_env).flatten();
    run_to(&args, std::io::stdout(), CHUNK, guard.as_ref())
}

/// Formats a person reads in a log (the others are read by tools).
fn is_human(format: ScoreFormat) -> bool {
    matches!(format, ScoreFormat::Table | ScoreFormat::Summary)
}

/// The whole command, writing the report to `out` and scoring `chunk` inputs at a time; with
/// `guard`, the report is framed by the runner's stop-commands lines.
fn run_to(
    args: &ScoreArgs,
    mut out: impl Write + Send,
    chunk: usize,
    guard: Option<&Guard>,
) -> anyhow::Result<u8> {
    // A rubric named on the command line is checked before any file is read.
    if let Some(name) = &args.rubric
        && let Err(error) = rubric::load(name)
    {
        say(&visible(&error.to_string()));
        return Ok(ERROR);
    }
    let baseline = match &args.baseline {
        Some(path) => match read_baseline(path) {
            Ok(baseline) => Some(baseline),
            Err(message) => {
                say(&visible(&format!("{}: {message}", path.display())));
                return Ok(ERROR);
            }
        },
        None => None,
    };
    // Opened before scoring, so a baseline that cannot be written stops the run before any
    // output; it replaces the old one only once the run has finished.
    let baseline_file = match &args.write_baseline {
        Some(path) => match Replacement::begin(path) {
            Ok(file) => Some(file),
            Err(error) => return Ok(cannot_write_baseline(path, &error)),
        },
        None => None,
    };
    let scorer = Scorer {
        chooser: Chooser::new(args.rubric.clone(), args.isolated),
        judge: Judge {
            min_score: args.min_score,
            baseline,
            allow_drafts: args.allow_drafts,
        },
        max_bytes: args.input.max_bytes,
    };
    let (found, errors) = inputs(&args.input);
    let plan = Plan {
        show_passed: !(args.quiet
            && matches!(args.format, ScoreFormat::Table | ScoreFormat::Summary)),
        record_baseline: baseline_file.is_some(),
        chunk,
    };
    if let Some(guard) = guard {
        out.write_all(guard.open().as_bytes())?;
    }
    // With --html-dir, the bank page is made in the same run, beside the report.
    let bank_page = args
        .html_dir
        .as_ref()
        .map(|_| Arc::new(Mutex::new(Vec::new())));
    let render = match &bank_page {
        Some(page) => Box::new(Tee {
            first: renderer(args.format),
            second: Box::new(BankPage::linked()),
            second_out: Arc::clone(page),
        }),
        None => renderer(args.format),
    };
    let run = || stream::run(&scorer, &found, errors, &plan, render, &mut out);
    let outcome = match args.threads {
        Some(threads) => rayon::ThreadPoolBuilder::new()
            .num_threads(threads as usize)
            .build()?
            .install(run),
        None => run(),
    };

    // The run scores every answer even when its output cannot be written, so the baseline is
    // complete either way.
    if let (Some(file), Some(baseline)) = (baseline_file, &outcome.baseline)
        && let Err(error) = file.commit(baseline.to_json().as_bytes())
    {
        let path = args
            .write_baseline
            .as_deref()
            .expect("a baseline file was opened");
        return Ok(cannot_write_baseline(path, &error));
    }
    outcome.written?;
    if let (Some(dir), Some(page)) = (&args.html_dir, bank_page) {
        let page = std::mem::take(&mut *page.lock().unwrap_or_else(|e| e.into_inner()));
        if let Err(message) = pages::write(dir, &page, &found, &scorer) {
            say(&visible(&message));
            return Ok(ERROR);
        }
    }
    if let Some(guard) = guard {
        out.write_all(guard.close().as_bytes())?;
        out.flush()?;
    }
    if is_human(args.format) {
        report_errors(&outcome.errors);
    }
    // Recording a first baseline accepts today's scores; checking against an old one still gates.
    let recording = args.write_baseline.is_some() && args.baseline.is_none();
    let failing = outcome.failed > 0 && !args.exit_zero && !recording;
    Ok(if !outcome.errors.is_empty() {
        ERROR
    } else if failing {
        BELOW_THRESHOLD
    } else {
        PASSED
    })
}

/// The format's renderer.
fn renderer(format: ScoreFormat) -> Box<dyn Render> {
    match format {
        ScoreFormat::Table => Box::new(Table::new(table_width())),
        ScoreFormat::Summary => Box::new(Summary::new()),
        ScoreFormat::Json => Box::new(Json::new()),
        ScoreFormat::JsonLines => Box::new(JsonLines),
        ScoreFormat::Sarif => Box::new(Sarif::new(std::env::current_dir().ok())),
        ScoreFormat::Github => Box::new(Github),
        ScoreFormat::Junit => Box::new(Junit::new()),
        ScoreFormat::Html => Box::new(BankPage::new()),
    }
}

fn read_baseline(path: &std::path::Path) -> Result<Baseline, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("cannot read the baseline: {e}"))?;
    Baseline::parse(&text)
}

fn cannot_write_baseline(path: &std::path::Path, error: &std::io::Error) -> u8 {
    say(&visible(&format!(
        "{}: cannot write the baseline: {error}",
        path.display()
    )));
    ERROR
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::{Cli, Command};
    use clap::Parser;
    use std::path::Path;

    const FORMATS: [&str; 7] = [
        "json",
        "table",
        "summary",
        "sarif",
        "json-lines",
        "github",
        "junit",
    ];

    fn args(extra: &[&str]) -> ScoreArgs {
        let all = ["coach", "score"].iter().chain(extra);
        match Cli::try_parse_from(all).expect("arguments parse").command {
            Command::Score(args) => args,
            _ => unreachable!("a score command"),
        }
    }

    /// The output and exit code of a run scoring `chunk` inputs at a time.
    fn score(args: &ScoreArgs, chunk: usize) -> (String, u8) {
        let mut out = Vec::new();
        let code = run_to(args, &mut out, chunk, None).expect("the run completes");
        (String::from_utf8(out).expect("UTF-8 output"), code)
    }

    /// A bank whose unreadable files and files without a loadable rubric sit between good ones.
    fn bank() -> tempfile::TempDir {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let sample = |name: &str| std::fs::read_to_string(root.join(name)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<(&str, String)> = vec![
            ("a/01.md", sample("samples/strong-queue-migration.md")),
            ("a/02-empty.md", String::new()),
            ("a/03.md", sample("samples/weak-all-we.md")),
            ("a/04-stories.md", sample("tests/fixtures/bank/prep.md")),
            ("a/05-binary.md", "not\0text".into()),
            ("a/06.md", sample("samples/weak-bullets.md")),
            (
                "a/07-ignores.md",
                sample("samples/weak-no-numbers.md") + "\n<!-- coach-ignore pitfall.hedging -->\n",
            ),
            ("b/.coach.yaml", "rubric: no-such-rubric\n".into()),
            ("b/01.md", sample("samples/weak-no-results.md")),
            ("b/02.md", sample("samples/weak-all-we.md")),
            (
                "c/01.md",
                "---\nrubric: missing.yaml\n---\n".to_string() + &sample("samples/weak-bullets.md"),
            ),
            (
                "c/02.md",
                "---\nrubric: star\n---\n".to_string() + &sample("samples/weak-bullets.md"),
            ),
            ("d/01.md", sample("samples/weak-no-results.md")),
            ("d/02.md", sample("tests/fixtures/bank/strong.md")),
        ];
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    /// Chunks as small as one input give the bytes of one chunk for the whole run, at one and
    /// two threads, with or without `--quiet`, and record the same baseline.
    #[test]
    fn output_does_not_depend_on_chunks_or_threads() {
        let bank = bank();
        let dir = bank.path().to_str().unwrap();
        let baseline = bank.path().join("baseline.json");
        let baseline = baseline.to_str().unwrap();
        for format in FORMATS {
            for quiet in [false, true] {
                let mut base = vec![dir, "--format", format, "--write-baseline", baseline];
                if quiet {
                    base.push("--quiet");
                }
                let at = |threads: &str| args(&[&base[..], &["--threads", threads]].concat());
                let whole = score(&at("1"), usize::MAX);
                let recorded = std::fs::read_to_string(baseline).unwrap();
                assert_eq!(whole.1, ERROR, "{format}");
                for (threads, chunk) in [("1", 1), ("1", 3), ("2", 1), ("2", 2), ("2", CHUNK)] {
                    let run = score(&at(threads), chunk);
                    let context = format!("{format} quiet={quiet} threads={threads} chunk={chunk}");
                    assert_eq!(run, whole, "{context}");
                    assert_eq!(
                        std::fs::read_to_string(baseline).unwrap(),
                        recorded,
                        "{context}"
                    );
                }
            }
        }
    }

    /// JSON names every error before the first answer, though some are found only by choosing
    /// a rubric; they are the errors JSON Lines finds while scoring, and the answers are in
    /// input order.
    #[test]
    fn json_opens_with_every_error_and_keeps_answers_in_order() {
        let bank = bank();
        let dir = bank.path().to_str().unwrap();
        let (json, _) = score(&args(&[dir, "--format", "json", "-j", "2"]), 1);
        let (lines, _) = score(&args(&[dir, "--format", "json-lines", "-j", "2"]), 1);
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        let name = |path: &serde_json::Value| {
            let path = path.as_str().unwrap();
            path.strip_prefix(dir).unwrap().to_string()
        };
        let errors: Vec<String> = json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| name(&e["path"]))
            .collect();
        assert_eq!(
            errors,
            [
                "/a/02-empty.md",
                "/a/05-binary.md",
                "/b/01.md",
                "/b/02.md",
                "/c/01.md"
            ]
        );
        let answers: Vec<String> = json["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| name(&f["path"]))
            .collect();
        assert_eq!(answers.first().map(String::as_str), Some("/a/01.md"));
        assert_eq!(answers.last().map(String::as_str), Some("/d/02.md"));
        assert!(
            answers
                .iter()
                .filter(|a| a.starts_with("/a/04-stories.md#"))
                .count()
                > 1
        );
        let mut sorted = answers.clone();
        sorted.sort_by_key(|a| a.split('#').next().unwrap().to_string());
        assert_eq!(
            answers, sorted,
            "answers in path order, stories in file order"
        );

        let lines: Vec<serde_json::Value> = lines
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let (failed, scored): (Vec<_>, Vec<_>) =
            lines.iter().partition(|l| l.get("error").is_some());
        assert_eq!(
            failed.iter().map(|l| name(&l["path"])).collect::<Vec<_>>(),
            errors
        );
        assert_eq!(
            scored.iter().map(|l| name(&l["path"])).collect::<Vec<_>>(),
            answers
        );
    }
}
