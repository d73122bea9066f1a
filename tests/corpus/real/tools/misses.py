#!/usr/bin/env python3
"""Shows where coach and the settled labels differ on the `dev` split, to tune by.

  misses.py                 figures for dev (signals, sections, ranking)
  misses.py SIGNAL          plus that signal's false alarms (with coach's evidence) and misses
  misses.py sections        plus every answer whose section starts differ
  misses.py --only web4,repo4 ...   only the dev answers whose ids start so (a fresh batch,
                                     measured before anything is tuned on it)
  misses.py --report FOLDS.json ... read a saved report instead of scoring (`fold_read.py`:
                                     dev read by models that never saw its writers)

Reads only `dev`: the `test` split is measured by `cargo test --test real_corpus` and never
read to tune. Scores with the coach binary named by $COACH (default target/release/coach).
"""
import collections
import csv
import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
REPO = ROOT.parent.parent.parent
SIGNALS = ["metrics", "before_after", "slo", "tradeoff", "incident", "stakeholders",
           "guardrails", "learning", "ownership"]
SECTIONS = ["situation", "task", "actions", "results", "reflection"]


def table(path):
    with open(path) as f:
        return {row["id"]: row for row in csv.DictReader(f, delimiter="\t")}


def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    out, i = [0.0] * len(values), 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(x, y):
    rx, ry = ranks(x), ranks(y)
    n = len(x)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / (vx * vy) ** 0.5 if vx and vy else 0.0


FRONT_MATTER_LINES = 3


def with_questions(ids, manifest):
    """A new folder holding each answer as `{id}.md`, its question (when the manifest has one)
    in front matter above it, as coach reads an answer whose question is stated. The front
    matter takes FRONT_MATTER_LINES lines."""
    import tempfile
    folder = pathlib.Path(tempfile.mkdtemp())
    for i in ids:
        question = manifest[i]["question"]
        front = f"---\nquestion: {json.dumps(question)}\n---\n" if question not in ("", "-") else ""
        (folder / f"{i}.md").write_text(front + (ROOT / "answers" / f"{i}.md").read_text())
    return folder


def dev_corpus():
    """(settled labels by id, manifest rows by id, the dev ids in order)."""
    labels = table(ROOT / "labels/final.tsv")
    split = {i: r["split"] for i, r in table(ROOT / "split.tsv").items()}
    manifest = {}
    for path in sorted((ROOT / "manifest").glob("*.tsv")):
        manifest.update(table(path))
    return labels, manifest, sorted(i for i in labels if split.get(i) == "dev")


def main():
    args = sys.argv[1:]
    only = None
    if "--only" in args:
        at = args.index("--only")
        only = tuple(args[at + 1].split(","))
        del args[at:at + 2]
    report = None
    if "--report" in args:
        at = args.index("--report")
        report = pathlib.Path(args[at + 1]).read_text()
        del args[at:at + 2]
    want = args[0] if args else None
    labels, manifest, dev = dev_corpus()
    if only:
        dev = [i for i in dev if i.startswith(only)]
    if report is None:
        coach = os.environ.get("COACH", str(REPO / "target/release/coach"))
        files = [str(ROOT / "answers" / f"{i}.md") for i in dev]
        report = subprocess.run([coach, "score", "--format", "json", "--exit-zero", *files],
                                capture_output=True, text=True, check=False).stdout
    got = {pathlib.Path(f["path"]).stem: f for f in json.loads(report)["files"]}
    unread = [i for i in dev if i not in got]
    if unread:
        print("not scored (coach refused them):", ", ".join(unread))
        dev = [i for i in dev if i in got]

    f1s, alarms, misses = [], collections.defaultdict(list), collections.defaultdict(list)
    for signal in SIGNALS:
        tp = fp = fn = 0
        for i in dev:
            truth = signal in labels[i]["signals"].split(",")
            found = got[i]["signals"][signal]
            if found["present"] and truth:
                tp += 1
            elif found["present"]:
                fp += 1
                alarms[signal].append((i, [(e["line"], e["text"]) for e in found["evidence"][:3]]))
            elif truth:
                fn += 1
                misses[signal].append(i)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        f1s.append(f1)
        print(f"{signal:14} tp {tp:3} fp {fp:3} fn {fn:3}  F1 {f1:.2f}")
    print(f"macro-F1 {sum(f1s) / len(f1s):.3f} over {len(dev)} dev answers")

    tally = {True: [0, 0], False: [0, 0]}
    wrong = []
    for i in dev:
        prose = manifest[i]["shape"].split("+")[0] in ("prose", "transcript")
        truth = {s: int(labels[i][s]) for s in SECTIONS if labels[i][s] not in ("-", "")}
        found = {s["name"]: s["start_line"] for s in got[i]["sections"]}
        slack = 1 if prose else 0
        right = sum(1 for s, line in truth.items() if s in found and abs(found[s] - line) <= slack)
        tally[prose][0] += right
        tally[prose][1] += max(len(truth), len(found))
        if right != len(truth) or right != len(found):
            wrong.append((i, manifest[i]["shape"], truth, found))
    print("section starts: labelled %.3f, unlabelled %.3f" % tuple(
        tally[k][0] / max(1, tally[k][1]) for k in (False, True)))
    grades = [int(labels[i]["grade"]) for i in dev]
    print("Spearman(score, grade) %.3f (no question; rubric from the story)"
          % spearman([got[i]["score"] for i in dev], grades))

    if want == "sections":
        for i, shape, truth, found in wrong:
            print(f"{i} [{shape}]\n   labels {truth}\n   coach  {found}")
    elif want in SIGNALS:
        print(f"\n== {want}: false alarms")
        for i, evidence in alarms[want]:
            print(f"  {i}: {evidence}")
        print(f"\n== {want}: missed")
        for i in misses[want]:
            print(f"  {i}")


if __name__ == "__main__":
    main()
