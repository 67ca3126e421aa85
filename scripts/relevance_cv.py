#!/usr/bin/env python3
"""Choose the relevance thresholds by cross-validation within the dev split.

Reads the cross-validated readings of every dev item that
PolicyModel.DevSplitCrossValidatedWithTheRules writes with
OMVARLD_DEV_READINGS=FILE (per item: the rules' score and whether a theme
matched one of its own terms, the probability of a policy model trained on the
other four folds, the programme's weight), and for every combination of
thresholds on a grid combines them exactly as `combine_readings`
(src/relevance/relevance.cpp) does. A combination is admissible when the
clearly relevant items of both corpora are flagged at recall >= 0.95 and
flagged or worth a look at >= 0.98; among those, the best precision (the
lower of the two corpora's) wins, then the fewest clearly-not items shown.
The consultations scored on their titles alone (the shape of a Parliament vote
or a citizens' initiative) must also be flagged or worth a look at >= 0.98.

Two figures are printed for the winner:
  * chosen on all of dev (what is shipped);
  * nested: for each fold, the winner chosen on the other four folds'
    readings, measured on that fold; the honest figure for the choice itself.

Usage:
  OMVARLD_DEV_READINGS=/tmp/dev.tsv build/tests/omvarld_tests \\
      --gtest_filter='PolicyModel.DevSplitCrossValidatedWithTheRules'
  scripts/relevance_cv.py /tmp/dev.tsv [--variant full|title]
Pure standard library; deterministic.
"""
import argparse
import csv
import itertools
import math


def model_points(p, flag_t, look_t, m_flag, m_look):
    if p < m_look:
        return look_t * p / m_look
    if p < m_flag:
        return look_t + (flag_t - look_t) * (p - m_look) / (m_flag - m_look)
    return flag_t + (100 - flag_t) * (p - m_flag) / (1 - m_flag)


def combine(r, cfg):
    flag_t, look_t, m_flag, m_look, need_term = cfg
    score = r["rule_score"]
    flagged = score >= flag_t and (r["rule_term"] or not need_term)
    if r["model_p"] >= 0:
        pts = model_points(r["model_p"], flag_t, look_t, m_flag, m_look) * r["w"]
        # std::lround: halves away from zero (Python's round() goes to even)
        score = max(score, math.floor(min(100.0, pts) + 0.5))
        flagged = flagged or pts >= flag_t
    grade = 2 if flagged else 1 if score >= look_t else 0
    return score, grade


def auc(pairs):
    pos = [s for g, s in pairs if g == 2]
    neg = [s for g, s in pairs if g == 0]
    if not pos or not neg:
        return float("nan")
    wins = 0.0
    for a in pos:
        for b in neg:
            wins += 1 if a > b else 0.5 if a == b else 0
    return wins / (len(pos) * len(neg))


def figures(rows, cfg):
    out = {}
    for corpus in ("hys", "calls"):
        rel = flagged_rel = flagged_not = shown_rel = shown_not = n_not = 0
        pairs = []
        for r in rows:
            if r["corpus"] != corpus:
                continue
            score, grade = combine(r, cfg)
            g = r["grade"]
            pairs.append((g, score))
            if g == 2:
                rel += 1
                flagged_rel += grade == 2
                shown_rel += grade >= 1
            elif g == 0:
                n_not += 1
                flagged_not += grade == 2
                shown_not += grade >= 1
        if rel == 0:
            continue
        flags = flagged_rel + flagged_not
        out[corpus] = {
            "recall": flagged_rel / rel,
            "precision": flagged_rel / flags if flags else float("nan"),
            "shown": shown_rel / rel,
            "shown_not": shown_not,
            "n_not": n_not,
            "rel": rel,
            "flagged_rel": flagged_rel,
            "flagged_not": flagged_not,
            "auc": auc(pairs),
        }
    return out


GRID = list(itertools.product(
    [20, 25, 30, 35, 40, 45],                  # flag_threshold
    [5, 8, 10, 12, 15],                        # look_threshold
    [0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95],    # model flag
    [0.2, 0.3, 0.4, 0.5],                      # model look
    [1, 0],                                    # the rules flag only with a theme's own term
))
GRID = [c for c in GRID if c[1] < c[0] and c[3] < c[2]]


def key(fig, title_fig=None):
    vals = list(fig.values())
    ok = all(v["recall"] >= 0.95 and v["shown"] >= 0.98 for v in vals)
    # Items of the held-out kinds (Parliament votes, citizens' initiatives)
    # have a title and nothing else: the consultations scored on their titles
    # alone must still be flagged or worth a look at 0.98.
    if title_fig is not None:
        ok = ok and title_fig["hys"]["shown"] >= 0.98
    rec = min(v["recall"] for v in vals)
    shown = min(v["shown"] for v in vals)
    prec = min((v["precision"] if not math.isnan(v["precision"]) else 0) for v in vals)
    noise = sum(v["shown_not"] for v in vals)
    # Admissible first; then precision; otherwise as much recall as can be had.
    return (ok, prec if ok else min(rec, 0.95) + min(shown, 0.98), prec, -noise)


def choose(rows, title_rows):
    return max(GRID, key=lambda c: key(figures(rows, c), figures(title_rows, c)))


def show(label, fig):
    for corpus, v in fig.items():
        print(f"  {label} {corpus}: recall {v['recall']:.2f} ({v['flagged_rel']}/{v['rel']}) "
              f"precision {v['precision']:.2f} ({v['flagged_not']} clearly not flagged) "
              f"flagged or look {v['shown']:.2f} clearly not shown {v['shown_not']}/{v['n_not']} "
              f"AUC {v['auc']:.3f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("readings")
    ap.add_argument("--variant", default="full")
    ap.add_argument("--config", help="flag,look,model_flag,model_look,need_term: figures for one config")
    args = ap.parse_args()
    rows, title_rows = [], []
    with open(args.readings) as f:
        for r in csv.DictReader(f, delimiter="\t"):
            if r["variant"] not in (args.variant, "title"):
                continue
            (rows if r["variant"] == args.variant else title_rows).append({"corpus": r["corpus"], "grade": int(r["grade"]), "fold": int(r["fold"]),
                         "rule_score": int(r["rule_score"]), "rule_term": r["rule_term"] == "1",
                         "model_p": float(r["model_p"]), "w": float(r["programme_weight"]),
                         "score": int(r["score"]), "out_grade": int(r["out_grade"]),
                         "shipped": tuple(float(x) for x in r["shipped"].split(",")) + (1,)})
    # combine() is a copy of the scorer's combine_readings: it must give the
    # scorer's own score and grade under the shipped thresholds, or nothing
    # it chooses means anything.
    wrong = [r for r in rows + title_rows if combine(r, r["shipped"]) != (r["score"], r["out_grade"])]
    if wrong:
        raise SystemExit(f"relevance_cv.py: combine() disagrees with the scorer on {len(wrong)} of "
                         f"{len(rows) + len(title_rows)} readings (first: {wrong[0]}); "
                         "bring it in line with combine_readings in src/relevance/relevance.cpp")
    if args.config:
        cfg = tuple(float(x) for x in args.config.split(","))
        show("config", figures(rows, cfg))
        return
    best = choose(rows, title_rows)
    print(f"chosen on all of dev ({args.variant}): flag_threshold {best[0]} look_threshold {best[1]} "
          f"model flag {best[2]} model look {best[3]} need a term {best[4]}")
    show("dev", figures(rows, best))
    nested = []
    for f in sorted({r["fold"] for r in rows}):
        cfg = choose([r for r in rows if r["fold"] != f], [r for r in title_rows if r["fold"] != f])
        print(f"  fold {f}: chosen on the other folds {cfg}")
        nested += [(r, cfg) for r in rows if r["fold"] == f]
    # Nested figures: each fold's items combined with its own choice.
    merged = {}
    for corpus in ("hys", "calls"):
        items = [(r, c) for r, c in nested if r["corpus"] == corpus]
        rel = sum(1 for r, _ in items if r["grade"] == 2)
        fr = sum(1 for r, c in items if r["grade"] == 2 and combine(r, c)[1] == 2)
        fn = sum(1 for r, c in items if r["grade"] == 0 and combine(r, c)[1] == 2)
        sh = sum(1 for r, c in items if r["grade"] == 2 and combine(r, c)[1] >= 1)
        merged[corpus] = (fr, rel, fn, sh)
        print(f"  nested {corpus}: recall {fr / rel:.2f} ({fr}/{rel}) precision "
              f"{fr / max(1, fr + fn):.2f} ({fn} clearly not flagged) flagged or look {sh / rel:.2f}")


if __name__ == "__main__":
    main()
