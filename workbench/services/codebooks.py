"""Codebooks in a project: import/export YAML, versions and comparison, and refactoring.

Refactoring (add, rename, move, merge, split, update) never loses a coding: rename and move keep
the code row (codings point at it by id); merge re-points the merged code's codings to the target
and keeps the merged code inactive with ``merged_into_id``; split creates child codes and can
move the codings whose text matches a new code's indicators. Every change writes an audit event
and a new :class:`CodebookVersion` snapshot, so any two versions can be compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.coding.codebook import (
    CodebookSpec,
    CodeSpec,
    diff_codebooks,
    dump_codebook,
    load_codebook,
    parse_codebook,
)
from workbench.db.models import Code, Codebook, CodebookVersion, Coding, Source
from workbench.errors import ConflictError, InputError, NotFoundError, WorkbenchError
from workbench.services import audit

SPEC_FIELDS = ("definition", "when_to_use", "when_not_to_use", "example", "indicators", "exclude", "name_en")


@dataclass
class CodeView:
    id: int
    key: str
    name: str
    parent: str | None
    colour: str
    active: bool
    definition: str
    depth: int
    n_codings: int
    details: dict[str, Any]


# -- lookups ------------------------------------------------------------------------------------
def list_codebooks(session: Session, project_id: int) -> list[Codebook]:
    return list(session.scalars(select(Codebook).where(Codebook.project_id == project_id).order_by(Codebook.id)))


def get_codebook(session: Session, project_id: int, key: str | None = None) -> Codebook:
    """The codebook with YAML id ``key`` (or the project's first codebook when ``key`` is None)."""
    stmt = select(Codebook).where(Codebook.project_id == project_id)
    if key:
        stmt = stmt.where((Codebook.key == key) | (Codebook.name == key))
    book = session.scalars(stmt.order_by(Codebook.id)).first()
    if book is None:
        raise NotFoundError(f"no codebook '{key}' in the project" if key else
                            "the project has no codebook; run 'workbench codebook import FILE.yaml'")
    return book


def get_code(session: Session, codebook: Codebook, key: str, *, active_only: bool = False) -> Code:
    code = session.scalars(select(Code).where(Code.codebook_id == codebook.id, Code.key == key)).first()
    if code is None or (active_only and not code.active):
        raise NotFoundError(f"no code '{key}' in codebook '{codebook.key or codebook.name}'")
    return code


def _codes(session: Session, codebook: Codebook) -> list[Code]:
    return list(session.scalars(select(Code).where(Code.codebook_id == codebook.id).order_by(Code.id)))


def list_codes(session: Session, codebook: Codebook, *, include_inactive: bool = False) -> list[CodeView]:
    """Codes in hierarchy order (parents before children) with their number of live codings."""
    codes = [c for c in _codes(session, codebook) if include_inactive or c.active]
    by_id = {c.id: c for c in _codes(session, codebook)}
    counts = dict(session.execute(
        select(Coding.code_id, func.count(Coding.id))
        .where(Coding.code_id.in_([c.id for c in codes]), Coding.status == "accepted")
        .group_by(Coding.code_id)).all())
    children: dict[int | None, list[Code]] = {}
    for c in codes:
        parent = c.parent_id if c.parent_id in {x.id for x in codes} else None
        children.setdefault(parent, []).append(c)
    out: list[CodeView] = []

    def walk(parent: int | None, depth: int) -> None:
        for c in children.get(parent, []):
            out.append(CodeView(id=c.id, key=c.key, name=c.name,
                                parent=by_id[c.parent_id].key if c.parent_id in by_id else None,
                                colour=c.colour, active=c.active, definition=c.definition, depth=depth,
                                n_codings=int(counts.get(c.id, 0)), details=dict(c.details or {})))
            walk(c.id, depth + 1)

    walk(None, 0)
    return out


# -- spec <-> rows ------------------------------------------------------------------------------
def export_spec(session: Session, codebook: Codebook) -> CodebookSpec:
    """The codebook as a validated spec (active codes only), e.g. for YAML export or matching."""
    codes = [c for c in _codes(session, codebook) if c.active]
    by_id = {c.id: c for c in codes}
    ordered = [by_id[v.id] for v in list_codes(session, codebook)]
    specs = []
    for c in ordered:
        d = dict(c.details or {})
        specs.append({"id": c.key, "name": c.name, "definition": c.definition or "-",
                      "when_to_use": d.get("when_to_use") or "-", "when_not_to_use": d.get("when_not_to_use") or "-",
                      "example": d.get("example") or "-", "indicators": list(d.get("indicators") or []),
                      "exclude": list(d.get("exclude") or []),
                      "parent": by_id[c.parent_id].key if c.parent_id in by_id else None,
                      "colour": c.colour, **({"name_en": d["name_en"]} if d.get("name_en") else {})})
    data = {"codebook": {"id": codebook.key or codebook.name, "name": codebook.name, "version": codebook.version,
                         "language": codebook.language or "nb", "description": codebook.description or ""},
            "codes": specs}
    return parse_codebook(data, path=f"codebook {codebook.key or codebook.name}")


def export_yaml(session: Session, codebook: Codebook) -> str:
    return dump_codebook(export_spec(session, codebook))


def _snapshot(session: Session, codebook: Codebook, *, actor: str, change: str) -> CodebookVersion:
    session.flush()
    last = session.scalar(select(func.max(CodebookVersion.version))
                          .where(CodebookVersion.codebook_id == codebook.id)) or 0
    codebook.version = int(last) + 1
    spec = export_spec(session, codebook)
    version = CodebookVersion(codebook_id=codebook.id, version=codebook.version, actor=actor, change=change[:300],
                              snapshot=spec.to_dict())
    session.add(version)
    session.flush()
    return version


def _apply_spec(code: Code, spec: CodeSpec) -> None:
    code.name = spec.name
    code.definition = spec.definition
    code.colour = spec.colour
    details = dict(code.details or {})
    for f in SPEC_FIELDS:
        value = getattr(spec, f)
        if value is None:
            details.pop(f, None)
        else:
            details[f] = list(value) if isinstance(value, list) else value
    code.details = details


def import_codebook(
    session: Session, project_id: int, *, path: str | Path | None = None, spec: CodebookSpec | None = None,
    actor: str = "system",
) -> Codebook:
    """Import a codebook YAML (validated first; all-or-nothing).

    Re-importing a codebook with the same id updates it in place: new codes are added, changed
    fields updated, codes missing from the file deactivated (their codings are kept).
    """
    if spec is None:
        if path is None:
            raise WorkbenchError("import_codebook needs a path or a spec")
        spec = load_codebook(path)
    header = spec.codebook
    book = session.scalars(select(Codebook).where(Codebook.project_id == project_id,
                                                  Codebook.key == header.id)).first()
    created = book is None
    if book is None:
        book = Codebook(project_id=project_id, key=header.id, name=header.name, version=0,
                        source_path=str(path or ""), description=header.description, language=header.language)
        session.add(book)
        session.flush()
    else:
        book.name, book.description, book.language = header.name, header.description, header.language
        if path:
            book.source_path = str(path)
    existing = {c.key: c for c in _codes(session, book)}
    for cs in spec.codes:
        code = existing.get(cs.id)
        if code is None:
            code = Code(codebook_id=book.id, key=cs.id, name=cs.name, details={})
            session.add(code)
            existing[cs.id] = code
        code.active = True
        _apply_spec(code, cs)
    session.flush()
    for cs in spec.codes:
        existing[cs.id].parent_id = existing[cs.parent].id if cs.parent else None
    keys = {cs.id for cs in spec.codes}
    deactivated = [k for k, c in existing.items() if k not in keys and c.active and c.merged_into_id is None]
    for k in deactivated:
        existing[k].active = False
    version = _snapshot(session, book, actor=actor, change="import" if created else "re-import")
    audit.record(session, actor=actor, action="codebook.import", entity_type="codebook", entity_id=book.id,
                 payload={"key": header.id, "codes": len(spec.codes), "version": version.version,
                          "created": created, "deactivated": deactivated,
                          "file": Path(path).name if path else None})
    return book


def versions(session: Session, codebook: Codebook) -> list[CodebookVersion]:
    return list(session.scalars(select(CodebookVersion).where(CodebookVersion.codebook_id == codebook.id)
                                .order_by(CodebookVersion.version)))


def diff_versions(session: Session, codebook: Codebook, *, old: int, new: int | None = None) -> dict[str, Any]:
    """Compare two stored versions (``new`` defaults to the latest)."""
    vs = {v.version: v for v in versions(session, codebook)}
    new = new if new is not None else max(vs)
    for v in (old, new):
        if v not in vs:
            raise NotFoundError(f"codebook '{codebook.key}' has no version {v} (versions: {sorted(vs)})")
    a = parse_codebook(vs[old].snapshot, path=f"version {old}")
    b = parse_codebook(vs[new].snapshot, path=f"version {new}")
    return {"old": old, "new": new, **diff_codebooks(a, b)}


# -- refactoring --------------------------------------------------------------------------------
def _check_no_cycle(session: Session, codebook: Codebook, code: Code, parent: Code | None) -> None:
    current = parent
    while current is not None:
        if current.id == code.id:
            raise ConflictError(f"moving {code.key} under {parent.key if parent else '-'} would make a cycle")
        current = session.get(Code, current.parent_id) if current.parent_id else None


def add_code(
    session: Session, codebook: Codebook, *, key: str, name: str, parent: str | None = None,
    definition: str = "", colour: str = "#888888", details: dict[str, Any] | None = None, actor: str = "system",
) -> Code:
    if session.scalars(select(Code).where(Code.codebook_id == codebook.id, Code.key == key)).first():
        raise ConflictError(f"code '{key}' already exists in codebook '{codebook.key}'")
    spec = CodeSpec(id=key, name=name, definition=definition or "-", when_to_use="-", when_not_to_use="-",
                    example="-", colour=colour, **{k: v for k, v in (details or {}).items() if k in SPEC_FIELDS})
    parent_code = get_code(session, codebook, parent, active_only=True) if parent else None
    code = Code(codebook_id=codebook.id, key=spec.id, name=spec.name, details={},
                parent_id=parent_code.id if parent_code else None)
    _apply_spec(code, spec)
    session.add(code)
    session.flush()
    _snapshot(session, codebook, actor=actor, change=f"add {key}")
    audit.record(session, actor=actor, action="code.add", entity_type="code", entity_id=code.id,
                 payload={"codebook": codebook.key, "key": key, "parent": parent})
    return code


def rename_code(
    session: Session, codebook: Codebook, *, key: str, new_key: str | None = None, new_name: str | None = None,
    actor: str = "system",
) -> Code:
    """Change a code's id and/or name; its codings stay attached."""
    code = get_code(session, codebook, key)
    old = {"key": code.key, "name": code.name}
    if new_key and new_key != key:
        CodeSpec(id=new_key, name="x", definition="x", when_to_use="x", when_not_to_use="x", example="x")
        if session.scalars(select(Code).where(Code.codebook_id == codebook.id, Code.key == new_key)).first():
            raise ConflictError(f"code '{new_key}' already exists")
        code.key = new_key
    if new_name:
        code.name = new_name
    _snapshot(session, codebook, actor=actor, change=f"rename {key}")
    audit.record(session, actor=actor, action="code.rename", entity_type="code", entity_id=code.id,
                 payload={"old": old, "new": {"key": code.key, "name": code.name}})
    return code


def move_code(session: Session, codebook: Codebook, *, key: str, parent: str | None, actor: str = "system") -> Code:
    """Put a code under another parent (``None`` = top level); refuses cycles."""
    code = get_code(session, codebook, key)
    parent_code = get_code(session, codebook, parent, active_only=True) if parent else None
    _check_no_cycle(session, codebook, code, parent_code)
    old_parent = session.get(Code, code.parent_id).key if code.parent_id else None
    code.parent_id = parent_code.id if parent_code else None
    _snapshot(session, codebook, actor=actor, change=f"move {key}")
    audit.record(session, actor=actor, action="code.move", entity_type="code", entity_id=code.id,
                 payload={"key": key, "old_parent": old_parent, "new_parent": parent})
    return code


def merge_codes(session: Session, codebook: Codebook, *, source: str, target: str, actor: str = "system") -> Code:
    """Merge ``source`` into ``target``: codings move to ``target``; ``source`` stays, inactive."""
    if source == target:
        raise ConflictError("cannot merge a code into itself")
    src = get_code(session, codebook, source, active_only=True)
    dst = get_code(session, codebook, target, active_only=True)
    moved = list(session.scalars(select(Coding.id).where(Coding.code_id == src.id)))
    for coding in session.scalars(select(Coding).where(Coding.code_id == src.id)):
        ev = dict(coding.evidence or {})
        ev.setdefault("merged_from", []).append(src.key)
        coding.evidence = ev
        coding.code_id = dst.id
    for child in session.scalars(select(Code).where(Code.parent_id == src.id)):
        child.parent_id = dst.id
    details = dict(dst.details or {})
    details["indicators"] = list(dict.fromkeys([*details.get("indicators", []),
                                                *(src.details or {}).get("indicators", [])]))
    dst.details = details
    src.active = False
    src.merged_into_id = dst.id
    _snapshot(session, codebook, actor=actor, change=f"merge {source} into {target}")
    audit.record(session, actor=actor, action="code.merge", entity_type="code", entity_id=dst.id,
                 payload={"source": source, "target": target, "codings_moved": moved})
    return dst


def split_code(
    session: Session, codebook: Codebook, *, key: str, into: list[dict[str, Any]], reassign: bool = False,
    actor: str = "system",
) -> list[Code]:
    """Split a code into new child codes (``into``: dicts with key, name, optional indicators...).

    The original code stays (as parent) with its codings. With ``reassign`` a coding moves to the
    one new code whose indicators match its text (codings matching none or several stay put).
    """
    if not into:
        raise InputError("split needs at least one new code")
    parent = get_code(session, codebook, key, active_only=True)
    new_codes = [add_code(session, codebook, key=str(d["key"]), name=str(d.get("name") or d["key"]), parent=key,
                          definition=str(d.get("definition") or ""), colour=str(d.get("colour") or parent.colour),
                          details={k: v for k, v in d.items() if k in SPEC_FIELDS}, actor=actor)
                 for d in into]
    moved: dict[str, list[int]] = {c.key: [] for c in new_codes}
    if reassign:
        from workbench.coding.matcher import Matcher

        spec = export_spec(session, codebook)
        sub = CodebookSpec(codebook=spec.codebook, codes=[c for c in spec.codes if c.id in moved])
        matcher = Matcher(sub, threshold=0.0)
        for coding in session.scalars(select(Coding).where(Coding.code_id == parent.id)):
            src = session.get(Source, coding.source_id)
            if src is None:
                continue
            hits = {c for c, (score, _) in matcher.score_unit(src.text, coding.start, coding.end).items() if score > 0}
            if len(hits) == 1:
                target = next(c for c in new_codes if c.key in hits)
                ev = dict(coding.evidence or {})
                ev.setdefault("split_from", []).append(key)
                coding.evidence = ev
                coding.code_id = target.id
                moved[target.key].append(coding.id)
    _snapshot(session, codebook, actor=actor, change=f"split {key}")
    audit.record(session, actor=actor, action="code.split", entity_type="code", entity_id=parent.id,
                 payload={"key": key, "into": [c.key for c in new_codes], "codings_moved": moved})
    return new_codes


def update_code(
    session: Session, codebook: Codebook, *, key: str, changes: dict[str, Any], actor: str = "system",
) -> Code:
    """Change fields of a code (name, definition, colour, indicators, when_to_use, ...), validated."""
    code = get_code(session, codebook, key)
    spec = next((c for c in export_spec(session, codebook).codes if c.id == key), None)
    if spec is None:
        raise ConflictError(f"code '{key}' is inactive")
    data = spec.model_dump()
    unknown = set(changes) - set(data) - {"id", "parent"}
    if unknown:
        raise InputError(f"code {key}: unknown field(s) {', '.join(sorted(unknown))}")
    data.update({k: v for k, v in changes.items() if k not in ("id", "parent")})
    try:
        new_spec = CodeSpec.model_validate(data)
    except Exception as exc:  # noqa: BLE001 - pydantic message, names the field
        raise InputError(f"code {key}: {exc.__class__.__name__}: {str(exc).splitlines()[1] if len(str(exc).splitlines()) > 1 else exc}") from None
    _apply_spec(code, new_spec)
    _snapshot(session, codebook, actor=actor, change=f"update {key}")
    audit.record(session, actor=actor, action="code.update", entity_type="code", entity_id=code.id,
                 payload={"key": key, "fields": sorted(changes)})
    return code
