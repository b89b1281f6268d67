"""Deductive auto-coding: match a codebook's indicator terms in Norwegian text and score units.

Each indicator term is reduced to lemma keys (:func:`workbench.coding.lemmas.term_keys`). A text
token matches a key through its lemma (inflection, dialect endings, OCR repairs), through the head
of a compound (``forvaltningskontorets`` → ``kontor``, weaker), or through a fuzzy match
(rapidfuzz, for speech-to-text and OCR misspellings of indicator words, weaker still).
Multi-word terms match as consecutive tokens.

A unit's score for a code is ``1 - Π(1 - w)`` over the distinct terms found, where ``w`` depends on
the kind of match, the term's length (phrases count more) and how many codes share the term.
``exclude`` terms of a code veto it in that unit. Scores are in 0..1; a suggestion is a unit whose
score reaches ``threshold``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from workbench.coding.codebook import CodebookSpec
from workbench.coding.lemmas import analyse, term_keys, tokens

DEFAULT_THRESHOLD = 0.5
W_WORD = 0.42
W_LONG_WORD = 0.55  # single words of >= LONG_WORD letters are specific (forvaltningskontor)
LONG_WORD = 11
W_PHRASE = 0.62
HEAD_FACTOR = 0.55
FUZZY_FACTOR = 0.8
FUZZY_CUTOFF = 88.0
FUZZY_MIN_LEN = 6
HOW_FACTOR = {"lemma": 1.0, "head": HEAD_FACTOR, "modifier": HEAD_FACTOR, "fuzzy": FUZZY_FACTOR}


@dataclass(frozen=True)
class Evidence:
    """One indicator hit: the term, where it was found, and how (lemma, head, fuzzy)."""

    term: str
    start: int
    end: int
    how: str
    weight: float

    def as_dict(self) -> dict[str, Any]:
        return {"term": self.term, "start": self.start, "end": self.end, "how": self.how,
                "weight": round(self.weight, 3)}


@dataclass
class Suggestion:
    start: int
    end: int
    code: str
    score: float
    evidence: list[Evidence] = field(default_factory=list)

    def as_dict(self, *, with_evidence: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "code": self.code,
                               "score": round(self.score, 3)}
        if with_evidence:
            out["evidence"] = [e.as_dict() for e in self.evidence]
        return out


@dataclass(frozen=True)
class _Term:
    code: str
    text: str
    keys: tuple[frozenset[str], ...]
    weight: float
    exclude: bool


class Matcher:
    """Compiled indicator terms of one codebook; reusable and fast (cached token analysis)."""

    def __init__(self, spec: CodebookSpec, *, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.spec = spec
        self.threshold = threshold
        self.codes = [c.id for c in spec.codes if c.indicators]
        raw: list[tuple[str, str, tuple[frozenset[str], ...], bool]] = []
        for code in spec.codes:
            for term in code.indicators:
                keys = tuple(term_keys(term))
                if keys:
                    raw.append((code.id, term, keys, False))
            for term in code.exclude:
                keys = tuple(term_keys(term))
                if keys:
                    raw.append((code.id, term, keys, True))
        codes_per_key: dict[tuple[frozenset[str], ...], set[str]] = defaultdict(set)
        for cid, _, keys, excl in raw:
            if not excl:
                codes_per_key[keys].add(cid)
        self._by_first: dict[str, list[_Term]] = defaultdict(list)
        seen: set[tuple[str, tuple[frozenset[str], ...], bool]] = set()
        for cid, text, keys, excl in raw:
            if (cid, keys, excl) in seen:
                continue
            seen.add((cid, keys, excl))
            if len(keys) > 1:
                base = W_PHRASE
            else:
                base = W_LONG_WORD if len(text) >= LONG_WORD else W_WORD
            share = max(len(codes_per_key.get(keys, ())), 1)
            term = _Term(cid, text, keys, base / share**0.5, excl)
            for first in keys[0]:
                self._by_first[first].append(term)
        # vocabulary of single-word keys for fuzzy matching of misspelt tokens
        self._vocab = sorted({k for k in self._by_first if len(k) >= FUZZY_MIN_LEN})
        self._fuzzy_cache: dict[str, str | None] = {}
        self._key_cache: dict[str, dict[str, str]] = {}

    # -- token keys -------------------------------------------------------------------------
    def _fuzzy(self, surface: str) -> str | None:
        if surface in self._fuzzy_cache:
            return self._fuzzy_cache[surface]
        found = None
        if len(surface) >= FUZZY_MIN_LEN and self._vocab:
            hit = process.extractOne(surface, self._vocab, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if hit is not None:
                found = hit[0]
        self._fuzzy_cache[surface] = found
        return found

    def _token_keys(self, token: str) -> dict[str, str]:
        """``{key: how}`` for one token (how = lemma, head, modifier or fuzzy; strongest kept)."""
        cached = self._key_cache.get(token)
        if cached is not None:
            return cached
        a = analyse(token)
        keys: dict[str, str] = {}
        for lemma in (*a.lemmas, a.surface):
            keys.setdefault(lemma, "lemma")
        for head in a.heads:
            keys.setdefault(head, "head")
        if a.modifier:
            keys.setdefault(a.modifier, "modifier")
        if not a.known and not any(k in self._by_first for k in keys):
            fz = self._fuzzy(a.surface)
            if fz is not None:
                keys.setdefault(fz, "fuzzy")
        self._key_cache[token] = keys
        return keys

    # -- scoring ----------------------------------------------------------------------------
    def hits(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[_Term, Evidence]]:
        """All indicator hits in ``text[start:end]`` (offsets in ``text``)."""
        end = len(text) if end is None else end
        toks = tokens(text[start:end])
        tok_keys = [self._token_keys(t) for _, _, t in toks]
        out: list[tuple[_Term, Evidence]] = []
        for i, keys in enumerate(tok_keys):
            done: set[int] = set()
            for key, how in keys.items():
                for term in self._by_first.get(key, ()):
                    n = len(term.keys)
                    if id(term) in done or i + n > len(toks):
                        continue
                    done.add(id(term))
                    worst = how
                    ok = True
                    for j in range(1, n):
                        nxt = tok_keys[i + j]
                        hit = next((nxt[k] for k in term.keys[j] if k in nxt), None)
                        if hit is None:
                            ok = False
                            break
                        if hit != "lemma":
                            worst = hit
                    if not ok:
                        continue
                    factor = HOW_FACTOR[worst]
                    s, e = start + toks[i][0], start + toks[i + n - 1][1]
                    out.append((term, Evidence(term.text, s, e, worst, term.weight * factor)))
        return out

    def score_unit(self, text: str, start: int = 0, end: int | None = None) -> dict[str, tuple[float, list[Evidence]]]:
        """``{code: (score, evidence)}`` for one unit."""
        best: dict[str, dict[str, Evidence]] = defaultdict(dict)
        vetoed: set[str] = set()
        for term, ev in self.hits(text, start, end):
            if term.exclude:
                vetoed.add(term.code)
                continue
            prev = best[term.code].get(term.text)
            if prev is None or ev.weight > prev.weight:
                best[term.code][term.text] = ev
        out: dict[str, tuple[float, list[Evidence]]] = {}
        for code, by_term in best.items():
            if code in vetoed:
                continue
            # overlapping hits of the same words (compound + head) count once: keep the strongest
            evs = sorted(by_term.values(), key=lambda e: -e.weight)
            kept: list[Evidence] = []
            for ev in evs:
                if any(ev.start < k.end and k.start < ev.end for k in kept):
                    continue
                kept.append(ev)
            miss = 1.0
            for ev in kept:
                miss *= 1.0 - ev.weight
            out[code] = (1.0 - miss, sorted(kept, key=lambda e: e.start))
        return out

    def suggest(
        self, text: str, units: Sequence[tuple[int, int]], *, threshold: float | None = None,
    ) -> list[Suggestion]:
        """Suggestions (unit, code, score, evidence) at or above ``threshold``, in text order."""
        limit = self.threshold if threshold is None else threshold
        out: list[Suggestion] = []
        for u_start, u_end in units:
            scored = self.score_unit(text, u_start, u_end)
            for code, (score, evs) in sorted(scored.items(), key=lambda kv: -kv[1][0]):
                if score >= limit:
                    out.append(Suggestion(u_start, u_end, code, score, evs))
        return out
