#!/usr/bin/env python3
"""Check uplift's summaries against the warehouse queries run on DuckDB, Spark SQL or PostgreSQL.

Loads a transaction log (CSV) into the engine as transactions(customer_id, segment,
purchase_date, amount[, category]), runs scripts/warehouse_summary.sql in the engine's
dialect (scripts/warehouse_sql.py) with the observation end set (and, with --category, its
lines marked `--cat `), and compares its result with a summary CSV written by
`uplift summarise`, row for row: the same header, the same customers in the same order,
every field equal as printed (the loyalty path's days and revenue included), except
monetary_value, a quotient, within 1e-6 absolute (printed with 6 decimals). With
--calibration-end it runs scripts/warehouse_holdout.sql instead and compares with the
holdout summary of `uplift summarise --holdout`.

Usage:
  python3 scripts/check_warehouse.py LOG.csv UPLIFT_SUMMARY.csv
      [--engine duckdb|spark|postgresql] [--database-url URL]
      [--end YYYY-MM-DD] [--calibration-end YYYY-MM-DD]
      [--delimiter ,] [--decimal .] [--date-format %Y-%m-%d] [--encoding utf-8]
      [--columns customer_id,date,amount,segment] [--customers-file FILE]
      [--category COLUMN]

--end defaults to the last date in the log (uplift's default). --columns names the log's
customer, date, amount and segment columns in that order; with --customers-file the
segment comes from that file (columns: customer and segment, same names, delimiter and
encoding as the log) and the log needs no segment column. --engine spark runs Spark SQL in
local mode (pip install pyspark; it needs a Java runtime: Debian's default-jre-headless).
--engine postgresql loads the log into a temporary table of the server at --database-url
(default $DATABASE_URL) through psql, and runs the `postgresql` dialect there.

Exit codes: 0 the summaries agree; 1 they differ (the first differences are printed);
2 bad arguments or unreadable input; 3 the engine is missing (the duckdb or pyspark Python
package, Java for Spark, psql or a server for PostgreSQL; see scripts/requirements-bench.txt).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import decimal
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import warehouse_sql  # noqa: E402  (beside this script)

TOLERANCE = 1e-6
MONEY = re.compile(r"-?\d+\.\d{6}")
ENGINES = ("duckdb", "spark", "postgresql")


class EngineMissing(Exception):
    """The engine's Python package or runtime is not installed."""


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("log")
    ap.add_argument("summary", help="the summary CSV written by `uplift summarise`")
    ap.add_argument("--engine", default="duckdb", choices=ENGINES)
    ap.add_argument("--database-url", default=os.environ.get("DATABASE_URL"),
                    help="PostgreSQL connection for --engine postgresql (default: $DATABASE_URL)")
    ap.add_argument("--end", default=None, help="observation end YYYY-MM-DD (default: last date in the log)")
    ap.add_argument("--calibration-end", default=None,
                    help="YYYY-MM-DD: check the holdout summary (`uplift summarise --holdout`)")
    ap.add_argument("--delimiter", default=",", help="',', ';' or 'tab'")
    ap.add_argument("--decimal", default=".", choices=[".", ","])
    ap.add_argument("--date-format", default="%Y-%m-%d")
    ap.add_argument("--encoding", default="utf-8", help="utf-8 or cp1252/windows-1252")
    ap.add_argument("--columns", default="customer_id,date,amount,segment",
                    help="customer,date,amount,segment column names of the log")
    ap.add_argument("--customers-file", default=None)
    ap.add_argument("--category", default=None, help="the log's category column (runs the `--cat ` lines)")
    ap.add_argument("--max-diffs", type=int, default=10, help="differences to print (default 10)")
    args = ap.parse_args(argv)
    args.delimiter = {"tab": "\t", "\\t": "\t"}.get(args.delimiter, args.delimiter)
    args.columns = [c.strip() for c in args.columns.split(",")]
    if len(args.columns) not in (3, 4):
        ap.error("--columns needs customer,date,amount[,segment]")
    if len(args.columns) == 3 and not args.customers_file:
        ap.error("--columns without a segment column needs --customers-file")
    if args.calibration_end and args.category:
        ap.error("--calibration-end checks the holdout summary, which has no category column")
    for name in ("end", "calibration_end"):
        value = getattr(args, name)
        if value is not None and not warehouse_sql.valid_date(value):
            ap.error(f"--{name.replace('_', '-')} {value!r}: expected a date YYYY-MM-DD")
    return args


def python_encoding(encoding: str) -> str:
    enc = encoding.lower().replace("_", "-")
    return {"windows-1252": "cp1252", "utf8": "utf-8"}.get(enc, enc)


def utf8_copy(path: str, encoding: str, tmpdir: str) -> str:
    """Path of a UTF-8 version of `path` (transcoded in chunks unless already UTF-8)."""
    enc = python_encoding(encoding)
    if enc == "utf-8":
        return path
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


class DuckDb:
    """The log in DuckDB, read by DuckDB's own CSV reader."""

    def __init__(self, args, tmpdir: str):
        try:
            import duckdb
        except ImportError as e:
            raise EngineMissing("the duckdb Python package is missing; install it with "
                                "`python3 -m pip install duckdb` (pins: scripts/requirements-bench.txt)") from e
        self.con = duckdb.connect()
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
        self.con.execute(f"""
            CREATE TABLE transactions AS
            SELECT l.{cust} AS customer_id,
                   {segment} AS segment,
                   CAST(strptime(trim(l.{date}), {quote_str(args.date_format)}) AS DATE) AS purchase_date,
                   CAST({amount_text} AS DECIMAL(38, 6)) AS amount,
                   {f"trim(l.{quote_ident(args.category)})" if args.category else "NULL"} AS category
            FROM {log} l {join}
        """)

    def last_date(self):
        return self.con.execute("SELECT max(purchase_date) FROM transactions").fetchone()[0]

    def run(self, sql: str):
        result = self.con.execute(sql)
        return [column[0] for column in result.description], result.fetchall()

    def close(self):
        self.con.close()


def normalised_log(args, tmpdir: str):
    """The log as a plain CSV (customer_id, segment, ISO date, amount with a point, category)
    and its last date.

    Neither Spark's CSV reader nor PostgreSQL's COPY knows strptime formats or decimal
    commas; the rows are parsed here instead, each value as DuckDB's loader parses it.
    """
    encoding = python_encoding(args.encoding)
    segments = None
    if args.customers_file:
        seg_col = args.columns[3] if len(args.columns) == 4 else "segment"
        segments = {}
        with open(args.customers_file, encoding=encoding, newline="") as f:
            for row in csv.DictReader(f, delimiter=args.delimiter):
                cid, seg = row[args.columns[0]], row[seg_col]
                segments[cid] = min(segments.get(cid, seg), seg)
    out = os.path.join(tmpdir, "transactions.csv")
    last = None
    with open(args.log, encoding=encoding, newline="") as src, \
            open(out, "w", encoding="utf-8", newline="") as dst:
        reader = csv.DictReader(src, delimiter=args.delimiter)
        writer = csv.writer(dst, lineterminator="\n")
        writer.writerow(["customer_id", "segment", "purchase_date", "amount", "category"])
        cust, date, amount = args.columns[:3]
        for line, row in enumerate(reader, start=2):
            try:
                day = datetime.datetime.strptime(row[date].strip(), args.date_format).date()
                text = row[amount].strip()
                value = decimal.Decimal(text.replace(",", ".") if args.decimal == "," else text)
            except (KeyError, ValueError, decimal.InvalidOperation) as e:
                raise ValueError(f"{args.log}:{line}: {e}") from e
            segment = segments.get(row[cust]) if segments is not None else row[args.columns[3]]
            category = row[args.category].strip() if args.category else ""
            writer.writerow([row[cust], segment or "", day.isoformat(), value, category])
            last = day if last is None else max(last, day)
    return out, last


class Spark:
    """The log in Spark SQL, local mode (one JVM on this machine)."""

    def __init__(self, args, tmpdir: str):
        try:
            from pyspark.errors import PySparkException
            from pyspark.sql import SparkSession
        except ImportError as e:
            raise EngineMissing("the pyspark Python package is missing; install it with "
                                "`python3 -m pip install pyspark` (and a Java runtime, Debian's "
                                "default-jre-headless)") from e
        path, _ = normalised_log(args, tmpdir)
        try:
            self.spark = (SparkSession.builder.master("local[2]").appName("check_warehouse")
                          .config("spark.ui.enabled", "false")
                          .config("spark.sql.shuffle.partitions", "4")
                          .config("spark.sql.session.timeZone", "UTC")
                          .getOrCreate())
        except PySparkException as e:
            raise EngineMissing(f"Spark does not start (is Java installed? Debian: "
                                f"default-jre-headless): {e}") from e
        self.spark.sparkContext.setLogLevel("ERROR")
        schema = "customer_id STRING, segment STRING, purchase_date DATE, amount DECIMAL(38, 6), category STRING"
        log = self.spark.read.csv(path, header=True, schema=schema, mode="FAILFAST")
        log.createOrReplaceTempView("transactions")

    def last_date(self):
        return self.spark.sql("SELECT max(purchase_date) FROM transactions").collect()[0][0]

    def run(self, sql: str):
        result = self.spark.sql(sql.rstrip().rstrip(";"))
        return result.columns, [tuple(row) for row in result.collect()]

    def close(self):
        self.spark.stop()


class Postgres:
    """The log in a temporary table of a PostgreSQL session, through psql."""

    def __init__(self, args, tmpdir: str):
        if shutil.which("psql") is None:
            raise EngineMissing("psql is missing (Debian: postgresql-client)")
        if not args.database_url:
            raise EngineMissing("no PostgreSQL server given: set --database-url or DATABASE_URL")
        self.url = args.database_url
        self.path, self.last = normalised_log(args, tmpdir)
        probe = self._psql("SELECT 1;")
        if probe.returncode != 0:
            raise EngineMissing(f"PostgreSQL at {self.url} does not answer: {probe.stderr.strip()}")

    def _psql(self, script: str):
        return subprocess.run(["psql", self.url, "--quiet", "--csv", "--no-psqlrc", "-v", "ON_ERROR_STOP=1"],
                              input=script, capture_output=True, text=True, encoding="utf-8")

    def last_date(self):
        return self.last

    def run(self, sql: str):
        load = ("SET client_encoding = 'UTF8';\nSET DateStyle = ISO;\n"
                "CREATE TEMP TABLE transactions (customer_id text, segment text, purchase_date date, "
                "amount numeric(38, 6), category text);\n"
                f"\\copy transactions FROM {quote_str(self.path)} WITH (FORMAT csv, HEADER true)\n")
        result = self._psql(load + sql)
        if result.returncode != 0:
            raise ValueError(f"psql: {result.stderr.strip()}")
        rows = list(csv.reader(result.stdout.splitlines()))
        # psql prints NULL as an empty field, as uplift does; the values are its text.
        return rows[0], [tuple(row) for row in rows[1:]]

    def close(self):
        pass


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
    money = header.index("monetary_value") if "monetary_value" in header else None
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
        if money is None:
            continue
        if not MONEY.fullmatch(theirs[money]):
            diffs.append(f"{where}: monetary_value {theirs[money]!r} is not printed with 6 decimals")
        try:
            value = float(theirs[money])
        except ValueError:
            value = math.nan
        if not abs(value - float(ours[money])) <= TOLERANCE + 1e-9:  # NaN fails too
            diffs.append(f"{where}: monetary_value uplift={theirs[money]} SQL={float(ours[money]):.6f}")
    return diffs[:max_diffs]


def main(argv=None) -> int:
    args = parse_args(argv)
    holdout = args.calibration_end is not None
    source = warehouse_sql.source_of(holdout)
    engine = None
    try:
        header, rows = read_uplift(args.summary)
        with tempfile.TemporaryDirectory() as tmpdir:
            engine = {"duckdb": DuckDb, "spark": Spark, "postgresql": Postgres}[args.engine](args, tmpdir)
            end = args.end
            if end is None:
                last = engine.last_date()
                if last is None:
                    raise ValueError(f"{args.log} has no rows")
                end = last.isoformat()
            sql = warehouse_sql.query(args.engine, holdout, bool(args.category), end, args.calibration_end)
            sql_header, sql_rows = engine.run(sql)
    except EngineMissing as e:
        print(f"check_warehouse: {e}", file=sys.stderr)
        return 3
    except Exception as e:  # unreadable input, or SQL the engine refuses: reported, exit 2
        print(f"check_warehouse: {type(e).__name__}: {e}", file=sys.stderr)
        return 2
    finally:
        if engine is not None:
            engine.close()

    diffs = compare(sql_header, sql_rows, header, rows, args.max_diffs)
    what = f"{source} on {args.engine} on {args.log} (E = {end}" + (
        f", C = {args.calibration_end})" if holdout else ")")
    if diffs:
        print(f"check_warehouse: {args.summary} differs from {what}:", file=sys.stderr)
        for d in diffs:
            print(f"  {d}", file=sys.stderr)
        return 1
    print(f"check_warehouse: {len(rows)} customers agree with {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
