#!/usr/bin/env bash
# Measures uplift on the example project and on a large generated project:
# wall time (median of several runs) and peak memory (largest max RSS), release build.
# Usage: scripts/bench.sh      (prints the Markdown table in the README)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/uplift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# 7,500 draws: 4,000 uncertain levers × 7,500 is the simulation budget of docs/security.md.
python3 scripts/generate_project.py "$work/large" --segments 1000 --touchpoints 10000 --jobs 1000 --workshops 500 --draws 7500

# "median ms | peak MiB" over RUNS runs of a command (wall clock from `date`, memory
# from GNU time's maximum resident set size).
measure() {
  local runs=$1; shift
  local times=() peak=0
  for _ in $(seq "$runs"); do
    local start end kib
    start=$(date +%s%N)
    if ! /usr/bin/time -o "$work/time" -f "%M" "$@" >/dev/null 2>"$work/stderr"; then
      echo "bench: \`$*\` failed:" >&2
      cat "$work/stderr" >&2
      exit 1
    fi
    end=$(date +%s%N)
    read -r kib < "$work/time"
    times+=("$(( (end - start) / 1000000 ))")
    (( kib > peak )) && peak=$kib
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$median ms | $(( (peak + 1023) / 1024 )) MiB"
}

echo "| command | project | median wall | peak memory |"
echo "|---|---|---|---|"
for cmd in check metrics build; do
  args=(example-project); [ "$cmd" = build ] && args+=(-o "$work/example.html")
  echo "| \`uplift $cmd\` | example-project | $(measure 21 "$bin" "$cmd" "${args[@]}") |"
done
for lang in da nb sv; do
  echo "| \`uplift build --language $lang\` | example-project | $(measure 21 "$bin" build example-project --language "$lang" -o "$work/$lang.html") |"
done
for cmd in check metrics build; do
  args=("$work/large"); [ "$cmd" = build ] && args+=(-o "$work/large.html")
  echo "| \`uplift $cmd\` | 1,000 segments, 10,000 touchpoints, 1,000 jobs, 500 notes, 7,500 draws | $(measure 5 "$bin" "$cmd" "${args[@]}") |"
done
echo
echo "Example report: $(( ($(wc -c < "$work/example.html") + 1023) / 1024 )) KiB; large report: $(( ($(wc -c < "$work/large.html") + 1023) / 1024 )) KiB."
