"""Norwegian word normalisation for matching: lemmas, compounds, dialect spellings, OCR noise.

Lemmas come from spaCy's Norwegian Bokmål lookup tables (package ``spacy-lookups-data``:
``nb_lemma_exc``, extracted from Norsk Ordbank, CC BY 4.0), loaded through
``spacy.lookups.load_lookups`` and flattened to a part-of-speech-free form → lemma map (nouns
first, then verbs, adjectives, adverbs). Everything runs offline.

:func:`analyse` returns the keys a token can match on: its lemma, and for a compound not in the
lexicon (``forvaltningskontorets``) the compound lemma (``forvaltningskontor``) plus the head
lemma (``kontor``, marked as a head match). Spoken/dialect endings (``vedtaka``, ``brukarane``)
are rewritten before lookup, and OCR confusions (``pi`` → ``på``, ``&`` → ``å``) are repaired.
"""

from __future__ import annotations

import os
import pickle
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TOKEN_RE = re.compile(r"[\w&]+(?:['’][\w]+)?")

# Whole-word OCR and speech-to-text confusions (surface → intended).
OCR_WORDS = {"pi": "på", "p&": "på", "pa": "på", "ogs&": "også", "n&": "nå", "m&": "må", "f&": "få",
             "sma": "små", "bade": "både", "hjemmesykepleia": "hjemmesykepleien"}
# Dialect / spoken / nynorsk-like suffix rewrites, tried in order when the form is unknown.
DIALECT_SUFFIXES = [
    ("s", ""), ("ets", "et"), ("ens", "en"), ("enes", "ene"), ("ande", "ende"),
    ("arane", "erne"), ("arar", "erer"), ("aren", "eren"), ("ane", "ene"), ("ar", "er"),
    ("inga", "ingen"), ("ninga", "ningen"), ("a", "en"), ("a", "ene"), ("a", ""), ("e", ""),
    ("ér", "er"), ("te", "e"), ("na", "ne"),
]
MIN_HEAD = 3
MIN_PREFIX = 3
POS_ORDER = ("noun", "verb", "adj", "adv")
CACHE_FORMAT = 1


def _cache_file() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    try:
        from importlib.metadata import version

        tag = version("spacy-lookups-data")
    except Exception:  # noqa: BLE001
        tag = "none"
    return base / "workbench" / f"nb-lemmas-{tag}-{CACHE_FORMAT}.pickle"


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """Form → lemma from spaCy's nb lookup tables (empty if ``spacy-lookups-data`` is missing).

    Flattening the 600 000 forms takes seconds, so the result is cached as a pickle in
    ``$XDG_CACHE_HOME/workbench`` (derived locally from the installed package; rebuilt on upgrade).
    """
    cache = _cache_file()
    if cache.exists():
        try:
            with cache.open("rb") as fh:
                data = pickle.load(fh)
            if isinstance(data, dict):
                return data
        except Exception:  # noqa: BLE001 - a broken cache is rebuilt
            pass
    forms = _build_lexicon()
    if forms:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(forms, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache)
        except OSError:
            pass
    return forms


def _build_lexicon() -> dict[str, str]:
    try:
        from spacy.lookups import load_lookups

        lookups = load_lookups("nb", ["lemma_exc", "lemma_lookup"], strict=False)
    except Exception:  # noqa: BLE001 - matching still works on surface forms and suffix rules
        return {}
    forms: dict[str, str] = {}
    if lookups.has_table("lemma_lookup"):
        for form, lemma in lookups.get_table("lemma_lookup").items():
            if isinstance(form, str):
                forms.setdefault(form, lemma)
    if lookups.has_table("lemma_exc"):
        exc = lookups.get_table("lemma_exc")
        for pos in POS_ORDER:
            table = exc.get(pos) or {}
            for form, lemmas in table.items():
                if lemmas and form not in forms:
                    forms[form] = lemmas[0]
    # every lemma is its own form
    for lemma in list(forms.values()):
        forms.setdefault(lemma, lemma)
    return forms


def normalise_surface(token: str) -> str:
    """Lower-case, repair OCR ``&`` for ``å`` and whole-word confusions."""
    low = token.lower()
    if low in OCR_WORDS:
        return OCR_WORDS[low]
    if "&" in low and low != "&":
        low = low.replace("&", "å")
    return low


@dataclass(frozen=True)
class Analysis:
    """Keys a token matches on: ``lemma`` (full word), ``head`` (compound head lemma or None)."""

    surface: str
    lemma: str
    head: str | None
    known: bool


def _lookup(form: str, lex: dict[str, str]) -> str | None:
    lemma = lex.get(form)
    if lemma is not None:
        return lemma
    for old, new in DIALECT_SUFFIXES:
        if form.endswith(old) and len(form) - len(old) >= 3:
            cand = form[: len(form) - len(old)] + new
            lemma = lex.get(cand)
            if lemma is not None:
                return lemma
    return None


@lru_cache(maxsize=200_000)
def analyse(token: str) -> Analysis:
    """Analyse one token (cached: texts are Zipfian, so most tokens are seen before)."""
    lex = lexicon()
    surface = normalise_surface(token)
    lemma = _lookup(surface, lex)
    if lemma is not None:
        return Analysis(surface, lemma, None, True)
    if len(surface) >= MIN_HEAD + MIN_PREFIX:
        # longest known head: forvaltnings|kontorets -> forvaltningskontor, head kontor
        for i in range(MIN_PREFIX, len(surface) - MIN_HEAD + 1):
            head_lemma = _lookup(surface[i:], lex)
            if head_lemma is not None and len(surface) - i >= MIN_HEAD + 1:
                return Analysis(surface, surface[:i] + head_lemma, head_lemma, True)
    return Analysis(surface, surface, None, False)


def term_keys(term: str) -> list[str]:
    """Lemma keys of an indicator term or phrase (one key per word)."""
    return [analyse(t).lemma for t in TOKEN_RE.findall(term)]


def tokens(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` in code points."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]
