//! `coach lsp`: a language server over stdio, so an editor shows coach's findings while an
//! answer is drafted: a diagnostic per lost check on its line and phrase (the check id as its
//! code, the points lost in its message), `coach explain` on hover, and a quick fix that adds
//! `<!-- coach-ignore CHECK_ID -->`. Documents are scored as `coach score` scores their files:
//! front matter, `.coach.yaml` and the rubric choice apply; saving a `.yaml` file reads the
//! configuration and rubrics again.

mod document;
mod uri;

use super::PASSED;
use anyhow::Context;
use document::Session;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, HoverRequest, Request as _};
use lsp_types::{
    CodeActionOrCommand, CodeActionParams, CodeActionProviderCapability, Diagnostic,
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, Hover, HoverContents, HoverParams, HoverProviderCapability,
    MarkupContent, MarkupKind, PublishDiagnosticsParams, SaveOptions, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri,
};

pub fn run() -> anyhow::Result<u8> {
    let (connection, io_threads) = Connection::stdio();
    serve(&connection)?;
    drop(connection);
    io_threads.join().context("the editor's connection")?;
    Ok(PASSED)
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    }
}

/// The handshake, then every message until the editor shuts the server down.
fn serve(connection: &Connection) -> anyhow::Result<()> {
    let (id, _params) = connection.initialize_start()?;
    connection.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": capabilities(),
            "serverInfo": {"name": "coach", "version": env!("CARGO_PKG_VERSION")},
        }),
    )?;
    let mut session = Session::new();
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                let response = answer(&session, request);
                connection.sender.send(response.into())?;
            }
            Message::Notification(notification) => {
                for (uri, diagnostics) in take(&mut session, notification) {
                    publish(connection, uri, diagnostics)?;
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

/// A request's response: hover and code actions; anything else is not supported.
fn answer(session: &Session, request: Request) -> Response {
    let id = request.id.clone();
    let result = match request.method.as_str() {
        HoverRequest::METHOD => serde_json::from_value::<HoverParams>(request.params).map(|p| {
            let at = p.text_document_position_params;
            let hover = session
                .hover(&at.text_document.uri, at.position)
                .map(|text| Hover {
                    contents: HoverContents::Markup(MarkupContent {
                        kind: MarkupKind::PlainText,
                        value: text,
                    }),
                    range: None,
                });
            serde_json::to_value(hover)
        }),
        CodeActionRequest::METHOD => serde_json::from_value::<CodeActionParams>(request.params)
            .map(|p| {
                let actions: Vec<CodeActionOrCommand> = session
                    .actions(&p.text_document.uri, p.range)
                    .into_iter()
                    .map(CodeActionOrCommand::CodeAction)
                    .collect();
                serde_json::to_value(actions)
            }),
        method => {
            return Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("coach does not handle {method}"),
            );
        }
    };
    match result {
        Ok(Ok(value)) => Response::new_ok(id, value),
        Ok(Err(error)) | Err(error) => {
            Response::new_err(id, ErrorCode::InvalidParams as i32, error.to_string())
        }
    }
}

/// What a notification changes: the diagnostics to publish, per document.
fn take(session: &mut Session, notification: Notification) -> Vec<(Uri, Vec<Diagnostic>)> {
    let params = notification.params;
    match notification.method.as_str() {
        DidOpenTextDocument::METHOD => serde_json::from_value::<DidOpenTextDocumentParams>(params)
            .map(|p| {
                let uri = p.text_document.uri;
                let diagnostics = session.update(&uri, p.text_document.text);
                vec![(uri, diagnostics)]
            })
            .unwrap_or_default(),
        DidChangeTextDocument::METHOD => {
            serde_json::from_value::<DidChangeTextDocumentParams>(params)
                .ok()
                .and_then(|p| {
                    // Full sync: the last change holds the whole text.
                    let text = p.content_changes.into_iter().last()?.text;
                    let uri = p.text_document.uri;
                    let diagnostics = session.update(&uri, text);
                    Some(vec![(uri, diagnostics)])
                })
                .unwrap_or_default()
        }
        DidSaveTextDocument::METHOD => serde_json::from_value::<DidSaveTextDocumentParams>(params)
            .map(|p| {
                let uri = p.text_document.uri;
                if is_configuration(&uri) {
                    session
                        .reload()
                        .into_iter()
                        .filter_map(|(uri, d)| uri.parse::<Uri>().ok().map(|u| (u, d)))
                        .collect()
                } else {
                    session
                        .rescore(&uri)
                        .map(|diagnostics| vec![(uri, diagnostics)])
                        .unwrap_or_default()
                }
            })
            .unwrap_or_default(),
        DidCloseTextDocument::METHOD => {
            serde_json::from_value::<DidCloseTextDocumentParams>(params)
                .map(|p| {
                    session.close(&p.text_document.uri);
                    // A closed document's findings leave the editor's problem list.
                    vec![(p.text_document.uri, Vec::new())]
                })
                .unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

/// A `.coach.yaml` or a rubric: saving one changes how answers are scored.
fn is_configuration(uri: &Uri) -> bool {
    let uri = uri.as_str();
    uri.ends_with(".yaml") || uri.ends_with(".yml")
}

fn publish(connection: &Connection, uri: Uri, diagnostics: Vec<Diagnostic>) -> anyhow::Result<()> {
    let params = PublishDiagnosticsParams::new(uri, diagnostics, None);
    let notification = Notification::new(PublishDiagnostics::METHOD.to_string(), params);
    connection.sender.send(notification.into())?;
    Ok(())
}
