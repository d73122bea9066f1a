//! Scoring one input: read it, find its answers, choose each one's rubric, score it and judge
//! it against its bar.

use super::isolate::{isolated, panic_if_asked};
use crate::commands::read_input;
use coach::baseline::Baseline;
use coach::report::{AnswerMeta, FileError, FileReport};
use coach::rubric::Rubric;
use coach::rubric::choice::{Choice, Chooser};
use coach::source::Source;
use coach::stories::{self, Found, Story};
use coach::walk::Input;
use std::sync::Arc;

/// Everything an answer is scored and judged with; shared by every thread of a run.
pub struct Scorer {
    pub chooser: Chooser,
    pub judge: Judge,
    pub max_bytes: u64,
}

/// How an answer is judged: against its recorded baseline score if it has one, else the threshold.
pub struct Judge {
    pub min_score: Option<u32>,
    pub baseline: Option<Baseline>,
    /// `--allow-drafts`: placeholders are reported but fail no answer.
    pub allow_drafts: bool,
}

/// What became of one answer (or of a file that could not be read).
pub enum Scored {
    Answer(Box<ScoredAnswer>),
    Error(FileError),
}

pub struct ScoredAnswer {
    pub file: FileReport,
    pub meta: AnswerMeta,
    /// The rubric it was scored with (SARIF lists the checks of every rubric used).
    pub rubric: Arc<Rubric>,
}

impl Scorer {
    /// Reads one input and scores each answer in it; a panic on the way is the input's error.
    pub fn score_input(&self, input: &Input) -> Vec<Scored> {
        isolated(input.display(), || {
            match read_input(input, self.max_bytes) {
                Ok(source) => self.score_source(input, source),
                Err(error) => vec![Scored::Error(error)],
            }
        })
    }

    /// Scores each answer of a read input: the whole file, or each of its stories.
    fn score_source(&self, input: &Input, source: Source) -> Vec<Scored> {
        panic_if_asked(&source.path);
        self.judge_source(input, &source)
            .into_iter()
            .map(|judged| match judged {
                Ok(judged) => {
                    let rubric = judged.choice.rubric();
                    let meta = self.judge.meta(
                        &judged.file,
                        rubric,
                        judged.choice.min_score,
                        &source.path,
                        judged.found.story.as_ref(),
                    );
                    Scored::Answer(Box::new(ScoredAnswer {
                        meta,
                        rubric: judged.choice.shared_rubric(),
                        file: judged.file,
                    }))
                }
                Err(error) => Scored::Error(error),
            })
            .collect()
    }

    /// Each answer of a read input (the whole file, or each of its stories) scored with the
    /// rubric chosen for it; an answer whose rubric cannot be had is an error.
    pub fn judge_source(&self, input: &Input, source: &Source) -> Vec<Result<Judged, FileError>> {
        let real_path = match input {
            Input::File { path, .. } => Some(path.as_path()),
            Input::Stdin => None,
        };
        stories::answers(&source.text)
            .into_iter()
            .map(|found| {
                let name = match &found.story {
                    Some(story) => format!("{}#{}", source.path, story.slug),
                    None => source.path.clone(),
                };
                let choice = self
                    .chooser
                    .choose(real_path, &source.path, &source.text, &found.answer)
                    .map_err(|message| FileError {
                        path: name.clone(),
                        message,
                    })?;
                let mut file = coach::engine::score(&name, &found.answer, choice.rubric());
                choice.annotate(&mut file);
                if self.judge.allow_drafts {
                    file.drafts_allowed = Some("--allow-drafts".into());
                }
                Ok(Judged {
                    found,
                    file,
                    choice,
                })
            })
            .collect()
    }
}

/// One answer scored: what was found in the file, its report and the rubric choice behind it.
pub struct Judged {
    pub found: Found,
    pub file: FileReport,
    pub choice: Choice,
}

impl Judge {
    fn meta(
        &self,
        report: &FileReport,
        rubric: &Rubric,
        configured_min: Option<u32>,
        file: &str,
        story: Option<&Story>,
    ) -> AnswerMeta {
        let recorded = self.baseline.as_ref().and_then(|b| b.score(&report.path));
        let bar = recorded.unwrap_or_else(|| {
            self.min_score
                .or(configured_min)
                .unwrap_or(rubric.pass_score)
        });
        AnswerMeta {
            file: file.to_string(),
            story: story.map(|s| s.slug.clone()),
            title: story.and_then(|s| s.title.clone()),
            start_line: story.map_or(1, |s| s.start_line),
            bar,
            from_baseline: recorded.is_some(),
            // A draft fails whatever it scores, unless drafts are allowed.
            passed: report.score >= bar && !report.fails_as_draft(),
        }
    }
}
