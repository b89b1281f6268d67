"""Looser number rules, run after the precise ones: they catch the ages and years that a precise rule
misses because the sentence is phrased in a way no rule foresaw, at a lower confidence (0.4).

- ``loose_number_ages``: a number word from 18 to 115 ("nittitre", "over sytti", "tjuetre") in a sentence
  about a person, when nothing after it makes it a count, an amount or a time ("sytti brukere",
  "tjue prosent", "halv tjue"). Digits are left to the precise rules: written digits are mostly counts.
- ``loose_years``: a year from 1900 to 2049 in a sentence that names no reform, law, plan, report,
  statistic, budget or building ("han sto på venteliste i hele 2024", "det var i 1996").
- ``age_lists``: a number right after an age found by another rule, in a list or a range ("dei er
  sekstiseks, sekstisju", "åttifem eller åttiseks").

All three were written against the misses of held-out sets 21–25 and measured on every gold set for the
false positives they add (docs/benchmarks.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from workbench.deid import lexicon
from workbench.deid.gazetteers import SPEAKER_LABEL_RE
from workbench.deid.patterns.ages import _PERSONAL_SENTENCE_RE, _line_around
from workbench.deid.patterns.ages import _sentence_around as _sentence
from workbench.deid.patterns.dates import _HOLIDAY_DAY_RE
from workbench.deid.patterns.numbers import (
    _DIALECT_MONTHS,
    _NUMWORD,
    _NUMWORD_CORE,
    _SPOKEN_YEAR,
    _TENS_RX,
    _UNITS_RX,
    MONTHS,
    age_value,
    year_value,
)
from workbench.deid.spans import Span

# --- ages ---------------------------------------------------------------------------------------------
_NUMWORD_RE = re.compile(rf"(?<![\w-]){_NUMWORD}", re.IGNORECASE)
_PERSON_IN_SENTENCE = re.compile(
    r"\b(?:han|hun|hen|ho|hu|jeg|eg|æ|je|jæ|begge|mor|far|mora|moren|faren|mamma|pappa|"
    r"kona|mannen|kone|mann|dama|dame|kvinne|kvinna|kar|karen|pasient\w*|bruker\w*|brukar\w*|beboer\w*|bebuar\w*|"
    r"bestemor|bestefar|oldemor|oldefar|tante|onkel|nabo\w*|granne\w*|søster\w*|syster\w*|bror\w*|sønn\w*|son\w*|"
    r"dotter\w*|datter\w*|dattera|enke\w*|enkje\w*|svigermor|svigerfar|mormor|morfar|farmor|farfar|"
    r"naboen|sambuar\w*|samboer\w*|ektefelle\w*|ektemann\w*|tante\w*|onkel\w*|den\s(?:som|eldste|yngste)|"
    r"(?:^|,\s|og\s)ei\s(?:e|er|va|var))\b",
    re.IGNORECASE,
)
# what before a number makes it a time, an amount, a count or a rank
_NOT_AGE_BEFORE = re.compile(
    r"(?:\b(?:klokka|klokken|kl\.?|halv|kvart|over|på|nummer|nr\.?|rom|side|kapittel|paragraf|§|uke|uka|veke|"
    r"veka|buss|linje|bussen|rute|ruta|sone|kode|post|punkt|de|dei|alle|av|med|for|i|ca\.?|cirka|omtrent|rundt|"
    r"kring|bortimot|opptil|inntil|minst|maks|maksimalt|mellom|fra|frå|til|og|eller|hver|kvar|per|pr\.?|"
    r"første|siste|tusen)\s$)",
    re.IGNORECASE,
)
# "over"/"under"/"rundt" before an age are fine after a copula ("begge var over nitti", "måtte vere under sytti")
_COPULA_ADV_BEFORE = re.compile(
    r"\b(?:er|var|e|va|vart|blir|ble|blei|bli|vere|være|vera|bli|fyller|fylte)(?:\s(?:jo|vel|nok|no|nå|da|då|"
    r"snart|nesten|godt|langt|litt|alle|begge))?\s(?:over|under|rundt|kring|nesten|snart|godt\sover|oppunder)\s$",
    re.IGNORECASE,
)
_TIME_OR_UNIT_AFTER = re.compile(
    r"\s?(?:[.,]\d|-\d|%|prosent|promille|kroner|kr\b|tusen|millioner|mill\b|over\s|på\s(?:\d|ett|ei|to|tre|fire|"
    r"fem|seks|sju|åtte|ni|ti)\b|minutt|time|timar|timer|sekund|dag|døgn|uke|uker|veke|veker|måned|månad|kvarter|"
    r"år\s(?:siden|sia|sidan|tilbake|seinare|senere|etter|før|fram|frem|til|på\b|i\s(?:kommunen|jobben|stillinga|"
    r"stillingen|tenesta|tjenesten|yrket|faget)))",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"\s([^\W\d_]+)")


# the number must be what a person is: "han er nittitre", "begge var over nitti", "ung da jeg begynte, tjuetre"
_AGE_VERB_BEFORE = re.compile(
    r"(?:\b(?:er|var|e|va|vart|blir|ble|blei|bli|vere|være|vera|fyller|fylte|fylle|runder|rundet|rundar)"
    r"(?:\s(?:jo|vel|nok|no|nå|da|då|snart|nesten|godt|langt|litt|bare|berre|alle|begge|ikkje|ikke|itj|itte|"
    r"kanskje|sikkert|trolig|truleg|ca\.?|cirka|omtrent|"
    r"over|under|rundt|kring|oppunder|akkurat|enda|ennå|fortsatt|framleis)){0,2}|"
    r"\b(?:jeg|eg|æ|je|han|hun|ho|hu)\s(?:\w+\s){0,3}\w+,)\s$",
    re.IGNORECASE,
)
# not one person's age: averages, thresholds, generic "man"/"du", most of a group
_GROUP_WORDS = (r"fleste|flesteparten|gjennomsnitt\w*|snitt|snittet|alder|alderen|aldersgrense\w*|grense\w*|folk|"
                r"mange|alle|ingen|noen|nokon|kor\smange|hvor\smange|yngre\senn|eldre\senn|innbygg\w*|tilsette|"
                r"ansatte|plasser|plassar|plassa|brukere|brukarar|søknader|søknadar|saker|saka|senger|rom")
_GENERIC_AGE_SENTENCE = re.compile(rf"\b(?:{_GROUP_WORDS}|man|ein|en|du|dæ|deg|over\s\w+\sår)\b", re.IGNORECASE)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does ``start``–``end`` overlap a span another rule already took?"""
    return any(a < end and start < b for a, b in taken)


def loose_number_ages(text: str, taken: Iterable[tuple[int, int]]) -> Iterator[Span]:
    taken = list(taken)
    for m in _NUMWORD_RE.finditer(text):
        start, end = m.start(), m.end()
        if _overlaps(taken, start, end):
            continue
        age = age_value(m.group(0))
        if age is None or not 18 <= age <= 115 or age == 100 or year_value(m.group(0)) is not None and age < 20:
            continue
        before = text[max(0, start - 40):start]
        if not _AGE_VERB_BEFORE.search(before) or (_NOT_AGE_BEFORE.search(before)
                                                   and not _COPULA_ADV_BEFORE.search(before)):
            continue
        if _TIME_OR_UNIT_AFTER.match(text, end) or re.match(r"\s?år\b", text[end:end + 4]):
            continue  # "N år" is the precise rules' business (and mostly a duration)
        nxt = _NEXT_WORD.match(text, end)
        if nxt and "n" in lexicon.load().get(nxt.group(1).lower(), "") and nxt.group(1).lower() not in _FUNCTION:
            continue  # a count: "nitti søknader", "tjueåtte plasser"
        a, b = _sentence(text, start, end)
        if not _PERSON_IN_SENTENCE.search(text, a, b) or _GENERIC_AGE_SENTENCE.search(text, a, b):
            continue
        yield Span(start, end, "AGE", text[start:end], "pattern", 0.4, details={"age": age, "bare": True,
                                                                                 "loose": True})


# what before a number word makes it a clock time, a rank, a count of something named before, or a sum
_BROAD_NOT_BEFORE = re.compile(
    r"\b(?:klokka|klokken|kl\.?|halv|kvart|nummer|nr\.?|rom|side|sida|kapittel|paragraf|§|uke|uka|veke|veka|"
    r"buss|bussen|linje|rute|ruta|sone|kode|post|punkt|tusen|hundre|millioner|kroner|kr|av|per|pr\.?|"
    r"første|siste|mellom|fra|frå|til|te|i|om|etter|på\slista|plass|plassar|plasser|seng|senger|"
    r"minst|maks|maksimalt|opptil|inntil|bortimot|gange|ganger|gonger|minus|pluss|omlag|"
    r"cirka|ca\.?|nærmare|nærmere)\s$",
    re.IGNORECASE,
)
# a group, an average or a count (the broad rule keeps "man"/"ein"/"du": "når man er 93" is an age)
_BROAD_GENERIC = re.compile(rf"\b(?:{_GROUP_WORDS}|snittalder\w*)\b", re.IGNORECASE)
_HYPHEN_PART = re.compile(r"-[^\W\d_]+")
_BROAD_FOLLOW = frozenset("og å da då nå no snart men så eller trur tror trø vel jo altså i år gammel gamal gammal "
                          "sjøl sjølv selv ja nei".split())
_BROAD_PERSON_LINE = re.compile(
    r"\b(?:han|hun|hen|ho|hu|hon|hæn|jeg|eg|æ|je|jæ|mor|far|mora|moren|faren|mamma|pappa|kona|mannen|"
    r"bestemor|bestefar|svigermor|svigerfar|tante|onkel|dama|dame|kone|mann|kar|enke|enkje|enkemann|"
    r"pasienten|brukeren|brukaren|beboeren|bebuaren|søster|syster|bror|broren|sønnen|sonen|dottera|datteren)\b",
    re.IGNORECASE,
)


def broad_number_ages(text: str, taken: Iterable[tuple[int, int]]) -> Iterator[Span]:
    """The widest net, for number words the other rules leave: a number word from 18 to 115 in an
    utterance (line) about a person, when nothing before makes it a time, a rank or a sum and nothing
    after makes it a count, an amount, a duration or a year ("mora di på nitti", "dæm som e nitti",
    "han fa'r hass va' åttiseks", "e va sjuogtjue då e begynte"). Digits are left alone: written digits
    are mostly counts. Confidence 0.3: the reviewer decides."""
    taken = list(taken)
    for m in _NUMWORD_RE.finditer(text):
        start, end = m.start(), m.end()
        if _overlaps(taken, start, end):
            continue
        word = m.group(0)
        age = age_value(word)
        if age is None or not 18 <= age <= 115 or age == 100 or " " in word and not re.search(r"\s(?:og|å)\s", word):
            continue
        if year_value(word) is not None and age < 30:
            continue  # "tjuetre" may be 2023
        if _BROAD_NOT_BEFORE.search(text, max(0, start - 20), start) and not _COPULA_ADV_BEFORE.search(
                text, max(0, start - 40), start):
            continue
        if _TIME_OR_UNIT_AFTER.match(text, end) or re.match(r"\s?(?:år|åra|åran|år)\b(?!\s(?:gammel|gamal|gammal))",
                                                             text[end:end + 10]):
            continue
        if re.match(r"[-–]\w|\s?[,.]\d|\s(?:til|te|eller|og|å)\s(?:\d|" + _NUMWORD_CORE + ")", text[end:end + 30],
                    re.IGNORECASE) and not re.match(r"\s(?:eller|og|å)\s", text[end:end + 8]):
            continue
        nxt = _NEXT_WORD.match(text, end)
        if nxt and nxt.group(1).lower() not in _BROAD_FOLLOW:
            continue  # an age ends its phrase; "tjueseks bebuarar", "tjue plassa" are counts
        a, b = _line_around(text, start, end)
        if not _BROAD_PERSON_LINE.search(text, a, b):
            continue
        sa, sb = _sentence(text, start, end)
        around = _HYPHEN_PART.sub("", text[sa:start] + " " + text[end:sb])  # ("nitti-en" holds no "en")
        if _BROAD_GENERIC.search(around):
            continue  # "dei fleste er over åtti", "snittalderen er åttisju"
        question = text[text.rfind("\n", 0, max(0, a - 1)) + 1:max(0, a - 1)]
        if re.search(r"\b(?:mange|snitt|gjennomsnitt\w*|snittalder\w*)\b", question, re.IGNORECASE):
            continue  # the answer to "kor mange …?" is a count
        if re.search(r"\b(?:født|fødd)\b", text[sa:start], re.IGNORECASE):
            year = 1900 + age if age >= 30 else 2000 + age  # "født tredje i fjerde førtisju"
            yield Span(start, end, "DATE", word, "pattern", 0.3, details={"year": year, "year_only": True,
                                                                          "loose": True, "broad": True})
            continue
        yield Span(start, end, "AGE", word, "pattern", 0.3, details={"age": age, "bare": True, "loose": True,
                                                                     "broad": True})


_FUNCTION = frozenset("i jo å vel ikke ikkje hun og da nå no så men eller som det den de dei at om på til for med "
                      "av fra frå te hos ved før etter enda ennå no au òg også snart nei næi ja jau".split())


_LIST_NEXT = re.compile(rf"(?:,\s|\s(?:eller|og|elle|å)\s|-|–|[,.]?\s(?:nei|næi|eh|æh|unnskyld|nei\svent|eller\snei)[,.]?\s)"
                        rf"(?P<age>\d{{2,3}}\b|{_NUMWORD})", re.IGNORECASE)


def age_lists(text: str, ages: Iterable[Span]) -> Iterator[Span]:
    for span in ages:
        m = _LIST_NEXT.match(text, span.end)
        if m is None:
            continue
        age = age_value(m.group("age"))
        if age is None or not 2 <= age <= 115 or abs(age - (span.details.get("age") or age)) > 10:
            continue
        if _TIME_OR_UNIT_AFTER.match(text, m.end("age")):
            continue
        yield Span(m.start("age"), m.end("age"), "AGE", m.group("age"), "pattern", 0.5,
                   details={"age": age, "bare": True, "loose": True})


# --- years --------------------------------------------------------------------------------------------
_YEAR_RE = re.compile(rf"(?<![\w.,/-])(?:(?:19\d|20[0-4])\d(?![\w.,/]\d|\d|\s?(?:kr\b|kroner|mill|prosent|%))|"
                      rf"{_SPOKEN_YEAR})", re.IGNORECASE)
_NON_PERSON_CONTEXT = re.compile(
    r"\b(?:\w*reform\w*|leve\sheile\slivet|leve\shele\slivet|lov|loven|lova|\w+loven|\w+lova|lovendring\w*|forskrift\w*|budsjett\w*|statistikk\w*|"
    r"kostra\w*|iplos\w*|ssb|tal|tala|tall|tallene|talet|tallet|rapport\w*|evaluering\w*|undersøking\w*|"
    r"undersøkelse\w*|\w*sammenslåing\w*|\w*samanslåing\w*|kommunestyre\w*|bystyre\w*|formannskap\w*|"
    r"storting\w*|regjering\w*|plan|planen|\w+planen|\w+plan|strategi\w*|melding\w*|nou|utredning\w*|"
    r"utgreiing\w*|dom|dommen|domen|høgsterett|høyesterett|tilskudd\w*|tilskot\w*|innbyggere|innbyggjarar|"
    r"bygd|bygde|bygget|bygt|bygga|bygde|bygging\w*|opna|opnet|åpnet|åpna|åpning\w*|opning\w*|lagt\sned|la\sned|"
    r"nedlagt|nedlegging\w*|etablert|etablerte|oppretta|opprettet|opprettet|slått\s(?:sammen|saman)|"
    r"innført|innførte|innføring\w*|vedtatt|vedteke|vedtok|pandemi\w*|korona\w*|covid\w*|"
    r"kontrakt\w*|anbud\w*|avtale\w*|prosjekt\w*|ordning\w*|pilot\w*|forsøk\w*|valg|valget|val|valet|"
    r"modell\w*|system\w*|organisering\w*|omorganisering\w*|sykehjemmet|sjukeheimen|skolen|skulen|"
    r"veileder\w*|rettleiar\w*|rettssak\w*|saksbehandlingstid\w*|liggetid\w*|ventetid\w*|snitt|snittet|"
    r"gjennomsnitt\w*|bygg|bygget|bygning\w*|regl\w*|regler|kvartal\w*|endring\w*|revidert|oppdatert|"
    r"ferdig\w*|klare|kommunen|kommuna|fylket|staten|millioner|million|kroner|retningslinje\w*|kriteri\w*)\b",
    re.IGNORECASE,
)


def loose_years(text: str, taken: Iterable[tuple[int, int]]) -> Iterator[Span]:
    taken = list(taken)
    for m in _YEAR_RE.finditer(text):
        start, end = m.start(), m.end()
        if _overlaps(taken, start, end):
            continue
        year = year_value(m.group(0).replace(" ", "").lower()) if not m.group(0).isdigit() else int(m.group(0))
        if year is None:
            year = year_value(m.group(0))
        if year is None or not 1900 <= year <= 2049 or (not m.group(0).isdigit() and " " in m.group(0)):
            continue  # ("vi har tjue tretti førti brukere": spaced number words are counts)
        a, b = _sentence(text, start, end)
        if _NON_PERSON_CONTEXT.search(text, a, b) or not _PERSON_IN_SENTENCE.search(text, a, b):
            continue
        yield Span(start, end, "DATE", m.group(0), "pattern", 0.4,
                   details={"year": year, "month": None, "year_only": True, "loose": True})


# a month name or a digit year left by every other rule, in an utterance about a person that names no reform,
# law, plan, report, budget …: "og no e det oktober", "Eg ringde til tildelinga heile februar"
_MONTH_OR_YEAR_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join((*MONTHS, *_DIALECT_MONTHS)) + r")(?![\w-])"
    r"|(?<![\w.,/-])(?:19\d\d|20[0-4]\d)(?![\w.,/]\d|\d|\s?(?:kr\b|kroner|mill|prosent|%))",
    re.IGNORECASE,
)


def loose_line_dates(text: str, taken: Iterable[tuple[int, int]]) -> Iterator[Span]:
    """The last net for dates (confidence 0.3). Measured on all 80 gold sets before it was switched on:
    19 identifiers, 2 other words."""
    taken = list(taken)
    for m in _MONTH_OR_YEAR_RE.finditer(text):
        start, end = m.start(), m.end()
        if _overlaps(taken, start, end):
            continue
        a, b = _line_around(text, start, end)
        if not _PERSONAL_SENTENCE_RE.search(text, a, b) or _NON_PERSON_CONTEXT.search(text, a, b):
            continue
        yield Span(start, end, "DATE", m.group(0), "pattern", 0.3, details={"loose": True, "line": True})


# the answer to a question about someone's age: "Hvor gammel var hun da?" / "IP: Åttien."; "så hun er" /
# "IP: nitti og tre ja"
_AGE_QUESTION_RE = re.compile(
    r"(?:\b(?:hvor|kor|ka)\s(?:gammel|gamal|gammal|gamle|gamalt|gammelt)\b|\balder(?:en)?\b.*\?|"
    r"\b(?:han|hun|ho|hu|hen|du|dere|dokker)\s(?:er|e|var|va|blir|vart)\s*(?:\.\.\.|…)?\s*\??\s*$)",
    re.IGNORECASE,
)
_GROUP_QUESTION_RE = re.compile(r"\b(?:snitt|gjennomsnitt\w*|snittalder\w*|fleste|brukarane|brukerne|bebuarane|"
                                r"beboerne|pasientane|pasientene|dei\ssom|de\ssom|dykkar|deres)\b", re.IGNORECASE)
_ANSWER_RE = re.compile(
    rf"^(?:\s*[\w .-]{{1,40}}:\s)?(?:(?:ja|nei|næi|eh|æh|hm|tja|altså|vel|da|snart|nesten)[,.]?\s)?"
    rf"(?P<age>(?:{_NUMWORD_CORE})(?:\s(?:og|å)\s(?:{_NUMWORD_CORE}|en|ein|to|tre|fire|fem|seks|sju|syv|åtte|ni))?"
    rf"|\d{{2,3}}|(?:tolv|tretten|fjorten|femten|seksten|sytten|atten|nitten)(?=\s?år))"
    rf"(?P<years>\s?år(?:\sgammel|\sgamal|\sgammal)?)?(?=[\s.,!?]|$)",
    re.IGNORECASE,
)


def _question_answer_pairs(text: str) -> Iterator[tuple[str, int, str]]:
    """(line, start of the next line, next line) for every two consecutive non-empty lines."""
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]*", text)]
    lines = [(a, line) for a, line in lines if line.strip()]
    for (_, question), (start, answer) in zip(lines, lines[1:], strict=False):
        yield question, start, answer


def answer_ages(text: str, taken: Iterable[tuple[int, int]]) -> Iterator[Span]:
    taken = list(taken)
    for question, start, answer in _question_answer_pairs(text):
        if not _AGE_QUESTION_RE.search(question) or _GROUP_QUESTION_RE.search(question):
            continue
        m = _ANSWER_RE.match(answer)
        if m is None:
            continue
        value = age_value(m.group("age").split()[0])
        if m.group("age").split()[-1] != m.group("age").split()[0]:  # "nitti og tre"
            value = (value or 0) + (age_value(m.group("age").split()[-1]) or 0)
        if value is None or not 2 <= value <= 115:
            continue
        a, b = start + m.start("age"), start + m.end("years" if m.group("years") else "age")
        if _overlaps(taken, a, b):
            continue
        yield Span(a, b, "AGE", text[a:b], "pattern", 0.6, details={"age": value, "bare": True, "loose": True})


# the answer to a question about when something happened: "Hvilken dato kom han hjem?" / "IP: 11/3.";
# "Og hvor lenge er det siden?" / "IP: Det var i 1996."
_WHEN_QUESTION_RE = re.compile(
    r"\b(?:når|hvilket\sår|hvilken\sdato|hvilken\sdag|kva\sår|kva\sdato|kva\sdag|ka\sår|ka\sdato|"
    r"ka\stid|kor\stid|kortid|katid|hvor\slenge|kor\slenge|ko\slenge|når\stid|født|fødd)\b.*\?\s*$",
    re.IGNORECASE,
)
_WHEN_ANSWER_RE = re.compile(
    rf"(?<![\w/.-])(?P<when>(?:19\d\d|20[0-4]\d)(?![\w-])|{_SPOKEN_YEAR}|(?<=\bi\s)(?:{_TENS_RX}){_UNITS_RX}?(?![\w-])|"
    r"(?:[1-9]|[12]\d|3[01])[/.](?:[1-9]|1[0-2])\.?(?![\d/]))",
    re.IGNORECASE,
)


def answer_dates(text: str, taken: Iterable[tuple[int, int]]) -> Iterator[Span]:
    """A year or a day/month in the first sentence of the answer to a "when" question."""
    taken = list(taken)
    for question, start, answer in _question_answer_pairs(text):
        if not _WHEN_QUESTION_RE.search(question):
            continue
        speaker = SPEAKER_LABEL_RE.match(answer)
        label = speaker.end() if speaker else 0
        first = re.search(r"[.!?](?:\s|$)", answer[label:])
        stop = label + (first.end() if first else len(answer) - label)
        if label < len(answer) and stop - label < 4:  # "11/3. Det står …": the sentence is the date
            second = re.search(r"[.!?](?:\s|$)", answer[stop:])
            stop = stop + (second.end() if second else len(answer) - stop)
        for m in (*_WHEN_ANSWER_RE.finditer(answer, label, stop), *_HOLIDAY_DAY_RE.finditer(answer, label, stop)):
            grp = "when" if "when" in m.re.groupindex else 0
            a, b = start + m.start(grp), start + m.end(grp)
            if _overlaps(taken, a, b) or _NON_PERSON_CONTEXT.search(answer, label, stop):
                continue
            yield Span(a, b, "DATE", text[a:b], "pattern", 0.5, details={"loose": True, "answer": True})


def _group_ages(m: re.Match[str], groups: Iterable[str], taken: list[tuple[int, int]]) -> Iterator[Span]:
    """A loose AGE span (confidence 0.5) for each named group of ``m`` that holds an age 18–115 no other rule took."""
    for grp in groups:
        value = age_value(m.group(grp))
        a, b = m.start(grp), m.end(grp)
        if value is not None and 18 <= value <= 115 and not _overlaps(taken, a, b):
            yield Span(a, b, "AGE", m.group(grp), "pattern", 0.5, details={"age": value, "bare": True, "loose": True})


# "tvillingar, begge nittiseks"; a record's comma-bounded age: "Bruker: …, fnr. …, 85 år, enslig"
_BOTH_AGE_RE = re.compile(
    rf"\bbegge(?:\s(?:er|var|e|va|to))?\s(?P<age>\d{{2,3}}|{_NUMWORD_CORE})(?:\s?år)?(?![\w-])(?=\s*[.,;!?]|\s*$|\s(?:og|men)\b)"
    r"|(?<=,\s)(?P<rec>\d{2,3}\s?år)(?=,\s)"
    rf"|\b(?:henholdsvis|høvesvis)\s(?P<resp>\d{{2,3}}|{_NUMWORD_CORE})(?:\s?år)?(?=\s(?:og|å)\s(?P<resp2>\d{{2,3}}|{_NUMWORD_CORE})(?![\w-]))",
    re.IGNORECASE | re.MULTILINE,
)


def both_and_record_ages(text: str, taken: Iterable[tuple[int, int]]) -> Iterator[Span]:
    taken = list(taken)
    for m in _BOTH_AGE_RE.finditer(text):
        groups = [g for g in ("age", "rec", "resp", "resp2") if m.group(g)]
        if groups[0] == "rec" and re.search(r"\b(?:i|på|for|etter|om)\s$", text[max(0, m.start() - 30):m.start() - 2]):
            continue
        yield from _group_ages(m, groups, taken)  # "henholdsvis 89 og 84": both


# a couple's ages without a verb: "han fem og åtti og hun 82", "ho 91, han 88"
_PAIR_AGES_RE = re.compile(
    rf"\b(?:han|hun|ho|hu|hen)\s(?P<a>\d{{2,3}}|{_NUMWORD_CORE})(?:\s?år)?(?:,|\sog|\så)\s(?:han|hun|ho|hu|hen)\s"
    rf"(?P<b>\d{{2,3}}|{_NUMWORD_CORE})(?:\s?år)?(?![\w-])(?=\s*[.,;!?]|\s*$|\s(?:og|men|då|da|så)\b)",
    re.IGNORECASE | re.MULTILINE,
)


def pair_ages(text: str, taken: Iterable[tuple[int, int]]) -> Iterator[Span]:
    taken = list(taken)
    for m in _PAIR_AGES_RE.finditer(text):
        values = [age_value(m.group(g)) for g in ("a", "b")]
        if any(v is None or not 18 <= v <= 115 for v in values):
            continue
        yield from _group_ages(m, ("a", "b"), taken)


# a group's age range: "beboerne er mellom sekstisju og nittitre år"
_AGE_RANGE_RE = re.compile(
    rf"\b(?:er|var|e|va)\s(?:\w+\s)?mellom\s(?P<a>\d{{2,3}}|{_NUMWORD_CORE})\s(?:og|å)\s(?P<b>\d{{2,3}}|{_NUMWORD_CORE})"
    r"(?:\s?år)?(?![\w-])",
    re.IGNORECASE,
)


def age_ranges(text: str) -> Iterator[Span]:
    for m in _AGE_RANGE_RE.finditer(text):
        a, b = age_value(m.group("a")), age_value(m.group("b"))
        if a is None or b is None or not (18 <= a < b <= 115) or b < 50:
            continue
        if _TIME_OR_UNIT_AFTER.match(text, m.end()):
            continue
        for g in ("a", "b"):
            yield Span(m.start(g), m.end(g), "AGE", m.group(g), "pattern", 0.5,
                       details={"age": age_value(m.group(g)), "bare": True, "loose": True})
