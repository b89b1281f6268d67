"""Project status: counts of everything, for ``workbench status`` and the UI's home page."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.db.models import Case, Code, Codebook, Coding, Record, ScreeningDecision, Source, Turn


def project_status(session: Session, project_id: int) -> dict[str, Any]:
    def count(stmt: Any) -> int:
        return int(session.scalar(stmt) or 0)

    source_ids = select(Source.id).where(Source.project_id == project_id)
    return {
        "cases": count(select(func.count(Case.id)).where(Case.project_id == project_id)),
        "sources": count(select(func.count(Source.id)).where(Source.project_id == project_id)),
        "turns": count(select(func.count(Turn.id)).where(Turn.source_id.in_(source_ids))),
        "words": count(select(func.sum(Source.word_count)).where(Source.project_id == project_id)),
        "codes": count(select(func.count(Code.id)).join(Codebook).where(Codebook.project_id == project_id)),
        "codings": count(select(func.count(Coding.id)).where(Coding.source_id.in_(source_ids))),
        "records": count(select(func.count(Record.id)).where(Record.project_id == project_id)),
        "decisions": count(select(func.count(ScreeningDecision.id)).join(Record)
                           .where(Record.project_id == project_id)),
        "sources_by_status": {
            status: n for status, n in session.execute(
                select(Source.status, func.count(Source.id)).where(Source.project_id == project_id)
                .group_by(Source.status))
        },
    }
