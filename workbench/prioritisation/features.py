"""Text features for prioritisation: computed once per data set, reused by every retrain.

``record_text`` joins title, abstract and keywords (e.g. MeSH terms; used when a data set has them).
``vectorise`` builds a TF-IDF matrix of word uni- and bigrams (sublinear tf, accents stripped),
L2-normalised rows, as CSR so that selecting rows for training and scoring is cheap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

_SPACE = re.compile(r"\s+")


def _clean(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and np.isnan(value):
        return ""
    return _SPACE.sub(" ", str(value)).strip()


def record_text(title: object, abstract: object = "", keywords: object = "") -> str:
    """The text a record is ranked on."""
    t, a, k = _clean(title), _clean(abstract), _clean(keywords)
    return " ".join(part for part in (t, a, k) if part)


@dataclass
class FeatureSet:
    """A fitted feature matrix (rows = records, in input order)."""

    X: sp.csr_matrix
    n_features: int


def vectorise(texts: Sequence[str] | Iterable[str], *, max_df: float = 0.95) -> FeatureSet:
    """TF-IDF word uni+bigrams of every record (fit once; unsupervised, so no label leaks)."""
    texts = list(texts)
    if not texts:
        raise ValueError("no records to vectorise")
    vec = TfidfVectorizer(
        ngram_range=(1, 2),
        sublinear_tf=True,
        strip_accents="unicode",
        min_df=1 if len(texts) < 5000 else 2,
        max_df=max_df if len(texts) >= 20 else 1.0,
        dtype=np.float64,
    )
    try:
        X = vec.fit_transform(texts)
    except ValueError:  # every text empty (or only stop words): one constant feature
        X = sp.csr_matrix(np.ones((len(texts), 1)))
    X = sp.csr_matrix(X, dtype=np.float64)
    X.sort_indices()
    X.sum_duplicates()
    return FeatureSet(X=X, n_features=X.shape[1])
