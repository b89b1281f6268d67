"""Gazetteers, NER post-processing, the combined detector and the gold-set tooling."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.deid import gazetteers, ner
from workbench.deid.detect import Detector, detect, parse_known_lines
from workbench.deid.evaluation import leak_rate, load_gold, parse_marked, score
from workbench.deid.spans import Span, resolve_overlaps

DATA = Path(__file__).resolve().parents[1] / "data" / "deid"


def test_gazetteer_counts_and_2024_municipalities() -> None:
    import csv

    with (gazetteers.DATA_DIR / "municipalities.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["status"] == "current"]
    assert len(rows) == 357 and len({r["number"] for r in rows}) == 357
    g = gazetteers.load()
    assert len(g.current_municipalities) == 355  # Herøy and Våler exist twice
    assert {"Haram", "Ålesund", "Hjelmeland", "Nord-Aurdal", "Evje og Hornnes"} <= g.current_municipalities
    assert gazetteers.municipality_of("Guovdageaidnu") == "Kautokeino"
    assert gazetteers.municipality_of("Lillehammers") == "Lillehammer"
    assert gazetteers.municipality_of("Oppegård") == "Oppegård"  # former, still recognised
    assert len(g.first_names) > 1500 and len(g.surnames) > 3000


def test_gazetteer_names_places_and_case() -> None:
    text = ("Jeg snakket med Per Hansen om Kaspers plan. i fjor var ingrid johansen i hjelmeland kommune, "
            "og Hjelmeland-modellen ble kjent. Vi har tid.")
    found = {(s.text, s.label) for s in gazetteers.find_gazetteer(text)}
    assert ("Per Hansen", "PERSON") in found and ("Kaspers", "PERSON") in found
    assert ("ingrid johansen", "PERSON") in found and ("hjelmeland", "PLACE") in found
    assert ("Hjelmeland", "PLACE") in found  # from the compound
    assert not any(t in ("Vi", "tid", "plan") for t, _ in found)


def test_ambiguous_municipalities_need_context() -> None:
    found = {s.text for s in gazetteers.find_gazetteer("Time etter time. Hun bor i Time og jobber i Strand kommune.")}
    assert "Strand" in found
    assert sum(1 for s in gazetteers.find_gazetteer("Time etter time.") if s.text == "Time") == 0


def test_workplaces_and_hospitals() -> None:
    found = {s.text for s in gazetteers.find_workplaces(
        "Hun lå på Sykehuset Innlandet før Solbakken sykehjem, så på St. Olavs og UNN. Helse Vest betaler.")}
    assert {"Sykehuset Innlandet", "Solbakken sykehjem", "St. Olavs", "UNN"} <= found
    # a regional health authority places the case in a region, like a county: an identifier
    assert "Helse Vest" in found
    both = {s.text for s in gazetteers.find_workplaces("Helse Sør-Øst og Helse Nord, og Helse Møre og Romsdal.")}
    assert both == {"Helse Sør-Øst", "Helse Nord", "Helse Møre og Romsdal"}


@pytest.mark.skipif(not ner.model_available(), reason="model not shipped")
def test_ner_model_and_postprocessing() -> None:
    text = ("Dommer Finn Eilertsen avstår fra å kommentere. Senere sa Eilertsen at saken var klar. "
            "NAV og Helsedirektoratet var ikke involvert. Klagen kom fra Skibotn.")
    spans = ner.find_ner(text)
    found = {(s.text, s.label) for s in spans}
    assert ("Finn Eilertsen", "PERSON") in found
    assert ("Eilertsen", "PERSON") in found  # document-level consistency
    assert not {t for t, _ in found} & {"NAV", "Helsedirektoratet", "Klagen"}
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_resolve_overlaps_prefers_priority_and_containers() -> None:
    spans = [Span(0, 10, "PLACE", "x", "known"), Span(0, 25, "ADDRESS", "x", "pattern"),
             Span(30, 35, "PERSON", "x", "ner"), Span(30, 40, "PERSON", "x", "known"),
             Span(50, 55, "PERSON", "x", "gazetteer", 0.55), Span(50, 56, "PLACE", "x", "ner")]
    out = [(s.start, s.end, s.label, s.detector) for s in resolve_overlaps(spans)]
    assert out == [(0, 25, "ADDRESS", "pattern"), (30, 40, "PERSON", "known"), (50, 56, "PLACE", "ner")]


def test_rejected_forms_are_not_proposed_again() -> None:
    text = "Vi bruker Lean i Hjelmeland."
    assert "Lean" not in {s.text for s in Detector(rejected={"lean"}).detect(text)}


def test_known_file_parsing() -> None:
    items = parse_known_lines(["# comment", "", "municipality: Hjelmeland", "Kari Nordmann",
                               "Solbakken sykehjem", "Lyngen"])
    assert [(k.value, k.category) for k in items] == [
        ("Hjelmeland", "municipality"), ("Kari Nordmann", "person"), ("Solbakken sykehjem", "workplace"),
        ("Lyngen", "municipality")]


def test_gold_markup_and_metrics() -> None:
    examples = parse_marked("# c\nHei [[Kari|PERSON]] fra [[Lyngen|PLACE]].\n---\nIngen her.\n")
    assert [e.text for e in examples] == ["Hei Kari fra Lyngen.", "Ingen her."]
    assert examples[0].spans == [(4, 8, "PERSON"), (13, 19, "PLACE")]
    preds = [[Span(4, 8, "PERSON", "Kari", "gazetteer"), Span(0, 3, "PERSON", "Hei", "ner")], []]
    m = score(examples, preds)
    assert m["recall"] == 0.5 and m["precision"] == 0.5
    rate, leaks = leak_rate(examples, ["Hei [P] fra Lyngen.", "Ingen her."])
    assert rate == 0.5 and leaks == [("PLACE", "Lyngen")]


def test_gold_sets_cover_every_label() -> None:
    from workbench.deid.spans import LABELS

    examples = load_gold(DATA / "gold_marked.txt")
    assert len(examples) >= 30
    assert {lab for e in examples for _, _, lab in e.spans} == set(LABELS)
    held = load_gold(DATA / "gold_heldout_marked.txt")
    assert len(held) >= 30


def test_detect_plain_known_strings() -> None:
    spans = detect("Vi møtte Bjørnar Lie og Bjørnars kone.", known=["Bjørnar Lie"], use_ner=False)
    assert [(s.text, s.detector) for s in spans] == [("Bjørnar Lie", "known"), ("Bjørnars", "known")]
