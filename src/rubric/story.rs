//! Picking a built-in rubric from the story itself, when the answer states no question.
//!
//! An outage told start to finish is an incident answer whatever it was asked for, and a
//! disagreement is a conflict answer. Each built-in lists the words its kind of story uses
//! (`story-words:`); the answer's prose (not term lists) is read once, stemmed as questions are,
//! and the built-in whose words the story uses most wins when it leads clearly. A story that
//! leads nowhere keeps the default.

use super::builtin;
use super::select::content_words;
use crate::answer::Answer;
use crate::signals::buzzwords::is_real_prose;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// A story needs this many uses of its kind's words (a word counted at most twice) to pick.
const MIN_USES: usize = 3;

/// The built-in a story reads as, and the words that said so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryPick {
    pub rubric: &'static str,
    /// The kind's words as the answer spells them, with the line of their first use.
    pub words: Vec<(String, usize)>,
}

impl StoryPick {
    /// One line for the report: which words made the choice, and where. `asked` says whether
    /// the answer stated a question (that matched no built-in).
    pub fn reason(&self, asked: bool) -> String {
        let words: Vec<String> = self
            .words
            .iter()
            .take(4)
            .map(|(word, line)| format!("\"{word}\" line {line}"))
            .collect();
        format!(
            "{}; the story reads as {}: {}",
            if asked {
                "the question matched no built-in's example questions"
            } else {
                "no question stated"
            },
            self.rubric,
            words.join(", ")
        )
    }
}

/// The built-in whose story words the answer uses most, when one leads the rest by a clear
/// margin (more uses than the runner-up, and at least [`MIN_USES`]).
pub fn by_story(answer: &Answer) -> Option<StoryPick> {
    let kinds = kinds();
    // Per built-in: stem -> (uses, spelling, first line).
    let mut found: Vec<BTreeMap<String, (usize, String, usize)>> =
        vec![BTreeMap::new(); kinds.len()];
    for sentence in answer.sentences.iter().filter(|s| is_real_prose(s)) {
        for (stem, word) in content_words(&sentence.text) {
            for ((_, stems), found) in kinds.iter().zip(found.iter_mut()) {
                if stems.contains(&stem) {
                    let entry =
                        found
                            .entry(stem.clone())
                            .or_insert((0, word.clone(), sentence.line));
                    entry.0 += 1;
                }
            }
        }
    }
    let uses = |found: &BTreeMap<String, (usize, String, usize)>| -> usize {
        found.values().map(|(n, _, _)| (*n).min(2)).sum()
    };
    let mut ranked: Vec<(usize, usize)> = found
        .iter()
        .enumerate()
        .map(|(i, f)| (uses(f), i))
        .collect();
    // Most uses first; ties keep the built-ins' order.
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let (best, index) = ranked[0];
    let runner_up = ranked.get(1).map_or(0, |r| r.0);
    if best < MIN_USES || best <= runner_up {
        return None;
    }
    let mut words: Vec<(String, usize)> = found[index]
        .values()
        .map(|(_, word, line)| (word.clone(), *line))
        .collect();
    words.sort_by_key(|(_, line)| *line);
    Some(StoryPick {
        rubric: kinds[index].0,
        words,
    })
}

/// Each built-in that lists story words, with their stems, parsed once.
fn kinds() -> &'static Vec<(&'static str, BTreeSet<String>)> {
    static KINDS: OnceLock<Vec<(&'static str, BTreeSet<String>)>> = OnceLock::new();
    KINDS.get_or_init(|| {
        builtin::specs()
            .iter()
            .filter_map(|(name, spec)| {
                let stems: BTreeSet<String> = spec
                    .story_words
                    .iter()
                    .flat_map(|w| content_words(w).into_keys())
                    .collect();
                (!stems.is_empty()).then_some((*name, stems))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::parse;

    #[test]
    fn an_outage_story_reads_as_incident_response() {
        let answer = parse(
            "At 2 a.m. I was paged: checkout was down for every customer. I declared an \
             incident, rolled back the deploy and wrote the postmortem. The outage lasted 40 minutes.",
        );
        let pick = by_story(&answer).expect("a pick");
        assert_eq!(pick.rubric, "incident-response");
        let reason = pick.reason(false);
        assert!(reason.starts_with("no question stated"), "{reason}");
        assert!(reason.contains("\"paged\" line 1"), "{reason}");
    }

    #[test]
    fn a_disagreement_reads_as_conflict() {
        let answer = parse(
            "My tech lead and I disagreed about the schema. He pushed back on my design and the \
             conflict dragged on for a week. I listened to his concerns and we met halfway.",
        );
        assert_eq!(by_story(&answer).map(|p| p.rubric), Some("conflict"));
    }

    #[test]
    fn a_story_that_leads_nowhere_picks_nothing() {
        let answer = parse("I wrote a script. It saved time. Everyone liked it.");
        assert_eq!(by_story(&answer), None);
    }
}
