"""Consistent pseudonyms for a whole project, applied to text with offset remapping.

A :class:`PseudonymBook` remembers, for every entity, its replacement: the same person or place
gets the same replacement in every source. The book holds originals (aliases), so it is stored
only inside the encrypted key file (:mod:`workbench.deid.keyfile`).

Strategies per label (``STRATEGIES``; a project may override them):

* ``tag`` — numbered tags: ``[Person 3]``, ``[Informant 2]``, ``[Sted 1]``, ``[Arbeidssted 2]``;
* ``pseudonym`` — invented names: municipalities get invented place names (Granvik, Solstad …);
  other places fall back to tags;
* ``generalise`` — dates become month/year (or ``[dato]``), years of birth a decade, ages 10-year bands,
  bare years of personal events ("sluttet i 2019") a decade (``[2010-tallet]``) or, when the project
  sets ``deid_years = "keep"``, stay as they are;
* ``redact`` — a fixed label such as ``[telefonnummer]``.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from workbench.deid.gazetteers import load as load_gazetteers
from workbench.deid.gazetteers import municipality_of
from workbench.deid.known import normalise
from workbench.deid.patterns import MONTHS
from workbench.deid.spans import Span

STRATEGIES: dict[str, str] = {
    "PERSON": "tag",
    "PLACE": "pseudonym",
    "ORGANIZATION": "tag",
    "ID_NUMBER": "redact",
    "PHONE": "redact",
    "EMAIL": "redact",
    "URL": "redact",
    "ADDRESS": "redact",
    "DATE": "generalise",
    "AGE": "generalise",
}
STRATEGY_CHOICES = ("tag", "pseudonym", "generalise", "redact")
YEAR_MODES = ("decade", "keep")  # how a generalised bare year is written: "[2010-tallet]" or unchanged

REDACT_TEXT = {
    "PERSON": "[navn]",
    "PLACE": "[sted]",
    "ORGANIZATION": "[organisasjon]",
    "ID_NUMBER": "[fødselsnummer]",
    "PHONE": "[telefonnummer]",
    "EMAIL": "[e-post]",
    "URL": "[nettadresse]",
    "ADDRESS": "[adresse]",
    "DATE": "[dato]",
    "AGE": "[alder]",
}
TAG_WORD = {
    "PERSON": "Person",
    "participant": "Informant",
    "interviewer": "Intervjuer",
    "PLACE": "Sted",
    "municipality": "Kommune",
    "ORGANIZATION": "Organisasjon",
    "workplace": "Arbeidssted",
}

_PREFIXES = ("Bjørke", "Elve", "Fager", "Gran", "Heg", "Holm", "Kvit", "Lyng", "Myr", "Rogn", "Sel", "Sjø",
             "Skog", "Sol", "Sunn", "Vind", "Blå", "Ask", "Bre", "Eike", "Furu", "Hvit", "Lin", "Mose", "Ras",
             "Rosen", "Sand", "Stein", "Strø", "Vår", "Øre", "Alm", "Bekke", "Dype", "Gode", "Li", "Lunde",
             "Mel", "Otter", "Smør")
_SUFFIXES = ("vik", "stad", "dal", "nes", "glott", "bygd", "fjord", "heim", "øy", "sund", "berg", "li",
             "voll", "mo", "eid", "strand", "haug", "land", "ås", "tun")
DEMO_PLACE_NAMES = ("Granvik", "Solstad", "Sjøglott", "Vindnes", "Blådal")


def invented_place_names(seed: int = 7) -> list[str]:
    """Invented Norwegian-sounding place names that are not real municipalities (deterministic order)."""
    g = load_gazetteers()
    names = []
    for pre in _PREFIXES:
        for suf in _SUFFIXES:
            if pre[-1] == suf[0]:
                continue
            name = pre + suf
            if name in names or name.lower() in g.municipalities or name.lower() in g.common or name in g.surnames:
                continue
            names.append(name)
    rng = random.Random(seed)
    rng.shuffle(names)
    return names


def age_band(age: int) -> str:
    """10-year band without repeating the exact age: ``alder 80–89``, ``alder 90+``, ``alder under 18``."""
    if age < 18:
        return "alder under 18"
    if age >= 90:
        return "alder 90+"
    lo = age // 10 * 10
    return f"alder {lo}–{lo + 9}"


def year_band(year: int) -> str:
    """The decade of a bare year: ``2010-tallet``."""
    return f"{year // 10 * 10}-tallet"


@dataclass
class PseudonymBook:
    """Entity → replacement for one project. Serialised into the encrypted key file only."""

    entities: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> {label, pseudonym, kind}
    aliases: dict[str, str] = field(default_factory=dict)  # "LABEL|normalised form" -> entity key
    counters: dict[str, int] = field(default_factory=dict)
    used_places: list[str] = field(default_factory=list)
    strategies: dict[str, str] = field(default_factory=lambda: dict(STRATEGIES))
    year_mode: str = "decade"

    # --- persistence -------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {"entities": self.entities, "aliases": self.aliases, "counters": self.counters,
                "used_places": self.used_places, "strategies": self.strategies, "year_mode": self.year_mode}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> PseudonymBook:
        data = data or {}
        book = cls()
        book.entities = dict(data.get("entities", {}))
        book.aliases = dict(data.get("aliases", {}))
        book.counters = dict(data.get("counters", {}))
        book.used_places = list(data.get("used_places", []))
        book.strategies = {**STRATEGIES, **data.get("strategies", {})}
        book.year_mode = data.get("year_mode", "decade") if data.get("year_mode") in YEAR_MODES else "decade"
        return book

    # --- assignment --------------------------------------------------------------------------------
    def _next_tag(self, word: str) -> str:
        n = self.counters.get(word, 0) + 1
        self.counters[word] = n
        return f"[{word} {n}]"

    def _next_place(self) -> str:
        for name in invented_place_names():
            if name not in self.used_places and name not in DEMO_PLACE_NAMES:
                self.used_places.append(name)
                return name
        return self._next_tag("Kommune")

    def assignments(self) -> list[dict[str, str]]:
        """Replacement list without originals: ``[{label, pseudonym, kind}]`` (safe for the database)."""
        return [dict(v) for v in self.entities.values()]

    def entity_for(self, span: Span, *, category: str | None = None) -> tuple[str, dict[str, str]]:
        """The entity (key, record) for a name-like span, creating it on first sight."""
        label = span.label
        base = _base(span.text)
        norm = normalise(base)
        key = span.key or self.aliases.get(f"{label}|{norm}")
        if key is not None and label == "PLACE" and ":" not in key:
            key = f"municipality:{key}"
        if key is None and label == "PLACE":
            muni = municipality_of(base)
            if muni:
                key = f"municipality:{muni}"
        if key is None and label == "PERSON":
            # "Kristin" after "Kristin Berg": any registered alias of a person
            key = self.aliases.get(f"PERSON|{norm}")
        if key is None:
            key = f"{label}:{norm}"
        if key not in self.entities:
            cat = category or span.details.get("category") or ("municipality" if key.startswith("municipality:")
                                                                else None)
            self.entities[key] = {"label": label, "pseudonym": self._new_pseudonym(label, cat, span),
                                  "kind": cat or label.lower()}
        self._remember_aliases(key, label, norm)
        return key, self.entities[key]

    def _remember_aliases(self, key: str, label: str, norm: str) -> None:
        g = load_gazetteers()
        self.aliases.setdefault(f"{label}|{norm}", key)
        if label == "PERSON":
            for part in norm.split():
                if len(part) >= 3 and part not in g.common:
                    self.aliases.setdefault(f"PERSON|{part}", key)

    def _new_pseudonym(self, label: str, category: str | None, span: Span) -> str:
        fixed = span.details.get("pseudonym")
        if fixed:
            if label == "PLACE" and fixed not in self.used_places:
                self.used_places.append(fixed)
            return str(fixed)
        if category == "interviewer":  # speakers always keep role tags, whatever the strategy
            n = self.counters.get("Intervjuer", 0) + 1
            self.counters["Intervjuer"] = n
            return "Intervjuer" if n == 1 else f"Intervjuer {n}"
        if category == "participant":
            return self._next_tag(TAG_WORD["participant"])
        strategy = self.strategies.get(label, "tag")
        if strategy == "redact":
            return REDACT_TEXT[label]
        if label == "PLACE" and strategy == "pseudonym" and category in ("municipality", None) and \
                (category == "municipality" or municipality_of(_base(span.text))):
            return self._next_place()
        if label == "ORGANIZATION" and span.details.get("institution"):
            return self._next_tag(TAG_WORD["workplace"])
        word = TAG_WORD.get(category or "", None) or TAG_WORD.get(label, "Identifikator")
        return self._next_tag(word)

    def replacement(self, span: Span) -> str:
        """The text that replaces ``span``."""
        label = span.label
        strategy = self.strategies.get(label, STRATEGIES.get(label, "redact"))
        if label in ("PERSON", "PLACE", "ORGANIZATION"):
            if strategy == "redact":
                return REDACT_TEXT[label]
            _key, ent = self.entity_for(span)
            pseudo = ent["pseudonym"]
            if _is_genitive(span.text) and not pseudo.startswith("Intervjuer"):
                pseudo += "s"
            return pseudo
        if strategy == "generalise":
            if label == "DATE" and span.details.get("year_only") and self.year_mode == "keep":
                return span.text
            return _generalise(span)
        return REDACT_TEXT.get(label, "[fjernet]")

    def speaker_pseudonym(self, name: str, *, role: str = "informant", key: str | None = None) -> str:
        """Pseudonym for a speaker label (not part of the text): interviewer → ``Intervjuer``."""
        if _already_anonymous(name):
            return name
        category = "interviewer" if role == "interviewer" else "participant"
        span = Span(0, len(name), "PERSON", name, "speaker", 1.0, key=key, details={"category": category})
        _key, ent = self.entity_for(span, category=category)
        return ent["pseudonym"]


_ANON_SPEAKER = re.compile(r"^(i|ip|int|intervjuer|interviewer|informant(\s*\d+)?|moderator|deltaker(\s*\d+)?|"
                           r"\[.*\]|person\s*\d+|speaker\s*\d+|taler\s*\d+|ukjent|unknown)$", re.IGNORECASE)


def _already_anonymous(name: str) -> bool:
    return bool(_ANON_SPEAKER.match(name.strip()))


def _is_genitive(text: str) -> bool:
    if not text.endswith("s") or len(text) < 4:
        return False
    base = text[:-1]
    g = load_gazetteers()
    return (base in g.first_names or base in g.surnames or municipality_of(base) is not None
            or base[-1] not in "sxz")


def _base(text: str) -> str:
    if _is_genitive(text):
        return text[:-1]
    return text


def _generalise(span: Span) -> str:
    if span.label == "AGE":
        age = span.details.get("age")
        if isinstance(age, int):
            band = age_band(age)
            return f"[{band}]"
        return REDACT_TEXT["AGE"]
    if span.label == "DATE":
        if span.details.get("born"):
            m = re.search(r"(\d{4})", span.text)
            if m:
                return f"født på {int(m.group(1)) // 10 * 10}-tallet"
        month, year = span.details.get("month"), span.details.get("year")
        if span.details.get("year_only") and isinstance(year, int):
            return f"[{year_band(year)}]"
        if month and year:
            return f"[{MONTHS[int(month) - 1]} {year}]"
        return REDACT_TEXT["DATE"]
    return REDACT_TEXT.get(span.label, "[fjernet]")


@dataclass
class Replacement:
    """One applied replacement: original ``[start, end)`` → new ``[new_start, new_end)``."""

    start: int
    end: int
    new_start: int
    new_end: int
    label: str
    pseudonym: str


class OffsetMap:
    """Maps offsets of the original text to the pseudonymised text."""

    def __init__(self, replacements: list[Replacement]) -> None:
        self.reps = sorted(replacements, key=lambda r: r.start)

    def _map(self, pos: int, *, is_end: bool) -> int:
        delta = 0
        for r in self.reps:
            if pos <= r.start:
                break
            if pos < r.end or (is_end and pos == r.end):
                # inside (or at the edge of) a replaced span: snap to the replacement's boundary
                return r.new_end if is_end else r.new_start
            delta = r.new_end - r.end
        return pos + delta

    def start(self, pos: int) -> int:
        return self._map(pos, is_end=False)

    def end(self, pos: int) -> int:
        return self._map(pos, is_end=True)


def apply_spans(text: str, spans: list[Span], book: PseudonymBook) -> tuple[str, list[Replacement]]:
    """Replace every span (non-overlapping) with its pseudonym. Returns new text and replacements."""
    parts: list[str] = []
    reps: list[Replacement] = []
    pos = 0
    new_len = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < pos:
            continue
        parts.append(text[pos:span.start])
        new_len += span.start - pos
        pseudo = book.replacement(span)
        parts.append(pseudo)
        reps.append(Replacement(span.start, span.end, new_len, new_len + len(pseudo), span.label, pseudo))
        new_len += len(pseudo)
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts), reps
