//! The project a shared file's rubric references must stay inside.
//!
//! A bank of answers is untrusted input: anyone who can send a pull request writes its front
//! matter, its `.coach.yaml` and its rubrics, and CI logs are often public. A rubric those files
//! name is read, and a YAML error quotes what it read, so a name such as `/etc/shadow`,
//! `../../.env` or a link to either would put another file's first line in the log; a FIFO or
//! `/dev/zero` would hang the run or fill its memory. So a rubric a shared file names is a
//! built-in or a regular file inside the project, checked here before it is opened. Names
//! typed on the command line are the user's own and are not checked.

use std::fmt;
use std::path::{Component, Path, PathBuf};

/// The folder shared files' rubric references are confined to: the folder of the nearest
/// `.coach.yaml`, else of the nearest `.git`, else the folder of the file that names the rubric.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// The root as found, for messages.
    root: PathBuf,
    /// The root made absolute without touching the file system, for `..` in names.
    lexical: PathBuf,
    /// The root with every link resolved, for names whose links lead elsewhere.
    real: PathBuf,
}

/// Why a rubric reference was refused. None of these reads the named file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Absolute,
    LeavesByDotDot,
    LinksOutside,
    NotRegularFile,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refusal::Absolute => "it is an absolute path",
            Refusal::LeavesByDotDot => "its `..` leads out of the project",
            Refusal::LinksOutside => "it is a symbolic link that leads out of the project",
            Refusal::NotRegularFile => "it is not a regular file (a pipe, device or socket)",
        })
    }
}

impl Project {
    /// The project around `folder`, the folder of an answer, configuration or rubric file.
    pub fn around(folder: &Path) -> Project {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let root = crate::config::discover(folder)
            .and_then(|config| config.parent().map(Path::to_path_buf))
            .or_else(|| nearest_git(folder))
            .unwrap_or_else(|| folder.to_path_buf());
        Project::at(&root)
    }

    /// The project whose root is `root`.
    pub fn at(root: &Path) -> Project {
        let root = if root.as_os_str().is_empty() {
            Path::new(".")
        } else {
            root
        };
        let lexical = lexical(root);
        let real = std::fs::canonicalize(root).unwrap_or_else(|_| lexical.clone());
        Project {
            root: root.to_path_buf(),
            lexical,
            real,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Checks that `name`, found at `path` (the name joined to the folder of the file that
    /// names it), is a regular file inside the project. `Ok(None)`: nothing is there (the
    /// caller says so as for any missing file). On success, the file's real path, to open.
    pub fn admit(&self, name: &str, path: &Path) -> Result<Option<PathBuf>, Refusal> {
        // Decided from the name alone, so a refused name never reveals whether a file exists.
        if Path::new(name).is_absolute() || name.starts_with(['/', '\\']) {
            return Err(Refusal::Absolute);
        }
        if !lexical(path).starts_with(&self.lexical) {
            return Err(Refusal::LeavesByDotDot);
        }
        let Ok(real) = std::fs::canonicalize(path) else {
            return Ok(None);
        };
        if !real.starts_with(&self.real) {
            return Err(Refusal::LinksOutside);
        }
        match std::fs::metadata(&real) {
            Ok(meta) if meta.is_file() => Ok(Some(real)),
            // A folder is left to the caller, which names it as such.
            Ok(meta) if meta.is_dir() => Ok(Some(real)),
            Ok(_) => Err(Refusal::NotRegularFile),
            Err(_) => Ok(None),
        }
    }
}

/// The folder of the nearest `.git` (a folder, or a file in a worktree) at or above `folder`.
fn nearest_git(folder: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(folder).ok()?;
    let found = start
        .ancestors()
        .find(|dir| dir.join(".git").exists())?
        .to_path_buf();
    let here = std::env::current_dir().ok();
    Some(
        here.and_then(|here| found.strip_prefix(here).ok().map(Path::to_path_buf))
            .map(|relative| match relative.as_os_str().is_empty() {
                true => PathBuf::from("."),
                false => relative,
            })
            .unwrap_or(found),
    )
}

/// `path` made absolute with `.` and `..` applied to the words, not the file system: where the
/// name says it is, whatever links are on the way.
fn lexical(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_dot_is_applied_to_the_words() {
        assert_eq!(lexical(Path::new("/a/b/../c/./d")), Path::new("/a/c/d"));
        assert_eq!(lexical(Path::new("/../../x")), Path::new("/x"));
    }

    #[test]
    fn names_are_judged_before_the_file_system_is_asked() {
        let dir = tempfile::tempdir().unwrap();
        let project = Project::at(dir.path());
        let inside = dir.path().join("answers");
        let admit = |name: &str| project.admit(name, &inside.join(name));
        assert_eq!(admit("/etc/passwd"), Err(Refusal::Absolute));
        assert_eq!(admit("../../etc/passwd"), Err(Refusal::LeavesByDotDot));
        assert_eq!(
            admit("../rubrics/missing.yaml"),
            Ok(None),
            "inside, but absent"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_out_and_special_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.yaml"), "name: x\n").unwrap();
        std::fs::write(dir.path().join("team.yaml"), "name: x\n").unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.yaml"),
            dir.path().join("out.yaml"),
        )
        .unwrap();
        std::os::unix::fs::symlink(dir.path().join("team.yaml"), dir.path().join("in.yaml"))
            .unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.yaml")).unwrap();
        let project = Project::at(dir.path());
        let admit = |name: &str| project.admit(name, &dir.path().join(name));
        assert_eq!(admit("out.yaml"), Err(Refusal::LinksOutside));
        assert_eq!(admit("zero.yaml"), Err(Refusal::LinksOutside));
        assert!(
            admit("in.yaml").unwrap().is_some(),
            "a link that stays inside"
        );
        assert!(admit("team.yaml").unwrap().is_some());
    }
}
