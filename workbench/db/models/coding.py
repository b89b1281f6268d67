"""Codebooks, hierarchical codes, codings, memos, themes, codebook versions and classifier runs.

A coding is never deleted by the workflow: suggestions are ``proposed`` until a coder accepts or
rejects them, manual codings are ``accepted`` and withdrawing one marks it ``withdrawn``.
Codebook edits (rename, move, merge, split) keep codings and write a new ``CodebookVersion``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workbench.db.base import Base, utcnow

CODING_ORIGINS = ("manual", "suggested")
CODING_STATUSES = ("proposed", "accepted", "rejected", "withdrawn")


class Codebook(Base):
    __tablename__ = "codebooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    source_path: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    key: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="nb")

    codes: Mapped[list[Code]] = relationship(back_populates="codebook", cascade="all, delete-orphan")


class CodebookVersion(Base):
    """A snapshot of a codebook after each change (import or edit), for comparison and history."""

    __tablename__ = "codebook_versions"
    __table_args__ = (UniqueConstraint("codebook_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    codebook_id: Mapped[int] = mapped_column(ForeignKey("codebooks.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(80), default="system")
    change: Mapped[str] = mapped_column(String(300), default="")
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ClassifierRun(Base):
    """A re-ranking classifier trained on one coder's (or all coders') decisions, with its evaluation."""

    __tablename__ = "classifier_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    codebook_id: Mapped[int] = mapped_column(ForeignKey("codebooks.id", ondelete="CASCADE"))
    trained_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(80), default="system")
    n_units: Mapped[int] = mapped_column(Integer, default=0)
    n_decisions: Mapped[int] = mapped_column(Integer, default=0)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    model: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class Code(Base):
    """A code; ``key`` (e.g. ``Q6``) is part of the product's contract and unique per codebook."""

    __tablename__ = "codes"
    __table_args__ = (UniqueConstraint("codebook_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    codebook_id: Mapped[int] = mapped_column(ForeignKey("codebooks.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("codes.id", ondelete="SET NULL"), nullable=True)
    colour: Mapped[str] = mapped_column(String(9), default="#888888")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("codes.id"), nullable=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    codebook: Mapped[Codebook] = relationship(back_populates="codes")


class Coding(Base):
    """A coded span ``source.text[start:end]`` by one coder (each coder's work is kept apart)."""

    __tablename__ = "codings"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("codes.id", ondelete="CASCADE"), index=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(20), default="manual")
    status: Mapped[str] = mapped_column(String(20), default="accepted")
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Memo(Base):
    """A memo attached to a project, case, source, code, coding, theme or record."""

    __tablename__ = "memos"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class Theme(Base):
    """A theme from reflexive thematic analysis, built from codes."""

    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ThemeCode(Base):
    __tablename__ = "theme_codes"

    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("codes.id", ondelete="CASCADE"), primary_key=True)
