"""Bibliographic de-duplication: normalisation, blocking, pair scoring and grouping (pure, no database).

Precision first: a pair is merged automatically only when the evidence is strong (same DOI/PMID
with a matching title, or a near-identical title with compatible authors, year and
pagination/volume). Pairs with a similar title but weaker or partly conflicting evidence land in
an *uncertain* band that a person reviews; they are never merged here.

Pipeline::

    keys = [normalise(r) for r in records]        # NormRecord
    pairs = candidate_pairs(keys)                 # blocking on DOI, PMID, title prefix/suffix, author+year, page+year
    scored = [score_pair(a, b) ...]               # PairScore(status="duplicate"|"uncertain"|"distinct")
    groups = group_pairs(...)                     # union-find, strongest pair first, search-set constraint

What counts as a duplicate follows Rathbone et al. (2015) and bib-dedupe: versions of the same
paper (preprint, corrected, Cochrane review updates) and the same record with different DOIs are
duplicates; separate reports of one study, a conference paper and its journal version, and an
erratum/comment and its paper are not.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

# Confidence thresholds (score in [0, 1]); tuned on the shared Rathbone/bib-dedupe sets, see
# docs/benchmarks.md. >= CERTAIN is merged automatically, [UNCERTAIN, CERTAIN) goes to review.
CERTAIN = 0.90
UNCERTAIN = 0.60
MAX_BLOCK = 60  # blocks larger than this are compared within a sorted window only

_TAG_RE = re.compile(r"<[^>]+>")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_LANG_SUFFIX = re.compile(r"\s*\[(?:[a-z]+(?: language)?)\]\s*\.?\s*$", re.I)
_DOI_PREFIX = re.compile(r"^(?:https?://)?(?:dx\.)?(?:doi\.org/)|^doi:\s*", re.I)
_NOTICE = re.compile(
    r"^(?:erratum|errata|corrigendum|correction|retraction|retracted|withdrawn|expression of concern|"
    r"reply|response|comment|commentary|in reply|letter|editorial comment)\b"
)
_DIGITS = re.compile(r"\d+")
# Embase indexes a letter and its reply as one combined record, "Title (multiple letters) [1]"
_LETTERS = re.compile(r"\(\s*multiple letters\s*\)\s*(?:\[\d+\])?", re.I)
# Citations of the other half of an erratum pair inside a title: the paper's "[Erratum appears in
# N Engl J Med. 2009 Jun 4;360(23):2487 ...]", the erratum's "(vol 360, pg 542, 2009)" or
# "(New England Journal of Medicine (2009) 360 (542-544))" -> (volume, first page)
_CITES = (
    re.compile(r"erratum appears in [^\]\[]*?;\s*(\d+)\s*\([^)]*\)\s*:\s*[a-z]?(\d+)", re.I),
    re.compile(r"\(vol\.?\s*(\d+)\s*,\s*pg?\.?\s*[a-z]?(\d+)", re.I),
    re.compile(r"\(\s*(?:1[89]|20)\d\d\s*\)\s*(\d+)\s*(?:\(\s*\d+\s*\)\s*)?\(\s*[a-z]?(\d+)(?:\s*-\s*[a-z]?\d+)?\s*\)\s*\)"
               r"\s*\.?\s*$", re.I),
)
_REPLY_SUFFIX = re.compile(r"\s+(?:authors?'? )?(?:reply|response)(?: to .*)?$")
_ERRATUM_NOTE = re.compile(r"\[(?:erratum|corrected|retracted|comment)[^\]]*\]?|\(vol\.? \d+[^)]*\)|<original>.*$",
                           re.I)
_STOP = frozenset("a an the of and in on for to with by from at or as is are".split())


def normalise_text(text: str) -> str:
    """Lowercase ASCII words separated by single spaces (accents folded, markup and punctuation removed)."""
    if not text:
        return ""
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    if text.isascii():
        return _NON_ALNUM.sub(" ", text.lower().replace("&", " and ")).strip()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("&", " and ").replace("ß", "ss").replace("ø", "o").replace("æ", "ae")
    return _NON_ALNUM.sub(" ", text).strip()


def normalise_title(title: str) -> str:
    """Title key: language suffixes (``[Spanish]``), erratum notes and notice prefixes dropped, words only."""
    title = (title or "").strip()
    title = _ERRATUM_NOTE.sub(" ", title)
    title = _LETTERS.sub(" ", title)
    title = _LANG_SUFFIX.sub("", title)
    title = _LANG_SUFFIX.sub("", title)
    text = normalise_text(title)
    return _NOTICE.sub("", text).strip() or text


def normalise_doi(doi: str) -> str:
    """``10.1000/xyz`` lowercase, without ``https://doi.org/`` or ``doi:`` prefixes; '' if not a DOI."""
    doi = (doi or "").strip()
    doi = _DOI_PREFIX.sub("", doi).strip().lower().rstrip(".;,")
    return doi if doi.startswith("10.") and "/" in doi else ""


_SPLIT_AUTHORS = re.compile(r"\s+and\s+|\s*;\s*|\n+")
_GLUED = re.compile(r"(?<=\.)(?=[A-Z][a-z'])")  # "Tan A.Schulze A." (MEDLINE-style, glued)


def author_surnames(authors: str | Sequence[str]) -> tuple[str, ...]:
    """Normalised surnames of an author list given as a list or as one string.

    Understands ``Surname, Given``, ``Surname AB`` (MEDLINE), ``Given Surname`` and glued
    ``Tan A.Schulze A.`` strings.
    """
    if isinstance(authors, str):
        text = _GLUED.sub("; ", authors.strip())
        parts = [p for p in _SPLIT_AUTHORS.split(text) if p.strip()]
        if len(parts) == 1 and parts[0].count(",") > 1:
            # "Smith J, Jones K, ..." (comma-separated MEDLINE style)
            parts = [p for p in parts[0].split(",") if p.strip()]
    else:
        parts = [str(a) for a in authors if str(a).strip()]
    out = []
    for part in parts:
        name = _surname(part)
        if name and name not in ("et al", "etal", "anonymous"):
            out.append(name)
    return tuple(out)


@lru_cache(maxsize=200_000)
def _surname(author: str) -> str:
    author = author.strip()
    if "," in author:
        return normalise_text(author.split(",", 1)[0]).replace(" ", "")
    words = normalise_text(author).split()
    if not words:
        return ""
    # MEDLINE "Surname AB": trailing initials are short upper-case tokens in the original
    raw = author.replace(".", " ").split()
    if len(raw) >= 2 and raw[-1].isupper() and len(raw[-1]) <= 3:
        while len(raw) > 1 and raw[-1].isupper() and len(raw[-1]) <= 3:
            raw.pop()
        return "".join(normalise_text(" ".join(raw)).split())
    if len(raw) >= 2 and all(len(w) == 1 for w in raw[1:]):
        return words[0]
    return words[-1]


def first_page(pages: str) -> tuple[str, str]:
    """(first page, last page) as normalised strings; ``221-8`` -> ('221', '228'), ``S33-38`` -> ('33', '38')."""
    text = (pages or "").strip().lower().replace("–", "-").replace("—", "-")
    if not text:
        return "", ""
    first_range = re.split(r"[,+;]", text)[0]
    parts = [p.strip() for p in re.split(r"-+", first_range) if p.strip()]
    start = _page_number(parts[0]) if parts else ""
    end = _page_number(parts[1]) if len(parts) > 1 else ""
    if start.isdigit() and end.isdigit() and len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return start, end


def page_starts(pages: str) -> frozenset[str]:
    """First pages of every range in ``pages`` (``"230-5, 246-51"`` -> {'230', '246'})."""
    out = set()
    for chunk in re.split(r"[,+;]", (pages or "").lower()):
        chunk = chunk.strip()
        if chunk:
            num = _page_number(re.split(r"[-–—]+", chunk)[0])
            if num:
                out.add(num)
    return frozenset(out)


def _page_number(text: str) -> str:
    """Digits of a page (``viii108``, ``S33``, ``P63``, ``c37`` -> the number); else the letters."""
    m = _DIGITS.search(text)
    if m:
        return m.group(0).lstrip("0") or "0"
    return re.sub(r"[^0-9a-z]", "", text)


@lru_cache(maxsize=50_000)
def _journal_key(journal: str) -> str:
    return normalise_text(journal)


def _year(value: Any) -> int | None:
    m = re.search(r"(1[5-9]\d\d|20\d\d)", str(value or ""))
    return int(m.group(1)) if m else None


def _volume(value: Any) -> str:
    m = _DIGITS.search(str(value or ""))
    return m.group(0).lstrip("0") if m else ""


@dataclass(frozen=True)
class DedupInput:
    """One record as seen by the de-duplicator (values as imported)."""

    id: str
    title: str = ""
    authors: str | tuple[str, ...] | list[str] = ""
    year: Any = None
    journal: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    abstract: str = ""
    search_set: str = ""


@dataclass
class NormRecord:
    index: int
    id: str
    title: str
    compact: str
    words: tuple[str, ...]
    surnames: tuple[str, ...]
    year: int | None
    journal: str
    volume: str
    page1: str
    page2: str
    pages: frozenset[str]
    doi: str
    pmid: str
    abstract: str
    search_set: str
    notice: bool
    translated: bool
    numbers: frozenset[str]
    letters: bool = False  # combined "letter + reply" record (Embase "(multiple letters)")
    stem: str = ""  # title key without a trailing "reply" / "authors reply"
    span: tuple[int, int] | None = None  # numeric page range (first, last)
    cites: frozenset[tuple[str, str]] = frozenset()  # (volume, first page) cited by an erratum note


def title_citations(title: str) -> frozenset[tuple[str, str]]:
    """(volume, first page) pairs an erratum note in ``title`` points at (see ``_CITES``)."""
    if not title or ("rratum" not in title and "(" not in title):
        return frozenset()
    return frozenset((m.group(1).lstrip("0"), m.group(2).lstrip("0")) for rx in _CITES for m in rx.finditer(title))


def _span(page1: str, page2: str) -> tuple[int, int] | None:
    if not page1.isdigit():
        return None
    first = int(page1)
    last = int(page2) if page2.isdigit() else first
    return (first, last) if last >= first else None


def normalise(index: int, rec: DedupInput) -> NormRecord:
    title = normalise_title(rec.title)
    page1, page2 = first_page(rec.pages)
    pmid = re.sub(r"\D", "", str(rec.pmid or ""))
    return NormRecord(
        index=index, id=rec.id, title=title, compact=title.replace(" ", ""), words=tuple(title.split()),
        surnames=author_surnames(rec.authors if not isinstance(rec.authors, list) else tuple(rec.authors)),
        year=_year(rec.year), journal=_journal_key(rec.journal or ""), volume=_volume(rec.volume),
        page1=page1, page2=page2, pages=page_starts(rec.pages), doi=normalise_doi(rec.doi), pmid=pmid,
        abstract=normalise_text((rec.abstract or "")[:400]), search_set=rec.search_set or "",
        notice=bool(_NOTICE.match(normalise_text(rec.title)) or _ERRATUM_NOTE.search(rec.title or "")),
        translated=(rec.title or "").lstrip().startswith("[") or bool(_LANG_SUFFIX.search(rec.title or "")),
        numbers=frozenset(w for w in title.split() if w.isdigit()),
        letters=bool(_LETTERS.search(rec.title or "")), stem=_REPLY_SUFFIX.sub("", title),
        span=_span(page1, page2), cites=title_citations(rec.title or ""),
    )


# --------------------------------------------------------------------------------------- blocking


def _block_keys(r: NormRecord) -> Iterable[tuple[str, str]]:
    if r.doi:
        yield "doi", r.doi
    if r.pmid:
        yield "pmid", r.pmid
    if len(r.compact) >= 12:
        yield "tp", r.compact[:20]
        yield "ts", r.compact[-20:]
        content = sorted((w for w in r.words if w not in _STOP and len(w) > 3), key=lambda w: (-len(w), w))[:3]
        if len(content) == 3:
            yield "tw", " ".join(sorted(content))
    elif r.compact:
        yield "tx", r.compact
    if r.surnames and r.year:
        yield "ay", f"{r.surnames[0]}|{r.year}"
    if r.page1 and r.year and r.page1 not in ("1", "e1"):
        yield "py", f"{r.page1}|{r.year}"
    if r.page1 and r.surnames:
        yield "pa", f"{r.page1}|{r.surnames[0][:4]}"


def candidate_pairs(norm: Sequence[NormRecord], *, max_block: int = MAX_BLOCK) -> set[tuple[int, int]]:
    """Index pairs (i < j) that share at least one blocking key."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for r in norm:
        for key in _block_keys(r):
            blocks[key].append(r.index)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        n = len(members)
        if n < 2:
            continue
        if n <= max_block:
            for x in range(n):
                a = members[x]
                for y in range(x + 1, n):
                    b = members[y]
                    pairs.add((a, b) if a < b else (b, a))
        else:  # large block: sorted neighbourhood by title
            ordered = sorted(members, key=lambda i: norm[i].compact)
            window = 8
            for x in range(n):
                for y in range(x + 1, min(n, x + window)):
                    a, b = ordered[x], ordered[y]
                    pairs.add((a, b) if a < b else (b, a))
    return pairs


# --------------------------------------------------------------------------------------- scoring


@dataclass
class PairScore:
    a: str
    b: str
    score: float
    status: str  # duplicate | uncertain | distinct
    evidence: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "score": round(self.score, 4), "status": self.status,
                "evidence": self.evidence}


def title_similarity(a: NormRecord, b: NormRecord) -> float:
    if not a.compact or not b.compact:
        return 0.0
    if a.compact == b.compact:
        return 1.0
    sim = fuzz.ratio(a.title, b.title) / 100.0
    # one title contains the other (subtitle dropped, bilingual "Original; English" titles)
    short, long_ = (a, b) if len(a.compact) <= len(b.compact) else (b, a)
    if len(short.compact) >= 30 and short.compact in long_.compact:
        sim = max(sim, 0.95 if len(short.compact) >= 0.6 * len(long_.compact) else 0.9)
    elif len(short.title) >= 30 and sim >= 0.5 and len(long_.title) >= 1.15 * len(short.title):
        partial = fuzz.partial_ratio(short.title, long_.title) / 100.0
        if partial >= 0.97:
            sim = max(sim, 0.93 * partial)
    return sim


def author_similarity(a: NormRecord, b: NormRecord) -> float | None:
    """Share of the shorter surname list found (fuzzily) in the longer one; None if one is missing."""
    if not a.surnames or not b.surnames:
        return None
    sa, sb = (a.surnames, b.surnames) if len(a.surnames) <= len(b.surnames) else (b.surnames, a.surnames)
    sb_set = set(sb)
    sb_list = list(sb[:20])
    hits = 0
    for name in sa[:12]:
        if name in sb_set or process.extractOne(name, sb_list, scorer=Levenshtein.normalized_similarity,
                                                score_cutoff=0.8):
            hits += 1
        elif len(name) >= 4 and any(len(o) >= 4 and (o.endswith(name) or name.endswith(o)) for o in sb_list):
            hits += 1
    share = hits / min(len(sa), 12)
    if not _first_author_match(a, b) and not (a.surnames[0] in b.surnames[:3] or b.surnames[0] in a.surnames[:3]):
        share *= 0.7  # different first author
    return share


def _abbreviates(short: str, words: Sequence[str]) -> bool:
    """True if ``short`` (spaces removed) is a run of prefixes of ``words`` in order
    (``jthoraccardiovascsurg`` ~ journal thoracic cardiovascular surgery)."""
    n = len(short)
    memo: dict[tuple[int, int], bool] = {}

    def ok(pos: int, k: int) -> bool:
        if pos == n:
            return True
        if k == len(words) or (pos, k) in memo:
            return memo.get((pos, k), False)
        word = words[k]
        res = False
        for length in range(min(len(word), n - pos), 0, -1):
            if short[pos:pos + length] == word[:length] and ok(pos + length, k + 1):
                res = True
                break
        res = res or ok(pos, k + 1)
        memo[(pos, k)] = res
        return res

    return ok(0, 0)


def _journal_compatible(a: str, b: str) -> bool:
    """Same venue, also when one is an abbreviation (``ann hepatol`` ~ ``annals of hepatology``)."""
    if not a or not b:
        return True
    if a == b or fuzz.ratio(a, b) >= 92 or fuzz.token_set_ratio(a, b) >= 95:
        return True
    wa = [w for w in a.split() if w not in _STOP]
    wb = [w for w in b.split() if w not in _STOP]
    if not wa or not wb:
        return False
    short, long_ = (wa, wb) if len("".join(wa)) <= len("".join(wb)) else (wb, wa)
    if short[0][0] != long_[0][0]:
        return False
    return _abbreviates("".join(short)[:40], long_[:12]) or _iso_abbreviates(short[:12], long_[:12])


def _subsequence(short: str, word: str) -> bool:
    it = iter(word)
    return all(ch in it for ch in short)


def _iso_abbreviates(short: Sequence[str], long_: Sequence[str]) -> bool:
    """ISO 4 word abbreviations that drop inner letters, word by word and in order
    (``dtsch med wochenschr`` ~ ``deutsche medizinische wochenschrift``): every short word is a
    subsequence of a long word with the same first letter; long words may be skipped."""
    if len(short) < 2:
        return False
    k = 0
    for word in short:
        while k < len(long_) and not (word[0] == long_[k][0] and _subsequence(word, long_[k])):
            k += 1
        if k == len(long_):
            return False
        k += 1
    return True


def unexplained_words(a: NormRecord, b: NormRecord) -> int:
    """Content words in one title with no look-alike in the other (``adult`` vs ``pediatric``).

    Typos (``vresus``/``versus``), glued words (``gastriccancer``) and a dropped subtitle do not
    count; differing numbers (``part 2``/``part 3``) do.
    """
    wa, wb = set(a.words), set(b.words)
    only_a, only_b = wa - wb, wb - wa
    if not only_a or not only_b:
        return 0  # one title's words are a subset of the other's (truncation, subtitle)
    count = 0
    others = list(only_b)
    for w in only_a:
        if w in _STOP:
            continue
        if w.isdigit() or len(w) <= 2:
            if any(o.isdigit() or len(o) <= 2 for o in others):
                count += 1
            continue
        if w in b.compact:
            continue  # glued words ("gastriccancer")
        if process.extractOne(w, others, scorer=Levenshtein.normalized_similarity, score_cutoff=0.7):
            continue  # a typo or spelling variant
        if any(len(o) > 3 and o in w for o in others):
            continue
        count += 1
    return count


def _first_author_match(a: NormRecord, b: NormRecord) -> bool:
    x, y = a.surnames[0], b.surnames[0]
    if x == y or Levenshtein.normalized_similarity(x, y) >= 0.8:
        return True
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return len(short) >= 2 and (long_.startswith(short) or long_.endswith(short))


def _erratum_link(a: NormRecord, b: NormRecord) -> bool:
    """One record's title cites the other's volume and first page (an erratum note)."""
    return bool((a.cites and (b.volume, b.page1) in a.cites) or (b.cites and (a.volume, a.page1) in b.cites))


def _in_combined_letters(part: NormRecord, combined: NormRecord) -> bool:
    """``part`` is a letter (or its reply) inside ``combined``, a "(multiple letters)" record:
    same title stem, page range inside the combined range, every author of ``part`` listed."""
    if not combined.letters or part.letters or not part.span or not combined.span or not part.surnames:
        return False
    if not (combined.span[0] <= part.span[0] and part.span[1] <= combined.span[1]):
        return False
    if not part.stem or fuzz.ratio(part.stem, combined.stem) < 95:
        return False
    names = list(combined.surnames)
    return all(n in names or process.extractOne(n, names, scorer=Levenshtein.normalized_similarity,
                                                score_cutoff=0.8) for n in part.surnames)


def score_pair(a: NormRecord, b: NormRecord) -> PairScore:
    """Confidence that ``a`` and ``b`` describe the same publication, with the evidence used."""
    ev: dict[str, Any] = {}
    ts = title_similarity(a, b)
    ev["title"] = round(ts, 3)
    same_id = bool((a.doi and a.doi == b.doi) or (a.pmid and a.pmid == b.pmid))
    if same_id:
        ev["same_id"] = "doi" if a.doi and a.doi == b.doi else "pmid"
    if a.search_set and a.search_set == b.search_set:
        ev["same_search_set"] = True
        return PairScore(a.id, b.id, 0.0, "distinct", ev)
    if ts < 0.6 and not same_id and not (a.page1 and a.page1 == b.page1 and a.year == b.year):
        return PairScore(a.id, b.id, ts * 0.5, "distinct", ev)  # nothing in common but a blocking key
    if (not same_id and ts < 0.99 and a.year is not None and b.year is not None and abs(a.year - b.year) > 1
            and not (a.pages & b.pages)):
        # years apart without the same article number: capped below the review band further down
        ev["year_diff"] = abs(a.year - b.year)
        return PairScore(a.id, b.id, min(ts, UNCERTAIN - 0.01), "distinct", ev)
    aus = author_similarity(a, b)
    ev["authors"] = None if aus is None else round(aus, 3)
    ydiff = None if a.year is None or b.year is None else abs(a.year - b.year)
    ev["year_diff"] = ydiff
    page_match = bool(a.pages & b.pages) and bool(a.page1 and b.page1)
    page_conflict = bool(a.page1 and b.page1) and not page_match
    if page_conflict and a.page2 and a.page2 == b.page2 and a.page2 != a.page1:
        page_conflict = False  # typo in the first page only
    vol_conflict = bool(a.volume and b.volume and a.volume != b.volume)
    vol_match = bool(a.volume and a.volume == b.volume)
    journal_ok = _journal_compatible(a.journal, b.journal)
    doi_conflict = bool(a.doi and b.doi and a.doi != b.doi)
    if ts >= 1.0:
        words = 0
    elif ts >= 0.7:
        words = unexplained_words(a, b) + unexplained_words(b, a)
    else:
        words = 3  # titles this different: only a bibliographic match can pair them
    ev.update(pages="match" if page_match else ("conflict" if page_conflict else None),
              volume="match" if vol_match else ("conflict" if vol_conflict else None),
              journal_compatible=journal_ok, words_differ=words)
    if doi_conflict:
        ev["doi"] = "conflict"
    if a.notice != b.notice:
        ev["notice"] = True  # erratum/comment notice vs. the paper itself

    score = ts - 0.07 * min(words, 3)
    if same_id:
        score = max(score, 0.75) + 0.2
    first_ok = True
    if aus is not None:
        score += 0.06 * (aus - 0.5) * 2  # -0.06 .. +0.06
        if aus < 0.34:
            score -= 0.15
        first_ok = _first_author_match(a, b)
        if not first_ok:
            ev["first_author"] = "differs"
            score -= 0.05
    numbers_differ = bool(a.numbers - b.numbers and b.numbers - a.numbers)
    if numbers_differ:
        ev["numbers_differ"] = True  # "FOCUS 1" vs. "FOCUS 2", "part 2" vs. "part 3"
        score -= 0.1
    else:
        score -= 0.04
    # continuously updated papers (Cochrane reviews): same venue, article number, title and authors
    updated_version = bool(ydiff and page_match and journal_ok and ts >= 0.98 and (aus or 0) >= 0.8)
    if updated_version:
        ev["updated_version"] = True
    if ydiff is not None and not updated_version:
        if ydiff == 0:
            score += 0.02
        elif ydiff == 1:
            score -= 0.03
        else:
            score -= 0.08 + 0.03 * min(ydiff, 5)
    if page_match:
        score += 0.05
        if a.page2 and a.page2 == b.page2:
            score += 0.02
    elif page_conflict:
        score -= 0.04 if journal_ok else 0.15
    if vol_match:
        score += 0.02
    elif vol_conflict:
        score -= 0.12
    if not journal_ok:
        score -= 0.03
    if doi_conflict and not same_id:
        score -= 0.04  # versions (Cochrane updates, preprints) differ in DOI but need more evidence
    if a.notice != b.notice:
        score -= 0.02
    # Same authors, year, volume and first page in a compatible journal: the same article even when
    # the title is a translation ("[Comparison of ...]" vs. the original-language title).
    biblio = bool(aus is not None and aus >= 0.8 and ydiff == 0 and vol_match and page_match and journal_ok
                  and a.page1 not in ("1", "0"))
    if biblio and not numbers_differ:
        ev["bibliographic_match"] = True
        translated = (a.translated or b.translated) and a.page2 and a.page2 == b.page2 and ts >= 0.3
        score = max(score, CERTAIN + 0.01 if ts >= 0.8 or translated else UNCERTAIN + 0.05)
    # The same multi-page range (first and last page) in the same venue, volume and year is one
    # item: a record without authors ("[Translated title]" vs. the original-language one), or one
    # letter of a correspondence block indexed under each writer with the block's range.
    full_range = bool(ydiff == 0 and vol_match and journal_ok and a.page1 and a.page1 == b.page1
                      and a.page2 and a.page2 == b.page2 and a.page2 != a.page1 and a.notice == b.notice
                      and not numbers_differ)
    if full_range and ((aus is None and ts >= 0.6) or ts >= 0.99):
        ev["same_page_range"] = True
        score = max(score, CERTAIN + 0.01)
    if not same_id:
        cap = 1.0
        if not journal_ok and (vol_conflict or page_conflict or (ts < 0.97 and not (vol_match and page_match))):
            cap = CERTAIN - 0.01  # different venue: conference abstract vs. paper needs a person
        weak_authors = bool(a.surnames and b.surnames and min(len(a.surnames), len(b.surnames)) == 1
                            and max(len(a.surnames), len(b.surnames)) >= 3)
        if page_conflict and (ydiff or not first_ok or a.notice != b.notice or weak_authors):
            cap = CERTAIN - 0.01  # erratum vs. paper, abstract vs. paper by other first author
        if numbers_differ:
            cap = min(cap, CERTAIN - 0.01)
        if ydiff and (doi_conflict or not journal_ok) and not page_match:
            cap = CERTAIN - 0.01  # yearly editorials, conference paper vs. later journal version
        if ydiff and ydiff > 1 and not page_match:
            cap = min(cap, CERTAIN - 0.01 if ts >= 0.99 else UNCERTAIN - 0.01)
        if len(a.compact) < 25 and not (page_match and (aus or 0) >= 0.8):
            cap = CERTAIN - 0.01  # short titles ("Eculizumab") are not enough on their own
        if aus is None and not page_match and not vol_match:
            cap = min(cap, CERTAIN - 0.01)
        score = min(score, cap)
    elif ts < 0.7 or numbers_differ:
        ev["same_id_title_differs"] = True  # chapters sharing a book DOI, a wrong DOI in one database
        score = min(score, CERTAIN - 0.01)
    if ydiff == 0 and vol_match and journal_ok and (_in_combined_letters(a, b) or _in_combined_letters(b, a)):
        ev["combined_letters"] = True  # a letter or its reply inside the combined record that lists both
        score = max(score, CERTAIN + 0.01)
    elif ts >= 0.9 and journal_ok and not same_id and _erratum_link(a, b):
        # an erratum and the paper it corrects, each citing the other's volume and page: certainly
        # related, but whether that is "the same record" is a policy (``find_duplicates(merge_errata=)``)
        ev["erratum_link"] = True
        score = max(min(score, CERTAIN - 0.01), CERTAIN - 0.02)
    if a.abstract and b.abstract and score >= UNCERTAIN:
        asim = fuzz.ratio(a.abstract[:300], b.abstract[:300]) / 100.0
        ev["abstract"] = round(asim, 3)
        if asim >= 0.9 and score < CERTAIN - 0.02:
            score += 0.02
    score = max(0.0, min(1.0, score))
    status = "duplicate" if score >= CERTAIN else ("uncertain" if score >= UNCERTAIN else "distinct")
    return PairScore(a.id, b.id, score, status, ev)


# --------------------------------------------------------------------------------------- grouping


class _UnionFind:
    """Union-find that refuses a union joining two records that must stay apart: two records of
    one search set, or a similar-title pair scored as distinct (``cannot``: index -> indices)."""

    def __init__(self, n: int, sets: Sequence[str], cannot: dict[int, set[int]] | None = None) -> None:
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {}
        self.members_sets: dict[int, set[str]] = {}
        self.sets = sets
        self.cannot: dict[int, set[int]] = {k: set(v) for k, v in (cannot or {}).items()}

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def _members(self, root: int) -> list[int]:
        return self.members.get(root, [root])

    def _sets(self, root: int) -> set[str]:
        if root not in self.members_sets:
            self.members_sets[root] = {self.sets[root]} if self.sets[root] else set()
        return self.members_sets[root]

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self._sets(ra) & self._sets(rb):
            return False  # would put two records of one search set together
        forbidden_a = self.cannot.get(ra, set())
        if forbidden_a and any(m in forbidden_a for m in self._members(rb)):
            return False  # would chain two records judged different into one group
        self.parent[rb] = ra
        self.members[ra] = self._members(ra) + self._members(rb)
        self.members.pop(rb, None)
        self.members_sets[ra] = self._sets(ra) | self._sets(rb)
        if rb in self.cannot:
            self.cannot[ra] = forbidden_a | self.cannot.pop(rb)
        return True


@dataclass
class DedupResult:
    groups: list[list[str]]
    duplicates: list[PairScore]
    uncertain: list[PairScore]
    n_records: int
    n_candidates: int

    def as_dict(self) -> dict[str, Any]:
        return {"groups": self.groups, "uncertain": [p.as_dict() for p in self.uncertain]}


def group_pairs(ids: Sequence[str], pairs: Iterable[tuple[int, int, float]],
                search_sets: Sequence[str] | None = None,
                cannot_link: Iterable[tuple[int, int]] = ()) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """Union-find over (i, j, score) pairs, strongest first.

    Returns the groups (2+ ids each, members and groups in input order) and the pairs whose union
    was refused by a constraint (these go to a person instead).
    """
    cannot: dict[int, set[int]] = defaultdict(set)
    for i, j in cannot_link:
        cannot[i].add(j)
        cannot[j].add(i)
    uf = _UnionFind(len(ids), search_sets or [""] * len(ids), cannot)
    refused = []
    for i, j, _score in sorted(pairs, key=lambda p: (-p[2], p[0], p[1])):
        if not uf.union(i, j):
            refused.append((i, j))
    comps: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ids)):
        comps[uf.find(i)].append(i)
    groups = sorted((sorted(m) for m in comps.values() if len(m) > 1), key=lambda m: m[0])
    return [[ids[i] for i in m] for m in groups], refused


_SHARED: list[NormRecord] = []  # records visible to forked scoring workers
PARALLEL_MIN_PAIRS = 60_000


def _score_chunk(pairs: list[tuple[int, int]]) -> tuple[list[tuple[int, int, PairScore]], list[tuple[int, int]]]:
    """Score pairs; keep only duplicate/uncertain scores and the cannot-link pairs (small results)."""
    kept: list[tuple[int, int, PairScore]] = []
    cannot: list[tuple[int, int]] = []
    norm = _SHARED
    for i, j in pairs:
        ps = score_pair(norm[i], norm[j])
        if ps.status != "distinct":
            kept.append((i, j, ps))
        ev = ps.evidence
        if ps.status != "duplicate" and (ev.get("numbers_differ") or ev.get("same_search_set") or (
                ps.status == "distinct" and ev.get("title", 0) >= 0.9)):
            cannot.append((i, j))  # look-alikes judged different must not be chained together
    return kept, cannot


def _score_all(norm: list[NormRecord], pairs: list[tuple[int, int]], workers: int | None
               ) -> tuple[list[tuple[int, int, PairScore]], list[tuple[int, int]]]:
    global _SHARED
    _SHARED = norm
    try:
        if workers is None:
            workers = min(os.cpu_count() or 1, 4) if len(pairs) >= PARALLEL_MIN_PAIRS else 1
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            size = max(1, len(pairs) // (workers * 4) + 1)
            chunks = [pairs[k:k + size] for k in range(0, len(pairs), size)]
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                parts = pool.map(_score_chunk, chunks)
            kept = [x for part in parts for x in part[0]]
            cannot = [x for part in parts for x in part[1]]
            return kept, cannot
        return _score_chunk(pairs)
    finally:
        _SHARED = []


def find_duplicates(records: Sequence[DedupInput], *, workers: int | None = None,
                    merge_errata: bool = False) -> DedupResult:
    """De-duplicate ``records``: automatic groups (certain pairs only) and the uncertain pairs.

    Large runs score the candidate pairs in ``workers`` forked processes (default: up to 4 when
    there are many pairs); the result does not depend on the number of workers.
    ``merge_errata`` also merges an erratum with the paper it corrects when their titles cite each
    other (``erratum_link``); off by default, because benchmark truths disagree on it (see
    docs/records.md).
    """
    norm = [normalise(i, r) for i, r in enumerate(records)]
    cands = sorted(candidate_pairs(norm))
    kept, cannot = _score_all(norm, cands, workers)
    scored: dict[tuple[int, int], PairScore] = {}
    unsure: list[PairScore] = []
    merge_pairs: list[tuple[int, int, float]] = []
    for i, j, ps in kept:
        if merge_errata and ps.evidence.get("erratum_link"):
            ps.status = "duplicate"
            ps.evidence["policy"] = "merge_errata"
        if ps.status == "duplicate":
            scored[(i, j)] = ps
            merge_pairs.append((i, j, ps.score))
        else:
            unsure.append(ps)
    ids = [r.id for r in records]
    groups, refused = group_pairs(ids, merge_pairs, [r.search_set for r in norm], cannot)
    for key in refused:
        ps = scored.pop(key)
        ps.status = "uncertain"
        ps.evidence["group_conflict"] = True
        unsure.append(ps)
    grouped = {rid: gi for gi, g in enumerate(groups) for rid in g}
    # an uncertain pair already joined through certain links needs no review
    unsure = [p for p in unsure if not (p.a in grouped and grouped.get(p.b) == grouped[p.a])]
    unsure.sort(key=lambda p: (-p.score, p.a, p.b))
    return DedupResult(groups=groups, duplicates=list(scored.values()), uncertain=unsure,
                       n_records=len(records), n_candidates=len(cands))


# --------------------------------------------------------------------------------------- evaluation


def _pairs_of(groups: Iterable[Sequence[str]]) -> set[frozenset[str]]:
    out: set[frozenset[str]] = set()
    for g in groups:
        g = list(g)
        for x in range(len(g)):
            for y in range(x + 1, len(g)):
                out.add(frozenset((g[x], g[y])))
    return out


def pairwise_scores(predicted: Iterable[Sequence[str]], truth: Iterable[Sequence[str]]) -> dict[str, float]:
    """Pairwise precision, recall and F1 over all record pairs that share a group."""
    pred, true = _pairs_of(predicted), _pairs_of(truth)
    tp = len(pred & true)
    fp = len(pred - true)
    fn = len(true - pred)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}
