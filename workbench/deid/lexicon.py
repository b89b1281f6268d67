"""A full-form dictionary of Norwegian Bokmål common words (Norsk Ordbank), for telling an unknown word
from a common one where capital letters cannot help: speech-to-text output in lower case.

The 9,000 common words of ``common_words*.txt`` keep names out of the other detectors; they are too few
to say that a lower-case word is *not* a Norwegian word. Norsk Ordbank's 577,000 word forms (nouns,
verbs, adjectives, adverbs; proper nouns left out) are. A lower-case word that is in neither, is no
number word and is no Nynorsk form of a Bokmål word ("ventar", "helgane", "endeleg") is most often a
name, a village or a workplace: in the gold sets, 318 of the 435 such tokens in lower-case utterances
were identifiers (docs/deid.md).

A compound ("vakttelefonen", "demensdiagnosen") counts as a word when it splits into dictionary words,
unless its last part is a place-name element ("gull|stein", "anker|skogen", "reke|fjord"): those are how
Norwegian villages and farms are named.

The data file ``data/lexicon_nb.tsv.gz`` (one ``form<TAB>parts of speech`` per line) is derived by
:func:`build` from the ``nb_lemma_exc`` table of the PyPI package ``spacy-lookups-data`` (Norsk Ordbank
Bokmål 2005, updated 2018-06-27, Språkbanken/National Library of Norway, CC BY 4.0).
"""

from __future__ import annotations

import functools
import gzip
import json
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "lexicon_nb.tsv.gz"

# the last part of a compound that makes it a place or farm name rather than a common word
PLACE_ELEMENTS = frozenset(
    """fjord fjorden øy øya øyna øyane øyene stein steinen skog skogen dal dalen vik vika viken nes neset
    berg berget haug haugen bakke bakken li lia lien mo moen myr myra myren eng enga engen voll vollen gard
    garden gården strand stranda sund sundet våg vågen holm holmen hamn hamna havn havna heim heimen tun tunet
    vang vangen land landet stad set setra seter sæter rud rød by byen bygd bygda ås åsen kollen nuten eid
    eidet botn botnen sjø sjøen vatn vatnet vann vannet elv elva ø øyri ørn lund lunden hage hagen
    torp hov hovet grend grenda kleiv kleiva stølen støl vær fjell fjellet nesset odden kilen ura heia
    tveit tveiten""".split()
)

# Nynorsk endings and the Bokmål endings that make a dictionary word of them ("ventar" → "venter")
_NYNORSK_ENDINGS = (
    ("arane", "erne"), ("arar", "ere"), ("aren", "eren"), ("ane", "ene"), ("ar", "er"), ("are", "ere"),
    ("ast", "est"), ("leg", "lig"), ("lege", "lige"), ("legare", "ligere"), ("legast", "ligst"),
    ("ande", "ende"), ("inga", "ingen"), ("ninga", "ningen"), ("a", "en"), ("a", "et"), ("te", "et"),
    ("de", "et"), ("ne", "ene"), ("tt", "t"),
)


def build(out: Path = DATA_FILE) -> int:
    """Write the lexicon file from spacy-lookups-data; returns the number of forms."""
    import spacy_lookups_data

    src = Path(spacy_lookups_data.__file__).parent / "data" / "nb_lemma_exc.json.gz"
    with gzip.open(src, "rt", encoding="utf-8") as fh:
        table = json.load(fh)
    forms: dict[str, set[str]] = {}
    for pos, entries in table.items():
        for form, lemmas in entries.items():
            # proper nouns (capitalised form or lemma: "Oslo", "Halvdan") are what we look for, not words
            if form[:1].islower() and all(lemma[:1].islower() for lemma in lemmas):
                forms.setdefault(form, set()).add(pos[0])
    lines = "".join(f"{form}\t{''.join(sorted(pos))}\n" for form, pos in sorted(forms.items()))
    with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as fh:  # reproducible bytes
        fh.write(lines.encode("utf-8"))
    return len(forms)


# last elements of Norwegian given names that are also dictionary words ("Kolbein", "Ingfrid", "Åslaug",
# "Torborg", "Herdis"): a "compound" that ends in one is a name
NAME_ELEMENTS = frozenset({"bein", "frid", "laug", "veig", "borg", "hild", "gerd", "mund", "vald", "leif", "dis",
                           "bjørg", "bjørn", "geir", "vard", "grim", "ketil", "ulf", "ulv"})


@functools.cache
def load() -> dict[str, str]:
    """form -> parts of speech (letters a, n, v of adjective, noun, verb, adverb)."""
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as fh:
        fields = fh.read().replace("\t", "\n").split("\n")
    return dict(zip(fields[0::2], fields[1::2], strict=False))


def in_lexicon(low: str) -> bool:
    """Is ``low`` (lower case) a Bokmål dictionary form, directly or as a Nynorsk form of one?"""
    lex = load()
    if low in lex:
        return True
    for ny, bm in _NYNORSK_ENDINGS:
        if low.endswith(ny) and len(low) - len(ny) >= 3 and low[: len(low) - len(ny)] + bm in lex:
            return True
    return False


def is_noun(low: str) -> bool:
    """A noun form and nothing else ("søknader", "brukere"; not "dekker", which is also a verb)."""
    return load().get(low, "") == "n"


@functools.lru_cache(maxsize=200_000)
def compound_tail(low: str) -> str | None:
    """The last part of ``low`` read as a compound of dictionary words ("vakt|telefonen" → "telefonen"),
    or None. The first part may carry a linking -s- or -e- ("demens|diagnosen", "trapp|e|heis")."""
    for i in range(3, len(low) - 3):
        head, tail = low[:i], low[i:]
        if not in_lexicon(tail):
            continue
        if in_lexicon(head) or (head[-1] in "se" and len(head) > 3 and in_lexicon(head[:-1])):
            return tail
        if compound_tail(head) is not None:  # three parts: "pårørande|koordinator|en"
            return tail
    return None


@functools.lru_cache(maxsize=200_000)
def unknown_word(low: str) -> bool:
    """A lower-case word no dictionary knows and that is no ordinary compound: "joralf", "ertvågsøya",
    "gullstein" (a compound, but on a place-name element) — not "vakttelefonen" or "ventar"."""
    if in_lexicon(low):
        return False
    if any(low.endswith(element) and len(low) - len(element) >= 2 for element in PLACE_ELEMENTS):
        return True
    tail = compound_tail(low)
    return tail is None or tail in NAME_ELEMENTS  # "kol|bein", "ing|frid": a given name, not a compound
