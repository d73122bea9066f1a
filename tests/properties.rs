//! Properties that hold for any input: no panic, scores in 0..=100, spans inside the file,
//! line ends and BOMs that change nothing, reviews that fit their width and show no control
//! character, and the same bytes out on every run.

mod guarded;

use coach::answer::{self, Answer};
use coach::report::FileReport;
use coach::report::paint::Paint;
use coach::report::review::{html, json, text as review_text};
use coach::review::{self, Draft};
use coach::rubric::{self, Rubric};
use coach::signals::{self, SignalId};
use coach::source;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

static RUBRICS: LazyLock<Vec<Rubric>> = LazyLock::new(|| {
    rubric::builtin::names()
        .map(|name| rubric::load(name).expect("built-in rubric"))
        .collect()
});

/// Pieces of STAR-flavoured markdown; joined at random they reach labels, lists, quotes,
/// fences, front matter, tables, numbers and the detectors' phrases.
const FRAGMENTS: &[&str] = &[
    "\n",
    "\n\n",
    " ",
    "# ",
    "## ",
    "> ",
    ">>",
    "- ",
    "* ",
    "1. ",
    "| ",
    " |",
    "---",
    "```",
    "~~~",
    "<!--",
    "-->",
    "**",
    "_",
    "`",
    "[",
    "]",
    "(",
    ")",
    "Situation:",
    "**Task:**",
    "S:",
    "T:",
    "A:",
    "R:",
    "S/T:",
    "Actions",
    "Results",
    "Reflection",
    "Lessons learned",
    "Impact:",
    "I led",
    "we",
    "the team",
    "p95",
    "99.95%",
    "320 ms",
    "from 45 to 12 minutes",
    "$40k a month",
    "3x",
    "three nines",
    "canary",
    "rollback",
    "SLO",
    "trade-off",
    "incident",
    "Security",
    "next time",
    "e.g.",
    "approx.",
    "2021",
    "v1.2.3",
    ".",
    "!",
    "?",
    "é",
    "日本",
    "\u{feff}",
    "\t",
    "===",
    "question: x",
    "rubric: star",
];

fn markdownish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..120).prop_map(|parts| parts.concat())
}

/// Parses, detects and scores `text` with every built-in rubric, checking what must hold.
fn check_everything(text: &str) -> Answer {
    let answer = answer::parse(text);
    let lines = text.split('\n').count();
    for section in &answer.sections {
        assert!(section.start_line >= 1, "{section:?}");
        assert!(section.start_line <= section.end_line, "{section:?}");
        assert!(section.end_line <= lines, "{section:?} past line {lines}");
    }
    let found = signals::detect(&answer);
    for id in SignalId::ALL {
        for evidence in found.evidence(id) {
            assert!(
                (1..=lines).contains(&evidence.line),
                "{id:?} evidence on line {} of {lines}",
                evidence.line
            );
        }
    }
    for rubric in RUBRICS.iter() {
        let file = coach::engine::score("p.md", &answer, rubric);
        assert!(file.score <= 100, "score {}", file.score);
        assert!(file.checks.iter().all(|c| c.points <= c.max_points));
        check_review(text, &answer, rubric, file);
    }
    answer
}

/// Reviews `text` and renders it every way: plain text keeps to its width in the answer's
/// rows and holds no control character but line feeds; colour adds only escapes; the page has
/// no markup from the answer; the JSON parses.
fn check_review(text: &str, answer: &Answer, rubric: &Rubric, file: FileReport) {
    let draft = Draft {
        text,
        first_line: 1,
        last_line: usize::MAX,
        answer,
        rubric,
        pass_score: rubric.pass_score,
    };
    let review = review::build(file, &draft);
    for width in [40, 100] {
        let plain = review_text::render(
            &review,
            review_text::View {
                width,
                paint: Paint::new(false),
            },
        );
        assert!(
            plain.chars().all(|c| c == '\n' || !c.is_control()),
            "a control character in {plain:?}"
        );
        for row in plain.lines().filter(|l| l.contains(" │ ")) {
            let columns = unicode_width::UnicodeWidthStr::width(row);
            assert!(columns <= width, "{columns} columns at {width}: {row:?}");
        }
    }
    let coloured = review_text::render(
        &review,
        review_text::View {
            width: 100,
            paint: Paint::new(true),
        },
    );
    assert!(
        coloured
            .chars()
            .all(|c| c == '\n' || c == '\u{1b}' || !c.is_control()),
        "{coloured:?}"
    );
    let page = html::render("p.md", std::slice::from_ref(&review));
    assert!(!page.contains("<script"), "{page}");
    assert!(page.chars().all(|c| c == '\n' || !c.is_control()));
    let data = json::render(std::slice::from_ref(&review), &[]);
    serde_json::from_str::<serde_json::Value>(&data).expect("review JSON parses");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check_everything(&text);
    }

    #[test]
    fn markdownish_text_never_panics(text in markdownish()) {
        check_everything(&text);
    }

    #[test]
    fn arbitrary_bytes_are_read_or_refused(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(read) = source::from_bytes("p.md", bytes, 1 << 20) {
            prop_assert!(!read.text.contains('\r'));
            prop_assert!(!read.text.starts_with('\u{feff}'), "BOM kept");
            check_everything(&read.text);
        }
    }

    #[test]
    fn crlf_and_bom_read_like_lf(text in markdownish()) {
        let lf = text.replace('\r', "");
        let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
        let a = source::from_bytes("p.md", lf.into_bytes(), 1 << 20);
        let b = source::from_bytes("p.md", crlf.into_bytes(), 1 << 20);
        match (a, b) {
            (Ok(a), Ok(b)) => {
                // A BOM fragment inside the text stays; only the leading one is dropped.
                prop_assert_eq!(a.text.trim_start_matches('\u{feff}'), b.text.trim_start_matches('\u{feff}'));
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{a:?} vs {b:?}"),
        }
    }

    #[test]
    fn rubric_loader_never_panics(text in "(name: t\ntitle: T\n)?checks:\n(  - (id|points|hint|pattern|signal|keywords|terms|at-least|section): [a-z0-9 .\\[\\]{}&*|()+?\\\\-]{0,20}\n){0,8}") {
        let _ = rubric::from_yaml(&text, "p.yaml");
    }
}

/// Regression guard for the line mapping: every sentence starts on a line that holds its words.
#[test]
fn sentence_lines_hold_their_first_word() {
    let text = "Situation: one. Two\nthree. Four\nfive six.\n\nTask: I led it.";
    let parsed = check_everything(text);
    let lines: Vec<&str> = text.split('\n').collect();
    for sentence in &parsed.sentences {
        let first = sentence.text.split_whitespace().next().unwrap();
        assert!(
            lines[sentence.line - 1].contains(first),
            "{:?} on line {}",
            sentence.text,
            sentence.line
        );
    }
}

/// The same input gives the same bytes: across runs and across thread counts.
#[test]
fn output_is_the_same_bytes_at_any_thread_count() {
    let files = guarded::corpus();
    for format in ["table", "json"] {
        let mut outputs = Vec::new();
        for threads in ["1", "2", "2"] {
            let mut command = guarded::command(["score", "--format", format]);
            command.args(&files).env("RAYON_NUM_THREADS", threads);
            let run = guarded::run(command, b"");
            assert!(run.code().is_some_and(|c| c < 2), "{}", run.stderr);
            outputs.push((run.stdout, run.stderr));
        }
        assert!(!outputs[0].0.is_empty());
        for (i, output) in outputs.iter().enumerate().skip(1) {
            assert!(*output == outputs[0], "{format}: run {i} differs");
        }
    }
}

/// Long random run over large markdown-like answers, watching for panics and for inputs that
/// cost far more per byte than the rest (the sign of super-linear work). Run it optimised:
/// `COACH_STRESS_SECS=600 cargo test --release --test properties -- --ignored stress`.
#[test]
#[ignore = "long-running; see the doc comment"]
fn stress_large_random_answers() {
    let seconds = std::env::var("COACH_STRESS_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    // Long mixtures, and long runs of one fragment (the shape hostile files take).
    let mixed = prop::collection::vec(prop::sample::select(FRAGMENTS), 0..20_000)
        .prop_map(|parts| parts.concat());
    let runs = (
        prop::sample::select(FRAGMENTS),
        1..50_000usize,
        markdownish(),
    )
        .prop_map(|(fragment, times, tail)| fragment.repeat(times) + &tail);
    let strategy = prop_oneof![mixed, runs];
    let mut runner = TestRunner::default();
    let (mut cases, mut bytes) = (0u64, 0u64);
    let mut slowest = (Duration::ZERO, 0usize, String::new());
    while Instant::now() < deadline {
        let text = strategy.new_tree(&mut runner).expect("value").current();
        let started = Instant::now();
        check_everything(&text);
        let took = started.elapsed();
        cases += 1;
        bytes += text.len() as u64;
        if took > slowest.0 {
            slowest = (took, text.len(), text.chars().take(80).collect());
        }
        assert!(
            took < Duration::from_secs(10),
            "{} bytes took {took:?}; starts {:?}",
            text.len(),
            text.chars().take(200).collect::<String>()
        );
    }
    eprintln!(
        "{cases} answers, {bytes} bytes; slowest {:?} for {} bytes starting {:?}",
        slowest.0, slowest.1, slowest.2
    );
}
