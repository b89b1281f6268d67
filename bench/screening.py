"""Benchmark: prioritised screening, workbench vs ASReview's default model, same priors, same metrics.

    .venv/bin/python bench/screening.py [--seeds 5] [--sets ADHD,...] [--jobs 2] [--no-asreview]

For every data set in ../shared/data/screening (ASReview CSV) and every seed 0..S-1:

* priors: ``workbench.prioritisation.choose_priors(labels, seed=s)`` (1 included + 1 excluded);
* workbench: ``simulate(...)`` with the default model, retrained after every record;
* ASReview (bench-only dependency, ``pip install asreview``): its own ``Simulate`` API with the default
  AI ("ELAS u4": TF-IDF uni+bigrams, SVM, max query, balanced), the same priors labelled first, a
  numpy global seed per run (its LinearSVC draws from it), stopped at the last relevant record;
* both orders scored by ``workbench.prioritisation.metrics`` (WSS@95, WSS@100, RRF@10, ATD).

Also: the effect of retraining every 5 records instead of every record (first seeds of the smallest
set), the recall at which the stopping aid first suggests stopping, and the time of one retrain +
re-rank at 20,000 records.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from workbench.prioritisation import (  # noqa: E402
    choose_priors,
    compute_metrics,
    fit_scorer,
    get_model,
    rank,
    record_text,
    simulate,
    vectorise,
)

DATA = REPO.parent / "shared" / "data" / "screening"
METRICS = ("wss95", "wss100", "rrf10", "atd")


def load(path: Path) -> tuple[list[str], np.ndarray, pd.DataFrame]:
    df = pd.read_csv(path)
    kw = df["keywords"] if "keywords" in df.columns else [""] * len(df)
    texts = [record_text(t, a, k) for t, a, k in zip(df["title"], df["abstract"], kw, strict=True)]
    return texts, df["label_included"].to_numpy(dtype=int), df


def run_workbench(path: str, seed: int, model: str, retrain_every: int) -> dict:
    texts, labels, _ = load(Path(path))
    fs = vectorise(texts)
    res = simulate(fs.X, labels, seed=seed, model=model, retrain_every=retrain_every)
    out = res.metrics.as_dict()
    out.update(seconds=res.seconds, stop_at=res.stop_at, stop_recall=res.stop_recall, priors=res.priors)
    return out


def run_asreview(path: str, seed: int) -> dict:
    from asreview.learner import ActiveLearningCycle
    from asreview.models.models import get_ai_config
    from asreview.models.queriers import TopDown
    from asreview.models.stoppers import IsFittable
    from asreview.simulation.simulate import Simulate

    _, labels, df = load(Path(path))
    priors = choose_priors(labels, seed=seed)
    started = time.perf_counter()
    np.random.seed(seed)
    cycles = [ActiveLearningCycle(querier=TopDown(), stopper=IsFittable()),
              ActiveLearningCycle.from_meta(get_ai_config()["value"])]
    sim = Simulate(df[["title", "abstract"]], labels, cycles, print_progress=False)
    sim.label(priors)
    sim.review()
    order = [int(v) for v in sim._results["record_id"]]
    seen = set(order)
    order += [i for i in range(len(labels)) if i not in seen]
    out = compute_metrics(order, labels).as_dict()
    out.update(seconds=time.perf_counter() - started, priors=priors)
    return out


def synthetic_corpus(n: int, seed: int = 0) -> tuple[list[str], np.ndarray]:
    """n records built from the shared sets: originals, then variants (sentences shuffled, 15 % of words
    dropped) so that vocabulary and length stay realistic."""
    texts: list[str] = []
    labels: list[int] = []
    for path in sorted(DATA.glob("*.csv")):
        t, y, _ = load(path)
        texts += t
        labels += y.tolist()
    rng = np.random.default_rng(seed)
    base = len(texts)
    while len(texts) < n:
        i = int(rng.integers(base))
        words = texts[i].split()
        keep = [w for w in words if rng.random() > 0.15]
        rng.shuffle(keep)
        texts.append(" ".join(keep))
        labels.append(labels[i])
    return texts[:n], np.array(labels[:n])


def timing(n: int = 20_000, n_labelled: int = 2_000, repeats: int = 5) -> dict:
    texts, labels = synthetic_corpus(n)
    t0 = time.perf_counter()
    fs = vectorise(texts)
    vec_s = time.perf_counter() - t0
    rng = np.random.default_rng(1)
    pos, neg = np.flatnonzero(labels == 1), np.flatnonzero(labels == 0)
    labelled = np.r_[rng.choice(pos, 60, replace=False), rng.choice(neg, n_labelled - 60, replace=False)]
    pool = np.setdiff1d(np.arange(n), labelled)
    out = {"n_records": n, "n_labelled": n_labelled, "n_features": fs.n_features, "vectorise_s": vec_s}
    for name in ("workbench", "asreview-default"):
        spec = get_model(name)
        times = []
        for _ in range(repeats):
            t1 = time.perf_counter()
            scorer = fit_scorer(spec, fs.X[labelled], labels[labelled])
            rank(scorer(fs.X[pool]))
            times.append(time.perf_counter() - t1)
        out[f"{name}_retrain_rerank_s"] = statistics.median(times)
    return out


def fmt(v: float) -> str:
    return f"{v:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--sets", default="", help="comma-separated stems (default: every CSV)")
    ap.add_argument("--model", default="workbench")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-asreview", action="store_true")
    ap.add_argument("--no-extras", action="store_true", help="skip retrain-every-5, timing")
    ap.add_argument("--json", type=Path, help="write all per-run results here")
    args = ap.parse_args()

    paths = sorted(DATA.glob("*.csv"))
    if args.sets:
        wanted = set(args.sets.split(","))
        paths = [p for p in paths if p.stem in wanted]
    seeds = list(range(args.seeds))
    started = time.perf_counter()
    print(f"# screening prioritisation bench  {time.strftime('%Y-%m-%d %H:%M')}  "
          f"{platform.machine()} python {platform.python_version()}  seeds={len(seeds)}  model={args.model}")
    jobs: dict[tuple[str, str, int], object] = {}
    with ProcessPoolExecutor(max_workers=args.jobs) as ex:
        # longest data sets first so the pool stays busy
        for path in sorted(paths, key=lambda p: -p.stat().st_size):
            for seed in seeds:
                if not args.no_asreview:
                    jobs[(path.stem, "asreview", seed)] = ex.submit(run_asreview, str(path), seed)
                jobs[(path.stem, "workbench", seed)] = ex.submit(run_workbench, str(path), seed, args.model, 1)
        if not args.no_extras:
            small = min(paths, key=lambda p: p.stat().st_size)
            for seed in seeds[:3]:
                jobs[(small.stem, "workbench-k5", seed)] = ex.submit(run_workbench, str(small), seed,
                                                                     args.model, 5)
        back = {f: k for k, f in jobs.items()}
        results = {}
        for fut in as_completed(back):  # type: ignore[arg-type]
            key = back[fut]
            results[key] = fut.result()
            r = results[key]
            print(f"  done {key[0]} {key[1]} seed {key[2]}: WSS@95 {r['wss95']:.3f} ({r['seconds']:.0f} s)",
                  file=sys.stderr, flush=True)

    summary: dict[str, dict[str, dict[str, float]]] = {}
    print("\n| data set | N | incl. | system | WSS@95 | WSS@100 | RRF@10 | ATD | s/run | WSS@95 per seed |")
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|---|")
    for path in paths:
        name = path.stem
        for system in ("workbench", "asreview", "workbench-k5"):
            runs = [results[(name, system, s)] for s in seeds if (name, system, s) in results]
            if not runs:
                continue
            mean = {m: statistics.mean(r[m] for r in runs) for m in METRICS}
            summary.setdefault(name, {})[system] = mean
            per_seed = " ".join(fmt(r["wss95"]) for r in runs)
            secs = statistics.mean(r["seconds"] for r in runs)
            print(f"| {name} | {runs[0]['n_records']} | {runs[0]['n_included']} | {system} | "
                  + " | ".join(fmt(mean[m]) for m in METRICS) + f" | {secs:.1f} | {per_seed} |")
    if not args.no_asreview:
        print("\nRatio workbench / ASReview (ATD: lower is better, so ratio < 1 is better)")
        print("| data set | WSS@95 | WSS@100 | RRF@10 | ATD | WSS@95 diff | seeds wb >= asr |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        diffs = []
        for path in paths:
            name = path.stem
            wb, asr = summary[name]["workbench"], summary[name]["asreview"]
            wins = sum(results[(name, "workbench", s)]["wss95"] >= results[(name, "asreview", s)]["wss95"]
                       for s in seeds)
            diffs.append(wb["wss95"] - asr["wss95"])
            print(f"| {name} | " + " | ".join(fmt(wb[m] / asr[m]) for m in METRICS)
                  + f" | {wb['wss95'] - asr['wss95']:+.3f} | {wins}/{len(seeds)} |")
        print(f"\nmean WSS@95 difference over sets: {statistics.mean(diffs):+.3f}")
    print("\nStopping aid (workbench runs): records screened and recall when it first suggests stopping")
    for path in paths:
        runs = [results[(path.stem, "workbench", s)] for s in seeds]
        fired = [r for r in runs if r["stop_at"] is not None]
        if fired:
            share = statistics.mean(r["stop_at"] / r["n_records"] for r in fired)
            rec = statistics.mean(r["stop_recall"] for r in fired)
            print(f"  {path.stem}: fired before the last include in {len(fired)}/{len(runs)} runs; "
                  f"mean screened {share:.1%}, mean recall {rec:.3f}, min recall "
                  f"{min(r['stop_recall'] for r in fired):.3f}")
        else:
            print(f"  {path.stem}: never fired before the last include (recall 1.0 when it fires)")
    if not args.no_extras:
        print("\nRetrain every 5 records vs every record (same seeds, smallest set):")
        small = min(paths, key=lambda p: p.stat().st_size).stem
        k1 = [results[(small, "workbench", s)] for s in seeds[:3]]
        k5 = [results[(small, "workbench-k5", s)] for s in seeds[:3]]
        for m in METRICS:
            print(f"  {small} {m}: k=1 {statistics.mean(r[m] for r in k1):.3f}  "
                  f"k=5 {statistics.mean(r[m] for r in k5):.3f}")
        print(f"  seconds/run: k=1 {statistics.mean(r['seconds'] for r in k1):.1f}  "
              f"k=5 {statistics.mean(r['seconds'] for r in k5):.1f}")
        t = timing()
        print(f"\nTiming at {t['n_records']} records ({t['n_features']} features, {t['n_labelled']} labelled): "
              f"vectorise once {t['vectorise_s']:.1f} s; retrain + re-rank (median of 5): workbench "
              f"{t['workbench_retrain_rerank_s']:.3f} s, asreview-default model "
              f"{t['asreview-default_retrain_rerank_s']:.3f} s")
    print(f"\ntotal wall time {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps({"|".join(map(str, k)): v for k, v in results.items()}, indent=1))


if __name__ == "__main__":
    main()
