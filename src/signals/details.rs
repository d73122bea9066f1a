//! Concrete details: the systems, people, places and dates a story names, and the figures it
//! gives. On answers graded by people, how concretely a story is told ranks it about as well as
//! every other signal together, and most of all for stories with no metrics to show (a failure,
//! a disagreement). A template answer ("a critical system", "a key stakeholder") names nothing.
//!
//! Read from language, not lists: a name is a capitalised word inside a sentence (not its first
//! word, not "I"), a mixed-case or alphanumeric token ("PagerDuty", "EC2", "Q3"), or an
//! acronym; a figure is a token with a digit. Only told sentences count, each detail once per
//! answer, and at most [`PER_SENTENCE`] per sentence: a sentence that lists ten products is a
//! list, and listing earns nothing.

use super::{Evidence, text};
use crate::answer::{Answer, Sentence};
use std::collections::HashSet;

/// Details one sentence can contribute; a story spreads its specifics over what happened.
pub const PER_SENTENCE: usize = 3;

/// Every concrete detail of the answer, first mention only, in reading order.
pub fn detect(answer: &Answer) -> Vec<Evidence> {
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for sentence in answer
        .sentences
        .iter()
        .filter(|s| super::buzzwords::is_told(s))
    {
        let fresh: Vec<(usize, usize)> = details_in(&sentence.text)
            .into_iter()
            .filter(|&(start, end)| seen.insert(sentence.text[start..end].to_lowercase()))
            .take(PER_SENTENCE)
            .collect();
        found.extend(fresh.into_iter().map(|(s, e)| detail(sentence, s, e)));
    }
    found
}

fn detail(sentence: &Sentence, start: usize, end: usize) -> Evidence {
    Evidence {
        line: sentence.line_at(start),
        text: sentence.text[start..end].to_string(),
        sections: sentence.sections,
        fix: None,
    }
}

/// Byte spans of the names and figures in one sentence; a run of capitalised words is one name
/// ("Black Friday", "Site Reliability").
fn details_in(sentence: &str) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    // A capitalised word opening a clause is a name only when a name follows it ("Dana Lee").
    let mut opener: Option<(usize, usize)> = None;
    let mut first = true;
    for (at, word) in text::words(sentence) {
        let opens_clause = first || opens_clause(sentence, at);
        first = false;
        let end = at + word.len();
        let kind = classify(word, opens_clause);
        let joins = |prev: (usize, usize)| sentence[prev.1..at].chars().all(|c| c == ' ');
        match kind {
            None => {
                opener = (opens_clause && capitalised(word) && !is_function_word(word))
                    .then_some((at, end));
            }
            Some(Kind::Name) if opener.is_some_and(joins) => {
                let (start, _) = opener.take().expect("checked");
                spans.push((start, end));
            }
            Some(Kind::Name)
                if spans
                    .last()
                    .is_some_and(|&last| joins(last) && is_name(&sentence[last.0..last.1])) =>
            {
                spans.last_mut().expect("checked").1 = end;
            }
            Some(_) => {
                opener = None;
                spans.push((at, end));
            }
        }
    }
    enumerations_as_one(sentence, spans)
}

/// "Kafka, Redis, Postgres and Grafana" is one detail, the stack, not four: a run of three or
/// more names or figures joined only by commas, "and", "or" or slashes becomes one span.
fn enumerations_as_one(sentence: &str, spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let joined = |gap: &str| {
        let gap = gap.trim();
        gap.is_empty()
            || matches!(gap, "," | "and" | "or" | "/" | "&")
            || gap
                .strip_prefix(',')
                .is_some_and(|rest| matches!(rest.trim(), "and" | "or"))
    };
    let mut runs: Vec<Vec<(usize, usize)>> = Vec::new();
    for span in spans {
        match runs.last_mut() {
            Some(run) if joined(&sentence[run.last().expect("non-empty").1..span.0]) => {
                run.push(span)
            }
            _ => runs.push(vec![span]),
        }
    }
    runs.into_iter()
        .flat_map(|run| match run.len() {
            0..=2 => run,
            _ => vec![(run[0].0, run[run.len() - 1].1)],
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Name,
    Figure,
}

fn classify(word: &str, opens_clause: bool) -> Option<Kind> {
    let word = word.trim_matches(|c: char| matches!(c, '\'' | '’' | '-'));
    let first = word.chars().next()?;
    if word.chars().any(|c| c.is_ascii_digit()) {
        return Some(Kind::Figure);
    }
    // A capital after the first letter: an acronym ("SRE") or a product ("PagerDuty").
    if first.is_alphabetic() && word.chars().skip(1).any(char::is_uppercase) {
        return Some(Kind::Name);
    }
    (first.is_uppercase() && !opens_clause && !text::is_pronoun_i(word)).then_some(Kind::Name)
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_name(span: &str) -> bool {
    capitalised(span) && !span.chars().any(|c| c.is_ascii_digit())
}

/// Words of English's closed classes (articles, pronouns, prepositions, conjunctions, and the
/// adverbs that open a told sentence): capitalised at the start of a sentence, never a name.
fn is_function_word(word: &str) -> bool {
    const CLOSED: &[&str] = &[
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "my",
        "our",
        "your",
        "his",
        "her",
        "their",
        "its",
        "we",
        "you",
        "he",
        "she",
        "they",
        "it",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "without",
        "after",
        "before",
        "during",
        "since",
        "until",
        "over",
        "under",
        "into",
        "of",
        "to",
        "as",
        "and",
        "but",
        "or",
        "so",
        "if",
        "when",
        "while",
        "once",
        "because",
        "although",
        "though",
        "then",
        "next",
        "later",
        "finally",
        "first",
        "also",
        "there",
        "here",
        "now",
        "today",
        "eventually",
        "overall",
        "instead",
        "however",
        "every",
        "each",
        "all",
        "some",
        "most",
        "one",
        "two",
        "three",
        "what",
        "why",
        "how",
        "who",
        "which",
        "where",
    ];
    text::is_pronoun_i(word) || CLOSED.contains(&word.to_lowercase().as_str())
}

/// Whether the word at `at` starts a clause that English capitalises anyway: after a colon,
/// a quote, an opening bracket or a dash ("Result: Latency fell", "He said, \"Ship it\"").
fn opens_clause(sentence: &str, at: usize) -> bool {
    sentence[..at]
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, ':' | '"' | '“' | '(' | '—' | '–' | ';' | '*' | '>'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        detect(&crate::answer::parse(text))
            .into_iter()
            .map(|e| e.text)
            .collect()
    }

    #[test]
    fn names_figures_and_acronyms_count_once_each() {
        assert_eq!(
            found("We moved the checkout service to PostgreSQL in March."),
            ["PostgreSQL", "March"]
        );
        assert_eq!(
            found("Its p95 fell from 420 to 180 ms."),
            ["p95", "420", "180"]
        );
        assert_eq!(
            found("I paired with Dana Lee on the EC2 fleet. Dana Lee then ran the drill."),
            ["Dana Lee", "EC2"]
        );
    }

    #[test]
    fn sentence_openings_labels_and_the_pronoun_are_not_names() {
        assert!(found("Then I asked why. Result: Everything calmed down and I'm glad.").is_empty());
    }

    #[test]
    fn a_generic_story_names_nothing() {
        assert!(
            found(
                "There was a critical system with a performance problem. I worked with the key \
                 stakeholders, aligned on a plan and delivered a great outcome for the business."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_list_of_products_is_one_detail() {
        assert_eq!(
            found("I have used Kafka, Redis, Terraform, Kubernetes, Postgres and Grafana daily."),
            ["Kafka, Redis, Terraform, Kubernetes, Postgres and Grafana"]
        );
    }

    #[test]
    fn a_sentence_gives_at_most_three() {
        let named = found("In May, Ana Ruiz from Finance met Li Wei of Legal in Lisbon on Monday.");
        assert_eq!(named, ["May", "Ana Ruiz", "Finance"]);
        assert_eq!(named.len(), PER_SENTENCE);
    }
}
