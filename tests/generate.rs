//! `coach completions` and `coach man` are written from the one clap definition: every command
//! and flag the program takes is in them.

use std::process::Command;

fn coach(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_coach"))
        .args(args)
        .output()
        .expect("coach runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

const COMMANDS: [&str; 7] = [
    "score",
    "sections",
    "review",
    "explain",
    "rubric",
    "completions",
    "man",
];

#[test]
fn completions_know_every_command_and_the_score_flags() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (code, out, err) = coach(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        for command in COMMANDS {
            assert!(out.contains(command), "{shell} lacks {command}");
        }
        for flag in ["allow-drafts", "min-score", "isolated"] {
            assert!(out.contains(flag), "{shell} lacks --{flag}");
        }
    }
    let (_, zsh, _) = coach(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef coach"));
    let (_, bash, _) = coach(&["completions", "bash"]);
    assert!(bash.contains("complete -F _coach"));
}

#[test]
fn completions_refuse_an_unknown_shell() {
    let (code, _, err) = coach(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(err.contains("bash"), "{err}");
}

#[test]
fn the_manual_lists_every_command_and_each_has_its_page() {
    let (code, page, err) = coach(&["man"]);
    assert_eq!(code, 0, "{err}");
    assert!(page.contains(".TH coach 1"));
    for command in COMMANDS {
        assert!(page.contains(&format!("coach\\-{command}(1)")), "{command}");
    }
    let (code, score, _) = coach(&["man", "score"]);
    assert_eq!(code, 0);
    assert!(score.contains(".TH coach-score 1"));
    assert!(score.contains("\\-\\-allow\\-drafts"));
    assert!(score.contains("\\-\\-format"));
}

#[test]
fn an_unknown_command_has_no_page_and_says_which_do() {
    let (code, out, err) = coach(&["man", "grade"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("no command `grade`") && err.contains("score"),
        "{err}"
    );
}

#[test]
fn every_page_is_written_to_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = coach(&["man", "--dir", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for page in [
        "coach.1",
        "coach-score.1",
        "coach-man.1",
        "coach-rubric-check.1",
    ] {
        assert!(names.iter().any(|n| n == page), "{page} in {names:?}");
    }
}
