#!/usr/bin/env python3
"""Fits the built-in rubrics' points and grade bands to the human grades of the `dev` split.

  python3 tests/corpus/real/tools/fit_rubrics.py [--points] [--write] [--report FOLDS.json]

One grade scale: one set of grade bands for every built-in, the thresholds that grade the most
dev answers (each under the rubric coach picks for its question) as people did.

`--points` also fits every check's points (a check several built-ins share weighs the same in
each) so that dev scores rank as the human grades do (Spearman): coordinate ascent over a fixed
ladder, checks in name order, a move kept only when it gains more than MIN_GAIN. It prints what
the fit does to answers it did not see (fitted on the answers of half the writers, measured on
the other half, six random halvings). Read by models that never saw their writers
(`--report`), 464 answers, the fitted points rank unseen writers worse than the unfitted ones
(0.770 -> 0.752), so the points in rubrics/*.yaml are not refitted by default. `--write` rewrites the
`grades:`/`pass-score:` lines (and with `--points` the `points:`) of rubrics/*.yaml; without it
the figures are only printed.

Reads only `dev`; scores with the coach binary named by $COACH (default target/release/coach),
which must be built from the rubrics it is fitting. `--report` fits on a saved report instead:
`fold_read.py` writes one where every answer is read by models that never saw its writer, which
is how `test` and a user's answers are read (the committed models have read all of `dev`).
"""
import json
import os
import pathlib
import re
import subprocess
import sys

from misses import REPO, dev_corpus, spearman, with_questions
from split import writer

LADDER = [2, 3, 4, 5, 6, 8, 10, 12, 15]
SWEEPS = 1
MIN_GAIN = 0.002


def coach(*args):
    binary = os.environ.get("COACH", str(REPO / "target/release/coach"))
    out = subprocess.run([binary, "score", "--format", "json", "--exit-zero", *args],
                         capture_output=True, text=True, check=True)
    return {pathlib.Path(f["path"]).stem: f for f in json.loads(out.stdout)["files"]}


def dev_checks(report=None):
    """Per dev answer: its grade, its writer and (check id, share earned) under the rubric coach
    picks; from a saved report (`fold_read.py`) when one is named."""
    labels, manifest, dev = dev_corpus()
    if report:
        files = json.loads(pathlib.Path(report).read_text())["files"]
        reports = {pathlib.Path(f["path"]).stem: f for f in files}
    else:
        reports = coach(str(with_questions(dev, manifest)))
    answers = {}
    for i, report in reports.items():
        answers[i] = {
            "grade": int(labels[i]["grade"]),
            "writer": writer(manifest[i]["source"]),
            "rubric": report["rubric"],
            # Penalties (numbers., draft.) count only when they find something: not fitted.
            "checks": [(c["id"], c["points"] / c["max_points"] if c["max_points"] else 0.0)
                       for c in report["checks"] if not c.get("penalty")],
        }
    return answers


def current_points():
    points, penalties = {}, set()
    for path in sorted((REPO / "rubrics").glob("*.yaml")):
        check = None
        for line in path.read_text().splitlines():
            if m := re.match(r"\s*- id:\s*(\S+)", line):
                check = m.group(1)
            elif (m := re.match(r"\s+points:\s*(\d+)", line)) and check:
                points.setdefault(check, int(m.group(1)))
            elif re.match(r"\s+penalty:\s*true", line) and check:
                penalties.add(check)
    return {check: p for check, p in points.items() if check not in penalties}


def scores(answers, weights):
    out = []
    for a in answers.values():
        total = sum(weights[c] for c, _ in a["checks"])
        earned = sum(weights[c] * share for c, share in a["checks"])
        out.append(round(100 * earned / total) if total else 0)
    return out


def rho(answers, weights):
    return spearman(scores(answers, weights), [a["grade"] for a in answers.values()])


def fit_points(answers, start):
    weights = dict(start)
    for _ in range(SWEEPS):
        for check in sorted(weights):
            best, best_value = rho(answers, weights), weights[check]
            for value in LADDER:
                weights[check] = value
                gain = rho(answers, weights)
                if gain > best + MIN_GAIN:
                    best, best_value = gain, value
            weights[check] = best_value
    return weights


def fit_bands(answers, weights):
    """(mixed, good, strong) thresholds grading the most answers as people did; among those,
    the bands that find each grade best (the sum of each grade's recall, so the few strong
    answers weigh as much as the many mixed ones), then the bands nearest the old defaults
    (50, 70, 85)."""
    pairs = list(zip(scores(answers, weights), [a["grade"] for a in answers.values()]))
    graded = {g: sum(1 for _, h in pairs if h == g) for g in (1, 2, 3, 4)}

    def grade(score, bands):
        return 1 + sum(score >= b for b in bands)

    best = None
    for mixed in range(20, 80):
        for good in range(mixed + 5, 90):
            for strong in range(good + 5, 96):
                bands = (mixed, good, strong)
                found = {g: 0 for g in graded}
                for s, g in pairs:
                    found[g] += grade(s, bands) == g
                right = sum(found.values())
                recall = sum(found[g] / n for g, n in graded.items() if n)
                distance = abs(mixed - 50) + abs(good - 70) + abs(strong - 85)
                key = (right, round(recall, 9), -distance)
                if best is None or key > best[0]:
                    best = (key, bands)
    return best[1], best[0][0] / len(pairs)


def write(weights, bands):
    mixed, good, strong = bands
    for path in sorted((REPO / "rubrics").glob("*.yaml")):
        lines, check = [], None
        for line in path.read_text().splitlines():
            if m := re.match(r"\s*- id:\s*(\S+)", line):
                check = m.group(1)
            elif (m := re.match(r"(\s+points:\s*)\d+(.*)", line)) and check in weights:
                line = f"{m.group(1)}{weights[check]}{m.group(2)}"
            elif line.startswith("grades:"):
                line = f"grades: {{strong: {strong}, good: {good}, mixed: {mixed}}}"
            elif line.startswith("pass-score:"):
                line = f"pass-score: {good}"
            lines.append(line)
        path.write_text("\n".join(lines) + "\n")


def held_out(answers, start):
    """Spearman on the half of dev a points fit did not see, against the unfitted points. Halves
    split by writer, so a fit is measured on writers it never saw."""
    import random
    writers, pairs = sorted({a["writer"] for a in answers.values()}), []
    for seed in range(6):
        shuffled = random.Random(seed).sample(writers, len(writers))
        first = set(shuffled[: len(writers) // 2])
        halves = [[i for i in answers if answers[i]["writer"] in first],
                  [i for i in answers if answers[i]["writer"] not in first]]
        for fit_on, measure_on in (halves, halves[::-1]):
            seen = {i: answers[i] for i in fit_on}
            unseen = {i: answers[i] for i in measure_on}
            pairs.append((rho(unseen, start), rho(unseen, fit_points(seen, start))))
    unfitted, fitted = (sum(p[k] for p in pairs) / len(pairs) for k in (0, 1))
    print(f"on unseen halves of dev: unfitted {unfitted:.3f}, fitted {fitted:.3f}")


def main():
    report = sys.argv[sys.argv.index("--report") + 1] if "--report" in sys.argv else None
    answers = dev_checks(report)
    start = current_points()
    used = {c for a in answers.values() for c, _ in a["checks"]}
    start = {c: start.get(c, 5) for c in used}
    before = rho(answers, start)
    weights = fit_points(answers, start) if "--points" in sys.argv else dict(start)
    after = rho(answers, weights)
    if "--points" in sys.argv:
        held_out(answers, start)
    bands, agreement = fit_bands(answers, weights)
    print(f"dev answers {len(answers)}: Spearman {before:.3f} -> {after:.3f}; "
          f"bands mixed {bands[0]}, good {bands[1]}, strong {bands[2]} "
          f"grade {agreement:.2f} of answers as people did")
    for check in sorted(weights):
        if weights[check] != start[check]:
            print(f"  {check}: {start[check]} -> {weights[check]}")
    if "--write" in sys.argv:
        write(weights, bands)
        print("rubrics/*.yaml rewritten; rebuild coach and rerun the tests")


if __name__ == "__main__":
    main()
