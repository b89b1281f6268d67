"""Read access to sources and their turns (for the UI, exports and analysis)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.db.models import Case, Source
from workbench.errors import NotFoundError


@dataclass
class SourceSummary:
    id: int
    title: str
    case: str | None
    kind: str
    fmt: str
    status: str
    words: int
    turns: int


@dataclass
class TurnView:
    index: int
    speaker: str
    start_ms: int | None
    end_ms: int | None
    start: int
    end: int
    text: str


def format_ms(ms: int | None) -> str:
    """``0:03:15`` style timestamp, empty for unknown."""
    if ms is None:
        return ""
    seconds = ms // 1000
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def list_sources(session: Session, project_id: int, *, case: str | None = None,
                 status: str | None = None) -> list[SourceSummary]:
    stmt = (select(Source, Case.name).outerjoin(Case, Source.case_id == Case.id)
            .where(Source.project_id == project_id).order_by(Case.name, Source.title))
    if case:
        stmt = stmt.where(Case.name == case)
    if status:
        stmt = stmt.where(Source.status == status)
    return [SourceSummary(id=src.id, title=src.title, case=case_name, kind=src.kind, fmt=src.fmt,
                          status=src.status, words=src.word_count, turns=len(src.turns))
            for src, case_name in session.execute(stmt)]


def get_source(session: Session, project_id: int, source_id: int) -> Source:
    src = session.get(Source, source_id)
    if src is None or src.project_id != project_id:
        raise NotFoundError(f"no source {source_id}")
    return src


def source_turns(session: Session, project_id: int, source_id: int) -> list[TurnView]:
    src = get_source(session, project_id, source_id)
    return [TurnView(index=t.index, speaker=t.speaker, start_ms=t.start_ms, end_ms=t.end_ms, start=t.start,
                     end=t.end, text=src.text[t.start:t.end]) for t in src.turns]
