//! Wrapping styled text to a width in terminal columns: at spaces, and inside a word only when
//! the word is wider than a whole row. Widths are display widths, so CJK text and accents wrap
//! where a terminal shows them.

use anstyle::Style;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub style: Style,
}

impl Run {
    pub fn new(text: impl Into<String>, style: Style) -> Run {
        Run {
            text: text.into(),
            style,
        }
    }

    pub fn plain(text: impl Into<String>) -> Run {
        Run::new(text, Style::new())
    }
}

/// Columns `text` takes on a terminal.
pub fn width(text: &str) -> usize {
    text.width()
}

/// A row of runs.
pub type Row = Vec<Run>;

/// Columns a row takes.
pub fn row_width(row: &Row) -> usize {
    row.iter().map(|r| width(&r.text)).sum()
}

/// `runs` in rows of at most `max` columns (at least one column). Spaces where a row breaks are
/// dropped; spaces that open the text (an indent) are kept on its first row.
pub fn wrap(runs: &[Run], max: usize) -> Vec<Row> {
    let max = max.max(1);
    let mut rows: Vec<Row> = vec![Vec::new()];
    let mut used = 0;
    for piece in pieces(runs) {
        let piece_width: usize = piece.iter().map(|r| width(&r.text)).sum();
        let is_space = piece
            .iter()
            .all(|r| r.text.chars().all(char::is_whitespace));
        if is_space {
            if used + piece_width <= max && (used > 0 || rows.len() == 1) {
                push_all(rows.last_mut().expect("one row"), piece);
                used += piece_width;
            }
            continue;
        }
        if used + piece_width > max && used > 0 {
            trim_end(rows.last_mut().expect("one row"));
            rows.push(Vec::new());
            used = 0;
        }
        if piece_width <= max.saturating_sub(used) {
            push_all(rows.last_mut().expect("one row"), piece);
            used += piece_width;
            continue;
        }
        // A word wider than a row: cut it character by character.
        for run in piece {
            for c in run.text.chars() {
                let w = c.width().unwrap_or(0);
                if used + w > max && used > 0 {
                    rows.push(Vec::new());
                    used = 0;
                }
                push_all(
                    rows.last_mut().expect("one row"),
                    vec![Run::new(c.to_string(), run.style)],
                );
                used += w;
            }
        }
    }
    trim_end(rows.last_mut().expect("one row"));
    rows
}

/// Splits runs into words and runs of spaces; a word may cross runs of different styles.
fn pieces(runs: &[Run]) -> Vec<Vec<Run>> {
    let mut pieces: Vec<Vec<Run>> = Vec::new();
    let mut last_space: Option<bool> = None;
    for run in runs {
        let mut start = 0;
        let text = &run.text;
        for (i, c) in text.char_indices() {
            let space = c.is_whitespace();
            if last_space != Some(space) {
                if i > start {
                    pieces
                        .last_mut()
                        .expect("a piece is open")
                        .push(Run::new(&text[start..i], run.style));
                }
                pieces.push(Vec::new());
                start = i;
                last_space = Some(space);
            }
        }
        if start < text.len() {
            pieces
                .last_mut()
                .expect("a piece is open")
                .push(Run::new(&text[start..], run.style));
        }
    }
    pieces
}

/// Appends runs to a row, joining a run to the one before it when their styles match.
fn push_all(row: &mut Row, runs: Vec<Run>) {
    for run in runs {
        match row.last_mut() {
            Some(last) if last.style == run.style => last.text.push_str(&run.text),
            _ => row.push(run),
        }
    }
}

fn trim_end(row: &mut Row) {
    while let Some(last) = row.last_mut() {
        let kept = last.text.trim_end().len();
        last.text.truncate(kept);
        if last.text.is_empty() {
            row.pop();
        } else {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| r.iter().map(|run| run.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn breaks_at_spaces_and_keeps_an_indent() {
        let rows = wrap(&[Run::plain("  p99 fell from 900 ms to 120 ms")], 14);
        assert_eq!(texts(&rows), ["  p99 fell", "from 900 ms to", "120 ms"]);
        assert!(rows.iter().all(|r| row_width(r) <= 14));
    }

    #[test]
    fn a_word_across_styles_stays_whole() {
        let bold = anstyle::Style::new().bold();
        let rows = wrap(
            &[
                Run::plain("aa bb"),
                Run::new("cc dd", bold),
                Run::plain("ee"),
            ],
            6,
        );
        assert_eq!(texts(&rows), ["aa", "bbcc", "ddee"]);
        assert_eq!(rows[1][1].style, bold);
    }

    #[test]
    fn long_words_and_wide_characters_are_cut_to_fit() {
        let rows = wrap(&[Run::plain("abcdefghij")], 4);
        assert_eq!(texts(&rows), ["abcd", "efgh", "ij"]);
        let rows = wrap(&[Run::plain("中文中文中")], 4);
        assert_eq!(texts(&rows), ["中文", "中文", "中"]);
        assert_eq!(texts(&wrap(&[], 10)), [""]);
        assert_eq!(texts(&wrap(&[Run::plain("x")], 0)), ["x"]);
    }
}
