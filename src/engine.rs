//! Scoring: an answer and a rubric in, a report out. Pure: no I/O, no clock, no randomness.

use crate::answer::{Answer, Section, SectionName, Sentence};
use crate::budget;
use crate::report::{CheckResult, FileReport, Grade, SignalSummary, Status};
use crate::rubric::terms::Tokens;
use crate::rubric::{Check, Matcher, Rubric};
use crate::signals::{self, Evidence, SignalId, Signals, buzzwords, substance};
use std::cell::OnceCell;

/// Scores one parsed answer against a compiled rubric.
pub fn score(path: &str, answer: &Answer, rubric: &Rubric) -> FileReport {
    let signals = signals::detect(answer);
    let told = told_words(answer);
    let speaking_seconds = budget::speaking_seconds(told as f64, rubric.length.words_per_minute);
    let tokens = OnceCell::new();
    let checks: Vec<CheckResult> = rubric
        .checks
        .iter()
        .map(|check| {
            let length = (told, speaking_seconds);
            run_check(check, answer, &signals, rubric, length, &tokens)
        })
        .collect();
    let draft_lines = draft_lines(rubric, &checks);
    let earned: u32 = checks.iter().map(|c| c.points).sum();
    let possible: u32 = checks.iter().map(|c| c.max_points).sum();
    let score = if possible == 0 {
        0
    } else {
        ((earned as f64 * 100.0 / possible as f64).round() as u32).min(100)
    };
    FileReport {
        path: path.to_string(),
        rubric: rubric.name().to_string(),
        rubric_reason: String::new(),
        score,
        grade: Grade::from_score(score, &rubric.grades),
        words: answer.words,
        speaking_seconds,
        sections: answer.sections.clone(),
        signals: summaries(&signals, |id| id.is_strength()),
        pitfalls: summaries(&signals, |id| id.is_pitfall()),
        checks,
        warnings: answer.warnings.clone(),
        suppressed: Vec::new(),
        config: None,
        config_reason: String::new(),
        draft_lines,
        drafts_allowed: None,
    }
}

/// The lines of the placeholders that checks on placeholders found. An answer with any is a
/// draft: the rubric says what a placeholder is, and a check left out (`coach-ignore`,
/// `disable`) or allowing some (`at-most`) does not make one.
fn draft_lines(rubric: &Rubric, checks: &[CheckResult]) -> Vec<usize> {
    let mut lines: Vec<usize> = rubric
        .checks
        .iter()
        .zip(checks)
        .filter(|(check, result)| {
            matches!(check.matcher, Matcher::Signal(id) if id.is_draft())
                && result.status != Status::Pass
        })
        .flat_map(|(_, result)| result.evidence.iter().map(|e| e.line))
        .collect();
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// Words an interviewer would hear: spoken sentences that read as prose. A pasted line of terms
/// is not said aloud, so it does not make a short answer the right length.
fn told_words(answer: &Answer) -> usize {
    answer.sentences.iter().map(budget::told_words).sum()
}

fn summaries(signals: &Signals, keep: impl Fn(SignalId) -> bool) -> Vec<(SignalId, SignalSummary)> {
    SignalId::ALL
        .into_iter()
        .filter(|id| keep(*id))
        .map(|id| {
            let evidence = signals.evidence(id).to_vec();
            (
                id,
                SignalSummary {
                    present: !evidence.is_empty(),
                    evidence,
                },
            )
        })
        .collect()
}

fn run_check(
    check: &Check,
    answer: &Answer,
    signals: &Signals,
    rubric: &Rubric,
    (told, speaking_seconds): (usize, u32),
    tokens: &OnceCell<Vec<Tokens>>,
) -> CheckResult {
    let spec = &check.spec;
    let scope = check.scope().section();
    let mut result = CheckResult {
        id: spec.id.clone(),
        title: spec.title.clone(),
        section: scope,
        status: Status::Pass,
        points: spec.points,
        max_points: spec.points,
        message: String::new(),
        hint: spec.hint.clone(),
        evidence: Vec::new(),
        line: None,
        severity: spec.severity,
        penalty: spec.is_penalty(),
    };
    let section_line = scope.and_then(|s| answer.section(s)).map(|s| s.start_line);

    match &check.matcher {
        Matcher::SectionPresent => {
            let name = scope.expect("validated: section-present has a section");
            // A part found only by inference from a run of terms was never told: a pasted
            // keyword line must not conjure a reflection. A labelled part is the writer's own.
            let told = |section: &Section| {
                section.labelled
                    || answer
                        .sentences
                        .iter()
                        .any(|s| s.in_section(name) && buzzwords::is_real_prose(s))
            };
            // A label with nothing under it (or only placeholders) tells nothing.
            let empty = !answer.sentences.iter().any(|s| s.in_section(name));
            match answer.section(name) {
                Some(section) if empty => lose_all(
                    &mut result,
                    format!(
                        "the {name} label (line {}) has nothing under it",
                        section.start_line
                    ),
                ),
                Some(section) if !told(section) => lose_all(
                    &mut result,
                    format!(
                        "the {name} section (line {}) is a list of terms, not told",
                        section.start_line
                    ),
                ),
                Some(section) => {
                    result.line = Some(section.start_line);
                    result.message = format!(
                        "{} section, lines {}–{} ({})",
                        name,
                        section.start_line,
                        section.end_line,
                        if section.labelled {
                            "labelled"
                        } else {
                            "inferred"
                        }
                    );
                }
                None => lose_all(&mut result, format!("no {name} section found")),
            }
            return result;
        }
        Matcher::SpeakingTime => {
            let target = rubric.length;
            // Length is a property of the whole answer: point at where it starts.
            result.line = answer.sentences.first().map(|s| s.line);
            let (low, high) = (target.min_seconds, target.max_seconds);
            result.message = format!(
                "{} words told ≈ {} spoken (target {}–{})",
                told,
                clock(speaking_seconds),
                clock(low),
                clock(high)
            );
            let fraction = if speaking_seconds < low {
                f64::from(speaking_seconds) / f64::from(low) * 2.0 - 1.0
            } else if speaking_seconds > high {
                1.0 - (f64::from(speaking_seconds) - f64::from(high)) / f64::from(high)
            } else {
                1.0
            };
            result.points = scaled(spec.points, fraction);
            result.status = status_for(result.points, spec.points);
            return result;
        }
        Matcher::TimeBudget => {
            let budget = budget::measure(answer, &rubric.length);
            let off = budget.off_target(scope);
            // Point at the section furthest off, where the cutting or the adding is to be done.
            result.line = off
                .first()
                .and_then(|s| answer.section(s.name))
                .map(|s| s.start_line)
                .or(section_line)
                .or_else(|| answer.sentences.first().map(|s| s.line));
            result.message = if off.is_empty() {
                "every section within its share of the time".to_string()
            } else {
                off.iter()
                    .map(|s| {
                        let range = s.target.expect("only sections with a target are off");
                        format!(
                            "{} {}% (aim {}–{}%)",
                            s.name, s.percent, range.min, range.max
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            result.points = scaled(spec.points, budget.credit(scope));
            result.status = status_for(result.points, spec.points);
            return result;
        }
        Matcher::Substance => {
            let reading = substance::read(answer);
            let fraction = f64::from(
                (reading.grade - substance::NONE_AT) / (substance::FULL_AT - substance::NONE_AT),
            );
            result.points = scaled(spec.points, fraction.clamp(0.0, 1.0));
            result.status = status_for(result.points, spec.points);
            let lost = result.points < spec.points;
            // What to rewrite when points are lost, what carried it when none are.
            result.evidence = if lost {
                reading.weakest()
            } else {
                reading.strongest()
            };
            result.line = result
                .evidence
                .first()
                .map(|e| e.line)
                .or_else(|| answer.sentences.first().map(|s| s.line));
            result.message = format!(
                "its told words read like a grade of {:.1} of 4{}",
                reading.grade,
                match result.evidence.first() {
                    Some(e) if lost => format!("; most generic: line {}", e.line),
                    Some(e) => format!("; most concrete: line {}", e.line),
                    None => String::new(),
                }
            );
            return result;
        }
        _ => {}
    }

    // Evidence-counting checks.
    let evidence = match &check.matcher {
        Matcher::Signal(id) => signals
            .evidence(*id)
            .iter()
            .filter(|e| in_scope(e, scope))
            .cloned()
            .collect(),
        Matcher::Keywords(matcher) => scan_sentences(answer, scope, |_, text| {
            matcher
                .find_iter(text)
                .filter(|m| whole_word(text, m.start(), m.end()))
                .map(|m| (m.start(), m.end()))
                .collect()
        }),
        Matcher::Pattern(regex) => scan_sentences(answer, scope, |_, text| {
            regex
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect()
        }),
        Matcher::Terms(terms) => {
            // Every `terms:` check reads the same words: each sentence is read once.
            let tokens = tokens.get_or_init(|| {
                answer
                    .sentences
                    .iter()
                    .map(|s| Tokens::of(&s.text))
                    .collect()
            });
            scan_sentences(answer, scope, |index, text| {
                terms.find_in(text, &tokens[index])
            })
        }
        Matcher::SectionPresent
        | Matcher::SpeakingTime
        | Matcher::TimeBudget
        | Matcher::Substance => {
            unreachable!("handled above")
        }
    };
    let evidence = dedupe(evidence);
    let count = evidence.len() as u32;
    let partial = spec.partial.unwrap_or(true);
    result.line = evidence
        .first()
        .map(|e| e.line)
        .or(section_line)
        .or_else(|| match home_section(check.id()) {
            Some(home) => answer.section(home).map(|s| s.start_line),
            // A property of the whole answer ("story.specifics"): point at where it starts.
            None => answer.sentences.first().map(|s| s.line),
        });
    let where_ = scope.map_or("the answer".to_string(), |s| format!("the {s}"));

    if let Some(most) = spec.at_most {
        result.evidence = evidence;
        if spec.is_penalty() {
            penalise(&mut result, count, most, partial, &where_);
            return result;
        }
        if count <= most {
            result.message = if count == 0 {
                format!("none found in {where_}")
            } else {
                format!("{count} found, {most} allowed")
            };
        } else {
            let over = count - most;
            let fraction = if partial {
                1.0 - f64::from(over) * 0.5
            } else {
                0.0
            };
            result.points = scaled(spec.points, fraction);
            result.status = status_for(result.points, spec.points);
            result.message = format!("{count} found in {where_}, {most} allowed");
        }
        return result;
    }

    let least = spec.at_least.unwrap_or(1);
    if let Some(name) = scope
        && !answer.has_section(name)
    {
        lose_all(&mut result, format!("no {name} section to look in"));
        return result;
    }
    result.evidence = evidence;
    if count >= least {
        result.message = format!("{count} found in {where_}");
    } else {
        let fraction = if partial {
            f64::from(count) / f64::from(least)
        } else {
            0.0
        };
        result.points = scaled(spec.points, fraction);
        result.status = status_for(result.points, spec.points);
        result.message = if count == 0 {
            format!("none found in {where_}")
        } else {
            format!("{count} of {least} found in {where_}")
        };
        if scope.is_none()
            && let Some(home) = home_section(check.id())
        {
            match answer.section(home) {
                Some(section) => {
                    result.message += &format!(
                        "; the {home} (line {}) is the place for it",
                        section.start_line
                    )
                }
                None => result.message += &format!("; there is no {home} section to add it to"),
            }
        }
    }
    result
}

/// Where a whole-answer check's evidence usually belongs, from the `section.name` id convention
/// (`results.before-after`), so a gap can still point at a line.
pub fn home_section(id: &str) -> Option<SectionName> {
    let prefix = id.split('.').next()?;
    SectionName::ALL.into_iter().find(|s| s.as_str() == prefix)
}

/// A penalty check: nothing to earn or lose while `count` is within `most`; past it, its
/// points (half for each one over when `partial`, up to all) join the possible total unearned.
fn penalise(result: &mut CheckResult, count: u32, most: u32, partial: bool, where_: &str) {
    let points = result.max_points;
    result.points = 0;
    if count <= most {
        result.max_points = 0;
        result.message = if count == 0 {
            format!("none found in {where_}")
        } else {
            format!("{count} found, {most} allowed")
        };
        return;
    }
    let over = count - most;
    let cost = if partial { f64::from(over) * 0.5 } else { 1.0 };
    result.max_points = scaled(points, cost).max(1);
    result.status = Status::Fail;
    result.message = format!("{count} found in {where_}, {most} allowed");
}

fn lose_all(result: &mut CheckResult, message: String) {
    result.points = 0;
    result.status = Status::Fail;
    result.message = message;
}

fn scaled(points: u32, fraction: f64) -> u32 {
    (f64::from(points) * fraction.clamp(0.0, 1.0)).round() as u32
}

fn status_for(points: u32, max: u32) -> Status {
    if points >= max {
        Status::Pass
    } else if points == 0 {
        Status::Fail
    } else {
        Status::Partial
    }
}

fn in_scope(evidence: &Evidence, scope: Option<SectionName>) -> bool {
    scope.is_none_or(|s| evidence.sections.contains(s))
}

fn sentence_in_scope(sentence: &Sentence, scope: Option<SectionName>) -> bool {
    scope.is_none_or(|s| sentence.in_section(s))
}

/// Keyword and pattern checks read only real sentences, so a pasted list of terms earns nothing.
/// `find` is given each sentence's index in the answer and its text.
fn scan_sentences(
    answer: &Answer,
    scope: Option<SectionName>,
    find: impl Fn(usize, &str) -> Vec<(usize, usize)>,
) -> Vec<Evidence> {
    // Keyword lists and term dumps earn nothing: a rubric's words must sit in real sentences.
    answer
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| sentence_in_scope(s, scope) && signals::buzzwords::is_real_prose(s))
        .flat_map(|(index, s)| {
            find(index, &s.text)
                .into_iter()
                .map(move |(start, end)| Evidence::from_span(s, start, end))
        })
        .collect()
}

fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// The same phrase on the same line counts once.
fn dedupe(mut evidence: Vec<Evidence>) -> Vec<Evidence> {
    if evidence.len() < 2 {
        return evidence;
    }
    let mut seen = std::collections::HashSet::new();
    evidence.retain(|e| seen.insert((e.line, e.text.clone())));
    evidence
}

/// "2m45s" style durations for people.
pub fn clock(seconds: u32) -> String {
    if seconds < 60 {
        format!("{seconds}s")
    } else {
        format!("{}m{:02}s", seconds / 60, seconds % 60)
    }
}
