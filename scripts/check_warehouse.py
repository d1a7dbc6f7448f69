#!/usr/bin/env python3
"""Check uplift's customer summary against scripts/warehouse_summary.sql run on DuckDB.

Loads a transaction log (CSV) into DuckDB as transactions(customer_id, segment,
purchase_date, amount[, category]), runs the warehouse query with the observation end set
(and, with --category, its lines marked `--cat `), and compares its result with a summary
CSV written by `uplift summarise`, row for row: the same header, the same customers in the
same order, every field equal as printed (the loyalty path's days and revenue included),
except monetary_value, a quotient, within 1e-6 absolute (printed with 6 decimals).

Usage:
  python3 scripts/check_warehouse.py LOG.csv UPLIFT_SUMMARY.csv [--end YYYY-MM-DD]
      [--delimiter ,] [--decimal .] [--date-format %Y-%m-%d] [--encoding utf-8]
      [--columns customer_id,date,amount,segment] [--customers-file FILE] [--sql FILE]
      [--category COLUMN]

--end defaults to the last date in the log (uplift's default). --columns names the log's
customer, date, amount and segment columns in that order; with --customers-file the
segment comes from that file (columns: customer and segment, same names, delimiter and
encoding as the log) and the log needs no segment column.

Exit codes: 0 the summaries agree; 1 they differ (the first differences are printed);
2 bad arguments or unreadable input; 3 the duckdb Python package is missing
(pip install duckdb, see scripts/requirements-bench.txt).
"""

from __future__ import annotations

import argparse
import csv
import decimal
import math
import os
import re
import sys
import tempfile
from pathlib import Path

TOLERANCE = 1e-6
END_LITERAL = re.compile(r"DATE '\d{4}-\d{2}-\d{2}'(?= AS observation_end)")
MONEY = re.compile(r"-?\d+\.\d{6}")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("log")
    ap.add_argument("summary", help="the summary CSV written by `uplift summarise`")
    ap.add_argument("--end", default=None, help="observation end YYYY-MM-DD (default: last date in the log)")
    ap.add_argument("--delimiter", default=",", help="',', ';' or 'tab'")
    ap.add_argument("--decimal", default=".", choices=[".", ","])
    ap.add_argument("--date-format", default="%Y-%m-%d")
    ap.add_argument("--encoding", default="utf-8", help="utf-8 or cp1252/windows-1252")
    ap.add_argument("--columns", default="customer_id,date,amount,segment",
                    help="customer,date,amount,segment column names of the log")
    ap.add_argument("--customers-file", default=None)
    ap.add_argument("--category", default=None, help="the log's category column (runs the `--cat ` lines)")
    ap.add_argument("--sql", default=str(Path(__file__).with_name("warehouse_summary.sql")))
    ap.add_argument("--max-diffs", type=int, default=10, help="differences to print (default 10)")
    args = ap.parse_args(argv)
    args.delimiter = {"tab": "\t", "\\t": "\t"}.get(args.delimiter, args.delimiter)
    args.columns = [c.strip() for c in args.columns.split(",")]
    if len(args.columns) not in (3, 4):
        ap.error("--columns needs customer,date,amount[,segment]")
    if len(args.columns) == 3 and not args.customers_file:
        ap.error("--columns without a segment column needs --customers-file")
    return args


def utf8_copy(path: str, encoding: str, tmpdir: str) -> str:
    """Path of a UTF-8 version of `path` (transcoded in chunks unless already UTF-8)."""
    enc = encoding.lower().replace("_", "-")
    if enc in ("utf-8", "utf8"):
        return path
    enc = {"windows-1252": "cp1252"}.get(enc, enc)
    out = os.path.join(tmpdir, os.path.basename(path) + ".utf8")
    with open(path, encoding=enc, newline="") as src, open(out, "w", encoding="utf-8", newline="") as dst:
        while chunk := src.read(1 << 24):
            dst.write(chunk)
    return out


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def csv_source(path: str, args) -> str:
    """A DuckDB read_csv() call that reads every column as text."""
    return (f"read_csv({quote_str(path)}, delim={quote_str(args.delimiter)}, header=true, "
            f"all_varchar=true, quote='\"', escape='\"')")


def load(con, args, tmpdir: str) -> None:
    """Create the table transactions(customer_id, segment, purchase_date, amount)."""
    cust, date, amount = (quote_ident(c) for c in args.columns[:3])
    log = csv_source(utf8_copy(args.log, args.encoding, tmpdir), args)
    amount_text = f"trim(l.{amount})"
    if args.decimal == ",":
        amount_text = f"replace({amount_text}, ',', '.')"
    if args.customers_file:
        seg_col = args.columns[3] if len(args.columns) == 4 else "segment"
        cfile = csv_source(utf8_copy(args.customers_file, args.encoding, tmpdir), args)
        segment = "c.segment"
        join = (f"LEFT JOIN (SELECT {cust} AS customer_id, min({quote_ident(seg_col)}) AS segment "
                f"FROM {cfile} GROUP BY 1) c ON c.customer_id = l.{cust}")
    else:
        segment = f"l.{quote_ident(args.columns[3])}"
        join = ""
    con.execute(f"""
        CREATE TABLE transactions AS
        SELECT l.{cust} AS customer_id,
               {segment} AS segment,
               CAST(strptime(trim(l.{date}), {quote_str(args.date_format)}) AS DATE) AS purchase_date,
               CAST({amount_text} AS DECIMAL(38, 6)) AS amount,
               {f"trim(l.{quote_ident(args.category)})" if args.category else "NULL"} AS category
        FROM {log} l {join}
    """)


def read_uplift(path: str):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        raise ValueError(f"{path} is empty")
    return rows[0], rows[1:]


def printed(value) -> str:
    """A SQL value as uplift prints it: NULL empty, dates ISO, decimals with 6 places."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return f"{value:.6f}"
    return str(value)


def compare(sql_header, sql_rows, header, rows, max_diffs: int) -> list[str]:
    """Differences between the SQL result and uplift's rows (empty = agreement).

    Stops after `max_diffs` differences, and at the first row whose customer differs
    (after that every row would differ).
    """
    diffs: list[str] = []
    if header != sql_header:
        return [f"header: uplift has {','.join(header)!r}, SQL {','.join(sql_header)!r}"]
    if len(rows) != len(sql_rows):
        diffs.append(f"row count: uplift has {len(rows)} customers, SQL has {len(sql_rows)}")
    money = header.index("monetary_value")
    for line, (ours, theirs) in enumerate(zip(sql_rows, rows), start=2):
        if len(diffs) >= max_diffs:
            break
        if len(theirs) != len(header):
            diffs.append(f"line {line}: {len(theirs)} fields, expected {len(header)}: {theirs}")
            continue
        if theirs[0] != str(ours[0]):
            diffs.append(f"line {line}: customer {theirs[0]!r} in uplift, {str(ours[0])!r} in SQL "
                         "(different customers or order; stopping here)")
            break
        where = f"line {line} customer {ours[0]}"
        diffs += [f"{where}: {header[k]} uplift={theirs[k]!r} SQL={printed(v)!r}"
                  for k, v in enumerate(ours) if k != money and theirs[k] != printed(v)]
        if not MONEY.fullmatch(theirs[money]):
            diffs.append(f"{where}: monetary_value {theirs[money]!r} is not printed with 6 decimals")
        try:
            value = float(theirs[money])
        except ValueError:
            value = math.nan
        if not abs(value - float(ours[money])) <= TOLERANCE + 1e-9:  # NaN fails too
            diffs.append(f"{where}: monetary_value uplift={theirs[money]} SQL={ours[money]:.6f}")
    return diffs[:max_diffs]


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        import duckdb
    except ImportError:
        print("check_warehouse: the duckdb Python package is missing; install it with "
              "`python3 -m pip install duckdb` (pins: scripts/requirements-bench.txt)", file=sys.stderr)
        return 3
    try:
        sql = Path(args.sql).read_text(encoding="utf-8")
        if not END_LITERAL.search(sql):
            raise ValueError(f"{args.sql}: no `DATE 'YYYY-MM-DD' AS observation_end` line to set")
        header, rows = read_uplift(args.summary)
        con = duckdb.connect()
        with tempfile.TemporaryDirectory() as tmpdir:
            load(con, args, tmpdir)
        end = args.end
        if end is None:
            last = con.execute("SELECT max(purchase_date) FROM transactions").fetchone()[0]
            if last is None:
                raise ValueError(f"{args.log} has no rows")
            end = last.isoformat()
        elif not ISO_DATE.fullmatch(end):
            raise ValueError(f"--end {end!r}: expected YYYY-MM-DD")
        if args.category:
            sql = re.sub(r"(?m)^--cat ", "", sql)
        result = con.execute(END_LITERAL.sub(f"DATE '{end}'", sql))
        sql_header = [column[0] for column in result.description]
        sql_rows = result.fetchall()
    except (OSError, ValueError, UnicodeDecodeError, duckdb.Error) as e:
        print(f"check_warehouse: {e}", file=sys.stderr)
        return 2

    diffs = compare(sql_header, sql_rows, header, rows, args.max_diffs)
    if diffs:
        print(f"check_warehouse: {args.summary} differs from {args.sql} on {args.log} (E = {end}):",
              file=sys.stderr)
        for d in diffs:
            print(f"  {d}", file=sys.stderr)
        return 1
    print(f"check_warehouse: {len(rows)} customers agree (E = {end})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
