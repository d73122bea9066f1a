//! **ownership**: the speaker's own actions, in the first person singular.
//!
//! Why: the interviewer is hiring you, not your team. "I wrote the RFC and ran the review"
//! says who did what; "we decided, the team built" hides it. This file also measures the
//! pitfall **hiding_behind_we**: actions told mostly as "we".
//!
//! Fires: "I wrote the RFC", "I led the migration", "I paired with the DBA on the cutover",
//! and steps of the actions that open with a deed and leave the "I" out ("- Split the suite
//! into ten shards", "Looked at the crash reports. Fixed the main ones.").
//! Does not fire: "I think it went well", "I was told to", "I was there", "we built it",
//! "- Limited budget and two engineers", "- Leveraged best practices across the org".

use super::Evidence;
use super::pattern::{Pattern, pattern};
use super::text::{floor_boundary, lead_words};
use crate::answer::deeds::is_past_deed;
use crate::answer::sentences::Opening;
use crate::answer::{Answer, SectionName, Sentence, SentenceKind};
use std::sync::LazyLock;

/// "I" followed, within a word or two, by a verb of doing. A lower-case "i" counts: people
/// who post in lower case write "i paired with her".
static MINE: LazyLock<Pattern> = LazyLock::new(|| {
    Pattern::build(&format!(
        r"(?:^|[^\w'’])[Ii](?:'ve|’ve)?\s+(?:(?P<habit>{HABIT})\s+|(?:then|also|first|once|later|still|just|myself|[a-z]+ly|had to|needed to|decided to|chose to|went on to|started to|began to|was able to|made sure to|made sure|got to)\s+)*(?P<verb>[a-z]+)",
    ))
});
static OURS: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(&format!(
        r"(?:^|[^\w'’])(?:we|(?P<group>(?:the|my|our) (?:team|squad|group)))\s+(?:(?P<habit>{HABIT})\s+|(?:then|also|all|first|once|just|[a-z]+ly|(?P<to>had to|needed to|decided to|started to|began to|managed to|went on to|chose to))\s+)*(?P<verb>[a-z]+)",
    ))
});
/// A second past-tense verb joined by "and" in the same clause.
static COORDINATED: LazyLock<Pattern> =
    LazyLock::new(|| pattern(r"^[^.,]{0,40}?\band (?:then )?([a-z]{3,}ed)\b"));
/// Verbs that state a feeling, a state or being acted upon, not a deed.
const NOT_DEEDS: &[&str] = &[
    "think",
    "thought",
    "feel",
    "felt",
    "believe",
    "believed",
    "guess",
    "was",
    "am",
    "were",
    "had",
    "have",
    "hope",
    "hoped",
    "wish",
    "want",
    "wanted",
    "know",
    "knew",
    "mean",
    "meant",
    "suppose",
    "remember",
    "like",
    "liked",
    "love",
    "loved",
    "got",
    "been",
    "being",
    "would",
    "could",
    "should",
    "might",
    "will",
    "can",
    "may",
    "must",
    "do",
    "did",
    "don't",
    "didn't",
    "wasn't",
    "realized",
    "realised",
    "learned",
    "learnt",
    "saw",
    "heard",
    "noticed",
    "joined",
    "agree",
    "agreed",
    "needed",
    "need",
    "needs",
    "ought",
    "tried",
    "try",
    "are",
    "is",
    "also",
    "personally",
    "really",
    "kind",
    "sort",
    "never",
    "always",
    "not",
    "wonder",
    "wondered",
    "see",
    "expected",
    "assumed",
    "understood",
    "found",
    "enjoyed",
    "inherited",
    "received",
    "became",
    "stayed",
    "sat",
];

/// Who did what in the answer's actions.
#[derive(Debug, Clone, Default)]
pub struct Ownership {
    /// Steps the speaker took ("I wrote…"), each clause and listed step on its own.
    pub mine: Vec<Evidence>,
    /// Steps the team took ("we migrated…").
    pub ours: Vec<Evidence>,
    /// How many sentences tell at least one of `mine`.
    pub mine_sentences: usize,
    /// The same two counts, restricted to the actions (or the whole answer without one).
    pub mine_in_actions: usize,
    pub ours_in_actions: usize,
    /// How many of `mine` name the speaker with "I" (not a step left without a subject).
    pub first_person: usize,
    /// Whether the speaker says "I" anywhere: then steps without a subject are theirs.
    pub says_i: bool,
}

impl Ownership {
    /// The speaker's deeds, when the actions are told mostly with "I": at least one deed says
    /// "I", or the speaker says "I" somewhere and the steps leave the subject out (steps
    /// opening on a verb with no "I" anywhere do not say who took them), and the
    /// speaker's deeds are no fewer than the team's. An answer told in "we" with one "I went
    /// at it" does not show what the speaker did.
    pub fn owned(&self) -> Vec<Evidence> {
        let speaker_named = self.first_person > 0 || (self.says_i && self.mine_in_actions >= 1);
        if speaker_named && self.mine_in_actions >= self.ours_in_actions {
            self.mine.clone()
        } else {
            Vec::new()
        }
    }

    /// The "we" sentences, when they outnumber the speaker's own deeds by two to one.
    pub fn hiding_behind_we(&self) -> Vec<Evidence> {
        if self.ours_in_actions >= 3 && self.ours_in_actions > 2 * self.mine_in_actions {
            self.ours.clone()
        } else {
            Vec::new()
        }
    }
}

pub fn analyse(answer: &Answer) -> Ownership {
    // Only a labelled actions section is trusted to hold the deeds; inferred boundaries are
    // guesses, so without a label the whole answer counts.
    let has_actions = answer
        .section(SectionName::Actions)
        .is_some_and(|s| s.labelled);
    let mut result = Ownership::default();
    for sentence in answer
        .sentences
        .iter()
        .filter(|s| super::buzzwords::is_real_prose(s))
    {
        let in_actions = !has_actions || sentence.in_section(SectionName::Actions);
        result.says_i |=
            super::text::words(&sentence.text).any(|(_, w)| super::text::is_pronoun_i(w));
        // Every clause counts, in the evidence and in the I/we balance: a spoken answer packs
        // "I profiled it, so I rewrote the query and I split the batch" into one sentence.
        let (mut mine, joint) = deeds(&MINE, sentence, false);
        result.first_person += mine.len();
        mine.extend(elided_deed(sentence));
        let (mut ours, _) = deeds(&OURS, sentence, true);
        // "My manager and I met": a deed shared with someone else is the team's, not mine.
        ours.extend(joint);
        if in_actions {
            result.mine_in_actions += mine.len();
            result.ours_in_actions += ours.len();
        }
        result.mine_sentences += usize::from(!mine.is_empty());
        result.mine.extend(mine);
        result.ours.extend(ours);
    }
    result
}

/// Words in -ed that open a bullet as an adjective ("Limited budget"), not as a deed.
const DESCRIBING: &[&str] = &[
    "limited",
    "based",
    "related",
    "distributed",
    "shared",
    "outdated",
    "dedicated",
    "detailed",
    "mixed",
    "unexpected",
    "unplanned",
    "complicated",
    "siloed",
    "fragmented",
    "centralized",
    "centralised",
    "advanced",
    "experienced",
    "skilled",
    "varied",
    "crowded",
    "loaded",
    "heated",
    "repeated",
    "sustained",
    "untested",
    "unowned",
    "undocumented",
    "unmaintained",
];
/// A past tense that tells a step taken, and not a state, a feeling or an adjective.
fn is_deed_here(word: &str) -> bool {
    is_past_deed(word) && !NOT_DEEDS.contains(&word) && !DESCRIBING.contains(&word)
}

/// A verb soon after the opening participle makes it an adjective: "Automated tests were".
const OWN_VERBS: &[&str] = &["was", "were", "is", "are", "has", "have", "had", "been"];

/// Openings in -ed that are idioms, not deeds: "Turned out it was DNS", "Used to take hours".
const IDIOMS: &[&str] = &[
    "turned out",
    "used to",
    "compared to",
    "compared with",
    "added to",
];

/// A step in the actions that opens with a past-tense deed and no subject: a bullet ("- Split
/// the suite into ten shards") or terse notes ("Looked at the crash reports. Fixed the main
/// ones."). Among one's own steps the "I" goes without saying.
fn elided_deed(sentence: &Sentence) -> Option<Evidence> {
    let step = match sentence.kind {
        SentenceKind::ListItem => sentence.opening == Opening::Block,
        SentenceKind::Prose => true,
        SentenceKind::Heading | SentenceKind::TableRow => false,
    };
    if !step || !sentence.in_section(SectionName::Actions) {
        return None;
    }
    let text = sentence.text.as_str();
    let start = text.find(|c: char| c.is_alphabetic())?;
    let clause = &text[start..];
    let clause = &clause[..clause
        .find([',', ';', ':', '(', '—', '–'])
        .unwrap_or(clause.len())];
    let mut words = clause.split_whitespace();
    let first = words.next()?;
    let verb = first.to_lowercase();
    let deed = verb.chars().all(|c| c.is_ascii_alphabetic())
        && is_deed_here(&verb)
        && !IDIOMS.iter().any(|idiom| starts_with_words(clause, idiom));
    // "Automated tests were flaky": the participle describes the noun after it.
    // "- Spearheaded the move to microservices": with no "I" to own it, jargon is no deed.
    if !deed
        || super::buzzwords::jargon(clause) > 0
        || words
            .take(3)
            .any(|w| OWN_VERBS.contains(&w.to_lowercase().as_str()))
    {
        return None;
    }
    Some(Evidence::from_span(
        sentence,
        start,
        start + lead_words(clause),
    ))
}

/// True when `text` opens with the words of `phrase`, in any case.
fn starts_with_words(text: &str, phrase: &str) -> bool {
    text.get(..phrase.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(phrase))
        && !text[phrase.len()..].starts_with(|c: char| c.is_alphanumeric())
}

/// Agreeing or finding is a deed when a team does it together, not proof of a person's role.
const TEAM_DEEDS: &[&str] = &["agreed", "agree", "found"];

/// Every clause of `sentence` where the pattern's subject did something, and apart from
/// them the clauses whose subject the speaker shares with someone ("my manager and I met").
/// A habit ("I usually talk") and a condition ("if I clocked in late") tell no step taken.
/// "The team" needs a verb in the past ("the team migrated", "the team load tested it") or
/// after "had to", "decided to" (…): "team" also opens nouns ("the team leader").
fn deeds(pattern: &Pattern, sentence: &Sentence, team: bool) -> (Vec<Evidence>, Vec<Evidence>) {
    let (mut found, mut joint) = (Vec::new(), Vec::new());
    let text = sentence.text.as_str();
    for caps in pattern.captures_iter(text) {
        let (Some(verb), Some(whole)) = (caps.name("verb"), caps.get(0)) else {
            continue;
        };
        let word = verb.as_str().to_lowercase();
        // "I didn't", "I can't": a contraction is an auxiliary, not a deed.
        if text[verb.end()..].starts_with(['\'', '’'])
            || caps.name("habit").is_some()
            || !subject_here(&text[..whole.start()])
            || stranded(&text[verb.end()..])
            || opens_on_habit(text)
        {
            continue;
        }
        let not_deed =
            NOT_DEEDS.contains(&word.as_str()) && !(team && TEAM_DEEDS.contains(&word.as_str()));
        let tensed = caps.name("group").is_none()
            || caps.name("to").is_some()
            || is_past_deed(&word)
            || next_is_past_deed(&text[verb.end()..]);
        if not_deed || word.len() < 2 || !tensed {
            found.extend(coordinated_deed(sentence, whole.start(), verb.end()));
            continue;
        }
        let into = if !team && shared_subject(&text[..whole.start()]) {
            &mut joint
        } else {
            &mut found
        };
        into.push(Evidence::from_span(sentence, whole.start(), verb.end()));
        listed_deeds(sentence, verb.end(), into);
    }
    (found, joint)
}

/// True when the next word is a past tense: the second half of "load tested".
fn next_is_past_deed(after_verb: &str) -> bool {
    after_verb
        .split_whitespace()
        .next()
        .is_some_and(|w| is_past_deed(&w.to_lowercase()))
}

/// False when the word before a subject makes it no subject of a deed: a condition ("if I",
/// "whenever we") or a preposition ("one engineer on my team kept objecting").
fn subject_here(before: &str) -> bool {
    !before.split_whitespace().next_back().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "if" | "whenever"
                | "unless"
                | "on"
                | "in"
                | "of"
                | "with"
                | "for"
                | "from"
                | "across"
                | "within"
                | "at"
                | "by"
                | "into"
                | "among"
                | "between"
        )
    })
}

/// True when the verb's preposition is left at the end of its clause: a relative clause that
/// names a thing ("the approach we went with was mine", "the rig I worked on had problems"),
/// not a step told.
fn stranded(after_verb: &str) -> bool {
    let mut words = after_verb.split_whitespace();
    let Some(preposition) = words.next() else {
        return false;
    };
    let bare = preposition.trim_end_matches([',', '.', ';', ':', '"', '”']);
    if !matches!(bare, "with" | "on" | "for" | "at" | "in" | "about" | "to") {
        return false;
    }
    bare.len() < preposition.len()
        || words
            .next()
            .is_some_and(|w| matches!(w, "was" | "were" | "is" | "are" | "had" | "has"))
}

/// True when a sentence opens on a habit ("Usually, before I start, I clarify…"): it says
/// what the speaker tends to do, not what they did.
fn opens_on_habit(text: &str) -> bool {
    text.split_whitespace().next().is_some_and(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        HABIT.split('|').any(|habit| habit == w)
    })
}

/// Words that make a clause a habit: "I usually talk to the PM".
const HABIT: &str = "usually|typically|normally|generally|always|often|sometimes|tend to";

/// True when the words before "I" name someone else who shares the subject: "My manager and
/// I", "A coworker and I", "Sam and I". The clause before "and" is short and opens on a
/// determiner or a name, and has no "I" of its own ("I fixed it and I shipped it" is two
/// clauses of mine).
fn shared_subject(before: &str) -> bool {
    let clause = before
        .rsplit([',', ';', ':', '(', '"', '“', '—'])
        .next()
        .unwrap_or(before);
    let words: Vec<&str> = clause.split_whitespace().collect();
    let Some((last, rest)) = words.split_last() else {
        return false;
    };
    if !last.eq_ignore_ascii_case("and") || rest.is_empty() || rest.len() > 4 {
        return false;
    }
    let first = rest[0];
    let opens_noun = matches!(
        first.to_lowercase().as_str(),
        "my" | "a" | "an" | "the" | "one" | "our" | "his" | "her" | "their" | "another"
    ) || first.starts_with(char::is_uppercase);
    opens_noun && !rest.iter().any(|w| *w == "I" || *w == "i")
}

/// "I found 40 and deleted 12": after a verb that is no deed, the deed may follow in the same
/// clause.
fn coordinated_deed(sentence: &Sentence, start: usize, verb_end: usize) -> Option<Evidence> {
    let clause = sentence.text[verb_end..].split([';', ':']).next()?;
    let next = COORDINATED.captures(clause)?.get(1)?;
    if NOT_DEEDS.contains(&next.as_str().to_lowercase().as_str()) {
        return None;
    }
    Some(Evidence::from_span(sentence, start, verb_end + next.end()))
}

/// The further steps listed after a deed with the subject left out: in "I added limits,
/// tested them with a replay, and rolled them out", "tested" and "rolled". The list ends at
/// the first part that does not open on a deed ("I fixed it, the team tested it"), at a
/// passive ("supported by two engineers") and at the end of the clause.
fn listed_deeds(sentence: &Sentence, from: usize, found: &mut Vec<Evidence>) {
    let text = sentence.text.as_str();
    // Only the text near the last step is read: a pasted line without commas stays linear.
    let near = |at: usize| {
        let reach = at.saturating_add(STEP_GAP).min(text.len());
        &text[at..floor_boundary(text, reach)]
    };
    let mut at = from;
    while let Some(stop) = near(at).find([',', ';', ':']) {
        if text[at + stop..].starts_with([';', ':']) {
            break;
        }
        let part_start = at + stop + 1;
        let part = near(part_start);
        let mut words = part.split_whitespace().peekable();
        while words
            .peek()
            .is_some_and(|w| w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("then"))
        {
            words.next();
        }
        let Some(verb) = words.next() else { break };
        if !verb.bytes().all(|b| b.is_ascii_alphabetic())
            || !is_deed_here(&verb.to_ascii_lowercase())
            || words.next().is_some_and(|w| w.eq_ignore_ascii_case("by"))
        {
            break;
        }
        let verb_start = part_start + part.find(verb).unwrap_or(0);
        let step = near(verb_start);
        let step = &step[..step.find([',', ';', ':']).unwrap_or(step.len())];
        found.push(Evidence::from_span(
            sentence,
            verb_start,
            verb_start + lead_words(step),
        ));
        at = verb_start + verb.len();
    }
}

/// How far a listed step may run before the comma that opens the next one.
const STEP_GAP: usize = 200;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::parse;

    #[test]
    fn first_person_deeds_count() {
        let o = analyse(&parse(
            "I wrote the RFC. I then paired with the DBA. I think it went well. I was told to hurry.",
        ));
        assert_eq!(o.mine.len(), 2);
    }

    /// Steps listed after a deed with the "I" left out are steps of their own; the list ends
    /// where someone else takes over, at a passive, and at the end of the clause.
    #[test]
    fn listed_steps_count_each() {
        let mine = |text: &str| -> Vec<String> {
            analyse(&parse(text))
                .mine
                .into_iter()
                .map(|e| e.text)
                .collect()
        };
        assert_eq!(
            mine("I added limits, tested them with a replay, and rolled them out."),
            ["I added", "tested them with a", "rolled them out."]
        );
        assert_eq!(
            mine("I fixed the parser, the team tested it, deployed it."),
            ["I fixed"]
        );
        assert_eq!(
            mine("I led the project, supported by two engineers."),
            ["I led"]
        );
        assert_eq!(mine("I wrote the plan; rehearsed twice."), ["I wrote"]);
        let o = analyse(&parse(
            "I added rate limits to the gateway, tested them against a replay of last week's \
             traffic, rolled them out region by region, and paged the owners of the two \
             services that tripped them.",
        ));
        assert_eq!((o.mine.len(), o.mine_sentences), (4, 1));
    }

    #[test]
    fn we_heavy_actions_are_hiding() {
        let o = analyse(&parse(
            "**Actions:** We built a queue. We migrated the jobs. The team wrote tests. We shipped it.",
        ));
        assert!(!o.hiding_behind_we().is_empty());
        let o = analyse(&parse(
            "**Actions:** I built a queue. We migrated the jobs. I wrote tests. We shipped it.",
        ));
        assert!(o.hiding_behind_we().is_empty());
    }

    #[test]
    fn contractions_are_not_deeds_and_coordinated_verbs_are() {
        assert!(
            analyse(&parse("I didn't want to run it ourselves."))
                .mine
                .is_empty()
        );
        assert_eq!(
            analyse(&parse("I found 40 cron jobs and deleted 12 of them."))
                .mine
                .len(),
            1
        );
    }
}
