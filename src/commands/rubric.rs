//! `coach rubric list|show|check|schema`: rubrics as something people write and share.

use super::{ERROR, PASSED, write_stdout};
use crate::cli::{ColorWhen, RubricArgs, RubricCommand};
use coach::report::neutral::visible;
use coach::rubric::{self, builtin, diagnostic, project, schema};
use std::path::Path;

pub fn run(args: RubricArgs) -> anyhow::Result<u8> {
    match args.command {
        RubricCommand::List => list(),
        RubricCommand::Show { name } => show(&name),
        RubricCommand::Check { files } => check(&files),
        RubricCommand::Schema => {
            write_stdout(&schema::json())?;
            Ok(PASSED)
        }
    }
}

/// A rubric coach knows without being told: a built-in or a file in the project folders.
pub struct Known {
    /// What to pass to `rubric::load`: a built-in name or a path.
    pub name_or_path: String,
    pub source: String,
}

/// Built-ins first, then project rubrics under the current folder (copies of a built-in, as
/// in coach's own repository, are left out).
pub fn known() -> Vec<Known> {
    let mut all: Vec<Known> = builtin::names()
        .map(|name| Known {
            name_or_path: name.to_string(),
            source: if name == builtin::DEFAULT {
                "built-in, default".into()
            } else {
                "built-in".into()
            },
        })
        .collect();
    for path in project::files(Path::new(".")) {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if builtin::names().any(|name| builtin::text(name) == Some(text.as_str())) {
            continue;
        }
        let shown = path
            .strip_prefix(".")
            .unwrap_or(&path)
            .display()
            .to_string();
        all.push(Known {
            name_or_path: shown.clone(),
            source: shown,
        });
    }
    all
}

fn list() -> anyhow::Result<u8> {
    let mut rows = vec![[
        "NAME".to_string(),
        "CHECKS".to_string(),
        "SOURCE".to_string(),
        "TITLE".to_string(),
    ]];
    for known in known() {
        let row = match rubric::load(&known.name_or_path) {
            Ok(r) => [
                visible(r.name()).into_owned(),
                r.checks.len().to_string(),
                visible(&known.source).into_owned(),
                visible(&r.spec.title).into_owned(),
            ],
            Err(_) => [
                "?".to_string(),
                "-".to_string(),
                visible(&known.source).into_owned(),
                format!(
                    "invalid: run `coach rubric check {}`",
                    visible(&known.name_or_path)
                ),
            ],
        };
        rows.push(row);
    }
    let widths: Vec<usize> = (0..3)
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        for (cell, width) in row.iter().zip(&widths) {
            out.push_str(&format!("{cell:<width$}  "));
        }
        out.push_str(&row[3]);
        out.push('\n');
    }
    write_stdout(&out)?;
    Ok(PASSED)
}

fn show(name: &str) -> anyhow::Result<u8> {
    let rubric = match rubric::load_all_errors(name) {
        Ok(rubric) => rubric,
        Err(errors) => {
            eprint!("{}", diagnostic::render(&errors, false));
            return Ok(ERROR);
        }
    };
    let yaml = coach::yaml::to_string(&rubric.effective_spec())
        .map_err(|e| anyhow::anyhow!("cannot write rubric as YAML: {e}"))?;
    write_stdout(&format!(
        "# Effective rubric `{}` (from {}, with `extends` applied and defaults written out).\n{yaml}",
        visible(rubric.name()),
        visible(name)
    ))?;
    Ok(PASSED)
}

fn check(files: &[String]) -> anyhow::Result<u8> {
    let targets: Vec<String> = if files.is_empty() {
        known().into_iter().map(|k| k.name_or_path).collect()
    } else {
        files.to_vec()
    };
    let styled = super::color::stdout(ColorWhen::Auto).is_on();
    let mut out = String::new();
    let mut failed = 0;
    for target in &targets {
        match rubric::load_all_errors(target) {
            Ok(rubric) => {
                // Penalties are worth nothing until they find something: counted apart.
                let (penalties, scored): (Vec<_>, Vec<_>) =
                    rubric.checks.iter().partition(|c| c.spec.is_penalty());
                let points: u32 = scored.iter().map(|c| c.spec.points).sum();
                let count = rubric.checks.len();
                let plural = if count == 1 { "" } else { "s" };
                let penalties = match penalties.len() {
                    0 => String::new(),
                    1 => ", 1 of them a penalty".to_string(),
                    n => format!(", {n} of them penalties"),
                };
                out.push_str(&format!(
                    "ok: {} ({count} check{plural}, {points} points{penalties})\n",
                    visible(target)
                ));
            }
            Err(errors) => {
                failed += 1;
                out.push_str(&diagnostic::render(&errors, styled));
            }
        }
    }
    if failed > 0 {
        out.push_str(&format!(
            "{failed} of {} rubrics have errors\n",
            targets.len()
        ));
    }
    write_stdout(&out)?;
    Ok(if failed > 0 { ERROR } else { PASSED })
}
