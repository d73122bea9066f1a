//! **draft**: the placeholders of an unfinished answer, as evidence for the `draft.` checks.
//!
//! Why: a prep repo is full of drafts, and a draft told in an interview is a story with holes.
//! The placeholders are found while parsing ([`crate::answer::placeholders`]) and masked out of
//! what every other detector reads, so the text they stand in for earns nothing; this reports
//! each one on its line, with what to put there.
//!
//! Fires: "Result: TBD", "TODO: add numbers", "[fill in metric]", "<company>", "cut costs by
//! XX%", "p99 fell to N ms", "lorem ipsum", "**Result:**" with nothing after it.
//! Does not fire: "I removed 300 TODO comments", "the date was still TBD", "[the design
//! doc](url)", "N+1 queries".

use super::{Evidence, SignalId};
use crate::answer::placeholders::{Kind, Placeholder};
use crate::answer::{Answer, SectionName, SectionSet};

/// The placeholder signals, in the order rubrics list them.
pub const PLACEHOLDERS: [SignalId; 5] = [
    SignalId::DraftMarker,
    SignalId::TemplateSlot,
    SignalId::PlaceholderFigure,
    SignalId::FillerText,
    SignalId::EmptyLabel,
];

/// The signal each kind of placeholder is evidence for.
fn signal(kind: Kind) -> SignalId {
    match kind {
        Kind::Marker => SignalId::DraftMarker,
        Kind::Template => SignalId::TemplateSlot,
        Kind::Figure => SignalId::PlaceholderFigure,
        Kind::Filler => SignalId::FillerText,
        Kind::EmptyLabel => SignalId::EmptyLabel,
    }
}

pub fn detect(answer: &Answer) -> Vec<(SignalId, Vec<Evidence>)> {
    let mut found: Vec<(SignalId, Vec<Evidence>)> =
        PLACEHOLDERS.iter().map(|id| (*id, Vec::new())).collect();
    for placeholder in &answer.placeholders {
        let id = signal(placeholder.kind);
        if let Some((_, list)) = found.iter_mut().find(|(known, _)| *known == id) {
            list.push(evidence(answer, placeholder));
        }
    }
    found
}

fn evidence(answer: &Answer, placeholder: &Placeholder) -> Evidence {
    let sections: Vec<SectionName> = answer
        .sections
        .iter()
        .filter(|s| (s.start_line..=s.end_line).contains(&placeholder.line))
        .map(|s| s.name)
        .collect();
    Evidence {
        line: placeholder.line,
        text: placeholder.context.clone(),
        sections: SectionSet::of(&sections),
        fix: Some(fix(placeholder)),
    }
}

/// What to put where the placeholder is.
fn fix(placeholder: &Placeholder) -> String {
    let shown: String = placeholder.text.chars().take(60).collect();
    match placeholder.kind {
        Kind::Marker => {
            format!("\"{shown}\" marks text still to write: write it, or cut the line.")
        }
        Kind::Template => {
            format!("\"{shown}\" is a template's slot: put the real name or figure there.")
        }
        Kind::Figure => format!(
            "\"{shown}\" stands for a figure not yet known: give the number you measured, or a range you can defend."
        ),
        Kind::Filler => "Filler text: replace it with what happened.".to_string(),
        Kind::EmptyLabel => format!(
            "\"{}\" has nothing under it: tell that part, or remove the label.",
            shown.trim_matches(|c: char| matches!(c, '*' | '_' | '#' | ' '))
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::parse;

    fn found(text: &str) -> Vec<(SignalId, usize, String)> {
        detect(&parse(text))
            .into_iter()
            .flat_map(|(id, evidence)| evidence.into_iter().map(move |e| (id, e.line, e.text)))
            .collect()
    }

    #[test]
    fn each_placeholder_on_its_line() {
        let text = "**Situation:** Our deploys took 40 minutes.\n\n**Action:** I cached the builds. TODO: add the test split.\n\n**Result:** Deploys fell by XX%.\n\n**Reflection:**\n";
        let mut found = found(text);
        found.sort();
        assert_eq!(
            found,
            vec![
                (
                    SignalId::DraftMarker,
                    3,
                    "**Action:** I cached the builds. TODO: add the test split.".into()
                ),
                (
                    SignalId::PlaceholderFigure,
                    5,
                    "**Result:** Deploys fell by XX%.".into()
                ),
                (SignalId::EmptyLabel, 7, "**Reflection:**".into()),
            ]
        );
    }

    #[test]
    fn placeholders_earn_nothing() {
        let finished = parse("**Result:** Deploys fell from 40 to 9 minutes.");
        let drafted = parse("**Result:** Deploys fell from XX to 9 minutes. TBD");
        assert_eq!(finished.words, 7);
        assert_eq!(drafted.words, 6);
        assert!(
            !crate::signals::before_after::detect(&drafted)
                .iter()
                .any(|_| true)
        );
    }

    #[test]
    fn an_empty_star_heading_is_an_empty_label() {
        let text =
            "## Situation\nBuilds were slow.\n## Results\n## Reflection\nI learned to cache early.";
        assert_eq!(
            found(text),
            vec![(SignalId::EmptyLabel, 3, "Results".into())]
        );
    }
}
