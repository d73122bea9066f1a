//! Micro-benchmarks for each stage of the flow: parse, detect, score, and rubric loading.
//!
//! Run with `cargo bench --bench pipeline`. Budgets live here and in `bench/compare.sh`,
//! never in timed tests.

use coach::{answer, engine, rubric, signals};

fn main() {
    divan::main();
}

/// A sample answer, named so the benchmark table stays readable.
#[derive(Clone, Copy, Debug)]
enum Sample {
    Strong,
    Weak,
}

impl Sample {
    fn text(self) -> &'static str {
        match self {
            Sample::Strong => include_str!("../samples/strong-queue-migration.md"),
            Sample::Weak => include_str!("../samples/weak-all-we.md"),
        }
    }
}

impl std::fmt::Display for Sample {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

const SAMPLES: [Sample; 2] = [Sample::Strong, Sample::Weak];

#[divan::bench(args = SAMPLES)]
fn parse(sample: Sample) -> answer::Answer {
    answer::parse(divan::black_box(sample.text()))
}

#[divan::bench(args = SAMPLES)]
fn detect(bencher: divan::Bencher, sample: Sample) {
    let parsed = answer::parse(sample.text());
    bencher.bench(|| signals::detect(divan::black_box(&parsed)));
}

#[divan::bench(args = SAMPLES)]
fn score(bencher: divan::Bencher, sample: Sample) {
    let rubric = rubric::load("infra-leadership").expect("built-in rubric");
    let parsed = answer::parse(sample.text());
    bencher.bench(|| engine::score("bench.md", divan::black_box(&parsed), &rubric));
}

#[divan::bench]
fn load_default_rubric() -> rubric::Rubric {
    rubric::load(divan::black_box("infra-leadership")).expect("built-in rubric")
}

/// The whole per-file path once the rubric is compiled: what each extra answer costs.
#[divan::bench(args = SAMPLES)]
fn parse_and_score(bencher: divan::Bencher, sample: Sample) {
    let rubric = rubric::load("infra-leadership").expect("built-in rubric");
    bencher.bench(|| {
        let parsed = answer::parse(divan::black_box(sample.text()));
        engine::score("bench.md", &parsed, &rubric)
    });
}
