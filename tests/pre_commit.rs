//! The real `pre-commit`, installed from PyPI into a temporary venv, runs coach as a hook from
//! this repository (at its HEAD commit) on a temporary git repo: a good answer passes, a weak one
//! fails, and a good answer with placeholders left in fails as a draft, showing their lines.
//!
//! pre-commit builds coach with `cargo install`, which takes minutes the first time. Set
//! `COACH_SKIP_PRECOMMIT=1` to skip it locally; CI runs it. Build output is kept under
//! `target/pre-commit/` so later runs only rebuild what changed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(dir: &Path, program: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("command starts")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Says why the test did nothing, straight to stderr so the test harness does not hide it.
fn skip(why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED pre-commit hook test: {why}");
}

#[test]
fn pre_commit_hook_passes_a_good_answer_and_fails_a_weak_one() {
    if std::env::var_os("COACH_SKIP_PRECOMMIT").is_some_and(|v| v != "0") {
        return skip("COACH_SKIP_PRECOMMIT is set");
    }
    let in_ci = std::env::var_os("CI").is_some_and(|v| v == "true" || v == "1");
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let head = run(&repo, "git", &["rev-parse", "HEAD"]);
    if !head.status.success() {
        return skip("this checkout is not a git repository, so pre-commit cannot fetch it");
    }
    let rev = String::from_utf8(head.stdout).unwrap().trim().to_string();
    if !run(
        &repo,
        "git",
        &["cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"],
    )
    .status
    .success()
    {
        return skip("HEAD has no .pre-commit-hooks.yaml; commit it first");
    }

    let scratch = tempfile::tempdir().unwrap();
    let venv = scratch.path().join("venv");
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .output();
    match made {
        Ok(output) if output.status.success() => {}
        Ok(output) if !in_ci => {
            return skip(&format!("python3 -m venv failed: {}", text(&output).trim()));
        }
        Err(error) if !in_ci => return skip(&format!("python3 is not available: {error}")),
        other => panic!("CI must provide python3 with venv: {other:?}"),
    }
    let pip = venv.join("bin/pip");
    let installed = Command::new(&pip)
        .args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "pre-commit",
        ])
        .output()
        .expect("pip runs");
    if !installed.status.success() {
        return skip(&format!(
            "pip could not install pre-commit (no network?): {}",
            text(&installed).trim()
        ));
    }

    // A prep repo with one good and one weak answer, using this repository as the hook source.
    let prep = scratch.path().join("prep");
    std::fs::create_dir_all(prep.join("answers")).unwrap();
    let bank = repo.join("tests/fixtures/bank");
    std::fs::copy(bank.join("strong.md"), prep.join("answers/good.md")).unwrap();
    std::fs::copy(bank.join("weak.md"), prep.join("answers/weak.md")).unwrap();
    // The good answer with two placeholders left in: it scores well and is still unfinished.
    let strong = std::fs::read_to_string(bank.join("strong.md")).unwrap();
    let draft = strong
        .replace(
            "went from 45 minutes to 90 seconds",
            "went from 45 minutes to N seconds",
        )
        .replace(
            "Two other teams\nnow use the same consumer template.",
            "TODO: say who reuses the\nconsumer template.",
        );
    assert_ne!(draft, strong, "the placeholders went in");
    std::fs::write(prep.join("answers/draft.md"), draft).unwrap();
    std::fs::write(
        prep.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: coach\n",
            repo.display()
        ),
    )
    .unwrap();
    for args in [
        &["init", "-q"][..],
        &["config", "user.email", "test@example.com"],
        &["config", "user.name", "test"],
        &["add", "."],
    ] {
        let output = run(&prep, "git", args);
        assert!(output.status.success(), "git {args:?}: {}", text(&output));
    }

    let build = repo.join("target/pre-commit");
    let pre_commit = |file: &str| {
        Command::new(venv.join("bin/pre-commit"))
            .args(["run", "--files", file])
            .current_dir(&prep)
            .env("PRE_COMMIT_HOME", build.join("home"))
            .env("CARGO_TARGET_DIR", build.join("target"))
            // The hook's binary only scores two files: a quick build beats a fast binary here.
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1")
            .output()
            .expect("pre-commit runs")
    };
    let good = pre_commit("answers/good.md");
    assert_eq!(good.status.code(), Some(0), "{}", text(&good));
    assert!(text(&good).contains("Passed"), "{}", text(&good));

    let weak = pre_commit("answers/weak.md");
    let output = text(&weak);
    assert_eq!(weak.status.code(), Some(1), "{output}");
    assert!(output.contains("Failed"), "{output}");
    assert!(output.contains("answers/weak.md"), "{output}");
    assert!(output.contains("Top fixes"), "{output}");

    let draft = pre_commit("answers/draft.md");
    let output = text(&draft);
    assert_eq!(draft.status.code(), Some(1), "{output}");
    assert!(output.contains("Failed"), "{output}");
    assert!(output.contains("DRAFT"), "{output}");
    assert!(
        output.contains("placeholders on lines 21 and 22"),
        "the placeholder lines are named: {output}"
    );
    assert!(
        output.contains("L21: …p95 index lag went from 45 minutes to N"),
        "{output}"
    );
    assert!(
        output.contains("L22: …stayed at 99.95% through the rollout."),
        "{output}"
    );
}
