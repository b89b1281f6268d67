"""Last resort for speech-to-text output: in an utterance written entirely in lower case, a word that no
dictionary knows is flagged for the reviewer as a name, a place or a workplace.

Capital letters carry most of the evidence for a name in Norwegian; speech-to-text output has none. There
the dictionary (:mod:`workbench.deid.lexicon`: Norsk Ordbank plus the project's common-word lists) takes
their place: "joralf", "ertvågsøya", "gullstein", "hjørdises" are no Norwegian words, "vakttelefonen",
"ventar" and "tjuetjueto" are. Confidence is low (0.3); every other detector outranks these spans.
"""

from __future__ import annotations

import re

from workbench.deid import gazetteers, lexicon
from workbench.deid.patterns.numbers import _ORDINALS, _SMALL_NUMBERS, _TENS, YOUNG_WORDS
from workbench.deid.spans import Span

_LINE_RE = re.compile(r"[^\n]+")
# number words, spoken years and ordinals are the number detectors' business ("tjuetjueto", "fjortande"):
# a token made only of number morphemes is no name
_NUMBER_MORPHEMES = sorted({*_TENS, *_SMALL_NUMBERS, *YOUNG_WORDS, *_ORDINALS, "hundre", "hundred", "tusen", "og",
                            "å", "atten", "åtten", "nitten", "ende", "ande", "nde", "de", "te", "-"},
                           key=len, reverse=True)
_NUMERIC_TOKEN_RE = re.compile("(?:" + "|".join(map(re.escape, _NUMBER_MORPHEMES)) + ")+")
_INSTITUTION_SUFFIX = re.compile(r"(?:heim|heimen|hjem|hjemmet|tun|tunet|senter|senteret|sentret|bo|boet|stua)$")


def _known(low: str, g: gazetteers.Gazetteers) -> bool:
    """A common word by any list: the project's lists, the dictionary, also in the genitive."""
    if g.is_common(low) or g.is_stop(low) or _NUMERIC_TOKEN_RE.fullmatch(low):
        return True
    if not lexicon.unknown_word(low):
        return True
    return low.endswith("s") and len(low) > 4 and (g.is_common(low[:-1]) or lexicon.in_lexicon(low[:-1]))


def _label(word: str, prev: str, g: gazetteers.Gazetteers) -> str:
    low = word.lower()
    if _INSTITUTION_SUFFIX.search(low) and len(low) >= 6:
        return "ORGANIZATION"
    if prev in gazetteers._PLACE_PREPOSITIONS:
        return "PLACE"
    name = low[:-1] if low.endswith("s") and not g.is_name_word(low) else low
    if all(g.is_name_word(part) for part in name.split("-")):
        return "PERSON"
    if any(low.endswith(e) for e in lexicon.PLACE_ELEMENTS):
        return "PLACE"
    return "PERSON"


def find_unknown_lower(text: str) -> list[Span]:
    """Words of lower-case utterances that are in no dictionary and no list (see the module doc)."""
    g = gazetteers.load()
    out: list[Span] = []
    for line in _LINE_RE.finditer(text):
        label = gazetteers.SPEAKER_LABEL_RE.match(line.group(0))
        body_start = line.start() + (label.end() if label else 0)
        body = text[body_start:line.end()]
        if any(c.isupper() for c in body):
            continue  # cased text: the capital-letter detectors decide
        prev = ""
        for m in gazetteers.TOKEN_RE.finditer(text, body_start, line.end()):
            word = m.group(0)
            low = word.lower()
            if len(word) >= 3 and "'" not in word:
                parts = low.split("-")
                if len(parts) > 1:
                    # "bjørn-åge", "liv-torill": hyphenated first names; "d-nummeret" is a word
                    unknown = all(g.is_first(p) for p in parts) or (
                        all(len(p) >= 3 for p in parts) and not _known(parts[-1], g) and not _known(parts[0], g))
                else:
                    unknown = not _known(low, g)
                if unknown:
                    out.append(Span(m.start(), m.end(), _label(word, prev, g), word, "proper", 0.3,
                                    details={"fallback": True, "lower": True, "unknown_word": True}))
            prev = low
    return out


# a token (as ``gazetteers.TOKEN_RE``) at the start of a text, a line or a sentence (after .!?:;… and
# quotes, brackets or dashes: ``gazetteers._sentence_start``)
_INITIAL_TOKEN_RE = re.compile(r"(?:\A|(?<=[.!?:\n;…])|(?<=[.!?:\n;…][ \t\"'«(\-–—])|(?<=[.!?:\n;…][ \t\"'«(\-–—]{2}))"
                               r"[^\W\d_]+(?:[-'][^\W\d_]+)*")
_NEXT_TOKEN_RE = re.compile(r"\s+([^\W\d_]+(?:[-'][^\W\d_]+)*)")


def find_unknown_initial(text: str) -> list[Span]:
    """A capitalised word that opens a sentence and that no dictionary knows ("Kittil ville ikkje.",
    "Hjelmås. Det var en mann …", "Dagfrid på kjøkkenet …"). Inside a sentence the capital letter itself
    is the evidence (:func:`gazetteers.find_proper_nouns`); at the start of a sentence only the dictionary
    can tell a name from a word. Confidence is low (0.3), as for :func:`find_unknown_lower`."""
    g = gazetteers.load()
    out: list[Span] = []
    for m in _INITIAL_TOKEN_RE.finditer(text):
        word = m.group(0)
        if not word[0].isupper():
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        label = gazetteers.SPEAKER_LABEL_RE.match(text[line_start:line_start + 48])
        if label is not None and m.start() < line_start + label.end() - 1:
            continue  # (a speaker label is the transcript's business, not a sentence)
        if not gazetteers._unknown_proper(word, g) or "'" in word \
                or (g.looks_common(word) and not any(word.lower().endswith(e) for e in lexicon.PLACE_ELEMENTS)):
            continue
        low = word.lower()
        if "-" in low:
            parts = low.split("-")
            if not all(g.is_first(p.capitalize()) for p in parts) and any(_known(p, g) for p in parts):
                head = word.split("-")[0]
                if len(parts) == 2 and len(head) >= 3 and not _known(parts[0], g) and _known(parts[1], g) \
                        and not g.is_stop(head) and not head.isupper():
                    # "Lindi-saken": an unknown name before a common word
                    out.append(Span(m.start(), m.start() + len(head), "PERSON", head, "proper", 0.3,
                                    details={"fallback": True, "unknown_word": True, "sentence_start": True}))
                continue  # "Venteliste-rapporten", "Høgsterett-dommen"
        elif _known(low, g):
            continue
        following = _NEXT_TOKEN_RE.match(text, m.end())
        nxt = following.group(1) if following else ""
        if nxt and g.is_stop(f"{word} {nxt}"):
            continue  # "Raude Krossen"
        out.append(Span(m.start(), m.end(), _label(word, "", g), word, "proper", 0.3,
                        details={"fallback": True, "unknown_word": True, "sentence_start": True}))
    return out


# a name spelled out letter by letter: "G-A-I-N-O", "H.E.L.G.E"
_SPELLED_RE = re.compile(r"(?<![\w-])[A-ZÆØÅ](?:[-.][A-ZÆØÅ]){2,}(?![\w-])")


def find_spelled(text: str) -> list[Span]:
    """A name spelled out for the interviewer (confidence 0.5): letters joined by hyphens or full stops."""
    return [Span(m.start(), m.end(), "PERSON", m.group(0), "proper", 0.5, details={"fallback": True, "spelled": True})
            for m in _SPELLED_RE.finditer(text)]


_NAME_LEADS = frozenset({*gazetteers._NAME_PRONOUNS, "mor", "far", "mora", "faren", "tante", "onkel", "bestemor",
                         "bestefar", "farmor", "mormor", "morfar", "farfar", "kona", "mannen", "søster",
                         "bror", "syster", "sønnen", "dottera", "datteren", "naboen", "grannen"})


def find_unknown_after_pronoun(text: str) -> list[Span]:
    """A lower-case word no dictionary knows right after "han", "ho", "mor" … in any text ("det er han
    kolbein på Hansnes", "mor hallgerd"): spoken Norwegian puts a pronoun or a kinship word before a name,
    and a transcriber or speech-to-text may leave it in lower case. Likewise after a place preposition
    when the word ends in a place-name element ("i undredal", "og kolnes"). Confidence 0.3."""
    g = gazetteers.load()
    out: list[Span] = []
    prev = ""
    for m in gazetteers.TOKEN_RE.finditer(text):
        word = m.group(0)
        if prev in _NAME_LEADS and word[0].islower() and len(word) >= 3 and "-" not in word and "'" not in word \
                and not _known(word, g) and not g.looks_common(word):
            out.append(Span(m.start(), m.end(), "PERSON", word, "proper", 0.3,
                            details={"fallback": True, "unknown_word": True, "lower": True}))
        elif prev in gazetteers._PLACE_PREPOSITIONS and word[0].islower() and len(word) >= 5 and "-" not in word \
                and lexicon.unknown_word(word) and any(word.endswith(e) for e in lexicon.PLACE_ELEMENTS) \
                and not g.is_common(word) and not g.is_stop(word):
            # "frå Storvik og kolnes", "i undredal": a village written in lower case
            out.append(Span(m.start(), m.end(), "PLACE", word, "proper", 0.3,
                            details={"fallback": True, "unknown_word": True, "lower": True}))
        prev = word.lower()
    return out
