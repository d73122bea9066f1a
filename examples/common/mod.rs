//! Reading the real-answer corpus, for the training examples.
//!
//! Each example compiles this module on its own and uses part of it.
#![allow(dead_code)]

use coach::linear::key;
use std::collections::HashMap;
use std::fs;
use std::path::Path;

/// How many writer folds a trainer's `--cross-validate` reads.
pub const FOLDS: u64 = 5;

/// The fold a writer's answers fall in: all of one writer on the same side, so a fold is read
/// by a model that never saw its writers.
pub fn fold(writer: &str) -> u64 {
    key(&[writer]) % FOLDS
}

/// The rows of a tab-separated file, its header left out.
pub fn read_tsv(path: &Path) -> Vec<Vec<String>> {
    fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .skip(1)
        .map(|l| l.split('\t').map(str::to_string).collect::<Vec<_>>())
        .filter(|row| row.len() >= 2)
        .collect()
}

/// The ids of the `dev` split, in file order: the only answers training may read.
///
/// With `HOLD_OUT_FOLD=k` in the environment, the writers of fold `k` are left out too: a model
/// trained so reads that fold as it reads `test`, writers it never saw
/// (`tests/corpus/real/tools/fold_read.py`).
pub fn dev_ids(real: &Path) -> Vec<String> {
    let held_out: Option<(u64, HashMap<String, Source>)> =
        std::env::var("HOLD_OUT_FOLD").ok().map(|k| {
            (
                k.parse().expect("HOLD_OUT_FOLD is a fold number"),
                manifest(real),
            )
        });
    read_tsv(&real.join("split.tsv"))
        .into_iter()
        .filter(|row| row[1] == "dev")
        .map(|row| row[0].clone())
        .filter(|id| {
            held_out
                .as_ref()
                .is_none_or(|(k, writers)| writers.get(id).is_none_or(|s| fold(&s.writer) != *k))
        })
        .collect()
}

/// The text of the corpus answer `id`, if its file reads.
pub fn answer_text(real: &Path, id: &str) -> Option<String> {
    fs::read_to_string(real.join("answers").join(format!("{id}.md"))).ok()
}

/// One answer's manifest row: where it came from, the question it answered, its kind.
pub struct Source {
    pub writer: String,
    pub question: Option<String>,
    pub kind: String,
}

/// Every answer's manifest row, by id.
pub fn manifest(real: &Path) -> HashMap<String, Source> {
    let mut rows = HashMap::new();
    let mut files: Vec<_> = fs::read_dir(real.join("manifest"))
        .expect("manifest folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    for file in files {
        for row in read_tsv(&file).into_iter().filter(|r| r.len() >= 4) {
            let question = Some(row[2].trim())
                .filter(|q| !q.is_empty() && *q != "-")
                .map(str::to_string);
            rows.insert(
                row[0].clone(),
                Source {
                    writer: writer(&row[1]),
                    question,
                    kind: row[3].clone(),
                },
            );
        }
    }
    rows
}

/// A source's writer: a GitHub `owner/repo`, or a site's host.
fn writer(source: &str) -> String {
    match source.strip_prefix("github:") {
        Some(rest) => rest.split('/').take(2).collect::<Vec<_>>().join("/"),
        None => {
            let rest = source.split_once("://").map_or(source, |(_, r)| r);
            let host = rest.split('/').next().unwrap_or(rest);
            host.trim_start_matches("www.").to_lowercase()
        }
    }
}
