"""De-identification benchmark: recall, character coverage, precision, leak rate, words per second.

    OMP_NUM_THREADS=1 .venv/bin/python bench/deid.py [--gold tests/data/deid/gold_marked.txt] [--no-ner]

Gold set: ``tests/data/deid/gold_marked.txt`` (synthetic Norwegian transcript excerpts, every label,
hard negatives, misspelled identifiers), with the project-known identifiers of
``tests/data/deid/known.txt`` registered, as a researcher would; then the held-out sets
``gold_heldout_marked.txt`` … ``gold_heldout33_marked.txt`` (each written before the rules it tests;
each held-out set was run once (its first-run figures are in docs/benchmarks.md) and then used for tuning; held-outs 4–33 were written by a helper
who never saw the detector code; see docs/benchmarks.md for which set is still clean) with their
``known_heldout*.txt``. Also reported without the known
list. Speed: the full detector (patterns, gazetteers, known identifiers, NER) on interview-length
texts built from the demo corpora (``corpora/interviews``, text files) or, if absent, the gold set,
on one thread.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from workbench.deid import tagger  # noqa: E402
from workbench.deid.detect import Detector, parse_known_lines  # noqa: E402
from workbench.deid.evaluation import leak_rate, load_gold, score  # noqa: E402
from workbench.deid.pseudonymise import PseudonymBook, apply_spans  # noqa: E402


def speed_texts(target_words: int = 60000) -> list[str]:
    """Interview-length texts (~12k words each) for the throughput measurement."""
    pieces = []
    for path in sorted((REPO / "corpora" / "interviews").rglob("*.txt")):
        data = path.read_bytes()
        try:
            pieces.append(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            pieces.append(data.decode("cp1252"))
    if not pieces:
        pieces = [ex.text for ex in load_gold(REPO / "tests" / "data" / "deid" / "gold_marked.txt")]
    texts, current, words = [], [], 0
    total = 0
    while total < target_words:
        for p in pieces:
            current.append(p)
            words += len(p.split())
            total += len(p.split())
            if words >= 12000:
                texts.append("\n\n".join(current))
                current, words = [], 0
            if total >= target_words:
                break
    if current:
        texts.append("\n\n".join(current))
    return texts


def evaluate(gold_path: Path, known_path: Path, use_ner: bool, prefix: str = "", use_tagger: bool = True
             ) -> dict[str, dict]:
    examples = load_gold(gold_path)
    known = parse_known_lines(known_path.read_text(encoding="utf-8").splitlines())
    results: dict[str, dict] = {}
    for name, items in ((prefix + "with_known", known), (prefix + "without_known", [])):
        detector = Detector(known=items, use_ner=use_ner, use_tagger=use_tagger)
        preds = detector.detect_many([ex.text for ex in examples])
        metrics = score(examples, preds)
        book = PseudonymBook()
        applied = [apply_spans(ex.text, p, book) for ex, p in zip(examples, preds, strict=True)]
        outputs = [out for out, _ in applied]
        inserted = [[(r.new_start, r.new_end) for r in reps] for _, reps in applied]
        rate, leaks = leak_rate(examples, outputs, inserted)
        strict_rate, strict_leaks = leak_rate(examples, outputs)
        metrics["leak_rate"] = round(rate, 4)
        metrics["leaks"] = leaks
        metrics["leak_rate_strict"] = round(strict_rate, 4)
        metrics["strict_only_leaks"] = [x for x in strict_leaks if x not in leaks]
        results[name] = metrics
    return results


def held_out_sets(spec: str | None = None) -> list[int]:
    """Numbers of the committed held-out gold sets, or those in ``spec`` ("90-105", "35,37,39")."""
    have = sorted(int(m.group(1)) for p in (REPO / "tests" / "data" / "deid").glob("gold_heldout*_marked.txt")
                  if (m := re.fullmatch(r"gold_heldout(\d+)_marked\.txt", p.name)))
    if not spec:
        return have
    wanted: set[int] = set()
    for part in spec.split(","):
        a, _, b = part.partition("-")
        wanted |= set(range(int(a), int(b or a) + 1))
    return [n for n in have if n in wanted]


def run(gold_path: Path, known_path: Path, use_ner: bool, sets: str | None = None,
        use_tagger: bool = True) -> dict[str, object]:
    # speed first, in a fresh process as a researcher's run would be; the median of three runs
    known = parse_known_lines(known_path.read_text(encoding="utf-8").splitlines())
    detector = Detector(known=known, use_ner=use_ner, use_tagger=use_tagger)
    texts = speed_texts()
    detector.detect(texts[0][:2000])  # load the model outside the timing
    words = sum(len(t.split()) for t in texts)
    timings = []
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        detector.detect_many(texts)
        timings.append((time.perf_counter() - t0, time.process_time() - c0))
    secs, cpu = sorted(timings)[1]
    speed = {"texts": len(texts), "words": words, "seconds": round(secs, 2), "runs": 3,
             "words_per_second": round(words / secs), "cpu_seconds": round(cpu, 2),
             "words_per_cpu_second": round(words / cpu), "load_average": os.getloadavg()[0]}
    results: dict[str, object] = {}
    if not sets:
        results.update(evaluate(gold_path, known_path, use_ner, use_tagger=use_tagger))
    for n in held_out_sets(sets):
        heldout = gold_path.with_name(f"gold_heldout{n}_marked.txt")
        results.update(evaluate(heldout, known_path.with_name(f"known_heldout{n}.txt"), use_ner,
                                prefix=f"heldout{n}_", use_tagger=use_tagger))
    results["speed"] = speed
    return results


def pooled(results: dict[str, object], names: set[str]) -> tuple[int, int, int, int]:
    """(identifiers, leaks, detections, false positives) over the held-out results in ``names``."""
    gold = leaks = dets = fps = 0
    for key, m in results.items():
        if key in names and isinstance(m, dict):
            gold += m["gold"]
            leaks += len(m["leaks"])
            dets += m["detections"]
            fps += len(m["false_positives"])
    return gold, leaks, dets, fps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=REPO / "tests" / "data" / "deid" / "gold_marked.txt")
    parser.add_argument("--known", type=Path, default=REPO / "tests" / "data" / "deid" / "known.txt")
    parser.add_argument("--no-ner", action="store_true")
    parser.add_argument("--no-tagger", action="store_true", help="Rules only, without the learned tagger.")
    parser.add_argument("--sets", help='Held-out sets only, e.g. "90-105" (default: the first gold set and all held-out sets).')
    parser.add_argument("--show-errors", action="store_true", help="Print misses and false positives (synthetic data).")
    args = parser.parse_args()
    results = run(args.gold, args.known, use_ner=not args.no_ner, sets=args.sets, use_tagger=not args.no_tagger)
    for name in [k for k in results if k != "speed"]:
        m = results[name]
        assert isinstance(m, dict)
        print(f"== {name}: gold {m['gold']}, detections {m['detections']}")
        print(f"   recall {m['recall']:.3f}  char coverage {m['char_coverage']:.3f}  precision {m['precision']:.3f}"
              f"  leak rate {m['leak_rate']:.3%} (strict {m['leak_rate_strict']:.3%})")
        for label, row in m["per_label"].items():
            if row["gold"]:
                print(f"   {label:<13} n={row['gold']:<3} recall {row['recall']:.3f}  label match {row['label_match']:.3f}")
        if args.show_errors:
            print("   missed:", m["missed"])
            print("   false positives:", m["false_positives"])
            print("   leaks:", m["leaks"])
            print("   strict-only (inside inserted replacements):", m["strict_only_leaks"])
    sp = results["speed"]
    print(f"== speed: {sp['words']} words in {sp['texts']} texts, {sp['seconds']} s wall "
          f"({sp['words_per_second']} words/s, median of {sp['runs']} runs), {sp['cpu_seconds']} s CPU ({sp['words_per_cpu_second']} words per "
          f"CPU-second), one thread, load average {sp['load_average']:.1f}")
    model = tagger.load()
    trained = {f"heldout{name[1:]}_with_known" for name in (model.trained_on if model else []) if name.startswith("h")}
    with_known = {k for k in results if k.startswith("heldout") and k.endswith("_with_known")}
    for title, names in (("held-out sets the tagger was trained on (in-sample)", with_known & trained),
                         ("held-out sets the tagger never saw", with_known - trained)):
        gold, leaks, dets, fps = pooled(results, names)
        if gold:
            print(f"== pooled, {title}: {len(names)} sets, {gold} identifiers, leak rate {leaks / gold:.2%} ({leaks}), "
                  f"precision {1 - fps / max(1, dets):.3f} ({fps} false of {dets})")
    summary = {k: {kk: vv for kk, vv in v.items() if kk not in ("missed", "false_positives", "leaks", "strict_only_leaks")}
               if isinstance(v, dict) else v for k, v in results.items()}
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
