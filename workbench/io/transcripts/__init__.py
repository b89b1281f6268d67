"""Transcript and document readers, keyed by file extension.

``read_transcript(path)`` returns a ``ParsedTranscript`` (turns with speakers and timestamps) or
raises ``InputError`` naming the file (and line where it applies).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workbench.errors import InputError
from workbench.io.transcripts.cues import parse_srt, parse_vtt
from workbench.io.transcripts.decode import decode_bytes
from workbench.io.transcripts.model import ParsedTranscript, ParsedTurn
from workbench.io.transcripts.office import parse_docx, parse_pdf
from workbench.io.transcripts.plain import parse_text

TEXT_READERS: dict[str, Callable[[str, str], ParsedTranscript]] = {
    ".vtt": parse_vtt,
    ".srt": parse_srt,
    ".txt": lambda text, path: parse_text(text, path, "txt"),
    ".md": lambda text, path: parse_text(text, path, "md"),
}
BINARY_READERS: dict[str, Callable[[bytes, str], ParsedTranscript]] = {
    ".docx": parse_docx,
    ".pdf": parse_pdf,
}
SUPPORTED = tuple(sorted([*TEXT_READERS, *BINARY_READERS]))


def read_transcript_bytes(data: bytes, path: str) -> ParsedTranscript:
    ext = Path(path).suffix.lower()
    if ext in BINARY_READERS:
        if not data:
            raise InputError("file is empty", path=path)
        return BINARY_READERS[ext](data, path)
    if ext not in TEXT_READERS:
        raise InputError(f"unsupported file type '{ext or '(none)'}' (supported: {', '.join(SUPPORTED)})", path=path)
    text, warnings = decode_bytes(data, path)
    parsed = TEXT_READERS[ext](text, path)
    parsed.warnings[:0] = warnings
    if not parsed.turns:
        raise InputError("no text found", path=path)
    return parsed


def read_transcript(path: Path) -> ParsedTranscript:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc.__class__.__name__})", path=str(path)) from None
    return read_transcript_bytes(data, str(path))


__all__ = ["SUPPORTED", "ParsedTranscript", "ParsedTurn", "read_transcript", "read_transcript_bytes"]
