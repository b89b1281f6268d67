"""Eligibility criteria (PCC), keyword highlighting and the full-text exclusion-reason list.

Criteria are versioned: ``set_criteria`` adds a new version, the newest is shown beside every
record. Keywords are matched case-insensitively from the start of a word with any ending
(``tildeling`` finds *tildelingen*); keywords of six letters or more also match inside compounds
(``kontor`` finds *forvaltningskontorets*, while ``sak`` finds *saksbehandler* but not *fagsak*);
``*`` is an explicit wildcard (``*kontor*``). Offsets are 0-based code points, end exclusive.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.db.models import EligibilityCriteria, ExclusionReason
from workbench.errors import NotFoundError, WorkbenchError
from workbench.services import audit

COMPOUND_MIN_LENGTH = 6


@dataclass
class Criteria:
    version: int = 0
    population: str = ""
    concept: str = ""
    context: str = ""
    include_rules: list[str] = field(default_factory=list)
    exclude_rules: list[str] = field(default_factory=list)
    include_keywords: list[str] = field(default_factory=list)
    exclude_keywords: list[str] = field(default_factory=list)
    created_by: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in ("version", "population", "concept", "context", "include_rules",
                                                "exclude_rules", "include_keywords", "exclude_keywords",
                                                "created_by")}


def _clean_list(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        v = str(v).strip()
        if v and v not in out:
            out.append(v)
    return out


def get_criteria(session: Session, project_id: int) -> Criteria:
    """The current criteria (version 0, all empty, when none have been set)."""
    row = session.scalars(select(EligibilityCriteria).where(EligibilityCriteria.project_id == project_id)
                          .order_by(EligibilityCriteria.version.desc())).first()
    if row is None:
        return Criteria()
    return Criteria(version=row.version, population=row.population, concept=row.concept, context=row.context,
                    include_rules=list(row.include_rules), exclude_rules=list(row.exclude_rules),
                    include_keywords=list(row.include_keywords), exclude_keywords=list(row.exclude_keywords),
                    created_by=row.created_by)


def set_criteria(session: Session, project_id: int, *, actor: str, **changes: Any) -> Criteria:
    """Add a new criteria version; fields not given are carried over from the current version.

    Fields: population, concept, context (text); include_rules, exclude_rules, include_keywords,
    exclude_keywords (lists of strings).
    """
    allowed = {"population", "concept", "context", "include_rules", "exclude_rules", "include_keywords",
               "exclude_keywords"}
    unknown = set(changes) - allowed
    if unknown:
        raise WorkbenchError(f"unknown criteria field(s): {', '.join(sorted(unknown))}")
    current = get_criteria(session, project_id)
    data = current.as_dict()
    for key, value in changes.items():
        if value is None:
            continue
        data[key] = _clean_list(value) if key.endswith(("_rules", "_keywords")) else str(value).strip()
    for kw in data["include_keywords"] + data["exclude_keywords"]:
        if not re.sub(r"[\s*]", "", kw):
            raise WorkbenchError("a keyword must contain at least one letter or digit")
    row = EligibilityCriteria(project_id=project_id, version=current.version + 1, created_by=actor,
                              **{k: data[k] for k in allowed})
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="criteria.set", entity_type="criteria", entity_id=row.id,
                 payload={"version": row.version, "changed": sorted(k for k, v in changes.items() if v is not None)})
    return get_criteria(session, project_id)


def criteria_history(session: Session, project_id: int) -> list[Criteria]:
    rows = session.scalars(select(EligibilityCriteria).where(EligibilityCriteria.project_id == project_id)
                           .order_by(EligibilityCriteria.version))
    return [Criteria(version=r.version, population=r.population, concept=r.concept, context=r.context,
                     include_rules=list(r.include_rules), exclude_rules=list(r.exclude_rules),
                     include_keywords=list(r.include_keywords), exclude_keywords=list(r.exclude_keywords),
                     created_by=r.created_by) for r in rows]


# ---------------------------------------------------------------------------------------------
# exclusion reasons


def _seed_reasons(session: Session, project_id: int, defaults: list[str]) -> None:
    exists = session.scalar(select(func.count(ExclusionReason.id)).where(ExclusionReason.project_id == project_id))
    if exists:
        return
    for pos, label in enumerate(_clean_list(defaults)):
        session.add(ExclusionReason(project_id=project_id, label=label, position=pos, active=True))
    session.flush()


def exclusion_reasons(session: Session, project_id: int, *, defaults: list[str] | None = None,
                      include_retired: bool = False) -> list[str]:
    """The full-text exclusion reasons in order (seeded from the project configuration on first use)."""
    if defaults is not None:
        _seed_reasons(session, project_id, defaults)
    stmt = select(ExclusionReason).where(ExclusionReason.project_id == project_id)
    if not include_retired:
        stmt = stmt.where(ExclusionReason.active.is_(True))
    return [r.label for r in session.scalars(stmt.order_by(ExclusionReason.position, ExclusionReason.id))]


def set_exclusion_reasons(session: Session, project_id: int, *, reasons: list[str], actor: str) -> list[str]:
    """Make ``reasons`` the active list, in this order. Reasons dropped from the list are retired,
    not deleted, so decisions that used them keep their reason."""
    wanted = _clean_list(reasons)
    if not wanted:
        raise WorkbenchError("the exclusion-reason list cannot be empty")
    existing = {r.label: r for r in session.scalars(
        select(ExclusionReason).where(ExclusionReason.project_id == project_id))}
    for pos, label in enumerate(wanted):
        row = existing.get(label)
        if row is None:
            session.add(ExclusionReason(project_id=project_id, label=label, position=pos, active=True))
        else:
            row.position, row.active = pos, True
    for label, row in existing.items():
        if label not in wanted:
            row.active = False
    session.flush()
    audit.record(session, actor=actor, action="criteria.exclusion_reasons", entity_type="project",
                 entity_id=project_id, payload={"reasons": wanted})
    return exclusion_reasons(session, project_id)


def check_reason(session: Session, project_id: int, reason: str, *, defaults: list[str]) -> str:
    """``reason`` if it is on the active list, else a ``WorkbenchError`` naming the list."""
    reason = (reason or "").strip()
    allowed = exclusion_reasons(session, project_id, defaults=defaults)
    if not reason:
        raise WorkbenchError("a full-text exclusion needs a reason (one of: " + "; ".join(allowed) + ")")
    if reason not in allowed:
        lowered = {a.casefold(): a for a in allowed}
        if reason.casefold() in lowered:
            return lowered[reason.casefold()]
        raise NotFoundError(f"unknown exclusion reason '{reason}' (one of: " + "; ".join(allowed) + ")")
    return reason


# ---------------------------------------------------------------------------------------------
# highlighting


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    kind: str  # "include" | "exclude"
    keyword: str


@lru_cache(maxsize=512)
def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    kw = keyword.strip().casefold()
    parts = [re.escape(p) for p in kw.split("*")]
    core = r"\w*".join(parts)
    core = re.sub(r"(\\ )+", r"\\s+", core)
    explicit = "*" in kw
    letters = len(re.sub(r"\W", "", kw))
    if explicit:
        prefix = r"\w*" if kw.startswith("*") else r"(?<!\w)"
        return re.compile(prefix + core + r"\w*", re.IGNORECASE)
    if letters >= COMPOUND_MIN_LENGTH:
        return re.compile(r"\w*" + core + r"\w*", re.IGNORECASE)
    return re.compile(r"(?<!\w)" + core + r"\w*", re.IGNORECASE)


def find_keywords(text: str, *, include: list[str], exclude: list[str]) -> list[Highlight]:
    """Non-overlapping keyword hits in ``text`` (longest match wins; exclude wins ties)."""
    hits: list[Highlight] = []
    for kind, keywords in (("exclude", exclude), ("include", include)):
        for kw in keywords:
            if not re.sub(r"[\s*]", "", kw):
                continue
            for m in _keyword_pattern(kw).finditer(text):
                if m.end() > m.start():
                    hits.append(Highlight(m.start(), m.end(), kind, kw))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.kind != "exclude"))
    out: list[Highlight] = []
    for h in hits:
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


def highlight_html(text: str, highlights: list[Highlight]) -> str:
    """``text`` HTML-escaped, with hits wrapped in ``<mark class="kw-include|kw-exclude">``."""
    parts: list[str] = []
    pos = 0
    for h in highlights:
        parts.append(html.escape(text[pos:h.start]))
        parts.append(f'<mark class="kw-{h.kind}">{html.escape(text[h.start:h.end])}</mark>')
        pos = h.end
    parts.append(html.escape(text[pos:]))
    return "".join(parts).replace("\n", "<br>")
