//! Files that hold several answers: prep docs keep one story per `##` heading, or separate
//! stories with `---`. Each story is parsed on its own, with line numbers of the whole file.
//!
//! Splitting is conservative: a file is split only when at least two parts each tell a whole
//! story (enough words and most of STAR), and no sizeable part fails to. A single answer laid
//! out with `## Situation` … `## Results` headings has no story headings at all (those are STAR
//! labels), and one whose descriptive headings cut it into parts has parts that each tell only
//! a piece of the story, so both stay one answer.

use crate::answer::markdown::{self, LineKind};
use crate::answer::{self, Answer, labels};

/// A part with fewer spoken words than this is a title, a note or a stub, not a story.
const MIN_STORY_WORDS: usize = 40;

/// Longest slug kept, in characters; titles can be whole sentences.
const MAX_SLUG_CHARS: usize = 60;

/// One story found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    /// The story's title as written (its heading), if it has one.
    pub title: Option<String>,
    /// Unique within the file: `file#slug` names the story in reports.
    pub slug: String,
    /// First and last line of the story in the file, 1-based and inclusive.
    pub start_line: usize,
    pub end_line: usize,
}

/// An answer found in a file: the whole file, or one story of several.
#[derive(Debug, Clone)]
pub struct Found {
    pub story: Option<Story>,
    pub answer: Answer,
}

/// Finds the answers in a file: one per story when it holds several, else the whole file.
pub fn answers(text: &str) -> Vec<Found> {
    let lines = markdown::walk(text);
    let whole = answer::parse_walked(text, &lines);
    let stories = split(text, &lines);
    if stories.len() < 2 || labels_spread_over(&whole, &stories) {
        return vec![Found {
            story: None,
            answer: whole,
        }];
    }
    stories
        .into_iter()
        .enumerate()
        .map(|(i, (story, mut answer))| {
            // Front matter sits above the first story but speaks for the whole file.
            answer.front_matter = whole.front_matter.clone();
            if i == 0 {
                answer.warnings = whole.warnings.clone();
            }
            Found {
                story: Some(story),
                answer,
            }
        })
        .collect()
}

/// True when the parts hold one answer's STAR labels between them, one part each at most
/// ("S" above a rule, "T" under it, …): each part alone may look like a story, but the
/// labels the whole file shows say it is one answer told in pieces.
fn labels_spread_over(whole: &Answer, stories: &[(Story, Answer)]) -> bool {
    let labelled: Vec<usize> = whole
        .sections
        .iter()
        .filter(|s| s.labelled)
        .map(|s| s.start_line)
        .collect();
    labelled.len() >= 2
        && stories.iter().all(|(story, _)| {
            labelled
                .iter()
                .filter(|&&line| (story.start_line..=story.end_line).contains(&line))
                .count()
                <= 1
        })
}

/// The stories of a file (whose walked `lines` are given) with each parsed answer; empty or
/// one element means "one answer".
pub fn split(text: &str, lines: &[markdown::Line]) -> Vec<(Story, Answer)> {
    let raw: Vec<&str> = text.split('\n').collect();
    let boundaries = boundaries(lines, &raw);
    if boundaries.is_empty() {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let mut starts: Vec<(usize, Option<String>, bool)> = vec![(1, None, false)];
    starts.extend(
        boundaries
            .iter()
            .map(|b| (b.line, b.title.clone(), b.title.is_none())),
    );
    for (i, (start, title, is_break)) in starts.iter().enumerate() {
        // A thematic break belongs to neither side; a story heading opens its story.
        let first = if *is_break { start + 1 } else { *start };
        let last = starts.get(i + 1).map_or(raw.len(), |next| next.0 - 1);
        if first > last {
            continue;
        }
        let title = title.clone().or_else(|| first_title(lines, first, last));
        parts.push((i == 0, title, first, last));
    }
    let mut stories = Vec::new();
    let count = parts.len();
    for (seen, (preamble, title, first, last)) in parts.into_iter().enumerate() {
        // Parsing is most of the cost: stop once two stories are out of reach.
        if stories.len() + (count - seen) < 2 {
            return Vec::new();
        }
        let answer = parse_lines(&raw, first, last);
        if answer.words < MIN_STORY_WORDS {
            continue;
        }
        if !tells_a_story(&answer) {
            if preamble {
                // An introduction to the doc, not one of its answers.
                continue;
            }
            return Vec::new();
        }
        stories.push((title, first, last, answer));
    }
    if stories.len() < 2 {
        return Vec::new();
    }
    let mut taken: Vec<String> = Vec::new();
    stories
        .into_iter()
        .enumerate()
        .map(|(i, (title, first, last, answer))| {
            let slug = unique_slug(title.as_deref(), i + 1, &mut taken);
            let story = Story {
                title,
                slug,
                start_line: first,
                end_line: last,
            };
            (story, answer)
        })
        .collect()
}

/// A story heading (with its title) or a thematic break (no title).
struct Boundary {
    line: usize,
    title: Option<String>,
}

fn boundaries(lines: &[markdown::Line], raw: &[&str]) -> Vec<Boundary> {
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match line.kind {
            LineKind::Heading
                if is_level_two(raw, i) && labels::detect(&line.content).is_none() =>
            {
                found.push(Boundary {
                    line: line.number,
                    title: Some(line.content.trim().to_string()),
                });
            }
            LineKind::Rule if is_thematic_break(lines, raw, i) => found.push(Boundary {
                line: line.number,
                title: None,
            }),
            _ => {}
        }
    }
    // A break right before a story heading (blank lines between) is one boundary, not two.
    let mut merged: Vec<Boundary> = Vec::new();
    for boundary in found {
        if let Some(previous) = merged.last()
            && previous.title.is_none()
            && boundary.title.is_some()
            && (previous.line + 1..boundary.line).all(|n| raw[n - 1].trim().is_empty())
        {
            merged.pop();
        }
        merged.push(boundary);
    }
    merged
}

/// `## Title`, or a setext title underlined with `---`.
fn is_level_two(raw: &[&str], index: usize) -> bool {
    let text = raw[index].trim_start();
    if text.starts_with('#') {
        let hashes = text.chars().take_while(|c| *c == '#').count();
        return hashes == 2;
    }
    raw.get(index + 1)
        .is_some_and(|next| next.trim().starts_with('-'))
}

/// A `---`/`***`/`___` line that is not the underline of a setext heading.
fn is_thematic_break(lines: &[markdown::Line], raw: &[&str], index: usize) -> bool {
    if raw[index].trim().starts_with('=') {
        return false;
    }
    let underline = index > 0
        && lines[index - 1].kind == LineKind::Heading
        && !raw[index - 1].trim_start().starts_with('#');
    !underline
}

/// The first heading in a part that is not a STAR label, used as a title for a `---` story.
fn first_title(lines: &[markdown::Line], first: usize, last: usize) -> Option<String> {
    lines
        .iter()
        .filter(|l| l.number >= first && l.number <= last && l.kind == LineKind::Heading)
        .find(|l| labels::detect(&l.content).is_none())
        .map(|l| l.content.trim().to_string())
}

/// Enough of STAR to stand alone: two labelled sections, or three found any way.
fn tells_a_story(answer: &Answer) -> bool {
    let mut names: Vec<_> = answer.sections.iter().map(|s| s.name).collect();
    names.dedup();
    let mut labelled: Vec<_> = answer
        .sections
        .iter()
        .filter(|s| s.labelled)
        .map(|s| s.name)
        .collect();
    labelled.dedup();
    labelled.len() >= 2 || names.len() >= 3
}

/// Parses lines `first..=last` (1-based) as an answer with line numbers of the whole file.
fn parse_lines(raw: &[&str], first: usize, last: usize) -> Answer {
    let text = raw[first - 1..last].join("\n");
    let mut answer = answer::parse(&text);
    shift_lines(&mut answer, first - 1);
    answer
}

/// Moves every line number in `answer` down by `offset`, for an answer parsed from a slice.
pub fn shift_lines(answer: &mut Answer, offset: usize) {
    for section in &mut answer.sections {
        section.start_line += offset;
        section.end_line += offset;
    }
    for sentence in &mut answer.sentences {
        sentence.line += offset;
        for (_, line) in &mut sentence.breaks {
            *line += offset;
        }
    }
}

/// A URL-fragment style slug of the title (`story-N` without one), unique in the file.
fn unique_slug(title: Option<&str>, position: usize, taken: &mut Vec<String>) -> String {
    let base = title
        .map(slug)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("story-{position}"));
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    taken.push(candidate.clone());
    candidate
}

/// Lower-case letters and digits joined by single hyphens.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.chars().take(MAX_SLUG_CHARS).collect();
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::SectionName;

    const STORY_A: &str = "**Situation:** Our nightly batch jobs kept failing and on-call was paged four times a week.\n\
**Task:** I owned making the batch platform reliable within one quarter.\n\
**Action:** I moved the jobs to a queue with retries, added a canary run, and wrote runbooks with the data team.\n\
**Result:** Pages dropped from four a week to one a month and job success rose from 91% to 99.5%.\n";

    const STORY_B: &str = "S: The checkout service had p99 latency of 900 ms during sales and we lost orders.\n\
T: I was asked to bring p99 under 300 ms before the next sale.\n\
A: I profiled the hot path, cached the price lookups, and rolled it out behind a flag to 5% first.\n\
R: p99 fell from 900 ms to 240 ms and the sale ran without a single incident.\n";

    fn bank() -> String {
        format!(
            "# My prep stories\n\nA few notes for the loop.\n\n## Batch platform reliability\n\n{STORY_A}\n## Checkout latency\n\n{STORY_B}"
        )
    }

    #[test]
    fn one_story_per_level_two_heading() {
        let text = bank();
        let found = answers(&text);
        assert_eq!(found.len(), 2);
        let first = found[0].story.as_ref().unwrap();
        assert_eq!(first.slug, "batch-platform-reliability");
        assert_eq!(first.start_line, 5);
        let second = found[1].story.as_ref().unwrap();
        assert_eq!(second.slug, "checkout-latency");
        assert_eq!(second.title.as_deref(), Some("Checkout latency"));
    }

    #[test]
    fn story_line_numbers_are_file_line_numbers() {
        let text = bank();
        let found = answers(&text);
        let results = found[1].answer.section(SectionName::Results).unwrap();
        let line = text.lines().position(|l| l.starts_with("R: p99")).unwrap() + 1;
        assert_eq!(results.start_line, line);
        let sentence = found[1]
            .answer
            .sentences
            .iter()
            .find(|s| s.text.contains("240 ms"))
            .unwrap();
        assert_eq!(sentence.line, line);
    }

    #[test]
    fn thematic_breaks_separate_stories() {
        let text = format!("{STORY_A}\n---\n\n{STORY_B}");
        let found = answers(&text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].story.as_ref().unwrap().slug, "story-1");
        assert_eq!(found[1].story.as_ref().unwrap().slug, "story-2");
        assert_eq!(found[1].story.as_ref().unwrap().start_line, 7);
    }

    #[test]
    fn star_headings_keep_a_single_answer_whole() {
        let text = "# Tell me about a migration\n\n## Situation\nOur nightly batch jobs kept failing and on-call was paged four times a week, which burned out the team.\n\n## Task\nI owned making the batch platform reliable within one quarter, with no extra headcount.\n\n## Actions\nI moved the jobs to a queue with retries, added a canary run, and wrote runbooks with the data team.\n\n## Results\nPages dropped from four a week to one a month and job success rose from 91% to 99.5%.\n";
        let found = answers(text);
        assert_eq!(found.len(), 1);
        assert!(found[0].story.is_none());
    }

    #[test]
    fn star_parts_between_rules_are_one_answer() {
        let text = "# Stale bundle prices\n\n### ✅ **S - Situation**\n\nI was on the web shop team in the run-up to the winter sale when shoppers started seeing a cheaper price for bundled products. We lost money on every such order.\n\nFinance spotted the gap in the revenue reports a week later and sent engineering a list of the affected orders and customers.\n\n---\n\n### ✅ **T - Task**\n\nWhat I owned:\n\n1. Reproducing the price mismatch on purpose, in a test shop.\n2. Finding the cause without touching live traffic, since pricing is critical.\n3. Working with the finance and backend teams on the order trail.\n4. Shipping a fix and making sure it could not come back.\n---\n\n### ✅ **A - Action**\n\n1. **Traced the orders:**\n\n   * Followed each order finance gave me through the order service.\n   * Called the pricing API on every pod in turn.\n\n2. **Found the cause:**\n\n   * An in-memory cache kept old prices on every pod but the one that took the update.\n\n3. **Fixed it:**\n\n   * Turned the bundle logic off with a flag on the bad pods, then moved prices to a shared cache.\n\n---\n\n### ✅ **R - Result**\n\n* The losses stopped the same day and the pricing service never went down.\n* Seasonal prices now change on every pod at once.\n* The finance team thanked me for keeping them posted at each step.\n";
        let found = answers(text);
        assert_eq!(
            found.len(),
            1,
            "{:?}",
            found.iter().map(|f| &f.story).collect::<Vec<_>>()
        );
        let labelled = found[0]
            .answer
            .sections
            .iter()
            .filter(|s| s.labelled)
            .count();
        assert_eq!(labelled, 4);
    }

    #[test]
    fn a_part_that_tells_only_a_piece_keeps_the_file_whole() {
        // Descriptive headings over one answer: the second part is all actions.
        let text = format!(
            "## The batch outage\n\n{STORY_A}\n## How I rolled it out\n\nI rolled the change out over two weeks, first to the reporting jobs, then to billing, then to everything else; each step waited on a clean night and a signed-off dashboard review with the data team before the next one started.\n"
        );
        assert_eq!(answers(&text).len(), 1);
    }

    #[test]
    fn a_short_intro_and_stubs_are_not_stories() {
        let text = format!("{}\n## Story three\n\nTODO\n", bank());
        let found = answers(&text);
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn front_matter_rubric_applies_to_every_story() {
        let text = format!("---\nrubric: star\n---\n{}", bank());
        let found = answers(&text);
        assert_eq!(found.len(), 2);
        assert!(
            found
                .iter()
                .all(|f| f.answer.front_matter.rubric.as_deref() == Some("star"))
        );
    }

    #[test]
    fn duplicate_titles_get_distinct_slugs() {
        let text = format!("## Reliability\n\n{STORY_A}\n## Reliability\n\n{STORY_B}");
        let slugs: Vec<String> = answers(&text)
            .into_iter()
            .map(|f| f.story.unwrap().slug)
            .collect();
        assert_eq!(slugs, ["reliability", "reliability-2"]);
    }

    #[test]
    fn slugs_are_lower_case_and_hyphenated() {
        assert_eq!(
            slug("Story 2: The Postgres 15 upgrade!"),
            "story-2-the-postgres-15-upgrade"
        );
        assert_eq!(slug("  ---  "), "");
    }

    proptest::proptest! {
        /// Any mix of headings, breaks and prose: no panic, and stories are disjoint, in
        /// order, and inside the file.
        #[test]
        fn stories_stay_inside_the_file(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("## Story title\n".to_string()),
                    proptest::strategy::Just("## Situation\n".to_string()),
                    proptest::strategy::Just("---\n".to_string()),
                    proptest::strategy::Just("Title\n---\n".to_string()),
                    proptest::strategy::Just(STORY_A.to_string()),
                    proptest::strategy::Just(STORY_B.to_string()),
                    "[a-zA-Z#*: \n-]{0,40}",
                ],
                0..12,
            )
        ) {
            let text = parts.concat();
            let lines = text.split('\n').count();
            let mut end = 0;
            for found in answers(&text) {
                if let Some(story) = found.story {
                    proptest::prop_assert!(story.start_line > end);
                    proptest::prop_assert!(story.end_line >= story.start_line);
                    proptest::prop_assert!(story.end_line <= lines);
                    end = story.end_line;
                }
            }
        }
    }

    #[test]
    fn shifting_moves_sections_and_sentences() {
        let mut answer = answer::parse(STORY_B);
        let before = answer.sentences[0].line;
        shift_lines(&mut answer, 10);
        assert_eq!(answer.sentences[0].line, before + 10);
        assert_eq!(answer.sections[0].start_line, 11);
    }
}
