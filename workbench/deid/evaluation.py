"""Gold-set format and de-identification metrics (used by ``bench/deid.py`` and the tests).

Gold excerpts are written with inline markup ``[[surface|LABEL]]``, blocks separated by ``---``
lines, ``#`` comment lines ignored. Metrics (see the brief):

* recall: a gold identifier counts as found when any detection overlaps it (per label and overall);
* character coverage: share of gold identifier characters inside detections;
* precision: share of detections that overlap a gold identifier;
* leak rate: share of gold identifier strings still present (case-insensitive, whole word) in the
  text after pseudonymisation, outside the replacement text that pseudonymisation inserted (see
  :func:`leak_rate`; the strict count searches the inserted text too).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from workbench.deid.spans import LABELS, Span

_MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")


@dataclass
class GoldExample:
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)


def parse_marked(text: str) -> list[GoldExample]:
    """Parse the marked-up gold file into texts with ``(start, end, label)`` spans."""
    examples = []
    lines = [ln for ln in text.splitlines() if not ln.startswith("#")]
    for block in "\n".join(lines).split("\n---\n"):
        block = block.strip("\n")
        if not block.strip():
            continue
        out: list[str] = []
        spans: list[tuple[int, int, str]] = []
        pos = 0
        length = 0
        for m in _MARK.finditer(block):
            out.append(block[pos:m.start()])
            length += m.start() - pos
            surface, label = m.group(1), m.group(2)
            if label not in LABELS:
                raise ValueError(f"unknown gold label {label}")
            spans.append((length, length + len(surface), label))
            out.append(surface)
            length += len(surface)
            pos = m.end()
        out.append(block[pos:])
        examples.append(GoldExample(text="".join(out), spans=spans))
    return examples


def load_gold(path: Path) -> list[GoldExample]:
    return parse_marked(path.read_text(encoding="utf-8"))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(examples: list[GoldExample], predictions: list[list[Span]]) -> dict[str, object]:
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    typed: Counter[str] = Counter()
    chars_gold = chars_covered = 0
    tp_pred = n_pred = 0
    false_pos: list[tuple[str, str]] = []
    missed: list[tuple[str, str]] = []
    for ex, preds in zip(examples, predictions, strict=True):
        for start, end, label in ex.spans:
            total[label] += 1
            hits = [p for p in preds if _overlaps((start, end), (p.start, p.end))]
            if hits:
                found[label] += 1
                if any(p.label == label for p in hits):
                    typed[label] += 1
            else:
                missed.append((label, ex.text[start:end]))
            chars_gold += end - start
            chars_covered += sum(1 for i in range(start, end) if any(p.start <= i < p.end for p in preds))
        for p in preds:
            n_pred += 1
            if any(_overlaps((p.start, p.end), (s, e)) for s, e, _ in ex.spans):
                tp_pred += 1
            else:
                false_pos.append((p.label, p.text))
    per_label = {lab: {"gold": total[lab], "recall": round(found[lab] / total[lab], 4) if total[lab] else None,
                       "label_match": round(typed[lab] / total[lab], 4) if total[lab] else None}
                 for lab in LABELS}
    return {
        "recall": round(sum(found.values()) / max(1, sum(total.values())), 4),
        "per_label": per_label,
        "char_coverage": round(chars_covered / max(1, chars_gold), 4),
        "precision": round(tp_pred / max(1, n_pred), 4),
        "detections": n_pred,
        "gold": sum(total.values()),
        "missed": missed,
        "false_positives": false_pos,
    }


def leak_rate(examples: list[GoldExample], outputs: list[str],
              inserted: list[list[tuple[int, int]]] | None = None) -> tuple[float, list[tuple[str, str]]]:
    """Share of gold identifier strings still present (whole word, case-insensitive) in the outputs.

    ``inserted`` holds, per output, the ``[start, end)`` ranges of the replacement text that
    pseudonymisation wrote. A match *inside* such a range is the pseudonymiser's own generalised
    value, not a surviving identifier (the age 80 generalised to ``[alder 80–89]``), so those ranges
    are blanked before the search. Without ``inserted`` the whole output is searched (the strict count).
    """
    leaks = []
    n = 0
    for i, (ex, out) in enumerate(zip(examples, outputs, strict=True)):
        if inserted is not None:
            chars = list(out)
            for a, b in inserted[i]:
                chars[a:b] = " " * (b - a)
            out = "".join(chars)
        for start, end, label in ex.spans:
            n += 1
            surface = ex.text[start:end]
            if re.search(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", out, re.IGNORECASE):
                leaks.append((label, surface))
    return (len(leaks) / n if n else 0.0), leaks
