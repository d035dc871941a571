#!/usr/bin/env bash
# Renders the HTML reports of a simulated cohort to PNG (and the profile to an A4 PDF)
# with headless Chromium, for a look by eye. Not part of CI: CI needs no browser.
#
#   Scripts/render-report.sh [OUT_DIR]        # default: ./report-preview
#
# Simulates 400 people on `transparency` (pre and post, seed 12) into a temporary store,
# gives them a roster (mentees, mentors and four coaches, too few to be shown), picks a
# person who improved reliably on two scales and declined on one, and writes:
#   OUT_DIR/profile.html, profile.png, profile.pdf   that person's growth profile
#   OUT_DIR/cohort.html,  cohort.png                 the cohort report, by role
# Chromium is looked up as $CHROMIUM, chromium, chromium-browser, google-chrome,
# google-chrome-stable.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-report-preview}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

browser="${CHROMIUM:-}"
if [ -z "$browser" ]; then
  for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$candidate" >/dev/null 2>&1; then browser="$candidate"; break; fi
  done
fi
if [ -z "$browser" ]; then
  echo "render-report: no Chromium found (tried chromium, chromium-browser, google-chrome," >&2
  echo "google-chrome-stable); install one (Debian: apt-get install chromium) or set CHROMIUM." >&2
  exit 1
fi

swift build >&2
bin="$(swift build --show-bin-path)/reflect"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export REFLECT_INSTRUMENTS="$PWD/instruments"
export REFLECT_STORE="$work/demo.sqlite"

"$bin" simulate --instrument transparency --respondents 400 --effect 0.6 --seed 12 >&2
{
  echo "id,role"
  for i in $(seq 1 400); do
    id=$(printf 'p%03d' "$i")
    if [ "$i" -le 4 ]; then role=coach; elif [ "$i" -le 100 ]; then role=mentor; else role=mentee; fi
    echo "$id,$role"
  done
} > "$work/roster.csv"
"$bin" roster import "$work/roster.csv" >&2

# Someone who improved on two scales and declined on one (composites left aside).
"$bin" export --instrument transparency --what growth --out "$work/export" >/dev/null
# Columns are found by name: a roster adds its attributes to the file.
person=$(tr -d '\r' < "$work/export/transparency-growth.csv" | awk -F, '
  NR == 1 { for (i = 1; i <= NF; i++) column[$i] = i; next }
  $column["scale"] != "transparency-overall" {
    id = $column["respondent"]; class = $column["classification"]; seen[id] = 1
    if (class == "improved") up[id]++
    if (class == "declined") down[id]++
  }
  END { for (id in seen) if (up[id] >= 2 && down[id] >= 1) print id }' | sort | head -1)
person="${person:-p001}"
echo "render-report: profile of $person" >&2

"$bin" profile "$person" --instrument transparency --format html -o "$out/profile.html"
"$bin" compare --instrument transparency --from pre --to post --by role \
  --format html -o "$out/cohort.html"

flags=(--headless --disable-gpu --hide-scrollbars --no-first-run --no-default-browser-check)
# Chromium's sandbox refuses to run as root (containers, CI images).
[ "$(id -u)" -eq 0 ] && flags+=(--no-sandbox)
render() { # html png height
  "$browser" "${flags[@]}" --window-size="900,$3" --screenshot="$2" "file://$1" >/dev/null 2>&1
  echo "$2"
}
render "$out/profile.html" "$out/profile.png" 2600
render "$out/cohort.html" "$out/cohort.png" 6000
"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/profile.pdf" \
  "file://$out/profile.html" >/dev/null 2>&1
echo "$out/profile.pdf"
