"""Scoping review: import batches, bibliographic records, screening decisions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workbench.db.base import Base, utcnow

STAGES = ("title_abstract", "full_text")
DECISIONS = ("include", "exclude", "maybe")


class ImportBatch(Base):
    """One imported file (kept for PRISMA's "records identified per source")."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="records")
    source_name: Mapped[str] = mapped_column(String(200), default="")
    filename: Mapped[str] = mapped_column(String(500), default="")
    fmt: Mapped[str] = mapped_column(String(20), default="")
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    n_items: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(80), default="system")


class Record(Base):
    """A bibliographic record as imported; duplicates point at their kept record."""

    __tablename__ = "records"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"), nullable=True)
    ordinal: Mapped[int] = mapped_column(Integer, default=0)
    external_id: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    abstract: Mapped[str] = mapped_column(Text, default="")
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    journal: Mapped[str] = mapped_column(String(500), default="")
    volume: Mapped[str] = mapped_column(String(50), default="")
    issue: Mapped[str] = mapped_column(String(50), default="")
    pages: Mapped[str] = mapped_column(String(50), default="")
    doi: Mapped[str] = mapped_column(String(200), default="", index=True)
    pmid: Mapped[str] = mapped_column(String(20), default="", index=True)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(20), default="")
    source_db: Mapped[str] = mapped_column(String(200), default="")
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("records.id"), nullable=True)
    raw: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ScreeningDecision(Base):
    """One reviewer's decision on one record at one stage. Never overwritten: a changed mind or a
    conflict resolution is a new row (``is_resolution`` for the final, agreed decision)."""

    __tablename__ = "screening_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(20), default="title_abstract")
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    decision: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    is_resolution: Mapped[bool] = mapped_column(Boolean, default=False)
    # for resolutions: "discussion" (the two reviewers agreed) or "third_reviewer"
    resolution_method: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DedupRun(Base):
    """One de-duplication run over a project's records (thresholds and counts kept for the report)."""

    __tablename__ = "dedup_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(80), default="system")
    n_records: Mapped[int] = mapped_column(Integer, default=0)
    n_candidates: Mapped[int] = mapped_column(Integer, default=0)
    n_auto: Mapped[int] = mapped_column(Integer, default=0)
    n_uncertain: Mapped[int] = mapped_column(Integer, default=0)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


# auto: certain, merged by the run; uncertain: waiting for a person; merged: a person merged it;
# separate: a person kept the two apart (or undid an automatic merge). Never deleted.
DUPLICATE_STATUSES = ("auto", "uncertain", "merged", "separate")
ACTIVE_LINK_STATUSES = ("auto", "merged")


class DuplicateLink(Base):
    """A scored pair of records found by de-duplication; active links (auto/merged) form the groups."""

    __tablename__ = "duplicate_links"
    __table_args__ = (UniqueConstraint("record_a_id", "record_b_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("dedup_runs.id"), nullable=True)
    record_a_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    record_b_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    status: Mapped[str] = mapped_column(String(20), default="uncertain")
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_by: Mapped[str] = mapped_column(String(80), default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class MergeEvent(Base):
    """Provenance of every change of ``Record.duplicate_of_id`` (merge or unmerge), for audit and undo."""

    __tablename__ = "merge_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), index=True)
    previous_duplicate_of_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    new_duplicate_of_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    link_id: Mapped[int | None] = mapped_column(ForeignKey("duplicate_links.id"), nullable=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("dedup_runs.id"), nullable=True)
    reason: Mapped[str] = mapped_column(String(40), default="")
    actor: Mapped[str] = mapped_column(String(80), default="system")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
