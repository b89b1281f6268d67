"""The append-only audit log: one event per change, read back for review and undo."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.db.models import AuditEvent


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    entity_type: str = "",
    entity_id: str | int = "",
    payload: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an event. ``payload`` must not hold identifiers found by de-identification."""
    event = AuditEvent(actor=actor, action=action, entity_type=entity_type, entity_id=str(entity_id),
                       payload=payload or {})
    session.add(event)
    return event


def list_events(session: Session, *, action_prefix: str | None = None, limit: int | None = None) -> list[AuditEvent]:
    stmt = select(AuditEvent).order_by(AuditEvent.id)
    if action_prefix:
        stmt = stmt.where(AuditEvent.action.startswith(action_prefix))
    if limit:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))
