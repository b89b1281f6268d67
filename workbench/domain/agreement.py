"""Inter-coder agreement statistics: pure functions, no I/O, no database.

Conventions (the contract other modules rely on)
------------------------------------------------
* Ratings are given **per rater**: ``rater_a`` and ``rater_b`` are equal-length sequences of labels,
  one per unit, in the same unit order. Labels are any hashable values (str, int, bool, ...).
* A missing rating is ``None``, ``float("nan")`` or the empty string ``""``.
* Functions for more than two raters take ``raters``: a sequence of such per-rater sequences
  (a raters × units "reliability data" matrix, Krippendorff's layout).
* Every statistic returns a plain ``float``. Proportions are in 0..1 (not percent).
* Degenerate data where chance agreement is 1 (every rating in one single category) has
  κ/α undefined in theory; like NVivo we return 1.0 (all pairable ratings agree). No pairable
  data at all raises :class:`AgreementError`.

Public API::

    percent_agreement(rater_a, rater_b, *more_raters) -> float    # share of agreeing rater pairs
    cohen_kappa(rater_a, rater_b, *, weights=None, labels=None) -> float
    cohen_kappa_table(table, *, weights=None) -> float            # from a k × k contingency table
    scott_pi(rater_a, rater_b) -> float
    fleiss_kappa(raters) -> float                                  # raters × units
    fleiss_kappa_counts(counts, *, weights=None) -> float          # units × categories counts
    krippendorff_alpha(raters, *, level="nominal", order=None) -> float
    krippendorff_alpha_counts(counts, *, weights=None) -> float    # nominal α from the same table
    krippendorff_alpha_ci(raters, *, level, n_boot=2000, seed=0, confidence=0.95) -> (low, high)
    interpret_kappa(value) -> str                                  # Landis & Koch (1977) band

Missing data: Cohen's κ, Scott's π and the two-rater percent agreement use only units rated by
both raters. Fleiss' κ uses the generalised form for varying numbers of ratings per unit (units
with fewer than two ratings are dropped); with a constant number it is exactly Fleiss (1971).
Krippendorff's α handles missing data natively (units with fewer than two values are not pairable).

References: Cohen (1960, 1968); Scott (1955); Fleiss (1971) Psychol. Bull. 76:378;
Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability"; Hayes & Krippendorff (2007).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import Any, Literal

import numpy as np

from workbench.errors import WorkbenchError

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[str, ...] = ("nominal", "ordinal", "interval", "ratio")

__all__ = [
    "AgreementError",
    "LEVELS",
    "cohen_kappa",
    "cohen_kappa_table",
    "fleiss_kappa",
    "fleiss_kappa_counts",
    "interpret_kappa",
    "is_missing",
    "krippendorff_alpha",
    "krippendorff_alpha_ci",
    "krippendorff_alpha_counts",
    "percent_agreement",
    "scott_pi",
]


class AgreementError(WorkbenchError, ValueError):
    """Ratings that cannot give an agreement value (unequal lengths, nothing pairable, bad level)."""


def is_missing(value: Any) -> bool:
    """True for ``None``, NaN and the empty (or blank) string."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _check_lengths(raters: Sequence[Sequence[Any]]) -> int:
    if len(raters) < 2:
        raise AgreementError("agreement needs at least two raters")
    lengths = {len(r) for r in raters}
    if len(lengths) != 1:
        raise AgreementError(f"raters rated different numbers of units: {sorted(lengths)}")
    return lengths.pop()


def _units(raters: Sequence[Sequence[Any]]) -> list[list[Hashable]]:
    """Transpose raters × units into per-unit lists of the non-missing values."""
    n_units = _check_lengths(raters)
    return [[r[u] for r in raters if not is_missing(r[u])] for u in range(n_units)]


def _pairs(rater_a: Sequence[Any], rater_b: Sequence[Any]) -> list[tuple[Hashable, Hashable]]:
    _check_lengths([rater_a, rater_b])
    pairs = [(a, b) for a, b in zip(rater_a, rater_b, strict=True) if not is_missing(a) and not is_missing(b)]
    if not pairs:
        raise AgreementError("no unit was rated by both raters")
    return pairs


def _sort_key(value: Any) -> tuple[int, Any]:
    """Order numbers numerically (also numeric strings), everything else as text after numbers."""
    if isinstance(value, bool):
        return (0, float(value))
    if isinstance(value, int | float):
        return (0, float(value))
    try:
        return (0, float(str(value).replace(",", ".")))
    except ValueError:
        return (1, str(value))


def percent_agreement(rater_a: Sequence[Any], rater_b: Sequence[Any], *more_raters: Sequence[Any]) -> float:
    """Share (0..1) of agreeing rater pairs.

    Two raters: agreeing units / units rated by both. More raters: for each unit with at least two
    ratings, the share of agreeing pairs among all its rater pairs, averaged over those units.
    """
    if not more_raters:
        pairs = _pairs(rater_a, rater_b)
        return sum(a == b for a, b in pairs) / len(pairs)
    units = [u for u in _units([rater_a, rater_b, *more_raters]) if len(u) >= 2]
    if not units:
        raise AgreementError("no unit has two or more ratings")
    total = 0.0
    for values in units:
        m = len(values)
        counts: dict[Hashable, int] = {}
        for v in values:
            counts[v] = counts.get(v, 0) + 1
        total += sum(c * (c - 1) for c in counts.values()) / (m * (m - 1))
    return total / len(units)


def _weight_matrix(k: int, weights: str | None) -> np.ndarray:
    """Disagreement weights w_ij (0 on the diagonal) for k ordered categories."""
    idx = np.arange(k, dtype=float)
    if weights is None:
        return 1.0 - np.eye(k)
    if k == 1:
        return np.zeros((1, 1))
    diff = np.abs(idx[:, None] - idx[None, :]) / (k - 1)
    if weights == "linear":
        return diff
    if weights == "quadratic":
        return diff**2
    raise AgreementError(f"unknown weights {weights!r} (use None, 'linear' or 'quadratic')")


def cohen_kappa_table(table: Sequence[Sequence[float]] | np.ndarray, *, weights: str | None = None) -> float:
    """Cohen's κ from a k × k contingency table (rows: rater A's category, columns: rater B's).

    ``weights`` = ``"linear"`` or ``"quadratic"`` gives Cohen's (1968) weighted κ, the table's row and
    column order being the category order. ``[[20, 5], [10, 15]]`` gives 0.40.
    """
    t = np.asarray(table, dtype=float)
    if t.ndim != 2 or t.shape[0] != t.shape[1]:
        raise AgreementError(f"contingency table must be square, got shape {t.shape}")
    n = t.sum()
    if n <= 0:
        raise AgreementError("contingency table is empty")
    p = t / n
    w = _weight_matrix(t.shape[0], weights)
    expected = np.outer(p.sum(axis=1), p.sum(axis=0))
    observed_dis = float((w * p).sum())
    expected_dis = float((w * expected).sum())
    if expected_dis <= 1e-15:
        return 1.0
    return 1.0 - observed_dis / expected_dis


def cohen_kappa(
    rater_a: Sequence[Any],
    rater_b: Sequence[Any],
    *,
    weights: str | None = None,
    labels: Sequence[Any] | None = None,
) -> float:
    """Cohen's κ for two raters (units missing for either rater are left out).

    ``weights`` (``"linear"``/``"quadratic"``) needs ordered categories: ``labels`` gives the order,
    otherwise labels are sorted (numbers numerically).
    """
    pairs = _pairs(rater_a, rater_b)
    seen = {a for a, _ in pairs} | {b for _, b in pairs}
    if labels is not None:
        order = list(labels)
        unknown = seen - set(order)
        if unknown:
            raise AgreementError(f"{len(unknown)} rated value(s) are not in labels")
    else:
        order = sorted(seen, key=_sort_key)
    index = {v: i for i, v in enumerate(order)}
    table = np.zeros((len(order), len(order)))
    for a, b in pairs:
        table[index[a], index[b]] += 1
    return cohen_kappa_table(table, weights=weights)


def scott_pi(rater_a: Sequence[Any], rater_b: Sequence[Any]) -> float:
    """Scott's π: like Cohen's κ but chance agreement from the pooled label distribution."""
    pairs = _pairs(rater_a, rater_b)
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    pooled: dict[Hashable, int] = {}
    for a, b in pairs:
        pooled[a] = pooled.get(a, 0) + 1
        pooled[b] = pooled.get(b, 0) + 1
    expected = sum((c / (2 * n)) ** 2 for c in pooled.values())
    if expected >= 1.0 - 1e-15:
        return 1.0
    return (observed - expected) / (1.0 - expected)


def _counts_and_weights(
    counts: Sequence[Sequence[float]] | np.ndarray, weights: Sequence[float] | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    c = np.asarray(counts, dtype=float)
    if c.ndim != 2:
        raise AgreementError("counts must be a units × categories table")
    w = np.ones(len(c)) if weights is None else np.asarray(weights, dtype=float)
    if w.shape != (len(c),):
        raise AgreementError("weights need one value per row of counts")
    n_i = c.sum(axis=1)
    keep = (n_i >= 2) & (w > 0)
    if not keep.any():
        raise AgreementError("no unit has two or more ratings")
    return c[keep], n_i[keep], w[keep]


def fleiss_kappa_counts(
    counts: Sequence[Sequence[float]] | np.ndarray, *, weights: Sequence[float] | None = None,
) -> float:
    """Fleiss' κ from a units × categories table of how many raters chose each category.

    Rows may have different totals (generalised form); rows with fewer than two ratings are dropped.
    ``weights`` repeats rows (e.g. a row per coverage pattern weighted by its number of characters).
    Fleiss (1971), 30 patients × 6 psychiatrists, gives 0.430.
    """
    c, n_i, w = _counts_and_weights(counts, weights)
    p_i = (c * (c - 1)).sum(axis=1) / (n_i * (n_i - 1))
    p_bar = float((p_i * w).sum() / w.sum())
    p_j = (c * w[:, None]).sum(axis=0) / (n_i * w).sum()
    p_e = float((p_j**2).sum())
    if p_e >= 1.0 - 1e-15:
        return 1.0
    return (p_bar - p_e) / (1.0 - p_e)


def fleiss_kappa(raters: Sequence[Sequence[Any]]) -> float:
    """Fleiss' κ for two or more raters given as raters × units (``None`` = missing)."""
    units = _units(raters)
    labels = sorted({v for u in units for v in u}, key=_sort_key)
    index = {v: i for i, v in enumerate(labels)}
    counts = np.zeros((len(units), max(len(labels), 1)))
    for row, values in enumerate(units):
        for v in values:
            counts[row, index[v]] += 1
    return fleiss_kappa_counts(counts)


def krippendorff_alpha_counts(
    counts: Sequence[Sequence[float]] | np.ndarray, *, weights: Sequence[float] | None = None,
) -> float:
    """Nominal Krippendorff's α from a units × categories count table (rows optionally weighted)."""
    c, n_i, w = _counts_and_weights(counts, weights)
    coincidence = np.einsum("u,ui,uj->ij", w / (n_i - 1), c, c) - np.diag(((w / (n_i - 1))[:, None] * c).sum(axis=0))
    n_c = coincidence.sum(axis=1)
    n = n_c.sum()
    d2 = 1.0 - np.eye(len(n_c))
    observed = float((coincidence * d2).sum())
    expected = float((np.outer(n_c, n_c) * d2).sum()) / (n - 1)
    if expected <= 1e-15:
        return 1.0
    return 1.0 - observed / expected


def _numeric(value: Any, level: str) -> float:
    if isinstance(value, bool):
        return float(value)
    try:
        return float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise AgreementError(f"{level} level needs numeric values; got a non-numeric label") from None


def _delta2(values: list[Any], n_c: np.ndarray, level: str) -> np.ndarray:
    """Squared difference function δ²(c, k) over the ordered value list (Krippendorff 2011)."""
    k = len(values)
    if level == "nominal":
        return 1.0 - np.eye(k)
    if level == "ordinal":
        cum = np.concatenate([[0.0], np.cumsum(n_c)])
        # sum_{g=c}^{k} n_g - (n_c + n_k)/2 for c <= k
        i = np.arange(k)
        lo = np.minimum(i[:, None], i[None, :])
        hi = np.maximum(i[:, None], i[None, :])
        span = cum[hi + 1] - cum[lo] - (n_c[:, None] + n_c[None, :]) / 2.0
        return span**2
    x = np.array([_numeric(v, level) for v in values])
    if level == "interval":
        return (x[:, None] - x[None, :]) ** 2
    if level == "ratio":
        if np.any(x < 0):
            raise AgreementError("ratio level needs non-negative values")
        total = x[:, None] + x[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            d = np.where(total == 0, 0.0, (x[:, None] - x[None, :]) / np.where(total == 0, 1.0, total))
        return d**2
    raise AgreementError(f"unknown level {level!r} (use one of {', '.join(LEVELS)})")


def _unit_coincidences(
    raters: Sequence[Sequence[Any]], level: str, order: Sequence[Any] | None,
) -> tuple[list[Any], np.ndarray]:
    """Ordered values and one k × k coincidence matrix per pairable unit (Krippendorff 2011)."""
    if level not in LEVELS:
        raise AgreementError(f"unknown level {level!r} (use one of {', '.join(LEVELS)})")
    units = [u for u in _units(raters) if len(u) >= 2]
    if not units:
        raise AgreementError("no unit has two or more ratings (nothing pairable)")
    present = {v for u in units for v in u}
    if order is not None:
        values = [v for v in order if v in present]
        if len(values) != len(present):
            raise AgreementError("some rated values are missing from the given order")
    else:
        values = sorted(present, key=_sort_key)
    index = {v: i for i, v in enumerate(values)}
    k = len(values)
    per_unit = np.zeros((len(units), k, k))
    for row, unit in enumerate(units):
        m = len(unit)
        cnt = np.zeros(k)
        for v in unit:
            cnt[index[v]] += 1
        # pairs of distinct raters within the unit: outer(cnt, cnt) minus self-pairs on the diagonal
        per_unit[row] = (np.outer(cnt, cnt) - np.diag(cnt)) / (m - 1)
    return values, per_unit


def _alpha_from_coincidence(coincidence: np.ndarray, values: list[Any], level: str) -> float:
    n_c = coincidence.sum(axis=1)
    n = n_c.sum()
    d2 = _delta2(values, n_c, level)
    observed = float((coincidence * d2).sum())
    expected = float((np.outer(n_c, n_c) * d2).sum()) / (n - 1)
    if expected <= 1e-15:
        return 1.0
    return 1.0 - observed / expected


def krippendorff_alpha(
    raters: Sequence[Sequence[Any]],
    *,
    level: Level | str = "nominal",
    order: Sequence[Any] | None = None,
) -> float:
    """Krippendorff's α for any number of raters, with missing data, at the given measurement level.

    ``raters`` is raters × units. ``level``: nominal, ordinal, interval or ratio. For ordinal data
    ``order`` fixes the rank order of the labels (default: sorted, numbers numerically); interval and
    ratio need numeric labels (numeric strings are accepted). Krippendorff (2011), 4 coders × 12
    units: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
    """
    values, per_unit = _unit_coincidences(raters, level, order)
    return _alpha_from_coincidence(per_unit.sum(axis=0), values, level)


def krippendorff_alpha_ci(
    raters: Sequence[Sequence[Any]],
    *,
    level: Level | str = "nominal",
    order: Sequence[Any] | None = None,
    n_boot: int = 2000,
    seed: int = 0,
    confidence: float = 0.95,
) -> tuple[float, float]:
    """Percentile bootstrap interval of α, resampling pairable units with replacement."""
    values, per_unit = _unit_coincidences(raters, level, order)
    rng = np.random.default_rng(seed)
    n = len(per_unit)
    draws = []
    for _ in range(n_boot):
        sample = per_unit[rng.integers(0, n, n)].sum(axis=0)
        if sample.sum() > 1:
            draws.append(_alpha_from_coincidence(sample, values, level))
    if not draws:
        raise AgreementError("too few units to bootstrap")
    tail = (1.0 - confidence) / 2 * 100
    low, high = np.percentile(draws, [tail, 100 - tail])
    return float(low), float(high)


def interpret_kappa(value: float) -> str:
    """Landis & Koch (1977) band: poor, slight, fair, moderate, substantial, almost perfect."""
    if value < 0:
        return "poor"
    for limit, name in ((0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial")):
        if value <= limit:
            return name
    return "almost perfect"
