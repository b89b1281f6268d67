"""Contact and identity patterns: ID numbers, phone numbers (also read out as words), e-mail,
URLs, street addresses, street names and transcriber initials."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.deid.gazetteers import lower_case_line
from workbench.deid.patterns.dates import _valid_day_month
from workbench.deid.patterns.numbers import _L, _SMALL_NUMBERS, _TENS_RX, _UNITS_RX, _UP, NUMBER_WORDS
from workbench.deid.spans import Span
from workbench.deid.validators import is_valid_fnr

# --- ID numbers: 11 digits, optionally DDMMYY + space/dot + 5 digits --------------------------------
_FNR_RE = re.compile(
    r"(?<![\d.,-])(\d{2}[.]?\d{2}[.]?\d{2})[ .-]?(\d{3}[ ]?\d{2})(?!\d|[.,-]\d)"
)
# --- phone numbers (+47 / 0047 optional; 8 digits in the usual groupings) ----------------------------
_PHONE_RE = re.compile(
    r"(?<![\w+.,-])(?:\(?(?:\+|00)\s?47\)?[\s.-]?)?"
    r"(?:[2-9]\d{7}|[2-9]\d{2}[ .]\d{2}[ .]\d{3}|[2-9]\d{2}[ .]\d{2}[ .]\d{2}[ .]\d{1}(?!\d)|[2-9]\d{2}[ .]\d{2}[ .]\d{2}[ .]\d{2}|"
    r"[2-9](?:\s\d){7}|[2-9]\d[ .]\d{2}[ .]\d{2}[ .]\d{2}|[2-9]\d{3}[ .]\d{4}|[2-9]\d{2}[ .]\d{5}|[2-9]\d{2}[ .]\d{3}[ .]\d{2})"
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
    rf"|(?:\b[{_UP}][{_L}-]+s?\s(?:gate|gata|vei|veg|allé|plass|torg)\s\d{{1,4}}(?:\s?[A-Ha-h]\b)?)"
    rf"|(?:\b[Pp]ostboks\s\d{{1,5}}(?:,?\s\d{{4}}\s[{_UP}][{_L}-]+)?)"
    rf"|(?:(?<=[,\s])\d{{4}}\s(?!Kr\b|NOK\b)[{_UP}][{_L}-]+(?=[\s.,;)]|$))"
)
# speech-to-text: "ja fjellvegen tre på Myking" (a house number said as a word)
_LOWER_ADDRESS_RE = re.compile(
    r"\b[a-zæøå][a-zæøå-]{2,}(?:veien|vegen|gata|gaten|vei|veg)\s(?:\d{1,4}[a-h]?|ein|en|ett|to|tre|fire|fem|seks|sju|"
    r"syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|atten|nitten|tjue\w*|tretti\w*|førti\w*)\b"
)
_POSTCODE_ONLY = re.compile(r"^\d{4}\s")
# a street named without a number ("hun bor i Kirkegata", "oppe i Bakkeveien"): a place
_STREET_NAME_RE = re.compile(
    rf"\b(?i:i|på|fra|ved|langs|til|oppi|nedi|borti)\s"
    rf"(?P<street>[{_UP}][{_L}-]*(?:veien|vegen|gata|gaten|gate|bakken|svingen|stien|tunet|plassen|torget|allé|alleen))"
    rf"(?![\w-]|\s\d)"
)


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


_DIGIT_WORDS = f"null|{_UNITS_RX}"  # every way of saying a digit, dialect included (sæks, fir, sjau)
_PHONE_PART = (rf"(?:{_DIGIT_WORDS}|{_TENS_RX}{_UNITS_RX}?|{_UNITS_RX}og{_TENS_RX}|ti|elleve|tolv|tretten|fjorten|femten|seksten|sytten|atten|"
               rf"nitten)")
# separated by spaces, commas or hyphens: "ni-to-en, førtifem, tretti, sekstiåtte"
_SPOKEN_PHONE_RE = re.compile(rf"(?<![\w-]){_PHONE_PART}(?:(?:,?\s|-){_PHONE_PART}){{3,}}(?![\w-])", re.IGNORECASE)
_ONE_DIGIT = re.compile(rf"(?:{_DIGIT_WORDS})", re.IGNORECASE)


_BARE_TENS = re.compile(rf"{_TENS_RX}", re.IGNORECASE)


_TEENS = {"ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16,
          "sytten": 17, "atten": 18, "nitten": 19}


def _word_value(word: str) -> int | None:
    low = word.lower()
    if low == "null":
        return 0
    return _SMALL_NUMBERS.get(low, _TEENS.get(low, NUMBER_WORDS.get(low)))


def _spoken_digit_string(words: list[str]) -> str:
    """The digits of a read-out number: "null", "seks" one each; "nittifem", "tretten" two each; a bare
    tens word and the digit after it ("nitti åtte") two together ("98")."""
    out, i = [], 0
    while i < len(words):
        value = _word_value(words[i])
        if value is None:
            return ""
        if _BARE_TENS.fullmatch(words[i]) and i + 1 < len(words) and _ONE_DIGIT.fullmatch(words[i + 1]) \
                and words[i + 1].lower() != "null":
            out.append(str(value + (_word_value(words[i + 1]) or 0)))
            i += 2
            continue
        out.append(str(value) if not _ONE_DIGIT.fullmatch(words[i]) else str(value)[-1])
        i += 1
    return "".join(out)


def _spoken_digits(words: list[str]) -> int:
    return len(_spoken_digit_string(words))


_ID_WORDS_BEFORE = re.compile(r"(?:fødselsnummer\w*|fødselsnr|personnummer\w*|d-nummer\w*|personnr)\b[^.!?\n]{0,40}$",
                              re.IGNORECASE)


def find_phones(text: str) -> Iterator[Span]:
    for m in _SPOKEN_PHONE_RE.finditer(text):
        # "nittifem seks fire null tre to en", "nittisju tretti førtito elleve": eight digits read out
        # (7–10 digits: a number misread or misheard by a digit is still a phone number)
        words = re.findall(r"[^\s,-]+", m.group(0))
        digits = _spoken_digit_string(words)
        if len(digits) == 11 and (is_valid_fnr(digits) or _ID_WORDS_BEFORE.search(text, max(0, m.start() - 80),
                                                                                   m.start())):
            # a fødselsnummer read out: "tre null null åtte tre ni fire ni sju ein to"
            yield Span(m.start(), m.end(), "ID_NUMBER", m.group(0), "pattern", 0.9 if is_valid_fnr(digits) else 0.6,
                       details={"spoken": True})
            continue
        if len(digits) == 8 or (len(words) >= 5 and 7 <= len(digits) <= 10):
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
    for m in _LOWER_ADDRESS_RE.finditer(text):
        if lower_case_line(text, m.start()):
            yield Span(m.start(), m.end(), "ADDRESS", m.group(0), "pattern", 0.6, details={"lower": True})
    for m in _STREET_NAME_RE.finditer(text):
        yield Span(m.start("street"), m.end("street"), "PLACE", m.group("street"), "pattern", 0.6,
                   details={"street": True})


_INITIALS_RE = re.compile(
    r"\b(?:[Tt]ranskribert|[Ii]ntervjuet|[Ss]krevet|[Nn]otert|[Oo]versatt|[Ll]est\sgjennom)\s(?:av\s)?"
    r"(?P<ini>[A-ZÆØÅ]{2,3})\b"
)


def find_initials(text: str) -> Iterator[Span]:
    """Initials of a transcriber or interviewer ("Transkribert av MS")."""
    for m in _INITIALS_RE.finditer(text):
        yield Span(m.start("ini"), m.end("ini"), "PERSON", m.group("ini"), "pattern", 0.8)
