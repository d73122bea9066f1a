//! Command-line arguments. Only definitions here: `main.rs` turns them into a run.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Scores behavioral-interview answers (STAR) against a rubric and prints what to fix.
#[derive(Debug, Parser)]
#[command(name = "coach", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score answers and print a gap table (or JSON).
    Score(ScoreArgs),
    /// Show how answers were split into situation, task, actions, results and reflection.
    Sections(SectionsArgs),
    /// Show the answer marked up: evidence, a note where points were lost, the time budget.
    Review(ReviewArgs),
    /// Explain a check: what it looks for, why interviewers care, examples.
    Explain(ExplainArgs),
    /// List, show, check rubrics, or print the rubric JSON Schema.
    Rubric(RubricArgs),
    /// Run a language server over stdio: coach's findings in the editor as you draft.
    Lsp,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write every command's page to a folder.
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command's own page (`coach man score` is coach-score(1)); the main page without one.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,

    /// Write coach.1 and one coach-COMMAND.1 per command into this folder instead.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RubricArgs {
    #[command(subcommand)]
    pub command: RubricCommand,
}

#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// List the built-in rubrics and those in ./rubrics and ./.coach/rubrics.
    List,
    /// Print the effective rubric (after extends) as YAML that `rubric check` accepts.
    Show {
        /// Built-in name, project rubric name, or path.
        #[arg(value_name = "NAME|PATH")]
        name: String,
    },
    /// Validate rubric files; exit 2 when any has an error. With no files, checks them all.
    Check {
        #[arg(value_name = "FILE")]
        files: Vec<String>,
    },
    /// Print the JSON Schema of the rubric format.
    Schema,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

/// `coach score` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    /// Gap table per answer, then a bank summary when there are several.
    Table,
    /// Only the bank summary: one row per answer and the totals.
    Summary,
    /// The JSON report described in the README (schema_version 1).
    Json,
    /// One JSON object per answer, one per line.
    JsonLines,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// JUnit XML, for CI dashboards.
    Junit,
    /// One self-contained page for the bank: the spread of scores, the checks most often
    /// failed, question kinds with no answer yet, and every answer.
    Html,
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// Answer files, folders or globs; `-` reads standard input. Folders are walked for *.md as
    /// ripgrep walks them: files .gitignore or .ignore leave out, and hidden ones, are skipped.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// In folders, also take hidden files and folders (names starting with `.`).
    #[arg(long)]
    pub hidden: bool,

    /// In folders, also take files that .gitignore, .ignore or git's excludes leave out.
    #[arg(long)]
    pub no_ignore: bool,

    /// In folders, take files with this extension (repeatable; default md).
    #[arg(long = "extension", value_name = "EXT", default_value = "md")]
    pub extensions: Vec<String>,

    /// In folders, take files matching this glob instead (repeatable); `!GLOB` excludes.
    #[arg(long = "glob", short = 'g', value_name = "GLOB")]
    pub globs: Vec<String>,

    /// Refuse files larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = coach::source::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Rubric for every answer: built-in name, project rubric name or path (see `coach rubric list`).
    #[arg(long, short, value_name = "NAME|PATH")]
    pub rubric: Option<String>,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ScoreFormat::Table)]
    pub format: ScoreFormat,

    /// Exit 1 when any answer scores below this (default: the rubric's pass score, 70).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=100))]
    pub min_score: Option<u32>,

    /// Show only the answers that fail (table and summary formats); totals still count all.
    #[arg(long, short)]
    pub quiet: bool,

    /// Exit 0 even when answers fail (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,

    /// Judge by the command line and the built-in rubrics only: no .coach.yaml, no rubric named
    /// in front matter, no coach-ignore comments, no `status: draft`. For CI over a bank others
    /// can change.
    #[arg(long)]
    pub isolated: bool,

    /// Let drafts pass: placeholders (TBD, [fill in], XX%) are still reported and cost points,
    /// but do not fail an answer by themselves. Front matter or .coach.yaml `status: draft`
    /// does the same for some answers.
    #[arg(long)]
    pub allow_drafts: bool,

    /// Also write the bank page (DIR/index.html, each answer linked) and one review page per
    /// answer file into this folder; the report still goes to standard output.
    #[arg(long, value_name = "DIR")]
    pub html_dir: Option<PathBuf>,

    /// Fail an answer only when it scores lower than recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every answer's score in this baseline file (without --baseline, nothing fails).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Score on this many threads (default: RAYON_NUM_THREADS, else one per core).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u32).range(1..=512))]
    pub threads: Option<u32>,
}

#[derive(Debug, Args)]
pub struct SectionsArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// `coach review` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    /// The marked-up answer for a terminal (plain text when piped).
    Text,
    /// One self-contained page: no scripts, nothing fetched.
    Html,
    /// The score's JSON for the answer, with the review's lines, notes and time budget added.
    Json,
}

/// When to colour output a person reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it).
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The answer: a markdown file, or `-` for standard input (not with --watch).
    #[arg(value_name = "ANSWER")]
    pub path: PathBuf,

    /// Rubric: built-in name, project rubric name or path (see `coach rubric list`).
    #[arg(long, short, value_name = "NAME|PATH")]
    pub rubric: Option<String>,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = ReviewFormat::Text)]
    pub format: ReviewFormat,

    /// Review again on every save, redrawing the screen and showing what changed; Ctrl-C ends.
    #[arg(long, short)]
    pub watch: bool,

    /// Colour the text view.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,

    /// Judge by the command line and the built-in rubrics only: no .coach.yaml, no rubric named
    /// in front matter, no coach-ignore comments.
    #[arg(long)]
    pub isolated: bool,

    /// Refuse an answer larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = coach::source::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Check id, e.g. results.before-after.
    pub id: String,

    /// Look in this rubric only (name or path).
    #[arg(long, short, value_name = "NAME|PATH")]
    pub rubric: Option<String>,
}
