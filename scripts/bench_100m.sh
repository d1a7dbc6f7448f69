#!/usr/bin/env bash
# Measures `uplift summarise` on a 100 M-row log against the 10 M-row one (issue: speed,
# "memory grows with customers, not rows"). A 100 M-row log is 4.55 GB: over the 1 GiB
# `check` and `build` read whole, so `summarise` reads it in parts by customer id, each at
# most a third of `--memory-limit` (default 1024 MiB):
#
#   cargo build --release && bash scripts/bench_100m.sh
#
# The log is the 10 M-row log of scripts/bench_data.sh (run that first) ten times over,
# each copy's customer ids suffixed `-0` … `-9`, written to BENCH_100M_DIR (default
# /tmp/uplift-bench-100m; 4.6 GB, not kept in the repository). Its summary must be the
# 10 M-row one ten times over, which the script checks. Prints wall time and peak memory
# (GNU time) of one run each; the parts need about 1.9 GB in $TMPDIR.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${UPLIFT_BIN:-target/release/uplift}
small=target/bench-data/project
[ -f "$small/data/transactions.csv" ] || { echo "bench_100m: run scripts/bench_data.sh first" >&2; exit 1; }
big=${BENCH_100M_DIR:-/tmp/uplift-bench-100m}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -f "$big/data/transactions.csv" ] || [ "$small/data/transactions.csv" -nt "$big/data/transactions.csv" ]; then
  echo "bench_100m: writing the 100 M-row log to $big ..." >&2
  rm -rf "$big"
  mkdir -p "$big"
  cp -r "$small"/. "$big"/
  rm -rf "$big/build"
  log=$small/data/transactions.csv
  {
    head -1 "$log"
    for k in 0 1 2 3 4 5 6 7 8 9; do
      tail -n +2 "$log" | sed "s/^\([^,]*\),/\1-$k,/"
    done
  } > "$big/data/transactions.csv"
fi

run() {
  /usr/bin/time -o "$work/time" -f "%e %M" "$bin" summarise "$1" --no-cache -o "$2" 2>"$work/stderr" \
    || { cat "$work/stderr" >&2; return 1; }
  read -r wall kib < "$work/time"
  echo "$wall s, $(( (kib + 1023) / 1024 )) MiB"
}
small_run=$(run "$small" "$work/10m.csv")
big_run=$(run "$big" "$work/100m.csv")
echo "| log | rows | uplift \`summarise --no-cache\` |"
echo "|---|---|---|"
echo "| 10 M rows | $(( $(wc -l < "$small/data/transactions.csv") - 1 )) | $small_run |"
echo "| 100 M rows | $(( $(wc -l < "$big/data/transactions.csv") - 1 )) | $big_run |"
# Each customer of the 10 M-row summary ten times, once per suffix, with the same figures.
stripped=$(sed 's/^\([^,]*\)-[0-9],/\1,/' "$work/100m.csv" | tail -n +2 | uniq -c | awk '$1 != 10' | wc -l)
if [ "$stripped" -eq 0 ] && sed 's/^\([^,]*\)-[0-9],/\1,/' "$work/100m.csv" | uniq | cmp -s - "$work/10m.csv"; then
  echo "The 100 M-row summary is the 10 M-row one ten times over."
else
  echo "bench_100m: the 100 M-row summary is not the 10 M-row one ten times over" >&2
  exit 1
fi
