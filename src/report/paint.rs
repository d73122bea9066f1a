//! Colour for a person at a terminal: the styles coach uses, and nothing when colour is off.
//! Whether it is on (a terminal, `NO_COLOR`, `--color`) is the command's to decide; text handed
//! here has already been made neutral, so the only escapes in the output are these.

use crate::answer::SectionName;
use anstyle::{AnsiColor, Effects, Style};

/// Paints text in a style when colour is on; leaves it as it is when off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paint {
    on: bool,
}

impl Paint {
    pub fn new(on: bool) -> Paint {
        Paint { on }
    }

    pub fn is_on(self) -> bool {
        self.on
    }

    /// `text` in `style` (neutral text only: this adds escapes, it does not remove any).
    pub fn paint(self, text: &str, style: Style) -> String {
        if !self.on || style == Style::new() || text.is_empty() {
            return text.to_string();
        }
        format!("{}{text}{}", style.render(), style.render_reset())
    }
}

fn fg(color: AnsiColor) -> Style {
    Style::new().fg_color(Some(color.into()))
}

/// Line numbers, rules, the empty part of a bar: there, but quiet.
pub const DIM: Style = Style::new().effects(Effects::DIMMED);
pub const BOLD: Style = Style::new().effects(Effects::BOLD);

/// Words that earned points.
pub fn evidence() -> Style {
    fg(AnsiColor::Green)
}

/// Words that cost points.
pub fn pitfall() -> Style {
    fg(AnsiColor::Red).effects(Effects::UNDERLINE)
}

/// A margin note's points and check: the red pen.
pub fn note() -> Style {
    fg(AnsiColor::Red).effects(Effects::BOLD)
}

/// Spoken time beyond a section's share, or a score that went down.
pub fn over() -> Style {
    fg(AnsiColor::Red)
}

/// Spoken time short of a section's share.
pub fn under() -> Style {
    fg(AnsiColor::Yellow)
}

/// Spoken time within a section's share, or a score that went up.
pub fn within() -> Style {
    fg(AnsiColor::Green)
}

/// Each section's own colour, for the gutter and the budget.
pub fn section(name: SectionName) -> Style {
    fg(match name {
        SectionName::Situation => AnsiColor::Blue,
        SectionName::Task => AnsiColor::Cyan,
        SectionName::Actions => AnsiColor::Green,
        SectionName::Results => AnsiColor::Magenta,
        SectionName::Reflection => AnsiColor::Yellow,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_leaves_text_as_it_is() {
        assert_eq!(Paint::new(false).paint("p95", evidence()), "p95");
        let on = Paint::new(true).paint("p95", evidence());
        assert!(on.starts_with('\u{1b}') && on.contains("p95") && on.ends_with('m'));
        assert_eq!(Paint::new(true).paint("p95", Style::new()), "p95");
    }
}
