#!/usr/bin/env python3
"""Print uplift's warehouse queries in the SQL dialect of a warehouse.

scripts/warehouse_summary.sql (the customer summary) and scripts/warehouse_holdout.sql
(the holdout summary) are written for DuckDB. They take every difference of two days
between day numbers, written `(x - DATE '1970-01-01')`, so that the dialects differ only
in that one expression, in how output names are quoted, in one type name and in how
PostgreSQL is told to sort in byte order. This script makes exactly those changes:

  dialect     day number of x                           output names  DOUBLE PRECISION
  duckdb      (x - DATE '1970-01-01')                   "name"        DOUBLE PRECISION
  postgresql  (x - DATE '1970-01-01')                   "name"        DOUBLE PRECISION
              and ORDER BY ... COLLATE "C" (byte order whatever the database's collation)
  spark       DATEDIFF(x, DATE '1970-01-01')            `name`        DOUBLE
  bigquery    UNIX_DATE(x)                              `name`        FLOAT64
  snowflake   DATEDIFF(day, DATE '1970-01-01', x)       "name"        DOUBLE PRECISION

DuckDB, Spark SQL and PostgreSQL are run by scripts/check_warehouse.py (and the test
`warehouse_sql_matches_uplift_summarise`); BigQuery and Snowflake are printed by the same
rules but not run here.

Usage:
  python3 scripts/warehouse_sql.py [--dialect duckdb|postgresql|spark|bigquery|snowflake]
      [--holdout] [--category] [--end YYYY-MM-DD] [--calibration-end YYYY-MM-DD]

--holdout prints the holdout summary's query (`uplift summarise --holdout`) instead of the
customer summary's; --category switches on the lines marked `--cat ` (the integrated
stage, from a category column); --end and --calibration-end set the dates in `params`.
Exit codes: 0 printed; 2 bad arguments or a query file this script does not recognise.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SUMMARY_SQL = HERE / "warehouse_summary.sql"
HOLDOUT_SQL = HERE / "warehouse_holdout.sql"

DIALECTS = ("duckdb", "postgresql", "spark", "bigquery", "snowflake")
DAY_NUMBER = re.compile(r"\(([\w.]+) - DATE '1970-01-01'\)")
OUTPUT_NAME = re.compile(r'AS "(\w+)"')
ORDER_BY = re.compile(r"^(ORDER BY \w+\.customer_id);$", re.M)
CATEGORY_LINE = "--cat "
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
END_LITERAL = re.compile(r"DATE '\d{4}-\d{2}-\d{2}'(?= AS observation_end)")
CALIBRATION_LITERAL = re.compile(r"DATE '\d{4}-\d{2}-\d{2}'(?= AS calibration_end)")

DAY_NUMBER_OF = {
    "duckdb": r"(\1 - DATE '1970-01-01')",
    "postgresql": r"(\1 - DATE '1970-01-01')",
    "spark": r"DATEDIFF(\1, DATE '1970-01-01')",
    "bigquery": r"UNIX_DATE(\1)",
    "snowflake": r"DATEDIFF(day, DATE '1970-01-01', \1)",
}
BACKTICK_NAMES = {"spark", "bigquery"}
DOUBLE_TYPE = {"spark": "DOUBLE", "bigquery": "FLOAT64"}
TITLE = {
    "duckdb": "DuckDB",
    "postgresql": "PostgreSQL",
    "spark": "Spark SQL",
    "bigquery": "BigQuery",
    "snowflake": "Snowflake",
}


class QueryError(ValueError):
    """The query file lacks a part this script has to change."""


def code_line(line: str, dialect: str) -> str:
    """One line with the dialect's changes made to its code, not to its comment.

    A line marked `--cat ` is code that is switched off: its code is changed too, so that
    deleting the mark by hand gives the dialect's text.
    """
    mark = CATEGORY_LINE if line.startswith(CATEGORY_LINE) else ""
    rest = line[len(mark):]
    code, sep, comment = rest.partition("--")
    code = DAY_NUMBER.sub(DAY_NUMBER_OF[dialect], code)
    if dialect in BACKTICK_NAMES:
        code = OUTPUT_NAME.sub(r"AS `\1`", code)
    if dialect in DOUBLE_TYPE:
        code = code.replace("DOUBLE PRECISION", DOUBLE_TYPE[dialect])
    return mark + code + sep + comment


def in_dialect(sql: str, dialect: str, source: str) -> str:
    """The query `sql` (DuckDB's text) in `dialect`."""
    if dialect not in DIALECTS:
        raise QueryError(f"unknown dialect {dialect!r}; one of {', '.join(DIALECTS)}")
    if not DAY_NUMBER.search(sql):
        raise QueryError(f"{source}: no `(x - DATE '1970-01-01')` day number to translate")
    if dialect == "duckdb":
        return sql
    lines = sql.split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith("WITH ")), None)
    if start is None:
        raise QueryError(f"{source}: no line starting with `WITH ` where the query begins")
    body = "\n".join(code_line(line, dialect) for line in lines[start:])
    if DAY_NUMBER_OF[dialect] != DAY_NUMBER_OF["duckdb"] and DAY_NUMBER.search(
            "\n".join(line.partition("--")[0] for line in body.split("\n"))):
        raise QueryError(f"{source}: a day number was left untranslated")
    if dialect == "postgresql":
        body, n = ORDER_BY.subn(r'\1 COLLATE "C";', body)
        if n != 1:
            raise QueryError(f"{source}: no final `ORDER BY x.customer_id;` line")
    header = (f"-- {TITLE[dialect]}: printed by scripts/warehouse_sql.py --dialect {dialect} from "
              f"{source}\n-- (the comments below describe the DuckDB text it was printed from).\n")
    return header + "\n".join(lines[:start]) + "\n" + body


def with_dates(sql: str, end: str | None, calibration_end: str | None, source: str) -> str:
    """`sql` with the observation and calibration ends in `params` set."""
    for value, literal, name in ((end, END_LITERAL, "observation_end"),
                                 (calibration_end, CALIBRATION_LITERAL, "calibration_end")):
        if value is None:
            continue
        if not valid_date(value):
            raise QueryError(f"{name} {value!r}: expected a date YYYY-MM-DD")
        sql, n = literal.subn(f"DATE '{value}'", sql)
        if n != 1:
            raise QueryError(f"{source}: no `DATE 'YYYY-MM-DD' AS {name}` line to set")
    return sql


def valid_date(value: str) -> bool:
    """Whether `value` is a calendar date written YYYY-MM-DD."""
    if not ISO_DATE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def with_categories(sql: str) -> str:
    """`sql` with the lines marked `--cat ` switched on."""
    return re.sub(r"(?m)^--cat ", "", sql)


def source_of(holdout: bool) -> str:
    """The query file's name as messages give it."""
    return f"scripts/{(HOLDOUT_SQL if holdout else SUMMARY_SQL).name}"


def query(dialect: str = "duckdb", holdout: bool = False, category: bool = False,
          end: str | None = None, calibration_end: str | None = None) -> str:
    """The customer summary's (or, with `holdout`, the holdout summary's) query."""
    path = HOLDOUT_SQL if holdout else SUMMARY_SQL
    source = source_of(holdout)
    if calibration_end is not None and not holdout:
        raise QueryError("a calibration end is for the holdout summary (--holdout)")
    if category and holdout:
        raise QueryError("the holdout summary has no category column")
    if end is not None and calibration_end is not None and not calibration_end < end:
        raise QueryError(f"the calibration end {calibration_end} must lie before the observation end {end}")
    sql = with_dates(path.read_text(encoding="utf-8"), end, calibration_end, source)
    if category:
        sql = with_categories(sql)
    return in_dialect(sql, dialect, source)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dialect", default="duckdb", choices=DIALECTS)
    ap.add_argument("--holdout", action="store_true", help="the holdout summary's query")
    ap.add_argument("--category", action="store_true", help="switch on the `--cat ` lines")
    ap.add_argument("--end", default=None, help="observation end YYYY-MM-DD")
    ap.add_argument("--calibration-end", default=None, help="calibration end YYYY-MM-DD (with --holdout)")
    args = ap.parse_args(argv)
    try:
        sys.stdout.write(query(args.dialect, args.holdout, args.category, args.end, args.calibration_end))
    except (OSError, QueryError) as e:
        print(f"warehouse_sql: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
