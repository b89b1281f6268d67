"""Likely indirect (quasi-)identifiers, flagged for the reviewer rather than replaced.

Rare roles ("den eneste fysioterapeuten i kommunen", "ordføreren"), small places and population
figures ("en bygd med 400 innbyggere", "alle kjenner alle") can identify a person or municipality
in combination. They are shown in review; the reviewer decides whether to generalise by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROLES = (
    "fysioterapeut", "ergoterapeut", "lege", "kommuneoverlege", "kommunelege", "ordfører", "varaordfører",
    "rådmann", "kommunedirektør", "kommunalsjef", "helsesjef", "pleie- og omsorgssjef", "enhetsleder",
    "tildelingsleder", "saksbehandler", "sykepleier", "helsesykepleier", "jordmor", "psykolog",
    "vernepleier", "prest", "rektor", "tannlege", "farmasøyt", "logoped", "ernæringsfysiolog",
    "demenskoordinator", "kreftkoordinator", "hjelpemiddelformidler", "avdelingsleder", "daglig leder",
)
_ROLE_RE = "(?:" + "|".join(re.escape(r) for r in ROLES) + r")(?:en|a|n|er|ene)?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("rare_role", re.compile(rf"\b(?:den|vår|min|hans|hennes|kommunens)?\s?eneste\s(?:\w+\s)?{_ROLE_RE}\b",
                             re.IGNORECASE)),
    ("rare_role", re.compile(r"\b(?:ordføreren|ordfører|rådmannen|kommunedirektøren|kommuneoverlegen|varaordføreren)\b",
                             re.IGNORECASE)),
    ("rare_role", re.compile(r"\b(?:den|det)\s(?:eneste|første)\s(?:som|med)\b[^.?!\n]{0,60}", re.IGNORECASE)),
    ("population", re.compile(r"\b\d{1,3}(?:[ .]\d{3})*\s(?:innbyggere|innbyggjarar|beboere|fastboende)\b",
                              re.IGNORECASE)),
    ("small_place", re.compile(r"\b(?:alle\skjenner\salle|lite\ssted|liten\sbygd|lita\sbygd|bygda\svår|"
                               r"her\si\sbygda|den\sminste\skommunen|minste\skommune|på\sen\søy|ute\spå\søya)\b",
                               re.IGNORECASE)),
    ("relation", re.compile(r"\b(?:faren|moren|mora|sønnen|dattera|datteren|kona|mannen)\s(?:hennes|hans|til\s\w+)?"
                            r"\s?(?:satt|sitter|er|var)\si\s(?:kommunestyret|formannskapet|bystyret)\b",
                            re.IGNORECASE)),
]


@dataclass
class Flag:
    start: int
    end: int
    kind: str

    def to_dict(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "kind": self.kind}


def find_indirect(text: str) -> list[Flag]:
    """Non-overlapping flags, earliest and longest first."""
    found: list[Flag] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            found.append(Flag(start, m.end(), kind))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Flag] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out
