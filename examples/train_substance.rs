//! Trains the substance reading (`src/signals/substance.model`): which told words go with
//! answers people graded higher.
//!
//!     cargo run --release --example train_substance
//!     cargo run --release --example train_substance -- --cross-validate
//!
//! Every `dev` answer of the real-answer corpus is one example: the content words of its told
//! sentences, each once, and its settled grade as three yes-or-no targets (at least mixed, at
//! least good, strong). The `test` split is never read. With `--cross-validate`, the `dev`
//! answers are split by writer into five folds; each fold is read by a model trained on the
//! other four, and each answer's predicted grade is printed (`id<TAB>grade`) with the rank
//! correlation against the settled grades (nothing is written).

mod common;
#[path = "../tests/stats/mod.rs"]
mod stats;

use coach::answer::{Answer, parse};
use coach::linear::{Example, Link, Model, Training, fit};
use coach::signals::substance::{OUTPUTS, features, read_with};
use std::collections::HashMap;
use std::fs;
use std::path::Path;

const TRAINING: Training = Training {
    link: Link::Logistic,
    rounds: 4000,
    learning_rate: 2.0,
    l2: 1e-2,
    min_count: 3,
    keep: 0.01,
};

/// One `dev` answer with its settled grade.
struct Graded {
    id: String,
    writer: String,
    answer: Answer,
    grade: u8,
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let real = root.join("tests/corpus/real");
    let manifest = common::manifest(&real);
    let grades: HashMap<String, u8> = common::read_tsv(&real.join("labels/final.tsv"))
        .into_iter()
        .filter_map(|row| Some((row[0].clone(), row[1].parse().ok()?)))
        .collect();
    let graded: Vec<Graded> = common::dev_ids(&real)
        .into_iter()
        .filter_map(|id| {
            let grade = *grades.get(&id)?;
            let writer = manifest.get(&id)?.writer.clone();
            let answer = parse(&common::answer_text(&real, &id)?);
            Some(Graded {
                id,
                writer,
                answer,
                grade,
            })
        })
        .collect();
    if std::env::args().any(|a| a == "--cross-validate") {
        cross_validate(&graded);
        return;
    }
    let model = fit(&examples(graded.iter()), &TRAINING);
    let out = root.join("src/signals/substance.model");
    let header = format!(
        "Substance: weights for graded at least mixed, at least good, strong. Written by\n\
         `cargo run --release --example train_substance` from {} graded dev answers.",
        graded.len()
    );
    fs::write(&out, model.render(&header)).expect("model written");
    eprintln!("wrote {} ({} words)", out.display(), model.weights.len());
}

/// The training examples: each answer's told words against its grade.
fn examples<'a>(answers: impl Iterator<Item = &'a Graded>) -> Vec<Example<OUTPUTS>> {
    answers
        .map(|a| {
            let mut target = [0.0; OUTPUTS];
            for (k, t) in target.iter_mut().enumerate() {
                *t = f32::from(u8::from(a.grade >= k as u8 + 2));
            }
            Example {
                features: features(&a.answer),
                target,
                weight: [1.0; OUTPUTS],
            }
        })
        .collect()
}

/// Each answer read by a model that never saw its writer.
fn cross_validate(graded: &[Graded]) {
    let fold = |a: &Graded| common::fold(&a.writer);
    let (mut predicted, mut settled) = (Vec::new(), Vec::new());
    for f in 0..common::FOLDS {
        let model: Model<OUTPUTS> =
            fit(&examples(graded.iter().filter(|a| fold(a) != f)), &TRAINING);
        for a in graded.iter().filter(|a| fold(a) == f) {
            let grade = read_with(&model, &a.answer).grade;
            println!("{}\t{grade:.3}", a.id);
            predicted.push(f64::from(grade));
            settled.push(f64::from(a.grade));
        }
    }
    eprintln!(
        "cross-validated by writer: Spearman {:.3} over {} answers",
        stats::spearman(&predicted, &settled),
        graded.len()
    );
}
