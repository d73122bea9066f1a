//! Where a missing part of the story belongs: after the part told before it in STAR order, or
//! else before the part told after it. A gap with no line still gets a place to write the fix.

use crate::answer::{Section, SectionName};
use serde::Serialize;

/// The line a missing section's text should go next to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Belongs {
    /// Right after this line (the end of the section told before it, or the answer's end).
    AfterLine(usize),
    /// Right before this line (the start of the section told after it).
    BeforeLine(usize),
}

/// Where `missing` belongs among the `sections` an answer has, in an answer whose last line
/// is `last_line`.
pub fn belongs(sections: &[Section], missing: SectionName, last_line: usize) -> Belongs {
    let before = sections
        .iter()
        .filter(|s| s.name < missing)
        .max_by_key(|s| (s.name, s.end_line));
    if let Some(section) = before {
        return Belongs::AfterLine(section.end_line);
    }
    match sections
        .iter()
        .filter(|s| s.name > missing)
        .min_by_key(|s| (s.name, s.start_line))
    {
        Some(section) => Belongs::BeforeLine(section.start_line),
        None => Belongs::AfterLine(last_line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionName::*;

    fn section(name: SectionName, start_line: usize, end_line: usize) -> Section {
        Section {
            name,
            start_line,
            end_line,
            labelled: true,
        }
    }

    #[test]
    fn a_missing_part_goes_after_the_one_before_it() {
        let told = [
            section(Situation, 1, 4),
            section(Task, 6, 8),
            section(Actions, 10, 16),
        ];
        assert_eq!(belongs(&told, Results, 16), Belongs::AfterLine(16));
        assert_eq!(belongs(&told, Reflection, 16), Belongs::AfterLine(16));
        let no_task = [section(Situation, 1, 2), section(Actions, 4, 9)];
        assert_eq!(belongs(&no_task, Task, 9), Belongs::AfterLine(2));
    }

    #[test]
    fn a_missing_opening_goes_before_the_first_part_told() {
        let told = [section(Task, 3, 3), section(Actions, 5, 8)];
        assert_eq!(belongs(&told, Situation, 8), Belongs::BeforeLine(3));
        assert_eq!(belongs(&[], Situation, 12), Belongs::AfterLine(12));
    }
}
