"""Blinded dual screening: decisions, blinding, conflicts and their resolution, progress, κ.

Rules (enforced here, so the CLI and the UI cannot get around them):

* Every non-duplicate record is screened at ``title_abstract`` by ``screening_reviewers`` (default 2)
  reviewers independently. Records whose final title/abstract decision is include or maybe go on
  to ``full_text``, unless their full text was marked not retrieved.
* **Blinding.** A reviewer sees other reviewers' decisions on a record at a stage only after
  deciding it themselves, or once the required number of reviewers have decided (then nobody else
  can screen it independently). Asking earlier raises ``PermissionDenied``. Audit events of
  decisions do not carry the decision itself (it lives in the immutable decision row).
* Decisions are never overwritten. A reviewer may change their mind (a new row; the newest counts)
  until the record is complete; afterwards disagreement goes through ``resolve``.
* A conflict is a complete record/stage whose reviewers disagree (at full text also: a "maybe",
  or exclusions with different reasons). ``resolve`` adds a resolution row (by discussion, or by a
  third reviewer who did not screen the record); the original decisions stay.
* Full-text exclusions need a reason from the project's configurable list.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from workbench.db.models import FullTextAttachment, FullTextRetrieval, Record, ScreeningDecision, User
from workbench.db.models.review import DECISIONS, STAGES
from workbench.errors import ConflictError, InputError, NotFoundError, PermissionDenied, WorkbenchError
from workbench.services import audit, criteria
from workbench.services.criteria import Criteria, Highlight
from workbench.services.project import ProjectHandle

TA, FT = "title_abstract", "full_text"
STAGE_ALIASES = {"ta": TA, "title_abstract": TA, "title-abstract": TA, "tiab": TA,
                 "ft": FT, "full_text": FT, "full-text": FT, "fulltext": FT}
RESOLUTION_METHODS = ("discussion", "third_reviewer")
RESOLVER_ROLES = ("admin", "researcher")


def normalise_stage(stage: str) -> str:
    key = (stage or "").strip().lower()
    if key not in STAGE_ALIASES:
        raise WorkbenchError(f"unknown stage '{stage}' (ta/title_abstract or ft/full_text)")
    return STAGE_ALIASES[key]


def normalise_method(method: str) -> str:
    key = (method or "").strip().lower().replace("-", "_")
    if key in ("third", "third_reviewer", "reviewer"):
        return "third_reviewer"
    if key in ("discussion", "consensus"):
        return "discussion"
    raise WorkbenchError(f"unknown resolution method '{method}' (discussion or third-reviewer)")


def reviewers_required(handle: ProjectHandle) -> int:
    value = int(handle.config.get("screening_reviewers", 2))
    if value < 1:
        raise WorkbenchError("screening_reviewers must be at least 1")
    return value


def reason_defaults(handle: ProjectHandle) -> list[str]:
    return list(handle.config.get("exclusion_reasons", []))


# ---------------------------------------------------------------------------------------------
# views returned to callers (plain data, no ORM objects)


@dataclass
class DecisionView:
    id: int
    record_id: int
    stage: str
    reviewer: str
    decision: str
    reason: str
    note: str
    is_resolution: bool
    method: str
    at: str

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ScreeningItem:
    """What a reviewer sees for one record: the record, the criteria, highlights, own decision,
    and other reviewers' decisions only when blinding allows (``others`` is None otherwise)."""

    record_id: int
    stage: str
    title: str
    abstract: str
    authors: list[str]
    year: int | None
    journal: str
    doi: str
    pmid: str
    keywords: list[str]
    criteria: Criteria
    title_highlights: list[Highlight]
    abstract_highlights: list[Highlight]
    own: DecisionView | None
    others: list[DecisionView] | None
    resolution: DecisionView | None
    attachments: list[dict[str, Any]] = field(default_factory=list)
    exclusion_reasons: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# state of a stage


@dataclass
class RecordState:
    record_id: int
    reviewers: dict[int, Any] = field(default_factory=dict)  # newest independent per user
    first_at: dict[int, Any] = field(default_factory=dict)
    resolution: Any = None  # a decision row (ORM object or column tuple)
    history: list[Any] = field(default_factory=list)

    def order(self) -> list[int]:
        """Reviewer ids in the order they first decided."""
        return sorted(self.reviewers, key=lambda uid: (self.first_at[uid], uid))

    def complete(self, required: int) -> bool:
        return len(self.reviewers) >= required

    def disagreement(self, stage: str) -> bool:
        rows = list(self.reviewers.values())
        if len({r.decision for r in rows}) > 1:
            return True
        if stage == FT and rows:
            if rows[0].decision == "maybe":
                return True
            if rows[0].decision == "exclude" and len({r.reason for r in rows}) > 1:
                return True
        return False

    def final(self, stage: str, required: int) -> tuple[str, str] | None:
        """(decision, reason) once settled: the newest resolution, else the agreed decision."""
        if self.resolution is not None:
            return self.resolution.decision, self.resolution.reason
        if not self.complete(required) or self.disagreement(stage):
            return None
        row = self.reviewers[self.order()[0]]
        return row.decision, row.reason

    def in_conflict(self, stage: str, required: int) -> bool:
        return self.resolution is None and self.complete(required) and self.disagreement(stage)


_DECISION_COLUMNS = (ScreeningDecision.id, ScreeningDecision.record_id, ScreeningDecision.stage,
                     ScreeningDecision.reviewer_id, ScreeningDecision.decision, ScreeningDecision.reason,
                     ScreeningDecision.note, ScreeningDecision.is_resolution, ScreeningDecision.resolution_method,
                     # as text: parsing tens of thousands of timestamps is slow and views only show them
                     cast(ScreeningDecision.created_at, String).label("created_at"))


def stage_states(session: Session, project_id: int, stage: str) -> dict[int, RecordState]:
    """Decisions of a stage grouped per record (rows in id order, so "newest" = highest id).

    Rows are read-only column tuples (fast for tens of thousands of decisions), not ORM objects."""
    rows = session.execute(
        select(*_DECISION_COLUMNS).join(Record, Record.id == ScreeningDecision.record_id)
        .where(Record.project_id == project_id, ScreeningDecision.stage == stage)
        .order_by(ScreeningDecision.id))
    states: dict[int, RecordState] = {}
    for row in rows:
        rid = row.record_id
        st = states.get(rid)
        if st is None:
            st = states[rid] = RecordState(rid)
        st.history.append(row)
        if row.is_resolution:
            st.resolution = row
        else:
            uid = row.reviewer_id
            st.reviewers[uid] = row
            if uid not in st.first_at:
                st.first_at[uid] = row.id
    return states


def finals(session: Session, project_id: int, stage: str, required: int) -> dict[int, tuple[str, str]]:
    """record id → (final decision, reason) for every settled record of a stage."""
    out = {}
    for rid, st in stage_states(session, project_id, stage).items():
        fin = st.final(stage, required)
        if fin is not None:
            out[rid] = fin
    return out


def not_retrieved_record_ids(session: Session, project_id: int) -> set[int]:
    rows = session.execute(
        select(FullTextRetrieval.record_id, FullTextRetrieval.retrieved)
        .join(Record, Record.id == FullTextRetrieval.record_id)
        .where(Record.project_id == project_id).order_by(FullTextRetrieval.id))
    latest: dict[int, bool] = {}
    for rid, retrieved in rows:
        latest[rid] = bool(retrieved)
    return {rid for rid, ok in latest.items() if not ok}


def eligible_ids(session: Session, project_id: int, stage: str, required: int) -> list[int]:
    """Records to be screened at a stage, in import order."""
    stmt = (select(Record.id).where(Record.project_id == project_id, Record.duplicate_of_id.is_(None))
            .order_by(Record.batch_id, Record.ordinal, Record.id))
    ids = list(session.scalars(stmt))
    if stage == TA:
        return ids
    ta = finals(session, project_id, TA, required)
    gone = not_retrieved_record_ids(session, project_id)
    return [rid for rid in ids if ta.get(rid, ("",))[0] in ("include", "maybe") and rid not in gone]


# ---------------------------------------------------------------------------------------------
# helpers


def _user(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None or not user.active:
        raise NotFoundError(f"no active user '{username}'")
    return user


def _record(session: Session, project_id: int, record_id: int) -> Record:
    rec = session.get(Record, record_id)
    if rec is None or rec.project_id != project_id:
        raise NotFoundError(f"no record {record_id}")
    return rec


def _usernames(session: Session) -> dict[int, str]:
    return {u.id: u.username for u in session.scalars(select(User))}


def _view(row: Any, names: dict[int, str]) -> DecisionView:
    return DecisionView(id=row.id, record_id=row.record_id, stage=row.stage,
                        reviewer=names.get(row.reviewer_id, str(row.reviewer_id)), decision=row.decision,
                        reason=row.reason, note=row.note, is_resolution=row.is_resolution,
                        method=row.resolution_method, at=_iso(row.created_at))


def _iso(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value).replace(" ", "T", 1)


def _can_see_others(state: RecordState | None, user_id: int, required: int) -> bool:
    if state is None:
        return True  # nothing to see
    return user_id in state.reviewers or state.complete(required) or state.resolution is not None


def _single_state(session: Session, record_id: int, stage: str) -> RecordState:
    st = RecordState(record_id)
    for row in session.scalars(select(ScreeningDecision).where(
            ScreeningDecision.record_id == record_id, ScreeningDecision.stage == stage)
            .order_by(ScreeningDecision.id)):
        st.history.append(row)
        if row.is_resolution:
            st.resolution = row
        else:
            st.reviewers[row.reviewer_id] = row
            st.first_at.setdefault(row.reviewer_id, row.id)
    return st


def _check_stage_eligible(session: Session, project_id: int, rec: Record, stage: str, required: int) -> None:
    if rec.duplicate_of_id is not None:
        raise ConflictError(f"record {rec.id} is a duplicate of record {rec.duplicate_of_id}; "
                            "screen the kept record")
    if stage == FT:
        ta = _single_state(session, rec.id, TA).final(TA, required)
        if ta is None or ta[0] not in ("include", "maybe"):
            raise ConflictError(f"record {rec.id} has not passed title/abstract screening; "
                                "it cannot be assessed in full text")
        if rec.id in not_retrieved_record_ids(session, project_id):
            raise ConflictError(f"the full text of record {rec.id} is marked not retrieved")


def _check_reason(session: Session, handle: ProjectHandle, stage: str, decision: str, reason: str) -> str:
    reason = (reason or "").strip()
    if stage == FT and decision == "exclude":
        return criteria.check_reason(session, handle.project_id, reason, defaults=reason_defaults(handle))
    if stage == FT and reason:
        raise WorkbenchError("a full-text reason is recorded only for exclusions")
    return reason


# ---------------------------------------------------------------------------------------------
# deciding


def _decide(session: Session, handle: ProjectHandle, *, record_id: int, reviewer: str, stage: str,
            decision: str, note: str, reason: str, required: int) -> ScreeningDecision:
    stage = normalise_stage(stage)
    decision = (decision or "").strip().lower()
    if decision not in DECISIONS:
        raise WorkbenchError(f"unknown decision '{decision}' (one of {', '.join(DECISIONS)})")
    user = _user(session, reviewer)
    rec = _record(session, handle.project_id, record_id)
    _check_stage_eligible(session, handle.project_id, rec, stage, required)
    reason = _check_reason(session, handle, stage, decision, reason)
    state = _single_state(session, record_id, stage)
    if state.resolution is not None:
        raise ConflictError(f"record {record_id} ({stage}) is already resolved; its decision is final")
    if user.id not in state.reviewers and state.complete(required):
        raise ConflictError(f"record {record_id} ({stage}) has already been screened by {required} reviewers; "
                            "disagreements are settled with 'resolve'")
    if user.id in state.reviewers and state.complete(required):
        raise ConflictError(f"record {record_id} ({stage}): all reviewers have decided, so decisions are "
                            "no longer blind; change it through 'resolve' (discussion)")
    changed = user.id in state.reviewers
    row = ScreeningDecision(record_id=record_id, stage=stage, reviewer_id=user.id, decision=decision,
                            reason=reason, note=note or "", is_resolution=False)
    session.add(row)
    session.flush()
    # the decision value stays out of the audit payload: the audit log must not break blinding
    audit.record(session, actor=reviewer, action="screening.decide", entity_type="screening_decision",
                 entity_id=row.id, payload={"record_id": record_id, "stage": stage, "changed_own": changed})
    return row


def decide(handle: ProjectHandle, *, record_id: int, reviewer: str, stage: str, decision: str,
           note: str = "", reason: str = "") -> DecisionView:
    """Record ``reviewer``'s independent decision (include / exclude / maybe) on a record."""
    required = reviewers_required(handle)
    with handle.session() as s:
        row = _decide(s, handle, record_id=record_id, reviewer=reviewer, stage=stage, decision=decision,
                      note=note, reason=reason, required=required)
        return _view(row, {row.reviewer_id: reviewer})


def decide_many(handle: ProjectHandle, *, reviewer: str, stage: str,
                decisions: list[dict[str, Any]]) -> int:
    """Several decisions by one reviewer in one transaction (all-or-nothing).

    Each item: ``record_id``, ``decision`` and optional ``note``, ``reason``."""
    required = reviewers_required(handle)
    with handle.session() as s:
        for item in decisions:
            _decide(s, handle, record_id=int(item["record_id"]), reviewer=reviewer, stage=stage,
                    decision=str(item["decision"]), note=str(item.get("note") or ""),
                    reason=str(item.get("reason") or ""), required=required)
    return len(decisions)


def get_decisions(handle: ProjectHandle, *, record_id: int, stage: str, viewer: str) -> list[DecisionView]:
    """Every decision (and resolution) on a record at a stage, if ``viewer`` may see them.

    Raises ``PermissionDenied`` while ``viewer`` has not decided the record and it still
    awaits independent decisions."""
    stage = normalise_stage(stage)
    required = reviewers_required(handle)
    with handle.session() as s:
        user = _user(s, viewer)
        _record(s, handle.project_id, record_id)
        state = _single_state(s, record_id, stage)
        if not _can_see_others(state, user.id, required):
            raise PermissionDenied(f"record {record_id} ({stage}): decide it yourself before seeing other "
                                   "reviewers' decisions")
        names = _usernames(s)
        return [_view(r, names) for r in state.history]


def screening_item(handle: ProjectHandle, *, record_id: int, stage: str, viewer: str) -> ScreeningItem:
    """The record as ``viewer`` may see it at ``stage`` (criteria, highlights, blinded decisions)."""
    stage = normalise_stage(stage)
    required = reviewers_required(handle)
    with handle.session() as s:
        user = _user(s, viewer)
        rec = _record(s, handle.project_id, record_id)
        crit = criteria.get_criteria(s, handle.project_id)
        state = _single_state(s, record_id, stage)
        names = _usernames(s)
        own = state.reviewers.get(user.id)
        visible = _can_see_others(state, user.id, required)
        others = ([_view(r, names) for uid, r in state.reviewers.items() if uid != user.id]
                  if visible else None)
        kw = {"include": crit.include_keywords, "exclude": crit.exclude_keywords}
        atts = [{"id": a.id, "filename": a.filename, "path": str(handle.root / a.stored_path),
                 "n_pages": a.n_pages, "size_bytes": a.size_bytes}
                for a in s.scalars(select(FullTextAttachment).where(FullTextAttachment.record_id == record_id)
                                   .order_by(FullTextAttachment.id))]
        reasons = criteria.exclusion_reasons(s, handle.project_id, defaults=reason_defaults(handle))
        return ScreeningItem(
            record_id=rec.id, stage=stage, title=rec.title, abstract=rec.abstract, authors=list(rec.authors),
            year=rec.year, journal=rec.journal, doi=rec.doi, pmid=rec.pmid, keywords=list(rec.keywords),
            criteria=crit, title_highlights=criteria.find_keywords(rec.title, **kw),
            abstract_highlights=criteria.find_keywords(rec.abstract, **kw),
            own=_view(own, names) if own is not None else None, others=others,
            resolution=_view(state.resolution, names) if (state.resolution is not None and visible) else None,
            attachments=atts, exclusion_reasons=reasons)


def queue(handle: ProjectHandle, *, reviewer: str, stage: str, limit: int | None = None,
          order: str = "auto") -> list[int]:
    """Record ids ``reviewer`` still has to screen at ``stage``.

    ``order``: "import" (import order) or "auto" (the prioritisation service's ranking when that
    module is installed, else import order). The ranking is asked for ``reviewer``'s own view only."""
    stage = normalise_stage(stage)
    required = reviewers_required(handle)
    with handle.session() as s:
        user = _user(s, reviewer)
        ids = eligible_ids(s, handle.project_id, stage, required)
        states = stage_states(s, handle.project_id, stage)
    todo = []
    for rid in ids:
        st = states.get(rid)
        if st is None or (user.id not in st.reviewers and not st.complete(required) and st.resolution is None):
            todo.append(rid)
    if order == "auto" and len(todo) > 1:
        todo = _prioritised(handle, reviewer=reviewer, stage=stage, candidates=todo)
    elif order not in ("auto", "import"):
        raise WorkbenchError(f"unknown order '{order}' (auto or import)")
    return todo[:limit] if limit else todo


def _prioritised(handle: ProjectHandle, *, reviewer: str, stage: str, candidates: list[int]) -> list[int]:
    """``candidates`` ordered by ``workbench.services.prioritisation.rank_unscreened`` when present.

    That ranking learns only from decisions ``reviewer`` may see (own ones and resolutions), so the
    order does not leak another reviewer's blinded decisions."""
    try:
        from workbench.services.prioritisation import rank_unscreened
    except ImportError:
        return candidates
    try:
        with handle.session() as s:
            ranked = [int(r) for r in rank_unscreened(s, handle.project_id, stage=stage, reviewer=reviewer)]
    except WorkbenchError:
        return candidates
    wanted = set(candidates)
    head = [rid for rid in ranked if rid in wanted]
    seen = set(head)
    return head + [rid for rid in candidates if rid not in seen]


def stopping_aid(handle: ProjectHandle, *, reviewer: str, stage: str) -> dict[str, Any] | None:
    """The prioritisation service's stopping aid for ``reviewer`` (None when it is not installed)."""
    try:
        from workbench.services.prioritisation import stopping_aid as aid
    except ImportError:
        return None
    with handle.session() as s:
        return dict(aid(s, handle.project_id, stage=normalise_stage(stage), reviewer=reviewer))


# ---------------------------------------------------------------------------------------------
# conflicts


@dataclass
class ConflictView:
    record_id: int
    stage: str
    title: str
    decisions: list[DecisionView]
    resolution: DecisionView | None

    def as_dict(self) -> dict[str, Any]:
        return {"record_id": self.record_id, "stage": self.stage, "title": self.title,
                "decisions": [d.as_dict() for d in self.decisions],
                "resolution": self.resolution.as_dict() if self.resolution else None}


def list_conflicts(handle: ProjectHandle, *, stage: str, include_resolved: bool = False) -> list[ConflictView]:
    """Complete records whose reviewers disagree (open ones; resolved ones too if asked)."""
    stage = normalise_stage(stage)
    required = reviewers_required(handle)
    out = []
    with handle.session() as s:
        names = _usernames(s)
        states = stage_states(s, handle.project_id, stage)
        titles = dict(s.execute(select(Record.id, Record.title).where(Record.id.in_(list(states)))).all()) \
            if states else {}
        for rid, st in states.items():
            if not st.complete(required) or not st.disagreement(stage):
                continue
            if st.resolution is not None and not include_resolved:
                continue
            out.append(ConflictView(
                record_id=rid, stage=stage, title=titles.get(rid, ""),
                decisions=[_view(st.reviewers[uid], names) for uid in st.order()],
                resolution=_view(st.resolution, names) if st.resolution is not None else None))
    return sorted(out, key=lambda c: c.record_id)


def resolve(handle: ProjectHandle, *, record_id: int, stage: str, resolver: str, decision: str,
            method: str = "third_reviewer", reason: str = "", note: str = "") -> DecisionView:
    """Settle a record/stage: a resolution row by discussion or by a third reviewer.

    The reviewers' own decisions stay untouched. A newer resolution replaces an older one as the
    final decision (both are kept)."""
    stage = normalise_stage(stage)
    method = normalise_method(method)
    required = reviewers_required(handle)
    decision = (decision or "").strip().lower()
    if decision not in ("include", "exclude"):
        raise WorkbenchError("a resolution must be include or exclude")
    with handle.session() as s:
        user = _user(s, resolver)
        rec = _record(s, handle.project_id, record_id)
        _check_stage_eligible(s, handle.project_id, rec, stage, required)
        state = _single_state(s, record_id, stage)
        if not state.complete(required):
            raise ConflictError(f"record {record_id} ({stage}) still awaits independent decisions "
                                f"({len(state.reviewers)} of {required}); it cannot be resolved yet")
        if state.resolution is None and not state.disagreement(stage):
            raise ConflictError(f"record {record_id} ({stage}): the reviewers agree; there is nothing to resolve")
        if method == "third_reviewer":
            if user.id in state.reviewers:
                raise PermissionDenied(f"{resolver} screened record {record_id} and cannot be its third reviewer; "
                                       "record the outcome as a discussion instead")
            if user.role not in RESOLVER_ROLES:
                raise PermissionDenied(f"{resolver} ({user.role}) may not act as third reviewer")
        elif user.id not in state.reviewers and user.role not in RESOLVER_ROLES:
            raise PermissionDenied(f"{resolver} did not screen record {record_id} and may not record its discussion")
        reason = _check_reason(s, handle, stage, decision, reason)
        row = ScreeningDecision(record_id=record_id, stage=stage, reviewer_id=user.id, decision=decision,
                                reason=reason, note=note or "", is_resolution=True, resolution_method=method)
        s.add(row)
        s.flush()
        audit.record(s, actor=resolver, action="screening.resolve", entity_type="screening_decision",
                     entity_id=row.id, payload={"record_id": record_id, "stage": stage, "method": method,
                                                "decision": decision, "reason": reason,
                                                "replaces": state.resolution.id if state.resolution else None})
        return _view(row, {user.id: resolver})


# ---------------------------------------------------------------------------------------------
# progress and agreement


def progress(handle: ProjectHandle, *, viewer: str | None = None) -> dict[str, Any]:
    """Per stage: totals and, per reviewer, records decided and still to do.

    The include/exclude/maybe breakdown of a reviewer is shown only to that reviewer."""
    required = reviewers_required(handle)
    out: dict[str, Any] = {"reviewers_required": required, "stages": {}}
    with handle.session() as s:
        names = _usernames(s)
        roles = {u.id: u.role for u in s.scalars(select(User))}
        for stage in STAGES:
            ids = eligible_ids(s, handle.project_id, stage, required)
            states = stage_states(s, handle.project_id, stage)
            idset = set(ids)
            per: dict[int, Counter[str]] = defaultdict(Counter)
            open_slots = 0
            complete = conflicts = resolved = 0
            final_counts: Counter[str] = Counter()
            for rid in ids:
                st = states.get(rid)
                if st is None:
                    open_slots += 1
                    continue
                for uid, row in st.reviewers.items():
                    per[uid][row.decision] += 1
                if st.complete(required):
                    complete += 1
                    if st.resolution is not None:
                        resolved += 1
                    elif st.disagreement(stage):
                        conflicts += 1
                elif st.resolution is None:
                    open_slots += 1
                fin = st.final(stage, required)
                if fin is not None:
                    final_counts[fin[0]] += 1
            reviewers = []
            candidates = set(per) | {uid for uid, r in roles.items() if r == "screener"}
            for uid in sorted(candidates, key=lambda u: names.get(u, "")):
                decided = sum(per[uid].values())
                todo = sum(1 for rid in ids if (st := states.get(rid)) is None or (
                    uid not in st.reviewers and not st.complete(required) and st.resolution is None))
                entry: dict[str, Any] = {"reviewer": names.get(uid, str(uid)), "decided": decided, "to_do": todo,
                                       "share_of_records": round(decided / len(ids), 4) if ids else 0.0}
                if viewer is not None and names.get(uid) == viewer:
                    entry["by_decision"] = dict(per[uid])
                reviewers.append(entry)
            out["stages"][stage] = {
                "records": len(idset), "complete": complete, "awaiting_reviewers": len(ids) - complete,
                "conflicts_open": conflicts, "resolved": resolved, "final": dict(final_counts),
                "reviewers": reviewers}
    return out


def agreement(handle: ProjectHandle, *, binary: bool = False) -> list[dict[str, Any]]:
    """Cohen's κ and percent agreement per stage and per reviewer pair, on records both decided.

    Each row: stage, pair ("a|b" or "all pairs" = first vs second decider pooled), n, agreement,
    kappa (None when undefined). ``binary`` folds "maybe" into "include" (passes on vs excluded)."""
    from workbench.domain.agreement import AgreementError, cohen_kappa, percent_agreement

    required = reviewers_required(handle)
    rows: list[dict[str, Any]] = []
    with handle.session() as s:
        names = _usernames(s)
        for stage in STAGES:
            states = stage_states(s, handle.project_id, stage)
            pairs: dict[tuple[str, str], tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
            pooled: tuple[list[str], list[str]] = ([], [])
            for st in states.values():
                if not st.complete(required) or len(st.reviewers) < 2:
                    continue
                order = st.order()

                def label(uid: int, st: RecordState = st) -> str:
                    d = st.reviewers[uid].decision
                    return "include" if binary and d == "maybe" else d

                pooled[0].append(label(order[0]))
                pooled[1].append(label(order[1]))
                for a, b in itertools.combinations(sorted(order, key=lambda u: names.get(u, "")), 2):
                    key = (names.get(a, str(a)), names.get(b, str(b)))
                    pairs[key][0].append(label(a))
                    pairs[key][1].append(label(b))
            groups = [(f"{a}|{b}", la, lb) for (a, b), (la, lb) in sorted(pairs.items())]
            if len(groups) > 1:
                groups.append(("all pairs", pooled[0], pooled[1]))
            for name, la, lb in groups:
                if not la:
                    continue
                try:
                    kappa: float | None = cohen_kappa(la, lb)
                except AgreementError:
                    kappa = None
                rows.append({"stage": stage, "pair": name, "n": len(la),
                             "agreement": percent_agreement(la, lb), "kappa": kappa,
                             "table": _table(la, lb)})
    return rows


def _table(la: list[str], lb: list[str]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {a: {b: 0 for b in DECISIONS} for a in DECISIONS}
    for a, b in zip(la, lb, strict=True):
        table.setdefault(a, {}).setdefault(b, 0)
        table[a][b] += 1
    return table


def decision_history(handle: ProjectHandle, *, viewer: str, record_id: int | None = None) -> list[DecisionView]:
    """The audit trail of decisions (oldest first), with blinded records left out for ``viewer``."""
    required = reviewers_required(handle)
    out: list[DecisionView] = []
    with handle.session() as s:
        user = _user(s, viewer)
        names = _usernames(s)
        for stage in STAGES:
            for rid, st in stage_states(s, handle.project_id, stage).items():
                if record_id is not None and rid != record_id:
                    continue
                if _can_see_others(st, user.id, required):
                    out.extend(_view(r, names) for r in st.history)
                else:
                    out.extend(_view(r, names) for r in st.history if r.reviewer_id == user.id)
    return sorted(out, key=lambda d: d.id)


# ---------------------------------------------------------------------------------------------
# full texts

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def attach_full_text(handle: ProjectHandle, *, record_id: int, filename: str, data: bytes,
                     actor: str) -> dict[str, Any]:
    """Store a PDF for a record sought for retrieval (under ``attachments/fulltext/<record>/``)."""
    if not data.startswith(b"%PDF-"):
        raise InputError("not a PDF file (no %PDF- header)", path=filename)
    n_pages = _pdf_pages(data, filename)
    required = reviewers_required(handle)
    digest = hashlib.sha256(data).hexdigest()
    safe = _SAFE.sub("_", Path(filename).name).strip("_") or "fulltext.pdf"
    rel = Path("attachments") / "fulltext" / str(record_id) / f"{digest[:12]}_{safe}"
    target = handle.root / rel
    with handle.session() as s:
        rec = _record(s, handle.project_id, record_id)
        _check_stage_eligible(s, handle.project_id, rec, TA, required)
        ta = _single_state(s, record_id, TA).final(TA, required)
        if ta is None or ta[0] not in ("include", "maybe"):
            raise ConflictError(f"record {record_id} has not passed title/abstract screening; "
                                "no full text is sought for it")
        dup = s.scalars(select(FullTextAttachment).where(FullTextAttachment.record_id == record_id,
                                                         FullTextAttachment.sha256 == digest)).first()
        if dup is not None:
            raise ConflictError(f"this PDF is already attached to record {record_id}")
        att = FullTextAttachment(record_id=record_id, filename=Path(filename).name, stored_path=str(rel),
                                 sha256=digest, size_bytes=len(data), n_pages=n_pages, uploaded_by=actor)
        s.add(att)
        if record_id in not_retrieved_record_ids(s, handle.project_id) or s.scalars(select(FullTextRetrieval).where(
                FullTextRetrieval.record_id == record_id)).first() is None:
            s.add(FullTextRetrieval(record_id=record_id, retrieved=True, note="PDF attached", set_by=actor))
        s.flush()
        audit.record(s, actor=actor, action="screening.attach_full_text", entity_type="record",
                     entity_id=record_id, payload={"attachment_id": att.id, "sha256": digest,
                                                   "n_pages": n_pages, "size_bytes": len(data)})
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return {"id": att.id, "record_id": record_id, "path": str(target), "n_pages": n_pages}


def _pdf_pages(data: bytes, filename: str) -> int | None:
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return len(pdf.pages)
    except Exception as exc:  # noqa: BLE001 - any parser failure means a broken PDF
        raise InputError(f"cannot read PDF ({exc.__class__.__name__})", path=filename) from exc


def set_retrieval(handle: ProjectHandle, *, record_id: int, retrieved: bool, actor: str, note: str = "") -> None:
    """Mark a record's full text as retrieved or not retrieved (for PRISMA's "not retrieved")."""
    required = reviewers_required(handle)
    with handle.session() as s:
        rec = _record(s, handle.project_id, record_id)
        ta = _single_state(s, record_id, TA).final(TA, required)
        if rec.duplicate_of_id is not None or ta is None or ta[0] not in ("include", "maybe"):
            raise ConflictError(f"record {record_id} is not sought for retrieval (not passed title/abstract)")
        if not retrieved and _single_state(s, record_id, FT).history:
            raise ConflictError(f"record {record_id} already has full-text decisions; it was retrieved")
        s.add(FullTextRetrieval(record_id=record_id, retrieved=retrieved, note=note, set_by=actor))
        s.flush()
        audit.record(s, actor=actor, action="screening.retrieval", entity_type="record", entity_id=record_id,
                     payload={"retrieved": retrieved})


def not_retrieved_ids(handle: ProjectHandle) -> set[int]:
    with handle.session() as s:
        return not_retrieved_record_ids(s, handle.project_id)


# ---------------------------------------------------------------------------------------------
# criteria and reasons, handle-level (one transaction each)


def get_criteria(handle: ProjectHandle) -> Criteria:
    with handle.session() as s:
        return criteria.get_criteria(s, handle.project_id)


def set_criteria(handle: ProjectHandle, *, actor: str, **changes: Any) -> Criteria:
    with handle.session() as s:
        return criteria.set_criteria(s, handle.project_id, actor=actor, **changes)


def exclusion_reasons(handle: ProjectHandle) -> list[str]:
    """The active full-text exclusion reasons (seeded from ``exclusion_reasons`` in the config)."""
    with handle.session() as s:
        return criteria.exclusion_reasons(s, handle.project_id, defaults=reason_defaults(handle))


def set_exclusion_reasons(handle: ProjectHandle, *, reasons: list[str], actor: str) -> list[str]:
    with handle.session() as s:
        return criteria.set_exclusion_reasons(s, handle.project_id, reasons=reasons, actor=actor)


# ---------------------------------------------------------------------------------------------
# keyboard shortcuts (the UI's one-line decision box)

SHORTCUTS = {"i": "include", "inc": "include", "include": "include", "inkluder": "include", "j": "include",
             "ja": "include", "e": "exclude", "exc": "exclude", "exclude": "exclude", "ekskluder": "exclude",
             "n": "exclude", "nei": "exclude", "m": "maybe", "maybe": "maybe", "k": "maybe", "kanskje": "maybe"}


def parse_shortcut(text: str, *, reasons: list[str] | None = None) -> tuple[str, str, str]:
    """``"i"`` / ``"e 2 feil land"`` / ``"m usikker"`` → (decision, reason, note).

    The first word is the decision (i/e/m, also j/n/k and the full words in English or Norwegian).
    For an exclusion, a following number picks that reason (1-based) from ``reasons``. The rest is
    the note."""
    parts = (text or "").strip().split(maxsplit=1)
    if not parts:
        raise WorkbenchError("type i (include), e (exclude) or m (maybe), optionally followed by a note")
    decision = SHORTCUTS.get(parts[0].casefold())
    if decision is None:
        raise WorkbenchError(f"'{parts[0]}' is not a decision: i (include), e (exclude) or m (maybe)")
    rest = parts[1] if len(parts) > 1 else ""
    reason = ""
    if decision == "exclude" and reasons:
        head = rest.split(maxsplit=1)
        if head and head[0].isdigit():
            number = int(head[0])
            if not 1 <= number <= len(reasons):
                raise WorkbenchError(f"reason number {number} is not in 1–{len(reasons)}")
            reason = reasons[number - 1]
            rest = head[1] if len(head) > 1 else ""
    return decision, reason, rest.strip()
