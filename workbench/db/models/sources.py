"""Sources (transcripts, field notes, full texts) and their speaker turns.

``Source.text`` is the working text all offsets refer to: 0-based code points, end exclusive.
Speaker labels are not part of the text; they live on ``Turn``. After de-identification
``text`` holds the de-identified text and turns/speakers are remapped; the original lives only in
the encrypted key file.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.db.base import Base, utcnow

SOURCE_KINDS = ("interview", "field_note", "full_text", "document")
# imported -> detected (deid run, awaiting review) -> released (reviewed; may be coded)
SOURCE_STATUSES = ("imported", "detected", "released")


class Source(Base):
    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("project_id", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"), nullable=True)
    kind: Mapped[str] = mapped_column(String(20), default="interview")
    title: Mapped[str] = mapped_column(String(300))
    filename: Mapped[str] = mapped_column(String(500), default="")
    fmt: Mapped[str] = mapped_column(String(10), default="txt")
    content_hash: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text, default="")
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="imported")
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(80), default="system")
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    turns: Mapped[list[Turn]] = relationship(
        back_populates="source", cascade="all, delete-orphan", order_by="Turn.index", lazy="selectin"
    )


class Turn(Base):
    """One speaker turn: ``text[start:end]`` of its source, with optional timestamps in ms."""

    __tablename__ = "turns"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    index: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str] = mapped_column(String(200), default="")
    start_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    source: Mapped[Source] = relationship(back_populates="turns")
