//! `coach sections`: how each answer was split, for checking the parser's reading.

use super::guard::Guard;
use super::{ERROR, PASSED, read_all, report_errors, table_width, write_stdout};
use crate::cli::{Format, SectionsArgs};
use coach::answer::{self, Answer};
use coach::report::neutral::visible;
use coach::report::{json, pretty};

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
            let mut out = Vec::new();
            pretty::write_at(
                &mut out,
                0,
                &serde_json::json!({"schema_version": json::SCHEMA_VERSION, "files": files, "errors": errors}),
            )?;
            out.push(b'\n');
            String::from_utf8(out)?
        }
        Format::Table => {
            let width = usize::from(table_width());
            let tables = parsed
                .iter()
                .map(|(path, answer)| table(path, answer, width))
                .collect::<Vec<_>>()
                .join("\n");
            match Guard::from_env() {
                Some(guard) => format!("{}{tables}{}", guard.open(), guard.close()),
                None => tables,
            }
        }
    };
    write_stdout(&text)?;
    if args.format == Format::Table {
        report_errors(&errors);
    }
    Ok(if errors.is_empty() { PASSED } else { ERROR })
}

/// Columns before the opening words: two spaces, section, lines, how it was found.
const FIXED: usize = 2 + 12 + 9 + 10;

/// One file: the question if one was found, then a row per section in STAR order.
fn table(path: &str, answer: &Answer, width: usize) -> String {
    let mut out = format!("{}\n", visible(path));
    if let Some(title) = &answer.title {
        out.push_str(&format!(
            "  question: {}\n",
            visible(&shorten(title, width.saturating_sub(12)))
        ));
    }
    if answer.sections.is_empty() {
        out.push_str("  (no sections found)\n");
        return out;
    }
    out.push_str(&format!(
        "  {:<12}{:<9}{:<10}{}\n",
        "SECTION", "LINES", "HOW", "STARTS WITH"
    ));
    for section in &answer.sections {
        let lines = format!("{}-{}", section.start_line, section.end_line);
        let how = if section.labelled {
            "labelled"
        } else {
            "inferred"
        };
        let opening = answer
            .opening(section.name)
            .map_or("(empty)".to_string(), |s| {
                visible(&shorten(&s.text, width.saturating_sub(FIXED).max(20))).into_owned()
            });
        out.push_str(&format!(
            "  {:<12}{:<9}{:<10}{}\n",
            section.name.as_str(),
            lines,
            how,
            opening
        ));
    }
    out
}

/// The first words of `text` that fit in `max` characters, with "…" when cut; bold and
/// italic markers are dropped because the row is read, not rendered.
fn shorten(text: &str, max: usize) -> String {
    let plain = text.replace("**", "").replace("__", "");
    let text = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut out = String::new();
    for word in text.split(' ') {
        if out.chars().count() + word.chars().count() + 2 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(max.saturating_sub(1)).collect();
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_at_words() {
        assert_eq!(shorten("Our queue  backed up", 40), "Our queue backed up");
        assert_eq!(shorten("**Strategy.** I chose", 40), "Strategy. I chose");
        assert_eq!(
            shorten("Our queue backed up every night", 18),
            "Our queue backed…"
        );
        assert!(shorten(&"x".repeat(50), 10).chars().count() <= 10);
    }

    #[test]
    fn table_shows_how_each_section_was_found() {
        let answer = answer::parse(
            "# Tell me about a slow build\n\n**Situation:** Builds took an hour.\n\nI cached them. As a result builds took 8 minutes.",
        );
        let out = table("a.md", &answer, 100);
        assert!(
            out.contains("question: Tell me about a slow build"),
            "{out}"
        );
        assert!(
            out.contains("situation   3-3      labelled  Builds took an hour."),
            "{out}"
        );
        assert!(
            out.contains("actions     5-5      inferred  I cached them."),
            "{out}"
        );
    }
}
