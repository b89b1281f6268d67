"""The shipped Norwegian NER model (spaCy, trained on NorNE by ``train_ner.py``) and its post-processing.

Loaded lazily from ``workbench/deid/data/ner_nb`` (no download). Post-processing, applied per
document:

* label mapping PER → PERSON, LOC → PLACE, ORG → ORGANIZATION;
* national bodies, laws, systems and other non-identifying names (``data/stoplist.txt``) are dropped,
  as are all-lower-case spans (speech-to-text lower case is handled by the gazetteers and
  project-known identifiers);
* the SSB name lists settle PER/ORG/LOC confusions: a span made of a known first name (+ names)
  becomes PERSON, a span that is a municipality becomes PLACE;
* document-level consistency: a name found once is found everywhere in the document, and every
  occurrence gets the majority label (so "Eilertsen" later in a text is the same PERSON).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

from workbench.deid.gazetteers import load as load_gazetteers
from workbench.deid.gazetteers import municipality_of
from workbench.deid.spans import Span

MODEL_DIR = Path(__file__).resolve().parent / "data" / "ner_nb"
LABEL_MAP = {"PER": "PERSON", "LOC": "PLACE", "ORG": "ORGANIZATION", "GPE": "PLACE"}


@functools.cache
def load_model(path: str | None = None):  # type: ignore[no-untyped-def]
    """The spaCy pipeline (cached). Raises ``FileNotFoundError`` when the model is missing."""
    import spacy

    model_path = Path(path) if path else MODEL_DIR
    if not (model_path / "meta.json").exists():
        raise FileNotFoundError(f"NER model not found at {model_path}")
    return spacy.load(model_path)


def model_available() -> bool:
    return (MODEL_DIR / "meta.json").exists()


_SENT_RE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
_CAP_RE = re.compile(r"(?<![\w-])[A-ZÆØÅÄÖÜÉ][\w-]*")


WINDOW = 8  # words of context kept on each side of a candidate (the tok2vec sees 4)
_WORD = re.compile(r"\S+")


def _candidates(sentence: str) -> list[int]:
    """Start offsets of capitalised words in a sentence that may be (part of) a name.

    Post-processing drops all-lower-case entities, so a sentence whose only capitalised word is a
    common word at its start ("Jeg", "Det", "Vi") cannot yield a kept entity.
    """
    g = load_gazetteers()
    lead = len(sentence) - len(sentence.lstrip(" \t\"'«(-–—"))
    out = []
    for m in _CAP_RE.finditer(sentence):
        word = m.group(0)
        if m.start() > lead:
            if len(word) > 1:
                out.append(m.start())
        elif not g.looks_common(word) and word.lower() not in g.stop:
            out.append(m.start())
    return out


def _segments(text: str) -> list[tuple[int, int]]:
    """Parts of ``text`` the model must see: ±WINDOW words around each candidate, within a sentence."""
    out: list[tuple[int, int]] = []
    for sm in _SENT_RE.finditer(text):
        sentence = sm.group(0)
        cands = _candidates(sentence)
        if not cands:
            continue
        words = [(w.start(), w.end()) for w in _WORD.finditer(sentence)]
        starts = [w[0] for w in words]
        spans: list[list[int]] = []
        for c in cands:
            # index of the word containing the candidate
            idx = max(0, min(len(words) - 1, next((i for i, st in enumerate(starts) if st > c), len(words)) - 1))
            lo, hi = max(0, idx - WINDOW), min(len(words) - 1, idx + WINDOW)
            if spans and lo <= spans[-1][1] + 1:
                spans[-1][1] = max(spans[-1][1], hi)
            else:
                spans.append([lo, hi])
        for lo, hi in spans:
            out.append((sm.start() + words[lo][0], sm.start() + words[hi][1]))
    return out


def raw_entities(texts: list[str], *, batch_size: int = 256) -> list[list[tuple[int, int, str]]]:
    """Model output per text as ``(start, end, label)`` with NorNE-style labels.

    Speed: the model sees only windows of ±WINDOW words around capitalised candidates (see
    :func:`_candidates`); spoken transcripts have few, so most of the text never reaches the model.
    """
    nlp = load_model()
    pieces: list[tuple[int, int, str]] = []  # (text index, offset, segment)
    for ti, text in enumerate(texts):
        for start, end in _segments(text):
            pieces.append((ti, start, text[start:end]))
    results: list[list[tuple[int, int, str]]] = [[] for _ in texts]
    with nlp.select_pipes(enable=["tok2vec", "ner"]):
        docs = nlp.pipe((p[2] for p in pieces), batch_size=batch_size)
        for (ti, off, _piece), doc in zip(pieces, docs, strict=True):
            results[ti].extend((off + e.start_char, off + e.end_char, e.label_) for e in doc.ents)
    return results


def _relabel(text: str, label: str, *, stoplist: bool = True) -> str | None:
    """Gazetteer correction of the model's label; None drops the span."""
    g = load_gazetteers()
    if stoplist and g.is_stop(text):
        return None
    if text == text.lower():
        return None
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text)
    if not words:
        return None
    if municipality_of(text) is not None and label != "PER":
        return "LOC"
    if label != "PER" and len(words) >= 2 and g.is_first(words[0]) and all(g.is_name_word(w) for w in words[1:]) \
            and not g.is_common(words[0]) and municipality_of(words[-1]) is None:
        return "PER"
    if label == "PER" and len(words) == 1 and municipality_of(text) is not None and not g.is_first(text):
        return "LOC"
    return label


PER_WEIGHT = 1.5
# majority voting only settles PER-vs-other readings; organisations are not propagated (an ORG
# reading of a word is often context-bound, e.g. a party name vs the word itself)
PER_ONLY_VOTES = True
PROPAGATE = ("PER", "LOC")


def _at_sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'«(-–—":
        i -= 1
    return i < 0 or text[i] in ".!?:\n;…"


def _base_form(form: str) -> str:
    return form[:-1] if len(form) > 3 and form.endswith("s") else form


# closed-class words (Bokmål, Nynorsk, dialect) that never begin a name
_FUNCTION_WORDS = (
    "eg|jeg|æ|je|du|han|hun|ho|hu|hen|vi|me|dei|de|dem|dokker|kva|hva|kor|korleis|hvordan|kven|hvem|kvifor|"
    "hvorfor|sidan|siden|då|da|no|nå|ikkje|ikke|itte|berre|bare|og|men|så|at|som|når|viss|hvis|om|heiter|heter|"
    "er|var|vart|ble|blei|har|hadde|ja|nei|jo|vel|altså|liksom|eh|ehm|mm|"
    "fra|frå|til|te|på|ved|mot|med|hos|oppi|nedi|inn|ut|heilt|helt"
)
# words that are also (rare) first names but open a sentence as common words: kinship ("Bror hennar …"),
# possessives ("Vår erfaring …"), "Ingen", "Elles", "Gubben"
_NOT_NAMES_AT_START = frozenset({"bror", "far", "mor", "son", "sønn", "dotter", "datter", "syster", "søster", "tante", "onkel",
                        "bestemor", "bestefar", "mormor", "morfar", "farmor", "farfar",
                        # possessives that are also first names: "Vår erfaring er …"
                        "vår", "våre", "vårt", "min", "mi", "mine", "din", "di", "sin", "si", "ingen", "alle",
                        "elles", "gubben", "svigermor", "svigerfar"})
_NOT_A_NAME_START = re.compile(r"(?:Hans|Hennes|Deres)\s[a-zæøå]|Per\s(?:i\s|dag|uke|veke|år|måned|månad|time|person)")
_PRONOUN_AFTER = re.compile(r"\s(?:han|ho|hun|hu|dem|dei|meg|mæ|deg|dæ|oss|henne|honom|ham)\b", re.IGNORECASE)
_COMMON_LIST_AFTER = re.compile(r"\s(?:og|eller)\s[a-zæøå]|,\s[a-zæøå]+(?:,|\s(?:og|eller)\s)")
_LEADING_FUNCTION_WORDS = re.compile(rf"(?:(?i:{_FUNCTION_WORDS})\s+)+(?=\S)")


def postprocess(text: str, ents: list[tuple[int, int, str]], *, stoplist: bool = True
                ) -> list[tuple[int, int, str]]:
    """Stoplist, gazetteer relabelling and document-level name consistency for one document.

    ``stoplist=False`` keeps national names and sentence-initial common nouns (used when scoring
    against NorNE, where "Norge" is a gold location and "Regjeringen" a gold organisation).
    """
    kept: list[tuple[int, int, str]] = []
    g = load_gazetteers()
    for start, end, label in ents:
        surface = text[start:end]
        core = surface.strip(". ")
        if stoplist and (len(core) < 2 or (len(core) == 2 and not core.isupper())):
            continue  # "A", "Je", "Å." are tokenisation noise in transcripts
        if stoplist and " " not in surface and _at_sentence_start(text, start) and g.looks_common(surface) \
                and (not g.is_name_word(surface) or surface.lower() in _NOT_NAMES_AT_START
                     or _COMMON_LIST_AFTER.match(text, end)  # "Dag og natt", "Bjørk, furu og gran"
                     or _PRONOUN_AFTER.match(text, end)):  # an imperative: "Ring han Ottar"
            continue  # "Klagen", "Nummeret", "Der" at the start of a sentence are common words
        if stoplist:
            # a possessive or "Per i dag" at the start, not a name: "Hans kone har …", "Per i dag er det 17"
            if _NOT_A_NAME_START.match(text, start) and _at_sentence_start(text, start):
                continue
            # a trailing clause the model swept in ("Alzheimer, og ho"): cut at the comma
            cut = re.search(r",\s+(?i:og|men|så|at|som|eller)\b", surface)
            if cut:
                end = start + cut.start()
                surface = text[start:end]
            # leading function words the model swept in ("Eg heiter", "Kva Bygland"): trim them
            m = _LEADING_FUNCTION_WORDS.match(surface)
            if m:
                start += m.end()
                surface = text[start:end]
                if not surface.strip() or (" " not in surface and g.looks_common(surface)
                                           and not g.is_name_word(surface)):
                    continue
        new = _relabel(surface, label, stoplist=stoplist)
        if new is not None:
            kept.append((start, end, new))
    # majority label per surface form (genitive folded in); PER votes weigh more, because a
    # name the model once recognised as a person is a person elsewhere in the document too
    votes: dict[str, Counter[str]] = {}
    for start, end, label in kept:
        votes.setdefault(_base_form(text[start:end]), Counter())[label] += PER_WEIGHT if label == "PER" else 1.0
    # person name parts (surname of "Finn Eilertsen" → "Eilertsen") count as persons
    per_parts: set[str] = set()
    for start, end, label in kept:
        if label == "PER":
            parts = text[start:end].split()
            if len(parts) > 1:
                per_parts.update(p for p in parts if len(p) >= 3 and p[0].isupper())
    majority = {form: c.most_common(1)[0][0] for form, c in votes.items()}
    if PER_ONLY_VOTES:
        result = [(s, e, majority[_base_form(text[s:e])] if "PER" in votes[_base_form(text[s:e])] else lab)
                  for s, e, lab in kept]
    else:
        result = [(s, e, majority[_base_form(text[s:e])]) for s, e, _lab in kept]
    # add further occurrences of the forms found (whole words, capitalised as found)
    covered = [(s, e) for s, e, _ in result]
    forms = {form: lab for form, lab in majority.items() if len(form) >= 3 and (lab in PROPAGATE)}
    forms.update({p: "PER" for p in per_parts if p not in forms and not load_gazetteers().is_common(p)})
    if forms:
        pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
                             + r")(s)?(?![\w-])")
        for m in pattern.finditer(text):
            s, e = m.start(), m.end()
            if any(s < ce and cs < e for cs, ce in covered):
                continue
            result.append((s, e, forms[m.group(1)] if m.group(1) in forms else majority[_base_form(m.group(1))]))
            covered.append((s, e))
    return sorted(result)


def postprocess_sentences(texts: list[str], ents: list[list[tuple[int, int, str]]], *, window: int = 25
                          ) -> list[list[tuple[int, int, str]]]:
    """Post-process a stream of sentences in windows of ``window`` consecutive sentences."""
    out: list[list[tuple[int, int, str]]] = []
    for w0 in range(0, len(texts), window):
        block_texts = texts[w0:w0 + window]
        offsets = []
        pos = 0
        for t in block_texts:
            offsets.append(pos)
            pos += len(t) + 1
        joined = "\n".join(block_texts)
        joined_ents = [(offsets[i] + s, offsets[i] + e, lab)
                       for i, sent_ents in enumerate(ents[w0:w0 + window]) for s, e, lab in sent_ents]
        processed = postprocess(joined, joined_ents, stoplist=False)
        for i, t in enumerate(block_texts):
            lo, hi = offsets[i], offsets[i] + len(t)
            out.append([(s - lo, e - lo, lab) for s, e, lab in processed if s >= lo and e <= hi])
    return out


def find_ner(text: str) -> list[Span]:
    """NER detections for one text (post-processed), as :class:`Span` objects."""
    return find_ner_many([text])[0]


def find_ner_many(texts: list[str]) -> list[list[Span]]:
    out = []
    for text, ents in zip(texts, raw_entities(texts), strict=True):
        spans = []
        for start, end, label in postprocess(text, ents):
            mapped = LABEL_MAP.get(label)
            if mapped is None:
                continue
            key = municipality_of(text[start:end]) if mapped == "PLACE" else None
            spans.append(Span(start, end, mapped, text[start:end], "ner", 0.8, key=key))
        out.append(spans)
    return out
