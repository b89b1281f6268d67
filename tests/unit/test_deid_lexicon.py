"""The Norsk Ordbank lexicon, the unknown-word detector for lower-case speech-to-text, and the looser
number rules (session 3; written against the misses of held-out sets 21–26, 28, 30, 32)."""

from __future__ import annotations

import gzip

from workbench.deid import lexicon
from workbench.deid.detect import detect
from workbench.deid.patterns import fallbacks, find_patterns, find_phones
from workbench.deid.unknown_words import find_unknown_lower


def test_lexicon_file_holds_common_words_and_no_proper_nouns() -> None:
    lex = lexicon.load()
    assert len(lex) > 500_000
    assert {"sjukeheimen", "søknader", "hjemmesykepleien", "bestemor"} <= lex.keys()
    assert lexicon.is_noun("søknader") and not lexicon.is_noun("dekker")  # also a verb
    # proper nouns of the dictionary (capitalised lemmas) are left out: they are what we look for
    assert not {"oslo", "halvdan", "bergen", "kari"} & lex.keys()
    with gzip.open(lexicon.DATA_FILE, "rt", encoding="utf-8") as fh:
        first = fh.readline()
    assert first.count("\t") == 1


def test_nynorsk_forms_and_compounds_count_as_words_but_place_compounds_do_not() -> None:
    for word in ("ventar", "jobbar", "helgane", "endeleg", "vakttelefonen", "demensdiagnosen", "trappeheis",
                 "korttidsplassane", "morgenvakta"):
        assert not lexicon.unknown_word(word), word
    for word in ("joralf", "halvdan", "ertvågsøya", "gullstein", "ankerskogen", "rekefjord", "tørdalen"):
        assert lexicon.unknown_word(word), word


def test_unknown_lower_case_words_are_flagged_only_in_lower_case_utterances() -> None:
    text = ("IP: ja så vi søkte om avlastning for joralf som har alzheimer og mor mi budde i gullstein\n"
            "IP: Vi ringte vakttelefonen, men Joralf var ikkje heime.\n"
            "ip: vi køyrer ut til folk på skardsøya og ertvågsøya kvar dag og det ventar mange")
    found = {(s.text, s.label) for s in find_unknown_lower(text)}
    assert {("joralf", "PERSON"), ("gullstein", "PLACE"), ("ertvågsøya", "PLACE")} <= found
    words = {t for t, _ in found}
    assert not words & {"vakttelefonen", "Joralf", "ventar", "køyrer", "alzheimer", "avlastning"}
    # a hyphenated pair of first names is a person; "d-nummeret" is a word
    found = {(s.text, s.label) for s in find_unknown_lower("ip: det var bjørn-åge som sendte d-nummeret")}
    assert found == {("bjørn-åge", "PERSON")}


def test_unknown_words_reach_the_combined_detector_with_low_confidence() -> None:
    spans = detect("ip: mor mi olaug budde i gullstein til ho var åttifem", use_ner=False)
    place = next(s for s in spans if s.text == "gullstein")
    assert place.label == "PLACE" and place.confidence <= 0.5


def test_loose_number_ages_need_a_person_and_no_count() -> None:
    assert [s.text for s in find_patterns("IP: Begge var over nitti.") if s.label == "AGE"] == ["nitti"]
    assert {s.text for s in find_patterns("IP: Jeg var ganske ung da jeg begynte, tjuetre. Nå er jeg femtiåtte.")
            if s.label == "AGE"} == {"tjuetre", "femtiåtte"}
    for quiet in ("IP: Vi har tjueåtte plasser og tjuefire tilsette.", "IP: De fleste er over åtti.",
                  "IP: Gjennomsnittsalderen er åttiseks, trur eg.", "IP: Æ har jobba her i snart tjue år."):
        assert not [s for s in find_patterns(quiet) if s.label == "AGE"], quiet


def test_ages_answering_an_age_question_corrections_and_ranges() -> None:
    text = "I: Hvor gammel var hun da hun fikk alarmen?\nIP: Åttien. Det var etter at hun falt i hagen."
    assert [s.text for s in find_patterns(text) if s.label == "AGE"] == ["Åttien"]
    text = "I: så hun er\nIP: nitti og tre ja"
    assert [s.text for s in find_patterns(text) if s.label == "AGE"] == ["nitti og tre"]
    # a question about a duration is not about an age
    assert not [s for s in find_patterns("I: Hvor mange år har du jobbet her?\nIP: Tjue år i mars.")
                if s.label == "AGE"]
    ages = [s.text for s in find_patterns("IP: Han va åttifir. Nei vent, åttifæm, han hadd fylt år.") if s.label == "AGE"]
    assert ages == ["åttifir", "åttifæm"]
    ranges = [s.text for s in fallbacks.age_ranges("IP: Beboerne er mellom sekstisju og nittitre år.")]
    assert ranges == ["sekstisju", "nittitre"]
    assert not list(fallbacks.age_ranges("IP: Turen tar mellom tjue og tretti minutter."))


def test_loose_years_skip_reforms_and_buildings() -> None:
    years = [s.text for s in find_patterns("IP: Han sto på venteliste i hele 2024, og det var tungt for han.")
             if s.label == "DATE"]
    assert years == ["2024"]
    for quiet in ("IP: Samhandlingsreformen kom i 2012, og han merka det.", "IP: Bygget er fra 1976, sa han.",
                  "IP: Vi har tjue tretti førti brukere."):
        assert not list(fallbacks.loose_years(quiet, [])), quiet


def test_read_out_phone_numbers_in_dialect_with_hyphens_and_bare_tens() -> None:
    for number in ("nitti åtte sekstifire tjuetre elleve", "ni sju sæks fir ni tre null to",
                   "nitti åtte, førti fem, tretti to, elleve", "ni-to-en, førtifem, tretti, sekstiåtte",
                   "fem én sju sju tre null en to", "921 45 30 68"):
        assert [s.text for s in find_phones(f"IP: ring meg på {number} i morgon")] == [number], number
    for quiet in ("det var tre fire fem ganger", "åtte-ni-ti-elleve ganger", "budsjettet er 921 45 30 kr"):
        assert not list(find_phones(quiet)), quiet


def test_spoken_dates_and_spaced_birth_dates() -> None:
    dates = {s.text for s in find_patterns("IP: Så var ho inne att elleve juni. Han er født 01 11 36.")
             if s.label == "DATE"}
    assert {"elleve juni", "01 11 36"} <= dates
    assert not [s for s in find_patterns("IP: Han er født 45 13 36.") if s.text == "45 13 36"]


def test_the_committed_lexicon_is_what_build_makes_from_spacy_lookups_data(tmp_path) -> None:
    out = tmp_path / "lexicon.tsv.gz"
    assert lexicon.build(out) == len(lexicon.load())
    with gzip.open(out, "rb") as new, gzip.open(lexicon.DATA_FILE, "rb") as committed:
        assert new.read() == committed.read()
