//! Finding a rubric by name or path and following its `extends` chain to the effective rubric.

use super::confine::{Project, Refusal};
use super::locate::Place;
use super::model::{CheckSpec, RubricSpec};
use super::{Rubric, RubricError, builtin, compile};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// How many rubrics one `extends` chain may stack; real chains are one or two deep.
const MAX_EXTENDS_DEPTH: usize = 8;

/// Where rubric text came from: names it in errors, anchors relative `extends`, spots cycles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn(&'static str),
    File(PathBuf),
    /// Text handed in directly, named for errors; relative paths start at the current folder.
    Named(String),
}

impl Origin {
    pub fn label(&self) -> String {
        match self {
            Origin::BuiltIn(name) => format!("<built-in {name}>"),
            Origin::File(path) => path.display().to_string(),
            Origin::Named(name) => name.clone(),
        }
    }

    /// Identity for cycle detection: the same file reached by two spellings is one rubric.
    fn key(&self) -> String {
        match self {
            Origin::File(path) => std::fs::canonicalize(path)
                .unwrap_or_else(|_| path.clone())
                .display()
                .to_string(),
            other => other.label(),
        }
    }

    fn folder(&self) -> Option<&Path> {
        match self {
            Origin::File(path) => path.parent(),
            _ => None,
        }
    }
}

/// The text of the rubric `name_or_path` names: a built-in, else a file (relative paths are
/// taken from `folder` when given). Within a `project`, a file must be a regular file inside it
/// (see `confine`), checked before it is opened.
pub fn find(
    name_or_path: &str,
    folder: Option<&Path>,
    project: Option<&Project>,
) -> Result<(Origin, Cow<'static, str>), String> {
    if let Some(text) = builtin::text(name_or_path) {
        let name = builtin::names()
            .find(|n| *n == name_or_path)
            .unwrap_or("default");
        return Ok((Origin::BuiltIn(name), Cow::Borrowed(text)));
    }
    let given = Path::new(name_or_path);
    let looks_like_path = name_or_path.contains(['/', '\\', '.']);
    let path = if looks_like_path {
        match folder {
            Some(folder) if given.is_relative() => folder.join(given),
            _ => given.to_path_buf(),
        }
    } else {
        match (bare_name(name_or_path, folder, project), project) {
            (Some(path), _) => path,
            (None, None) => given.to_path_buf(),
            (None, Some(_)) => return Err(no_such_rubric(name_or_path)),
        }
    };
    // The file to open: within a project, its real path, once it is known to be inside.
    let open = match project {
        None => path.clone(),
        Some(project) => match project.admit(name_or_path, &path) {
            Ok(Some(real)) => real,
            Ok(None) => {
                return Err(format!(
                    "cannot read rubric {}: no such file in the project",
                    path.display()
                ));
            }
            Err(refusal) => return Err(refused(refusal, project)),
        },
    };
    let meta = match std::fs::metadata(&open) {
        Ok(meta) => meta,
        Err(_) if !looks_like_path => return Err(no_such_rubric(name_or_path)),
        Err(e) => return Err(format!("cannot read rubric {}: {e}", path.display())),
    };
    if meta.is_dir() {
        return Err(format!(
            "{} is a directory, not a rubric file",
            path.display()
        ));
    }
    let text = crate::yaml::read_file(&open).map_err(|e| format!("rubric {e}"))?;
    Ok((Origin::File(path), Cow::Owned(text)))
}

/// Says why a shared file may not name a rubric; callers say which name, as written.
fn refused(refusal: Refusal, project: &Project) -> String {
    format!(
        "refused: {refusal}; a shared file may name a built-in ({}) or a rubric file inside the project ({})",
        builtin_list(),
        project.root().display()
    )
}

fn no_such_rubric(name: &str) -> String {
    format!("no rubric `{name}`; built-ins are: {}", builtin_list())
}

fn builtin_list() -> String {
    builtin::names().collect::<Vec<_>>().join(", ")
}

/// A rubric named without a path: a sibling `NAME.yaml` of the file that names it, else a
/// project rubric under that folder or the current one (within a `project`, only one inside it).
fn bare_name(name: &str, folder: Option<&Path>, project: Option<&Project>) -> Option<PathBuf> {
    let here = folder.unwrap_or(Path::new("."));
    let inside =
        |path: &PathBuf| project.is_none_or(|p| matches!(p.admit(name, path), Ok(Some(_))));
    ["yaml", "yml"]
        .iter()
        .map(|ext| here.join(format!("{name}.{ext}")))
        .filter(|path| path.is_file())
        .chain(super::project::find(here, name))
        .chain(super::project::find(Path::new("."), name))
        .find(inside)
}

/// Loads and compiles a rubric by built-in name or path, following `extends`. `project`, for a
/// rubric a shared file names, confines the rubric and its `extends` chain to that project;
/// without one (a name typed on the command line) the rubric may be anywhere and its chain is
/// confined to the project around it.
pub fn load(
    name_or_path: &str,
    folder: Option<&Path>,
    project: Option<&Project>,
) -> Result<Rubric, Vec<RubricError>> {
    let (origin, text) = find(name_or_path, folder, project).map_err(|message| {
        vec![RubricError {
            path: name_or_path.to_string(),
            line: 0,
            column: 0,
            message,
        }]
    })?;
    let mut chain = Vec::new();
    resolve(&text, &origin, project, &mut chain)
}

/// Parses, resolves and compiles rubric text from `origin`; its `extends` chain is confined to
/// the project around it.
pub fn from_text(text: &str, origin: &Origin) -> Result<Rubric, Vec<RubricError>> {
    let mut chain = Vec::new();
    resolve(text, origin, None, &mut chain)
}

/// `project`: the project the chain is confined to, when a shared file named its first rubric.
fn resolve(
    text: &str,
    origin: &Origin,
    project: Option<&Project>,
    chain: &mut Vec<Origin>,
) -> Result<Rubric, Vec<RubricError>> {
    let label = origin.label();
    let error_at = |place: Place, message: String| {
        let (line, column) = place.find(text);
        RubricError {
            path: label.clone(),
            line,
            column,
            message,
        }
    };
    let spec: RubricSpec = crate::yaml::parse(text).map_err(|e| {
        vec![RubricError {
            path: label.clone(),
            line: e.line,
            column: e.column,
            message: e.message,
        }]
    })?;
    let Some(base_name) = spec.extends.clone() else {
        let mut errors = Vec::new();
        if !spec.remove.is_empty() {
            errors.push(error_at(
                Place::Key("remove"),
                "remove needs `extends`: there is no base rubric to remove checks from".into(),
            ));
        }
        if !spec.overrides.is_empty() {
            errors.push(error_at(
                Place::Key("override"),
                "override needs `extends`: there is no base rubric to change".into(),
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        return compile(spec, text, &label);
    };
    let extends_at = |message: String| vec![error_at(Place::Key("extends"), message)];
    if chain.len() >= MAX_EXTENDS_DEPTH {
        return Err(extends_at(format!(
            "extends chain is more than {MAX_EXTENDS_DEPTH} rubrics deep"
        )));
    }
    // A rubric file is shared text even when the command line named it: the base it extends
    // must be in its project, or an edited rubric could quote any file in a CI log.
    let around;
    let project = match project {
        Some(project) => project,
        None => {
            around = Project::around(origin.folder().unwrap_or(Path::new(".")));
            &around
        }
    };
    let (base_origin, base_text) = find(&base_name, origin.folder(), Some(project))
        .map_err(|m| extends_at(format!("extends: {m}")))?;
    chain.push(origin.clone());
    if chain.iter().any(|o| o.key() == base_origin.key()) {
        let mut names: Vec<String> = chain.iter().map(Origin::label).collect();
        names.push(base_origin.label());
        return Err(extends_at(format!("extends cycle: {}", names.join(" → "))));
    }
    let base = resolve(&base_text, &base_origin, Some(project), chain);
    chain.pop();
    let base = base.map_err(|mut errors| {
        errors.insert(
            0,
            error_at(
                Place::Key("extends"),
                format!("base rubric `{base_name}` has errors"),
            ),
        );
        errors
    })?;
    let merged = merge(base.spec, spec, &base_name, error_at)?;
    compile(merged, text, &label)
}

/// Where an added check goes: after the last check of its part (the id's prefix: "actions.cost"
/// after the last "actions." check), so a report reads each part of the story together; last
/// when no check shares the prefix.
fn beside_its_part(checks: &[CheckSpec], id: &str) -> usize {
    let Some((own, _)) = id.split_once('.') else {
        return checks.len();
    };
    checks
        .iter()
        .rposition(|c| c.id.split_once('.').is_some_and(|(part, _)| part == own))
        .map_or(checks.len(), |at| at + 1)
}

/// Applies a child rubric to its (already effective) base: removals, patches, then checks.
fn merge(
    base: RubricSpec,
    child: RubricSpec,
    base_name: &str,
    error_at: impl Fn(Place, String) -> RubricError,
) -> Result<RubricSpec, Vec<RubricError>> {
    let mut errors = Vec::new();
    let mut checks = base.checks;
    for id in &child.remove {
        match checks.iter().position(|c| &c.id == id) {
            Some(at) => {
                checks.remove(at);
            }
            None => errors.push(error_at(
                Place::After {
                    key: "remove",
                    needle: id,
                },
                format!("remove: `{base_name}` has no check `{id}`"),
            )),
        }
    }
    for patch in &child.overrides {
        match checks.iter_mut().find(|c| c.id == patch.id) {
            Some(check) => patch.apply(check),
            None => errors.push(error_at(
                Place::After {
                    key: "override",
                    needle: &patch.id,
                },
                format!(
                    "override: `{base_name}` has no check `{}` (or it was removed)",
                    patch.id
                ),
            )),
        }
    }
    let mut added: Vec<&str> = Vec::new();
    for check in &child.checks {
        let replaces = !added.contains(&check.id.as_str());
        match checks.iter().position(|c| c.id == check.id) {
            // A base check with the same id is replaced; a repeat within this file is kept
            // so validation reports it as a duplicate.
            Some(at) if replaces => checks[at] = check.clone(),
            _ => checks.insert(beside_its_part(&checks, &check.id), check.clone()),
        }
        added.push(&check.id);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Penalties close a rubric whatever it added: a report reads the checks that earn first,
    // then the ones that only cost when they find something.
    let (mut checks, penalties): (Vec<_>, Vec<_>) =
        checks.into_iter().partition(|c| !c.is_penalty());
    checks.extend(penalties);
    Ok(RubricSpec {
        extends: None,
        name: child.name,
        title: child.title,
        description: if child.description.is_empty() {
            base.description
        } else {
            child.description
        },
        questions: if child.questions.is_empty() {
            base.questions
        } else {
            child.questions
        },
        story_words: if child.story_words.is_empty() {
            base.story_words
        } else {
            child.story_words
        },
        pass_score: child.pass_score.or(base.pass_score),
        grades: child.grades.or(base.grades),
        length: child.length.or(base.length),
        remove: Vec::new(),
        overrides: Vec::new(),
        checks,
    })
}
