//! Turning command-line inputs (files, folders, globs, `-`) into a sorted list of answers to read.
//!
//! Folders are walked the way ripgrep walks them: `.gitignore`, `.ignore` and hidden files are
//! respected. A file named on the command line is always read, whatever its extension.

use crate::report::FileError;
use globset::GlobBuilder;
use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// Which files a folder walk picks up.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// File extensions (without the dot) taken from folders; `md` by default.
    pub extensions: Vec<String>,
    /// Globs in `.gitignore` syntax; plain ones replace the extension filter, `!glob` excludes.
    pub globs: Vec<String>,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            extensions: vec!["md".to_string()],
            globs: Vec::new(),
        }
    }
}

/// One answer file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File {
        path: PathBuf,
        /// The path shown in reports: relative to the working folder where possible, `/`-separated.
        display: String,
    },
}

impl Input {
    pub fn display(&self) -> &str {
        match self {
            Input::Stdin => "-",
            Input::File { display, .. } => display,
        }
    }
}

/// Expands every argument; the inputs come back sorted by display path, each once.
pub fn expand(args: &[PathBuf], options: &WalkOptions) -> (Vec<Input>, Vec<FileError>) {
    let cwd = std::env::current_dir().ok();
    let mut found: BTreeMap<String, Input> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut add = |path: PathBuf| {
        let display = display_path(&path, cwd.as_deref());
        found
            .entry(display.clone())
            .or_insert(Input::File { path, display });
    };
    for arg in args {
        let text = arg.to_string_lossy();
        if text == "-" {
            continue;
        }
        if arg.is_dir() {
            match walk_folder(arg, options) {
                Ok((paths, _)) if paths.is_empty() => errors.push(FileError {
                    path: text.to_string(),
                    message: "holds no answer files (*.md by default; see --extension and --glob)"
                        .to_string(),
                }),
                Ok((paths, unreadable)) => {
                    paths.into_iter().for_each(&mut add);
                    errors.extend(unreadable);
                }
                Err(error) => errors.push(error),
            }
        } else if !arg.exists() && is_glob(&text) {
            match expand_glob(&text) {
                Ok(paths) if paths.is_empty() => errors.push(FileError {
                    path: text.to_string(),
                    message: "no file matches this glob".to_string(),
                }),
                Ok(paths) => paths.into_iter().for_each(&mut add),
                Err(error) => errors.push(error),
            }
        } else {
            // Missing or unreadable files are reported when read, with the reason.
            add(arg.clone());
        }
    }
    let mut inputs: Vec<Input> = Vec::new();
    if args.iter().any(|a| a.as_os_str() == "-") {
        inputs.push(Input::Stdin);
    }
    inputs.extend(found.into_values());
    inputs.sort_by(|a, b| a.display().cmp(b.display()));
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    (inputs, errors)
}

/// The answer files under `root`, and an error for each entry that could not be read (the
/// rest of the folder is still walked).
fn walk_folder(
    root: &Path,
    options: &WalkOptions,
) -> Result<(Vec<PathBuf>, Vec<FileError>), FileError> {
    let fail = |message: String| FileError {
        path: root.display().to_string(),
        message,
    };
    let mut overrides = OverrideBuilder::new(root);
    let includes = options.globs.iter().any(|g| !g.starts_with('!'));
    if !includes {
        for extension in &options.extensions {
            let extension = extension.trim_start_matches('.');
            overrides
                .add(&format!("*.{extension}"))
                .map_err(|e| fail(format!("bad extension `{extension}`: {e}")))?;
        }
    }
    for glob in &options.globs {
        overrides
            .add(glob)
            .map_err(|e| fail(format!("bad glob `{glob}`: {e}")))?;
    }
    let overrides = overrides
        .build()
        .map_err(|e| fail(format!("bad glob: {e}")))?;
    let mut paths = Vec::new();
    let walker = WalkBuilder::new(root)
        .overrides(overrides)
        // A prep folder need not be a git repository for its .gitignore to count.
        .require_git(false)
        .build();
    let mut unreadable = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                paths.push(entry.into_path())
            }
            Ok(_) => {}
            Err(error) => unreadable.push(walk_error(root, &error)),
        }
    }
    Ok((paths, unreadable))
}

/// Names the entry a walk error is about, when the error says which.
fn walk_error(root: &Path, error: &ignore::Error) -> FileError {
    let path = match error {
        ignore::Error::WithPath { path, .. } => path.display().to_string(),
        _ => root.display().to_string(),
    };
    FileError {
        path,
        message: error.to_string(),
    }
}

fn is_glob(text: &str) -> bool {
    text.contains(['*', '?', '[', '{'])
}

/// Expands a glob the shell left alone (quoted, or on Windows): walks its literal prefix.
fn expand_glob(pattern: &str) -> Result<Vec<PathBuf>, FileError> {
    let fail = |message: String| FileError {
        path: pattern.to_string(),
        message,
    };
    let matcher = GlobBuilder::new(pattern.trim_start_matches("./"))
        .literal_separator(true)
        .build()
        .map_err(|e| fail(format!("bad glob: {e}")))?
        .compile_matcher();
    let base: PathBuf = Path::new(pattern)
        .components()
        .take_while(|c| !is_glob(&c.as_os_str().to_string_lossy()))
        .collect();
    let root = if base.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        base
    };
    let mut paths = Vec::new();
    if !root.is_dir() {
        return Ok(paths);
    }
    for entry in WalkBuilder::new(&root).require_git(false).build() {
        let entry = entry.map_err(|e| fail(e.to_string()))?;
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.into_path();
        let relative = path.strip_prefix(".").unwrap_or(&path);
        if matcher.is_match(relative) {
            paths.push(path);
        }
    }
    Ok(paths)
}

/// The path as reports show it: relative to `cwd` when inside it, without `./`, with `/`.
pub fn display_path(path: &Path, cwd: Option<&Path>) -> String {
    let relative = match cwd {
        Some(cwd) if path.is_absolute() => path.strip_prefix(cwd).unwrap_or(path),
        _ => path,
    };
    let parts: Vec<String> = relative
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| match c {
            Component::RootDir => String::new(),
            other => other.as_os_str().to_string_lossy().into_owned(),
        })
        .collect();
    if parts.is_empty() {
        return ".".to_string();
    }
    let joined = parts.join("/");
    if relative.has_root() && !joined.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths_are_relative_and_slash_separated() {
        let cwd = Path::new("/repo");
        assert_eq!(
            display_path(Path::new("/repo/answers/a.md"), Some(cwd)),
            "answers/a.md"
        );
        assert_eq!(
            display_path(Path::new("./answers/a.md"), Some(cwd)),
            "answers/a.md"
        );
        assert_eq!(
            display_path(Path::new("/elsewhere/a.md"), Some(cwd)),
            "/elsewhere/a.md"
        );
    }

    #[test]
    fn folders_are_walked_for_markdown_respecting_gitignore() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("bank/drafts")).unwrap();
        std::fs::write(root.join("bank/a.md"), "x").unwrap();
        std::fs::write(root.join("bank/b.txt"), "x").unwrap();
        std::fs::write(root.join("bank/drafts/c.md"), "x").unwrap();
        std::fs::write(root.join("bank/.gitignore"), "drafts/\n").unwrap();
        let (paths, _) = walk_folder(&root.join("bank"), &WalkOptions::default()).unwrap();
        let names: Vec<_> = paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.md"]);
    }

    #[test]
    fn globs_replace_the_extension_filter_and_can_exclude() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("a.md"), "x").unwrap();
        std::fs::write(root.join("b.markdown"), "x").unwrap();
        std::fs::write(root.join("README.md"), "x").unwrap();
        let options = WalkOptions {
            extensions: vec!["md".into()],
            globs: vec!["*.markdown".into()],
        };
        let (paths, _) = walk_folder(root, &options).unwrap();
        assert_eq!(paths.len(), 1);
        assert!(paths[0].ends_with("b.markdown"));
        let options = WalkOptions {
            extensions: vec!["md".into()],
            globs: vec!["!README.md".into()],
        };
        let (paths, _) = walk_folder(root, &options).unwrap();
        assert_eq!(paths.len(), 1);
        assert!(paths[0].ends_with("a.md"));
    }
}
