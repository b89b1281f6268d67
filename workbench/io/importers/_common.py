"""The normalised record every bibliographic importer produces, and the field normalisers.

Normalised fields: title and abstract (whitespace collapsed), authors (list of ``Surname, Given``
strings as given), year (int), journal, volume, issue, pages (``221-228``: dashes unified,
abbreviated end pages expanded), DOI (lowercase, no ``https://doi.org/`` or ``doi:`` prefix),
PMID (digits), keywords (list), language (ISO 639-1 where known) and source database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_WS = re.compile(r"\s+")
_DOI_IN_TEXT = re.compile(r"10\.\d{4,9}/[^\s\"<>]+", re.I)
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")

LANGUAGES = {
    "eng": "en", "english": "en", "nor": "no", "nob": "nb", "nno": "nn", "norwegian": "no", "swe": "sv",
    "swedish": "sv", "dan": "da", "danish": "da", "ger": "de", "deu": "de", "german": "de", "fre": "fr",
    "fra": "fr", "french": "fr", "spa": "es", "spanish": "es", "chi": "zh", "chinese": "zh", "jpn": "ja",
    "japanese": "ja", "por": "pt", "portuguese": "pt", "ita": "it", "italian": "it", "dut": "nl", "nld": "nl",
    "dutch": "nl", "fin": "fi", "finnish": "fi", "rus": "ru", "russian": "ru",
}


@dataclass
class ImportedRecord:
    """One bibliographic record as read from a file, normalised; ``line`` is where it starts (1-based)."""

    title: str = ""
    abstract: str = ""
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    journal: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    keywords: list[str] = field(default_factory=list)
    language: str = ""
    source_db: str = ""
    external_id: str = ""
    line: int = 0
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class ParsedFile:
    path: str
    fmt: str
    records: list[ImportedRecord]
    source_hint: str = ""
    warnings: list[str] = field(default_factory=list)


def clean(value: Any) -> str:
    """A single-line string with collapsed whitespace ('' for None/NaN)."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    if isinstance(value, list | tuple):
        value = " ".join(str(v) for v in value if v is not None)
    return _WS.sub(" ", str(value)).strip()


def norm_doi(value: Any) -> str:
    """``10.1000/abc`` in lowercase, found anywhere in ``value`` (URL, ``doi:`` prefix, ``[doi]`` suffix)."""
    text = clean(value)
    if not text:
        return ""
    m = _DOI_IN_TEXT.search(text)
    if not m:
        return ""
    return m.group(0).rstrip(".,;)]").lower()


def norm_pmid(value: Any) -> str:
    m = re.search(r"\d{1,9}", clean(value))
    return m.group(0) if m else ""


def norm_year(value: Any) -> int | None:
    m = _YEAR.search(clean(value))
    return int(m.group(1)) if m else None


def norm_pages(start: Any, end: Any = "") -> str:
    """``221-8`` -> ``221-228``; ``S33–38`` -> ``S33-38``; a start and an end page joined."""
    s, e = clean(start), clean(end)
    if e and "-" not in s:
        s = f"{s}-{e}"
    s = s.replace("–", "-").replace("—", "-").replace("--", "-")
    m = re.fullmatch(r"([A-Za-z]*)(\d+)-([A-Za-z]*)(\d+)", s)
    if m and len(m.group(4)) < len(m.group(2)) and not m.group(3):
        first, last = m.group(2), m.group(4)
        s = f"{m.group(1)}{first}-{m.group(1)}{first[: len(first) - len(last)]}{last}"
    return s


def norm_language(value: Any) -> str:
    text = clean(value).lower()
    if not text:
        return ""
    first = re.split(r"[;,/]", text)[0].strip()
    return LANGUAGES.get(first, first[:20])


def split_list(value: Any, seps: str = ";") -> list[str]:
    """A list from a list or from a ``;``-separated string, stripped, empty items dropped."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        items = [clean(v) for v in value]
    else:
        items = [clean(v) for v in re.split(f"[{re.escape(seps)}]", str(value))]
    return [i for i in items if i]


def split_authors(value: Any) -> list[str]:
    """Authors from a list or a string (``A and B``, ``A; B``, or ``Smith J, Jones K``)."""
    if isinstance(value, list | tuple):
        return [clean(v) for v in value if clean(v)]
    text = clean(value)
    if not text:
        return []
    if " and " in text:
        return [a.strip() for a in text.split(" and ") if a.strip()]
    if ";" in text:
        return [a.strip() for a in text.split(";") if a.strip()]
    parts = [p.strip() for p in text.split(",") if p.strip()]
    # "Smith J, Jones K" (each part has a space and ends in initials) vs. a single "Smith, John"
    if len(parts) > 2 or (len(parts) == 2 and all(re.search(r"\s[A-Z]{1,3}$", p) for p in parts)):
        return parts
    return [text]


def make_record(**fields: Any) -> ImportedRecord:
    """Build an ``ImportedRecord`` normalising every field given."""
    rec = ImportedRecord(
        title=clean(fields.get("title")).rstrip(),
        abstract=clean(fields.get("abstract")),
        authors=split_authors(fields.get("authors")),
        year=norm_year(fields.get("year")),
        journal=clean(fields.get("journal")),
        volume=clean(fields.get("volume"))[:50],
        issue=clean(fields.get("issue"))[:50],
        pages=norm_pages(fields.get("pages"), fields.get("end_page", ""))[:50],
        doi=norm_doi(fields.get("doi")),
        pmid=norm_pmid(fields.get("pmid")),
        keywords=split_list(fields.get("keywords")),
        language=norm_language(fields.get("language")),
        source_db=clean(fields.get("source_db")),
        external_id=clean(fields.get("external_id"))[:200],
        line=int(fields.get("line") or 0),
        raw=dict(fields.get("raw") or {}),
    )
    return rec
