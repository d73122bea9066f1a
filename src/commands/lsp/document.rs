//! What the server knows of each open document: its text, scored as `coach score` would score
//! the file, and the findings that became its diagnostics, kept for hover and code actions.

use super::uri;
use crate::commands::explain::explain;
use crate::commands::score::scoring::{Judge, Scorer};
use coach::report::CheckResult;
use coach::rubric::Rubric;
use coach::rubric::choice::Chooser;
use coach::rubric::model::Severity;
use coach::source;
use coach::walk::{self, Input};
use lsp_types::{
    CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, NumberOrString, Position, Range,
    TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

/// One lost check as the editor shows it.
struct Finding {
    range: Range,
    check: String,
    rubric: Arc<Rubric>,
    /// Where a `coach-ignore` comment for it goes: below its story's heading, or below the
    /// front matter, so it applies to the right answer and leaves the front matter first.
    ignore_line: u32,
}

/// Every open document and the one scorer they share (rubrics compiled once, `.coach.yaml`
/// read once until one is saved).
pub struct Session {
    scorer: Scorer,
    documents: HashMap<String, (String, Vec<Finding>)>,
}

impl Session {
    pub fn new() -> Session {
        Session {
            scorer: scorer(),
            documents: HashMap::new(),
        }
    }

    /// Takes the document's new text and returns its diagnostics.
    pub fn update(&mut self, uri: &Uri, text: String) -> Vec<Diagnostic> {
        let (diagnostics, findings) = self.diagnose(uri.as_str(), &text);
        self.documents
            .insert(uri.as_str().to_string(), (text, findings));
        diagnostics
    }

    /// The document scored again as it stands (on save: the configuration it reads may have
    /// changed on disk); `None` for a document that is not open.
    pub fn rescore(&mut self, uri: &Uri) -> Option<Vec<Diagnostic>> {
        let (text, _) = self.documents.get(uri.as_str())?;
        let text = text.clone();
        Some(self.update(uri, text))
    }

    pub fn close(&mut self, uri: &Uri) {
        self.documents.remove(uri.as_str());
    }

    /// A configuration or rubric changed: read them again and rescore every open document.
    pub fn reload(&mut self) -> Vec<(String, Vec<Diagnostic>)> {
        self.scorer = scorer();
        let open: Vec<(String, String)> = self
            .documents
            .iter()
            .map(|(uri, (text, _))| (uri.clone(), text.clone()))
            .collect();
        open.into_iter()
            .map(|(uri, text)| {
                let (diagnostics, findings) = self.diagnose(&uri, &text);
                self.documents.insert(uri.clone(), (text, findings));
                (uri, diagnostics)
            })
            .collect()
    }

    /// `coach explain` for each finding under the cursor.
    pub fn hover(&self, uri: &Uri, at: Position) -> Option<String> {
        let (_, findings) = self.documents.get(uri.as_str())?;
        let texts: Vec<String> = findings
            .iter()
            .filter(|f| contains(f.range, at))
            .filter_map(|f| {
                let check = f.rubric.check(&f.check)?;
                Some(explain(&[f.rubric.name().to_string()], check))
            })
            .collect();
        (!texts.is_empty()).then(|| texts.join("\n---\n"))
    }

    /// For each finding the range touches, a quick fix that leaves its check out of the answer.
    pub fn actions(&self, uri: &Uri, range: Range) -> Vec<CodeAction> {
        let Some((_, findings)) = self.documents.get(uri.as_str()) else {
            return Vec::new();
        };
        let mut seen = Vec::new();
        findings
            .iter()
            .filter(|f| overlaps(f.range, range))
            .filter(|f| {
                let new = !seen.contains(&f.check);
                seen.push(f.check.clone());
                new
            })
            .map(|f| {
                let at = Position::new(f.ignore_line, 0);
                let edit = TextEdit::new(
                    Range::new(at, at),
                    format!("<!-- coach-ignore {} -->\n", f.check),
                );
                CodeAction {
                    title: format!("Ignore {} in this answer", f.check),
                    kind: Some(CodeActionKind::QUICKFIX),
                    edit: Some(WorkspaceEdit::new(HashMap::from([(
                        uri.clone(),
                        vec![edit],
                    )]))),
                    ..CodeAction::default()
                }
            })
            .collect()
    }

    /// Scores the text as the file at `uri` and turns each lost check into a diagnostic. A
    /// document that cannot be scored gets one diagnostic saying why; a panic is caught.
    fn diagnose(&self, uri: &str, text: &str) -> (Vec<Diagnostic>, Vec<Finding>) {
        let input = match uri::to_path(uri) {
            Some(path) => Input::File {
                display: walk::display_path(&path, std::env::current_dir().ok().as_deref()),
                path,
            },
            None => Input::Stdin,
        };
        let scored = catch_unwind(AssertUnwindSafe(|| self.score(&input, text)));
        match scored {
            Ok(Ok(found)) => found,
            Ok(Err(message)) => (vec![problem(&message)], Vec::new()),
            Err(_) => (
                vec![problem(
                    "coach failed on this document (an internal error); please report it with the text",
                )],
                Vec::new(),
            ),
        }
    }

    fn score(&self, input: &Input, text: &str) -> Result<(Vec<Diagnostic>, Vec<Finding>), String> {
        let source = source::from_bytes(
            input.display(),
            text.as_bytes().to_vec(),
            source::DEFAULT_MAX_BYTES,
        )
        .map_err(|e| format!("cannot score this document: {e}"))?;
        let lines: Vec<&str> = text.split('\n').collect();
        let front_matter_end = front_matter_end(&lines);
        let mut diagnostics = Vec::new();
        let mut findings = Vec::new();
        for judged in self.scorer.judge_source(input, &source) {
            let judged = match judged {
                Ok(judged) => judged,
                Err(error) => {
                    diagnostics.push(problem(&error.message));
                    continue;
                }
            };
            let rubric = judged.choice.shared_rubric();
            let ignore_line = judged
                .found
                .story
                .as_ref()
                .map_or(front_matter_end, |s| s.start_line as u32);
            for check in judged.file.checks.iter().filter(|c| c.lost() > 0) {
                let range = place(check, &lines);
                diagnostics.push(diagnostic(check, range));
                findings.push(Finding {
                    range,
                    check: check.id.clone(),
                    rubric: Arc::clone(&rubric),
                    ignore_line,
                });
            }
        }
        Ok((diagnostics, findings))
    }
}

/// The scorer of the command line's defaults: the rubric front matter or `.coach.yaml` names,
/// else the one the question or the story picks.
fn scorer() -> Scorer {
    Scorer {
        chooser: Chooser::new(None, false),
        judge: Judge {
            min_score: None,
            baseline: None,
            allow_drafts: false,
        },
        max_bytes: source::DEFAULT_MAX_BYTES,
    }
}

fn diagnostic(check: &CheckResult, range: Range) -> Diagnostic {
    let severity = match check.severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    };
    Diagnostic {
        range,
        severity: Some(severity),
        code: Some(NumberOrString::String(check.id.clone())),
        source: Some("coach".to_string()),
        message: format!(
            "{} (-{} of {} points): {}",
            check.title,
            check.lost(),
            check.max_points,
            check.hint
        ),
        ..Diagnostic::default()
    }
}

/// One diagnostic at the top of the document, for what stops it being scored.
fn problem(message: &str) -> Diagnostic {
    Diagnostic {
        range: Range::new(Position::new(0, 0), Position::new(0, 0)),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("coach".to_string()),
        message: message.to_string(),
        ..Diagnostic::default()
    }
}

/// The check's evidence phrase on its line, else the line's text, else the top.
fn place(check: &CheckResult, lines: &[&str]) -> Range {
    let Some(line_no) = check.line.filter(|l| *l >= 1 && *l <= lines.len()) else {
        return Range::new(Position::new(0, 0), Position::new(0, 0));
    };
    let line = lines[line_no - 1].trim_end_matches('\r');
    let row = (line_no - 1) as u32;
    let phrase = check
        .evidence
        .iter()
        .find(|e| e.line == line_no)
        .map(|e| e.text.trim_end_matches('…').trim());
    let (start, end) = match phrase
        .and_then(|p| (!p.is_empty()).then_some(p))
        .and_then(|p| line.find(p).map(|at| (at, at + p.len())))
    {
        Some(found) => found,
        None => {
            let start = line.len() - line.trim_start().len();
            (start, line.len())
        }
    };
    Range::new(
        Position::new(row, utf16(&line[..start])),
        Position::new(row, utf16(&line[..end])),
    )
}

/// Length in UTF-16 code units, the unit of LSP positions.
fn utf16(text: &str) -> u32 {
    text.encode_utf16().count() as u32
}

/// The 0-based line after the front matter's closing `---`, or 0 without front matter.
fn front_matter_end(lines: &[&str]) -> u32 {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return 0;
    }
    lines
        .iter()
        .skip(1)
        .position(|l| matches!(l.trim_end(), "---" | "..."))
        .map_or(0, |at| at as u32 + 2)
}

fn contains(range: Range, at: Position) -> bool {
    let after_start = (at.line, at.character) >= (range.start.line, range.start.character);
    let before_end = (at.line, at.character) <= (range.end.line, range.end.character);
    after_start && before_end
}

fn overlaps(a: Range, b: Range) -> bool {
    contains(a, b.start) || contains(a, b.end) || contains(b, a.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_front_matter_ends_after_its_closing_line() {
        assert_eq!(front_matter_end(&["---", "rubric: star", "---", "text"]), 3);
        assert_eq!(front_matter_end(&["# Q", "text"]), 0);
        assert_eq!(front_matter_end(&["---", "never closed"]), 0);
    }

    #[test]
    fn positions_count_utf16_units() {
        assert_eq!(utf16("ab"), 2);
        assert_eq!(utf16("é→"), 2);
        assert_eq!(utf16("😀"), 2);
    }

    #[test]
    fn ranges_hold_their_ends_and_overlap_as_spans() {
        let r = Range::new(Position::new(2, 4), Position::new(2, 10));
        assert!(contains(r, Position::new(2, 4)) && contains(r, Position::new(2, 10)));
        assert!(!contains(r, Position::new(2, 11)) && !contains(r, Position::new(1, 5)));
        let line = Range::new(Position::new(2, 0), Position::new(2, 0));
        assert!(!overlaps(r, line));
        assert!(overlaps(
            r,
            Range::new(Position::new(2, 0), Position::new(2, 5))
        ));
        assert!(overlaps(
            r,
            Range::new(Position::new(1, 0), Position::new(3, 0))
        ));
    }
}
