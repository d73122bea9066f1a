//! Picking a built-in rubric from the question an answer states.
//!
//! A plain, deterministic word overlap: the question's content words (stop words removed,
//! light stemming) against each built-in's title and example `questions:`. The built-in with
//! the largest overlap with any one of them wins; ties go to the earlier built-in, and within
//! a built-in to the example questions before the title.

use super::builtin;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Words that say nothing about which question it is ("tell me about a time you ...").
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "all",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "but",
    "by",
    "can",
    "could",
    "describe",
    "did",
    "do",
    "does",
    "example",
    "for",
    "from",
    "give",
    "had",
    "has",
    "have",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "me",
    "most",
    "my",
    "not",
    "of",
    "on",
    "one",
    "or",
    "our",
    "over",
    "share",
    "so",
    "some",
    "someone",
    "something",
    "tell",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "they",
    "this",
    "time",
    "to",
    "up",
    "us",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "situation",
    "walk",
    "through",
    "talk",
    "recent",
    "ever",
    "got",
    "get",
    "went",
    "done",
];

/// The built-in a question matched, and the evidence for the choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub rubric: &'static str,
    /// How many content words the question shares with the best example.
    pub overlap: usize,
    /// The example question (or title) it matched best.
    pub example: String,
    pub shared: Vec<String>,
}

impl Pick {
    /// One line for the report: why this rubric (the reader knows their own question).
    pub fn reason(&self) -> String {
        format!(
            "question matches \"{}\" (shared words: {})",
            shorten(&self.example),
            self.shared.join(", ")
        )
    }
}

/// The built-in whose examples best match `question`, or `None` when no content word is shared.
pub fn by_question(question: &str) -> Option<Pick> {
    let words = content_words(question);
    let mut best: Option<Pick> = None;
    for (rubric, examples) in examples() {
        for (example, example_words) in examples {
            let shared: Vec<String> = words
                .iter()
                .filter(|(stem, _)| example_words.contains_key(*stem))
                .map(|(_, word)| word.clone())
                .collect();
            if shared.is_empty() || best.as_ref().is_some_and(|b| b.overlap >= shared.len()) {
                continue;
            }
            best = Some(Pick {
                rubric,
                overlap: shared.len(),
                example: example.clone(),
                shared,
            });
        }
    }
    best
}

type Examples = Vec<(&'static str, Vec<(String, BTreeMap<String, String>)>)>;

/// Each built-in's title and example questions with their content words, parsed once.
fn examples() -> &'static Examples {
    static EXAMPLES: OnceLock<Examples> = OnceLock::new();
    EXAMPLES.get_or_init(|| {
        builtin::specs()
            .iter()
            .map(|(name, spec)| {
                let texts = spec.questions.iter().chain(std::iter::once(&spec.title));
                let pairs = texts
                    .map(|text| (text.clone(), content_words(text)))
                    .collect();
                (*name, pairs)
            })
            .collect()
    })
}

/// Words that are not stop words, keyed by their stem (the first spelling seen is kept).
pub fn content_words(text: &str) -> BTreeMap<String, String> {
    let mut words = BTreeMap::new();
    let tokens = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\'').to_lowercase())
        .map(|w| w.strip_suffix("'s").map_or(w.clone(), str::to_string))
        .filter(|w| w.chars().count() > 1 && !STOP_WORDS.contains(&w.as_str()));
    for word in tokens {
        words.entry(stem(&word)).or_insert(word);
    }
    words
}

/// Folds common English endings so "disagreed", "disagreement" and "disagree" meet.
fn stem(word: &str) -> String {
    const ENDINGS: &[(&str, &str)] = &[
        ("ments", ""),
        ("ment", ""),
        ("ities", ""),
        ("ity", ""),
        ("ies", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ];
    let mut stemmed = word.to_string();
    let mut e_dropped = false;
    for (ending, replacement) in ENDINGS {
        if let Some(root) = word.strip_suffix(ending)
            && root.chars().count() >= 4
            && !word.ends_with("ss")
        {
            stemmed = format!("{root}{replacement}");
            e_dropped = matches!(*ending, "ed" | "es");
            break;
        }
    }
    // "agree"/"agreed" and "outage"/"outages" differ only by a final e once the ending is gone.
    if !e_dropped
        && stemmed.chars().count() > 4
        && let Some(root) = stemmed.strip_suffix('e')
    {
        stemmed = root.to_string();
    }
    stemmed
}

fn shorten(text: &str) -> String {
    const MAX: usize = 70;
    let text = text.trim();
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let cut: String = text.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stemming_meets_word_forms() {
        assert_eq!(stem("disagreed"), stem("disagree"));
        assert_eq!(stem("disagreements"), "disagre");
        assert_eq!(stem("outages"), stem("outage"));
        assert_eq!(stem("process"), "process");
    }

    #[test]
    fn stop_words_are_dropped() {
        let words = content_words("Tell me about a time you had a conflict with a coworker.");
        assert_eq!(
            words.into_values().collect::<Vec<_>>(),
            ["conflict", "coworker"]
        );
    }

    #[test]
    fn a_question_with_no_content_words_picks_nothing() {
        assert_eq!(by_question("Tell me about a time when you did it?"), None);
    }
}
