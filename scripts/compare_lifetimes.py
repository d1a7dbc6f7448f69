#!/usr/bin/env python3
"""Compare `uplift fit` with the Python `lifetimes` package on the same data.

1. Generates a one-segment BG/NBD x Gamma-Gamma log with scripts/generate_transactions.py.
2. Builds the per-customer summary with lifetimes' summary_data_from_transaction_data
   (freq 'D', observation end E) and writes it in uplift's summary format
   (customer,segment,frequency,recency,T,monetary_value,first_purchase,last_purchase).
3. Runs `uplift fit SUMMARY --horizon-days 365 --predictions PRED.csv`.
4. Fits lifetimes' BetaGeoFitter and GammaGammaFitter on the same summary file.
5. Compares the parameters (r, alpha, a, b; p, q, v), the BG/NBD log-likelihood and,
   per customer, P(alive), expected purchases in the next 365 days and the conditional
   expected average spend, with relative tolerance 1e-3 (--rtol).

Prints a table; exit code 0 = agreement, 1 = disagreement, 2 = uplift could not be run
or its output could not be read, 3 = Python packages missing. Needs the pins in
scripts/requirements-bench.txt (lifetimes 0.11.3 works with numpy 1.26 / pandas 2.2 /
scipy 1.13 / autograd 1.7 on Python 3.11).

Usage: python scripts/compare_lifetimes.py [--customers 10000] [--seed 42]
           [--uplift target/release/uplift] [--workdir DIR] [--rtol 1e-3] [--skip-uplift]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HORIZON = 365
SEGMENT = "installers"  # the one segment of generate_transactions.py --preset single
ATOL = 1e-9  # absolute floor for values that are 0 (or nearly) on both sides


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--customers", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--uplift", default=str(ROOT / "target" / "release" / "uplift"))
    ap.add_argument("--workdir", default=None, help="keep the files here (default: a temporary folder)")
    ap.add_argument("--rtol", type=float, default=1e-3)
    ap.add_argument("--skip-uplift", action="store_true",
                    help="only build the summary and fit lifetimes (to check the Python side)")
    return ap.parse_args(argv)


def close(x: float, y: float, rtol: float) -> bool:
    return abs(x - y) <= rtol * max(abs(x), abs(y)) or abs(x - y) <= ATOL


def rel_diff(x: float, y: float) -> float:
    scale = max(abs(x), abs(y))
    return 0.0 if scale == 0 else abs(x - y) / scale


def bgnbd_log_likelihood(params: dict, x, t, big_t) -> float:
    """Total BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 6), time in days."""
    import numpy as np
    from scipy.special import gammaln

    r, alpha, a, b = (params[k] for k in ("r", "alpha", "a", "b"))
    x, t, big_t = (np.asarray(v, dtype=float) for v in (x, t, big_t))
    beta_part = gammaln(b + x) + gammaln(a + b) - gammaln(b) - gammaln(a + b + x)
    nbd_part = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    alive = -(r + x) * np.log(alpha + big_t)
    with np.errstate(divide="ignore"):
        dropped = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300))
                           - (r + x) * np.log(alpha + t), -np.inf)
    return float(np.sum(beta_part + nbd_part + np.logaddexp(alive, dropped)))


def lifetimes_summary(log_path: Path, end: dt.date, out_path: Path):
    """lifetimes' summary of the log, written in uplift's format; returns the frame."""
    import numpy as np
    import pandas as pd
    from lifetimes.utils import summary_data_from_transaction_data

    log = pd.read_csv(log_path, dtype={"customer_id": str, "segment": str})
    s = summary_data_from_transaction_data(
        log, "customer_id", "date", monetary_value_col="amount",
        observation_period_end=end.isoformat(), freq="D")
    segment = log.groupby("customer_id")["segment"].first()
    end_ts = pd.Timestamp(end)
    first = end_ts - pd.to_timedelta(s["T"], unit="D")
    last = first + pd.to_timedelta(s["recency"], unit="D")
    out = pd.DataFrame({
        "customer": s.index.astype(str),
        "segment": segment.reindex(s.index).to_numpy(),
        "frequency": s["frequency"].astype(np.int64).to_numpy(),
        "recency": s["recency"].astype(np.int64).to_numpy(),
        "T": s["T"].astype(np.int64).to_numpy(),
        "monetary_value": s["monetary_value"].to_numpy(),
        "first_purchase": first.dt.strftime("%Y-%m-%d").to_numpy(),
        "last_purchase": last.dt.strftime("%Y-%m-%d").to_numpy(),
    })
    order = np.argsort(out["customer"].map(lambda c: c.encode("utf-8")).to_numpy(), kind="stable")
    out = out.iloc[order]
    out.to_csv(out_path, index=False, float_format="%.6f", lineterminator="\n")
    return out


def fit_lifetimes(summary_path: Path):
    """BetaGeoFitter and GammaGammaFitter on the summary file, plus per-customer predictions."""
    import pandas as pd
    from lifetimes import BetaGeoFitter, GammaGammaFitter

    s = pd.read_csv(summary_path, dtype={"customer": str})
    t0 = time.perf_counter()
    bg = BetaGeoFitter(penalizer_coef=0.0)
    bg.fit(s["frequency"], s["recency"], s["T"])
    repeat = s[s["frequency"] > 0]
    gg = GammaGammaFitter(penalizer_coef=0.0)
    gg.fit(repeat["frequency"], repeat["monetary_value"])
    seconds = time.perf_counter() - t0
    pred = pd.DataFrame({
        "customer": s["customer"],
        "p_alive": bg.conditional_probability_alive(s["frequency"], s["recency"], s["T"]),
        "expected_purchases": bg.conditional_expected_number_of_purchases_up_to_time(
            HORIZON, s["frequency"], s["recency"], s["T"]),
        "expected_average_spend": gg.conditional_expected_average_profit(
            s["frequency"], s["monetary_value"]).to_numpy(),
    })
    bg_params = {k: float(v) for k, v in bg.params_.items()}
    bg_params["log_likelihood"] = bgnbd_log_likelihood(bg_params, s["frequency"], s["recency"], s["T"])
    gg_params = {k: float(v) for k, v in gg.params_.items()}
    gg_params["customers"] = len(repeat)
    return s, bg_params, gg_params, pred, seconds


def run_uplift(binary: str, summary_path: Path, pred_path: Path):
    cmd = [binary, "fit", str(summary_path), "--horizon-days", str(HORIZON),
           "--predictions", str(pred_path)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"`{' '.join(cmd)}` exited {proc.returncode}:\n{proc.stderr.strip()}")
    return json.loads(proc.stdout), seconds


def main(argv=None) -> int:
    args = parse_args(argv)
    try:
        import lifetimes  # noqa: F401
        import numpy as np
        import pandas as pd
    except ImportError as e:
        print(f"compare_lifetimes: {e}; install scripts/requirements-bench.txt", file=sys.stderr)
        return 3
    warnings.simplefilter("ignore", FutureWarning)

    tmp = None
    if args.workdir:
        work = Path(args.workdir)
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory()
        work = Path(tmp.name)
    log_path, summary_path, pred_path = work / "log.csv", work / "summary.csv", work / "predictions.csv"
    end = dt.date(2026, 10, 31)

    subprocess.run([sys.executable, str(ROOT / "scripts" / "generate_transactions.py"),
                    "--preset", "single", "--customers", str(args.customers),
                    "--seed", str(args.seed), "--end", end.isoformat(), "--out", str(log_path)],
                   check=True)
    summary = lifetimes_summary(log_path, end, summary_path)
    print(f"summary (lifetimes, freq 'D', E = {end}): {len(summary)} customers, "
          f"{int((summary['frequency'] > 0).sum())} with repeat purchases -> {summary_path}")
    s, lt_bg, lt_gg, lt_pred, lt_seconds = fit_lifetimes(summary_path)
    print(f"lifetimes fits: {lt_seconds:.2f} s")

    if args.skip_uplift:
        print("lifetimes BG/NBD: " + ", ".join(f"{k}={v:.6g}" for k, v in lt_bg.items()))
        print("lifetimes Gamma-Gamma: " + ", ".join(f"{k}={v:.6g}" for k, v in lt_gg.items()))
        print("--skip-uplift: uplift not run")
        return 0

    try:
        out, up_seconds = run_uplift(args.uplift, summary_path, pred_path)
        segs = {seg["segment"]: seg for seg in out["segments"]}
        seg = segs[SEGMENT]
        up_pred = pd.read_csv(pred_path, dtype={"customer": str, "segment": str})
    except (OSError, RuntimeError, ValueError, KeyError, TypeError) as e:
        print(f"compare_lifetimes: could not run or read uplift: {e}", file=sys.stderr)
        return 2
    print(f"uplift fit: {up_seconds:.2f} s (process wall time)")

    failures = []
    print()
    print(f"| parameter | uplift | lifetimes | rel. diff | within {args.rtol:g} |")
    print("|---|---|---|---|---|")
    rows = []
    bg, gg = seg.get("bg_nbd"), seg.get("gamma_gamma")
    if bg is None or gg is None:
        failures.append("uplift returned a null model")
        bg, gg = bg or {}, gg or {}
    for k in ("r", "alpha", "a", "b", "log_likelihood"):
        rows.append((f"BG/NBD {k}", bg.get(k), lt_bg[k]))
    for k in ("p", "q", "v"):
        rows.append((f"Gamma-Gamma {k}", gg.get(k), lt_gg[k]))
    for name, up, lt in rows:
        ok = up is not None and close(float(up), lt, args.rtol)
        if not ok:
            failures.append(f"{name}: uplift {up} vs lifetimes {lt:.6g}")
        up_s = "null" if up is None else f"{float(up):.6g}"
        diff = "" if up is None else f"{rel_diff(float(up), lt):.2e}"
        print(f"| {name} | {up_s} | {lt:.6g} | {diff} | {'yes' if ok else 'NO'} |")

    # Extra consistency checks: uplift's log-likelihood is the BG/NBD likelihood at its
    # own parameters, and the customer counts match.
    if all(k in bg for k in ("r", "alpha", "a", "b", "log_likelihood")):
        own = bgnbd_log_likelihood(bg, s["frequency"], s["recency"], s["T"])
        ok = close(float(bg["log_likelihood"]), own, 1e-6)
        print(f"| BG/NBD log-likelihood recomputed at uplift's parameters | {float(bg['log_likelihood']):.10g} "
              f"| {own:.10g} | {rel_diff(float(bg['log_likelihood']), own):.2e} | {'yes' if ok else 'NO'} |")
        if not ok:
            failures.append("uplift's log_likelihood is not the BG/NBD log-likelihood at its parameters")
    for name, up, lt in (("customers", seg.get("customers"), len(s)),
                         ("Gamma-Gamma customers", gg.get("customers"), lt_gg["customers"])):
        ok = up == lt
        print(f"| {name} | {up} | {lt} | | {'yes' if ok else 'NO'} |")
        if not ok:
            failures.append(f"{name}: uplift {up} vs {lt}")

    print()
    print(f"| prediction (next {HORIZON} days) | customers | max rel. diff | outside {args.rtol:g} |")
    print("|---|---|---|---|")
    merged = lt_pred.merge(up_pred, on="customer", how="outer", suffixes=("_lt", "_up"), indicator=True)
    unmatched = int((merged["_merge"] != "both").sum())
    if unmatched:
        failures.append(f"{unmatched} customers are in only one of the prediction files")
    merged = merged[merged["_merge"] == "both"]
    for col in ("p_alive", "expected_purchases", "expected_average_spend"):
        lt = merged[f"{col}_lt"].to_numpy(dtype=float)
        up = pd.to_numeric(merged[f"{col}_up"], errors="coerce").to_numpy(dtype=float)
        scale = np.maximum(np.abs(lt), np.abs(up))
        diff = np.abs(lt - up)
        rel = np.where(scale > 0, diff / np.where(scale > 0, scale, 1), 0.0)
        bad = ~((diff <= args.rtol * scale) | (diff <= ATOL))  # NaN counts as bad
        worst = np.nanmax(rel) if np.isfinite(rel).any() else float("nan")
        print(f"| {col} | {len(merged)} | {worst:.2e} | {int(bad.sum())} |")
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            failures.append(f"{col}: {int(bad.sum())} customers differ, e.g. {merged['customer'].iloc[i]}: "
                            f"uplift {up[i]!r} vs lifetimes {lt[i]!r}")
    print()
    if failures:
        print("DISAGREEMENT:")
        for f in failures:
            print(f"  - {f}")
        return 1
    print(f"uplift and lifetimes agree within {args.rtol:g} ({len(s)} customers, seed {args.seed}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
