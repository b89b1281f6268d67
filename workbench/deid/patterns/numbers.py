"""Norwegian vocabulary shared by the pattern detectors: letter classes, month names and ordinals,
number words (``NUMBER_WORDS``, ``YOUNG_WORDS``, ``age_value``) and spoken years
(``SPOKEN_YEARS``, ``year_value``) with the compact regex forms the detectors build on."""

from __future__ import annotations

import re

_L = "A-Za-zÆØÅæøåÄÖÜäöüÉéÈèÁáÓóÍíÚú"
_UP = "A-ZÆØÅÄÖÜÉÁ"
# the start of a word, for patterns that open with an alternation of words: same as a leading \b there
# (bar "_"), but Python's regex engine rejects most positions faster with it (about a third less time on
# the date patterns, docs/benchmarks.md)
_WORD_START = r"(?<![^\W_])"

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember")
# dialect spellings of month names in transcripts (value = month number)
_DIALECT_MONTHS = {"jenuar": 1, "febrar": 2, "febrær": 2, "aprill": 4, "augus": 8, "septembe": 9, "septæmber": 9,
                   "oktobe": 10, "oktobær": 10, "novemmer": 11, "novembe": 11, "novæmber": 11, "desembe": 12,
                   "desemmer": 12, "desæmber": 12, "novembær": 11, "desembær": 12, "septembær": 9}
_MONTH_ABBR = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "des")
_ORDINALS = ("første", "andre", "tredje", "fjerde", "fjorde", "femte", "sjette", "sjuende", "syvende", "åttende",
             "niende", "tiende", "ellevte", "tolvte", "trettende", "fjortende", "femtende", "sekstende",
             "syttende", "attende", "nittende", "tjuende", "tjueførste", "tjueandre", "tjuetredje",
             "tjuefjerde", "tjuefemte", "tjuesjette", "tjuesjuende", "tjueåttende", "tjueniende",
             "trettiende", "trettiførste", "tyvende", "enogtyvende",
             # dialect
             "førtende", "førtande", "fjortanne", "femtanne", "sekstanne",
             # Nynorsk
             "fyrste", "sjuande", "åttande", "niande", "tiande", "trettande", "fjortande", "femtande", "sekstande",
             "syttande", "attande", "nittande", "tjuande", "tjuefyrste", "tjuesjuande", "tjueåttande",
             "tjueniande", "trettiande", "trettifyrste",
             # dialect: "sjuanne november", "tjuesjuanne"
             "sjuanne", "åttanne", "nianne", "tianne", "trettanne", "syttanne", "attanne", "nittanne", "tjuanne",
             "tjuesjuanne", "tjueåttanne", "tjuenianne", "trettianne")
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
                  "tvo": 2, "sekse": 6, "fyrre": 4, "fjire": 4, "fyra": 4,
                  "tu": 2, "førre": 4}
_TENS = {"tjue": 20, "tyve": 20, "tjuge": 20, "tjugu": 20, "tretti": 30, "tredve": 30, "førti": 40, "femti": 50,
         "fæmti": 50, "seksti": 60, "sæksti": 60, "sytti": 70, "søtti": 70, "sjøtti": 70, "åtti": 80, "nitti": 90,
         # dialect: fyrrifæm, fyrtifire
         "fyrri": 40, "fyrti": 40, "førri": 40, "sjutti": 70}


def _build_number_words() -> dict[str, int]:
    words = {"atten": 18, "nitten": 19, "hundre": 100, "etthundre": 100, "hondre": 100}
    for tens, tv in _TENS.items():
        words[tens] = tv
        for unit, uv in _SMALL_NUMBERS.items():
            words[tens + unit] = tv + uv           # åttifem, tjueen
            words[f"{tens}-{unit}"] = tv + uv      # åtti-fem
            words[f"{tens}-å-{unit}"] = tv + uv    # nitti-å-to (dialect)
            words[f"{tens}-og-{unit}"] = tv + uv
            words[f"{unit}og{tens}"] = tv + uv     # femogåtti (older counting)
            words[f"{unit} og {tens}"] = tv + uv   # tre og åtti
            words[f"{unit}-å-{tens}"] = tv + uv    # sju-å-åtti (dialect)
            words[f"{unit}-og-{tens}"] = tv + uv   # fem-og-åtti
            words[f"{unit}å{tens}"] = tv + uv      # fæmåsytti (dialect)
            words[f"{unit}{tens}"] = tv + uv       # åtteåtti, femåtti (older counting without "og")
            if tens == "åtti":
                words[f"åtte{unit}"] = tv + uv     # åtteåtte, åtteni (dialect for åttiåtte, åttini)
    for unit, uv in {**_SMALL_NUMBERS, "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14,
                     "femten": 15}.items():
        for hundred in ("hundre", "hondre"):
            words[f"{hundred}og{unit}"] = 100 + uv
            words[f"{hundred} og {unit}"] = 100 + uv
    return words


NUMBER_WORDS = _build_number_words()
# children's ages as words (only taken in a strong person context: "han er fjorten nå", "ein gut på sytten")
YOUNG_WORDS = {"to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12,
               "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17}
# regex forms of the dictionaries above, longest alternative first ("fira" before "fir")
def _alternation(words) -> str:  # noqa: ANN001 - any iterable of str
    return "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"


_UNITS_RX = _alternation(_SMALL_NUMBERS)
_TENS_RX = _alternation(_TENS)
# compact (fast) form of NUMBER_WORDS; values come from the dict
_NUMWORD_CORE = (rf"(?:{_TENS_RX}(?:(?:-|-å-|-og-)?{_UNITS_RX})?|{_UNITS_RX}(?:\s?og\s?|-å-|-og-|å)?{_TENS_RX}|"
                 rf"åtte{_UNITS_RX}|atten|nitten|etthundre|"
                 rf"h[uo]ndre(?:\s?og\s?(?:{_UNITS_RX}|ti|elleve|tolv|tretten|fjorten|femten))?)")
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
            years[f"{century_word}-{tail}"] = century + value  # "tjue-tolv"
            for tens_word in _TENS:
                if tail.startswith(tens_word) and tail != tens_word and tail[len(tens_word):] in _SMALL_NUMBERS:
                    years[f"{century_word}-{tens_word}-{tail[len(tens_word):]}"] = century + value  # nitten-tretti-tre
            years[f"{century_word}hundreog{tail}"] = century + value
            years[f"{century_word}hondreog{tail}"] = century + value
            years[f"{century_word} {tail}"] = century + value
            years[f"{century_word} hundre og {tail}"] = century + value  # "nitten hundre og førtisju"
    for tens_word, tens_value in _TENS.items():
        for unit_word, unit_value in _SMALL_NUMBERS.items():
            years[f"nitten{unit_word}og{tens_word}"] = 1900 + tens_value + unit_value  # nittentreogåtti
    for tail, value in _MILLENNIUM_TAILS.items():
        for form in (f"totusenog{tail}", f"to tusen og {tail}", f"totusen og {tail}", f"to tusen {tail}",
                     f"tjuetusenog{tail}", f"tjuetusen og {tail}"):
            years[form] = 2000 + value
    return years


SPOKEN_YEARS = _spoken_years()
_YEAR_TAIL_RX = (rf"(?:ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|atten|åtten|nitten|{_TENS_RX}{_UNITS_RX}?|"
                 rf"{_UNITS_RX}og{_TENS_RX})")
# compact (fast) form of SPOKEN_YEARS; ``year_value`` rejects forms outside the dict ("tjuesytti")
_SPOKEN_YEAR = (rf"(?:(?:nitten|tjue)-{_TENS_RX}-{_UNITS_RX}|(?:nitten|tjue)(?:h[uo]ndreog|\shundre\sog\s|\s|-)?{_YEAR_TAIL_RX}|(?:to|tjue)\s?tusen(?:\s?og\s|\s?og|\s){_YEAR_TAIL_RX}"
                rf"|(?:to|tjue)\s?tusen(?:\s?og\s?|\s){_UNITS_RX})(?![\w-])")
_YEAR = (r"(?P<year>(?:19[0-9]|20[0-4])\d(?![\d]|[.,-]\d|\s?(?:kr\b|kroner|mill|prosent|%|nr\b))|"
         + _SPOKEN_YEAR + ")")


def year_value(token: str) -> int | None:
    """The year of a digit or spoken year token ("2015", "tjuefemten"); None for a non-year."""
    return int(token) if token.isdigit() else SPOKEN_YEARS.get(token.lower())
