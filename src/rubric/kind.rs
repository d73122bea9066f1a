//! Which built-in rubric an answer calls for, read from its question and its story.
//!
//! Askers word the same question many ways ("a time you disagreed with a teammate", "a clash
//! over a design"), and a generic question ("what happened on your last project?") leaves the
//! kind to the story. Overlap with a handful of example questions met the kind people gave
//! real answers in 55% of cases and tied often; this is a softmax regression over the question's words, the
//! story's words and how much the story uses each built-in's `story-words:`, trained on the
//! `dev` answers of the real-answer corpus and on every built-in's example `questions:`
//! (`cargo run --release --example train_kinds`; weights in `kinds.model`).
//!
//! Words are read by their stems (stop words aside) and count once each, from told sentences
//! only: a pasted list of terms does not pick a rubric. The pick names the words that weighed
//! most for it, with their lines.

use super::builtin;
use crate::answer::Answer;
use crate::answer::roles::{content_words, told_content};
use crate::linear::{Model, key};
use crate::signals::buzzwords::is_told;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// How many outputs the model has: one per built-in, in [`kinds`] order.
pub const KIND_COUNT: usize = 7;

/// The model's outputs, in order: the built-ins as [`builtin::names`] lists them.
pub fn kinds() -> &'static [&'static str] {
    static KINDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    KINDS.get_or_init(|| builtin::names().collect())
}

/// A story's uses of a kind's words count as at least each of these: a story with four uses
/// has the features of one, two and four, so what is learned from many uses holds for more.
const LEXICON_STEPS: [usize; 4] = [1, 2, 4, 8];

/// How sure a reading of the question alone must be to decide without the story: the share
/// of `dev` picks that met the collectors' kind was highest here, cross-validated by writer.
const QUESTION_ALONE: f32 = 0.3;

/// How many of the words that weighed most the reason names.
const SHOWN: usize = 4;

/// Where a feature's word was read: the question, or a line of the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum From {
    Question,
    Line(usize),
    Lexicon,
}

/// What an answer says it answers, read beside its story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked<'a> {
    /// The question (front matter, or a title that asks one).
    Question(&'a str),
    /// A title that names the story ("Conflict with a product manager"): askers and writers
    /// name a story's kind in the same words.
    Title(&'a str),
}

impl<'a> Asked<'a> {
    fn text(self) -> &'a str {
        match self {
            Asked::Question(text) | Asked::Title(text) => text,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Asked::Question(_) => "question",
            Asked::Title(_) => "title",
        }
    }
}

/// The built-in an answer reads as, and the words that said so.
#[derive(Debug, Clone, PartialEq)]
pub struct KindPick {
    pub rubric: &'static str,
    pub probability: f32,
    /// What was read: "question", "title" or nothing, and whether the story was read too.
    pub asked: Option<&'static str>,
    pub story_read: bool,
    /// The words that weighed most for the pick, as the answer spells them, with the line of
    /// their first use in the story (`None`: the question or title).
    pub words: Vec<(String, Option<usize>)>,
}

impl KindPick {
    /// One line for the report: what was read, as what, and the words that weighed most.
    pub fn reason(&self) -> String {
        let words: Vec<String> = self
            .words
            .iter()
            .map(|(word, line)| match (line, self.asked) {
                (Some(line), _) => format!("\"{word}\" line {line}"),
                (None, asked) => format!("\"{word}\" ({})", asked.unwrap_or("question")),
            })
            .collect();
        let read = match (self.asked, self.story_read) {
            (Some(asked), true) => format!("the {asked} and story read as"),
            (Some(asked), false) => format!("the {asked} reads as"),
            (None, _) => "no question stated; the story reads as".to_string(),
        };
        let mut reason = format!(
            "{read} {} (p {:.2})",
            self.rubric,
            f64::from(self.probability)
        );
        if !words.is_empty() {
            reason.push_str(": ");
            reason.push_str(&words.join(", "));
        }
        reason
    }
}

/// The built-in `answer` calls for; `None` when there is nothing to read (nothing asked and no
/// told word). A question that says its kind plainly decides alone ("a time you disagreed
/// with your manager" is a conflict question whatever the story dwells on); otherwise the
/// question or title is read with the story.
pub fn pick(asked: Option<Asked<'_>>, answer: &Answer) -> Option<KindPick> {
    pick_with(model(), asked, answer)
}

/// [`pick`] by the given weights (training measures a model it has not committed yet).
pub fn pick_with(
    model: &Model<KIND_COUNT>,
    asked: Option<Asked<'_>>,
    answer: &Answer,
) -> Option<KindPick> {
    if let Some(Asked::Question(question)) = asked
        && let Some(alone) = read(model, asked, question, None)
        && alone.probability >= QUESTION_ALONE
    {
        return Some(alone);
    }
    read(model, asked, asked.map_or("", Asked::text), Some(answer))
}

/// The model's reading of `asked` (whose text is `question`) and of the story, if given.
fn read<'a>(
    model: &Model<KIND_COUNT>,
    asked: Option<Asked<'_>>,
    question: &'a str,
    story: Option<&'a Answer>,
) -> Option<KindPick> {
    let mut cues: HashMap<u64, (&'a str, From)> = HashMap::new();
    each_feature(Some(question), story, &mut |parts, spelled, from| {
        cues.entry(key(parts)).or_insert((spelled, from));
    });
    if !cues.values().any(|(_, from)| *from != From::Lexicon) {
        return None;
    }
    let keys: Vec<u64> = cues.keys().copied().collect();
    let probs = model.log_probs(&keys).map(f32::exp);
    let best = (0..KIND_COUNT).max_by(|a, b| probs[*a].total_cmp(&probs[*b]))?;
    // A word's pull toward the pick: its weight there against its mean weight elsewhere.
    let pull = |weights: &[f32; KIND_COUNT]| {
        let others = (weights.iter().sum::<f32>() - weights[best]) / (KIND_COUNT - 1) as f32;
        weights[best] - others
    };
    let mut weighed: Vec<(f32, &str, From)> = cues
        .iter()
        .filter(|(_, (_, from))| *from != From::Lexicon)
        .filter_map(|(key, (spelled, from))| {
            let pull = pull(model.weight(*key)?);
            (pull > 0.0).then_some((pull, *spelled, *from))
        })
        .collect();
    weighed.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    Some(KindPick {
        rubric: kinds()[best],
        probability: probs[best],
        asked: asked.map(Asked::name),
        story_read: story.is_some(),
        words: weighed
            .into_iter()
            .take(SHOWN)
            .map(|(_, spelled, from)| {
                let line = match from {
                    From::Line(line) => Some(line),
                    _ => None,
                };
                (spelled.to_string(), line)
            })
            .collect(),
    })
}

/// The features of an answer by name (for training), each once.
pub fn features(question: Option<&str>, answer: &Answer) -> Vec<String> {
    let mut names = BTreeSet::new();
    each_feature(question, Some(answer), &mut |parts, _, _| {
        names.insert(parts.concat());
    });
    names.into_iter().collect()
}

/// Gives each feature's name parts, its word as spelled and where it was read: the one
/// definition of the features, which training names and reading keys. The question's words
/// (`q:`), the told sentences' words (`s:`), and for each built-in how many uses of its
/// story words the story makes (`lex:KIND:N` for each of [`LEXICON_STEPS`] reached, a word counted at most twice).
fn each_feature<'a>(
    question: Option<&'a str>,
    story: Option<&'a Answer>,
    emit: &mut dyn FnMut(&[&str], &'a str, From),
) {
    if let Some(question) = question {
        for (word, spelled) in content_words(question) {
            emit(&["q:", &word.token], spelled, From::Question);
        }
    }
    let mut uses: HashMap<&str, usize> = HashMap::new();
    let told = story
        .into_iter()
        .flat_map(|a| &a.sentences)
        .filter(|s| is_told(s));
    for sentence in told {
        for (word, spelled) in told_content(sentence) {
            emit(
                &["s:", &word.token],
                spelled,
                From::Line(sentence.line_at(word.start)),
            );
            *uses.entry(&word.token).or_default() += 1;
        }
    }
    for (kind, stems) in lexicons() {
        let count: usize = stems
            .iter()
            .filter_map(|stem| uses.get(stem.as_str()))
            .map(|n| (*n).min(2))
            .sum();
        for step in LEXICON_STEPS.iter().filter(|step| count >= **step) {
            emit(&["lex:", kind, ":", &step.to_string()], kind, From::Lexicon);
        }
    }
}

/// Each built-in's `story-words:` as stems, read once.
fn lexicons() -> &'static [(&'static str, BTreeSet<String>)] {
    static LEXICONS: OnceLock<Vec<(&'static str, BTreeSet<String>)>> = OnceLock::new();
    LEXICONS.get_or_init(|| {
        builtin::specs()
            .iter()
            .map(|(name, spec)| {
                let stems = spec
                    .story_words
                    .iter()
                    .flat_map(|words| {
                        content_words(words)
                            .map(|(w, _)| w.token)
                            .collect::<Vec<_>>()
                    })
                    .collect();
                (*name, stems)
            })
            .collect()
    })
}

/// The committed model, parsed on first use.
fn model() -> &'static Model<KIND_COUNT> {
    static MODEL: OnceLock<Model<KIND_COUNT>> = OnceLock::new();
    MODEL.get_or_init(|| Model::parse(include_str!("kinds.model")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::parse;

    fn kind(question: Option<&str>, story: &str) -> &'static str {
        pick(question.map(Asked::Question), &parse(story))
            .expect("a pick")
            .rubric
    }

    #[test]
    fn the_model_has_one_output_per_built_in() {
        assert_eq!(kinds().len(), KIND_COUNT);
        let header = include_str!("kinds.model").lines().next().unwrap_or("");
        assert!(header.contains(&kinds().join(", ")), "{header}");
    }

    #[test]
    fn the_committed_model_loads_whole() {
        crate::linear::assert_loaded_whole(model(), include_str!("kinds.model"), 300);
    }

    #[test]
    fn questions_pick_their_kind_in_words_no_example_uses() {
        let story = "I wrote the plan and we shipped it in March.";
        for (question, want) in [
            (
                "Tell me about a time you disagreed with a teammate.",
                "conflict",
            ),
            ("Describe a time when you failed at something.", "failure"),
            (
                "Walk me through how you ran a sev-1 outage.",
                "incident-response",
            ),
            (
                "How did you get another team to adopt your idea?",
                "influence",
            ),
        ] {
            assert_eq!(kind(Some(question), story), want, "{question}");
        }
    }

    #[test]
    fn the_story_decides_when_the_question_does_not() {
        let outage = "At 2 a.m. I was paged: checkout was down for every customer. I declared an \
                      incident, rolled back the deploy and wrote the postmortem.";
        let clash = "My tech lead and I disagreed about the schema. He pushed back on my design \
                     and the argument dragged on for a week until we met halfway.";
        assert_eq!(
            kind(
                Some("Tell me about something that happened at work."),
                outage
            ),
            "incident-response"
        );
        assert_eq!(kind(None, outage), "incident-response");
        assert_eq!(kind(None, clash), "conflict");
    }

    #[test]
    fn the_reason_names_the_words_and_their_lines() {
        let answer = parse(
            "We were moving payments off the old queue.\n\nAt 2 a.m. I was paged: the outage \
             hit checkout, I rolled back and wrote the postmortem.",
        );
        let pick = pick(None, &answer).expect("a pick");
        assert_eq!(pick.rubric, "incident-response");
        let reason = pick.reason();
        assert!(
            reason.starts_with("no question stated; the story reads as incident-response (p 0."),
            "{reason}"
        );
        assert!(
            pick.words.iter().all(|(_, line)| line.is_some()),
            "{reason}"
        );
        assert!(reason.contains("line 3"), "{reason}");
    }

    #[test]
    fn a_list_of_terms_picks_nothing() {
        let answer = parse("Outage, incident, postmortem, paged, rollback, sev-1, on-call.");
        assert_eq!(pick(None, &answer), None);
    }
}
