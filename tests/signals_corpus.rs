//! Precision and recall of every detector over the labelled sets in `tests/corpus/signals/`.
//!
//! Each file holds cases under header lines: `=== + note` (the signal should fire) or
//! `=== - note` (it must not). A case is parsed as a whole answer and the signal counts as
//! present when `signals::detect` returns evidence for it.
//!
//! See the table and the misclassified cases with:
//! `cargo test --test signals_corpus -- --nocapture`

use coach::answer::parse;
use coach::signals::{SignalId, detect};
use std::fmt::Write as _;
use std::path::Path;

/// The bar every signal must clear on the tuning set.
const BAR: f64 = 0.9;
/// The held-out set was written after tuning and is not tuned on: its figures are reported as
/// they are, and this floor only catches a detector that stops working altogether.
const HELD_OUT_BAR: f64 = 0.5;

struct Case {
    line: usize,
    positive: bool,
    note: String,
    text: String,
}

fn parse_cases(text: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if let Some(header) = line.strip_prefix("=== ") {
            let positive = header.starts_with('+');
            assert!(
                positive || header.starts_with('-'),
                "line {}: header must start with `=== +` or `=== -`",
                i + 1
            );
            cases.push(Case {
                line: i + 1,
                positive,
                note: header[1..].trim().to_string(),
                text: String::new(),
            });
        } else if let Some(case) = cases.last_mut() {
            case.text.push_str(line);
            case.text.push('\n');
        }
    }
    cases
}

#[derive(Default)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
    misses: Vec<String>,
}

impl Tally {
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn tally(path: &Path, id: SignalId) -> Tally {
    let text = std::fs::read_to_string(path).expect("corpus file");
    let mut t = Tally::default();
    for case in parse_cases(&text) {
        assert!(
            !case.text.trim().is_empty(),
            "{}:{}: empty case",
            path.display(),
            case.line
        );
        let signals = detect(&parse(&case.text));
        let fired = signals.present(id);
        match (case.positive, fired) {
            (true, true) => t.tp += 1,
            (false, false) => t.tn += 1,
            (true, false) => {
                t.fn_ += 1;
                t.misses.push(format!(
                    "  missed   {}:{} {}",
                    path.display(),
                    case.line,
                    case.note
                ));
            }
            (false, true) => {
                t.fp += 1;
                let why = signals
                    .evidence(id)
                    .first()
                    .map_or(String::new(), |e| e.text.clone());
                t.misses.push(format!(
                    "  false +  {}:{} {} — «{}»",
                    path.display(),
                    case.line,
                    case.note,
                    why
                ));
            }
        }
    }
    t
}

/// Measures every signal with a file in `dir`; returns the rendered table and the failures.
fn measure(dir: &Path, bar: f64, min_cases: usize) -> (String, Vec<String>) {
    let mut table = format!(
        "{:<18} {:>5} {:>5} {:>4} {:>4} {:>9} {:>7}\n",
        "signal", "pos", "neg", "fp", "fn", "precision", "recall"
    );
    let mut failures = Vec::new();
    let mut details = String::new();
    let mut seen = 0;
    let mut total = Tally::default();
    for id in SignalId::ALL {
        let path = dir.join(format!("{}.txt", id.key()));
        if !path.exists() {
            continue;
        }
        seen += 1;
        let t = tally(&path, id);
        total.tp += t.tp;
        total.fp += t.fp;
        total.fn_ += t.fn_;
        total.tn += t.tn;
        let (pos, neg) = (t.tp + t.fn_, t.tn + t.fp);
        writeln!(
            table,
            "{:<18} {:>5} {:>5} {:>4} {:>4} {:>9.2} {:>7.2}",
            id.key(),
            pos,
            neg,
            t.fp,
            t.fn_,
            t.precision(),
            t.recall()
        )
        .unwrap();
        for miss in &t.misses {
            details.push_str(miss);
            details.push('\n');
        }
        if pos + neg < min_cases {
            failures.push(format!("{}: only {} cases", id.key(), pos + neg));
        }
        if t.precision() < bar || t.recall() < bar {
            failures.push(format!(
                "{}: precision {:.2}, recall {:.2} (bar {bar})",
                id.key(),
                t.precision(),
                t.recall()
            ));
        }
    }
    assert!(seen > 0, "no labelled sets in {}", dir.display());
    writeln!(
        table,
        "{:<18} {:>5} {:>5} {:>4} {:>4} {:>9.2} {:>7.2}",
        "all (micro)",
        total.tp + total.fn_,
        total.tn + total.fp,
        total.fp,
        total.fn_,
        total.precision(),
        total.recall()
    )
    .unwrap();
    (format!("{table}{details}"), failures)
}

#[test]
fn every_signal_clears_the_bar_on_the_tuning_set() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/signals");
    let (table, failures) = measure(&dir, BAR, 60);
    println!("tuning set ({})\n{table}", dir.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn held_out_set_is_reported() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/signals/heldout");
    if !dir.exists() {
        println!("no held-out set at {}; skipping", dir.display());
        return;
    }
    let (table, failures) = measure(&dir, HELD_OUT_BAR, 15);
    println!("held-out set ({})\n{table}", dir.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn case_files_parse_into_labelled_cases() {
    let cases = parse_cases("=== + yes\nI did it.\n=== - tricky: no\nWe did it.\nMore.\n");
    assert_eq!(cases.len(), 2);
    assert!(cases[0].positive && !cases[1].positive);
    assert_eq!(cases[1].note, "tricky: no");
    assert_eq!(cases[1].text, "We did it.\nMore.\n");
}

proptest::proptest! {
    /// Detectors slice text at match offsets; multibyte input must never make them panic.
    #[test]
    fn detectors_never_panic(text in r"(?:[a-zA-Z]{1,8}|\d{1,4}(?:\.\d)?|[ .,;:%$€£→’—/\-\n]|I |we |from |to |ms |x ){0,60}") {
        let answer = parse(&text);
        let signals = detect(&answer);
        for id in SignalId::ALL {
            for evidence in signals.evidence(id) {
                proptest::prop_assert!(evidence.line >= 1);
            }
        }
    }
}
