//! **buzzwords** (pitfall): keyword stuffing — lists of rubric terms or bare numbers outside
//! sentences, and corporate filler piled into one line.
//!
//! Why: "canary, RFC, RACI, 99.9%, p95, rollback" shows a candidate who read the checklist,
//! not one who did the work. Other detectors ignore such lists, and this one names them.
//!
//! How: a line is stuffing when it is a list of four or more short items, a run of words half
//! of which are checklist terms, a row of one-to-three-word fragments, a bare number, or a
//! sentence carried by three or more jargon words. Such lines are not prose: every positive
//! detector and the rubric's keyword checks skip them, so stuffing earns nothing.
//!
//! Fires: "canary, RFC, RACI, 99.9%, p95, 40%, rollback, stakeholders",
//! "Leveraged cloud-native synergies to drive paradigm-shifting outcomes".
//! Does not fire: "I wrote an RFC for a canary rollout and reviewed it with SRE".

use super::Evidence;
use super::pattern::{Pattern, pattern};
use super::text::floor_boundary;
use crate::answer::{Answer, Sentence, SentenceKind};
use crate::memo::{Memo, remembered};
use std::borrow::Cow;
use std::sync::LazyLock;

/// Corporate and hype vocabulary; one word of it is fine, a pile of it is stuffing.
static FILLER: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:synerg(?:y|ies|istic|i[sz]ed?)|leverag(?:e|ed|es|ing)|paradigm(?:[- ]\w+)?|cloud-(?:native|first|agnostic)|best-(?:in-class|of-breed)|world-?class|holistic(?:ally)?|cutting-edge|bleeding-edge|game-?chang(?:er|ing)|move the needle|drive (?:outcomes|value|impact|alignment|excellence)",
        r"|seamless(?:ly)?|next-gen(?:eration)?|innovat(?:ive|ion)|disrupt(?:ive|ed|ion)|thought leadership|value-add(?:ed)?|value chain|mission-critical|transformation(?:al)?|transformative|empower(?:ed|ing|ment)?|streamlin(?:e|ed|ing)|actionable|north[- ]star|low-hanging fruit|circle back",
        r"|(?:operational |continuous )?excellence|best practices|robust|scalable|hyper-scal\w+|resilient|observable|fault-tolerant|highly available|self-healing|auto-scaling|agile|agility|lean|devops(?: culture| mindset)?|devsecops|gitops|finops|shift(?:ing)?[- ]left|zero-trust|digital transformation|ecosystem|frictionless|impactful",
        r"|results-driven|detail-oriented|self-starter|team player|passion for \w+|data-driven|customer-(?:centric|obsessed|obsession)|future-proof\w*|enterprise(?:-grade)?|full-stack|re-?platforming|journey|growth mindset|ideate|operationali[sz]\w*|at scale|spearhead\w*|champion(?:ed|ing)|orchestrated|pioneered|unlock(?:ed|ing)?|unprecedented",
        r"|ai-powered|ai/ml|blockchain|democrati[sz]\w*|fabric|platform-as-a-product|golden[- ]path|paved[- ]roads?|api-first|mobile-first|data mesh|lakehouse|self-serve|event-driven|serverless|microservices?(?:-based)?|end[- ]to[- ]end|alignment|accountability|transparency|stakeholders?|raci|okrs?|kpis?|smart goals|mindset|methodolog(?:y|ies))\b"
    ))
});
static TERM: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"^(?:canary|canaries|rfcs?|adrs?|raci|slos?|slas?|slis?|p\d{2,3}|mttr|mtta|rollbacks?|rollback|stakeholders?|blue/green|blue-green|feature flags?|runbooks?|error budgets?|kubernetes|k8s|terraform|iac|ci/cd|observability|postmortems?|trade-?offs?|okrs?|kpis?|chaos|sre|devops|microservices|service mesh|mtls|\d+(?:\.\d+)?\s?%?|\d+(?:\.\d+)?\s?(?:ms|s|x|k|m)|[$€£]\s?\d[\d,.]*[kmb]?)$",
    )
});
/// Single words of the checklist that TERM only knows as part of a phrase.
static TERM_WORD: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"^(?:flags?|feature|runbooks?|budgets?|error|lessons?|learned|canar\w*|rollouts?|guardrails?|mesh|mtls|sli|slis|nines|p\d{2,3}|mttr|rto|rpo|blast|radius|gitops|finops|iac|ci/cd|chaos|drills?|postmortems?|retro|blameless)$",
    )
});
static FIRST_PERSON: LazyLock<Pattern> = LazyLock::new(|| pattern(r"\b(?:i|we)\b"));

/// A sentence a person would say, not a list of terms: positive detectors only read these.
pub fn is_real_prose(sentence: &Sentence) -> bool {
    sentence.prose_once(|s| s.kind != SentenceKind::Heading && !is_stuffed(&s.text))
}

/// A sentence an interviewer would hear: spoken (prose or a list item) and real prose.
pub fn is_told(sentence: &Sentence) -> bool {
    sentence.is_spoken() && is_real_prose(sentence)
}

/// A term list, a bare number, or a sentence carried by jargon rather than by facts.
fn is_stuffed(text: &str) -> bool {
    is_term_list(text)
        || (is_term_run(text) && !reports_a_change(text))
        || is_bare_number(text)
        || jargon(text) >= 3
}

/// How far from an arrow the numbers of a change may sit ("p99 850 ms → 240 ms").
const ARROW_REACH: usize = 12;

/// "p99 850 ms → 240 ms, p50 120 ms → 70 ms": numbers joined by an arrow are a measured change,
/// terse as notes are, not terms strung together.
fn reports_a_change(text: &str) -> bool {
    ["→", "->", "=>"].iter().any(|arrow| {
        text.match_indices(arrow).any(|(at, _)| {
            let before = &text[floor_boundary(text, at.saturating_sub(ARROW_REACH))..at];
            let after_start = at + arrow.len();
            let after = &text[after_start..floor_boundary(text, after_start + ARROW_REACH)];
            before.contains(|c: char| c.is_ascii_digit())
                && after.contains(|c: char| c.is_ascii_digit())
        })
    })
}

/// "canary rollback RFC RACI SLO 99.9% p95": terms strung together without separators, so
/// that half the words or more are checklist vocabulary.
fn is_term_run(text: &str) -> bool {
    let words = || {
        text.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '*' | '_' | '(' | ')'))
            })
            .filter(|w| !w.is_empty())
    };
    let total = words().count();
    let needed = total.div_ceil(2).max(5);
    let mut terms = 0;
    for (i, word) in words().enumerate() {
        // Most sentences are prose: stop as soon as the rest cannot reach the share.
        if terms + (total - i) < needed {
            return false;
        }
        if is_term_word(word) {
            terms += 1;
        }
    }
    terms >= needed
}

thread_local! {
    static TERM_WORDS: Memo<bool> = Memo::default();
}

/// Whether one word is checklist or filler vocabulary. Three pattern runs per word were the
/// most expensive step in scoring a bank; words repeat, so each verdict is remembered.
fn is_term_word(word: &str) -> bool {
    remembered(&TERM_WORDS, word, |word| {
        let lower = lowercase(word);
        TERM.is_match(&lower) || FILLER.is_match(&lower) || TERM_WORD.is_match(&lower)
    })
}

/// `word` in lower case, borrowed when it already is (most words are).
fn lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// How many corporate or hype phrases `text` holds.
pub(super) fn jargon(text: &str) -> usize {
    FILLER.find_iter(text).count()
}

/// "canary, RFC, RACI, 99.9%, p95": four or more items, nearly all of them short, and no
/// first-person clause around them unless the items are jargon.
fn is_term_list(text: &str) -> bool {
    // A short lead-in label ("Stakeholder alignment: …") is a heading, not part of the list.
    let text = match text.split_once([':', '—']) {
        Some((label, rest)) if label.split_whitespace().count() <= 5 => rest,
        _ => text,
    };
    let slashes = text.matches('/').count() >= 3;
    let separates = |c: char| {
        matches!(c, ',' | ';' | '|' | '•' | '·' | '✔' | '✓' | '↑' | '↓') || slashes && c == '/'
    };
    // Four items need three separators; most sentences have fewer.
    if text.chars().filter(|&c| separates(c)).nth(2).is_none() {
        return false;
    }
    let items: Vec<&str> = text
        .split(separates)
        .map(|p| {
            p.trim()
                .trim_matches(|c: char| matches!(c, '.' | '*' | '_' | '-' | '(' | ')' | ':'))
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
    if short == items.len() {
        return true;
    }
    let terms = items
        .iter()
        .filter(|p| TERM.is_match(&lowercase(p)))
        .count();
    let mostly_short = short * 4 >= items.len() * 3;
    mostly_short && (terms * 2 >= items.len() || jargon(text) >= 2)
}

/// A line that is nothing but a number: "40%", "p95".
fn is_bare_number(text: &str) -> bool {
    let trimmed = text.trim().trim_end_matches(['.', ',']);
    if trimmed.is_empty() || trimmed.split_whitespace().nth(2).is_some() {
        return false;
    }
    let trimmed = lowercase(trimmed);
    TERM.is_match(&trimmed) && trimmed.chars().any(|c| c.is_ascii_digit())
}

/// Fewest fragments in a row ("Canary. Feature flags. Runbooks.") that read as a recital.
const FRAGMENT_RUN: usize = 4;

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    let mut evidence = Vec::new();
    let mut run: Vec<&Sentence> = Vec::new();
    let flush = |run: &mut Vec<&Sentence>, evidence: &mut Vec<Evidence>| {
        if run.len() >= FRAGMENT_RUN {
            let words: Vec<&str> = run.iter().map(|s| s.text.trim()).collect();
            evidence.push(Evidence {
                line: run[0].line,
                text: super::text::snippet(&words.join(" "), 0, usize::MAX),
                sections: run[0].sections,
                fix: None,
            });
        }
        run.clear();
    };
    for sentence in &answer.sentences {
        if sentence.kind == SentenceKind::Heading {
            continue;
        }
        let text = sentence.text.as_str();
        // Prose (the verdict is remembered per sentence) is never a list, a run or a number.
        if !is_real_prose(sentence)
            && (is_term_list(text) || is_term_run(text) || is_bare_number(text))
        {
            flush(&mut run, &mut evidence);
            evidence.push(Evidence::sentence(sentence));
            continue;
        }
        if is_fragment(text) {
            run.push(sentence);
            continue;
        }
        flush(&mut run, &mut evidence);
        let filler: Vec<_> = FILLER.find_iter(text).collect();
        let words = text.split_whitespace().count().max(1);
        if filler.len() >= 3 || filler.len() >= 2 && words <= 12 {
            let (start, end) = (filler[0].start(), filler[filler.len() - 1].end());
            evidence.push(Evidence::from_span(sentence, start, end));
        }
    }
    flush(&mut run, &mut evidence);
    evidence
}

/// A sentence of one to three words with no first-person subject: "Bias for action."
/// Too short to say how a control or a decision was used.
pub fn is_fragment(text: &str) -> bool {
    let words = text.split_whitespace().take(4).count();
    (1..=3).contains(&words) && !FIRST_PERSON.is_match(text)
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
        // Terse notes of a measured change are data, not terms.
        assert!(!fires("- p99 850 ms → 240 ms, p50 120 ms → 70 ms"));
        assert!(fires("- p99 850 ms, p50 120 ms, 99.9%, 40%, canary, MTTR"));
    }

    #[test]
    fn runs_fragments_and_jargon_fire() {
        assert!(fires(
            "canary rollback feature flags runbook RFC RACI SLO 99.9% p95 MTTR"
        ));
        assert!(fires(
            "Ownership. Bias for action. Customer obsession. Dive deep."
        ));
        assert!(fires("Tech: k8s/istio/envoy/argo/flux/helm"));
        assert!(fires(
            "Championed a shift-left, DevSecOps, zero-trust culture of continuous excellence."
        ));
    }

    #[test]
    fn labelled_sentences_with_lists_do_not() {
        assert!(!fires(
            "Stakeholder alignment: Ran a weekly steering review with SRE, Security, Product, and Finance."
        ));
        assert!(!fires(
            "I moved auth, search and billing onto the new cluster."
        ));
    }
}
