"""Records page under Streamlit's AppTest: list, uncertain pair side by side, merge and undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from workbench.services import dedup, records

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "records"


def page(monkeypatch: pytest.MonkeyPatch, lang: str = "nb") -> AppTest:
    monkeypatch.setenv("WB_PAGE", "records")
    monkeypatch.setenv("WB_USER", "ingrid")
    monkeypatch.setenv("WB_ROLE", "researcher")
    monkeypatch.setenv("WB_LANG", lang)
    at = AppTest.from_file(str(REPO / "tests" / "ui" / "page_runner.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.slow
def test_records_page_review_merge_and_undo(project, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    records.import_records(project, [DATA / f for f in ("scopus.ris", "ovid_medline.ris", "pubmed.nbib",
                                                        "norart.bib", "endnote.xml")], actor="admin")
    dedup.run_dedup(project, actor="admin")
    monkeypatch.setenv("WORKBENCH_PROJECT", str(project.root))
    at = page(monkeypatch)
    assert [m.value for m in at.metric][:2] == ["6", "3"]  # removed, uncertain (abstract vs. 3 copies)
    assert any(b.label == "Slå sammen" for b in at.button)
    next(b for b in at.button if b.label == "Slå sammen").click().run()
    assert not at.exception
    with project.session() as s:
        assert dedup.status_summary(s, project.project_id)["pairs_merged"] == 1
        assert dedup.status_summary(s, project.project_id)["duplicates_removed"] == 7
    assert "Ingen usikre par venter." in [i.value for i in at.info]
    next(b for b in at.button if b.label == "Angre").click().run()
    assert not at.exception
    with project.session() as s:
        assert dedup.status_summary(s, project.project_id)["duplicates_removed"] == 6
    at_en = page(monkeypatch, lang="en")
    assert any(b.label == "Find duplicates" for b in at_en.button)
