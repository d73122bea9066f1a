//! Which rubric scores an answer, and why: the command line, the answer's front matter, the
//! nearest `.coach.yaml`, the question the answer states, or the default.
//!
//! Order, first match wins:
//! 1. `--rubric`
//! 2. front matter `rubric:` (paths relative to the answer, confined to its project)
//! 3. a `.coach.yaml` `overrides` entry whose glob matches the answer
//! 4. front matter `question:`: the built-in its question and story read as ([`kind`])
//! 5. `.coach.yaml` `rubric:`
//! 6. a title heading ending in "?", read the same way
//! 7. the built-in the story reads as, with its title if it has one, else (nothing to read)
//!    the default
//!
//! Checks disabled by the configuration or by `<!-- coach-ignore ID -->` are removed from a
//! per-file copy of the rubric, so scoring itself stays pure and unaware of either; each one
//! removed is listed in the report, so a lowered bar is never silent.
//!
//! Isolated (`coach score --isolated`), only the command line and the built-ins count: no
//! `.coach.yaml` is read, front matter cannot name a rubric and ignore comments are not read.
//! Nothing in the bank can then change how an answer is judged.

use super::confine::Project;
use super::kind::{self, Asked};
use super::locate::Place;
use super::{Rubric, builtin, resolve, suppress};
use crate::answer::{Answer, Status, markdown};
use crate::config::{Config, FileSettings, NamedRubric};
use crate::report::{FileReport, SuppressedBy, Suppression};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// The rubric for one answer, with everything the report should say about the choice.
#[derive(Debug, Clone)]
pub struct Choice {
    rubric: Arc<Rubric>,
    pub reason: String,
    /// The configuration's threshold for this answer, if it sets one.
    pub min_score: Option<u32>,
    pub warnings: Vec<String>,
    /// The checks left out of the rubric, and who left each out.
    pub suppressed: Vec<Suppression>,
    /// The configuration that applied (as reports show it), and why it or none did.
    pub config: Option<String>,
    pub config_reason: String,
    /// Who declared the answer a draft (front matter or configuration), so its placeholders
    /// do not fail it; `None` when nothing did, or `--isolated` read neither.
    pub drafts_allowed: Option<String>,
}

impl Choice {
    pub fn rubric(&self) -> &Rubric {
        &self.rubric
    }

    /// The same rubric, shareable beyond this choice (for SARIF's rule list).
    pub fn shared_rubric(&self) -> Arc<Rubric> {
        Arc::clone(&self.rubric)
    }

    /// Adds the reason and any warnings to a scored report.
    pub fn annotate(&self, report: &mut FileReport) {
        report.rubric_reason = self.reason.clone();
        report.warnings.extend(self.warnings.iter().cloned());
        report.suppressed = self.suppressed.clone();
        report.config = self.config.clone();
        report.config_reason = self.config_reason.clone();
        report.drafts_allowed = self.drafts_allowed.clone();
    }
}

/// Chooses rubrics for many answers on many threads, loading each rubric and configuration once.
///
/// Only the caches are shared: a lock is held to look a rubric or configuration up (and to load
/// it the first time), never while an answer's question is matched or its rubric trimmed.
#[derive(Debug, Default)]
pub struct Chooser {
    cli_rubric: Option<String>,
    /// `--isolated`: nothing in the bank (configuration, front matter, comments) counts.
    isolated: bool,
    /// By folder, name and whether a shared file named it (and it was confined to the project).
    rubrics: Mutex<HashMap<(PathBuf, String, bool), Arc<Rubric>>>,
    configs: Mutex<HashMap<PathBuf, Option<Arc<Config>>>>,
}

impl Chooser {
    /// `cli_rubric` is `--rubric`, which beats everything else; `isolated` is `--isolated`.
    pub fn new(cli_rubric: Option<String>, isolated: bool) -> Chooser {
        Chooser {
            cli_rubric,
            isolated,
            ..Chooser::default()
        }
    }

    /// The rubric for the answer read from `path` (`None` for standard input) and shown as
    /// `shown`, whose raw text is `text` and parsed form `answer`.
    pub fn choose(
        &self,
        path: Option<&Path>,
        shown: &str,
        text: &str,
        answer: &Answer,
    ) -> Result<Choice, String> {
        let folder = folder_of(path);
        let config = if self.isolated {
            None
        } else {
            self.config(&folder)?
        };
        let settings = match (&config, path) {
            (Some(config), Some(path)) => config.for_file(path),
            (Some(config), None) => config.for_file(Path::new("-")),
            (None, _) => FileSettings::default(),
        };
        let config_shown = config
            .as_ref()
            .map(|c| crate::walk::display_path(&c.path, None));
        let config_reason = match &config_shown {
            _ if self.isolated => "--isolated: no .coach.yaml is read".to_string(),
            Some(_) => "the nearest .coach.yaml above the answer".to_string(),
            None => "no .coach.yaml above the answer".to_string(),
        };
        let named = self.named(&folder, text, answer, &settings);
        let (rubric, reason) = match named {
            Some(named) => {
                let asked_at = named.asked_at.as_deref();
                let rubric = self.load(&named.folder, &named.name, asked_at)?;
                (rubric, named.reason)
            }
            None => {
                let (name, reason) = from_story_or_default(answer);
                (self.load(Path::new("."), name, None)?, reason)
            }
        };
        let mut warnings = Vec::new();
        let mut drop: Vec<String> = Vec::new();
        let mut suppressed = Vec::new();
        let mut suppress = |id: &str, by: SuppressedBy, file: &str, line: Option<usize>| {
            let Some(check) = rubric.check(id) else {
                return false;
            };
            if !drop.iter().any(|known| known == id) {
                drop.push(id.to_string());
            }
            suppressed.push(Suppression {
                by,
                file: file.to_string(),
                id: id.to_string(),
                line,
                max_points: check.spec.points,
                title: check.spec.title.clone(),
                hint: check.spec.hint.clone(),
                severity: check.spec.severity,
            });
            true
        };
        if let Some(shown_config) = &config_shown {
            for id in &settings.disable {
                if !suppress(id, SuppressedBy::Config, shown_config, None) {
                    warnings.push(format!(
                        "{shown_config} disables `{id}`, which rubric {} does not have",
                        rubric.name()
                    ));
                }
            }
        }
        let mut ignores = suppress::scan(text);
        if self.isolated && !ignores.is_empty() {
            warnings.push(format!(
                "--isolated: {} coach-ignore id(s) not honoured (first at line {})",
                ignores.len(),
                ignores[0].line
            ));
            ignores.clear();
        }
        for ignore in ignores {
            if !suppress(&ignore.id, SuppressedBy::Comment, shown, Some(ignore.line)) {
                warnings.push(format!(
                    "line {}: coach-ignore `{}` matches no check in rubric {}",
                    ignore.line,
                    ignore.id,
                    rubric.name()
                ));
            }
        }
        let rubric = if drop.is_empty() {
            rubric
        } else {
            Arc::new(rubric.without(&drop))
        };
        let drafts_allowed = if self.isolated {
            None
        } else {
            drafts_allowed(answer, &settings)
        };
        Ok(Choice {
            rubric,
            reason,
            min_score: settings.min_score,
            warnings,
            suppressed,
            config: config_shown,
            config_reason,
            drafts_allowed,
        })
    }

    /// The rubric some setting names, in the order of the module docs (steps 1 to 6).
    fn named(
        &self,
        folder: &Path,
        text: &str,
        answer: &Answer,
        settings: &FileSettings,
    ) -> Option<NamedRubric> {
        let here = |name: &String, reason: &str| NamedRubric {
            name: name.clone(),
            folder: folder.to_path_buf(),
            reason: reason.to_string(),
            asked_at: Some(front_matter_line(text)),
        };
        if let Some(name) = &self.cli_rubric {
            return Some(NamedRubric {
                name: name.clone(),
                folder: PathBuf::from("."),
                reason: "named by --rubric".into(),
                asked_at: None,
            });
        }
        if let Some(name) = &answer.front_matter.rubric
            && !self.isolated
        {
            return Some(here(name, "named in the answer's front matter"));
        }
        if settings.rubric_by_path {
            return settings.rubric.clone();
        }
        if let Some(question) = &answer.front_matter.question
            && let Some(pick) = kind::pick(Some(Asked::Question(question)), answer)
        {
            return Some(picked(&pick));
        }
        if settings.rubric.is_some() {
            return settings.rubric.clone();
        }
        let pick = kind::pick(Some(Asked::Question(answer.question()?)), answer)?;
        Some(picked(&pick))
    }

    /// `asked_at`: where a shared file (front matter, `.coach.yaml`) named the rubric, which
    /// then must be in its project; the refusal says where it was asked for.
    fn load(
        &self,
        folder: &Path,
        name: &str,
        asked_at: Option<&str>,
    ) -> Result<Arc<Rubric>, String> {
        let key = (folder.to_path_buf(), name.to_string(), asked_at.is_some());
        // Held while loading, so each rubric is loaded once; other threads wait only then.
        let mut rubrics = lock(&self.rubrics);
        if let Some(rubric) = rubrics.get(&key) {
            return Ok(rubric.clone());
        }
        let project = asked_at.map(|_| Project::around(folder));
        let rubric = resolve::load(name, Some(folder), project.as_ref()).map_err(|errors| {
            let error = super::first(errors);
            match asked_at {
                Some(at) => format!("{at}: {error}"),
                None => error.to_string(),
            }
        })?;
        let rubric = Arc::new(rubric);
        rubrics.insert(key, rubric.clone());
        Ok(rubric)
    }

    fn config(&self, folder: &Path) -> Result<Option<Arc<Config>>, String> {
        let mut configs = lock(&self.configs);
        if let Some(config) = configs.get(folder) {
            return Ok(config.clone());
        }
        let config = match crate::config::discover(folder) {
            Some(path) => Some(Arc::new(Config::load(&path).map_err(|e| e.to_string())?)),
            None => None,
        };
        configs.insert(folder.to_path_buf(), config.clone());
        Ok(config)
    }
}

/// Who says the answer is a draft: its own front matter first (`status: final` there holds a
/// draft folder's answer to the bar), then the configuration.
fn drafts_allowed(answer: &Answer, settings: &FileSettings) -> Option<String> {
    match (answer.front_matter.status, &settings.status) {
        (Some(Status::Draft), _) => Some("status: draft in the answer's front matter".into()),
        (Some(Status::Final), _) | (None, None) => None,
        (None, Some((Status::Draft, origin))) => Some(format!("status: draft in {origin}")),
        (None, Some((Status::Final, _))) => None,
    }
}

/// A cache's lock; a thread that panicked holding it left the map whole, so it is still used.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// The folder an answer's relative rubric paths and configuration are found from.
fn folder_of(path: Option<&Path>) -> PathBuf {
    let Some(path) = path else {
        return PathBuf::from(".");
    };
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Where the answer's front matter names its rubric (`line 2`), for a refusal to point at.
fn front_matter_line(text: &str) -> String {
    // Front matter starts on the file's second line, below its opening `---`.
    match markdown::front_matter(text).map(|yaml| Place::Key("rubric").find(&yaml).0) {
        Some(line) if line > 0 => format!("front matter line {}", line + 1),
        _ => "front matter".to_string(),
    }
}

/// The built-in a reading of the answer picked, as a named rubric with its reason.
fn picked(pick: &kind::KindPick) -> NamedRubric {
    NamedRubric {
        name: pick.rubric.to_string(),
        folder: PathBuf::from("."),
        reason: pick.reason(),
        asked_at: None,
    }
}

/// The built-in the story reads as (with its title, when it has one), else the default when
/// there is nothing to read.
fn from_story_or_default(answer: &Answer) -> (&'static str, String) {
    match kind::pick(answer.title.as_deref().map(Asked::Title), answer) {
        Some(pick) => (pick.rubric, pick.reason()),
        None => (
            builtin::DEFAULT,
            "default: no rubric named, no question stated and no told sentence to read".into(),
        ),
    }
}
