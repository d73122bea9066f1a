//! The parsed answer: STAR sections with line spans, and sentences that know their section.
//!
//! `parse` runs one way: `markdown` classifies lines; `blocks` accepts labels (`labels`),
//! drops the interviewer's lines (`prompts`) and groups prose into blocks; `sentences`
//! splits them; `spans` infers what no label covers (`infer` over `cues`) and measures
//! each section's lines.

mod blocks;
pub mod cues;
pub mod deeds;
pub mod infer;
pub mod labels;
pub mod markdown;
mod phrase;
/// Every line and sentence of the corpus and samples, for tests that compare engines.
#[cfg(test)]
pub(crate) use phrase::testing::corpus_texts;
pub mod lemma;
pub mod placeholders;
pub mod prompts;
pub mod roles;
pub mod sentences;
mod spans;

use sentences::Opening;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The five parts of a STAR(R) answer, in the order they are told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionName {
    Situation,
    Task,
    Actions,
    Results,
    Reflection,
}

impl SectionName {
    pub const ALL: [SectionName; 5] = [
        SectionName::Situation,
        SectionName::Task,
        SectionName::Actions,
        SectionName::Results,
        SectionName::Reflection,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SectionName::Situation => "situation",
            SectionName::Task => "task",
            SectionName::Actions => "actions",
            SectionName::Results => "results",
            SectionName::Reflection => "reflection",
        }
    }
}

impl std::fmt::Display for SectionName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The sections a sentence belongs to: usually one, two under a combined label ("S/T:").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct SectionSet(u8);

impl SectionSet {
    pub fn of(sections: &[SectionName]) -> Self {
        SectionSet(sections.iter().fold(0, |bits, s| bits | 1 << s.index()))
    }

    pub fn contains(self, section: SectionName) -> bool {
        self.0 & (1 << section.index()) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The latest section in STAR order, used to tell whether a label moves forward.
    pub fn last(self) -> Option<SectionName> {
        SectionName::ALL
            .into_iter()
            .rev()
            .find(|s| self.contains(*s))
    }

    pub fn first(self) -> Option<SectionName> {
        SectionName::ALL.into_iter().find(|s| self.contains(*s))
    }
}

/// One section as found in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub name: SectionName,
    /// The label line when labelled, else the line where the section's first sentence starts.
    pub start_line: usize,
    pub end_line: usize,
    pub labelled: bool,
}

/// What kind of block a sentence came from; headings and table rows are not spoken prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentenceKind {
    Prose,
    ListItem,
    Heading,
    TableRow,
}

/// A sentence of prose, with where it sits.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub text: String,
    /// 1-based line on which the sentence starts.
    pub line: usize,
    /// (byte offset in `text`, line) for every line the sentence crosses after the first.
    pub breaks: Vec<(usize, usize)>,
    pub sections: SectionSet,
    pub kind: SentenceKind,
    /// Whether the sentence opens a paragraph, a line, or follows another on its line.
    pub opening: Opening,
    /// Whether it reads as spoken prose rather than a term list, worked out on first use:
    /// a dozen detectors and the keyword checks ask, and the answer never changes.
    prose: OnceLock<bool>,
    /// Its words as the learned readings take them, split on first use: the rubric picker,
    /// the substance reading and the learned signal reading each read every told sentence.
    words: OnceLock<Vec<roles::Word>>,
    /// Which of those words say something about the story (see [`roles::told_content`]),
    /// found once: the rubric picker and the substance reading both ask.
    content: OnceLock<Vec<u32>>,
}

impl Sentence {
    /// The file line on which byte `offset` of this sentence sits.
    pub fn line_at(&self, offset: usize) -> usize {
        // Binary search: detectors call this once per match, and a sentence may span many lines.
        match self.breaks.partition_point(|(start, _)| *start <= offset) {
            0 => self.line,
            i => self.breaks[i - 1].1,
        }
    }

    /// The file line on which the sentence ends.
    pub fn last_line(&self) -> usize {
        self.breaks.last().map_or(self.line, |b| b.1)
    }

    /// Whether the sentence is said aloud: prose or a list item, not a heading or a table row.
    pub fn is_spoken(&self) -> bool {
        matches!(self.kind, SentenceKind::Prose | SentenceKind::ListItem)
    }

    pub fn in_section(&self, section: SectionName) -> bool {
        self.sections.contains(section)
    }

    /// The sentence's words (see [`roles::words`]), split once.
    pub fn words(&self) -> &[roles::Word] {
        self.words.get_or_init(|| roles::words(&self.text))
    }

    /// The indices of its content words: `find()` on the first call, remembered after.
    pub fn content_once(&self, find: impl FnOnce() -> Vec<u32>) -> &[u32] {
        self.content.get_or_init(find)
    }

    /// `classify(self)`, computed on the first call and remembered for the later ones.
    pub fn prose_once(&self, classify: impl FnOnce(&Sentence) -> bool) -> bool {
        *self.prose.get_or_init(|| classify(self))
    }
}

/// Optional metadata an answer may carry in YAML front matter.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub struct FrontMatter {
    pub question: Option<String>,
    pub rubric: Option<String>,
    /// `status: draft` declares the answer unfinished: its placeholders are still reported, but
    /// do not fail it. `final` (or nothing) holds it to the bar.
    pub status: Option<Status>,
}

/// Whether the writer says an answer is finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Final,
}

impl Status {
    /// `draft` or `final` in any case; anything else is not a status coach knows.
    pub fn parse(text: &str) -> Option<Status> {
        match text.trim().to_ascii_lowercase().as_str() {
            "draft" => Some(Status::Draft),
            "final" => Some(Status::Final),
            _ => None,
        }
    }
}

/// A parsed answer: everything the detectors and the scorer need, and nothing about files.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    pub front_matter: FrontMatter,
    /// A heading before any prose, usually the question being answered.
    pub title: Option<String>,
    /// Whether the title is an interviewer's line ("Q: …"), a question however it ends.
    pub title_asked: bool,
    pub sections: Vec<Section>,
    pub sentences: Vec<Sentence>,
    /// Spoken words: prose and list items, not headings, labels or tables.
    pub words: usize,
    /// Problems that did not stop parsing (for example unreadable front matter).
    pub warnings: Vec<String>,
    /// Lines of labels that promise a lesson ("Lesson:", "Key learnings", "L:").
    pub lesson_labels: Vec<usize>,
    /// The marks of an unfinished answer, one per line, in line order; masked out of the
    /// sentences, so they earn nothing.
    pub placeholders: Vec<placeholders::Placeholder>,
}

impl Answer {
    pub fn section(&self, name: SectionName) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    /// The question the answer states: in its front matter, or as its title when the title is
    /// one (an interviewer's line, a line that asks "…?", or one that opens as questions do,
    /// "Tell me about a time …").
    pub fn question(&self) -> Option<&str> {
        self.front_matter
            .question
            .as_deref()
            .or(self.title.as_deref().filter(|t| {
                self.title_asked || t.trim_end().ends_with('?') || prompts::is_prompt(t)
            }))
    }

    pub fn has_section(&self, name: SectionName) -> bool {
        self.section(name).is_some()
    }

    /// The first spoken sentence of a section (headings inside it are skipped when there is
    /// prose), for showing how a section opens.
    pub fn opening(&self, name: SectionName) -> Option<&Sentence> {
        let mut in_section = self.sentences.iter().filter(|s| s.in_section(name));
        let first = in_section.clone().next();
        in_section.find(|s| s.is_spoken()).or(first)
    }

    /// True when at least one section came from an explicit label.
    pub fn is_labelled(&self) -> bool {
        self.sections.iter().any(|s| s.labelled)
    }
}

/// Parses markdown text (LF line ends) into an [`Answer`].
pub fn parse(text: &str) -> Answer {
    parse_walked(text, &markdown::walk(text))
}

/// [`parse`] for text whose lines [`markdown::walk`] has already classified.
pub fn parse_walked(text: &str, lines: &[markdown::Line]) -> Answer {
    let mut answer = Answer::default();
    if let Some(yaml) = markdown::front_matter(text) {
        match crate::yaml::front_matter(&yaml) {
            Ok(front_matter) => answer.front_matter = front_matter,
            Err(message) => answer
                .warnings
                .push(format!("front matter ignored: {message}")),
        }
    }
    let marked = placeholders::mark(lines);
    let lines: &[markdown::Line] = &marked.lines;
    answer.placeholders = marked.found;
    let walked = blocks::split_blocks(lines);
    answer.title_asked = walked.title_asked;
    answer.title = walked.title;
    answer.lesson_labels = walked.lesson_labels.clone();
    let mut sentences = blocks::to_sentences(&walked.blocks);
    let labelled = !walked.starts.is_empty();
    spans::infer_unlabelled(
        &mut sentences,
        walked.starts.first().map(|s| s.1),
        &walked.hints,
    );
    answer.sections = if labelled {
        let mut starts: Vec<(usize, SectionSet, bool)> = walked
            .starts
            .iter()
            .map(|&(l, set)| (l, set, true))
            .collect();
        for (line, set) in spans::unlabelled_tails(&mut sentences, &walked.starts) {
            starts.push((line, set, false));
        }
        starts.sort_by_key(|s| s.0);
        spans::labelled_spans(&starts, lines)
    } else {
        spans::inferred_spans(&sentences)
    };
    if labelled {
        // Preamble prose inferred before the first label becomes an inferred section.
        for section in spans::inferred_spans(&sentences) {
            if !answer.has_section(section.name) {
                answer.sections.push(section);
            }
        }
        answer.sections.sort_by_key(|s| (s.name, s.start_line));
    }
    answer.words = sentences
        .iter()
        .filter(|s| s.is_spoken())
        .map(|s| count_words(&s.text))
        .sum();
    answer.sentences = sentences;
    empty_sections(&mut answer, lines);
    answer
}

/// A labelled section with nothing told under it ("## Results" and then the next label) is a
/// label the writer meant to fill, unless a placeholder inside it already says so.
fn empty_sections(answer: &mut Answer, lines: &[markdown::Line]) {
    for section in answer.sections.iter().filter(|s| s.labelled) {
        let told = answer.sentences.iter().any(|s| s.in_section(section.name));
        let marked = answer
            .placeholders
            .iter()
            .any(|p| (section.start_line..=section.end_line).contains(&p.line));
        if told || marked {
            continue;
        }
        let content = lines
            .get(section.start_line.saturating_sub(1))
            .map_or("", |l| l.content.as_str())
            .trim();
        answer.placeholders.push(placeholders::Placeholder {
            line: section.start_line,
            kind: placeholders::Kind::EmptyLabel,
            text: content.to_string(),
            context: content.to_string(),
        });
    }
    answer.placeholders.sort_by_key(|p| p.line);
}

/// Words as a listener hears them: tokens with at least one letter or digit.
pub fn count_words(text: &str) -> usize {
    // One pass: a token counts at its first letter or digit.
    let mut words = 0;
    let mut counted = false;
    for c in text.chars() {
        if c.is_whitespace() {
            counted = false;
        } else if !counted && c.is_alphanumeric() {
            words += 1;
            counted = true;
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionName::*;

    /// The parts holding the sentence of `text` that opens with `opening`.
    fn sections_of(text: &str, opening: &str) -> SectionSet {
        parse(text)
            .sentences
            .iter()
            .find(|s| s.text.starts_with(opening))
            .unwrap_or_else(|| panic!("no sentence opens with {opening:?}"))
            .sections
    }

    fn starts(text: &str) -> Vec<(SectionName, usize, bool)> {
        parse(text)
            .sections
            .iter()
            .map(|s| (s.name, s.start_line, s.labelled))
            .collect()
    }

    #[test]
    fn headings_split_sections() {
        let text = "# How I cut deploy time?\n\n## Situation\nDeploys were slow.\n\n## Task\nI owned it.\n\n## Actions\nI cached builds.\n### Step 2\nI sharded tests.\n\n## Results\nDeploys fell to 9 minutes.\n";
        assert_eq!(
            starts(text),
            vec![
                (Situation, 3, true),
                (Task, 6, true),
                (Actions, 9, true),
                (Results, 14, true)
            ]
        );
        let answer = parse(text);
        assert_eq!(answer.title.as_deref(), Some("How I cut deploy time?"));
        let step = answer
            .sentences
            .iter()
            .find(|s| s.text == "Step 2")
            .unwrap();
        assert!(step.in_section(Actions));
    }

    #[test]
    fn combined_label_covers_both_sections() {
        let answer =
            parse("S/T: Builds were slow and I owned fixing them.\nA: I cached.\nR: 9 minutes.");
        assert_eq!(answer.sections[0].name, Situation);
        assert_eq!(answer.sections[1].name, Task);
        assert_eq!(answer.sections[1].start_line, 1);
        assert!(answer.sentences[0].in_section(Task));
    }

    #[test]
    fn lone_a_after_q_is_not_actions() {
        let answer = parse("Q: Tell me about a failure.\nA: I once broke prod.");
        assert!(!answer.is_labelled());
    }

    #[test]
    fn weak_label_inside_its_own_section_is_content() {
        let answer = parse("**Results:**\n- Impact: 40% fewer pages\n- Cost: down 22%");
        assert_eq!(answer.sections.len(), 1);
        assert_eq!(answer.sentences[0].text, "Impact: 40% fewer pages");
    }

    #[test]
    fn unlabelled_prose_is_inferred() {
        let answer = parse(
            "At my last job our builds took an hour and failed every week. My goal was to get them\nunder ten minutes. I moved them to cached runners and I split the slow suites. As a\nresult builds dropped to 8 minutes. Next time I would involve QA earlier.",
        );
        let names: Vec<_> = answer
            .sections
            .iter()
            .map(|s| (s.name, s.start_line))
            .collect();
        assert_eq!(
            names,
            vec![
                (Situation, 1),
                (Task, 1),
                (Actions, 2),
                (Results, 2),
                (Reflection, 3)
            ]
        );
        assert!(!answer.is_labelled());
    }

    #[test]
    fn transcript_skips_the_interviewer_and_follows_follow_ups() {
        let text = "Q: Tell me about an incident.\n\nA: Last spring our API returned 502s for a fifth of calls.\nI rolled back the deploy and raised the pool size.\n\nQ: And what happened?\n\nA: Errors were gone within ten minutes.";
        let found: Vec<_> = parse(text)
            .sections
            .iter()
            .map(|s| (s.name, s.start_line))
            .collect();
        assert_eq!(found, vec![(Situation, 3), (Actions, 4), (Results, 8)]);
        assert_eq!(
            parse(text).title.as_deref(),
            Some("Tell me about an incident.")
        );
        // The interviewer's lines are not spoken by the candidate.
        assert_eq!(parse(text).words, 27);
    }

    #[test]
    fn labels_inside_a_line_start_there() {
        let text = "**Situation:** The queue backed up. **Task:** I had to fix it.\nI added consumers. **Result:** lag fell to 3 minutes.";
        assert_eq!(
            starts(text),
            vec![(Situation, 1, true), (Task, 1, true), (Results, 2, true)]
        );
        assert!(sections_of(text, "I added consumers.").contains(Task));
    }

    #[test]
    fn deeper_headings_are_sub_headings() {
        let text = "## Situation\nDeploys broke weekly.\n## Actions\n### Results of the audit\nHalf were config errors.\n## Results\nIncidents fell by 60%.";
        assert_eq!(
            starts(text),
            vec![(Situation, 1, true), (Actions, 3, true), (Results, 6, true)]
        );
    }

    #[test]
    fn label_level_is_where_most_headings_read_as_labels() {
        // "### Impact" is an exact label word, but the parts are the "##" headings.
        let text = "## The setup\nSlow.\n## What I was asked to do\nFix it.\n## How I went about it\nI cached.\n## How it turned out\n### Impact\n8 minutes.";
        assert_eq!(
            starts(text),
            vec![
                (Situation, 1, true),
                (Task, 3, true),
                (Actions, 5, true),
                (Results, 7, true)
            ]
        );
    }

    #[test]
    fn question_above_the_answer_is_a_title() {
        let answer = parse(
            "**Tell me about a time you disagreed with your manager.**\n\nAt my last company my manager wanted to skip load tests.",
        );
        assert_eq!(answer.sections[0].start_line, 3);
        assert!(answer.title.unwrap().contains("disagreed"));
        let answer =
            parse("Describe a time you failed.\n\nOur nightly backup had been failing for a week.");
        assert_eq!(answer.sections[0].start_line, 3);
    }

    #[test]
    fn an_answer_pasted_wholly_in_bold_is_the_answer_not_its_title() {
        let answer = parse(
            "**\"On our billing service I pushed back on one synchronous upgrade call. I built a small proof of concept showing that an event-driven flow brought response time down from 5 s to 400 ms. Once the team saw it they agreed.\"**",
        );
        assert_eq!(answer.title, None);
        assert_eq!(answer.sections[0].start_line, 1);
        assert!(answer.sentences.iter().any(|s| s.text.contains("400 ms")));
    }

    #[test]
    fn numbered_and_decorated_labels() {
        let text =
            "## 1. Situation\nSlow.\n## 2. Actions I took\nI cached.\n\n📈 **Result:** 8 minutes.";
        assert_eq!(
            starts(text),
            vec![(Situation, 1, true), (Actions, 3, true), (Results, 6, true)]
        );
    }

    #[test]
    fn parts_named_in_brackets_after_or_before_their_text() {
        let after = "I owned the gateway (S). Traffic doubled and p99 broke the SLO (T).\nI sharded the map (A). p99 fell to 110 ms (R).";
        assert_eq!(
            starts(after),
            vec![
                (Situation, 1, true),
                (Task, 1, true),
                (Actions, 2, true),
                (Results, 2, true)
            ]
        );
        assert!(sections_of(after, "p99 fell").contains(Results));
        let before = "(S) The disk filled up. (T) I had to free space. (A) I rotated the logs. (R) It never filled again.";
        assert!(sections_of(before, "I rotated").contains(Actions));
        // One bracketed letter, or lower-case list items, name no part.
        assert!(
            parse("We had two choices: (a) wait, (b) ship. I picked (A) in the end.")
                .sections
                .iter()
                .all(|s| !s.labelled)
        );
    }

    #[test]
    fn a_resolution_is_the_result() {
        let text = "- Situation: The build broke.\n- Action: I pinned the version.\n- Resolution: Builds passed again.";
        assert_eq!(
            starts(text),
            vec![(Situation, 1, true), (Actions, 2, true), (Results, 3, true)]
        );
    }

    #[test]
    fn one_letter_headings_are_labels_when_several_appear() {
        let text = "## S\nSlow builds.\n## A\nI cached them.\n## R\n8 minutes.";
        assert_eq!(
            starts(text),
            vec![(Situation, 1, true), (Actions, 3, true), (Results, 5, true)]
        );
    }

    #[test]
    fn a_star_table_is_read_row_by_row() {
        let text = "| Part | Story |\n| :--- | :--- |\n| **S (Situation)** | Builds took 45 minutes. |\n\
                    | **T (Task)** | Halve them. |\n| **A (Action)** | I cached the dependencies. |\n\
                    | **R (Result)** | Builds take 18 minutes. |\n";
        assert_eq!(
            starts(text),
            vec![
                (Situation, 3, true),
                (Task, 4, true),
                (Actions, 5, true),
                (Results, 6, true)
            ]
        );
        let answer = parse(text);
        assert!(answer.words > 10, "the cells are what was said");
        // The labels across the top, the story in the row below.
        let across = "| Situation | Task | Action | Result |\n|---|---|---|---|\n\
                      | Builds took 45 minutes. | Halve them. | I cached the dependencies. | 18 minutes now. |\n";
        assert_eq!(
            starts(across),
            vec![
                (Situation, 3, true),
                (Task, 3, true),
                (Actions, 3, true),
                (Results, 3, true)
            ]
        );
    }

    #[test]
    fn table_rows_and_code_never_start_a_section() {
        let text = "**Action:** I rewrote the job.\n\n```\nResult: 1\n```\n\n| Result | 4m |\n|---|---|\n\n**Result:** no failures since.";
        assert_eq!(starts(text), vec![(Actions, 1, true), (Results, 10, true)]);
    }

    proptest::proptest! {
        /// Any mix of markdown, labels and transcript markers parses without a panic, and
        /// every section lies inside the file in STAR order.
        #[test]
        fn parse_never_panics(pieces in proptest::collection::vec(proptest::sample::select(vec![
            "**", "*", "_", "S:", "Q: what happened?", "A:", "**Task:** ", " ", "\n", "\n\n",
            "# ", "### ", "> ", "- ", "1. ", "| a |", "```", "—", "📍", "Result", "Situation - ",
            "I rewrote it", ". ", "as a result ", "next time ", "(", "<!--", "-->", "===", "---",
            "é", "i learned. ", "How it turned out",
        ]), 0..120)) {
            let text = pieces.concat();
            let answer = parse(&text);
            let lines = text.split('\n').count();
            for section in &answer.sections {
                proptest::prop_assert!(section.start_line >= 1);
                proptest::prop_assert!(section.start_line <= section.end_line);
                proptest::prop_assert!(section.end_line <= lines);
            }
        }
    }

    #[test]
    fn unlabelled_parts_after_the_last_label_are_inferred() {
        let text = "**Situation:** The ETL failed twice a week.\n\n**Action:** I added retries.\n\nI also wrote a runbook.\n\nSix weeks later the job had not failed once.\n\nLooking back, I should have split the job sooner.";
        assert_eq!(
            starts(text),
            vec![
                (Situation, 1, true),
                (Actions, 3, true),
                (Results, 7, false),
                (Reflection, 9, false)
            ]
        );
        let answer = parse(text);
        assert_eq!(answer.section(Actions).unwrap().end_line, 5);
    }

    #[test]
    fn a_part_the_answer_labels_is_not_inferred_elsewhere() {
        // The results are labelled later, so the strong cue inside actions stays in actions.
        let text = "**Action:** I added retries.\n\nAs a result the job ran faster, which let me move on.\n\n**Result:** No failures in six weeks.";
        assert_eq!(starts(text), vec![(Actions, 1, true), (Results, 5, true)]);
    }

    proptest::proptest! {
        /// Counting in one pass agrees with splitting on whitespace and keeping tokens that
        /// hold a letter or digit.
        #[test]
        fn words_are_tokens_with_a_letter_or_digit(text in "[a-z1 \\t\\n\\r\u{B}\u{C}.,é—\u{A0}\u{2003}-]{0,40}") {
            let split = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            proptest::prop_assert_eq!(count_words(&text), split);
        }
    }

    #[test]
    fn words_exclude_headings_and_labels() {
        let answer = parse("## Situation\nOne two three.\n**Task:** four five");
        assert_eq!(answer.words, 5);
    }
}
