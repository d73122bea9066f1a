//! Trains the learned reading of two signals (`src/signals/signals.model`) from the lines
//! people marked in real answers.
//!
//!     cargo run --release --example train_signals
//!     cargo run --release --example train_signals -- --hold-out ids.txt
//!
//! Every told sentence of a `dev` answer is an example: for each signal, positive when the
//! answer's marked lines (`tests/corpus/real/labels/lines.tsv`) put that signal on its line
//! with a phrase from the sentence, negative when no marked line of that signal touches it,
//! and not learned from when a marked line holds it but the phrase is another sentence's. The
//! `test` split is never read. With `--hold-out`, the answers listed are left out of training
//! and the model alone is measured on them, per answer, against the settled labels (nothing is
//! written): the way to compare settings without touching `test`.

mod common;

use coach::answer::parse;
use coach::linear::{Example, Link, Model, Training, fit, keys};
use coach::signals::learned::{SIGNALS, THRESHOLD, features, told_sentences};
use std::collections::{BTreeMap, BTreeSet, HashMap};
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

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let real = root.join("tests/corpus/real");
    let args: Vec<String> = std::env::args().collect();
    let held: BTreeSet<String> = match args.iter().position(|a| a == "--hold-out") {
        Some(at) => fs::read_to_string(&args[at + 1])
            .expect("hold-out list")
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        None => BTreeSet::new(),
    };
    let dev = common::dev_ids(&real);
    let mut marked: HashMap<(String, String), Vec<(usize, String)>> = HashMap::new();
    for row in common::read_tsv(&real.join("labels/lines.tsv")) {
        let Ok(line) = row[2].parse() else { continue };
        marked
            .entry((row[0].clone(), row[1].clone()))
            .or_default()
            .push((line, normalise(&row[3])));
    }

    let mut training = Vec::new();
    let mut answers = 0;
    for id in dev.iter().filter(|id| !held.contains(*id)) {
        let Some(text) = common::answer_text(&real, id) else {
            continue;
        };
        answers += 1;
        let answer = parse(&text);
        for (sentence, place) in told_sentences(&answer) {
            let last_line = sentence.breaks.last().map_or(sentence.line, |b| b.1);
            let said = normalise(&sentence.text);
            let mut target = [0.0; 2];
            let mut weight = [1.0; 2];
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
            training.push(Example {
                features: features(sentence, place),
                target,
                weight,
            });
        }
    }
    let positives: Vec<String> = SIGNALS
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let n = training.iter().filter(|e| e.target[k] > 0.5).count();
            format!("{} {n}", s.key())
        })
        .collect();
    eprintln!(
        "{} told sentences of {answers} dev answers; positives: {}",
        training.len(),
        positives.join(", ")
    );
    let model = fit(&training, &TRAINING);
    if held.is_empty() {
        let out = root.join("src/signals/signals.model");
        let header = format!(
            "Learned signals: weights for {} in order. Written by\n\
             `cargo run --release --example train_signals` from {} told sentences of {answers} dev answers.",
            SIGNALS.map(|s| s.key()).join(", "),
            training.len()
        );
        fs::write(&out, model.render(&header)).expect("model written");
        eprintln!("wrote {} ({} features)", out.display(), model.weights.len());
    } else {
        measure(&model, &real, &held);
    }
}

/// Answer-level precision, recall and F1 of the model alone on the held-out answers.
fn measure(model: &Model<2>, real: &Path, held: &BTreeSet<String>) {
    let settled: BTreeMap<String, String> = common::read_tsv(&real.join("labels/final.tsv"))
        .into_iter()
        .map(|row| (row[0].clone(), row[7].clone()))
        .collect();
    let mut counts = [[0usize; 3]; 2];
    for id in held {
        let Some(text) = common::answer_text(real, id) else {
            continue;
        };
        let answer = parse(&text);
        let mut found = [false; 2];
        for (sentence, place) in told_sentences(&answer) {
            let probs = model.probs(&keys(&features(sentence, place)));
            for k in 0..2 {
                found[k] |= probs[k] > THRESHOLD;
            }
        }
        let gold = settled.get(id).map_or("", String::as_str);
        for (k, signal) in SIGNALS.iter().enumerate() {
            let truth = gold.split(',').any(|s| s == signal.key());
            match (found[k], truth) {
                (true, true) => counts[k][0] += 1,
                (true, false) => counts[k][1] += 1,
                (false, true) => counts[k][2] += 1,
                _ => {}
            }
        }
    }
    println!("| signal | tp | fp | fn | precision | recall | F1 |");
    for (k, signal) in SIGNALS.iter().enumerate() {
        let [tp, fp, fn_] = counts[k].map(|c| c as f32);
        let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!(
            "| {} | {tp} | {fp} | {fn_} | {p:.2} | {r:.2} | {f:.2} |",
            signal.key()
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
