//! `terms:` checks: phrases matched by the words' stems, so a rubric names "add alert" once and
//! meets "added alerts", "adding new alerting" and "add a regression alert".
//!
//! Why: a regular expression must spell every form of every word, and real answers use the
//! forms nobody spelled ("alerts" where the rubric said `alert\b`). A phrase of stems reads
//! the words instead: each word of a term matches any word with the same English stem, the
//! words come in order within one clause, a few other words may stand between them ("added
//! two new alerts"), and a match with a negation just before it does not count ("we never
//! added alerts"). `add/build alert/test` stands for every pairing of its choices, and a
//! choice may be hyphenated words (`on-call/commander`).

use crate::answer::lemma;
use crate::signals::text::negated_before;
use std::collections::HashMap;

/// Other words allowed between two words of a term: "add alert" meets "added two new alerts".
const MAX_GAP: usize = 3;
/// Words in one term; a longer phrase is a sentence, not a term.
pub const MAX_TERM_WORDS: usize = 6;

/// Compiled terms: each term as the stems of its words, and which terms may start at a word
/// with a given key (most words start none, and cost one lookup).
#[derive(Debug, Clone)]
pub struct Terms {
    terms: Vec<Term>,
    by_first: HashMap<String, Vec<usize>>,
}

/// A sentence read once for every `terms:` check: its words with their keys.
#[derive(Debug, Clone)]
pub struct Tokens(Vec<Word>);

impl Tokens {
    pub fn of(text: &str) -> Tokens {
        Tokens(words(text))
    }
}

#[derive(Debug, Clone)]
struct Term {
    /// One entry per word of the term: the choices that may stand there, each one or more
    /// words ("on-call/commander" is `on call` or `commander`).
    slots: Vec<Vec<Vec<String>>>,
    /// A term that itself starts with a negation ("no blame") is not cancelled by one.
    negative: bool,
}

/// One word of a sentence: where it is, its stem and the clause it sits in.
#[derive(Debug, Clone)]
struct Word {
    start: usize,
    end: usize,
    stem: String,
    clause: usize,
}

impl Terms {
    /// Compiles `terms`; the error names the first term that has no words or too many.
    pub fn new(terms: &[String]) -> Result<Terms, String> {
        if terms.is_empty() {
            return Err("terms must be a non-empty list of words or phrases".into());
        }
        let mut compiled = Vec::with_capacity(terms.len());
        for term in terms {
            let shown = term.trim();
            let slots: Vec<Vec<Vec<String>>> = shown
                .split_whitespace()
                .map(|slot| {
                    slot.split('/')
                        .map(|choice| words(choice).into_iter().map(|w| w.stem).collect())
                        .filter(|choice: &Vec<String>| !choice.is_empty())
                        .collect()
                })
                .filter(|choices: &Vec<Vec<String>>| !choices.is_empty())
                .collect();
            if slots.is_empty() {
                return Err(format!("term `{shown}` has no words"));
            }
            if slots.len() > MAX_TERM_WORDS {
                return Err(format!(
                    "term `{shown}` has more than {MAX_TERM_WORDS} words"
                ));
            }
            compiled.push(Term {
                slots,
                negative: negated_before(shown, shown.len()),
            });
        }
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, term) in compiled.iter().enumerate() {
            for choice in &term.slots[0] {
                let list = by_first.entry(choice[0].clone()).or_default();
                if !list.contains(&index) {
                    list.push(index);
                }
            }
        }
        Ok(Terms {
            terms: compiled,
            by_first,
        })
    }

    /// Byte spans of the terms found in `text`, left to right, none overlapping.
    pub fn find(&self, text: &str) -> Vec<(usize, usize)> {
        self.find_in(text, &Tokens::of(text))
    }

    /// [`Terms::find`] over the words of `text` already read.
    pub fn find_in(&self, text: &str, tokens: &Tokens) -> Vec<(usize, usize)> {
        let words = &tokens.0;
        let mut found = Vec::new();
        let mut free_from = 0;
        for first in 0..words.len() {
            if first < free_from {
                continue;
            }
            let Some(candidates) = self.by_first.get(&words[first].stem) else {
                continue;
            };
            let starting = || candidates.iter().map(|&i| &self.terms[i]);
            let longest = starting()
                .filter_map(|term| term.match_at(words, first))
                .max();
            let Some(last) = longest else { continue };
            let (start, end) = (words[first].start, words[last].end);
            let negative = starting().any(|t| t.negative && t.match_at(words, first).is_some());
            if !negative && negated_before(text, start) {
                continue;
            }
            found.push((start, end));
            free_from = last + 1;
        }
        found
    }
}

impl Term {
    /// The index of the last word when this term starts at `first`, its words in order in
    /// one clause with at most [`MAX_GAP`] others between each.
    fn match_at(&self, words: &[Word], first: usize) -> Option<usize> {
        let (head, rest) = self.slots.split_first()?;
        let clause = words[first].clause;
        let mut at = head
            .iter()
            .filter_map(|choice| choice_at(choice, words, first, clause))
            .max()?;
        for choices in rest {
            let reach = (at + 1 + MAX_GAP).min(words.len().saturating_sub(1));
            at = (at + 1..=reach)
                .take_while(|&i| words[i].clause == clause)
                .find_map(|i| {
                    choices
                        .iter()
                        .filter_map(|choice| choice_at(choice, words, i, clause))
                        .max()
                })?;
        }
        Some(at)
    }
}

/// The index of the last word when one choice's words stand next to each other from `at`,
/// all in `clause`.
fn choice_at(choice: &[String], words: &[Word], at: usize, clause: usize) -> Option<usize> {
    let span = words.get(at..at + choice.len())?;
    let fits = span
        .iter()
        .zip(choice)
        .all(|(word, stem)| word.stem == *stem && word.clause == clause);
    fits.then(|| at + choice.len() - 1)
}

/// The words of `text` with their stems: letters, digits and apostrophes; a hyphen splits a
/// word ("post-mortem" is "post mortem"), so does a contraction's ending ("I'd" is "I 'd"),
/// and commas, colons, semicolons, brackets and dashes end a clause.
fn words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut clause = 0;
    let mut start = None;
    let push = |from: usize, to: usize, clause: usize, words: &mut Vec<Word>| {
        let word = &text[from..to];
        let ending = word.rfind(['\'', '’']).filter(|&at| {
            let after = word[at..].trim_start_matches(['\'', '’']).to_lowercase();
            at > 0 && matches!(after.as_str(), "d" | "ve" | "ll" | "m" | "re" | "s")
        });
        let parts = match ending {
            Some(at) => vec![(from, from + at), (from + at, to)],
            None => vec![(from, to)],
        };
        for (start, end) in parts {
            let lower = text[start..end].to_lowercase().replace('’', "'");
            words.push(Word {
                start,
                end,
                stem: lemma::key(&lower),
                clause,
            });
        }
    };
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || (matches!(c, '\'' | '’') && start.is_some());
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                push(from, i, clause, &mut words);
                start = None;
            }
            _ => {}
        }
        if matches!(c, ',' | ';' | ':' | '(' | ')' | '—' | '–' | '.' | '!' | '?') {
            clause += 1;
        }
    }
    if let Some(from) = start {
        push(from, text.len(), clause, &mut words);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(list: &[&str]) -> Terms {
        Terms::new(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    fn found<'a>(terms: &Terms, text: &'a str) -> Vec<&'a str> {
        terms
            .find(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn every_form_of_each_word_meets() {
        let t = terms(&["add alert", "root cause"]);
        assert_eq!(
            found(&t, "I added alerts on inactive slots."),
            ["added alerts"]
        );
        assert_eq!(
            found(&t, "Adding new alerting rules"),
            ["Adding new alerting"]
        );
        assert_eq!(found(&t, "We found the root causes."), ["root causes"]);
    }

    #[test]
    fn words_come_in_order_within_one_clause_and_a_short_reach() {
        let t = terms(&["add alert"]);
        assert!(found(&t, "The alert was added later.").is_empty(), "order");
        assert!(
            found(&t, "I added a step, and the alert fired.").is_empty(),
            "clause"
        );
        assert!(
            found(&t, "I added one more very small thing to the alert").is_empty(),
            "too far apart"
        );
        assert_eq!(
            found(&t, "I added two new alerts"),
            ["added two new alerts"]
        );
    }

    #[test]
    fn a_negation_before_the_term_cancels_it_unless_the_term_is_negative() {
        let t = terms(&["add alert", "no blame"]);
        assert!(found(&t, "We never added alerts for it.").is_empty());
        assert!(found(&t, "We did not add any alerts.").is_empty());
        assert_eq!(found(&t, "It was a no blame review."), ["no blame"]);
    }

    #[test]
    fn hyphens_split_words_and_apostrophes_stay_inside() {
        let t = terms(&["post mortem", "on-call", "couldn't"]);
        assert_eq!(found(&t, "I wrote the post-mortem."), ["post-mortem"]);
        assert_eq!(found(&t, "As the on call engineer"), ["on call"]);
        assert_eq!(found(&t, "I couldn’t reach it"), ["couldn’t"]);
        let t = terms(&["I underestimate", "we"]);
        assert_eq!(found(&t, "I’d underestimated it"), ["I’d underestimated"]);
        assert_eq!(found(&t, "WE’D go"), ["WE"]);
        for odd in ["we’d’ve", "’’we", "İ’d we", "we’", "’d"] {
            let _ = found(&t, odd); // slices only on character boundaries
        }
    }

    #[test]
    fn the_longest_term_at_a_word_wins_and_matches_do_not_overlap() {
        let t = terms(&["root", "root cause"]);
        assert_eq!(found(&t, "The root cause was a lock."), ["root cause"]);
        assert_eq!(found(&t, "root and root"), ["root", "root"]);
    }

    #[test]
    fn alternatives_stand_for_every_pairing() {
        let t = terms(&["add/build alert/test"]);
        assert_eq!(found(&t, "we built tests"), ["built tests"]);
        assert_eq!(found(&t, "I added an alert"), ["added an alert"]);
        assert!(found(&t, "I built a dashboard").is_empty());
        let t = terms(&["I on-call/commander", "set-up/add alert"]);
        assert_eq!(found(&t, "I was the on-call"), ["I was the on-call"]);
        assert_eq!(found(&t, "I was the commander"), ["I was the commander"]);
        assert_eq!(found(&t, "we set up alerts"), ["set up alerts"]);
    }

    #[test]
    fn empty_and_overlong_terms_are_refused() {
        assert!(Terms::new(&[]).is_err());
        assert!(Terms::new(&["  ".to_string()]).is_err());
        assert!(Terms::new(&["a b c d e f g".to_string()]).is_err());
    }
}
