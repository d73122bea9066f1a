//! A file replaced whole or not at all: written beside its target and renamed over it once
//! complete. A run that fails, or is stopped, leaves the file it was to replace as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, ErrorKind, Write};
use std::path::{Path, PathBuf};

pub struct Replacement {
    target: PathBuf,
    temporary: PathBuf,
    file: File,
    done: bool,
}

impl Replacement {
    /// Opens the file that will replace `target`, failing now if `target` cannot be written.
    pub fn begin(target: &Path) -> io::Result<Replacement> {
        // Replace what a symbolic link points to, not the link.
        let target = match fs::symlink_metadata(target) {
            Ok(meta) if meta.file_type().is_symlink() => {
                fs::canonicalize(target).unwrap_or_else(|_| target.to_path_buf())
            }
            _ => target.to_path_buf(),
        };
        let existing = match fs::metadata(&target) {
            Ok(meta) if meta.is_dir() => {
                return Err(io::Error::new(ErrorKind::IsADirectory, "it is a directory"));
            }
            Ok(meta) => {
                // Opened, not truncated: a read-only file is refused before anything is written.
                OpenOptions::new().append(true).open(&target)?;
                Some(meta.permissions())
            }
            Err(error) if error.kind() == ErrorKind::NotFound => None,
            Err(error) => return Err(error),
        };
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::new(ErrorKind::InvalidInput, "not a file name"))?;
        let temporary = target.with_file_name(format!(
            ".{}.{}.tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        if let Some(permissions) = existing {
            fs::set_permissions(&temporary, permissions)?;
        }
        Ok(Replacement {
            target,
            temporary,
            file,
            done: false,
        })
    }

    /// Writes `contents` and puts them in the target's place.
    pub fn commit(mut self, contents: &[u8]) -> io::Result<()> {
        self.file.write_all(contents)?;
        self.file.sync_all()?;
        fs::rename(&self.temporary, &self.target)?;
        self.done = true;
        Ok(())
    }
}

impl Drop for Replacement {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_file(&self.temporary);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn commit_replaces_the_file_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("baseline.json");
        fs::write(&target, "old").unwrap();
        let replacement = Replacement::begin(&target).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        replacement.commit(b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(entries(dir.path()), ["baseline.json"]);
    }

    #[test]
    fn an_unfinished_replacement_leaves_the_old_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("baseline.json");
        fs::write(&target, "old").unwrap();
        drop(Replacement::begin(&target).unwrap());
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(entries(dir.path()), ["baseline.json"]);
    }

    #[test]
    fn creates_a_missing_file_and_refuses_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("new.json");
        Replacement::begin(&target).unwrap().commit(b"{}").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "{}");
        let error = Replacement::begin(dir.path()).err().expect("a directory");
        assert_eq!(error.kind(), ErrorKind::IsADirectory);
        let missing_dir = dir.path().join("no/such/dir/b.json");
        assert!(Replacement::begin(&missing_dir).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_keeps_pointing_at_the_replaced_file() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        Replacement::begin(&link).unwrap().commit(b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }
}
