#!/usr/bin/env bash
# Whole-process timings of coach against prose linters and a raw keyword scan, on the same files.
#
#   bench/compare.sh            # banks of 1, 1,000 and 10,000 answers
#   SIZES="1 1000" bench/compare.sh
#
# Installs hyperfine and ripgrep from Debian's packages when missing, and write-good (npm) and
# proselint (PyPI) into a temporary folder that is removed afterwards. Prints medians and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1 1000 10000"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || ! need rg; then
  apt-get update -qq && apt-get install -y -qq hyperfine ripgrep >/dev/null
fi
cargo build --release --locked --quiet
cargo build --release --locked --quiet --example gen_bank
coach=$PWD/target/release/coach
gen=$PWD/target/release/examples/gen_bank

peers=()
if (cd "$work" && npm install --silent --no-audit --no-fund write-good >/dev/null 2>&1); then
  peers+=("write-good")
fi
if python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q proselint >/dev/null 2>&1; then
  peers+=("proselint")
fi

# The default rubric's vocabulary: the floor for reading and scanning the same bytes.
cat > "$work/keywords.txt" <<'KW'
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

median() { # hyperfine JSON -> median seconds
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"
}

printf '%-8s %-12s %12s %10s\n' answers tool median_s vs_coach
for n in $SIZES; do
  bank="$work/bank-$n"
  "$gen" "$n" "$bank" >/dev/null
  files=("$bank"/*.md)
  runs=$(( n >= 10000 ? 5 : 10 ))
  declare -A cmd=(
    [coach]="$coach score --min-score 0 --format json $bank > /dev/null"
    [rg]="rg -c -i -F -f $work/keywords.txt $bank > /dev/null || true"
  )
  for peer in "${peers[@]}"; do
    case $peer in
      write-good) cmd[write-good]="cd $bank && $work/node_modules/.bin/write-good *.md > /dev/null || true" ;;
      proselint) cmd[proselint]="cd $bank && $work/venv/bin/proselint *.md > /dev/null || true" ;;
    esac
  done
  coach_median=""
  for tool in coach rg "${peers[@]}"; do
    # Linters that take minutes on the big bank are measured once.
    r=$runs; [[ $tool != coach && $tool != rg && $n -ge 1000 ]] && r=1
    hyperfine --style none --warmup $(( r > 1 ? 1 : 0 )) --runs "$r" --export-json "$work/t.json" "${cmd[$tool]}" >/dev/null 2>&1
    m=$(median "$work/t.json")
    [[ $tool == coach ]] && coach_median=$m
    ratio=$(python3 -c "print(f'{float($m)/float($coach_median):.2f}x')")
    printf '%-8s %-12s %12.4f %10s\n' "$n" "$tool" "$m" "$ratio"
  done
  unset cmd
done
/usr/bin/time -v "$coach" score --min-score 0 --format json "$work/bank-${SIZES##* }" 2>"$work/mem" >/dev/null || true
grep -E "Maximum resident" "$work/mem" | sed 's/^\s*/peak memory on the largest bank: /'
