//! Turning command-line inputs (files, folders, globs, `-`) into a sorted list of answers to read.
//!
//! Folders are walked the way ripgrep walks them: files that `.gitignore`, `.ignore` or git's
//! excludes leave out, and hidden files and folders, are skipped (`--no-ignore` and `--hidden`
//! take them, as in rg). The extension filter and `--glob` choose among the files those rules
//! leave; they never bring back an ignored or hidden one. A file named on the command line is
//! always read, whatever its name.
//!
//! Inputs are known by their real path, never by the string reports show: two files whose names
//! differ only in bytes that are not UTF-8 are two inputs.

use crate::report::FileError;
use crate::report::neutral::lossless_name;
use globset::GlobBuilder;
use ignore::WalkBuilder;
use ignore::overrides::{Override, OverrideBuilder};
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

/// Which files a folder walk picks up.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// File extensions (without the dot) taken from folders; `md` by default.
    pub extensions: Vec<String>,
    /// Globs in `.gitignore` syntax; plain ones replace the extension filter, `!glob` excludes.
    pub globs: Vec<String>,
    /// Also walk hidden files and folders (`--hidden`).
    pub hidden: bool,
    /// Do not read `.gitignore`, `.ignore` or git's excludes (`--no-ignore`).
    pub no_ignore: bool,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            extensions: vec!["md".to_string()],
            globs: Vec::new(),
            hidden: false,
            no_ignore: false,
        }
    }
}

impl WalkOptions {
    /// A walker over `root` that follows these rules (before the extension and glob filter).
    fn walker(&self, root: &Path) -> WalkBuilder {
        let mut builder = WalkBuilder::new(root);
        builder
            .hidden(!self.hidden)
            // A prep folder need not be a git repository for its .gitignore to count.
            .require_git(false);
        if self.no_ignore {
            builder
                .ignore(false)
                .git_ignore(false)
                .git_global(false)
                .git_exclude(false)
                .parents(false);
        }
        builder
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

/// Expands every argument; the inputs come back sorted by display path, each file once (a
/// file named twice, or named and also found in a folder, is read once).
pub fn expand(args: &[PathBuf], options: &WalkOptions) -> (Vec<Input>, Vec<FileError>) {
    let cwd = std::env::current_dir().ok();
    let mut found: BTreeMap<PathBuf, Input> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut add = |path: PathBuf| {
        let key = identity(&path, cwd.as_deref());
        found.entry(key).or_insert_with(|| Input::File {
            display: display_path(&path, cwd.as_deref()),
            path,
        });
    };
    for arg in args {
        let text = component_text(arg.as_os_str());
        if arg.as_os_str() == "-" {
            continue;
        }
        if arg.is_dir() {
            match walk_folder(arg, options) {
                Ok((paths, unreadable)) if paths.is_empty() && unreadable.is_empty() => errors
                    .push(FileError {
                        path: text.to_string(),
                        message:
                            "holds no answer files (*.md by default; see --extension and --glob)"
                                .to_string(),
                    }),
                Ok((paths, unreadable)) => {
                    paths.into_iter().for_each(&mut add);
                    errors.extend(unreadable);
                }
                Err(error) => errors.push(error),
            }
        } else if !arg.exists() && is_glob(&text) {
            match expand_glob(&text, options) {
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
    let mut files: Vec<(PathBuf, Input)> = found.into_iter().collect();
    // By the path shown, then by the real one, so names shown alike keep one order.
    files.sort_by(|(a_key, a), (b_key, b)| {
        a.display().cmp(b.display()).then_with(|| a_key.cmp(b_key))
    });
    inputs.extend(files.into_iter().map(|(_, input)| input));
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    (inputs, errors)
}

/// The answer files under `root`, and an error for each entry that could not be read (the
/// rest of the folder is still walked).
fn walk_folder(
    root: &Path,
    options: &WalkOptions,
) -> Result<(Vec<PathBuf>, Vec<FileError>), FileError> {
    let filter = file_filter(root, options)?;
    let mut paths = Vec::new();
    let walker = options
        .walker(root)
        // Chosen among what the ignore rules leave, unlike rg's overrides, which bring files back.
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !filter.matched(entry.path(), is_dir).is_ignore()
        })
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

/// The extension filter, or the plain `--glob`s that replace it, with the `!` globs.
fn file_filter(root: &Path, options: &WalkOptions) -> Result<Override, FileError> {
    let fail = |message: String| FileError {
        path: component_text(root.as_os_str()),
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
    overrides
        .build()
        .map_err(|e| fail(format!("bad glob: {e}")))
}

/// Names the entry a walk error is about once, says what went wrong and what to do.
fn walk_error(root: &Path, error: &ignore::Error) -> FileError {
    let (path, cause) = located(error);
    let path = path.unwrap_or(root);
    let message = match cause {
        ignore::Error::Io(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
            "cannot be read (permission denied), so nothing in it was scored; \
             give read access, or leave it out with --glob '!NAME/'"
                .to_string()
        }
        ignore::Error::Io(io) => format!(
            "cannot be read ({}), so nothing in it was scored",
            io_reason(io)
        ),
        ignore::Error::Loop { .. } => {
            "is a link back into a folder above it; it was walked once".to_string()
        }
        other => other.to_string(),
    };
    FileError {
        path: component_text(path.as_os_str()),
        message,
    }
}

/// The innermost path an error names and the error under it.
fn located(error: &ignore::Error) -> (Option<&Path>, &ignore::Error) {
    match error {
        ignore::Error::WithPath { path, err } => {
            let (inner, cause) = located(err);
            (inner.or(Some(path.as_path())), cause)
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            located(err)
        }
        other => (None, other),
    }
}

/// An I/O error's reason without the "(os error N)" tail.
fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

fn is_glob(text: &str) -> bool {
    text.contains(['*', '?', '[', '{'])
}

/// Expands a glob the shell left alone (quoted, or on Windows): walks its literal prefix.
fn expand_glob(pattern: &str, options: &WalkOptions) -> Result<Vec<PathBuf>, FileError> {
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
    for entry in options.walker(&root).build() {
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

/// What makes two paths the same input: the absolute path, without `.` components.
fn identity(path: &Path, cwd: Option<&Path>) -> PathBuf {
    let absolute = match cwd {
        Some(cwd) if path.is_relative() => cwd.join(path),
        _ => path.to_path_buf(),
    };
    absolute
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// A path component as a string, bytes that are not UTF-8 written `\xNN`.
fn component_text(part: &OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        lossless_name(part.as_bytes()).into_owned()
    }
    #[cfg(not(unix))]
    {
        let _ = lossless_name;
        part.to_string_lossy().into_owned()
    }
}

/// The path as reports show it: relative to `cwd` when inside it, without `./`, with `/`, and
/// bytes that are not UTF-8 written `\xNN` (so two such names never read the same).
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
            other => component_text(other.as_os_str()),
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
            ..WalkOptions::default()
        };
        let (paths, _) = walk_folder(root, &options).unwrap();
        assert_eq!(paths.len(), 1);
        assert!(paths[0].ends_with("b.markdown"));
        let options = WalkOptions {
            extensions: vec!["md".into()],
            globs: vec!["!README.md".into()],
            ..WalkOptions::default()
        };
        let (paths, _) = walk_folder(root, &options).unwrap();
        assert_eq!(paths.len(), 1);
        assert!(paths[0].ends_with("a.md"));
    }

    fn names(paths: &[PathBuf], root: &Path) -> Vec<String> {
        let mut names: Vec<String> = paths
            .iter()
            .map(|p| display_path(p.strip_prefix(root).unwrap(), None))
            .collect();
        names.sort();
        names
    }

    /// The README promises ripgrep's rules: a file .gitignore or .ignore lists, or a hidden one,
    /// is not scored from a folder, even though the extension filter matches it.
    #[test]
    fn ignored_and_hidden_files_are_skipped_like_ripgrep() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join(".drafts")).unwrap();
        for name in [
            "a.md",
            "secret.md",
            "local.md",
            ".hidden.md",
            ".drafts/b.md",
        ] {
            std::fs::write(root.join(name), "x").unwrap();
        }
        std::fs::write(root.join(".gitignore"), "secret.md\n").unwrap();
        std::fs::write(root.join(".ignore"), "local.md\n").unwrap();
        let walk = |options: WalkOptions| names(&walk_folder(root, &options).unwrap().0, root);
        assert_eq!(walk(WalkOptions::default()), ["a.md"]);
        let hidden = WalkOptions {
            hidden: true,
            ..WalkOptions::default()
        };
        assert_eq!(walk(hidden), [".drafts/b.md", ".hidden.md", "a.md"]);
        let no_ignore = WalkOptions {
            no_ignore: true,
            ..WalkOptions::default()
        };
        assert_eq!(walk(no_ignore), ["a.md", "local.md", "secret.md"]);
        let globbed = WalkOptions {
            globs: vec!["*.md".into()],
            ..WalkOptions::default()
        };
        assert_eq!(walk(globbed), ["a.md"], "a glob does not bring files back");
    }

    /// Two names that differ only in bytes that are not UTF-8 are two inputs, shown apart.
    #[cfg(unix)]
    #[test]
    fn names_differing_only_in_invalid_bytes_are_both_inputs() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for name in [&b"a\xff.md"[..], &b"a\xfe.md"[..]] {
            std::fs::write(root.join(OsStr::from_bytes(name)), "x").unwrap();
        }
        let (inputs, errors) = expand(&[root.to_path_buf()], &WalkOptions::default());
        assert!(errors.is_empty());
        assert_eq!(inputs.len(), 2);
        let shown: Vec<&str> = inputs.iter().map(|i| i.display()).collect();
        assert!(
            shown[0].ends_with("a\\xfe.md") && shown[1].ends_with("a\\xff.md"),
            "{shown:?}"
        );
    }

    #[test]
    fn a_file_named_twice_is_one_input() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "x").unwrap();
        let dotted = dir.path().join(".").join("a.md");
        let (inputs, _) = expand(&[file, dotted], &WalkOptions::default());
        assert_eq!(inputs.len(), 1);
    }

    /// An unreadable folder is named once, with what happened and what to do.
    #[test]
    fn an_unreadable_folder_is_named_once_with_advice() {
        let io = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let error = ignore::Error::WithPath {
            path: PathBuf::from("bank/locked"),
            err: Box::new(ignore::Error::WithDepth {
                depth: 1,
                err: Box::new(ignore::Error::Io(io)),
            }),
        };
        let error = walk_error(Path::new("bank"), &error);
        assert_eq!(error.path, "bank/locked");
        assert!(!error.message.contains("bank/locked"), "{}", error.message);
        assert!(
            error.message.contains("permission denied"),
            "{}",
            error.message
        );
        assert!(error.message.contains("--glob"), "{}", error.message);
    }
}
