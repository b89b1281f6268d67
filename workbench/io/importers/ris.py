"""RIS (Scopus, Ovid, Web of Science, EndNote, Zotero exports), parsed record by record with rispy.

Every record must start with ``TY  -`` and end with ``ER  -``; anything else is reported with
the file and line where it happens.
"""

from __future__ import annotations

import re
from pathlib import Path

import rispy

from workbench.errors import InputError
from workbench.io.importers._common import ImportedRecord, make_record

TAG_LINE = re.compile(r"^([A-Z][A-Z0-9])  -( |$)")
LOOSE_TAG = re.compile(r"^([A-Z][A-Z0-9])\s{0,2}-\s")


def split_records(text: str, path: str) -> list[tuple[int, str]]:
    """(start line, record text) of every ``TY``..``ER`` block; malformed structure raises InputError."""
    blocks: list[tuple[int, str]] = []
    current: list[str] | None = None
    start = 0
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.lstrip("\ufeff").rstrip()
        if not line.strip():
            continue
        m = TAG_LINE.match(line)
        loose = LOOSE_TAG.match(line) if m is None else None
        if loose is not None:
            m = loose
            line = f"{loose.group(1)}  - {line[loose.end():]}"  # normalise "TI - x" (some exporters)
        tag = m.group(1) if m else None
        if tag == "TY":
            if current is not None:
                raise InputError(f"record starting at line {start} has no 'ER  -' before the next 'TY  -'",
                                 path=path, line=lineno)
            current, start = [line], lineno
        elif tag == "ER":
            if current is None:
                raise InputError("'ER  -' without a record ('TY  -') before it", path=path, line=lineno)
            current.append("ER  - ")
            blocks.append((start, "\n".join(current) + "\n"))
            current = None
        elif current is None:
            if not blocks:
                continue  # header lines some exporters write before the first record (JSTOR, WoS)
            raise InputError("text outside a record (expected 'TY  -' to start a RIS record)", path=path,
                             line=lineno)
        else:
            current.append(line)
    if current is not None:
        raise InputError(f"record starting at line {start} is not closed with 'ER  -'", path=path,
                         line=start)
    return blocks


def _first(entry: dict, *keys: str) -> str:
    for key in keys:
        value = entry.get(key)
        if isinstance(value, list):
            value = value[0] if value else ""
        if value:
            return str(value)
    return ""


def read(path: Path, text: str | None = None) -> tuple[list[ImportedRecord], str]:
    """Records of a RIS file and the source database named in it (``DB``/``DP``), if any."""
    text = path.read_text(encoding="utf-8-sig", errors="replace") if text is None else text
    blocks = split_records(text, str(path))
    if not blocks:
        raise InputError("no RIS records found (expected 'TY  -' lines)", path=str(path))
    records: list[ImportedRecord] = []
    sources: set[str] = set()
    for start, block in blocks:
        try:
            entries = rispy.loads(block, skip_unknown_tags=False)
        except Exception as exc:  # rispy raises plain exceptions on malformed input
            raise InputError(f"cannot parse RIS record ({type(exc).__name__})", path=str(path),
                             line=start) from None
        if len(entries) != 1:
            raise InputError("cannot parse RIS record", path=str(path), line=start)
        e = entries[0]
        authors = list(e.get("authors") or []) + list(e.get("first_authors") or [])
        db = _first(e, "name_of_database", "database_provider")
        if db:
            sources.add(db)
        pmid = ""
        an = _first(e, "accession_number")
        if an and (an.isdigit() or "pubmed" in db.lower() or "medline" in db.lower()):
            pmid = an
        records.append(make_record(
            title=_first(e, "title", "primary_title", "translated_title"),
            abstract=_first(e, "abstract", "notes_abstract"),
            authors=authors,
            year=_first(e, "year", "publication_year", "date"),
            journal=_first(e, "secondary_title", "journal_name", "alternate_title3", "alternate_title1",
                           "alternate_title2"),
            volume=_first(e, "volume"), issue=_first(e, "number"),
            pages=_first(e, "start_page"), end_page=_first(e, "end_page"),
            doi=_first(e, "doi") or " ".join(e.get("urls") or []),
            pmid=pmid, keywords=e.get("keywords") or [], language=_first(e, "language"),
            source_db=db, external_id=_first(e, "id", "accession_number"), line=start,
            raw={"type": _first(e, "type_of_reference")},
        ))
    return records, (sorted(sources)[0] if len(sources) == 1 else "")
