"""A transparent stopping aid for prioritised screening.

Three numbers a reviewer can check by hand, plus a suggested rule:

* ``screened_since_last_include``: records screened after the most recent include.
* ``estimated_relevant_left``: from the *discovery curve* alone (no classifier involved). Includes are
  treated as a Poisson process over screening position t = 1..K whose rate decays exponentially,
  ``rate(t) = a * exp(-b t)`` (prioritisation front-loads the includes). ``a`` and ``b`` are fitted by
  maximum likelihood (``a`` in closed form, ``b`` on a log grid; b = 0, a flat rate, is allowed), and
  the estimate is the expected number of includes in the unscreened rest,
  ``a/b * (exp(-b K) - exp(-b N))``. A flat curve (no decay) gives a large estimate, so the aid never
  suggests stopping while includes still arrive at a steady rate.
* ``estimated_relevant_left_upper``: a conservative bound, the largest estimate among decay rates
  inside the 95 % profile-likelihood interval (log-likelihood within 1.92 of its maximum).
* ``estimated_recall`` = found / (found + estimated left); ``estimated_recall_low`` uses the bound.

Suggested stop (``StopRule``): at least ``min_streak(N) = max(50, ceil(5 % of N))`` records screened
since the last include AND the conservative recall ``estimated_recall_low`` >= 0.95. It is a suggestion: bench/screening.py reports
the recall actually reached when it fires on the shared data sets.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class StopRule:
    min_streak_abs: int = 50
    min_streak_share: float = 0.05
    target_recall: float = 0.95

    def min_streak(self, n_records: int) -> int:
        return max(self.min_streak_abs, math.ceil(self.min_streak_share * n_records))

    def describe(self) -> str:
        return (f"stop when at least max({self.min_streak_abs}, {self.min_streak_share:.0%} of records) "
                f"have been screened since the last include and the conservative recall estimate is at least "
                f"{self.target_recall:.0%}")


def _profile(decisions: Sequence[int], n_records: int) -> list[tuple[float, float]]:
    """(log-likelihood, expected includes left) over the grid of decay rates b (b = 0 first)."""
    seq = np.asarray(decisions, dtype=int)
    k = len(seq)
    rest = n_records - k
    n_found = int(seq.sum())
    sum_t = float((np.flatnonzero(seq == 1) + 1.0).sum())
    out = [(n_found * math.log(n_found / k) - n_found, n_found / k * rest)]  # flat rate
    for bk in np.geomspace(1e-3, 80.0, 200):
        b = bk / k
        a = n_found * b / -math.expm1(-b * k)  # closed-form MLE of a for this b
        ll = n_found * math.log(a) - b * sum_t - n_found
        out.append((ll, a / b * (math.exp(-b * k) - math.exp(-b * n_records))))
    return out


def estimate_remaining(decisions: Sequence[int], n_records: int, *, upper: bool = False) -> float:
    """Expected includes among the ``n_records - len(decisions)`` unscreened records (module doc).

    ``decisions`` are 1 (include) / 0 (exclude) in the order they were made. ``upper=True`` gives the
    conservative bound: the largest estimate whose decay rate lies inside the 95 % profile-likelihood
    interval (log-likelihood within 1.92 of the maximum).
    """
    seq = list(decisions)
    k = len(seq)
    rest = n_records - k
    if rest <= 0:
        return 0.0
    if k == 0:
        return float("nan")
    if sum(seq) == 0:  # no include yet: "rule of three" upper rate 3/k for the rest
        return 3.0 / k * rest
    prof = _profile(seq, n_records)
    best_ll, best_left = max(prof)
    if not upper:
        return float(best_left)
    return float(max(left for ll, left in prof if ll >= best_ll - 1.92))


def stopping_aid(decisions: Sequence[int], *, n_records: int, rule: StopRule | None = None) -> dict[str, object]:
    """The aid for one reviewer: ``decisions`` are that reviewer's 1/0 labels in screening order."""
    rule = rule or StopRule()
    seq = [int(v) for v in decisions]
    n_found = sum(seq)
    last = max((i for i, v in enumerate(seq) if v == 1), default=None)
    since_last = len(seq) if last is None else len(seq) - 1 - last
    left = estimate_remaining(seq, n_records)
    left_upper = estimate_remaining(seq, n_records, upper=True)
    recall = recall_low = None
    if not math.isnan(left) and n_found + left > 0:
        recall = n_found / (n_found + left)
        recall_low = n_found / (n_found + left_upper)
    streak = rule.min_streak(n_records)
    suggest = bool(since_last >= streak and recall_low is not None and recall_low >= rule.target_recall)
    return {
        "n_records": n_records,
        "n_screened": len(seq),
        "n_unscreened": n_records - len(seq),
        "n_included_found": n_found,
        "screened_since_last_include": since_last,
        "estimated_relevant_left": None if math.isnan(left) else round(left, 2),
        "estimated_relevant_left_upper": None if math.isnan(left_upper) else round(left_upper, 2),
        "estimated_recall": None if recall is None else round(recall, 4),
        "estimated_recall_low": None if recall_low is None else round(recall_low, 4),
        "streak_needed": streak,
        "suggest_stop": suggest,
        "rule": rule.describe(),
        "method": "exponential-decay Poisson fit of the discovery curve (docs/prioritisation.md)",
    }
