//! The parsed answer: STAR sections with line spans, and sentences that know their section.

pub mod cues;
pub mod infer;
pub mod labels;
pub mod markdown;
pub mod prompts;
pub mod sentences;

use labels::{Label, Strength};
use markdown::{Line, LineKind};
use sentences::{Block, Opening};
use serde::{Deserialize, Serialize};

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
}

impl Sentence {
    /// The file line on which byte `offset` of this sentence sits.
    pub fn line_at(&self, offset: usize) -> usize {
        self.breaks
            .iter()
            .take_while(|(start, _)| *start <= offset)
            .last()
            .map_or(self.line, |(_, line)| *line)
    }

    pub fn in_section(&self, section: SectionName) -> bool {
        self.sections.contains(section)
    }
}

/// Optional metadata an answer may carry in YAML front matter.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub struct FrontMatter {
    pub question: Option<String>,
    pub rubric: Option<String>,
}

/// A parsed answer: everything the detectors and the scorer need, and nothing about files.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    pub front_matter: FrontMatter,
    /// A heading before any prose, usually the question being answered.
    pub title: Option<String>,
    pub sections: Vec<Section>,
    pub sentences: Vec<Sentence>,
    /// Spoken words: prose and list items, not headings, labels or tables.
    pub words: usize,
    /// Problems that did not stop parsing (for example unreadable front matter).
    pub warnings: Vec<String>,
}

impl Answer {
    pub fn section(&self, name: SectionName) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    pub fn has_section(&self, name: SectionName) -> bool {
        self.section(name).is_some()
    }

    /// The first spoken sentence of a section (headings inside it are skipped when there is
    /// prose), for showing how a section opens.
    pub fn opening(&self, name: SectionName) -> Option<&Sentence> {
        let mut in_section = self.sentences.iter().filter(|s| s.in_section(name));
        let first = in_section.clone().next();
        in_section
            .find(|s| matches!(s.kind, SentenceKind::Prose | SentenceKind::ListItem))
            .or(first)
    }

    /// True when at least one section came from an explicit label.
    pub fn is_labelled(&self) -> bool {
        self.sections.iter().any(|s| s.labelled)
    }
}

/// Parses markdown text (LF line ends) into an [`Answer`].
pub fn parse(text: &str) -> Answer {
    let lines = markdown::walk(text);
    let mut answer = Answer::default();
    if let Some(yaml) = markdown::front_matter(text) {
        match crate::yaml::front_matter(&yaml) {
            Ok(front_matter) => answer.front_matter = front_matter,
            Err(message) => answer
                .warnings
                .push(format!("front matter ignored: {message}")),
        }
    }
    let walked = split_blocks(&lines);
    answer.title = walked.title;
    let mut sentences = to_sentences(&walked.blocks);
    let labelled = !walked.starts.is_empty();
    infer_unlabelled(
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
        for (line, set) in unlabelled_tails(&mut sentences, &walked.starts) {
            starts.push((line, set, false));
        }
        starts.sort_by_key(|s| s.0);
        labelled_spans(&starts, &lines)
    } else {
        inferred_spans(&sentences)
    };
    if labelled {
        // Preamble prose inferred before the first label becomes an inferred section.
        for section in inferred_spans(&sentences) {
            if !answer.has_section(section.name) {
                answer.sections.push(section);
            }
        }
        answer.sections.sort_by_key(|s| (s.name, s.start_line));
    }
    answer.words = sentences
        .iter()
        .filter(|s| matches!(s.kind, SentenceKind::Prose | SentenceKind::ListItem))
        .map(|s| count_words(&s.text))
        .sum();
    answer.sentences = sentences;
    answer
}

/// Words as a listener hears them: tokens with at least one letter or digit.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

struct PendingBlock {
    block: Block,
    sections: SectionSet,
    kind: SentenceKind,
}

struct Walked {
    title: Option<String>,
    blocks: Vec<PendingBlock>,
    /// (line, sections) for every accepted label, in file order.
    starts: Vec<(usize, SectionSet)>,
    /// (line, section) where an interviewer's follow-up asked for a part of the story; the
    /// first sentence after that line leans towards it.
    hints: Vec<(usize, SectionName)>,
}

/// Walks the lines once: accepts labels, groups prose into blocks tagged with their section.
fn split_blocks(lines: &[Line]) -> Walked {
    let mut walker = Walker {
        letters_ok: letter_labels_believable(lines),
        label_level: label_heading_level(lines),
        current: SectionSet::default(),
        open: None,
        walked: Walked {
            title: None,
            blocks: Vec::new(),
            starts: Vec::new(),
            hints: Vec::new(),
        },
    };
    for (i, line) in lines.iter().enumerate() {
        match line.kind {
            LineKind::Blank
            | LineKind::Rule
            | LineKind::Code
            | LineKind::Comment
            | LineKind::FrontMatter => walker.close(),
            LineKind::TableRow => walker.table_row(line),
            LineKind::Heading | LineKind::Text => {
                let ends_paragraph = lines
                    .get(i + 1)
                    .is_none_or(|next| next.kind != LineKind::Text || next.list_item);
                walker.text_line(line, ends_paragraph);
            }
        }
    }
    walker.close();
    walker.walked
}

/// State of the line walk: the section in force and the block being filled.
struct Walker {
    letters_ok: bool,
    /// The heading level that carries labels; other headings are titles or sub-headings.
    label_level: Option<u8>,
    current: SectionSet,
    open: Option<PendingBlock>,
    walked: Walked,
}

impl Walker {
    fn close(&mut self) {
        if let Some(block) = self.open.take()
            && !block.block.is_empty()
        {
            self.walked.blocks.push(block);
        }
    }

    /// Table rows are never labels; they stay in the section around them.
    fn table_row(&mut self, line: &Line) {
        self.close();
        if !line.content.is_empty() {
            let mut block = Block::default();
            block.push_line(line.number, &line.content);
            self.walked.blocks.push(PendingBlock {
                block,
                sections: self.current,
                kind: SentenceKind::TableRow,
            });
        }
    }

    /// Nothing of the answer has been seen yet: a heading or prompt here is the question.
    fn before_answer(&self) -> bool {
        self.walked.blocks.is_empty()
            && self.open.is_none()
            && self.current.is_empty()
            && self.walked.title.is_none()
    }

    fn text_line(&mut self, line: &Line, ends_paragraph: bool) {
        let heading = line.kind == LineKind::Heading;
        let detected = if !heading {
            labels::detect(&line.content)
        } else if self.label_level == Some(line.level) {
            labels::detect_heading(&line.content)
        } else {
            None
        };
        let label = detected.filter(|label| self.accept(label, line, heading));
        let mut content = match &label {
            Some(label) => label.rest,
            None => line.content.as_str(),
        };
        let mut starts_block = label.is_some() || heading || line.list_item;
        if label.is_none() && !heading {
            match prompts::speaker(content) {
                // The interviewer's words are not part of the answer.
                Some((prompts::Speaker::Interviewer, question)) => {
                    if self.before_answer() {
                        self.walked.title = Some(question.to_string());
                    }
                    self.close();
                    if let Some(section) = prompts::asks_for(question) {
                        self.walked.hints.push((line.number, section));
                    }
                    return;
                }
                Some((prompts::Speaker::Candidate, rest)) => {
                    content = rest;
                    starts_block = true;
                }
                None => {}
            }
        }
        if label.is_none() && self.before_answer() {
            let whole_line_emphasis = is_wholly_emphasised(content) && ends_paragraph;
            if heading || whole_line_emphasis || prompts::is_prompt(content) {
                self.walked.title = Some(line.content.clone());
                return;
            }
        }
        if let Some(label) = &label {
            self.enter(SectionSet::of(&label.sections), line.number);
        }
        let kind = if heading && label.is_none() {
            SentenceKind::Heading
        } else if line.list_item {
            SentenceKind::ListItem
        } else {
            SentenceKind::Prose
        };
        if starts_block || self.open.is_none() {
            self.close();
            self.open_block(kind);
        }
        // Labels may also start inside the line ("... backed up. **Task:** I ...").
        let mut rest = content;
        while !heading && let Some((at, inline)) = labels::find_inline(rest) {
            if !self.accept(&inline, line, false) {
                break;
            }
            self.push_text(line.number, &rest[..at]);
            self.close();
            self.enter(SectionSet::of(&inline.sections), line.number);
            self.open_block(kind);
            rest = inline.rest;
        }
        self.push_text(line.number, rest);
        if heading {
            self.close();
        }
    }

    fn enter(&mut self, sections: SectionSet, line: usize) {
        if sections != self.current {
            self.current = sections;
            self.walked.starts.push((line, sections));
        }
    }

    fn open_block(&mut self, kind: SentenceKind) {
        self.open = Some(PendingBlock {
            block: Block::default(),
            sections: self.current,
            kind,
        });
    }

    fn push_text(&mut self, line: usize, text: &str) {
        if let Some(block) = self.open.as_mut()
            && !text.trim().is_empty()
        {
            block.block.push_line(line, text);
        }
    }

    fn accept(&self, label: &Label<'_>, line: &Line, heading: bool) -> bool {
        accept_label(label, self.current, line, heading, self.letters_ok)
    }
}

/// The heading level that carries the STAR labels: the shallowest level with a heading that
/// is exactly a label ("## Results"), else the level with the most headings when it has at
/// least three (headings such as "How it turned out"). Headings at other levels are the
/// question above the answer or sub-headings inside a section.
fn label_heading_level(lines: &[Line]) -> Option<u8> {
    let headings = || lines.iter().filter(|l| l.kind == LineKind::Heading);
    let exact = headings()
        .filter(|l| labels::detect(&l.content).is_some())
        .map(|l| l.level)
        .min();
    exact.or_else(|| {
        let mut counts = [0usize; 7];
        for line in headings() {
            counts[usize::from(line.level.min(6))] += 1;
        }
        let (level, count) = counts
            .iter()
            .enumerate()
            .rev()
            .max_by_key(|(_, count)| **count)?;
        (*count >= 3).then_some(level as u8)
    })
}

/// `**Tell me about a time ...**`: a line that is one emphasised span.
fn is_wholly_emphasised(content: &str) -> bool {
    let content = content.trim();
    ["**", "__"].iter().any(|marker| {
        content.len() > 2 * marker.len()
            && content.starts_with(marker)
            && content.ends_with(marker)
            && !content[marker.len()..content.len() - marker.len()].contains(marker)
    })
}

/// One-letter labels ("A:") are believed only when at least two different ones appear,
/// so a lone "A:" answering a "Q:" is not taken for actions.
fn letter_labels_believable(lines: &[Line]) -> bool {
    let mut seen = SectionSet::default();
    for line in lines {
        let label = match line.kind {
            LineKind::Text => labels::detect(&line.content),
            LineKind::Heading => labels::detect_heading(&line.content),
            _ => None,
        };
        if let Some(label) = label
            && label.letter
        {
            seen = SectionSet(seen.0 | SectionSet::of(&label.sections).0);
        }
    }
    seen.0.count_ones() >= 2
}

fn accept_label(
    label: &Label<'_>,
    current: SectionSet,
    line: &Line,
    heading: bool,
    letters_ok: bool,
) -> bool {
    if label.letter && !letters_ok {
        return false;
    }
    let target = SectionSet::of(&label.sections);
    if label.strength == Strength::Strong {
        return true;
    }
    if target == current {
        return false;
    }
    let forward = match (current.last(), target.first()) {
        (None, _) => true,
        (Some(now), Some(next)) => next > now,
        _ => false,
    };
    // A weak word as a bullet with text after it is a sub-point, not a new section.
    let sub_point = line.list_item && !label.rest.is_empty() && !heading;
    forward && !sub_point
}

fn to_sentences(blocks: &[PendingBlock]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for pending in blocks {
        let block = &pending.block;
        let spans = match pending.kind {
            SentenceKind::Heading | SentenceKind::TableRow => vec![(0, block.text.len())],
            _ => sentences::split(&block.text),
        };
        for (start, end) in spans {
            let text = block.text[start..end].to_string();
            let line = block.line_at(start);
            let breaks = block
                .lines
                .iter()
                .filter(|(offset, _)| *offset > start && *offset < end)
                .map(|(offset, line)| (offset - start, *line))
                .collect();
            out.push(Sentence {
                text,
                line,
                breaks,
                sections: pending.sections,
                kind: pending.kind,
                opening: block.opening_at(start),
            });
        }
    }
    out
}

/// Gives sections to sentences no label covers: the whole answer when it has no labels,
/// else the preamble before the first label (only sections that come before that label).
fn infer_unlabelled(
    sentences: &mut [Sentence],
    first_label: Option<SectionSet>,
    hints: &[(usize, SectionName)],
) {
    let indices: Vec<usize> = sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.sections.is_empty() && s.kind != SentenceKind::TableRow && !prompts::is_meta(&s.text)
        })
        .map(|(i, _)| i)
        .collect();
    if indices.is_empty() {
        return;
    }
    let mut units: Vec<infer::Unit<'_>> = indices
        .iter()
        .map(|&i| infer::Unit {
            text: &sentences[i].text,
            opening: sentences[i].opening,
            hint: None,
        })
        .collect();
    // Each follow-up question hints at the first sentence after it (both are in line order).
    let mut at = 0;
    for &(line, section) in hints {
        while at < indices.len() && sentences[indices[at]].line <= line {
            at += 1;
        }
        if let Some(unit) = units.get_mut(at) {
            unit.hint = Some(section);
        }
    }
    let inferred = infer::infer(&units);
    let limit = first_label.and_then(SectionSet::first);
    for (&i, section) in indices.iter().zip(inferred) {
        if limit.is_none_or(|first| section < first) {
            sentences[i].sections = SectionSet::of(&[section]);
        }
    }
    // Table rows in unlabelled answers follow the sentence before them.
    let mut last = SectionSet::default();
    for sentence in sentences.iter_mut() {
        if sentence.kind == SentenceKind::TableRow && sentence.sections.is_empty() {
            sentence.sections = last;
        }
        last = sentence.sections;
    }
}

/// Paragraphs after a label that plainly tell a later part the answer never labels
/// ("**Action:** ... Six weeks later the job had not failed once.") start that part,
/// inferred. Returns (line, section) for each such start and moves the sentences over.
fn unlabelled_tails(
    sentences: &mut [Sentence],
    starts: &[(usize, SectionSet)],
) -> Vec<(usize, SectionSet)> {
    const ENOUGH: f32 = 2.5;
    const MARGIN: f32 = 1.0;
    let labelled = SectionSet(starts.iter().fold(0, |bits, s| bits | s.1.0));
    let mut found = Vec::new();
    let mut run = SectionSet::default();
    let mut now: Option<SectionName> = None;
    let mut seen_block = false;
    let mut next_label = 0;
    for sentence in sentences.iter_mut() {
        if sentence.sections.is_empty() {
            continue;
        }
        if sentence.sections != run {
            run = sentence.sections;
            now = run.last();
            seen_block = false;
        }
        while next_label < starts.len() && starts[next_label].0 <= sentence.line {
            next_label += 1;
        }
        let ceiling = starts.get(next_label).and_then(|s| s.1.first());
        if sentence.opening == Opening::Block && sentence.kind == SentenceKind::Prose {
            if seen_block && let Some(current) = now {
                let scores = cues::cue_scores(&sentence.text);
                let best = SectionName::ALL
                    .into_iter()
                    .filter(|s| *s > current && ceiling.is_none_or(|c| *s < c))
                    .filter(|s| !labelled.contains(*s))
                    .max_by(|a, b| scores[a.index()].total_cmp(&scores[b.index()]));
                if let Some(next) = best
                    && scores[next.index()] >= ENOUGH
                    && scores[next.index()] >= scores[current.index()] + MARGIN
                {
                    now = Some(next);
                    found.push((sentence.line, SectionSet::of(&[next])));
                }
            }
            seen_block = true;
        }
        if let Some(current) = now
            && !run.contains(current)
        {
            sentence.sections = SectionSet::of(&[current]);
        }
    }
    found
}

/// Spans for labelled answers: each start (a label, or a part found after one) opens a
/// section that runs to the next start.
fn labelled_spans(starts: &[(usize, SectionSet, bool)], lines: &[Line]) -> Vec<Section> {
    let last_content_line = |from: usize, before: usize| -> usize {
        lines
            .iter()
            .filter(|l| l.number >= from && l.number < before)
            .filter(|l| !matches!(l.kind, LineKind::Blank | LineKind::Rule))
            .map(|l| l.number)
            .next_back()
            .unwrap_or(from)
    };
    let mut sections: Vec<Section> = Vec::new();
    for (i, (start, set, labelled)) in starts.iter().enumerate() {
        let next = starts.get(i + 1).map_or(usize::MAX, |s| s.0);
        let end = last_content_line(*start, next);
        for name in SectionName::ALL.into_iter().filter(|n| set.contains(*n)) {
            match sections.iter_mut().find(|s| s.name == name) {
                Some(existing) => existing.end_line = existing.end_line.max(end),
                None => sections.push(Section {
                    name,
                    start_line: *start,
                    end_line: end,
                    labelled: *labelled,
                }),
            }
        }
    }
    sections.sort_by_key(|s| (s.name, s.start_line));
    sections
}

/// Spans for inferred sections: from the first sentence to the last one assigned.
fn inferred_spans(sentences: &[Sentence]) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    for sentence in sentences {
        let end = sentence.breaks.last().map_or(sentence.line, |b| b.1);
        for name in SectionName::ALL {
            if !sentence.in_section(name) {
                continue;
            }
            match sections.iter_mut().find(|s| s.name == name) {
                Some(section) => section.end_line = section.end_line.max(end),
                None => sections.push(Section {
                    name,
                    start_line: sentence.line,
                    end_line: end,
                    labelled: false,
                }),
            }
        }
    }
    sections.sort_by_key(|s| s.name);
    sections
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionName::*;

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
        let answer = parse(text);
        let added = answer
            .sentences
            .iter()
            .find(|s| s.text == "I added consumers.")
            .unwrap();
        assert!(added.in_section(Task));
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
    fn numbered_and_decorated_labels() {
        let text =
            "## 1. Situation\nSlow.\n## 2. Actions I took\nI cached.\n\n📈 **Result:** 8 minutes.";
        assert_eq!(
            starts(text),
            vec![(Situation, 1, true), (Actions, 3, true), (Results, 6, true)]
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

    #[test]
    fn words_exclude_headings_and_labels() {
        let answer = parse("## Situation\nOne two three.\n**Task:** four five");
        assert_eq!(answer.words, 5);
    }
}
