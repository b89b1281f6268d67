"""What every transcript reader returns: speaker turns with optional timestamps."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

TURN_SEPARATOR = "\n\n"


@dataclass
class ParsedTurn:
    speaker: str
    text: str
    start_ms: int | None = None
    end_ms: int | None = None


@dataclass
class ParsedTranscript:
    fmt: str
    turns: list[ParsedTurn]
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)

    def assemble(self) -> tuple[str, list[tuple[int, int]]]:
        """The source text (turn texts joined by a blank line) and each turn's code-point span."""
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        pos = 0
        for i, turn in enumerate(self.turns):
            if i:
                parts.append(TURN_SEPARATOR)
                pos += len(TURN_SEPARATOR)
            parts.append(turn.text)
            spans.append((pos, pos + len(turn.text)))
            pos += len(turn.text)
        return "".join(parts), spans


def clean_text(text: str) -> str:
    """NFC, no stray whitespace at the ends, runs of spaces collapsed (newlines kept)."""
    text = unicodedata.normalize("NFC", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(lines).strip()


def merge_consecutive(turns: list[ParsedTurn]) -> list[ParsedTurn]:
    """Join cues of the same speaker that follow each other (Teams splits one turn over many cues)."""
    merged: list[ParsedTurn] = []
    for turn in turns:
        if not turn.text:
            continue
        if merged and turn.speaker and merged[-1].speaker == turn.speaker:
            last = merged[-1]
            last.text = f"{last.text} {turn.text}"
            if turn.end_ms is not None:
                last.end_ms = turn.end_ms
        else:
            merged.append(ParsedTurn(turn.speaker, turn.text, turn.start_ms, turn.end_ms))
    return merged
