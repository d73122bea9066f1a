//! Trains the sentence-role model (`src/answer/roles.model`) from labelled answers.
//!
//!     cargo run --release --example train_roles
//!
//! Every sentence under a STAR label is a training example for that part, and so is every
//! sentence of unlabelled `dev` prose whose part the settled section starts fix. The answers
//! come from the repository's own corpora and the `dev` split of the real-answer corpus; the
//! `test` split is never read. Training is deterministic (full-batch gradient descent from zero), so
//! the same answers always give the same file.

mod common;

use coach::answer::roles::{Place, features};
use coach::answer::sentences::Opening;
use coach::answer::{SectionName, Sentence, parse};
use coach::linear::{Example, Link, Model, Training, fit, keys};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const TRAINING: Training = Training {
    link: Link::Softmax,
    rounds: 600,
    learning_rate: 2.0,
    l2: 1e-2,
    min_count: 2,
    keep: 0.02,
};
/// Each part's examples weigh (mean part size / part size) to this power: reflections and
/// tasks are rare under labels and would otherwise be drowned by actions.
const BALANCE: f32 = 0.5;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "tests/corpus/sections/labelled",
        "tests/corpus/sections/heldout",
        "tests/corpus/graded",
        "samples",
    ] {
        files.extend(markdown_files(&root.join(dir)));
    }
    let real = root.join("tests/corpus/real");
    let dev_ids = common::dev_ids(&real);
    let dev: BTreeSet<&str> = dev_ids.iter().map(String::as_str).collect();
    files.extend(
        dev.iter()
            .map(|id| real.join("answers").join(format!("{id}.md"))),
    );

    let mut examples = examples(&files);
    let marked = marked_prose(&real, &dev);
    eprintln!(
        "{} sentences of unlabelled dev prose placed by the settled section starts",
        marked.len()
    );
    examples.extend(marked);
    let mut per_part = [0usize; 5];
    for (_, part) in &examples {
        per_part[*part] += 1;
    }
    eprintln!(
        "{} labelled sentences from {} answers (situation {}, task {}, actions {}, results {}, reflection {})",
        examples.len(),
        files.len(),
        per_part[0],
        per_part[1],
        per_part[2],
        per_part[3],
        per_part[4]
    );
    let model = train(&examples);
    let out = root.join("src/answer/roles.model");
    fs::write(&out, render(&model, examples.len(), files.len())).expect("model written");
    let right = examples
        .iter()
        .filter(|(features, part)| {
            let probs = model.log_probs(&keys(features));
            (0..5).max_by(|&a, &b| probs[a].total_cmp(&probs[b])) == Some(*part)
        })
        .count();
    eprintln!(
        "wrote {} ({} features); training accuracy {:.3}",
        out.display(),
        model.weights.len(),
        right as f32 / examples.len() as f32
    );
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// (features, part) for every sentence that sits under a label of exactly one part.
fn examples(files: &[PathBuf]) -> Vec<(Vec<String>, usize)> {
    let mut examples = Vec::new();
    for file in files {
        let Ok(text) = fs::read_to_string(file) else {
            continue;
        };
        let answer = parse(&text);
        let spoken: Vec<_> = answer.sentences.iter().filter(|s| s.is_spoken()).collect();
        for (index, sentence) in spoken.iter().enumerate() {
            let Some(part) = sentence.sections.first() else {
                continue;
            };
            if sentence.sections.last() != Some(part) {
                continue;
            }
            let under_label = answer.sections.iter().any(|s| {
                s.name == part && s.labelled && (s.start_line..=s.end_line).contains(&sentence.line)
            });
            if under_label {
                examples.push((
                    features(&sentence.text, place(index, &spoken)),
                    part.index(),
                ));
            }
        }
    }
    examples
}

/// Sentences of the unlabelled `dev` answers whose part the settled labels fix: a sentence on
/// a line with no section start belongs to the latest start above it; on a line where one
/// part starts, the sentence that opens the line is that part. Other sentences on lines where
/// parts start are ambiguous (a paragraph on one line holds several parts) and are skipped.
fn marked_prose(real: &Path, dev: &BTreeSet<&str>) -> Vec<(Vec<String>, usize)> {
    let labels = fs::read_to_string(real.join("labels/final.tsv")).expect("final.tsv");
    let mut examples = Vec::new();
    for row in labels.lines().skip(1) {
        let cells: Vec<&str> = row.split('\t').collect();
        if cells.len() < 7 || !dev.contains(cells[0]) {
            continue;
        }
        let starts: Vec<(usize, usize)> = (0..5)
            .filter_map(|part| cells[2 + part].parse().ok().map(|line| (line, part)))
            .collect();
        let Some(text) = common::answer_text(real, cells[0]) else {
            continue;
        };
        let answer = parse(&text);
        if answer.is_labelled() || starts.is_empty() {
            continue;
        }
        let spoken: Vec<_> = answer.sentences.iter().filter(|s| s.is_spoken()).collect();
        for (index, sentence) in spoken.iter().enumerate() {
            let here: Vec<usize> = starts
                .iter()
                .filter(|(line, _)| *line == sentence.line)
                .map(|(_, part)| *part)
                .collect();
            let part = match here.as_slice() {
                [] => starts
                    .iter()
                    .filter(|(line, _)| *line < sentence.line)
                    .max_by_key(|(line, part)| (*line, *part))
                    .map(|(_, part)| *part),
                [only] if sentence.opening != Opening::MidLine => Some(*only),
                _ => None,
            };
            if let Some(part) = part {
                examples.push((features(&sentence.text, place(index, &spoken)), part));
            }
        }
    }
    examples
}

/// Where the `index`th of an answer's spoken sentences sits, as the model reads it.
fn place(index: usize, spoken: &[&Sentence]) -> Place {
    Place {
        index,
        count: spoken.len(),
        opening: spoken[index].opening,
    }
}

/// Multinomial logistic regression, each part's sentences weighted by how rare the part is.
fn train(examples: &[(Vec<String>, usize)]) -> Model<5> {
    let mut per_part = [0usize; 5];
    for (_, part) in examples {
        per_part[*part] += 1;
    }
    let weight_of: [f32; 5] =
        per_part.map(|c| (examples.len() as f32 / 5.0 / c.max(1) as f32).powf(BALANCE));
    let examples: Vec<Example<5>> = examples
        .iter()
        .map(|(features, part)| {
            let mut target = [0.0; 5];
            target[*part] = 1.0;
            Example {
                features: features.clone(),
                target,
                weight: [weight_of[*part]; 5],
            }
        })
        .collect();
    fit(&examples, &TRAINING)
}

fn render(model: &Model<5>, sentences: usize, answers: usize) -> String {
    model.render(&format!(
        "Sentence-role model: weights for {} in order. Written by\n\
         `cargo run --release --example train_roles` from {sentences} labelled sentences of {answers} answers.",
        SectionName::ALL.map(SectionName::as_str).join(", "),
    ))
}
