"""Binary formats: Word ``.docx`` (python-docx) and PDF text (pdfplumber, for full texts)."""

from __future__ import annotations

import io
import re
import statistics
import unicodedata
import zipfile

from workbench.errors import InputError
from workbench.io.transcripts.model import ParsedTranscript, ParsedTurn, clean_text
from workbench.io.transcripts.plain import parse_lines


def parse_docx(data: bytes, path: str) -> ParsedTranscript:
    """Teams transcript layout ("Name   0:03" paragraph, then the turn) or typed prefixes."""
    import docx

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("not a .docx file (not a ZIP/Office Open XML package)", path=path)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise InputError(f"cannot read Word document ({exc.__class__.__name__})", path=path) from None
    lines: list[str] = []
    for para in document.paragraphs:
        # Teams sometimes puts name and time in one paragraph separated by a line break
        lines.extend(unicodedata.normalize("NFC", para.text).replace("\v", "\n").split("\n"))
        lines.append("")
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells]
            if len(cells) >= 2 and cells[0] and cells[-1]:
                lines.append(f"{cells[0]}: {cells[-1]}")
    if not any(line.strip() for line in lines):
        raise InputError("the Word document contains no text", path=path)
    return parse_lines(lines, path, "docx")


_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")


def parse_pdf(data: bytes, path: str) -> ParsedTranscript:
    """Text of a PDF full text, one turn per paragraph (no speakers), page numbers kept in meta."""
    import pdfplumber

    if not data.startswith(b"%PDF"):
        raise InputError("not a PDF file (missing %PDF header)", path=path)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [(page.extract_text() or "") for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many types for broken files
        raise InputError(f"cannot read PDF ({exc.__class__.__name__})", path=path) from None
    if not any(p.strip() for p in pages):
        raise InputError("the PDF has no extractable text (scanned? run OCR first)", path=path)
    turns: list[ParsedTurn] = []
    for page_text in pages:
        page_text = _HYPHEN_BREAK.sub(r"\1\2", unicodedata.normalize("NFC", page_text))
        lines = [ln.strip() for ln in page_text.split("\n")]
        lengths = [len(ln) for ln in lines if ln]
        typical = statistics.median(lengths) if lengths else 0
        para: list[str] = []
        for line in lines:
            if line:
                para.append(line)
            ends_para = not line or (len(line) < 0.7 * typical and line[-1:] in ".!?:")
            if ends_para and para:
                turns.append(ParsedTurn(speaker="", text=clean_text(" ".join(para))))
                para = []
        if para:
            turns.append(ParsedTurn(speaker="", text=clean_text(" ".join(para))))
    return ParsedTranscript(fmt="pdf", turns=[t for t in turns if t.text], meta={"pages": len(pages)})
