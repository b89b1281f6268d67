"""Train the Norwegian NER model shipped with workbench (PER, LOC, ORG) on NorNE.

Reproduce the committed model (about 15-20 minutes on one core)::

    OMP_NUM_THREADS=1 .venv/bin/python -m workbench.deid.train_ner \
        --norne ../shared/data/norne --out workbench/deid/data/ner_nb --minutes 20

Label mapping: ``PER`` stays ``PER``; ``LOC``, ``GPE_LOC`` and ``GPE_ORG`` become ``LOC``
(for de-identification a municipality is a place whatever role it plays in the sentence);
``ORG`` stays ``ORG``; ``PROD``, ``EVT``, ``DRV`` and ``MISC`` are dropped (they are not direct
identifiers in interview transcripts, and laws/programmes are hard negatives).

The model is ``spacy.blank("nb")`` + tok2vec + NER with a widened "efficiency" architecture, no
vectors (nothing is downloaded). Training stops at the time limit and keeps the checkpoint with the
best dev F1; ``evaluate`` then writes per-type precision/recall/F1 on the dev split, with and
without the document-level post-processing of :mod:`workbench.deid.ner`, to ``eval.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

LABEL_MAP = {"PER": "PER", "LOC": "LOC", "GPE_LOC": "LOC", "GPE_ORG": "LOC", "ORG": "ORG"}
LABELS = ("PER", "LOC", "ORG")


def read_conllu(path: Path) -> Iterator[tuple[str, list[str], list[bool], list[str]]]:
    """Yield ``(sent_id, words, spaces, bio_tags)`` per sentence; headline ``|`` tokens are dropped."""
    sent_id = ""
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if words:
                    yield sent_id, words, spaces, tags
                sent_id, words, spaces, tags = "", [], [], []
                continue
            if line.startswith("#"):
                if line.startswith("# sent_id"):
                    sent_id = line.split("=", 1)[1].strip()
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            if cols[1] == "|":
                continue
            misc = dict(kv.split("=", 1) for kv in cols[9].split("|") if "=" in kv)
            words.append(cols[1])
            spaces.append(misc.get("SpaceAfter") != "No")
            tags.append(misc.get("name", "O"))
    if words:
        yield sent_id, words, spaces, tags


def bio_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans ``(start, end, label)`` from BIO tags, mapped with :data:`LABEL_MAP`."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("I-") and start >= 0 and tag[2:] == label:
            continue
        if start >= 0:
            mapped = LABEL_MAP.get(label)
            if mapped:
                spans.append((start, i, mapped))
            start, label = -1, ""
        if tag.startswith(("B-", "I-")):
            start, label = i, tag[2:]
    return spans


def load_docs(path: Path, nlp, group: int = 1) -> list:
    """NorNE sentences as spaCy ``Doc`` objects with gold entities (``group`` sentences per doc)."""
    from spacy.tokens import Doc, Span

    docs = []
    buf_words: list[str] = []
    buf_spaces: list[bool] = []
    buf_spans: list[tuple[int, int, str]] = []
    count = 0
    for _sid, words, spaces, tags in read_conllu(path):
        offset = len(buf_words)
        spaces = list(spaces)
        spaces[-1] = True
        buf_words += words
        buf_spaces += spaces
        buf_spans += [(s + offset, e + offset, lab) for s, e, lab in bio_to_spans(tags)]
        count += 1
        if count >= group:
            doc = Doc(nlp.vocab, words=buf_words, spaces=buf_spaces)
            doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in buf_spans]
            docs.append(doc)
            buf_words, buf_spaces, buf_spans, count = [], [], [], 0
    if buf_words:
        doc = Doc(nlp.vocab, words=buf_words, spaces=buf_spaces)
        doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in buf_spans]
        docs.append(doc)
    return docs


def build_config(seed: int, dropout: float):
    """The widened efficiency config (see module docstring)."""
    from spacy.cli.init_config import init_config

    cfg = init_config(lang="nb", pipeline=["ner"], optimize="efficiency", gpu=False)
    cfg["system"]["seed"] = seed
    cfg["training"]["dropout"] = dropout
    cfg["training"]["max_steps"] = 0
    cfg["training"]["max_epochs"] = 60
    cfg["training"]["patience"] = 4000
    cfg["training"]["eval_frequency"] = 300
    cfg["training"]["before_update"] = {"@callbacks": "workbench.deadline.v1"}
    embed = cfg["components"]["tok2vec"]["model"]["embed"]
    embed["attrs"] = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
    embed["rows"] = [10000, 2500, 5000, 1000]
    cfg["components"]["tok2vec"]["model"]["encode"]["width"] = 128
    cfg["components"]["ner"]["model"]["hidden_width"] = 96
    return cfg


class _Deadline(Exception):
    """Raised by the callback when the training time is up (the best checkpoint is on disk)."""


_DEADLINE = {"t": float("inf")}


def _register_callback() -> None:
    from spacy.util import registry

    @registry.callbacks("workbench.deadline.v1")
    def make_deadline():
        def before_update(nlp, info):
            if time.time() > _DEADLINE["t"]:
                raise _Deadline()

        return before_update


def train(norne: Path, out: Path, *, minutes: float, seed: int = 0, dropout: float = 0.2) -> Path:
    """Train and copy the best checkpoint to ``out``. Returns ``out``."""
    import spacy
    from spacy.cli.train import train as spacy_train
    from spacy.tokens import DocBin

    _register_callback()
    nlp = spacy.blank("nb")
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        DocBin(docs=load_docs(norne / "nob-train.conllu", nlp, group=1)).to_disk(tmpdir / "train.spacy")
        DocBin(docs=load_docs(norne / "nob-dev.conllu", nlp, group=1)).to_disk(tmpdir / "dev.spacy")
        cfg = build_config(seed, dropout)
        cfg_path = tmpdir / "config.cfg"
        cfg.to_disk(cfg_path)
        _DEADLINE["t"] = time.time() + minutes * 60
        try:
            spacy_train(
                cfg_path,
                tmpdir / "output",
                overrides={"paths.train": str(tmpdir / "train.spacy"), "paths.dev": str(tmpdir / "dev.spacy")},
            )
        except _Deadline:
            print("time limit reached; keeping the best checkpoint")
        best = tmpdir / "output" / "model-best"
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(best, out)
    # the deadline callback is only needed while training: drop it from the shipped config
    _strip_callback(out / "config.cfg")
    return out


def _strip_callback(cfg_file: Path) -> None:
    text = cfg_file.read_text(encoding="utf-8")
    text = re.sub(r"\[training\.before_update\]\n@callbacks = \"workbench\.deadline\.v1\"\n\n?", "", text)
    text = text.replace("[training]\n", "[training]\nbefore_update = null\n", 1) if "before_update =" not in text \
        else text
    cfg_file.write_text(text, encoding="utf-8")


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score(gold: list[set], pred: list[set]) -> dict[str, dict[str, float]]:
    """Exact-span P/R/F per label and micro-averaged over :data:`LABELS`."""
    out: dict[str, dict[str, float]] = {}
    totals = [0, 0, 0]
    for label in LABELS:
        tp = fp = fn = 0
        for g, p in zip(gold, pred, strict=True):
            gl = {x for x in g if x[2] == label}
            pl = {x for x in p if x[2] == label}
            tp += len(gl & pl)
            fp += len(pl - gl)
            fn += len(gl - pl)
        out[label] = _prf(tp, fp, fn)
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
    out["ALL"] = _prf(*totals)
    return out


def evaluate(model: Path, norne: Path) -> dict:
    """Per-type scores on NorNE dev: the raw model and with document-level post-processing."""
    import spacy

    from workbench.deid import ner as ner_mod

    nlp = spacy.load(model)
    docs = load_docs(norne / "nob-dev.conllu", nlp, group=1)
    gold = [{(e.start_char, e.end_char, e.label_) for e in d.ents} for d in docs]
    texts = [d.text for d in docs]
    t0 = time.perf_counter()
    pred_docs = list(nlp.pipe(texts, batch_size=256))
    secs = time.perf_counter() - t0
    raw = [{(e.start_char, e.end_char, e.label_) for e in d.ents} for d in pred_docs]
    words = sum(len(d) for d in pred_docs)
    # document-level consistency over windows of consecutive sentences (NorNE dev keeps document order)
    post = ner_mod.postprocess_sentences(texts, [sorted(r) for r in raw])
    result = {
        "model": model.name,
        "dev_sentences": len(docs),
        "raw": score(gold, raw),
        "postprocessed": score(gold, [set(p) for p in post]),
        "words_per_second_one_core": round(words / secs),
    }
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--norne", type=Path, default=Path("../shared/data/norne"))
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "data" / "ner_nb")
    parser.add_argument("--minutes", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--eval-only", action="store_true")
    args = parser.parse_args(argv)
    if not args.eval_only:
        train(args.norne, args.out, minutes=args.minutes, seed=args.seed, dropout=args.dropout)
    result = evaluate(args.out, args.norne)
    (args.out / "eval.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()


def build_common_words(norne: Path, out: Path, *, min_count: int = 2) -> int:
    """Write the lower-case word list used to keep common words out of name/place matching.

    A word is "common" when it occurs written in lower case, outside any entity, at least
    ``min_count`` times in NorNE train. Only word forms and no running text are written.
    Reproduce: ``python -c "from workbench.deid.train_ner import build_common_words as b; ..."``
    (see docs/deid.md).
    """
    from collections import Counter

    counts: Counter[str] = Counter()
    for _sid, words, _spaces, tags in read_conllu(norne / "nob-train.conllu"):
        for word, tag in zip(words, tags, strict=True):
            if tag == "O" and word.isalpha() and word == word.lower():
                counts[word] += 1
    common = sorted(w for w, c in counts.items() if c >= min_count)
    out.write_text("\n".join(common) + "\n", encoding="utf-8")
    return len(common)
