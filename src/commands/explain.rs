//! `coach explain ID`: the why, the fix and examples for a check.

use super::{ERROR, PASSED, write_stdout};
use crate::cli::ExplainArgs;
use coach::rubric::{self, builtin};

pub fn run(args: ExplainArgs) -> anyhow::Result<u8> {
    let names: Vec<String> = match &args.rubric {
        Some(name) => vec![name.clone()],
        None => builtin::names().map(String::from).collect(),
    };
    let mut found = Vec::new();
    for name in &names {
        let rubric = rubric::load(name)?;
        if let Some(check) = rubric.check(&args.id) {
            found.push((rubric.name().to_string(), check.spec.clone()));
        }
    }
    let Some((_, spec)) = found.first() else {
        eprintln!(
            "coach: no check `{}` in {}; `coach score --format json` lists the ids it reports",
            args.id,
            names.join(", ")
        );
        return Ok(ERROR);
    };
    let rubrics: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    let mut out = format!("{} — {}\n", spec.id, spec.title);
    out.push_str(&format!(
        "Rubric: {}   Section: {}   Points: {}\n\n",
        rubrics.join(", "),
        serde_json::to_value(spec.section)?
            .as_str()
            .unwrap_or("any"),
        spec.points
    ));
    if let Some(why) = &spec.why {
        out.push_str(&format!("Why it matters\n  {why}\n\n"));
    }
    out.push_str(&format!("How to fix\n  {}\n", spec.hint));
    if let Some(example) = &spec.example_pass {
        out.push_str(&format!("\nPasses\n  {example}\n"));
    }
    if let Some(example) = &spec.example_fail {
        out.push_str(&format!("\nFails\n  {example}\n"));
    }
    write_stdout(&out)?;
    Ok(PASSED)
}
