#!/usr/bin/env bash
# Benchmark: `reflect score --responses FILE --format csv` against a pandas/numpy peer
# computing the same scale scores from the same long CSV, on a simulated cohort
# (default 100,000 people x 2 waves x the leadership instrument). Release build.
# Prints the median wall time, CPU time and peak memory of each, the ratios, and the
# throughput against `wc -l` on the same file, with the load average while measuring.
#
# Usage: bash Benchmarks/run.sh [RESPONDENTS]
# Environment: RUNS (default 5) runs of each, interleaved; DATA (default Benchmarks/data)
# where the simulated file and outputs go; BASELINE, another `reflect` binary (such as a
# build of the previous commit) to time in the same runs, whose output must be the same
# bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
respondents="${1:-100000}"
runs="${RUNS:-5}"
data="${DATA:-Benchmarks/data}"
baseline="${BASELINE:-}"
mkdir -p "$data"

python3 -c 'import pandas, numpy' 2>/dev/null || pip install --quiet pandas numpy
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }

# Linked with the Swift runtime and Foundation inside the binary, as a release is shipped:
# it starts in about 20 ms instead of 35 ms (no dynamic linking of a dozen libraries).
echo "building reflect (release, static Swift libraries)…" >&2
swift build -c release --static-swift-stdlib --product reflect >&2
bin="$(swift build -c release --static-swift-stdlib --show-bin-path)/reflect"

long="$data/leadership-$respondents.csv"
if [ ! -s "$long" ]; then
  echo "simulating $respondents respondents…" >&2
  "$bin" simulate --instrument leadership --respondents "$respondents" --waves pre,post \
    --effect 0.5 --seed 20261129 --out "$long"
fi
rows=$(($(wc -l < "$long") - 1))
size=$(du -m "$long" | cut -f1)

# run NAME COMMAND...: one timed run, appended to $data/times.txt as
# "NAME wall-seconds cpu-seconds peak-KB".
run() {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$data/time.txt" "$@" > "$data/$name.out"
  read -r wall user system rss < "$data/time.txt"
  echo "$name $wall $(awk "BEGIN{print $user + $system}") $rss" >> "$data/times.txt"
}

# The runs are interleaved, so that a change in the machine's load touches all alike, and
# the medians are kept: the machine is shared, and its noise only ever adds time.
: > "$data/times.txt"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq "$runs"); do
  run wc wc -l "$long"
  run reflect "$bin" score --instrument leadership --responses "$long" --format csv
  if [ -n "$baseline" ]; then
    run baseline "$baseline" score --instrument leadership --responses "$long" --format csv
  fi
  run peer python3 Benchmarks/score_peer.py instruments/leadership.xml "$long"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 Benchmarks/compare_scores.py "$data/reflect.out" "$data/peer.out"
if [ -n "$baseline" ]; then
  cmp -s "$data/reflect.out" "$data/baseline.out" && echo "the baseline wrote the same bytes" \
    || { echo "the baseline's output differs" >&2; exit 1; }
fi

# median NAME FIELD: the median of a column (2 wall, 3 CPU, 4 peak KB) of NAME's runs.
median() {
  awk -v n="$1" -v f="$2" '$1 == n {print $f}' "$data/times.txt" | sort -g \
    | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

names="wc reflect${baseline:+ baseline} peer"
{
  echo "file: $rows answers, $size MB; $runs runs each, medians"
  echo "load average: $load_before before, $load_after after"
  printf "%-26s %8s %8s %9s\n" "" "wall s" "CPU s" "peak MB"
  for name in $names; do
    label=$name
    case $name in
      wc) label="wc -l" ;;
      reflect) label="reflect score (release)" ;;
      baseline) label="baseline reflect" ;;
      peer) label="pandas peer" ;;
    esac
    printf "%-26s %8.2f %8.2f %9.0f\n" "$label" "$(median "$name" 2)" "$(median "$name" 3)" \
      "$(awk "BEGIN{print $(median "$name" 4) / 1024}")"
  done
} | tee "$data/summary.txt"

awk -v size="$size" -v wc="$(median wc 2)" -v wcc="$(median wc 3)" \
  -v r="$(median reflect 2)" -v rc="$(median reflect 3)" -v rk="$(median reflect 4)" \
  -v p="$(median peer 2)" -v pc="$(median peer 3)" -v pk="$(median peer 4)" 'BEGIN {
  # Times are rounded to 0.01 s: on a tiny file they may be 0.
  if (r <= 0) r = 0.01
  if (rc <= 0) rc = 0.01
  printf "reflect is %.1fx faster than the peer in wall time (%.1fx in CPU time), with %.2f of its peak memory\n", p / r, pc / rc, rk / pk
  if (wc > 0)
    printf "reflect takes %.1fx the wall time of wc -l (%.1fx its CPU time); %.0f MB/s of CSV\n", r / wc, rc / (wcc > 0 ? wcc : 0.01), size / r
  else
    printf "wc -l took under 0.01 s: the file is too small for the ratio (use 100000 respondents)\n"
}' | tee -a "$data/summary.txt"
if [ -n "$baseline" ]; then
  awk -v r="$(median reflect 2)" -v rc="$(median reflect 3)" -v b="$(median baseline 2)" \
    -v bc="$(median baseline 3)" 'BEGIN {
    if (b <= 0) b = 0.01
    if (bc <= 0) bc = 0.01
    printf "against the baseline: %.2fx its wall time, %.2fx its CPU time\n", r / b, rc / bc
  }' | tee -a "$data/summary.txt"
fi
