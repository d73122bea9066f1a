//! **learning**: a lesson drawn, or what the speaker would do differently.
//!
//! Why: reflection shows the speaker grows from their work; the same mistake twice is the
//! thing interviewers fear.
//!
//! Fires: "Next time I'd bring the data team in before the design review", "In hindsight…",
//! "I learned that migrations need an owner per team".
//! Does not fire: "I learned Kubernetes for the project", "our machine learning pipeline",
//! "the team learned about the outage from Twitter".

use super::Evidence;
use super::pattern::{Pattern, pattern};
use super::text::lead_words;
use crate::answer::{Answer, SectionName};
use std::sync::LazyLock;

static LESSON: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:i|we|i've|we've) (?:also |have |finally )?(?:learn(?:ed|t)|realized|realised|discovered|understood) (?:that|how|why|the (?:hard way|importance|value)|to\b|a lot about (?:how|why)|not to)",
        r"|\b(?:the |my |a |one |biggest |main |key |big |hard |real |important )*lessons? (?:(?:i |we )?(?:learned|learnt|took|take)|for me|here|was|is|i'd|from)\b|\b(?:key |main |big )?lessons?:|\b(?:lessons learned|lessons learnt)\b",
        r"|\bnext time,? (?:i|we|around)\b|\bnext time(?:\W*$|;|,)|\bin hindsight\b|\blooking back(?:,| on (?:it|that|this|the \w+)| now)|\bin retrospect\b|\bwith hindsight\b|\bon reflection\b",
        r"|\bif i (?:did|were to do|had to do|could do|were doing|was doing|ran|had) (?:it|this|that|the project|the migration)? ?(?:again|over|differently)\b",
        r"|\bi(?: would|'d|’d)(?: have| also| definitely| probably| honestly)* (?:[a-km-z]\w*|l[a-np-z]\w*)\b[^.]{0,60}\b(?:earlier|sooner|first|differently|instead|again|upfront|up front|from day one|from the start|braver|more|less)\b",
        r"|\b(?:do|done|handle|approach|run) (?:it |things |this |that )?differently\b|\btaught me\b|\btakeaways?\b|\b(?:thing |what )?(?:i|we) took away\b|\btook away (?:that|the lesson|a lesson|one lesson)\b|\b(?:kept|took|drew|carried) (?:a|one|the|that) (?:rule|lesson|principle|habit) (?:from|away from|out of)\b|\bcame away\b|\bwhat (?:i|we) learned\b",
        r"|\bsince then,? (?:i|we) (?:always|now|make sure|never|start)\b|\bi now (?:always |also )?\w+|\bgoing forward,? (?:i|we)\b|\bmy (?:main |key |biggest )?(?:learning|lesson)s?\b",
        r"|(?:\b(?:i|we) |(?:^|[,;:—–]) ?)should(?:'ve|’ve| have) (?:[a-z]+ed|brought|written|built|told|spent|set|made|taken|run|begun|gone|done|put|kept|sent|fought|sought)\b",
        r"|\b(?:i|we) (?:waited|left it|held off) (?:way |far |much |a bit )?too (?:long|late)\b|\bwhat (?:i|we)(?:'d|’d| would) do different\b",
        // An experience as the teacher: "it showed me how much testing matters", "this
        // reinforced that", "a humbling lesson in", "the hard way to learn".
        r"|\b(?:it|this|that|which|experience|incident|outage|project|episode|conflict|situation|mistake|failure|thing|everything|process|conversations?)(?: \w+){0,2} (?:showed|shown|reminded|reinforced|proved to|taught) (?:me|us) (?:once again |again |first-?hand )?(?:is |was )?(?:that|how|why|what|just how|the (?:importance|value|need|power|cost)|i|we)\b",
        // The speaker changed by it, whatever the subject: "it made me more careful about
        // details", "it confirmed for me that", "strengthened my belief in", "convinced me that".
        r"|\b(?:showed|shown|reminded|reinforced|taught|convinced|confirmed (?:for|to)) (?:me|us) (?:once again |again |first-?hand )?(?:that|how|why|what|just how|the (?:importance|value|need|power|cost))\b",
        r"|\bmade me (?:a )?(?:(?:much|far|a lot|a bit) )?(?:more|less|better|braver|calmer|wiser|stronger|humbler)\b|\bstrengthened my (?:belief|conviction|view|sense)\b|\bchanged my (?:view|mind|approach|thinking|perspective)\b",
        r"|\breinforced (?:for me )?(?:how|that|why|the (?:importance|value|need))\b|\blessons? (?:in|about|on) \w+ing\b|\b(?:hard|tough|painful|costly|humbling) way to learn\b|\blearning experience\b",
        r"|\b(?:what|thing|something) (?:i|we) took (?:away )?from\b",
        // A truth learned, told in the present tense: "I learned communication is the best way".
        r"|\b(?:i|we) (?:also |really )?learn(?:ed|t) (?:\w+ ){1,3}(?:is|are|matters?|needs?|can|should|must|works?|helps?|pays?)\b",
        // A habit changed since: "these days I test on prod-size data", "I've tested more
        // carefully ever since".
        r"|(?:^|[,;:] ?)[\x22“]?(?:these days|nowadays|ever since|since then|from then on),? i (?:always |now |also |still |usually )?(?:use|test|run|ask|write|check|keep|plan|make|bring|involve|start|push|set|share|document|budget|insist|try|spend|estimate|build|review|prefer|default|pair|raise|flag|measure)\b",
        r"|\bi(?:'ve| have) (?:\w+ ){0,3}(?:more|less|better|differently|always|never)\b(?: \w+){0,3} (?:ever since|since then)\b|\bever since,? it(?:'s| has) helped me\b",
        r"|\bwhat i(?:'d| would) change\b|\bthing i(?:'d| would) (?:change|do differently)\b|\bthe mistake i made\b|\breali[sz]ed (?:afterwards|later|in the end|too late|only later)\b|\bmade me (?:see|reali[sz]e|understand)\b|\bchanged how (?:i|we)\b"
    ))
});
/// A verdict in place of a lesson: "I'd do it exactly the same way again", "I wouldn't change
/// anything", "Looking back, I think it went fine".
static NO_LESSON: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(concat!(
        r"\b(?:do|done) (?:it|this|that|things|everything) (?:exactly |just |all )?(?:the same(?: way)?|again in a heartbeat)\b",
        r"|\b(?:wouldn't|wouldn’t|would not|not|never) (?:have )?changed? (?:a (?:single )?thing|anything|much)\b|\bno regrets\b",
        r"|^(?:looking back|in hindsight|in retrospect|on reflection),? (?:i think |i'd say |i guess )?(?:it|things|that|everything|the project) (?:went|worked out|turned out) (?:fine|well|ok|okay|great|pretty well|really well)\b",
    ))
});
/// What turns a verdict into a lesson after all: "the same way again, except I'd…".
static EXCEPT: LazyLock<Pattern> =
    LazyLock::new(|| pattern(r"\b(?:except|but|apart from|other than|although|though|only)\b"));
/// A skill picked up or a fact found out, not a lesson: "learned about the outage", "I learnt
/// this bug is hard" (a finding about one thing, where a lesson is about things in general).
static SKILL_ONLY: LazyLock<Pattern> = LazyLock::new(|| {
    pattern(
        r"\b(?:learn(?:ed|t)|learning) (?:about the|of the) (?:outage|incident|news|change)\b|\blearn(?:ed|t) (?:this|its|our|their|his|her) \w+ (?:is|was|were|had)\b",
    )
});

/// Verbs that open a rule of thumb ("Measure before you optimise"), beside "always",
/// "never", "don't" and a modal with its subject left out ("Should test on old devices").
const MAXIM_VERBS: &[&str] = &[
    "should",
    "must",
    "always",
    "never",
    "don't",
    "don’t",
    "measure",
    "test",
    "involve",
    "bring",
    "get",
    "keep",
    "plan",
    "check",
    "document",
    "communicate",
    "invest",
    "automate",
    "validate",
    "verify",
    "share",
    "budget",
    "escalate",
    "align",
    "listen",
    "trust",
    "assume",
    "prefer",
    "write",
    "ask",
    "start",
    "talk",
    "make",
    "treat",
    "push",
    "ship",
    "question",
    "over-communicate",
    "overcommunicate",
    "default",
    "design",
    "build",
    "pair",
    "timebox",
    "time-box",
    "say",
];

pub fn detect(answer: &Answer) -> Vec<Evidence> {
    // Under a reflection label, a rule of thumb in the imperative is the lesson itself.
    let labelled_reflection = answer
        .section(SectionName::Reflection)
        .is_some_and(|s| s.labelled);
    let mut found: Vec<Evidence> = answer
        .sentences
        .iter()
        .filter(|s| super::buzzwords::is_real_prose(s))
        .filter_map(|sentence| {
            let text = sentence.text.as_str();
            let maxim = labelled_reflection && sentence.in_section(SectionName::Reflection);
            let (start, end) = LESSON
                .find(text)
                .map(|m| (m.start(), m.end()))
                .or_else(|| {
                    maxim
                        .then(|| maxim_opening(text))
                        .flatten()
                        .map(|end| (0, end))
                })?;
            // Most sentences hold no lesson: the exclusions are read only for those that do.
            (!SKILL_ONLY.is_match(text) && !is_verdict(text))
                .then(|| Evidence::from_span(sentence, start, end))
        })
        .collect();
    for evidence in promised_lessons(answer) {
        if !found.iter().any(|e| e.line == evidence.line) {
            found.push(evidence);
        }
    }
    found.sort_by_key(|e| e.line);
    found
}

/// The first told sentence under each label that promises a lesson ("Lesson: stats are a
/// reliability matter", "**Key learnings** 1. …"): the writer has said what it is.
fn promised_lessons(answer: &Answer) -> Vec<Evidence> {
    answer
        .lesson_labels
        .iter()
        .filter_map(|&line| {
            answer
                .sentences
                .iter()
                .filter(|s| s.line >= line && s.in_section(SectionName::Reflection))
                .find(|s| s.is_spoken())
                .filter(|s| super::buzzwords::is_real_prose(s) && !is_verdict(&s.text))
                .map(|s| Evidence::from_span(s, 0, lead_words(&s.text)))
        })
        .collect()
}

/// A sentence that says the speaker would change nothing, and goes no further.
fn is_verdict(text: &str) -> bool {
    NO_LESSON
        .find(text)
        .is_some_and(|verdict| !EXCEPT.is_match(&text[verdict.end()..]))
}

/// The end of a rule of thumb's first words when `text` opens with one ("Measure before
/// optimising"): an imperative verb, or "always", "never" or "don't".
fn maxim_opening(text: &str) -> Option<usize> {
    let first = text.split_whitespace().next()?;
    let word = first
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .to_lowercase();
    if !MAXIM_VERBS.contains(&word.as_str()) {
        return None;
    }
    let clause = &text[..text.find([';', ',', ':', '—', '–']).unwrap_or(text.len())];
    Some(lead_words(clause))
}

#[cfg(test)]
mod tests {
    use crate::answer::parse;

    fn fires(text: &str) -> bool {
        !super::detect(&parse(text)).is_empty()
    }

    #[test]
    fn lessons_fire() {
        assert!(fires(
            "Next time I'd bring the data team in before the design review."
        ));
        assert!(fires(
            "I learned that every migration needs one owner per team."
        ));
        assert!(fires("In hindsight, the pilot should have been smaller."));
        assert!(fires("I would have started the capacity plan earlier."));
    }

    /// A label that names a lesson ("Lesson:", "Key learnings") promises one: the sentence
    /// after it is the lesson, whatever its words. "Reflection:" promises nothing.
    #[test]
    fn a_lesson_label_carries_its_sentence() {
        assert!(fires(
            "- **R**: Latency recovered. Lesson: keeping statistics fresh is a reliability matter."
        ));
        assert!(fires(
            "**Key learnings**\n\n1. Small migrations beat big ones."
        ));
        assert!(fires("S: The queue fell over.\nL: Capacity is a feature."));
        assert!(!fires(
            "**Action:** I profiled the job.\n\n**Reflection:** The job still runs nightly."
        ));
        assert!(!fires(
            "**Lessons learned:** I would do it exactly the same way again."
        ));
    }

    /// A rule of thumb under a reflection label is a lesson; the same words elsewhere are a
    /// step or an instruction.
    #[test]
    fn maxims_under_a_reflection_label() {
        assert!(fires(
            "**Action:** I profiled the job.\n\n**Learned:** Measure before optimizing; my first guess was wrong."
        ));
        assert!(fires(
            "**Action:** I profiled the job.\n\n**Takeaways:** Always write the rollback plan before the rollout plan."
        ));
        assert!(!fires(
            "**Action:** Measure the queue depth every minute and page when it doubles."
        ));
        assert!(!fires(
            "**Action:** I profiled the job.\n\n**Reflection:** The job still runs nightly on the old host."
        ));
    }

    #[test]
    fn skills_and_lookalikes_do_not() {
        assert!(!fires("I learned Kubernetes for the project."));
        assert!(!fires("Our machine learning pipeline ran nightly."));
        assert!(!fires("The team learned about the outage from Twitter."));
    }

    #[test]
    fn reflection_not_narration() {
        assert!(fires("I now ask for a spike before any estimate."));
        assert!(fires(
            "On reflection, I'd have been braver about killing the old API."
        ));
        assert!(!fires(
            "Looking back through the logs, I found the root cause."
        ));
        assert!(!fires("The next time the job ran, it failed again."));
        assert!(!fires("Looking back, I think it went fine."));
        assert!(!fires(
            "I'd definitely do it exactly the same way again, I don't think I'd change anything."
        ));
        assert!(fires(
            "I'd do it the same way again, except I'd bring SRE in before the design review."
        ));
        assert!(fires(
            "what i'd do different - i waited way too long to say something to him."
        ));
        assert!(fires(
            "**Lesson:** should have pulled in the pricing EM at the very start."
        ));
        assert!(!fires(
            "I realised the cache key was missing the tenant ID."
        ));
    }

    /// An experience that taught something, a truth learned in the present tense, a habit
    /// changed since: lessons without the word "lesson".
    #[test]
    fn lessons_told_as_what_changed() {
        assert!(fires(
            "It also showed me how much thorough testing matters."
        ));
        assert!(fires(
            "What this incident showed me is how much testing is worth."
        ));
        assert!(fires(
            "I learned communication is the best way to solve conflicts."
        ));
        assert!(fires("These days I use online schema change tools."));
        assert!(fires("I've tested more carefully ever since."));
        assert!(!fires("My lead showed me the dashboard."));
        assert!(!fires("I learnt this bug is hard to reproduce."));
        assert!(!fires("Since then we have had no outages."));
    }

    /// The speaker changed by what happened, whatever the sentence's subject.
    #[test]
    fn lessons_told_as_how_the_speaker_changed() {
        assert!(fires(
            "It made me more careful about details and reminded me how much testing matters."
        ));
        assert!(fires(
            "It confirmed for me that conflict, handled well, produces better designs."
        ));
        assert!(fires(
            "The experience strengthened my belief in profiling before tuning."
        ));
        assert!(!fires("He reminded me about the deadline."));
        assert!(!fires("The outage made me late for dinner."));
    }

    #[test]
    fn a_lesson_taken_away_or_kept_as_a_rule() {
        assert!(fires(
            "The team took away that feed sizes need watching as they grow."
        ));
        assert!(fires(
            "I kept a rule from it: invariants live where the data changes."
        ));
        assert!(!fires("They took away my access after the audit."));
    }
}
