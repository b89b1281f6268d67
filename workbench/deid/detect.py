"""The combined detector: patterns + gazetteers + workplaces + NER + project-known identifiers.

Every detection keeps the detector that produced it (``validated``, ``pattern``, ``gazetteer``,
``workplace``, ``ner``, ``known``, ``manual``, ``proper``) and a confidence; overlaps are resolved by detector
priority (see :mod:`workbench.deid.spans`). Rejected surface forms of a project (false positives
the reviewer dismissed "for all occurrences") are filtered out.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from workbench.deid import gazetteers, lexicon, ner, patterns, tagger, unknown_words
from workbench.deid.known import KnownIdentifier, KnownMatcher, normalise
from workbench.deid.spans import Span, resolve_overlaps


@dataclass
class Detector:
    """Reusable detector; build once per project (known identifiers, rejections) and call per text."""

    known: list[KnownIdentifier] = field(default_factory=list)
    # surface forms dismissed by a reviewer: plain strings, or (projects) salted digests made by
    # :func:`rejection_digest` with ``rejection_salt``
    rejected: set[str] = field(default_factory=set)
    use_ner: bool = True
    rejection_salt: str | None = None
    use_tagger: bool = True  # the learned last-resort tagger (:mod:`workbench.deid.tagger`)

    def __post_init__(self) -> None:
        self._matcher = KnownMatcher(self.known)
        if self.rejection_salt is None:
            self._rejected = {rejection_digest("", normalise(r)) for r in self.rejected}
        else:
            self._rejected = set(self.rejected)
        if self.use_ner and not ner.model_available():
            self.use_ner = False
        lexicon.load()  # (0.4 s once per process; not inside the first text's detection)
        if self.use_tagger:
            tagger.load()  # (the weight table, 0.3 s once per process)

    def detect(self, text: str) -> list[Span]:
        return self.detect_many([text])[0]

    def detect_many(self, texts: list[str]) -> list[list[Span]]:
        ner_spans = ner.find_ner_many(texts) if self.use_ner else [[] for _ in texts]
        return [self._combine(text, extra) for text, extra in zip(texts, ner_spans, strict=True)]

    def _combine(self, text: str, ner_spans: Iterable[Span]) -> list[Span]:
        spans: list[Span] = []
        spans += patterns.find_patterns(text)
        spans += self._matcher.find(text)
        spans += gazetteers.find_workplaces(text)
        spans += gazetteers.find_newspapers(text)
        spans += gazetteers.find_gazetteer(text)
        spans += gazetteers.find_residence_places(text)
        spans += gazetteers.find_titled_names(text)
        spans += gazetteers.find_proper_nouns(text)
        spans += unknown_words.find_unknown_lower(text)
        spans += unknown_words.find_unknown_initial(text)
        spans += unknown_words.find_unknown_after_pronoun(text)
        spans += unknown_words.find_spelled(text)
        spans += list(ner_spans)
        # a bare age right after a person found by any detector ("Terje Myre var 67 da …")
        ages = [patterns.age_after_person(text, s.end, s.start) for s in spans if s.label == "PERSON"]
        ages += [patterns.appositive_age(text, s.end) for s in spans if s.label == "PERSON"]
        spans += [a for a in ages if a is not None]
        spans = [s for s in spans if s.detector in ("validated", "known") or not self._is_rejected(s.text)]
        resolved = [_trim(text, s) for s in resolve_overlaps(spans)]
        more = [s for s in _other_occurrences(text, resolved) if not self._is_rejected(s.text)]
        if more:
            resolved = resolve_overlaps(resolved + more)
        if self.use_tagger:
            tagged = [s for s in tagger.find_tagged(text, [(s.start, s.end) for s in resolved])
                      if not self._is_rejected(s.text)]
            if tagged:
                resolved = sorted(resolved + tagged, key=lambda s: s.start)
        return resolved

    def is_rejected(self, surface: str) -> bool:
        """Did a reviewer reject this surface form (for all occurrences) in the project?"""
        return self._is_rejected(surface)

    def _is_rejected(self, surface: str) -> bool:
        if not self._rejected:
            return False
        norm = normalise(surface)
        salt = self.rejection_salt or ""
        return (rejection_digest(salt, norm) in self._rejected
                or (norm.endswith("s") and rejection_digest(salt, norm[:-1]) in self._rejected))


def rejection_digest(salt: str, normalised_surface: str) -> str:
    """What a project stores for a rejected surface form: a salted SHA-256 digest, never the text."""
    return "sha256:" + hashlib.sha256(f"{salt}\x1f{normalised_surface}".encode()).hexdigest()


def find_forms(text: str, forms: dict[str, str], taken: list[tuple[int, int]], *, ignore_case: bool = False,
               genitive: bool = True) -> Iterator[tuple[int, int, str]]:
    """Whole-word occurrences of ``forms`` (longest first, optional genitive -s) that overlap nothing in
    ``taken``; yields ``(start, end, value of the form)`` and adds each hit to ``taken``."""
    if not forms:
        return
    lookup = {f.lower(): v for f, v in forms.items()} if ignore_case else forms
    rx = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                    + (r")(s)?(?![\w-])" if genitive else r")(?![\w-])"), re.IGNORECASE if ignore_case else 0)
    for m in rx.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        taken.append((m.start(), m.end()))
        yield m.start(), m.end(), lookup[m.group(1).lower() if ignore_case else m.group(1)]


def _other_occurrences(text: str, spans: list[Span]) -> list[Span]:
    """Document-level consistency: a name found once (with confidence ≥ 0.5) is a name everywhere in the
    text, also at the start of a sentence, in the genitive or in lower case ("Helgas søknad … Helga e en
    92-åring", "Ryfylke … i ryfylke"), and so is an age said as a number word."""
    g = gazetteers.load()
    forms: dict[str, str] = {}
    for s in spans:
        if s.label in ("PERSON", "PLACE", "ORGANIZATION") and s.confidence >= 0.5 and s.detector != "proper":
            for part in [s.text] + (s.text.split() if s.label == "PERSON" else []):
                base = part[:-1] if part.endswith("s") and len(part) > 4 else part
                if len(base) >= 3 and base[0].isupper() and not g.is_stop(base):
                    forms.setdefault(base, s.label)
    taken = [(s.start, s.end) for s in spans]
    out = [Span(a, b, label, text[a:b], "consistency", 0.5) for a, b, label in find_forms(text, forms, taken)]
    # the same name in lower case (speech-to-text, a careless transcriber): "Ryfylke" … "i ryfylke"
    lower = {f.lower(): label for f, label in forms.items() if not g.looks_common(f.lower())}
    out += [Span(a, b, label, text[a:b], "consistency", 0.5) for a, b, label in find_forms(text, lower, taken)]
    # an age said as a number word is repeated ("han e sjøttisyv år" … "Sjøttisyv?" – "Ja, sjøttisyv")
    ages: dict[str, int | None] = {}
    for s in spans:
        if s.label == "AGE":
            word = s.text.split()[0].lower()
            if not word[0].isdigit() and patterns.age_value(word) is not None and len(word) >= 5:
                ages[word] = s.details.get("age")
    taken = [(s.start, s.end) for s in spans]
    out += [Span(a, b, "AGE", text[a:b], "consistency", 0.5, details={"age": age, "bare": True})
            for a, b, age in find_forms(text, ages, taken, ignore_case=True, genitive=False)]  # type: ignore[arg-type]
    return out


def _trim(text: str, span: Span) -> Span:
    """Strip surrounding punctuation/space from a span (keeps offsets consistent with ``text``)."""
    seg = text[span.start:span.end]
    m = re.match(r"^[\s,;:!?«»\"'()\[\]]*", seg)
    lead = len(m.group(0)) if m else 0
    m2 = re.search(r"[\s,;:!?«»\"'()\[\]]*$", seg)
    tail = len(m2.group(0)) if m2 else 0
    if lead or tail:
        span.start += lead
        span.end -= tail
        span.text = text[span.start:span.end]
    return span


def detect(text: str, *, known: list[str] | list[KnownIdentifier] | None = None, use_ner: bool = True,
           use_tagger: bool = True) -> list[Span]:
    """Detect identifiers in ``text``. ``known``: plain strings (persons) or :class:`KnownIdentifier`;
    ``use_tagger=False``: the rules alone, without the learned last-resort tagger."""
    items = [k if isinstance(k, KnownIdentifier) else KnownIdentifier(value=k, category=_guess_category(k),
                                                                      key=f"known:{normalise(k)}")
             for k in (known or [])]
    return Detector(known=items, use_ner=use_ner, use_tagger=use_tagger).detect(text)


def _guess_category(value: str) -> str:
    """Category of a plain known identifier (from a KNOWN.txt line): municipality, workplace or person.

    A line may also say it explicitly: ``municipality: Hjelmeland``, ``workplace: Solbakken sykehjem``.
    """
    low = value.lower()
    if gazetteers.municipality_of(value) is not None:
        return "municipality"
    if any(low.endswith(" " + w) for w in gazetteers.INSTITUTION_WORDS):
        return "workplace"
    return "person"


def parse_known_lines(lines: Iterable[str]) -> list[KnownIdentifier]:
    """``KNOWN.txt``: one identifier per line, optional ``category:`` prefix, ``#`` comments."""
    from workbench.deid.known import CATEGORIES

    out = []
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        category = None
        if ":" in line:
            head, _, rest = line.partition(":")
            if head.strip().lower() in CATEGORIES and rest.strip():
                category, line = head.strip().lower(), rest.strip()
        out.append(KnownIdentifier(value=line, category=category or _guess_category(line),
                                   key=f"known:{normalise(line)}"))
    return out
