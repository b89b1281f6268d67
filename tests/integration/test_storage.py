"""Storage on SQLite and PostgreSQL: migrations, constraints, audit log, cases."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from workbench.db.models import AuditEvent, Base, Project, Source, Turn
from workbench.db.session import connect, current_revision, head_revision, session_factory, session_scope
from workbench.errors import ConflictError, WorkbenchError
from workbench.services import audit, cases, users


def test_upgrade_to_head_matches_models(db_url: str) -> None:
    engine = connect(db_url)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"models and migrations differ; run 'make migration': {diff}"
    engine.dispose()


def test_source_turns_roundtrip_and_unique_hash(db_url: str) -> None:
    engine = connect(db_url)
    factory = session_factory(engine)
    with session_scope(factory) as s:
        proj = Project(name="p")
        s.add(proj)
        s.flush()
        src = Source(project_id=proj.id, title="Intervju 1", content_hash="a" * 64, text="Hei på deg.\n\nJa.")
        src.turns = [Turn(index=0, speaker="Intervjuer", start=0, end=11, start_ms=0, end_ms=3120),
                     Turn(index=1, speaker="Informant 1", start=13, end=16)]
        s.add(src)
        pid = proj.id
    with session_scope(factory) as s:
        src = s.scalars(sa.select(Source)).one()
        assert [t.speaker for t in src.turns] == ["Intervjuer", "Informant 1"]
        assert src.text[src.turns[0].start:src.turns[0].end] == "Hei på deg."
    with pytest.raises(sa.exc.IntegrityError):
        with session_scope(factory) as s:
            s.add(Source(project_id=pid, title="again", content_hash="a" * 64))
    engine.dispose()


def test_audit_log_is_append_only(db_url: str) -> None:
    engine = connect(db_url)
    factory = session_factory(engine)
    with session_scope(factory) as s:
        audit.record(s, actor="ingrid", action="case.add", entity_type="case", entity_id=1, payload={"n": 1})
    with pytest.raises(RuntimeError, match="append-only"):
        with session_scope(factory) as s:
            ev = s.scalars(sa.select(AuditEvent)).one()
            ev.action = "tampered"
    with session_scope(factory) as s:
        assert s.scalars(sa.select(AuditEvent)).one().action == "case.add"
    engine.dispose()


def test_cases_typed_attributes(db_url: str) -> None:
    engine = connect(db_url)
    factory = session_factory(engine)
    with session_scope(factory) as s:
        proj = Project(name="p")
        s.add(proj)
        s.flush()
        pid = proj.id
        users.add_user(s, username="admin", role="admin", password="x")
        cases.add_case(s, pid, name="Granvik", attributes={"inhabitants": "3 870", "allocation_model": "M2",
                                                          "region": "Vestland"})
        cases.add_case(s, pid, name="Solstad", attributes={"inhabitants": "48210", "allocation_model": "M3"})
    with session_scope(factory) as s:
        rows = {c.name: c.attributes for c in cases.list_cases(s, pid)}
    assert rows["Granvik"]["inhabitants"] == 3870
    assert rows["Granvik"]["size_class"] == "small"
    assert rows["Solstad"]["size_class"] == "large"
    assert rows["Granvik"]["allocation_model"] == "M2"
    with pytest.raises(WorkbenchError, match="allocation_model"):
        with session_scope(factory) as s:
            cases.set_attributes(s, pid, case_name="Granvik", values={"allocation_model": "M9"})
    with pytest.raises(WorkbenchError, match="integer"):
        with session_scope(factory) as s:
            cases.set_attributes(s, pid, case_name="Granvik", values={"inhabitants": "mange"})
    with pytest.raises(ConflictError):
        with session_scope(factory) as s:
            cases.add_case(s, pid, name="Granvik")
    with session_scope(factory) as s:
        assert {c.name: c.attributes for c in cases.list_cases(s, pid)}["Granvik"]["allocation_model"] == "M2"
    engine.dispose()


def test_passwords_are_hashed_and_checked(db_url: str) -> None:
    engine = connect(db_url)
    factory = session_factory(engine)
    with session_scope(factory) as s:
        users.add_user(s, username="sara", role="screener", password="hemmelig")
    with session_scope(factory) as s:
        user = users.get_user(s, "sara")
        assert "hemmelig" not in (user.password_hash or "")
        assert users.authenticate(s, "sara", "hemmelig") is not None
        assert users.authenticate(s, "sara", "feil") is None
    engine.dispose()
