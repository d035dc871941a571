#!/usr/bin/env bash
# Benchmark: `reflect score --responses FILE --format csv` against a pandas/numpy peer
# computing the same scale scores from the same long CSV, on a simulated cohort
# (default 100,000 people x 2 waves x the leadership instrument). Release build.
# Prints wall time and peak memory of each, the ratios, and the throughput against
# `wc -l` on the same file. Usage: bash Benchmarks/run.sh [RESPONDENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
respondents="${1:-100000}"
data=Benchmarks/data
mkdir -p "$data"

python3 -c 'import pandas, numpy' 2>/dev/null || pip install --quiet pandas numpy
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }

echo "building reflect (release)…" >&2
swift build -c release --product reflect >&2
bin="$(swift build -c release --show-bin-path)/reflect"

long="$data/leadership-$respondents.csv"
if [ ! -s "$long" ]; then
  echo "simulating $respondents respondents…" >&2
  "$bin" simulate --instrument leadership --respondents "$respondents" --waves pre,post \
    --effect 0.5 --seed 20261129 --out "$long"
fi
rows=$(($(wc -l < "$long") - 1))
size=$(du -m "$long" | cut -f1)

# measure NAME COMMAND...: the run with the least CPU time (user + system) of 3, as
# "wall-seconds cpu-seconds peak-KB". On a shared machine CPU time is the steadier
# figure: another process's load stretches wall time but not the work done.
measure() {
  local name=$1; shift
  local best="" best_wall="" best_rss=""
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %U %S %M" -o "$data/time.txt" "$@" > "$data/$name.out"
    read -r wall user system rss < "$data/time.txt"
    cpu=$(awk "BEGIN{print $user + $system}")
    if [ -z "$best" ] || awk "BEGIN{exit !($cpu < $best)}"; then
      best=$cpu; best_wall=$wall; best_rss=$rss
    fi
  done
  echo "$best_wall $best $best_rss"
}

read -r wc_s wc_cpu wc_kb < <(measure wc wc -l "$long")
read -r reflect_s reflect_cpu reflect_kb < <(measure reflect "$bin" score --instrument leadership --responses "$long" --format csv)
read -r peer_s peer_cpu peer_kb < <(measure peer python3 Benchmarks/score_peer.py instruments/leadership.xml "$long")

python3 Benchmarks/compare_scores.py "$data/reflect.out" "$data/peer.out"

awk -v rows="$rows" -v size="$size" -v wc="$wc_s" -v wcc="$wc_cpu" -v r="$reflect_s" \
    -v rc="$reflect_cpu" -v rk="$reflect_kb" -v p="$peer_s" -v pc="$peer_cpu" -v pk="$peer_kb" 'BEGIN {
  printf "file: %d answers, %d MB; load average %s\n", rows, size, "'"$(cut -d' ' -f1-3 /proc/loadavg)"'"
  printf "%-26s %8s %8s %9s\n", "", "wall s", "CPU s", "peak MB"
  printf "%-26s %8.2f %8.2f %9.0f\n", "wc -l", wc, wcc, 0
  printf "%-26s %8.2f %8.2f %9.0f\n", "reflect score (release)", r, rc, rk / 1024
  printf "%-26s %8.2f %8.2f %9.0f\n", "pandas peer", p, pc, pk / 1024
  printf "reflect is %.1fx faster than the peer in CPU time (%.1fx in wall time), with %.2f of its peak memory\n", pc / rc, p / r, rk / pk
  printf "reflect takes %.1fx the CPU time of wc -l (%.0f MB/s)\n", rc / (wcc > 0 ? wcc : 0.01), size / rc
}'
