"""Smoke tests of the shell and the foundation pages with Streamlit's AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from workbench.services import cases
from workbench.services.ingest import import_transcripts

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "transcripts"


@pytest.fixture
def filled(project, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    with project.session() as s:
        cases.add_case(s, project.project_id, name="Granvik", attributes={"inhabitants": "2620",
                                                                         "allocation_model": "M2"})
    import_transcripts(project, [DATA / "teams.vtt", DATA / "typed.txt"], case="Granvik")
    monkeypatch.setenv("WORKBENCH_PROJECT", str(project.root))
    return project


def page(name: str, monkeypatch: pytest.MonkeyPatch, lang: str = "nb") -> AppTest:
    monkeypatch.setenv("WB_PAGE", name)
    monkeypatch.setenv("WB_LANG", lang)
    at = AppTest.from_file(str(REPO / "tests" / "ui" / "page_runner.py"), default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    return at


def test_login_shell_refuses_wrong_password_and_accepts_right(filled, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=30)
    at.run()
    assert not at.exception
    at.text_input[0].input("admin")
    at.text_input[1].input("wrong")
    at.button[0].click().run()
    assert any("Feil brukernavn" in e.value for e in at.error)
    at.text_input[1].input("pw")
    at.button[0].click().run()
    assert not at.exception
    assert at.session_state["user"] == ("admin", "admin")
    assert any(m.label == "Kilder" for m in at.metric)


def test_sources_page_lists_and_reads_turns(filled, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    at = page("sources", monkeypatch)
    table = at.dataframe[0].value
    assert sorted(table["Tittel"]) == ["teams", "typed"]
    assert "Kari Nordmann" in " ".join(m.value for m in at.markdown) or "Intervjuer" in " ".join(
        m.value for m in at.markdown)


def test_cases_page_in_english(filled, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    at = page("cases", monkeypatch, lang="en")
    assert at.header[0].value == "Cases and attributes"
    assert at.dataframe[0].value.iloc[0]["inhabitants"] == 2620


def test_vignettes_page_shows_comparison(project, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from workbench.services import vignettes

    monkeypatch.setenv("WORKBENCH_PROJECT", str(project.root))
    at = page("vignettes", monkeypatch)
    assert "Ingen vignettstudie" in at.info[0].value
    vignettes.import_vignette_study(project, REPO / "corpora" / "vignettes")
    at = page("vignettes", monkeypatch)
    table = at.dataframe[0].value
    assert sorted(table.index) == ["Granvik", "Sjøglott", "Solstad", "Vindnes"]
    assert table["Vedtakstimer per måned"].sum() > 0
