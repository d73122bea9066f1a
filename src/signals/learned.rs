//! A second reading of four signals, learned from the lines people marked in real answers.
//!
//! The rule detectors know the phrasings someone wrote down; writers they have not met tell
//! the same things in other words ("looped in the PMs", "kept the channel posted", "the
//! hybrid gave us both"). This is a logistic regression per signal over the sentence features
//! the role model reads (stems, word pairs, openings, place) and the part of the story the
//! sentence sits in, trained on the `dev` answers' marked lines (`cargo run --release
//! --example train_signals`; weights in `signals.model`). It speaks only where the rules found
//! nothing, only when it is sure, and only about told sentences: a line of terms earns nothing
//! here either. Its evidence is the sentence's line and the words that weighed most.

use super::buzzwords::is_told;
use super::{Evidence, SignalId};
use crate::answer::roles::{self, Place, Word};
use crate::answer::{Answer, Sentence};
use crate::linear::{Model, key};
use std::sync::OnceLock;

/// How many signals the model reads.
pub const N: usize = 4;

/// The signals the model reads, in the order of its outputs: those where, read on the `dev`
/// answers of writers it was not trained on, it found what the rules missed without costing
/// more than it found (`train_signals -- --cross-validate`, docs/accuracy.md). Elsewhere the
/// rules hold: for slo and guardrails the model found nothing the rules had not, and
/// before→after is read by the structure of a pair of figures (words alone take a latency
/// that rose for a change the speaker made).
pub const SIGNALS: [SignalId; N] = [
    SignalId::Incident,
    SignalId::Stakeholders,
    SignalId::Tradeoff,
    SignalId::Learning,
];

/// How sure the model must be before a sentence counts, per signal: more likely than not, and
/// surer for a lesson, where the rules already find most.
pub const THRESHOLDS: [f32; N] = [0.5, 0.5, 0.5, 0.7];

/// How many words either side of the weightiest one the evidence shows.
const EVIDENCE_REACH: usize = 3;

/// A sentence's features by name (for training): the role model's, and the part of the story
/// it sits in.
pub fn features(sentence: &Sentence, place: Place) -> Vec<String> {
    let mut features = roles::features(&sentence.text, place);
    if let Some(section) = sentence.sections.first() {
        features.push(format!("sec:{}", section.as_str()));
    }
    features
}

/// The keys of [`features`] for a sentence whose words are read already.
fn feature_keys(sentence: &Sentence, words: &[Word], place: Place) -> Vec<u64> {
    let mut keys = roles::feature_keys(words, place);
    if let Some(section) = sentence.sections.first() {
        keys.push(key(&["sec:", section.as_str()]));
    }
    keys
}

/// Where each told sentence sits among the answer's spoken ones, as the models read it.
pub fn told_sentences(answer: &Answer) -> Vec<(&Sentence, Place)> {
    let spoken: Vec<&Sentence> = answer.sentences.iter().filter(|s| s.is_spoken()).collect();
    let count = spoken.len();
    spoken
        .into_iter()
        .enumerate()
        .filter(|(_, s)| is_told(s))
        .map(|(index, s)| {
            (
                s,
                Place {
                    index,
                    count,
                    opening: s.opening,
                },
            )
        })
        .collect()
}

/// For each of [`SIGNALS`], the told sentences the model is sure of, as evidence.
/// `wanted` says which signals to read at all (those the rules left empty).
pub fn detect(answer: &Answer, wanted: [bool; N]) -> [Vec<Evidence>; N] {
    let mut found: [Vec<Evidence>; N] = Default::default();
    if !wanted.contains(&true) {
        return found;
    }
    let model = model();
    // A sentence with a placeholder's hole in it is not read: around the hole its words can
    // still read like a finding ("fell from XX to 9 minutes"), and what a placeholder stands
    // for earns nothing.
    let holed = |sentence: &Sentence| {
        answer
            .placeholders
            .iter()
            .any(|p| (sentence.line..=sentence.last_line()).contains(&p.line))
    };
    for (sentence, place) in told_sentences(answer) {
        if holed(sentence) {
            continue;
        }
        let words = sentence.words();
        let probs = model.probs(&feature_keys(sentence, words, place));
        for (k, found) in found.iter_mut().enumerate() {
            if wanted[k] && probs[k] > THRESHOLDS[k] {
                found.push(evidence(sentence, words, k, model));
            }
        }
    }
    found
}

/// The sentence's words around the one that weighed most for output `k`.
fn evidence(sentence: &Sentence, words: &[Word], k: usize, model: &Model<N>) -> Evidence {
    let weight = |parts: &[&str]| model.weight(key(parts)).map_or(0.0, |w| w[k]);
    let best = (0..words.len())
        .map(|i| {
            let token = words[i].token.as_str();
            let mut score = weight(&["w:", token]);
            if i > 0 {
                score += weight(&["b:", &words[i - 1].token, "_", token]) / 2.0;
            }
            if i + 1 < words.len() {
                score += weight(&["b:", token, "_", &words[i + 1].token]) / 2.0;
            }
            (i, score)
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i);
    match best {
        Some(i) => {
            let from = &words[i.saturating_sub(EVIDENCE_REACH)];
            let to = &words[(i + EVIDENCE_REACH).min(words.len() - 1)];
            Evidence::from_span(sentence, from.start, to.end)
        }
        None => Evidence::sentence(sentence),
    }
}

/// The committed model, parsed on first use.
fn model() -> &'static Model<N> {
    static MODEL: OnceLock<Model<N>> = OnceLock::new();
    MODEL.get_or_init(|| Model::parse(include_str!("signals.model")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::parse;

    fn found(text: &str) -> [Vec<Evidence>; N] {
        detect(&parse(text), [true; N])
    }

    #[test]
    fn the_committed_model_loads_whole() {
        crate::linear::assert_loaded_whole(model(), include_str!("signals.model"), 500);
    }

    #[test]
    fn an_outage_told_in_plain_words_is_found_on_its_line_with_its_words() {
        let [incident, ..] = found(
            "We were two weeks from launch.\n\
             The payment service went down for 40 minutes on Black Friday and I led the response \
             until it came back.\n",
        );
        assert_eq!(incident.len(), 1, "{incident:?}");
        assert_eq!(incident[0].line, 2);
        // The evidence is the words that weighed most: the outage's, not the launch's.
        let text = &incident[0].text;
        assert!(
            text.contains("went down") || text.contains("came back"),
            "{incident:?}"
        );
    }

    #[test]
    fn only_told_sentences_are_read() {
        let told = "The payment service went down for 40 minutes and I led the response.";
        assert!(!found(&format!("{told}\n"))[0].is_empty());
        // The same words as a heading, and strung into a line of terms, are not said aloud.
        assert!(found(&format!("## {told}\n\nIt was a long week.\n"))[0].is_empty());
        let stuffed = "Outage, service went down, downtime, SEV1, incident response, \
                       postmortem, rollback, on-call, pager, MTTR.";
        assert!(found(&format!("{stuffed}\n"))[0].is_empty());
    }

    #[test]
    fn a_sentence_with_a_placeholder_is_not_read() {
        let learning = SIGNALS
            .iter()
            .position(|s| *s == SignalId::Learning)
            .unwrap();
        let whole = "What I learned is that I should ask for help sooner.\n";
        assert!(!found(whole)[learning].is_empty());
        // Without the hole's words the rest still reads as a lesson to the model.
        let holed = "What I learned is that [insert lesson here].\n";
        assert!(found(holed)[learning].is_empty());
    }

    #[test]
    fn a_signal_the_rules_found_is_not_read_again() {
        let text = "The payment service went down for 40 minutes and I led the response.\n";
        assert!(!found(text)[0].is_empty());
        let mut wanted = [true; N];
        wanted[0] = false;
        assert!(detect(&parse(text), wanted)[0].is_empty());
    }
}
