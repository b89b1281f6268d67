"""Data charting: default form, values with history, prefill from abstracts, Excel and Word export."""

from __future__ import annotations

import pytest
from screening_helpers import build

from workbench.db.models import Record
from workbench.errors import ConflictError, NotFoundError
from workbench.services import charting

ABSTRACT = ("Formålet med studien var å undersøke hvordan kommuner organiserer tildelingen av hjemmetjenester. "
            "Vi gjennomførte kvalitative intervjuer med 24 saksbehandlere i fire kommuner. "
            "Funnene viser at forvaltningskontoret gir mer likebehandling, men mindre fleksibilitet.")


@pytest.fixture
def charted(project):  # type: ignore[no-untyped-def]
    kept, sought = build(project)
    included = sought[4:7]
    with project.session() as s:
        rec = s.get(Record, included[0])
        rec.abstract, rec.authors, rec.year, rec.journal = ABSTRACT, ["Nordmann, Kari", "Hansen, Ola"], 2021, \
            "Tidsskrift for omsorgsforskning"
        rec.raw = {"type_of_reference": "JOUR"}
    return project, kept, included


def test_default_form_and_included_sources(charted) -> None:  # type: ignore[no-untyped-def]
    handle, kept, included = charted
    labels = [f.label for f in charting.form_fields(handle)]
    assert labels == ["Førsteforfatter (år) / type", "Hensikt", "Metode", "Utvalg",
                      "Organisering av tildelingsfunksjonen", "Funn"]
    assert charting.included_ids(handle) == included
    with pytest.raises(ConflictError, match="not an included source"):
        charting.set_values(handle, record_id=kept[0], values={"hensikt": "x"}, actor="ingrid")
    with pytest.raises(NotFoundError, match="unknown charting field"):
        charting.set_values(handle, record_id=included[0], values={"nope": "x"}, actor="ingrid")


def test_values_keep_history_and_fields_are_configurable(charted) -> None:  # type: ignore[no-untyped-def]
    handle, _, included = charted
    rid = included[1]
    assert charting.set_values(handle, record_id=rid, values={"hensikt": "Første versjon"}, actor="ingrid") == 1
    assert charting.set_values(handle, record_id=rid, values={"hensikt": "Første versjon"}, actor="ingrid") == 0
    charting.set_values(handle, record_id=rid, values={"hensikt": "Andre versjon"}, actor="lars")
    assert [h["value"] for h in charting.value_history(handle, record_id=rid, key="hensikt")] == \
        ["Første versjon", "Andre versjon"]
    charting.set_field(handle, key="kvalitetsdimensjon", label="Kvalitetsdimensjoner (Q1–Q7)", actor="admin")
    charting.set_values(handle, record_id=rid, values={"kvalitetsdimensjon": "Q2, Q6"}, actor="ingrid")
    charting.set_field(handle, key="utvalg", active=False, actor="admin")
    fields, rows = charting.chart_rows(handle)
    assert [f.key for f in fields][-1] == "kvalitetsdimensjon" and "utvalg" not in [f.key for f in fields]
    row = next(r for r in rows if r.record_id == rid)
    assert row.values["hensikt"] == "Andre versjon" and row.values["kvalitetsdimensjon"] == "Q2, Q6"


def test_prefill_from_abstract_never_overwrites_manual(charted) -> None:  # type: ignore[no-untyped-def]
    handle, _, included = charted
    rid = included[0]
    charting.set_values(handle, record_id=rid, values={"funn": "Skrevet av forsker"}, actor="ingrid")
    written = charting.prefill(handle, actor="system", record_ids=[rid], overwrite=True)
    assert written[rid] == 5
    _, rows = charting.chart_rows(handle)
    vals = next(r for r in rows if r.record_id == rid).values
    assert vals["forfatter_aar_type"] == "Nordmann (2021) / artikkel"
    assert vals["hensikt"].startswith("Formålet med studien")
    assert "kvalitative intervjuer" in vals["metode"]
    assert "24 saksbehandlere" in vals["utvalg"]
    assert vals["organisering"].startswith("M3: ") and "forvaltningskontoret" in vals["organisering"]
    assert vals["funn"] == "Skrevet av forsker"


def test_export_xlsx_and_docx(charted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import docx
    import openpyxl

    handle, _, included = charted
    charting.prefill(handle, actor="system")
    charting.set_values(handle, record_id=included[2], values={"hensikt": "=SUM(A1)"}, actor="ingrid")
    res = charting.export_chart(handle, out=tmp_path / "chart.xlsx")
    assert res["sources"] == 3
    wb = openpyxl.load_workbook(tmp_path / "chart.xlsx")
    ws = wb["Kartlegging"]
    assert [c.value for c in ws[1]][1:] == [f.label for f in charting.form_fields(handle)]
    assert [ws.cell(row=i, column=1).value for i in range(2, 5)] == included
    assert ws.cell(row=2, column=2).value == "Nordmann (2021) / artikkel"
    assert ws.cell(row=4, column=3).value == "=SUM(A1)" and ws.cell(row=4, column=3).data_type == "s"
    assert wb["Kilder"].cell(row=2, column=2).value == "Nordmann, Kari; Hansen, Ola"
    charting.export_chart(handle, out=tmp_path / "chart.docx")
    table = docx.Document(str(tmp_path / "chart.docx")).tables[0]
    assert [c.text for c in table.rows[0].cells][0] == "Førsteforfatter (år) / type"
    assert len(table.rows) == 4 and table.rows[1].cells[0].text == "Nordmann (2021) / artikkel"
