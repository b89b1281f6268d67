"""The data-charting table as a Word document (python-docx): landscape A4, one row per source."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

_ILLEGAL = {chr(c) for c in range(32)} - {"\t", "\n", "\r"}


def _clean(text: str) -> str:
    return "".join(ch for ch in (text or "") if ch not in _ILLEGAL)


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def write_docx(path: Path, *, fields: Sequence[Any], rows: Sequence[Any], title: str) -> None:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    doc.add_heading(title, level=1)
    doc.add_paragraph(f"{len(rows)} inkluderte kilder.")
    table = doc.add_table(rows=1, cols=len(fields))
    table.style = "Table Grid"
    header = table.rows[0]
    _repeat_header(header)
    for cell, field in zip(header.cells, fields, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(field.label)
        run.bold = True
        run.font.size = Pt(9)
    for row in rows:
        cells = table.add_row().cells
        for cell, field in zip(cells, fields, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(_clean(row.values.get(field.key, "")))
            run.font.size = Pt(8.5)
    doc.core_properties.title = title
    doc.save(str(path))
