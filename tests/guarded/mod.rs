//! Runs the coach binary with a wall-clock guard, so a hang fails a test instead of the suite.
//! The guard is generous on purpose: it catches "never finishes", not "slower than budget".

#![allow(dead_code)]

#[path = "../support/mod.rs"]
mod support;

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

/// Long enough for a debug build on a busy machine; hangs are what this catches.
pub const GUARD: Duration = Duration::from_secs(120);

pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

pub fn command<I, S>(args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = Command::new(env!("CARGO_BIN_EXE_coach"));
    command
        .args(args)
        .env_remove("COLUMNS")
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1");
    command
}

/// Runs `coach ARGS` in `dir` with `stdin` as input and waits at most [`GUARD`].
pub fn coach_in<I, S>(dir: &Path, args: I, stdin: &[u8]) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut command = command(args);
    command.current_dir(dir);
    run(command, stdin)
}

pub fn coach<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run(command(args), b"")
}

pub fn run(mut command: Command, stdin: &[u8]) -> Run {
    let mut child = support::spawn(&mut command);
    let mut input = child.stdin.take().expect("stdin");
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let out = drain(child.stdout.take().expect("stdout"));
    let err = drain(child.stderr.take().expect("stderr"));
    let status = wait_guarded(&mut child, &format!("{command:?}"));
    let _ = writer.join();
    Run {
        status,
        stdout: String::from_utf8_lossy(&out.join().expect("stdout reader")).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().expect("stderr reader")).into_owned(),
    }
}

fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut buffer = Vec::new();
        let _ = pipe.read_to_end(&mut buffer);
        buffer
    })
}

/// Waits for `child`; kills it and fails the test when it outlives the guard.
pub fn wait_guarded(child: &mut Child, what: &str) -> ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if started.elapsed() > GUARD {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what} did not finish within {GUARD:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The graded example answers shipped with the tests.
pub fn corpus() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/graded");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/corpus/graded")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
}
