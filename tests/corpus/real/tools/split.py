#!/usr/bin/env python3
"""Writes split.tsv: every answer's split, fixed by its writer (repository or site).

A writer's answers all land on one side, chosen by a hash of the writer's name (FNV-1a),
so adding answers never moves an existing one. About 40% of writers go to `test`.
Run from anywhere: python3 tests/corpus/real/tools/split.py
"""
import csv
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def writer(source: str) -> str:
    if source.startswith("github:"):
        return "/".join(source[len("github:"):].split("/")[:2])
    rest = source.split("://", 1)[-1]
    return rest.split("/", 1)[0].removeprefix("www.").lower()


def fnv1a(text: str) -> int:
    h = 0xCBF29CE484222325
    for byte in text.encode():
        h ^= byte
        h = (h * 0x100000001B3) % (1 << 64)
    return h


def main() -> None:
    rows = []
    for manifest in sorted((ROOT / "manifest").glob("*.tsv")):
        with manifest.open() as f:
            for row in csv.DictReader(f, delimiter="\t"):
                side = "test" if fnv1a(writer(row["source"])) % 100 < 40 else "dev"
                rows.append((row["id"], side))
    with (ROOT / "split.tsv").open("w") as f:
        f.write("id\tsplit\n")
        for id_, side in sorted(rows):
            f.write(f"{id_}\t{side}\n")
    test = sum(1 for _, s in rows if s == "test")
    print(f"{len(rows)} answers: {len(rows) - test} dev, {test} test")


if __name__ == "__main__":
    main()
