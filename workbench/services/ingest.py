"""Import transcripts and documents into a project (all-or-nothing).

Every file is read and parsed before anything is stored; any error aborts the whole batch with a
message naming the file (and line). A file whose content (SHA-256 of its bytes) is already in the
project is skipped, not duplicated. Cases come from, in order: the manifest, ``case=``, the
file's folder name (``case_from_folder``); unknown case names are created.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from workbench.db.models import Source, Turn
from workbench.db.models.sources import SOURCE_KINDS
from workbench.errors import InputError, WorkbenchError
from workbench.io.transcripts import SUPPORTED, ParsedTranscript, read_transcript_bytes
from workbench.services import audit, cases
from workbench.services.project import ProjectHandle


@dataclass
class PlannedSource:
    path: Path
    case: str | None
    title: str
    kind: str
    parsed: ParsedTranscript | None = None
    content_hash: str = ""


@dataclass
class ImportReport:
    imported: list[int] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    created_cases: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    turns: int = 0
    words: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"imported": len(self.imported), "source_ids": self.imported, "duplicates": self.duplicates,
                "created_cases": self.created_cases, "warnings": self.warnings, "turns": self.turns,
                "words": self.words}


def _expand(paths: Iterable[Path], warnings: list[str]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith("."):
                    if child.suffix.lower() in SUPPORTED:
                        files.append(child)
                    else:
                        warnings.append(f"{child}: skipped (not a supported transcript type)")
        elif path.exists():
            files.append(path)
        else:
            raise InputError("no such file or folder", path=str(path))
    return files


def read_manifest(path: Path) -> list[tuple[Path, dict[str, str]]]:
    """Rows of a CSV manifest (``file,case[,title,kind]``), file paths relative to the manifest."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            fields = [f.strip().lower() for f in (reader.fieldnames or [])]
            if "file" not in fields:
                raise InputError("manifest needs a 'file' column (and usually 'case')", path=str(path), line=1)
            rows = []
            for lineno, row in enumerate(reader, start=2):
                row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
                if not row.get("file"):
                    raise InputError("empty 'file' cell", path=str(path), line=lineno)
                target = (path.parent / row["file"]).resolve()
                if not target.is_file():
                    raise InputError(f"manifest names a missing file '{row['file']}'", path=str(path), line=lineno)
                if row.get("kind") and row["kind"] not in SOURCE_KINDS:
                    raise InputError(f"unknown kind '{row['kind']}' (one of {', '.join(SOURCE_KINDS)})",
                                     path=str(path), line=lineno)
                rows.append((target, row))
            return rows
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read manifest ({exc.__class__.__name__})", path=str(path)) from None


def plan_import(
    paths: Iterable[Path], *, case: str | None = None, manifest: Path | None = None,
    case_from_folder: bool = False, kind: str = "interview",
) -> tuple[list[PlannedSource], list[str]]:
    if kind not in SOURCE_KINDS:
        raise WorkbenchError(f"unknown kind '{kind}' (one of {', '.join(SOURCE_KINDS)})")
    warnings: list[str] = []
    planned: dict[Path, PlannedSource] = {}
    if manifest is not None:
        for target, row in read_manifest(manifest):
            planned[target] = PlannedSource(path=target, case=row.get("case") or case,
                                            title=row.get("title") or target.stem, kind=row.get("kind") or kind)
    for path in _expand([Path(p) for p in paths], warnings):
        resolved = path.resolve()
        if resolved in planned:
            continue
        case_name = case or (path.parent.name if case_from_folder else None)
        planned[resolved] = PlannedSource(path=path, case=case_name, title=path.stem, kind=kind)
    if not planned:
        raise WorkbenchError("nothing to import (no supported files found)")
    return list(planned.values()), warnings


def import_transcripts(
    handle: ProjectHandle,
    paths: Iterable[Path],
    *,
    case: str | None = None,
    manifest: Path | None = None,
    case_from_folder: bool = False,
    kind: str = "interview",
    actor: str = "system",
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    plan, warnings = plan_import(paths, case=case, manifest=manifest, case_from_folder=case_from_folder, kind=kind)
    report = ImportReport(warnings=warnings)
    # 1. read and parse everything; any error aborts before the database is touched
    for i, item in enumerate(plan, start=1):
        try:
            data = item.path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read file ({exc.strerror or exc.__class__.__name__})",
                             path=str(item.path)) from None
        item.content_hash = hashlib.sha256(data).hexdigest()
        item.parsed = read_transcript_bytes(data, str(item.path))
        report.warnings.extend(item.parsed.warnings)
        if progress:
            progress(i, len(plan))
    # 2. store in one transaction
    with handle.session() as s:
        known = set(s.scalars(select(Source.content_hash).where(Source.project_id == handle.project_id)))
        for item in plan:
            assert item.parsed is not None
            if item.content_hash in known:
                report.duplicates.append(str(item.path))
                continue
            known.add(item.content_hash)
            case_id = None
            if item.case:
                existing = {c.name for c in cases.list_cases(s, handle.project_id)}
                if item.case not in existing:
                    report.created_cases.append(item.case)
                case_id = cases.add_case(s, handle.project_id, name=item.case, actor=actor, exist_ok=True).id
            text, spans = item.parsed.assemble()
            words = len(text.split())
            source = Source(project_id=handle.project_id, case_id=case_id, kind=item.kind, title=item.title,
                            filename=item.path.name, fmt=item.parsed.fmt, content_hash=item.content_hash,
                            text=text, word_count=words, status="imported", imported_by=actor,
                            meta={**item.parsed.meta, "warnings": len(item.parsed.warnings)})
            source.turns = [Turn(index=n, speaker=t.speaker, start_ms=t.start_ms, end_ms=t.end_ms,
                                 start=span[0], end=span[1])
                            for n, (t, span) in enumerate(zip(item.parsed.turns, spans, strict=True))]
            s.add(source)
            s.flush()
            # no file name or text in the log: both may hold identifiers before de-identification
            audit.record(s, actor=actor, action="source.import", entity_type="source", entity_id=source.id,
                         payload={"sha256": item.content_hash, "format": item.parsed.fmt, "turns": len(spans),
                                  "words": words, "case_id": case_id})
            report.imported.append(source.id)
            report.turns += len(spans)
            report.words += words
    return report
