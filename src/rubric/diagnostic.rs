//! Rubric errors rendered for people: `--> file:line:column`, the source line, a caret.
//!
//! A rubric is often a contributor's file: its path, the message and the quoted line pass
//! through `visible`, so a control character in it is shown, not acted on.

use super::{RubricError, builtin};
use crate::report::neutral::visible;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

/// Renders each error with its source line when the file and position are known.
pub fn render(errors: &[RubricError], styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for error in errors {
        let line = source_line(&error.path, error.line);
        let message = visible(&error.message);
        let path = visible(&error.path);
        match line {
            Some(raw) if error.line > 0 => {
                let text = visible(&raw);
                // A line shown escaped has other columns: then the whole line is marked.
                let start = if text == raw {
                    byte_at_column(&text, error.column)
                } else {
                    0
                };
                let end = text.len().max(start);
                let report = [Level::ERROR.primary_title(&*message).element(
                    Snippet::source(&*text)
                        .line_start(error.line)
                        .path(&*path)
                        .annotation(AnnotationKind::Primary.span(start..end)),
                )];
                out.push_str(&renderer.render(&report));
            }
            _ => {
                let report = [Level::ERROR
                    .primary_title(&*message)
                    .element(annotate_snippets::Origin::path(&*path))];
                out.push_str(&renderer.render(&report));
            }
        }
        out.push_str("\n\n");
    }
    out
}

/// The text of 1-based `line` of the rubric at `path` (a file or `<built-in NAME>`).
fn source_line(path: &str, line: usize) -> Option<String> {
    let text = match path
        .strip_prefix("<built-in ")
        .and_then(|rest| rest.strip_suffix('>'))
    {
        Some(name) => builtin::text(name)?.to_string(),
        None => {
            let meta = std::fs::metadata(path).ok()?;
            if meta.len() > crate::yaml::MAX_YAML_BYTES as u64 {
                return None;
            }
            std::fs::read_to_string(path).ok()?
        }
    };
    text.lines()
        .nth(line.checked_sub(1)?)
        .map(|l| l.trim_end().to_string())
}

fn byte_at_column(text: &str, column: usize) -> usize {
    text.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i)
}
