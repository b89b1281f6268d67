"""Project-known identifiers found again despite misspelling, case, inflection and OCR noise.

The researcher registers participants, municipalities, workplaces and other names. Each is
expanded into variants (the full form; for persons also each name part that is not a common
word) and compared with every window of the same number of tokens using rapidfuzz. Windows are
compared raw and with Norwegian inflection endings removed (genitive ``-s``, definite ``-en``,
``-et``, ``-a``), so "Hjelmelands", "kristin", "Solbakkens" and OCR'd "Hje1meland" all match.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from workbench.deid.gazetteers import load as load_gazetteers
from workbench.deid.gazetteers import lower_case_line
from workbench.deid.spans import Span

CATEGORY_LABEL = {
    "participant": "PERSON",
    "interviewer": "PERSON",
    "person": "PERSON",
    "municipality": "PLACE",
    "place": "PLACE",
    "workplace": "ORGANIZATION",
    "organization": "ORGANIZATION",
    "other": "PERSON",
}
CATEGORIES = tuple(CATEGORY_LABEL)

_WORD_RE = re.compile(r"[\w&$|'’]+", re.UNICODE)
_ENDINGS = ("enes", "ens", "ets", "ene", "en", "et", "as", "s", "a", "e")
_OCR = str.maketrans({"&": "å", "0": "o", "1": "l", "|": "l", "$": "s", "’": "'", "@": "a"})


@dataclass(frozen=True)
class KnownIdentifier:
    """A registered identifier; ``key`` ties every match to one pseudonym."""

    value: str
    category: str = "person"
    key: str = ""
    pseudonym: str | None = None  # a fixed replacement, e.g. the study's invented municipality name

    @property
    def label(self) -> str:
        return CATEGORY_LABEL.get(self.category, "PERSON")


@functools.lru_cache(maxsize=200_000)
def normalise(text: str) -> str:
    """Lower-case, NFC, OCR confusions folded (``&``→å, ``1``→l, ``0``→o), spaces collapsed."""
    text = unicodedata.normalize("NFC", text).lower().translate(_OCR).replace("-", " ")
    return " ".join(text.split())


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if len(word) - len(ending) >= 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def _threshold(length: int) -> float:
    if length < 4:
        return 100.0
    if length <= 5:
        return 79.0
    if length <= 8:
        return 84.0
    return 86.0


def _tokens_match(window: list[str], parts: list[str]) -> bool:
    """Every token of a multi-word match must itself be close (so "Kristin er" ≠ "Kristin Berg")."""
    for got, want in zip(window, parts, strict=True):
        score = max(fuzz.ratio(got, want), fuzz.ratio(_stem(got), want))
        if score < _threshold(len(want)) - 5:
            return False
    return True


def _opens_sentence(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'«(-–—":
        i -= 1
    return i < 0 or text[i] in ".!?:\n;…"


class KnownMatcher:
    """Finds registered identifiers in text. Build once per project, reuse for every source."""

    def __init__(self, known: list[KnownIdentifier]) -> None:
        g = load_gazetteers()
        self.known = known
        # variants grouped by token count: list of (normalised variant, index into known, is_part)
        self.variants: dict[int, list[tuple[str, int, bool]]] = {}
        for idx, item in enumerate(known):
            full = normalise(item.value)
            if not full:
                continue
            forms = {(full, False)}
            if item.label == "PERSON":
                parts = full.split()
                if len(parts) > 1:
                    for part in parts:
                        if len(part) >= 3 and part not in g.common:
                            forms.add((part, True))
            if item.category in ("workplace", "organization"):
                # "Solbakken sykehjem" is also referred to as just "Solbakken"
                head = full.split()[0]
                if len(full.split()) > 1 and len(head) >= 4 and head not in g.common:
                    forms.add((head, True))
            for form, is_part in forms:
                self.variants.setdefault(len(form.split()), []).append((form, idx, is_part))

    def find(self, text: str) -> list[Span]:
        if not self.variants:
            return []
        g = load_gazetteers()
        words = [(m.start(), m.end(), m.group(0)) for m in _WORD_RE.finditer(text)]
        norm = [normalise(w[2]).strip("-'") for w in words]
        out: list[Span] = []
        taken = np.zeros(len(words), dtype=bool)
        for k in sorted(self.variants, reverse=True):
            variants = self.variants[k]
            choices = [v[0] for v in variants]
            if len(words) < k:
                continue
            windows = [" ".join(norm[i:i + k]) for i in range(len(words) - k + 1)]
            stems = [" ".join([*norm[i:i + k - 1], _stem(norm[i + k - 1])]) for i in range(len(words) - k + 1)]
            raw = process.cdist(windows, choices, scorer=fuzz.ratio, dtype=np.uint8, workers=1)
            stemmed = process.cdist(stems, choices, scorer=fuzz.ratio, dtype=np.uint8, workers=1)
            best = np.maximum(raw, stemmed)
            thresholds = np.array([_threshold(len(c)) for c in choices])
            hits = np.argwhere(best >= thresholds[None, :])
            # best variant per window
            by_window: dict[int, tuple[float, int]] = {}
            for wi, vi in hits:
                score = float(best[wi, vi])
                if wi not in by_window or score > by_window[wi][0]:
                    by_window[wi] = (score, int(vi))
            for wi in sorted(by_window):
                if taken[wi:wi + k].any():
                    continue
                score, vi = by_window[wi]
                form, idx, is_part = variants[vi]
                window = windows[wi]
                # a common word only counts when it matches exactly (avoid "kristen" for "Kristin")
                if score < 100 and k == 1 and (window in g.common and _stem(window) != _stem(form)):
                    continue
                if k > 1 and not _tokens_match(norm[wi:wi + k], form.split()):
                    continue
                first_char = text[words[wi][0]]
                if is_part and not first_char.isupper() and (score < 100 or len(form) < 5):
                    continue  # a lower-case name part must be exact and not too short ("berg")
                if k == 1 and not first_char.isupper() and window in g.common \
                        and not lower_case_line(text, words[wi][0]):
                    continue  # "alt" (Alta), "plassen" (Plassen) in cased text are common words
                if k == 1 and score < 100 and window in g.common and _opens_sentence(text, words[wi][0]):
                    continue  # "Ingen epikrise" is not a misspelt "Inge"
                item = self.known[idx]
                start, end = words[wi][0], words[wi + k - 1][1]
                conf = round(score / 100 * (0.9 if is_part else 1.0), 3)
                details = {"category": item.category}
                if item.pseudonym:
                    details["pseudonym"] = item.pseudonym
                out.append(Span(start, end, item.label, text[start:end], "known", conf,
                                key=item.key or f"known:{idx}", details=details))
                taken[wi:wi + k] = True
        return out
