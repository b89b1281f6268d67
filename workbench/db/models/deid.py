"""De-identification: detections, review decisions, project-known identifiers, pseudonyms, flags.

No original identifier is stored here. Detections hold offsets (into ``Source.text`` while it is
still the original, remapped to the pseudonym after apply), project-known identifiers hold only
their category and pseudonym (the value lives in the encrypted key file, by ``id``), and pseudonym
assignments hold only the replacement. Rejected surface forms are kept in clear: a reviewer
rejected them because they are *not* identifiers (e.g. "KOSTRA", "Statsforvalteren").
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workbench.db.base import Base, utcnow

DETECTION_STATUSES = ("pending", "accepted", "rejected")


class DeidDetection(Base):
    """One detected (or manually added) identifier in a source."""

    __tablename__ = "deid_detections"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(20))
    detector: Mapped[str] = mapped_column(String(20))
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    applied: Mapped[bool] = mapped_column(Boolean, default=False)
    pseudonym: Mapped[str | None] = mapped_column(String(200), nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class DeidFlag(Base):
    """A likely indirect identifier (rare role, small place, population figure) shown to the reviewer."""

    __tablename__ = "deid_flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | kept | handled
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DeidRejection(Base):
    """A reviewer's "not an identifier" decision, applied to all occurrences in the project."""

    __tablename__ = "deid_rejections"
    __table_args__ = (UniqueConstraint("project_id", "surface"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    surface: Mapped[str] = mapped_column(String(300))
    label: Mapped[str] = mapped_column(String(20), default="")
    created_by: Mapped[str] = mapped_column(String(80), default="system")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class KnownIdentifierEntry(Base):
    """A registered project-known identifier; its value is only in the key file (by ``id``)."""

    __tablename__ = "deid_known_identifiers"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(20), default="person")
    pseudonym: Mapped[str | None] = mapped_column(String(200), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[str] = mapped_column(String(80), default="system")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PseudonymAssignment(Base):
    """A replacement in use in the project (``[Person 3]``, ``Granvik``), without its original."""

    __tablename__ = "deid_pseudonyms"
    __table_args__ = (UniqueConstraint("project_id", "pseudonym"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(30), default="")
    pseudonym: Mapped[str] = mapped_column(String(200))
    occurrences: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
