#!/usr/bin/env python3
"""Compare `uplift fit` with the Python `lifetimes` package on the same data.

1. Generates a one-segment BG/NBD x Gamma-Gamma log with scripts/generate_transactions.py.
2. Builds the per-customer summary with lifetimes' summary_data_from_transaction_data
   (freq 'D', observation end E) and writes it in uplift's summary format
   (customer,segment,frequency,recency,T,monetary_value,first_purchase,last_purchase).
3. Runs `uplift fit SUMMARY --horizon-days 365 --predictions PRED.csv`.
4. Fits lifetimes' BetaGeoFitter and GammaGammaFitter on the same summary file.
5. Compares the parameters (BG/NBD r, alpha, a, b; Pareto/NBD r, alpha, s, beta; MBG/NBD
   r, alpha, a, b; Gamma-Gamma p, q, v), the standard errors lifetimes reports (BG/NBD,
   MBG/NBD, Gamma-Gamma; its Pareto/NBD fitter reports none), the BG/NBD log-likelihood and,
   per customer, each model's P(alive) and expected purchases in the next 365 days and the
   conditional expected average spend, with relative tolerance 1e-3 (--rtol).
6. Fits BG/BB to lifetimes' own donations data set (written as a periods summary) with
   `uplift fit` and BetaGeoBetaBinomFitter, and compares the parameters, their standard
   errors and each history's P(alive) and expected transactions in the next 5 periods.

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
    """Every lifetimes fitter uplift has on the summary file, plus per-customer predictions.
    Returns the frame, {model: {param: value, "se": {param: se}}}, the predictions, seconds."""
    import pandas as pd
    from lifetimes import BetaGeoFitter, GammaGammaFitter, ModifiedBetaGeoFitter, ParetoNBDFitter

    s = pd.read_csv(summary_path, dtype={"customer": str})
    x, t_x, big_t = s["frequency"], s["recency"], s["T"]
    t0 = time.perf_counter()
    bg = BetaGeoFitter(penalizer_coef=0.0).fit(x, t_x, big_t)
    pareto = ParetoNBDFitter(penalizer_coef=0.0).fit(x, t_x, big_t)
    mbg = ModifiedBetaGeoFitter(penalizer_coef=0.0).fit(x, t_x, big_t)
    repeat = s[s["frequency"] > 0]
    gg = GammaGammaFitter(penalizer_coef=0.0).fit(repeat["frequency"], repeat["monetary_value"])
    seconds = time.perf_counter() - t0
    pred = pd.DataFrame({"customer": s["customer"]})
    for suffix, f in (("", bg), ("_pareto_nbd", pareto), ("_mbg_nbd", mbg)):
        pred["p_alive" + suffix] = f.conditional_probability_alive(x, t_x, big_t)
        pred["expected_purchases" + suffix] = f.conditional_expected_number_of_purchases_up_to_time(
            HORIZON, x, t_x, big_t)
    pred["expected_average_spend"] = gg.conditional_expected_average_profit(
        s["frequency"], s["monetary_value"]).to_numpy()
    fits = {}
    for name, f in (("bg_nbd", bg), ("pareto_nbd", pareto), ("mbg_nbd", mbg), ("gamma_gamma", gg)):
        fits[name] = {k: float(v) for k, v in f.params_.items()}
        se = getattr(f, "standard_errors_", None)
        fits[name]["se"] = None if se is None else {k: float(v) for k, v in se.items()}
    fits["bg_nbd"]["log_likelihood"] = bgnbd_log_likelihood(fits["bg_nbd"], x, t_x, big_t)
    fits["gamma_gamma"]["customers"] = len(repeat)
    return s, fits, pred, seconds


def compare_bg_bb(binary: str, work: Path, rtol: float, failures: list) -> None:
    """BG/BB on lifetimes' donations data: uplift fit on it as a periods summary against
    BetaGeoBetaBinomFitter: parameters, standard errors and per-history predictions."""
    import numpy as np
    from lifetimes import BetaGeoBetaBinomFitter
    from lifetimes.datasets import load_donations

    d = load_donations()
    lt = BetaGeoBetaBinomFitter().fit(d["frequency"], d["recency"], d["periods"], d["weights"])
    path, pred_path = work / "donations-periods.csv", work / "donations-predictions.csv"
    with open(path, "w") as out:
        out.write("customer,segment,frequency,recency,periods,count\n")
        for i, row in d.iterrows():
            out.write(f"h{i},supporters,{row['frequency']},{row['recency']},{row['periods']},{row['weights']}\n")
    proc = subprocess.run([binary, "fit", str(path), "--predictions", str(pred_path)],
                          check=False, capture_output=True, text=True)
    if proc.returncode != 0:
        failures.append(f"uplift fit on the donations exited {proc.returncode}: {proc.stderr.strip()}")
        return
    up = json.loads(proc.stdout)["segments"][0]["bg_bb"]
    print()
    print(f"| BG/BB (donations, {int(d['weights'].sum())} supporters) | uplift | lifetimes | rel. diff | within {rtol:g} |")
    print("|---|---|---|---|---|")
    for k in ("alpha", "beta", "gamma", "delta"):
        for label, u, l in ((k, up[k], float(lt.params_[k])),
                            (f"se({k})", up["standard_errors"][k], float(lt.standard_errors_[k]))):
            ok = close(float(u), l, rtol)
            print(f"| {label} | {float(u):.6g} | {l:.6g} | {rel_diff(float(u), l):.2e} | {'yes' if ok else 'NO'} |")
            if not ok:
                failures.append(f"BG/BB {label}: uplift {u} vs lifetimes {l:.6g}")
    # uplift writes the histories in the order of their ids; match them by id.
    rows = {line.split(",")[0]: line.split(",") for line in pred_path.read_text().splitlines()[1:]}
    x, t_x, n = (d[c].to_numpy() for c in ("frequency", "recency", "periods"))
    lt_alive = lt.conditional_probability_alive(1, x, t_x, n)
    lt_next = lt.conditional_expected_number_of_purchases_up_to_time(5, x, t_x, n)
    worst = 0.0
    for i in range(len(d)):
        row = rows[f"h{i}"]
        for u, l in ((float(row[2]), lt_alive[i]), (float(row[3]), lt_next[i])):
            worst = max(worst, rel_diff(u, float(l)))
            if not close(u, float(l), rtol):
                failures.append(f"BG/BB prediction of h{i}: uplift {u} vs lifetimes {l}")
    print(f"| P(alive at n+1), expected transactions in 5 periods: {len(rows)} histories | | | {worst:.2e} max | "
          f"{'yes' if worst <= rtol else 'NO'} |")


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
    s, lt_fits, lt_pred, lt_seconds = fit_lifetimes(summary_path)
    lt_bg, lt_gg = lt_fits["bg_nbd"], lt_fits["gamma_gamma"]
    print(f"lifetimes fits (BG/NBD, Pareto/NBD, MBG/NBD, Gamma-Gamma): {lt_seconds:.2f} s")

    if args.skip_uplift:
        for name, fit in lt_fits.items():
            print(f"lifetimes {name}: " + ", ".join(f"{k}={v:.6g}" for k, v in fit.items() if k != "se"))
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
    names = {"bg_nbd": ("BG/NBD", ("r", "alpha", "a", "b")), "pareto_nbd": ("Pareto/NBD", ("r", "alpha", "s", "beta")),
             "mbg_nbd": ("MBG/NBD", ("r", "alpha", "a", "b")), "gamma_gamma": ("Gamma-Gamma", ("p", "q", "v"))}
    fitted = {}
    for key, (label, params) in names.items():
        model = seg.get(key)
        if model is None:
            failures.append(f"uplift returned no {label} fit")
            model = {}
        fitted[key] = model
        for k in params:
            rows.append((f"{label} {k}", model.get(k), lt_fits[key][k]))
        if key == "bg_nbd":
            rows.append(("BG/NBD log_likelihood", model.get("log_likelihood"), lt_bg["log_likelihood"]))
        for k in params if lt_fits[key]["se"] else ():
            up_se = (model.get("standard_errors") or {}).get(k)
            rows.append((f"{label} se({k})", up_se, lt_fits[key]["se"][k]))
    bg, gg = fitted["bg_nbd"], fitted["gamma_gamma"]
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
    for col in ("p_alive", "expected_purchases", "expected_average_spend", "p_alive_pareto_nbd",
                "expected_purchases_pareto_nbd", "p_alive_mbg_nbd", "expected_purchases_mbg_nbd"):
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
    compare_bg_bb(args.uplift, work, args.rtol, failures)
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
