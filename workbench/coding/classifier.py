"""Re-ranking classifier trained on coders' decisions (accepted, rejected, manual codings).

Per code, a logistic regression over character n-gram TF-IDF features of the unit text plus the
unit's lexicon score for that code (so the model learns how far to trust the indicator terms of
each code). Codes with too few decisions keep the lexicon score. Training a project's model takes
well under a few seconds. :func:`evaluate_holdout` measures the improvement over the lexicon on
decisions held back from training.
"""

from __future__ import annotations

import pickle
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

MIN_POSITIVES = 3
MIN_NEGATIVES = 3
LEX_FEATURE_SCALE = 3.0


@dataclass
class TrainingUnit:
    """A unit's text, its lexicon scores per code and the codes decided for it."""

    text: str
    lex: dict[str, float]
    positives: set[str] = field(default_factory=set)
    negatives: set[str] = field(default_factory=set)


class Reranker:
    """Per-code probability that a coder would apply the code to a unit."""

    def __init__(self, codes: Sequence[str]) -> None:
        self.codes = list(codes)
        self.vectorizer: TfidfVectorizer | None = None
        self.models: dict[str, LogisticRegression] = {}

    @staticmethod
    def _with_lex(x: Any, lex: Sequence[dict[str, float]], code: str) -> Any:
        col = csr_matrix(np.array([[d.get(code, 0.0) * LEX_FEATURE_SCALE] for d in lex]))
        return hstack([x, col]).tocsr()

    def fit(self, units: Sequence[TrainingUnit]) -> Reranker:
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=True,
                                          sublinear_tf=True, min_df=1, max_features=40000, dtype=np.float32)
        x_all = self.vectorizer.fit_transform([u.text for u in units]).tocsr()
        for code in self.codes:
            idx = [i for i, u in enumerate(units) if code in u.positives or code in u.negatives]
            y = [int(code in units[i].positives) for i in idx]
            n_pos = sum(y)
            if n_pos < MIN_POSITIVES or len(y) - n_pos < MIN_NEGATIVES:
                continue
            x = self._with_lex(x_all[idx], [units[i].lex for i in idx], code)
            model = LogisticRegression(C=2.0, class_weight="balanced", solver="liblinear", max_iter=200)
            model.fit(x, y)
            self.models[code] = model
        return self

    def trained_codes(self) -> list[str]:
        return [c for c in self.codes if c in self.models]

    def scores(self, texts: Sequence[str], lex: Sequence[dict[str, float]]) -> list[dict[str, float]]:
        """Per unit, ``{code: score}``: the model's probability, or the lexicon score if untrained."""
        out = [dict(d) for d in lex]
        if self.vectorizer is None or not texts:
            return out
        x_all = self.vectorizer.transform(texts).tocsr()
        for code, model in self.models.items():
            probs = model.predict_proba(self._with_lex(x_all, lex, code))[:, 1]
            for row, p in zip(out, probs, strict=True):
                row[code] = float(p)
        return out

    def to_bytes(self) -> bytes:
        return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def from_bytes(data: bytes) -> Reranker:
        obj = pickle.loads(data)  # noqa: S301 - our own model, stored in the project database
        if not isinstance(obj, Reranker):
            raise ValueError("not a Reranker")
        return obj


def _prf(pairs: list[tuple[int, int]]) -> tuple[float, float, float]:
    tp = sum(1 for y, p in pairs if y and p)
    fp = sum(1 for y, p in pairs if not y and p)
    fn = sum(1 for y, p in pairs if y and not p)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def decision_metrics(
    units: Sequence[TrainingUnit], scores: Sequence[dict[str, float]], codes: Sequence[str], threshold: float,
) -> dict[str, Any]:
    """Micro/macro F1 and accuracy of ``score >= threshold`` against the known decisions."""
    per_code: dict[str, list[tuple[int, int]]] = {c: [] for c in codes}
    for u, s in zip(units, scores, strict=True):
        for c in codes:
            if c in u.positives or c in u.negatives:
                per_code[c].append((int(c in u.positives), int(s.get(c, 0.0) >= threshold)))
    all_pairs = [p for ps in per_code.values() for p in ps]
    macro = [(_prf(ps)[2]) for c, ps in per_code.items() if any(y for y, _ in ps)]
    micro = _prf(all_pairs)
    acc = sum(1 for y, p in all_pairs if y == p) / len(all_pairs) if all_pairs else 0.0
    return {"micro_precision": round(micro[0], 3), "micro_recall": round(micro[1], 3), "micro_f1": round(micro[2], 3),
            "macro_f1": round(float(np.mean(macro)), 3) if macro else 0.0, "accuracy": round(acc, 3),
            "decisions": len(all_pairs)}


def evaluate_holdout(
    units: Sequence[TrainingUnit], codes: Sequence[str], *, threshold: float, holdout: float = 0.25, seed: int = 13,
) -> dict[str, Any]:
    """Train on part of the decided units, compare lexicon vs re-ranked on the held-back rest."""
    idx = list(range(len(units)))
    random.Random(seed).shuffle(idx)
    n_test = max(1, int(round(len(idx) * holdout))) if len(idx) >= 4 else 0
    test = [units[i] for i in idx[:n_test]]
    train = [units[i] for i in idx[n_test:]]
    if not test or not train:
        return {"held_back_units": len(test), "train_units": len(train), "note": "too few decided units"}
    model = Reranker(codes).fit(train)
    before = decision_metrics(test, [u.lex for u in test], codes, threshold)
    after = decision_metrics(test, model.scores([u.text for u in test], [u.lex for u in test]), codes, threshold)
    return {"held_back_units": len(test), "train_units": len(train), "trained_codes": model.trained_codes(),
            "lexicon": before, "reranked": after,
            "macro_f1_gain": round(after["macro_f1"] - before["macro_f1"], 3),
            "micro_f1_gain": round(after["micro_f1"] - before["micro_f1"], 3)}
