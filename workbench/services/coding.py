"""Coding workflow: auto-coding suggestions, review, manual coding, memos, retrieval, re-ranking.

* Coding units (turn, paragraph, sentence) come from the project setting ``coding_unit``.
* With ``require_deid`` (default) only sources with status ``released`` may be coded.
* Each coder's codings are separate rows (``coder_id``); suggestions are ``proposed`` codings of the
  coder who reviews them, and accepting/rejecting only changes their status (kept for training).
* A coding whose offsets fall outside its source is refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.coding.classifier import Reranker, TrainingUnit, evaluate_holdout
from workbench.coding.codebook import CodebookSpec, load_codebook
from workbench.coding.matcher import DEFAULT_THRESHOLD, Matcher, Suggestion
from workbench.coding.query import parse_query
from workbench.coding.units import UNIT_KINDS, units_for
from workbench.db.base import utcnow
from workbench.db.models import Case, ClassifierRun, Code, Codebook, Coding, Memo, Source, User
from workbench.errors import ConflictError, InputError, NotFoundError, PermissionDenied, WorkbenchError
from workbench.services import audit, users
from workbench.services import codebooks as codebook_service
from workbench.services.project import ProjectHandle

MEMO_TARGETS = ("project", "case", "source", "code", "coding")
Progress = Callable[[int, int], None]


# -- settings -----------------------------------------------------------------------------------
def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("0", "false", "no", "nei", "off", "")
    return bool(value)


def coding_settings(handle: ProjectHandle) -> dict[str, Any]:
    """``{"unit": turn|paragraph|sentence, "require_deid": bool}`` from the project config."""
    unit = str(handle.config.get("coding_unit", "turn"))
    if unit not in UNIT_KINDS:
        raise WorkbenchError(f"workbench.toml: coding_unit must be one of {', '.join(UNIT_KINDS)}, not '{unit}'")
    return {"unit": unit, "require_deid": _truthy(handle.config.get("require_deid", True))}


def visible_coders(handle: ProjectHandle, session: Session, *, viewer: str) -> set[str] | None:
    """Whose codings ``viewer`` may see: ``None`` = everyone's. With ``blind_coding = true`` in
    workbench.toml, a coder sees only their own codings (admins see all) until the project lead turns
    blinding off, so independent coding for agreement is not contaminated."""
    if not _truthy(handle.config.get("blind_coding", False)):
        return None
    user = session.scalars(select(User).where(User.username == viewer)).first()
    if user is not None and user.role == "admin":
        return None
    return {viewer}


def check_may_see(handle: ProjectHandle, session: Session, *, viewer: str, coders: Iterable[str]) -> None:
    """Refuse (``PermissionDenied``) when ``viewer`` asks for other coders' codings under blind coding."""
    allowed = visible_coders(handle, session, viewer=viewer)
    hidden = sorted(set(coders) - allowed) if allowed is not None else []
    if hidden:
        raise PermissionDenied(f"blind coding is on: {viewer} cannot see the codings of {', '.join(hidden)}")


# -- sources and units ---------------------------------------------------------------------------
def get_source(session: Session, project_id: int, source_id: int) -> Source:
    src = session.get(Source, source_id)
    if src is None or src.project_id != project_id:
        raise NotFoundError(f"no source {source_id}")
    return src


def ensure_codable(source: Source, *, require_deid: bool) -> None:
    if require_deid and source.status != "released":
        raise PermissionDenied(
            f"source {source.id} has status '{source.status}': only released (de-identified and reviewed) "
            "sources may be coded while require_deid is on")


def codable_sources(session: Session, project_id: int, *, require_deid: bool = True) -> list[Source]:
    stmt = select(Source).where(Source.project_id == project_id).order_by(Source.id)
    if require_deid:
        stmt = stmt.where(Source.status == "released")
    return list(session.scalars(stmt))


def source_units(source: Source, unit: str) -> list[tuple[int, int]]:
    return units_for(source.text, unit, [(t.start, t.end) for t in source.turns])


INTERVIEWER_LABELS = {"i", "int", "intervjuer", "interviewer", "moderator", "forsker", "researcher"}


def is_interviewer(speaker: str) -> bool:
    """``I``, ``Intervjuer 2``, ``[Interviewer]``...: auto-coding skips their turns by default."""
    label = re.sub(r"[\[\]():\d]+", " ", speaker).strip().lower()
    return label in INTERVIEWER_LABELS


def speaker_at(source: Source, offset: int) -> str:
    for t in source.turns:
        if t.start <= offset < t.end:
            return t.speaker
    return ""


# -- suggestions on plain text (CLI ``code suggest FILE``) --------------------------------------
def read_text_file(path: Path) -> str:
    """A text file exactly as stored (no newline translation, so offsets match the file)."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return fh.read()
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read as UTF-8 text ({exc.__class__.__name__})", path=str(path)) from None


def suggest_text(text: str, spec: CodebookSpec, *, unit: str = "paragraph",
                 threshold: float | None = None) -> list[Suggestion]:
    """Suggestions for a plain text against a codebook (no project needed)."""
    matcher = Matcher(spec)
    return matcher.suggest(text, units_for(text, unit), threshold=threshold)


def suggest_file(path: Path, codebook_path: Path, *, unit: str = "paragraph",
                 threshold: float | None = None) -> list[Suggestion]:
    spec = load_codebook(codebook_path)
    return suggest_text(read_text_file(path), spec, unit=unit, threshold=threshold)


# -- matcher / classifier per codebook -----------------------------------------------------------
_MATCHERS: dict[tuple[int, int], Matcher] = {}


def matcher_for(session: Session, codebook: Codebook) -> Matcher:
    key = (codebook.id, codebook.version)
    if key not in _MATCHERS:
        _MATCHERS[key] = Matcher(codebook_service.export_spec(session, codebook))
    return _MATCHERS[key]


def latest_classifier(session: Session, project_id: int, codebook: Codebook) -> ClassifierRun | None:
    return session.scalars(select(ClassifierRun).where(ClassifierRun.project_id == project_id,
                                                       ClassifierRun.codebook_id == codebook.id)
                           .order_by(ClassifierRun.id.desc())).first()


@dataclass
class UnitSuggestion:
    source_id: int
    start: int
    end: int
    code: str
    score: float
    lexicon_score: float
    evidence: list[dict[str, Any]] = field(default_factory=list)


def suggest_for_source(
    session: Session, project_id: int, source: Source, *, codebook: Codebook, unit: str,
    threshold: float = DEFAULT_THRESHOLD, reranker: Reranker | None = None, include_interviewer: bool = False,
) -> list[UnitSuggestion]:
    """Scored suggestions for every unit of a source (lexicon, re-ranked by the classifier if any).

    Units spoken by the interviewer are skipped unless ``include_interviewer``.
    """
    matcher = matcher_for(session, codebook)
    spans = source_units(source, unit)
    if not include_interviewer and source.turns:
        spans = [(a, b) for a, b in spans if not is_interviewer(speaker_at(source, a))]
    lex_rows, evid_rows = [], []
    for a, b in spans:
        scored = matcher.score_unit(source.text, a, b)
        lex_rows.append({c: s for c, (s, _) in scored.items()})
        evid_rows.append({c: [e.as_dict() for e in evs] for c, (_, evs) in scored.items()})
    final_rows = reranker.scores([source.text[a:b] for a, b in spans], lex_rows) if reranker else lex_rows
    out = []
    for (a, b), lex, final, evid in zip(spans, lex_rows, final_rows, evid_rows, strict=True):
        for code, score in sorted(final.items(), key=lambda kv: -kv[1]):
            if score >= threshold:
                ev = evid.get(code, [])
                if reranker and code in reranker.models:
                    ev = [*ev, {"how": "classifier", "probability": round(score, 3)}]
                out.append(UnitSuggestion(source.id, a, b, code, score, lex.get(code, 0.0), ev))
    return out


def run_autocoding(
    handle: ProjectHandle, *, coder: str, codebook_key: str | None = None, source_ids: Iterable[int] | None = None,
    threshold: float = DEFAULT_THRESHOLD, use_classifier: bool = True, actor: str | None = None,
    include_interviewer: bool = False, progress: Progress | None = None,
) -> dict[str, Any]:
    """Store suggestions (``proposed`` codings of ``coder``) for codable sources; never duplicates.

    A suggestion identical to an existing coding of that coder (same source, code and span, in any
    status, e.g. one the coder already rejected) is not proposed again.
    """
    settings = coding_settings(handle)
    actor = actor or coder
    with handle.session() as s:
        user = users.get_user(s, coder)
        book = codebook_service.get_codebook(s, handle.project_id, codebook_key)
        codes = {c.key: c for c in s.scalars(select(Code).where(Code.codebook_id == book.id, Code.active.is_(True)))}
        if source_ids is not None:
            sources = [get_source(s, handle.project_id, sid) for sid in source_ids]
            for src in sources:
                ensure_codable(src, require_deid=settings["require_deid"])
        else:
            sources = codable_sources(s, handle.project_id, require_deid=settings["require_deid"])
        run = latest_classifier(s, handle.project_id, book) if use_classifier else None
        reranker = Reranker.from_bytes(run.model) if run is not None and run.model else None
        existing = {(c.source_id, c.code_id, c.start, c.end) for c in s.scalars(
            select(Coding).where(Coding.coder_id == user.id, Coding.code_id.in_([c.id for c in codes.values()])))}
        created = skipped = words = 0
        per_code: dict[str, int] = {}
        for i, src in enumerate(sources):
            for sug in suggest_for_source(s, handle.project_id, src, codebook=book, unit=settings["unit"],
                                          threshold=threshold, reranker=reranker,
                                          include_interviewer=include_interviewer):
                code = codes.get(sug.code)
                if code is None:
                    continue
                key = (src.id, code.id, sug.start, sug.end)
                if key in existing:
                    skipped += 1
                    continue
                existing.add(key)
                s.add(Coding(source_id=src.id, code_id=code.id, coder_id=user.id, start=sug.start, end=sug.end,
                             origin="suggested", status="proposed", score=round(sug.score, 4),
                             evidence={"terms": sug.evidence, "lexicon_score": round(sug.lexicon_score, 4),
                                       "unit": settings["unit"], "classifier_run": run.id if reranker and run else None}))
                created += 1
                per_code[sug.code] = per_code.get(sug.code, 0) + 1
            words += src.word_count or len(src.text.split())
            if progress:
                progress(i + 1, len(sources))
        audit.record(s, actor=actor, action="coding.autocode", entity_type="codebook", entity_id=book.id,
                     payload={"coder": coder, "sources": [x.id for x in sources], "created": created,
                              "skipped_existing": skipped, "threshold": threshold, "unit": settings["unit"],
                              "classifier_run": run.id if reranker and run else None})
    return {"sources": len(sources), "suggestions": created, "skipped_existing": skipped, "words": words,
            "per_code": dict(sorted(per_code.items())), "classifier": bool(reranker)}


# -- listing, review --------------------------------------------------------------------------
@dataclass
class CodingView:
    id: int
    source_id: int
    source_title: str
    case: str | None
    code: str
    code_name: str
    colour: str
    coder: str
    start: int
    end: int
    text: str
    speaker: str
    origin: str
    status: str
    score: float | None
    evidence: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _view(c: Coding, src: Source, code: Code, coder: User, case_name: str | None) -> CodingView:
    return CodingView(id=c.id, source_id=src.id, source_title=src.title, case=case_name, code=code.key,
                      code_name=code.name, colour=code.colour, coder=coder.username, start=c.start, end=c.end,
                      text=src.text[c.start:c.end], speaker=speaker_at(src, c.start), origin=c.origin,
                      status=c.status, score=c.score, evidence=dict(c.evidence or {}))


def list_codings(
    session: Session, project_id: int, *, coder: str | None = None, source_id: int | None = None,
    code: str | None = None, status: str | Iterable[str] | None = None, origin: str | None = None,
    limit: int | None = None,
) -> list[CodingView]:
    stmt = (select(Coding, Source, Code, User, Case.name).join(Source, Coding.source_id == Source.id)
            .join(Code, Coding.code_id == Code.id).join(User, Coding.coder_id == User.id)
            .outerjoin(Case, Source.case_id == Case.id).where(Source.project_id == project_id))
    if coder:
        stmt = stmt.where(User.username == coder)
    if source_id is not None:
        stmt = stmt.where(Coding.source_id == source_id)
    if code:
        stmt = stmt.where(Code.key == code)
    if status:
        stmt = stmt.where(Coding.status.in_([status] if isinstance(status, str) else list(status)))
    if origin:
        stmt = stmt.where(Coding.origin == origin)
    stmt = stmt.order_by(Coding.source_id, Coding.start, Code.key, Coding.id)
    if limit:
        stmt = stmt.limit(limit)
    return [_view(c, src, cd, u, case) for c, src, cd, u, case in session.execute(stmt)]


def _own_coding(session: Session, project_id: int, coding_id: int, actor: str) -> tuple[Coding, Source, User]:
    coding = session.get(Coding, coding_id)
    if coding is None:
        raise NotFoundError(f"no coding {coding_id}")
    src = get_source(session, project_id, coding.source_id)
    user = users.get_user(session, actor)
    if coding.coder_id != user.id:
        raise PermissionDenied(f"coding {coding_id} belongs to another coder; each coder reviews their own")
    return coding, src, user


def decide_suggestion(session: Session, project_id: int, coding_id: int, *, accept: bool, actor: str) -> Coding:
    """Accept or reject one of the acting coder's suggestions (the decision is kept for training)."""
    coding, _, _ = _own_coding(session, project_id, coding_id, actor)
    if coding.origin != "suggested":
        raise ConflictError(f"coding {coding_id} is not a suggestion")
    old = coding.status
    coding.status = "accepted" if accept else "rejected"
    coding.decided_at = utcnow()
    audit.record(session, actor=actor, action="coding.accept" if accept else "coding.reject", entity_type="coding",
                 entity_id=coding.id, payload={"old": old, "new": coding.status, "code_id": coding.code_id})
    return coding


def decide_suggestions(session: Session, project_id: int, decisions: dict[int, bool], *, actor: str) -> int:
    """Accept (True) or reject (False) many of the acting coder's suggestions at once."""
    user = users.get_user(session, actor)
    rows = list(session.scalars(select(Coding).join(Source, Coding.source_id == Source.id)
                                .where(Coding.id.in_(list(decisions)), Source.project_id == project_id)))
    if len(rows) != len(decisions):
        missing = sorted(set(decisions) - {c.id for c in rows})
        raise NotFoundError(f"no coding(s) {', '.join(map(str, missing[:5]))}")
    now = utcnow()
    for coding in rows:
        if coding.coder_id != user.id:
            raise PermissionDenied(f"coding {coding.id} belongs to another coder; each coder reviews their own")
        if coding.origin != "suggested":
            raise ConflictError(f"coding {coding.id} is not a suggestion")
        accept = decisions[coding.id]
        old, coding.status, coding.decided_at = coding.status, ("accepted" if accept else "rejected"), now
        audit.record(session, actor=actor, action="coding.accept" if accept else "coding.reject",
                     entity_type="coding", entity_id=coding.id,
                     payload={"old": old, "new": coding.status, "code_id": coding.code_id})
    return len(rows)


def find_quote(text: str, quote: str, *, after: int = 0) -> tuple[int, int]:
    """Offsets of ``quote`` in ``text`` (first match at/after ``after``; case and runs of whitespace
    are ignored), so a coder can select a span by pasting it."""
    words = quote.split()
    if not words:
        raise InputError("the quote is empty")
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.compile(pattern, re.IGNORECASE).search(text, after)
    if m is None:
        raise NotFoundError("the quote was not found in the source")
    return m.start(), m.end()


def add_coding(
    session: Session, project_id: int, *, source_id: int, code: str, coder: str, start: int | None = None,
    end: int | None = None, turn_index: int | None = None, whole_source: bool = False, quote: str | None = None,
    codebook_key: str | None = None, require_deid: bool = True, memo: str | None = None,
) -> Coding:
    """Code a span (offsets or a quote), a turn (``turn_index``) or a whole source for ``coder``."""
    src = get_source(session, project_id, source_id)
    ensure_codable(src, require_deid=require_deid)
    if quote is not None:
        start, end = find_quote(src.text, quote, after=start or 0)
    book = codebook_service.get_codebook(session, project_id, codebook_key)
    code_row = codebook_service.get_code(session, book, code, active_only=True)
    user = users.get_user(session, coder)
    if whole_source:
        start, end = 0, len(src.text)
    elif turn_index is not None:
        turn = next((t for t in src.turns if t.index == turn_index), None)
        if turn is None:
            raise NotFoundError(f"source {source_id} has no turn {turn_index}")
        start, end = turn.start, turn.end
    if start is None or end is None:
        raise InputError("give start and end, a turn or the whole source")
    if not (0 <= start < end <= len(src.text)):
        raise InputError(f"offsets {start}-{end} fall outside source {source_id} (length {len(src.text)})")
    dup = session.scalars(select(Coding).where(Coding.source_id == src.id, Coding.code_id == code_row.id,
                                               Coding.coder_id == user.id, Coding.start == start,
                                               Coding.end == end, Coding.status == "accepted")).first()
    if dup is not None:
        return dup
    coding = Coding(source_id=src.id, code_id=code_row.id, coder_id=user.id, start=start, end=end,
                    origin="manual", status="accepted", evidence={}, decided_at=utcnow())
    session.add(coding)
    session.flush()
    audit.record(session, actor=coder, action="coding.add", entity_type="coding", entity_id=coding.id,
                 payload={"source_id": src.id, "code": code, "start": start, "end": end})
    if memo:
        add_memo(session, project_id, target_type="coding", target_id=coding.id, author=coder, text=memo)
    return coding


def withdraw_coding(session: Session, project_id: int, coding_id: int, *, actor: str) -> Coding:
    """Withdraw one of your codings (kept as ``withdrawn``; nothing is deleted)."""
    coding, _, _ = _own_coding(session, project_id, coding_id, actor)
    old = coding.status
    coding.status = "withdrawn"
    coding.decided_at = utcnow()
    audit.record(session, actor=actor, action="coding.withdraw", entity_type="coding", entity_id=coding.id,
                 payload={"old": old})
    return coding


# -- memos ---------------------------------------------------------------------------------------
def add_memo(
    session: Session, project_id: int, *, target_type: str, target_id: int | None, author: str, text: str,
    title: str = "",
) -> Memo:
    """A memo on the project, a case, a source, a code or a coding."""
    if target_type not in MEMO_TARGETS:
        raise InputError(f"memo target must be one of {', '.join(MEMO_TARGETS)}")
    if not text.strip():
        raise InputError("a memo needs text")
    model = {"case": Case, "source": Source, "code": Code, "coding": Coding}.get(target_type)
    if model is not None and (target_id is None or session.get(model, target_id) is None):
        raise NotFoundError(f"no {target_type} {target_id}")
    user = users.get_user(session, author)
    memo = Memo(project_id=project_id, target_type=target_type, target_id=target_id, author_id=user.id,
                title=title, text=text)
    session.add(memo)
    session.flush()
    audit.record(session, actor=author, action="memo.add", entity_type="memo", entity_id=memo.id,
                 payload={"target_type": target_type, "target_id": target_id})
    return memo


def update_memo(session: Session, project_id: int, memo_id: int, *, text: str, actor: str) -> Memo:
    """Edit a memo; the previous text is kept in the audit log (no memo text is ever lost)."""
    memo = session.get(Memo, memo_id)
    if memo is None or memo.project_id != project_id:
        raise NotFoundError(f"no memo {memo_id}")
    audit.record(session, actor=actor, action="memo.update", entity_type="memo", entity_id=memo.id,
                 payload={"previous_text": memo.text, "previous_title": memo.title})
    memo.text = text
    return memo


def list_memos(session: Session, project_id: int, *, target_type: str | None = None,
               target_id: int | None = None) -> list[dict[str, Any]]:
    stmt = select(Memo, User.username).outerjoin(User, Memo.author_id == User.id).where(Memo.project_id == project_id)
    if target_type:
        stmt = stmt.where(Memo.target_type == target_type)
    if target_id is not None:
        stmt = stmt.where(Memo.target_id == target_id)
    return [{"id": m.id, "target_type": m.target_type, "target_id": m.target_id, "author": name, "title": m.title,
             "text": m.text, "created_at": m.created_at} for m, name in session.execute(stmt.order_by(Memo.id))]


# -- retrieval -----------------------------------------------------------------------------------
def retrieve(
    session: Session, project_id: int, *, query: str, coders: Iterable[str] | None = None, unit: str = "turn",
    attributes: dict[str, str] | None = None, speaker: str | None = None, codebook_key: str | None = None,
) -> list[dict[str, Any]]:
    """Units whose accepted codes satisfy ``query`` (AND/OR/NOT), filtered by case attributes and speaker.

    A unit carries a code when an accepted coding (by one of ``coders``, default all) overlaps it.
    """
    book = codebook_service.get_codebook(session, project_id, codebook_key)
    keys = [c.key for c in codebook_service.list_codes(session, book)]
    q = parse_query(query, known=keys)
    from workbench.services import cases as case_service

    case_attrs = {c.id: c.attributes for c in case_service.list_cases(session, project_id)}
    case_names = {c.id: c.name for c in case_service.list_cases(session, project_id)}
    codings = list_codings(session, project_id, status="accepted")
    coder_set = set(coders) if coders else None
    by_source: dict[int, list[CodingView]] = {}
    for cv in codings:
        if coder_set is None or cv.coder in coder_set:
            by_source.setdefault(cv.source_id, []).append(cv)
    out = []
    for sid, cvs in sorted(by_source.items()):
        src = session.get(Source, sid)
        if src is None:
            continue
        if attributes:
            attrs = case_attrs.get(src.case_id or -1, {})
            if any(str(attrs.get(k)) != str(v) for k, v in attributes.items()):
                continue
        for a, b in source_units(src, unit):
            present = [cv for cv in cvs if cv.start < b and a < cv.end]
            codes_here = {cv.code for cv in present}
            if not codes_here or not q.matches(codes_here):
                continue
            spk = speaker_at(src, a)
            if speaker and spk.lower() != speaker.lower():
                continue
            out.append({"source_id": sid, "source": src.title, "case": case_names.get(src.case_id or -1),
                        "speaker": spk, "start": a, "end": b, "text": src.text[a:b], "codes": sorted(codes_here),
                        "coders": sorted({cv.coder for cv in present}),
                        "codings": [cv.id for cv in present if cv.code in q.codes]})
    return out


# -- classifier ---------------------------------------------------------------------------------
def training_units(session: Session, project_id: int, *, codebook: Codebook, unit: str,
                   coders: Iterable[str] | None = None) -> list[TrainingUnit]:
    """Decided units: accepted suggestions and manual codings are positives, rejected suggestions
    negatives, and codes a coder did not apply in a unit they reviewed count as negatives too."""
    matcher = matcher_for(session, codebook)
    coder_set = set(coders) if coders else None
    views = [v for v in list_codings(session, project_id, status=("accepted", "rejected"))
             if coder_set is None or v.coder in coder_set]
    active = {c.key for c in codebook_service.list_codes(session, codebook)}
    by_source: dict[int, list[CodingView]] = {}
    for v in views:
        if v.code in active:
            by_source.setdefault(v.source_id, []).append(v)
    out: list[TrainingUnit] = []
    for sid, vs in by_source.items():
        src = session.get(Source, sid)
        if src is None:
            continue
        for a, b in source_units(src, unit):
            here = [v for v in vs if v.start < b and a < v.end and (min(b, v.end) - max(a, v.start)) * 2 >= min(
                b - a, v.end - v.start)]
            if not here:
                continue
            pos = {v.code for v in here if v.status == "accepted"}
            neg = {v.code for v in here if v.status == "rejected"} - pos
            reviewed = {v.coder for v in here}
            if reviewed:
                neg |= (active - pos)
            scored = matcher.score_unit(src.text, a, b)
            out.append(TrainingUnit(text=src.text[a:b], lex={c: s for c, (s, _) in scored.items()},
                                    positives=pos, negatives=neg))
    return out


def train_classifier(
    handle: ProjectHandle, *, codebook_key: str | None = None, coders: Iterable[str] | None = None,
    threshold: float = DEFAULT_THRESHOLD, actor: str = "system",
) -> dict[str, Any]:
    """Retrain the project's re-ranker on all decisions and report its gain on held-back decisions."""
    settings = coding_settings(handle)
    with handle.session() as s:
        book = codebook_service.get_codebook(s, handle.project_id, codebook_key)
        units = training_units(s, handle.project_id, codebook=book, unit=settings["unit"], coders=coders)
        codes = [c for c in matcher_for(s, book).codes]
        if len(units) < 8:
            raise WorkbenchError(f"too few decided units to train a classifier ({len(units)}; need at least 8)")
        evaluation = evaluate_holdout(units, codes, threshold=threshold)
        model = Reranker(codes).fit(units)
        n_decisions = sum(len(u.positives) + len(u.negatives) for u in units)
        metrics = {"holdout": evaluation, "trained_codes": model.trained_codes(), "threshold": threshold}
        run = ClassifierRun(project_id=handle.project_id, codebook_id=book.id, actor=actor, n_units=len(units),
                            n_decisions=n_decisions, metrics=metrics, model=model.to_bytes())
        s.add(run)
        s.flush()
        audit.record(s, actor=actor, action="coding.train_classifier", entity_type="classifier_run",
                     entity_id=run.id, payload={"units": len(units), "decisions": n_decisions,
                                                "macro_f1_gain": evaluation.get("macro_f1_gain")})
        return {"run": run.id, "units": len(units), "decisions": n_decisions, **metrics}


def classifier_runs(session: Session, project_id: int) -> list[dict[str, Any]]:
    return [{"id": r.id, "trained_at": r.trained_at, "units": r.n_units, "decisions": r.n_decisions,
             "metrics": r.metrics} for r in session.scalars(
        select(ClassifierRun).where(ClassifierRun.project_id == project_id).order_by(ClassifierRun.id))]
