//! The GitHub Actions stop-commands guard around output a person reads.
//!
//! A runner acts on workflow commands in any line of a step's log. Outside text is already
//! shown neutral (`coach::report::neutral`); as a second wall, when `GITHUB_ACTIONS=true` the
//! human formats open with `::stop-commands::TOKEN` and close with `::TOKEN::`, the runner's
//! documented way to print text it must not act on. The token is fresh each run, so nothing
//! written before the run can end the guard.

use std::hash::{BuildHasher, Hasher};

/// Present when the output is read by a GitHub Actions runner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guard {
    token: String,
}

impl Guard {
    /// A guard when `GITHUB_ACTIONS` is `true`, as the runner sets it in every step.
    pub fn from_env() -> Option<Guard> {
        (std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true")).then(|| Guard {
            token: fresh_token(),
        })
    }

    /// The line that stops command processing.
    pub fn open(&self) -> String {
        format!("::stop-commands::{}\n", self.token)
    }

    /// The line that resumes it.
    pub fn close(&self) -> String {
        format!("::{}::\n", self.token)
    }
}

/// 32 hex digits no input can know: the standard library's randomly keyed hasher over the
/// time and the process id (no random-number crate needed for a token used once).
fn fresh_token() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut halves = [0u64; 2];
    for (i, half) in halves.iter_mut().enumerate() {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(now);
        hasher.write_u32(std::process::id());
        hasher.write_usize(i);
        *half = hasher.finish();
    }
    format!("{:016x}{:016x}", halves[0], halves[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_differ_and_frame_the_output() {
        let (a, b) = (fresh_token(), fresh_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        let guard = Guard { token: a.clone() };
        assert_eq!(guard.open(), format!("::stop-commands::{a}\n"));
        assert_eq!(guard.close(), format!("::{a}::\n"));
    }
}
