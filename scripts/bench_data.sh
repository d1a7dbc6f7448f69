#!/usr/bin/env bash
# Release benchmark of uplift's transaction-data path, against the tools a user would pick
# instead: DuckDB and Polars for the per-customer summary, pandas + lifetimes for it and the
# model fits.
#
#   bash scripts/bench_data.sh        (from the repo root; prints Markdown tables for the README)
#
# 1. Once, cached under target/bench-data/ (regenerated when the generator or its
#    arguments change): a 10,000,000-row and a 2,000,000-row log of the five example
#    segments (scripts/generate_transactions.py --preset bench), the 2,000,000-row log
#    again with each id replaced by a UUID of 36 characters derived from it (as a CRM
#    keyed by UUIDs exports it), and the reference summary of a 1,000,000-customer log. The project folders around the logs (example-project/
#    with a `data:` section) are refreshed on every run.
# 2. Per log: `uplift summarise --no-cache`, DuckDB running our own
#    scripts/warehouse_summary.sql on DuckDB's CSV reader, and a Polars lazy query of the
#    same summary (scripts/bench_peers.py), each the median of 3 runs; each peer's output
#    is checked to be uplift's summary (bench_peers.py compare).
# 3. `uplift fit` on the 1M-customer summary (BG/NBD + Gamma-Gamma, then Pareto/NBD,
#    then MBG/NBD, each alone with `--models`): wall clock median of 3 runs, peak RSS (GNU
#    time) the largest.
# 4. The same steps once with pandas read_csv + lifetimes
#    summary_data_from_transaction_data, BetaGeoFitter + GammaGammaFitter, ParetoNBDFitter
#    and ModifiedBetaGeoFitter per segment (slow: the Pareto/NBD takes many minutes).
# 5. Prints `cat log > /dev/null` for scale.
#
# Environment: UPLIFT_BIN (default: target/release/uplift, built with cargo first),
# BENCH_VENV (default: target/bench-data/venv, created from scripts/requirements-bench.txt
# when missing), BENCH_ROWS (default 10000000), BENCH_CUSTOMERS (default 1000000),
# BENCH_SMALL_ROWS (default 2000000), BENCH_RUNS (default 3), BENCH_SKIP_LIFETIMES=1 to
# leave out step 4.
set -euo pipefail
cd "$(dirname "$0")/.."

data=target/bench-data
rows=${BENCH_ROWS:-10000000}
small_rows=${BENCH_SMALL_ROWS:-2000000}
customers=${BENCH_CUSTOMERS:-1000000}
runs=${BENCH_RUNS:-3}
venv=${BENCH_VENV:-$data/venv}
seed=20261031
mkdir -p "$data"

if [ -z "${UPLIFT_BIN:-}" ]; then
  cargo build --release --quiet
  bin=target/release/uplift
else
  bin=$UPLIFT_BIN
fi
[ -x "$bin" ] || { echo "bench_data: no uplift binary at $bin" >&2; exit 1; }

if [ ! -x "$venv/bin/python" ]; then
  echo "bench_data: creating $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet -r scripts/requirements-bench.txt
fi
py=$venv/bin/python

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ---------------------------------------------------------------- data (cached)
project=$data/project
log=$project/data/transactions.csv
small=$data/project-small
small_log=$small/data/transactions.csv
uuids=$data/project-uuid
uuid_log=$uuids/data/transactions.csv
summary_1m=$data/summary-${customers}.csv
gen_args=(--preset bench --seed "$seed" --start 2023-11-01 --end 2026-10-31)
# The UUID of an id: the first 16 bytes of its SHA-256, as version-4 UUIDs look.
uuid_of_ids='
import hashlib, sys, uuid
out = open(sys.argv[2], "w")
with open(sys.argv[1]) as log:
    out.write(next(log))
    for line in log:
        customer, rest = line.split(",", 1)
        digest = bytearray(hashlib.sha256(customer.encode()).digest()[:16])
        digest[6] = digest[6] & 0x0F | 0x40
        digest[8] = digest[8] & 0x3F | 0x80
        out.write(f"{uuid.UUID(bytes=bytes(digest))},{rest}")
'
stamp="$(sha256sum scripts/generate_transactions.py | cut -d' ' -f1) ${gen_args[*]} rows=$rows small=$small_rows customers=$customers uuids=1"
if [ ! -f "$data/stamp" ] || [ "$(cat "$data/stamp")" != "$stamp" ] || [ ! -f "$log" ] || [ ! -f "$small_log" ] || [ ! -f "$uuid_log" ] || [ ! -f "$summary_1m" ]; then
  echo "bench_data: generating the data (once; cached in $data)" >&2
  rm -rf "$project/data" "$small/data" "$uuids/data" "$data/stamp"
  mkdir -p "$project/data" "$small/data" "$uuids/data"
  "$py" scripts/generate_transactions.py "${gen_args[@]}" --rows "$rows" --out "$log" \
    --summary "$data/reference-summary.csv"
  "$py" scripts/generate_transactions.py "${gen_args[@]}" --rows "$small_rows" --seed $((seed + 2)) --out "$small_log"
  "$py" scripts/generate_transactions.py "${gen_args[@]}" --customers "$customers" --seed $((seed + 1)) \
    --out /dev/null --summary "$summary_1m"
  "$py" -c "$uuid_of_ids" "$small_log" "$uuid_log"
  echo "$stamp" > "$data/stamp"
fi

# The project around the log, refreshed from example-project/ on every run (cheap): the
# example without its build output and data, with our data section instead of its own, and
# a typed gross margin, as the generated log has no margin column.
for folder in "$project" "$small" "$uuids"; do
  for f in example-project/*; do
    case "$(basename "$f")" in build|data) ;; *) rm -rf "$folder/$(basename "$f")"; cp -r "$f" "$folder/" ;; esac
  done
  # Drop the example's `data:` block (up to the next top-level key).
  awk '/^data:/ {skip=1; next} skip && /^[^[:space:]#]/ {skip=0} !skip' \
    example-project/project.yaml > "$folder/project.yaml"
  cat >> "$folder/project.yaml" <<'YAML'

data:
  transactions: data/transactions.csv
  columns: {customer: customer_id, date: date, amount: amount, segment: segment}
  delimiter: ","
  decimal: "."
  date_format: "%Y-%m-%d"
  encoding: utf-8
  observation_end: 2026-10-31
  on_bad_rows: fail
YAML
  sed -i 's/gross_margin: from_data/gross_margin: 0.30/' "$folder/segments.yaml"
done
log_rows=$(( $(wc -l < "$log") - 1 ))
log_mb=$(( $(stat -c %s "$log") / 1000000 ))
small_rows_read=$(( $(wc -l < "$small_log") - 1 ))
small_mb=$(( $(stat -c %s "$small_log") / 1000000 ))
uuid_mb=$(( $(stat -c %s "$uuid_log") / 1000000 ))
fit_customers=$(( $(wc -l < "$summary_1m") - 1 ))

# ---------------------------------------------------------------- timing helpers
# measure RUNS CMD...: sets m_wall (median seconds) and m_mib (largest max RSS, MiB);
# the last run's stderr is kept in $work/stderr.
measure() {
  local n=$1; shift
  local times=() peak=0 start end kib
  for _ in $(seq "$n"); do
    start=$(date +%s%N)
    /usr/bin/time -o "$work/time" -f "%M" "$@" > /dev/null 2> "$work/stderr" || {
      echo "bench_data: failed: $*" >&2; cat "$work/stderr" >&2; exit 1; }
    end=$(date +%s%N)
    kib=$(tail -n 1 "$work/time")
    times+=("$(( (end - start) / 1000000 ))")
    (( kib > peak )) && peak=$kib
  done
  m_wall=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]/1000}')
  m_mib=$(( (peak + 1023) / 1024 ))
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else print "–" }'; }

# ---------------------------------------------------------------- uplift, DuckDB and Polars
# peer NAME LOG UPLIFT_SUMMARY: times the peer NAME on LOG (sets m_wall, m_mib) and sets
# p_check to whether its summary is uplift's.
peer() {
  measure "$runs" "$py" scripts/bench_peers.py "$1" "$2" "$work/$1.csv" --end 2026-10-31
  if "$py" scripts/bench_peers.py compare "$3" "$work/$1.csv" 2> "$work/compare"; then
    p_check="same summary"
  else
    p_check="DIFFERS: $(cat "$work/compare")"
  fi
}
# side_by_side NAME PROJECT LOG: uplift, DuckDB, Polars and `cat` on one log; sets NAME_wall,
# NAME_mib, NAME_duck_wall, NAME_duck_mib, NAME_duck_check, the same for _pol, and
# NAME_cat_wall; uplift's summary is left in $work/NAME-summary.csv.
side_by_side() {
  local name=$1 folder=$2 file=$3
  measure "$runs" "$bin" summarise "$folder" --no-cache --output "$work/$name-summary.csv"
  declare -g "${name}_wall=$m_wall" "${name}_mib=$m_mib"
  peer duckdb "$file" "$work/$name-summary.csv"
  declare -g "${name}_duck_wall=$m_wall" "${name}_duck_mib=$m_mib" "${name}_duck_check=$p_check"
  peer polars "$file" "$work/$name-summary.csv"
  declare -g "${name}_pol_wall=$m_wall" "${name}_pol_mib=$m_mib" "${name}_pol_check=$p_check"
  measure "$runs" cat "$file"
  declare -g "${name}_cat_wall=$m_wall"
}
side_by_side large "$project" "$log"
# The reference has the first eight columns; uplift adds the loyalty path's.
if cut -d, -f1-8 "$work/large-summary.csv" | cmp -s - "$data/reference-summary.csv"; then
  sum_check="its first eight columns byte-identical to the generator's reference summary"
else
  # The generator rounds each average, a binary float, to six decimals; uplift rounds the
  # exact decimal average, so where that falls on a half they may differ in the last digit.
  sum_check="$(cut -d, -f1-8 "$work/large-summary.csv" | "$py" -c '
import csv, sys
ours = list(csv.reader(sys.stdin))
theirs = list(csv.reader(open(sys.argv[1])))
assert len(ours) == len(theirs), f"{len(ours)} rows against {len(theirs)}"
last_digit = 0
for a, b in zip(ours, theirs):
    if a == b:
        continue
    same_but_money = a[:5] + a[6:] == b[:5] + b[6:]
    assert same_but_money and abs(float(a[5]) - float(b[5])) < 1.5e-6, f"{a} against {b}"
    last_digit += 1
print(f"its first eight columns equal to the generator reference summary but for {last_digit} averages one apart in the sixth decimal (the reference rounds a binary float, uplift the exact decimal)")
' "$data/reference-summary.csv" 2>&1 | tail -n 1)"
fi
side_by_side small "$small" "$small_log"
side_by_side uuid "$uuids" "$uuid_log"

measure "$runs" "$bin" fit "$summary_1m" --models bg_nbd,gamma_gamma --timings
fit_wall=$m_wall; fit_mib=$m_mib
cp "$work/stderr" "$work/fit-timings.txt"
measure "$runs" "$bin" fit "$summary_1m" --models pareto_nbd
pnbd_wall=$m_wall; pnbd_mib=$m_mib
measure "$runs" "$bin" fit "$summary_1m" --models mbg_nbd
mbg_wall=$m_wall; mbg_mib=$m_mib

# ---------------------------------------------------------------- pandas + lifetimes (once)
if [ "${BENCH_SKIP_LIFETIMES:-0}" != 1 ]; then
  cat > "$work/lt_summary.py" <<'PY'
import sys, warnings
import pandas as pd
from lifetimes.utils import summary_data_from_transaction_data
warnings.simplefilter("ignore")
log = pd.read_csv(sys.argv[1], dtype={"customer_id": str, "segment": "category"})
s = summary_data_from_transaction_data(log, "customer_id", "date", monetary_value_col="amount",
                                       observation_period_end="2026-10-31", freq="D")
print(len(s))
PY
  cat > "$work/lt_fit.py" <<'PY'
import sys, warnings
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
warnings.simplefilter("ignore")
s = pd.read_csv(sys.argv[1], dtype={"customer": str})
for seg, d in s.groupby("segment"):
    BetaGeoFitter().fit(d["frequency"], d["recency"], d["T"])
    r = d[d["frequency"] > 0]
    GammaGammaFitter().fit(r["frequency"], r["monetary_value"])
PY
  cat > "$work/lt_model.py" <<'PY'
import sys, warnings
import pandas as pd
from lifetimes import ModifiedBetaGeoFitter, ParetoNBDFitter
warnings.simplefilter("ignore")
fitter = {"pareto_nbd": ParetoNBDFitter, "mbg_nbd": ModifiedBetaGeoFitter}[sys.argv[2]]
s = pd.read_csv(sys.argv[1], dtype={"customer": str})
for seg, d in s.groupby("segment"):
    fitter().fit(d["frequency"], d["recency"], d["T"])
PY
  echo "bench_data: pandas + lifetimes summary of $log_rows rows (slow) ..." >&2
  measure 1 "$py" "$work/lt_summary.py" "$log"
  lts_wall=$m_wall; lts_mib=$m_mib
  measure 1 "$py" "$work/lt_summary.py" "$small_log"
  slts_wall=$m_wall; slts_mib=$m_mib
  echo "bench_data: lifetimes fits on $fit_customers customers ..." >&2
  measure 1 "$py" "$work/lt_fit.py" "$summary_1m"
  ltf_wall=$m_wall; ltf_mib=$m_mib
  echo "bench_data: lifetimes Pareto/NBD and MBG/NBD fits (slow: the Pareto/NBD takes minutes) ..." >&2
  measure 1 "$py" "$work/lt_model.py" "$summary_1m" pareto_nbd
  ltp_wall=$m_wall; ltp_mib=$m_mib
  measure 1 "$py" "$work/lt_model.py" "$summary_1m" mbg_nbd
  ltm_wall=$m_wall; ltm_mib=$m_mib
fi

# ---------------------------------------------------------------- tables
lt_cell() { if [ "${BENCH_SKIP_LIFETIMES:-0}" != 1 ]; then echo "$1 s, $2 MiB | $(ratio "$1" "$3")"; else echo "– | –"; fi; }
echo
echo "| per-customer summary | uplift \`summarise\` | DuckDB, our warehouse_summary.sql | DuckDB / uplift | Polars lazy query | Polars / uplift | pandas + lifetimes (1 run) | lifetimes / uplift | \`cat\` |"
echo "|---|---|---|---|---|---|---|---|---|"
echo "| $small_rows_read rows, $small_mb MB | $small_wall s, $small_mib MiB | $small_duck_wall s, $small_duck_mib MiB | $(ratio "$small_duck_wall" "$small_wall") | $small_pol_wall s, $small_pol_mib MiB | $(ratio "$small_pol_wall" "$small_wall") | $(lt_cell "${slts_wall:-}" "${slts_mib:-}" "$small_wall") | $small_cat_wall s |"
echo "| $small_rows_read rows, $uuid_mb MB, UUIDs for ids | $uuid_wall s, $uuid_mib MiB | $uuid_duck_wall s, $uuid_duck_mib MiB | $(ratio "$uuid_duck_wall" "$uuid_wall") | $uuid_pol_wall s, $uuid_pol_mib MiB | $(ratio "$uuid_pol_wall" "$uuid_wall") | – | – | $uuid_cat_wall s |"
echo "| $log_rows rows, $log_mb MB | $large_wall s, $large_mib MiB | $large_duck_wall s, $large_duck_mib MiB | $(ratio "$large_duck_wall" "$large_wall") | $large_pol_wall s, $large_pol_mib MiB | $(ratio "$large_pol_wall" "$large_wall") | $(lt_cell "${lts_wall:-}" "${lts_mib:-}" "$large_wall") | $large_cat_wall s |"
echo
echo "Peers' summaries against uplift's: DuckDB $small_duck_check ($small_rows_read rows), $uuid_duck_check (UUIDs), $large_duck_check ($log_rows rows); Polars $small_pol_check, $uuid_pol_check, $large_pol_check."
echo
echo "| step | input | uplift (median of $runs) | pandas + lifetimes (1 run) | lifetimes / uplift |"
echo "|---|---|---|---|---|"
if [ "${BENCH_SKIP_LIFETIMES:-0}" != 1 ]; then
  echo "| per-customer summary (\`uplift summarise\`) | $log_rows rows, $log_mb MB CSV | $large_wall s, $large_mib MiB | $lts_wall s, $lts_mib MiB | $(ratio "$lts_wall" "$large_wall") |"
  echo "| BG/NBD + Gamma-Gamma fits, 5 segments (\`uplift fit --models bg_nbd,gamma_gamma\`) | $fit_customers customers | $fit_wall s, $fit_mib MiB | $ltf_wall s, $ltf_mib MiB | $(ratio "$ltf_wall" "$fit_wall") |"
  echo "| Pareto/NBD fits, 5 segments (\`--models pareto_nbd\`) | $fit_customers customers | $pnbd_wall s, $pnbd_mib MiB | $ltp_wall s, $ltp_mib MiB | $(ratio "$ltp_wall" "$pnbd_wall") |"
  echo "| MBG/NBD fits, 5 segments (\`--models mbg_nbd\`) | $fit_customers customers | $mbg_wall s, $mbg_mib MiB | $ltm_wall s, $ltm_mib MiB | $(ratio "$ltm_wall" "$mbg_wall") |"
else
  echo "| per-customer summary (\`uplift summarise\`) | $log_rows rows, $log_mb MB CSV | $large_wall s, $large_mib MiB | – | – |"
  echo "| BG/NBD + Gamma-Gamma fits, 5 segments (\`uplift fit --models bg_nbd,gamma_gamma\`) | $fit_customers customers | $fit_wall s, $fit_mib MiB | – | – |"
  echo "| Pareto/NBD fits, 5 segments (\`--models pareto_nbd\`) | $fit_customers customers | $pnbd_wall s, $pnbd_mib MiB | – | – |"
  echo "| MBG/NBD fits, 5 segments (\`--models mbg_nbd\`) | $fit_customers customers | $mbg_wall s, $mbg_mib MiB | – | – |"
fi
echo "| \`cat log > /dev/null\` (for scale) | $log_mb MB | $large_cat_wall s | | |"
echo
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; summary check: $sum_check."
echo "uplift fit --timings (last run):"
sed 's/^/    /' "$work/fit-timings.txt"
