"""Coding and agreement pages under Streamlit's AppTest, on a project with two coders' work."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from workbench.db.models import Source, Turn
from workbench.services import codebooks, coding

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "coding"


@pytest.fixture
def coded(project, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    text = (DATA / "intervju_a.txt").read_text(encoding="utf-8")
    with project.session() as s:
        codebooks.import_codebook(s, project.project_id, path=REPO / "codebooks" / "kvalitet-og-modeller.yaml")
        src = Source(project_id=project.project_id, title="intervju_a", content_hash=hashlib.sha256(text.encode()).hexdigest(),
                     text=text, status="released", word_count=len(text.split()))
        src.turns = [Turn(index=i, speaker="Intervjuer" if m.group(1) == "I" else "Informant", start=m.start(), end=m.end())
                     for i, m in enumerate(re.finditer(r"^(I|IP): .*$", text, flags=re.M))]
        s.add(src)
        s.flush()
        for coder, turns in (("ingrid", (1, 3, 5)), ("lars", (1, 3, 7))):
            for t in turns:
                coding.add_coding(s, project.project_id, source_id=src.id, code="Q6", coder=coder, turn_index=t)
    coding.run_autocoding(project, coder="ingrid")
    monkeypatch.setenv("WORKBENCH_PROJECT", str(project.root))
    return project


def page(name: str, monkeypatch: pytest.MonkeyPatch, user: str = "ingrid", lang: str = "nb") -> AppTest:
    monkeypatch.setenv("WB_PAGE", name)
    monkeypatch.setenv("WB_USER", user)
    monkeypatch.setenv("WB_LANG", lang)
    at = AppTest.from_file(str(REPO / "tests" / "ui" / "page_runner.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_coding_page_shows_turns_codes_and_suggestions(coded, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    at = page("coding", monkeypatch)
    body = " ".join(m.value for m in at.markdown)
    assert "Informant" in body and "forvaltningskontor" in body and "Q6" in body
    assert "background:#b07aa1" in body  # Q6 colour on ingrid's coded turns
    tables = [d.value for d in at.dataframe]
    assert any("Kode" in t.columns and "M3" in set(t["Kode"]) for t in tables), "suggestions table missing"


def test_coding_page_adds_a_turn_coding(coded, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    at = page("coding", monkeypatch, lang="en")
    at.selectbox[2].select("M3")  # code
    at.radio[0].set_value("turn")
    at.selectbox[3].select(1)  # turn index
    at.button[0].click().run()  # form submit is the first button
    assert not at.exception
    with coded.session() as s:
        rows = coding.list_codings(s, coded.project_id, coder="ingrid", code="M3", origin="manual")
    assert len(rows) == 1 and rows[0].text.startswith("IP: Ja, vi har et eget forvaltningskontor")


def test_agreement_page_table_plot_and_disagreements(coded, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    at = page("agreement", monkeypatch, lang="en")
    table = at.dataframe[0].value
    assert list(table["Code"]) == ["Q6", "Overall"]
    assert 0 < table["Unit κ"].iloc[0] < 1
    body = " ".join(m.value for m in at.markdown)
    assert "coding?source=" in body and "Coded by: ingrid" in body and "Coded by: lars" in body


def test_blind_coding_hides_other_coders(coded, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from workbench.config import load_config, write_config
    from workbench.errors import PermissionDenied

    settings = dict(load_config(coded.root).settings)
    settings["blind_coding"] = True
    write_config(coded.root, settings)
    at = page("coding", monkeypatch)
    assert at.selectbox[1].options == ["ingrid"]  # "Vis kodinger av": only her own work
    at = page("agreement", monkeypatch)
    assert any("blind coding is on" in e.value for e in at.error)
    at = page("agreement", monkeypatch, user="admin")
    assert not at.error
    from workbench.services.project import open_project

    handle = open_project(coded.root)
    with handle.session() as s:
        coding.check_may_see(handle, s, viewer="ingrid", coders=["ingrid"])
        with pytest.raises(PermissionDenied):
            coding.check_may_see(handle, s, viewer="ingrid", coders=["lars"])
        assert coding.visible_coders(handle, s, viewer="admin") is None
    handle.close()
