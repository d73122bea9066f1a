//! Rubrics kept in a project: `rubrics/*.yaml` and `.coach/rubrics/*.yaml` under a folder.

use std::path::{Path, PathBuf};

/// Folders, relative to the project folder, where shared rubrics live.
pub const FOLDERS: &[&str] = &["rubrics", ".coach/rubrics"];

/// Every rubric file in the project folders under `root`, sorted by path.
pub fn files(root: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = FOLDERS
        .iter()
        .filter_map(|folder| std::fs::read_dir(root.join(folder)).ok())
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| is_yaml(path) && path.is_file())
        .collect();
    found.sort();
    found
}

/// The project rubric file called `name` (`name.yaml` or `name.yml`) under `root`, if any.
pub fn find(root: &Path, name: &str) -> Option<PathBuf> {
    FOLDERS
        .iter()
        .flat_map(|folder| {
            ["yaml", "yml"].map(|ext| root.join(folder).join(format!("{name}.{ext}")))
        })
        .find(|path| path.is_file())
}

fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext == "yaml" || ext == "yml")
}
