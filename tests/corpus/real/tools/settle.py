#!/usr/bin/env python3
"""Settles two annotators' labels into labels/final.tsv with a third reading.

  settle.py disagreements A.tsv B.tsv OUT.txt
      lists, per answer, every field where the two annotators differ, without saying who
      said what (the options are sorted), for a third reader to decide.
  settle.py merge A_DIR B_DIR DECISIONS_DIR
      writes labels/a.tsv and labels/b.tsv (every batch of each annotator, in id order) and
      labels/final.tsv: agreed fields as they are, the rest as the third reader decided
      (DECISIONS_DIR/*.tsv rows: id, field, value).

Fields: grade, the five section starts, one `signal:NAME` per signal (present/absent);
kind_met and specific are averaged (rounded down) rather than re-read.
"""
import csv
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
COLUMNS = ["id", "grade", "situation", "task", "actions", "results", "reflection",
           "signals", "kind_met", "specific"]
SECTIONS = COLUMNS[2:7]
SIGNALS = ["metrics", "before_after", "slo", "tradeoff", "incident", "stakeholders",
           "guardrails", "learning", "ownership"]


def read(path):
    rows = {}
    with open(path) as f:
        for row in csv.DictReader(f, delimiter="\t"):
            rows[row["id"].strip()] = {k: (v or "").strip() for k, v in row.items()}
    return rows


def signals(row):
    return {s.strip() for s in row["signals"].split(",") if s.strip() not in ("", "-")}


def fields(row):
    out = {"grade": row["grade"]}
    for name in SECTIONS:
        out[name] = row[name]
    have = signals(row)
    for name in SIGNALS:
        out["signal:" + name] = "present" if name in have else "absent"
    return out


def disagreements(a_path, b_path, out_path):
    a, b = read(a_path), read(b_path)
    lines = []
    for id_ in a:
        if id_ not in b:
            continue
        fa, fb = fields(a[id_]), fields(b[id_])
        diff = [f"  {k}: {' or '.join(sorted({fa[k], fb[k]}))}" for k in fa if fa[k] != fb[k]]
        if diff:
            lines.append(id_)
            lines.extend(diff)
    pathlib.Path(out_path).write_text("\n".join(lines) + "\n")
    print(f"{sum(1 for l in lines if l.startswith('  '))} fields to settle in "
          f"{sum(1 for l in lines if not l.startswith('  '))} answers")


def load_dir(directory):
    rows = {}
    for path in sorted(pathlib.Path(directory).glob("*.tsv")):
        rows.update(read(path))
    return rows


def write(path, rows):
    with open(path, "w") as f:
        f.write("\t".join(COLUMNS) + "\n")
        for id_ in sorted(rows):
            f.write("\t".join(rows[id_][c] for c in COLUMNS) + "\n")


def merge(a_dir, b_dir, decisions_dir):
    a, b = load_dir(a_dir), load_dir(b_dir)
    decided = {}
    for path in sorted(pathlib.Path(decisions_dir).glob("*.tsv")):
        with open(path) as f:
            for line in f:
                parts = [p.strip() for p in line.rstrip("\n").split("\t")]
                if len(parts) >= 3 and parts[0] != "id":
                    decided[(parts[0], parts[1])] = parts[2]
    final, open_fields = {}, []
    for id_ in sorted(set(a) & set(b)):
        fa, fb = fields(a[id_]), fields(b[id_])
        settled = {}
        for key in fa:
            if fa[key] == fb[key]:
                settled[key] = fa[key]
            elif (id_, key) in decided:
                settled[key] = decided[(id_, key)]
            else:
                open_fields.append(f"{id_} {key}")
                settled[key] = fa[key]
        row = {"id": id_, "grade": settled["grade"]}
        for name in SECTIONS:
            row[name] = settled[name]
        row["signals"] = ",".join(n for n in SIGNALS if settled["signal:" + n] == "present") or "-"
        for name in ("kind_met", "specific"):
            try:
                row[name] = str((int(a[id_][name]) + int(b[id_][name])) // 2)
            except ValueError:
                row[name] = a[id_][name]
        final[id_] = row
    labels = ROOT / "labels"
    write(labels / "a.tsv", {k: a[k] for k in final})
    write(labels / "b.tsv", {k: b[k] for k in final})
    write(labels / "final.tsv", final)
    print(f"{len(final)} answers settled; {len(open_fields)} fields left without a third reading")
    for item in open_fields[:20]:
        print("  open:", item)


if __name__ == "__main__":
    if sys.argv[1:2] == ["disagreements"]:
        disagreements(*sys.argv[2:5])
    elif sys.argv[1:2] == ["merge"]:
        merge(*sys.argv[2:5])
    else:
        sys.exit(__doc__)
