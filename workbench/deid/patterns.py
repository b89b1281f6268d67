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
        month = _month_of(value)
        yield Span(m.start(), m.end(), "DATE", value, "pattern", 0.9,
                   details={"month": month, "year": int(year_m.group(1)) if year_m else None})
    for m in _BORN_YEAR_RE.finditer(text):
        yield Span(m.start(), m.end(), "DATE", m.group(0), "pattern", 0.8, details={"born": True})


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
