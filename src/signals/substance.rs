//! Substance: how a senior interviewer would likely grade an answer from the words it is told
//! in, learned from answers people graded.
//!
//! The checks each ask one question (is there a number, a trade-off, a lesson); an answer can
//! pass many of them in general terms ("a critical project", "great teamwork", "I was able to
//! help") and still sound rehearsed. On graded real answers the words a story uses rank it
//! about as well as every check together, and the two together rank better than either: told
//! stories name the system and the moves ("the connection pool", "paged", "rolled back",
//! "wrote the runbook", "by Friday"); rehearsed ones name qualities ("experience", "ability",
//! "teamwork"). This is an ordinal logistic regression (three outputs: graded at least mixed,
//! at least good, strong) over which content words the told sentences use, each once,
//! trained on the `dev` answers' grades (`cargo run --release --example train_substance`;
//! weights in `substance.model`). Only told sentences are read, so a pasted line of terms
//! earns nothing, and each word counts once however often it is repeated.

use super::Evidence;
use super::buzzwords::is_told;
use crate::answer::roles::told_content;
use crate::answer::{Answer, Sentence};
use crate::linear::{Model, key};
use std::collections::HashSet;
use std::sync::OnceLock;

/// The model's outputs: the chance the answer is graded at least mixed, good and strong.
pub const OUTPUTS: usize = 3;

/// The predicted grade a `substance: true` check gives nothing at, and full points at: about
/// the words of an answer graded weak and of one graded good.
pub const NONE_AT: f32 = 1.3;
pub const FULL_AT: f32 = 3.3;

/// How many sentences a reading names as the most and the least concrete.
const SHOWN: usize = 2;

/// What the words of an answer say about its grade.
#[derive(Debug, Clone)]
pub struct Reading<'a> {
    /// The grade (1 weak to 4 strong) the words predict: one plus the three chances.
    pub grade: f32,
    /// Each told sentence that brought a word, with the summed mean weight of the words it
    /// brought, the weightiest for the grade first (reading order among equals).
    weighed: Vec<(&'a Sentence, f32)>,
}

impl Reading<'_> {
    /// The told sentences whose words weighed most for the grade, best first.
    pub fn strongest(&self) -> Vec<Evidence> {
        let best = self.weighed.iter().filter(|(_, w)| *w > 0.0);
        best.take(SHOWN)
            .map(|(s, _)| Evidence::sentence(s))
            .collect()
    }

    /// The told sentences whose words weighed most against the grade, worst first (only those
    /// that weighed against).
    pub fn weakest(&self) -> Vec<Evidence> {
        let worst = self.weighed.iter().rev().filter(|(_, w)| *w < 0.0);
        worst
            .take(SHOWN)
            .map(|(s, _)| Evidence::sentence(s))
            .collect()
    }
}

/// The features of an answer by name (for training): each content word of a told sentence,
/// once.
pub fn features(answer: &Answer) -> Vec<String> {
    first_uses(answer)
        .map(|(_, token)| token.to_string())
        .collect()
}

/// Each content word of the told sentences where it is first used, with its sentence: the one
/// definition of what the model reads.
fn first_uses(answer: &Answer) -> impl Iterator<Item = (&Sentence, &str)> {
    let mut seen: HashSet<&str, foldhash::fast::RandomState> = HashSet::default();
    answer
        .sentences
        .iter()
        .filter(|s| is_told(s))
        .flat_map(|s| told_content(s).map(move |(word, _)| (s, &*word.token)))
        .filter(move |(_, token)| seen.insert(*token))
}

/// Reads an answer with the committed model.
pub fn read(answer: &Answer) -> Reading<'_> {
    read_with(model(), answer)
}

/// Reads an answer with `model`: the grade from every word once, and each sentence's weight
/// from the words it is the first to use, so the sentences add up to the reading.
pub fn read_with<'a>(model: &Model<OUTPUTS>, answer: &'a Answer) -> Reading<'a> {
    let mut keys = Vec::new();
    let mut weighed: Vec<(&Sentence, f32)> = Vec::new();
    for (sentence, token) in first_uses(answer) {
        let k = key(&[token]);
        keys.push(k);
        let weight = model
            .weight(k)
            .map_or(0.0, |w| w.iter().sum::<f32>() / OUTPUTS as f32);
        match weighed.last_mut() {
            Some(last) if std::ptr::eq(last.0, sentence) => last.1 += weight,
            _ => weighed.push((sentence, weight)),
        }
    }
    // A stable sort: equal weights keep reading order.
    weighed.sort_by(|a, b| b.1.total_cmp(&a.1));
    Reading {
        grade: 1.0 + model.probs(&keys).iter().sum::<f32>(),
        weighed,
    }
}

/// The committed model, parsed on first use.
fn model() -> &'static Model<OUTPUTS> {
    static MODEL: OnceLock<Model<OUTPUTS>> = OnceLock::new();
    MODEL.get_or_init(|| Model::parse(include_str!("substance.model")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::parse;

    #[test]
    fn the_committed_model_loads_whole() {
        crate::linear::assert_loaded_whole(model(), include_str!("substance.model"), 300);
    }

    #[test]
    fn a_told_story_reads_above_a_rehearsed_one() {
        let told = parse(
            "The payments database ran out of connections during the Friday deploy. \
             I was paged, rolled the release back within minutes and found the pool limit. \
             I wrote the runbook and added an alert on pool usage; we have not been paged since.\n",
        );
        let rehearsed = parse(
            "It was a challenging project that required a lot of teamwork. \
             I used my experience and my ability to help the team. \
             In the end I was able to handle everything and it went well.\n",
        );
        let (told, rehearsed) = (read(&told), read(&rehearsed));
        assert!(
            told.grade > rehearsed.grade + 0.5,
            "{} vs {}",
            told.grade,
            rehearsed.grade
        );
        assert!(!rehearsed.weakest().is_empty());
        assert!(!told.strongest().is_empty());
    }

    #[test]
    fn only_told_sentences_count_and_each_word_once() {
        let base = "It was a challenging project. I used my experience to help the team.\n";
        let stuffed = format!(
            "{base}Keywords: runbook, rollback, paged, postmortem, connection pool, canary.\n"
        );
        assert_eq!(read(&parse(base)).grade, read(&parse(&stuffed)).grade);
        let once = "I wrote the runbook. It was a challenging project.\n";
        let again = "I wrote the runbook. It was a challenging project. I wrote the runbook.\n";
        assert_eq!(read(&parse(once)).grade, read(&parse(again)).grade);
    }

    #[test]
    fn the_sentences_add_up_to_the_words_read() {
        let answer =
            parse("I wrote the runbook. It was a challenging project. I paged the team.\n");
        let words = features(&answer);
        assert_eq!(words.iter().collect::<HashSet<_>>().len(), words.len());
        assert!(words.contains(&"runbook".to_string()), "{words:?}");
    }
}
