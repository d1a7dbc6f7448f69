#!/usr/bin/env python3
"""Recompute the headline numbers of example-project/ independently of `uplift`.

Standard library only. The example's YAML is read with a small reader for the
subset the example uses (block mappings and sequences, flow {..} and [..],
quoted and plain scalars, `|` block text, comments). If PyYAML happens to be
installed, every file is also parsed with it and the two results must agree.

Prints per segment CLV, projected CLV' and uplift, the programme uplift
(low/likely/high), PV of the investment, NPV and ROI, and the problem areas;
then asserts the targets the example is built to meet. Exit code 0 = all good.

Usage: python3 scripts/check_example.py [path/to/example-project]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# --------------------------------------------------------------------------
# A tiny YAML-subset reader
# --------------------------------------------------------------------------


def _strip_comment(line: str) -> str:
    """Drop a `#` comment that is outside quotes (and preceded by space or at start)."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def _scalar(text: str):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    if text in ("", "~", "null"):
        return None
    if text in ("true", "false"):
        return text == "true"
    if re.fullmatch(r"[-+]?\d+", text):
        return int(text)
    if re.fullmatch(r"[-+]?(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?", text):
        return float(text)
    return text


class _Flow:
    """Parser for one flow collection such as {a: 1, b: [x, "y"]}."""

    def __init__(self, text: str):
        self.s, self.i = text, 0

    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in " \t":
            self.i += 1

    def value(self, stops: str):
        self.ws()
        ch = self.s[self.i]
        if ch == "{":
            return self.mapping()
        if ch == "[":
            return self.sequence()
        if ch in "\"'":
            end = self.s.index(ch, self.i + 1)
            out, self.i = self.s[self.i + 1 : end], end + 1
            return out
        start = self.i
        while self.i < len(self.s) and self.s[self.i] not in stops:
            self.i += 1
        return _scalar(self.s[start : self.i])

    def mapping(self):
        self.i += 1
        out = {}
        while True:
            self.ws()
            if self.s[self.i] == "}":
                self.i += 1
                return out
            key = self.value(":")
            self.ws()
            assert self.s[self.i] == ":", f"expected ':' in {self.s!r}"
            self.i += 1
            out[str(key)] = self.value(",}")
            self.ws()
            if self.s[self.i] == ",":
                self.i += 1

    def sequence(self):
        self.i += 1
        out = []
        while True:
            self.ws()
            if self.s[self.i] == "]":
                self.i += 1
                return out
            out.append(self.value(",]"))
            self.ws()
            if self.s[self.i] == ",":
                self.i += 1


def _inline(text: str):
    text = text.strip()
    if text[:1] in "{[":
        return _Flow(text).value("")
    return _scalar(text)


def _lines(text: str):
    """(indent, content) per meaningful line; `|` block text is folded into its key line."""
    raw, out, i = text.splitlines(), [], 0
    while i < len(raw):
        line = _strip_comment(raw[i])
        i += 1
        if not line.strip() or line.strip() == "---":
            continue
        indent = len(line) - len(line.lstrip())
        if line.endswith(": |") or line.endswith(":|"):
            block = []
            while i < len(raw) and (not raw[i].strip() or len(raw[i]) - len(raw[i].lstrip()) > indent):
                block.append(raw[i])
                i += 1
            while block and not block[-1].strip():
                block.pop()
            depth = min(len(b) - len(b.lstrip()) for b in block if b.strip())
            body = "\n".join(b[depth:] for b in block) + "\n"
            out.append((indent, line.rsplit("|", 1)[0].rstrip(), body))
        else:
            out.append((indent, line.strip(), None))
    return out


def _block(lines, pos: int, indent: int):
    """Parse the block starting at lines[pos] (all at `indent`); return (value, next_pos)."""
    if lines[pos][1].startswith("- ") or lines[pos][1] == "-":
        seq = []
        while pos < len(lines) and lines[pos][0] == indent and lines[pos][1].startswith("-"):
            rest = lines[pos][1][1:].strip()
            if rest[:1] in "{[" or ":" not in rest or rest[:1] in "\"'" and rest.endswith(rest[0]):
                seq.append(_inline(rest))
                pos += 1
            else:  # "- key: value" starts a mapping at indent + 2
                lines[pos] = (indent + 2, rest, lines[pos][2])
                item, pos = _block(lines, pos, indent + 2)
                seq.append(item)
        return seq, pos
    out = {}
    while pos < len(lines) and lines[pos][0] == indent and not lines[pos][1].startswith("- "):
        _, content, body = lines[pos]
        key, _, rest = content.partition(":")
        key = str(_scalar(key))
        pos += 1
        if body is not None:
            out[key] = body
        elif rest.strip():
            out[key] = _inline(rest)
        elif pos < len(lines) and (lines[pos][0] > indent or lines[pos][1].startswith("- ")):
            out[key], pos = _block(lines, pos, lines[pos][0])
        else:
            out[key] = None
    return out, pos


def load_yaml(text: str):
    lines = _lines(text)
    value, pos = _block(lines, 0, lines[0][0])
    assert pos == len(lines), f"unparsed line: {lines[pos]}"
    return value


def _normalise(value):
    """Make PyYAML output comparable: dates become ISO strings."""
    if isinstance(value, dict):
        return {str(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def read(path: Path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = text.split("---\n")[1]
    data = load_yaml(text)
    try:
        import yaml  # optional cross-check only
    except ImportError:
        return data
    reference = _normalise(yaml.safe_load(text))
    assert data == reference, f"{path}: subset reader disagrees with PyYAML"
    return data


# --------------------------------------------------------------------------
# The formulas
# --------------------------------------------------------------------------

DRIVERS = ("retention_rate", "purchases_per_year", "average_order_value", "gross_margin")
SCENARIOS = ("low", "likely", "high")


def rate(x) -> float:
    if isinstance(x, str) and x.strip().endswith("%"):
        return float(x.strip()[:-1]) / 100
    return float(x)


def lever(levers: dict, name: str) -> dict:
    value = levers.get(name, 0)
    if isinstance(value, dict):
        out = {k: rate(value[k]) for k in SCENARIOS}
        assert out["low"] <= out["likely"] <= out["high"], f"lever {name} not ordered"
        return out
    return {k: rate(value) for k in SCENARIOS}


def clv(f, v, m, r, d, horizon) -> float:
    margin = f * v * m
    return sum(margin * (r / (1 + d)) ** t for t in range(1, horizon + 1))


def drivers(seg: dict) -> dict:
    return {k: rate(seg[k]) for k in DRIVERS}


def projected(base: dict, levers: dict, scenario: str) -> dict:
    g = {k: lever(levers, k)[scenario] for k in DRIVERS}
    return {
        "retention_rate": base["retention_rate"] + g["retention_rate"],
        "purchases_per_year": base["purchases_per_year"] * (1 + g["purchases_per_year"]),
        "average_order_value": base["average_order_value"] * (1 + g["average_order_value"]),
        "gross_margin": base["gross_margin"] + g["gross_margin"],
    }


def seg_clv(x: dict, d, horizon) -> float:
    return clv(x["purchases_per_year"], x["average_order_value"], x["gross_margin"], x["retention_rate"], d, horizon)


def annuity(d, horizon) -> float:
    return sum((1 + d) ** -t for t in range(1, horizon + 1))


# --------------------------------------------------------------------------
# Report and checks
# --------------------------------------------------------------------------


def kr(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ")


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "example-project"
    project = read(root / "project.yaml")
    segments = read(root / "segments.yaml")["segments"]
    journey = read(root / "journey.yaml")
    winloss = read(root / "winloss.yaml")["segments"]
    jobs = read(root / "jobs.yaml")["jobs"]
    notes = [read(p) for p in sorted((root / "workshops").glob("*.md"))]

    d, horizon = rate(project["discount_rate"]), project["horizon_years"]
    target = {k: rate(v) for k, v in project["target_uplift"].items()}
    problems = []

    print(f"{project['client']}: d = {d:.2%}, horizon = {horizon} years\n")
    print(f"{'segment':<22}{'focus':>6}{'N':>7}{'M/yr':>9}{'CLV':>10}{'CLV_likely':>12}{'uplift':>8}")
    base_total = {"focus": 0.0}
    proj_total = {s: {"focus": 0.0, "all_gain": 0.0} for s in SCENARIOS}
    for seg in segments:
        n, base = seg["customers"], drivers(seg)
        c0 = seg_clv(base, d, horizon)
        if seg["focus"]:
            base_total["focus"] += n * c0
        for s in SCENARIOS:
            x = projected(base, seg.get("levers") or {}, s)
            assert 0 < x["retention_rate"] < 1, f"{seg['id']}: projected retention {x['retention_rate']} in {s}"
            c1 = seg_clv(x, d, horizon)
            proj_total[s]["all_gain"] += n * (c1 - c0)
            if seg["focus"]:
                proj_total[s]["focus"] += n * c1
            if s == "likely":
                m = base["purchases_per_year"] * base["average_order_value"] * base["gross_margin"]
                flag = "yes" if seg["focus"] else "no"
                print(f"{seg['id']:<22}{flag:>6}{n:>7}{kr(m):>9}{kr(c0):>10}{kr(c1):>12}{c1 / c0 - 1:>8.1%}")
        problems += problem_areas(seg, base, c0, project.get("benchmarks") or {}, d, horizon)

    pv = sum(rate(i["one_off"]) + rate(i["annual"]) * annuity(d, horizon) for i in project["investment"])
    uplift = {s: proj_total[s]["focus"] / base_total["focus"] - 1 for s in SCENARIOS}
    npv = {s: proj_total[s]["all_gain"] - pv for s in SCENARIOS}
    print(f"\nProgramme uplift (focus segments): " + ", ".join(f"{s} {uplift[s]:.1%}" for s in SCENARIOS))
    print(f"PV of investment:  {kr(pv)} DKK")
    for s in SCENARIOS:
        print(f"NPV {s:<7} {kr(npv[s]):>12} DKK   ROI {npv[s] / pv:5.2f}")

    print("\nProblem areas (value at stake = N x (CLV at benchmark - CLV), DKK):")
    for seg_id, driver, value in problems:
        print(f"  {seg_id:<22}{driver:<22}{'not scored' if value is None else kr(value):>14}")

    check_project(project, segments, target, uplift, npv, pv)
    check_other_files(segments, journey, winloss, jobs, notes, project)
    print("\nAll checks passed.")
    return 0


def problem_areas(seg, base, c0, project_bench, d, horizon):
    bench = {**{k: rate(v) for k, v in project_bench.items()}, **{k: rate(v) for k, v in (seg.get("benchmarks") or {}).items()}}
    out = []
    for driver in DRIVERS:
        if driver not in bench:
            out.append((seg["id"], driver, None))
            continue
        x = dict(base, **{driver: max(base[driver], bench[driver])})
        out.append((seg["id"], driver, seg["customers"] * (seg_clv(x, d, horizon) - c0)))
    return out


def check_project(project, segments, target, uplift, npv, pv):
    assert sum(1 for s in segments if s["focus"]) == 3, "exactly three focus segments"
    assert target["min"] <= uplift["likely"] <= target["max"], f"likely uplift {uplift['likely']:.3f} outside target"
    assert 0.13 <= uplift["likely"] <= 0.16, "aim for a likely uplift of 13-16 %"
    assert uplift["low"] < target["min"] and uplift["high"] > target["max"], "low/high should straddle the target"
    assert npv["likely"] > 0 and 1.5 <= npv["likely"] / pv <= 5, "likely ROI should be 1.5-5"
    for seg in segments:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", seg["id"]), seg["id"]
        assert 0.2 <= rate(seg["gross_margin"]) <= 0.45 and 0.65 <= rate(seg["retention_rate"]) <= 0.92, seg["id"]
    ids = {s["id"] for s in segments}
    assert all(i.get("segment", next(iter(ids))) in ids for i in project["investment"])
    assert 4 <= len(project["investment"]) <= 6 and 4 <= len(project["risks"]) <= 6
    assert 5 <= len(project["timeline"]) <= 8
    assert all(t["start"] <= t["end"] for t in project["timeline"])
    assert "gross_margin" not in (project.get("benchmarks") or {}), "project benchmarks should omit one key"


def check_other_files(segments, journey, winloss, jobs, notes, project):
    ids = {s["id"] for s in segments}
    phases = {p["id"] for p in journey["phases"]}
    tps = journey["touchpoints"]
    assert 5 <= len(phases) <= 6 and 22 <= len(tps) <= 30
    assert len({t["id"] for t in tps}) == len(tps), "touchpoint ids unique"
    absent = [t for t in tps if t.get("present", True) is False]
    assert 2 <= len(absent) <= 3 and all(t["hours_per_year"] == 0 and t["budget_per_year"] == 0 for t in absent)
    for t in tps:
        assert t["phase"] in phases and 1 <= t["importance"] <= 5 and 1 <= t["performance"] <= 5, t["id"]
    assert {w["segment"] for w in winloss} == ids and len(winloss) == len(ids)
    for w in winloss:
        assert sum(w["reasons_won"].values()) == w["won"] and sum(w["reasons_lost"].values()) == w["lost"], w["segment"]
        assert w["upsell"]["upsold"] <= w["upsell"]["customers"]
    assert 10 <= len(jobs) <= 14
    kinds = {}
    for j in jobs:
        assert j.get("segment", next(iter(ids))) in ids, j["id"]
        score = j["importance"] + max(j["importance"] - j["satisfaction"], 0)
        kind = "over" if j["satisfaction"] > j["importance"] else "extreme" if score >= 15 else "under" if score >= 10 else "served"
        kinds[kind] = kinds.get(kind, 0) + 1
    assert all(kinds.get(k, 0) >= 1 for k in ("extreme", "under", "served")) and kinds.get("over", 0) >= 2, kinds
    for note in notes:
        assert set(note["phases"]) <= phases, note["title"]
    rate_h = project["hourly_rate"]
    cost = lambda t: t["hours_per_year"] * rate_h + t["budget_per_year"]
    low = sum(cost(t) for t in tps if t["importance"] <= 2)
    print(f"\nJobs: {kinds}.  Touchpoints: {len(tps)}, {len(absent)} absent; "
          f"importance <= 2 costs {kr(low)} DKK/yr of {kr(sum(cost(t) for t in tps))} DKK/yr.")


if __name__ == "__main__":
    sys.exit(main())
