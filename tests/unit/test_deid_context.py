"""Context-based ages without "år" and bare years of personal events (positives and hard negatives).

Some hard negatives pin the *rules* (``use_tagger=False``): the learned last-resort tagger flags a few of
them for review ("Han var 40 i uke 13"), which is its job; its precision is measured on whole gold sets
by ``bench/deid.py``."""

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


@pytest.mark.parametrize(
    ("text", "surface", "age"),
    [
        ("Han er 58 selv, så han vet hvordan det er.", "58", 58),
        ("Hun var bare 19 år da hun begynte her.", "19 år", 19),
        ("ho e 88 ho, og går fortsatt tur hver dag.", "88", 88),
        ("Da va ho 88, og skarp.", "88", 88),
        ("Han va åttifem da han døde.", "åttifem", 85),
        ("Mora mi er nittito nå.", "nittito", 92),
        ("Faren hennes ble hundre og to.", "hundre og to", 102),
        ("Hun fylte femogåtti i fjor.", "femogåtti", 85),
        ("En nittiåring bodde alene på gården.", "nittiåring", 90),
        ("Hun er i slutten av 70-åra.", "i slutten av 70-åra", 70),
        ("Hun er i åttiårene.", "i åttiårene", 80),
        ("Pasienten er nitti år gammel.", "nitti år gammel", 90),
        ("Æ e 45 sjøl, så æ skjønne det.", "45", 45),
    ],
)
def test_ages_in_speech_number_words_and_dialect(text: str, surface: str, age: int) -> None:
    ages = [s for s in find_patterns(text) if s.label == "AGE"]
    widest = max(ages, key=lambda s: s.end - s.start)
    assert widest.text == surface
    assert widest.details["age"] == age


@pytest.mark.parametrize(
    "text",
    [
        "Det er 20 år siden hun kom.",
        "Jeg var 30 år i kommunen før jeg byttet jobb.",
        "Han var 25 år på sykehjemmet som vaktmester.",
        "Det e 30 år siden han kom hit.",
        "Vi var 12 på jobb selv om det var fullt.",
        "Hun var tretti minutter forsinket.",
        "Han ringte førti ganger den natta.",
        "De var åtte på vakt, og vi var tjue på møtet.",
        "Hun var 20 år med i utvalget.",
        "Det var femti søknader i køen.",
    ],
)
def test_speech_age_negatives(text: str) -> None:
    assert _labelled(text, "AGE") == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Han fyller åttifem i mars.", "mars"),
        ("Hun døde i januar, rett etter jul.", "januar"),
        ("Han falt i begynnelsen av februar og brakk hofta.", "begynnelsen av februar"),
        ("Bursdagen hennes er i mai.", "mai"),
        ("I mars fikk han plass på sykehjemmet.", "mars"),
        ("Hun ble født den 14. i femte.", "den 14. i femte"),
        ("Vi var der den 14/5 da han falt.", "den 14/5"),
    ],
)
def test_months_that_date_a_personal_event(text: str, surface: str) -> None:
    assert surface in _labelled(text, "DATE")


@pytest.mark.parametrize(
    "text",
    [
        "Reformen kom i januar.",
        "Vi hadde mye å gjøre i januar.",
        "Budsjettet ble vedtatt i desember.",
        "I mars fikk vi nye rutiner.",
        "Det er 14 i femte etasje.",
        "Kommunen startet med dette i august.",
    ],
)
def test_month_negatives(text: str) -> None:
    assert _labelled(text, "DATE") == []


def test_leak_rate_ignores_the_pseudonymisers_own_generalised_values() -> None:
    from workbench.deid.evaluation import leak_rate, parse_marked

    examples = parse_marked("Hun er [[80|AGE]] og bor i [[Lyngen|PLACE]].\n---\nHan er [[90|AGE]].")
    book = PseudonymBook()
    applied = [apply_spans(ex.text, detect(ex.text, use_ner=False, known=["Lyngen"]), book) for ex in examples]
    outputs = [out for out, _ in applied]
    assert "[alder 80–89]" in outputs[0]
    inserted = [[(r.new_start, r.new_end) for r in reps] for _, reps in applied]
    assert leak_rate(examples, outputs, inserted) == (0.0, [])
    strict, leaks = leak_rate(examples, outputs)  # the strict count sees the band bounds
    assert leaks == [("AGE", "80"), ("AGE", "90")] and strict == pytest.approx(2 / 3)
    # a surviving identifier outside the replacements is still a leak
    left = [outputs[0] + " Hilsen fra Lyngen.", outputs[1]]
    assert leak_rate(examples, left, inserted)[1] == [("PLACE", "Lyngen")]


@pytest.mark.parametrize(
    ("text", "label", "surface"),
    [
        ("Vi hadde en mann på 87 som bodde alene.", "AGE", "87"),
        ("Ei dame på nitti ringte i går.", "AGE", "nitti"),
        ("Han har passert 90 nå.", "AGE", "90"),
        ("Hun er i 90-årsalderen.", "AGE", "i 90-årsalderen"),
        ("Hun er født -37, sier hun.", "DATE", "født -37"),
        ("Han er årgang 1941.", "DATE", "årgang 1941"),
        ("Hun bor oppe i Kirkegata, rett ved butikken.", "PLACE", "Kirkegata"),
        ("I Bakkeveien bor det mange eldre.", "PLACE", "Bakkeveien"),
    ],
)
def test_more_spoken_forms(text: str, label: str, surface: str) -> None:
    assert surface in _labelled(text, label)


@pytest.mark.parametrize(
    "text",
    [
        "Vi har en bruker på 40 timer i uka.",
        "Det var en pasient på 30 kilo.",
        "Det er en kommune på 5000 innbyggere.",
        "Hun har 20 vedtak på 10 timer.",
    ],
)
def test_person_of_amount_is_not_an_age(text: str) -> None:
    assert _labelled(text, "AGE") == []


def test_place_genitive_of_names_ending_in_s_and_short_lower_case_first_names() -> None:
    from workbench.deid import gazetteers

    found = {(s.text, s.label) for s in gazetteers.find_gazetteer("Røroses ordfører og kari og ola var der.")}
    assert ("Røroses", "PLACE") in found
    assert {("kari", "PERSON"), ("ola", "PERSON")} <= found
    # three-letter lower-case words that are common words stay untouched
    assert not gazetteers.find_gazetteer("det er to besøk per uke, og vi snakket om liv og helse")


def test_held_out_4_misses_and_their_negatives() -> None:
    """The misses of held-out 4 (run once, then used for tuning) and the false positive it showed."""
    text = ("Jeg har vært leder for tildelingskontoret siden august 2017. Og så har vi forskriften om "
            "langtidsopphold som kom i 2017 da lovendringen kom. Den yngste på avdelingen er bare 67, han "
            "har MS. Etter at kommunen sa nei, flyttet hun i 2016.")
    dates = _labelled(text, "DATE")
    assert "august 2017" in dates and "2016" in dates
    assert [d for d in dates if d == "2017"] == []  # the year of the regulation is not a personal date
    assert _labelled(text, "AGE") == ["67"]
    assert _labelled("Vi på kontoret er 12, og han i resepsjonen var 40 minutter forsinket.", "AGE") == []


def test_places_in_a_residence_context_and_hyphenated_lower_case_names() -> None:
    from workbench.deid import gazetteers

    text = "Han bor på Hodalen, og hun kommer fra Brekken. De bor i Norge, hun bor alene i Leiligheten."
    assert [s.text for s in gazetteers.find_residence_places(text)] == ["Hodalen", "Brekken"]
    names = {s.text for s in gazetteers.find_gazetteer("så snakka jeg med kari-anne i hjemmetjenesten")}
    assert "kari-anne" in names


@pytest.mark.parametrize(
    ("text", "label", "surface"),
    [
        ("Eg byrja her i 2015, før det var eg sjukepleiar.", "DATE", "2015"),
        ("Etter at mor døydde i desember, så har han berre sete.", "DATE", "desember"),
        ("Sidan hausten 2008. Då var det ho som var leiar.", "DATE", "hausten 2008"),
        ("Ho vart enkje i 2019 og flytta til byen.", "DATE", "2019"),
        ("Den eldste vi har no er hundre og to, og ho er klar i hovudet.", "AGE", "hundre og to"),
        ("Men kona hans, ho er berre seksti-fire, ho har fått Alzheimer.", "AGE", "seksti-fire"),
        ("Han var sytti år gammal då han vart enkjemann.", "AGE", "sytti år gammal"),
        ("Brukaren er no 93 og bur åleine.", "AGE", "93"),
    ],
)
def test_nynorsk_dates_and_ages(text: str, label: str, surface: str) -> None:
    assert surface in _labelled(text, label)


@pytest.mark.parametrize(
    "text",
    [
        "Kor mange brukarar har de i heimetenesta no? Vi er 14 tilsette.",
        "Samhandlingsreforma kom i 2012, og budsjettet for 2024 er stramt.",
        "Eg har jobba her i 20 år, og for ti år sidan var det annleis.",
        "Ho ringde 20 gonger i månaden, og vi var 12 på vakt.",
    ],
)
def test_nynorsk_negatives(text: str) -> None:
    assert [s for s in find_patterns(text) if s.label in ("AGE", "DATE")] == []


def test_nynorsk_function_words_are_not_names_and_titles_mark_surnames() -> None:
    text = ("Intervjuar: Kva skjedde så? Kor mange var de?\nInformant: Eg heiter Aslaug Tveiten. "
            "Sidan hausten 2008 har fastlegen hennar, dr. Lauvrak, skrive til Statsforvaltaren.")
    found = {(s.text, s.label) for s in detect(text)}
    assert ("Aslaug Tveiten", "PERSON") in found and ("Lauvrak", "PERSON") in found
    assert not {t for t, _ in found} & {"Kva", "Kor", "Eg heiter", "Eg", "Sidan", "Statsforvaltaren"}


@pytest.mark.parametrize(
    ("text", "label", "surface"),
    [
        ("på sykehjemmet sia tjuefemten trur æ", "DATE", "tjuefemten"),
        ("Han kom hit nittenåttifem, rett etter krigen i heimbygda.", "DATE", "nittenåttifem"),
        ("Ho flytta hit to tusen og tolv.", "DATE", "to tusen og tolv"),
        ("Han e åttisju og har butt der sidan juni, men han vil heim.", "DATE", "juni"),
        ("Ho fekk plass, det va rett før jul i 2019.", "DATE", "jul i 2019"),
        ("Men vi hadde ein mann frå Jelsa som berre var 63, med tidleg demens.", "AGE", "63"),
        ("Ei dame som er 88 og bur i Erfjord, ringjer kvar dag.", "AGE", "88"),
        ("Ho var 89 og han 93.", "AGE", "93"),
        ("Dei fleste som søkjer langtidsplass no, er i 90-åra.", "AGE", "i 90-åra"),
    ],
)
def test_spoken_years_personal_times_and_looser_age_contexts(text: str, label: str, surface: str) -> None:
    assert surface in _labelled(text, label)


@pytest.mark.parametrize(
    "text",
    [
        "Vi bruker IPLOS, og vi rapporterer til KOSTRA hvert år i februar.",
        "De ble revidert i 2023, og kommunestyret vedtok dem i desember.",
        "Jeg tror budsjettet for 2024 er stramt.",
        "ja æ har jobba i heimesykepleien i snart tjue år og det e jo sånn",
        "Vi er 24 ansatte, og de var 30 i fjor.",
        "Vi hadde en bruker som var 40 timer i uka hos oss.",
        "Det var i 80-årene at det startet.",
        "Han sa at budsjettet var 40 i fjor.",
    ],
)
def test_looser_rules_negatives(text: str) -> None:
    assert [s.text for s in find_patterns(text) if s.label in ("AGE", "DATE")] == []


def test_pronoun_names_lower_case_workplaces_and_villages() -> None:
    text = "ip: han kåre han e nittifire og vil ikkje flytt fra nordkjosbotn, han va på storsteinnes sykehjem"
    found = {(s.text, s.label) for s in detect(text, use_ner=False)}
    assert {("kåre", "PERSON"), ("nordkjosbotn", "PLACE"), ("storsteinnes sykehjem", "ORGANIZATION"),
            ("nittifire", "AGE")} <= found
    quiet = "hun bor på sykehjemmet nå, vi har et nytt sykehjem, og han flyttet til datteren i byen"
    assert detect(quiet, use_ner=False) == []


def test_unknown_capitalised_words_are_flagged_as_a_last_resort() -> None:
    from workbench.deid import gazetteers

    text = ("Han kom fra Drevja, og Tunheim ringte. Vi bruker KOSTRA-tallene, Facebook-sida og Gerica. "
            "Samhandlingsreformen kom. Kommunenes Sentralforbund sier noe annet.")
    found = {(s.text, s.label) for s in gazetteers.find_proper_nouns(text)}
    assert found == {("Drevja", "PLACE"), ("Tunheim", "PERSON")}
    # every other detector outranks the fallback
    spans = detect("Hun bor i Hjelmeland nå.", use_ner=False)
    assert [(s.text, s.detector) for s in spans] == [("Hjelmeland", "gazetteer")]


def test_held_out_7_misses_and_false_positives() -> None:
    """Held-out 7 (run once, then used for tuning): its misses are found, its false positives are not."""
    cases = [
        ("Berit var fødd i 1932, og ho vart 90 same sommaren som ho fekk plass.", "AGE", "90"),
        ("Vi har også en mann tidlig i sekstiårene med Parkinson.", "AGE", "tidlig i sekstiårene"),
        ("Ho fylte år 2. juledag, og då kom heile slekta.", "DATE", "2. juledag"),
    ]
    for text, label, surface in cases:
        assert surface in _labelled(text, label), text
    found = {(s.text, s.label) for s in detect(
        "Nilsen på sengeposten sa nei. ip: ho ingeborg kvisle bur på kvam, og jeg ringte til tufte i går",
        use_ner=False)}
    assert {("Nilsen", "PERSON"), ("ingeborg kvisle", "PERSON"), ("kvam", "PLACE"), ("tufte", "PERSON")} <= found
    quiet = ("Søknadsskjemaet ligg på nettet, men i søknaden stod det eit anna nummer. Det vart ei sak for Helfo. "
             "Han bror min er sjuk. Han var 40 i uke 13, og hun var 90 på lista.")
    assert [s.text for s in detect(quiet, use_ner=False, use_tagger=False)] == []


def test_held_out_8_misses_and_lower_case_fallback_only_in_lower_case_lines() -> None:
    cases = [
        ("Datteren mente at moren på 89 år hadde krav på langtidsplass.", "AGE", "89 år"),
        ("Æ va jo sjøl førti da æ begynte i hjemmesykepleien.", "AGE", "førti"),
        ("Eg var tjueein då eg byrja, så eg har sett det meste.", "AGE", "tjueein"),
    ]
    for text, label, surface in cases:
        assert surface in _labelled(text, label), text
    lower = ("så jeg snakket med bakkevold i stavern om det\n"
             "ja æ jobba på seida og så flytta æ te austertana\nho flytta inn på flåmsheimen i fjor")
    found = {(s.text, s.label) for s in detect(lower, use_ner=False)}
    assert {("bakkevold", "PERSON"), ("stavern", "PLACE"), ("seida", "PLACE"), ("austertana", "PLACE"),
            ("flåmsheimen", "ORGANIZATION")} <= found
    # in cased text a lower-case word after a preposition is a common word, not a name
    cased = "Hun lå på korridoren i tre døgn, og informasjonen ligger på nettsida. Han kom i tvang på måndag."
    assert detect(cased, use_ner=False) == []


def test_held_out_9_misses_and_false_positives() -> None:
    text = ("Far min, Kjell Fossum, fikk demensdiagnosen i 2017, og da var'n sekstiåtte.\n"
            "Æ va femtisju da æ måtte slutte i jobben. Det va i 2019.\n"
            "nei æ har jobba her sia nittiåtte og ho hjørdis ho bli hundre i sommar\n"
            "Vi har ein brukar, Tor Magne, 77, som bur heime. Det va den 3. i fyrste.\n"
            "æ snakka med ho sigrun på skei i går")
    found = {(s.text, s.label) for s in detect(text, use_ner=False)}
    assert {("sekstiåtte", "AGE"), ("2019", "DATE"), ("nittiåtte", "DATE"), ("hundre", "AGE"), ("77", "AGE"),
            ("den 3. i fyrste", "DATE"), ("skei", "PLACE")} <= found
    quiet = ("IP: Dag og natt er det same behovet. Bjørk, furu og gran står tett. Førre veke var travel.\n"
             "IP: Hun viste til forvaltningsloven og til en dom fra 2018. Han e sjuk og har ALS.")
    assert detect(quiet) == []


def test_held_out_10_misses_and_false_positives() -> None:
    text = ("Jeg klaget til kommunen og så videre til Statsforvalteren i mars 2023.\n"
            "IP: Hun Astrid va jo åtti år å bodde aleine ude på Høvåg.\n"
            "Mannen min låg på Sykehuset Innlandet Gjøvik i april 2022.\n"
            "Liv Bakken datt på badet den fjortande i femte.\n"
            "Æ vart fødd på Brekstad i sekstiåtte.\n"
            "Men i høst hadde vi ei på femtito me hjerneslag.\n"
            "så da hadde vi et møte med han fra sykehuset innlandet")
    found = {(s.text, s.label) for s in detect(text, use_ner=False)}
    assert {("mars 2023", "DATE"), ("åtti år", "AGE"), ("april 2022", "DATE"), ("den fjortande i femte", "DATE"),
            ("sekstiåtte", "DATE"), ("femtito", "AGE"), ("sykehuset innlandet", "ORGANIZATION")} <= found
    quiet = ("Reformen kom våren 2012. IP: Ring han på mobilen. Intervjuar: Hugsar du det?\n"
             "IP: Etter den dommen i Høyesterett fra 2020 er vi mer nøye. Skriftlege klager er få.")
    assert detect(quiet, use_tagger=False) == []


def test_held_out_11_misses_and_false_positives() -> None:
    text = ("ja så vi søkte om avlastning for gutten og fikk svar fra kommunen i juni 2023 han er fjorten nå\n"
            "IP: Mor mi fekk plass same dagen som ho fylt nittifæm. Den yngste brukeren er elleve og den eldste "
            "sekstisju. Vi hadde en mann fra Isfjorden, sekstifire, som kom hjem. Me fekk ein søknad frå ein gut "
            "på sytten. Hun er bare seks år. Han kom heim den tjuande i tiande.\n"
            "IP: Då va me tri på heile Ål. Før jeg kom til Kirkenes jobbet jeg i Namsos. Ho sa at Helgas søknad "
            "lå nederst. Helga e en 92-åring.\n"
            "eg snakka med ingebjørg rue om det ho meinte at hallingdal treng eit felles kontor")
    found = {(s.text, s.label) for s in detect(text, use_ner=False)}
    assert {("juni 2023", "DATE"), ("fjorten", "AGE"), ("nittifæm", "AGE"), ("elleve", "AGE"), ("sekstisju", "AGE"),
            ("sekstifire", "AGE"), ("sytten", "AGE"), ("seks år", "AGE"), ("den tjuande i tiande", "DATE"),
            ("Ål", "PLACE"), ("Kirkenes", "PLACE"), ("hallingdal", "PLACE")} <= found
    assert ("Helga", "PERSON") in found or any(t == "Helga" for t, _ in found)
    quiet = ("IP: Vår erfaring er god. Vi var ti på jobb, og hun ringte elleve ganger. Vi fikk det rettet via "
             "Folkeregisteret. Skreiv vi for lite, klaga pårørande.")
    assert detect(quiet) == []


def test_held_out_12_misses_and_false_positives() -> None:
    text = ("IP: Mora mi bodde på Gibostad heilt te ho døde, ho blei nittifir. Mor mi æ åtti og bur åleine.\n"
            "IP: Emil har autisme og er sju år. Han fikk plass i novemmer tjuetjuefir. Mannen hennar er i slutten "
            "tå åttiåra. Ho hadde venta sidan jol. Vi søkte då Tobias var fire, og fekk det seint. Den eine e "
            "tretten. Da Nora var tre måneder gammel, fikk vi vite det. Farsen min bodde der te'n blei nittiseks.\n"
            "IP: Nordlandssykehuset skrev henne ut. Kvamsheimen he kje plass no.\n"
            "æ har vøri her sea nittenåttifem\n"
            "så da snakket jeg med eriksen og han mente at hun kunne få plass etter nyttår")
    found = {(s.text, s.label) for s in detect(text, use_ner=False)}
    assert {("nittifir", "AGE"), ("åtti", "AGE"), ("sju år", "AGE"), ("novemmer tjuetjuefir", "DATE"),
            ("i slutten tå åttiåra", "AGE"), ("jol", "DATE"), ("fire", "AGE"), ("tretten", "AGE"),
            ("tre måneder gammel", "AGE"), ("nittiseks", "AGE"), ("Nordlandssykehuset", "ORGANIZATION"),
            ("Kvamsheimen", "ORGANIZATION"), ("nittenåttifem", "DATE"), ("eriksen", "PERSON"),
            ("nyttår", "DATE")} <= found
    quiet = "Vi var fire på jobb. Han var tre ganger innom. Det er to besøk per dag. Hun var to timer borte."
    assert detect(quiet, use_ner=False) == []
    from workbench.deid.detect import Detector, parse_known_lines

    registered = Detector(known=parse_known_lines(["municipality: Alta", "place: Plassen"]), use_ner=False)
    assert registered.detect("Vi har alt for lite folk. Han sto på plassen.") == []
    assert [s.text for s in registered.detect("ho bur på plassen no")] == ["plassen"]


def test_held_out_13_misses_and_false_positives() -> None:
    text = ("IP: Ho har bodd aleina sia far døde i tjueåtten. Han ble utskrevet til oss den tjuesjette.\n"
            "i det vi holdt på å skrive vedtaket så ringte kristiansen fra sykehuset og sa det\n"
            "IP: Brukarane våre er stort sett i åttiåra. Men klagen kom inn 28.9., så den var for sent ute.\n"
            "han va itj mer enn søtti da han fikk slag\n"
            "ho var fødd nittenhundreogtrettiåtte og hadde budd der heile livet\n"
            "IP: Mannen min fikk korttidsplass rett før jul. Det er tre soner: Kaupanger, Leikanger og Balestrand.")
    found = {(s.text, s.label) for s in detect(text, use_ner=False)}
    assert {("tjueåtten", "DATE"), ("den tjuesjette", "DATE"), ("kristiansen", "PERSON"), ("i åttiåra", "AGE"),
            ("28.9.", "DATE"), ("søtti", "AGE"), ("nittenhundreogtrettiåtte", "DATE"), ("jul", "DATE")} <= found
    assert any(t == "Kaupanger" for t, _ in found)
    quiet = "IP: Hans kone har Alzheimer, og ho har vore på dagtilbod. Per i dag er det 17. Ingen epikrise."
    assert detect(quiet, use_tagger=False) == []


def test_held_out_14_misses_and_false_positives() -> None:
    text = ("IP: Så datt'n i trappa julafta tjuetjueein. Den eldste er ei kvinne frå Hasund på 98. Det va ingen "
            "ledige før i septæmber. Så fekk ho slag sommaren tjueto. Ho flytta inn på nasjonaldagen.\n"
            "IP: Aino på avdelingen, hun er 93, og vi har bare én ansatt. Frå Høydalsmo til Dalen er det langt. "
            "Hun er pensjonert nå, sekstiåtte tror jeg.")
    found = {(s.text, s.label) for s in detect(text, use_ner=False)}
    assert {("julafta tjuetjueein", "DATE"), ("98", "AGE"), ("septæmber", "DATE"), ("sommaren tjueto", "DATE"),
            ("nasjonaldagen", "DATE"), ("Aino", "PERSON"), ("Dalen", "PLACE"), ("sekstiåtte", "AGE")} <= found
    quiet = ("IP: Så det er snart femten år. Vart det betre etter at Leve heile livet kom i 2018? "
             "Ho bur elles aleina. Fru Hansen sitt vedtak, hun klaga.")
    assert {s.text for s in detect(quiet, use_ner=False, use_tagger=False)} <= {"Hansen"}


def test_held_out_15_misses_and_false_positives() -> None:
    text = ("IP: Ho vart nittitre år i mai. Han e sjøttisyv år, han Torgeir.\nI: Kor gammal?\nIP: Ja, sjøttisyv.\n"
            "IP: Hain Åsmund på Nordfold, hain va nittien. Han kom hjem fra evakueringa i førtiseks. Hu va nittiførr.\n"
            "IP: han gunnar har tre og åtti år på baken. Æ he jobba der sia tjuetusenogfjorten. Han Leiv var hundre "
            "år i fjor sommar. Æ begynt å jobb i Namsos i åttiseks.")
    found = {(s.text, s.label) for s in detect(text, use_ner=False)}
    assert {("nittitre år", "AGE"), ("sjøttisyv år", "AGE"), ("sjøttisyv", "AGE"), ("nittien", "AGE"),
            ("førtiseks", "DATE"), ("nittiførr", "AGE"), ("tre og åtti år", "AGE"), ("tjuetusenogfjorten", "DATE"),
            ("hundre år", "AGE"), ("åttiseks", "DATE")} <= found
    quiet = ("Han har jobbet her i 20 år. Røde Kors og Sanitetsforeningen hjelper til. Mange kom fra Eritrea og "
             "Syria. Kordan ska vi klare det? Postkassa var full.")
    assert detect(quiet, use_ner=False) == []


def test_held_out_16_misses_and_false_positives() -> None:
    text = ("IP: Og så plutselig e dæm nitti og skal ha hjelp. Vedtaket er datert 3/10-23. Vi var begge tjuefem og "
            "visste ingenting. Han gjekk til sjøs som fjortenåring.")
    found = {(s.text, s.label) for s in detect(text, use_ner=False)}
    assert {("nitti", "AGE"), ("3/10-23", "DATE"), ("tjuefem", "AGE"), ("fjortenåring", "AGE")} <= found
    quiet = ("IP: Vi har 24 langtidsplasser. Av dem er to øremerket avlastning. Elles ringjer vi legevakta. "
             "Da var dem 25 stykker på møtet, og så var de 30 i fjor.")
    assert detect(quiet, use_tagger=False) == []


def test_held_out_17_misses_and_false_positives() -> None:
    text = ("IP: Vi klaget på vedtaket til Statsforvalteren i mars 2025 og fikk medhold i juni.\n"
            "IP: Jæ har jobba i hjemmetjenesten sia tjuefemten. Så datt ho i fjøsbakken i romjula.\n"
            "Informant: Besteforeldra mine var begge i nittiåra då dei søkte.\n"
            "ip vedtaket kom den tjuende oktober og da hadde mor ventet siden juli\n"
            "ip han har søkt om plass på strandaheimen to ganger")
    found = {(s.text, s.label) for s in detect(text, use_ner=False)}
    assert {("juni", "DATE"), ("tjuefemten", "DATE"), ("romjula", "DATE"), ("i nittiåra", "AGE"), ("juli", "DATE"),
            ("strandaheimen", "ORGANIZATION")} <= found
    quiet = ("Kommunen fikk varsel først den tiende dagen. IP: Tildelingskontoret, Legevakta og Hjemmetjenesten "
             "sitter i samme etasje. Raude Kross har språkkafé.\nip vi har mye å gjøre på sykehjemmet")
    assert detect(quiet, use_ner=False) == []


def test_held_out_18_and_19_misses_and_false_positives() -> None:
    text = ("IP: Ho fyllt åtti-sju no i august. Vi hadd venta sia sommarn 2019. Æ va leiar der ifrå 2011 til æ "
            "gikk av. Han Torvald va åttitvo. Sigrun mi va sytti da hu fikk diagnosen. Han far va født i Snartemo "
            "nittenhundreogtrettien.\nIP: Lærdalsøyri e jo ikkje stort.\n"
            "vi bor jo oppi tørdalen så det e langt te alt og vi ringte helgelandssykehuset")
    found = {(s.text, s.label) for s in detect(text, use_ner=False)}
    assert {("åtti-sju", "AGE"), ("sommarn 2019", "DATE"), ("2011", "DATE"), ("åttitvo", "AGE"), ("sytti", "AGE"),
            ("nittenhundreogtrettien", "DATE"), ("Lærdalsøyri", "PLACE"), ("tørdalen", "PLACE"),
            ("helgelandssykehuset", "ORGANIZATION")} <= found
    quiet = ("Klokka var nitten tretti. Vi har tjuefem brukere. Fagforbundet og Raude Krossen var der.\n"
             "ip han ligg på universitetssykehuset no og vi har mye å gjøre på sykehjemmet")
    assert detect(quiet, use_ner=False, use_tagger=False) == []


def test_held_out_21_misses_and_false_positives() -> None:
    text = ("IP: Me hadde ein kar som va åtteåtte. Je va sju-å-åtti og hadde ingen bil. Når du e åtteni kan du "
            "ikkje bu der. Ho mor, ho e åttisekse.\n"
            "ip: det er hilde som har vakttelefonen nummeret er nittifem seks fire null tre to en\n"
            "ip: jeg heter egentlig bjørn-åge og det var liv-torill som sa det")
    found = {(s.text, s.label) for s in detect(text, use_ner=False)}
    assert {("åtteåtte", "AGE"), ("sju-å-åtti", "AGE"), ("åtteni", "AGE"), ("åttisekse", "AGE"),
            ("nittifem seks fire null tre to en", "PHONE"), ("bjørn-åge", "PERSON"), ("liv-torill", "PERSON")} <= found
    quiet = "ip: han vil helst ikke ha oss der og vi har tre to fire brukere\nDet var en to tre ganger. Noreg er stort."
    assert detect(quiet, use_ner=False) == []


def test_held_out_20_misses_and_false_positives() -> None:
    text = ("IP: Den første pasienten var ein fiskar på åttifire frå Aukrasanden.\n"
            "IP: vi ringte legevakta og fastlegen er jo dr hoel han er bare der på tirsdager")
    found = {(s.text, s.label) for s in detect(text, use_ner=False)}
    assert {("åttifire", "AGE"), ("hoel", "PERSON")} <= found
    quiet = "IP: Det e langt tell sjukehuset. Sjukepleiarn vi hadde fra Filippinan reiste. Vi har ikkje eigen sjukeheim."
    assert detect(quiet, use_ner=False) == []


def test_held_out_22_misses_and_false_positives() -> None:
    text = ("IP: Vi søkte om fast plass, men vedtaket kom først i april. Da jeg ringte i sommerferien 2024, fikk "
            "jeg beskjed. Nummeret er nittifire, tjueåtte, femtiseks, null tre. Så kommer Heidi på 58. Mor fekk "
            "vedtak om langtidsplass fjorde januar.\nhjørdises datter ringte igjen og annbjørg ringte meg på "
            "mobilen nittisju tretti førtito elleve")
    found = {(s.text, s.label) for s in detect(text, use_ner=False)}
    assert {("april", "DATE"), ("sommerferien 2024", "DATE"), ("nittifire, tjueåtte, femtiseks, null tre", "PHONE"),
            ("58", "AGE"), ("fjorde januar", "DATE"), ("hjørdises", "PERSON"),
            ("nittisju tretti førtito elleve", "PHONE")} <= found
    quiet = "Det var tre fire fem ganger. Vi har tjue tretti førti brukere. Vi hadde mye å gjøre i januar."
    assert detect(quiet, use_ner=False, use_tagger=False) == []


def test_held_out_23_misses() -> None:
    text = "IP: Eg har vore her sia tjue-tolv. Kjell heter han. Fra Kragerø. Åttito år. Han har søkt."
    found = {(s.text, s.label) for s in detect(text, use_ner=False)}
    assert {("tjue-tolv", "DATE"), ("Åttito år", "AGE")} <= found
    assert [s for s in detect("Hvor lenge? Tjue år. Kor lenge har du jobba her? Seksti år.", use_ner=False)
            if s.label == "AGE"] == []
