#!/usr/bin/env python3
"""An independent, plain-Python reading of COINr's ASEM example pipeline.

It shares no code with the C++ engine: it re-derives every step from COINr's
documented definitions (see docs/coinr-agreement.md) and prints the scores and
ranks the engine's agreement test checks (tests/analysis/coinr_agreement_test.cpp).

    python3 tests/analysis/coinr_reference.py ../shared/fixtures/coinr
"""
import csv
import math
import sys


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def skew(v):  # e1071 type 2
    n = len(v)
    m = sum(v) / n
    d = [x - m for x in v]
    m2 = sum(x * x for x in d)
    m3 = sum(x ** 3 for x in d)
    g1 = math.sqrt(n) * m3 / m2 ** 1.5
    return g1 * math.sqrt(n * (n - 1)) / (n - 2)


def kurt(v):  # e1071 type 2 (excess)
    n = len(v)
    m = sum(v) / n
    d = [x - m for x in v]
    m2 = sum(x * x for x in d)
    m4 = sum(x ** 4 for x in d)
    r = n * m4 / m2 ** 2
    return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))


def passes(v):
    return abs(skew(v)) < 2 or kurt(v) < 3.5


def treat(v):
    if passes(v):
        return v, "none"
    x = list(v)
    hi = lo = []
    while not passes(x) and len(hi) + len(lo) < 5:
        if skew(x) >= 0:
            top = max(x)
            hi = [i for i, a in enumerate(x) if a == top]
            nxt = max(a for a in x if a != top)
            for i in hi:
                x[i] = nxt
        else:
            bot = min(x)
            lo = [i for i, a in enumerate(x) if a == bot]
            nxt = min(a for a in x if a != bot)
            for i in lo:
                x[i] = nxt
    if passes(x):
        return x, "winsorised %d" % (len(hi) + len(lo))
    mn, mx = min(v), max(v)
    return [math.log(a - mn + 0.01 * (mx - mn)) for a in v], "log"


def main(folder):
    meta = read(folder + "/asem_imeta.csv")
    data = read(folder + "/asem_idata.csv")
    inds = [m for m in meta if m["Type"] == "Indicator"]
    aggs = [m for m in meta if m["Type"] == "Aggregate"]
    units = [r["uCode"] for r in data]
    n = len(units)
    # Raw, denominated.
    x = {}
    for m in inds:
        col = []
        for r in data:
            v = r[m["iCode"]]
            v = float(v) if v != "" else None
            if v is not None and m["Denominator"]:
                d = r[m["Denominator"]]
                v = v / float(d) if d not in ("", "0") else None
            col.append(v)
        x[m["iCode"]] = col
    # Group-mean imputation by EurAsia_group.
    groups = [r["EurAsia_group"] for r in data]
    for code, col in x.items():
        for g in set(groups):
            vals = [col[i] for i in range(n) if groups[i] == g and col[i] is not None]
            for i in range(n):
                if groups[i] == g and col[i] is None and vals:
                    col[i] = sum(vals) / len(vals)
    # Screening at 90% after imputation removes nobody if everything was filled.
    assert all(v is not None for col in x.values() for v in col)
    # Outliers, then min-max 0-100 with directions.
    score = {}
    treated = {}
    for m in inds:
        col, how = treat(x[m["iCode"]])
        treated[m["iCode"]] = how
        d = float(m["Direction"])
        col = [a * d for a in col]
        mn, mx = min(col), max(col)
        score[m["iCode"]] = [(a - mn) / (mx - mn) * 100 for a in col]
    # Aggregation level by level, weights rescaled within each parent.
    for level in (2, 3, 4):
        for a in aggs:
            if int(a["Level"]) != level:
                continue
            kids = [m for m in meta if m["Parent"] == a["iCode"]]
            w = [float(k["Weight"]) for k in kids]
            score[a["iCode"]] = [
                sum(wk * score[k["iCode"]][i] for wk, k in zip(w, kids)) / sum(w) for i in range(n)
            ]

    def ranks(col):
        return [1 + sum(1 for b in col if b > a) for a in col]

    print("# treated:", ", ".join("%s=%s" % (k, v) for k, v in treated.items() if v != "none"))
    for code in ["Index", "Conn", "Sust"] + [a["iCode"] for a in aggs if a["Level"] == "2"]:
        r = ranks(score[code])
        print("# %s" % code)
        for u, s, k in sorted(zip(units, score[code], r), key=lambda t: t[2]):
            print("%s,%s,%.12f,%d" % (code, u, s, k))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/fixtures/coinr")
