"""Typed transcripts (.txt, .md, and the paragraphs of a .docx).

Recognised turn starts:
- prefixes ``Intervjuer:``, ``Informant 2:``, ``I:``, ``IP:`` (known labels always; any other
  ``Name:`` prefix only when it recurs, so "Merk: ..." in a paragraph is not a speaker);
- a name-and-timestamp line (Teams .docx, Otter): ``Kari Nordmann   0:03`` or ``Kari Nordmann 00:01:15``;
- an optional timestamp in a prefix: ``[00:01:23] Intervjuer: ...`` or ``Intervjuer (01:23): ...``.
Without any speaker marks, paragraphs (blank-line separated) become unattributed turns.
"""

from __future__ import annotations

import re
from collections import Counter

from workbench.io.transcripts.model import ParsedTranscript, ParsedTurn, clean_text, merge_consecutive

KNOWN_LABELS = re.compile(
    r"^(intervjuer|interviewer|informant|intervjuobjekt|deltaker|moderator|fasilitator|respondent|"
    r"forsker|i|ip|int|inf|r|q|a|d)(\s*\d{1,3})?$", re.I)
_TSV = r"(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)"
_NAME_TS = re.compile(rf"^(?P<name>[^\W\d][\w.'’\- ]{{0,60}}?)\s*(?:\||\s)\s*(?P<ts>{_TSV})\s*$")
_PREFIX = re.compile(
    rf"^\s*(?:\[(?P<ts1>{_TSV})\]\s*)?(?:\*\*)?(?P<name>[^\W\d][\w.'’\- ]{{0,40}}?)(?:\s*\((?P<ts2>{_TSV})\))?"
    r"\s*(?:\*\*)?\s*:\s*(?:\*\*)?\s*(?P<text>.*)$")


def _ts_ms(value: str | None) -> int | None:
    if not value:
        return None
    main, _, frac = value.replace(",", ".").partition(".")
    parts = [int(p) for p in main.split(":")]
    while len(parts) < 3:
        parts.insert(0, 0)
    h, m, s = parts
    return ((h * 60 + m) * 60 + s) * 1000 + (int(frac.ljust(3, "0")[:3]) if frac else 0)


def _is_label(name: str, counts: Counter[str]) -> bool:
    name = name.strip()
    if KNOWN_LABELS.match(name):
        return True
    return counts[name] >= 2 and len(name.split()) <= 4


def parse_lines(lines: list[str], path: str, fmt: str) -> ParsedTranscript:
    """Turns from lines of text (a .docx gives one line per paragraph)."""
    if fmt == "md":
        lines = [ln.lstrip("#").strip() if ln.lstrip().startswith("#") else ln for ln in lines]
    prefix_counts: Counter[str] = Counter()
    name_ts_counts: Counter[str] = Counter()
    for line in lines:
        if (m := _PREFIX.match(line)) and m.group("text"):
            prefix_counts[m.group("name").strip()] += 1
        if m2 := _NAME_TS.match(line.strip()):
            name_ts_counts[m2.group("name").strip()] += 1
    use_name_ts = sum(name_ts_counts.values()) >= 2
    turns: list[ParsedTurn] = []
    current: ParsedTurn | None = None
    buffer: list[str] = []

    def flush() -> None:
        nonlocal current, buffer
        body = clean_text("\n".join(buffer).replace("\n", " "))
        if current is not None:
            current.text = body
            turns.append(current)
        elif body:
            turns.append(ParsedTurn(speaker="", text=body))
        current, buffer = None, []

    for line in lines:
        stripped = line.strip()
        if use_name_ts and (m2 := _NAME_TS.match(stripped)) and name_ts_counts[m2.group("name").strip()] >= 1:
            flush()
            current = ParsedTurn(speaker=m2.group("name").strip(), text="", start_ms=_ts_ms(m2.group("ts")))
            continue
        m = _PREFIX.match(line)
        if m and m.group("text") and _is_label(m.group("name"), prefix_counts):
            flush()
            current = ParsedTurn(speaker=m.group("name").strip(), text="",
                                 start_ms=_ts_ms(m.group("ts1") or m.group("ts2")))
            buffer.append(m.group("text"))
            continue
        if not stripped:
            if current is None:
                flush()  # paragraph break in unattributed text
            continue
        buffer.append(stripped)
    flush()
    warnings: list[str] = []
    if turns and not any(t.speaker for t in turns):
        warnings.append(f"{path}: no speaker labels found; paragraphs kept as unattributed turns")
    return ParsedTranscript(fmt=fmt, turns=merge_consecutive(turns), warnings=warnings)


def parse_text(text: str, path: str, fmt: str = "txt") -> ParsedTranscript:
    return parse_lines(text.split("\n"), path, fmt)
