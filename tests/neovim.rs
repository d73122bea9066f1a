//! `coach lsp` under a real editor: headless Neovim opens an answer with the server attached
//! and writes the diagnostics it received to a file. Skipped, with a message, where Neovim is
//! not installed (`apt-get install neovim`; `COACH_NVIM` names another binary).

mod support;

use std::path::PathBuf;
use std::process::{Command, Stdio};
use support::root;

fn neovim() -> Option<PathBuf> {
    support::program("COACH_NVIM", &["nvim"])
}

#[test]
fn neovim_shows_the_findings_on_their_lines() {
    let Some(nvim) = neovim() else {
        eprintln!("skipped: no Neovim found (apt-get install neovim, or set COACH_NVIM)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let answer = dir.path().join("answer.md");
    std::fs::copy(root().join("samples/weak-no-results.md"), &answer).unwrap();
    let out = dir.path().join("diagnostics.tsv");
    let status = Command::new(nvim)
        .args(["--headless", "-n", "-i", "NONE", "-u"])
        .arg(root().join("tests/fixtures/editors/nvim-init.lua"))
        .arg(&answer)
        .current_dir(dir.path())
        .env("COACH_BIN", env!("CARGO_BIN_EXE_coach"))
        .env("COACH_NVIM_OUT", &out)
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .stdin(Stdio::null())
        .status()
        .expect("neovim runs");
    assert!(status.success(), "{status}");
    let received = std::fs::read_to_string(&out).expect("neovim wrote what it received");
    assert!(!received.starts_with("no diagnostics"), "{received}");

    // The same findings `coach score` reports, each on its line.
    let scored = support::coach(&[
        "score",
        "--format",
        "json",
        "--exit-zero",
        answer.to_str().unwrap(),
    ])
    .json()["files"][0]
        .clone();
    let rows: Vec<(usize, String)> = received
        .lines()
        .map(|row| {
            let mut cells = row.split('\t');
            let line = cells.next().unwrap().parse().unwrap();
            (line, cells.next().unwrap().to_string())
        })
        .collect();
    let lost: Vec<&serde_json::Value> = scored["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["points"] != c["max_points"])
        .collect();
    assert_eq!(rows.len(), lost.len(), "{received}");
    for check in lost {
        let id = check["id"].as_str().unwrap().to_string();
        let line = check["line"].as_u64().map_or(1, |l| l as usize);
        assert!(
            rows.contains(&(line, id.clone())),
            "{id} on line {line}: {received}"
        );
    }
}
