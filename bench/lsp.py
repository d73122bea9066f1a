#!/usr/bin/env python3
"""Rescoring one answer through `coach lsp`, as an editor does on a keystroke.

    python3 bench/lsp.py [COACH_BINARY] [ANSWER.md] [EDITS]

Starts the server, opens the answer (default: a 549-word answer of the real-answer corpus),
then sends EDITS full-text changes (default 200), each adding one character, and times
each from the change sent to its diagnostics received. Prints the median, the 95th percentile
and the worst. The budget for a 500-word answer is 30 ms a keystroke.
"""
import json
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target/release/coach")
answer = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else ROOT / "tests/corpus/real/answers/infra-05-kafka-connect-silent-failure.md").resolve()
edits = int(sys.argv[3]) if len(sys.argv) > 3 else 200

server = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def send(message):
    body = json.dumps(message).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()


def receive():
    length = None
    while True:
        line = server.stdout.readline()
        if not line:
            sys.exit("the server closed its output")
        line = line.strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(server.stdout.read(length))


def until(wanted):
    while True:
        message = receive()
        if wanted(message):
            return message


uri = answer.as_uri()
text = answer.read_text()
send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
until(lambda m: m.get("id") == 1)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
until(lambda m: m.get("method") == "textDocument/publishDiagnostics")

times = []
for version in range(2, edits + 2):
    text += "x" if version % 2 else " "
    start = time.perf_counter()
    send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}})
    until(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    times.append((time.perf_counter() - start) * 1000)

send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
until(lambda m: m.get("id") == 2)
send({"jsonrpc": "2.0", "method": "exit"})
server.wait(timeout=10)

times.sort()
words = len(answer.read_text().split())
print(f"{answer.name}: {words} words, {edits} edits through coach lsp")
print(f"median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, "
      f"worst {times[-1]:.1f} ms (budget 30 ms)")
