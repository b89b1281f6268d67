"""CSV export of records with decisions, reasons and notes (UTF-8 with BOM so Excel opens it).

Lists are joined with ``; ``. The columns ``title, abstract, label_included`` make the file
readable by ASReview as well (``label_included`` = 1 include, 0 exclude, empty otherwise).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

COLUMNS = ["id", "title", "abstract", "authors", "year", "journal", "volume", "issue", "pages", "doi", "pmid",
           "keywords", "language", "source", "duplicate_of",
           "ta_decision", "ta_reason", "ta_notes", "ta_reviewers",
           "ft_decision", "ft_reason", "ft_notes", "ft_reviewers", "label_included"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    text = str(value)
    if text[:1] in ("=", "+", "-", "@") and not text[1:2].isdigit():
        text = "'" + text  # no formula injection when opened in Excel
    return text


def write(rows: Iterable[dict[str, Any]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for row in rows:
            final = row.get("ft_decision") or row.get("ta_decision") or ""
            label = {"include": "1", "exclude": "0"}.get(final, "")
            writer.writerow([_cell(row.get(c)) if c != "label_included" else label for c in COLUMNS])
