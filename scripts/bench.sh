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

# Each command twice: with every result computed (`--no-cache`, as the first run after a
# change), and on an unchanged project whose slow results `build/.cache` holds (the cache is
# filled by one run first). The example is a copy, so the repository's own is left alone,
# and the cache's signing key is this run's own.
export XDG_CACHE_HOME="$work/key"
cp -r example-project "$work/example"
rm -rf "$work/example/build"
# "computed ms | recalled ms | peak MiB" of one command.
both() {
  local runs=$1; shift
  local cold warm
  cold=$(measure "$runs" "$@" --no-cache)
  "$@" >/dev/null 2>&1
  warm=$(measure "$runs" "$@")
  local cold_peak=${cold#*| } warm_peak=${warm#*| }
  local peak=$(( ${cold_peak% MiB} > ${warm_peak% MiB} ? ${cold_peak% MiB} : ${warm_peak% MiB} ))
  echo "${cold% |*} | ${warm% |*} | $peak MiB"
}

echo "| command | project | every result computed (\`--no-cache\`) | unchanged (\`build/.cache\`) | peak memory |"
echo "|---|---|---|---|---|"
for cmd in check metrics build; do
  args=("$work/example"); [ "$cmd" = build ] && args+=(-o "$work/example.html")
  echo "| \`uplift $cmd\` | example-project | $(both 21 "$bin" "$cmd" "${args[@]}") |"
done
for lang in da nb sv; do
  echo "| \`uplift build --language $lang\` | example-project | $(both 21 "$bin" build "$work/example" --language "$lang" -o "$work/$lang.html") |"
done
for cmd in check metrics build; do
  args=("$work/large"); [ "$cmd" = build ] && args+=(-o "$work/large.html")
  echo "| \`uplift $cmd\` | 1,000 segments, 10,000 touchpoints, 1,000 jobs, 500 notes, 7,500 draws | $(both 5 "$bin" "$cmd" "${args[@]}") |"
done
echo
echo "Example report: $(( ($(wc -c < "$work/example.html") + 1023) / 1024 )) KiB; large report: $(( ($(wc -c < "$work/large.html") + 1023) / 1024 )) KiB."
