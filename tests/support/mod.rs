//! Runs the built `coach` binary and collects its exit code and output. The command carries
//! only the binary and its directory: each test file adds the environment it depends on.

// Each test file uses part of this module.
#![allow(dead_code)]

pub mod browser;

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// The program `env` names, else the first of `names` on the `PATH`; `None` where there is
/// none (the tests that need it skip).
pub fn program(env: &str, names: &[&str]) -> Option<std::path::PathBuf> {
    if let Some(named) = std::env::var_os(env) {
        return Some(named.into());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// How a run ended: the exit code (-1 when a signal ended it) and what it printed.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Stdout parsed as JSON; when it is not JSON, panics showing stdout and stderr.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e})\n--- stdout\n{}\n--- stderr\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

/// The project root, where `samples/` and `tests/` are.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The built `coach`, to run in `dir`.
pub fn command(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_coach"));
    // Outside GitHub Actions even when the tests run in it: human output is then framed by a
    // fresh token each run (tests/trust.rs sets it where that is tested).
    command.current_dir(dir).env_remove("GITHUB_ACTIONS");
    command
}

/// Runs `command` to the end. With `stdin`, standard input is a pipe carrying that text;
/// without, it is empty.
pub fn run(command: &mut Command, stdin: Option<&str>) -> Run {
    let output = match stdin {
        None => command.output(),
        Some(text) => {
            let mut child = spawn(command);
            let mut pipe = child.stdin.take().expect("stdin is piped");
            pipe.write_all(text.as_bytes()).expect("coach reads stdin");
            drop(pipe);
            child.wait_with_output()
        }
    }
    .expect("coach runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Starts `command` with stdin, stdout and stderr piped.
pub fn spawn(command: &mut Command) -> Child {
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("command starts")
}

/// Runs `coach ARGS` in `dir`.
pub fn coach_in(dir: &Path, args: &[&str]) -> Run {
    run(command(dir).args(args), None)
}

/// Runs `coach ARGS` in the project root.
pub fn coach(args: &[&str]) -> Run {
    coach_in(root(), args)
}
