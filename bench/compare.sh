#!/usr/bin/env bash
# Whole-process timings of coach against prose linters and a raw keyword scan, on the same files.
#
#   bench/compare.sh                      # banks of 1, 1,000 and 10,000 answers
#   SIZES="1 1000" bench/compare.sh
#   PEERS_UP_TO=10000 bench/compare.sh    # also time the linters on the big bank (~15 minutes)
#
# Installs hyperfine and ripgrep from Debian's packages when missing, and write-good (npm) and
# proselint (PyPI) into a temporary folder that is removed afterwards. Prints medians, ratios
# to coach, the cost per answer (to show time is linear in answers) and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1 1000 10000"}
# The linters take minutes on 10,000 answers; by default they are timed up to this size.
PEERS_UP_TO=${PEERS_UP_TO:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || ! need rg; then
  apt-get update -qq && apt-get install -y -qq hyperfine ripgrep >/dev/null
fi
cargo build --release --locked --quiet --bin coach --example gen_bank
coach=$PWD/target/release/coach
gen=$PWD/target/release/examples/gen_bank

peers=()
if need npm && (cd "$work" && npm install --silent --no-audit --no-fund write-good >/dev/null 2>&1); then
  peers+=("write-good")
fi
if python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q proselint >/dev/null 2>&1; then
  peers+=("proselint")
fi

# The default rubric's vocabulary: the floor for reading and scanning the same bytes.
cat >"$work/keywords.txt" <<'KW'
canary
rollback
feature flag
blue/green
runbook
RFC
ADR
RACI
SLO
p95
p99
availability
MTTR
error budget
stakeholder
trade-off
postmortem
incident
I learned
next time
KW

# hyperfine JSON -> median seconds
median() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-12s %6s %12s %12s %10s\n' answers tool runs median_s per_answer vs_coach
for n in $SIZES; do
  bank="$work/bank-$n"
  "$gen" "$bank" "$n" >/dev/null
  runs=$((n >= 10000 ? 5 : n >= 1000 ? 10 : 30))
  declare -A cmd=(
    [coach]="$coach score --min-score 0 --format json $bank"
    [rg]="rg -c -i -F -f $work/keywords.txt $bank"
  )
  tools=(coach rg)
  if ((n <= PEERS_UP_TO)); then
    for peer in "${peers[@]}"; do
      tools+=("$peer")
      case $peer in
        write-good) cmd[write-good]="cd $bank && $work/node_modules/.bin/write-good *.md" ;;
        proselint) cmd[proselint]="cd $bank && $work/venv/bin/proselint check *.md" ;;
      esac
    done
  fi
  coach_median=""
  for tool in "${tools[@]}"; do
    r=$runs
    shell=(-N) # coach and rg are timed without a shell in between
    if [[ $tool != coach && $tool != rg ]]; then
      shell=()
      # Linters that take many seconds on a big bank are measured once.
      ((n >= 1000)) && r=1
    fi
    hyperfine "${shell[@]}" --style none -i --warmup $((r > 1 ? 2 : 0)) --runs "$r" \
      --export-json "$work/t.json" "${cmd[$tool]}" >/dev/null 2>&1
    m=$(median "$work/t.json")
    [[ $tool == coach ]] && coach_median=$m
    python3 -c "
m, c, n = float('$m'), float('$coach_median'), $n
print(f'%-8s %-12s %6d %12.4f %10.1fus %9.2fx' % ('$n', '$tool', $r, m, m / n * 1e6, m / c))"
  done
  unset cmd
done
last=${SIZES##* }
/usr/bin/time -v "$coach" score --min-score 0 --format json "$work/bank-$last" 2>"$work/mem" >/dev/null || true
kb=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$work/mem")
echo "coach peak memory on $last answers: $((kb / 1024)) MB"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
