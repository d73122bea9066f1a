//! `coach review`: one answer marked up (`coach::review`) as text, HTML or JSON; with
//! `--watch`, again on every save.

mod watch;

use super::color;
use super::guard::Guard;
use super::score::isolate::caught;
use super::score::scoring::{Judge, Scorer};
use super::{ERROR, PASSED, read_input, report_errors, say, table_width, write_stdout};
use crate::cli::{ReviewArgs, ReviewFormat};
use coach::report::FileError;
use coach::report::neutral::visible;
use coach::report::review::{html, json, text};
use coach::review::{self, Draft, Review};
use coach::rubric::{self, choice::Chooser};
use coach::walk::{self, Input};

pub fn run(args: ReviewArgs) -> anyhow::Result<u8> {
    let stdin = args.path.as_os_str() == "-";
    if args.watch && args.format != ReviewFormat::Text {
        say("--watch redraws the text view; leave out --format");
        return Ok(ERROR);
    }
    if args.watch && stdin {
        say("--watch needs a file to watch, not standard input");
        return Ok(ERROR);
    }
    // A rubric named on the command line is checked before the answer is read.
    if let Some(name) = &args.rubric
        && let Err(error) = rubric::load(name)
    {
        say(&visible(&error.to_string()));
        return Ok(ERROR);
    }
    let input = if stdin {
        Input::Stdin
    } else {
        let cwd = std::env::current_dir().ok();
        Input::File {
            display: walk::display_path(&args.path, cwd.as_deref()),
            path: args.path.clone(),
        }
    };
    let scorer = Scorer {
        chooser: Chooser::new(args.rubric.clone(), args.isolated),
        judge: Judge {
            min_score: None,
            baseline: None,
            // A review gates nothing: a draft is shown as one, allowed or not.
            allow_drafts: false,
        },
        max_bytes: args.max_bytes,
    };
    let reviewer = Reviewer::new(&scorer, input);
    let view = text::View {
        width: usize::from(table_width()),
        paint: color::stdout(args.color),
    };
    if args.watch {
        return watch::run(&reviewer, &args.path, view);
    }
    let (reviews, errors) = reviewer.review();
    match args.format {
        ReviewFormat::Text => {
            let shown = render_text(&reviews, view);
            match Guard::from_env() {
                Some(guard) => write_stdout(&format!("{}{shown}{}", guard.open(), guard.close()))?,
                None => write_stdout(&shown)?,
            }
            report_errors(&errors);
        }
        ReviewFormat::Html => {
            if !reviews.is_empty() {
                write_stdout(&html::render(reviewer.input.display(), &reviews))?;
            }
            report_errors(&errors);
        }
        ReviewFormat::Json => write_stdout(&json::render(&reviews, &errors))?,
    }
    Ok(if errors.is_empty() { PASSED } else { ERROR })
}

/// Reads and reviews one answer file.
pub struct Reviewer<'a> {
    scorer: &'a Scorer,
    input: Input,
}

impl<'a> Reviewer<'a> {
    pub fn new(scorer: &'a Scorer, input: Input) -> Reviewer<'a> {
        Reviewer { scorer, input }
    }

    /// A review of each answer in the file (one per story of a prep document), and what could
    /// not be reviewed: an unreadable file, a rubric that cannot be had, or a bug.
    pub fn review(&self) -> (Vec<Review>, Vec<FileError>) {
        let path = self.input.display();
        let outcome = caught(path, "", || {
            let source = match read_input(&self.input, self.scorer.max_bytes) {
                Ok(source) => source,
                Err(error) => return (Vec::new(), vec![error]),
            };
            let mut reviews = Vec::new();
            let mut errors = Vec::new();
            for judged in self.scorer.judge_source(&self.input, &source) {
                match judged {
                    Ok(judged) => {
                        let rubric = judged.choice.rubric();
                        let (first_line, last_line) = judged
                            .found
                            .story
                            .as_ref()
                            .map_or((1, usize::MAX), |s| (s.start_line, s.end_line));
                        let draft = Draft {
                            text: &source.text,
                            first_line,
                            last_line,
                            answer: &judged.found.answer,
                            rubric,
                            pass_score: judged.choice.min_score.unwrap_or(rubric.pass_score),
                        };
                        reviews.push(review::build(judged.file, &draft));
                    }
                    Err(error) => errors.push(error),
                }
            }
            (reviews, errors)
        });
        outcome.unwrap_or_else(|error| (Vec::new(), vec![error]))
    }

    /// The path of the answer as reports show it.
    pub fn shown_path(&self) -> &str {
        self.input.display()
    }
}

/// The text view of every answer in the file, a blank line between two.
pub fn render_text(reviews: &[Review], view: text::View) -> String {
    reviews
        .iter()
        .map(|review| text::render(review, view))
        .collect::<Vec<_>>()
        .join("\n")
}
