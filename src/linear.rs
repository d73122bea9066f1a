//! Linear models over named features: the weights coach reads sentences with, and the one way
//! they are trained.
//!
//! A model has `N` outputs (five parts of a story, two signals); each feature present in a
//! sentence adds its weights to the outputs' sums. The weights live in committed text files
//! (`feature<TAB>w1 … wN`, `#` comments, a `bias` line), so a change to them is a reviewable
//! diff, and the training examples (`examples/train_*.rs`) write them with [`fit`].

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// Weights by feature name: what a model file holds and training writes.
type Weights<const N: usize> = HashMap<String, [f32; N], foldhash::fast::RandomState>;

/// Weights by [`key`]: what reading a sentence looks up, once for each of its features, with no
/// feature name ever built.
type Keyed<const N: usize> = HashMap<u64, [f32; N], BuildHasherDefault<KeyHasher>>;

/// The key of the feature named by `parts` joined: FNV-1a over their bytes, so `["w:", "canary"]`
/// and `"w:canary"` have the same key.
pub fn key(parts: &[&str]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for byte in parts.iter().flat_map(|p| p.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The keys of features given by name.
pub fn keys<S: AsRef<str>>(names: &[S]) -> Vec<u64> {
    names.iter().map(|n| key(&[n.as_ref()])).collect()
}

/// Keys are already hashes; the map uses them as they are.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 << 8) | u64::from(byte);
        }
    }
    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// Weights per feature, one for each output, and a bias.
#[derive(Debug, Clone)]
pub struct Model<const N: usize> {
    pub bias: [f32; N],
    pub weights: Weights<N>,
    keyed: Keyed<N>,
}

impl<const N: usize> Model<N> {
    pub fn new(bias: [f32; N], weights: Weights<N>) -> Model<N> {
        let keyed = weights.iter().map(|(name, w)| (key(&[name]), *w)).collect();
        Model {
            bias,
            weights,
            keyed,
        }
    }

    /// The weights of the feature with this [`key`], if the model has it.
    pub fn weight(&self, key: u64) -> Option<&[f32; N]> {
        self.keyed.get(&key)
    }

    /// The bias plus the weights of every feature key the model knows.
    pub fn sums_keyed(&self, keys: &[u64]) -> [f32; N] {
        let mut sums = self.bias;
        for weights in keys.iter().filter_map(|k| self.keyed.get(k)) {
            for (sum, weight) in sums.iter_mut().zip(weights) {
                *sum += weight;
            }
        }
        sums
    }

    /// Reads a model file. Lines that do not parse are skipped (the file is generated; each
    /// model's tests check that it loads whole). The first weight line is the bias, whatever
    /// its name: a feature may be called "bias" too (the substance reading's are bare words).
    pub fn parse(text: &str) -> Model<N> {
        let mut bias = None;
        let mut named = Weights::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((name, values)) = line.split_once('\t') else {
                continue;
            };
            let mut weights = [0.0f32; N];
            let mut count = 0;
            for (slot, value) in weights.iter_mut().zip(values.split_whitespace()) {
                if let Ok(value) = value.parse() {
                    *slot = value;
                    count += 1;
                }
            }
            if count != N {
                continue;
            }
            if bias.is_none() {
                bias = Some(weights);
            } else {
                named.insert(name.to_string(), weights);
            }
        }
        Model::new(bias.unwrap_or([0.0; N]), named)
    }

    /// Log-softmax of the sums for these feature keys: the outputs are exclusive choices.
    pub fn log_probs(&self, keys: &[u64]) -> [f32; N] {
        let sums = self.sums_keyed(keys);
        let max = sums.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let total: f32 = sums.iter().map(|s| (s - max).exp()).sum();
        let log_total = max + total.ln();
        sums.map(|s| s - log_total)
    }

    /// The logistic of each sum for these feature keys: the outputs are independent
    /// yes-or-no questions.
    pub fn probs(&self, keys: &[u64]) -> [f32; N] {
        self.sums_keyed(keys).map(sigmoid)
    }

    /// The file text: `header` lines as comments, the bias first, then features in name order.
    pub fn render(&self, header: &str) -> String {
        let row = |w: &[f32; N]| {
            w.iter()
                .map(|x| format!("{x:.3}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut out: String = header.lines().map(|l| format!("# {l}\n")).collect();
        out.push_str(&format!("bias\t{}\n", row(&self.bias)));
        let sorted: BTreeMap<&String, &[f32; N]> = self.weights.iter().collect();
        for (name, weights) in sorted {
            out.push_str(&format!("{name}\t{}\n", row(weights)));
        }
        out
    }
}

/// Panics unless `model` holds every weight line of `text`, the file it was parsed from, and at
/// least `least` features: each committed model's test that it loads whole.
#[cfg(test)]
pub fn assert_loaded_whole<const N: usize>(model: &Model<N>, text: &str, least: usize) {
    let lines = text.lines().filter(|l| !l.starts_with('#')).count();
    assert_eq!(model.weights.len() + 1, lines, "every weight line parses");
    assert!(
        model.weights.len() > least,
        "{} features",
        model.weights.len()
    );
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// How the outputs relate: one of them is true (softmax), or each on its own (logistic).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Softmax,
    Logistic,
}

/// One training sentence: its features, the target of each output (0 or 1) and how much each
/// output's error counts (0 leaves that output unlearned from this sentence).
#[derive(Debug, Clone)]
pub struct Example<const N: usize> {
    pub features: Vec<String>,
    pub target: [f32; N],
    pub weight: [f32; N],
}

/// Training settings. Full-batch gradient descent from zero: the same examples always give
/// the same model.
#[derive(Debug, Clone, Copy)]
pub struct Training {
    pub link: Link,
    pub rounds: usize,
    pub learning_rate: f32,
    /// L2 penalty per weight, against the mean loss.
    pub l2: f32,
    /// Features seen fewer times than this are noise and get no weight.
    pub min_count: usize,
    /// Weights smaller than this for every output are left out of the model.
    pub keep: f32,
}

/// Fits a model to `examples` by regularised logistic (or softmax) regression.
pub fn fit<const N: usize>(examples: &[Example<N>], training: &Training) -> Model<N> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for example in examples {
        for feature in &example.features {
            *counts.entry(feature).or_default() += 1;
        }
    }
    let mut names: Vec<&str> = counts
        .iter()
        .filter(|(_, n)| **n >= training.min_count)
        .map(|(f, _)| *f)
        .collect();
    names.sort_unstable();
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, f)| (*f, i)).collect();
    let rows: Vec<Vec<usize>> = examples
        .iter()
        .map(|e| {
            let mut row: Vec<usize> = e
                .features
                .iter()
                .filter_map(|f| index.get(f.as_str()).copied())
                .collect();
            row.sort_unstable();
            row.dedup();
            row
        })
        .collect();
    let n = examples.len().max(1) as f32;
    let mut weights = vec![[0.0f32; N]; names.len()];
    let mut bias = [0.0f32; N];
    for _ in 0..training.rounds {
        let mut grad = vec![[0.0f32; N]; names.len()];
        let mut grad_bias = [0.0f32; N];
        for (row, example) in rows.iter().zip(examples) {
            let mut sums = bias;
            for &f in row {
                for (sum, w) in sums.iter_mut().zip(&weights[f]) {
                    *sum += w;
                }
            }
            let predicted = match training.link {
                Link::Softmax => {
                    let max = sums.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                    let exps = sums.map(|s| (s - max).exp());
                    let total: f32 = exps.iter().sum();
                    exps.map(|e| e / total)
                }
                Link::Logistic => sums.map(sigmoid),
            };
            for k in 0..N {
                let error = example.weight[k] * (predicted[k] - example.target[k]);
                grad_bias[k] += error;
                for &f in row {
                    grad[f][k] += error;
                }
            }
        }
        for k in 0..N {
            bias[k] -= training.learning_rate * grad_bias[k] / n;
        }
        for (w, g) in weights.iter_mut().zip(&grad) {
            for k in 0..N {
                w[k] -= training.learning_rate * (g[k] / n + training.l2 * w[k]);
            }
        }
    }
    let kept = names
        .iter()
        .zip(weights)
        .filter(|(_, w)| w.iter().any(|x| x.abs() >= training.keep))
        .map(|(name, w)| (name.to_string(), w))
        .collect();
    Model::new(bias, kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(features: &[&str], target: [f32; 2]) -> Example<2> {
        Example {
            features: features.iter().map(|f| f.to_string()).collect(),
            target,
            weight: [1.0, 1.0],
        }
    }

    const TRAINING: Training = Training {
        link: Link::Logistic,
        rounds: 300,
        learning_rate: 2.0,
        l2: 1e-3,
        min_count: 1,
        keep: 0.0,
    };

    #[test]
    fn a_fitted_model_learns_which_word_means_which_output() {
        let examples = [
            example(&["w:canary", "w:i"], [1.0, 0.0]),
            example(&["w:canary", "w:we"], [1.0, 0.0]),
            example(&["w:lesson", "w:i"], [0.0, 1.0]),
            example(&["w:lesson", "w:we"], [0.0, 1.0]),
            example(&["w:i", "w:we"], [0.0, 0.0]),
        ];
        let model = fit(&examples, &TRAINING);
        let canary = model.probs(&keys(&["w:canary"]));
        let lesson = model.probs(&keys(&["w:lesson"]));
        assert!(canary[0] > 0.7 && canary[1] < 0.3, "{canary:?}");
        assert!(lesson[1] > 0.7 && lesson[0] < 0.3, "{lesson:?}");
    }

    #[test]
    fn an_output_weighted_zero_is_not_learned_from_that_example() {
        let mut examples = vec![example(&["w:canary"], [1.0, 1.0])];
        examples[0].weight = [1.0, 0.0];
        let model = fit(&examples, &TRAINING);
        assert!(model.probs(&keys(&["w:canary"]))[0] > 0.7);
        assert_eq!(model.weights["w:canary"][1], 0.0);
    }

    #[test]
    fn a_model_reads_back_what_it_renders() {
        // "bias" is a word like any other to a model of bare words: it must not take the
        // intercept's place when read back.
        let model = fit(
            &[
                example(&["a", "bias"], [1.0, 0.0]),
                example(&["b"], [0.0, 1.0]),
                example(&["bias"], [0.0, 0.0]),
            ],
            &TRAINING,
        );
        assert!(model.weights.contains_key("bias"));
        let again = Model::<2>::parse(&model.render("a test model\nsecond line"));
        for (a, b) in again.bias.iter().zip(&model.bias) {
            assert!(
                (a - b).abs() < 1e-3,
                "{:?} read back as {:?}",
                model.bias,
                again.bias
            );
        }
        assert_eq!(again.weights.len(), model.weights.len());
        for (name, weights) in &model.weights {
            for (a, b) in weights.iter().zip(&again.weights[name]) {
                assert!((a - b).abs() < 1e-3);
            }
        }
        assert!(model.render("x").starts_with("# x\nbias\t"));
    }

    #[test]
    fn softmax_outputs_sum_to_one() {
        let model = Model::<3>::parse("bias\t0.5 -1 2\nw:x\t1 1 -3\n");
        let total: f32 = model
            .log_probs(&keys(&["w:x"]))
            .iter()
            .map(|l| l.exp())
            .sum();
        assert!((total - 1.0).abs() < 1e-5);
        assert_eq!(
            model.sums_keyed(&keys(&["w:x", "w:unknown"])),
            [1.5, 0.0, -1.0]
        );
        assert_eq!(key(&["w:", "x"]), key(&["w:x"]));
        assert_ne!(key(&["w:x"]), key(&["w:y"]));
    }
}
