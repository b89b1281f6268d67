"""Benchmark of deductive auto-coding on the gold passages in tests/data/coding/gold.yaml.

Reports, for the ``tune`` and the ``heldout`` split (heldout is never used to adjust terms or the
threshold): per-code precision/recall/F1 of the suggestions (a passage is one unit; a suggestion
is a code scoring >= threshold), macro F1 over the codes present in the split; the same after
re-ranking with the classifier trained on the tune split's codes (standing in for coders'
accept/reject decisions); and auto-coding speed in words per second on the demo interviews.

    .venv/bin/python bench/coding.py [--json] [--threshold 0.5]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from workbench.coding.classifier import Reranker, TrainingUnit  # noqa: E402
from workbench.coding.codebook import load_codebook  # noqa: E402
from workbench.coding.lemmas import lexicon  # noqa: E402
from workbench.coding.matcher import DEFAULT_THRESHOLD, Matcher  # noqa: E402
from workbench.coding.units import paragraphs  # noqa: E402

GOLD = REPO / "tests" / "data" / "coding" / "gold.yaml"
CODEBOOK = REPO / "codebooks" / "kvalitet-og-modeller.yaml"


def prf(gold: list[set[str]], pred: list[set[str]], codes: list[str]) -> dict:
    per = {}
    for c in codes:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if c in g and c in p)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if c not in g and c in p)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if c in g and c not in p)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        per[c] = {"precision": round(pr, 3), "recall": round(rc, 3), "f1": round(f1, 3), "support": tp + fn}
    present = [c for c in codes if per[c]["support"]]
    macro = sum(per[c]["f1"] for c in present) / len(present) if present else 0.0
    return {"per_code": per, "macro_f1": round(macro, 3)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    ap.add_argument("--show-errors", choices=["tune", "heldout"], default=None)
    ap.add_argument("--sweep", action="store_true", help="macro F1 on the tune split per threshold, then exit")
    args = ap.parse_args()

    t0 = time.perf_counter()
    lexicon()
    load_s = time.perf_counter() - t0
    spec = load_codebook(CODEBOOK)
    matcher = Matcher(spec, threshold=args.threshold)
    codes = matcher.codes
    passages = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["passages"]
    out: dict = {"threshold": args.threshold, "passages": len(passages), "lexicon_load_s": round(load_s, 2)}

    scored = {p["id"]: {c: s for c, (s, _) in matcher.score_unit(p["text"]).items()} for p in passages}
    split = {name: [p for p in passages if p["split"] == name] for name in ("tune", "heldout")}
    if args.sweep:
        gold = [set(p["codes"]) for p in split["tune"]]
        for th in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
            pred = [{c for c, s in scored[p["id"]].items() if s >= th} for p in split["tune"]]
            print(f"threshold {th:.2f}: tune macro F1 {prf(gold, pred, codes)['macro_f1']:.3f}")
        return
    for name, ps in split.items():
        gold = [set(p["codes"]) for p in ps]
        pred = [{c for c, s in scored[p["id"]].items() if s >= args.threshold} for p in ps]
        out[f"lexicon_{name}"] = prf(gold, pred, codes)
        if args.show_errors == name:
            for p, g, q in zip(ps, gold, pred, strict=True):
                if g != q:
                    print(p["id"], "gold", sorted(g), "pred", sorted(q), {c: round(s, 2) for c, s in scored[p["id"]].items()})
    # classifier trained on the tune split's labels (as accepted/rejected decisions)
    train = [TrainingUnit(text=p["text"], lex=scored[p["id"]], positives=set(p["codes"]),
                          negatives=set(codes) - set(p["codes"])) for p in split["tune"]]
    t1 = time.perf_counter()
    model = Reranker(codes).fit(train)
    out["classifier_train_s"] = round(time.perf_counter() - t1, 2)
    held = split["heldout"]
    reranked = model.scores([p["text"] for p in held], [scored[p["id"]] for p in held])
    out["reranked_heldout"] = prf([set(p["codes"]) for p in held],
                                  [{c for c, s in r.items() if s >= args.threshold} for r in reranked], codes)
    out["reranked_heldout"]["trained_codes"] = len(model.trained_codes())

    # speed: all demo interviews (plain text of .txt/.vtt/.docx is not needed: raw files are text-heavy)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted((REPO / "corpora" / "interviews").rglob("*"))
             if p.suffix in (".txt", ".vtt")]
    texts += [p["text"] for p in passages]
    corpus = "\n\n".join(texts)
    words = len(corpus.split())
    fresh = Matcher(spec, threshold=args.threshold)
    t2 = time.perf_counter()
    n_sug = len(fresh.suggest(corpus, paragraphs(corpus)))
    cold = time.perf_counter() - t2
    t3 = time.perf_counter()
    reps = 5
    for _ in range(reps):
        fresh.suggest(corpus, paragraphs(corpus))
    warm = (time.perf_counter() - t3) / reps
    out["speed"] = {"words": words, "suggestions": n_sug, "words_per_s_first_pass": round(words / cold),
                    "words_per_s_warm": round(words / warm)}

    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return
    print(f"gold passages: {len(passages)} (tune {len(split['tune'])}, heldout {len(split['heldout'])}); "
          f"threshold {args.threshold}")
    print(f"{'code':<5} {'P':>6} {'R':>6} {'F1':>6} {'n':>3}   heldout lexicon   | reranked F1")
    for c in codes:
        a = out["lexicon_heldout"]["per_code"][c]
        b = out["reranked_heldout"]["per_code"][c]
        print(f"{c:<5} {a['precision']:6.3f} {a['recall']:6.3f} {a['f1']:6.3f} {a['support']:3d}   {'':17} | {b['f1']:6.3f}")
    print(f"macro F1 lexicon: tune {out['lexicon_tune']['macro_f1']:.3f}, heldout {out['lexicon_heldout']['macro_f1']:.3f}")
    print(f"macro F1 heldout after re-ranking (trained on tune, {out['classifier_train_s']} s): "
          f"{out['reranked_heldout']['macro_f1']:.3f}")
    s = out["speed"]
    print(f"speed: {s['words']} words, {s['words_per_s_first_pass']} words/s first pass, "
          f"{s['words_per_s_warm']} words/s warm (lexicon load {out['lexicon_load_s']} s)")


if __name__ == "__main__":
    main()
