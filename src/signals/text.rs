//! Small text helpers the detectors share: snippets, word tests, negation and hypotheticals.

use super::pattern::{Pattern, pattern};
use std::sync::LazyLock;

/// Widest evidence text shown; longer spans are cut at word boundaries.
const SNIPPET_CHARS: usize = 90;

/// How far to look for the edge of a word. A "word" longer than this is cut rather than
/// searched to its end: searching a text with no spaces for every match was quadratic.
const WORD_REACH: usize = 64;

/// The words of `text[start..end]`, widened to whole words and shortened to a readable length.
pub fn snippet(text: &str, start: usize, end: usize) -> String {
    let start = floor_boundary(text, start.min(text.len()));
    let end = floor_boundary(text, end.min(text.len())).max(start);
    let reach_back = ceil_boundary(text, start.saturating_sub(WORD_REACH));
    let from = after_last(&text[reach_back..start], char::is_whitespace)
        .map_or(reach_back, |p| reach_back + p)
        .min(start);
    let reach_on = floor_boundary(text, end.saturating_add(WORD_REACH).min(text.len()));
    let to = text[end..reach_on]
        .find(char::is_whitespace)
        .map_or(reach_on, |p| end + p);
    let piece = text[from..to].trim();
    let piece = piece.trim_matches(|c: char| matches!(c, '*' | '_' | '`'));
    if piece.chars().nth(SNIPPET_CHARS).is_none() {
        return piece.to_string();
    }
    let mut cut: String = piece.chars().take(SNIPPET_CHARS).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    cut.push('…');
    cut
}

pub fn floor_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_boundary(text: &str, mut index: usize) -> usize {
    while index < text.len() && !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// Letters a detector's `\w` stands for: ASCII word characters and the Latin letters of
/// Latin-1 and Latin Extended-A/B (names like José or Zoë), without `×` and `÷`.
const WORD_CLASS: &str = r"0-9A-Za-z_\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}";

/// Rewrites a detector pattern's classes to what English answers need, which is far cheaper
/// to build and to run than the Unicode classes they stand for:
/// - `\b` becomes ASCII-only: a Unicode word boundary stops the regex crate's fast DFA at the
///   first non-ASCII byte and falls back to a far slower engine (a long sentence of accented or
///   CJK text took seconds per detector). Words next to non-ASCII letters still match.
/// - `\w` means `WORD_CLASS`, not the 700-odd ranges of Unicode word characters: one `\w`
///   under a bounded repeat (`[\w -]{1,30}`) compiled to tens of thousands of NFA states.
/// - `\d` means `0-9`: a digit in another script would not parse as a number anyway.
///
/// Escaped backslashes are left alone, and inside a bracketed class the letters are spliced in
/// without brackets of their own.
pub fn narrow_classes(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + 64);
    let mut chars = source.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // A `]` or `^]` right after the opening bracket is a literal, not the end.
                let mut rest = chars.clone();
                if let Some('^') = rest.next() {
                    out.push('^');
                    chars.next();
                }
                if chars.clone().next() == Some(']') {
                    out.push(']');
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '\\' => match chars.next() {
                Some('b') if !in_class => out.push_str("(?-u:\\b)"),
                Some('w') if in_class => out.push_str(WORD_CLASS),
                Some('w') => {
                    out.push('[');
                    out.push_str(WORD_CLASS);
                    out.push(']');
                }
                Some('d') if in_class => out.push_str("0-9"),
                Some('d') => out.push_str("[0-9]"),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            _ => out.push(c),
        }
    }
    out
}

static HYPOTHETICAL: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"^\s*(if|in case|should|whenever|unless)\b|\b(would have|could have|we would|i would|we'd|we could|we might|in case (of|something)|if (anything|something|it|we|things)\b[^.]*\b(went|go|goes|failed|fails|broke|breaks))",
    )
});

/// True when a sentence talks about what might happen, not what did.
pub fn is_hypothetical(sentence: &str) -> bool {
    HYPOTHETICAL
        .find_iter(sentence)
        .any(|m| !(m.as_str().eq_ignore_ascii_case("we'd") && had_done(&sentence[m.end()..])))
}

/// "We'd had two outages": a "'d" before a past participle is "had", a past event told, not
/// "would". `rest` is the text after the contraction.
fn had_done(rest: &str) -> bool {
    let next = rest
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    matches!(
        next.as_str(),
        "had"
            | "been"
            | "already"
            | "just"
            | "gone"
            | "done"
            | "seen"
            | "lost"
            | "spent"
            | "taken"
            | "built"
            | "got"
            | "never"
    ) || next.len() > 4 && next.ends_with("ed")
}

static NEGATED: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(no|not|never|without|didn't|did not|wasn't|weren't|haven't|hasn't|hadn't|lacked|lacking|zero|none)\b",
    )
});

/// True when a negation stands within the few words before `at`.
pub fn negated_before(sentence: &str, at: usize) -> bool {
    NEGATED.is_match(words_before(sentence, at))
}

static AVOIDED: LazyLock<Pattern> =
    LazyLock::new(|| pattern(r"\b(instead of|rather than|in place of|to avoid|avoiding)\b"));

/// True when the few words before `at` say the thing was passed over: "instead of a full
/// rollback, I raised the pool size".
pub fn avoided_before(sentence: &str, at: usize) -> bool {
    AVOIDED.is_match(words_before(sentence, at))
}

/// The five words or so before `at`, where a negation or an avoidance would stand.
fn words_before(sentence: &str, at: usize) -> &str {
    let at = floor_boundary(sentence, at.min(sentence.len()));
    let window_start = sentence[..at]
        .char_indices()
        .rev()
        .filter(|(_, c)| c.is_whitespace())
        .nth(4)
        .map_or(0, |(i, _)| i);
    &sentence[window_start..at]
}

/// True when `text` has a digit or a spelled-out quantity, used to tell vague claims from numbers.
pub fn has_number(text: &str) -> bool {
    static NUMBERISH: LazyLock<Pattern> = LazyLock::new(|| {
        pattern(
            r"\d|\b(half|halved|doubled|tripled|twice|thrice|dozen|hundred|thousand|million|billion|nines)\b",
        )
    });
    NUMBERISH.is_match(text)
}

/// The byte just past the last character matching `is_edge`, stepping over the whole character
/// (a no-break space is two bytes), or None when no character matches.
pub fn after_last(text: &str, is_edge: impl Fn(char) -> bool) -> Option<usize> {
    text.char_indices()
        .rev()
        .find(|(_, c)| is_edge(*c))
        .map(|(i, c)| i + c.len_utf8())
}

/// Moves `start` left over up to `words` words, so evidence shows what a number measures.
pub fn widen_left(text: &str, start: usize, words: usize) -> usize {
    let mut index = floor_boundary(text, start.min(text.len()));
    for _ in 0..words {
        let head = text[..index].trim_end();
        if head.is_empty() || head.ends_with(['.', ';', ':', ',', '(', '—']) {
            break;
        }
        let reach = ceil_boundary(head, head.len().saturating_sub(WORD_REACH));
        index = match after_last(&head[reach..], char::is_whitespace) {
            Some(p) => reach + p,
            None if reach == 0 => 0,
            // No word edge within reach: stop widening rather than scan the whole text.
            None => break,
        };
    }
    index
}

/// The length of the first few words of a step or a rule, up to a conjunction: the verb and
/// what it acted on, as "I wrote" would show them ("Split the integration suite").
pub fn lead_words(step: &str) -> usize {
    let shown: usize = step
        .split_inclusive(char::is_whitespace)
        .take(4)
        .take_while(|word| !matches!(word.trim_end(), "and" | "or" | "then" | "but"))
        .map(str::len)
        .sum();
    step[..shown].trim_end().len()
}

/// "I", "I'm", "I’d": the speaker naming themselves (capitalised by rule, never a name).
pub fn is_pronoun_i(word: &str) -> bool {
    word == "I" || word.starts_with("I'") || word.starts_with("I’")
}

/// `text` with emphasis asterisks blanked, byte for byte: "from **3 days** to **5 minutes**"
/// reads as a change, and a span found in it is the same span of `text`.
pub fn without_emphasis(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('*') {
        std::borrow::Cow::Owned(text.replace('*', " "))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The words of `text` with their byte offsets: runs of letters, digits, apostrophes and
/// hyphens ("sign-off", "didn't"), without copying.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> + Clone {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-');
    text.split(move |c: char| !is_word(c))
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// Whether `word`'s stem is one of `stems` (Snowball English stems: "briefed" and "briefing"
/// are "brief", "notified" is "notifi"), so a rule names a verb once for all its forms.
/// Only words that start like a stem are stemmed, so most words cost a byte comparison.
pub fn stem_in(word: &str, stems: &[&str]) -> bool {
    let starts_like = |stem: &str| {
        let head = &stem.as_bytes()[..stem.len().saturating_sub(1).max(1)];
        word.len() >= head.len() && word.as_bytes()[..head.len()].eq_ignore_ascii_case(head)
    };
    if !stems.iter().any(|stem| starts_like(stem)) {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    let stem = crate::answer::roles::stem(&lower);
    stems.contains(&stem.as_ref())
}

/// Whether `word` can be a verb form rather than a noun or adjective built on the same stem
/// ("escalated", not "escalation", "collaborative" or "consultants").
pub fn is_verbal(word: &str) -> bool {
    const NOMINAL: &[&str] = &[
        "ion", "ions", "ive", "ively", "ant", "ants", "ment", "ments", "or", "ors", "ness",
    ];
    let lower = word.as_bytes();
    !NOMINAL.iter().any(|end| {
        lower.len() > end.len() + 2
            && lower[lower.len() - end.len()..].eq_ignore_ascii_case(end.as_bytes())
    })
}

/// The clause of `text` around `start..end`: bounded by semicolons and by a comma followed by
/// a conjunction (", and", ", but", ", while"), and read no further than `CLAUSE_REACH` either
/// side, so that a pasted line with thousands of pairs stays linear.
pub fn clause_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    const BREAKS: [&str; 5] = CLAUSE_BREAKS;
    let reach_start = floor_boundary(text, start.saturating_sub(CLAUSE_REACH));
    let reach_end = floor_boundary(text, end.saturating_add(CLAUSE_REACH).min(text.len()));
    let before = &text[reach_start..start];
    let clause_start = BREAKS
        .iter()
        .filter_map(|b| before.rfind(b).map(|at| reach_start + at + b.len()))
        .max()
        .unwrap_or(reach_start);
    let after = &text[end..reach_end];
    let clause_end = BREAKS
        .iter()
        .filter_map(|b| after.find(b).map(|at| end + at))
        .min()
        .unwrap_or(reach_end);
    (clause_start, clause_end)
}

/// How far either side of a pair its clause is looked for.
pub const CLAUSE_REACH: usize = 240;

/// What ends one clause and starts the next: a semicolon, or a comma before a conjunction.
const CLAUSE_BREAKS: [&str; 5] = [";", ", and ", ", but ", ", while ", ", whereas "];

/// Where each clause of `text` starts (0 first, then just past each break), in order: for a
/// reader that asks [`clause_around`]'s question of many positions of one sentence.
pub fn clause_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    for brk in CLAUSE_BREAKS {
        starts.extend(text.match_indices(brk).map(|(at, _)| at + brk.len()));
    }
    starts.sort_unstable();
    starts.dedup();
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: a no-break space (two bytes) before a word put the cut inside a character.
    #[test]
    fn multibyte_spaces_are_stepped_over() {
        let text = "🌀\u{a0}ἠ$0 and p95 fell\u{a0}to 40 ms";
        for start in 0..=text.len() {
            let _ = widen_left(text, start, 3);
            let _ = snippet(text, start, text.len());
        }
        assert_eq!(after_last("a\u{a0}b", char::is_whitespace), Some(3));
    }

    #[test]
    fn snippet_widens_to_words() {
        assert_eq!(snippet("p95 latency 320 ms today", 5, 14), "latency 320");
    }

    #[test]
    fn snippet_shortens_long_text() {
        let long = "word ".repeat(60);
        assert!(snippet(&long, 0, long.len()).ends_with('…'));
    }

    #[test]
    fn snippet_and_widening_stop_within_reach_of_a_spaceless_run() {
        let run = "99.95%".repeat(2_000);
        let middle = run.len() / 2;
        let shown = snippet(&run, middle, middle + 6);
        assert!(shown.chars().count() <= SNIPPET_CHARS + 1, "{shown}");
        assert_eq!(widen_left(&run, middle, 3), middle);
        let text = format!("{run} p95 fell to 180 ms");
        let at = text.find("180").unwrap();
        assert_eq!(&text[widen_left(&text, at, 3)..at], "p95 fell to ");
        assert_eq!(snippet(&text, at, at + 3), "180");
    }

    #[test]
    fn negation_window() {
        assert!(negated_before("we had no rollback plan", 11));
        assert!(!negated_before("we had a rollback plan", 9));
    }

    #[test]
    fn word_boundaries_become_ascii() {
        assert_eq!(narrow_classes(r"\bno\b|\\b"), r"(?-u:\b)no(?-u:\b)|\\b");
        assert!(pattern(r"\bcanary\b").is_match("un déploiement canary, puis"));
        assert!(!pattern(r"\bcanary\b").is_match("canaryfoo"));
    }

    #[test]
    fn words_and_stems() {
        let text = "I briefed Finance's lead; sign-off came.";
        let found: Vec<_> = words(text).collect();
        assert_eq!(found[1], (2, "briefed"));
        assert_eq!(found[3], (20, "lead"));
        assert_eq!(found[4], (26, "sign-off"));
        assert!(stem_in("Briefing", &["brief"]));
        assert!(stem_in("notified", &["notifi"]));
        assert!(!stem_in("briefly", &["brief"]));
        assert!(!stem_in("table", &["brief"]));
        assert!(is_verbal("escalated") && is_verbal("briefing"));
        assert!(!is_verbal("escalation") && !is_verbal("collaborative"));
    }

    #[test]
    fn hypotheticals() {
        assert!(is_hypothetical("If the canary failed we would roll back."));
        assert!(!is_hypothetical("The canary failed and I rolled back."));
        assert!(is_hypothetical(
            "Without the flag we'd need a full redeploy."
        ));
        assert!(!is_hypothetical(
            "Latency had climbed to 800 ms, and we'd had two outages."
        ));
        assert!(!is_hypothetical("By then we'd shipped the fix."));
    }
}
