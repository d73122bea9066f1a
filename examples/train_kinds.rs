//! Trains the reading that picks a built-in rubric for an answer (`src/rubric/kinds.model`).
//!
//!     cargo run --release --example train_kinds
//!     cargo run --release --example train_kinds -- --cross-validate
//!
//! The examples are every `dev` answer of the real-answer corpus (its question, when the
//! manifest has one, and its story, labelled with the kind the collectors gave it) and every
//! built-in's example `questions:` on their own. The `test` split is never read. With
//! `--cross-validate`, the `dev` answers are split by writer into five folds; each fold is read
//! by a model trained on the other four, as `coach score` picks (the question alone when it is
//! plain, else with the story), and each pick is printed (`id<TAB>kind`) with the share that
//! met the collectors' kind (nothing is written).

mod common;

use coach::answer::{Answer, parse};
use coach::linear::{Example, Link, Model, Training, fit};
use coach::rubric::builtin;
use coach::rubric::kind::{Asked, KIND_COUNT, features, kinds, pick_with};
use std::fs;
use std::path::Path;

const TRAINING: Training = Training {
    link: Link::Softmax,
    rounds: 600,
    learning_rate: 2.0,
    l2: 3e-3,
    min_count: 2,
    keep: 0.01,
};

/// One `dev` answer, read.
struct Labelled {
    id: String,
    writer: String,
    question: Option<String>,
    answer: Answer,
    kind: usize,
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let real = root.join("tests/corpus/real");
    let manifest = common::manifest(&real);
    let labelled: Vec<Labelled> = common::dev_ids(&real)
        .into_iter()
        .filter_map(|id| {
            let source = manifest.get(&id)?;
            let kind = kinds().iter().position(|k| *k == source.kind)?;
            let text = common::answer_text(&real, &id)?;
            Some(Labelled {
                writer: source.writer.clone(),
                question: source.question.clone(),
                answer: parse(&text),
                kind,
                id,
            })
        })
        .collect();
    if std::env::args().any(|a| a == "--cross-validate") {
        cross_validate(&labelled);
        return;
    }
    let examples = examples(labelled.iter());
    let model = fit(&examples, &TRAINING);
    let out = root.join("src/rubric/kinds.model");
    let header = format!(
        "Kinds of story: weights for {} in order. Written by\n\
         `cargo run --release --example train_kinds` from {} dev answers and the built-ins' example questions.",
        kinds().join(", "),
        labelled.len()
    );
    fs::write(&out, model.render(&header)).expect("model written");
    eprintln!("wrote {} ({} features)", out.display(), model.weights.len());
}

/// The training examples: the answers given, then each built-in's example questions alone.
fn examples<'a>(answers: impl Iterator<Item = &'a Labelled>) -> Vec<Example<KIND_COUNT>> {
    let one_hot = |kind: usize| {
        let mut target = [0.0; KIND_COUNT];
        target[kind] = 1.0;
        target
    };
    let mut examples: Vec<Example<KIND_COUNT>> = answers
        .map(|a| Example {
            features: features(a.question.as_deref(), &a.answer),
            target: one_hot(a.kind),
            weight: [1.0; KIND_COUNT],
        })
        .collect();
    let nothing = parse("");
    for (name, spec) in builtin::specs() {
        let kind = kinds()
            .iter()
            .position(|k| k == name)
            .expect("a built-in kind");
        for question in &spec.questions {
            examples.push(Example {
                features: features(Some(question), &nothing),
                target: one_hot(kind),
                weight: [1.0; KIND_COUNT],
            });
        }
    }
    examples
}

/// Each answer read by a model that never saw its writer.
fn cross_validate(labelled: &[Labelled]) {
    let fold = |a: &Labelled| common::fold(&a.writer);
    let mut met = 0;
    for f in 0..common::FOLDS {
        let model: Model<KIND_COUNT> = fit(
            &examples(labelled.iter().filter(|a| fold(a) != f)),
            &TRAINING,
        );
        for a in labelled.iter().filter(|a| fold(a) == f) {
            let asked = a.question.as_deref().map(Asked::Question);
            let picked = pick_with(&model, asked, &a.answer).map_or("-", |p| p.rubric);
            met += usize::from(picked == kinds()[a.kind]);
            println!("{}\t{picked}", a.id);
        }
    }
    eprintln!(
        "cross-validated by writer: {met} of {} picks meet the collectors' kind ({:.3})",
        labelled.len(),
        met as f64 / labelled.len() as f64
    );
}
