//! Text around an answer that is not the answer: the interviewer's lines in a transcript
//! ("Q: ...", "Interviewer: ...") and the question written above it ("Tell me about a time
//! ..."). These must not open the situation or count as spoken words.

use super::SectionName;

/// Who speaks a transcript line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    Interviewer,
    Candidate,
}

const INTERVIEWER: &[&str] = &["q", "question", "interviewer", "prompt", "them"];
const CANDIDATE: &[&str] = &["a", "answer", "me", "candidate", "response"];

/// Splits a transcript marker from its line: `"Q: Why?"` -> (Interviewer, `"Why?"`).
/// Accepts the marker bare, bold or italic, ended by a colon ("Q:", "**Answer:**").
pub fn speaker(content: &str) -> Option<(Speaker, &str)> {
    // "Q. Why?" / "A. Because": the one-letter markers may end with a period.
    if let Some(rest) = content.strip_prefix("Q. ") {
        return Some((Speaker::Interviewer, rest.trim_start()));
    }
    if let Some(rest) = content.strip_prefix("A. ") {
        return Some((Speaker::Candidate, rest.trim_start()));
    }
    // A marker is short: look for its colon near the start only.
    let marker_end = content.bytes().take(17).position(|b| b == b':')?;
    let marker = content[..marker_end]
        .trim()
        .trim_matches(['*', '_'])
        .trim()
        .to_lowercase();
    let who = if INTERVIEWER.contains(&marker.as_str()) {
        Speaker::Interviewer
    } else if CANDIDATE.contains(&marker.as_str()) {
        Speaker::Candidate
    } else {
        return None;
    };
    let rest = content[marker_end + 1..]
        .trim_start()
        .trim_start_matches(['*', '_'])
        .trim_start();
    Some((who, rest))
}

/// Openings of a sentence that talks about the answer instead of telling it.
const META_OPENINGS: &[&str] = &[
    "here is my",
    "here's my",
    "here is the answer",
    "here's the answer",
    "here is how i",
    "here's how i",
    "i'll use the star",
    "i will use the star",
    "i'll answer",
    "i will answer",
    "i'll walk you through",
    "i will walk you through",
    "using the star",
    "this is my answer",
];

/// True for a sentence about the answer itself ("Here is my answer, in STAR form:"),
/// which belongs to no section.
pub fn is_meta(sentence: &str) -> bool {
    let lower = sentence.trim().to_lowercase().replace('’', "'");
    META_OPENINGS
        .iter()
        .any(|opening| lower.starts_with(opening))
        || lower.contains("star format")
        || lower.contains("star method")
}

/// The part of the story a follow-up question asks for ("And what happened?" -> results).
/// Checked in this order because "what would you do differently" also contains "what ... do".
const FOLLOW_UPS: &[(SectionName, &[&str])] = &[
    (
        SectionName::Reflection,
        &[
            "learn",
            "differently",
            "again",
            "look back",
            "takeaway",
            "hindsight",
            "change anything",
        ],
    ),
    (
        SectionName::Results,
        &[
            "happen",
            "result",
            "outcome",
            "impact",
            "how did it go",
            "turn out",
            "what changed",
            "did it work",
            "end up",
        ],
    ),
    (
        SectionName::Task,
        &[
            "your role",
            "your goal",
            "were you asked",
            "responsib",
            "your job",
            "you own",
        ],
    ),
    (
        SectionName::Actions,
        &[
            "what did you do",
            "how did you",
            "what steps",
            "your approach",
            "what did you try",
            "then what",
        ],
    ),
    (
        SectionName::Situation,
        &[
            "context",
            "background",
            "what was going on",
            "set the scene",
        ],
    ),
];

/// The section an interviewer's follow-up asks for, if it names one.
pub fn asks_for(question: &str) -> Option<SectionName> {
    let question = question.to_lowercase();
    FOLLOW_UPS
        .iter()
        .find(|(_, phrases)| phrases.iter().any(|p| question.contains(p)))
        .map(|(section, _)| *section)
}

/// Openings of the behavioural question itself, as written above an answer.
const PROMPT_OPENINGS: &[&str] = &[
    "tell me about",
    "tell us about",
    "describe a time",
    "describe a situation",
    "give me an example",
    "give an example",
    "walk me through",
    "talk about a time",
    "talk me through",
    "can you tell",
    "can you describe",
    "can you give",
    "share an example",
    "what is a time",
    "what's a time",
    "have you ever",
];

/// True when a line reads as the question being answered rather than the answer.
pub fn is_prompt(content: &str) -> bool {
    let plain = content
        .trim()
        .trim_matches(['*', '_', '"', '“', '”'])
        .trim()
        .to_lowercase();
    let plain = plain
        .strip_prefix("question")
        .map_or(plain.as_str(), |rest| {
            rest.trim_start_matches([':', ' ', '-', '–', '—'])
        });
    PROMPT_OPENINGS
        .iter()
        .any(|opening| plain.starts_with(opening))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript_markers() {
        assert_eq!(
            speaker("Q: Tell me about an outage."),
            Some((Speaker::Interviewer, "Tell me about an outage."))
        );
        assert_eq!(
            speaker("**Answer:** So last spring"),
            Some((Speaker::Candidate, "So last spring"))
        );
        assert_eq!(speaker("Quality: poor"), None);
        assert_eq!(
            speaker("Q. Tell me more."),
            Some((Speaker::Interviewer, "Tell me more."))
        );
        assert_eq!(speaker("At 3am: the pager went off"), None);
    }

    #[test]
    fn follow_ups_name_a_section() {
        assert_eq!(asks_for("And what happened?"), Some(SectionName::Results));
        assert_eq!(
            asks_for("What would you do differently?"),
            Some(SectionName::Reflection)
        );
        assert_eq!(asks_for("So what did you do?"), Some(SectionName::Actions));
        assert_eq!(asks_for("Tell me about a failure."), None);
    }

    #[test]
    fn meta_sentences() {
        assert!(is_meta(
            "Here is the answer I practised for the on-call question:"
        ));
        assert!(is_meta("I'll use the STAR format."));
        assert!(!is_meta("Here we had a problem with the queue."));
    }

    #[test]
    fn prompts() {
        assert!(is_prompt(
            "**Tell me about a time you disagreed with your manager.**"
        ));
        assert!(is_prompt("Question: Describe a time you failed"));
        assert!(!is_prompt("Our queue kept backing up every night."));
    }
}
