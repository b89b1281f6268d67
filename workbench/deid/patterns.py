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
_MONTH_ABBR = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "des")
_ORDINALS = ("første", "andre", "tredje", "fjerde", "femte", "sjette", "sjuende", "syvende", "åttende",
             "niende", "tiende", "ellevte", "tolvte", "trettende", "fjortende", "femtende", "sekstende",
             "syttende", "attende", "nittende", "tjuende", "tjueførste", "tjueandre", "tjuetredje",
             "tjuefjerde", "tjuefemte", "tjuesjette", "tjuesjuende", "tjueåttende", "tjueniende",
             "trettiende", "trettiførste", "tyvende", "enogtyvende")
_MONTH_RE = "(?:" + "|".join(MONTHS) + "|" + "|".join(a + r"\.?" for a in _MONTH_ABBR) + ")"

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
# --- dates --------------------------------------------------------------------------------------------
_DATE_NUM_RE = re.compile(r"(?<![\d.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[.,/-]\d)")
_DATE_ISO_RE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
_DATE_WORD_RE = re.compile(
    rf"(?<![\w.])(?:(?:(?:man|tirs|ons|tors|fre|lør|søn)dag(?:en)?\s)?(?:den\s)?"
    rf"(?:\d{{1,2}}\.?|{'|'.join(_ORDINALS)})\s{_MONTH_RE}(?:\s\d{{4}})?)(?![\w])",
    re.IGNORECASE,
)
_BORN_YEAR_RE = re.compile(r"\b(?:født|fødd|f\.)\s(?:i\s)?(?:19|20)\d{2}\b", re.IGNORECASE)
_LAW_AFTER = re.compile(r"\s*nr\.?\s*\d", re.IGNORECASE)
# --- years in date-like contexts ----------------------------------------------------------------------
# A bare year is an identifier when it dates an event in someone's life ("han sluttet i 2019",
# "flyttet hit våren 2015", "jobbet her siden 2011", "i mars 2019"); years of reforms, laws,
# reports, budgets and statistics are not ("samhandlingsreformen i 2012", "KOSTRA 2022").
_YEAR = r"(?P<year>(?:19[0-9]|20[0-4])\d)(?![\d]|[.,-]\d|\s?(?:kr\b|kroner|mill|prosent|%|nr\b))"
_EVENT_VERBS = (
    r"sluttet|slutta|sluttа|begynte|begynt|startet|starta|flyttet|flytta|flytte|kom|døde|dødde|gikk\sbort|"
    r"gikk\sav|giftet|gifta|skilte|skilt|pensjonerte|pensjonert|ansatt|ansatte|innlagt|operert|utskrevet|"
    r"skrevet\sut|overtok|tiltrådte|mistet|mista|falt|datt|brakk|fødte|fikk\s(?:diagnosen|demens|slag|"
    r"hjerneslag|plass|jobb|jobben|stillingen|vedtak|beskjed|kreft|hjerteinfarkt|barn)|ble\s(?:ansatt|syk|"
    r"pensjonist|enke|enkemann|uføretrygdet|ufør|innlagt|operert|diagnostisert|født|skilt|gift|sykmeldt|"
    r"leder|sjef|enhetsleder)|var\s(?:ferdig|utdannet)|utdannet|uteksaminert|tok\s(?:over|utdanning)"
)
_SEASON = (r"(?:våren|vår|sommeren|sommer|høsten|høst|vinteren|vinter|julen|jula|jul|påsken|påska|påske|"
           r"nyttår|nyttåret|årsskiftet|(?:i\s)?(?:starten|begynnelsen|slutten|midten|utgangen)\sav)")
_EVENT_YEAR_RE = re.compile(
    rf"\b(?:{_EVENT_VERBS})\b(?:\s(?!(?:og|men|mens|fordi|at)\b)[{_L}-]+){{0,4}}?,?\s"
    rf"(?:i\s|(?:i\s)?{_SEASON}\s|(?:i\s)?{_MONTH_RE}\s|rundt\s|ca\.?\s)?{_YEAR}",
    re.IGNORECASE,
)
# "samhandlingsreformen kom i 2012", "loven trådte i kraft i 2018": the subject is not a person
_NON_PERSON_SUBJECT = re.compile(
    r"(?:reformen|loven|lova|forskriften|rapporten|meldingen|ordningen|tilbudet|systemet|avtalen|vedtaket|"
    r"prosjektet|strategien|planen|veilederen|retningslinjen|budsjettet|tallene|statistikken|kommunen|"
    r"sammenslåingen|endringen|endringene|pandemien|korona|covid(?:-19)?)\s$",
    re.IGNORECASE,
)
_SEASON_YEAR_RE = re.compile(rf"\b(?P<ctx>{_SEASON}|i\s{_MONTH_RE})\s{_YEAR}", re.IGNORECASE)
_SINCE_YEAR_RE = re.compile(
    rf"\b(?:jobbet|jobba|jobber|arbeidet|arbeider|bodd|budd|bor|vært|sittet|sitter|hatt\s(?:stillingen|jobben)|"
    rf"ansatt|gift|enke|enkemann|ufør|syk|pensjonist)\b[^.?!\n]{{0,40}}?\b(?:siden|fra)\s{_YEAR}",
    re.IGNORECASE,
)

# --- ages ---------------------------------------------------------------------------------------------
_AGE_RES = [
    re.compile(r"\b\d{1,3}-år(?:ing|ingen|inger|ingene|ige|ig)\b", re.IGNORECASE),
    re.compile(r"\b\d{1,3}\s?år\s(?:gammel|gamle|gml\.?)(?!\w)", re.IGNORECASE),
    re.compile(
        r"\b(?:er|var|blir|ble|snart|nesten|på)\s(?P<age>\d{1,3}\s?år\b)"
        r"(?!\s(?:siden|senere|tilbake|til\b|fram|frem|etter|før|i\b|på\b|har|hadde|inn\b|ut\b))",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:fyller|fylte|fylt|alder|alderen)\s(?P<age>\d{1,3}(?:\s?år\b)?)", re.IGNORECASE),
    re.compile(r"\b(?:alder|alderen)\s\d{1,3}\b", re.IGNORECASE),
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
    "den\\seldste|den\\syngste|ektefelle|partneren"
)
_PRONOUNS = "han|hun|hen|jeg|eg|du|dem"
_POSSESSIVE = r"(?:\s(?:min|mi|mitt|mine|din|di|hans|hennes|deres|vår|sin|si))?"
_AGE_VERB = (r"(?:er|var|ble|blei|blir|fyller|fylte|fylle|runder|rundet|rundar|har\sfylt|hadde\sfylt|"
             r"har\sblitt|hadde\sblitt|er\sblitt|skal\sfylle|ska\sfylle)")
_AGE_ADV = (r"(?:snart|nesten|over|rundt|ca\.?|cirka|omtrent|godt|vel|like|bare|allerede|nå|nettopp|nærmere|"
            r"nær|straks|fortsatt|fremdeles|altså|jo|nok|visst|under|i\sunderkant\sav|i\soverkant\sav|"
            r"langt\sover|litt\sover)")
_PERSON_REF = (rf"(?:\b(?:{_PRONOUNS})\b|\b(?:{_PERSON_NOUNS}){_POSSESSIVE}\b"
               rf"|\b(?:[Ff]ru|[Hh]err|[Ff]røken)\s[{_UP}][{_L}-]+|(?P<name>\b(?-i:[{_UP}][{_L}-]+)))")
_AGE_TAIL = (rf"(?:\s(?:{_AGE_ADV})){{0,2}}\s")
# candidate-first for speed: a 2–3-digit number (or "NN-årene"), then the context before it in a window
_AGE_NUM_RE = re.compile(r"(?<=[^\S\n])\d{2,3}\b")  # not across a line break (cue numbers)
# adverbs that may stand between the person and the verb ("han snart var 100", "hun nå er 91")
_PRE_VERB_ADV = (r"(?:som|da|nå|jo|også|altså|snart|nesten|vel|nok|allerede|fortsatt|fremdeles|visst|bare|"
                 r"ikke|faktisk|egentlig|sikkert|kanskje)")
_BARE_AGE_BEFORE = re.compile(
    rf"{_PERSON_REF},?(?:\s{_PRE_VERB_ADV}){{0,2}}(?:\s{_AGE_VERB}{_AGE_TAIL}|\s(?:snart|nesten)\s)$",
    re.IGNORECASE,
)
# inverted word order (verb before the person, as after a fronted adverbial or in a question):
# "Da var han 76", "er hun snart 90", "fylte mora 80", "Fylte ikke faren hennes 80", "har han fylt 80"
_INV_VERB = r"(?:er|var|ble|blei|blir|fyller|fylte|runder|rundet|rundar)"
_INV_LEAD = (rf"(?:\b{_INV_VERB}(?:\s(?:ikke|{_AGE_ADV}))?\s"
             rf"|\b(?:har|hadde|er)\s(?=(?:\S+\s){{1,4}}(?:fylt|blitt)\s$))")
_INV_TAIL = rf"(?:\s(?:ikke|{_AGE_ADV})){{0,2}}(?:\s(?:fylt|blitt))?\s"
_BARE_AGE_INVERTED = re.compile(rf"{_INV_LEAD}{_PERSON_REF}{_INV_TAIL}$", re.IGNORECASE)
_INV_LEAD_END_RE = re.compile(rf"{_INV_LEAD}$", re.IGNORECASE)
_AGE_AFTER_INV_NAME_RE = re.compile(rf"(?:s)?{_INV_TAIL}(?P<age>\d{{2,3}})\b", re.IGNORECASE)
_DECADE_NUM_RE = re.compile(r"\b(?:[2-9]0|100)-(?:årene|åra|åran)\b", re.IGNORECASE)
# what may follow a bare age: end of phrase, a conjunction, a time expression — not a noun or a unit
_AGE_FOLLOW_OK = re.compile(
    r"(?:\s*$|\s*[,;:!?)\n–]|\.(?!\d)|\s(?:og|da|nå|når|men|så|eller|før|etter|om|neste|snart|i\s(?!\d|uke|uka|timen|døgnet|måneden|mnd|minuttet|snitt|alt\b|stilling|prosent|%)|"
    r"til\s(?!\d)|den\s|dette\s|denne\s|forrige\s|sist\b|allerede\b|helt\b|heller\b|også\b|jo\b|vel\b|"
    r"altså\b|egentlig\b|tror\b|trur\b|eller\b|ikke\b))",
    re.IGNORECASE,
)
_AGE_AFTER_NAME_RE = re.compile(
    rf"(?:s)?,?(?:\s(?:som|da|nå|jo|også|altså))?(?:\s{_AGE_VERB}{_AGE_TAIL}|\s(?:snart|nesten)\s)(?P<age>\d{{2,3}})\b",
    re.IGNORECASE,
)
_AGE_DECADE_BEFORE = re.compile(
    rf"(?:{_PERSON_REF},?(?:\s(?:som|da|nå))?\s{_AGE_VERB}(?:\s(?:{_AGE_ADV}))?"
    r"|\b(?:en|ei|et|ein|eldre|gammel|gamle)?\s?(?:mann|kvinne|dame|herre|pasient|bruker|søker|beboer|enke|"
    r"enkemann|mor|far|bestemor|bestefar|person)(?:en|a)?)"
    r"\s(?P<age>i\s(?:(?:begynnelsen|midten|slutten|starten)\sav\s|tidlig\s|sene\s|sein\s|sen\s|midt\s)?)$",
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


def find_phones(text: str) -> Iterator[Span]:
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
    for m in _BORN_YEAR_RE.finditer(text):
        yield Span(m.start(), m.end(), "DATE", m.group(0), "pattern", 0.8, details={"born": True})
    yield from find_years(text)


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
            if _LAW_AFTER.match(text, end) or _NON_PERSON_SUBJECT.search(text, max(0, m.start() - 40), m.start()):
                continue
            seen.add(m.start("year"))
            month = _month_of(text[start:m.start("year")]) if start < m.start("year") else None
            yield Span(start, end, "DATE", text[start:end], "pattern", conf,
                       details={"year": int(m.group("year")), "month": month, "year_only": True})


def _month_of(value: str) -> int | None:
    low = value.lower()
    for i, name in enumerate(MONTHS):
        if re.search(rf"\b{name[:3]}", low):
            return i + 1
    return None


def _year(two_or_four: str) -> int:
    y = int(two_or_four)
    if len(two_or_four) == 2:
        y += 2000 if y < 50 else 1900
    return y


def find_ages(text: str) -> Iterator[Span]:
    seen: set[tuple[int, int]] = set()
    for rx in _AGE_RES:
        for m in rx.finditer(text):
            grp = "age" if "age" in rx.groupindex else 0
            start, end = m.start(grp), m.end(grp)
            if (start, end) in seen:
                continue
            seen.add((start, end))
            num = re.search(r"\d+", m.group(grp))
            age = int(num.group(0)) if num else None
            if age is not None and age > 120:
                continue
            yield Span(start, end, "AGE", m.group(grp), "pattern", 0.9, details={"age": age})
    yield from _bare_ages(text, seen)


def _name_like(word: str) -> bool:
    from workbench.deid import gazetteers

    g = gazetteers.load()
    return g.is_first(word) or g.is_surname(word)


def _bare_ages(text: str, seen: set[tuple[int, int]]) -> Iterator[Span]:
    """Ages without "år" in a person context ("han er 67", "Solveig fyller 90 i mai", "i 80-årene")."""
    for num in _AGE_NUM_RE.finditer(text):
        start, end = num.start(), num.end()
        if (start, end) in seen or any(a <= start < b for a, b in seen):
            continue
        age = int(num.group(0))
        if not 18 <= age <= 115:
            continue
        if re.match(r"\s?år\b|[.,:]\d|-\d|\s?%", text[end:end + 4]):
            continue
        if not _AGE_FOLLOW_OK.match(text, end):
            continue
        if (_person_context(_BARE_AGE_BEFORE, text, start) is None
                and _person_context(_BARE_AGE_INVERTED, text, start) is None):
            continue
        seen.add((start, end))
        yield Span(start, end, "AGE", num.group(0), "pattern", 0.75, details={"age": age, "bare": True})
    for num in _DECADE_NUM_RE.finditer(text):
        m = _person_context(_AGE_DECADE_BEFORE, text, num.start())
        if m is None:
            continue
        start, end = m.start("age"), num.end()
        if (start, end) in seen:
            continue
        seen.add((start, end))
        decade = int(re.match(r"\d+", num.group(0)).group(0))  # type: ignore[union-attr]
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
    age = int(m.group("age"))
    if not 18 <= age <= 115 or not _AGE_FOLLOW_OK.match(text, m.end("age")):
        return None
    if re.match(r"\s?år\b|[.,:]\d|-\d|\s?%", text[m.end("age"):m.end("age") + 4]):
        return None
    return Span(m.start("age"), m.end("age"), "AGE", m.group("age"), "pattern", 0.75,
                details={"age": age, "bare": True})


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
    for finder in (find_id_numbers, find_phones, find_emails, find_urls, find_addresses, find_dates, find_ages,
                   find_initials):
        out.extend(finder(text))
    return out
