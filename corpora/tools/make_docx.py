"""Render a plain transcript source into a Microsoft Teams-style transcript ``.docx``.

Source format (UTF-8):

    # Optional header line (meeting title)       -> one paragraph each, before the turns
    # Optional header line (date / duration)
    Speaker Name|0:03                             -> a turn starts: "Speaker Name   0:03"
    Spoken text of the turn, one paragraph
    per line (a blank line is ignored).

A line containing ``|`` whose right-hand side is a timestamp (``m:ss``, ``h:mm:ss`` or
``hh:mm:ss``) starts a new turn; every other non-blank line is a text paragraph of the
current turn. Usage::

    python corpora/tools/make_docx.py SOURCE.txt OUT.docx [--pad]

``--pad`` writes timestamps as ``00:01:15`` instead of ``1:15`` (both occur in real Teams exports).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

TURN_RE = re.compile(r"^(?P<name>[^|]+)\|(?P<ts>\d{1,2}(?::\d{2}){1,2})\s*$")


def _pad(ts: str) -> str:
    parts = [int(p) for p in ts.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0)
    return "{:02d}:{:02d}:{:02d}".format(*parts)


def parse_source(text: str) -> tuple[list[str], list[tuple[str, str, list[str]]]]:
    """Return (header lines, turns as (speaker, timestamp, paragraphs))."""
    header: list[str] = []
    turns: list[tuple[str, str, list[str]]] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#") and not turns:
            header.append(line.lstrip("#").strip())
            continue
        m = TURN_RE.match(line)
        if m:
            turns.append((m.group("name").strip(), m.group("ts"), []))
        elif turns:
            turns[-1][2].append(line)
        else:
            raise ValueError(f"line {lineno}: text before the first 'Speaker|time' line")
    return header, turns


def render(source: Path, out: Path, *, pad: bool = False) -> int:
    header, turns = parse_source(source.read_text(encoding="utf-8"))
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for i, line in enumerate(header):
        p = doc.add_paragraph()
        run = p.add_run(line)
        run.bold = i == 0
    for speaker, ts, paragraphs in turns:
        doc.add_paragraph(f"{speaker}   {_pad(ts) if pad else ts}")
        for text in paragraphs:
            doc.add_paragraph(text)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return len(turns)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    n = render(Path(args[0]), Path(args[1]), pad="--pad" in argv)
    print(f"{args[1]}: {n} turns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
