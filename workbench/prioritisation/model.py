"""Rankers: classifiers retrained on the labelled records, scoring the unlabelled ones.

The feature matrix is built once (``features.vectorise``); a retrain only fits the classifiers on the
labelled rows, which keeps retrain + re-rank well under a second at 20,000 records.

Models (``MODELS``):

* ``asreview-default`` - what ASReview LAB 2/3 ships as default ("ELAS u4"): linear SVM (C = 0.11,
  squared hinge) with sample weights that give the included records 9.8 times the total weight of the
  excluded ones; max query. Kept as a baseline.
* ``workbench`` (default) - an ensemble of three cheap linear models on the same features: the ELAS
  u4 SVM, a less regularised SVM (C = 1.0, same weighting) and multinomial naive Bayes (alpha 3.822,
  balance ratio 1.2, ASReview's "ELAS u3" settings). Each model's scores are standardised (z-scores
  over the records being ranked) and summed; max query. The C = 1.0 SVM follows the growing
  training set more closely, naive Bayes is steadier with few includes, and the sum ranks more
  consistently across data sets than any one of them (bench/screening.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.naive_bayes import MultinomialNB
from sklearn.svm import LinearSVC

Scorer = Callable[[sp.csr_matrix], np.ndarray]


def balance_weights(y: np.ndarray, ratio: float) -> np.ndarray:
    """Sample weights: included = 1, excluded = n_included / (ratio * n_excluded)."""
    n1 = int((y == 1).sum())
    n0 = int((y == 0).sum())
    if n0 == 0 or n1 == 0:
        return np.ones(len(y))
    return np.where(y == 1, 1.0, n1 / (ratio * n0))


def _zscore(s: np.ndarray) -> np.ndarray:
    sd = float(s.std())
    return (s - s.mean()) / (sd if sd > 0 else 1.0)


def _fit_svm(X: sp.csr_matrix, y: np.ndarray, *, C: float, ratio: float, seed: int) -> Scorer:
    model = LinearSVC(C=C, loss="squared_hinge", random_state=seed)
    model.fit(X, y, sample_weight=balance_weights(y, ratio))
    return model.decision_function


def _fit_nb(X: sp.csr_matrix, y: np.ndarray, *, C: float, ratio: float, seed: int) -> Scorer:
    model = MultinomialNB(alpha=C)
    model.fit(X, y, sample_weight=balance_weights(y, ratio))
    diff = model.feature_log_prob_[1] - model.feature_log_prob_[0]
    bias = float(model.class_log_prior_[1] - model.class_log_prior_[0])
    return lambda Z: np.asarray(Z @ diff).ravel() + bias


@dataclass(frozen=True)
class Component:
    kind: str  # "svm" | "nb" (C is alpha for nb)
    C: float
    ratio: float = 9.8
    weight: float = 1.0


@dataclass(frozen=True)
class ModelSpec:
    name: str
    components: tuple[Component, ...]
    description: str = ""
    extra: dict[str, float] = field(default_factory=dict)


MODELS: dict[str, ModelSpec] = {
    "asreview-default": ModelSpec(
        "asreview-default", (Component("svm", C=0.11, ratio=9.8),),
        "linear SVM C=0.11, balance ratio 9.8, max query (ASReview ELAS u4)"),
    "workbench": ModelSpec(
        "workbench",
        (Component("svm", C=0.11, ratio=9.8), Component("svm", C=1.0, ratio=9.8),
         Component("nb", C=3.822, ratio=1.2)),
        "z-scored sum of the ELAS u4 SVM, a less regularised SVM (C=1.0) and naive Bayes, max query"),
    "svm-svm-nb-c03": ModelSpec(
        "svm-svm-nb-c03",
        (Component("svm", C=0.3, ratio=9.8), Component("svm", C=1.0, ratio=9.8),
         Component("nb", C=3.822, ratio=1.2)),
        "as workbench but the first SVM with C=0.3 (the previous default)"),
    "svm-nb": ModelSpec(
        "svm-nb", (Component("svm", C=0.11, ratio=9.8), Component("nb", C=3.822, ratio=1.2)),
        "z-scored sum of the ELAS u4 SVM and naive Bayes"),
}
DEFAULT_MODEL = "workbench"

_FITTERS = {"svm": _fit_svm, "nb": _fit_nb}


def get_model(name: str | None = None) -> ModelSpec:
    key = name or DEFAULT_MODEL
    if key not in MODELS:
        raise KeyError(f"unknown model '{key}' (choose one of {', '.join(MODELS)})")
    return MODELS[key]


def fit_scorer(spec: ModelSpec, X: sp.csr_matrix, y: np.ndarray, *, seed: int = 0) -> Scorer:
    """Fit every component on (X, y); the returned scorer gives higher = more likely relevant.

    With only one class labelled there is nothing to learn: every record scores 0 (input order).
    """
    y = np.asarray(y, dtype=int)
    if len(np.unique(y)) < 2:
        return lambda Z: np.zeros(Z.shape[0])
    fitted = [(c.weight, _FITTERS[c.kind](X, y, C=c.C, ratio=c.ratio, seed=seed)) for c in spec.components]
    if len(fitted) == 1:
        return fitted[0][1]

    def score(Z: sp.csr_matrix) -> np.ndarray:
        total = np.zeros(Z.shape[0])
        for weight, fn in fitted:
            total += weight * _zscore(np.asarray(fn(Z), dtype=float))
        return total

    return score


def rank(scores: np.ndarray) -> np.ndarray:
    """Positions sorted by descending score; ties keep input order (stable)."""
    return np.argsort(-np.asarray(scores, dtype=float), kind="stable")
