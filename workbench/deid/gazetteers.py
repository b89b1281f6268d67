"""Open-data gazetteers (SSB names, Kartverket/SSB municipalities) and the rules that use them.

Data files live in ``workbench/deid/data`` (see its README for provenance and licences). They are
loaded once, lazily. Matching is case-aware: Norwegian capitalises proper nouns only, so a
capitalised name inside a sentence is strong evidence; sentence-initial and lower-case
(speech-to-text) tokens count only when the word is not a common Norwegian word.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from workbench.deid.spans import Span

DATA_DIR = Path(__file__).resolve().parent / "data"

TOKEN_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)

# words that introduce a workplace / institution name: "Solbakken sykehjem", "Fjordtun omsorgssenter"
INSTITUTION_WORDS = (
    "sykehjem", "sykehjemmet", "sjukeheim", "sjukeheimen", "omsorgssenter", "omsorgssenteret",
    "helsesenter", "helsesenteret", "helsetun", "helsetunet", "legekontor", "legekontoret", "legesenter",
    "legesenteret", "bo- og behandlingssenter", "bo- og behandlingssenteret", "omsorgsbolig", "omsorgsboliger",
    "bofellesskap", "bofellesskapet", "skole", "skolen", "barnehage", "barnehagen", "sykehus", "sykehuset",
    "sjukehus", "sjukehuset", "dagsenter", "dagsenteret", "aldershjem", "pleiehjem", "rehabiliteringssenter",
    "bedrift", "AS", "as", "menighet", "kirke",
    "bu- og omsorgssenter", "bu- og omsorgssenteret", "omsorgsbustad", "omsorgsbustader", "helsestasjon",
    "legevakt", "legevakta", "legevakten", "aldersheim", "eldresenter", "eldresenteret", "bufellesskap",
)


@dataclass(frozen=True)
class Gazetteers:
    first_names: frozenset[str]
    surnames: frozenset[str]
    municipalities: dict[str, str]  # lower-case name (also alternative and former names) -> canonical
    counties: dict[str, str]  # lower-case county name (current and pre-2024) -> canonical
    current_municipalities: frozenset[str]
    common: frozenset[str]
    stop: frozenset[str]

    def is_first(self, word: str) -> bool:
        return word in self.first_names or word.lower().capitalize() in self.first_names

    def is_surname(self, word: str) -> bool:
        return word in self.surnames or word.lower().capitalize() in self.surnames

    def is_name_word(self, word: str) -> bool:
        return self.is_first(word) or self.is_surname(word)

    def is_common(self, word: str) -> bool:
        return word.lower() in self.common

    def looks_common(self, word: str) -> bool:
        """A common word, or an inflected (``klagen``) or compound (``kontaktpersonen``) form of one."""
        return _looks_common(word.lower())

    def is_stop(self, text: str) -> bool:
        low = text.lower().strip()
        if low in self.stop:
            return True
        for suffix in ("s", "en", "et", "ens", "ets"):
            if low.endswith(suffix) and low[: -len(suffix)] in self.stop:
                return True
        return bool(re.search(r"(loven|lova|lovens|forskriften|forskrifta)$", low))


_DEFINITE = ("ene", "en", "et", "a", "er", "ne", "s", "n", "t")


@functools.lru_cache(maxsize=100_000)
def _looks_common(low: str) -> bool:
    common = load().common
    if low in common:
        return True
    for suffix in _DEFINITE:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3 and low[: -len(suffix)] in common:
            return True
    for i in range(3, len(low) - 4):
        head, tail = low[:i], low[i:]
        if len(tail) >= 5 and (tail in common or any(tail.endswith(sfx) and tail[: -len(sfx)] in common
                                                      for sfx in _DEFINITE)):
            if head in common or (head[-1] in "se" and head[:-1] in common):
                return True
    return False


@functools.cache
def load() -> Gazetteers:
    """Read the committed lists (cached)."""
    first = {line.strip() for line in (DATA_DIR / "first_names.txt").read_text(encoding="utf-8").splitlines()
             if line.strip()}
    with (DATA_DIR / "surnames.csv").open(encoding="utf-8") as fh:
        surnames = {row["surname"] for row in csv.DictReader(fh)}
    munis: dict[str, str] = {}
    current: set[str] = set()
    with (DATA_DIR / "municipalities.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = row["name"]
            munis[name.lower()] = name
            if row["status"] == "current":
                current.add(name)
            for alt in filter(None, row["alt_names"].split("|")):
                munis[alt.lower()] = name
    with (DATA_DIR / "counties.csv").open(encoding="utf-8") as fh:
        counties = {row["name"].lower(): row["name"] for row in csv.DictReader(fh)}
    for line in (DATA_DIR / "regions.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            counties.setdefault(line.strip().lower(), line.strip())  # districts count as regions
    common = {w.strip() for w in (DATA_DIR / "common_words.txt").read_text(encoding="utf-8").splitlines()}
    for extra in ("common_words_extra.txt", "common_words_nynorsk.txt", "common_words_domain.txt"):
        common |= {w.strip().lower() for w in (DATA_DIR / extra).read_text(encoding="utf-8").splitlines()
                   if w.strip() and not w.startswith("#")}
    stop = {
        w.strip().lower()
        for w in (DATA_DIR / "stoplist.txt").read_text(encoding="utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    }
    return Gazetteers(frozenset(first), frozenset(surnames), munis, counties, frozenset(current),
                      frozenset(common), frozenset(stop))


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'«(-–—":
        i -= 1
    return i < 0 or text[i] in ".!?:\n;…"


_CONTACT_VERB_RE = re.compile(r"ringte|ringde|ringer|ringjer|snakket|snakka|snakker|snakkar|sa|sagt|spurte|møtte|"
                              r"mailet|sendte|sende|skreiv|skrev|pratet|prata|hørte|høyrde|fikk|fekk|var")

# spoken Norwegian puts a pronoun before a name ("han Kåre", "ho eva", "hu Kari")
_NAME_PRONOUNS = frozenset({"han", "hun", "ho", "hu", "hen", "hon", "hæn"})
# first names that are also words commonly following a pronoun ("han per se" is rare; "hun mai" is not)
_NOT_AFTER_PRONOUN = frozenset({"mai", "sol", "ask", "bo", "tor", "vil", "ville", "siv", "kan", "liv", "per", "hans",
                                "storm", "snø", "dag", "bror", "far", "mor", "son", "sønn", "vår", "eik", "lin",
                                "ulv", "ørn", "by", "ja", "bare"})


def _title(word: str) -> str:
    """Title case per hyphen part: "kari-anne" → "Kari-Anne"."""
    return "-".join(part.capitalize() for part in word.split("-"))


def _strip_genitive(word: str, known: set[str] | frozenset[str] | dict[str, str]) -> str | None:
    if word in known:
        return word
    if len(word) > 3 and word.endswith("s") and word[:-1] in known:
        return word[:-1]
    if len(word) > 5 and word.endswith("ses") and word[:-2] in known:
        return word[:-2]  # spoken genitive of a name in -s: "Hjørdises"
    return None


def _municipality_head(word: str) -> str | None:
    """The municipality a compound place name starts with: "Lærdalsøyri" → lærdal (heads of ≥ 5 letters
    that are not common words, followed by at least 3 more letters)."""
    g = load()
    low = word.lower()
    for cut in range(len(low) - 3, 4, -1):
        head = low[:cut]
        if head in g.municipalities and not g.is_common(head):
            return head
    return None


def _place_base(low: str, places: dict[str, str]) -> str | None:
    """The key of a lower-case place name, also in the genitive: "hamars", "røroses", "ås'"."""
    if low in places:
        return low
    if low.endswith("s") and low[:-1] in places:
        return low[:-1]
    if low.endswith("es") and low[-3:-2] in "sxz" and low[:-2] in places:
        return low[:-2]  # spoken genitive of names ending in -s: "Røroses"
    if low.endswith("'") and low[:-1] in places:
        return low[:-1]
    return None


def municipality_of(word: str) -> str | None:
    """Canonical municipality for a (possibly genitive, any-case) name, else None."""
    g = load()
    base = _place_base(word.lower(), g.municipalities)
    return g.municipalities[base] if base is not None else None


def find_gazetteer(text: str) -> list[Span]:
    """Person names (first name [+ more names] / name + surname) and municipalities."""
    g = load()
    tokens = [(m.start(), m.end(), m.group(0)) for m in TOKEN_RE.finditer(text)]
    out: list[Span] = []
    i = 0
    n = len(tokens)
    muni_lower = g.municipalities
    while i < n:
        start, end, word = tokens[i]
        cap = word[0].isupper()
        sent0 = _sentence_start(text, start)
        # --- municipalities (1-3 tokens, e.g. "Nord-Aurdal", "Indre Østfold", "Evje og Hornnes")
        matched = False
        widths = (3, 2, 1) if word.lower() in _multiword_heads() else (1,)
        for width in widths:
            if i + width > n:
                continue
            s0, e1 = tokens[i][0], tokens[i + width - 1][1]
            phrase = text[s0:e1]
            if width > 1 and not re.fullmatch(r"[^\W\d_]+(?:[ -][^\W\d_]+)*", phrase):
                continue
            low = phrase.lower()
            places = muni_lower if _place_base(low, muni_lower) is not None else g.counties
            base = _place_base(low, places)
            if base is None and width == 1 and cap and "-" in phrase:
                # compounds: "Ringsaker-saksbehandler", "Hjelmeland-modellen"
                head = phrase.split("-", 1)[0]
                if head.lower() in muni_lower and not g.is_common(head) and len(head) > 3:
                    out.append(Span(s0, s0 + len(head), "PLACE", head, "gazetteer", 0.8,
                                    key=f"municipality:{muni_lower[head.lower()]}", details={"municipality": True}))
                    i += 1
                    matched = True
                    break
            if base is None:
                continue
            is_county = places is g.counties
            nxt = text[e1:e1 + 9].lower()
            followed_by_kommune = nxt.startswith((" kommune", " kommunes"))
            ambiguous = g.is_common(base) or len(base) <= 3 or g.is_first(phrase)
            if g.is_surname(phrase) and sent0:
                ambiguous = True
            if cap:
                if ambiguous and not followed_by_kommune:
                    prev = text[max(0, s0 - 5):s0].lower()
                    prev_word = tokens[i - 1][2] if i > 0 else ""
                    if sent0 or (not re.search(r"\b(i|på|fra|frå|til|te|ved|mot)\s$", prev)
                                 and (g.is_first(prev_word) or not _mid_sentence_proper(text, s0))):
                        continue  # (a capitalised "Ål", "Sel" inside a sentence is the place)
                conf = 0.9 if not ambiguous else 0.7
            else:
                lower_line = lower_case_line(text, s0)
                if (is_county and not (lower_line and not g.is_common(base) and len(base) >= 5)) or (
                        not followed_by_kommune and (g.is_common(base) or g.is_common(low)
                                                     or (len(base) < 5 and not lower_line))):
                    continue  # (lower-case "oss" is "us", not the genitive of Os)
                conf = 0.6
            if is_county:
                out.append(Span(s0, e1, "PLACE", phrase, "gazetteer", 0.6, key=f"county:{g.counties[base]}",
                                details={"county": True}))
            else:
                out.append(Span(s0, e1, "PLACE", phrase, "gazetteer", conf, key=f"municipality:{muni_lower[base]}",
                                details={"municipality": True}))
            i += width
            matched = True
            break
        head = _municipality_head(word) if cap and not matched and len(word) >= 8 and "-" not in word else None
        if head is not None and not g.is_common(word) and not g.is_stop(word) and not g.is_name_word(word):
            out.append(Span(start, end, "PLACE", word, "gazetteer", 0.5, key=f"municipality:{muni_lower[head]}",
                            details={"municipality": True, "compound": True}))
            i += 1
            continue
        if not matched and cap and len(word) >= 6 and "-" not in word and not g.is_common(word) \
                and not g.is_name_word(word) and not g.is_stop(word):
            fuzzy = _fuzzy_municipality(word)
            if fuzzy is not None:
                out.append(Span(start, end, "PLACE", word, "gazetteer", 0.6, key=f"municipality:{fuzzy}",
                                details={"municipality": True, "fuzzy": True}))
                i += 1
                continue
        if matched:
            continue
        # --- person names
        base = _strip_genitive(word, g.first_names) or _strip_genitive(_title(word), g.first_names)
        if base is None and "-" in word and all(g.is_first(part.capitalize()) for part in word.split("-")):
            base = _title(word)  # "bjørn-åge", "liv-torill": double names the list does not hold
        if base is not None and not g.is_stop(word):
            ok = False
            conf = 0.0
            prev = tokens[i - 1][2].lower() if i > 0 and tokens[i][0] - tokens[i - 1][1] == 1 else ""
            if prev in _NAME_PRONOUNS and word.lower() not in _NOT_AFTER_PRONOUN:
                ok, conf = True, 0.6  # "han kåre", "ho Eva": the pronoun + name of spoken Norwegian
            if cap and not sent0 and not g.is_common(base):
                ok, conf = True, 0.85
            elif cap and not sent0:
                ok, conf = True, 0.55  # "Per", "Liv" mid-sentence: names, but also common words
            elif cap and sent0 and not g.is_common(base) and not g.is_common(word):
                ok, conf = True, 0.7
            elif not cap and not g.looks_common(base) and not g.is_common(word) and len(base) >= 3:
                ok, conf = True, 0.5  # lower-case speech-to-text output
            # following surname or further first names
            j = i + 1
            while j < n and tokens[j][0] - tokens[j - 1][1] == 1 and text[tokens[j - 1][1]] == " ":
                w2 = tokens[j][2]
                if w2[0].isupper() != cap or g.is_stop(w2):
                    break
                w2c = w2.capitalize()
                namey = bool(_strip_genitive(w2c, g.surnames) or _strip_genitive(w2c, g.first_names))
                if cap:
                    if not namey and municipality_of(w2) is not None:
                        break
                elif g.is_common(w2) or not (namey or (ok and len(w2) >= 4 and not g.looks_common(w2)
                                                         and municipality_of(w2) is None)):
                    break  # lower case: a surname from the list, or an unknown word after a sure first name
                j += 1
                ok, conf = True, max(conf, 0.9 if cap else 0.6)
            if ok and not (cap and sent0 and j == i + 1 and g.is_common(base)):
                s0, e1 = tokens[i][0], tokens[j - 1][1]
                out.append(Span(s0, e1, "PERSON", text[s0:e1], "gazetteer", conf))
                i = j
                continue
        # a capitalised surname inside a sentence (e.g. "Nordmann sa"), or opening one when it is not
        # a common word either ("Nilsen på sengeposten sa …")
        if cap and _strip_genitive(word, g.surnames) and not g.is_common(word) and not g.is_stop(word) \
                and (not sent0 or not g.looks_common(word)):
            out.append(Span(start, end, "PERSON", word, "gazetteer", 0.55 if not sent0 else 0.5))
        # a lower-case surname after "ringte til", "snakka med" … (speech-to-text: "ringte til tufte")
        elif not cap and len(word) >= 4 and g.is_surname(word) and not g.looks_common(word) and i >= 2 \
                and tokens[i - 1][2].lower() in ("til", "med", "hos", "fra", "frå") \
                and _CONTACT_VERB_RE.fullmatch(tokens[i - 2][2].lower()):
            out.append(Span(start, end, "PERSON", word, "gazetteer", 0.5))
        i += 1
    return out


@functools.cache
def _multiword_heads() -> frozenset[str]:
    g = load()
    names = list(g.municipalities) + list(g.counties)
    return frozenset(name.split()[0] for name in names if " " in name)


@functools.lru_cache(maxsize=65536)
def _fuzzy_municipality(word: str) -> str | None:
    """A misspelt municipality ("Sunndall", "Lillehamer"): one edit away from a current name of ≥ 6 letters."""
    from rapidfuzz import fuzz, process

    g = load()
    choices = _long_municipalities()
    low = word.lower()
    hit = process.extractOne(low, choices, scorer=fuzz.ratio, score_cutoff=88)
    if hit is None:
        return None
    return g.municipalities[hit[0]]


@functools.cache
def _long_municipalities() -> list[str]:
    g = load()
    return [name.lower() for name in g.current_municipalities if len(name) >= 6 and " " not in name]


# where someone lives, comes from or moved to: "bor på Hodalen", "kommer fra Brekken", "flytta til Vingelen"
_RESIDENCE_RE = re.compile(
    r"\b(?i:bor|bodde|budde|bur|bor\sfortsatt|flyttet|flytta|flytte|kommer|kom\sopprinnelig|er\sfra|var\sfra|"
    r"oppvokst|vokste\sopp|hjemme|hjemmefra|gård(?:en)?|heime|flytt|flytter|flyttar|budd|butt)\s"
    r"(?:(?i:oppe|nede|ute|inne|borte|hjem|hit|dit|fortsatt|framleis|alene|sammen|aleine|åleine)\s)?"
    r"(?i:på|i|til|fra|frå|ved)\s(?P<place>[A-ZÆØÅ][^\W\d_]+(?:-[A-ZÆØÅ][^\W\d_]+)?|(?P<lower>[a-zæøå]{3,}))"
    r"(?![\w-])"
)


# a title or role right before a capitalised name: "dr. Lauvrak", "fastlegen Berit", "tilsynslegen Nilsen"
_TITLED_NAME_RE = re.compile(
    r"\b(?:[Dd]r\.|[Dd]oktor|[Pp]rofessor|[Pp]astor|[Ss]ogneprest|[Pp]resten|[Aa]dvokat|[Ff]astlegen?|"
    r"[Tt]ilsynslegen?|[Ll]egen|[Ss]ykepleier(?:en)?|[Ss]jukepleiar(?:en)?|[Oo]rdførar(?:en)?|[Oo]rdfører(?:en)?|"
    r"[Rr]ådmann(?:en)?|[Kk]ommunedirektør(?:en)?|[Kk]ommunalsjef(?:en)?|[Ss]ekretær(?:en)?)"
    r"\s(?P<name>[A-ZÆØÅ][^\W\d_]+(?:-[A-ZÆØÅ][^\W\d_]+)?(?:\s[A-ZÆØÅ][^\W\d_]+)?)(?![\w-])"
)


_LOWER_TITLED_RE = re.compile(r"\b(?:dr\.?|doktor|fastlegen|tilsynslegen|legen)\s(?P<name>[a-zæøå]{3,})\b")


def find_titled_names(text: str) -> list[Span]:
    """A capitalised word after a title or role ("dr. Lauvrak", "fastlegen Berit Nilsen") is a person,
    unless it is a common word, a stop-listed name or a place the gazetteers know."""
    g = load()
    out = []
    for m in _TITLED_NAME_RE.finditer(text):
        name = m.group("name")
        head = name.split()[0]
        if g.is_stop(name) or g.is_stop(head) or (g.looks_common(head) and not g.is_name_word(head)) \
                or municipality_of(head) is not None:
            continue
        out.append(Span(m.start("name"), m.end("name"), "PERSON", name, "gazetteer", 0.8,
                        details={"context": "title"}))
    for m in _LOWER_TITLED_RE.finditer(text):
        # speech-to-text: "fastlegen er jo dr hoel"
        name = m.group("name")
        if g.is_surname(name.capitalize()) and not g.is_common(name) and lower_case_line(text, m.start()):
            out.append(Span(m.start("name"), m.end("name"), "PERSON", name, "gazetteer", 0.6,
                            details={"context": "title"}))
    return out


_PLACE_PREPOSITIONS = frozenset({"i", "på", "fra", "frå", "til", "ved", "mot", "utenfor", "utanfor", "nær", "over",
                                 "gjennom", "innom", "oppom", "nedom", "bortom", "rundt", "kring", "oppi", "nedi",
                                 "borti", "innpå", "utpå", "bortpå", "ifrå", "ifra", "tel", "te"})


def find_proper_nouns(text: str) -> list[Span]:
    """Last resort: a capitalised word inside a sentence that no list knows is, in Norwegian, almost
    always a proper noun (a village, a farm, a surname): flag it with low confidence for the reviewer
    (PLACE after a place preposition, otherwise PERSON). Other detectors outrank it."""
    g = load()
    out: list[Span] = []
    tokens = [(m.start(), m.end(), m.group(0)) for m in TOKEN_RE.finditer(text)]
    i = 0
    while i < len(tokens):
        start, end, word = tokens[i]
        prev = tokens[i - 1][2].lower() if i > 0 else ""
        farm = (prev == "på" and word[0].islower() and len(word) >= 4 and g.is_surname(word.capitalize())
                and not g.is_common(word) and lower_case_line(text, start))  # "på skei": farm names
        institution = word[0].islower() and (_INSTITUTION_SUFFIX.search(word) is not None
                                             or _PLACE_SUFFIX.search(word) is not None) and len(word) >= 7 \
            and not g.is_common(word) and not g.is_stop(word) \
            and not word.startswith(_GENERIC_INSTITUTION_HEADS)  # "strandaheimen", "tørdalen"; not "sykehjemmet"
        if word[0].islower() and (len(word) >= 4 or farm) \
                and (prev in _PLACE_PREPOSITIONS or prev in ("te", "hjå", "hos")) \
                and (farm or institution or _unknown_lower(word, g)) and lower_case_line(text, start):
            # speech-to-text: "i stavern", "på flåmsheimen", "te austertana"
            label = "ORGANIZATION" if _INSTITUTION_SUFFIX.search(word) else "PLACE"
            out.append(Span(start, end, label, word, "proper", 0.35, details={"fallback": True, "lower": True}))
            i += 1
            continue
        if word[0].islower() and len(word) >= 5 and i >= 1 and _CONTACT_VERB_RE.fullmatch(prev) \
                and g.is_surname(word.capitalize()) and not g.is_common(word) and lower_case_line(text, start):
            # "så ringte kristiansen fra sykehuset"
            out.append(Span(start, end, "PERSON", word, "proper", 0.35, details={"fallback": True, "lower": True}))
            i += 1
            continue
        if word[0].islower() and len(word) >= 4 and i >= 2 and prev in ("med", "til", "hos", "te", "fra", "frå") \
                and (_CONTACT_VERB_RE.fullmatch(tokens[i - 2][2].lower())
                     or (i >= 3 and tokens[i - 2][2].lower() in _NAME_PRONOUNS | {"jeg", "eg", "æ", "vi", "me"}
                         and _CONTACT_VERB_RE.fullmatch(tokens[i - 3][2].lower()))) \
                and _unknown_lower(word, g) and lower_case_line(text, start):
            # "snakket med bakkevold", "ringte til tufte"
            out.append(Span(start, end, "PERSON", word, "proper", 0.35, details={"fallback": True, "lower": True}))
            i += 1
            continue
        if _sentence_start(text, start) and _INSTITUTION_START.search(word) and _unknown_proper(word, g) \
                and not g.looks_common(word):
            # a sentence-initial one-word institution or farm name: "Kvamsheimen he'kje plass"
            out.append(Span(start, end, "ORGANIZATION", word, "proper", 0.35, details={"fallback": True}))
            i += 1
            continue
        sent0 = _sentence_start(text, start) and not _after_list_colon(text, start)
        if sent0 and word[0].isupper() and not g.looks_common(word) and _unknown_proper(word, g) \
                and _PRONOUN_RESUMES.match(text, end):
            # "Aino på avdelingen, hun er 93": a sentence-initial unknown word taken up by a pronoun
            out.append(Span(start, end, "PERSON", word, "proper", 0.4, details={"fallback": True}))
            i += 1
            continue
        if not sent0 and word[0].isupper() and len(word) >= 3 and not word.isupper() and prev in _PLACE_PREPOSITIONS \
                and g.is_common(word.lower()) and not g.is_stop(word) and _mid_sentence_proper(text, start):
            # "frå Høydalsmo til Dalen": a capitalised common word after a place preposition is a place
            out.append(Span(start, end, "PLACE", word, "proper", 0.35, details={"fallback": True}))
            i += 1
            continue
        if not _unknown_proper(word, g) or sent0 or (i > 0 and g.is_stop(f"{tokens[i - 1][2]} {word}")):
            i += 1
            continue  # (the second word of a stop-listed name: "Raude Kross")
        j = i + 1  # "Nedre Vang", "Øvre Sand": adjacent capitalised words form one name
        while j < len(tokens) and tokens[j][0] - tokens[j - 1][1] == 1 and text[tokens[j - 1][1]] == " " \
                and tokens[j][2][0].isupper() and not g.is_stop(tokens[j][2]):
            j += 1
        prev = tokens[i - 1][2].lower() if i > 0 else ""
        label = "PLACE" if prev in _PLACE_PREPOSITIONS else "PERSON"
        s0, e1 = start, tokens[j - 1][1]
        if g.is_stop(text[s0:e1]) or (j > i + 1 and g.is_stop(f"{word} {tokens[i + 1][2]}")):
            i = j
            continue  # a stop-listed name of several words ("Raude Krossen")
        out.append(Span(s0, e1, label, text[s0:e1], "proper", 0.4, details={"fallback": True}))
        i = j
    return out


_PRONOUN_RESUMES = re.compile(r"(?:\s[\w-]+){0,3},\s(?:han|hun|ho|hu|hen)\s")
_INSTITUTION_START = re.compile(r"^[A-ZÆØÅ][a-zæøå]{2,}(?:heimen|heim|hjemmet|tunet|tun|senteret|sentret)$")
_PLACE_SUFFIX = re.compile(r"(?:dalen|vika|viken|neset|nes|øya|øyri|sund|sundet|fjorden|bygda|bygd|stranda|moen|"
                           r"haugen|berget|lia|li|land|stad|ås|åsen|botn|eid|eidet|vågen|vær|hamn|havn|sjøen)$")
_GENERIC_INSTITUTION_HEADS = ("syke", "sjuke", "alders", "pleie", "omsorgs", "helse", "eldre", "bo", "bu",
                              "dag", "avlast", "rehab", "barne", "heim", "hjem", "kommune")
_INSTITUTION_SUFFIX = re.compile(r"(?:heim|heimen|hjem|hjemmet|tun|tunet|senter|senteret|sentret|bo|boet|gården|stua|"
                                 r"lia|hagen|haven|vang|vangen)$")


def _mid_sentence_proper(text: str, pos: int) -> bool:
    """A capitalised word inside a sentence of otherwise cased text (not a title-cased heading)."""
    a = max(text.rfind(c, 0, pos) for c in ".!?\n") + 1
    words = re.findall(r"[^\W\d_]+", text[a:pos])
    return len(words) >= 1 and sum(w[0].isupper() for w in words) <= len(words) // 2 + 1


SPEAKER_LABEL_RE = re.compile(r"^\s*[\w .-]{1,40}:\s")  # "IP: ", "Intervjuer: " at the start of a line


def lower_case_line(text: str, pos: int) -> bool:
    """Is the utterance around ``pos`` speech-to-text output without capitals? Only there can a place
    or a name be written in lower case; in cased text a lower-case word is a common word."""
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    line = text[a:b if b >= 0 else len(text)]
    line = SPEAKER_LABEL_RE.sub("", line)
    return not any(c.isupper() for c in line)


def _after_list_colon(text: str, pos: int) -> bool:
    """A capitalised word after a colon inside an utterance ("tre soner: Kaupanger, Leikanger …") is not
    a sentence start; a colon that ends a speaker label at the start of a line is."""
    i = pos - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    if i < 0 or text[i] != ":":
        return False
    line_start = text.rfind("\n", 0, i) + 1
    return len(text[line_start:i].split()) > 3


def _unknown_lower(word: str, g: Gazetteers) -> bool:
    """A lower-case word no list knows (not a common word, stop word or month)."""
    low = word.lower()
    from workbench.deid.patterns import NUMBER_WORDS

    return not (g.is_common(low) or g.looks_common(low) or g.is_stop(low) or low.rstrip("s") in g.common
                or low in NUMBER_WORDS
                or low.endswith(("ing", "ingen", "else", "elsen", "heten", "skap", "skapet", "sjon", "sjonen")))


def _unknown_proper(word: str, g: Gazetteers) -> bool:
    if not word[0].isupper() or len(word) < 3 or word.isupper():
        return False  # acronyms (NAV, KOSTRA, UNN) are the workplace and stop lists' business
    low = word.lower()
    if "-" in word and any(part.isupper() or g.is_stop(part) for part in word.split("-")):
        return False  # "KOSTRA-tallene", "LEON-prinsippet"
    genitive_of_common = low.endswith("s") and low[:-1] in g.common and not low.endswith("nes")
    # inside a sentence a capitalised word is a proper noun even when it looks like a compound of common
    # words (Kirkenes, Storslett, Bjørkelangen); only exact common words and stop-listed names are left
    return not (g.is_common(low) or g.is_stop(word) or genitive_of_common)


def find_residence_places(text: str) -> list[Span]:
    """A capitalised name after "bor på", "kommer fra", "flyttet til" …: a village or place the
    gazetteers do not know ("bor på Hodalen"). Skips common words, stop-listed names and months."""
    g = load()
    out = []
    for m in _RESIDENCE_RE.finditer(text):
        name = m.group("place")
        if g.is_stop(name) or g.looks_common(name) or g.is_first(name) or name.lower() in _FUNCTION_LIKE:
            continue
        if m.group("lower") and (g.is_name_word(name) or len(name) < 5) \
                and not (municipality_of(name) is not None and not g.is_common(name)):
            continue
        out.append(Span(m.start("place"), m.end("place"), "PLACE", name, "gazetteer",
                        0.5 if m.group("lower") else 0.6, details={"context": "residence"}))
    return out


def find_workplaces(text: str) -> list[Span]:
    """Capitalised name + institution word: "Solbakken sykehjem", "Fjordtun omsorgssenter"."""
    g = load()
    words = "|".join(re.escape(w) for w in sorted(INSTITUTION_WORDS, key=len, reverse=True))
    rx = _workplace_re(words)
    out = []
    for m in _HEALTH_TRUST_RE.finditer(text):
        if not g.is_stop(m.group(0)):
            out.append(Span(m.start(), m.end(), "ORGANIZATION", m.group(0), "workplace", 0.8,
                            details={"institution": "helseforetak"}))
    for m in _LOWER_ONE_WORD_HOSPITAL_RE.finditer(text):
        if lower_case_line(text, m.start()) and not m.group(0).startswith(("universitets", "lokal", "region")):
            out.append(Span(m.start(), m.end(), "ORGANIZATION", m.group(0), "workplace", 0.7,
                            details={"institution": "helseforetak"}))
    for m in _LOWER_HOSPITAL_ACRONYM_RE.finditer(text):
        if lower_case_line(text, m.start()):
            out.append(Span(m.start("h"), m.end("h"), "ORGANIZATION", m.group("h"), "workplace", 0.7,
                            details={"institution": "helseforetak"}))
    for m in _LOWER_TRUST_RE.finditer(text):
        # speech-to-text: "sykehuset innlandet", "helse bergen", "sjukehuset i vestfold"
        place = m.group("place")
        if (municipality_of(place) is not None or place in g.counties or not g.looks_common(place)) \
                and not g.is_stop(place) and lower_case_line(text, m.start()):
            out.append(Span(m.start(), m.end(), "ORGANIZATION", m.group(0), "workplace", 0.7,
                            details={"institution": "helseforetak"}))
    for m in _lower_workplace_re(words).finditer(text):
        # speech-to-text: "storsteinnes sykehjem", "bakkebo sjukeheim" (the name must not be a common word)
        name = m.group("name")
        if g.looks_common(name) or g.is_stop(name) or name in _FUNCTION_LIKE:
            continue
        out.append(Span(m.start(), m.end(), "ORGANIZATION", m.group(0), "workplace", 0.7,
                        details={"institution": m.group("kind")}))
    for m in rx.finditer(text):
        name = m.group("name")
        if g.is_stop(name) or g.is_common(name.split()[0]) and not _sentence_start(text, m.start()):
            if g.is_stop(name) or name.split()[0].lower() in ("det", "den", "de", "et", "en", "vårt", "vår"):
                continue
        if name.split()[0].lower() in g.common and _sentence_start(text, m.start()):
            continue
        out.append(Span(m.start(), m.end(), "ORGANIZATION", m.group(0), "workplace", 0.85,
                        details={"institution": m.group("kind")}))
    return out


@functools.cache
def _newspaper_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(cased, lower-case) regexes of the local newspapers in ``newspapers.txt``; the lower-case one (for
    speech-to-text lines) leaves out one-word titles that are also dictionary words."""
    from workbench.deid import lexicon

    names = [line.strip() for line in (DATA_DIR / "newspapers.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    lower = [n.lower() for n in names if " " in n or "-" in n or not lexicon.in_lexicon(n.lower())]

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    return (re.compile(rf"(?<![\w-])(?:{alternation(names)})(?![\w-])"),
            re.compile(rf"(?<![\w-])(?:{alternation(lower)})(?![\w-])"))


def find_newspapers(text: str) -> list[Span]:
    """Local newspapers ("det sto i Tidens Krav", "skreiv te firdaposten"): they place a case."""
    cased, lower = _newspaper_res()
    out = [Span(m.start(), m.end(), "ORGANIZATION", m.group(0), "gazetteer", 0.8, details={"newspaper": True})
           for m in cased.finditer(text)]
    out += [Span(m.start(), m.end(), "ORGANIZATION", m.group(0), "gazetteer", 0.6, details={"newspaper": True})
            for m in lower.finditer(text) if lower_case_line(text, m.start())]
    return out


# speech-to-text: "inn på sus", "overført til unn"
_LOWER_HOSPITAL_ACRONYM_RE = re.compile(r"\b(?:på|til|te|fra|frå|ved|hos|i)\s(?P<h>sus|unn|ahus|ous|nlsh|haukeland|"
                                        r"rikshospitalet|ullevål|radiumhospitalet|lovisenberg|diakonhjemmet)\b")
_LOWER_ONE_WORD_HOSPITAL_RE = re.compile(r"\b[a-zæøå]{4,}s?(?:sykehuset|sjukehuset)\b")
_LOWER_TRUST_RE = re.compile(r"\b(?:sykehuset|sjukehuset|helse)\s(?:i\s)?(?P<place>[a-zæøå][a-zæøå-]{2,})\b")
_HEALTH_TRUST_RE = re.compile(
    r"\b(?:Helse\s[A-ZÆØÅ][^\W\d_]+(?:-[A-ZÆØÅ][^\W\d_]+)?(?:\sog\s(?!Helse\b)[A-ZÆØÅ][^\W\d_]+)?"
    r"|Sykehuset\s(?:i\s)?[A-ZÆØÅ][^\W\d_]+(?:\s(?:og\s)?[A-ZÆØÅ][^\W\d_]+)?"
    r"|St\.\s?Olavs(?:\shospital)?|SUS|UNN|Ahus|AHUS|OUS|HUS|SSHF|STHF|VVHF|HMR|NLSH|HNT|SiV|SØ|"
    r"Haukeland(?:\suniversitetssjukehus)?|Rikshospitalet|Ullevål"
    r"|Radiumhospitalet|Diakonhjemmet|Lovisenberg"
    r"|[A-ZÆØÅ][a-zæøå]+(?:sykehuset|sjukehuset|sykehus|sjukehus))\b")  # "Nordlandssykehuset", "Helgelandssykehuset"


_FUNCTION_LIKE = frozenset({"på", "i", "til", "fra", "frå", "ved", "det", "den", "et", "en", "ein", "eit", "vårt", "vår",
                            "nytt", "nye", "gamle", "gammel", "lokale", "kommunale", "private", "store", "lille"})


@functools.cache
def _lower_workplace_re(words: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?P<name>[a-zæøå][a-zæøå-]{{3,}})\s(?P<kind>{words})\b")


@functools.cache
def _workplace_re(words: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?P<name>[A-ZÆØÅ][^\W\d_]+(?:[ -][A-ZÆØÅ][^\W\d_]+)?)\s(?P<kind>{words})\b"
    )
