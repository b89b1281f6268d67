"""Screening-prioritisation metrics computed from a screening order (pure functions).

Conventions (see docs/prioritisation.md):

* ``order`` lists record indices in the order they were screened, prior records first; priors count
  as screened records. ``N`` is the number of records in the whole data set.
* ``k_R`` = the number of records screened when ``ceil(R * n_relevant)`` relevant records have been
  found (a tiny tolerance guards against floating-point error, so 0.95 * 20 = 19 exactly).
* **WSS@R** = (N - k_R) / N - (1 - R); WSS@95 uses R = 0.95, WSS@100 uses R = 1.
* **RRF@10** = share of all relevant records found after screening floor(0.10 * N) records.
* **ATD** = mean over all relevant records of (records screened before it) / N, i.e. a record at
  0-based position p contributes p / N. The included prior therefore contributes 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np


@dataclass(frozen=True)
class ScreeningMetrics:
    n_records: int
    n_included: int
    wss95: float
    wss100: float
    rrf10: float
    atd: float

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def _found_curve(order: Sequence[int], labels: Sequence[int] | np.ndarray) -> np.ndarray:
    lab = np.asarray(labels, dtype=int)
    idx = np.asarray(order, dtype=int)
    if len(idx) != len(set(idx.tolist())):
        raise ValueError("order lists a record twice")
    if len(idx) and (idx.min() < 0 or idx.max() >= len(lab)):
        raise ValueError("order refers to a record outside the data set")
    return np.cumsum(lab[idx])


def screened_at_recall(order: Sequence[int], labels: Sequence[int] | np.ndarray, recall: float) -> int:
    """Records screened (priors included) when ``ceil(recall * n_relevant)`` relevant were found."""
    n_rel = int(np.sum(np.asarray(labels, dtype=int)))
    if n_rel == 0:
        raise ValueError("the data set has no relevant records")
    target = max(1, math.ceil(recall * n_rel - 1e-9))
    found = _found_curve(order, labels)
    hit = np.searchsorted(found, target)  # first 0-based position with found >= target
    if hit >= len(found):
        raise ValueError(f"the order does not reach {recall:.0%} recall")
    return int(hit) + 1


def wss(order: Sequence[int], labels: Sequence[int] | np.ndarray, recall: float) -> float:
    """Work saved over sampling at ``recall``: (N - k_R)/N - (1 - R)."""
    n = len(labels)
    k = screened_at_recall(order, labels, recall)
    return (n - k) / n - (1.0 - recall)


def rrf(order: Sequence[int], labels: Sequence[int] | np.ndarray, share: float = 0.10) -> float:
    """Relevant records found: share of all relevant ones among the first floor(share * N) screened."""
    lab = np.asarray(labels, dtype=int)
    n_rel = int(lab.sum())
    if n_rel == 0:
        raise ValueError("the data set has no relevant records")
    k = math.floor(share * len(lab) + 1e-9)
    head = np.asarray(order, dtype=int)[:k]
    return float(lab[head].sum()) / n_rel


def atd(order: Sequence[int], labels: Sequence[int] | np.ndarray) -> float:
    """Average time to discovery: mean over relevant records of (records screened before it)/N."""
    lab = np.asarray(labels, dtype=int)
    n_rel = int(lab.sum())
    if n_rel == 0:
        raise ValueError("the data set has no relevant records")
    positions = np.flatnonzero(lab[np.asarray(order, dtype=int)] == 1)
    if len(positions) < n_rel:
        raise ValueError("the order does not reach every relevant record")
    return float(positions.mean()) / len(lab)


def compute_metrics(order: Sequence[int], labels: Sequence[int] | np.ndarray) -> ScreeningMetrics:
    """All four metrics of one screening order (which must reach every relevant record)."""
    lab = np.asarray(labels, dtype=int)
    return ScreeningMetrics(
        n_records=len(lab),
        n_included=int(lab.sum()),
        wss95=wss(order, lab, 0.95),
        wss100=wss(order, lab, 1.0),
        rrf10=rrf(order, lab, 0.10),
        atd=atd(order, lab),
    )
