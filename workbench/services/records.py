"""Bibliographic records: import (one batch per file, all-or-nothing), listing, exports.

``import_records`` reads and validates every file before touching the database; a file whose
content was imported before (same SHA-256) refuses the whole command. Each file becomes one
``ImportBatch`` whose ``source_name`` feeds PRISMA's "records identified per source".
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.db.models import ImportBatch, Record, ScreeningDecision, User
from workbench.errors import ConflictError, InputError, NotFoundError
from workbench.io.importers import ParsedFile, read_records
from workbench.services import audit
from workbench.services.project import ProjectHandle

KNOWN_SOURCES = {
    "pubmed": "PubMed", "medline": "MEDLINE", "scopus": "Scopus", "embase": "Embase", "cinahl": "CINAHL",
    "wos": "Web of Science", "webofscience": "Web of Science", "psycinfo": "PsycINFO", "norart": "NORART",
    "cochrane": "Cochrane Library", "socindex": "SocINDEX", "idunn": "Idunn", "oria": "Oria",
    "swemed": "SweMed+", "google": "Google Scholar", "openalex": "OpenAlex",
}


def file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def guess_source(path: Path, hint: str = "") -> str:
    """Source database name: named in the file, else recognised in the file name, else the file stem."""
    if hint:
        return hint
    stem = re.sub(r"[^a-z]", "", path.stem.lower())
    for key, name in KNOWN_SOURCES.items():
        if key in stem:
            return name
    return path.stem


def import_records(
    handle: ProjectHandle,
    files: Sequence[str | Path],
    *,
    source: str | None = None,
    actor: str = "admin",
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Import record files; every file is one batch. Nothing is written if any file fails.

    Returns ``{"files": [{"file", "records", "source", "format", "batch_id"}], "records": N,
    "warnings": [...]}``.
    """
    paths = [Path(f) for f in files]
    if not paths:
        raise InputError("no files given")
    parsed: list[tuple[Path, ParsedFile, str]] = []
    seen: dict[str, Path] = {}
    for i, path in enumerate(paths):
        if not path.is_file():
            raise InputError("file not found", path=str(path))
        digest = file_hash(path)
        if digest in seen:
            raise ConflictError(f"{path}: same content as {seen[digest]} in this command; nothing imported")
        seen[digest] = path
        parsed.append((path, read_records(path), digest))
        if progress:
            progress(i + 1, len(paths))
    with handle.session() as s:
        for path, _p, digest in parsed:
            prior = s.scalars(select(ImportBatch).where(ImportBatch.project_id == handle.project_id,
                                                        ImportBatch.content_hash == digest)).first()
            if prior is not None:
                raise ConflictError(
                    f"{path}: this file was already imported (batch {prior.id}, '{prior.filename}', "
                    f"{prior.imported_at:%Y-%m-%d %H:%M}); nothing imported")
        report_files = []
        warnings: list[str] = []
        total = 0
        for path, p, digest in parsed:
            name = source or guess_source(path, p.source_hint)
            batch = ImportBatch(project_id=handle.project_id, kind="records", source_name=name,
                                filename=path.name, fmt=p.fmt, content_hash=digest, n_items=len(p.records),
                                imported_by=actor)
            s.add(batch)
            s.flush()
            s.add_all([_to_row(handle.project_id, batch.id, i, r, name) for i, r in enumerate(p.records)])
            audit.record(s, actor=actor, action="records.import", entity_type="import_batch",
                         entity_id=batch.id, payload={"file": path.name, "format": p.fmt, "source": name,
                                                      "records": len(p.records), "sha256": digest})
            report_files.append({"file": str(path), "records": len(p.records), "source": name,
                                 "format": p.fmt, "batch_id": batch.id})
            warnings.extend(p.warnings)
            total += len(p.records)
    return {"files": report_files, "records": total, "warnings": warnings}


def _to_row(project_id: int, batch_id: int, ordinal: int, r: Any, source: str) -> Record:
    return Record(project_id=project_id, batch_id=batch_id, ordinal=ordinal, external_id=r.external_id,
                  title=r.title, abstract=r.abstract, authors=r.authors, year=r.year, journal=r.journal[:500],
                  volume=r.volume, issue=r.issue, pages=r.pages, doi=r.doi[:200], pmid=r.pmid[:20],
                  keywords=r.keywords, language=r.language, source_db=r.source_db or source,
                  raw={**r.raw, "line": r.line})


def list_batches(session: Session, project_id: int) -> list[dict[str, Any]]:
    rows = session.scalars(select(ImportBatch).where(ImportBatch.project_id == project_id,
                                                     ImportBatch.kind == "records").order_by(ImportBatch.id))
    return [{"id": b.id, "source": b.source_name, "file": b.filename, "format": b.fmt, "records": b.n_items,
             "imported_at": b.imported_at.isoformat(), "imported_by": b.imported_by} for b in rows]


def records_per_source(session: Session, project_id: int) -> dict[str, int]:
    """PRISMA "records identified": record count per source name (summed over batches)."""
    out: dict[str, int] = {}
    for b in list_batches(session, project_id):
        out[b["source"]] = out.get(b["source"], 0) + b["records"]
    return out


def record_dict(r: Record, source: str = "") -> dict[str, Any]:
    return {"id": r.id, "title": r.title, "authors": list(r.authors or []), "year": r.year,
            "journal": r.journal, "volume": r.volume, "issue": r.issue, "pages": r.pages, "doi": r.doi,
            "pmid": r.pmid, "abstract": r.abstract, "keywords": list(r.keywords or []),
            "language": r.language, "source": source or r.source_db, "batch_id": r.batch_id,
            "duplicate_of": r.duplicate_of_id}


def list_records(session: Session, project_id: int, *, unique_only: bool = False,
                 search: str = "") -> list[dict[str, Any]]:
    """Records in import order (batch, then position in file); ``unique_only`` hides merged duplicates."""
    stmt = (select(Record, ImportBatch.source_name).outerjoin(ImportBatch, Record.batch_id == ImportBatch.id)
            .where(Record.project_id == project_id).order_by(Record.batch_id, Record.ordinal, Record.id))
    if unique_only:
        stmt = stmt.where(Record.duplicate_of_id.is_(None))
    if search:
        like = f"%{search}%"
        stmt = stmt.where(Record.title.ilike(like) | Record.abstract.ilike(like))
    return [record_dict(r, src or "") for r, src in session.execute(stmt)]


def get_record(session: Session, project_id: int, record_id: int) -> Record:
    rec = session.get(Record, record_id)
    if rec is None or rec.project_id != project_id:
        raise NotFoundError(f"no record {record_id}")
    return rec


def count_records(session: Session, project_id: int) -> dict[str, int]:
    total = session.scalar(select(func.count()).select_from(Record).where(Record.project_id == project_id)) or 0
    dups = session.scalar(select(func.count()).select_from(Record).where(
        Record.project_id == project_id, Record.duplicate_of_id.is_not(None))) or 0
    return {"records": total, "duplicates": dups, "unique": total - dups}


# ----------------------------------------------------------------------------------- decisions


def final_decisions(session: Session, project_id: int) -> dict[int, dict[str, dict[str, Any]]]:
    """record id -> stage -> {decision, reason, notes, reviewers, resolved}.

    The final decision at a stage is the latest resolution if any, else the decision all
    reviewers agree on (each reviewer's latest decision counts); otherwise ``""`` (pending or
    conflict). Every reviewer's latest decision is listed in ``reviewers``.
    """
    rows = session.execute(
        select(ScreeningDecision, User.username).join(Record, ScreeningDecision.record_id == Record.id)
        .join(User, ScreeningDecision.reviewer_id == User.id)
        .where(Record.project_id == project_id).order_by(ScreeningDecision.created_at, ScreeningDecision.id))
    latest: dict[tuple[int, str], dict[str, ScreeningDecision]] = {}
    resolution: dict[tuple[int, str], ScreeningDecision] = {}
    names: dict[int, str] = {}
    notes: dict[tuple[int, str], list[str]] = {}
    for d, username in rows:
        key = (d.record_id, d.stage)
        names[d.reviewer_id] = username
        if d.is_resolution:
            resolution[key] = d
        else:
            latest.setdefault(key, {})[username] = d
        if d.note:
            notes.setdefault(key, []).append(f"{username}: {d.note}")
    out: dict[int, dict[str, dict[str, Any]]] = {}
    for key in set(latest) | set(resolution):
        record_id, stage = key
        per = latest.get(key, {})
        res = resolution.get(key)
        if res is not None:
            decision, reason, resolved = res.decision, res.reason, True
        else:
            values = {d.decision for d in per.values()}
            agreed = len(per) >= 2 and len(values) == 1
            decision = values.pop() if agreed else ""
            reasons = sorted({d.reason for d in per.values() if d.reason})
            reason = "; ".join(reasons) if agreed else ""
            resolved = False
        # blinding (docs/screening.md): while a record still awaits its second reviewer, no export
        # may show the first reviewer's decision or note
        blind = res is None and len(per) < 2
        out.setdefault(record_id, {})[stage] = {
            "decision": decision, "reason": reason, "resolved": resolved,
            "notes": "" if blind else " | ".join(notes.get(key, [])),
            "reviewers": {} if blind else {u: d.decision + (f" ({d.reason})" if d.reason else "")
                                           for u, d in sorted(per.items())},
        }
    return out


def export_rows(session: Session, project_id: int, *, include_duplicates: bool = False) -> list[dict[str, Any]]:
    """Records with their final decisions, reasons and notes per stage (rows for the exporters)."""
    decisions = final_decisions(session, project_id)
    rows = []
    for rec in list_records(session, project_id, unique_only=not include_duplicates):
        per = decisions.get(rec["id"], {})
        for stage, prefix in (("title_abstract", "ta"), ("full_text", "ft")):
            d = per.get(stage, {})
            rec[f"{prefix}_decision"] = d.get("decision", "")
            rec[f"{prefix}_reason"] = d.get("reason", "")
            rec[f"{prefix}_notes"] = d.get("notes", "")
            rec[f"{prefix}_reviewers"] = "; ".join(f"{u}: {v}" for u, v in d.get("reviewers", {}).items())
            rec[f"{prefix}_resolved"] = d.get("resolved", False)
        rows.append(rec)
    return rows


def export_records(handle: ProjectHandle, *, fmt: str, out: str | Path, include_duplicates: bool = False,
                   actor: str = "admin") -> dict[str, Any]:
    """Write RIS or CSV of the records with decisions, reasons and notes; returns a small report."""
    from workbench.io.exporters import records_csv, ris

    out = Path(out)
    with handle.session() as s:
        rows = export_rows(s, handle.project_id, include_duplicates=include_duplicates)
        if fmt == "ris":
            ris.write(rows, out)
        elif fmt == "csv":
            records_csv.write(rows, out)
        else:
            raise InputError(f"unknown export format '{fmt}' (ris or csv)")
        audit.record(s, actor=actor, action="records.export", entity_type="project", entity_id=handle.project_id,
                     payload={"format": fmt, "file": out.name, "records": len(rows)})
    return {"file": str(out), "format": fmt, "records": len(rows)}
