//! `coach explain ID`: what a check looks for, why interviewers care, and examples.

use super::{ERROR, PASSED, write_stdout};
use crate::cli::ExplainArgs;
use coach::config::{self, Config};
use coach::rubric::confine::Project;
use coach::rubric::{self, Check, resolve};
use std::path::{Path, PathBuf};

/// Rubrics named by the `.coach.yaml` that applies here, so their ids can be explained too.
fn configured() -> Vec<(String, Option<PathBuf>)> {
    config::discover(Path::new("."))
        .and_then(|path| Config::load(&path).ok())
        .map(|config| {
            config
                .rubrics()
                .into_iter()
                .map(|(name, folder)| (name, Some(folder)))
                .collect()
        })
        .unwrap_or_default()
}

pub fn run(args: ExplainArgs) -> anyhow::Result<u8> {
    let names: Vec<(String, Option<PathBuf>)> = match &args.rubric {
        Some(name) => vec![(name.clone(), None)],
        None => super::rubric::known()
            .into_iter()
            .map(|k| (k.name_or_path, None))
            .chain(configured())
            .collect(),
    };
    // Every rubric with the id, grouped by identical text so shared checks print once.
    let mut found: Vec<(Vec<String>, Check)> = Vec::new();
    for (name, folder) in &names {
        // A rubric the configuration names is the project's, read only from inside it.
        let project = folder.as_deref().map(Project::around);
        let loaded = resolve::load(name, folder.as_deref(), project.as_ref());
        let rubric = match loaded.map_err(rubric::first) {
            Ok(rubric) => rubric,
            Err(error) if args.rubric.is_some() => {
                super::say(&coach::report::neutral::visible(&error.to_string()));
                return Ok(ERROR);
            }
            Err(_) => continue,
        };
        let Some(check) = rubric.check(&args.id) else {
            continue;
        };
        let same = |c: &Check| {
            c.spec.why == check.spec.why
                && c.spec.hint == check.spec.hint
                && c.spec.example_pass == check.spec.example_pass
                && c.describe() == check.describe()
        };
        match found.iter_mut().find(|(_, c)| same(c)) {
            Some((rubrics, _)) => rubrics.push(rubric.name().to_string()),
            None => found.push((vec![rubric.name().to_string()], check.clone())),
        }
    }
    if found.is_empty() {
        let names: Vec<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
        super::say(&format!(
            "no check `{}` in {}; `coach score --format json` lists the ids it reports",
            coach::report::neutral::visible(&args.id),
            coach::report::neutral::visible(&names.join(", "))
        ));
        return Ok(ERROR);
    }
    let text: Vec<String> = found
        .iter()
        .map(|(rubrics, check)| explain(rubrics, check))
        .collect();
    write_stdout(&text.join("\n"))?;
    Ok(PASSED)
}

/// The text `coach explain` prints for `check`, found in `rubrics`.
pub fn explain(rubrics: &[String], check: &Check) -> String {
    // A project's rubric wrote every one of these strings: shown neutral, like any outside text.
    use coach::report::neutral::visible;
    let spec = &check.spec;
    let mut out = format!("{} — {}\n", visible(&spec.id), visible(&spec.title));
    out.push_str(&format!(
        "Rubric: {}   Points: {}\n\n",
        visible(&rubrics.join(", ")),
        spec.points
    ));
    out.push_str(&format!(
        "What it checks\n  {}\n\n",
        visible(&check.describe())
    ));
    if let Some(why) = &spec.why {
        out.push_str(&format!("Why it matters\n  {}\n\n", visible(why)));
    }
    out.push_str(&format!("How to fix\n  {}\n", visible(&spec.hint)));
    if let Some(example) = &spec.example_pass {
        out.push_str(&format!("\nPasses\n  {}\n", visible(example)));
    }
    if let Some(example) = &spec.example_fail {
        out.push_str(&format!("\nFails\n  {}\n", visible(example)));
    }
    out
}
