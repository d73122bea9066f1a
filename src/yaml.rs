//! The one place that knows which YAML crate coach uses. Everything else asks for typed values.

use serde::de::DeserializeOwned;

/// A YAML problem with the position it was found at (1-based; 0 when unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// Limits well above any real rubric (a few thousand events, a handful of levels) and far
/// below what would hurt: alias bombs, deep nesting and event floods are refused before they
/// cost memory or time.
const MAX_DEPTH: usize = 64;
const MAX_EVENTS: usize = 100_000;
const MAX_REPLAYED_EVENTS: usize = 20_000;

fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_events = MAX_EVENTS;
    budget.max_nodes = MAX_EVENTS / 2;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_recorded_anchor_events = MAX_REPLAYED_EVENTS;
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    serde_saphyr::options! {
        budget: Some(budget),
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_REPLAYED_EVENTS,
            max_replay_stack_depth: 16,
        },
    }
}

/// Says in plain words which limit refused a document, instead of the parser's internals. The
/// parser's own words are matched, not field names: an unknown-key error lists the keys a
/// rubric may have, `time-budget` among them.
fn explain_refusal(message: &str) -> Option<String> {
    let lower = message.to_lowercase();
    if lower.contains("alias") || lower.contains("replay") || lower.contains("anchor") {
        Some(format!(
            "refused: aliases expand to too much data (over {MAX_REPLAYED_EVENTS} copied events; an alias bomb?)"
        ))
    } else if lower.contains("depth") || lower.contains("recursion") || lower.contains("nesting") {
        Some(format!("refused: nested more than {MAX_DEPTH} levels deep"))
    } else if lower.contains("budget breached") {
        Some(format!(
            "refused: over {MAX_EVENTS} YAML events; a rubric or config is a few thousand"
        ))
    } else {
        None
    }
}

/// Largest YAML document coach will read (rubrics and configs are a few kilobytes).
pub const MAX_YAML_BYTES: usize = 512 * 1024;

/// Reads a YAML file, refusing it once it passes [`MAX_YAML_BYTES`]; errors say what is wrong
/// with the file ("is over …"), for the caller to prefix with what the file is. The limit is enforced
/// while reading, not from the file's reported size, so `/dev/zero` or a growing pipe cannot
/// exhaust memory.
pub fn read_file(path: &std::path::Path) -> Result<String, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_YAML_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() > MAX_YAML_BYTES {
        return Err(format!(
            "is over the {MAX_YAML_BYTES}-byte limit for YAML files"
        ));
    }
    String::from_utf8(bytes).map_err(|_| "is not valid UTF-8".to_string())
}

/// Parses one YAML document into `T`, with the position of the first problem on failure.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    if text.len() > MAX_YAML_BYTES {
        return Err(YamlError {
            line: 1,
            column: 1,
            message: format!(
                "document is {} bytes, over the {MAX_YAML_BYTES}-byte limit",
                text.len()
            ),
        });
    }
    serde_saphyr::from_str_with_options(text, options()).map_err(|e| {
        let (line, column) = e
            .location()
            .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
        let plain = e
            .without_snippet()
            .render_with_options(serde_saphyr::render_options! {
                snippets: serde_saphyr::SnippetMode::Off,
            });
        YamlError {
            line,
            column,
            message: explain_refusal(&plain).unwrap_or_else(|| strip_location_suffix(&plain)),
        }
    })
}

/// Writes `value` as block-style YAML (what `coach rubric show` prints).
pub fn to_string<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_saphyr::to_string(value).map_err(|e| e.to_string())
}

/// The crate appends " at line L, column C" to plain messages; coach prints positions itself.
fn strip_location_suffix(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    match first.rfind(" at line ") {
        Some(at) => first[..at].to_string(),
        None => first.to_string(),
    }
}

/// Reads answer front matter, where unknown keys are the user's business and are ignored.
pub fn front_matter(text: &str) -> Result<crate::answer::FrontMatter, YamlError> {
    #[derive(serde::Deserialize)]
    struct Loose {
        question: Option<String>,
        rubric: Option<String>,
        /// Any scalar: a `status: 3` or `status: published` of another tool is not coach's.
        status: Option<serde_json::Value>,
    }
    if text.trim().is_empty() {
        return Ok(Default::default());
    }
    let loose: Loose = parse(text)?;
    Ok(crate::answer::FrontMatter {
        question: loose.question,
        rubric: loose.rubric,
        status: loose
            .status
            .as_ref()
            .and_then(serde_json::Value::as_str)
            .and_then(crate::answer::Status::parse),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn error_has_line_and_column() {
        let err = parse::<BTreeMap<String, u32>>("a: 1\nb: [unclosed\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
        assert!(err.column >= 1);
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..30 {
            let prev = i - 1;
            bomb.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let err = parse::<BTreeMap<String, serde_json::Value>>(&bomb).unwrap_err();
        assert!(err.message.to_lowercase().contains("alias"), "{err}");
    }

    #[test]
    fn huge_document_is_refused_before_parsing() {
        let huge = "a: 1\n".repeat(MAX_YAML_BYTES / 4);
        let err = parse::<serde_json::Value>(&huge).unwrap_err();
        assert!(err.message.contains("limit"), "{err}");
    }

    #[test]
    fn values_round_trip() {
        let value: BTreeMap<String, Vec<String>> =
            [("k".to_string(), vec!["a: b".to_string(), "'q'".to_string()])].into();
        let text = to_string(&value).unwrap();
        assert_eq!(
            parse::<BTreeMap<String, Vec<String>>>(&text).unwrap(),
            value
        );
    }

    #[test]
    fn an_event_flood_is_refused_and_named_so() {
        let flood = format!("[{}1]", "1,".repeat(MAX_EVENTS));
        let err = parse::<serde_json::Value>(&flood).unwrap_err();
        assert!(err.message.contains("YAML events"), "{err}");
    }

    /// An unknown key's message lists the keys allowed, `time-budget` among them: that is not
    /// the parser's budget running out.
    #[test]
    fn an_unknown_key_is_not_taken_for_a_budget_breach() {
        let err = parse::<crate::rubric::model::CheckSpec>(
            "id: a\ntitle: A\npoints: 1\nhint: h\ncolour: red\n",
        )
        .unwrap_err();
        assert!(err.message.contains("colour"), "{err}");
        assert!(!err.message.contains("YAML events"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        let err = parse::<serde_json::Value>(&deep).unwrap_err();
        assert!(err.message.contains("nested more than"), "{err}");
    }
}
