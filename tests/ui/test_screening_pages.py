"""Screening, PRISMA and charting pages under Streamlit's AppTest (blinding seen from the UI)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from workbench.db.models import ImportBatch, Record
from workbench.services import screening, users

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def review(project, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    with project.session() as s:
        for name, role in (("sara", "screener"), ("jonas", "screener"), ("mette", "researcher")):
            users.add_user(s, username=name, role=role)
        batch = ImportBatch(project_id=project.project_id, source_name="PubMed", content_hash="u", n_items=3)
        s.add(batch)
        s.flush()
        for i, title in enumerate(["Tildelingskontoret <script>x</script> og vedtak", "Barn i barnehagen",
                                   "Forvaltningskontor og utskrivning"]):
            s.add(Record(project_id=project.project_id, batch_id=batch.id, ordinal=i, title=title,
                         abstract="Vi undersøkte tildeling i 4 kommuner.", authors=["Hansen, Kari"], year=2020))
    screening.set_criteria(project, actor="admin", population="Eldre", include_keywords=["tildeling"],
                           exclude_keywords=["barn"])
    screening.decide(project, record_id=1, reviewer="sara", stage="ta", decision="include", note="hemmelig notat")
    monkeypatch.setenv("WORKBENCH_PROJECT", str(project.root))
    return project


def page(name: str, monkeypatch: pytest.MonkeyPatch, user: str, role: str) -> AppTest:
    monkeypatch.setenv("WB_PAGE", name)
    monkeypatch.setenv("WB_USER", user)
    monkeypatch.setenv("WB_ROLE", role)
    monkeypatch.setenv("WB_LANG", "nb")
    at = AppTest.from_file(str(REPO / "tests" / "ui" / "page_runner.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.slow
def test_screening_page_is_blind_escapes_and_decides_by_keyboard(review, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    at = page("screening", monkeypatch, "jonas", "screener")
    shown = " ".join(m.value for m in at.markdown)
    assert "Skjult til du har bestemt deg" in shown and "hemmelig notat" not in shown
    assert "&lt;script&gt;" in shown and "<script>" not in shown
    assert '<mark class="kw-include">Tildelingskontoret</mark>' in shown
    aid = " ".join(c.value for c in at.caption)
    assert "Screenet siden siste inkludering" in aid and "regel: stopp når minst 50" in aid and "stop when" not in aid
    box = next(t for t in at.text_input if t.label.startswith("Beslutning"))
    box.input("e for gammel studie")
    next(b for b in at.button if b.label == "↵").click().run()
    assert not at.exception
    seen = screening.get_decisions(review, record_id=1, stage="ta", viewer="jonas")
    assert {(d.reviewer, d.decision, d.note) for d in seen} == {("sara", "include", "hemmelig notat"),
                                                                ("jonas", "exclude", "for gammel studie")}
    # the page moved on to the next record, and the conflict shows for the third reviewer
    at = page("screening", monkeypatch, "mette", "researcher")
    assert any(e.label.startswith("#1 ") for e in at.expander)


def test_prisma_and_charting_pages_render(review, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for rid in (1, 2, 3):
        for who in ("sara", "jonas"):
            if (rid, who) != (1, "sara"):
                screening.decide(review, record_id=rid, reviewer=who, stage="ta",
                                 decision="exclude" if rid == 2 else "include")
    for who in ("sara", "jonas"):
        screening.decide(review, record_id=1, reviewer=who, stage="ft", decision="include")
    at = page("prisma", monkeypatch, "admin", "admin")
    assert any("venter" in w.value or "await" in w.value for w in at.warning)  # record 3 awaits full text
    assert len(at.get("image")) == 1
    at = page("charting", monkeypatch, "ingrid", "researcher")
    assert [t.label for t in at.text_area][:2] == ["Førsteforfatter (år) / type", "Hensikt"]
