//! **buzzwords** (pitfall): keyword stuffing — lists of rubric terms or bare numbers outside
//! sentences, and corporate filler piled into one line.
//!
//! Why: "canary, RFC, RACI, 99.9%, p95, rollback" shows a candidate who read the checklist,
//! not one who did the work. Other detectors ignore such lists, and this one names them.
//!
//! Fires: "canary, RFC, RACI, 99.9%, p95, 40%, rollback, stakeholders",
//! "Leveraged cloud-native synergies to drive paradigm-shifting outcomes".
//! Does not fire: "I wrote an RFC for a canary rollout and reviewed it with SRE".

use super::Evidence;
use super::text::pattern;
use crate::answer::{Answer, Sentence, SentenceKind};
use regex::Regex;
use std::sync::LazyLock;

static FILLER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:synerg(?:y|ies|istic)|leverag(?:e|ed|es|ing)|paradigm(?:-\w+)?|cloud-native|best-in-class|world-class|holistic(?:ally)?|cutting-edge|bleeding-edge|game-?chang(?:er|ing)|move the needle|drive (?:outcomes|value|impact|alignment|excellence)|seamless(?:ly)?|next-gen(?:eration)?|innovative|disrupt(?:ive|ed|ion)|thought leadership|value-add(?:ed)?|mission-critical|transformational|transformative|empower(?:ed|ing|ment)?|streamlin(?:e|ed|ing)|actionable|north star|low-hanging fruit|circle back|operational excellence|best practices|robust|scalable|agile|devops culture|digital transformation|ecosystem|frictionless|impactful|results-driven|data-driven|customer-centric|future-proof\w*|hyper-?scale|world-?class)\b",
    )
});
static TERM: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?:canary|canaries|rfcs?|adrs?|raci|slos?|slas?|slis?|p\d{2,3}|mttr|mtta|rollbacks?|rollback|stakeholders?|blue/green|blue-green|feature flags?|runbooks?|error budgets?|kubernetes|k8s|terraform|iac|ci/cd|observability|postmortems?|trade-?offs?|okrs?|kpis?|chaos|sre|devops|microservices|service mesh|mtls|\d+(?:\.\d+)?\s?%?|\d+(?:\.\d+)?\s?(?:ms|s|x|k|m)|[$€£]\s?\d[\d,.]*[kmb]?)$",
    )
});

/// A sentence a person would say, not a list of terms: positive detectors only read these.
pub fn is_real_prose(sentence: &Sentence) -> bool {
    sentence.kind != SentenceKind::Heading
        && !is_term_list(&sentence.text)
        && !is_bare_number(&sentence.text)
}

/// "canary, RFC, RACI, 99.9%, p95": four or more short comma-separated items, mostly terms.
fn is_term_list(text: &str) -> bool {
    let items: Vec<&str> = text
        .split([',', ';', '|', '•', '·'])
        .map(|p| {
            p.trim()
                .trim_matches(|c: char| matches!(c, '.' | '*' | '_' | '-' | '(' | ')'))
                .trim()
        })
        .filter(|p| !p.is_empty())
        .collect();
    if items.len() < 4 {
        return false;
    }
    let short = items
        .iter()
        .filter(|p| p.split_whitespace().count() <= 3)
        .count();
    let terms = items
        .iter()
        .filter(|p| TERM.is_match(&p.to_lowercase()))
        .count();
    short * 4 >= items.len() * 3 && terms * 2 >= items.len()
}

/// A line that is nothing but a number: "40%", "p95".
fn is_bare_number(text: &str) -> bool {
    let trimmed = text.trim().trim_end_matches(['.', ',']).to_lowercase();
    !trimmed.is_empty()
        && trimmed.split_whitespace().count() <= 2
        && TERM.is_match(&trimmed)
        && trimmed.chars().any(|c| c.is_ascii_digit())
}

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    let mut evidence = Vec::new();
    for sentence in &answer.sentences {
        if sentence.kind == SentenceKind::Heading {
            continue;
        }
        let text = sentence.text.as_str();
        if is_term_list(text) || is_bare_number(text) {
            evidence.push(Evidence::sentence(sentence));
            continue;
        }
        let filler: Vec<_> = FILLER.find_iter(text).collect();
        let words = text.split_whitespace().count().max(1);
        if filler.len() >= 3 || filler.len() >= 2 && words <= 12 {
            let (start, end) = (filler[0].start(), filler[filler.len() - 1].end());
            evidence.push(Evidence::from_span(sentence, start, end));
        }
    }
    evidence
}

#[cfg(test)]
mod tests {
    use crate::answer::parse;

    fn fires(text: &str) -> bool {
        !super::detect(&parse(text)).is_empty()
    }

    #[test]
    fn stuffing_fires() {
        assert!(fires(
            "canary, RFC, RACI, 99.9%, p95, 40%, rollback, stakeholders"
        ));
        assert!(fires(
            "Leveraged cloud-native synergies to drive outcomes with a holistic, best-in-class platform."
        ));
        assert!(fires("- 40%"));
    }

    #[test]
    fn real_sentences_do_not() {
        assert!(!fires(
            "I wrote an RFC for a canary rollout, reviewed it with SRE, and we shipped it behind a flag."
        ));
        assert!(!fires(
            "I moved 12 services, 3 databases, and 2 queues to the new cluster."
        ));
    }
}
