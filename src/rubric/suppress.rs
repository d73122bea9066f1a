//! `<!-- coach-ignore CHECK_ID ... -->`: an answer's author leaves a check out of its score.
//!
//! Read from the raw text (HTML comments are not prose, so the parsed answer never sees them);
//! comments inside fenced code or front matter are examples, not instructions, and are skipped.

use crate::answer::markdown::{self, LineKind};

/// One check id an answer asks to ignore, and the line that asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignore {
    pub line: usize,
    pub id: String,
}

const OPEN: &str = "<!--";
const CLOSE: &str = "-->";
const KEYWORD: &str = "coach-ignore";

/// Every `coach-ignore` id in `text`, in file order. Ids may be separated by spaces or commas.
pub fn scan(text: &str) -> Vec<Ignore> {
    if !text.contains(KEYWORD) {
        return Vec::new();
    }
    let kinds = markdown::walk(text);
    let mut found = Vec::new();
    for (line, raw) in kinds.iter().zip(text.split('\n')) {
        if matches!(line.kind, LineKind::Code | LineKind::FrontMatter) || !raw.contains(KEYWORD) {
            continue;
        }
        let mut rest = raw;
        while let Some(open) = rest.find(OPEN) {
            let after = &rest[open + OPEN.len()..];
            let (inside, next) = match after.find(CLOSE) {
                Some(close) => (&after[..close], &after[close + CLOSE.len()..]),
                None => (after, ""),
            };
            if let Some(ids) = inside.trim_start().strip_prefix(KEYWORD) {
                found.extend(
                    ids.split(|c: char| c.is_whitespace() || c == ',')
                        .filter(|id| !id.is_empty())
                        .map(|id| Ignore {
                            line: line.number,
                            id: id.to_string(),
                        }),
                );
            }
            rest = next;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_in_comments_but_not_in_code() {
        let text = "# Q?\n<!-- coach-ignore pitfall.hedging, length.speaking-time -->\nI led it. <!-- coach-ignore results.slo -->\n```\n<!-- coach-ignore actions.present -->\n```\n<!-- a note, coach-ignore is not first -->\n";
        let found = scan(text);
        let ids: Vec<(usize, &str)> = found.iter().map(|i| (i.line, i.id.as_str())).collect();
        assert_eq!(
            ids,
            [
                (2, "pitfall.hedging"),
                (2, "length.speaking-time"),
                (3, "results.slo")
            ]
        );
    }
}
