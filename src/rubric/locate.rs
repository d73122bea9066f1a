//! Finding where something sits in rubric text, so validation errors can say file:line:column.
//!
//! The YAML parser reports positions for syntax and type errors; these helpers cover the
//! semantic errors found after parsing (duplicate ids, bad regexes, impossible thresholds).
//! They read block-style YAML as people write it and fall back to "unknown" (0, 0).

/// Something to point at in a rubric file.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    /// A top-level key such as `grades:`.
    Key(&'a str),
    /// A key inside the `nth` (0-based) check whose id is `id`; `id` itself points at the id.
    InCheck {
        id: &'a str,
        nth: usize,
        key: &'a str,
    },
    /// The first line at or after the top-level `key` that contains `needle`.
    After { key: &'a str, needle: &'a str },
}

impl Place<'_> {
    /// 1-based (line, column), or (0, 0) when the place cannot be found.
    pub fn find(self, text: &str) -> (usize, usize) {
        let lines: Vec<&str> = text.lines().collect();
        let found = match self {
            Place::Key(key) => top_key(&lines, key),
            Place::InCheck { id, nth, key } => in_check(&lines, id, nth, key),
            Place::After { key, needle } => top_key(&lines, key).and_then(|(start, _)| {
                lines
                    .iter()
                    .enumerate()
                    .skip(start)
                    .find_map(|(i, line)| line.find(needle).map(|at| (i, at)))
            }),
        };
        found.map_or((0, 0), |(line, byte)| {
            (line + 1, lines[line][..byte].chars().count() + 1)
        })
    }
}

/// (line index, byte offset) of a top-level `key:`.
fn top_key(lines: &[&str], key: &str) -> Option<(usize, usize)> {
    lines
        .iter()
        .position(|line| key_of(line) == Some(key) && !line.starts_with([' ', '-']))
        .map(|i| (i, 0))
}

/// The key a block-mapping line starts with, ignoring indentation and a list dash.
fn key_of(line: &str) -> Option<&str> {
    let body = item_body(line);
    let colon = body.find(':')?;
    let key = &body[..colon];
    (!key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_'))
    .then_some(key)
}

/// The line without indentation and a leading `- `.
fn item_body(line: &str) -> &str {
    let trimmed = line.trim_start();
    trimmed.strip_prefix("- ").map_or(trimmed, str::trim_start)
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The value of a `key: value` line, unquoted, without a trailing comment.
fn value_of(line: &str) -> &str {
    let body = item_body(line);
    let value = body.split_once(':').map_or("", |(_, v)| v).trim();
    let value = value.split(" #").next().unwrap_or(value).trim();
    value.trim_matches(|c| c == '"' || c == '\'')
}

fn in_check(lines: &[&str], id: &str, nth: usize, key: &str) -> Option<(usize, usize)> {
    let id_line = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| key_of(line) == Some("id") && value_of(line) == id)
        .map(|(i, _)| i)
        .nth(nth)
        .or_else(|| {
            // Flow style (`- {id: x, ...}`): the first line that mentions the id.
            lines.iter().position(|line| line.contains(id))
        })?;
    let at = |i: usize| {
        let line = lines[i];
        let body = item_body(line);
        (i, line.len() - body.len())
    };
    if key == "id" {
        return Some(at(id_line));
    }
    // The check's own keys sit at the id's indentation (after its dash) until the next item.
    let item_indent = indent(lines[id_line]);
    for (i, line) in lines.iter().enumerate().skip(id_line + 1) {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if indent(line) <= item_indent {
            break;
        }
        if key_of(line) == Some(key) {
            return Some(at(i));
        }
    }
    Some(at(id_line))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "name: t\nchecks:\n  - id: a\n    points: 1\n  - id: \"b\"\n    pattern: '('\n  - id: a\n    points: 0\ngrades: {strong: 1}\n";

    #[test]
    fn finds_keys_inside_the_right_check() {
        assert_eq!(Place::Key("grades").find(TEXT), (9, 1));
        let second_a = Place::InCheck {
            id: "a",
            nth: 1,
            key: "points",
        };
        assert_eq!(second_a.find(TEXT), (8, 5));
        let pattern = Place::InCheck {
            id: "b",
            nth: 0,
            key: "pattern",
        };
        assert_eq!(pattern.find(TEXT), (6, 5));
        let id = Place::InCheck {
            id: "a",
            nth: 1,
            key: "id",
        };
        assert_eq!(id.find(TEXT), (7, 5));
    }

    #[test]
    fn a_missing_key_points_at_the_check_and_unknown_is_zero() {
        let hint = Place::InCheck {
            id: "b",
            nth: 0,
            key: "hint",
        };
        assert_eq!(hint.find(TEXT), (5, 5));
        assert_eq!(Place::Key("length").find(TEXT), (0, 0));
    }
}
