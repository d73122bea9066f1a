//! `.coach.yaml`: project settings, found from an answer's folder upward (the nearest wins).
//!
//! ```yaml
//! rubric: star                 # the rubric for answers that do not name one
//! min-score: 75                # exit 1 below this
//! disable: [pitfall.hedging]   # checks left out of scoring
//! status: final                # `draft`: placeholders are reported but do not fail
//! overrides:                   # by path, relative to this file; later matches win
//!   - files: "incidents/**"
//!     rubric: incident-response
//!   - files: "drafts/**"
//!     status: draft
//! ```

use crate::answer::Status;
use crate::rubric::confine::Project;
use crate::rubric::locate::Place;
use globset::{GlobBuilder, GlobMatcher};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The file name looked for in every folder from the answer's upward.
pub const FILE_NAME: &str = ".coach.yaml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigSpec {
    /// Rubric (built-in name or path relative to this file) for answers that name none.
    #[serde(default)]
    pub rubric: Option<String>,
    /// Exit 1 when an answer scores below this (default: the rubric's pass score).
    #[serde(default)]
    pub min_score: Option<u32>,
    /// Check ids left out of scoring.
    #[serde(default)]
    pub disable: Vec<String>,
    /// `draft`: the answers are unfinished; their placeholders are reported but do not fail
    /// them. `final` (the default): a placeholder fails an answer.
    #[serde(default)]
    pub status: Option<Status>,
    /// Settings for the answers whose path (relative to this file) matches a glob.
    #[serde(default)]
    pub overrides: Vec<OverrideSpec>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OverrideSpec {
    /// A glob such as `incidents/**` or `**/*-draft.md`; `*` stays within one folder.
    pub files: String,
    #[serde(default)]
    pub rubric: Option<String>,
    #[serde(default)]
    pub min_score: Option<u32>,
    /// Check ids left out of scoring, added to the top-level list.
    #[serde(default)]
    pub disable: Vec<String>,
    /// `draft` or `final` for these answers.
    #[serde(default)]
    pub status: Option<Status>,
}

/// A loaded configuration with its globs compiled.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    spec: ConfigSpec,
    globs: Vec<GlobMatcher>,
    /// The line of the top-level `rubric:`, then of each override's, for refusals to point at.
    rubric_lines: Vec<usize>,
}

/// What the configuration says about one answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSettings {
    /// The rubric to use and where it was named (for the report's reason).
    pub rubric: Option<NamedRubric>,
    /// True when the rubric came from an `overrides` entry, which outranks a question.
    pub rubric_by_path: bool,
    pub min_score: Option<u32>,
    pub disable: Vec<String>,
    /// Whether these answers are drafts, and where the configuration says so.
    pub status: Option<(Status, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedRubric {
    pub name: String,
    /// Folder that relative rubric paths start from: the config file's.
    pub folder: PathBuf,
    pub reason: String,
    /// Where a shared file named it (`.coach.yaml:3`, `front matter line 2`): such a rubric must
    /// be in the project. `None` for the command line and the built-ins a question picks.
    pub asked_at: Option<String>,
}

/// A configuration problem, located in the file: the same shape as a rubric problem, since both
/// are YAML files a person edits.
pub type ConfigError = crate::rubric::RubricError;

/// The nearest `.coach.yaml` in `folder` or one of its parents, relative to the current folder
/// when it is inside it (paths appear in reports).
pub fn discover(folder: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
    let found = start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())?;
    let here = std::env::current_dir().ok();
    Some(
        here.and_then(|here| found.strip_prefix(here).ok().map(Path::to_path_buf))
            .unwrap_or(found),
    )
}

impl Config {
    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let label = path.display().to_string();
        let fail = |line, column, message| ConfigError {
            path: label.clone(),
            line,
            column,
            message,
        };
        // Found by walking up from an answer, so it is the bank's file: a link that leads out of
        // its folder, or a pipe, is refused before it is read, as a rubric would be.
        let folder = path.parent().unwrap_or(Path::new("."));
        if let Err(refusal) = Project::at(folder).admit(FILE_NAME, path) {
            return Err(fail(0, 0, format!("configuration refused: {refusal}")));
        }
        let text =
            crate::yaml::read_file(path).map_err(|e| fail(0, 0, format!("configuration {e}")))?;
        Config::from_text(&text, path)
    }

    /// Parses configuration text that lives at `path`.
    pub fn from_text(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let label = path.display().to_string();
        let spec: ConfigSpec = if text.trim().is_empty() {
            ConfigSpec::default()
        } else {
            crate::yaml::parse(text).map_err(|e| ConfigError {
                path: label.clone(),
                line: e.line,
                column: e.column,
                message: e.message,
            })?
        };
        let scores = spec
            .overrides
            .iter()
            .filter_map(|o| o.min_score)
            .chain(spec.min_score);
        for score in scores {
            if score > 100 {
                return Err(ConfigError {
                    path: label,
                    line: 0,
                    column: 0,
                    message: format!("min-score {score} is over 100"),
                });
            }
        }
        let mut globs = Vec::with_capacity(spec.overrides.len());
        for entry in &spec.overrides {
            let glob = GlobBuilder::new(&entry.files)
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    let (line, column) = text
                        .lines()
                        .enumerate()
                        .find_map(|(i, l)| l.find(&entry.files).map(|c| (i + 1, c + 1)))
                        .unwrap_or((0, 0));
                    ConfigError {
                        path: label.clone(),
                        line,
                        column,
                        message: format!("bad glob `{}`: {}", entry.files, e.kind()),
                    }
                })?;
            globs.push(glob.compile_matcher());
        }
        let rubric_lines = std::iter::once(Place::Key("rubric").find(text).0)
            .chain(spec.overrides.iter().map(|entry| {
                let needle = entry.rubric.as_deref().unwrap_or_default();
                Place::After {
                    key: "overrides",
                    needle,
                }
                .find(text)
                .0
            }))
            .collect();
        Ok(Config {
            path: path.to_path_buf(),
            spec,
            globs,
            rubric_lines,
        })
    }

    fn folder(&self) -> PathBuf {
        match self.path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// Every rubric this file names (top level and overrides), with the folder paths start at.
    pub fn rubrics(&self) -> Vec<(String, PathBuf)> {
        let folder = self.folder();
        self.spec
            .rubric
            .iter()
            .chain(self.spec.overrides.iter().filter_map(|o| o.rubric.as_ref()))
            .map(|name| (name.clone(), folder.clone()))
            .collect()
    }

    /// The settings for the answer at `answer` (any path; made relative to this file's folder).
    pub fn for_file(&self, answer: &Path) -> FileSettings {
        let folder = self.folder();
        let absolute = std::path::absolute(answer).unwrap_or_else(|_| answer.to_path_buf());
        let base = std::path::absolute(&folder).unwrap_or_else(|_| folder.clone());
        let relative = absolute.strip_prefix(&base).unwrap_or(&absolute);
        let named = |name: &String, reason: String, line: usize| NamedRubric {
            name: name.clone(),
            folder: folder.clone(),
            reason,
            asked_at: Some(format!("{}:{line}", self.path.display())),
        };
        let mut settings = FileSettings {
            rubric: self.spec.rubric.as_ref().map(|name| {
                let reason = format!("named by {}", self.path.display());
                named(name, reason, self.rubric_lines[0])
            }),
            rubric_by_path: false,
            min_score: self.spec.min_score,
            disable: self.spec.disable.clone(),
            status: self
                .spec
                .status
                .map(|status| (status, self.path.display().to_string())),
        };
        let entries = self.spec.overrides.iter().zip(&self.globs);
        for ((entry, glob), &line) in entries.zip(&self.rubric_lines[1..]) {
            if !glob.is_match(relative) {
                continue;
            }
            if let Some(name) = &entry.rubric {
                settings.rubric = Some(named(
                    name,
                    format!(
                        "named by {} for files `{}`",
                        self.path.display(),
                        entry.files
                    ),
                    line,
                ));
                settings.rubric_by_path = true;
            }
            settings.min_score = entry.min_score.or(settings.min_score);
            settings.disable.extend(entry.disable.iter().cloned());
            if let Some(status) = entry.status {
                let origin = format!("{} for files `{}`", self.path.display(), entry.files);
                settings.status = Some((status, origin));
            }
        }
        settings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "rubric: star\nmin-score: 60\ndisable: [pitfall.hedging]\noverrides:\n  - files: \"incidents/**\"\n    rubric: incident-response\n    disable: [length.speaking-time]\n  - files: \"*.md\"\n    min-score: 80\n  - files: \"drafts/**\"\n    status: draft\n";

    #[test]
    fn overrides_apply_by_glob_relative_to_the_file() {
        let config = Config::from_text(TEXT, Path::new("/p/.coach.yaml")).unwrap();
        let deep = config.for_file(Path::new("/p/incidents/2024/db.md"));
        assert_eq!(deep.rubric.as_ref().unwrap().name, "incident-response");
        assert!(deep.rubric_by_path);
        assert_eq!(deep.min_score, Some(60), "`*.md` does not cross folders");
        assert_eq!(deep.disable, ["pitfall.hedging", "length.speaking-time"]);
        let top = config.for_file(Path::new("/p/answer.md"));
        assert_eq!(top.rubric.as_ref().unwrap().name, "star");
        assert!(!top.rubric_by_path);
        assert_eq!(top.min_score, Some(80));
        assert_eq!(top.status, None);
        let draft = config.for_file(Path::new("/p/drafts/a.md"));
        assert_eq!(
            draft.status,
            Some((Status::Draft, "/p/.coach.yaml for files `drafts/**`".into()))
        );
        let err = Config::from_text("status: wip\n", Path::new(".coach.yaml")).unwrap_err();
        assert_eq!(err.line, 1, "{err}");
    }

    #[test]
    fn unknown_keys_and_bad_globs_are_located() {
        let err =
            Config::from_text("rubric: star\ncolour: red\n", Path::new(".coach.yaml")).unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        let err = Config::from_text(
            "overrides:\n  - files: \"a/[b\"\n",
            Path::new(".coach.yaml"),
        )
        .unwrap_err();
        assert_eq!((err.line, err.column), (2, 13), "{err}");
    }

    #[test]
    fn discovery_walks_up_to_the_nearest_file() {
        let dir = tempfile::tempdir().unwrap();
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "rubric: star\n").unwrap();
        let found = discover(&nested).unwrap();
        assert_eq!(
            found,
            std::path::absolute(dir.path().join(FILE_NAME)).unwrap()
        );
        std::fs::write(dir.path().join("a").join(FILE_NAME), "").unwrap();
        let nearer = discover(&nested).unwrap();
        assert!(nearer.ends_with("a/.coach.yaml"), "{}", nearer.display());
    }
}
