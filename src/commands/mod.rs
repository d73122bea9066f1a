//! One module per subcommand; shared input and output helpers live here.

pub mod color;
pub mod explain;
pub mod generate;
pub mod guard;
pub mod lsp;
pub mod review;
pub mod rubric;
pub mod score;
pub mod sections;

use crate::cli::InputArgs;
use coach::report::FileError;
use coach::report::neutral::visible;
use coach::source::{self, Source};
use coach::walk::{self, Input, WalkOptions};
use std::io::Write;

/// Exit codes: every answer passed, one scored below the threshold, something could not run.
pub const PASSED: u8 = 0;
pub const BELOW_THRESHOLD: u8 = 1;
pub const ERROR: u8 = 2;

/// Expands files, folders, globs and `-` into the inputs to read, sorted by path.
pub fn inputs(input: &InputArgs) -> (Vec<Input>, Vec<FileError>) {
    let options = WalkOptions {
        extensions: input.extensions.clone(),
        globs: input.globs.clone(),
        hidden: input.hidden,
        no_ignore: input.no_ignore,
    };
    walk::expand(&input.paths, &options)
}

/// Reads one input; the source carries the path as reports show it.
pub fn read_input(input: &Input, max_bytes: u64) -> Result<Source, FileError> {
    let read = match input {
        Input::Stdin => source::read_stdin(max_bytes),
        Input::File { path, .. } => source::read_path(path, max_bytes),
    };
    match read {
        Ok(mut source) => {
            source.path = input.display().to_string();
            Ok(source)
        }
        Err(error) => Err(FileError {
            path: input.display().to_string(),
            message: error.error.to_string(),
        }),
    }
}

/// Reads every input; unreadable ones become errors and the rest go on.
pub fn read_all(input: &InputArgs) -> (Vec<Source>, Vec<FileError>) {
    let (found, mut errors) = inputs(input);
    let mut sources = Vec::new();
    for input_file in &found {
        match read_input(input_file, input.max_bytes) {
            Ok(source) => sources.push(source),
            Err(error) => errors.push(error),
        }
    }
    (sources, errors)
}

/// Reports each input that could not be read on standard error, one line each, outside text
/// shown neutral.
pub fn report_errors(errors: &[FileError]) {
    for error in errors {
        say(&format!(
            "{}: {}",
            visible(&error.path),
            visible(&error.message)
        ));
    }
}

/// Writes `coach: MESSAGE` on standard error; a message that holds outside text passes it
/// through `visible` first.
pub fn say(message: &str) {
    let _ = writeln!(std::io::stderr(), "coach: {message}");
}

/// Output width: `COLUMNS` when set, else the width of the terminal standard output is, else a
/// width that reads well in logs.
pub fn table_width() -> u16 {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
        .or_else(|| terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| w.0))
        .filter(|w| *w >= 60)
        .unwrap_or(110)
}

/// Writes to stdout; a closed pipe surfaces as an error that `main` treats as a quiet end.
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
