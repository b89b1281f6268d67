"""Simulation mode: replay a labelled data set as if a reviewer screened it in ranked order.

1. Priors: ``n_prior_included`` included and ``n_prior_excluded`` excluded records drawn with
   ``numpy.random.default_rng(seed)`` (see ``choose_priors``); they are screened first.
2. Loop: fit the model on every record screened so far, screen the top-ranked unscreened record
   (max query), repeat. With ``retrain_every = k > 1`` the model is refitted only every k records and
   the next k records are taken from one ranking (faster, usually slightly worse; bench measures it).
3. Once every relevant record has been found the remaining records are appended in the order of the
   last ranking, so ``order`` is a full permutation of the data set.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from workbench.prioritisation.metrics import ScreeningMetrics, compute_metrics
from workbench.prioritisation.model import ModelSpec, fit_scorer, get_model, rank
from workbench.prioritisation.stopping import StopRule, stopping_aid


@dataclass
class SimulationResult:
    order: list[int]
    metrics: ScreeningMetrics
    priors: list[int]
    n_retrains: int
    seconds: float
    model: str
    retrain_every: int
    stop_at: int | None = None  # records screened when the stop rule first fired
    stop_recall: float | None = None
    extra: dict[str, float] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        m = self.metrics
        return {"n_records": m.n_records, "n_included": m.n_included, "wss95": m.wss95,
                "wss100": m.wss100, "rrf10": m.rrf10, "atd": m.atd, "order": self.order}


def choose_priors(labels: Sequence[int] | np.ndarray, *, seed: int, n_included: int = 1,
                  n_excluded: int = 1) -> list[int]:
    """Prior records for a seed: included ones first, then excluded ones (deterministic per seed)."""
    lab = np.asarray(labels, dtype=int)
    inc, exc = np.flatnonzero(lab == 1), np.flatnonzero(lab == 0)
    if n_included > len(inc):
        raise ValueError(f"asked for {n_included} included priors but the data set has {len(inc)}")
    if n_excluded > len(exc):
        raise ValueError(f"asked for {n_excluded} excluded priors but the data set has {len(exc)}")
    rng = np.random.default_rng(seed)
    chosen_inc = rng.choice(inc, size=n_included, replace=False) if n_included else []
    chosen_exc = rng.choice(exc, size=n_excluded, replace=False) if n_excluded else []
    return [int(i) for i in chosen_inc] + [int(i) for i in chosen_exc]


def simulate(X: sp.csr_matrix, labels: Sequence[int] | np.ndarray, *, seed: int = 0,
             n_prior_included: int = 1, n_prior_excluded: int = 1, model: str | ModelSpec | None = None,
             retrain_every: int = 1, stop_rule: StopRule | None = None,
             progress: Callable[[int, int], None] | None = None) -> SimulationResult:
    """Simulate prioritised screening of the records of ``X`` with true ``labels`` (0/1)."""
    started = time.perf_counter()
    lab = np.asarray(labels, dtype=int)
    n = len(lab)
    if X.shape[0] != n:
        raise ValueError("features and labels differ in length")
    if retrain_every < 1:
        raise ValueError("retrain_every must be at least 1")
    spec = model if isinstance(model, ModelSpec) else get_model(model)
    rule = stop_rule or StopRule()
    priors = choose_priors(lab, seed=seed, n_included=n_prior_included, n_excluded=n_prior_excluded)
    order = list(priors)
    screened = np.zeros(n, dtype=bool)
    screened[order] = True
    n_rel = int(lab.sum())
    found = int(lab[order].sum())
    n_retrains = 0
    stop_at: int | None = None
    stop_recall: float | None = None
    since_last = _since_last_include(lab[order])
    ranked_pool = np.flatnonzero(~screened)
    while len(ranked_pool):
        labelled = np.asarray(order)
        scorer = fit_scorer(spec, X[labelled], lab[labelled], seed=seed)
        n_retrains += 1
        pool = np.flatnonzero(~screened)
        scores = scorer(X[pool])
        ranked_pool = pool[rank(scores)]
        if found >= n_rel:
            break
        for nxt in ranked_pool[:retrain_every]:
            order.append(int(nxt))
            screened[nxt] = True
            if lab[nxt] == 1:
                found += 1
                since_last = 0
            else:
                since_last += 1
            if stop_at is None and since_last >= rule.min_streak(n):
                aid = stopping_aid([int(v) for v in lab[order]], n_records=n, rule=rule)
                if aid["suggest_stop"]:
                    stop_at = len(order)
                    stop_recall = found / n_rel
            if found >= n_rel:
                break
        ranked_pool = np.flatnonzero(~screened)
        if progress is not None:
            progress(len(order), n)
    if len(order) < n:  # everything relevant found: the rest in the order of the last ranking
        order.extend(int(i) for i in ranked_pool if not screened[i])
    metrics = compute_metrics(order, lab)
    return SimulationResult(order=order, metrics=metrics, priors=priors, n_retrains=n_retrains,
                            seconds=time.perf_counter() - started, model=spec.name,
                            retrain_every=retrain_every, stop_at=stop_at, stop_recall=stop_recall)


def _since_last_include(seq: np.ndarray) -> int:
    hits = np.flatnonzero(seq == 1)
    return int(len(seq) - 1 - hits[-1]) if len(hits) else int(len(seq))
