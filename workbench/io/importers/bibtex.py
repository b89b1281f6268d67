"""BibTeX (bibtexparser v1). bibtexparser silently drops broken entries, so brace balance and the
number of entries are checked first and a broken entry is reported with its line."""

from __future__ import annotations

import re
from pathlib import Path

import bibtexparser
from bibtexparser.bparser import BibTexParser
from bibtexparser.customization import convert_to_unicode

from workbench.errors import InputError
from workbench.io.importers._common import ImportedRecord, make_record

ENTRY_START = re.compile(r"^\s*@\s*([A-Za-z]+)\s*[{(]\s*([^,\s]*)", re.M)
SPECIAL = {"comment", "string", "preamble"}


def check_structure(text: str, path: str) -> list[tuple[int, str]]:
    """(line, key) of every entry; unbalanced braces raise InputError at the entry's line."""
    entries: list[tuple[int, str]] = []
    depth = 0
    entry_line = 0
    lineno = 1
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            lineno += 1
        elif ch == "@" and depth == 0:
            m = ENTRY_START.match(text, text.rfind("\n", 0, i) + 1)
            if m and m.start(1) > i:
                entry_line = lineno
                if m.group(1).lower() not in SPECIAL:
                    if not m.group(2):
                        raise InputError("entry has no citation key", path=path, line=lineno)
                    entries.append((lineno, m.group(2)))
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                raise InputError("unbalanced '}'", path=path, line=lineno)
        elif ch == "@" and depth > 0 and entry_line and text[i - 1] == "\n":
            raise InputError(f"entry starting at line {entry_line} is not closed (missing '}}')",
                             path=path, line=entry_line)
        i += 1
    if depth != 0:
        raise InputError(f"entry starting at line {entry_line} is not closed (missing '}}')", path=path,
                         line=entry_line)
    return entries


def read(path: Path, text: str | None = None) -> tuple[list[ImportedRecord], str]:
    text = path.read_text(encoding="utf-8-sig", errors="replace") if text is None else text
    located = check_structure(text, str(path))
    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False, interpolate_strings=True)
    parser.customization = convert_to_unicode
    try:
        db = bibtexparser.loads(text, parser=parser)
    except Exception as exc:
        raise InputError(f"cannot parse BibTeX ({type(exc).__name__})", path=str(path)) from None
    by_key: dict[str, list[dict]] = {}
    for entry in db.entries:
        by_key.setdefault(entry.get("ID", ""), []).append(entry)
    if not located:
        raise InputError("no BibTeX entries found (expected '@article{key, ...}')", path=str(path))
    records = []
    sources = set()
    for line, key in located:
        same_key = by_key.get(key)
        if not same_key:
            raise InputError(f"cannot parse BibTeX entry '{key}'", path=str(path), line=line)
        e = same_key.pop(0)
        if e.get("source") or e.get("database"):
            sources.add(str(e.get("source") or e.get("database")))
        authors = [a.strip() for a in re.split(r"\s+and\s+", e.get("author", "")) if a.strip()]
        records.append(make_record(
            title=_strip_braces(e.get("title", "")), abstract=_strip_braces(e.get("abstract", "")),
            authors=authors, year=e.get("year") or e.get("date", ""),
            journal=_strip_braces(e.get("journal") or e.get("journaltitle") or e.get("booktitle", "")),
            volume=e.get("volume", ""), issue=e.get("number") or e.get("issue", ""),
            pages=e.get("pages", ""), doi=e.get("doi", ""), pmid=e.get("pmid", ""),
            keywords=re.split(r"[;,]", e.get("keywords", "")) if e.get("keywords") else [],
            language=e.get("language", ""), source_db=e.get("source") or e.get("database", ""),
            external_id=key, line=line, raw={"type": e.get("ENTRYTYPE", "")},
        ))
    return records, (sources.pop() if len(sources) == 1 else "")


def _strip_braces(text: str) -> str:
    return text.replace("{", "").replace("}", "")
