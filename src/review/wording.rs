//! How a review says things, shared by the terminal and the HTML page so both read alike: the
//! gutter's letters, a note's first line, where a missing part goes, and what the time budget
//! says about each section.

use super::place::Belongs;
use super::{Gap, Note};
use crate::answer::SectionName;
use crate::budget::{Budget, SectionTime, Verdict};
use crate::engine::clock;
use crate::report::FileReport;

/// The gutter letter of a section: S T A R, and L for the lesson (reflection).
pub fn letter(section: SectionName) -> char {
    match section {
        SectionName::Situation => 'S',
        SectionName::Task => 'T',
        SectionName::Actions => 'A',
        SectionName::Results => 'R',
        SectionName::Reflection => 'L',
    }
}

/// The gutter of a line: its sections' letters, `·` outside any.
pub fn gutter(sections: &[SectionName]) -> String {
    if sections.is_empty() {
        "·".to_string()
    } else {
        sections.iter().map(|s| letter(*s)).collect()
    }
}

/// Whether the answer passes: "passes (at 64)", "below the pass mark of 64", or, for an
/// answer still holding placeholders, that it is a draft.
pub fn standing(report: &FileReport, pass_score: u32) -> String {
    let scored = if report.score >= pass_score {
        format!("passes (at {pass_score})")
    } else {
        format!("below the pass mark of {pass_score}")
    };
    match (report.is_draft(), report.fails_as_draft()) {
        (true, true) => format!("a draft: fails until its placeholders are filled in ({scored})"),
        (true, false) => format!("{scored}, a draft"),
        _ => scored,
    }
}

/// "-12 results.quantified: 1 of 3 found in the results".
pub fn note_head(note: &Note) -> String {
    format!("-{} {}: {}", note.points_lost, note.check, note.message)
}

/// The words that cost a pitfall its points, quoted: `"a lot faster", "much happier"`.
pub fn quotes(note: &Note) -> Option<String> {
    (!note.quotes.is_empty()).then(|| {
        note.quotes
            .iter()
            .map(|q| format!("\"{q}\""))
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// What a line where a pitfall was found again says: "pitfall.hedging (its -4 is on line 3)".
pub fn pointer(note: &Note) -> String {
    match note.line {
        Some(line) => format!(
            "{} (its -{} is on line {line})",
            note.check, note.points_lost
        ),
        None => note.check.clone(),
    }
}

/// "after line 16" / "before line 3".
pub fn belongs(belongs: Belongs) -> String {
    match belongs {
        Belongs::AfterLine(line) => format!("after line {line}"),
        Belongs::BeforeLine(line) => format!("before line {line}"),
    }
}

/// The row that marks where missing parts go: "add the results and the reflection here (-20,
/// see Missing below)".
pub fn gap(gap: &Gap) -> String {
    let names: Vec<String> = gap.sections.iter().map(|s| format!("the {s}")).collect();
    let what = match names.split_last() {
        None => "the missing parts".to_string(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    };
    format!("add {what} here (-{}, see Missing below)", gap.points_lost)
}

/// Where a top fix goes: "line 8", or for a missing part "after line 16".
pub fn place(note: &Note) -> String {
    match (note.line, note.belongs) {
        (Some(line), _) => format!("line {line}"),
        (None, Some(b)) => belongs(b),
        (None, None) => "the answer".to_string(),
    }
}

/// A share as a listener would put it: "half", "a third", or "22%".
pub fn share(percent: u32) -> String {
    const NAMED: [(f64, &str); 7] = [
        (50.0, "half"),
        (100.0 / 3.0, "a third"),
        (200.0 / 3.0, "two thirds"),
        (25.0, "a quarter"),
        (75.0, "three quarters"),
        (20.0, "a fifth"),
        (100.0, "all"),
    ];
    NAMED
        .iter()
        .find(|(value, _)| (f64::from(percent) - value).abs() <= 1.0)
        .map_or_else(|| format!("{percent}%"), |(_, name)| (*name).to_string())
}

/// "5–20%".
pub fn range(section: &SectionTime) -> Option<String> {
    section
        .target
        .map(|range| format!("{}–{}%", range.min, range.max))
}

/// What the budget says about a section outside its share, or `None` when it is within it:
/// "situation 48s of 2m30s: a third of the answer; aim for 5–20% (8–30s)".
pub fn verdict(budget: &Budget, section: &SectionTime) -> Option<String> {
    let range = section.target?;
    let aim = format!(
        "aim for {}–{}% ({}–{})",
        range.min,
        range.max,
        clock(budget.seconds_at(range.min)),
        clock(budget.seconds_at(range.max))
    );
    match section.verdict {
        Verdict::Within | Verdict::Untargeted => None,
        _ if !section.told => Some(format!("{} not told; {aim}", section.name)),
        _ => Some(format!(
            "{} {} of {}: {} of the answer; {aim}",
            section.name,
            clock(section.seconds),
            clock(budget.seconds),
            share(section.percent)
        )),
    }
}

/// The budget's headline: "2m19s spoken at 150 words a minute (aim for 2m00s–3m00s)".
pub fn total(budget: &Budget) -> String {
    format!(
        "{} spoken at {} words a minute (aim for {}–{})",
        clock(budget.seconds),
        budget.words_per_minute,
        clock(budget.min_seconds),
        clock(budget.max_seconds)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_read_as_a_listener_says_them() {
        assert_eq!(share(33), "a third");
        assert_eq!(share(50), "half");
        assert_eq!(share(26), "a quarter");
        assert_eq!(share(22), "22%");
        assert_eq!(share(0), "0%");
    }

    #[test]
    fn a_gap_names_its_sections_as_a_list() {
        let gap = |sections: &[SectionName]| {
            super::gap(&Gap {
                sections: sections.to_vec(),
                points_lost: 9,
            })
        };
        assert_eq!(
            gap(&[]),
            "add the missing parts here (-9, see Missing below)"
        );
        assert_eq!(
            gap(&[SectionName::Results]),
            "add the results here (-9, see Missing below)"
        );
        assert_eq!(
            gap(&[
                SectionName::Task,
                SectionName::Results,
                SectionName::Reflection
            ]),
            "add the task, the results and the reflection here (-9, see Missing below)"
        );
    }

    #[test]
    fn gutters_name_every_section_of_a_line() {
        assert_eq!(gutter(&[]), "·");
        assert_eq!(gutter(&[SectionName::Reflection]), "L");
        assert_eq!(gutter(&[SectionName::Situation, SectionName::Task]), "ST");
    }
}
