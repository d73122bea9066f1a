//! What a sentence sounds like: per-section cue scores for unlabelled prose.
//!
//! A cue is a phrase a listener hears as a section marker: "my goal was" (task), "I rewrote"
//! (actions), "six months later" (results), "next time" (reflection). Scores add up; the
//! ordering and the layout are weighed later, in `infer.rs`.

use super::phrase::{PhraseSet, Words};
use super::{SectionName, deeds};
use std::borrow::Cow;
use std::sync::LazyLock;

/// Present-tense steps, for stories told in the present ("So I go to my lead and I ask ...").
const PRESENT_DEEDS: &[&str] = &[
    "put", "make", "ask", "write", "build", "move", "add", "go", "call", "tell", "start", "take",
    "fix", "change", "open", "send", "pull", "push", "split", "roll", "talk", "meet", "pair",
    "propose", "suggest", "create", "deploy", "ship", "decide", "rewrite", "set", "turn",
];

/// "-ed" words that state a feeling, a need or a fact rather than a step taken.
const NOT_DEEDS: &[&str] = &[
    "learned",
    "realized",
    "realised",
    "wanted",
    "needed",
    "noticed",
    "liked",
    "loved",
    "hoped",
    "wished",
    "worried",
    "seemed",
    "used",
    "based",
    "called",
    "named",
    "owned",
    "limited",
    "related",
    "interested",
    "tired",
    "bored",
    "excited",
    "scared",
    "concerned",
    "assumed",
    "believed",
    "expected",
    "inherited",
    "agreed",
    "supposed",
    "failed",
    "happened",
    "mentioned",
];

/// Verbs that, followed by "to", ask for or promise work rather than do it.
const INTENTS: &[&str] = &[
    "asked",
    "offered",
    "volunteered",
    "decided",
    "planned",
    "agreed",
    "promised",
    "pitched",
    "proposed",
];

/// Adverbs that may sit between "I" and the verb ("I also wrote", "I then moved").
const BETWEEN: &[&str] = &[
    "also",
    "then",
    "first",
    "quickly",
    "eventually",
    "personally",
    "immediately",
    "just",
    "finally",
    "next",
    "later",
    "actually",
    "basically",
    "carefully",
    "manually",
    "still",
];

/// Openers that may precede a verb-first fragment ("Then rewrote the job").
const OPENERS: &[&str] = &[
    "then", "first", "next", "finally", "also", "so", "and", "later",
];

/// A word as the deed checks read it: without the punctuation around it, in lower case.
fn plain(word: &str) -> Cow<'_, str> {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    if word
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Whether a word, made [`plain`], tells a step taken.
fn is_deed(plain_word: &str) -> bool {
    !NOT_DEEDS.contains(&plain_word) && deeds::is_past_deed(plain_word)
}

/// Whether `word` made [`plain`] is `target`, without copying it when it is ASCII.
fn plain_is(word: &str, target: &str) -> bool {
    let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric());
    if trimmed.is_ascii() {
        trimmed.eq_ignore_ascii_case(target)
    } else {
        plain(word) == target
    }
}

/// How strongly the sentence narrates the speaker's own steps: 2.5 for "I <did>",
/// 1.5 for a fragment that opens on a past-tense verb ("Rewrote the alerts"), else 0.
fn deed_score(text: &str) -> f32 {
    let words: Vec<&str> = if text.is_ascii() && !text.contains('\x0B') {
        // The same words, split without decoding characters.
        text.split_ascii_whitespace().take(80).collect()
    } else {
        text.split_whitespace().take(80).collect()
    };
    let is = |at: usize, target: &str| words.get(at).is_some_and(|w| plain_is(w, target));
    for i in 0..words.len() {
        if !is(i, "i") {
            continue;
        }
        let verb_at = (i + 1..words.len()).find(|&at| !BETWEEN.contains(&&*plain(words[at])));
        let verb = verb_at.map(|at| plain(words[at]));
        // "When I joined" describes the scene, not a step.
        let scene = i > 0 && matches!(&*plain(words[i - 1]), "when" | "before" | "until");
        // "I asked to lead it", "I offered to": asking for the work is the task, not a step.
        let intent = verb.as_deref().is_some_and(|v| INTENTS.contains(&v))
            && verb_at.is_some_and(|at| is(at + 1, "to"));
        if let Some(verb) = verb
            && !scene
            && !intent
        {
            if is_deed(&plain(&verb)) {
                return 2.5;
            }
            if PRESENT_DEEDS.contains(&&*verb) {
                return 2.0;
            }
        }
    }
    // "We rolled it out namespace by namespace": a step told for the team.
    let we_did = (1..words.len()).any(|at| is(at - 1, "we") && is_deed(&plain(words[at])));
    if we_did {
        return 1.0;
    }
    let first = words
        .iter()
        .map(|w| plain(w))
        .find(|w| !OPENERS.contains(&&**w));
    let passive = is(1, "by");
    match first {
        Some(verb) if is_deed(&plain(&verb)) && !passive && words.len() > 2 => 1.5,
        _ => 0.0,
    }
}

/// The cue table: (section, weight, pattern). Patterns are case-insensitive, with ASCII word
/// boundaries (see `phrase.rs`).
const CUE_TABLE: &[(SectionName, f32, &str)] = &[
    // Situation: the scene, the baseline, the pain before anyone acted.
    (
        SectionName::Situation,
        1.0,
        r"\b(used to|at the time|back (then|in)|we had|there (was|were)|had been|kept (failing|breaking|paging|crashing)|every (day|night|week|month|release|time)|legacy|manual(ly)?|flaky|baseline|nobody|no one|(was|were) (slow|painful|unreliable|expensive|fragile|brittle|stuck|growing|taking|silent|broken|failing|down))\b",
    ),
    (
        SectionName::Situation,
        2.5,
        r"^(so,? |well,? |okay,? |sure,? )?(when i (first )?(joined|took over|started|arrived|inherited|moved)|back (when|in)|(a (couple|few) of|a few|two|three|four|several|some) (years|months) ago|(at|in) my (last|previous|current|old|former|first)|last (year|spring|summer|autumn|fall|winter|quarter)|i('m| am) an? |i was (working|an? ) )",
    ),
    (SectionName::Situation, 0.6, r"\b(was|were|had)\b"),
    // Task: what the speaker was asked to do, owned, or set out to achieve.
    (
        SectionName::Task,
        3.0,
        r"\b(i was (asked|tasked|responsible|given|brought in|put in charge|made|assigned|the (owner|one))|asked( me)?( if i could)? to|(gave|handed|assigned) me|(handed|gave|passed) (it|this|that|the \w+) (over )?to me|my (job|task|goal|mandate|responsibility|mission|brief|remit|(first |top |main )?priority)|i owned|i needed to|i had to|i need to|i have to|(the|our|my) (goal|aim|objective|target|ask) was|i (was|am) accountable|success (meant|criteria|was defined|would mean)|(i|we) set out to|(volunteered|offered|signed up|decided) to|i took (on|ownership)|i wanted to (get|make|fix|find|move|reduce|bring|stop|cut|prove|change)|(was|fell to|was on) (my call|me to)|(was|fell) on me|fell to me|(i|who) (had|needed) to|(never|not) happen again|it was (up to|on) me|i was the (\w+ ){0,2}(lead|owner|dri|point person)|(it|this|that) was (mine|my (problem|call|job|responsibility))|i was (the |on )?on[- ]?call)\b",
    ),
    // Someone above set the work ("Leadership wanted us on a managed queue"); the speaker took
    // it ("the plan and its risks were mine").
    (
        SectionName::Task,
        2.5,
        r"\b((leadership|management|my (manager|boss|director|vp|skip|lead)|the (cto|ceo|vp|director|business|company|board|exec\w*))( \w+){0,2} wanted (us|me) (to|on|\w+ing)|(was|were) (all )?mine)\b",
    ),
    // What the speaker wanted is the goal ("I wanted stakeholders back in the room").
    (SectionName::Task, 1.5, r"\bi wanted\b"),
    // A time box is part of the brief ("I had one quarter to do it").
    (
        SectionName::Task,
        1.5,
        r"\b((had|have|got|given) (only |just )?(one|two|three|four|six|a|an|\d+) (days?|weeks?|months?|quarters?|sprints?) to|gave (us|me) (only |just |about |roughly )?(one|two|three|four|five|six|eight|ten|twelve|a|an|\d+) (days?|weeks?|months?|quarters?|sprints?))\b",
    ),
    // A change verb in the infinitive is a target, not an outcome ("asked to cut costs").
    (
        SectionName::Task,
        1.0,
        r"\bto (cut|reduce|improve|increase|decrease|halve|double|save|reach|hit|bring|get (it |them |that )?(down|up))\b",
    ),
    (
        SectionName::Results,
        -2.0,
        r"\bto (cut|reduce|improve|increase|decrease|halve|double|save|reach|hit)\b",
    ),
    // Actions: sequencing words and "we" steps; "I <did>" is found by `deed_score`.
    (
        SectionName::Actions,
        1.0,
        r"^(first|then|next|after that|finally|so)\b|\b(and then|then i|so i|after that|once that|we (added|built|moved|wrote|set up|introduced|rolled|migrated|shipped|ran|used|classified|converted|agreed|switched|did))\b",
    ),
    // Results: what changed after the work, usually with time passing and numbers.
    (
        SectionName::Results,
        2.5,
        r"^by (the time|then|that point|launch|go-live|the (audit|deadline|launch|release|review|cutover|end))\b|\b(as a result|in the end|ended up|the (results?|outcomes?)|(in terms of|as for|when it comes to) (the )?(results?|outcomes?|impact)|made a (big |real |huge |massive )?difference|by the end|end result|all in all|overall|since then|ever since|these days|afterwards|net effect|paid off|the upshot|(a|one|two|three|four|five|six|\d+) (days?|weeks?|months?|quarters?|years?) later|(after|^within) (about |roughly |around |only |just )?(a|one|two|three|four|five|six|\d+|the (first|next)) (\w+ )?(days?|weeks?|months?|quarters?|years?|sprints?|releases?)|after the (change|migration|rollout|launch|switch|fix|cutover|move)|in the (next|following) (\w+ )?(days?|weeks?|months?|quarters?|year)|after (we|i) (switched|moved|migrated|shipped|launched|rolled|cut|went)|we (finished|delivered|completed|launched|went live))\b",
    ),
    (
        SectionName::Results,
        2.0,
        r"\b(dropped|fell|went (from|down|up)|came down|reduced|cut|improved|increased|decreased|halved|doubled|tripled|saved|saves|shrank|grew|down to|up to|now (takes?|runs?|is|are|has|have)|no longer|hit|reached|passed|got (down|up) to|(down|up) (by )?~?\d+|instead of)\b",
    ),
    // Softer outcome verbs: weaker than "I <did>", so a step that mentions one stays a step.
    (
        SectionName::Results,
        1.5,
        r"\b(disappeared|went away|stopped|(stayed|stays|remained|remains) (up|under|below|above|at|flat|within)|held|resumed|accepted|adopted|approved|signed off|never (\w+ )?(again|since)|got promoted|was promoted|\d+ (weeks|months|years) now|went (smoothly|well|fine|live)|(went|got|came) back (to|down|up)|back to normal|recovered|without (an? )?(incident|outage|issue|problem|hitch|rollback)s?|no (more )?(incidents|outages|issues|complaints|escalations|rollbacks))\b",
    ),
    (SectionName::Results, 2.0, r"\bsince\s*([,.;]|$)"),
    (
        SectionName::Results,
        0.5,
        r"\d+(\.\d+)?\s?(%|ms|x\b|percent|minutes|hours|days|k\b|\$)",
    ),
    // "I have since ..." may be a changed habit or just more results: a mild cue.
    (SectionName::Reflection, 1.5, r"\bi('ve| have) since\b"),
    // Reflection: the lesson, hindsight, what they would change.
    (
        SectionName::Reflection,
        4.0,
        r"\b(i (also |really )?learn(ed|t)|lessons?|next time|in hindsight|looking back|if i (did|do|were to do|had to do|could do|had) (it|this|that)( \w+)? (again|over)|if i (started|began|were starting|had to start|could start) (again|over)|i('d| would) have (\w+ed|done|made|spent|set|gone|been|written|built|taken|brought|put|got|run|started|begun|pushed|asked)|i('d| would) (do|start|involve|push|spend|ask|set|also|repeat|keep|budget|change)|what i'd|differently|takeaway|took away|what i took|took from (it|this|that)|taught me|(a|great|big|valuable|real|hard) learning experience|(showed|reminded) me (how|that|why|the (value|importance))|made me (realize|realise|appreciate)|came away (knowing|with|understanding|convinced)|in retrospect|i realized|i realised|trade-?offs? (was|were|i)|the downside|the thing i'd)\b",
    ),
];

static CUES: LazyLock<PhraseSet> = LazyLock::new(|| {
    let patterns: Vec<&str> = CUE_TABLE.iter().map(|cue| cue.2).collect();
    PhraseSet::new(&patterns, Words::Narrow)
});

/// The cue score of one sentence for each section, before position and order are weighed.
pub fn cue_scores(text: &str) -> [f32; 5] {
    let mut scores = [0.0f32; 5];
    let found = CUES.matches(text);
    for (i, &(section, weight, _)) in CUE_TABLE.iter().enumerate() {
        if found & 1 << i != 0 {
            scores[section.index()] += weight;
        }
    }
    scores[SectionName::Actions.index()] += deed_score(text);
    scores
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionName::*;

    fn score(text: &str, section: SectionName) -> f32 {
        cue_scores(text)[section.index()]
    }

    #[test]
    fn when_i_joined_sets_the_scene_not_an_action() {
        let scores = cue_scores("When I took over the team, pages came in 30 times a week.");
        assert!(scores[Situation.index()] > scores[Actions.index()]);
    }

    #[test]
    fn verb_first_bullets_are_actions() {
        let scores = cue_scores("Moved indices older than 7 days to a warm tier.");
        assert!(scores[Actions.index()] > 0.0);
        assert_eq!(
            cue_scores("Used by every team for debugging.")[Actions.index()],
            0.0
        );
    }

    #[test]
    fn present_tense_steps_are_deeds() {
        assert_eq!(deed_score("So I go to my lead and I ask for a week."), 2.0);
        assert_eq!(deed_score("I think the plan was fine."), 0.0);
    }

    #[test]
    fn team_steps_are_weaker_deeds() {
        assert_eq!(deed_score("Then we rolled back the injection."), 1.0);
        assert_eq!(deed_score("We had a couple of bad ones."), 0.0);
    }

    #[test]
    fn hindsight_is_not_a_hedge() {
        assert!(score("I would have involved QA earlier.", Reflection) > 0.0);
        assert_eq!(score("It was 40%, I'd have to check.", Reflection), 0.0);
    }

    #[test]
    fn asking_for_the_work_is_not_a_step() {
        assert_eq!(deed_score("I asked to lead a clean-up."), 0.0);
        assert_eq!(deed_score("I asked the team to add a pending period."), 2.5);
    }

    #[test]
    fn feelings_are_not_deeds() {
        assert_eq!(deed_score("I learned to review the down migration."), 0.0);
        assert_eq!(deed_score("I wanted the team to trust the numbers."), 0.0);
        assert_eq!(deed_score("I also rewrote the alert rules."), 2.5);
    }

    /// The cues as they were written before: regexes.
    static REGEXES: LazyLock<Vec<regex::Regex>> = LazyLock::new(|| {
        CUE_TABLE
            .iter()
            .map(|(_, _, source)| crate::answer::phrase::testing::regex_for(source, Words::Narrow))
            .collect()
    });

    fn check_against_regexes(text: &str) {
        crate::answer::phrase::testing::assert_agrees(CUES.matches(text), &REGEXES, text);
    }

    /// The cues were regexes; they must match exactly where the regexes do.
    #[test]
    fn cues_match_where_their_regexes_do() {
        for text in crate::answer::phrase::testing::corpus_texts() {
            check_against_regexes(&text);
        }
    }

    proptest::proptest! {
        #[test]
        fn cues_match_made_up_text_like_their_regexes(
            text in crate::answer::phrase::testing::texts_from(
                &CUE_TABLE.iter().map(|c| c.2).collect::<Vec<_>>()
            )
        ) {
            check_against_regexes(&text);
        }
    }

    #[test]
    fn being_on_call_is_the_task_however_it_is_spelled() {
        for text in [
            "I was on call that week.",
            "I was on-call.",
            "I was the oncall.",
        ] {
            assert!(score(text, Task) >= 3.0, "{text}");
        }
    }

    #[test]
    fn a_target_is_a_task_not_a_result() {
        let text = "I was the platform engineer asked to cut that by a third.";
        assert!(score(text, Task) > score(text, Results));
    }
}
