"""``text_select``: show a text with highlighted spans and return the span the user selects with the mouse.

A bidirectional Streamlit component whose frontend is one plain HTML file (``frontend/index.html``)
speaking the component protocol by hand (postMessage), so there is no npm build and nothing is
downloaded at run time. Offsets are 0-based Unicode code points, end exclusive, like everywhere else
in the workbench; the frontend converts from the browser's UTF-16 positions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit.components.v1 as components

FRONTEND = Path(__file__).resolve().parent / "frontend"
NAME = "text_select"


def _component() -> Any:
    # Declared on each call (cheap, idempotent): registration needs the running script's context,
    # which a module-level declaration made at import time outside a script run would not have.
    return components.declare_component(NAME, path=str(FRONTEND))


def _marks(highlights: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    return [{"start": int(h["start"]), "end": int(h["end"]), "label": str(h.get("label") or ""),
             "detector": str(h.get("detector") or ""), "status": str(h.get("status") or "")}
            for h in highlights or []]


def selection_from_value(value: Any, text: str) -> dict[str, Any] | None:
    """The component's raw value as ``{"start", "end", "text"}``, or None when it does not fit ``text``
    (nothing selected yet, or a stale selection made in another text)."""
    if not isinstance(value, dict):
        return None
    start, end, chosen = value.get("start"), value.get("end"), value.get("text")
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(chosen, str)):
        return None
    if isinstance(start, bool) or isinstance(end, bool) or not 0 <= start < end <= len(text):
        return None
    if text[start:end] != chosen:
        return None
    return {"start": start, "end": end, "text": chosen}


def text_select(text: str, highlights: list[dict[str, Any]] | None = None, key: str | None = None,
                height: int = 400, *, strings: dict[str, str] | None = None) -> dict[str, Any] | None:
    """Show ``text`` in a scrollable pane with ``highlights`` marked; return the last selection.

    ``highlights``: dicts with ``start``/``end`` (code points), ``label``, ``detector`` and ``status``
    (pending/accepted/rejected: the colour). ``strings`` translates the pane's words: ``selected``
    (default "Valgt") and the status names. Returns ``{"start", "end", "text"}`` (code points, end
    exclusive, surrounding whitespace trimmed) or None while nothing is selected.
    """
    value = _component()(text=text, highlights=_marks(highlights), height=int(height), strings=strings or {},
                         key=key, default=None)
    return selection_from_value(value, text)
