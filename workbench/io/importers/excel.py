"""Excel workbooks (``.xlsx``): the first sheet, header in row 1, columns as for CSV."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.io.importers._common import ImportedRecord
from workbench.io.importers.records_csv import map_columns, rows_to_records


def read(path: Path) -> tuple[list[ImportedRecord], str, list[str]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"not a readable .xlsx workbook ({type(exc).__name__})", path=str(path)) from None
    ws = wb.worksheets[0]
    it = ws.iter_rows(values_only=True)
    try:
        header = ["" if v is None else str(v).strip() for v in next(it)]
    except StopIteration:
        raise InputError("empty workbook", path=str(path)) from None
    mapping = map_columns(header, str(path))
    rows: list[tuple[int, dict[str, Any]]] = []
    for lineno, values in enumerate(it, start=2):
        row = {h: ("" if v is None else str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
               for h, v in zip(header, values, strict=False) if h}
        rows.append((lineno, row))
    wb.close()
    records, warnings = rows_to_records(rows, mapping, str(path))
    sources = {r.source_db for r in records if r.source_db}
    return records, (sources.pop() if len(sources) == 1 else ""), warnings
