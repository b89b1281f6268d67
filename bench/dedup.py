"""De-duplication benchmark: pairwise precision/recall/F1 and time on every set in ../shared/data/dedup,
then a scaling run on 50,000 synthetic records built from the shared sets.

    .venv/bin/python bench/dedup.py [--data DIR] [--scale N] [--seed S]

Pairwise metrics are over all record pairs that share a true (or predicted) duplicate group.
"review" adds the uncertain pairs a person is shown to the automatic groups, i.e. the recall
reachable after the review list has been worked through (an upper bound).

Scaling set: each shared record is copied k times; copy k gets three title words replaced,
 other volume, pages and DOI, and the same or the next year, so copies are distinct
publications while the true duplicate groups inside each copy are kept (ground truth known).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from workbench.domain.dedup import DedupInput, find_duplicates, pairwise_scores  # noqa: E402
from workbench.services.dedup import load_inputs  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "dedup"


def read_truth(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        return [row["merged_ids"].split(";") for row in csv.DictReader(fh) if row.get("merged_ids")]


def run_set(folder: Path) -> tuple[dict, list[DedupInput], list[list[str]]]:
    t0 = time.perf_counter()
    inputs = load_inputs([folder / "records_pre_merged.csv"])
    t_load = time.perf_counter() - t0
    truth = read_truth(folder / "merged_record_ids.csv")
    t1 = time.perf_counter()
    res = find_duplicates(inputs)
    t_dedup = time.perf_counter() - t1
    auto = pairwise_scores(res.groups, truth)
    review_groups = res.groups + [[p.a, p.b] for p in res.uncertain]
    review = pairwise_scores(_merge_groups(review_groups), truth)
    true_pairs = {frozenset((a, b)) for g in truth for a in g for b in g if a != b}
    unsure_true = sum(frozenset((p.a, p.b)) in true_pairs for p in res.uncertain)
    return ({"set": folder.name, "records": len(inputs), "true_groups": len(truth), "groups": len(res.groups),
             "uncertain": len(res.uncertain), "unsure_true": unsure_true, **auto, "review_recall": review["recall"],
             "load_s": t_load, "dedup_s": t_dedup}, inputs, truth)


def _merge_groups(groups: list[list[str]]) -> list[list[str]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for g in groups:
        for other in g[1:]:
            parent[find(other)] = find(g[0])
    comps: dict[str, list[str]] = {}
    for x in list(parent):
        comps.setdefault(find(x), []).append(x)
    return [c for c in comps.values() if len(c) > 1]


def synthetic(base: list[tuple[list[DedupInput], list[list[str]]]], n: int, seed: int
              ) -> tuple[list[DedupInput], list[list[str]]]:
    rng = random.Random(seed)
    vocab = sorted({w for recs, _ in base for r in recs for w in r.title.split() if len(w) > 5 and w.isalpha()})
    out: list[DedupInput] = []
    truth: list[list[str]] = []
    k = 0
    while len(out) < n:
        for recs, groups in base:
            mapping: dict[str, str] = {}
            replaced: dict[str, tuple[int, int]] = {}
            for r in recs:
                if len(out) >= n:
                    break
                rid = f"c{k}_{r.id}"
                mapping[r.id] = rid
                if k == 0:
                    out.append(replace(r, id=rid))
                    continue
                words = r.title.split()
                # the same replacement for every record of a true group, so duplicates stay duplicates
                key = r.title.lower()[:30]
                if key not in replaced:
                    replaced[key] = (rng.randrange(1 << 30), rng.randrange(len(vocab)))
                seed, word = replaced[key]
                if words:
                    # three words replaced at positions fixed per title, so duplicates stay alike
                    for m in range(3):
                        words[(seed >> (5 * m)) % len(words)] = vocab[(word + 7 * m + 13 * k) % len(vocab)]
                # the year is kept or moved by one: copies must be told apart by their content
                year = str(int(r.year) + k % 2) if str(r.year).isdigit() else r.year
                vol = f"{k}{r.volume}" if r.volume else ""
                pages = f"{k}{r.pages}" if r.pages else ""
                out.append(replace(r, id=rid, title=" ".join(words), year=year, volume=vol, pages=pages,
                                   doi=f"{r.doi}.c{k}" if r.doi else ""))
            truth.extend([[mapping[i] for i in g if i in mapping] for g in groups])
            k += 1
    return out, [g for g in truth if len(g) > 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--scale", type=int, default=50_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    sets = sorted(p for p in args.data.iterdir() if (p / "records_pre_merged.csv").exists())
    print("unsure = uncertain pairs for review (of which true duplicates); rev.rec = recall after review")
    print(f"{'set':<15}{'records':>8}{'groups':>8}{'unsure':>12}{'TP':>6}{'FP':>5}{'FN':>5}"
          f"{'prec':>8}{'recall':>8}{'F1':>8}{'rev.rec':>8}{'time s':>8}")
    base = []
    for folder in sets:
        row, inputs, truth = run_set(folder)
        base.append((inputs, truth))
        unsure = f"{row['uncertain']} ({row['unsure_true']})"
        print(f"{row['set']:<15}{row['records']:>8}{row['groups']:>8}{unsure:>12}{row['tp']:>6}"
              f"{row['fp']:>5}{row['fn']:>5}{row['precision']:>8.4f}{row['recall']:>8.4f}{row['f1']:>8.4f}"
              f"{row['review_recall']:>8.4f}{row['dedup_s'] + row['load_s']:>8.2f}")
    print("\nerratum policy: find_duplicates(merge_errata=True) also merges an erratum with the paper it cites")
    for (inputs, truth), folder in zip(base, sets, strict=True):
        sc = pairwise_scores(find_duplicates(inputs, merge_errata=True).groups, truth)
        print(f"{folder.name:<15}TP {sc['tp']:>4}  FP {sc['fp']:>3}  FN {sc['fn']:>3}  "
              f"precision {sc['precision']:.4f}  recall {sc['recall']:.4f}")
    if args.scale:
        big_base = [b for b in base if len(b[0]) > 100] or base
        recs, truth = synthetic(big_base, args.scale, args.seed)
        t0 = time.perf_counter()
        res = find_duplicates(recs)
        elapsed = time.perf_counter() - t0
        sc = pairwise_scores(res.groups, truth)
        print(f"\nscaling: {len(recs)} synthetic records, {res.n_candidates} candidate pairs, "
              f"{len(res.groups)} groups, {len(res.uncertain)} uncertain: {elapsed:.1f} s "
              f"(precision {sc['precision']:.4f}, recall {sc['recall']:.4f}) -> "
              f"{'PASS' if elapsed < 60 else 'FAIL'} (< 60 s)")


if __name__ == "__main__":
    main()
