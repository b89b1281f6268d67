"""Pattern detectors: ID numbers, phone numbers, e-mail, URLs, addresses, dates and ages."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.deid.spans import Span
from workbench.deid.validators import is_valid_fnr

_L = "A-Za-zÆØÅæøåÄÖÜäöüÉéÈèÁáÓóÍíÚú"
_UP = "A-ZÆØÅÄÖÜÉÁ"

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember")
# dialect spellings of month names in transcripts (value = month number)
_DIALECT_MONTHS = {"jenuar": 1, "febrar": 2, "febrær": 2, "aprill": 4, "augus": 8, "septembe": 9, "septæmber": 9,
                   "oktobe": 10, "oktobær": 10, "novemmer": 11, "novembe": 11, "novæmber": 11, "desembe": 12,
                   "desemmer": 12, "desæmber": 12}
_MONTH_ABBR = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "des")
_ORDINALS = ("første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuende", "syvende", "åttende",
             "niende", "tiende", "ellevte", "tolvte", "trettende", "fjortende", "femtende", "sekstende",
             "syttende", "attende", "nittende", "tjuende", "tjueførste", "tjueandre", "tjuetredje",
             "tjuefjerde", "tjuefemte", "tjuesjette", "tjuesjuende", "tjueåttende", "tjueniende",
             "trettiende", "trettiførste", "tyvende", "enogtyvende",
             # Nynorsk
             "fyrste", "sjuande", "åttande", "niande", "tiande", "trettande", "fjortande", "femtande", "sekstande",
             "syttande", "attande", "nittande", "tjuande", "tjuefyrste", "tjuesjuande", "tjueåttande",
             "tjueniande", "trettiande", "trettifyrste")
_MONTH_RE = ("(?:" + "|".join(MONTHS) + "|" + "|".join(_DIALECT_MONTHS) + "|"
             + "|".join(a + r"\.?" for a in _MONTH_ABBR) + ")")
# month names, or abbreviations with a full stop ("mars 2019", "aug. 2017"; not "mar 2019")
_MONTH_FULL_OR_ABBR = ("(?:" + "|".join(MONTHS) + "|" + "|".join(_DIALECT_MONTHS) + "|"
                       + "|".join(a + r"\." for a in _MONTH_ABBR) + ")")

# --- Norwegian number words for ages ("åttifem", "nitti", "hundreogto", "femogåtti") ------------------
_SMALL_NUMBERS = {"en": 1, "ett": 1, "ei": 1, "én": 1, "ein": 1, "eitt": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5,
                  "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9,
                  # dialect forms: nittifæm, femtitri, syttifira, sekstisæks, åttisjau, sekstiåtta
                  "tri": 3, "fira": 4, "fir": 4, "førr": 4, "fæm": 5, "sæks": 6, "sjau": 7, "åtta": 8, "nie": 9,
                  "tvo": 2, "sekse": 6}
_TENS = {"tjue": 20, "tyve": 20, "tretti": 30, "tredve": 30, "førti": 40, "femti": 50, "seksti": 60,
         "sytti": 70, "søtti": 70, "sjøtti": 70, "åtti": 80, "nitti": 90}


def _build_number_words() -> dict[str, int]:
    words = {"atten": 18, "nitten": 19, "hundre": 100, "etthundre": 100}
    for tens, tv in _TENS.items():
        words[tens] = tv
        for unit, uv in _SMALL_NUMBERS.items():
            words[tens + unit] = tv + uv           # åttifem, tjueen
            words[f"{tens}-{unit}"] = tv + uv      # åtti-fem
            words[f"{unit}og{tens}"] = tv + uv     # femogåtti (older counting)
            words[f"{unit} og {tens}"] = tv + uv   # tre og åtti
            words[f"{unit}-å-{tens}"] = tv + uv    # sju-å-åtti (dialect)
            if tens == "åtti":
                words[f"åtte{unit}"] = tv + uv     # åtteåtte, åtteni (dialect for åttiåtte, åttini)
    for unit, uv in {**_SMALL_NUMBERS, "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14,
                     "femten": 15}.items():
        words[f"hundreog{unit}"] = 100 + uv
        words[f"hundre og {unit}"] = 100 + uv
    return words


NUMBER_WORDS = _build_number_words()
# children's ages as words (only taken in a strong person context: "han er fjorten nå", "ein gut på sytten")
YOUNG_WORDS = {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12,
               "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17}
_UNITS_RX = ("(?:eitt|ein|ett|en|ei|én|tvo|to|tre|tri|fire|fira|førr|fir|fem|fæm|sekse|seks|sæks|sju|sjau|syv|åtte|åtta|"
             "ni|nie)")
_TENS_RX = "(?:tjue|tyve|tretti|tredve|førti|femti|seksti|sytti|søtti|sjøtti|åtti|nitti)"
# compact (fast) form of NUMBER_WORDS; values come from the dict
_NUMWORD_CORE = (rf"(?:{_TENS_RX}(?:-?{_UNITS_RX})?|{_UNITS_RX}\s?og\s?{_TENS_RX}|{_UNITS_RX}-å-{_TENS_RX}|"
                 rf"åtte{_UNITS_RX}|atten|nitten|etthundre|"
                 rf"hundre(?:\s?og\s?(?:{_UNITS_RX}|ti|elleve|tolv|tretten|fjorten|femten))?)")
_NUMWORD = _NUMWORD_CORE + r"(?![\w-])"
# an age as digits or as a number word
_N = rf"(?:\d{{1,3}}|{_NUMWORD})"


def age_value(token: str) -> int | None:
    """The integer value of an age token: digits or a Norwegian number word."""
    m = re.match(r"\d+", token)
    if m:
        return int(m.group(0))
    low = token.lower()
    if low in NUMBER_WORDS:
        return NUMBER_WORDS[low]
    if low in YOUNG_WORDS:
        return YOUNG_WORDS[low]
    for word in sorted(NUMBER_WORDS, key=len, reverse=True):
        if low.startswith(word):
            return NUMBER_WORDS[word]
    return None


# --- ID numbers: 11 digits, optionally DDMMYY + space/dot + 5 digits --------------------------------
_FNR_RE = re.compile(
    r"(?<![\d.,-])(\d{2}[.]?\d{2}[.]?\d{2})[ .-]?(\d{3}[ ]?\d{2})(?!\d|[.,-]\d)"
)
# --- phone numbers (+47 / 0047 optional; 8 digits in the usual groupings) ----------------------------
_PHONE_RE = re.compile(
    r"(?<![\w+.,-])(?:\(?(?:\+|00)\s?47\)?[\s.-]?)?"
    r"(?:[2-9]\d{7}|[2-9]\d{2}[ .]\d{2}[ .]\d{3}|[2-9]\d[ .]\d{2}[ .]\d{2}[ .]\d{2}|[2-9]\d{3}[ .]\d{4})"
    r"(?![\w]|[.,]\d)"
)
_AMOUNT_AFTER = re.compile(r"\s*(?:kr\b|kroner|nok\b|,-|mill|prosent|%)", re.IGNORECASE)
_AMOUNT_BEFORE = re.compile(r"(?:kr\.?|nok|kroner)\s*$", re.IGNORECASE)
# --- e-mail, URL -------------------------------------------------------------------------------------
_EMAIL_RE = re.compile(
    r"(?<![\w.-])[\w.+-]+(?:@|\s?\((?:at|alfa)\)\s?|\s?\[at\]\s?)[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE
)
_URL_RE = re.compile(
    r"\b(?:https?://|www\.)[^\s<>()\"«»]+"
    r"|\b(?:[a-z0-9-]+\.)+(?:no|com|org|net|eu|se|dk|info|io)\b(?:/[^\s<>()\"«»]*)?",
    re.IGNORECASE,
)
# --- street addresses ---------------------------------------------------------------------------------
_STREET_SUFFIX = (
    "veien|vegen|veg|vei|gata|gaten|gate|allé|alle|plassen|plass|bakken|bakke|stien|sti|tunet|tun|lia|"
    "haugen|svingen|ringen|brekka|løkka|løkken|jordet|kroken|grenda|myra|sletta|kaia|kaien|torget|torg|"
    "bryggen|brygga|stranda|åsen|lien|moen|jordet|parken|hagen|høgda|høyden"
)
_ADDRESS_RE = re.compile(
    rf"(?:\b(?:[{_UP}][{_L}.-]*\s)?[{_L}][{_L}-]*(?:{_STREET_SUFFIX})\s\d{{1,4}}(?:\s?[A-Ha-h]\b)?"
    rf"(?:,?\s\d{{4}}\s[{_UP}][{_L}-]+(?:\s[{_UP}][{_L}-]+)?)?)"
    rf"|(?:\b[Pp]ostboks\s\d{{1,5}}(?:,?\s\d{{4}}\s[{_UP}][{_L}-]+)?)"
    rf"|(?:(?<=[,\s])\d{{4}}\s(?!Kr\b|NOK\b)[{_UP}][{_L}-]+(?=[\s.,;)]|$))"
)
_POSTCODE_ONLY = re.compile(r"^\d{4}\s")
# a street named without a number ("hun bor i Kirkegata", "oppe i Bakkeveien"): a place
_STREET_NAME_RE = re.compile(
    rf"\b(?i:i|på|fra|ved|langs|til|oppi|nedi|borti)\s"
    rf"(?P<street>[{_UP}][{_L}-]*(?:veien|vegen|gata|gaten|gate|bakken|svingen|stien|tunet|plassen|torget|allé|alleen))"
    rf"(?![\w-]|\s\d)"
)
# --- dates --------------------------------------------------------------------------------------------
_DATE_NUM_RE = re.compile(r"(?<![\d.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[.,/-]\d)")
_DATE_ISO_RE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
_DATE_WORD_RE = re.compile(
    rf"(?<![\w.])(?:(?:(?:man|tirs|ons|tors|fre|lør|søn)dag(?:en)?\s)?(?:den\s)?"
    rf"(?:\d{{1,2}}\.?|{'|'.join(_ORDINALS)})\s{_MONTH_RE}(?:\s\d{{4}})?)(?![\w])",
    re.IGNORECASE,
)
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
# spoken years: "nittenåttifem" (1985), "tjuefemten" (2015), "to tusen og femten", "totusenogni"
_YEAR_TAILS = {"ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16,
               "sytten": 17, "atten": 18, "åtten": 18, "nitten": 19}
for _tens_word, _tens_value in _TENS.items():
    _YEAR_TAILS[_tens_word] = _tens_value
    for _unit_word, _unit_value in _SMALL_NUMBERS.items():
        if _unit_word not in ("ett", "ei", "én", "eitt"):
            _YEAR_TAILS[_tens_word + _unit_word] = _tens_value + _unit_value
_MILLENNIUM_TAILS = {**{w: v for w, v in _SMALL_NUMBERS.items() if w not in ("ett", "ei", "én", "eitt")},
                     **{w: v for w, v in _YEAR_TAILS.items() if v <= 49}}


def _spoken_years() -> dict[str, int]:
    years: dict[str, int] = {}
    for century_word, century in (("nitten", 1900), ("tjue", 2000)):
        for tail, value in _YEAR_TAILS.items():
            if century == 2000 and value > 49:
                continue
            years[century_word + tail] = century + value
            years[f"{century_word}hundreog{tail}"] = century + value
            years[f"{century_word} {tail}"] = century + value
    for tail, value in _MILLENNIUM_TAILS.items():
        for form in (f"totusenog{tail}", f"to tusen og {tail}", f"totusen og {tail}", f"to tusen {tail}",
                     f"tjuetusenog{tail}", f"tjuetusen og {tail}"):
            years[form] = 2000 + value
    return years


SPOKEN_YEARS = _spoken_years()
_YEAR_TAIL_RX = rf"(?:ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|atten|åtten|nitten|{_TENS_RX}{_UNITS_RX}?)"
# compact (fast) form of SPOKEN_YEARS; ``year_value`` rejects forms outside the dict ("tjuesytti")
_SPOKEN_YEAR = (rf"(?:(?:nitten|tjue)(?:hundreog|\s)?{_YEAR_TAIL_RX}|(?:to|tjue)\s?tusen(?:\s?og\s|\s?og|\s){_YEAR_TAIL_RX}"
                rf"|(?:to|tjue)\s?tusen(?:\s?og\s?|\s){_UNITS_RX})(?![\w-])")
_YEAR = (r"(?P<year>(?:19[0-9]|20[0-4])\d(?![\d]|[.,-]\d|\s?(?:kr\b|kroner|mill|prosent|%|nr\b))|"
         + _SPOKEN_YEAR + ")")


def year_value(token: str) -> int | None:
    """The year of a digit or spoken year token ("2015", "tjuefemten"); None for a non-year."""
    return int(token) if token.isdigit() else SPOKEN_YEARS.get(token.lower())

_EVENT_VERBS = (
    r"sluttet|slutta|sluttа|begynte|begynt|startet|starta|flyttet|flytta|flytte|kom|døde|dødde|gikk\sbort|"
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
_SEASON = (r"(?:våren|vår|sommeren|sommer|sommaren|sommarn|somran|høsten|høst|hausten|haust|vinteren|vintern|vinter|"
           r"julen|jula|jul|"
           r"julaften|julafta|julaftan|nyttårsaften|påskeaften|sankthans|nasjonaldagen|"
           r"påsken|påska|påske|nyttår|nyttåret|årsskiftet|"
           r"(?:i\s)?(?:starten|begynnelsen|byrjinga|slutten|midten|utgangen)\s(?:av|på))")
_EVENT_YEAR_RE = re.compile(
    rf"\b(?:{_EVENT_VERBS})\b(?:\s(?!(?:og|men|mens|fordi|at)\b)[{_L}-]+){{0,4}}?,?\s"
    rf"(?:i\s|(?:i\s)?{_SEASON}\s|(?:i\s)?{_MONTH_RE}\s|rundt\s|ca\.?\s)?{_YEAR}",
    re.IGNORECASE,
)
# "samhandlingsreformen kom i 2012", "loven trådte i kraft i 2018": the subject is not a person
_NON_PERSON_NOUN = re.compile(
    r"\b(?:\w*reformen|loven|lova|\w*lovendringen|forskriften|rapporten|meldingen|ordningen|tilbudet|systemet|"
    r"avtalen|vedtaket|prosjektet|strategien|planen|veilederen|retningslinjen|budsjettet|tallene|statistikken|"
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
_SEASON_YEAR_RE = re.compile(rf"\b(?P<ctx>{_SEASON}(?:\si)?|(?:i\s)?{_MONTH_FULL_OR_ABBR})\s{_YEAR}", re.IGNORECASE)
# a month alone dates a personal event too ("hun døde i mars", "fyller 90 i januar", "falt i
# begynnelsen av februar", "bursdagen hennes er i mai"); the span is the month (with its qualifier)
_MONTH_FULL_RE = "(?:" + "|".join(MONTHS) + "|" + "|".join(_DIALECT_MONTHS) + ")"
_EVENT_MONTH_RE = re.compile(
    rf"\b(?:{_EVENT_VERBS}|fyller|fylte|fyllte|fylle|runder|rundet|bursdag(?:en)?|fødselsdag(?:en)?|født|fødd|"
    rf"dødsfall(?:et)?|begravelse(?:n)?|gravferd(?:en)?|jubileum|innleggelse(?:n)?|fallet|slaget)\b"
    rf"(?:\s(?!(?:og|men|mens|fordi|at)\b)[\w-]+){{0,5}}?,?\s(?:i\s|(?:i\s)?(?:begynnelsen|slutten|midten|"
    rf"starten|utgangen)\sav\s)(?P<month>{_MONTH_FULL_RE})\b(?!\s(?:19|20)\d\d)",
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
    r"\b(?:den\s(?P<day>\d{1,2}\.?)|(?:den\s)?(?P<dayword>" + "|".join(_ORDINALS) + r"))\si\s(?P<month>"
    + "|".join(_ORDINAL_MONTHS)
    + r")\b(?!\s(?:etasje|etg|klasse|trinn))",
    re.IGNORECASE,
)
_HOLIDAY_DATE_RE = re.compile(
    r"\b(?:(?:1|2|3)\.\s?|første\s|andre\s|tredje\s|fyrste\s)(?:juledag|påskedag|pinsedag|nyttårsdag)\b",
    re.IGNORECASE,
)
_EVENT_SHORT_YEAR_RE = re.compile(
    rf"\b(?:{_EVENT_VERBS}|begynt|byrja|kom\s(?:heim|hjem|hit)|flytta|evakueringa)\b[^.?!\n]{{0,40}}?\si\s"
    rf"(?P<year>{_TENS_RX}{_UNITS_RX}?)(?![\w-])(?!\s(?:år|dagar|dager|prosent))",
    re.IGNORECASE,
)
# a spoken year written as one word is a year wherever it stands ("nittenhundreogtrettien", "tjuetjuetre")
_LONG_SPOKEN_YEAR_RE = re.compile(
    rf"(?<![\w-])(?:nittenhundreog|tjuehundreog|totusenog|tjuetusenog|nitten|tjue){_YEAR_TAIL_RX}(?![\w-])"
    r"(?!\s(?:år|kroner|kr\b|prosent|timer|minutter))",
    re.IGNORECASE,
)
_SEASON_SHORT_YEAR_RE = re.compile(
    rf"\b(?:{_SEASON}|{_MONTH_FULL_RE})\s(?P<year>{_TENS_RX}{_UNITS_RX}?)(?![\w-])(?!\s(?:år|dagar|dager))",
    re.IGNORECASE,
)
_SINCE_SHORT_YEAR_RE = re.compile(
    rf"\b(?:sia|sidan|siden|fra\sog\smed|frå\sog\smed|(?:født|fødd)(?:\s[\w-]+){{0,3}}?\si)\s(?P<year>{_TENS_RX}{_UNITS_RX}?)(?![\w-])(?!\s(?:år|dagar|dager|veker|uker))"
    r"|\b(?:sia|sidan|siden|i|fra|frå|født|fødd)\s(?P<short>['’-]\d{2})(?![\w.,]\d)"
    rf"|\b(?:født|fødd)\s(?:i\s)?(?P<spoken>{_SPOKEN_YEAR})",
    re.IGNORECASE,
)
_DAY_MONTH_SLASH_YEAR_RE = re.compile(r"(?<![\d/.-])(?P<day>\d{1,2})/(?P<month>\d{1,2})-(?P<year>\d{2}|\d{4})(?![\d/-])")
_DAY_MONTH_DOTS_RE = re.compile(r"(?<![\d.,])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?![\d])(?!\s?(?:kl|klokka))")
_DAY_WORD_RE = re.compile(
    r"\bden\s(?P<day>tiende|tiande|ellevte|tolvte|trettende|trettande|fjortende|fjortande|femtende|femtande|"
    r"sekstende|sekstande|syttende|syttande|attende|attande|nittende|nittande|tjuende|tjuande|tyvende|"
    r"tjue(?:første|fyrste|andre|tredje|fjerde|femte|sjette|sjuende|sjuande|åttende|åttande|niende|niande)|"
    r"trettiende|trettiande|trettiførste|trettifyrste)\b(?!\s(?:dagen|dag|gangen|gong|plassen|uka|veka|året|timen))",
    re.IGNORECASE,
)
_DAY_MONTH_NUM_RE = re.compile(r"\bden\s(?P<day>\d{1,2})[./](?P<month>\d{1,2})\.?(?![\d]|[.,/]\d)", re.IGNORECASE)
_SINCE_YEAR_RE = re.compile(
    rf"\b(?:jobbet|jobba|jobber|jobbar|arbeidet|arbeider|arbeidd|bodd|budd|bor|bur|vært|vore|sittet|sitter|"
    rf"sete|hatt\s(?:stillingen|stillinga|jobben)|ansatt|tilsett|gift|enke|enkje|enkemann|enkjemann|ufør|syk|"
    rf"sjuk|pensjonist|leder|leiar|sjef)\b[^.?!\n]{{0,60}}?\b(?:siden|sidan|fra|frå)\s"
    rf"(?P<ctx>(?:{_SEASON}|{_MONTH_RE})\s)?{_YEAR}",
    re.IGNORECASE,
)

# --- ages ---------------------------------------------------------------------------------------------
_SMALL_AGE_RX = ("(?:ett|eitt|ei|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten|"
                 "seksten|sytten)")
_AGE_RES = [
    re.compile(rf"\b(?:\d{{1,3}}-|{_NUMWORD_CORE}-?|(?:fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|"
               rf"femten|seksten|sytten)-?)år(?:ing|ingen|inger|ingene|ige|ig)\b", re.IGNORECASE),
    re.compile(rf"\b{_N}\s?år\s(?:gammel|gamle|gammal|gamal|gml\.?)(?!\w)", re.IGNORECASE),
    re.compile(
        rf"\b(?:er|var|blir|ble|blei|vert|e|va|vart|æ)\s(?P<age>(?:{_N}|{_SMALL_AGE_RX})\s?år\b)"
        r"(?!\s(?:siden|senere|tilbake|til\b|fram|frem|etter|før|i\b(?!\s(?:januar|februar|mars|april|mai|juni|juli|"
        r"august|september|oktober|november|desember|fjor|år|sommar|sommer|vinter|vår|haust|høst|jula|julen|påska|påsken))|"
        r"på\b(?!\sbaken)|har|hadde|inn\b|ut\b|med\b|for\b|å\b|"
        r"som\b|lenger|igjen|fra\b|borte|unna|ansatt|ansiennitet|erfaring))",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:fyller|fylte|fylt|fyllt|fyllte|fyll|alder|alderen)\s(?P<age>{_N}(?:\s?år\b)?)", re.IGNORECASE),
    re.compile(r"\b(?:alder|alderen)\s\d{1,3}\b", re.IGNORECASE),
    # "har tre og åtti år på baken"
    re.compile(rf"\bhar\s(?P<age>{_N}\s?år)\spå\sbaken\b", re.IGNORECASE),
    # an infant's age: "tre måneder gammel", "seks veker gamal"
    re.compile(rf"\b(?:\d{{1,2}}|{_SMALL_AGE_RX}|en|ein)\s(?:måneder|månader|måned|månad|uker|veker|uke|veke)\s"
               r"(?:gammel|gamal|gammal|gamle)\b", re.IGNORECASE),
]


# bare ages ("han er 67", "mora mi var 79", "Solveig fyller 90 i mai", "hun er i 80-årene"):
# a person reference, a copula/verb (optionally an adverb such as snart/nesten/over/rundt/nær),
# a number 18–115 and something that ends the phrase (punctuation, og/da/nå/i …) — never a noun
# or unit ("det er 67 søknader", "han var 12 timer på jobb", "kl. 20.30", "uke 12", amounts).
_PERSON_NOUNS = (
    "mora|moren|mor|mamma|moder|faren|far|pappa|fatter|mannen|kona|kone|ektemannen|ektefellen|samboeren|"
    "kjæresten|bror|broren|brora|søster|søsteren|søstera|datteren|dattera|sønnen|barnebarnet|pasienten|"
    "brukeren|søkeren|beboeren|tjenestemottakeren|klienten|bestemor|bestefar|besteforeldrene|mormor|morfar|"
    "farmor|farfar|oldemor|oldefar|tante|tanta|tanten|onkel|onkelen|naboen|naboene|enka|enken|enkemannen|"
    "kvinnen|kvinna|dama|damen|herren|gubben|kjerringa|svigermor|svigerfar|informanten|deltakeren|"
    "den\\seldste|den\\syngste|den\\seine|den\\sene|den\\sandre|ektefelle|partneren|"
    # Nynorsk / dialect
    "sonen|son|dottera|dotra|dotter|systera|syster|brukaren|søkjaren|bebuaren|bebuar|brukar|enkja|enkje|"
    "enkjemannen|grannen|granne|kjerringa|gubben|mannen\\shennar|kona\\shans|far\\smin|mor\\smi"
)
_PRONOUNS = "han|hun|hen|jeg|eg|du|dem|ho|hu|æ|je|jæ|honom|henne|hain|hainn"  # with dialect forms (ho/hu = hun, æ/eg/je = jeg)
_PERSON_INDEFINITE = ("mann|kvinne|kone|dame|herre|kar|jente|gutt|pasient|bruker|brukar|beboer|bebuar|søker|søkjar|"
                      "enke|enkje|enkemann|enkjemann|ektepar|nabo|granne|pensjonist|person|mor|far|sønn|son|datter|"
                      "dotter|bestemor|bestefar|oldemor|oldefar|onkel|tante|venn|venninne|kollega")
# a sentence about a person: a singular personal pronoun, a person noun, or an indefinite person noun
# after an article ("ei dame", "ein mann"; not the verb "bruker")
_PERSONAL_SENTENCE_RE = re.compile(
    rf"\b(?:han|hun|hen|jeg|eg|ho|hu|æ|je|jæ|hain|{_PERSON_NOUNS}|(?:en|ein|ei|et|eit|eldre|gammel|gamal|gamle)\s"
    rf"(?:{_PERSON_INDEFINITE}))\b",
    re.IGNORECASE,
)
_POSSESSIVE = r"(?:\s(?:min|mi|mitt|mine|din|di|hans|hennes|hennar|deres|deira|vår|sin|si))?"
_AGE_VERB = (r"(?:er|var|ble|blei|blir|vert|fyller|fylte|fylle|runder|rundet|rundar|har\sfylt|hadde\sfylt|"
             r"har\sblitt|hadde\sblitt|er\sblitt|skal\sfylle|ska\sfylle|skal\sbli|ska\sbli|"
             r"e|va|vart|bi|bli|æ|fyllte|fylde|har\spassert|har\sbikket|har\srundet|passerte|bikket)")  # dialect: ho e 88, han va 79, ho vart 90
_AGE_ADV = (r"(?:snart|nesten|over|rundt|ca\.?|cirka|omtrent|godt|vel|like|bare|allerede|nå|nettopp|nærmere|"
            r"nær|straks|fortsatt|fremdeles|altså|jo|nok|visst|under|i\sunderkant\sav|i\soverkant\sav|"
            r"langt\sover|litt\sover|"
            r"no|berre|bere|framleis|allereie|kring|om\slag|nærare|snart\sà|alt|visst|nok|eigentleg|"
            r"sjøl|sjølv|selv|sjæl|sjøl\sog|da|då|nå|no|stort\ssett|for\sdet\smeste|som\sregel|gjerne|ofte|mest|"
            r"mer\senn|meir\senn|mindre\senn|ikke|ikkje|itte|itj|ikkje\smeir\senn|ikke\smer\senn)")
_PERSON_REF = (rf"(?:\b(?:{_PRONOUNS})\b|\b(?:{_PERSON_NOUNS}){_POSSESSIVE}\b|\b\w+'(?:n|a|u|o)\b"
               rf"|\b(?:[Ff]ru|[Hh]err|[Ff]røken)\s[{_UP}][{_L}-]+|(?P<name>\b(?-i:[{_UP}][{_L}-]+)){_POSSESSIVE})")
_AGE_TAIL = (rf"(?:\s(?:{_AGE_ADV})){{0,2}}\s")
# candidate-first for speed: a 2–3-digit number (or "NN-årene"), then the context before it in a window
_YOUNG_RX = "(?:to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten)(?![\\w-])"
_AGE_NUM_RE = re.compile(rf"(?<=[^\S\n])(?:\d{{2,3}}\b|{_NUMWORD}|{_YOUNG_RX})", re.IGNORECASE)  # not across a line
# adverbs that may stand between the person and the verb ("han snart var 100", "hun nå er 91")
_PRE_VERB_ADV = (r"(?:som|da|nå|jo|også|altså|snart|nesten|vel|nok|allerede|fortsatt|fremdeles|visst|bare|"
                 r"ikke|faktisk|egentlig|sikkert|kanskje|"
                 r"då|no|òg|og|berre|framleis|allereie|ikkje|itte|eigentleg|truleg)")
# a short prepositional phrase may follow the person: "den yngste på avdelingen er bare 67"
_PERSON_PP = r"(?:\s(?:på|i|hos|av|fra|med)\s(?:\w+\s)?\w+)?"
# "den eldste vi har no er hundre og to": a superlative person reference with a short relative clause
_SUPERLATIVE_REF_BEFORE = re.compile(
    rf"\b(?:den|ho|han|hun)\s(?:eldste|yngste)(?:\s[\w-]+){{0,5}}?\s{_AGE_VERB}{_AGE_TAIL}$", re.IGNORECASE
)
_BARE_AGE_BEFORE = re.compile(
    rf"{_PERSON_REF}{_PERSON_PP},?(?:\s{_PRE_VERB_ADV}){{0,2}}(?:\s{_AGE_VERB}{_AGE_TAIL}|\s(?:snart|nesten)\s)$",
    re.IGNORECASE,
)
# inverted word order (verb before the person, as after a fronted adverbial or in a question):
# "Da var han 76", "er hun snart 90", "fylte mora 80", "Fylte ikke faren hennes 80", "har han fylt 80"
_INV_VERB = r"(?:er|var|ble|blei|blir|fyller|fylte|runder|rundet|rundar|e|va|vart)"
_INV_LEAD = (rf"(?:\b{_INV_VERB}(?:\s(?:ikke|{_AGE_ADV}))?\s"
             rf"|\b(?:har|hadde|er)\s(?=(?:\S+\s){{1,4}}(?:fylt|blitt)\s$))")
_INV_TAIL = rf"(?:\s(?:ikke|{_AGE_ADV})){{0,2}}(?:\s(?:fylt|blitt))?\s"
_BARE_AGE_INVERTED = re.compile(
    rf"(?:{_INV_LEAD}{_PERSON_REF}|\b{_INV_VERB}'(?:n|a|u|o|ho|hu|han))(?:\s(?:ikke|{_AGE_ADV})){{0,2}}"
    rf"(?:\s(?:fylt|blitt))?\s$",
    re.IGNORECASE,
)
_INV_LEAD_END_RE = re.compile(rf"{_INV_LEAD}$", re.IGNORECASE)
_AGE_AFTER_INV_NAME_RE = re.compile(rf"(?:s)?{_INV_TAIL}(?P<age>\d{{2,3}}\b|{_NUMWORD})", re.IGNORECASE)
_DECADE_NUM_RE = re.compile(
    r"\b(?:(?:[2-9]0|100)-|(?:tjue|tretti|førti|femti|seksti|sytti|søtti|åtti|nitti)-?)"
    r"(?:årene|åra|åran|årsalderen|årsalder)\b",
    re.IGNORECASE,
)
# what may follow a bare age: end of phrase, a conjunction, a time expression — not a noun or a unit
_AGE_FOLLOW_OK = re.compile(
    r"(?:\s*$|\s*[,;:!?)\n–]|\.(?!\d)|\s(?:og|da|nå|når|men|så|eller|før|etter|om|neste|snart|i\s(?!\d|uke|uka|timen|døgnet|måneden|mnd|minuttet|snitt|alt\b|stilling|prosent|%)|"
    r"til\s(?!\d)|den\s|dette\s|denne\s|forrige\s|sist\b|allerede\b|helt\b|heller\b|også\b|jo\b|vel\b|"
    r"altså\b|egentlig\b|tror\b|trur\b|trø\b|eller\b|ikke\b|selv\b|sjøl\b|sjæl\b|bare\b|faktisk\b|sikkert\b|"
    r"kanskje\b|visst\b|nok\b|hvis\b|dersom\b|fordi\b|mens\b|sa\b|skjønner\b|vet\b|veit\b|ser\b|"
    r"han\b|hun\b|ho\b|hu\b|hen\b|jeg\b|eg\b|æ\b|no\b|enda\b|ennå\b|fremdeles\b|fortsatt\b|"
    r"gammel\b|gamle\b|gammal\b|gamal\b|då\b|sjølv\b|berre\b|ikkje\b|itte\b|framleis\b|truleg\b|"
    r"eigentleg\b|dei\b|viss\b|sidan\b|medan\b|vi\b|me\b|de\b|du\b|det\b|dette\b))",
    re.IGNORECASE,
)
_PERSON_OF_AGE_RE = re.compile(
    r"\b(?:mann|kvinne|dame|herre|kar|karen|gubbe|kjerring|pensjonist|pasient|bruker|brukar|beboer|bebuar|enke|"
    r"enkje|enkemann|søker|søkjar|mor|far|nabo|granne|gutt|gut|jente|barn|ei|ein|en|ho|han|hun|"
    r"fiskar|fisker|bonde|lærar|lærer|prest|sjømann|skogsarbeidar|skogsarbeider)(?:en|a|et)?\s"
    r"(?:(?:frå|fra|i|på|oppi|nedi)\s[\w-]+\s)?"
    r"(?:på|på\s(?:rundt|nesten|over|snart|godt\sover|bare|berre))\s$",
    re.IGNORECASE,
)
_UNIT_AFTER_RE = re.compile(
    r"\s?(?:timer|timar|time|t\b|kilo|kg|gram|liter|prosent|%|promille|minutter|minutt|min\b|sekunder|dager|dagar|"
    r"døgn|uker|veker|måneder|månader|netter|netter|kvelder|vakter|turer|ganger|gonger|gang\b|gong\b|kroner|kr\b|"
    r"euro|tusen|millioner|mill|milliarder|mil\b|km\b|meter|m\b|cm\b|grader|poeng|sider|stk|stykker|vedtak|"
    r"brukere|brukarar|pasienter|pasientar|plasser|plassar|senger|rom\b|ansatte|tilsette|årsverk|stillinger|"
    r"søknader|søknadar|saker|besøk|tiltak|medisiner|piller|tabletter|nummer|nr\b|-\d|\.\d|,\d|/)",
    re.IGNORECASE,
)
_NOT_AGE_AFTER_RE = re.compile(
    r"\s(?:i|per|pr\.?|om|hver|kvar|på)\s(?:\d|uke|uka|veke|veka|timen|døgnet|måneden|månaden|mnd|minuttet|snitt|"
    r"stilling|prosent|%|jobb|jobben|vakt|vakta|lista|listen|køen|møtet|året|dagen|natta|kvelden|gangen|gongen)",
    re.IGNORECASE,
)
_YEARS_AFTER_RE = re.compile(r"\s?år(?:\s(?:gammel|gamle|gammal|gamal|gml\.?))?\b", re.IGNORECASE)
_YEARS_DURATION_AFTER = re.compile(
    r"\s(?:siden|senere|tilbake|til\b|fram|frem|etter|før|i\b|på\b|har|hadde|inn\b|ut\b|med\b|for\b|"
    r"som\b|lenger|eldre|yngre|igjen|fra\b|borte|unna|ansatt|ansiennitet|erfaring)",
    re.IGNORECASE,
)
_AGE_AFTER_NAME_RE = re.compile(
    rf"(?:s)?,?(?:\s(?:som|da|nå|jo|også|altså))?(?:\s{_AGE_VERB}{_AGE_TAIL}|\s(?:snart|nesten)\s)(?P<age>\d{{2,3}}\b|{_NUMWORD})",
    re.IGNORECASE,
)
_AGE_DECADE_BEFORE = re.compile(
    rf"(?:{_PERSON_REF},?(?:\s(?:som|da|nå|då|no))?\s{_AGE_VERB}(?:\s(?:{_AGE_ADV})){{0,2}}"
    r"|\b(?:en|ei|et|ein|eit|eldre|gammel|gamle|gammal|gamal)?\s?(?:mann|kvinne|dame|herre|pasient|bruker|brukar|"
    r"søker|søkjar|beboer|bebuar|enke|enkje|enkemann|enkjemann|mor|far|bestemor|bestefar|person)(?:en|a)?)"
    r"\s(?P<age>i\s(?:(?:begynnelsen|byrjinga|midten|slutten|starten)\s(?:av|på|tå|ta)\s|tidlig\s|tidleg\s|sene\s|"
    r"sein\s|seine\s|sen\s|midt\s)?)$",
    re.IGNORECASE,
)


def _valid_day_month(day: int, month: int) -> bool:
    return 1 <= day <= 31 and 1 <= month <= 12


def find_id_numbers(text: str) -> Iterator[Span]:
    for m in _FNR_RE.finditer(text):
        digits = (m.group(1) + m.group(2)).replace(".", "").replace(" ", "")
        if is_valid_fnr(digits):
            kind = "D-nummer" if digits[0] in "4567" else "fødselsnummer"
            yield Span(m.start(), m.end(), "ID_NUMBER", m.group(0), "validated", 1.0, details={"kind": kind})
        else:
            # an 11-digit number starting with a plausible date is very likely a mistyped/misheard
            # national identity number: flag it with lower confidence rather than let it leak
            day, month = int(digits[:2]), int(digits[2:4])
            if _valid_day_month(day % 40 if day > 40 else day, month):
                yield Span(m.start(), m.end(), "ID_NUMBER", m.group(0), "pattern", 0.6,
                           details={"kind": "unvalidated"})


_DIGIT_WORDS = "null|en|ett|ein|to|tre|fire|fem|seks|sju|syv|åtte|ni"
_SPOKEN_PHONE_RE = re.compile(
    rf"(?<![\w-])(?:(?:{_DIGIT_WORDS}|{_TENS_RX}{_UNITS_RX}?|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|atten|"
    rf"nitten)\s){{5,}}(?:{_DIGIT_WORDS}|{_TENS_RX}{_UNITS_RX}?)(?![\w-])",
    re.IGNORECASE,
)


def find_phones(text: str) -> Iterator[Span]:
    for m in _SPOKEN_PHONE_RE.finditer(text):
        # "nittifem seks fire null tre to en": a number read out digit by digit (or in pairs)
        yield Span(m.start(), m.end(), "PHONE", m.group(0), "pattern", 0.6, details={"spoken": True})
    for m in _PHONE_RE.finditer(text):
        if _AMOUNT_AFTER.match(text, m.end()) or _AMOUNT_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue
        yield Span(m.start(), m.end(), "PHONE", m.group(0), "pattern", 0.95)


def find_emails(text: str) -> Iterator[Span]:
    for m in _EMAIL_RE.finditer(text):
        yield Span(m.start(), m.end(), "EMAIL", m.group(0), "pattern", 0.99)


def find_urls(text: str) -> Iterator[Span]:
    for m in _URL_RE.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)]»'\"":
            end -= 1
        # skip the domain part of an e-mail address (handled by the e-mail detector)
        if m.start() > 0 and text[m.start() - 1] == "@":
            continue
        yield Span(m.start(), end, "URL", text[m.start():end], "pattern", 0.95)


def find_addresses(text: str) -> Iterator[Span]:
    for m in _ADDRESS_RE.finditer(text):
        value = m.group(0)
        conf = 0.7 if _POSTCODE_ONLY.match(value) else 0.9
        yield Span(m.start(), m.end(), "ADDRESS", value, "pattern", conf)


def find_street_names(text: str) -> Iterator[Span]:
    for m in _STREET_NAME_RE.finditer(text):
        yield Span(m.start("street"), m.end("street"), "PLACE", m.group("street"), "pattern", 0.6,
                   details={"street": True})


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
    for m in _DAY_ORDINAL_MONTH_RE.finditer(text):
        month = next(i + 1 for i, alts in enumerate(_ORDINAL_MONTHS) if m.group("month").lower() in alts.split("|"))
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
             r"julafta|julaftan|nasjonaldagen|grunnlovsdagen)")
_PERSONAL_TIME_RE = re.compile(
    rf"\b(?:i|på|fra|frå|ifrå|ifra|sidan|siden|sia|sea|sien|sida|før|etter|rundt|innen|til|fra\sog\smed|frå\sog\smed)\s"
    rf"(?P<when>(?:(?:begynnelsen|slutten|midten|starten|byrjinga|utgangen)\s(?:av|på)\s)?"
    rf"(?:{_MONTH_FULL_RE}(?:\s{_YEAR})?|{_YEAR.replace('(?P<year>', '(?P<year2>')}|{_HOLIDAYS}))(?![\w-])",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?\n]")


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    a = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    m = _SENTENCE_END.search(text, end)
    return a, (m.start() if m else len(text))


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
            la = text.rfind("\n", 0, start) + 1
            lb = text.find("\n", end)
            if not _PERSONAL_SENTENCE_RE.search(text, la, lb if lb >= 0 else len(text)):
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


_IT_IS_BEFORE_RE = re.compile(r"\b(?:det|dette|da|då)\s(?:er|var|e|va|blir|ble)\s", re.IGNORECASE)
_DURATION_BEFORE_RE = re.compile(r"\b(?:i|på|for|etter|om|gjennom|innan|innen)\s$", re.IGNORECASE)
# subjects that are not one person ("det er 88", "vi var 12", "dei var 30")
_NON_PERSON_SUBJECTS = frozenset(
    "det dette den da då der her vi me de dei dere dokker dykk alle mange fleire flere noen nokon ingen folk "
    "begge tallet talet antallet summen budsjettet lista listen køen kommunen".split()
)
_VERB_BEFORE_AGE = re.compile(rf"\b(?P<subj>[\w-]+),?\s{_AGE_VERB}{_AGE_TAIL}$", re.IGNORECASE)
_GAPPED_AGE_BEFORE = re.compile(rf"(?:\bog|\bmen|,)\s(?:{_PRONOUNS}|{_PERSON_NOUNS}){_POSSESSIVE}\s$", re.IGNORECASE)
_DECADE_COPULA_BEFORE = re.compile(
    rf"\b(?P<subj>[\w-]+),?\s(?:er|e|var|va|vart|blir|ble|blei|æ)(?:\s(?:{_AGE_ADV}|begge|alle)){{0,2}}\s"
    r"(?P<age>i\s(?:(?:begynnelsen|byrjinga|midten|slutten|starten)\s(?:av|på|tå|ta)\s)?)$",
    re.IGNORECASE,
)


_DECADE_QUALIFIED_BEFORE = re.compile(
    r"(?P<age>(?:(?:tidlig|tidleg|sent|seint|midt|langt\sinne)\s)?i\s(?:(?:begynnelsen|byrjinga|midten|slutten|"
    r"starten)\s(?:av|på|tå|ta)\s)?)$",
    re.IGNORECASE,
)


_APPOSITIVE_NUMBER_RE = re.compile(r",\s$")
_APPOSITIVE_AFTER_RE = re.compile(r"(?:\s?år)?(?:,|\.|\s(?:som|og|tror|trur|trør|vel|kanskje|eller)\b)")


_GROUP_AGE_BEFORE = re.compile(
    rf"(?:\b(?:dei|de|dem|dæm|dokker|vi|me)\s(?:{_AGE_VERB})|\b(?:{_AGE_VERB})\s(?:dei|de|dem|dæm|dokker|vi|me))"
    rf"(?:\s(?:{_AGE_ADV}|begge|alle|plutselig|jo|no|nå)){{0,2}}\s$",
    re.IGNORECASE,
)


def _broad_age_context(text: str, start: int, seen: set[tuple[int, int]]) -> bool:
    """Looser evidence for a bare age (confidence 0.5): a verb right before the number whose subject
    is not "det"/"vi"/"dei" …, in a sentence that mentions a person ("ei dame som er 88", "ein mann
    frå Jelsa som berre var 63"), or a gapped age after another one ("ho var 89 og han 93")."""
    word = re.match(r"[^\W\d_]+", text[start:])
    if word and _GROUP_AGE_BEFORE.search(text, max(0, start - 40), start) and (age_value(word.group(0)) or 0) >= 18:
        return True  # "plutselig e dæm nitti", "vi var begge tjuefem" (a number word, never digits)
    m = _VERB_BEFORE_AGE.search(text, max(0, start - 50), start)
    if m and m.group("subj").lower() not in _NON_PERSON_SUBJECTS:
        a, _ = _sentence_around(text, start, start)
        if _PERSONAL_SENTENCE_RE.search(text, a, start):
            return True
    if _GAPPED_AGE_BEFORE.search(text, max(0, start - 30), start):
        return any(0 < start - b < 60 for _, b in seen)
    # "ein mann frå Isfjorden, sekstifire, som …": a number set off by commas in a sentence about a person
    if _APPOSITIVE_NUMBER_RE.search(text, max(0, start - 2), start):
        end = start + len(re.match(r"\S+", text[start:]).group(0).rstrip(","))  # type: ignore[union-attr]
        if _APPOSITIVE_AFTER_RE.match(text, end):
            a, _ = _sentence_around(text, start, start)
            return bool(_PERSONAL_SENTENCE_RE.search(text, a, start))
    return False


def find_ages(text: str) -> Iterator[Span]:
    seen: set[tuple[int, int]] = set()
    for rx in _AGE_RES:
        for m in rx.finditer(text):
            grp = "age" if "age" in rx.groupindex else 0
            start, end = m.start(grp), m.end(grp)
            if (start, end) in seen:
                continue
            if rx is _AGE_RES[2] and (_DURATION_BEFORE_RE.search(text, max(0, m.start() - 8), m.start())
                                      or _IT_IS_BEFORE_RE.search(text, max(0, m.start() - 12), m.start() + 4)):
                continue  # "i snart tjue år", "det er 20 år": a duration
            seen.add((start, end))
            age = age_value(m.group(grp))
            if age is not None and age > 120:
                continue
            yield Span(start, end, "AGE", m.group(grp), "pattern", 0.9, details={"age": age})
    yield from _bare_ages(text, seen)


def _name_like(word: str) -> bool:
    from workbench.deid import gazetteers

    g = gazetteers.load()
    return g.is_first(word) or g.is_surname(word)


def _bare_ages(text: str, seen: set[tuple[int, int]]) -> Iterator[Span]:
    """Ages in a person context ("han er 67", "Solveig fyller 90 i mai", "han var bare 19 år da",
    "ho e åttifem", "i 80-årene"); the number may be digits or a number word."""
    for num in _AGE_NUM_RE.finditer(text):
        start, end = num.start(), num.end()
        if (start, end) in seen or any(a <= start < b for a, b in seen):
            continue
        age = age_value(num.group(0))
        if age is None or not 2 <= age <= 115:
            continue
        if re.match(r"[.,:]\d|-\d|\s?%", text[end:end + 4]):
            continue
        strong_ctx = (_PERSON_OF_AGE_RE.search(text, max(0, start - 40), start) is not None
                      or _person_context(_BARE_AGE_BEFORE, text, start) is not None
                      or _person_context(_BARE_AGE_INVERTED, text, start) is not None
                      or _SUPERLATIVE_REF_BEFORE.search(text, max(0, start - 70), start) is not None)
        if age < 18 and not (strong_ctx or (_GAPPED_AGE_BEFORE.search(text, max(0, start - 30), start)
                                            and any(0 < start - b < 60 for _, b in seen))):
            continue  # a child's age only in a strong person context ("han er fjorten nå")
        years = _YEARS_AFTER_RE.match(text, end)
        if years:
            # "han var bare 19 år da …", "ho e nitti år": an age, unless it is a duration ("i 20 år",
            # "20 år siden", "var 30 år i kommunen")
            if _YEARS_DURATION_AFTER.match(text, years.end()) \
                    and not _PERSON_OF_AGE_RE.search(text, max(0, start - 40), start):
                continue  # ("moren på 89 år hadde …" is an age whatever follows)
            end = years.end()
        elif not _AGE_FOLLOW_OK.match(text, end):
            if age < 18:
                continue  # a child's age must end the phrase ("han er fjorten nå"), not "av dem er to øremerket"
            # after a strong person context ("ho vart 90 same sommaren", "en mann på 87 som …") only a
            # unit, a counted noun or a time-span phrase rules the age out
            if not strong_ctx or _UNIT_AFTER_RE.match(text, end) or _NOT_AGE_AFTER_RE.match(text, end):
                continue
        conf = 0.75
        if not strong_ctx:
            if not _broad_age_context(text, start, seen):
                continue
            conf = 0.5
        if any(a < end and start < b for a, b in seen):
            continue
        seen.add((start, end))
        yield Span(start, end, "AGE", text[start:end], "pattern", conf, details={"age": age, "bare": True})
    for num in _DECADE_NUM_RE.finditer(text):
        m = _person_context(_AGE_DECADE_BEFORE, text, num.start())
        if m is None:
            # "dei fleste som søkjer er i 90-åra" (not "det var i 80-årene at …", a period)
            m = _DECADE_COPULA_BEFORE.search(text, max(0, num.start() - 60), num.start())
            if m is None or m.group("subj").lower() in ("det", "dette", "da", "då", "den", "der"):
                # "en mann tidlig i sekstiårene" in a sentence about a person
                m = _DECADE_QUALIFIED_BEFORE.search(text, max(0, num.start() - 40), num.start())
                a, _ = _sentence_around(text, num.start(), num.end())
                if m is None or not _PERSONAL_SENTENCE_RE.search(text, a, num.start()) \
                        or re.search(r"\b(?:det|dette)\s(?:var|er|skjedde|skjer|va|e)\b", text[a:num.start()], re.IGNORECASE):
                    continue
        start, end = m.start("age"), num.end()
        if (start, end) in seen:
            continue
        seen.add((start, end))
        decade = age_value(num.group(0))
        yield Span(start, end, "AGE", text[start:end], "pattern", 0.75, details={"age": decade, "bare": True})


def _person_context(rx: re.Pattern[str], text: str, end: int) -> re.Match[str] | None:
    """A person reference + verb ending exactly at ``end`` (searched in a short window before it)."""
    pos = max(0, end - 90)
    while True:
        m = rx.search(text, pos, end)
        if m is None:
            return None
        name = m.group("name")
        if name is None or _name_like(name):
            return m
        pos = m.start() + 1


def age_after_person(text: str, end: int, start: int | None = None) -> Span | None:
    """A bare age right after a person name found by another detector ("Terje Myre var 67 da …"),
    or, given the name's ``start``, in inverted word order ("Da var Terje Myre 67")."""
    m = _AGE_AFTER_NAME_RE.match(text, end)
    if m is None and start is not None and _INV_LEAD_END_RE.search(text, max(0, start - 40), start):
        m = _AGE_AFTER_INV_NAME_RE.match(text, end)
    if m is None:
        return None
    age = age_value(m.group("age"))
    if age is None or not 18 <= age <= 115 or not _AGE_FOLLOW_OK.match(text, m.end("age")):
        return None
    if re.match(r"\s?år\b|[.,:]\d|-\d|\s?%", text[m.end("age"):m.end("age") + 4]):
        return None
    return Span(m.start("age"), m.end("age"), "AGE", m.group("age"), "pattern", 0.75,
                details={"age": age, "bare": True})


_APPOSITIVE_AGE_RE = re.compile(rf"(?:,\s|\s\()(?P<age>\d{{2,3}}|{_NUMWORD})(?:\s?år)?(?:,|\)|\s(?:og|som)\b)", re.IGNORECASE)


def appositive_age(text: str, end: int) -> Span | None:
    """An age in apposition right after a person's name: "Tor Magne, 77, som …", "Kari (84)"."""
    m = _APPOSITIVE_AGE_RE.match(text, end)
    if m is None:
        return None
    age = age_value(m.group("age"))
    if age is None or not 18 <= age <= 115:
        return None
    return Span(m.start("age"), m.end("age"), "AGE", m.group("age"), "pattern", 0.7, details={"age": age, "bare": True})


_INITIALS_RE = re.compile(
    r"\b(?:[Tt]ranskribert|[Ii]ntervjuet|[Ss]krevet|[Nn]otert|[Oo]versatt|[Ll]est\sgjennom)\s(?:av\s)?"
    r"(?P<ini>[A-ZÆØÅ]{2,3})\b"
)


def find_initials(text: str) -> Iterator[Span]:
    """Initials of a transcriber or interviewer ("Transkribert av MS")."""
    for m in _INITIALS_RE.finditer(text):
        yield Span(m.start("ini"), m.end("ini"), "PERSON", m.group("ini"), "pattern", 0.8)


def find_patterns(text: str) -> list[Span]:
    """All pattern detections (may overlap; the combiner resolves overlaps)."""
    out: list[Span] = []
    for finder in (find_id_numbers, find_phones, find_emails, find_urls, find_addresses, find_street_names,
                   find_dates, find_ages, find_initials):
        out.extend(finder(text))
    return out
