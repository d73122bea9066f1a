#!/usr/bin/env bash
# This checkout's coach against another revision's, on one answer and on a bank: is a change
# within noise of what it replaces?
#
#   bench/versus.sh                          # against where this branch left main
#   BASE=main SIZES="1 1000 10000" bench/versus.sh
#   BASE_TARGET=/tmp/base-target bench/versus.sh   # keep the other build for the next run
#
# Builds both in release (the other revision in a temporary worktree, removed afterwards),
# then prints for each size the median wall time of `coach score --min-score 0 --format json`,
# the two binaries taking turns run after run, and, when valgrind is installed, the
# instructions each executes on one thread: the figure a shared, loaded machine cannot blur.
# The two binaries read the same files.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE=${BASE:-$(git merge-base HEAD main)}
SIZES=${SIZES:-"1 1000"}
target=${CARGO_TARGET_DIR:-$PWD/target}
work=$(mktemp -d)
cleanup() {
  git worktree remove --force "$work/base" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null 2>&1; }

git worktree add --quiet --detach "$work/base" "$BASE"
cargo build --release --locked --quiet --bin coach --example gen_bank
base_target=${BASE_TARGET:-$work/base-target}
CARGO_TARGET_DIR="$base_target" cargo build --release --locked --quiet --bin coach \
  --manifest-path "$work/base/Cargo.toml"
now=$target/release/coach
base=$base_target/release/coach
gen=$target/release/examples/gen_bank

instructions() {
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$@" \
    >/dev/null 2>"$work/cg.err" || true
  sed -n 's/^==[0-9]*== Collected : //p' "$work/cg.err"
}

echo "base: $BASE ($(git rev-parse --short "$BASE"))  now: $(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %12s %12s %8s %16s %16s %8s\n' answers base_s now_s ratio base_instr now_instr ratio
for n in $SIZES; do
  if [[ $n == 1 ]]; then
    input=samples/strong-queue-migration.md
    runs=30
  else
    input="$work/bank-$n"
    "$gen" "$input" "$n" >/dev/null
    runs=$((n >= 10000 ? 5 : 10))
  fi
  # The two binaries take turns, so a change in the machine's load falls on both alike.
  read -r base_s now_s < <(python3 - "$runs" "$base" "$now" "$input" <<'PY'
import statistics, subprocess, sys, time
runs, binaries, target = int(sys.argv[1]), sys.argv[2:4], sys.argv[4]
times = {b: [] for b in binaries}
for i in range(runs + 3):
    for b in binaries:
        start = time.perf_counter()
        subprocess.run([b, "score", "--min-score", "0", "--format", "json", target],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if i >= 3:  # three warm-up rounds
            times[b].append(time.perf_counter() - start)
print(*(statistics.median(times[b]) for b in binaries))
PY
)
  base_i="-" now_i="-"
  if need valgrind && ((n <= 1000)); then
    base_i=$(instructions "$base" score --min-score 0 --format json "$input")
    now_i=$(instructions "$now" score --min-score 0 --format json "$input")
  fi
  python3 - "$n" "$base_s" "$now_s" "$base_i" "$now_i" <<'PY'
import sys
n, bs, ns, bi, ni = sys.argv[1:]
bs, ns = float(bs), float(ns)
ratio_i = f"{int(ni) / int(bi):.3f}" if bi.isdigit() and ni.isdigit() else "-"
print(f"{n:<8} {bs:12.4f} {ns:12.4f} {ns / bs:8.3f} {bi:>16} {ni:>16} {ratio_i:>8}")
PY
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
