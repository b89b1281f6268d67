"""The de-identification page's keyboard fallback for adding a missed identifier (AppTest).

Selecting with the mouse is covered in test_deid_select_browser.py (it needs a real browser).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from workbench.db.models import Source, Turn
from workbench.services import deid

REPO = Path(__file__).resolve().parents[2]
TEXT = ("Hei 👋 Kari Nordmann, jeg jobbet sammen med Tveitå i mange år.\n"
        "Ja, Tveitå var sjefen vår på Tveitåsen, og Tveitå bestemte alt.")


@pytest.fixture
def page(project, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    with project.session() as s:
        src = Source(project_id=project.project_id, title="intervju 1", content_hash=hashlib.sha256(b"t").hexdigest(),
                     text=TEXT)
        cut = TEXT.index("\n")
        src.turns = [Turn(index=0, speaker="I", start=0, end=cut),
                     Turn(index=1, speaker="IP", start=cut + 1, end=len(TEXT))]
        s.add(src)
    deid.run_detection(project, use_ner=False)
    monkeypatch.setenv("WORKBENCH_PROJECT", str(project.root))
    monkeypatch.setenv("WB_PAGE", "deid")
    monkeypatch.setenv("WB_USER", "ingrid")
    monkeypatch.setenv("WB_ROLE", "researcher")
    monkeypatch.setenv("WB_LANG", "nb")
    at = AppTest.from_file(str(REPO / "tests" / "ui" / "page_runner.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return project, at


def _manual(project) -> list[tuple[int, int, str, str]]:  # type: ignore[no-untyped-def]
    with project.session() as s:
        return [(d.start, d.end, d.text, d.label) for d in deid.list_detections(s, project.project_id, context=0)
                if d.detector == "manual"]


def test_pasted_text_marks_every_whole_word_occurrence_in_the_source(page) -> None:  # type: ignore[no-untyped-def]
    project, at = page
    at.checkbox[0].uncheck()  # only this source; a pasted text still means every place it occurs here
    at.text_input[1].input("  Tveitå ")  # [0] is the passphrase
    at.selectbox[-1].select("PERSON")
    next(b for b in at.button if b.label == "Legg til teksten").click().run()
    assert not at.exception, at.exception
    expected = [(i, i + 6, "Tveitå", "PERSON") for i in range(len(TEXT))
                if TEXT.startswith("Tveitå", i) and not TEXT[i + 6].isalnum()]
    assert len(expected) == 3 and _manual(project) == expected  # code points (the emoji counts once)
    assert any(m.value == "3 forekomster lagt til" for m in at.success)


def test_pasted_text_that_is_not_in_the_source_is_reported(page) -> None:  # type: ignore[no-untyped-def]
    project, at = page
    at.text_input[1].input("Trondheim")
    next(b for b in at.button if b.label == "Legg til teksten").click().run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == ["Teksten finnes ikke i kilden"]
    assert _manual(project) == []
