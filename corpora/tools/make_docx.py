"""Build a Microsoft Teams-style transcript .docx from a plain source text.

Source format (UTF-8):

    # comment lines are ignored
    Optional header paragraphs (meeting title, date, duration) before the first turn
    Speaker Name|0:03
    First paragraph of the turn.
    Optional further paragraph of the same turn.

    Other Speaker|00:01:15
    ...

A line ``Name|timestamp`` starts a turn; every following non-empty line is a paragraph of
spoken text until the next turn line. The output mirrors the layout of a transcript downloaded
from Teams: one paragraph "Name   timestamp" (name in bold) followed by the text paragraph(s).

Usage: python corpora/tools/make_docx.py SOURCE.txt OUTPUT.docx
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor

TURN_RE = re.compile(r"^(?P<name>[^|#][^|]*)\|(?P<ts>\d{1,2}:\d{2}(?::\d{2})?)\s*$")


def parse_source(text: str) -> tuple[list[str], list[tuple[str, str, list[str]]]]:
    """Return (header paragraphs, turns as (speaker, timestamp, paragraphs))."""
    header: list[str] = []
    turns: list[tuple[str, str, list[str]]] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = TURN_RE.match(line)
        if match:
            if turns and not turns[-1][2]:
                raise SystemExit(f"line {lineno}: previous turn has no text")
            turns.append((match["name"].strip(), match["ts"], []))
        elif turns:
            turns[-1][2].append(line.strip())
        else:
            header.append(line.strip())
    if not turns:
        raise SystemExit("no turns found (expected lines like 'Name|0:03')")
    if not turns[-1][2]:
        raise SystemExit("last turn has no text")
    return header, turns


def build_docx(source: Path, output: Path) -> int:
    """Write the .docx; return the number of turns."""
    header, turns = parse_source(source.read_text(encoding="utf-8"))
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Segoe UI"
    style.font.size = Pt(10.5)
    for i, line in enumerate(header):
        p = doc.add_paragraph()
        run = p.add_run(line)
        if i == 0:
            run.bold = True
            run.font.size = Pt(14)
    for name, ts, paras in turns:
        p = doc.add_paragraph()
        run = p.add_run(name)
        run.bold = True
        meta = p.add_run(f"   {ts}")
        meta.font.color.rgb = RGBColor(0x61, 0x61, 0x61)
        for text in paras:
            doc.add_paragraph(text)
    output.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(output))
    return len(turns)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("output", type=Path)
    args = parser.parse_args()
    n = build_docx(args.source, args.output)
    print(f"{args.output}: {n} turns")


if __name__ == "__main__":
    main()
