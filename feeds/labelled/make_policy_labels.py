#!/usr/bin/env python3
"""Merges the judges' labels into the policy labels the tests read.

For each corpus (hys, calls, probe2): judges/<corpus>_judge_a.tsv and _judge_b.tsv
were made independently under ../shared/RELEVANCE-POLICY.md. Where they
agree, that grade stands; where they differ, judges/<corpus>_adjudicated.tsv
(a third judgement that saw both grades and reasons) decides. The split is
by item, fixed: FNV-1a (64 bit) of "omvarld-labels-2026:" + id, even = dev,
odd = test. Writes <corpus>_policy_labels.tsv (id, grade, split, reason) and
prints Cohen's kappa between the two judges. probe2 is keyed by title (its
items, with their kind, are judges/probe2_items.tsv) and gains a kind column.

  feeds/labelled/make_policy_labels.py [hys] [calls]   writes the corpora (default both)
  feeds/labelled/make_policy_labels.py --disagreements hys   lists what to adjudicate
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def read(path):
    rows = {}
    order = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            key, grade, reason = (line.split("\t") + ["", ""])[:3]
            rows[key] = (int(grade), reason)
            order.append(key)
    return rows, order


def fnv1a64(s):
    h = 0xCBF29CE484222325
    for b in s.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def split_of(key):
    return "test" if fnv1a64("omvarld-labels-2026:" + key) % 2 else "dev"


def kappa(a, b, keys):
    n = len(keys)
    agree = sum(a[k][0] == b[k][0] for k in keys) / n
    expected = sum(
        (sum(a[k][0] == g for k in keys) / n) * (sum(b[k][0] == g for k in keys) / n)
        for g in (0, 1, 2))
    return agree, (agree - expected) / (1 - expected)


def main():
    corpora = sys.argv[1:] or ["hys", "calls", "probe2"]
    if len(sys.argv) == 3 and sys.argv[1] == "--disagreements":
        c = sys.argv[2]
        a, order = read(os.path.join(HERE, "judges", c + "_judge_a.tsv"))
        b, _ = read(os.path.join(HERE, "judges", c + "_judge_b.tsv"))
        print("id\tgrade_a\treason_a\tgrade_b\treason_b")
        for k in order:
            if a[k][0] != b[k][0]:
                print(f"{k}\t{a[k][0]}\t{a[k][1]}\t{b[k][0]}\t{b[k][1]}")
        return
    for c in corpora:
        a, order = read(os.path.join(HERE, "judges", c + "_judge_a.tsv"))
        b, _ = read(os.path.join(HERE, "judges", c + "_judge_b.tsv"))
        adj_path = os.path.join(HERE, "judges", c + "_adjudicated.tsv")
        adj = read(adj_path)[0] if os.path.exists(adj_path) else {}
        agree, k = kappa(a, b, order)
        id_col = {"hys": "initiative_id", "calls": "guid"}.get(c, "title")
        kinds = {}
        if c == "probe2":
            with open(os.path.join(HERE, "judges", "probe2_items.tsv"), encoding="utf-8") as f:
                next(f)
                for line in f:
                    cols = line.rstrip("\n").split("\t")
                    if len(cols) >= 2:
                        kinds[cols[0]] = cols[1]
        kind_head = "\tkind" if kinds else ""
        out = [f"# {c}: policy grades (2 clearly relevant, 1 possibly, 0 not); made by "
               "make_policy_labels.py from judges/\n",
               f"{id_col}\tgrade{kind_head}\tsplit\treason\n"]
        missing = 0
        counts = {}
        for key in order:
            if a[key][0] == b[key][0]:
                grade, reason = a[key]
            elif key in adj:
                grade, reason = adj[key]
            else:
                missing += 1
                continue
            s = split_of(key)
            counts[(s, grade)] = counts.get((s, grade), 0) + 1
            kind = f"\t{kinds[key]}" if kinds else ""
            out.append(f"{key}\t{grade}{kind}\t{s}\t{reason}\n")
        if missing:
            sys.exit(f"{c}: {missing} disagreements without an adjudication")
        with open(os.path.join(HERE, c + "_policy_labels.tsv"), "w", encoding="utf-8") as f:
            f.writelines(out)
        print(f"{c}: {len(order)} items; judges agree on {agree:.0%} (Cohen's kappa {k:.2f}); "
              + ", ".join(f"{s} grade {g}: {n}" for (s, g), n in sorted(counts.items())))


if __name__ == "__main__":
    main()
