#!/usr/bin/env python3
"""Scores every `dev` answer with models that never saw its writer, into one JSON report.

  python3 tests/corpus/real/tools/fold_read.py OUT.json

The committed models (sentence roles, learned signals, substance, rubric picker) were trained
on all of `dev`, so coach reads `dev` better than it reads anyone new: fitting points or grade
bands on those scores fits them to a reading `test` never gets. Here each writer fold of `dev`
is scored by a coach whose four models were retrained without that fold (`HOLD_OUT_FOLD`, see
examples/common), as `test` is scored by the committed ones. Each answer carries its question
in front matter, as `fit_rubrics.py` reads it (line numbers are given as the answer's own file
counts them). The committed model files are put back and coach
rebuilt at the end, whatever happens. Takes about ten minutes (five trainings and builds).

`fit_rubrics.py --report OUT.json` fits on this report instead of scoring `dev` itself.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

from misses import FRONT_MATTER_LINES, REPO, dev_corpus, with_questions
from split import fnv1a, writer

FOLDS = 5
TRAINERS = ["train_roles", "train_signals", "train_substance", "train_kinds"]
MODELS = ["src/answer/roles.model", "src/signals/signals.model",
          "src/signals/substance.model", "src/rubric/kinds.model"]


def cargo(*args, fold=None):
    env = dict(os.environ)
    if fold is not None:
        env["HOLD_OUT_FOLD"] = str(fold)
    subprocess.run(["cargo", *args], cwd=REPO, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def without_front_matter(scored):
    """The report's line numbers as the answer's own file counts them: the front matter added
    above it comes off, so section starts compare with the labels."""
    # A file telling several stories is reported once per story, as `path#story`.
    path = pathlib.Path(scored["path"].split("#")[0])
    question = path.read_text().startswith("---\n")
    if not question:
        return scored
    for section in scored["sections"]:
        section["start_line"] -= FRONT_MATTER_LINES
        section["end_line"] -= FRONT_MATTER_LINES
    for found in [*scored["signals"].values(), *scored["checks"]]:
        for evidence in found.get("evidence", []):
            evidence["line"] -= FRONT_MATTER_LINES
    return scored


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[1])
    labels, manifest, dev = dev_corpus()
    fold_of = {i: fnv1a(writer(manifest[i]["source"])) % FOLDS for i in dev}
    folder = with_questions(dev, manifest)

    saved = pathlib.Path(tempfile.mkdtemp())
    for model in MODELS:
        shutil.copy(REPO / model, saved / pathlib.Path(model).name)
    files = []
    try:
        for k in range(FOLDS):
            for trainer in TRAINERS:
                cargo("run", "--release", "--locked", "--example", trainer, fold=k)
            cargo("build", "--release", "--locked")
            held = [str(folder / f"{i}.md") for i in dev if fold_of[i] == k]
            report = subprocess.run(
                [str(REPO / "target/release/coach"), "score", "--format", "json",
                 "--exit-zero", *held], capture_output=True, text=True, check=True)
            for scored in json.loads(report.stdout)["files"]:
                files.append(without_front_matter(scored))
            print(f"fold {k}: {len(held)} answers scored", file=sys.stderr)
    finally:
        for model in MODELS:
            shutil.copy(saved / pathlib.Path(model).name, REPO / model)
        cargo("build", "--release", "--locked")
    out.write_text(json.dumps({"files": files}))
    print(f"wrote {out} ({len(files)} answers)", file=sys.stderr)


if __name__ == "__main__":
    main()
