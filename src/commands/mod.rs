//! One module per subcommand; shared input and output helpers live here.

pub mod explain;
pub mod rubric;
pub mod score;
pub mod sections;

use crate::cli::InputArgs;
use coach::report::FileError;
use coach::source::{self, Source};
use std::io::Write;

/// Exit codes: every answer passed, one scored below the threshold, something could not run.
pub const PASSED: u8 = 0;
pub const BELOW_THRESHOLD: u8 = 1;
pub const ERROR: u8 = 2;

/// Reads every input; unreadable ones become errors and the rest go on.
pub fn read_all(input: &InputArgs) -> (Vec<Source>, Vec<FileError>) {
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

/// Table width: `COLUMNS` when set (terminals export it), else a width that reads well in logs.
pub fn table_width() -> u16 {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<u16>().ok())
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
