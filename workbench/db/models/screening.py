"""Screening support: eligibility criteria, exclusion reasons, full texts, and the charting form.

Everything here is append-only or versioned so that no decision or charted value is lost:
criteria are versioned rows (the newest is current), full-text retrieval status and charted
values are new rows (the newest per record/field is current).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, Session, mapped_column

from workbench.db.base import Base, utcnow
from workbench.db.models.review import ScreeningDecision


class EligibilityCriteria(Base):
    """One version of a project's eligibility criteria (PCC: population, concept, context)."""

    __tablename__ = "eligibility_criteria"
    __table_args__ = (UniqueConstraint("project_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    population: Mapped[str] = mapped_column(Text, default="")
    concept: Mapped[str] = mapped_column(Text, default="")
    context: Mapped[str] = mapped_column(Text, default="")
    include_rules: Mapped[list[str]] = mapped_column(JSON, default=list)
    exclude_rules: Mapped[list[str]] = mapped_column(JSON, default=list)
    include_keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    exclude_keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_by: Mapped[str] = mapped_column(String(80), default="system")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ExclusionReason(Base):
    """A full-text exclusion reason offered to reviewers (configurable, ordered, retirable)."""

    __tablename__ = "exclusion_reasons"
    __table_args__ = (UniqueConstraint("project_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class FullTextAttachment(Base):
    """A full-text file (PDF) stored under the project's ``attachments/fulltext/`` folder."""

    __tablename__ = "fulltext_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(500), default="")
    stored_path: Mapped[str] = mapped_column(String(500), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    n_pages: Mapped[int | None] = mapped_column(Integer, nullable=True)
    uploaded_by: Mapped[str] = mapped_column(String(80), default="system")
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FullTextRetrieval(Base):
    """Whether the full text of a record sought for retrieval was obtained (newest row wins)."""

    __tablename__ = "fulltext_retrievals"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    retrieved: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    set_by: Mapped[str] = mapped_column(String(80), default="system")
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ChartingField(Base):
    """A column of the project's data-charting form."""

    __tablename__ = "charting_fields"
    __table_args__ = (UniqueConstraint("project_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(300))
    help: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ChartingValue(Base):
    """One charted value for one included source and one field (newest row per pair is current)."""

    __tablename__ = "charting_values"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    field_id: Mapped[int] = mapped_column(ForeignKey("charting_fields.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(20), default="manual")
    charted_by: Mapped[str] = mapped_column(String(80), default="system")
    charted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


APPEND_ONLY = (ScreeningDecision, EligibilityCriteria, FullTextRetrieval, ChartingValue)


@event.listens_for(Session, "before_flush")
def _screening_rows_are_append_only(session: Session, _ctx, _instances) -> None:  # type: ignore[no-untyped-def]
    """Decisions, criteria versions, retrieval marks and charted values are never changed or deleted."""
    for obj in session.deleted:
        if isinstance(obj, APPEND_ONLY):
            raise RuntimeError(f"{type(obj).__name__} rows are append-only: they cannot be deleted")
    for obj in session.dirty:
        if isinstance(obj, APPEND_ONLY) and session.is_modified(obj):
            raise RuntimeError(f"{type(obj).__name__} rows are append-only: add a new row instead")
