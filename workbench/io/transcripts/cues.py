"""WebVTT (Teams and Zoom) and SubRip (.srt) readers.

Teams: ``WEBVTT``, cues with an id line, ``00:00:03.120 --> 00:00:07.450``, text in
``<v Kari Nordmann>...</v>``, one turn split over many cues. Zoom: numbered cues, speaker as a
``Name: `` prefix. SRT: numbered cues, ``00:00:03,120 --> 00:00:07,450``. Consecutive cues of the
same speaker are merged into one turn.
"""

from __future__ import annotations

import html
import re

from workbench.errors import InputError
from workbench.io.transcripts.model import ParsedTranscript, ParsedTurn, clean_text, merge_consecutive

_TS = r"(?:(\d{1,3}):)?([0-5]?\d):([0-5]\d)[.,](\d{1,3})"
_TIMING = re.compile(rf"^\s*{_TS}\s*-->\s*{_TS}(?:\s+.*)?$")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>(.*?)(?:</v>|$)", re.S)
_TAG = re.compile(r"</?[^>\n]*>")
_PREFIX = re.compile(r"^\s*([A-ZÆØÅÉ][\w.'’\- ]{0,48}?|[A-ZÆØÅ]{1,3}\d?)\s*:\s+(.+)$", re.S)


def _ms(h: str | None, m: str, s: str, frac: str) -> int:
    return ((int(h or 0) * 60 + int(m)) * 60 + int(s)) * 1000 + int(frac.ljust(3, "0")[:3])


def _timing(line: str, path: str, lineno: int, comma: bool) -> tuple[int, int]:
    match = _TIMING.match(line)
    if not match:
        raise InputError(f"malformed cue timing '{line.strip()[:60]}' (expected "
                         f"{'00:00:03,120 --> 00:00:07,450' if comma else '00:00:03.120 --> 00:00:07.450'})",
                         path=path, line=lineno)
    g = match.groups()
    start, end = _ms(*g[0:4]), _ms(*g[4:8])
    if end < start:
        raise InputError("cue ends before it starts", path=path, line=lineno)
    return start, end


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks with the 1-based line number of their first line."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for i, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = i
            current.append(line)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _speaker_and_text(raw: str, known: set[str]) -> tuple[str, str]:
    voices = _VOICE.findall(raw)
    if voices:
        speaker = html.unescape(voices[0][0].strip())
        body = " ".join(_TAG.sub("", v[1]) for v in voices)
        return speaker, html.unescape(body)
    body = html.unescape(_TAG.sub("", raw))
    match = _PREFIX.match(body)
    if match and (match.group(1).strip() in known or len(match.group(1).split()) <= 4):
        return match.group(1).strip(), match.group(2)
    return "", body


def _parse_cues(text: str, path: str, *, fmt: str) -> ParsedTranscript:
    comma = fmt == "srt"
    blocks = _blocks(text)
    warnings: list[str] = []
    if fmt == "vtt":
        if not blocks or not blocks[0][1][0].lstrip("\ufeff").startswith("WEBVTT"):
            raise InputError("not a WebVTT file: the first line must be 'WEBVTT'", path=path, line=1)
        blocks = blocks[1:]
    turns: list[ParsedTurn] = []
    known: set[str] = set()
    for start_line, lines in blocks:
        head = lines[0].strip()
        if fmt == "vtt" and head.split(" ", 1)[0] in ("NOTE", "STYLE", "REGION"):
            continue
        timing_idx = next((i for i, ln in enumerate(lines[:3]) if "-->" in ln), None)
        if timing_idx is None:
            # a cue id or number followed by a broken timing line, or text without timing
            bad = lines[1] if len(lines) > 1 else lines[0]
            raise InputError(f"cue without a valid timing line ('{bad.strip()[:60]}')", path=path,
                             line=start_line + (1 if len(lines) > 1 else 0))
        start_ms, end_ms = _timing(lines[timing_idx], path, start_line + timing_idx, comma)
        raw = "\n".join(lines[timing_idx + 1:])
        speaker, body = _speaker_and_text(raw, known)
        if speaker:
            known.add(speaker)
        body = clean_text(body.replace("\n", " "))
        turns.append(ParsedTurn(speaker=speaker, text=body, start_ms=start_ms, end_ms=end_ms))
    if not turns:
        raise InputError("no cues found", path=path)
    merged = merge_consecutive(turns)
    if not any(t.speaker for t in merged):
        warnings.append(f"{path}: no speaker labels found; cues kept as unattributed turns")
    return ParsedTranscript(fmt=fmt, turns=merged, warnings=warnings, meta={"cues": len(turns)})


def parse_vtt(text: str, path: str) -> ParsedTranscript:
    return _parse_cues(text, path, fmt="vtt")


def parse_srt(text: str, path: str) -> ParsedTranscript:
    return _parse_cues(text, path, fmt="srt")
