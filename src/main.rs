//! Entry point: arguments in, a run, an exit code out.

mod cli;

mod commands;

use clap::Parser;
use cli::{Cli, Command};
use commands::{ERROR, PASSED};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score(args) => commands::score::run(args),
        Command::Sections(args) => commands::sections::run(args),
        Command::Explain(args) => commands::explain::run(args),
        Command::Rubric(args) => commands::rubric::run(args),
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
