"""Date patterns: numeric and written dates, holidays, birth years, bare years and months of personal
events (``find_years``), personal times after a preposition, and the check that a clause is about
a reform, law or plan rather than a person."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.deid.patterns.ages import _PERSONAL_SENTENCE_RE, _line_around, _sentence_around
from workbench.deid.patterns.numbers import (
    _DIALECT_MONTHS,
    _L,
    _MONTH_FULL_OR_ABBR,
    _MONTH_RE,
    _ORDINALS,
    _SPOKEN_YEAR,
    _TENS_RX,
    _UNITS_RX,
    _WORD_START,
    _YEAR,
    _YEAR_TAIL_RX,
    MONTHS,
    NUMBER_WORDS,
    year_value,
)
from workbench.deid.spans import Span

# --- dates --------------------------------------------------------------------------------------------
_DATE_NUM_RE = re.compile(r"(?<![\d.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[.,/-]\d)")
_DATE_ISO_RE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
# spoken cardinal days ("inne att elleve juni", "tjueen mars"): how people read a date aloud
_DAY_CARDINALS = ("ein|en|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|"
                  "atten|nitten|tjue|tjueen|tjueein|tjueto|tjuetre|tjuefire|tjuefem|tjueseks|tjuesju|tjueåtte|tjueni|"
                  "tretti|trettien|trettiein")
_DATE_WORD_RE = re.compile(
    rf"(?<![\w.])(?:(?:(?:man|tirs|ons|tors|fre|lør|søn)dag(?:en)?\s)?(?:den\s)?"
    rf"(?:\d{{1,2}}\.?|{'|'.join(_ORDINALS)}|{_DAY_CARDINALS})\s{_MONTH_RE}(?:\s\d{{4}})?)(?![\w])",
    re.IGNORECASE,
)
# a birth date read out with spaces: "født 01 11 36"
_BORN_SPACED_RE = re.compile(r"\b(?:født|fødd|f\.)\s(?:den\s)?(?P<date>\d{2}\s\d{2}\s(?:\d{2}|\d{4}))(?!\d)",
                             re.IGNORECASE)
_BORN_YEAR_RE = re.compile(
    r"\b(?:(?:født|fødd|f\.)\s(?:i\s)?(?:(?:19|20)\d{2}|['-]\d{2})|(?:årgang|fødselsår|fødselsåret)\s(?:19|20)\d{2}"
    r"|(?:født|fødd)\si\s\d{2})(?!\d|[.,]\d)",
    re.IGNORECASE,
)
_LAW_AFTER = re.compile(r"\s*nr\.?\s*\d", re.IGNORECASE)
# --- years in date-like contexts ----------------------------------------------------------------------
# A bare year is an identifier when it dates an event in someone's life ("han sluttet i 2019",
# "flyttet hit våren 2015", "jobbet her siden 2011", "i mars 2019"); years of reforms, laws,
# reports, budgets and statistics are not ("samhandlingsreformen i 2012", "KOSTRA 2022").
_EVENT_VERBS = (
    r"sluttet|slutta|sluttа|begynte|begynt|startet|starta|flyttet|flytta|flytte|kom|døde|dødde|gikk\sbort|"
    r"søkte|søkt|søkjer|søkte\som|ringte|ringde|"
    r"gikk\sav|giftet|gifta|skilte|skilt|pensjonerte|pensjonert|ansatt|ansatte|innlagt|operert|utskrevet|"
    r"skrevet\sut|overtok|tiltrådte|mistet|mista|falt|datt|brakk|fødte|fikk\s(?:diagnosen|demens|slag|"
    r"hjerneslag|plass|jobb|jobben|stillingen|vedtak|beskjed|kreft|hjerteinfarkt|barn)|ble\s(?:ansatt|syk|"
    r"pensjonist|enke|enkemann|uføretrygdet|ufør|innlagt|operert|diagnostisert|født|skilt|gift|sykmeldt|"
    r"leder|sjef|enhetsleder)|var\s(?:ferdig|utdannet)|utdannet|uteksaminert|tok\s(?:over|utdanning)|"
    # Nynorsk and dialect forms
    r"byrja|byrjet|begynt|døydde|døydd|gifta\sseg|gifte\sseg|skilde\sseg|mista|braut|fødde|tilsett|"
    r"innlagd|innlagt|skriven\sut|utskriven|utdanna|fekk\s(?:diagnosen|demens|slag|hjerneslag|hjarneslag|plass|"
    r"jobb|jobben|stillinga|vedtak|beskjed|kreft|hjarteinfarkt|barn|medhold|svar|avslag)|"
    r"fikk\s(?:medhold|svar|avslag)|klaget|klaga|vart\s(?:tilsett|sjuk|pensjonist|enkje|"
    r"enkjemann|enke|enkemann|uføretrygda|ufør|innlagd|innlagt|operert|diagnostisert|fødd|skild|gift|sjukmeld|"
    r"leiar|sjef|einingsleiar)|blei\s(?:ansatt|syk|sjuk|pensjonist|enke|enkemann|innlagt|operert|leder)"
)
_SEASON = (r"(?:påskå|påsko|jolo|sommar|våren|vår|sommeren|sommer|sommaren|sommarn|sommern|somran|valentinsdagen|morsdagen|farsdagen|høsten|høst|hausten|haust|vinteren|vintern|vinter|"
           r"julen|jula|jul|"
           r"julaften|julafta|julaftan|nyttårsaften|påskeaften|sankthans|nasjonaldagen|"
           r"pinsen|pinsa|pinse|pinseaften|pinsehelga|pinsehelgen|kristi\shimmelfart|"
           r"påsken|påska|påske|nyttår|nyttåret|årsskiftet|sommerferien|sommarferien|påskeferien|juleferien|"
           r"vinterferien|høstferien|haustferien|"
           r"(?:i\s)?(?:starten|begynnelsen|byrjinga|slutten|midten|utgangen)\s(?:av|på))")
_EVENT_YEAR_RE = re.compile(
    rf"{_WORD_START}(?:{_EVENT_VERBS})\b(?:\s(?!(?:og|men|mens|fordi|at)\b)[{_L}-]+){{0,6}}?,?\s"
    rf"(?:i\s|(?:i\s)?{_SEASON}\s|(?:i\s)?{_MONTH_RE}\s|rundt\s|ca\.?\s)?{_YEAR}",
    re.IGNORECASE,
)
# "samhandlingsreformen kom i 2012", "loven trådte i kraft i 2018": the subject is not a person
_NON_PERSON_NOUN = re.compile(
    r"\b(?:\w*reformen|loven|lova|\w*lovendringen|forskriften|rapporten|meldingen|ordningen|tilbudet|systemet|"
    r"avtalen|prosjektet|strategien|planen|veilederen|retningslinjen|budsjettet|tallene|statistikken|"
    r"kommunen|sammenslåingen|endringen|endringene|pandemien|korona|covid(?:-19)?|\w*forskriften|\w*ordningen|"
    r"\w*avtalen|\w*planen|\w*prosjektet|"
    r"\w*reforma|\w*forskrifta|\w*ordninga|\w*meldinga|\w*lovendringa|\w*endringa|endringane|tilbodet|"
    r"systemet|rettleiaren|retningslinja|kommunen|kommunane|\w*strategien|kommunestyret|formannskapet|bystyret|"
    r"politikerne|politikarane|rådmannen|administrasjonen|ledelsen|leiinga|"
    r"tallene|tala|rutinene|rutinane|retningslinjene|kriteriene|kriteria|dom|dommen|domen|kjennelsen|avgjørelsen|"
    r"avgjerda|uttalelsen|saka|saken|lovendringen|lovendringa|forvaltningsloven|forvaltningslova|\w+loven|\w+lova|"
    r"leve\s(?:hele|heile)\slivet)\b",
    re.IGNORECASE,
)
_PERSON_WORD = re.compile(r"\b(?:han|hun|ho|hu|hen|jeg|eg|æ|je|jæ|mor|far|mora|moren|faren|mamma|pappa|kona|mannen|"
                          r"pasienten|brukeren|bestemor|bestefar|datteren|dottera|sønnen|sonen)\b",
                          re.IGNORECASE)


# for a month/season + year only a reform, law or plan right before rules it out ("reformen kom våren 2012")
_DATED_NON_PERSON = re.compile(
    r"\b(?:\w*reform(?:en|a)|lov(?:en|a)|\w*loven|\w*lova|forskrift(?:en|a)|planen|budsjettet|rapporten|meldinga|"
    r"meldingen|strategien|ordning(?:en|a)|avtal(?:en|a)|veilederen|rettleiaren)\b[^.?!\n]{0,20}$",
    re.IGNORECASE,
)


def _non_person_subject(text: str, start: int, end: int, match_end: int | None = None) -> bool:
    """Is the event ending at ``end`` about a reform, law, plan … rather than a person?

    "samhandlingsreformen kom i 2012", "forskriften om langtidsopphold som kom i 2017": a
    non-person noun earlier in the same clause (in ``text[start:end]``, not across a sentence end)
    with no personal pronoun or person noun after it (up to ``match_end``: "… flyttet hun i 2016")."""
    window = text[start:end]
    cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "), window.rfind("\n"))
    if cut >= 0:
        window = window[cut + 1:]
    # a noun right after a preposition is an object ("klaget på vedtaket"), not the subject
    nouns = [n for n in _NON_PERSON_NOUN.finditer(window)
             if not re.search(r"\b(?:på|til|om|for|mot|av|med|etter|fra|frå|over|under)\s$", window[:n.start()])]
    if not nouns:
        return False
    rest = window[nouns[-1].end():] + text[end:match_end or end]
    return not _PERSON_WORD.search(rest)
_SEASON_YEAR_RE = re.compile(rf"{_WORD_START}(?P<ctx>{_SEASON}(?:\si)?|(?:i\s)?{_MONTH_FULL_OR_ABBR})\s{_YEAR}", re.IGNORECASE)
# a month alone dates a personal event too ("hun døde i mars", "fyller 90 i januar", "falt i
# begynnelsen av februar", "bursdagen hennes er i mai"); the span is the month (with its qualifier)
_MONTH_FULL_RE = "(?:" + "|".join(MONTHS) + "|" + "|".join(_DIALECT_MONTHS) + ")"
_EVENT_MONTH_RE = re.compile(
    rf"{_WORD_START}(?:{_EVENT_VERBS}|fyller|fylte|fyllte|fylle|runder|rundet|bursdag(?:en)?|fødselsdag(?:en)?|født|fødd|"
    rf"dødsfall(?:et)?|begravelse(?:n)?|gravferd(?:en)?|jubileum|innleggelse(?:n)?|fallet|slaget)\b"
    rf"(?:\s(?!(?:og|men|mens|fordi|at)\b)[\w-]+){{0,5}}?,?\s(?:i\s|(?:i\s)?(?:begynnelsen|slutten|midten|"
    rf"starten|utgangen|løpet)\sav\s)(?P<month>{_MONTH_FULL_RE})\b(?!\s(?:19|20)\d\d)",
    re.IGNORECASE,
)
# "i januar døde hun", "i mars fikk han plass": a fronted month followed by an event verb
_MONTH_EVENT_RE = re.compile(
    rf"\b[Ii]\s(?P<month>{_MONTH_FULL_RE})\b(?!\s(?:19|20)\d\d),?\s(?:[\w-]+\s){{0,2}}?(?:{_EVENT_VERBS}|fylte|fyller|fikk\s(?:han|hun|ho|hu|hen|jeg|eg|æ))\b",
    re.IGNORECASE,
)
# "den 14. i femte" (day + ordinal month), "den 14.5." / "den 14/5"
_ORDINAL_MONTHS = ("første|fyrste", "andre", "tredje", "fjerde", "femte", "sjette", "sjuende|syvende|sjuande",
                   "åttende|åttande", "niende|niande", "tiende|tiande", "ellevte", "tolvte")
_DAY_ORDINAL_MONTH_RE = re.compile(
    rf"{_WORD_START}(?:den\s(?P<day>\d{{1,2}}\.?)|(?:den\s)?(?P<dayword>" + "|".join(_ORDINALS) + r"))\si\s(?P<month>"
    + "|".join(_ORDINAL_MONTHS)
    + r"|(?<=den\s\d\.\si\s)\d{1,2}|(?<=den\s\d\d\.\si\s)\d{1,2})\b(?!\s(?:etasje|etg|klasse|trinn))",
    re.IGNORECASE,
)
_HOLIDAY_DATE_RE = re.compile(
    r"\b(?:(?:(?:1|2|3)\.\s?|første\s|andre\s|tredje\s|fyrste\s|annen\s|annan\s)(?:juledag|påskedag|pinsedag|nyttårsdag)"
    r"|(?:annandag|annendag|andredag|andre\sdag)\s(?:påske|påsken|jul|jol|pinse))\b",
    re.IGNORECASE,
)
_EVENT_SHORT_YEAR_RE = re.compile(
    rf"{_WORD_START}(?:{_EVENT_VERBS}|begynt|byrja|kom\s(?:heim|hjem|hit)|flytta|evakueringa)\b[^.?!\n]{{0,40}}?\si\s"
    rf"(?P<year>{_TENS_RX}{_UNITS_RX}?)(?![\w-])(?!\s(?:år|dagar|dager|prosent))",
    re.IGNORECASE,
)
# a spoken year written as one word is a year wherever it stands ("nittenhundreogtrettien", "tjuetjuetre")
_LONG_SPOKEN_YEAR_RE = re.compile(
    rf"(?<![\w-])(?:(?:nittenh[uo]ndreog|tjueh[uo]ndreog|totusenog|tjuetusenog|nitten|tjue){_YEAR_TAIL_RX}"
    rf"|tjue\stjue{_UNITS_RX}?)(?![\w-])"  # ("nitten tretti" is as often half past seven)
    r"(?!\s(?:år|kroner|kr\b|prosent|timer|minutter))",
    re.IGNORECASE,
)
_SEASON_SHORT_YEAR_RE = re.compile(
    rf"{_WORD_START}(?:{_SEASON}|{_MONTH_FULL_RE})\s(?P<year>{_TENS_RX}{_UNITS_RX}?|{_UNITS_RX}og{_TENS_RX})(?![\w-])"
    r"(?!\s(?:år|dagar|dager))",
    re.IGNORECASE,
)
_SINCE_SHORT_YEAR_RE = re.compile(
    rf"{_WORD_START}(?:sia|sidan|siden|fra\sog\smed|frå\sog\smed|(?:født|fødd)(?:(?:\s[\w-]+){{0,3}}?\si)?)\s(?P<year>{_TENS_RX}{_UNITS_RX}?|{_UNITS_RX}og{_TENS_RX})(?![\w-])(?!\s(?:år|dagar|dager|veker|uker))"
    r"|\b(?:sia|sidan|siden|i|fra|frå|født|fødd)\s(?P<short>['’-]\d{2})(?![\w.,]\d)"
    rf"|\b(?:født|fødd)\s(?:i\s)?(?P<spoken>{_SPOKEN_YEAR})",
    re.IGNORECASE,
)
# "det va i nittisju", "gift sæ i sekstisju.": a two-digit spoken year after "i" that ends the phrase,
# in an utterance about a person (the line is checked by ``find_dates``)
_IN_SHORT_YEAR_RE = re.compile(
    rf"\bi\s(?P<year>{_TENS_RX}{_UNITS_RX}?)(?![\w-])(?=\s*[.,;!?…]|\s*$|\s(?:og|da|då|så|men|eller|vel|trur|tror)\b)",
    re.IGNORECASE | re.MULTILINE,
)
# a named day dates a personal event wherever it stands in a sentence about a person ("fikk slag
# julaften", "fylte nitti sankthans", "vi fant henne lille julaften"); longer periods (jul, påske) need
# a preposition (``find_personal_times``)
_HOLIDAY_DAY_RE = re.compile(
    rf"{_WORD_START}(?:lille\s)?(?:julaften|julafta|julaftan|julekvelden|nyttårsaften|nyttårsafta|nyttårsaftan|"
    r"nyårsaften|nyårsaftan|nyårsafta|sankthansaften|sankthansaftan|sankthans|valentinsdagen|påskeaften|"
    r"pinseaften|17\.\smai|syttende\smai|grunnlovsdagen|allehelgensdag|mortensaften|jonsok|jonsokaften|"
    r"juleaften|juleafta|juleaftan|nyttårsdagen|nyårsdagen|nyåsdagen|(?:første|andre|tredje|fjerde)\sadvent|"
    r"mikkelsmess|mikkelsmesse|olsok|kyndelsmess|kyndelsmesse|førstemai|første\smai|st\.?\s?hans|"
    r"skjærtorsdag|langfredag|palmesøndag|påskeaftan|"
    r"jonsokaftan)(?P<year>\s(?:19|20)\d\d)?(?![\w-])",
    re.IGNORECASE,
)
# "Pappa er fra trettitre", "ho e frå 1931": where someone is "from" in time is the year of birth
_FROM_YEAR_RE = re.compile(
    rf"{_WORD_START}(?:er|e|var|va)\s(?:fra|frå|ifra|ifrå)\s(?P<year>(?:19[0-4]\d)|{_TENS_RX}{_UNITS_RX}?)(?![\w-])"
    r"(?=\s*[.,;!?]|\s*$|\s(?:og|men|så|eller)\b)",
    re.IGNORECASE | re.MULTILINE,
)
# "innlagt fra 24.12 til …": a day and month after a preposition, without the closing full stop
_PREP_DAY_MONTH_RE = re.compile(
    r"\b(?:fra|frå|til|te|den|sidan|siden|sia|før|etter)\s(?P<day>\d{1,2})\.(?P<month>\d{1,2})(?![\d.,])"
    r"(?!\s?(?:timer|time|t\b|%|prosent|kr\b|kroner|km|mill|minutt|min\b|år\b|dager|dagar|uker|veker))",
    re.IGNORECASE,
)
_EVENT_BEFORE_RE = re.compile(rf"\b(?:{_EVENT_VERBS}|gift|gifte?\s(?:seg|sæ|se)|fast\sstilling)\b", re.IGNORECASE)
_DAY_MONTH_SLASH_YEAR_RE = re.compile(r"(?<![\d/.-])(?P<day>\d{1,2})/(?P<month>\d{1,2})-(?P<year>\d{2}|\d{4})(?![\d/-])")
_DAY_MONTH_DOTS_RE = re.compile(r"(?<![\d.,])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?![\d])(?!\s?(?:kl|klokka))")
_DAY_WORD_RE = re.compile(
    r"\b(?:(?:man|tirs|ons|tors|fre|lør|søn)dag(?:en)?\sden\s(?P<wday>første|fyrste|andre|tredje|fjerde|femte|sjette|"
    r"sjuende|sjuande|syvende|åttende|åttande|niende|niande)\b|"
    r"den\s(?P<day>tiende|tiande|ellevte|tolvte|trettende|trettande|fjortende|fjortande|femtende|femtande|"
    r"sekstende|sekstande|syttende|syttande|attende|attande|nittende|nittande|tjuende|tjuande|tyvende|"
    r"tjue(?:første|fyrste|andre|tredje|fjerde|femte|sjette|sjuende|sjuande|åttende|åttande|niende|niande)|"
    r"trettiende|trettiande|trettiførste|trettifyrste)\b(?!\s(?:dagen|dag|gangen|gong|plassen|uka|veka|året|timen)))",
    re.IGNORECASE,
)
_DAY_MONTH_NUM_RE = re.compile(r"\bden\s(?P<day>\d{1,2})[./](?P<month>\d{1,2})\.?(?![\d]|[.,/]\d)", re.IGNORECASE)
_SINCE_YEAR_RE = re.compile(
    rf"{_WORD_START}(?:jobbet|jobba|jobber|jobbar|arbeidet|arbeider|arbeidd|bodd|budd|bor|bur|vært|vore|sittet|sitter|"
    rf"sete|hatt\s(?:stillingen|stillinga|jobben)|ansatt|tilsett|gift|enke|enkje|enkemann|enkjemann|ufør|syk|"
    rf"sjuk|pensjonist|leder|leiar|sjef)\b[^.?!\n]{{0,60}}?\b(?:siden|sidan|fra|frå)\s"
    rf"(?P<ctx>(?:{_SEASON}|{_MONTH_RE})\s)?{_YEAR}",
    re.IGNORECASE,
)


def _valid_day_month(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def find_dates(text: str) -> Iterator[Span]:
    for m in _DATE_NUM_RE.finditer(text):
        day, month = int(m.group(1)), int(m.group(3))
        if not _valid_day_month(day, month):
            continue
        if _LAW_AFTER.match(text, m.end()):
            continue
        yield Span(m.start(), m.end(), "DATE", m.group(0), "pattern", 0.9,
                   details={"month": month, "year": _year(m.group(4))})
    for m in _DATE_ISO_RE.finditer(text):
        if _valid_day_month(int(m.group(3)), int(m.group(2))):
            yield Span(m.start(), m.end(), "DATE", m.group(0), "pattern", 0.9,
                       details={"month": int(m.group(2)), "year": int(m.group(1))})
    for m in _DATE_WORD_RE.finditer(text):
        if _LAW_AFTER.match(text, m.end()):
            continue
        value = m.group(0)
        year_m = re.search(r"(\d{4})$", value)
        yield Span(m.start(), m.end(), "DATE", value, "pattern", 0.9,
                   details={"month": _month_of(value), "year": int(year_m.group(1)) if year_m else None})
    for m in _BORN_SPACED_RE.finditer(text):
        day, month = int(m.group("date")[:2]), int(m.group("date")[3:5])
        if _valid_day_month(day, month):
            yield Span(m.start("date"), m.end("date"), "DATE", m.group("date"), "pattern", 0.9,
                       details={"month": month, "year": _year(m.group("date")[6:])})
    for m in _DAY_ORDINAL_MONTH_RE.finditer(text):
        month_token = m.group("month").lower()
        month = int(month_token) if month_token.isdigit() else next(
            i + 1 for i, alts in enumerate(_ORDINAL_MONTHS) if month_token in alts.split("|"))
        day_token = (m.group("day") or m.group("dayword")).rstrip(".").lower()
        day = int(day_token) if day_token.isdigit() else 1
        if _valid_day_month(day, month):
            yield Span(m.start(), m.end(), "DATE", m.group(0), "pattern", 0.85, details={"month": month})
    for m in _LONG_SPOKEN_YEAR_RE.finditer(text):
        year = year_value(m.group(0))
        if year is not None:
            yield Span(m.start(), m.end(), "DATE", m.group(0), "pattern", 0.6, details={"year": year, "year_only": True})
    for m in _SEASON_SHORT_YEAR_RE.finditer(text):
        value = NUMBER_WORDS.get(m.group("year").lower())
        if value is not None:
            year = 1900 + value if value >= 30 else 2000 + value
            yield Span(m.start(), m.end(), "DATE", m.group(0), "pattern", 0.6, details={"year": year, "year_only": True})
    for m in _EVENT_SHORT_YEAR_RE.finditer(text):
        value = NUMBER_WORDS.get(m.group("year").lower())
        if value is not None and value >= 30:
            yield Span(m.start("year"), m.end("year"), "DATE", m.group("year"), "pattern", 0.5,
                       details={"year": 1900 + value, "year_only": True})
    for m in _SINCE_SHORT_YEAR_RE.finditer(text):
        grp = "year" if m.group("year") else ("short" if m.group("short") else "spoken")
        if grp == "spoken":
            year_or_none = year_value(m.group(grp))
            if year_or_none is None:
                continue
            yield Span(m.start(grp), m.end(grp), "DATE", m.group(grp), "pattern", 0.7,
                       details={"year": year_or_none, "year_only": True})
            continue
        value = NUMBER_WORDS.get(m.group(grp).lower()) if grp == "year" else int(m.group(grp)[1:])
        if value is None:
            continue
        year = 1900 + value if value >= 30 else 2000 + value
        yield Span(m.start(grp), m.end(grp), "DATE", m.group(grp), "pattern", 0.6,
                   details={"year": year, "year_only": True})
    for m in _HOLIDAY_DAY_RE.finditer(text):
        a, b = _sentence_around(text, m.start(), m.end())
        if m.group("year") or (_PERSONAL_SENTENCE_RE.search(text, a, b)
                               and not _non_person_subject(text, max(a, m.start() - 60), m.start(), m.end())):
            yield Span(m.start(), m.end(), "DATE", m.group(0), "pattern", 0.5, details={"holiday": True})
    for m in _FROM_YEAR_RE.finditer(text):
        a, b = _sentence_around(text, m.start(), m.end())
        token = m.group("year")
        value = int(token) if token.isdigit() else NUMBER_WORDS.get(token.lower())
        if value is not None and (token.isdigit() or value >= 20) and _PERSONAL_SENTENCE_RE.search(text, a, b):
            year = value if token.isdigit() else 1900 + value
            yield Span(m.start("year"), m.end("year"), "DATE", token, "pattern", 0.5, details={"year": year, "born": True})
    for m in _PREP_DAY_MONTH_RE.finditer(text):
        if _valid_day_month(int(m.group("day")), int(m.group("month"))):
            yield Span(m.start("day"), m.end("month"), "DATE", text[m.start("day"):m.end("month")], "pattern", 0.6,
                       details={"month": int(m.group("month"))})
    for m in _IN_SHORT_YEAR_RE.finditer(text):
        value = NUMBER_WORDS.get(m.group("year").lower())
        if value is None or value < 30:
            continue
        a = text.rfind("\n", 0, m.start()) + 1
        if _PERSONAL_SENTENCE_RE.search(text, a, m.start()) or _EVENT_BEFORE_RE.search(text, a, m.start()):
            yield Span(m.start("year"), m.end("year"), "DATE", m.group("year"), "pattern", 0.5,
                       details={"year": 1900 + value, "year_only": True})
    for m in _DAY_MONTH_SLASH_YEAR_RE.finditer(text):
        if _valid_day_month(int(m.group("day")), int(m.group("month"))):
            yield Span(m.start(), m.end(), "DATE", m.group(0), "pattern", 0.85,
                       details={"month": int(m.group("month")), "year": _year(m.group("year"))})
    for m in _DAY_MONTH_DOTS_RE.finditer(text):
        if _valid_day_month(int(m.group("day")), int(m.group("month"))):
            yield Span(m.start(), m.end(), "DATE", m.group(0), "pattern", 0.8, details={"month": int(m.group("month"))})
    for m in _DAY_WORD_RE.finditer(text):
        yield Span(m.start(), m.end(), "DATE", m.group(0), "pattern", 0.6, details={})
    for m in _HOLIDAY_DATE_RE.finditer(text):
        yield Span(m.start(), m.end(), "DATE", m.group(0), "pattern", 0.8, details={})
    for m in _DAY_MONTH_NUM_RE.finditer(text):
        day, month = int(m.group("day")), int(m.group("month"))
        if _valid_day_month(day, month) and not _LAW_AFTER.match(text, m.end()):
            yield Span(m.start(), m.end(), "DATE", m.group(0), "pattern", 0.8, details={"month": month})
    for rx in (_EVENT_MONTH_RE, _MONTH_EVENT_RE):
        for m in rx.finditer(text):
            if _non_person_subject(text, max(0, m.start() - 60), m.start(), m.end()):
                continue
            start = m.start("month")
            qual = re.search(r"(?:i\s)?(?:begynnelsen|slutten|midten|starten|utgangen)\sav\s$", text[max(0, start - 25):start],
                             re.IGNORECASE)
            if qual:
                start -= len(qual.group(0)) - (2 if qual.group(0).lower().startswith("i ") else 0)
            yield Span(start, m.end("month"), "DATE", text[start:m.end("month")], "pattern", 0.7,
                       details={"month": _month_of(m.group("month"))})
    for m in _BORN_YEAR_RE.finditer(text):
        yield Span(m.start(), m.end(), "DATE", m.group(0), "pattern", 0.8, details={"born": True})
    yield from find_years(text)


_HOLIDAYS = (r"(?:julaften|julekvelden|nyttårsaften|påskeaften|sankthansaften|sankthans|"
             r"17\.\smai|julen|jula|jul|påsken|påska|påske|jol|jola|jolekvelden|nyttår|nyttåret|nyåret|romjula|romjul|"
             r"romjulen|"
             r"julafta|julaftan|nasjonaldagen|grunnlovsdagen|pinsen|pinsa|pinse|pinseaften|valentinsdagen|"
             r"morsdagen|farsdagen|allehelgen|allehelgensdag|mortensaften|fastelavn|kristi\shimmelfartsdag)")
_PERSONAL_TIME_RE = re.compile(
    rf"{_WORD_START}(?:i|på|fra|frå|ifrå|ifra|sidan|siden|sia|sea|sien|sida|før|etter|rundt|innen|til|fra\sog\smed|frå\sog\smed|"
    rf"(?:det|dæ|de)\s(?:var|va))\s"
    rf"(?P<when>(?:(?:begynnelsen|slutten|midten|starten|byrjinga|utgangen)\s(?:av|på)\s)?"
    rf"(?:{_MONTH_FULL_RE}(?:\s{_YEAR})?|{_YEAR.replace('(?P<year>', '(?P<year2>')}|{_HOLIDAYS}))(?![\w-])",
    re.IGNORECASE,
)


def find_personal_times(text: str, seen: set[int]) -> Iterator[Span]:
    """A year or month after a temporal preposition in a sentence about a person ("æ va på
    sykehjemmet sia tjuefemten", "ho har budd der sidan juni"), unless the clause is about a reform,
    law, budget … (lower confidence: the reviewer decides)."""
    for m in _PERSONAL_TIME_RE.finditer(text):
        start, end = m.start("when"), m.end("when")
        group = "year" if m.group("year") is not None else "year2"
        if m.group(group) is not None and m.start(group) in seen:
            continue
        a, b = _sentence_around(text, start, end)
        if not _PERSONAL_SENTENCE_RE.search(text, a, b):
            # the utterance (line) is about a person even when this sentence is not ("Æ va femtisju da
            # æ slutta. Det va i 2019.")
            if not _PERSONAL_SENTENCE_RE.search(text, *_line_around(text, start, end)):
                continue
        if _LAW_AFTER.match(text, end) or _non_person_subject(text, max(a, m.start() - 60), m.start(), end):
            continue
        if m.group(group) is not None:
            seen.add(m.start(group))
            year = year_value(m.group(group))
            if year is None:
                continue
            month = _month_of(text[start:m.start(group)]) if start < m.start(group) else None
            yield Span(start, end, "DATE", text[start:end], "pattern", 0.5,
                       details={"year": year, "month": month, "year_only": True})
        else:
            yield Span(start, end, "DATE", text[start:end], "pattern", 0.5, details={"month": _month_of(text[start:end])})


def find_years(text: str) -> Iterator[Span]:
    """Bare years that date a personal event ("sluttet i 2019", "våren 2015", "jobbet her siden 2011").

    The span is the year (with a season or month word in front when there is one); ``details``
    carry ``year`` and ``year_only`` so that generalising replaces it by a band (see
    :func:`workbench.deid.pseudonymise.year_band`).
    """
    seen: set[int] = set()
    for rx, conf in ((_SEASON_YEAR_RE, 0.8), (_EVENT_YEAR_RE, 0.7), (_SINCE_YEAR_RE, 0.6)):
        for m in rx.finditer(text):
            start, end = m.start("year"), m.end("year")
            if start in seen:
                continue
            if "ctx" in rx.groupindex and m.group("ctx"):
                start = m.start("ctx")
                if text[start:start + 2].lower() == "i ":
                    start += 2
            # a month or season with its year dates an event whoever the subject is ("klaget til
            # Statsforvalteren i mars 2023"); a bare year only when the clause is about a person
            dated = "ctx" in rx.groupindex and m.group("ctx")
            if _LAW_AFTER.match(text, end) or (
                    _DATED_NON_PERSON.search(text, max(0, m.start() - 25), m.start()) if dated
                    else _non_person_subject(text, max(0, m.start() - 60), m.start(), m.end())):
                continue
            if year_value(m.group("year")) is None:
                continue
            seen.add(m.start("year"))
            month = _month_of(text[start:m.start("year")]) if start < m.start("year") else None
            yield Span(start, end, "DATE", text[start:end], "pattern", conf,
                       details={"year": year_value(m.group("year")), "month": month, "year_only": True})
    yield from find_personal_times(text, seen)


def _month_of(value: str) -> int | None:
    low = value.lower()
    for word, number in _DIALECT_MONTHS.items():
        if word in low:
            return number
    for i, name in enumerate(MONTHS):
        if re.search(rf"\b{name[:3]}", low):
            return i + 1
    return None


def _year(two_or_four: str) -> int:
    y = int(two_or_four)
    if len(two_or_four) == 2:
        y += 2000 if y < 50 else 1900
    return y
