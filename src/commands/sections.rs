//! `coach sections`: how each answer was split, for checking the parser's reading.

use super::{ERROR, PASSED, read_all, write_stdout};
use crate::cli::{Format, SectionsArgs};
use coach::answer::{self, Answer};
use coach::report::json;

pub fn run(args: SectionsArgs) -> anyhow::Result<u8> {
    let (sources, errors) = read_all(&args.input);
    let parsed: Vec<(String, Answer)> = sources
        .iter()
        .map(|s| (s.path.clone(), answer::parse(&s.text)))
        .collect();
    let text = match args.format {
        Format::Json => {
            let files: Vec<_> = parsed
                .iter()
                .map(
                    |(path, answer)| serde_json::json!({"path": path, "sections": answer.sections}),
                )
                .collect();
            let mut out = serde_json::to_string_pretty(
                &serde_json::json!({"schema_version": json::SCHEMA_VERSION, "files": files, "errors": errors}),
            )?;
            out.push('\n');
            out
        }
        Format::Table => {
            let mut out = String::new();
            for (path, answer) in &parsed {
                out.push_str(&format!("{path}\n"));
                if answer.sections.is_empty() {
                    out.push_str("  (no sections found)\n");
                }
                for section in &answer.sections {
                    out.push_str(&format!(
                        "  {:<11} lines {:>3}–{:<3} {}\n",
                        section.name.as_str(),
                        section.start_line,
                        section.end_line,
                        if section.labelled {
                            "labelled"
                        } else {
                            "inferred"
                        }
                    ));
                }
            }
            out
        }
    };
    write_stdout(&text)?;
    if args.format == Format::Table {
        for error in &errors {
            eprintln!("coach: {}: {}", error.path, error.message);
        }
    }
    Ok(if errors.is_empty() { PASSED } else { ERROR })
}
