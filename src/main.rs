//! Entry point: arguments in, a run, an exit code out.

mod cli;

mod commands;

use clap::Parser;
use cli::{Cli, Command};
use commands::{ERROR, PASSED};
use std::io::Write;
use std::process::ExitCode;

/// Scoring a bank allocates many short-lived strings and vectors per sentence; with the system
/// allocator a fifth of the run went to malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    report_panics_in_one_line();
    // A panic is a bug, but hooks and CI read the exit code: make it the error code, not 101.
    let result = match std::panic::catch_unwind(|| run(cli)) {
        Ok(result) => result,
        Err(_) => return ExitCode::from(ERROR),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::from(PASSED);
            }
            let message = format!("{error:#}");
            let _ = writeln!(
                std::io::stderr(),
                "coach: {}",
                coach::report::neutral::visible(&message)
            );
            ExitCode::from(ERROR)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Score(args) => commands::score::run(args),
        Command::Sections(args) => commands::sections::run(args),
        Command::Review(args) => commands::review::run(args),
        Command::Explain(args) => commands::explain::run(args),
        Command::Rubric(args) => commands::rubric::run(args),
        Command::Lsp => commands::lsp::run(),
        Command::Completions(args) => commands::generate::completions(args),
        Command::Man(args) => commands::generate::man(args),
    }
}

/// Replaces the multi-line panic report with one line that says it is a bug to report. Writes
/// that fail (a closed stderr) are ignored: there is nowhere left to say anything.
fn report_panics_in_one_line() {
    std::panic::set_hook(Box::new(|info| {
        let message = commands::score::panic_message(info.payload());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let _ = writeln!(
            std::io::stderr(),
            "coach: internal error{place}: {}; please report it with the input that caused it",
            coach::report::neutral::visible(message)
        );
    }));
}

/// A reader that went away (`coach score ... | head`) is a normal end, not an error.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
