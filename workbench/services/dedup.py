"""De-duplication of a project's records, and of loose files (``workbench dedup FILE...``).

A run scores candidate pairs (``workbench.domain.dedup``) and stores each pair it finds as a
``DuplicateLink``: certain pairs become ``auto`` links and are merged, uncertain pairs wait for a
person. Merging sets ``Record.duplicate_of_id`` to the group's kept record; no record is ever
deleted, every change is a ``MergeEvent`` and an audit event, and any merge can be undone
(``decide_pair(..., "separate")`` or ``unmerge_record``). A pair a person decided is never
changed by a later run.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from workbench.db.models import DedupRun, DuplicateLink, MergeEvent, Record, ScreeningDecision
from workbench.db.models.review import ACTIVE_LINK_STATUSES
from workbench.domain import dedup as core
from workbench.errors import ConflictError, InputError, NotFoundError
from workbench.io.importers import read_records
from workbench.services import audit
from workbench.services.project import ProjectHandle
from workbench.services.records import record_dict


def to_input(rid: str, *, title: str, authors: Sequence[str] | str, year: Any, journal: str, volume: str,
             issue: str, pages: str, doi: str, pmid: str, abstract: str, search_set: str = "") -> core.DedupInput:
    author_text = authors if isinstance(authors, str) else "; ".join(authors)
    return core.DedupInput(id=rid, title=title, authors=author_text, year=year, journal=journal, volume=volume,
                           issue=issue, pages=pages, doi=doi, pmid=pmid, abstract=abstract,
                           search_set=search_set)


# ------------------------------------------------------------------------------------ loose files


def load_inputs(files: Sequence[str | Path]) -> list[core.DedupInput]:
    """Records of one or more files as de-duplication input; ids are the files' own ids (``ID``
    column, RIS ``ID``, BibTeX key, PMID) when unique, else ``<file>#<n>``."""
    inputs: list[core.DedupInput] = []
    seen: set[str] = set()
    for f in files:
        parsed = read_records(f)
        stem = Path(f).name
        ids = [r.external_id for r in parsed.records]
        use_own = all(ids) and len(set(ids)) == len(ids) and not (set(ids) & seen)
        for n, r in enumerate(parsed.records, start=1):
            rid = r.external_id if use_own else f"{stem}#{n}"
            seen.add(rid)
            inputs.append(to_input(rid, title=r.title, authors=r.authors, year=r.year, journal=r.journal,
                                   volume=r.volume, issue=r.issue, pages=r.pages, doi=r.doi, pmid=r.pmid,
                                   abstract=r.abstract, search_set=str(r.raw.get("search_set", ""))))
    return inputs


def dedup_files(files: Sequence[str | Path], *, merge_errata: bool = False) -> dict[str, Any]:
    """``{"groups": [[id, ...], ...], "uncertain": [...], "n_records", "seconds"}`` for loose files.

    ``merge_errata``: also merge an erratum with the paper whose volume and page its title cites
    (off by default; see ``workbench.domain.dedup.find_duplicates``)."""
    if not files:
        raise InputError("no files given")
    inputs = load_inputs(files)
    t0 = time.perf_counter()
    result = core.find_duplicates(inputs, merge_errata=merge_errata)
    return {"groups": result.groups, "uncertain": [p.as_dict() for p in result.uncertain],
            "n_records": result.n_records, "seconds": round(time.perf_counter() - t0, 3)}


# ------------------------------------------------------------------------------------- project


def run_dedup(handle: ProjectHandle, *, actor: str = "admin", workers: int | None = 1,
              progress: Callable[[str], None] | None = None, merge_errata: bool = False) -> dict[str, Any]:
    """Score all records of the project, store new pairs, merge certain ones; returns counts.

    ``workers=None`` scores large projects in forked processes (use it from the CLI, not from a
    threaded server). ``merge_errata=True`` treats an erratum whose title cites a paper's volume
    and page as a duplicate of that paper (a project policy; off by default).
    """
    with handle.session() as s:
        recs = list(s.scalars(select(Record).where(Record.project_id == handle.project_id).order_by(Record.id)))
        inputs = [to_input(str(r.id), title=r.title, authors=r.authors or [], year=r.year, journal=r.journal,
                           volume=r.volume, issue=r.issue, pages=r.pages, doi=r.doi, pmid=r.pmid,
                           abstract=r.abstract) for r in recs]
        if progress:
            progress(f"scoring {len(inputs)} records")
        result = core.find_duplicates(inputs, workers=workers, merge_errata=merge_errata)
        existing = {(link.record_a_id, link.record_b_id): link for link in s.scalars(
            select(DuplicateLink).where(DuplicateLink.project_id == handle.project_id))}
        run = DedupRun(project_id=handle.project_id, actor=actor, n_records=len(recs),
                       n_candidates=result.n_candidates,
                       params={"certain": core.CERTAIN, "uncertain": core.UNCERTAIN, "merge_errata": merge_errata})
        s.add(run)
        s.flush()
        n_auto = n_unc = 0
        for pair, status in [(p, "auto") for p in result.duplicates] + [(p, "uncertain") for p in result.uncertain]:
            a, b = sorted((int(pair.a), int(pair.b)))
            if (a, b) in existing:
                continue  # already known; a person's decision is never overridden
            s.add(DuplicateLink(project_id=handle.project_id, run_id=run.id, record_a_id=a, record_b_id=b,
                                score=round(pair.score, 4), status=status, evidence=pair.evidence))
            n_auto += status == "auto"
            n_unc += status == "uncertain"
        run.n_auto, run.n_uncertain = n_auto, n_unc
        s.flush()
        changed = _apply_groups(s, handle.project_id, actor=actor, run_id=run.id, reason="dedup.run")
        audit.record(s, actor=actor, action="dedup.run", entity_type="dedup_run", entity_id=run.id,
                     payload={"records": len(recs), "candidates": result.n_candidates, "new_auto": n_auto,
                              "new_uncertain": n_unc, "records_changed": changed})
        summary = status_summary(s, handle.project_id)
        return {"run_id": run.id, "records": len(recs), "candidates": result.n_candidates, "new_auto": n_auto,
                "new_uncertain": n_unc, "records_changed": changed, **summary}


def _components(session: Session, project_id: int) -> dict[int, list[int]]:
    links = session.execute(select(DuplicateLink.record_a_id, DuplicateLink.record_b_id).where(
        DuplicateLink.project_id == project_id, DuplicateLink.status.in_(ACTIVE_LINK_STATUSES)))
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    comps: dict[int, list[int]] = defaultdict(list)
    for x in list(parent):
        comps[find(x)].append(x)
    return comps


def _apply_groups(session: Session, project_id: int, *, actor: str, run_id: int | None = None,
                  link_id: int | None = None, reason: str) -> int:
    """Set ``duplicate_of_id`` from the active links; log every change. Returns records changed."""
    comps = _components(session, project_id)
    target: dict[int, int | None] = {}
    decided = set(session.scalars(select(ScreeningDecision.record_id).join(Record).where(
        Record.project_id == project_id)).all())
    for members in comps.values():
        recs = [r for r in (session.get(Record, m) for m in members) if r is not None]
        # kept record: one already screened, then the most complete, then the first imported
        keep = min(recs, key=lambda r: (r.id not in decided, not r.abstract, not r.doi, r.id))
        for r in recs:
            target[r.id] = None if r.id == keep.id else keep.id
    changed = 0
    rows = session.scalars(select(Record).where(Record.project_id == project_id,
                                                or_(Record.duplicate_of_id.is_not(None),
                                                    Record.id.in_(list(target) or [-1]))))
    for rec in rows:
        new = target.get(rec.id)
        if rec.duplicate_of_id != new:
            session.add(MergeEvent(project_id=project_id, record_id=rec.id,
                                   previous_duplicate_of_id=rec.duplicate_of_id, new_duplicate_of_id=new,
                                   link_id=link_id, run_id=run_id, reason=reason, actor=actor))
            rec.duplicate_of_id = new
            changed += 1
    session.flush()
    return changed


def status_summary(session: Session, project_id: int) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for link in session.scalars(select(DuplicateLink).where(DuplicateLink.project_id == project_id)):
        if link.status == "uncertain" and _same_group(session, link):
            continue  # settled by other merges
        counts[link.status] += 1
    dups = session.scalars(select(Record.id).where(Record.project_id == project_id,
                                                   Record.duplicate_of_id.is_not(None))).all()
    return {"pairs_auto": counts["auto"], "pairs_uncertain": counts["uncertain"],
            "pairs_merged": counts["merged"], "pairs_separate": counts["separate"],
            "duplicates_removed": len(dups)}


def _link(session: Session, project_id: int, link_id: int) -> DuplicateLink:
    link = session.get(DuplicateLink, link_id)
    if link is None or link.project_id != project_id:
        raise NotFoundError(f"no duplicate pair {link_id}")
    return link


def pair_dict(session: Session, link: DuplicateLink) -> dict[str, Any]:
    a = session.get(Record, link.record_a_id)
    b = session.get(Record, link.record_b_id)
    return {"id": link.id, "score": link.score, "status": link.status, "evidence": link.evidence,
            "decided_by": link.decided_by, "a": record_dict(a) if a else {}, "b": record_dict(b) if b else {}}


def list_pairs(session: Session, project_id: int, *, status: str | None = "uncertain") -> list[dict[str, Any]]:
    """Pairs (default: uncertain, strongest first) with both records side by side."""
    stmt = select(DuplicateLink).where(DuplicateLink.project_id == project_id)
    if status:
        stmt = stmt.where(DuplicateLink.status == status)
    links = list(session.scalars(stmt.order_by(DuplicateLink.score.desc(), DuplicateLink.id)))
    if status == "uncertain":
        links = [link for link in links if not _same_group(session, link)]
    return [pair_dict(session, link) for link in links]


def _same_group(session: Session, link: DuplicateLink) -> bool:
    """True if both records already sit in one group (through other links): nothing left to decide."""
    a = session.get(Record, link.record_a_id)
    b = session.get(Record, link.record_b_id)
    if a is None or b is None:
        return False
    return (a.duplicate_of_id or a.id) == (b.duplicate_of_id or b.id)


def decide_pair(session: Session, project_id: int, link_id: int, *, decision: str, actor: str) -> dict[str, Any]:
    """``merge`` or ``separate`` a pair. Separating an automatic or earlier merge undoes it."""
    if decision not in ("merge", "separate"):
        raise InputError(f"unknown decision '{decision}' (merge or separate)")
    link = _link(session, project_id, link_id)
    before = link.status
    link.status = "merged" if decision == "merge" else "separate"
    link.decided_by = actor
    link.decided_at = datetime.now(UTC)
    session.flush()
    changed = _apply_groups(session, project_id, actor=actor, link_id=link.id, reason=f"pair.{decision}")
    audit.record(session, actor=actor, action=f"dedup.{decision}", entity_type="duplicate_link",
                 entity_id=link.id, payload={"from": before, "to": link.status, "records_changed": changed,
                                             "a": link.record_a_id, "b": link.record_b_id})
    return pair_dict(session, link)


def unmerge_record(session: Session, project_id: int, record_id: int, *, actor: str) -> dict[str, Any]:
    """Take a record out of its duplicate group (every active link of it becomes ``separate``)."""
    rec = session.get(Record, record_id)
    if rec is None or rec.project_id != project_id:
        raise NotFoundError(f"no record {record_id}")
    links = list(session.scalars(select(DuplicateLink).where(
        DuplicateLink.project_id == project_id, DuplicateLink.status.in_(ACTIVE_LINK_STATUSES),
        or_(DuplicateLink.record_a_id == record_id, DuplicateLink.record_b_id == record_id))))
    if not links:
        raise ConflictError(f"record {record_id} is not merged with any other record")
    for link in links:
        link.status = "separate"
        link.decided_by = actor
        link.decided_at = datetime.now(UTC)
    session.flush()
    changed = _apply_groups(session, project_id, actor=actor, reason="record.unmerge")
    audit.record(session, actor=actor, action="dedup.unmerge", entity_type="record", entity_id=record_id,
                 payload={"links": [link.id for link in links], "records_changed": changed})
    return {"record": record_id, "links_separated": len(links), "records_changed": changed}


def list_groups(session: Session, project_id: int) -> list[dict[str, Any]]:
    """Duplicate groups: the kept record and its duplicates (ids), in record order."""
    rows = session.execute(select(Record.id, Record.duplicate_of_id).where(
        Record.project_id == project_id, Record.duplicate_of_id.is_not(None)).order_by(Record.id))
    groups: dict[int, list[int]] = defaultdict(list)
    for rid, kept in rows:
        if kept is not None:
            groups[kept].append(rid)
    return [{"kept": kept, "duplicates": members} for kept, members in sorted(groups.items())]


def merge_history(session: Session, project_id: int, *, limit: int = 200) -> list[dict[str, Any]]:
    events = session.scalars(select(MergeEvent).where(MergeEvent.project_id == project_id)
                             .order_by(MergeEvent.id.desc()).limit(limit))
    return [{"id": e.id, "record": e.record_id, "from": e.previous_duplicate_of_id, "to": e.new_duplicate_of_id,
             "reason": e.reason, "actor": e.actor, "at": e.at.isoformat(), "link": e.link_id} for e in events]
