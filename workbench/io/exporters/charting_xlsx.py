"""The data-charting table as an Excel workbook (openpyxl): sheet "Kartlegging" + sheet "Kilder"."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_ILLEGAL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


def _cell(text: Any) -> Any:
    """Strip control characters Excel refuses."""
    if not isinstance(text, str):
        return text
    return "".join(ch for ch in text if ch not in _ILLEGAL)


def _no_formulas(ws: Any) -> None:
    """Imported or typed text starting with '=' stays text, never a formula."""
    for line in ws.iter_rows():
        for cell in line:
            if cell.data_type == "f":
                cell.data_type = "s"


def write_xlsx(path: Path, *, fields: Sequence[Any], rows: Sequence[Any], title: str) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Kartlegging"
    headers = ["ID"] + [f.label for f in fields]
    ws.append(headers)
    for row in rows:
        ws.append([row.record_id] + [_cell(row.values.get(f.key, "")) for f in fields])
    widths = [8] + [28 if i == 0 else 45 for i in range(len(fields))]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _no_formulas(ws)
    ws.freeze_panes = "B2"
    if rows:
        ws.auto_filter.ref = ws.dimensions

    src = wb.create_sheet("Kilder")
    src.append(["ID", "Forfattere", "År", "Tittel", "Tidsskrift", "DOI"])
    for row in rows:
        src.append([row.record_id, _cell("; ".join(row.authors)), row.year, _cell(row.title), _cell(row.journal),
                    _cell(row.doi)])
    _no_formulas(src)
    for i, width in enumerate([8, 40, 8, 70, 35, 30], start=1):
        src.column_dimensions[get_column_letter(i)].width = width
    for cell in src[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    wb.properties.title = title
    wb.save(path)
