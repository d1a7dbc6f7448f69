#!/usr/bin/env python3
"""The per-customer summary of a transaction log, as a DuckDB or a Polars user computes it,
for scripts/bench_data.sh to time beside `uplift summarise`; and the check that what they
computed is uplift's summary.

    bench_peers.py duckdb LOG OUT --end YYYY-MM-DD   (our own scripts/warehouse_summary.sql)
    bench_peers.py polars LOG OUT --end YYYY-MM-DD   (a lazy query, streamed)
    bench_peers.py compare UPLIFT.csv PEER.csv       (exit 1 when they differ)

LOG is the generated log of scripts/generate_transactions.py: `customer_id,date,amount,
segment` with ISO dates and a decimal point. Both peers read the CSV with their own readers,
use every core, and write the 13 columns of uplift's summary (docs/warehouse.md), sorted by
customer id. The definitions are those of warehouse_summary.sql's header.
"""

import argparse
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

COLUMNS = ["customer", "segment", "frequency", "recency", "T", "monetary_value", "first_purchase",
           "last_purchase", "longest_gap", "days_to_purchase_2", "days_to_purchase_4",
           "days_to_purchase_8", "revenue_in_365_days"]
WINDOW = 365
STAGES = (2, 4, 8)


def duckdb_summary(log: str, out: str, end: str) -> None:
    import duckdb
    import warehouse_sql
    con = duckdb.connect()
    quoted = log.replace("'", "''")
    con.execute(f"""
        CREATE VIEW transactions AS
        SELECT customer_id, segment, "date" AS purchase_date, amount
        FROM read_csv('{quoted}', header = true, columns = {{
            'customer_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DECIMAL(18, 2)', 'segment': 'VARCHAR'}})
    """)
    sql = warehouse_sql.query("duckdb", end=end).strip().rstrip(";")
    target = out.replace("'", "''")
    con.execute(f"COPY ({sql}) TO '{target}' (HEADER, DELIMITER ',')")
    con.close()


def polars_summary(log: str, out: str, end: str) -> None:
    import polars as pl
    last = datetime.date.fromisoformat(end)
    rows = pl.scan_csv(log, schema={"customer_id": pl.String, "date": pl.Date, "amount": pl.Float64,
                                    "segment": pl.String}).filter(pl.col("date") <= last)
    days = rows.group_by("customer_id", "date").agg(pl.col("amount").sum().alias("day_total"))
    purchase_days = days.filter(pl.col("day_total") >= 0).sort("customer_id", "date")
    n = pl.len()

    def days_to(k: int):
        nth = pl.col("date").slice(k - 1, 1).first()
        gap = (nth - pl.col("date").first()).dt.total_days()
        return pl.when(gap < WINDOW).then(gap).alias(f"days_to_purchase_{k}")

    per = purchase_days.group_by("customer_id").agg(
        pl.col("date").first().alias("first_purchase"),
        pl.col("date").last().alias("last_purchase"),
        n.alias("n_days"),
        pl.col("date").diff().dt.total_days().max().fill_null(0).alias("longest_gap"),
        *(days_to(k) for k in STAGES),
    )
    since_first = (pl.col("date") - pl.col("first_purchase")).dt.total_days()
    totals = days.join(per.select("customer_id", "first_purchase"), on="customer_id").group_by("customer_id").agg(
        pl.col("day_total").filter(since_first > 0).sum().alias("later_total"),
        pl.col("day_total").filter((since_first >= 0) & (since_first < WINDOW)).sum().alias("revenue_in_365_days"),
    )
    segments = rows.group_by("customer_id").agg(pl.col("segment").min())
    summary = (
        per.join(totals, on="customer_id").join(segments, on="customer_id")
        .select(
            pl.col("customer_id").alias("customer"),
            "segment",
            (pl.col("n_days") - 1).alias("frequency"),
            (pl.col("last_purchase") - pl.col("first_purchase")).dt.total_days().alias("recency"),
            (pl.lit(last) - pl.col("first_purchase")).dt.total_days().alias("T"),
            pl.when(pl.col("n_days") > 1).then(pl.col("later_total") / (pl.col("n_days") - 1))
            .otherwise(0.0).round(6).alias("monetary_value"),
            "first_purchase", "last_purchase", "longest_gap",
            *(f"days_to_purchase_{k}" for k in STAGES),
            pl.col("revenue_in_365_days").round(6),
        )
        .sort("customer")
    )
    summary.sink_csv(out)


def compare(uplift_csv: str, peer_csv: str) -> int:
    """0 when the peer's summary is uplift's: the same customers in the same order, every
    count and date equal, every amount within a hundredth of a cent (a peer summing in
    floating point may differ in the last digit)."""
    import polars as pl
    types = {c: pl.String for c in ("customer", "segment", "first_purchase", "last_purchase")}
    a = pl.read_csv(uplift_csv, schema_overrides=types, columns=COLUMNS)
    b = pl.read_csv(peer_csv, schema_overrides=types, columns=COLUMNS)
    if a.height != b.height:
        print(f"{peer_csv}: {b.height} customers, uplift {a.height}", file=sys.stderr)
        return 1
    for column in COLUMNS:
        x, y = a[column], b[column]
        if column in ("monetary_value", "revenue_in_365_days"):
            bad = ((x.cast(pl.Float64) - y.cast(pl.Float64)).abs() > 1e-4).sum()
        else:
            bad = (x.cast(pl.String).fill_null("") != y.cast(pl.String).fill_null("")).sum()
        if bad:
            print(f"{peer_csv}: column {column} differs from uplift's in {bad} rows", file=sys.stderr)
            return 1
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=("duckdb", "polars", "compare"))
    ap.add_argument("first")
    ap.add_argument("second")
    ap.add_argument("--end", help="the observation end (duckdb, polars)")
    args = ap.parse_args(argv)
    if args.what == "compare":
        return compare(args.first, args.second)
    if not args.end:
        ap.error("--end is needed")
    {"duckdb": duckdb_summary, "polars": polars_summary}[args.what](args.first, args.second, args.end)
    return 0


if __name__ == "__main__":
    sys.exit(main())
