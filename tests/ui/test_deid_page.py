"""The de-identification review page under Streamlit's AppTest."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from workbench.db.models import Source, Turn
from workbench.services import deid

REPO = Path(__file__).resolve().parents[2]
TEXT = "Hei Kari Nordmann, hvordan er det i Hjelmeland?\nDet går bra. Ring meg på 912 34 567. Jeg er den eneste fysioterapeuten i kommunen."


@pytest.fixture
def reviewed(project, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    with project.session() as s:
        src = Source(project_id=project.project_id, title="intervju 1", content_hash=hashlib.sha256(b"a").hexdigest(),
                     text=TEXT)
        cut = TEXT.index("\n")
        src.turns = [Turn(index=0, speaker="I", start=0, end=cut), Turn(index=1, speaker="IP", start=cut + 1,
                                                                       end=len(TEXT))]
        s.add(src)
    deid.run_detection(project, use_ner=False)
    monkeypatch.setenv("WORKBENCH_PROJECT", str(project.root))
    monkeypatch.setenv("WB_PAGE", "deid")
    return project


def _run(lang: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("WB_LANG", lang)
    at = AppTest.from_file(str(REPO / "tests" / "ui" / "page_runner.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_review_page_lists_detections_and_flags(reviewed, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    at = _run("nb", monkeypatch)
    assert at.header[0].value == "Avidentifisering og gjennomgang"
    overview = at.dataframe[0].value
    assert overview.iloc[0]["Status"] == "til gjennomgang" and overview.iloc[0]["Til vurdering"] >= 3
    editor = at.dataframe[1].value  # the decision editor
    contexts = " ".join(editor["I kontekst"])
    assert "⟦Kari Nordmann⟧" in contexts and "⟦912 34 567⟧" in contexts
    assert set(editor["Detektor"]) >= {"gazetteer", "pattern"}
    assert any("den eneste fysioterapeuten" in w.value for w in at.warning)
    next(b for b in at.button if b.label == "Beholdes").click().run()
    assert not at.exception
    with reviewed.session() as s:
        assert [f["status"] for f in deid.list_flags(s, reviewed.project_id)] == ["kept"]


def test_release_button_pseudonymises(reviewed, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    at = _run("en", monkeypatch)
    at.text_input(key="deid_passphrase").input("page-pass-123").run()
    release = next(b for b in at.button if b.label == "Replace and release for coding")
    release.click().run()
    assert not at.exception
    assert any("pending review" in e.value for e in at.error)  # released only after review
    next(b for b in at.button if b.label == "Accept all pending").click().run()
    release = next(b for b in at.button if b.label == "Replace and release for coding")
    release.click().run()
    assert not at.exception
    assert any("1 sources released" in m.value for m in at.success)
    with reviewed.session() as s:
        src = s.scalars(select(Source)).one()
        assert src.status == "released" and "Kari" not in src.text and "[telefonnummer]" in src.text
    # the released source can be checked for surviving identifiers on the same page
    at.run()
    verify = next(b for b in at.button if b.label == "Check that no identifier survives")
    verify.click().run()
    assert not at.exception
    assert any("No original found in 1 sources" in m.value for m in at.success)
    assert "Kari" not in " ".join(m.value for m in at.success)


def test_residual_candidates_are_shown_in_the_released_text(reviewed) -> None:  # type: ignore[no-untyped-def]
    """The verify step lists each residual candidate with the released text around it (read from the
    project, never written to the report)."""
    with reviewed.session() as s:
        src = s.scalars(select(Source)).one()
        text = src.text
        rows = deid.residual_contexts(s, src.id, [{"start": 4, "end": 9, "label": "PERSON", "detector": "proper",
                                                   "confidence": 0.3}])
    assert rows[0]["text"] == text[4:9]
    assert rows[0]["before"] == text[:4] and rows[0]["after"] == text[9:59]
    assert rows[0]["label"] == "PERSON"
