"""Pattern detectors: ID numbers, phones, e-mail, URLs, addresses, dates, ages, and hard negatives."""

from __future__ import annotations

import pytest

from workbench.deid.patterns import find_patterns


def _found(text: str) -> list[tuple[str, str]]:
    return [(s.label, s.text) for s in find_patterns(text)]


@pytest.mark.parametrize(
    ("text", "label", "surface"),
    [
        ("Fødselsnummeret er 30108299939.", "ID_NUMBER", "30108299939"),
        ("Skrevet som 301082 99920 på skjemaet.", "ID_NUMBER", "301082 99920"),
        ("D-nummer 52074112323 ble brukt.", "ID_NUMBER", "52074112323"),
        ("Lest opp som 301082 999 39 i opptaket.", "ID_NUMBER", "301082 999 39"),
        ("Skrevet 30.10.82 99939 i journalen.", "ID_NUMBER", "30.10.82 99939"),
        ("Med bindestrek 301082-99939 også.", "ID_NUMBER", "301082-99939"),
        ("Ring (+47) 912 34 567 i dag.", "PHONE", "(+47) 912 34 567"),
        ("Ring 912 34 567 i dag.", "PHONE", "912 34 567"),
        ("Ring +47 91234567 i dag.", "PHONE", "+47 91234567"),
        ("Sentralbordet: 73 84 12 90.", "PHONE", "73 84 12 90"),
        ("Mobil 9123 4567, ring etter fire.", "PHONE", "9123 4567"),
        ("Dotted: 912.34.567 fungerer også.", "PHONE", "912.34.567"),
        ("Skriv til kari.nordmann@hjelmeland.kommune.no i dag.", "EMAIL", "kari.nordmann@hjelmeland.kommune.no"),
        ("Se https://www.ringsaker.kommune.no/soknad.", "URL", "https://www.ringsaker.kommune.no/soknad"),
        ("Se www.hjelmeland.kommune.no, der står det.", "URL", "www.hjelmeland.kommune.no"),
        ("Hun bor i Storgata 14B, 4130 Hjelmeland nå.", "ADDRESS", "Storgata 14B, 4130 Hjelmeland"),
        ("Adressen er Postboks 55, 2381 Brumunddal.", "ADDRESS", "Postboks 55, 2381 Brumunddal"),
        ("Møtet var 3. mars 2019 på rådhuset.", "DATE", "3. mars 2019"),
        ("Dato: 21.11.2023, Teams.", "DATE", "21.11.2023"),
        ("Han ble ansatt 5.9.2016 som sykepleier.", "DATE", "5.9.2016"),
        ("Klagen kom inn tredje januar.", "DATE", "tredje januar"),
        ("Hun er 87 år og bor alene.", "AGE", "87 år"),
        ("En 92-åring med demens.", "AGE", "92-åring"),
        ("Han fyller 90 år i høst.", "AGE", "90 år"),
        ("Mannen er 78 år gammel.", "AGE", "78 år gammel"),
    ],
)
def test_detects(text: str, label: str, surface: str) -> None:
    assert (label, surface) in _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Det koster 423 800 kroner per måned.",
        "Vi har 12345678 kr i budsjettet.",
        "Etter helse- og omsorgstjenesteloven § 3-2 første ledd nr. 6.",
        "Lov 24. juni 2011 nr. 30 om kommunale helse- og omsorgstjenester.",
        "Hun har jobbet her i 20 år.",
        "Det er 20 år siden vi startet.",
        "Vi møtes hver mandag og onsdag klokka 14.30.",
        "KOSTRA-funksjon 254 og 261, IPLOS-registeret.",
        "Merforbruket er 3,2 millioner, 228 timer avlastning i måneden.",
        "Vi hadde 423 søknader i 2023 og innvilget 91 %.",
        "Kontonummer? Nei, 30108299921 er et ugyldig tall med feil kontrollsiffer som ikke er en dato 99999999999.",
    ],
)
def test_hard_negatives(text: str) -> None:
    found = _found(text)
    # the one deliberately broken 11-digit number starting with a valid date is flagged with low confidence
    assert all(label == "ID_NUMBER" and surface == "30108299921" for label, surface in found), found


def test_unvalidated_eleven_digits_get_low_confidence() -> None:
    spans = [s for s in find_patterns("Nummeret 30108299921 var feil.") if s.label == "ID_NUMBER"]
    assert len(spans) == 1 and spans[0].confidence < 0.8 and spans[0].detector == "pattern"


def test_offsets_are_code_points() -> None:
    text = "Ærlig talt: ring Åse på 912 34 567."
    span = next(s for s in find_patterns(text) if s.label == "PHONE")
    assert text[span.start:span.end] == "912 34 567"
