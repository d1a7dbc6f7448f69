#!/usr/bin/env bash
# Measures uplift on the example project and on a large generated project:
# wall time (median of several runs) and peak memory (max RSS), release build.
# Usage: scripts/bench.sh            (prints a Markdown table for the README)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/uplift
large=$(mktemp -d)
trap 'rm -rf "$large"' EXIT
python3 scripts/generate_project.py "$large" --segments 2000 --touchpoints 20000 --jobs 1000 --workshops 500

# median wall seconds and max RSS (MiB) of RUNS runs of a command
measure() {
  local runs=$1; shift
  local times=() peak=0
  for _ in $(seq "$runs"); do
    local out
    out=$( { /usr/bin/time -f "%e %M" "$@" >/dev/null 2>/dev/null; } 2>&1 | tail -n 1)
    times+=("${out% *}")
    local rss=${out#* }
    (( rss > peak )) && peak=$rss
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%s s | %.0f MiB' "$median" "$(echo "$peak / 1024" | bc -l)"
}

echo "| command | project | median wall | peak memory |"
echo "|---|---|---|---|"
for cmd in check metrics; do
  echo "| \`uplift $cmd\` | example-project | $(measure 21 $bin $cmd example-project) |"
done
for cmd in check metrics; do
  echo "| \`uplift $cmd\` | 2,000 segments, 20,000 touchpoints, 1,000 jobs, 500 notes | $(measure 5 $bin $cmd "$large") |"
done
