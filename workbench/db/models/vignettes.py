"""Vignette studies: the same anonymised applications decided by several municipalities."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workbench.db.base import Base


class Vignette(Base):
    __tablename__ = "vignettes"
    __table_args__ = (UniqueConstraint("project_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    service_area: Mapped[str] = mapped_column(String(100), default="")


class VignetteDecision(Base):
    """One municipality's (fictitious) decision on one vignette: a service and hours per month."""

    __tablename__ = "vignette_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    vignette_id: Mapped[int] = mapped_column(ForeignKey("vignettes.id", ondelete="CASCADE"), index=True)
    municipality: Mapped[str] = mapped_column(String(200))
    service: Mapped[str] = mapped_column(String(100))
    hours_per_month: Mapped[float] = mapped_column(Float, default=0.0)
    note: Mapped[str] = mapped_column(Text, default="")


class UnitCost(Base):
    __tablename__ = "unit_costs"
    __table_args__ = (UniqueConstraint("project_id", "municipality", "service"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    municipality: Mapped[str] = mapped_column(String(200))
    service: Mapped[str] = mapped_column(String(100))
    kr_per_hour: Mapped[float] = mapped_column(Float)
