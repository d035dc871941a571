#!/usr/bin/env bash
# Times CSVReader on a generated ~250 MB long CSV against `wc -l` and pandas.read_csv on the
# same file. Runs are interleaved and the fastest of each is kept (CPU time from
# `perf stat` when available, else wall time), since a shared machine's noise only ever
# adds time. Usage: Benchmarks/csv/run.sh [RUNS] [SIZE_BYTES]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-9}"
size="${2:-250000000}"
data="Benchmarks/data"
mkdir -p "$data"
csv="$data/long-$size.csv"
[ -f "$csv" ] || python3 Benchmarks/csv/generate.py "$csv" "$size"

swift build -c release --target ReflectFormats >/dev/null
release="$(swift build -c release --show-bin-path)"
bench="$data/read-long"
swiftc -O -wmo -I "$release/Modules" Benchmarks/csv/ReadLong.swift \
  "$release"/ReflectFormats.build/*.o "$release"/ReflectCore.build/*.o -o "$bench"

# Prints the milliseconds one run of "$@" took: task-clock if perf works here.
measure() {
  if perf stat -x, -e task-clock true >/dev/null 2>&1; then
    perf stat -x, -e task-clock "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ {print $1}'
  else
    local start end
    start=$(date +%s%N); "$@" >/dev/null; end=$(date +%s%N)
    echo $(((end - start) / 1000000))
  fi
}

"$bench" "$csv"
best_wc=; best_reader=
for _ in $(seq "$runs"); do
  t=$(measure wc -l "$csv"); best_wc=$(python3 -c "print(min(x for x in [$t, ${best_wc:-$t}]))")
  t=$(measure "$bench" "$csv"); best_reader=$(python3 -c "print(min(x for x in [$t, ${best_reader:-$t}]))")
done
pandas_ms=$(python3 -c "
import time, pandas
start = time.process_time(); pandas.read_csv('$csv'); print((time.process_time() - start) * 1000)
" 2>/dev/null || echo "")

python3 - "$csv" "$best_wc" "$best_reader" "$pandas_ms" <<'PY'
import os, sys
path, wc, reader, pandas = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
mb = os.path.getsize(path) / 1e6
print(f"file    {mb:.0f} MB")
print(f"wc -l   {wc:8.1f} ms  {mb / wc * 1e3:6.0f} MB/s")
print(f"reader  {reader:8.1f} ms  {mb / reader * 1e3:6.0f} MB/s  {reader / wc:.2f}x wc -l")
if pandas:
    print(f"pandas  {float(pandas):8.1f} ms  {mb / float(pandas) * 1e3:6.0f} MB/s  reader is {float(pandas) / reader:.1f}x faster")
PY
