//! Trains the learned reading of four signals (`src/signals/signals.model`) from the lines
//! people marked in real answers.
//!
//!     cargo run --release --example train_signals
//!     cargo run --release --example train_signals -- --cross-validate
//!
//! Every told sentence of a `dev` answer is an example: for each signal, positive when the
//! answer's marked lines (`tests/corpus/real/labels/lines.tsv`) put that signal on its line
//! with a phrase from the sentence, negative when no marked line of that signal touches it,
//! and not learned from when a marked line holds it but the phrase is another sentence's. The
//! `test` split is never read. With `--cross-validate`, the `dev` answers are split by writer
//! into five folds and each fold is read by a model trained on the others; per signal, the
//! table gives answer-level F1 against the settled labels for the rules alone, the model
//! alone, and the rules with the model filling their gaps at several thresholds (nothing is
//! written): the way to choose signals and thresholds without touching `test`.

mod common;

use coach::answer::parse;
use coach::linear::{Example, Link, Model, Training, fit, keys};
use coach::signals::detect_by_rules;
use coach::signals::learned::{N, SIGNALS, THRESHOLDS, features, told_sentences};
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;

const TRAINING: Training = Training {
    link: Link::Logistic,
    rounds: 800,
    learning_rate: 4.0,
    l2: 1e-3,
    min_count: 2,
    keep: 0.02,
};

/// One `dev` answer as training and measuring see it.
struct Read {
    writer: String,
    /// Its told sentences as examples, in order.
    examples: Vec<Example<N>>,
    /// For each signal: found by the rules, and present by the settled labels.
    by_rules: [bool; N],
    settled: [bool; N],
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let real = root.join("tests/corpus/real");
    let reads = read_dev(&real);
    let sentences: usize = reads.iter().map(|r| r.examples.len()).sum();
    let positives: Vec<String> = SIGNALS
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let n = reads
                .iter()
                .flat_map(|r| &r.examples)
                .filter(|e| e.target[k] > 0.5)
                .count();
            format!("{} {n}", s.key())
        })
        .collect();
    eprintln!(
        "{sentences} told sentences of {} dev answers; positives: {}",
        reads.len(),
        positives.join(", ")
    );
    if std::env::args().any(|a| a == "--cross-validate") {
        cross_validate(&reads);
        return;
    }
    let all: Vec<Example<N>> = reads.into_iter().flat_map(|r| r.examples).collect();
    let model = fit(&all, &TRAINING);
    let out = root.join("src/signals/signals.model");
    let header = format!(
        "Learned signals: weights for {} in order. Written by\n\
         `cargo run --release --example train_signals` from {sentences} told sentences of dev answers.",
        SIGNALS.map(|s| s.key()).join(", "),
    );
    fs::write(&out, model.render(&header)).expect("model written");
    eprintln!("wrote {} ({} features)", out.display(), model.weights.len());
}

/// Every `dev` answer: its examples, what the rules find and what the settled labels say.
fn read_dev(real: &Path) -> Vec<Read> {
    let manifest = common::manifest(real);
    let mut marked: HashMap<(String, String), Vec<(usize, String)>> = HashMap::new();
    for row in common::read_tsv(&real.join("labels/lines.tsv")) {
        let Ok(line) = row[2].parse() else { continue };
        marked
            .entry((row[0].clone(), row[1].clone()))
            .or_default()
            .push((line, normalise(&row[3])));
    }
    let settled: BTreeMap<String, String> = common::read_tsv(&real.join("labels/final.tsv"))
        .into_iter()
        .map(|row| (row[0].clone(), row[7].clone()))
        .collect();
    let mut reads = Vec::new();
    for id in common::dev_ids(real) {
        let Some(text) = common::answer_text(real, &id) else {
            continue;
        };
        let answer = parse(&text);
        let mut examples = Vec::new();
        for (sentence, place) in told_sentences(&answer) {
            let last_line = sentence.last_line();
            let said = normalise(&sentence.text);
            let mut target = [0.0; N];
            let mut weight = [1.0; N];
            for (k, signal) in SIGNALS.iter().enumerate() {
                let marks = marked
                    .get(&(id.clone(), signal.key().to_string()))
                    .map_or(&[][..], Vec::as_slice);
                let here: Vec<&String> = marks
                    .iter()
                    .filter(|(line, _)| (sentence.line..=last_line).contains(line))
                    .map(|(_, phrase)| phrase)
                    .collect();
                if here.iter().any(|phrase| same_words(phrase, &said)) {
                    target[k] = 1.0;
                } else if !here.is_empty() {
                    weight[k] = 0.0;
                }
            }
            examples.push(Example {
                features: features(sentence, place),
                target,
                weight,
            });
        }
        let found = detect_by_rules(&answer);
        let gold = settled.get(&id).map_or("", String::as_str);
        reads.push(Read {
            writer: manifest
                .get(&id)
                .map_or_else(|| id.clone(), |s| s.writer.clone()),
            examples,
            by_rules: SIGNALS.map(|s| found.present(s)),
            settled: SIGNALS.map(|s| gold.split(',').any(|g| g == s.key())),
        });
    }
    reads
}

/// Each answer read by a model that never saw its writer; the table compares the rules, the
/// model, and the rules with the model filling their gaps.
fn cross_validate(reads: &[Read]) {
    let fold = |r: &Read| common::fold(&r.writer);
    let mut surest = vec![[0.0f32; N]; reads.len()];
    for f in 0..common::FOLDS {
        let training: Vec<Example<N>> = reads
            .iter()
            .filter(|r| fold(r) != f)
            .flat_map(|r| r.examples.iter().cloned())
            .collect();
        let model: Model<N> = fit(&training, &TRAINING);
        for (i, read) in reads.iter().enumerate().filter(|(_, r)| fold(r) == f) {
            for example in &read.examples {
                let probs = model.probs(&keys(&example.features));
                for k in 0..N {
                    surest[i][k] = surest[i][k].max(probs[k]);
                }
            }
        }
    }
    let cuts = [0.5, 0.6, 0.7, 0.8, 0.9];
    println!(
        "| signal | rules | model | {} |",
        cuts.map(|t| format!("rules + model > {t}")).join(" | ")
    );
    println!("|---|---:|---:|{}", "---:|".repeat(cuts.len()));
    for (k, signal) in SIGNALS.iter().enumerate() {
        let f1 = |said: &dyn Fn(usize) -> bool| {
            let (mut tp, mut wrong) = (0, 0);
            for (i, read) in reads.iter().enumerate() {
                match (said(i), read.settled[k]) {
                    (true, true) => tp += 1,
                    (true, false) | (false, true) => wrong += 1,
                    _ => {}
                }
            }
            format!("{:.3}", 2.0 * tp as f32 / (2 * tp + wrong).max(1) as f32)
        };
        let filled = cuts.map(|t| {
            let mark = if t == THRESHOLDS[k] { " (kept)" } else { "" };
            let f = f1(&|i| reads[i].by_rules[k] || surest[i][k] > t);
            format!("{f}{mark}")
        });
        println!(
            "| {} | {} | {} | {} |",
            signal.key(),
            f1(&|i| reads[i].by_rules[k]),
            f1(&|i| surest[i][k] > 0.5),
            filled.join(" | ")
        );
    }
}

/// Lower case, markdown emphasis gone, one space between words.
fn normalise(text: &str) -> String {
    text.to_lowercase()
        .replace(['*', '_', '`'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a marked phrase is this sentence's: one holds the other, or the sentence holds the
/// phrase's opening words (a phrase may run on into the next sentence).
fn same_words(phrase: &str, sentence: &str) -> bool {
    if phrase.is_empty() || sentence.is_empty() {
        return false;
    }
    if sentence.contains(phrase) || phrase.contains(sentence) {
        return true;
    }
    let opening: String = phrase.chars().take(24).collect();
    let opening = opening
        .rsplit_once(' ')
        .map_or(opening.as_str(), |(a, _)| a);
    opening.len() >= 12 && sentence.contains(opening)
}
