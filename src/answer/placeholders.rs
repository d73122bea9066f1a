//! Placeholders: the marks of an answer not yet finished. A note to self ("TBD", "TODO: add
//! numbers", "???"), a template's slot ("[fill in metric]", "<company>", "{{impact}}"), a figure
//! not yet known ("XX%", "N ms", "$X"), filler ("lorem ipsum") and a label with nothing after it.
//!
//! They are found line by line before sentences are split, one per line, and masked out of the
//! text the rest of coach reads: a placeholder stands in for text that is not there, so it
//! earns nothing (no words, no evidence, no section). Parsing does not judge; the draft
//! detector reports what is recorded here.
//!
//! Quiet on the words' ordinary uses: "TODO comments", "the date was still TBD", "[1]",
//! "[link](url)", `<br>`, "Service X", "N+1 queries", "10x".

use super::markdown::{Line, LineKind};
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// What kind of placeholder a line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A note to self: TBD, TODO, FIXME, "???".
    Marker,
    /// A template's slot: "[fill in metric]", "<company>", "{{impact}}", "____".
    Template,
    /// A figure not yet known: "XX%", "N ms", "$X".
    Figure,
    /// Filler text: lorem ipsum.
    Filler,
    /// A label with nothing after it: "Result:" and then the next label.
    EmptyLabel,
}

/// One placeholder, where it is and how it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub line: usize,
    pub kind: Kind,
    /// The placeholder as written: "TBD", "[fill in metric]", "XX%", "Result:".
    pub text: String,
    /// Its line, shortened around it, as evidence.
    pub context: String,
}

/// A placeholder found in one line's text: bytes `start..end` are the placeholder, and
/// `start..mask_end` what it stands for (a marker's note runs to the end of its sentence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Found {
    kind: Kind,
    start: usize,
    end: usize,
    mask_end: usize,
}

/// Lines with their placeholders masked out, and the placeholders.
pub struct Marked<'a> {
    pub lines: Cow<'a, [Line]>,
    pub found: Vec<Placeholder>,
}

/// Finds the placeholders of `lines` (one per line) and masks them with spaces; a line left
/// with no letter or digit becomes blank. Lines without one are not copied.
pub fn mark(lines: &[Line]) -> Marked<'_> {
    let mut found = Vec::new();
    let mut masked: Option<Vec<Line>> = None;
    let empty = empty_labels(lines);
    for (index, line) in lines.iter().enumerate() {
        if !matches!(line.kind, LineKind::Text | LineKind::Heading) {
            continue;
        }
        let hits = find_all(&line.content);
        // One finding a line: the first placeholder stands for the line's others.
        let Some(first) = hits.first().copied().or(empty[index]) else {
            continue;
        };
        found.push(Placeholder {
            line: line.number,
            kind: first.kind,
            text: line.content[first.start..first.end].trim().to_string(),
            context: context(&line.content, first.start, first.end),
        });
        if hits.is_empty() {
            continue;
        }
        let copy = masked.get_or_insert_with(|| lines.to_vec());
        let target = &mut copy[index];
        for hit in hits {
            let end = hit.mask_end.min(target.content.len());
            let spaces = " ".repeat(end.saturating_sub(hit.start));
            if hit.start < end {
                target.content.replace_range(hit.start..end, &spaces);
            }
        }
        if !target.content.chars().any(char::is_alphanumeric) {
            target.kind = LineKind::Blank;
            target.content.clear();
            target.list_item = false;
        }
    }
    Marked {
        lines: masked.map_or(Cow::Borrowed(lines), Cow::Owned),
        found,
    }
}

/// The line around bytes `start..end`, at most about 90 characters.
fn context(content: &str, start: usize, end: usize) -> String {
    const REACH: usize = 40;
    let from = content[..start]
        .char_indices()
        .rev()
        .nth(REACH)
        .map_or(0, |(i, _)| i);
    let from = content[from..start]
        .find(char::is_whitespace)
        .filter(|_| from > 0)
        .map_or(from, |at| from + at);
    let to = content[end..]
        .char_indices()
        .nth(REACH)
        .map_or(content.len(), |(i, _)| end + i);
    let to = content[end..to]
        .rfind(char::is_whitespace)
        .filter(|_| to < content.len())
        .map_or(to, |at| end + at);
    let mut shown = content[from..to].trim().to_string();
    if from > 0 {
        shown.insert(0, '…');
    }
    if to < content.len() {
        shown.push('…');
    }
    shown
}

/// Words that make a bracketed or angled slot a placeholder: what a template asks for.
const SLOT_WORDS: &[&str] = &[
    "fill",
    "insert",
    "add",
    "enter",
    "put",
    "describe",
    "write",
    "include",
    "mention",
    "quantify",
    "your",
    "placeholder",
    "tbd",
    "tba",
    "todo",
    "metric",
    "metrics",
    "number",
    "numbers",
    "x",
    "n",
    "y",
    "value",
    "amount",
    "result",
    "results",
    "outcome",
    "impact",
    "date",
    "company",
    "client",
    "customer",
    "employer",
    "team",
    "project",
    "product",
    "role",
    "percentage",
    "percent",
    "figure",
    "detail",
    "details",
    "example",
    "something",
    "name",
    "tool",
    "manager",
    "stakeholder",
    "stakeholders",
    "kpi",
    "timeframe",
    "duration",
    "cost",
    "savings",
];

/// HTML tags a line of markdown may hold: never a slot.
const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "br",
    "blockquote",
    "center",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "audio",
    "source",
    "picture",
    "figure",
    "figcaption",
    "nav",
    "header",
    "footer",
    "main",
    "article",
    "aside",
    "label",
    "input",
    "button",
    "form",
    "iframe",
    "svg",
    "path",
    "meta",
    "link",
    "style",
    "script",
];

/// Everything a placeholder can start with, for one pass over a line.
static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    // ASCII word boundaries: far cheaper to build and run than Unicode ones, and the words
    // they stand beside are English.
    Regex::new(concat!(
        r"(?P<marker>(?-u:\b)(?:TBD|TBA|TODO|FIXME|XXX)(?-u:\b))",
        r"|(?P<lower>(?-u:\b)(?i:tbd|tba|todo|fixme)(?-u:\b))",
        r"|(?P<questions>\?{2,})",
        r"|(?P<lorem>(?i:(?-u:\b)lorem ipsum(?-u:\b)|(?-u:\b)dolor sit amet(?-u:\b)|(?-u:\b)consectetur adipiscing(?-u:\b)))",
        r"|(?P<braces>\{\{[^{}\n]{0,60}\}\})",
        r"|(?P<bracket>\[[^\[\]\n]{1,60}\])",
        r"|(?P<angle><[^<>\n]{1,40}>)",
        r"|(?P<figure>[$€£]\s?(?:X{1,4}|x{2,4}|N|Y|#{1,3}|\?{1,3})(?:[.,](?:X+|x+|\d+))?(?:\s?(?:k|K|M|m|bn|B))?(?-u:\b)",
        r"|(?:(?-u:\b)|^)(?:\d+[.,])?(?:X{1,4}|x{2,4}|N|Y|Z)(?:[.,](?:X+|x+|\d+))?(?:\s?(?:%|percent(?-u:\b)|ms(?-u:\b)|milliseconds(?-u:\b)|s(?-u:\b)|secs?(?-u:\b)|seconds(?-u:\b)|mins?(?-u:\b)|minutes(?-u:\b)|hrs?(?-u:\b)|hours(?-u:\b)|days(?-u:\b)|weeks(?-u:\b)|months(?-u:\b)|years(?-u:\b)|k(?-u:\b)|K(?-u:\b)|x(?-u:\b)|times(?-u:\b)|req/s(?-u:\b)|rps(?-u:\b)|qps(?-u:\b)|GB(?-u:\b)|MB(?-u:\b)|TB(?-u:\b)|users(?-u:\b)|customers(?-u:\b)|engineers(?-u:\b)|people(?-u:\b)|teams(?-u:\b)|services(?-u:\b)|incidents(?-u:\b)|tickets(?-u:\b)|pages(?-u:\b)))",
        r"|(?:^|\s)(?:#{1,3}|\?{1,3}|_{2,})\s?(?:%|ms(?-u:\b)|seconds(?-u:\b)|minutes(?-u:\b)|hours(?-u:\b)|days(?-u:\b)|x(?-u:\b)))",
        r"|(?P<blank>(?:^|\s)_{3,}(?:\s|$|[.,;:]))",
        r"|(?P<bare>(?-u:\b)(?i:from|to|by|at|about|around|of|is|was|were|than|under|over)\s+(?:XX|X{1,4}[.,]X+)(?-u:\b))",
    ))
    .expect("placeholder pattern")
});

/// A unit right after a figure slot.
static UNIT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s?(?:%|percent(?-u:\b)|ms(?-u:\b)|s(?-u:\b)|seconds(?-u:\b)|minutes(?-u:\b)|hours(?-u:\b)|days(?-u:\b)|k(?-u:\b)|x(?-u:\b))")
        .expect("unit pattern")
});

/// Every placeholder in one line's text, left to right, none inside another's mask.
fn find_all(content: &str) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    if !might_hold_one(content) {
        return found;
    }
    // Backticks before the candidate, counted as the scan moves on: inside a code span the
    // words are code.
    let (mut ticks, mut counted_to) = (0, 0);
    for caps in CANDIDATE.captures_iter(content) {
        let whole = caps.get(0).expect("match");
        let (start, end) = (whole.start(), whole.end());
        ticks += content[counted_to..start].matches('`').count();
        counted_to = start;
        let masked = found.last().is_some_and(|last| start < last.mask_end);
        if ticks % 2 == 1 || masked {
            continue;
        }
        let found_here = if caps.name("marker").is_some() {
            marker(content, start, end)
        } else if caps.name("lower").is_some() {
            standalone(content, start, end).then(|| note(content, Kind::Marker, start, end))
        } else if caps.name("questions").is_some() {
            standalone(content, start, end).then(|| note(content, Kind::Marker, start, end))
        } else if caps.name("lorem").is_some() {
            Some(Found {
                kind: Kind::Filler,
                start,
                end,
                mask_end: content.len(),
            })
        } else if caps.name("braces").is_some() {
            Some(slot(Kind::Template, start, end))
        } else if caps.name("bracket").is_some() {
            bracket(content, start, end)
        } else if caps.name("angle").is_some() {
            angle(content, start, end)
        } else if let Some(bare) = caps.name("bare") {
            // "from XX to 9", "by XX%": the slot and its unit are the figure, the lead-in word stays.
            let slot_start = bare.start()
                + bare
                    .as_str()
                    .rfind(char::is_whitespace)
                    .map_or(0, |at| at + 1);
            let unit = UNIT_AFTER.find(&content[end..]).map_or(0, |u| u.end());
            figure(content, slot_start, end + unit)
        } else if caps.name("figure").is_some() {
            let trimmed = start + (whole.len() - whole.as_str().trim_start().len());
            figure(content, trimmed, end)
        } else {
            let trimmed = whole.as_str().trim();
            let at = start + whole.as_str().find(trimmed).unwrap_or(0);
            Some(slot(Kind::Template, at, at + trimmed.len()))
        };
        if let Some(hit) = found_here
            && found.last().is_none_or(|last| hit.start >= last.mask_end)
        {
            found.push(hit);
        }
    }
    found
}

/// Words a marker or filler starts with, in any case.
static MARKER_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "tbd",
            "tba",
            "todo",
            "fixme",
            "lorem",
            "dolor",
            "consectetur",
            "xx",
        ])
        .expect("marker words")
});

/// A cheap look for what any placeholder needs (a bracket, a run of `_` or `?`, a `#` or `?`
/// before a unit, a lone capital X, N, Y or Z, a marker word), so most lines never build or
/// run the pattern.
fn might_hold_one(content: &str) -> bool {
    let bytes = content.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(b'\n');
    // "# %", "? ms": a slot mark with a unit after it.
    let slot_before_unit = |i: usize| {
        let next = if at(i + 1) == b' ' {
            at(i + 2)
        } else {
            at(i + 1)
        };
        matches!(next, b'%' | b'm' | b's' | b'h' | b'd' | b'x')
    };
    let hit = |i: usize| match bytes[i] {
        b'[' | b'<' => true,
        b'{' | b'_' | b'?' => at(i + 1) == bytes[i] || bytes[i] == b'?' && slot_before_unit(i),
        b'#' => slot_before_unit(i),
        b'X' | b'N' | b'Y' | b'Z' => {
            !i.checked_sub(1)
                .is_some_and(|p| bytes[p].is_ascii_alphabetic())
                && !at(i + 1).is_ascii_lowercase()
        }
        _ => false,
    };
    (0..bytes.len()).any(hit) || MARKER_WORDS.is_match(content)
}

fn slot(kind: Kind, start: usize, end: usize) -> Found {
    Found {
        kind,
        start,
        end,
        mask_end: end,
    }
}

/// A marker and the note to self after it: "TODO: add p99" stands for a sentence to come,
/// up to the end of its sentence.
fn note(content: &str, kind: Kind, start: usize, end: usize) -> Found {
    let rest = &content[end..];
    let mask_end = if rest.trim_start().starts_with([':', '-', '—', '–']) {
        rest.find(['.', '!', ';'])
            .map_or(content.len(), |at| end + at + 1)
    } else {
        end
    };
    Found {
        kind,
        start,
        end,
        mask_end,
    }
}

/// Verbs a note to self starts with: "TODO add numbers", "FIXME check the date".
const NOTE_VERBS: &[&str] = &[
    "add",
    "fill",
    "write",
    "insert",
    "check",
    "confirm",
    "find",
    "get",
    "put",
    "update",
    "expand",
    "finish",
    "complete",
    "describe",
    "explain",
    "mention",
    "quantify",
    "verify",
    "look",
    "double-check",
    "rewrite",
    "clarify",
    "include",
    "tighten",
    "cut",
    "remove",
];

/// Words before a marker that make it a word in the story: "the TODO comments", "was TBD".
const NARRATIVE_BEFORE: &[&str] = &[
    "was", "were", "is", "are", "still", "remained", "marked", "as", "left", "the", "a", "an",
    "every", "each", "any", "no", "of", "old", "those", "these", "its", "their", "our", "my",
    "all", "some", "many", "stale", "open", "his", "her", "with", "into", "be", "been",
];

/// An uppercase TBD/TODO/FIXME/XXX: a note to self unless the story uses the word.
fn marker(content: &str, start: usize, end: usize) -> Option<Found> {
    let word = &content[start..end];
    let before: Vec<String> = content[..start]
        .split_whitespace()
        .rev()
        .take(1)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    if before
        .iter()
        .any(|w| NARRATIVE_BEFORE.contains(&w.as_str()))
    {
        return None;
    }
    let after = content[end..].trim_start();
    let next: String = after
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '\'')
        .collect();
    let joined = content[end..].starts_with(|c: char| c.is_alphanumeric());
    if joined {
        return None;
    }
    if !next.is_empty() && next.chars().next().is_some_and(char::is_lowercase) {
        // "TODO comments": a noun it names; "TODO add numbers": a note.
        if !NOTE_VERBS.contains(&next.as_str()) {
            return None;
        }
        return Some(Found {
            kind: Kind::Marker,
            start,
            end,
            mask_end: after_sentence(content, end),
        });
    }
    if word == "XXX" {
        // "Company XXX" names someone; "XXX:" or "XXX" on its own is a note.
        let alone = standalone(content, start, end) || after.starts_with(':');
        return alone.then(|| note(content, Kind::Marker, start, end));
    }
    Some(note(content, Kind::Marker, start, end))
}

/// The end of the sentence that starts at or before `from`.
fn after_sentence(content: &str, from: usize) -> usize {
    content[from..]
        .find(['.', '!', ';'])
        .map_or(content.len(), |at| from + at + 1)
}

/// Whether bytes `start..end` stand alone: the whole line, or all that follows a label, or in
/// brackets or parentheses of their own.
fn standalone(content: &str, start: usize, end: usize) -> bool {
    let before = content[..start].trim_end();
    let after = content[end..].trim_start();
    let before_ok = before.is_empty()
        || before.ends_with([':', '(', '[', '-', '—', '–', '|'])
        || before.ends_with("**")
        || before.ends_with('*');
    let after_ok = after.is_empty()
        || after.starts_with([')', ']', ':', '.', ',', ';', '-', '—', '|', '!'])
        || after.starts_with('*');
    before_ok && after_ok
}

/// Whether a slot's words are a template's: "fill in the metric", "Company", "X".
fn slot_words(inner: &str) -> bool {
    let inner = inner.trim();
    if inner.contains("...") || inner.contains('…') || inner.contains("___") || inner.contains("XX")
    {
        return true;
    }
    let first = inner
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-' || c == ':')
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    SLOT_WORDS.contains(&first.as_str())
}

/// "[fill in metric]", "[Company]", "[X]": not a link, a task box, a footnote or a citation.
fn bracket(content: &str, start: usize, end: usize) -> Option<Found> {
    let inner = &content[start + 1..end - 1];
    let after = &content[end..];
    let image = content[..start].ends_with('!');
    let link = after.starts_with(['(', '[', ':']);
    let task_box = matches!(inner, " " | "x" | "X") && content[..start].trim().is_empty();
    let note = inner.starts_with('^') || inner.chars().all(|c| c.is_ascii_digit() || c == ',');
    if image || link || task_box || note {
        return None;
    }
    slot_words(inner).then(|| slot(Kind::Template, start, end))
}

/// "<metric>", "<your company>", "<team_name>": not HTML, an arrow or a comparison.
fn angle(content: &str, start: usize, end: usize) -> Option<Found> {
    let inner = &content[start + 1..end - 1];
    if !inner.starts_with(|c: char| c.is_alphabetic())
        || inner.contains(['=', '"', '/', '.', ':', '@'])
    {
        return None;
    }
    let name = inner.split_whitespace().next().unwrap_or("").to_lowercase();
    if HTML_TAGS.contains(&name.as_str()) {
        return None;
    }
    let words = inner.split_whitespace().count();
    let slot_like = slot_words(inner)
        || inner.contains('_') && words == 1
        || words >= 2 && {
            let lower = inner.to_lowercase();
            lower.starts_with("your ") || lower.starts_with("insert ") || lower.starts_with("add ")
        };
    slot_like.then(|| slot(Kind::Template, start, end))
}

/// "XX%", "N ms", "$X": not "N+1", "X-ray", "Service X" or a word that runs on.
fn figure(content: &str, start: usize, end: usize) -> Option<Found> {
    let before = content[..start].chars().next_back();
    if before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '+') {
        return None;
    }
    let after = content[end..].chars().next();
    if after.is_some_and(|c| c.is_alphanumeric() || c == '+' || c == '-') {
        return None;
    }
    Some(slot(Kind::Figure, start, end))
}

/// What follows a line, as far as whether a label before it was filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// The end, a heading or a rule: the label's part is over.
    Boundary,
    /// A label that is itself empty.
    Empty,
    /// Text, or a label with text under it (a heading over sub-parts): the label is filled.
    Content,
    /// A line of text, not yet asked whether it opens a part with its text on the same line
    /// ("Result: p99 fell"): asked only when a label stands before it, since most lines never
    /// need the question.
    Text(usize),
}

/// For every line, the empty label it is, if any: "Result:" with nothing after it before the
/// next part, a heading or the end. A label whose text follows on the next lines, or that
/// heads sub-labels with text ("Post-incident actions:" over "Postmortem: …"), is filled.
/// One pass from the end, so a file of thousands of labels stays linear.
fn empty_labels(lines: &[Line]) -> Vec<Option<Found>> {
    let mut empty = vec![None; lines.len()];
    let mut next = Next::Boundary;
    for (index, line) in lines.iter().enumerate().rev() {
        next = match line.kind {
            LineKind::Blank | LineKind::Comment | LineKind::FrontMatter => continue,
            LineKind::Heading | LineKind::Rule => Next::Boundary,
            LineKind::Code | LineKind::TableRow => Next::Content,
            LineKind::Text => match bare_label(&line.content) {
                Some(found) if is_empty(&line.content, next, lines) => {
                    empty[index] = Some(found);
                    Next::Empty
                }
                Some(_) => Next::Content,
                None => Next::Text(index),
            },
        };
    }
    empty
}

/// Whether the label `content`, followed by `next`, is empty: a part's label before the next
/// part is; any other label before parts heads them ("STAR:" over "S: …", "6. Review:" over
/// "- Lessons learned: …").
fn is_empty(content: &str, next: Next, lines: &[Line]) -> bool {
    match next {
        Next::Boundary | Next::Empty => true,
        Next::Content => false,
        Next::Text(index) => {
            let sibling = super::labels::detect(&lines[index].content)
                .is_some_and(|label| !label.rest.trim().is_empty());
            sibling && super::labels::detect(content).is_some()
        }
    }
}

/// A line that is only a short label: "Result:", "**Impact:**", "Result: ...".
fn bare_label(content: &str) -> Option<Found> {
    let trimmed = content.trim();
    let body = trimmed.trim_matches(|c: char| matches!(c, '*' | '_'));
    let label = body
        .strip_suffix(':')
        .or_else(|| strip_dots(body).and_then(|b| b.strip_suffix(':')))?;
    let label = label.trim_matches(|c: char| matches!(c, '*' | '_'));
    let words = label.split_whitespace().count();
    if words == 0
        || words > 5
        || !label.starts_with(|c: char| c.is_uppercase())
        || label.contains(['.', '!', '?', ',', '"', '“'])
    {
        return None;
    }
    let start = content.find(trimmed).unwrap_or(0);
    Some(Found {
        kind: Kind::EmptyLabel,
        start,
        end: start + trimmed.len(),
        mask_end: start + trimmed.len(),
    })
}

/// "Result: ..." / "Result: …": a label followed by dots alone.
fn strip_dots(body: &str) -> Option<&str> {
    let trimmed = body.trim_end_matches(['.', '…', ' ', '-', '—']);
    (trimmed.len() < body.len() && trimmed.ends_with(':')).then_some(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::markdown::walk;

    fn kinds(text: &str) -> Vec<(usize, Kind, String)> {
        mark(&walk(text))
            .found
            .into_iter()
            .map(|p| (p.line, p.kind, p.text))
            .collect()
    }

    fn one(text: &str) -> Option<(Kind, String)> {
        let found = kinds(text);
        assert!(found.len() <= 1, "{found:?}");
        found.into_iter().next().map(|(_, k, t)| (k, t))
    }

    #[test]
    fn notes_to_self() {
        assert_eq!(one("Result: TBD"), Some((Kind::Marker, "TBD".into())));
        assert_eq!(
            one("TODO: add the p99 numbers"),
            Some((Kind::Marker, "TODO".into()))
        );
        assert_eq!(
            one("We cut costs (FIXME check).").map(|f| f.0),
            Some(Kind::Marker)
        );
        assert_eq!(one("Impact: ???"), Some((Kind::Marker, "???".into())));
        assert_eq!(one("- tbd"), Some((Kind::Marker, "tbd".into())));
        assert_eq!(
            one("TODO add numbers here").map(|f| f.0),
            Some(Kind::Marker)
        );
    }

    #[test]
    fn the_words_used_in_a_story() {
        assert_eq!(one("I removed 300 TODO comments from the codebase."), None);
        assert_eq!(one("The launch date was still TBD when I joined."), None);
        assert_eq!(one("We tracked every FIXME in a spreadsheet."), None);
        assert_eq!(one("A vendor, Company XXX, sold us the appliance."), None);
        assert_eq!(one("Why did it fail?? Nobody knew."), None);
        assert_eq!(one("The todo list app was mine."), None);
        assert_eq!(one("Run `TODO` checks in CI."), None);
    }

    #[test]
    fn template_slots() {
        assert_eq!(
            one("I joined [Company] in 2021.").map(|f| f.0),
            Some(Kind::Template)
        );
        assert_eq!(
            one("Latency fell by [fill in metric]."),
            Some((Kind::Template, "[fill in metric]".into()))
        );
        assert_eq!(
            one("We saved <metric> a month.").map(|f| f.0),
            Some(Kind::Template)
        );
        assert_eq!(
            one("I told <your manager's name> first.").map(|f| f.0),
            Some(Kind::Template)
        );
        assert_eq!(one("Impact: {{impact}}").map(|f| f.0), Some(Kind::Template));
        assert_eq!(
            one("We cut ____ hours a week.").map(|f| f.0),
            Some(Kind::Figure)
        );
        assert_eq!(
            one("We cut ____ of the work.").map(|f| f.0),
            Some(Kind::Template)
        );
    }

    #[test]
    fn brackets_and_angles_that_are_markdown_or_html() {
        assert_eq!(one("See [the design doc](https://example.com)."), None);
        assert_eq!(one("- [x] shipped the migration"), None);
        assert_eq!(one("As the postmortem said [1], it was DNS."), None);
        assert_eq!(one("We used a footnote[^1] there."), None);
        assert_eq!(one("<b>Result:</b> p99 fell to 180 ms."), None);
        assert_eq!(one("p99 <200 ms and errors <0.1% held."), None);
        assert_eq!(one("Traffic went A -> B <- C."), None);
        assert_eq!(one("We wrapped it in <code>retry</code>."), None);
        assert_eq!(one("I read the [Kubernetes docs] twice."), None);
    }

    #[test]
    fn figures_not_yet_known() {
        assert_eq!(
            one("Costs fell by XX%."),
            Some((Kind::Figure, "XX%".into()))
        );
        assert_eq!(
            one("p99 dropped to N ms."),
            Some((Kind::Figure, "N ms".into()))
        );
        assert_eq!(one("We saved $X a month.").map(|f| f.0), Some(Kind::Figure));
        assert_eq!(
            one("Availability rose to 99.X%.").map(|f| f.0),
            Some(Kind::Figure)
        );
        assert_eq!(
            one("It got X times faster.").map(|f| f.0),
            Some(Kind::Figure)
        );
        assert_eq!(
            one("Cut MTTR by ?? minutes.").map(|f| f.0),
            Some(Kind::Figure)
        );
        assert_eq!(
            one("Deploys fell from XX to 9 minutes.").map(|f| f.0),
            Some(Kind::Figure)
        );
    }

    #[test]
    fn letters_that_are_not_figures() {
        assert_eq!(one("We fixed the N+1 queries."), None);
        assert_eq!(one("Service X answered in 40 ms."), None);
        assert_eq!(one("Builds got 10x faster."), None);
        assert_eq!(one("Gen X managers liked it."), None);
        assert_eq!(one("The X-ray team helped."), None);
    }

    #[test]
    fn filler_and_empty_labels() {
        assert_eq!(
            one("Lorem ipsum dolor sit amet, consectetur.").map(|f| f.0),
            Some(Kind::Filler)
        );
        let found =
            kinds("**Situation:** Builds were slow.\n\n**Result:**\n\n**Reflection:** I learned.");
        assert_eq!(found, vec![(3, Kind::EmptyLabel, "**Result:**".into())]);
        assert_eq!(
            kinds("Technical strategy:\n- I moved builds to caches."),
            vec![]
        );
        assert_eq!(
            kinds("Result: ...\nReflection: I learned.")[0].1,
            Kind::EmptyLabel
        );
        assert_eq!(
            kinds("Task: ship it\nAction:\nResult:\n")
                .iter()
                .map(|f| f.0)
                .collect::<Vec<_>>(),
            vec![2, 3]
        );
        assert_eq!(
            kinds("**Action:**\n\"Straight away I:\n1. cut scope"),
            vec![]
        );
        assert_eq!(
            kinds("5. Post-Incident Actions:\n\nPostmortem Analysis:\nI read the logs."),
            vec![]
        );
        assert_eq!(
            kinds("**My Approach:**\n\n**1. Redundancy:**\n- Several instances"),
            vec![]
        );
    }

    #[test]
    fn masked_text_is_gone_and_lines_without_placeholders_are_not_copied() {
        let lines = walk("We cut costs by XX%.\nTODO: add p99");
        let marked = mark(&lines);
        assert_eq!(marked.lines[0].content, "We cut costs by    .");
        assert_eq!(marked.lines[1].kind, LineKind::Blank);
        let clean = walk("We cut costs by 40%.");
        assert!(matches!(mark(&clean).lines, Cow::Borrowed(_)));
    }

    #[test]
    fn one_finding_a_line_and_every_placeholder_masked() {
        assert_eq!(kinds("We cut XX% and [fill in] and lorem ipsum").len(), 1);
        let lines = walk("Costs fell by XX% and p99 by N ms.");
        assert_eq!(
            mark(&lines).lines[0].content,
            "Costs fell by     and p99 by     ."
        );
    }
}
