"""A learned last-resort tagger: words the rules left alone that still look like identifiers.

The rule detectors cover the forms someone has written a rule for. What survives them on unseen text is
a long tail (a dialect number word, a lower-case farm name that is also a common word, a named day) in
which no single form recurs, but the *contexts* do: "ho var ___ år", "oppe på ___", "han ___ sa".
This module scores every word that no detector took with a logistic-regression model over features of
the word and its neighbours (word shape, prefixes and suffixes, dictionary and name-list membership,
number morphemes, the neighbouring words, whether the utterance is lower-case speech-to-text) and flags
the words above a threshold for the reviewer (detector ``tagger``, confidence = the model's probability,
capped below 0.5 so no other rule builds on it).

The model is a table of feature weights trained by :mod:`workbench.deid.train_tagger` on the committed
gold sets and shipped in ``data/tagger.json.gz`` (no download). Scoring is a few dictionary look-ups per
word; the words every detector left alone are the only ones scored.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.deid import gazetteers, lexicon
from workbench.deid.patterns import fallbacks as fb
from workbench.deid.patterns.ages import _line_around
from workbench.deid.patterns.ages import _sentence_around as _sentence
from workbench.deid.patterns.numbers import _SMALL_NUMBERS, MONTHS, NUMBER_WORDS
from workbench.deid.spans import Span
from workbench.deid.unknown_words import _NUMERIC_TOKEN_RE

MODEL_FILE = Path(__file__).resolve().parent / "data" / "tagger.json.gz"
TOKEN_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_LINE_RE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?:;…]")
MAX_CONFIDENCE = 0.45
# a flagged span made only of these is dropped: function words and generic service words are never an
# identifier on their own ("og", "år", "omsorgssenter"), though the model sees them next to identifiers
_NEVER_ALONE = frozenset("i og å over under den det de dei år åra første siste halvt null intervjuer intervjuar "
                         "informant informanten ip tusen".split())
# function words are not scored (speed): they are no identifier alone, and one inside a longer identifier
# ("åtti og to", "Mo i Rana") does not stop its other words from being replaced
_FUNCTION = frozenset("og på for en et til av fra frå jo litt ha nå no være vere før etter rundt som at er var "
                      "det ikke ikkje så med men om har jeg eg vi me".split())
_PRONOUNS = frozenset("jeg eg æ je han hun ho hu hon hæn vi me dei de du dere dokker dem mor far".split())
# digits that are part of a clock time or a time code ("13:02", "00:04.586")
_DIGIT_GROUP = re.compile(r"\d:$|^:\d")
_NEXT_WORDS = re.compile(r"[ \t-]+([^\W\d_]+)")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    low: str
    line: int  # index of the line (utterance) in the text
    initial: bool  # first word of the utterance body or of a sentence


@dataclass(slots=True)
class LineInfo:
    lower: bool  # the utterance body has no capital letter (speech-to-text)
    speaker: str  # "q" (interviewer), "a" (informant), "" (no speaker label)
    question: bool


@dataclass
class TaggerModel:
    vocab: frozenset[str]
    bias: float
    weights: dict[str, float]
    labels: list[str] = field(default_factory=list)
    label_bias: list[float] = field(default_factory=list)
    label_weights: dict[str, list[float]] = field(default_factory=dict)
    threshold: float = 0.5
    trained_on: list[str] = field(default_factory=list)  # the gold files it was trained on ("gold", "h2", …)
    # frequent words never part of an identifier in the training data ("og", "vedtak"): not scored (speed)
    skip: frozenset[str] = frozenset()

    def probability(self, feats: Iterable[str]) -> float:
        get = self.weights.get
        z = self.bias + sum([get(f, 0.0) for f in feats])
        return 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0

    def label(self, feats: list[str]) -> str:
        scores = list(self.label_bias)
        for f in feats:
            row = self.label_weights.get(f)
            if row is not None:
                scores = [a + b for a, b in zip(scores, row, strict=True)]
        return self.labels[max(range(len(scores)), key=scores.__getitem__)] if scores else "PERSON"

    def to_json(self) -> dict[str, object]:
        return {"vocab": sorted(self.vocab), "bias": self.bias, "weights": self.weights, "labels": self.labels,
                "label_bias": self.label_bias, "label_weights": self.label_weights, "threshold": self.threshold,
                "trained_on": self.trained_on, "skip": sorted(self.skip)}

    @classmethod
    def from_json(cls, data: dict) -> TaggerModel:  # type: ignore[type-arg]
        return cls(frozenset(data["vocab"]), data["bias"], data["weights"], data["labels"], data["label_bias"],
                   data["label_weights"], data["threshold"], data.get("trained_on", []),
                   frozenset(data.get("skip", [])))


def save(model: TaggerModel, path: Path = MODEL_FILE) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(model.to_json(), fh, ensure_ascii=False, separators=(",", ":"))


_override: TaggerModel | None = None


@functools.cache
def _load_shipped() -> TaggerModel | None:
    if not MODEL_FILE.exists():
        return None
    with gzip.open(MODEL_FILE, "rt", encoding="utf-8") as fh:
        return TaggerModel.from_json(json.load(fh))


def load() -> TaggerModel | None:
    """The shipped model (cached), or the one set by :func:`use_model` (cross-validation)."""
    return _override if _override is not None else _load_shipped()


def use_model(model: TaggerModel | None) -> None:
    """Score with ``model`` instead of the shipped one (``None``: back to the shipped model)."""
    global _override
    _override = model


def tokenize(text: str) -> tuple[list[Token], list[LineInfo]]:
    tokens: list[Token] = []
    lines: list[LineInfo] = []
    for line in _LINE_RE.finditer(text):
        label = gazetteers.SPEAKER_LABEL_RE.match(line.group(0))
        body_start = line.start() + (label.end() if label else 0)
        body = text[body_start:line.end()]
        speaker = ""
        if label:
            head = label.group(0).strip().rstrip(":").strip().lower()
            speaker = "q" if head in ("i", "intervjuer", "int", "q", "forsker", "spm") else "a"
        lines.append(LineInfo(body.lower() == body, speaker, body.rstrip().endswith("?")))
        index = len(lines) - 1
        prev_end = body_start
        for m in TOKEN_RE.finditer(body):
            start, end = m.span()
            start += body_start
            end += body_start
            initial = prev_end == body_start or (
                (start - prev_end != 1 or text[prev_end] != " ") and _SENTENCE_END.search(text, prev_end, start) is not None)
            word = m.group(0)
            tokens.append(Token(start, end, word, word.lower(), index, initial))
            prev_end = end
    return tokens, lines


def _shape(word: str) -> str:
    if word.isdigit():
        return f"d{min(len(word), 5)}"
    if any(c.isdigit() for c in word):
        return "mix"
    if word.isupper() and len(word) > 1:
        return "upper"
    if word[0].isupper():
        return "cap"
    return "low"


@functools.lru_cache(maxsize=200_000)
def _word_facts(low: str) -> tuple[str, ...]:
    """Features of the word itself that do not depend on the vocabulary (cached per form)."""
    g = gazetteers.load()
    out = []
    alpha = low.replace("-", "").isalpha()
    if alpha:
        if low in NUMBER_WORDS:
            out.append("numword")
        elif _NUMERIC_TOKEN_RE.fullmatch(low):
            out.append("nummorph")
        if g.is_common(low):
            out.append("common")
        elif g.looks_common(low):
            out.append("commonish")
        out.append("unknown" if lexicon.unknown_word(low) else "lexicon")
        if g.is_first(low):
            out.append("first")
        if g.is_surname(low):
            out.append("surname")
        if low in g.municipalities or (low.endswith("s") and low[:-1] in g.municipalities):
            out.append("municipality")
        if low in g.counties:
            out.append("region")
        if g.is_stop(low):
            out.append("stop")
        if len(low) >= 4:
            out += ["s2=" + low[-2:], "s3=" + low[-3:], "s4=" + low[-4:], "p3=" + low[:3], "p4=" + low[:4]]
        else:
            out.append("short=" + low)
    out.append(f"len={min(len(low), 12)}")
    return tuple(out)


def _context_word(tok: Token | None, vocab: frozenset[str]) -> str:
    if tok is None:
        return "<none>"
    return tok.low if tok.low in vocab else "<" + _shape(tok.text) + ">"


_NUMERIC_FACTS = frozenset({"numword", "nummorph"})
_MONTHS = frozenset(m.lower() for m in MONTHS)


def _number_context(text: str, start: int, end: int, memo: dict[tuple[int, int, str], bool]) -> list[str]:
    """What the rules know about the words around a number or a month: a clock time, a count, a unit or a
    duration after it, a reform, law or report in its sentence, a person in its utterance, a group.
    Sentence and utterance facts are computed once per sentence/utterance (``memo``, one per text)."""
    out = []
    if fb._BROAD_NOT_BEFORE.search(text, max(0, start - 20), start):
        out.append("ctx=notbefore")
    if fb._AGE_VERB_BEFORE.search(text, max(0, start - 40), start):
        out.append("ctx=agebefore")
    if fb._TIME_OR_UNIT_AFTER.match(text, end):
        out.append("ctx=unitafter")
    a, b = _sentence(text, start, end)
    la, lb = _line_around(text, start, end)
    for key, rx, lo, hi in (("nonperson", fb._NON_PERSON_CONTEXT, a, b), ("generic", fb._BROAD_GENERIC, a, b),
                            ("person", fb._BROAD_PERSON_LINE, la, lb)):
        hit = memo.get((lo, hi, key))
        if hit is None:
            hit = memo[(lo, hi, key)] = rx.search(text, lo, hi) is not None
        if hit:
            out.append("ctx=" + key)
    return out


def features(tokens: list[Token], lines: list[LineInfo], i: int, vocab: frozenset[str], text: str = "",
             memo: dict[tuple[int, int, str], bool] | None = None) -> list[str]:
    """The feature strings of token ``i`` of ``text`` (shared by training and scoring); ``memo``: a dict
    kept for one text, so that facts about a sentence are computed once."""
    tok = tokens[i]
    line = lines[tok.line]
    shape = _shape(tok.text)
    same = [t if t is not None and t.line == tok.line else None
            for t in (tokens[i - 2] if i >= 2 else None, tokens[i - 1] if i >= 1 else None,
                      tokens[i + 1] if i + 1 < len(tokens) else None, tokens[i + 2] if i + 2 < len(tokens) else None)]
    p2, p1, n1, n2 = (_context_word(t, vocab) for t in same)
    word = tok.low if tok.low in vocab else "<rare>"
    facts = _word_facts(tok.low)
    feats = ["w=" + word, "shape=" + shape, f"shape={shape}|init={tok.initial}", f"lower={line.lower}",
             f"spk={line.speaker}", f"q={line.question}", "p1=" + p1, "p2=" + p2, "n1=" + n1, "n2=" + n2,
             f"p1={p1}|n1={n1}", f"p2={p2}|p1={p1}", f"n1={n1}|n2={n2}", f"p1={p1}|shape={shape}",
             f"n1={n1}|shape={shape}"]
    feats += ["f=" + f for f in facts]
    if text:
        after = text[tok.end:tok.end + 1]
        if after in ":,.?!":
            feats.append("after=" + after)
        if shape.startswith("d") or tok.low in _MONTHS or (len(facts) > 0 and facts[0] in _NUMERIC_FACTS):
            feats += _number_context(text, tok.start, tok.end, {} if memo is None else memo)
    if word == "<rare>":
        feats += ["rare|" + f for f in facts if "=" not in f]
        feats += [f"rare|p1={p1}", f"rare|n1={n1}", f"rare|shape={shape}|lower={line.lower}"]
    return feats


def find_tagged(text: str, taken: list[tuple[int, int]], model: TaggerModel | None = None) -> list[Span]:
    """Words no detector took (``taken``: the detections' ranges) that the model flags, merged into spans."""
    model = model or load()
    if model is None:
        return []
    tokens, lines = tokenize(text)
    taken = sorted(taken)
    flagged: list[tuple[Token, float, list[str]]] = []
    memo: dict[tuple[int, int, str], bool] = {}
    j = 0
    for i, tok in enumerate(tokens):
        while j < len(taken) and taken[j][1] <= tok.start:
            j += 1
        if j < len(taken) and taken[j][0] < tok.end:
            continue  # inside (or touching) a detection
        if tok.low in model.skip or tok.low in _NEVER_ALONE or tok.low in _FUNCTION or _not_scored(text, tok):
            continue
        feats = features(tokens, lines, i, model.vocab, text, memo)
        p = model.probability(feats)
        if p >= model.threshold:
            flagged.append((tok, p, feats))
    out: list[Span] = []
    for tok, p, feats in flagged:
        last = out[-1] if out else None
        if last is not None and re.fullmatch(r"[ -]", text[last.end:tok.start] or "x"):
            last.end = tok.end
            last.text = text[last.start:last.end]
            last.confidence = round(min(MAX_CONFIDENCE, max(last.confidence, p)), 3)
            continue
        out.append(Span(tok.start, tok.end, model.label(feats), tok.text, "tagger",
                        round(min(MAX_CONFIDENCE, p), 3), details={"fallback": True, "probability": round(p, 3)}))
    return [s for s in out if not _generic(s.text) and not _count(text, s)]


def _not_scored(text: str, tok: Token) -> bool:
    """Digits mixed with letters (time codes, "14m", ids) and digits inside a clock time are the patterns'
    business; the model has not seen them in running speech."""
    if not any(c.isdigit() for c in tok.text):
        return False
    if not tok.text.isdigit():
        return True
    return bool(_DIGIT_GROUP.search(text[max(0, tok.start - 2):tok.start]) or
                _DIGIT_GROUP.search(text[tok.end:tok.end + 2]))


def _count(text: str, span: Span) -> bool:
    """A number followed by a unit or a noun is a count or an amount ("tjueseks liggedøgn", "2400 søknader",
    "fire fem ganger", "30 minutter"), not an age or a date."""
    if not all(w.isdigit() or w in NUMBER_WORDS or w in _SMALL_NUMBERS for w in span.text.lower().split()):
        return False  # (ordinals are days: "femte januar")
    if fb._TIME_OR_UNIT_AFTER.match(text, span.end):
        return True
    pos = span.end
    while (m := _NEXT_WORDS.match(text, pos)) is not None:
        word = m.group(1).lower()
        if word in NUMBER_WORDS or word in _SMALL_NUMBERS or _NUMERIC_TOKEN_RE.fullmatch(word):
            pos = m.end()
            continue
        if word in _MONTHS or word.startswith(("år", "åra", "gam")) or word in _FUNCTION or word in _PRONOUNS:
            return False
        return "n" in lexicon.load().get(word, "") or word in ("ganger", "gonger", "gongar", "stykker", "stykk")
    return False


_SERVICE_TAILS = ("senter", "senteret", "sjukehus", "sjukehuset", "sykehus", "sykehuset", "sykehjem", "sjukeheim",
                  "skole", "skule", "barnehage", "kontor", "kontoret")


def _generic(surface: str) -> bool:
    """Function words, stop-listed names and generic service words ("universitetssjukehus") on their own."""
    g = gazetteers.load()
    institutions = _institution_words()
    return all(w in _NEVER_ALONE or w in institutions or (g.is_stop(w) and w not in _MONTHS) or w.endswith(_SERVICE_TAILS)
               for w in surface.lower().replace("-", " ").split())


@functools.cache
def _institution_words() -> frozenset[str]:
    return frozenset(w.lower() for w in gazetteers.INSTITUTION_WORDS if " " not in w)
