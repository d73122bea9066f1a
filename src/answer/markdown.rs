//! A line-level markdown walk: enough structure to find labels and prose, in linear time.
//!
//! A full CommonMark parser would be overkill and can be slow on hostile nesting; coach only
//! needs to know, line by line, what is prose, what is a heading, and what is not prose at all
//! (front matter, fenced code, HTML comments).

use super::{SectionName, labels};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// What a line is, as far as finding STAR sections and sentences goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Blank,
    /// Inside the YAML front matter block, including its fences.
    FrontMatter,
    /// Inside a fenced code block, including its fences.
    Code,
    /// Wholly inside an HTML comment.
    Comment,
    /// ATX heading (`## Title`) or the text line of a setext heading.
    Heading,
    /// The `===`/`---` underline of a setext heading, or a thematic break.
    Rule,
    /// A markdown table row or delimiter row.
    TableRow,
    /// Ordinary prose, possibly a list item or inside a blockquote.
    Text,
}

/// One line of the answer, with its markers peeled off.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based line number in the file.
    pub number: usize,
    pub kind: LineKind,
    /// The visible text: without blockquote and list markers, heading hashes and comments.
    pub content: String,
    /// True when this line opens a list item (`- `, `* `, `+ `, `1. `, `1) `).
    pub list_item: bool,
    /// Heading level 1-6 (setext `===` is 1, `---` is 2); 0 for anything else.
    pub level: u8,
}

/// Classifies every line of `text` (LF line ends). A file whose only text sits in plain fences
/// (no language, or `text`/`markdown`) is read through them: people paste a whole answer into a
/// fence in their notes, and code would carry a language or sit beside the answer's prose.
pub fn walk(text: &str) -> Vec<Line> {
    let lines = walk_fences(text, false);
    if lines.iter().any(|l| l.kind == LineKind::Text) {
        return lines;
    }
    walk_fences(text, true)
}

fn walk_fences(text: &str, read_plain_fences: bool) -> Vec<Line> {
    let raw: Vec<&str> = text.split('\n').collect();
    let mut lines = Vec::with_capacity(raw.len());
    let front_matter_end = front_matter_end(&raw);
    let mut fence: Option<(char, usize)> = None;
    let mut in_comment = false;

    for (index, &line) in raw.iter().enumerate() {
        let number = index + 1;
        let mut push = |kind, content: String, list_item| {
            lines.push(Line {
                number,
                kind,
                content,
                list_item,
                level: 0,
            })
        };
        if front_matter_end.is_some_and(|end| index <= end) {
            push(LineKind::FrontMatter, String::new(), false);
            continue;
        }
        let (unquoted, _) = strip_blockquote(line);
        if let Some((ch, len)) = fence {
            if is_fence_close(unquoted, ch, len) {
                fence = None;
            }
            push(LineKind::Code, String::new(), false);
            continue;
        }
        if !in_comment && let Some(open) = fence_open(unquoted) {
            if read_plain_fences && is_plain_fence(unquoted) {
                push(LineKind::Blank, String::new(), false);
                continue;
            }
            fence = Some(open);
            push(LineKind::Code, String::new(), false);
            continue;
        }
        let (visible, still_in_comment) = strip_comments(unquoted, in_comment);
        let was_in_comment = in_comment;
        in_comment = still_in_comment;
        let (visible, html_item) = inline_html(visible);
        if visible.trim().is_empty() {
            let kind = if was_in_comment || unquoted.contains("<!--") {
                LineKind::Comment
            } else {
                LineKind::Blank
            };
            push(kind, String::new(), false);
            continue;
        }
        let trimmed = visible.trim();
        if let Some(heading) = atx_heading(trimmed) {
            push(LineKind::Heading, heading.to_string(), false);
            if let Some(last) = lines.last_mut() {
                last.level = heading_level(trimmed);
            }
            continue;
        }
        if is_rule(trimmed) {
            push(LineKind::Rule, String::new(), false);
            continue;
        }
        if trimmed.starts_with('|') {
            push(LineKind::TableRow, table_text(trimmed), false);
            continue;
        }
        let (content, list_item) = strip_list_marker(trimmed);
        let list_item = list_item || html_item;
        // A list item may itself hold a blockquote or heading marker; peel once more.
        let (content, _) = strip_blockquote(content);
        let content = match atx_heading(content.trim()) {
            Some(heading) => heading,
            None => content.trim(),
        };
        push(LineKind::Text, content.to_string(), list_item);
    }
    mark_setext_headings(&mut lines, &raw);
    read_star_tables(&mut lines, &raw);
    lines
}

/// A table that tells the answer in a grid is read as labelled lines: rows that open with the
/// STAR labels ("| **S (Situation)** | ... |", one row per part) become "S (Situation): ...",
/// and under a header whose columns are the labels ("| Situation | Task | Action | Result |")
/// each row becomes one line with a label before each cell. Other tables stay tables (a
/// results table with a "Result" row is figures, not the answer's parts); three different
/// parts make a grid.
fn read_star_tables(lines: &mut [Line], raw: &[&str]) {
    const PARTS: usize = 3;
    let mut at = 0;
    while at < lines.len() {
        let end = (at..lines.len())
            .find(|i| lines[*i].kind != LineKind::TableRow)
            .unwrap_or(lines.len());
        let told: Vec<(usize, String)> = match label_columns(raw[at..end].first(), PARTS) {
            Some(columns) => (at + 1..end)
                .filter_map(|i| row_under(&columns, raw[i]).map(|text| (i, text)))
                .collect(),
            None => {
                let rows: Vec<(usize, String, Vec<SectionName>)> = (at..end)
                    .filter_map(|i| labelled_row(raw[i]).map(|(text, parts)| (i, text, parts)))
                    .collect();
                let parts: BTreeSet<&Vec<SectionName>> = rows.iter().map(|row| &row.2).collect();
                if parts.len() >= PARTS {
                    rows.into_iter().map(|(i, text, _)| (i, text)).collect()
                } else {
                    Vec::new()
                }
            }
        };
        for (i, text) in told {
            lines[i].kind = LineKind::Text;
            lines[i].content = text;
        }
        at = end + 1;
    }
}

/// The cells of a table row, trimmed.
fn cells(row: &str) -> Vec<&str> {
    row.trim()
        .trim_matches('|')
        .split('|')
        .map(str::trim)
        .collect()
}

/// Whether a cell holds nothing to read: empty, or part of the `|---|:--:|` delimiter row.
fn is_empty_cell(cell: &str) -> bool {
    cell.chars().all(|c| matches!(c, '-' | ':' | ' '))
}

/// A header row whose every cell is a STAR label and nothing more, naming at least `parts`
/// different parts: the labels of its columns.
fn label_columns<'a>(header: Option<&&'a str>, parts: usize) -> Option<Vec<&'a str>> {
    let columns = cells(header?);
    let named = columns
        .iter()
        .map(|cell| {
            let text = format!("{cell}:");
            let label = labels::detect(&text)?;
            (!cell.is_empty() && label.rest.is_empty()).then_some(label.sections)
        })
        .collect::<Option<BTreeSet<_>>>()?;
    (named.len() >= parts).then_some(columns)
}

/// A row under label columns as one labelled line ("**Situation:** ... **Task:** ..."), when
/// it says something.
fn row_under(columns: &[&str], row: &str) -> Option<String> {
    let said: Vec<String> = columns
        .iter()
        .zip(cells(row))
        .filter(|(_, cell)| !is_empty_cell(cell))
        .map(|(label, cell)| format!("**{}:** {cell}", label.trim_matches(['*', '_'])))
        .collect();
    (!said.is_empty()).then(|| said.join(" "))
}

/// A table row as a labelled line ("S (Situation): the rest") with the parts its label
/// names, when its first cell is a STAR label and other cells say something.
fn labelled_row(row: &str) -> Option<(String, Vec<SectionName>)> {
    let cells = cells(row);
    let (first, rest) = cells.split_first()?;
    let rest: Vec<&str> = rest.iter().copied().filter(|c| !c.is_empty()).collect();
    if first.is_empty() || rest.is_empty() {
        return None;
    }
    let said = rest.join(" ");
    let text = format!("{first}: {said}");
    // The whole first cell must be the label: "Result of the load test | 4m" is a figure.
    let parts = labels::detect(&text)
        .filter(|label| label.rest.trim() == said)?
        .sections;
    Some((text, parts))
}

/// Index of the closing fence when the file opens with a `---` front matter block.
fn front_matter_end(raw: &[&str]) -> Option<usize> {
    if raw.first().map(|l| l.trim_end()) != Some("---") {
        return None;
    }
    raw.iter()
        .enumerate()
        .skip(1)
        .take(200)
        .find(|(_, l)| matches!(l.trim_end(), "---" | "..."))
        .map(|(i, _)| i)
}

/// The YAML text between the front matter fences, if there is front matter.
pub fn front_matter(text: &str) -> Option<String> {
    // Front matter opens the file with `---`: most files need no splitting to tell.
    if !text.starts_with("---") {
        return None;
    }
    let raw: Vec<&str> = text.split('\n').collect();
    let end = front_matter_end(&raw)?;
    Some(raw[1..end].join("\n"))
}

/// Peels any number of `>` markers (with optional spaces) from the start of a line.
fn strip_blockquote(line: &str) -> (&str, usize) {
    let mut rest = line;
    let mut depth = 0;
    loop {
        let trimmed = rest.trim_start();
        match trimmed.strip_prefix('>') {
            Some(after) => {
                rest = after;
                depth += 1;
            }
            None => return (if depth == 0 { line } else { rest }, depth),
        }
    }
}

fn fence_open(line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start();
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let ch = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = trimmed.chars().take_while(|c| *c == ch).count();
    if len < 3 {
        return None;
    }
    // A backtick fence's info string may not contain backticks.
    if ch == '`' && trimmed[len..].contains('`') {
        return None;
    }
    Some((ch, len))
}

/// A fence line with no language, or one that says the block is prose.
fn is_plain_fence(line: &str) -> bool {
    let info = line.trim().trim_start_matches(['`', '~']).trim();
    matches!(
        info.to_ascii_lowercase().as_str(),
        "" | "text" | "txt" | "plain" | "plaintext" | "md" | "markdown"
    )
}

fn is_fence_close(line: &str, ch: char, len: usize) -> bool {
    let trimmed = line.trim();
    trimmed.len() >= len && trimmed.chars().all(|c| c == ch)
}

/// The few formatting tags people paste from web pages, as markdown: `<b>`/`<strong>` become
/// `**` (so `<b>Situation:</b>` is a bold label), `<i>`/`<em>` become `*`, and list, paragraph
/// and block tags are dropped (a line of only `<ul>` or `</li>` is blank). Returns the text and
/// whether the line opened a list item (`<li>`). Other angle brackets (`<metric>`, `a < b`)
/// are left alone.
fn inline_html(line: Cow<'_, str>) -> (Cow<'_, str>, bool) {
    const TAGS: &[(&str, &str)] = &[
        ("b", "**"),
        ("strong", "**"),
        ("i", "*"),
        ("em", "*"),
        ("li", ""),
        ("ul", ""),
        ("ol", ""),
        ("p", ""),
        ("br", " "),
        ("div", ""),
        ("span", ""),
        ("u", ""),
    ];
    if !line.contains('<') {
        return (line, false);
    }
    let mut out = String::with_capacity(line.len());
    let mut item = false;
    let mut rest: &str = &line;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let inside = after[..close].trim();
        let name = inside
            .trim_start_matches('/')
            .trim_end_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match TAGS.iter().find(|(tag, _)| *tag == name) {
            Some((tag, replacement)) => {
                // `<b>Situation: </b>`: bold closes on the text, so the space moves after it.
                let closing = inside.starts_with('/');
                let spaced = closing && !replacement.trim().is_empty() && out.ends_with(' ');
                if spaced {
                    out.truncate(out.trim_end().len());
                }
                out.push_str(replacement);
                if spaced {
                    out.push(' ');
                }
                item |= *tag == "li" && !closing;
                rest = &after[close + 1..];
            }
            None => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (Cow::Owned(out), item)
}

/// Removes `<!-- ... -->` spans; returns the visible text and whether a comment is still open.
fn strip_comments(line: &str, mut in_comment: bool) -> (Cow<'_, str>, bool) {
    if !in_comment && !line.contains("<!--") {
        return (Cow::Borrowed(line), false);
    }
    let mut visible = String::new();
    let mut rest = line;
    loop {
        if in_comment {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    in_comment = false;
                }
                None => return (Cow::Owned(visible), true),
            }
        } else {
            match rest.find("<!--") {
                Some(start) => {
                    visible.push_str(&rest[..start]);
                    rest = &rest[start + 4..];
                    in_comment = true;
                }
                None => {
                    visible.push_str(rest);
                    return (Cow::Owned(visible), false);
                }
            }
        }
    }
}

/// `## Title ##` -> `Title`.
fn atx_heading(line: &str) -> Option<&str> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &line[hashes..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim_end();
    Some(text)
}

/// The number of leading `#` of an ATX heading.
fn heading_level(line: &str) -> u8 {
    line.chars().take_while(|c| *c == '#').count().min(6) as u8
}

/// `---`, `***`, `___` (with optional spaces): a thematic break or setext underline.
fn is_rule(line: &str) -> bool {
    let mut marks = line.chars().filter(|c| !c.is_whitespace());
    let Some(mark) = marks.next().filter(|c| matches!(c, '-' | '*' | '_' | '=')) else {
        return false;
    };
    let mut count = 1;
    for c in marks {
        if c != mark {
            return false;
        }
        count += 1;
    }
    count >= 3
}

fn strip_list_marker(line: &str) -> (&str, bool) {
    let bytes = line.as_bytes();
    if bytes.len() >= 2 && matches!(bytes[0], b'-' | b'*' | b'+') && bytes[1] == b' ' {
        return (line[2..].trim_start(), true);
    }
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=3).contains(&digits)
        && bytes.len() > digits + 1
        && matches!(bytes[digits], b'.' | b')')
        && bytes[digits + 1] == b' '
    {
        return (line[digits + 2..].trim_start(), true);
    }
    (line, false)
}

/// Table cells joined as one readable line; delimiter rows become empty.
fn table_text(line: &str) -> String {
    let cells: Vec<&str> = cells(line)
        .into_iter()
        .filter(|c| !is_empty_cell(c))
        .collect();
    cells.join(" | ")
}

/// A text line directly above `===` (or `---` after text) is a setext heading.
fn mark_setext_headings(lines: &mut [Line], raw: &[&str]) {
    for i in 1..lines.len() {
        if lines[i].kind != LineKind::Rule || lines[i - 1].kind != LineKind::Text {
            continue;
        }
        let underline = raw[i].trim();
        if underline.starts_with('=') || underline.starts_with('-') {
            if lines[i - 1].list_item {
                continue;
            }
            lines[i - 1].kind = LineKind::Heading;
            lines[i - 1].level = if underline.starts_with('=') { 1 } else { 2 };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<LineKind> {
        walk(text).into_iter().map(|l| l.kind).collect()
    }

    #[test]
    fn front_matter_code_and_comments_are_not_prose() {
        let text = "---\nquestion: Why?\n---\nSituation: x\n```\nResult: ok\n```\n<!-- Task: hidden\nstill -->\nText";
        use LineKind::*;
        assert_eq!(
            kinds(text),
            vec![
                FrontMatter,
                FrontMatter,
                FrontMatter,
                Text,
                Code,
                Code,
                Code,
                Comment,
                Comment,
                Text
            ]
        );
    }

    #[test]
    fn an_answer_pasted_whole_into_a_plain_fence_is_read() {
        use LineKind::*;
        let pasted = "```\nOnce I built an asset system.\nJunk accounts piled up.\n```\n";
        assert_eq!(kinds(pasted), vec![Blank, Text, Text, Blank, Blank]);
        let prose = "```text\nI fixed it.\n```";
        assert_eq!(kinds(prose), vec![Blank, Text, Blank]);
        // Code keeps its language, and a fence beside the prose stays code.
        assert_eq!(
            kinds("```bash\nkubectl get pods\n```"),
            vec![Code, Code, Code]
        );
        assert_eq!(
            kinds("I ran it.\n```\nmake all\n```"),
            vec![Text, Code, Code, Code]
        );
    }

    #[test]
    fn markers_are_peeled() {
        let lines = walk("> - **Situation:** a\n1. Task: b\n## Result (numbers)");
        assert_eq!(lines[0].content, "**Situation:** a");
        assert!(lines[0].list_item);
        assert_eq!(lines[1].content, "Task: b");
        assert_eq!(lines[2].kind, LineKind::Heading);
        assert_eq!(lines[2].content, "Result (numbers)");
        assert_eq!(lines[2].level, 2);
    }

    #[test]
    fn setext_heading() {
        let lines = walk("Situation\n=========\ntext");
        assert_eq!(lines[0].kind, LineKind::Heading);
        assert_eq!(lines[0].level, 1);
        assert_eq!(lines[1].kind, LineKind::Rule);
    }

    #[test]
    fn pasted_html_lists_and_bold_labels_read_as_markdown() {
        let lines = walk(
            "<ul>\n  <li>\n    <b>Situation: </b>Checkout was slow.\n  </li>\n</ul>\nKeep <metric> and a < b.",
        );
        let kinds: Vec<LineKind> = lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                LineKind::Blank,
                LineKind::Blank,
                LineKind::Text,
                LineKind::Blank,
                LineKind::Blank,
                LineKind::Text
            ]
        );
        assert_eq!(lines[2].content, "**Situation:** Checkout was slow.");
        assert_eq!(lines[5].content, "Keep <metric> and a < b.");
    }

    #[test]
    fn inline_comment_is_removed() {
        let lines = walk("I led it <!-- check numbers --> well");
        assert_eq!(lines[0].content, "I led it  well");
    }

    #[test]
    fn deep_blockquote_is_linear() {
        let text = ">".repeat(20_000) + " text";
        assert_eq!(walk(&text)[0].content, "text");
    }
}
