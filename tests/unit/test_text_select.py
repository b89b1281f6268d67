"""The ``text_select`` Streamlit component's Python wrapper and its static frontend."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path
from typing import Any

import pytest

# ``ui`` is the app's package at the repo root, which pytest does not put on sys.path (and tests/ui would
# otherwise pass for a namespace package called ``ui``): do what tests/ui/page_runner.py does.
REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
if getattr(sys.modules.get("ui"), "__file__", "") is None:  # a namespace ``ui`` imported earlier
    del sys.modules["ui"]
ts = importlib.import_module("ui.components.text_select")

TEXT = "Hei 👋🏽 Kari! Vi bor på Bøstølen 𝄞 i Åseral."
UTF16_START = len(TEXT[:TEXT.index("Bøstølen")].encode("utf-16-le")) // 2  # what a naive JS offset would be


class _Fake:
    """Stands in for ``declare_component``: records the declaration and the call, returns ``value``."""

    def __init__(self, value: Any) -> None:
        self.value, self.declared, self.kwargs = value, None, None

    def declare(self, name: str, path: str | None = None, url: str | None = None):  # type: ignore[no-untyped-def]
        self.declared = (name, path, url)

        def component(**kwargs: Any) -> Any:
            self.kwargs = kwargs
            return self.value
        return component


def test_real_declaration_serves_the_frontend_folder() -> None:
    component = ts._component()
    assert component.name == "ui.components.text_select.text_select"
    assert component.path == str(ts.FRONTEND) and component.url is None
    assert (ts.FRONTEND / "index.html").is_file()


def test_wrapper_passes_args_and_returns_code_point_selection(monkeypatch: pytest.MonkeyPatch) -> None:
    start = TEXT.index("Bøstølen")
    fake = _Fake({"start": start, "end": start + 8, "text": "Bøstølen"})
    monkeypatch.setattr(ts.components, "declare_component", fake.declare)
    kari = TEXT.index("Kari")
    got = ts.text_select(TEXT, highlights=[{"start": kari, "end": kari + 4, "label": "PERSON",
                                            "detector": "gazetteer", "status": "pending", "id": 7}],
                         key="k1", height=300, strings={"selected": "Selected"})
    assert fake.declared == ("text_select", str(ts.FRONTEND), None)
    assert fake.kwargs == {"text": TEXT, "highlights": [{"start": kari, "end": kari + 4, "label": "PERSON",
                                                         "detector": "gazetteer", "status": "pending"}],
                           "height": 300, "strings": {"selected": "Selected"}, "key": "k1", "default": None}
    assert got == {"start": start, "end": start + 8, "text": "Bøstølen"}
    assert TEXT[got["start"]:got["end"]] == "Bøstølen"  # code points: the emoji before counts once each


@pytest.mark.parametrize("value", [
    None, "Bøstølen", {"start": 0}, {"start": "1", "end": 3, "text": "ei"},
    {"start": True, "end": 3, "text": "ei"},  # bool is an int in Python
    {"start": 3, "end": 3, "text": ""}, {"start": 10, "end": 999, "text": "x"},
    {"start": UTF16_START, "end": UTF16_START + 8, "text": "Bøstølen"},  # UTF-16 offsets: wrong
])
def test_wrapper_drops_values_that_do_not_fit_the_text(monkeypatch: pytest.MonkeyPatch, value: Any) -> None:
    fake = _Fake(value)
    monkeypatch.setattr(ts.components, "declare_component", fake.declare)
    assert ts.text_select(TEXT) is None
    assert fake.kwargs is not None and fake.kwargs["highlights"] == [] and fake.kwargs["height"] == 400


def test_frontend_is_self_contained_and_speaks_the_protocol() -> None:
    html = (ts.FRONTEND / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"https?://|\bsrc\s*=|<link\b|@import|\burl\(", html)  # nothing fetched
    assert not re.search(r"innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|document\.write", html)
    assert "textContent" in html
    for needle in ("isStreamlitMessage: true", '"streamlit:componentReady", {apiVersion: 1}',
                   '"streamlit:setFrameHeight", {height: h}', '"streamlit:render"',
                   '"streamlit:setComponentValue", {value: value, dataType: "json"}'):
        assert needle in html
