//! A sentence's part in the story (situation, task, actions, results, reflection), read from
//! its words by a small learned model.
//!
//! The cue lists in `cues.rs` know the phrasings someone thought of; the model knows the words
//! that sentences under each STAR label actually use. It is a multinomial logistic regression
//! over stemmed words, word pairs, the opening words, the sentence's place in the answer and
//! how it sits in the layout (a paragraph's first sentence, the answer's last), trained on the sentences of labelled answers (a label says which part every sentence under
//! it belongs to, so labelled answers teach the model to read unlabelled ones). The weights
//! live in `roles.model`, written by `cargo run --release --example train_roles`.

use super::sentences::Opening;
use super::{SectionName, Sentence};
use crate::linear::{Model, key};
use crate::memo::{Memo, remembered};
use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// How many places in the answer the model tells apart (first fifth, second fifth, ...).
pub const PLACES: usize = 5;

/// Where a sentence sits in the answer being read.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// Its index among the answer's spoken sentences.
    pub index: usize,
    /// How many spoken sentences the answer has.
    pub count: usize,
    /// Whether it opens a paragraph, a line, or follows another on its line.
    pub opening: Opening,
}

/// A word of a sentence as the model reads it: where it is, and its token (the stem of the
/// lower-cased word, or `#` for anything holding a digit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub token: String,
}

/// The words of `text` in order, split at anything but letters, digits and apostrophes.
pub fn words(text: &str) -> Vec<Word> {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let mut words = Vec::new();
    let mut rest = text.char_indices().peekable();
    while let Some((start, c)) = rest.next() {
        if !is_word(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(at, c)) = rest.peek() {
            if !is_word(c) {
                break;
            }
            end = at + c.len_utf8();
            rest.next();
        }
        let raw = &text[start..end];
        let trimmed = raw.trim_start_matches(['\'', '’']);
        let start = start + (raw.len() - trimmed.len());
        let trimmed = trimmed.trim_end_matches(['\'', '’']);
        if trimmed.is_empty() {
            continue;
        }
        let end = start + trimmed.len();
        let lower = trimmed.to_lowercase();
        let token = if lower.chars().any(|c| c.is_ascii_digit()) {
            "#".to_string()
        } else {
            stem(&lower).into_owned()
        };
        words.push(Word { start, end, token });
    }
    words
}

/// The features of one sentence: stemmed words (`w:`), adjacent pairs (`b:`), the first one
/// and two words (`f:`, `f2:`), whether it holds a number (`num`), its place by fifths
/// (`pos:`), how it opens (`open:`), and whether it is the answer's `first` or `last`. A
/// paragraph's first sentence is where writers turn to a new part, and the last sentence is
/// where they land the outcome or the lesson; the words alone do not say so.
pub fn features(text: &str, place: Place) -> Vec<String> {
    let mut features = Vec::new();
    each_feature(&words(text), place, &mut |parts| {
        features.push(parts.concat())
    });
    features.sort_unstable();
    features.dedup();
    features
}

/// The [`key`]s of [`features`], with no feature name built: what reading a sentence needs.
pub fn feature_keys(words: &[Word], place: Place) -> Vec<u64> {
    let mut keys = Vec::with_capacity(words.len() * 2 + 8);
    each_feature(words, place, &mut |parts| keys.push(key(parts)));
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Gives the parts of each feature's name in turn: the one definition of the features, which
/// training names and reading keys.
fn each_feature(words: &[Word], place: Place, emit: &mut dyn FnMut(&[&str])) {
    for word in words {
        emit(&["w:", &word.token]);
    }
    for pair in words.windows(2) {
        emit(&["b:", &pair[0].token, "_", &pair[1].token]);
    }
    if let Some(first) = words.first() {
        emit(&["f:", &first.token]);
    }
    if let [first, second, ..] = words {
        emit(&["f2:", &first.token, "_", &second.token]);
    }
    if words.iter().any(|w| w.token == "#") {
        emit(&["num"]);
    }
    let fraction = place.index as f32 / place.count.max(1) as f32;
    let fifth = (fraction.clamp(0.0, 0.999) * PLACES as f32) as usize;
    emit(&["pos:", ["0", "1", "2", "3", "4"][fifth]]);
    emit(&[match place.opening {
        Opening::Block => "open:block",
        Opening::LineStart => "open:line",
        Opening::MidLine => "open:mid",
    }]);
    if place.index == 0 {
        emit(&["first"]);
    }
    if place.index + 1 == place.count {
        emit(&["last"]);
    }
}

/// Log-probabilities of each part for a sentence, in [`SectionName::ALL`] order.
pub fn role_log_probs(text: &str, place: Place) -> [f32; 5] {
    model().log_probs(&feature_keys(&words(text), place))
}

/// The committed model, parsed on first use.
fn model() -> &'static Model<5> {
    static MODEL: OnceLock<Model<5>> = OnceLock::new();
    MODEL.get_or_init(|| Model::parse(include_str!("roles.model")))
}

/// The English (Porter 2) stem of a lower-case word: "arguing" and "argued" both read "argu".
/// Detectors use it to ask for a class of verbs without spelling every form.
/// Stems are remembered per word: the learned readings stem every told sentence's words.
pub fn stem(word: &str) -> std::borrow::Cow<'_, str> {
    thread_local! {
        static STEMS: Memo<Box<str>> = Memo::default();
    }
    let stemmed = remembered(&STEMS, word, |word| stemmer().stem(word).into());
    std::borrow::Cow::Owned(stemmed.into())
}

/// The English stemmer, built once: the role model's features and the detectors' verb classes
/// read words by the same stems.
fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The part a sentence most likely plays, by the model alone (for tests and diagnostics).
pub fn likeliest(text: &str, place: Place) -> SectionName {
    let probs = role_log_probs(text, place);
    let best = (0..5)
        .max_by(|&a, &b| probs[a].total_cmp(&probs[b]))
        .unwrap_or(0);
    SectionName::ALL[best]
}

/// Words that say nothing about the story told ("tell me about a time you ..."): what kind it
/// is, or how well it is told.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "being",
    "but",
    "by",
    "can",
    "could",
    "describe",
    "did",
    "do",
    "does",
    "done",
    "each",
    "example",
    "for",
    "from",
    "get",
    "give",
    "got",
    "had",
    "has",
    "have",
    "he",
    "her",
    "him",
    "his",
    "how",
    "i",
    "i'm",
    "i've",
    "i'd",
    "if",
    "in",
    "into",
    "is",
    "it",
    "it's",
    "its",
    "just",
    "me",
    "more",
    "most",
    "my",
    "no",
    "not",
    "of",
    "on",
    "one",
    "or",
    "our",
    "out",
    "over",
    "really",
    "recent",
    "she",
    "share",
    "so",
    "some",
    "someone",
    "something",
    "situation",
    "talk",
    "tell",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "time",
    "to",
    "too",
    "up",
    "us",
    "very",
    "walk",
    "was",
    "we",
    "we're",
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
];

/// The words of `text` that can say something about the story, with their spelling: what the
/// rubric picker and the substance reading weigh.
pub fn content_words(text: &str) -> impl Iterator<Item = (Word, &str)> {
    words(text).into_iter().filter_map(move |word| {
        let spelled = &text[word.start..word.end];
        is_content(&word, spelled).then_some((word, spelled))
    })
}

/// [`content_words`] of a sentence, from the words it has split already, picked out once.
pub fn told_content(sentence: &Sentence) -> impl Iterator<Item = (&Word, &str)> {
    let words = sentence.words();
    let spelled = |word: &Word| &sentence.text[word.start..word.end];
    sentence
        .content_once(|| {
            (0u32..)
                .zip(words)
                .filter(|(_, word)| is_content(word, spelled(word)))
                .map(|(index, _)| index)
                .collect()
        })
        .iter()
        .map(move |&index| {
            let word = &words[index as usize];
            (word, spelled(word))
        })
}

/// Whether a word can say something about the story: not a figure, not one letter, not one of
/// [`STOP_WORDS`].
fn is_content(word: &Word, spelled: &str) -> bool {
    word.token != "#" && spelled.chars().count() > 1 && !is_stop_word(spelled)
}

thread_local! {
    static STOP: Memo<bool> = Memo::default();
}

/// Whether a word is one of [`STOP_WORDS`] in any case or apostrophe, worked out once per
/// spelling and thread: every told word of every answer asks.
fn is_stop_word(spelled: &str) -> bool {
    remembered(&STOP, spelled, |word| {
        STOP_WORDS.contains(&word.to_lowercase().replace('’', "'").as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentence `index` of a twenty-sentence answer, opening as given.
    fn at(index: usize, opening: Opening) -> Place {
        Place {
            index,
            count: 20,
            opening,
        }
    }

    #[test]
    fn features_read_stems_pairs_openings_and_place() {
        let features = features("I migrated 40 services.", at(10, Opening::MidLine));
        for expected in [
            "w:i",
            "w:migrat",
            "w:#",
            "b:i_migrat",
            "f:i",
            "f2:i_migrat",
            "num",
            "pos:2",
            "open:mid",
        ] {
            assert!(
                features.contains(&expected.to_string()),
                "{expected} in {features:?}"
            );
        }
        assert!(!features.iter().any(|f| f == "first" || f == "last"));
    }

    #[test]
    fn features_know_the_first_and_last_sentence_and_a_new_paragraph() {
        let first = features("We had a problem.", at(0, Opening::Block));
        assert!(first.contains(&"first".to_string()));
        assert!(first.contains(&"open:block".to_string()));
        let last = features("It worked.", at(19, Opening::LineStart));
        assert!(last.contains(&"last".to_string()));
        assert!(last.contains(&"open:line".to_string()));
        let only = features(
            "It worked.",
            Place {
                index: 0,
                count: 1,
                opening: Opening::Block,
            },
        );
        assert!(only.contains(&"first".to_string()) && only.contains(&"last".to_string()));
    }

    #[test]
    fn the_committed_model_loads_whole() {
        crate::linear::assert_loaded_whole(model(), include_str!("roles.model"), 500);
    }

    #[test]
    fn the_model_reads_the_usual_parts() {
        assert_eq!(
            likeliest(
                "Our checkout service was timing out during peak traffic.",
                at(0, Opening::Block)
            ),
            SectionName::Situation
        );
        assert_eq!(
            likeliest(
                "I wrote a script to shard the test suite and rolled it out.",
                at(10, Opening::MidLine)
            ),
            SectionName::Actions
        );
        assert_eq!(
            likeliest(
                "As a result, deploys dropped from 40 minutes to 12.",
                at(16, Opening::Block)
            ),
            SectionName::Results
        );
        assert_eq!(
            likeliest(
                "I learned that I should involve the other team earlier.",
                at(19, Opening::MidLine)
            ),
            SectionName::Reflection
        );
    }
}
