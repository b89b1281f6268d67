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
    ("s", ""), ("et", ""), ("ets", "et"), ("ens", "en"), ("enes", "ene"), ("ande", "ende"),
    ("arane", "erne"), ("arar", "erer"), ("aren", "eren"), ("ane", "ene"), ("ar", "er"),
    ("inga", "ingen"), ("ninga", "ningen"), ("a", "en"), ("a", "ene"), ("a", ""), ("e", ""),
    ("ér", "er"), ("te", "e"), ("na", "ne"),
]
MIN_HEAD = 3
MIN_PREFIX = 3
POS_ORDER = ("noun", "verb", "adj", "adv")
CACHE_FORMAT = 2


def _cache_file() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    try:
        from importlib.metadata import version

        tag = version("spacy-lookups-data")
    except Exception:  # noqa: BLE001
        tag = "none"
    return base / "workbench" / f"nb-lemmas-{tag}-{CACHE_FORMAT}.pickle"


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str | tuple[str, ...]]:
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


def _build_lexicon() -> dict[str, str | tuple[str, ...]]:
    try:
        from spacy.lookups import load_lookups

        lookups = load_lookups("nb", ["lemma_exc", "lemma_lookup"], strict=False)
    except Exception:  # noqa: BLE001 - matching still works on surface forms and suffix rules
        return {}
    forms: dict[str, list[str]] = {}
    if lookups.has_table("lemma_exc"):
        exc = lookups.get_table("lemma_exc")
        for pos in POS_ORDER:
            table = exc.get(pos) or {}
            for form, lemmas in table.items():
                have = forms.setdefault(form, [])
                for lemma in lemmas:
                    if lemma not in have:
                        have.append(lemma)
    if lookups.has_table("lemma_lookup"):
        for form, lemma in lookups.get_table("lemma_lookup").items():
            if isinstance(form, str) and isinstance(lemma, str):
                have = forms.setdefault(form, [])
                if lemma not in have:
                    have.append(lemma)
    for lemmas in list(forms.values()):
        for lemma in lemmas:
            forms.setdefault(lemma, [lemma])
    # one string for the common unambiguous case keeps the pickle small
    return {f: (ls[0] if len(ls) == 1 else tuple(ls)) for f, ls in forms.items() if ls}


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
    """Keys a token matches on.

    ``lemmas``: lemmas of the whole word (all parts of speech; the first is canonical);
    ``heads``: lemmas of a compound's head (``kontor`` in ``forvaltningskontorets``);
    ``modifier``: a compound's first part when it is a word itself (``opplæring`` in
    ``opplæringsprogram``); ``known``: found in the lexicon (directly or as a compound).
    """

    surface: str
    lemmas: tuple[str, ...]
    heads: tuple[str, ...]
    modifier: str | None
    known: bool

    @property
    def lemma(self) -> str:
        return self.lemmas[0]

    @property
    def head(self) -> str | None:
        return self.heads[0] if self.heads else None


def _as_tuple(value: str | tuple[str, ...] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return (value,) if isinstance(value, str) else value


def _lookup(form: str, lex: dict[str, str | tuple[str, ...]]) -> tuple[str, ...] | None:
    found = _as_tuple(lex.get(form))
    if found is not None:
        return found
    for old, new in DIALECT_SUFFIXES:
        if form.endswith(old) and len(form) - len(old) >= 3:
            found = _as_tuple(lex.get(form[: len(form) - len(old)] + new))
            if found is not None:
                return found
    return None


def _modifier(prefix: str, lex: dict[str, str | tuple[str, ...]]) -> str | None:
    """The compound's first part as a lemma: the prefix, or the prefix without a linking s/e."""
    for cand in (prefix, prefix[:-1] if prefix[-1:] in ("s", "e") else None):
        if cand and len(cand) >= MIN_PREFIX:
            found = _as_tuple(lex.get(cand))
            if found is not None:
                return found[0]
    return None


def _split(surface: str, lex: dict[str, str | tuple[str, ...]]) -> tuple[int, tuple[str, ...], str | None] | None:
    """Best compound split ``(i, head lemmas, modifier)``: a first part that is a word plus a
    linking ``s`` beats a first part that is a word, which beats any known head; then longest head."""
    best: tuple[int, int, tuple[str, ...], str | None] | None = None
    for i in range(MIN_PREFIX, len(surface) - MIN_HEAD):
        heads = _lookup(surface[i:], lex)
        if heads is None:
            continue
        prefix = surface[:i]
        modifier = _modifier(prefix, lex)
        if modifier is not None and prefix.endswith("s") and modifier == _modifier(prefix[:-1], lex):
            rank = 0
        elif modifier is not None:
            rank = 1
        else:
            rank = 2
        if best is None or rank < best[0]:
            best = (rank, i, heads, modifier)
        if rank == 0:
            break
    return None if best is None else (best[1], best[2], best[3])


@lru_cache(maxsize=200_000)
def analyse(token: str) -> Analysis:
    """Analyse one token (cached: texts are Zipfian, so most tokens are seen before)."""
    lex = lexicon()
    surface = normalise_surface(token)
    lemmas = _lookup(surface, lex)
    long_enough = len(surface) >= MIN_HEAD + MIN_PREFIX + 1
    if lemmas is not None:
        if long_enough and len(surface) >= 9:
            split = _split(surface, lex)
            if split is not None and split[2] is not None and split[0] >= 4 and len(surface) - split[0] >= 5:
                return Analysis(surface, lemmas, split[1], split[2], True)
        return Analysis(surface, lemmas, (), None, True)
    if long_enough:
        split = _split(surface, lex)
        if split is not None:
            i, heads, modifier = split
            return Analysis(surface, tuple(surface[:i] + h for h in heads), heads, modifier, True)
    return Analysis(surface, (surface,), (), None, False)


def term_keys(term: str) -> list[frozenset[str]]:
    """Lemma keys of an indicator term or phrase: per word, the set of its possible lemmas."""
    out = []
    for t in TOKEN_RE.findall(term):
        a = analyse(t)
        out.append(frozenset({*a.lemmas, a.surface}))
    return out


def tokens(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` in code points."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]
