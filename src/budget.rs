//! The time budget: how an answer's spoken time is shared out among its sections, against the
//! shares its rubric aims for (`length.shares`). Interviewers lose patience with a long setup
//! long before they lose it with a long answer, so where the seconds go matters as much as how
//! many there are. Pure: `coach review` draws it and a `time-budget` check scores it.

use crate::answer::{Answer, SectionName, Sentence, count_words};
use crate::rubric::model::{LengthTarget, ShareRange};
use crate::signals::buzzwords;
use serde::Serialize;

/// Share of the score a `time-budget` check loses per percentage point outside a target.
const CREDIT_PER_POINT: f64 = 0.02;

/// Spoken time per section, in STAR order, and in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Budget {
    pub words_per_minute: u32,
    /// Seconds the told sentences take, in sections or not.
    pub seconds: u32,
    /// The rubric's target length.
    pub min_seconds: u32,
    pub max_seconds: u32,
    /// Every section, told or not, in STAR order.
    pub sections: Vec<SectionTime>,
    /// Told time outside any section (a preamble before the first label).
    pub outside_seconds: u32,
}

/// One section's spoken time and how it compares with its target share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionTime {
    pub name: SectionName,
    /// Whether the answer has the section at all.
    pub told: bool,
    pub seconds: u32,
    /// Its share of the whole answer's spoken time, in whole percent.
    pub percent: u32,
    /// The same share, unrounded (0.0–1.0), for drawing.
    #[serde(skip)]
    pub share: f64,
    pub target: Option<ShareRange>,
    pub verdict: Verdict,
}

/// How a section's share compares with its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Within,
    Over,
    Under,
    /// The rubric sets no target for it.
    Untargeted,
}

impl SectionTime {
    /// Percentage points outside the target range; 0 within it or without a target.
    pub fn points_off(&self) -> u32 {
        match self.target {
            Some(range) if self.percent > range.max => self.percent - range.max,
            Some(range) if self.percent < range.min => range.min - self.percent,
            _ => 0,
        }
    }
}

impl Budget {
    /// The sections whose share falls outside their target (only `only` when given), most
    /// off first.
    pub fn off_target(&self, only: Option<SectionName>) -> Vec<&SectionTime> {
        let mut off: Vec<&SectionTime> = self
            .sections
            .iter()
            .filter(|s| only.is_none_or(|name| s.name == name) && s.points_off() > 0)
            .collect();
        off.sort_by_key(|s| std::cmp::Reverse(s.points_off()));
        off
    }

    /// Credit from 0 to 1 for keeping to the shares (of `only` when given): every percentage
    /// point outside a target range costs [`CREDIT_PER_POINT`], so fifty points off in all
    /// earn nothing.
    pub fn credit(&self, only: Option<SectionName>) -> f64 {
        let off: u32 = self.off_target(only).iter().map(|s| s.points_off()).sum();
        (1.0 - f64::from(off) * CREDIT_PER_POINT).clamp(0.0, 1.0)
    }

    /// Seconds that `percent` of the answer's spoken time takes.
    pub fn seconds_at(&self, percent: u32) -> u32 {
        (f64::from(self.seconds) * f64::from(percent) / 100.0).round() as u32
    }
}

/// Words of `sentence` an interviewer would hear: spoken prose, not headings, tables or a
/// pasted line of terms (those are not said aloud, so they do not fill the time).
pub fn told_words(sentence: &Sentence) -> usize {
    if buzzwords::is_told(sentence) {
        count_words(&sentence.text)
    } else {
        0
    }
}

/// Seconds to say `words` at `wpm` words a minute.
pub fn speaking_seconds(words: f64, wpm: u32) -> u32 {
    (words * 60.0 / f64::from(wpm.max(1))).round() as u32
}

/// Measures the answer's spoken time per section against `length`. A sentence under a
/// combined label ("S/T:") is shared evenly between its sections.
pub fn measure(answer: &Answer, length: &LengthTarget) -> Budget {
    let mut words = [0.0f64; SectionName::ALL.len()];
    let mut outside = 0.0;
    let mut total = 0.0;
    for sentence in &answer.sentences {
        let told = told_words(sentence) as f64;
        if told == 0.0 {
            continue;
        }
        total += told;
        let names: Vec<SectionName> = SectionName::ALL
            .into_iter()
            .filter(|s| sentence.in_section(*s))
            .collect();
        if names.is_empty() {
            outside += told;
        }
        for name in &names {
            words[name.index()] += told / names.len() as f64;
        }
    }
    let wpm = length.words_per_minute;
    let sections = SectionName::ALL
        .into_iter()
        .map(|name| {
            let share = if total > 0.0 {
                words[name.index()] / total
            } else {
                0.0
            };
            let percent = (share * 100.0).round() as u32;
            let target = length.shares.get(name);
            let verdict = match target {
                None => Verdict::Untargeted,
                Some(range) if percent > range.max => Verdict::Over,
                Some(range) if percent < range.min => Verdict::Under,
                Some(_) => Verdict::Within,
            };
            SectionTime {
                name,
                told: answer.has_section(name),
                seconds: speaking_seconds(words[name.index()], wpm),
                percent,
                share,
                target,
                verdict,
            }
        })
        .collect();
    Budget {
        words_per_minute: wpm,
        seconds: speaking_seconds(total, wpm),
        min_seconds: length.min_seconds,
        max_seconds: length.max_seconds,
        sections,
        outside_seconds: speaking_seconds(outside, wpm),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer;
    use crate::rubric::model::Shares;

    fn budget(text: &str) -> Budget {
        measure(&answer::parse(text), &LengthTarget::default())
    }

    #[test]
    fn time_is_shared_by_told_words() {
        let b = budget(
            "Situation: our builds took forty minutes and every team waited on them each day.\n\
             Task: I owned cutting them.\n\
             Actions: I cached the dependencies, split the test suite into shards and moved the slowest suite to nightly runs.\n\
             Results: builds fell from 40 to 9 minutes.\n",
        );
        let percent = |name| b.sections[SectionName::index(name)].percent;
        let total: u32 = b.sections.iter().map(|s| s.percent).sum();
        assert!((99..=101).contains(&total), "{b:?}");
        assert!(percent(SectionName::Actions) > percent(SectionName::Task));
        let reflection = &b.sections[SectionName::Reflection.index()];
        assert!(!reflection.told);
        assert_eq!(reflection.verdict, Verdict::Under);
        assert_eq!(b.off_target(None)[0].name, SectionName::Situation, "{b:?}");
    }

    #[test]
    fn a_combined_label_splits_its_words() {
        let b = budget(
            "S/T: Builds were slow and I owned fixing them for the team.\nA: I cached.\nR: 9 minutes.",
        );
        let situation = &b.sections[SectionName::Situation.index()];
        let task = &b.sections[SectionName::Task.index()];
        assert_eq!(situation.seconds, task.seconds);
        assert!(situation.percent > 0);
    }

    #[test]
    fn credit_falls_two_percent_per_point_off() {
        let mut b =
            budget("Situation: a b c d e f g h i j.\nActions: I did k l m n o p q r s t.\n");
        b.sections.iter_mut().for_each(|s| {
            s.target = None;
            s.verdict = Verdict::Untargeted;
        });
        assert_eq!(b.credit(None), 1.0);
        let situation = &mut b.sections[SectionName::Situation.index()];
        situation.target = Some(ShareRange { min: 5, max: 20 });
        assert_eq!(situation.points_off(), situation.percent - 20);
        let off = f64::from(situation.points_off());
        assert!((b.credit(None) - (1.0 - off * 0.02)).abs() < 1e-9);
        assert_eq!(b.credit(Some(SectionName::Actions)), 1.0);
    }

    #[test]
    fn no_targets_means_nothing_is_off() {
        let length = LengthTarget {
            shares: Shares::default(),
            ..LengthTarget::default()
        };
        let b = measure(&answer::parse("Situation: it was slow.\n"), &length);
        assert!(b.off_target(None).is_empty());
        assert!(b.sections.iter().all(|s| s.verdict == Verdict::Untargeted));
    }
}
