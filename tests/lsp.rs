//! `coach lsp` driven as an editor drives it: JSON-RPC over stdio, a document opened, edited,
//! hovered, quick-fixed and shut down.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// A running server: what we write to it, and every message it sends, in order.
struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start(dir: &std::path::Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_coach"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("coach lsp starts");
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = None;
                loop {
                    let mut header = String::new();
                    if stdout.read_line(&mut header).unwrap_or(0) == 0 {
                        return;
                    }
                    let header = header.trim_end();
                    if header.is_empty() {
                        break;
                    }
                    if let Some(n) = header.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                stdout.read_exact(&mut body).unwrap();
                let _ = sender.send(serde_json::from_slice(&body).expect("JSON body"));
            }
        });
        Server {
            child,
            stdin,
            messages,
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its response's result.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let response = self.wait(|m| m["id"] == id);
        assert!(response.get("error").is_none(), "{response}");
        response["result"].clone()
    }

    /// The next message that `wanted` accepts; others are passed over.
    fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self
                .messages
                .recv_timeout(Duration::from_secs(60))
                .expect("the server answers within a minute");
            if wanted(&message) {
                return message;
            }
        }
    }

    /// The diagnostics published next for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let message = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect()
}

const DRAFT: &str = "# Tell me about a time you improved a system\n\
\n\
**Situation:** Our checkout service was slow and customers complained.\n\
**Task:** I owned making it faster before the holiday sale.\n\
**Action:** I profiled the service, found a missing index and added it, then rolled it out.\n\
**Result:** It got much faster and people were happy.\n";

#[test]
fn an_editor_sees_findings_change_hovers_them_and_quick_fixes_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answer.md");
    std::fs::write(&path, DRAFT).unwrap();
    let uri = format!("file://{}", path.display());
    let mut server = Server::start(dir.path());

    let init = server.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert_eq!(init["capabilities"]["hoverProvider"], true);
    assert_eq!(init["serverInfo"]["name"], "coach");
    server.notify("initialized", json!({}));

    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": DRAFT}}),
    );
    let opened = server.diagnostics(&uri);
    let before = codes(&opened);
    assert!(
        before.contains(&"results.quantified".to_string()),
        "{before:?}"
    );
    let quantified = opened
        .iter()
        .find(|d| d["code"] == "results.quantified")
        .unwrap();
    assert_eq!(quantified["source"], "coach");
    assert_eq!(
        quantified["range"]["start"]["line"], 5,
        "on the result's line"
    );
    assert!(
        quantified["message"].as_str().unwrap().contains(" points)"),
        "{quantified}"
    );

    // A number in the result: that finding goes.
    let numbered = DRAFT.replace(
        "It got much faster and people were happy.",
        "p99 latency fell from 800 ms to 120 ms and checkout errors from 2% to 0.3%.",
    );
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": numbered}]}),
    );
    let changed = server.diagnostics(&uri);
    let after = codes(&changed);
    assert!(
        !after.contains(&"results.quantified".to_string()),
        "{after:?}"
    );
    assert!(after.len() < before.len(), "{before:?} → {after:?}");

    // Hover on a finding shows what `coach explain` says of its check.
    let finding = &changed[0];
    let id = finding["code"].as_str().unwrap().to_string();
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": finding["range"]["start"]}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with(&id) && text.contains("How to fix"),
        "{text}"
    );

    // The quick fix inserts the ignore comment; applied, that finding goes.
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": finding["range"], "context": {"diagnostics": [finding]}}),
    );
    let action = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == format!("Ignore {id} in this answer"))
        .unwrap_or_else(|| panic!("{actions}"));
    let edit = &action["edit"]["changes"][&uri][0];
    let comment = format!("<!-- coach-ignore {id} -->\n");
    assert_eq!(edit["newText"], comment);
    let at = edit["range"]["start"]["line"].as_u64().unwrap() as usize;
    let mut lines: Vec<&str> = numbered.split_inclusive('\n').collect();
    lines.insert(at, &comment);
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": lines.concat()}]}),
    );
    let ignored = codes(&server.diagnostics(&uri));
    assert!(!ignored.contains(&id), "{ignored:?}");
    assert_eq!(ignored.len() + 1, after.len());

    // Saving publishes the findings again; saving a `.coach.yaml` reads it again and rescores.
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(codes(&server.diagnostics(&uri)), ignored);
    let config = dir.path().join(".coach.yaml");
    std::fs::write(&config, format!("disable: [{}]\n", ignored[0])).unwrap();
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": format!("file://{}", config.display())}}),
    );
    let reread = codes(&server.diagnostics(&uri));
    assert_eq!(reread, ignored[1..].to_vec());
    std::fs::write(&config, "disable: []\n").unwrap();
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": format!("file://{}", config.display())}}),
    );
    assert_eq!(codes(&server.diagnostics(&uri)), ignored);

    // A document that cannot be scored gets one diagnostic, and the server carries on.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 4}, "contentChanges": [{"text": "binary\u{0}bytes"}]}),
    );
    let broken = server.diagnostics(&uri);
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(
        broken[0]["message"]
            .as_str()
            .unwrap()
            .contains("cannot score")
    );
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 5}, "contentChanges": [{"text": DRAFT}]}),
    );
    assert_eq!(codes(&server.diagnostics(&uri)), before);

    // Closing clears the document's findings; shutdown and exit end the server cleanly.
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(server.diagnostics(&uri).is_empty());
    assert_eq!(server.request("shutdown", Value::Null), Value::Null);
    server.notify("exit", Value::Null);
    let status = server.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn front_matter_and_the_project_configuration_apply_as_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".coach.yaml"),
        "disable: [results.quantified]\n",
    )
    .unwrap();
    let path = dir.path().join("answer.md");
    let text = format!("---\nrubric: star\n---\n{DRAFT}");
    std::fs::write(&path, &text).unwrap();
    let uri = format!("file://{}", path.display());
    let mut server = Server::start(dir.path());
    server.request("initialize", json!({"capabilities": {}}));
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let found = codes(&server.diagnostics(&uri));
    assert!(!found.is_empty());
    assert!(
        !found.contains(&"results.quantified".to_string()),
        "{found:?}"
    );
    // The star rubric has no infrastructure checks.
    assert!(
        !found.iter().any(|c| c == "actions.guardrails"),
        "{found:?}"
    );
    server.request("shutdown", Value::Null);
    server.notify("exit", Value::Null);
    assert_eq!(server.child.wait().unwrap().code(), Some(0));
}
