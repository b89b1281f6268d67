"""CSV of records: ASReview (``title, abstract, label_included``), Scopus/CINAHL/Web of Science CSV
exports, Rayyan, and the bib-dedupe benchmark format (``ID,title,author,year,journal,...``).

Columns are matched case-insensitively by the names below; a file without a title column is
refused. Line numbers in messages are physical lines of the file (header = line 1).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.io.importers._common import ImportedRecord, make_record

COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("title", "primary_title", "article title", "document title", "ti", "titles"),
    "abstract": ("abstract", "ab", "abstract note", "abstracts"),
    "authors": ("authors", "author", "au", "author full names", "author names", "first_authors"),
    "year": ("year", "publication_year", "publication year", "py", "pubyear", "date", "publication date"),
    "journal": ("journal", "source title", "secondary_title", "journal_name", "journal title", "so",
                "publication title", "source", "booktitle", "journal/book"),
    "volume": ("volume", "vl", "vol"),
    "issue": ("issue", "number", "is", "no"),
    "pages": ("pages", "page", "pg", "page range", "page numbers"),
    "start_page": ("page start", "start_page", "bp", "start page"),
    "end_page": ("page end", "end_page", "ep", "end page"),
    "doi": ("doi", "do", "digital object identifier"),
    "pmid": ("pmid", "pubmed id", "pubmed_id", "pubmed", "accession number", "an"),
    "keywords": ("keywords", "author keywords", "kw", "subject headings", "mesh terms", "index keywords"),
    "language": ("language", "la", "language of original document"),
    "source_db": ("database", "source_db", "db", "data source", "database name"),
    "external_id": ("id", "record_id", "record id", "key", "eid", "accession", "an_id", "ui"),
}
KEEP_RAW = ("label_included", "included", "search_set", "entrytype", "document type", "publication type")


def map_columns(header: list[str], path: str) -> dict[str, str]:
    """field -> column name; raises InputError naming the file when no title column exists."""
    lower = {h.strip().lower().lstrip("\ufeff"): h for h in header}
    mapping: dict[str, str] = {}
    for fld, names in COLUMNS.items():
        for name in names:
            if name in lower:
                mapping[fld] = lower[name]
                break
    if "source" in lower and "source_db" not in mapping and mapping.get("journal") != lower["source"]:
        mapping["source_db"] = lower["source"]  # Scopus: "Source title" = journal, "Source" = database
    if "title" not in mapping:
        shown = ", ".join(h for h in header[:12] if h)
        raise InputError(f"no title column (columns found: {shown or 'none'}); "
                         "expected one named e.g. 'title' or 'Title'", path=path)
    return mapping


def rows_to_records(rows: list[tuple[int, dict[str, Any]]], mapping: dict[str, str],
                    path: str) -> tuple[list[ImportedRecord], list[str]]:
    records: list[ImportedRecord] = []
    warnings: list[str] = []
    raw_cols = {c.strip().lower(): c for c in (rows[0][1].keys() if rows else [])}
    for line, row in rows:
        values = {fld: row.get(col, "") for fld, col in mapping.items()}
        if not any(str(v).strip() for v in row.values() if v is not None):
            continue  # an empty row
        if not str(values.get("title") or "").strip():
            warnings.append(f"{path}:{line}: record without a title imported with an empty title")
        pages = values.get("pages") or values.get("start_page", "")
        raw = {k: row[c] for k, c in raw_cols.items() if k in KEEP_RAW and row.get(c) not in (None, "")}
        if mapping.get("journal", "").lower() == "booktitle" or not values.get("journal"):
            book = next((row[c] for k, c in raw_cols.items() if k == "booktitle" and row.get(c)), "")
            if book:
                values["journal"] = book
        records.append(make_record(
            title=values.get("title"), abstract=values.get("abstract"), authors=values.get("authors"),
            year=values.get("year"), journal=values.get("journal"), volume=values.get("volume"),
            issue=values.get("issue"), pages=pages,
            end_page=values.get("end_page", "") if not values.get("pages") else "",
            doi=values.get("doi"), pmid=values.get("pmid"), keywords=values.get("keywords"),
            language=values.get("language"), source_db=values.get("source_db"),
            external_id=values.get("external_id"), line=line, raw=raw,
        ))
    return records, warnings


def read(path: Path, text: str | None = None) -> tuple[list[ImportedRecord], str, list[str]]:
    if text is None:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    sample = text[:4096]
    delimiter = "\t" if path.suffix.lower() == ".tsv" or sample.count("\t") > sample.count(",") else ","
    if delimiter == "," and sample.count(";") > sample.count(",") * 2:
        delimiter = ";"  # Excel in Norwegian locale
    csv.field_size_limit(10_000_000)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("empty CSV file", path=str(path)) from None
    except csv.Error as exc:
        raise InputError(f"malformed CSV header ({exc})", path=str(path), line=1) from None
    mapping = map_columns(header, str(path))
    rows: list[tuple[int, dict[str, Any]]] = []
    try:
        line = reader.line_num + 1
        for values in reader:
            if len(values) > len(header) and any(v.strip() for v in values[len(header):]):
                raise InputError(f"row has {len(values)} fields but the header has {len(header)}",
                                 path=str(path), line=line)
            rows.append((line, dict(zip(header, values, strict=False))))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"malformed CSV ({exc})", path=str(path), line=reader.line_num) from None
    if text.count('"') % 2 == 1:
        m = re.search(r'"[^"]*\Z', text)
        bad_line = text[: m.start()].count("\n") + 1 if m else None
        raise InputError("unterminated quoted field", path=str(path), line=bad_line)
    records, warnings = rows_to_records(rows, mapping, str(path))
    sources = {r.source_db for r in records if r.source_db}
    return records, (sources.pop() if len(sources) == 1 else ""), warnings
