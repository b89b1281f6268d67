"""PubMed/MEDLINE ``.nbib`` (MEDLINE display format): ``TAG - value`` lines, 6-space continuations."""

from __future__ import annotations

import re
from pathlib import Path

from workbench.errors import InputError
from workbench.io.importers._common import ImportedRecord, make_record

LINE = re.compile(r"^([A-Z][A-Z0-9]{0,3})\s*- (.*)$")


def parse(text: str, path: str) -> list[tuple[int, dict[str, list[str]]]]:
    """(start line, {tag: [values]}) per record; records are separated by blank lines."""
    out: list[tuple[int, dict[str, list[str]]]] = []
    fields: dict[str, list[str]] | None = None
    last_tag = ""
    start = 0
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.lstrip("\ufeff").rstrip()
        if not line.strip():
            if fields is not None:
                out.append((start, fields))
                fields = None
            continue
        if raw.startswith("      ") and fields is not None and last_tag:
            fields[last_tag][-1] += " " + line.strip()
            continue
        m = LINE.match(line)
        if m is None:
            raise InputError("not a MEDLINE field line (expected 'TAG - value')", path=path, line=lineno)
        tag, value = m.group(1), m.group(2).strip()
        if tag == "PMID" and fields is not None:
            out.append((start, fields))  # a new record without the usual blank line
            fields = None
        if fields is None:
            if tag != "PMID":
                raise InputError(f"record must start with 'PMID-' (found '{tag}')", path=path, line=lineno)
            fields, start = {}, lineno
        fields.setdefault(tag, []).append(value)
        last_tag = tag
    if fields is not None:
        out.append((start, fields))
    return out


def read(path: Path, text: str | None = None) -> tuple[list[ImportedRecord], str]:
    text = path.read_text(encoding="utf-8-sig", errors="replace") if text is None else text
    parsed = parse(text, str(path))
    if not parsed:
        raise InputError("no MEDLINE records found (expected 'PMID- ' lines)", path=str(path))
    records = []
    for start, f in parsed:
        def one(tag: str, fields: dict[str, list[str]] = f) -> str:
            return fields.get(tag, [""])[0]

        if not one("TI") and not one("BTI"):
            raise InputError("record has no title (TI)", path=str(path), line=start)
        doi = ""
        for tag in ("LID", "AID"):
            for value in f.get(tag, []):
                if value.endswith("[doi]"):
                    doi = value[: -len("[doi]")].strip()
                    break
            if doi:
                break
        records.append(make_record(
            title=one("TI") or one("BTI"), abstract=" ".join(f.get("AB", [])),
            authors=f.get("FAU") or f.get("AU") or [], year=one("DP") or one("DEP"),
            journal=one("JT") or one("TA"), volume=one("VI"), issue=one("IP"), pages=one("PG"),
            doi=doi, pmid=one("PMID"), keywords=(f.get("OT") or []) + (f.get("MH") or []),
            language=one("LA"), source_db="PubMed", external_id=one("PMID"), line=start,
            raw={"type": "; ".join(f.get("PT", []))},
        ))
    return records, "PubMed"
