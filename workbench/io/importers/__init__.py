"""Bibliographic record importers: one module per format, chosen by content, then by extension.

``read_records(path)`` returns a ``ParsedFile`` (format, normalised records, the source database
named in the file if any, warnings). Errors are ``InputError`` naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.io.importers._common import ImportedRecord, ParsedFile

__all__ = ["EXTENSIONS", "FORMATS", "ImportedRecord", "ParsedFile", "detect_format", "read_records"]

EXTENSIONS = {
    ".ris": "ris", ".nbib": "nbib", ".medline": "nbib", ".bib": "bibtex", ".bibtex": "bibtex",
    ".xml": "endnote_xml", ".csv": "csv", ".tsv": "csv", ".xlsx": "excel", ".xlsm": "excel", ".txt": "",
}


def _read_ris(path: Path, text: str | None) -> tuple[list[ImportedRecord], str, list[str]]:
    from workbench.io.importers import ris

    return (*ris.read(path, text), [])


def _read_nbib(path: Path, text: str | None) -> tuple[list[ImportedRecord], str, list[str]]:
    from workbench.io.importers import nbib

    return (*nbib.read(path, text), [])


def _read_bibtex(path: Path, text: str | None) -> tuple[list[ImportedRecord], str, list[str]]:
    from workbench.io.importers import bibtex

    return (*bibtex.read(path, text), [])


def _read_xml(path: Path, text: str | None) -> tuple[list[ImportedRecord], str, list[str]]:
    from workbench.io.importers import endnote_xml

    return (*endnote_xml.read(path, text), [])


def _read_csv(path: Path, text: str | None) -> tuple[list[ImportedRecord], str, list[str]]:
    from workbench.io.importers import records_csv

    return records_csv.read(path, text)


def _read_excel(path: Path, _text: str | None) -> tuple[list[ImportedRecord], str, list[str]]:
    from workbench.io.importers import excel

    return excel.read(path)


FORMATS: dict[str, Callable[[Path, str | None], tuple[list[ImportedRecord], str, list[str]]]] = {
    "ris": _read_ris, "nbib": _read_nbib, "bibtex": _read_bibtex, "endnote_xml": _read_xml,
    "csv": _read_csv, "excel": _read_excel,
}


def sniff(head: str) -> str:
    """Format from the first characters of a text file ('' if unknown)."""
    lines = [ln.strip() for ln in head.lstrip("\ufeff").splitlines() if ln.strip()]
    if not lines:
        return ""
    first = lines[0]
    if first.startswith("TY  -") or first.startswith("TY -"):
        return "ris"
    if first.startswith("PMID-") or first.startswith("PMID -"):
        return "nbib"
    if first.startswith("@") or (first.startswith("%") and re.search(r"^\s*@\w+\s*[{(]", head, re.M)):
        return "bibtex"
    if first.startswith("<?xml") or first.startswith("<xml") or first.startswith("<records"):
        return "endnote_xml"
    return ""


def detect_format(path: Path, head: str | None = None) -> str:
    """The format of ``path``: by content when it is recognisable, else by extension."""
    ext = path.suffix.lower()
    if ext in (".xlsx", ".xlsm"):
        return "excel"
    if ext == ".xls":
        raise InputError("old Excel .xls is not supported; save it as .xlsx or CSV", path=str(path))
    if head is None:
        with path.open("rb") as fh:
            head = decode(fh.read(4096))
    found = sniff(head)
    if found:
        return found
    fmt = EXTENSIONS.get(ext, "")
    if fmt:
        return fmt
    raise InputError(f"unknown record format '{ext or path.name}' (use RIS, BibTeX, .nbib, EndNote XML, "
                     "CSV or .xlsx)", path=str(path))


def decode(data: bytes) -> str:
    """Text of an export: UTF-16 with BOM (some EndNote/Windows exports), UTF-8 (with or without
    BOM), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_records(path: str | Path, *, fmt: str | None = None) -> ParsedFile:
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", path=str(path))
    text: str | None = None
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".xls"):
        text = decode(path.read_bytes())
    fmt = fmt or detect_format(path, text[:4096] if text is not None else None)
    if fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}'", path=str(path))
    records, source, warnings = FORMATS[fmt](path, text)
    return ParsedFile(path=str(path), fmt=fmt, records=records, source_hint=source, warnings=warnings)


def describe(parsed: ParsedFile) -> dict[str, Any]:
    return {"file": parsed.path, "format": parsed.fmt, "records": len(parsed.records),
            "source": parsed.source_hint}
