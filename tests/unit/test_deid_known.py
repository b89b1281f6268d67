"""Project-known identifiers survive misspelling, lower case, inflection and OCR noise."""

from __future__ import annotations

from workbench.deid.known import KnownIdentifier, KnownMatcher


def _matcher() -> KnownMatcher:
    return KnownMatcher([
        KnownIdentifier("Kristin Berg", "participant", "k:1"),
        KnownIdentifier("Hjelmeland", "municipality", "k:2"),
        KnownIdentifier("Fjordtun omsorgssenter", "workplace", "k:3"),
        KnownIdentifier("Nord-Aurdal", "municipality", "k:4"),
    ])


def _hits(text: str) -> dict[str, str]:
    return {s.text: s.key or "" for s in _matcher().find(text)}


def test_variants_map_to_the_same_key() -> None:
    text = ("kristin berg sa det. Kristins kontor. Hjelmelands ordfører, Hje1meland kommune, hjelmelan. "
            "Vi var på Fjordtun omsorgssenteret. Krstin ringte. Hun flyttet til Nord-Aurdal.")
    hits = _hits(text)
    assert hits["kristin berg"] == "k:1"
    assert hits["Kristins"] == "k:1"
    assert hits["Krstin"] == "k:1"
    assert hits["Hjelmelands"] == hits["Hje1meland"] == hits["hjelmelan"] == "k:2"
    assert hits["Fjordtun omsorgssenteret"] == "k:3"
    assert hits["Nord-Aurdal"] == "k:4"


def test_no_false_matches_on_similar_common_words() -> None:
    hits = _hits("Kristen tro er viktig. Kristin er her. Vi bor ved et berg. Hjemme er best.")
    assert "Kristen" not in hits
    assert "Kristin er" not in hits  # a multi-word name needs every word to match
    assert "Kristin" in hits  # the first name alone (a part of a participant's name)
    assert "berg" not in hits  # lower-case part of a name is not enough
    assert "Hjemme" not in hits


def test_empty_known_list_finds_nothing() -> None:
    assert KnownMatcher([]).find("Kristin Berg i Hjelmeland") == []
