"""Context-based ages without "år" and bare years of personal events (positives and hard negatives)."""

from __future__ import annotations

import pytest

from workbench.deid.detect import detect
from workbench.deid.patterns import find_patterns
from workbench.deid.pseudonymise import PseudonymBook, apply_spans


def _labelled(text: str, label: str) -> list[str]:
    return [s.text for s in find_patterns(text) if s.label == label]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Jeg har en bror som er 67 og som fortsatt jobber.", "67"),
        ("Han var 79 da hun døde.", "79"),
        ("Han er 85, og kona er snart 84.", "85"),
        ("Han er 85, og kona er snart 84.", "84"),
        ("Hun fyller 90 i mai.", "90"),
        ("Mora mi er nesten 95 nå.", "95"),
        ("Faren hans ble 101.", "101"),
        ("Pasienten er nær 90, tror jeg.", "90"),
        ("Fru Hansen er over 90.", "90"),
        ("Solveig var 88 da hun flyttet inn.", "88"),
        ("Kona hans fylte 75 i fjor.", "75"),
        ("Brukeren er rundt 70 eller så.", "70"),
        ("Søkeren var 58 og bodde alene.", "58"),
        ("Bestemor ble 103.", "103"),
        ("Hun er i 80-årene.", "i 80-årene"),
        ("En kvinne i slutten av 70-årene ringte.", "i slutten av 70-årene"),
        ("Vi hadde en 101-åring som bodde hjemme.", "101-åring"),
    ],
)
def test_bare_ages(text: str, surface: str) -> None:
    assert surface in _labelled(text, "AGE")


@pytest.mark.parametrize(
    "text",
    [
        "Det er 67 søknader i køen nå.",
        "Vi var 12 på jobb i helga.",
        "Kapittel 9 er viktig for oss.",
        "Han var 12 timer på jobb i går.",
        "Hun var 45 minutter forsinket.",
        "Han er 30 prosent sykmeldt.",
        "Hun er 50 % ufør.",
        "KOSTRA-funksjon 234, 253, 254 og 261.",
        "Funksjon 254 er hjemmetjenester, og han var 254 ganger innom.",
        "Han kom 20.30 og hun var 21:15 der.",
        "I uke 12 var det travelt, og hun var 40 i uke 13.",
        "Han betalte 250 kroner, hun var 90 kr billigere.",
        "Det var i 80-årene at det startet.",
        "Han var 20-30 minutter der.",
        "Listen var 40 lang.",
        "Oslo er 12 mil unna.",
        "Han var 3 ganger innlagt og hun er 9.",
        "Vi er 24 ansatte og de var 30 i fjor.",
    ],
)
def test_bare_age_negatives(text: str) -> None:
    assert _labelled(text, "AGE") == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Da var han 76, så han var ikke gammel.", "76"),
        ("Han sa at han snart var 100.", "100"),
        ("Er hun snart 90 nå, mora di?", "90"),
        ("Så fylte mora 80 i fjor.", "80"),
        ("Fylte ikke faren hennes 80 i fjor?", "80"),
        ("Kona hans, hun nå er 91, bor fortsatt hjemme.", "91"),
        ("Nå har han jo blitt 95.", "95"),
        ("I fjor ble bestefar 99 og fikk blomster fra ordføreren.", "99"),
        ("Sist gang var Solveig 88 og skarp.", "88"),
        ("Når runder pasienten 70?", "70"),
    ],
)
def test_bare_ages_inverted_word_order_and_adverb_before_verb(text: str, surface: str) -> None:
    assert _labelled(text, "AGE") == [surface]


@pytest.mark.parametrize(
    "text",
    [
        "Da var vi 12 på jobb, og det var for få.",
        "Han hadde 40 brukere på lista si.",
        "Hun ringte 3 ganger i løpet av natta.",
        "Da var han 40 minutter forsinket.",
        "Er han 30 prosent sykmeldt nå?",
        "Da var det 40 igjen på lista.",
        "Så var han 254 ganger innom, funksjon 254 i KOSTRA.",
        "Nå er han 20.30 der hver kveld.",
        "I dag var hun 250 kroner fattigere.",
        "Så var hun 45 min for sent.",
        "Da var dem 25 stykker på møtet.",
        "Det står i kapittel 9, og da var hun snart 12 timer på jobb.",
        "På mandag var han 19.45 på plass, og på tirsdag var han 08.00 der.",
        "Han snart har 30 brukere.",
        "Fikk han 80 i tilskudd?",
    ],
)
def test_inverted_word_order_negatives(text: str) -> None:
    assert _labelled(text, "AGE") == []


def test_inverted_age_after_a_person_found_by_another_detector() -> None:
    text = "Terje Myre var leder. Da var Terje Myre 67, og han sluttet."
    ages = [s for s in detect(text, use_ner=False, known=["Terje Myre"]) if s.label == "AGE"]
    assert [text[s.start:s.end] for s in ages] == ["67"]


def test_age_after_a_person_found_by_another_detector() -> None:
    text = "Det var Terje Myre som var leder. Terje Myre var 67 da han sluttet."
    ages = [s for s in detect(text, use_ner=False) if s.label == "AGE"]
    assert [text[s.start:s.end] for s in ages] == ["67"]
    assert ages[0].details["age"] == 67


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Han sluttet i 2019 og flyttet til Bergen.", "2019"),
        ("Vi flyttet hit våren 2015.", "våren 2015"),
        ("Jeg har jobbet her siden 2011.", "2011"),
        ("Mora døde i 2020.", "2020"),
        ("Han fikk diagnosen i 2018.", "2018"),
        ("Hun ble enke i 2016.", "2016"),
        ("Det skjedde i mars 2019, rett før påske.", "mars 2019"),
        ("Hun begynte som sykepleier her i 2008.", "2008"),
    ],
)
def test_years_of_personal_events(text: str, surface: str) -> None:
    assert surface in _labelled(text, "DATE")


@pytest.mark.parametrize(
    "text",
    [
        "Samhandlingsreformen kom i 2012.",
        "KOSTRA 2022 viser at vi ligger lavt.",
        "Budsjettet for 2024 er stramt.",
        "Loven fra 1999 gjelder fortsatt.",
        "Forskrift 2019 nr. 123 om tildeling.",
        "I 2019 var det 40 søknader.",
        "Rapporten fra 2018 viser det samme.",
        "Kommunen startet med dette i 2015.",
        "Siden 2011 har kommunen hatt et tilbud.",
    ],
)
def test_year_negatives(text: str) -> None:
    assert _labelled(text, "DATE") == []


def test_years_generalise_to_decade_or_are_kept() -> None:
    text = "Han sluttet i 2019. Vi flyttet hit våren 2015. Hun er 67 og mora er i 90-årene."
    spans = detect(text, use_ner=False)
    out, _ = apply_spans(text, spans, PseudonymBook())
    assert out == "Han sluttet i [2010-tallet]. Vi flyttet hit [2010-tallet]. Hun er [alder 60–69] og mora er [alder 90+]."
    book = PseudonymBook()
    book.year_mode = "keep"
    kept, _ = apply_spans(text, spans, PseudonymBook.from_dict(book.to_dict()))
    assert "sluttet i 2019" in kept and "våren 2015" in kept and "67" not in kept


def test_database_details_hold_no_more_than_the_generalised_text() -> None:
    from workbench.deid.spans import Span
    from workbench.services.deid import _safe_details

    age = Span(0, 2, "AGE", "87", "pattern", 0.75, details={"age": 87, "bare": True})
    old = Span(0, 2, "AGE", "93", "pattern", 0.75, details={"age": 93})
    year = Span(0, 10, "DATE", "våren 2019", "pattern", 0.8, details={"year": 2019, "month": None, "year_only": True})
    assert _safe_details(age) == {"age": 80, "bare": True}
    assert _safe_details(old) == {"age": 90}
    assert _safe_details(year) == {"year": 2010, "year_only": True}
    # the generalised text is the same from the stored details as from the detected ones
    book = PseudonymBook()
    for span in (age, old, year):
        stored = Span(span.start, span.end, span.label, span.text, span.detector, span.confidence,
                      details=_safe_details(span))
        assert book.replacement(stored) == book.replacement(span)
