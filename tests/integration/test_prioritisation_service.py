"""Prioritisation services on a temporary project: ranking, blinding, stopping aid."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from workbench.db.models import ImportBatch, Record, ScreeningDecision, User
from workbench.errors import InputError, NotFoundError
from workbench.services import prioritisation as prio
from workbench.services import users

DATA = Path(__file__).resolve().parents[1] / "data" / "prioritisation"
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _load(handle) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Import the fixture records; returns (record id, true label) in file order."""
    with (DATA / "nagtegaal_small.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    with handle.session() as s:
        for name in ("sara", "jonas", "mette"):
            users.add_user(s, username=name, role="screener")
        batch = ImportBatch(project_id=handle.project_id, source_name="test", filename="small.csv",
                            fmt="csv", content_hash="x" * 64, n_items=len(rows))
        s.add(batch)
        s.flush()
        for i, row in enumerate(rows):
            rec = Record(project_id=handle.project_id, batch_id=batch.id, ordinal=i, title=row["title"],
                         abstract=row["abstract"])
            s.add(rec)
            s.flush()
            out.append((rec.id, int(row["label_included"])))
    return out


def _decide(handle, reviewer: str, items: list[tuple[int, str]], *, start: int = 0,  # type: ignore[no-untyped-def]
            resolution: bool = False, stage: str = "title_abstract") -> None:
    with handle.session() as s:
        uid = s.scalars(select(User.id).where(User.username == reviewer)).one()
        for n, (rid, decision) in enumerate(items):
            s.add(ScreeningDecision(record_id=rid, stage=stage, reviewer_id=uid, decision=decision,
                                    is_resolution=resolution, created_at=T0 + timedelta(minutes=start + n)))


def _first(records: list[tuple[int, int]], n_inc: int, n_exc: int) -> list[tuple[int, str]]:
    inc = [(rid, "include") for rid, y in records if y == 1][:n_inc]
    exc = [(rid, "exclude") for rid, y in records if y == 0][:n_exc]
    return inc + exc


def test_rank_puts_likely_includes_first_and_skips_own_decisions(project) -> None:  # type: ignore[no-untyped-def]
    records = _load(project)
    decided = _first(records, 3, 20)
    _decide(project, "sara", decided)
    with project.session() as s:
        ranked = prio.rank_unscreened(s, project.project_id, reviewer="sara")
    decided_ids = {rid for rid, _ in decided}
    assert set(ranked) == {rid for rid, _ in records} - decided_ids
    truth = dict(records)
    pos = [i for i, rid in enumerate(ranked) if truth[rid] == 1]
    neg = [i for i, rid in enumerate(ranked) if truth[rid] == 0]
    assert sum(pos) / len(pos) < 0.6 * (sum(neg) / len(neg))  # includes clearly nearer the top


def test_another_reviewers_undisclosed_decisions_do_not_change_the_ranking(project) -> None:  # type: ignore[no-untyped-def]
    records = _load(project)
    _decide(project, "sara", _first(records, 3, 20))
    with project.session() as s:
        before = prio.rank_unscreened(s, project.project_id, reviewer="sara")
        aid_before = prio.stopping_aid(s, project.project_id, reviewer="sara")
    # jonas decides 40 other records, deliberately the opposite of the truth
    truth = dict(records)
    others = [rid for rid in before[:40]]
    _decide(project, "jonas", [(rid, "exclude" if truth[rid] else "include") for rid in others], start=100)
    with project.session() as s:
        after = prio.rank_unscreened(s, project.project_id, reviewer="sara")
        aid_after = prio.stopping_aid(s, project.project_id, reviewer="sara")
        jonas_view = prio.rank_unscreened(s, project.project_id, reviewer="jonas")
    assert after == before
    assert aid_after == aid_before
    assert not set(others) & set(jonas_view)


def test_resolutions_are_shared_with_every_reviewer(project) -> None:  # type: ignore[no-untyped-def]
    records = _load(project)
    _decide(project, "sara", _first(records, 2, 10))
    with project.session() as s:
        before = prio.rank_unscreened(s, project.project_id, reviewer="sara")
    resolved = [(rid, "include") for rid, y in records if y == 1][5:8]
    _decide(project, "mette", resolved, start=50, resolution=True)
    with project.session() as s:
        after = prio.rank_unscreened(s, project.project_id, reviewer="sara")
    assert not {rid for rid, _ in resolved} & set(after)
    assert after != [rid for rid in before if rid not in {r for r, _ in resolved}]


def test_project_view_learns_only_from_final_decisions(project) -> None:  # type: ignore[no-untyped-def]
    records = _load(project)
    import_order = [rid for rid, _ in records]
    _decide(project, "sara", _first(records, 3, 20))
    with project.session() as s:
        # single-reviewer decisions are not final: nothing to learn, nothing removed, import order
        assert prio.rank_unscreened(s, project.project_id) == import_order
    _decide(project, "jonas", _first(records, 3, 20), start=200)  # agreement makes them final
    with project.session() as s:
        ranked = prio.rank_unscreened(s, project.project_id)
        aid = prio.stopping_aid(s, project.project_id)
    assert len(ranked) == len(records) - 23
    assert ranked != [rid for rid in import_order if rid in set(ranked)]
    assert aid["n_screened"] == 23 and aid["n_included_found"] == 3


def test_duplicates_and_full_text_candidates(project) -> None:  # type: ignore[no-untyped-def]
    records = _load(project)
    with project.session() as s:
        dup = s.get(Record, records[-1][0])
        dup.duplicate_of_id = records[0][0]
    _decide(project, "sara", _first(records, 2, 5))
    with project.session() as s:
        ranked = prio.rank_unscreened(s, project.project_id, reviewer="sara")
        assert records[-1][0] not in ranked
        assert prio.rank_unscreened(s, project.project_id, stage="full_text", reviewer="sara") == []
    ta_includes = [(rid, "include") for rid, y in records if y == 1][:4]
    _decide(project, "mette", ta_includes, start=30, resolution=True)
    with project.session() as s:
        ft = prio.rank_unscreened(s, project.project_id, stage="full_text", reviewer="sara")
    assert sorted(ft) == sorted(rid for rid, _ in ta_includes)


def test_next_records_and_stopping_aid(project) -> None:  # type: ignore[no-untyped-def]
    records = _load(project)
    _decide(project, "sara", _first(records, 4, 30))
    with project.session() as s:
        nxt = prio.next_records(s, project.project_id, reviewer="sara", limit=5)
    assert [r["rank"] for r in nxt["records"]] == [1, 2, 3, 4, 5]
    aid = nxt["stopping_aid"]
    assert aid["n_screened"] == 34 and aid["n_included_found"] == 4
    assert aid["screened_since_last_include"] == 30  # includes were decided first
    assert aid["n_records"] == len(records)
    assert aid["suggest_stop"] is False
    with project.session() as s, pytest.raises(NotFoundError):
        prio.rank_unscreened(s, project.project_id, reviewer="nobody")
    with project.session() as s, pytest.raises(InputError):
        prio.rank_unscreened(s, project.project_id, stage="abstract_only")


@pytest.mark.postgres
def test_ranking_on_postgres(pg_project) -> None:  # type: ignore[no-untyped-def]
    records = _load(pg_project)
    _decide(pg_project, "sara", _first(records, 3, 20))
    with pg_project.session() as s:
        ranked = prio.rank_unscreened(s, pg_project.project_id, reviewer="sara")
    assert len(ranked) == len(records) - 23


def test_as_of_replays_the_queue_of_an_earlier_moment(project) -> None:  # type: ignore[no-untyped-def]
    records = _load(project)
    first = _first(records, 2, 8)
    _decide(project, "sara", first)
    with project.session() as s:
        early = prio.rank_unscreened(s, project.project_id, reviewer="sara")
    _decide(project, "sara", [d for d in _first(records, 5, 30) if d not in first], start=500)
    cut = T0 + timedelta(minutes=len(first) - 1)
    with project.session() as s:
        assert prio.rank_unscreened(s, project.project_id, reviewer="sara", as_of=cut) == early
        assert prio.stopping_aid(s, project.project_id, reviewer="sara", as_of=cut)["n_screened"] == 10
        assert prio.stopping_aid(s, project.project_id, reviewer="sara")["n_screened"] == 35
