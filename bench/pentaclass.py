#!/usr/bin/env python3
"""Scores dyad's root codes on the labelled development sentences (five-way class from the CAMEO root).

    bench/pentaclass.py [--dyad build/release/dyad] [--tsv ../shared/data/dev-pentaclass-train.tsv] [--misses N]

Classes: 0 statement (roots 01-02), 1 verbal cooperation (03-05), 2 material cooperation (06-08),
3 verbal conflict (09-13, 16), 4 material conflict (14, 15, 17-20). A sentence's prediction is its most confident
asserted event that is not a bare statement, else its statement; no event is a miss (class -1). The file is not part
of the project: without it the script says so and exits 0. Use the figures as a development signal; do not tune
dictionaries to individual sentences (a separate evaluation on other sentences decides).
"""
import argparse
import collections
import csv
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def root_class(root):
    r = int(root)
    if r <= 2:
        return 0
    if r <= 5:
        return 1
    if r <= 8:
        return 2
    if r in (9, 10, 11, 12, 13, 16):
        return 3
    return 4


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dyad", default=os.path.join(ROOT, "build/release/dyad"))
    parser.add_argument("--tsv", default=os.path.join(ROOT, "../shared/data/dev-pentaclass-train.tsv"))
    parser.add_argument("--misses", type=int, default=0, help="print this many misclassified sentences")
    args = parser.parse_args()
    if not os.path.exists(args.tsv):
        print(f"pentaclass: {args.tsv} not found; skipped")
        return 0
    rows = list(csv.DictReader(open(args.tsv, encoding="utf-8"), delimiter="\t"))
    lines = "".join(json.dumps({"id": r["id"], "date": "2018-06-01", "text": r["sentence_text"]}) + "\n" for r in rows)
    out = subprocess.run([args.dyad, "code", "-"], input=lines, capture_output=True, text=True, check=True).stdout
    events = collections.defaultdict(list)
    for line in out.splitlines():
        e = json.loads(line)
        events[e["article_id"]].append(e)
    confusion = collections.Counter()
    misses = []
    for r in rows:
        gold = int(r["label"][0])
        candidates = [e for e in events[r["id"]] if e["mode"] == "asserted"] or events[r["id"]]
        candidates.sort(key=lambda e: (e["root"] in ("01", "02"), -e["confidence"]))
        pred = root_class(candidates[0]["root"]) if candidates else -1
        confusion[(gold, pred)] += 1
        if pred != gold:
            misses.append((gold, pred, r["sentence_text"]))
    total = len(rows)
    right = sum(confusion[(c, c)] for c in range(5))
    coded = total - sum(confusion[(g, -1)] for g in range(5))
    f1s = []
    for c in range(5):
        tp = confusion[(c, c)]
        fp = sum(confusion[(g, c)] for g in range(5) if g != c)
        fn = sum(confusion[(c, p)] for p in range(-1, 5) if p != c)
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * p * rc / (p + rc) if p + rc else 0.0)
    print(f"sentences: {total}, with an event: {coded} ({100 * coded / total:.1f}%)")
    print(f"accuracy: {right / total:.3f} (on sentences with an event: {right / max(coded, 1):.3f})")
    print(f"macro-F1: {sum(f1s) / 5:.3f}  per class: " + " ".join(f"{c}:{f:.3f}" for c, f in enumerate(f1s)))
    print("confusion (rows gold 0-4, columns predicted: none 0 1 2 3 4)")
    for g in range(5):
        print(f"  {g}: " + " ".join(f"{confusion[(g, p)]:5d}" for p in range(-1, 5)))
    for gold, pred, text in misses[: args.misses]:
        print(f"  gold {gold} got {pred}: {text[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
