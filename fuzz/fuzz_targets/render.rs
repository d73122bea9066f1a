//! Every output format over arbitrary bytes as answer text, file names and rubric strings: human
//! formats show no raw control character, no line a GitHub Actions runner would act on appears
//! outside the commands `--format github` writes, JSON parses back to the same strings, and
//! JUnit is well-formed XML.
#![no_main]

#[path = "../../tests/support/xml.rs"]
mod xml;

use coach::report::neutral::{is_hidden, lossless_name};
use coach::report::render::{Render, RunEnd};
use coach::report::summary::Tally;
use coach::report::{
    AnswerMeta, CheckResult, FileError, FileReport, Grade, Status, SuppressedBy, Suppression,
    github::Github, json::Json, json_lines::JsonLines, junit::Junit, sarif::Sarif,
    summary::Summary, table::Table,
};
use coach::rubric::model::Severity;
use coach::signals::Evidence;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// The input's parts, split at NUL: answer text, file name, rubric name, check id, hint, error.
fn parts(data: &[u8]) -> [String; 6] {
    let mut split = data.split(|&b| b == 0);
    let mut next = |name: bool| {
        let bytes = split.next().unwrap_or_default();
        if name {
            lossless_name(bytes).into_owned()
        } else {
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let text = next(false);
    [text, next(true), next(false), next(false), next(false), next(false)]
}

fn report(parts: &[String; 6]) -> (FileReport, AnswerMeta) {
    let [text, path, rubric, id, hint, _] = parts;
    let evidence: Vec<Evidence> = text
        .split('\n')
        .take(6)
        .enumerate()
        .map(|(i, line)| Evidence {
            line: i + 1,
            text: line.to_string(),
            sections: Default::default(),
            fix: (i % 2 == 1).then(|| line.to_string()),
        })
        .collect();
    let check = |status, points| CheckResult {
        id: id.clone(),
        title: hint.clone(),
        section: None,
        status,
        points,
        max_points: 5,
        message: text.clone(),
        hint: hint.clone(),
        evidence: evidence.clone(),
        line: Some(1),
        severity: Severity::Warning,
        penalty: points == 0,
    };
    let file = FileReport {
        path: path.clone(),
        rubric: rubric.clone(),
        rubric_reason: text.clone(),
        score: 40,
        grade: Grade::Mixed,
        words: 10,
        speaking_seconds: 4,
        sections: Vec::new(),
        signals: Vec::new(),
        pitfalls: Vec::new(),
        checks: vec![check(Status::Fail, 0), check(Status::Pass, 5)],
        warnings: vec![text.clone()],
        suppressed: vec![Suppression {
            by: SuppressedBy::Comment,
            file: path.clone(),
            id: id.clone(),
            line: Some(2),
            max_points: 3,
            title: hint.clone(),
            hint: hint.clone(),
            severity: Severity::Info,
        }],
        config: Some(path.clone()),
        config_reason: rubric.clone(),
        draft_lines: vec![1, 3],
        drafts_allowed: Some(text.clone()),
    };
    let meta = AnswerMeta {
        file: path.clone(),
        story: Some(id.clone()),
        title: None,
        start_line: 1,
        bar: 70,
        from_baseline: false,
        passed: false,
    };
    (file, meta)
}

fn render(mut renderer: Box<dyn Render>, file: &FileReport, meta: &AnswerMeta, error: &FileError) -> String {
    let mut out = Vec::new();
    renderer.answer(&mut out, file, meta);
    renderer.answer(&mut out, file, meta);
    let mut tally = Tally::default();
    tally.add(file, meta);
    tally.add(file, meta);
    let errors = [error.clone()];
    let end = RunEnd {
        errors: &errors,
        rubrics: &[],
        totals: tally.totals(1),
    };
    renderer.finish(&mut out, &end).expect("writing to memory");
    String::from_utf8(out).expect("output is UTF-8")
}

/// No line a runner acts on: none starts with `::` and none holds `##[`.
fn assert_no_runner_command(format: &str, text: &str) {
    for line in text.lines() {
        assert!(!line.starts_with("::"), "{format}: {line:?}");
        assert!(!line.contains("##["), "{format}: {line:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let parts = parts(data);
    let (file, meta) = report(&parts);
    let error = FileError {
        path: parts[1].clone(),
        message: parts[5].clone(),
    };
    for (format, renderer) in [
        ("table", Box::new(Table::new(80)) as Box<dyn Render>),
        ("summary", Box::new(Summary::new())),
    ] {
        let text = render(renderer, &file, &meta, &error);
        assert_no_runner_command(format, &text);
        assert!(
            !text.chars().any(|c| c != '\n' && is_hidden(c)),
            "{format}: a raw control character in {text:?}"
        );
    }

    let github = render(Box::new(Github), &file, &meta, &error);
    for line in github.lines() {
        assert!(
            ["::error file=", "::warning file=", "::notice file="]
                .iter()
                .any(|own| line.starts_with(own)),
            "github: a line coach did not write as a command: {line:?}"
        );
    }

    let json = render(Box::new(Json::new()), &file, &meta, &error);
    assert_no_runner_command("json", &json);
    let value: Value = serde_json::from_str(&json).expect("JSON parses");
    let first = &value["files"][0];
    assert_eq!(first["path"], parts[1]);
    assert_eq!(first["rubric"], parts[2]);
    assert_eq!(first["checks"][0]["id"], parts[3]);
    assert_eq!(first["checks"][0]["hint"], parts[4]);
    assert_eq!(first["checks"][0]["message"], parts[0]);
    assert_eq!(first["suppressed"][0]["id"], parts[3]);
    assert_eq!(value["errors"][0]["message"], parts[5]);

    let lines = render(Box::new(JsonLines), &file, &meta, &error);
    assert_no_runner_command("json-lines", &lines);
    for line in lines.lines() {
        let value: Value = serde_json::from_str(line).expect("each line parses");
        assert_eq!(value["path"], parts[1]);
    }

    let sarif = render(Box::new(Sarif::new(None)), &file, &meta, &error);
    assert_no_runner_command("sarif", &sarif);
    let value: Value = serde_json::from_str(&sarif).expect("SARIF parses");
    assert_eq!(value["runs"][0]["results"][0]["ruleId"], parts[3]);

    let junit = render(Box::new(Junit::new()), &file, &meta, &error);
    assert_no_runner_command("junit", &junit);
    if let Err(problem) = xml::check(&junit) {
        panic!("JUnit is not well-formed: {problem}\n{junit}");
    }
});
