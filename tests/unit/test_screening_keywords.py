"""Keyword highlighting (inflection, compounds, wildcards, escaping) and the decision shortcuts."""

from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.services.criteria import find_keywords, highlight_html
from workbench.services.screening import parse_shortcut

REASONS = ["Feil populasjon", "Feil konsept", "Feil kontekst"]


def spans(text: str, include: list[str], exclude: list[str] | None = None) -> list[tuple[str, str]]:
    return [(text[h.start:h.end], h.kind) for h in find_keywords(text, include=include, exclude=exclude or [])]


def test_inflection_and_compounds() -> None:
    text = "Vedtakene fra forvaltningskontorets saksbehandlere; tildelingen skjer i Tildelingskontoret."
    assert spans(text, ["vedtak", "tildeling"]) == [
        ("Vedtakene", "include"), ("tildelingen", "include"), ("Tildelingskontoret", "include")]
    # keywords of six letters or more are found inside compounds, shorter ones only at word starts
    assert spans(text, ["kontor"]) == [("forvaltningskontorets", "include"), ("Tildelingskontoret", "include")]
    assert spans("Fagsak og saksbehandling", ["sak"]) == [("saksbehandling", "include")]


def test_wildcards_phrases_and_priority() -> None:
    assert spans("A randomised controlled trial", ["random*"]) == [("randomised", "include")]
    assert spans("kommunale hjemmetjenester", ["*tjeneste*"]) == [("hjemmetjenester", "include")]
    assert spans("needs  assessment in home care", ["needs assessment", "home care"]) == [
        ("needs  assessment", "include"), ("home care", "include")]
    # exclude wins when both lists hit the same word
    assert spans("barnevern", ["barnevern"], ["barn"]) == [("barnevern", "exclude")]


def test_html_is_escaped_around_and_inside_marks() -> None:
    text = 'Tildeling <img src=x onerror="alert(1)"> & "vedtak"'
    out = highlight_html(text, find_keywords(text, include=["tildeling", "vedtak"], exclude=[]))
    assert "<img" not in out and "&lt;img" in out and "&amp;" in out
    assert out.count("<mark") == 2 and '<mark class="kw-include">vedtak</mark>' in out


@pytest.mark.parametrize(("line", "expected"), [
    ("i", ("include", "", "")),
    ("E 2 ikke kommunal", ("exclude", "Feil konsept", "ikke kommunal")),
    ("e for gammel", ("exclude", "", "for gammel")),
    ("kanskje usikker på kontekst", ("maybe", "", "usikker på kontekst")),
    ("j", ("include", "", "")),
])
def test_shortcuts(line: str, expected: tuple[str, str, str]) -> None:
    assert parse_shortcut(line, reasons=REASONS) == expected


def test_bad_shortcuts() -> None:
    with pytest.raises(WorkbenchError, match="not a decision"):
        parse_shortcut("x", reasons=REASONS)
    with pytest.raises(WorkbenchError, match="1–3"):
        parse_shortcut("e 7", reasons=REASONS)
    with pytest.raises(WorkbenchError):
        parse_shortcut("   ")
