//! The STAR label vocabulary: recognising "**Situation:**", "S:", "## Result (the numbers)",
//! "Context and goal", "S/T:" and friends at the start of a line.

use super::SectionName;
use super::phrase::{PhraseSet, Words};
use std::borrow::Cow;
use std::sync::LazyLock;

/// How much to trust a label. Strong labels always open a section; weak ones (words that
/// also appear as sub-headings, such as "Impact:" inside results) only move the answer forward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    Strong,
    Weak,
}

/// A recognised label: the sections it opens and the text after it on the same line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label<'a> {
    pub sections: Vec<SectionName>,
    pub strength: Strength,
    /// True for a one-letter abbreviation (`S:`), which needs company to be believed.
    pub letter: bool,
    /// Text after the label (and its delimiter) on the same line.
    pub rest: &'a str,
    /// True when the label itself says a lesson follows ("Lesson:", "Key learnings",
    /// "What I'd do differently", "L:"), so the first sentence under it is one.
    pub names_lesson: bool,
}

/// Whether a reflection label's own words promise a lesson, as "Reflection" or "Trade-offs"
/// do not.
fn names_lesson(sections: &[SectionName], words: &str) -> bool {
    sections == [SectionName::Reflection]
        && [
            "learn",
            "lesson",
            "takeaway",
            "differently",
            "hindsight",
            "change",
        ]
        .iter()
        .any(|w| words.to_lowercase().contains(w))
}

/// Maps one normalised label phrase to a section.
fn lookup(phrase: &str) -> Option<(SectionName, Strength)> {
    use SectionName::*;
    use Strength::*;
    let found = match phrase {
        "situation" | "the situation" | "context" | "the context" | "background" | "setting"
        | "scenario" | "situation overview" => (Situation, Strong),
        "problem" | "the problem" | "challenge" | "the challenge" | "the setup" | "baseline" => {
            (Situation, Weak)
        }
        "task" | "tasks" | "the task" | "my task" | "goal" | "goals" | "the goal" | "my goal"
        | "objective" | "objectives" | "mission" | "the ask" => (Task, Strong),
        "responsibility" | "responsibilities" | "my responsibility" | "role" | "my role"
        | "ownership" | "success criteria" => (Task, Weak),
        "action"
        | "actions"
        | "actions taken"
        | "action taken"
        | "approach"
        | "my approach"
        | "what i did"
        | "what i actually did"
        | "steps"
        | "steps taken"
        | "execution"
        | "how i did it"
        | "solution"
        | "my actions"
        | "key actions"
        | "what we did"
        | "the approach"
        | "actions i took" => (Actions, Strong),
        "how" | "implementation" | "plan" | "the plan" => (Actions, Weak),
        "result" | "results" | "outcome" | "outcomes" | "the result" | "the results"
        | "the outcome" | "results and impact" | "impact and results" | "key results"
        | "resolution" | "the resolution" => (Results, Strong),
        "impact" | "the impact" | "business impact" => (Results, Weak),
        "reflection"
        | "reflections"
        | "learnings"
        | "learning"
        | "lessons"
        | "lesson"
        | "lessons learned"
        | "lessons learnt"
        | "learned"
        | "learnt"
        | "key lessons"
        | "what we learned"
        | "key learnings"
        | "takeaway"
        | "takeaways"
        | "key takeaways"
        | "what i learned"
        | "what i learnt"
        | "what i'd do differently"
        | "what i would do differently"
        | "what i'd change"
        | "what i would change"
        | "looking back"
        | "in hindsight"
        | "retrospective" => (Reflection, Strong),
        "trade-offs"
        | "tradeoffs"
        | "trade offs"
        | "trade-offs and rationale"
        | "tradeoffs and rationale"
        | "trade-offs and reflection" => (Reflection, Weak),
        _ => return None,
    };
    Some(found)
}

fn letter(c: char) -> Option<SectionName> {
    match c.to_ascii_uppercase() {
        'S' => Some(SectionName::Situation),
        'T' => Some(SectionName::Task),
        'A' => Some(SectionName::Actions),
        'R' => Some(SectionName::Results),
        'L' => Some(SectionName::Reflection),
        _ => None,
    }
}

/// A part named in brackets beside its text: "(S)", "(Situation)", "[T — the tension moment]".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub start: usize,
    pub end: usize,
    pub section: SectionName,
}

static MARKER: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"[(\[]\s*([A-Za-z]+)\s*(?:[—–:-][^)\]\n]{0,40})?[)\]]")
        .expect("the marker pattern compiles")
});

/// The bracketed part names in a line, when it holds two different ones or more: one alone is
/// too easily an aside, and "(A)" an item of a list. A letter must be a capital.
pub fn markers(text: &str) -> Vec<Marker> {
    if !text.contains(['(', '[']) {
        return Vec::new();
    }
    let found: Vec<Marker> = MARKER
        .find_iter(text)
        .filter_map(|whole| {
            // The name: the letters after the bracket (no capture groups: most lines with a
            // bracket hold none, and a plain search is cheaper).
            let inner = whole.as_str()[1..].trim_start();
            let word = &inner[..inner
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(inner.len())];
            let section = if word.len() == 1 {
                word.chars()
                    .next()
                    .filter(char::is_ascii_uppercase)
                    .and_then(letter)
            } else {
                lookup(&word.to_lowercase())
                    .filter(|(_, strength)| *strength == Strength::Strong)
                    .map(|(section, _)| section)
            }?;
            Some(Marker {
                start: whole.start(),
                end: whole.end(),
                section,
            })
        })
        .collect();
    let mut seen = [false; 5];
    for marker in &found {
        seen[marker.section.index()] = true;
    }
    if seen.iter().filter(|s| **s).count() < 2 {
        return Vec::new();
    }
    found
}

/// Recognises a label at the start of a prose line (markers already peeled).
pub fn detect(content: &str) -> Option<Label<'_>> {
    detect_in(content, false)
}

/// Recognises a label that makes up a heading. A heading may say more than the label
/// ("Actions I took", "Results and what changed"), so a label phrase that opens it is enough.
pub fn detect_heading(content: &str) -> Option<Label<'_>> {
    detect_in(content, true).or_else(|| heading_words(content))
}

/// Words that name a part in a heading, case-insensitive, with Unicode word boundaries.
/// Checked in this order because "what I learned from how it went" is a reflection, not a
/// result.
const HEADING_WORDS: &[(SectionName, &str)] = &[
    (
        SectionName::Reflection,
        r"\b(learn\w*|lessons?|differently|hindsight|looking back|reflect\w*|takeaways?|again|retro\w*)\b",
    ),
    (
        SectionName::Results,
        r"\b(turned out|how it went|outcomes?|results?|impact|numbers|payoff|what changed)\b",
    ),
    (
        SectionName::Task,
        r"\b(asked|goals?|role|responsib\w*|task|mission|objectives?|my job|brief)\b",
    ),
    (
        SectionName::Actions,
        r"\b(what i did|how i|approach|steps|actions?|plan|execution|implementation|went about)\b",
    ),
    (
        SectionName::Situation,
        r"\b(situation|context|background|problem|challenge|setting|setup|starting point)\b",
    ),
];

/// Headings that name a part in their own words ("What I was asked to do", "How it turned
/// out"). Weak: they only move the answer forward.
fn heading_words(content: &str) -> Option<Label<'_>> {
    static WORDS: LazyLock<PhraseSet> = LazyLock::new(|| {
        let patterns: Vec<&str> = HEADING_WORDS.iter().map(|h| h.1).collect();
        PhraseSet::new(&patterns, Words::Unicode)
    });
    let text = strip_decoration(content);
    if text.split_whitespace().count() > 8 {
        return None;
    }
    let found = WORDS.matches(text);
    let (section, _) = HEADING_WORDS.get(found.trailing_zeros() as usize)?;
    Some(Label {
        sections: vec![*section],
        strength: Strength::Weak,
        letter: false,
        rest: "",
        names_lesson: names_lesson(&[*section], text),
    })
}

fn detect_in(content: &str, heading: bool) -> Option<Label<'_>> {
    let content = strip_decoration(content);
    if let Some(label) = bracketed_letter(content).or_else(|| letter_with_word(content)) {
        return Some(label);
    }
    let (inner, emphasised, after_emphasis) = peel_emphasis(content);
    let (phrase_end, delimiter) = phrase_extent(inner);
    let phrase = inner[..phrase_end].trim();
    if phrase.is_empty() || phrase.len() > 48 {
        return None;
    }
    let normal = normalise(phrase);
    // Text after the phrase: for an emphasised label, what follows the closing marker.
    let tail = match after_emphasis {
        Some(rest) if phrase_end >= inner.trim_end().len() || delimiter.is_some() => rest,
        Some(_) => return None,
        None => &inner[phrase_end..],
    };
    let (rest, delimiter_after) = after_label(tail, delimiter);
    // "**S:**" carries its colon inside the emphasis.
    let had_delimiter = delimiter_after || delimiter.is_some();
    let alone = rest.is_empty();

    // "S – Situation", "S - Situation:" : a letter spelled out.
    if let Some(label) = letter_spelled_out(&normal, rest) {
        return Some(label);
    }
    let (sections, strength, is_letter) = sections_for(&normal).or_else(|| {
        // Only a heading or an emphasised label may carry words after the label phrase.
        if heading || emphasised {
            label_prefix(&normal)
        } else {
            None
        }
    })?;
    // Without a colon or dash, a bare word counts only when it stands alone (or is emphasised).
    if !had_delimiter && !alone && !emphasised {
        return None;
    }
    // A lone letter needs a colon or dash, unless it stands alone in bold or as a heading.
    if is_letter && !had_delimiter && !((emphasised || heading) && alone) {
        return None;
    }
    let names_lesson = if is_letter {
        sections == [SectionName::Reflection] && normal.eq_ignore_ascii_case("l")
    } else {
        names_lesson(&sections, &normal)
    };
    Some(Label {
        sections,
        strength,
        letter: is_letter,
        rest,
        names_lesson,
    })
}

/// The first label that starts inside a line rather than at its start:
/// "... backing up. **Task:** I had to ..." or "... in May. Result: ...". Returns its byte
/// offset in `text`. Emphasised labels may follow any space; plain ones must follow the end
/// of a sentence, be spelled out and end with a colon or dash.
pub fn find_inline(text: &str) -> Option<(usize, Label<'_>)> {
    // A plain label needs a delimiter after it: past the last one, only emphasis can start one.
    let last_delimiter = find_last_delimiter(text);
    let bytes = text.as_bytes();
    for space in (0..bytes.len()).filter(|&i| bytes[i] == b' ') {
        let pos = space + 1;
        let emphasised = matches!(bytes.get(pos), Some(b'*' | b'_'));
        if !emphasised && last_delimiter.is_none_or(|at| at < pos) {
            continue;
        }
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        if !emphasised {
            let after_sentence = text[..pos].trim_end().ends_with(['.', '!', '?']);
            // Lowercase writers write "... view. task: i had ..."; the colon must then touch
            // the word.
            let lowercase_label = || {
                c.is_lowercase()
                    && text[pos..]
                        .split_whitespace()
                        .next()
                        .is_some_and(|word| word.ends_with(':'))
            };
            if !(after_sentence && (c.is_uppercase() || lowercase_label())) {
                continue;
            }
        }
        let Some(label) = detect(&text[pos..]) else {
            continue;
        };
        let phrase = text
            .get(pos..text.len().saturating_sub(label.rest.len()))
            .unwrap_or_default();
        let delimited = phrase.contains([':', '—', '–']) || phrase.contains(" - ");
        let believable = if emphasised {
            delimited || label.rest.is_empty()
        } else {
            delimited && !label.letter && label.strength == Strength::Strong
        };
        if believable {
            return Some((pos, label));
        }
    }
    None
}

/// Where the last delimiter a plain label may end with (`:`, `—`, `–`, ` - `) starts.
fn find_last_delimiter(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).rev().find(|&i| match bytes[i] {
        b':' => true,
        // The dashes are E2 80 93 and E2 80 94.
        0xE2 => matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x93 | 0x94])),
        b' ' => bytes[i + 1..].starts_with(b"- "),
        _ => false,
    })
}

/// Skips what may decorate a label without being part of it: emoji and arrows
/// ("📍 Situation"), and a number ("1. Situation", "2) Task") left on headings.
fn strip_decoration(content: &str) -> &str {
    let symbols = |text: &str| -> usize {
        let kept = text.trim_start_matches(|c: char| {
            !(c.is_alphanumeric() || c.is_whitespace() || "*_([".contains(c))
        });
        text.len() - kept.trim_start().len()
    };
    let mut rest = &content[symbols(content)..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits)
        && let Some(after) = rest[digits..]
            .strip_prefix(". ")
            .or_else(|| rest[digits..].strip_prefix(") "))
    {
        rest = after;
        // "1) 🎯 Goal": a symbol may follow the number too.
        rest = &rest[symbols(rest)..];
    }
    rest.trim_start()
}

/// "actions i took" -> actions: a label phrase of up to three words followed by a few more,
/// unless the next word makes it a sentence ("results were good").
fn label_prefix(phrase: &str) -> Option<(Vec<SectionName>, Strength, bool)> {
    const VERBS: &[&str] = &[
        "was", "were", "is", "are", "has", "have", "had", "will", "came",
    ];
    let words: Vec<&str> = phrase.split(' ').collect();
    if words.len() > 7 {
        return None;
    }
    (1..=3.min(words.len() - 1)).rev().find_map(|k| {
        // The first `k` words, with the single spaces between them.
        let opening = &phrase[..words[..k].iter().map(|w| w.len() + 1).sum::<usize>() - 1];
        // A weak word opening a longer phrase ("How it turned out") proves nothing.
        let (section, strength) =
            lookup(opening).filter(|(_, strength)| *strength == Strength::Strong)?;
        if VERBS.contains(&words[k]) {
            return None;
        }
        Some((vec![section], strength, false))
    })
}

/// "(S) text": a letter in brackets.
fn bracketed_letter(content: &str) -> Option<Label<'_>> {
    let inner = content.strip_prefix('(')?;
    let mut chars = inner.chars();
    let section = letter(chars.next()?)?;
    let rest = chars.as_str().strip_prefix(')')?;
    Some(Label {
        sections: vec![section],
        strength: Strength::Strong,
        letter: true,
        rest: rest.trim_start_matches([':', ' ']).trim_start(),
        names_lesson: section == SectionName::Reflection,
    })
}

/// `**Situation:** text` -> (`Situation:`, true, Some(" text")). Handles `*`, `_`, `**`, `__`.
fn peel_emphasis(content: &str) -> (&str, bool, Option<&str>) {
    for marker in ["**", "__", "*", "_"] {
        // A label is short: look for the closing marker nearby only, so scanning a long
        // line for labels stays linear.
        if let Some(after_open) = content.strip_prefix(marker)
            && let Some(close) = prefix_within(after_open, 80).find(marker)
            && close > 0
        {
            let inner = &after_open[..close];
            let rest = &after_open[close + marker.len()..];
            return (inner, true, Some(rest));
        }
    }
    (content, false, None)
}

/// At most the first `max` bytes of `text`, cut on a character boundary.
fn prefix_within(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Where the label phrase ends and which delimiter (if any) ends it.
fn phrase_extent(text: &str) -> (usize, Option<char>) {
    let mut end = text.len();
    let mut delimiter = None;
    for (i, c) in text.char_indices() {
        match c {
            ':' => {
                end = i;
                delimiter = Some(':');
                break;
            }
            '(' | '[' => {
                end = i;
                break;
            }
            '—' | '–' => {
                end = i;
                delimiter = Some('-');
                break;
            }
            '-' if (text[i..].starts_with("- ") || text[i..].trim_end() == "-")
                && text[..i].ends_with(' ') =>
            {
                end = i;
                delimiter = Some('-');
                break;
            }
            '.' | ',' | ';' | '!' | '?' => {
                end = i;
                break;
            }
            _ => {}
        }
        if i > 60 {
            return (0, None);
        }
    }
    (end, delimiter)
}

/// Skips the delimiter and any annotation such as "(90 seconds)"; returns the text after.
fn after_label(tail: &str, delimiter: Option<char>) -> (&str, bool) {
    let mut rest = tail.trim_start();
    let mut had = false;
    // An annotation in brackets may sit between label and delimiter.
    for _ in 0..2 {
        if rest.starts_with('(') || rest.starts_with('[') {
            let close = if rest.starts_with('(') { ')' } else { ']' };
            match rest.find(close) {
                Some(end) if end < 60 => rest = rest[end + 1..].trim_start(),
                _ => break,
            }
        }
        rest = rest.trim_start_matches(['*', '_']).trim_start();
        if let Some(r) = rest
            .strip_prefix(':')
            .or_else(|| rest.strip_prefix("—"))
            .or_else(|| rest.strip_prefix("–"))
            .or_else(|| rest.strip_prefix("- "))
            .or_else(|| rest.strip_prefix('-').filter(|r| r.is_empty()))
        {
            rest = r.trim_start_matches(['*', '_']).trim_start();
            had = true;
            break;
        }
    }
    let _ = delimiter;
    (rest, had)
}

/// Lower case, curly apostrophes straightened, single spaces, no emphasis or hashes around.
fn normalise(phrase: &str) -> Cow<'_, str> {
    let phrase = phrase
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '#')
        .trim();
    // Most phrases are ASCII with single spaces: only their case may need changing.
    let plain = phrase
        .bytes()
        .all(|b| b.is_ascii() && (b == b' ' || !(b.is_ascii_whitespace() || b == b'\x0B')))
        && !phrase.contains("  ");
    if !plain {
        return Cow::Owned(normalise_fully(phrase));
    }
    if phrase.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(phrase.to_ascii_lowercase())
    } else {
        Cow::Borrowed(phrase)
    }
}

/// [`normalise`] for any trimmed phrase.
fn normalise_fully(phrase: &str) -> String {
    phrase
        .to_lowercase()
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A phrase may name one section, a letter, or several joined by `/`, `&`, `+`, `and`.
fn sections_for(phrase: &str) -> Option<(Vec<SectionName>, Strength, bool)> {
    let bare = phrase.trim_matches(|c| c == '(' || c == ')');
    if bare.chars().count() == 1 {
        let section = letter(bare.chars().next()?)?;
        return Some((vec![section], Strength::Strong, true));
    }
    // "Action 2", "Result #1": a numbered label is still the label.
    let unnumbered = phrase
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '#')
        .trim_end();
    if let Some((section, strength)) = lookup(phrase).or_else(|| lookup(unnumbered)) {
        return Some((vec![section], strength, false));
    }
    let parts: Vec<&str> = phrase
        .split(['/', '&', '+', ','])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    let mut sections = Vec::new();
    let mut strength = Strength::Strong;
    let mut all_letters = true;
    for part in parts {
        let (section, part_strength) = if part.chars().count() == 1 {
            (letter(part.chars().next()?)?, Strength::Strong)
        } else {
            all_letters = false;
            lookup(part)?
        };
        if part_strength == Strength::Weak {
            strength = Strength::Weak;
        }
        if !sections.contains(&section) {
            sections.push(section);
        }
    }
    sections.sort();
    Some((sections, strength, all_letters))
}

/// "S (Situation): text", "**T (Task)** text": a letter spelled out by its word is as good
/// as the word, and needs no other letters for company.
fn letter_with_word(content: &str) -> Option<Label<'_>> {
    let (inner, _, after_emphasis) = peel_emphasis(content);
    let close = prefix_within(inner, 24).find(')')?;
    let section = letter_and_word(&normalise(&inner[..=close]))?;
    let tail = match after_emphasis {
        // "**S (Situation):**" carries its colon inside the emphasis.
        Some(rest)
            if inner[close + 1..]
                .trim()
                .trim_matches([':', '-', '—', '–'])
                .is_empty() =>
        {
            rest
        }
        Some(_) => return None,
        None => &inner[close + 1..],
    };
    let (rest, _) = after_label(tail, None);
    Some(Label {
        sections: vec![section],
        strength: Strength::Strong,
        letter: false,
        rest,
        names_lesson: section == SectionName::Reflection,
    })
}

/// "s (situation)" or "result (r)": a letter and the word it stands for, when they agree.
fn letter_and_word(phrase: &str) -> Option<SectionName> {
    let (outer, inner) = phrase.strip_suffix(')')?.split_once('(')?;
    let (outer, inner) = (outer.trim(), inner.trim());
    stands_for(outer, inner).or_else(|| stands_for(inner, outer))
}

/// The part that the single letter `single` and the label word `word` both name, if they agree.
fn stands_for(single: &str, word: &str) -> Option<SectionName> {
    let mut chars = single.chars();
    let section = letter(chars.next()?).filter(|_| chars.next().is_none())?;
    let (named, _) = lookup(word)?;
    (named == section).then_some(section)
}

/// "S – Situation", "R - Results: ..." : a letter followed by its own word.
fn letter_spelled_out<'a>(normal: &str, rest: &'a str) -> Option<Label<'a>> {
    // Most phrases are words, not letters: leave before reading what follows.
    if normal.chars().count() != 1 {
        return None;
    }
    let word_end = rest
        .find(|c: char| !(c.is_alphabetic() || c == ' ' || c == '\''))
        .unwrap_or(rest.len());
    let word = normalise(&rest[..word_end]);
    let section = stands_for(normal, &word)?;
    let (after, _) = after_label(&rest[word_end..], None);
    Some(Label {
        sections: vec![section],
        strength: Strength::Strong,
        letter: false,
        rest: after,
        names_lesson: names_lesson(&[section], &word),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionName::*;

    fn sections(line: &str) -> Option<Vec<SectionName>> {
        detect(line).map(|l| l.sections)
    }

    #[test]
    fn common_label_styles() {
        assert_eq!(sections("**Situation:** we had"), Some(vec![Situation]));
        assert_eq!(sections("**Situation**: we had"), Some(vec![Situation]));
        assert_eq!(sections("*Task:* own it"), Some(vec![Task]));
        assert_eq!(sections("_Action_"), Some(vec![Actions]));
        assert_eq!(sections("Result: p95 fell"), Some(vec![Results]));
        assert_eq!(sections("S: the queue"), Some(vec![Situation]));
        assert_eq!(sections("**S:** the queue"), Some(vec![Situation]));
        assert_eq!(sections("T - my job"), Some(vec![Task]));
        assert_eq!(sections("Task -"), Some(vec![Task]));
        assert_eq!(sections("S – Situation"), Some(vec![Situation]));
        assert_eq!(sections("(S) the queue"), Some(vec![Situation]));
        assert_eq!(sections("SITUATION"), Some(vec![Situation]));
        assert_eq!(sections("Lessons learned:"), Some(vec![Reflection]));
        assert_eq!(sections("Learned:"), Some(vec![Reflection]));
        assert_eq!(sections("What I'd do differently"), Some(vec![Reflection]));
        assert_eq!(sections("Action 2: the rollout"), Some(vec![Actions]));
    }

    #[test]
    fn combined_and_annotated_labels() {
        assert_eq!(sections("S/T: both"), Some(vec![Situation, Task]));
        assert_eq!(sections("Situation & Task"), Some(vec![Situation, Task]));
        assert_eq!(sections("Context and goal:"), Some(vec![Situation, Task]));
        assert_eq!(sections("**ACTION** (90 seconds)"), Some(vec![Actions]));
        assert_eq!(sections("Result (the numbers)"), Some(vec![Results]));
    }

    #[test]
    fn a_letter_spelled_out_in_brackets_is_the_word() {
        for (line, section, rest) in [
            ("S (Situation): the queue", Situation, "the queue"),
            ("**T (Task):** own it", Task, "own it"),
            (
                "**A (Action)**: I cached builds",
                Actions,
                "I cached builds",
            ),
            ("Result (R) - p95 fell", Results, "p95 fell"),
        ] {
            let label = detect(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(label.sections, vec![section], "{line}");
            assert!(!label.letter, "{line}: needs no other letters for company");
            assert_eq!(label.rest, rest, "{line}");
        }
        // A letter and a word that disagree are not spelled out.
        assert!(detect("S (Result): the queue").is_none_or(|l| l.letter));
    }

    #[test]
    fn prose_and_sub_headings_are_not_labels() {
        assert_eq!(sections("Situation was bad, so I moved fast."), None);
        assert_eq!(sections("A big problem was the cache."), None);
        assert_eq!(sections("Technical strategy: I wrote an RFC"), None);
        assert_eq!(sections("Step 1: audit"), None);
        assert_eq!(sections("The result was a 40% cut."), None);
        assert_eq!(sections("Results were good overall"), None);
    }

    #[test]
    fn labels_inside_a_line() {
        let text = "Our queue backed up. **Task:** I had to fix it.";
        let (at, label) = find_inline(text).unwrap();
        assert_eq!(&text[at..at + 2], "**");
        assert_eq!(label.sections, vec![Task]);
        assert_eq!(label.rest, "I had to fix it.");
        assert!(find_inline("It fell by 40%. Result: p95 at 80ms").is_some());
        assert!(find_inline("calls per view. task: i had to fix it").is_some());
        assert!(find_inline("we shipped. results were mixed: good").is_none());
        // Plain words mid-sentence are prose, not labels.
        assert!(find_inline("That was the result: a 40% cut").is_none());
        assert!(find_inline("We lost. Action items were unclear").is_none());
    }

    #[test]
    fn last_delimiter_is_the_last_colon_or_dash() {
        assert_eq!(find_last_delimiter("a: b — c"), Some(5));
        assert_eq!(find_last_delimiter("x - y: z – w"), Some(9));
        assert_eq!(find_last_delimiter("re-run it -"), None);
    }

    proptest::proptest! {
        /// The quick path for plain ASCII phrases gives what the full normalisation gives.
        #[test]
        fn plain_phrases_normalise_like_any(phrase in "[a-cA-C ’'\t\u{B}\u{A0}é]{0,12}") {
            let trimmed = phrase.trim();
            proptest::prop_assert_eq!(normalise(trimmed), normalise_fully(trimmed));
        }
    }

    #[test]
    fn decorated_labels() {
        assert_eq!(sections("📍 **Situation:** slow"), Some(vec![Situation]));
        assert_eq!(sections("→ Result: 8 minutes"), Some(vec![Results]));
        assert_eq!(
            detect_heading("1. Situation").map(|l| l.sections),
            Some(vec![Situation])
        );
        assert_eq!(sections("30% of lookups failed"), None);
        assert_eq!(
            detect_heading("2) 🎯 Goal").map(|l| l.sections),
            Some(vec![Task])
        );
    }

    #[test]
    fn headings_may_say_more_than_the_label() {
        let heading = |text| detect_heading(text).map(|l| l.sections);
        assert_eq!(heading("Actions I took"), Some(vec![Actions]));
        assert_eq!(heading("Results and what changed"), Some(vec![Results]));
        assert_eq!(sections("**Results were good**"), None);
        assert_eq!(heading("Step 1: audit"), None);
        assert_eq!(heading("S"), Some(vec![Situation]));
        assert_eq!(sections("S"), None);
        assert_eq!(heading("What I was asked to do"), Some(vec![Task]));
        assert_eq!(heading("How it turned out"), Some(vec![Results]));
        assert_eq!(heading("How I went about it"), Some(vec![Actions]));
        assert_eq!(
            detect_heading("How it turned out").unwrap().strength,
            Strength::Weak
        );
        assert_eq!(sections("**What I did next**"), Some(vec![Actions]));
        // A plain line needs the exact phrase.
        assert_eq!(sections("Actions we took together"), None);
    }

    /// The heading words as they were written before: regexes.
    static HEADING_REGEXES: LazyLock<Vec<regex::Regex>> = LazyLock::new(|| {
        HEADING_WORDS
            .iter()
            .map(|(_, words)| crate::answer::phrase::testing::regex_for(words, Words::Unicode))
            .collect()
    });

    fn check_heading_words(text: &str) {
        let patterns: Vec<&str> = HEADING_WORDS.iter().map(|h| h.1).collect();
        let found = PhraseSet::new(&patterns, Words::Unicode).matches(text);
        crate::answer::phrase::testing::assert_agrees(found, &HEADING_REGEXES, text);
    }

    /// The heading words were regexes; they must match exactly where the regexes do.
    #[test]
    fn heading_words_match_where_their_regexes_do() {
        for text in crate::answer::phrase::testing::corpus_texts() {
            check_heading_words(&text);
        }
    }

    proptest::proptest! {
        #[test]
        fn heading_words_match_made_up_text_like_their_regexes(
            text in crate::answer::phrase::testing::texts_from(
                &HEADING_WORDS.iter().map(|h| h.1).collect::<Vec<_>>()
            )
        ) {
            check_heading_words(&text);
        }
    }

    #[test]
    fn rest_is_the_text_after_the_label() {
        assert_eq!(detect("**Task:** I owned it").unwrap().rest, "I owned it");
        assert_eq!(detect("S: queue").unwrap().rest, "queue");
        assert_eq!(detect("**ACTION** (90 seconds)").unwrap().rest, "");
    }
}
