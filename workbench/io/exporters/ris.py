"""RIS export of records with screening decisions (``N1`` notes, ``LB`` label = final decision).

Reference managers and ASReview read it back: the final title/abstract and full-text decisions
are in ``LB``/``N1``, reasons and reviewer notes in ``N1``; the source database in ``DB``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any


def _line(tag: str, value: Any) -> str:
    text = " ".join(str(value).split())
    return f"{tag}  - {text}\n"


def record_to_ris(row: dict[str, Any]) -> str:
    out = [_line("TY", "JOUR")]
    out.append(_line("TI", row.get("title", "")))
    for author in row.get("authors") or []:
        out.append(_line("AU", author))
    if row.get("year"):
        out.append(_line("PY", row["year"]))
    for tag, key in (("T2", "journal"), ("VL", "volume"), ("IS", "issue"), ("DO", "doi"), ("AN", "pmid"),
                     ("LA", "language"), ("DB", "source"), ("AB", "abstract")):
        if row.get(key):
            out.append(_line(tag, row[key]))
    pages = str(row.get("pages") or "")
    if pages:
        start, _, end = pages.partition("-")
        out.append(_line("SP", start))
        if end:
            out.append(_line("EP", end))
    for kw in row.get("keywords") or []:
        out.append(_line("KW", kw))
    out.append(_line("ID", row["id"]))
    final = row.get("ft_decision") or row.get("ta_decision") or ""
    if final:
        out.append(_line("LB", final))
    for prefix, stage in (("ta", "title/abstract"), ("ft", "full text")):
        decision = row.get(f"{prefix}_decision", "")
        reviewers = row.get(f"{prefix}_reviewers", "")
        if decision or reviewers:
            text = f"Screening {stage}: {decision or 'pending'}"
            if row.get(f"{prefix}_reason"):
                text += f"; reason: {row[f'{prefix}_reason']}"
            if row.get(f"{prefix}_resolved"):
                text += "; resolved (discussion or third reviewer)"
            if reviewers:
                text += f"; reviewers: {reviewers}"
            out.append(_line("N1", text))
        if row.get(f"{prefix}_notes"):
            out.append(_line("N1", f"Notes {stage}: {row[f'{prefix}_notes']}"))
    if row.get("duplicate_of"):
        out.append(_line("N1", f"Duplicate of record {row['duplicate_of']}"))
    out.append("ER  - \n\n")
    return "".join(out)


def write(rows: Iterable[dict[str, Any]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(record_to_ris(row))
