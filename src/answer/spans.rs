//! From sentences to sections: inferring the parts no label covers, and the line span of
//! each section.

use super::markdown::{Line, LineKind};
use super::sentences::Opening;
use super::{Section, SectionName, SectionSet, Sentence, SentenceKind, cues, infer, prompts};

/// Gives sections to sentences no label covers: the whole answer when it has no labels,
/// else the preamble before the first label (only sections that come before that label).
pub(super) fn infer_unlabelled(
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
/// inferred. So does a sentence inside a labelled situation that plainly states the task
/// ("**Situation:** ... My director asked me to move it by Q3."), when nothing after it in
/// that situation reads as background again, and a sentence inside a labelled result that
/// plainly draws the lesson when no reflection is labelled. Returns (line, section) for each such start and
/// moves the sentences over.
pub(super) fn unlabelled_tails(
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
    for i in 0..sentences.len() {
        let sentence = &sentences[i];
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
        let spoken = sentence.is_spoken();
        let opens_block = sentence.opening == Opening::Block;
        if spoken && opens_block {
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
        } else if spoken
            && now == Some(SectionName::Situation)
            && !labelled.contains(SectionName::Task)
            && ceiling.is_none_or(|c| SectionName::Task < c)
            && states_the_task(&sentences[i..], run)
        {
            now = Some(SectionName::Task);
            found.push((sentence.line, SectionSet::of(&[SectionName::Task])));
        } else if spoken
            && now == Some(SectionName::Results)
            && !labelled.contains(SectionName::Reflection)
            && ceiling.is_none()
            && tells_the_lesson(&sentences[i..], run)
        {
            now = Some(SectionName::Reflection);
            found.push((sentence.line, SectionSet::of(&[SectionName::Reflection])));
        }
        if let Some(current) = now
            && !run.contains(current)
        {
            sentences[i].sections = SectionSet::of(&[current]);
        }
    }
    found
}

/// Whether the first of `rest` states the task outright, and the next few sentences under the
/// same label (`run`) do not go back to the background.
fn states_the_task(rest: &[Sentence], run: SectionSet) -> bool {
    const PLAINLY: f32 = 3.0;
    const MARGIN: f32 = 2.0;
    // A look ahead bounded in sentences keeps a situation of thousands of them linear.
    const AHEAD: usize = 8;
    let (situation, task) = (SectionName::Situation.index(), SectionName::Task.index());
    let scores = cues::cue_scores(&rest[0].text);
    if scores[task] < PLAINLY || scores[task] < scores[situation] + MARGIN {
        return false;
    }
    rest[1..]
        .iter()
        .take_while(|s| s.sections == run)
        .take(AHEAD)
        .filter(|s| s.is_spoken())
        .all(|s| {
            let scores = cues::cue_scores(&s.text);
            scores[situation] <= scores[task]
        })
}

/// Whether the first of `rest` plainly draws the lesson ("It taught me to test on prod-sized
/// data"), and what follows under the same label (`run`) does not go back to the outcome: a
/// results paragraph that ends on what the speaker learned holds the reflection too. A
/// habit kept "ever since" may follow; when mostly outcomes follow, the lesson was an aside.
fn tells_the_lesson(rest: &[Sentence], run: SectionSet) -> bool {
    const PLAINLY: f32 = 2.5;
    const MARGIN: f32 = 1.0;
    const AHEAD: usize = 8;
    let (results, reflection) = (
        SectionName::Results.index(),
        SectionName::Reflection.index(),
    );
    let scores = cues::cue_scores(&rest[0].text);
    if scores[reflection] < PLAINLY || scores[reflection] < scores[results] + MARGIN {
        return false;
    }
    let (mut outcomes, mut after) = (0, 0);
    for sentence in rest[1..]
        .iter()
        .take_while(|s| s.sections == run)
        .take(AHEAD)
        .filter(|s| s.is_spoken())
    {
        let scores = cues::cue_scores(&sentence.text);
        after += 1;
        if scores[results] >= PLAINLY && scores[results] > scores[reflection] {
            outcomes += 1;
        }
    }
    outcomes * 2 <= after
}

/// Spans for labelled answers: each start (a label, or a part found after one) opens a
/// section that runs to the next start.
pub(super) fn labelled_spans(starts: &[(usize, SectionSet, bool)], lines: &[Line]) -> Vec<Section> {
    // Lines are in file order, so each span is a slice found by binary search: linear overall
    // even with thousands of labels.
    let last_content_line = |from: usize, before: usize| -> usize {
        let first = lines.partition_point(|l| l.number < from);
        let past = lines.partition_point(|l| l.number < before);
        lines[first..past.max(first)]
            .iter()
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
pub(super) fn inferred_spans(sentences: &[Sentence]) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    for sentence in sentences {
        let end = sentence.last_line();
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
