"""The detection record shared by every detector, and overlap resolution."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

LABELS = ("PERSON", "PLACE", "ORGANIZATION", "ID_NUMBER", "PHONE", "EMAIL", "URL", "ADDRESS", "DATE", "AGE")
DIRECT_LABELS = ("ID_NUMBER", "PHONE", "EMAIL", "URL")

# When two detections overlap, the one with the higher priority wins (then the longer one).
DETECTOR_PRIORITY = {
    "manual": 100,
    "known": 90,
    "validated": 80,  # check-digit validated ID numbers
    "pattern": 70,
    "workplace": 60,
    "gazetteer": 50,
    "ner": 40,
    "consistency": 35,
    "proper": 20,  # unknown capitalised word (last resort)
    "tagger": 10,  # the learned last-resort tagger
}


@dataclass
class Span:
    """One detected identifier: ``text[start:end]`` (code points, end exclusive)."""

    start: int
    end: int
    label: str
    text: str
    detector: str
    confidence: float = 1.0
    # canonical form for consistent pseudonyms (e.g. the registered known identifier it matched)
    key: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


CONTAINER_LABELS = ("EMAIL", "URL", "ADDRESS")


def priority(span: Span) -> int:
    """Detector priority; an e-mail, URL or address pattern outranks the names inside it."""
    if span.detector == "pattern" and span.label in CONTAINER_LABELS:
        return 95
    if span.detector == "gazetteer" and span.confidence < 0.6:
        return 30  # a lone surname guess yields to the NER model's reading (e.g. a village)
    return DETECTOR_PRIORITY.get(span.detector, 0)


def resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Keep a set of non-overlapping spans: priority, then length, then confidence decide.

    A lower-priority span that is strictly longer and fully contains a higher-priority one of the
    same broad kind keeps its extent but takes the winner's label (e.g. NER "Kari Nordmann" vs a
    known "Kari").
    """
    ordered = sorted(
        spans,
        key=lambda s: (-priority(s), -(s.end - s.start), -s.confidence, s.start),
    )
    kept: list[Span] = []
    for span in ordered:
        clash = [k for k in kept if span.start < k.end and k.start < span.end]
        if not clash:
            kept.append(span)
            continue
        # extend a kept name span when the loser covers it and only adds name-like tokens
        if (
            len(clash) == 1
            and span.label in ("PERSON", "PLACE", "ORGANIZATION")
            and clash[0].label == span.label
            and span.start <= clash[0].start
            and span.end >= clash[0].end
        ):
            k = clash[0]
            k.start, k.end, k.text = span.start, span.end, span.text
    return sorted(kept, key=lambda s: s.start)
