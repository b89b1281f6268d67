"""Prioritised screening for a project: rank a reviewer's unscreened records, show a stopping aid.

Public functions (the screening page and ``workbench screen next`` call these)::

    rank_unscreened(session, project_id, *, stage="title_abstract", reviewer=None,
                    model=None, as_of=None) -> list[int]   # record ids, most likely relevant first
    stopping_aid(session, project_id, *, stage="title_abstract", reviewer=None, as_of=None) -> dict
        # keys: n_records, n_screened, n_unscreened, n_included_found, screened_since_last_include,
        #       estimated_relevant_left, estimated_relevant_left_upper, estimated_recall,
        #       estimated_recall_low, streak_needed, suggest_stop, rule, method, reviewer, stage
    next_records(session, project_id, *, reviewer, stage="title_abstract", limit=10,
                 model=None, as_of=None) -> dict
        # {"reviewer", "stage", "model", "records": [{"id", "title", "year", "rank"}],
        #  "n_unscreened", "stopping_aid"}

``stage`` is "title_abstract" or "full_text"; ``model`` a key of ``workbench.prioritisation.MODELS``
(default "workbench"); ``as_of`` (datetime) replays the state at that time. Errors: unknown user ->
NotFoundError, unknown stage/model -> InputError.

``reviewer`` is a user name (or None for the project-wide view). Which decisions train the model
(blinding is enforced here, not in the UI):

* a reviewer sees a ranking learnt from the *final* decisions (conflict resolutions,
  ``is_resolution``) plus **their own** latest decisions, never from another reviewer's decision on a
  record that is not resolved;
* ``reviewer=None`` learns from final decisions only: resolutions, and records on which at least two
  reviewers' latest decisions agree.

Records that are settled (resolved, or agreed by two reviewers) leave every queue; this uses only the
fact that they are settled, not the decision.

Only an ordering is returned, never a label or score of another reviewer. "maybe" counts as include
for ranking and for the stopping aid (it keeps similar records near the top and resets the streak).
Records marked as duplicates (``duplicate_of_id``) are never ranked. At the full-text stage the
candidates are the records whose final title/abstract decision is include or maybe.

Ranking is read-only (no audit event). The TF-IDF matrix of a record set is cached in-process, so a
re-rank after each decision only refits the classifier.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.db.models import Record, ScreeningDecision, User
from workbench.db.models.review import STAGES
from workbench.errors import InputError, NotFoundError
from workbench.prioritisation import (
    DEFAULT_MODEL,
    FeatureSet,
    fit_scorer,
    get_model,
    rank,
    record_text,
    vectorise,
)
from workbench.prioritisation import stopping_aid as _stopping_aid

POSITIVE = {"include": 1, "maybe": 1, "exclude": 0}
_CACHE: OrderedDict[tuple[str, int, str], FeatureSet] = OrderedDict()
_CACHE_SIZE = 4


@dataclass
class _Decision:
    record_id: int
    reviewer_id: int
    decision: str
    is_resolution: bool
    order_key: tuple[object, int]


def _check_stage(stage: str) -> None:
    if stage not in STAGES:
        raise InputError(f"unknown stage '{stage}' (choose one of {', '.join(STAGES)})")


def _reviewer_id(session: Session, reviewer: str | None) -> int | None:
    if reviewer is None:
        return None
    user = session.scalars(select(User).where(User.username == reviewer)).first()
    if user is None:
        raise NotFoundError(f"no user '{reviewer}'")
    return user.id


def _latest_decisions(session: Session, project_id: int, stage: str,
                      as_of: datetime | None = None) -> list[_Decision]:
    """Latest decision per (record, reviewer) and the latest resolution per record, oldest first."""
    stmt = (
        select(ScreeningDecision.id, ScreeningDecision.record_id, ScreeningDecision.reviewer_id,
               ScreeningDecision.decision, ScreeningDecision.is_resolution, ScreeningDecision.created_at)
        .join(Record, Record.id == ScreeningDecision.record_id)
        .where(Record.project_id == project_id, ScreeningDecision.stage == stage)
        .order_by(ScreeningDecision.created_at, ScreeningDecision.id)
    )
    if as_of is not None:
        stmt = stmt.where(ScreeningDecision.created_at <= as_of)
    rows = session.execute(stmt).all()
    latest: dict[tuple[int, int, bool], _Decision] = {}
    for did, rid, uid, decision, is_res, created in rows:
        key = (rid, -1 if is_res else uid, bool(is_res))
        latest[key] = _Decision(rid, uid, decision, bool(is_res), (created, did))
    return sorted(latest.values(), key=lambda d: d.order_key)


def _visible_labels(decisions: list[_Decision], reviewer_id: int | None) -> list[tuple[int, int]]:
    """(record_id, 0/1) the model may learn from, in the order they became known."""
    resolutions = {d.record_id: d for d in decisions if d.is_resolution}
    chosen: dict[int, tuple[tuple[object, int], int]] = {}
    for rid, d in resolutions.items():
        chosen[rid] = (d.order_key, POSITIVE.get(d.decision, 0))
    if reviewer_id is not None:
        for d in decisions:
            if not d.is_resolution and d.reviewer_id == reviewer_id and d.record_id not in resolutions:
                chosen[d.record_id] = (d.order_key, POSITIVE.get(d.decision, 0))
    else:
        by_record: dict[int, list[_Decision]] = defaultdict(list)
        for d in decisions:
            if not d.is_resolution and d.record_id not in resolutions:
                by_record[d.record_id].append(d)
        for rid, ds in by_record.items():
            if len(ds) >= 2 and len({x.decision for x in ds}) == 1:
                chosen[rid] = (max(x.order_key for x in ds), POSITIVE.get(ds[0].decision, 0))
    return [(rid, label) for rid, (_, label) in sorted(chosen.items(), key=lambda kv: kv[1][0])]


def _final_decisions(session: Session, project_id: int, stage: str,
                     as_of: datetime | None = None) -> dict[int, str]:
    """Final decision per record: the latest resolution, else the agreed decision of >= 2 reviewers."""
    return _final_from(_latest_decisions(session, project_id, stage, as_of))


def _final_from(decisions: list[_Decision]) -> dict[int, str]:
    final: dict[int, str] = {d.record_id: d.decision for d in decisions if d.is_resolution}
    by_record: dict[int, list[str]] = defaultdict(list)
    for d in decisions:
        if not d.is_resolution:
            by_record[d.record_id].append(d.decision)
    for rid, ds in by_record.items():
        if rid not in final and len(ds) >= 2 and len(set(ds)) == 1:
            final[rid] = ds[0]
    return final


def _candidates(session: Session, project_id: int, stage: str, as_of: datetime | None = None) -> list[int]:
    """Ids of the records that can be screened at ``stage``, in import order."""
    stmt = (select(Record.id).where(Record.project_id == project_id, Record.duplicate_of_id.is_(None))
            .order_by(Record.batch_id, Record.ordinal, Record.id))
    ids = list(session.scalars(stmt))
    if stage == "full_text":
        final = _final_decisions(session, project_id, "title_abstract", as_of)
        ids = [rid for rid in ids if final.get(rid) in ("include", "maybe")]
    return ids


def _features(session: Session, project_id: int, ids: list[int]) -> FeatureSet:
    digest = hashlib.sha1(",".join(map(str, ids)).encode()).hexdigest()
    key = (str(session.get_bind().engine.url), project_id, digest)
    cached = _CACHE.get(key)
    if cached is not None:
        _CACHE.move_to_end(key)
        return cached
    texts: dict[int, str] = {}
    for start in range(0, len(ids), 5000):
        chunk = ids[start:start + 5000]
        for rid, title, abstract, keywords in session.execute(
                select(Record.id, Record.title, Record.abstract, Record.keywords).where(Record.id.in_(chunk))):
            texts[rid] = record_text(title, abstract, " ".join(keywords or []))
    fs = vectorise([texts[rid] for rid in ids])
    _CACHE[key] = fs
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return fs


def _ranking(session: Session, project_id: int, stage: str, reviewer: str | None,
             model: str | None, as_of: datetime | None) -> tuple[list[int], list[int]]:
    """(candidate ids, ranked positions of the unscreened ones among them)."""
    _check_stage(stage)
    reviewer_id = _reviewer_id(session, reviewer)
    try:
        spec = get_model(model)
    except KeyError as exc:
        raise InputError(str(exc.args[0])) from None
    ids = _candidates(session, project_id, stage, as_of)
    decisions = _latest_decisions(session, project_id, stage, as_of)
    labels = _visible_labels(decisions, reviewer_id)
    # records already decided for good (resolved, or agreed by two reviewers) leave every queue; only
    # that they are settled is used, never how
    done = {rid for rid, _ in labels} | set(_final_from(decisions))
    index = {rid: i for i, rid in enumerate(ids)}
    pool = [i for i, rid in enumerate(ids) if rid not in done]
    train = [(index[rid], y) for rid, y in labels if rid in index]
    if not pool or len({y for _, y in train}) < 2:
        return ids, pool  # nothing to learn from yet: import order
    fs = _features(session, project_id, ids)
    rows = np.array([i for i, _ in train])
    y = np.array([y for _, y in train])
    scorer = fit_scorer(spec, fs.X[rows], y, seed=0)
    pool_arr = np.array(pool)
    order = pool_arr[rank(scorer(fs.X[pool_arr]))]
    return ids, [int(i) for i in order]


def rank_unscreened(session: Session, project_id: int, *, stage: str = "title_abstract",
                    reviewer: str | None = None, model: str | None = None,
                    as_of: datetime | None = None) -> list[int]:
    """Record ids not yet screened by ``reviewer`` (nor finally decided), most likely relevant first.

    Before the visible decisions hold both an include and an exclude the order is the import order.
    ``as_of`` replays the ranking as it was at that time (decisions made later are ignored).
    """
    ids, order = _ranking(session, project_id, stage, reviewer, model, as_of)
    return [ids[i] for i in order]


def stopping_aid(session: Session, project_id: int, *, stage: str = "title_abstract",
                 reviewer: str | None = None, as_of: datetime | None = None) -> dict[str, object]:
    """The stopping aid over the decisions visible to ``reviewer`` (see module docstring)."""
    _check_stage(stage)
    reviewer_id = _reviewer_id(session, reviewer)
    ids = _candidates(session, project_id, stage, as_of)
    wanted = set(ids)
    visible = _visible_labels(_latest_decisions(session, project_id, stage, as_of), reviewer_id)
    labels = [y for rid, y in visible if rid in wanted]
    aid = _stopping_aid(labels, n_records=len(ids))
    aid["reviewer"] = reviewer
    aid["stage"] = stage
    return aid


def next_records(session: Session, project_id: int, *, reviewer: str, stage: str = "title_abstract",
                 limit: int = 10, model: str | None = None, as_of: datetime | None = None) -> dict[str, object]:
    """The next ``limit`` records for ``reviewer`` in ranked order, with the stopping aid."""
    if limit < 1:
        raise InputError("limit must be at least 1")
    ids, order = _ranking(session, project_id, stage, reviewer, model, as_of)
    top_ids = [ids[i] for i in order[:limit]]
    found = {r.id: r for r in session.scalars(select(Record).where(Record.id.in_(top_ids)))} if top_ids else {}
    top = [found[rid] for rid in top_ids]
    return {
        "reviewer": reviewer,
        "stage": stage,
        "model": model or DEFAULT_MODEL,
        "records": [{"id": r.id, "title": r.title, "year": r.year, "rank": n + 1} for n, r in enumerate(top)],
        "n_unscreened": len(order),
        "stopping_aid": stopping_aid(session, project_id, stage=stage, reviewer=reviewer, as_of=as_of),
    }
