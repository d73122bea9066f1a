//! Grouping lines into blocks (paragraphs, list items, headings, table rows) under the
//! section their label opened, and splitting blocks into sentences.

use super::labels::{self, Label, Strength};
use super::markdown::{Line, LineKind};
use super::sentences::{self, Block};
use super::{SectionName, SectionSet, Sentence, SentenceKind, prompts};

pub(super) struct PendingBlock {
    block: Block,
    sections: SectionSet,
    kind: SentenceKind,
}

pub(super) struct Walked {
    pub(super) title: Option<String>,
    /// Whether the title is an interviewer's line ("Q: …"), and so a question however it ends.
    pub(super) title_asked: bool,
    pub(super) blocks: Vec<PendingBlock>,
    /// (line, sections) for every accepted label, in file order.
    pub(super) starts: Vec<(usize, SectionSet)>,
    /// Lines of accepted labels that promise a lesson ("Lesson:", "Key learnings").
    pub(super) lesson_labels: Vec<usize>,
    /// (line, section) where an interviewer's follow-up asked for a part of the story; the
    /// first sentence after that line leans towards it.
    pub(super) hints: Vec<(usize, SectionName)>,
}

/// The labels a line may carry, found once: the letter check, the heading level and the walk
/// all ask.
#[derive(Default)]
struct LineLabel<'a> {
    /// [`labels::detect`] for a text line, [`labels::detect_heading`] for a heading.
    label: Option<Label<'a>>,
    /// A heading that [`labels::detect`] takes for a label as it stands.
    exact: bool,
}

impl LineLabel<'_> {
    fn of(line: &Line) -> LineLabel<'_> {
        match line.kind {
            LineKind::Text => LineLabel {
                label: labels::detect(&line.content),
                exact: false,
            },
            LineKind::Heading => LineLabel {
                label: labels::detect_heading(&line.content),
                exact: labels::detect(&line.content).is_some(),
            },
            _ => LineLabel::default(),
        }
    }
}

/// Walks the lines once: accepts labels, groups prose into blocks tagged with their section.
pub(super) fn split_blocks(lines: &[Line]) -> Walked {
    let mut found: Vec<LineLabel<'_>> = lines.iter().map(LineLabel::of).collect();
    let mut walker = Walker {
        letters_ok: letter_labels_believable(&found),
        label_level: label_heading_level(lines, &found),
        current: SectionSet::default(),
        open: None,
        walked: Walked {
            title: None,
            title_asked: false,
            blocks: Vec::new(),
            starts: Vec::new(),
            lesson_labels: Vec::new(),
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
                walker.text_line(line, found[i].label.take(), ends_paragraph);
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

    /// `detected` is the line's label as [`LineLabel`] found it.
    fn text_line<'a>(&mut self, line: &'a Line, detected: Option<Label<'a>>, ends_paragraph: bool) {
        let heading = line.kind == LineKind::Heading;
        let at_label_level = !heading || self.label_level == Some(line.level);
        let label = detected.filter(|label| at_label_level && self.accept(label, line, heading));
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
                        self.walked.title_asked = true;
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
            let whole_line_emphasis =
                is_wholly_emphasised(content) && ends_paragraph && reads_as_a_title(content);
            if heading || whole_line_emphasis || prompts::is_prompt(content) {
                self.walked.title = Some(line.content.clone());
                return;
            }
        }
        if let Some(label) = &label {
            self.enter(label, line.number);
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
        if !heading {
            let markers = labels::markers(content);
            if !markers.is_empty() {
                let opens_on_one = label.is_some() || content[..markers[0].start].trim().is_empty();
                self.bracketed(line.number, content, &markers, opens_on_one, kind);
                return;
            }
        }
        // Labels may also start inside the line ("... backed up. **Task:** I ...").
        let mut rest = content;
        while !heading && let Some((at, inline)) = labels::find_inline(rest) {
            if !self.accept(&inline, line, false) {
                break;
            }
            self.push_text(line.number, &rest[..at]);
            self.close();
            self.enter(&inline, line.number);
            self.open_block(kind);
            rest = inline.rest;
        }
        self.push_text(line.number, rest);
        if heading {
            self.close();
        }
    }

    /// A line whose parts are named in brackets. When the line opens on a name, each names the
    /// text after it ("(T) We had to free up disk"); otherwise each names the text before it,
    /// back to the previous name ("... the payments gateway (S). When traffic doubled ... (T)"),
    /// and what follows the last stays in its part.
    fn bracketed(
        &mut self,
        line: usize,
        content: &str,
        markers: &[labels::Marker],
        opens_on_one: bool,
        kind: SentenceKind,
    ) {
        let part = |this: &mut Self, section: SectionName, text: &str| {
            this.close();
            this.enter_sections(SectionSet::of(&[section]), line);
            this.open_block(kind);
            let text = text.trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '—' | '–' | '-')
            });
            this.push_text(line, text);
        };
        if opens_on_one {
            self.push_text(line, &content[..markers[0].start]);
            for (k, marker) in markers.iter().enumerate() {
                let end = markers.get(k + 1).map_or(content.len(), |next| next.start);
                part(self, marker.section, &content[marker.end..end]);
            }
        } else {
            let mut from = 0;
            for marker in markers {
                part(self, marker.section, &content[from..marker.start]);
                from = marker.end;
            }
            let last = markers[markers.len() - 1].section;
            let tail = &content[from..];
            if !tail
                .trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
                .is_empty()
            {
                part(self, last, tail);
            }
        }
    }

    fn enter(&mut self, label: &Label<'_>, line: usize) {
        if label.names_lesson {
            self.walked.lesson_labels.push(line);
        }
        self.enter_sections(SectionSet::of(&label.sections), line);
    }

    fn enter_sections(&mut self, sections: SectionSet, line: usize) {
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

/// The heading level that carries the STAR labels: the level with the most headings that
/// read as labels ("## Results", "## How it turned out"), the shallower one on a tie. A
/// level needs an exact label or two label-like headings, so a lone title such as
/// "# How I cut our bill" does not qualify. Headings at other levels are the question
/// above the answer or sub-headings inside a section ("### Impact" under "## Results").
fn label_heading_level(lines: &[Line], found: &[LineLabel<'_>]) -> Option<u8> {
    let mut exact = [0usize; 7];
    let mut like = [0usize; 7];
    for (line, found) in lines.iter().zip(found) {
        if line.kind != LineKind::Heading {
            continue;
        }
        let level = usize::from(line.level.min(6));
        if found.exact {
            exact[level] += 1;
        }
        if found.label.is_some() {
            like[level] += 1;
        }
    }
    (1..=6)
        .filter(|&level| exact[level] >= 1 || like[level] >= 2)
        .max_by_key(|&level| (like[level], std::cmp::Reverse(level)))
        .map(|level| level as u8)
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

/// Most words a bold line before the answer may hold and still be its title. A question can
/// run longer; a whole answer pasted in bold ("**\"On our app I pushed back on …\"**") is not
/// a title, whatever its emphasis.
const TITLE_WORDS: usize = 25;

/// Whether a line before the answer is short enough to be its title, or asks a question.
fn reads_as_a_title(content: &str) -> bool {
    let words = content.split_whitespace().count();
    let asks = content
        .trim_end()
        .trim_end_matches(['*', '_', '"', '”'])
        .ends_with('?');
    words <= TITLE_WORDS || asks && words <= 3 * TITLE_WORDS
}

/// One-letter labels ("A:") are believed only when at least two different ones appear,
/// so a lone "A:" answering a "Q:" is not taken for actions.
fn letter_labels_believable(found: &[LineLabel<'_>]) -> bool {
    let mut seen = SectionSet::default();
    for label in found.iter().filter_map(|f| f.label.as_ref()) {
        if label.letter {
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

/// Splits each block into sentences that keep their lines, section and layout.
pub(super) fn to_sentences(blocks: &[PendingBlock]) -> Vec<Sentence> {
    let lowercase = sentences::writes_in_lowercase(blocks.iter().map(|b| b.block.text.as_str()));
    let mut out = Vec::new();
    for pending in blocks {
        let block = &pending.block;
        let spans = match pending.kind {
            SentenceKind::Heading | SentenceKind::TableRow => vec![(0, block.text.len())],
            _ => sentences::split_block(block, lowercase),
        };
        for (start, end) in spans {
            let text = block.text[start..end].to_string();
            let line = block.line_at(start);
            // Block lines are sorted by offset; slicing keeps long many-line blocks linear.
            let first = block.lines.partition_point(|(offset, _)| *offset <= start);
            let past = block.lines.partition_point(|(offset, _)| *offset < end);
            let breaks = block.lines[first..past.max(first)]
                .iter()
                .map(|(offset, line)| (offset - start, *line))
                .collect();
            out.push(Sentence {
                text,
                line,
                breaks,
                sections: pending.sections,
                kind: pending.kind,
                opening: block.opening_at(start),
                prose: std::sync::OnceLock::new(),
                words: std::sync::OnceLock::new(),
                content: std::sync::OnceLock::new(),
            });
        }
    }
    out
}
