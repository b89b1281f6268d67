"""Train the learned last-resort tagger (:mod:`workbench.deid.tagger`) on the committed gold sets.

Reproduce the shipped model (a few minutes on one core)::

    .venv/bin/python -m workbench.deid.train_tagger --max-set 89

Every word of every gold excerpt is one training example: positive when it lies inside a marked
identifier (its label is the identifier's label), negative otherwise. Words inside e-mail addresses
and URLs are left out (their patterns are exact). The word itself is a feature only when it occurs in
at least ``--min-files`` different gold files; rarer words are ``<rare>`` so that the model learns what
an *unseen* name looks like from its shape, affixes, dictionary status and context, not from the names
the gold sets happen to use.

``--cv K`` first runs a K-fold cross-validation grouped by gold file: the rule detectors (without the
tagger) run on each held-out file, the fold's model scores the words they left alone, and the script
prints, per threshold, how many gold identifiers the tagger would add and how many false detections.
``--threshold`` sets the threshold the shipped model uses.
"""

from __future__ import annotations

import argparse
import pickle
import re
import sys
import time
from collections import Counter
from pathlib import Path

from workbench.deid import tagger
from workbench.deid.evaluation import GoldExample, load_gold

REPO = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO / "tests" / "data" / "deid"
SKIP_LABELS = {"EMAIL", "URL"}


def gold_files(max_set: int | None) -> list[tuple[str, Path, Path]]:
    """``(name, gold file, known file)`` for the first gold set and held-out sets 2..max_set."""
    out = [("gold", GOLD_DIR / "gold_marked.txt", GOLD_DIR / "known.txt")]
    for path in GOLD_DIR.glob("gold_heldout*_marked.txt"):
        m = re.fullmatch(r"gold_heldout(\d+)_marked\.txt", path.name)
        if m and (max_set is None or int(m.group(1)) <= max_set):
            out.append((f"h{m.group(1)}", path, GOLD_DIR / f"known_heldout{m.group(1)}.txt"))
    return sorted(out, key=lambda x: (len(x[0]), x[0]))


def token_labels(ex: GoldExample, tokens: list[tagger.Token]) -> list[str | None]:
    """Gold label per token ("O" outside identifiers, None for words inside e-mails/URLs)."""
    out: list[str | None] = []
    for tok in tokens:
        label: str | None = "O"
        for start, end, lab in ex.spans:
            if start < tok.end and tok.start < end:
                label = None if lab in SKIP_LABELS else lab
                break
        out.append(label)
    return out


def build_vocab(docs: dict[str, list[GoldExample]], min_files: int) -> frozenset[str]:
    seen: Counter[str] = Counter()
    for examples in docs.values():
        forms = set()
        for ex in examples:
            forms |= {t.low for t in tagger.tokenize(ex.text)[0]}
        seen.update(forms)
    return frozenset(w for w, n in seen.items() if n >= min_files)


def training_rows(docs: dict[str, list[GoldExample]], vocab: frozenset[str]) -> tuple[list[list[str]], list[str]]:
    X: list[list[str]] = []
    y: list[str] = []
    for examples in docs.values():
        for ex in examples:
            tokens, lines = tagger.tokenize(ex.text)
            for i, label in enumerate(token_labels(ex, tokens)):
                if label is None:
                    continue
                X.append(tagger.features(tokens, lines, i, vocab, ex.text))
                y.append(label)
    return X, y


def skip_words(docs: dict[str, list[GoldExample]], min_count: int) -> frozenset[str]:
    """Words seen at least ``min_count`` times and never inside an identifier: not worth scoring."""
    seen: Counter[str] = Counter()
    inside: set[str] = set()
    for examples in docs.values():
        for ex in examples:
            tokens, _ = tagger.tokenize(ex.text)
            for tok, label in zip(tokens, token_labels(ex, tokens), strict=True):
                seen[tok.low] += 1
                if label != "O":
                    inside.add(tok.low)
    return frozenset(w for w, n in seen.items() if n >= min_count and w not in inside)


def train(docs: dict[str, list[GoldExample]], *, min_files: int = 3, c: float = 0.5,
          threshold: float = 0.5, min_weight: float = 1e-3, skip_min_count: int = 20) -> tagger.TaggerModel:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vocab = build_vocab(docs, min_files)
    X, y = training_rows(docs, vocab)
    vec = DictVectorizer()
    M = vec.fit_transform([dict.fromkeys(f, 1) for f in X]).tocsr()
    M.indices = M.indices.astype(np.int32)  # liblinear takes 32-bit indices only
    M.indptr = M.indptr.astype(np.int32)
    names = vec.get_feature_names_out()
    binary = LogisticRegression(C=c, max_iter=300, solver="liblinear")
    binary.fit(M, [lab != "O" for lab in y])
    weights = {str(n): round(float(w), 4) for n, w in zip(names, binary.coef_[0], strict=True) if abs(w) >= min_weight}
    pos = [i for i, lab in enumerate(y) if lab != "O"]
    labeller = LogisticRegression(C=c, max_iter=500)
    labeller.fit(M[pos], [y[i] for i in pos])
    labels = [str(x) for x in labeller.classes_]
    label_weights: dict[str, list[float]] = {}
    for j, n in enumerate(names):
        row = [round(float(w), 3) for w in labeller.coef_[:, j]]
        if max(abs(w) for w in row) >= 0.01:
            label_weights[str(n)] = row
    return tagger.TaggerModel(vocab=vocab, bias=round(float(binary.intercept_[0]), 4), weights=weights,
                              labels=labels, label_bias=[round(float(b), 3) for b in labeller.intercept_],
                              label_weights=label_weights, threshold=threshold, trained_on=sorted(docs),
                              skip=skip_words(docs, skip_min_count))


def rule_detections(files: list[tuple[str, Path, Path]], cache: Path | None) -> dict[str, list[list[tuple[int, int]]]]:
    """Ranges the rule detectors (with the registered identifiers, without the tagger) find per example."""
    data: dict[str, list[list[tuple[int, int]]]] = {}
    if cache is not None and cache.exists():
        data = pickle.loads(cache.read_bytes())
    from workbench.deid.detect import Detector, parse_known_lines

    for name, gold, known in files:
        if name in data:
            continue
        items = parse_known_lines(known.read_text(encoding="utf-8").splitlines())
        det = Detector(known=items, use_tagger=False)
        data[name] = [[(s.start, s.end) for s in spans] for spans in det.detect_many([ex.text for ex in load_gold(gold)])]
        print(f"  rules ran on {name}", file=sys.stderr, flush=True)
    if cache is not None:
        cache.write_bytes(pickle.dumps(data))
    return data


def cross_validate(files: list[tuple[str, Path, Path]], docs: dict[str, list[GoldExample]], k: int,
                   cache: Path | None, **kw: float) -> None:
    rules = rule_detections(files, cache)
    scored: list[tuple[float, bool, tuple[str, int, int], str]] = []  # (p, positive, gold id, word)
    baseline_missed: set[tuple[str, int, int]] = set()
    gold_total = 0
    names = [n for n, _, _ in files]
    for fold in range(k):
        test = [n for i, n in enumerate(names) if i % k == fold]
        model = train({n: docs[n] for n in names if n not in test}, **kw)  # type: ignore[arg-type]
        for n in test:
            for ex, taken in zip(docs[n], rules[n], strict=True):
                tokens, lines = tagger.tokenize(ex.text)
                for s, e, _lab in ex.spans:
                    gold_total += 1
                    if not any(a < e and s < b for a, b in taken):
                        baseline_missed.add((n, id(ex), s))
                for i, tok in enumerate(tokens):
                    if any(a < tok.end and tok.start < b for a, b in taken) or tok.low in model.skip:
                        continue
                    gid = next(((n, id(ex), s) for s, e, lab in ex.spans if s < tok.end and tok.start < e), None)
                    p = model.probability(tagger.features(tokens, lines, i, model.vocab, ex.text))
                    scored.append((p, gid is not None, gid or ("", 0, 0), tok.text))
        print(f"  fold {fold + 1}/{k} done", file=sys.stderr, flush=True)
    print(f"gold identifiers {gold_total}; missed entirely by the rules: {len(baseline_missed)}")
    print("threshold  words flagged  of them identifier words  missed identifiers now found  false words")
    for th in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        flagged = [x for x in scored if x[0] >= th]
        pos = [x for x in flagged if x[1]]
        found = {x[2] for x in pos} & baseline_missed
        print(f"{th:9.2f}  {len(flagged):13d}  {len(pos):24d}  {len(found):29d}  {len(flagged) - len(pos):11d}")
    for th in (0.5, 0.7):
        fp = Counter(x[3].lower() for x in scored if x[0] >= th and not x[1])
        print(f"most frequent false words at {th}:", fp.most_common(40))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--max-set", type=int, default=None, help="use held-out sets 2..N only (default: all)")
    ap.add_argument("--min-files", type=int, default=3)
    ap.add_argument("--c", type=float, default=0.5, help="inverse L2 regularisation strength")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--cv", type=int, default=0, help="K-fold cross-validation by gold file first")
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the rule detections for --cv")
    ap.add_argument("--out", type=Path, default=tagger.MODEL_FILE)
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args()
    files = gold_files(args.max_set)
    docs = {name: load_gold(gold) for name, gold, _ in files}
    kw = {"min_files": args.min_files, "c": args.c, "threshold": args.threshold}
    if args.cv:
        cross_validate(files, docs, args.cv, args.cache, **kw)
    if args.no_save:
        return
    t0 = time.perf_counter()
    model = train(docs, **kw)  # type: ignore[arg-type]
    tagger.save(model, args.out)
    print(f"trained on {len(files)} gold files in {time.perf_counter() - t0:.0f} s: {len(model.weights)} weights, "
          f"{len(model.vocab)} vocabulary words, threshold {model.threshold} -> {args.out}")


if __name__ == "__main__":
    main()
