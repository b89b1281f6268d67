"""Coding units: speaker turns, paragraphs or sentences as ``(start, end)`` code-point spans.

Spans are trimmed of surrounding whitespace and never empty. ``turn`` uses the source's turns when
it has any and falls back to paragraphs otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

UNIT_KINDS = ("turn", "paragraph", "sentence")
_PARA_RE = re.compile(r"(?:\r?\n[ \t]*){2,}|\r?\n(?=[A-ZÆØÅa-zæøå0-9 ]{1,40}:\s)")
_SENT_END = re.compile(r"(?<=[.!?…])[\"»”')\]]*\s+(?=[\"«“(\[]?[A-ZÆØÅ0-9])")


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Blank-line separated blocks (a line starting with ``Name:`` also starts a block)."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    pos = start
    for m in _PARA_RE.finditer(text, start, end):
        span = _trim(text, pos, m.start())
        if span:
            out.append(span)
        pos = m.end()
    span = _trim(text, pos, end)
    if span:
        out.append(span)
    return out


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences inside each paragraph (split after . ! ? … before a capital or digit)."""
    out: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs(text, start, end):
        pos = p_start
        for m in _SENT_END.finditer(text, p_start, p_end):
            span = _trim(text, pos, m.start())
            if span:
                out.append(span)
            pos = m.end()
        span = _trim(text, pos, p_end)
        if span:
            out.append(span)
    return out


def units_for(text: str, kind: str, turns: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Units of ``kind`` for a text; ``turns`` are ``(start, end)`` of its speaker turns."""
    if kind not in UNIT_KINDS:
        raise ValueError(f"unknown coding unit '{kind}' (use {', '.join(UNIT_KINDS)})")
    if kind == "turn":
        if turns:
            return [s for s in (_trim(text, a, b) for a, b in turns) if s]
        return paragraphs(text)
    if kind == "paragraph":
        if turns:
            return [p for a, b in turns for p in paragraphs(text, a, b)]
        return paragraphs(text)
    if turns:
        return [s for a, b in turns for s in sentences(text, a, b)]
    return sentences(text)
