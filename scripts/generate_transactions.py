#!/usr/bin/env python3
"""Synthetic transaction logs for `uplift`: BG/NBD purchases x Gamma-Gamma spend.

Every customer of a segment is simulated independently:

* birth (first purchase) uniform over [start, end]; a share `present` of the customers
  was born earlier, uniformly over the `prehistory_days` before start, and only their
  purchases on or after start are written (as in an ERP export that starts at a cut-off);
* purchase rate lambda ~ Gamma(shape r, rate alpha) per day; gaps between purchases are
  exponential(lambda);
* dropout probability p ~ Beta(a, b): right after every repeat purchase the customer
  leaves for good with probability p (BG/NBD; she is alive at her first purchase,
  as in the BG/NBD likelihood; dropping out at the first purchase too would be MBG/NBD);
* spend: nu ~ Gamma(shape q, rate gamma) per customer, and each purchase amount
  ~ Gamma(shape p, rate nu) (Gamma-Gamma); amounts are rounded to 0.01 (at least 0.01);
* margin (optional column): amount x (segment margin_rate + normal noise), as money;
* returns (optional, off by default): a share of purchases gets a later return row with
  a negative amount (5-100 % of the purchase) a few days after it.

All of it is vectorised with numpy (one numpy Generator seeded from --seed, one child
stream per segment), so 10 million rows take seconds to simulate; the file is written
in chunks. Rows are sorted by date (ties in random order), as ERP exports are.
Same arguments + same seed = byte-identical file.

Presets (`--show-params` prints them as JSON):
  single   one segment `installers`, 10,000 customers born uniformly in the period (no
           customers before start): a clean BG/NBD/Gamma-Gamma sample for model checks.
  example  `installers` and `facility-management`, calibrated so that the example
           project's data (example-project/data/) reproduces segments.yaml (see
           docs/warehouse.md for the command and the resulting figures).
  bench    the five segment ids of example-project/segments.yaml, about ten rows per
           customer, no prehistory; for scripts/bench_data.sh.
`--segment id=installers,r=0.9,alpha=40` changes keys of a preset segment or, with a new
id, adds one (unset keys take the `single` defaults).

With `--summary FILE` the per-customer summary in uplift's format is computed from
the generated rows with pandas (an independent reference implementation of the
definitions in docs/warehouse.md), and `--figures` prints the per-segment figures
(active customers, purchases per year, order value, gross margin, retention).

Examples:
  python3 scripts/generate_transactions.py --customers 2000 --seed 7 --out log.csv
  python3 scripts/generate_transactions.py --preset bench --rows 10000000 --out big.csv
  python3 scripts/generate_transactions.py --preset example --delimiter ';' --decimal , \\
      --date-format %d.%m.%Y --encoding cp1252 --out erp.csv --figures

Requires numpy (and pandas for --summary/--figures).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import math
import sys
import time
from dataclasses import dataclass, field

import numpy as np

# --------------------------------------------------------------------------
# Parameters
# --------------------------------------------------------------------------


@dataclass
class Segment:
    """Generator parameters of one segment (time unit: days, money: currency units)."""

    id: str
    customers: int = 10_000  # customers simulated (a weight with --customers / --rows)
    r: float = 0.9  # purchase rate lambda ~ Gamma(shape r, rate alpha), per day
    alpha: float = 36.0
    a: float = 0.8  # dropout p ~ Beta(a, b), applied after every repeat purchase
    b: float = 12.0
    p: float = 6.0  # amount ~ Gamma(shape p, rate nu)
    q: float = 4.0  # nu ~ Gamma(shape q, rate gamma)
    gamma: float = 2000.0
    margin_rate: float = 0.30  # margin = amount x N(margin_rate, margin_sd)
    margin_sd: float = 0.05
    present: float = 0.0  # share of customers born before start
    prehistory_days: float = 3650.0  # ... uniformly over this many days before start
    breadth: float = 1.0  # with --category-col: categories a customer buys from = 1 + Poisson(breadth)

    def validate(self) -> None:
        positive = ("r", "alpha", "a", "b", "p", "q", "gamma")
        for key in positive:
            if not getattr(self, key) > 0:
                raise ValueError(f"segment {self.id}: {key} must be > 0")
        if self.customers < 0:
            raise ValueError(f"segment {self.id}: customers must be >= 0")
        if not 0 <= self.present <= 1:
            raise ValueError(f"segment {self.id}: present must be in [0, 1]")
        if self.margin_sd < 0 or self.prehistory_days < 0 or self.breadth < 0:
            raise ValueError(f"segment {self.id}: margin_sd, prehistory_days and breadth must be >= 0")

    def mean_amount(self) -> float:
        """Population mean of one purchase amount, p*gamma/(q-1) (infinite for q <= 1)."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else math.inf


PRESETS: dict[str, list[Segment]] = {
    "single": [Segment("installers")],
    # Calibrated with scripts/generate_transactions.py --preset example --figures against
    # example-project/segments.yaml (installers: 2100 active, 9.2 purchases/yr, DKK 4,800,
    # 31 %, 79 %; facility-management: 520, 14, DKK 7,600, 34 %, 84 %).
    "example": [
        Segment("installers", customers=4940, r=1.6, alpha=37.7, a=1.1, b=26.3,
                p=4.0, q=5.0, gamma=4650.0, margin_rate=0.31, margin_sd=0.06,
                present=0.72, prehistory_days=2920.0, breadth=0.8),
        Segment("facility-management", customers=1110, r=2.2, alpha=37.4, a=1.1, b=53.2,
                p=5.0, q=6.0, gamma=7350.0, margin_rate=0.34, margin_sd=0.05,
                present=0.74, prehistory_days=2920.0, breadth=2.0),
    ],
    # Segment ids of example-project/segments.yaml; about 10 rows per customer over three
    # years, so a 10-million-row log has about a million customers.
    "bench": [
        Segment("installers", customers=420, r=0.9, alpha=22.0, a=0.8, b=6.0,
                p=4.0, q=5.0, gamma=4800.0, margin_rate=0.31),
        Segment("facility-management", customers=110, r=1.2, alpha=20.0, a=0.8, b=8.0,
                p=5.0, q=6.0, gamma=7600.0, margin_rate=0.34),
        Segment("norway-installers", customers=260, r=0.8, alpha=25.0, a=0.9, b=5.0,
                p=4.0, q=5.0, gamma=4400.0, margin_rate=0.28),
        Segment("oem-manufacturers", customers=90, r=1.0, alpha=27.0, a=0.7, b=7.0,
                p=3.0, q=4.0, gamma=24000.0, margin_rate=0.22),
        Segment("public-utilities", customers=120, r=0.9, alpha=33.0, a=0.6, b=9.0,
                p=5.0, q=6.0, gamma=11000.0, margin_rate=0.27),
    ],
}
PRESETS["bench"] = [dataclasses.replace(s, customers=s.customers * 1000) for s in PRESETS["bench"]]


def parse_segment_spec(spec: str, segments: list[Segment]) -> None:
    """Apply `id=X,key=value,...` to `segments` in place (new id = new segment)."""
    items = {}
    for part in spec.split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"--segment {spec!r}: expected key=value, got {part!r}")
        items[key.strip()] = value.strip()
    if "id" not in items:
        raise ValueError(f"--segment {spec!r}: needs id=...")
    seg_id = items.pop("id")
    seg = next((s for s in segments if s.id == seg_id), None)
    if seg is None:
        seg = Segment(seg_id)
        segments.append(seg)
    types = {f.name: f.type for f in dataclasses.fields(Segment)}
    for key, value in items.items():
        if key not in types or key == "id":
            raise ValueError(f"--segment: unknown key {key!r} (keys: {', '.join(types)})")
        setattr(seg, key, int(value) if key == "customers" else float(value))


# --------------------------------------------------------------------------
# Simulation
# --------------------------------------------------------------------------


@dataclass
class SegmentDraw:
    """The simulated rows of one segment (before ids are assigned)."""

    birth: np.ndarray  # float days relative to start, one per customer with rows
    row_customer: np.ndarray  # int64 index into birth
    row_day: np.ndarray  # int32 day offset from start
    row_cents: np.ndarray  # int64 amount in cents
    row_margin: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))


def simulate_segment(rng: np.random.Generator, seg: Segment, n: int, days: int) -> SegmentDraw:
    """Simulate `n` customers of `seg` over the window [0, days) (day 0 = start date).

    Repeat purchases: a customer alive forever would make N ~ Poisson(lambda*(days-birth))
    repeat purchases in the window, at the order statistics of N uniforms on
    [birth, days). The BG/NBD customer leaves right after her G-th repeat purchase,
    G ~ Geometric(p) (G >= 1), so she makes the first min(N, G) of them.
    The first m order statistics of N uniforms come from Renyi's representation:
    1 - U_(j) = exp(-sum_{k<j} E_k/(N-k)), E_k ~ Exp(1), so only kept rows are drawn.
    """
    present = rng.random(n) < seg.present
    birth = np.where(present, -rng.random(n) * seg.prehistory_days, rng.random(n) * days)
    lam = rng.gamma(seg.r, 1.0 / seg.alpha, n)
    dropout = np.clip(rng.beta(seg.a, seg.b, n), 1e-12, 1.0)
    total = rng.geometric(dropout)  # repeat purchases before leaving
    span = days - birth
    n_repeat = rng.poisson(lam * span)
    m = np.minimum(n_repeat, total).astype(np.int64)

    # Repeat purchase times, flat over customers.
    cust = np.repeat(np.arange(n, dtype=np.int64), m)
    offsets = np.cumsum(m) - m  # first flat index of each customer
    k = np.arange(cust.size, dtype=np.int64) - offsets[cust]
    steps = rng.standard_exponential(cust.size) / (n_repeat[cust] - k)
    csum = np.cumsum(steps)
    before = np.concatenate(([0.0], csum))[offsets[cust]]  # cumsum before the group start
    u = -np.expm1(-(csum - before))  # U_(k+1)
    t_repeat = birth[cust] + span[cust] * u

    # First purchases (at birth) and repeats, then keep the window.
    all_cust = np.concatenate((np.arange(n, dtype=np.int64), cust))
    all_time = np.concatenate((birth, t_repeat))
    keep = all_time >= 0
    all_cust, all_time = all_cust[keep], all_time[keep]
    day = np.minimum(np.floor(all_time), days - 1).astype(np.int32)

    # Gamma-Gamma spend.
    nu = rng.gamma(seg.q, 1.0 / seg.gamma, n)
    amount = rng.gamma(seg.p, 1.0, all_cust.size) / nu[all_cust]
    cents = np.maximum(np.rint(amount * 100.0), 1).astype(np.int64)
    rate = seg.margin_rate + seg.margin_sd * rng.standard_normal(all_cust.size)
    margin = np.rint(cents * rate).astype(np.int64)

    # Renumber the customers that have rows: 0..c-1.
    used, inverse = np.unique(all_cust, return_inverse=True)
    return SegmentDraw(birth[used], inverse.astype(np.int64), day, cents, margin)


def add_returns(rng: np.random.Generator, draw: SegmentDraw, share: float, days: int) -> int:
    """Give a `share` of the purchases a later partial return (negative amount)."""
    if share <= 0 or draw.row_day.size == 0:
        return 0
    pick = np.flatnonzero(rng.random(draw.row_day.size) < share)
    delay = 1 + np.floor(rng.exponential(10.0, pick.size)).astype(np.int32)
    frac = rng.uniform(0.05, 1.0, pick.size)
    day = draw.row_day[pick] + delay
    ok = day < days
    pick, day, frac = pick[ok], day[ok], frac[ok]
    cents = -np.maximum(np.rint(draw.row_cents[pick] * frac), 1).astype(np.int64)
    margin = -np.rint(draw.row_margin[pick] * frac).astype(np.int64)
    draw.row_customer = np.concatenate((draw.row_customer, draw.row_customer[pick]))
    draw.row_day = np.concatenate((draw.row_day, day.astype(np.int32)))
    draw.row_cents = np.concatenate((draw.row_cents, cents))
    draw.row_margin = np.concatenate((draw.row_margin, margin))
    return int(pick.size)


def split_customers(segments: list[Segment], total: int) -> list[int]:
    """Split `total` customers over the segments by their `customers` weights
    (largest remainder, so the counts add up to `total`)."""
    weights = np.array([s.customers for s in segments], dtype=float)
    if weights.sum() <= 0:
        weights = np.ones(len(segments))
    exact = total * weights / weights.sum()
    counts = np.floor(exact).astype(int)
    for i in np.argsort(-(exact - counts), kind="stable")[: total - counts.sum()]:
        counts[i] += 1
    return [int(c) for c in counts]


def rows_per_customer(seed: int, segments: list[Segment], days: int, returns: float) -> float:
    """Rows per simulated customer of the segment mix, from a pilot run of 200,000."""
    counts = split_customers(segments, 200_000)
    streams = np.random.SeedSequence([seed, 1]).spawn(len(segments))
    rows = 0
    for seg, n, ss in zip(segments, counts, streams):
        rng = np.random.default_rng(ss)
        draw = simulate_segment(rng, seg, n, days)
        rows += draw.row_day.size + add_returns(rng, draw, returns, days)
    return rows / 200_000


@dataclass
class Log:
    """The generated log, sorted by date: ids, segments and rows."""

    ids: list[str]  # customer id strings, by customer number
    segment_of: np.ndarray  # segment index per customer number
    segment_ids: list[str]
    customer: np.ndarray  # per row: customer number
    day: np.ndarray  # per row: day offset from start
    cents: np.ndarray
    margin: np.ndarray
    returns: int
    category: np.ndarray | None = None  # per row: index into ASSORTMENT (with --category-col)


def generate(args: argparse.Namespace, segments: list[Segment], days: int) -> Log:
    """Simulate all segments, assign ids by birth order and sort the rows by date."""
    if args.customers is not None:
        counts = split_customers(segments, args.customers)
    elif args.rows is not None:
        per = rows_per_customer(args.seed, segments, days, args.returns)
        counts = split_customers(segments, max(1, round(args.rows / per)))
    else:
        counts = [s.customers for s in segments]

    streams = np.random.SeedSequence([args.seed, 0]).spawn(len(segments) + 1)
    births, seg_of, parts = [], [], []
    base = 0
    n_returns = 0
    for i, (seg, n, ss) in enumerate(zip(segments, counts, streams)):
        rng = np.random.default_rng(ss)
        draw = simulate_segment(rng, seg, n, days)
        n_returns += add_returns(rng, draw, args.returns, days)
        births.append(draw.birth)
        seg_of.append(np.full(draw.birth.size, i, dtype=np.int16))
        parts.append((draw.row_customer + base, draw.row_day, draw.row_cents, draw.row_margin))
        base += draw.birth.size

    birth = np.concatenate(births) if births else np.zeros(0)
    segment_of = np.concatenate(seg_of) if seg_of else np.zeros(0, np.int16)
    # Customer numbers follow the birth order, as account numbers in an ERP do.
    order = np.argsort(birth, kind="stable")
    number = np.empty_like(order)
    number[order] = np.arange(order.size)
    customer = number[np.concatenate([p[0] for p in parts])] if parts else np.zeros(0, np.int64)
    day = np.concatenate([p[1] for p in parts]) if parts else np.zeros(0, np.int32)
    cents = np.concatenate([p[2] for p in parts]) if parts else np.zeros(0, np.int64)
    margin = np.concatenate([p[3] for p in parts]) if parts else np.zeros(0, np.int64)

    # Sort by date, ties in random order.
    rng = np.random.default_rng(streams[-1])
    shuffle = rng.permutation(day.size)
    by_day = shuffle[np.argsort(day[shuffle], kind="stable")]
    last = args.id_start + order.size - 1
    width = max(args.id_width, len(str(last)))
    ids = [f"{args.id_prefix}{i:0{width}d}" for i in range(args.id_start, last + 1)]
    return Log(ids, segment_of[order], [s.id for s in segments],
               customer[by_day], day[by_day], cents[by_day], margin[by_day], n_returns)


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------


# A wholesaler's product groups and their share of order lines (the example's assortment).
ASSORTMENT = [("El-materiel", 30), ("Kabler", 20), ("Belysning", 15), ("VVS", 12),
              ("Værktøj", 10), ("Ventilation", 6), ("Sikring", 4), ("Arbejdstøj", 3)]


def draw_categories(log: Log, segments: list[Segment], seed: int) -> np.ndarray:
    """A category per row, from a stream of its own so every other column stays as without
    categories. Each customer buys from 1 + Poisson(breadth) groups (at most all), chosen by
    popularity; each row takes one of them at random."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, 1]))
    n = len(log.ids)
    weights = np.array([w for _, w in ASSORTMENT], dtype=float)
    keys = np.log(weights) + rng.gumbel(size=(n, weights.size))
    preferred = np.argsort(-keys, axis=1, kind="stable")
    breadth = np.array([s.breadth for s in segments])[log.segment_of] if n else np.zeros(0)
    groups = np.minimum(weights.size, 1 + rng.poisson(breadth))
    pick = np.floor(rng.random(log.customer.size) * groups[log.customer]).astype(np.int64)
    return preferred[log.customer, pick]


def money_strings(cents: np.ndarray, decimal: str) -> np.ndarray:
    """Vectorised `-1234.56` formatting of integer cents (object array of str)."""
    frac_digits = np.array([f"{decimal}{i:02d}" for i in range(100)], dtype=object)
    sign = np.where(cents < 0, "-", "").astype(object)
    mag = np.abs(cents)
    return sign + (mag // 100).astype(str).astype(object) + frac_digits[mag % 100]


def write_log(log: Log, args: argparse.Namespace, start: dt.date, out) -> int:
    """Write header and rows in chunks; returns bytes written."""
    delim = args.delimiter
    cols = [args.customer_col, args.date_col, args.amount_col]
    if args.margin_col:
        cols.append(args.margin_col)
    with_segment = not args.customers_file
    if with_segment:
        cols.append(args.segment_col)
    if args.category_col:
        cols.append(args.category_col)
    groups = np.array([name for name, _ in ASSORTMENT], dtype=object)
    used_days = np.unique(log.day) if log.day.size else np.zeros(0, np.int32)
    day_str = np.empty(int(used_days.max()) + 1 if used_days.size else 0, dtype=object)
    for d in used_days:
        day_str[d] = (start + dt.timedelta(days=int(d))).strftime(args.date_format)
    ids = np.array(log.ids, dtype=object)
    segs = np.array(log.segment_ids, dtype=object)[log.segment_of]
    for name in cols:
        if delim in name or "\n" in name:
            raise ValueError(f"column name {name!r} contains the delimiter")

    written = 0

    def emit(text: str) -> None:
        nonlocal written
        data = text.encode(args.encoding)
        out.write(data)
        written += len(data)

    emit(delim.join(cols) + "\n")
    for lo in range(0, log.day.size, args.chunk_rows):
        hi = min(lo + args.chunk_rows, log.day.size)
        cust = log.customer[lo:hi]
        line = ids[cust] + delim + day_str[log.day[lo:hi]] + delim + money_strings(log.cents[lo:hi], args.decimal)
        if args.margin_col:
            line = line + delim + money_strings(log.margin[lo:hi], args.decimal)
        if with_segment:
            line = line + delim + segs[cust]
        if args.category_col:
            line = line + delim + groups[log.category[lo:hi]]
        emit("\n".join(line.tolist()) + "\n")
    return written


def write_customers_file(log: Log, args: argparse.Namespace) -> None:
    """customer -> segment file, sorted by customer id (only customers in the log)."""
    present = np.unique(log.customer)
    rows = sorted((log.ids[c], log.segment_ids[log.segment_of[c]]) for c in present)
    text = args.delimiter.join([args.customer_col, args.segment_col]) + "\n"
    text += "".join(f"{c}{args.delimiter}{s}\n" for c, s in rows)
    with open(args.customers_file, "wb") as f:
        f.write(text.encode(args.encoding))


# --------------------------------------------------------------------------
# Reference implementation of the definitions (pandas)
# --------------------------------------------------------------------------


def log_frame(log: Log):
    """The log as a pandas DataFrame: customer (id str), segment, day (int), cents, margin."""
    import pandas as pd

    return pd.DataFrame({
        "customer": pd.Categorical.from_codes(log.customer, log.ids),
        "segment": pd.Categorical.from_codes(log.segment_of[log.customer],
                                             log.segment_ids),
        "day": log.day.astype(np.int64),
        "cents": log.cents,
        "margin": log.margin,
    })


def reference_summary(df, end_day: int):
    """uplift's per-customer summary from a log frame (day offsets, integer cents).

    day_total = sum of a customer's amounts on a day; purchase day = day_total > 0;
    frequency = purchase days - 1; recency = last - first purchase day; T = E - first;
    monetary_value = sum of day_total on all days after the first purchase day
    (return-only days included) / frequency, or 0 when frequency is 0.
    Customers without a purchase day are left out. Rows after E are ignored.
    """
    import pandas as pd

    df = df[df["day"] <= end_day]
    daily = (df.groupby(["customer", "day"], observed=True, sort=False)["cents"].sum()
             .reset_index())
    buys = daily[daily["cents"] > 0]
    per = buys.groupby("customer", observed=True).agg(
        first=("day", "min"), last=("day", "max"), days=("day", "size"))
    daily = daily.join(per["first"], on="customer", how="inner")
    later = daily[daily["day"] > daily["first"]].groupby("customer", observed=True)["cents"].sum()
    per["later_cents"] = later.reindex(per.index).fillna(0).astype(np.int64)
    seg = df.groupby("customer", observed=True)["segment"].first()
    out = pd.DataFrame({
        "customer": per.index.astype(str),
        "segment": seg.reindex(per.index).astype(str).to_numpy(),
        "frequency": (per["days"] - 1).to_numpy(),
        "recency": (per["last"] - per["first"]).to_numpy(),
        "T": (end_day - per["first"]).to_numpy(),
        "later_cents": per["later_cents"].to_numpy(),
        "first": per["first"].to_numpy(),
        "last": per["last"].to_numpy(),
    })
    freq = out["frequency"].to_numpy()
    out["monetary_value"] = np.where(freq > 0, out["later_cents"] / (100.0 * np.maximum(freq, 1)), 0.0)
    key = out["customer"].map(lambda s: s.encode("utf-8"))
    return out.iloc[np.argsort(key.to_numpy(), kind="stable")].reset_index(drop=True)


def write_summary(summary, start: dt.date, path: str) -> None:
    """Write the summary in uplift's CSV format (6-decimal monetary value, ISO dates)."""
    days = np.unique(np.concatenate((summary["first"], summary["last"]))) if len(summary) else []
    iso = {int(d): (start + dt.timedelta(days=int(d))).isoformat() for d in days}
    out = summary[["customer", "segment", "frequency", "recency", "T", "monetary_value"]].copy()
    out["first_purchase"] = summary["first"].map(iso)
    out["last_purchase"] = summary["last"].map(iso)
    out.to_csv(path, index=False, float_format="%.6f", lineterminator="\n")


def segment_figures(df, end_day: int, first_day: int) -> list[dict]:
    """Per-segment figures by the definitions in docs/warehouse.md (E = end_day)."""
    df = df[df["day"] <= end_day]
    daily = df.groupby(["segment", "customer", "day"], observed=True, sort=False)["cents"].sum()
    daily = daily.reset_index()
    buys = daily[daily["cents"] > 0]
    results = []
    for seg, rows in df.groupby("segment", observed=True, sort=False):
        seg_buys = buys[buys["segment"] == seg]
        last_year = seg_buys[seg_buys["day"] >= end_day - 364]
        in_year = rows[rows["day"] >= end_day - 364]
        active = last_year["customer"].nunique()
        purchase_days = len(last_year)
        revenue = in_year["cents"].sum()
        margin = in_year["margin"].sum()
        kept = entered = 0
        for w in range(3):
            lo_prev = end_day - 365 * (w + 2) + 1  # window w+1 = [lo_prev, lo_prev + 364]
            if lo_prev < first_day:
                break
            lo = lo_prev + 365
            prev = set(seg_buys.loc[(seg_buys["day"] >= lo_prev) & (seg_buys["day"] < lo), "customer"])
            now = set(seg_buys.loc[(seg_buys["day"] >= lo) & (seg_buys["day"] < lo + 365), "customer"])
            kept += len(prev & now)
            entered += len(prev)
        results.append({
            "segment": str(seg),
            "customers_in_log": int(rows["customer"].nunique()),
            "active_customers": int(active),
            "purchases_per_year": purchase_days / active if active else float("nan"),
            "average_order_value": revenue / 100.0 / purchase_days if purchase_days else float("nan"),
            "gross_margin": margin / revenue if revenue else float("nan"),
            "retention_rate": kept / entered if entered else float("nan"),
        })
    return sorted(results, key=lambda r: r["segment"])


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description="Write a synthetic BG/NBD x Gamma-Gamma transaction log (see module docstring).",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preset", choices=sorted(PRESETS), default="single")
    ap.add_argument("--segment", action="append", default=[], metavar="SPEC",
                    help="id=ID,key=value,...: change or add a segment (keys: the fields of --show-params)")
    ap.add_argument("--show-params", action="store_true", help="print the segment parameters as JSON and exit")
    size = ap.add_mutually_exclusive_group()
    size.add_argument("--customers", type=int, help="customers to simulate, split over segments by their weights")
    size.add_argument("--rows", type=int, help="target number of rows (customers chosen from a pilot run)")
    ap.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2023, 11, 1))
    ap.add_argument("--end", type=dt.date.fromisoformat, default=dt.date(2026, 10, 31))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--delimiter", default=",", help="',', ';' or 'tab'")
    ap.add_argument("--decimal", default=".", choices=[".", ","])
    ap.add_argument("--date-format", default="%Y-%m-%d", help="strftime format of the date column")
    ap.add_argument("--encoding", default="utf-8", help="utf-8 or cp1252 (windows-1252)")
    ap.add_argument("--customer-col", default="customer_id")
    ap.add_argument("--date-col", default="date")
    ap.add_argument("--amount-col", default="amount")
    ap.add_argument("--segment-col", default="segment")
    ap.add_argument("--margin-col", default=None, help="add a margin column (money) with this name")
    ap.add_argument("--category-col", default=None,
                    help="add a product category column with this name (the ASSORTMENT's groups)")
    ap.add_argument("--customers-file", default=None,
                    help="write customer -> segment here instead of a segment column in the log")
    ap.add_argument("--returns", type=float, default=0.0, help="share of purchases later partly returned (default 0)")
    ap.add_argument("--id-prefix", default="C")
    ap.add_argument("--id-start", type=int, default=1)
    ap.add_argument("--id-width", type=int, default=7, help="zero-pad customer numbers to this width")
    ap.add_argument("--out", default="-", help="output file (default stdout)")
    ap.add_argument("--summary", default=None, help="also write the reference summary CSV (pandas)")
    ap.add_argument("--observation-end", type=dt.date.fromisoformat, default=None,
                    help="E for --summary/--figures (default: the last date in the log)")
    ap.add_argument("--figures", action="store_true", help="print per-segment figures to stderr (pandas)")
    ap.add_argument("--chunk-rows", type=int, default=1_000_000)
    args = ap.parse_args(argv)

    args.delimiter = {"tab": "\t", "\\t": "\t"}.get(args.delimiter, args.delimiter)
    if args.delimiter not in (",", ";", "\t"):
        ap.error("--delimiter must be ',', ';' or 'tab'")
    if args.decimal == args.delimiter:
        ap.error("--decimal ',' needs a delimiter other than ','")
    enc = args.encoding.lower().replace("_", "-")
    args.encoding = {"utf8": "utf-8", "windows-1252": "cp1252", "cp-1252": "cp1252"}.get(enc, enc)
    if args.encoding not in ("utf-8", "cp1252"):
        ap.error("--encoding must be utf-8 or cp1252")
    if args.end < args.start:
        ap.error("--end is before --start")
    if not 0 <= args.returns < 1:
        ap.error("--returns must be in [0, 1)")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    segments = [dataclasses.replace(s) for s in PRESETS[args.preset]]
    try:
        for spec in args.segment:
            parse_segment_spec(spec, segments)
        for seg in segments:
            seg.validate()
    except ValueError as e:
        print(f"generate_transactions: {e}", file=sys.stderr)
        return 2
    if args.show_params:
        print(json.dumps([dataclasses.asdict(s) for s in segments], indent=2))
        return 0

    t0 = time.perf_counter()
    days = (args.end - args.start).days + 1
    log = generate(args, segments, days)
    if args.category_col:
        log.category = draw_categories(log, segments, args.seed)
    t1 = time.perf_counter()
    if args.out == "-":
        try:
            size = write_log(log, args, args.start, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        except BrokenPipeError:  # e.g. `| head`: stop quietly
            sys.stderr.close()
            return 0
    else:
        with open(args.out, "wb", buffering=1 << 22) as f:
            size = write_log(log, args, args.start, f)
    if args.customers_file:
        write_customers_file(log, args)
    t2 = time.perf_counter()

    n_customers = np.unique(log.customer).size
    first = args.start + dt.timedelta(days=int(log.day.min())) if log.day.size else None
    last = args.start + dt.timedelta(days=int(log.day.max())) if log.day.size else None
    print(f"generate_transactions: {log.day.size:,} rows ({log.returns:,} returns), "
          f"{n_customers:,} customers in {len(segments)} segment(s), {first} .. {last}, "
          f"{size / 1e6:.1f} MB -> {args.out} (simulate {t1 - t0:.1f} s, write {t2 - t1:.1f} s, "
          f"seed {args.seed}, preset {args.preset})", file=sys.stderr)

    if args.summary or args.figures:
        end = args.observation_end or last
        end_day = (end - args.start).days
        df = log_frame(log)
        if args.summary:
            summary = reference_summary(df, end_day)
            write_summary(summary, args.start, args.summary)
            print(f"generate_transactions: summary of {len(summary):,} customers (E = {end}) -> {args.summary}",
                  file=sys.stderr)
        if args.figures:
            print(f"per-segment figures (E = {end}):", file=sys.stderr)
            print(f"{'segment':<22}{'in log':>8}{'active':>8}{'purch/yr':>10}{'AOV':>10}{'margin':>8}"
                  f"{'retention':>11}", file=sys.stderr)
            for f in segment_figures(df, end_day, int(log.day.min())):
                print(f"{f['segment']:<22}{f['customers_in_log']:>8}{f['active_customers']:>8}"
                      f"{f['purchases_per_year']:>10.2f}{f['average_order_value']:>10.0f}"
                      f"{f['gross_margin']:>8.3f}{f['retention_rate']:>11.3f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
