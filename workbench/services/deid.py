"""De-identification workflow: known identifiers, detection, review, apply, release, key file.

Flow per source: ``imported`` → :func:`run_detection` (status ``detected``) → review
(:func:`decide`, :func:`add_detection`) → :func:`apply` (text pseudonymised, offsets of turns,
codings, detections and flags remapped, original into the encrypted key file) → :func:`release`
(status ``released``; only now may it be coded).

Identifiers never reach the audit log, warnings or errors: payloads hold ids, labels and counts.
Detections that are still *pending* at apply time are replaced (only an explicit rejection keeps
text), so an unfinished review errs on the side of privacy.
"""

from __future__ import annotations

import re
import secrets
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workbench.db.models import (
    Coding,
    DeidDetection,
    DeidFlag,
    DeidRejection,
    KnownIdentifierEntry,
    Project,
    PseudonymAssignment,
    Source,
)
from workbench.deid.detect import Detector, find_forms, parse_known_lines, rejection_digest
from workbench.deid.indirect import find_indirect
from workbench.deid.keyfile import KEY_FILENAME, KeyData, read_key, write_key
from workbench.deid.known import CATEGORIES, CATEGORY_LABEL, KnownIdentifier, KnownMatcher, normalise
from workbench.deid.pseudonymise import (
    STRATEGIES,
    STRATEGY_CHOICES,
    YEAR_MODES,
    OffsetMap,
    PseudonymBook,
    apply_spans,
)
from workbench.deid.spans import LABELS, Span, resolve_overlaps
from workbench.errors import ConflictError, InputError, NotFoundError, WorkbenchError
from workbench.services import audit
from workbench.services.project import ProjectHandle

Progress = Callable[[int, int], None] | None


# --- files (no project) ------------------------------------------------------------------------------
def read_text_file(path: Path) -> str:
    """A UTF-8 text file (BOM allowed); empty or non-UTF-8 input is an ``InputError``."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror})", path=str(path)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", path=str(path), line=line) from None
    if not text.strip():
        raise InputError("empty file", path=str(path))
    return text


def read_known_file(path: Path | None) -> list[KnownIdentifier]:
    if path is None:
        return []
    text = read_text_file(path)
    return parse_known_lines(text.splitlines())


def detect_text(text: str, *, known: list[KnownIdentifier] | None = None, use_ner: bool = True,
                use_tagger: bool = True) -> list[Span]:
    return Detector(known=known or [], use_ner=use_ner, use_tagger=use_tagger).detect(text)


def pseudonymise_text(text: str, *, known: list[KnownIdentifier] | None = None, use_ner: bool = True,
                      book: PseudonymBook | None = None, use_tagger: bool = True) -> tuple[str, list[Span]]:
    """Detect and replace in one go (``deid apply FILE``). Returns the new text and the detections."""
    spans = detect_text(text, known=known, use_ner=use_ner, use_tagger=use_tagger)
    new_text, _reps = apply_spans(text, spans, book or PseudonymBook())
    return new_text, spans


# --- key file ------------------------------------------------------------------------------------------
def key_path(handle: ProjectHandle) -> Path:
    return handle.config.key_dir / KEY_FILENAME


def _require_passphrase(passphrase: str | None) -> str:
    if not passphrase:
        raise WorkbenchError("this step needs the key passphrase (--passphrase or WORKBENCH_KEY_PASSPHRASE)")
    return passphrase


def open_key(handle: ProjectHandle, passphrase: str | None, *, create: bool = False) -> KeyData:
    path = key_path(handle)
    passphrase = _require_passphrase(passphrase)
    if not path.exists():
        if create:
            return KeyData(project=handle.config.settings.get("name", ""))
        raise InputError("no de-identification key file yet (register identifiers or apply first)", path=str(path))
    return read_key(path, passphrase)


def save_key(handle: ProjectHandle, data: KeyData, passphrase: str) -> None:
    write_key(key_path(handle), data, passphrase)


def export_key(handle: ProjectHandle, dest: Path, *, passphrase: str | None, new_passphrase: str | None = None,
               actor: str = "system") -> Path:
    """Copy the key to ``dest`` (re-encrypted with ``new_passphrase`` if given); refuses to overwrite."""
    data = open_key(handle, passphrase)
    if dest.exists():
        raise ConflictError(f"{dest}: exists already; choose another file name")
    write_key(dest, data, new_passphrase or _require_passphrase(passphrase))
    with handle.session() as s:
        audit.record(s, actor=actor, action="deid.key.export", entity_type="project", entity_id=handle.project_id,
                     payload={"reencrypted": bool(new_passphrase)})
    return dest


def import_key(handle: ProjectHandle, src: Path, *, passphrase: str | None, new_passphrase: str | None = None,
               replace: bool = False, actor: str = "system") -> Path:
    """Install a key file into the project's key folder after checking that it opens."""
    data = read_key(src, _require_passphrase(passphrase))
    target = key_path(handle)
    if target.exists() and not replace:
        raise ConflictError(f"{target}: the project has a key already (use --replace to overwrite)")
    if target.exists():
        shutil.copy2(target, target.with_suffix(".key.bak"))
    write_key(target, data, new_passphrase or passphrase or "")
    with handle.session() as s:
        audit.record(s, actor=actor, action="deid.key.import", entity_type="project", entity_id=handle.project_id,
                     payload={"known": len(data.known), "originals": len(data.originals)})
    return target


# --- project-known identifiers -------------------------------------------------------------------------
def add_known(handle: ProjectHandle, *, values: list[str] | str, category: str = "person",
              pseudonym: str | None = None, passphrase: str | None, actor: str = "system") -> list[int]:
    """Register identifiers (values go into the key file only). Returns the new entry ids."""
    if isinstance(values, str):
        values = [values]
    values = [v.strip() for v in values if v and v.strip()]
    if not values:
        raise InputError("no identifier given")
    if category not in CATEGORIES:
        raise InputError(f"unknown category '{category}' (one of {', '.join(CATEGORIES)})")
    if pseudonym is not None and len(values) != 1:
        raise InputError("a fixed pseudonym can be given for one identifier at a time")
    passphrase = _require_passphrase(passphrase)
    data = open_key(handle, passphrase, create=True)
    ids = []
    with handle.session() as s:
        existing = {normalise(k["value"]) for k in data.known}
        for value in values:
            if normalise(value) in existing:
                continue
            entry = KnownIdentifierEntry(project_id=handle.project_id, category=category, pseudonym=pseudonym,
                                         created_by=actor)
            s.add(entry)
            s.flush()
            data.known.append({"id": entry.id, "value": value, "category": category, "pseudonym": pseudonym})
            existing.add(normalise(value))
            ids.append(entry.id)
            audit.record(s, actor=actor, action="deid.known.add", entity_type="deid_known", entity_id=entry.id,
                         payload={"category": category})
        save_key(handle, data, passphrase)
    return ids


def add_known_file(handle: ProjectHandle, path: Path, *, passphrase: str | None, actor: str = "system") -> list[int]:
    """Register every line of a KNOWN.txt (``category: value`` or a bare value)."""
    ids: list[int] = []
    for item in read_known_file(path):
        ids += add_known(handle, values=[item.value], category=item.category, passphrase=passphrase, actor=actor)
    return ids


def remove_known(handle: ProjectHandle, entry_id: int, *, passphrase: str | None, actor: str = "system") -> None:
    """Deactivate a registered identifier and delete its value from the key file."""
    passphrase = _require_passphrase(passphrase)
    data = open_key(handle, passphrase)
    with handle.session() as s:
        entry = s.get(KnownIdentifierEntry, entry_id)
        if entry is None or entry.project_id != handle.project_id:
            raise NotFoundError(f"no known identifier {entry_id}")
        entry.active = False
        data.known = [k for k in data.known if int(k["id"]) != entry_id]
        audit.record(s, actor=actor, action="deid.known.remove", entity_type="deid_known", entity_id=entry_id,
                     payload={"category": entry.category})
        save_key(handle, data, passphrase)


def list_known(handle: ProjectHandle, *, passphrase: str | None = None) -> list[dict[str, Any]]:
    """Registered identifiers; the values only when the key passphrase is given."""
    values: dict[int, str] = {}
    if passphrase:
        data = open_key(handle, passphrase, create=True)
        values = {int(k["id"]): k["value"] for k in data.known}
    with handle.session() as s:
        rows = s.scalars(select(KnownIdentifierEntry).where(KnownIdentifierEntry.project_id == handle.project_id)
                         .order_by(KnownIdentifierEntry.id))
        return [{"id": r.id, "category": r.category, "pseudonym": r.pseudonym, "active": r.active,
                 **({"value": values.get(r.id, "")} if passphrase else {})} for r in rows]


def _known_items(handle: ProjectHandle, session: Session, passphrase: str | None) -> list[KnownIdentifier]:
    n = len(list(session.scalars(select(KnownIdentifierEntry.id).where(
        KnownIdentifierEntry.project_id == handle.project_id, KnownIdentifierEntry.active.is_(True)))))
    if n == 0:
        return []
    data = open_key(handle, passphrase)
    active = set(session.scalars(select(KnownIdentifierEntry.id).where(
        KnownIdentifierEntry.project_id == handle.project_id, KnownIdentifierEntry.active.is_(True))))
    return [KnownIdentifier(value=k["value"], category=k["category"], key=f"known:{k['id']}",
                            pseudonym=k.get("pseudonym"))
            for k in data.known if int(k["id"]) in active]


def _rejection_salt(session: Session, project_id: int) -> str:
    """The project's random salt for rejection digests (created on first use)."""
    project = session.get(Project, project_id)
    if project is None:
        raise NotFoundError(f"no project {project_id}")
    settings = dict(project.settings or {})
    if "deid_rejection_salt" not in settings:
        settings["deid_rejection_salt"] = secrets.token_hex(16)
        project.settings = settings
        session.flush()
    return str(settings["deid_rejection_salt"])


def _rejections(session: Session, project_id: int) -> set[str]:
    """Digests of the surface forms reviewers rejected (older plain-text rows are converted)."""
    salt = _rejection_salt(session, project_id)
    out = set()
    for row in session.scalars(select(DeidRejection).where(DeidRejection.project_id == project_id)):
        if not row.surface.startswith("sha256:"):
            row.surface = rejection_digest(salt, row.surface)
        out.add(row.surface)
    return out


def _rejection_detector_args(session: Session, project_id: int) -> dict[str, Any]:
    return {"rejected": _rejections(session, project_id), "rejection_salt": _rejection_salt(session, project_id)}


def _reverse_rejection(session: Session, project_id: int, surface: str, *, actor: str) -> bool:
    """Forget a rejection when a reviewer later accepts or adds the same text (so it is found again)."""
    digest = rejection_digest(_rejection_salt(session, project_id), normalise(surface))
    rows = list(session.scalars(select(DeidRejection).where(DeidRejection.project_id == project_id,
                                                            DeidRejection.surface.in_([digest, normalise(surface)]))))
    for row in rows:
        session.delete(row)
    if rows:
        audit.record(session, actor=actor, action="deid.rejection_reversed", entity_type="project",
                     entity_id=project_id, payload={"count": len(rows)})
    return bool(rows)


# --- detection -----------------------------------------------------------------------------------------
def _project_sources(session: Session, project_id: int, source_ids: list[int] | None) -> list[Source]:
    stmt = select(Source).where(Source.project_id == project_id).order_by(Source.id)
    if source_ids:
        stmt = stmt.where(Source.id.in_(source_ids))
    sources = list(session.scalars(stmt))
    if source_ids and len(sources) != len(set(source_ids)):
        raise NotFoundError("unknown source id")
    return sources


def run_detection(handle: ProjectHandle, *, source_ids: list[int] | None = None, passphrase: str | None = None,
                  actor: str = "system", use_ner: bool = True, progress: Progress = None) -> dict[str, Any]:
    """Detect identifiers in every source not yet pseudonymised; status becomes ``detected``.

    Re-running replaces pending automatic detections; reviewer decisions and manual additions stay.
    """
    summary: dict[str, Any] = {"sources": 0, "detections": 0, "flags": 0, "by_label": Counter()}
    with handle.session() as s:
        detector = Detector(known=_known_items(handle, s, passphrase), use_ner=use_ner,
                            **_rejection_detector_args(s, handle.project_id))
        sources = [src for src in _project_sources(s, handle.project_id, source_ids)
                   if not (src.meta or {}).get("deid", {}).get("applied")]
        for i, src in enumerate(sources, start=1):
            kept = list(s.scalars(select(DeidDetection).where(DeidDetection.source_id == src.id,
                                                              DeidDetection.status != "pending")))
            s.execute(delete(DeidDetection).where(DeidDetection.source_id == src.id,
                                                  DeidDetection.status == "pending"))
            s.execute(delete(DeidFlag).where(DeidFlag.source_id == src.id))
            spans = detector.detect(src.text)
            n = 0
            for span in spans:
                if any(span.start < k.end and k.start < span.end for k in kept):
                    continue
                s.add(DeidDetection(source_id=src.id, start=span.start, end=span.end, label=span.label,
                                    detector=span.detector, confidence=round(span.confidence, 3), status="pending",
                                    details=_safe_details(span)))
                summary["by_label"][span.label] += 1
                n += 1
            flags = find_indirect(src.text)
            for f in flags:
                s.add(DeidFlag(source_id=src.id, start=f.start, end=f.end, kind=f.kind))
            if src.status == "imported":
                src.status = "detected"
            audit.record(s, actor=actor, action="deid.detect", entity_type="source", entity_id=src.id,
                         payload={"detections": n, "flags": len(flags),
                                  "by_label": dict(Counter(sp.label for sp in spans))})
            summary["sources"] += 1
            summary["detections"] += n
            summary["flags"] += len(flags)
            if progress:
                progress(i, len(sources))
        s.flush()
        added = _project_consistency(s, sources, detector)
        summary["detections"] += added
        summary["consistency"] = added
    summary["by_label"] = dict(summary["by_label"])
    return summary


def _project_consistency(session: Session, sources: list[Source], detector: Detector) -> int:
    """A name found in one source is looked for in every other source of the run, in any case ("Ryfylke"
    in one interview, "i ryfylke" typed in lower case in another). Common words and short forms are left
    out; a reviewer's rejection still applies. Returns how many detections were added."""
    from workbench.deid.gazetteers import load as load_gazetteers

    g = load_gazetteers()
    ids = [src.id for src in sources]
    if not ids:
        return 0
    detections = list(session.scalars(select(DeidDetection).where(DeidDetection.source_id.in_(ids))))
    texts = {src.id: src.text for src in sources}
    forms: dict[str, str] = {}
    for d in detections:
        if d.label not in ("PERSON", "PLACE", "ORGANIZATION") or d.status == "rejected" or d.confidence < 0.5:
            continue
        form = texts[d.source_id][d.start:d.end].strip()
        low = form.lower()
        if len(low) < 4 or g.is_common(low) or g.looks_common(low) or g.is_stop(low) or detector.is_rejected(form):
            continue
        forms.setdefault(low, d.label)
    if not forms:
        return 0
    by_source: dict[int, list[tuple[int, int]]] = {}
    for d in detections:
        by_source.setdefault(d.source_id, []).append((d.start, d.end))
    added = 0
    for src in sources:
        for start, end, label in find_forms(src.text, forms, by_source.setdefault(src.id, []), ignore_case=True):
            session.add(DeidDetection(source_id=src.id, start=start, end=end, label=label,
                                      detector="consistency", confidence=0.5, status="pending", details={}))
            added += 1
    return added


def _safe_details(span: Span) -> dict[str, Any]:
    """Details without original text (keys may hold names: drop them)."""
    out = {k: v for k, v in span.details.items() if k in ("kind", "category", "institution", "month", "year",
                                                            "age", "born", "municipality", "year_only", "bare")}
    # the database keeps no more than the generalised text will show: an age as the lower bound of its
    # band, a bare year as its decade (the exact values stay in the original text, in the key file)
    if isinstance(out.get("age"), int):
        age = out["age"]
        out["age"] = 17 if age < 18 else 90 if age >= 90 else age // 10 * 10
    if out.get("year_only") and isinstance(out.get("year"), int):
        out["year"] = out["year"] // 10 * 10
        out.pop("month", None)
    if span.key and span.key.startswith("known:") and span.key[6:].isdigit():
        out["known_id"] = int(span.key[6:])
    return out


# --- review --------------------------------------------------------------------------------------------
@dataclass
class DetectionView:
    id: int
    source_id: int
    start: int
    end: int
    label: str
    detector: str
    confidence: float
    status: str
    applied: bool
    text: str
    before: str
    after: str


def list_detections(session: Session, project_id: int, *, source_id: int | None = None,
                    status: str | None = None, context: int = 60) -> list[DetectionView]:
    """Detections in context (text around each). For the reviewer only: never log these."""
    stmt = select(DeidDetection, Source).join(Source, DeidDetection.source_id == Source.id).where(
        Source.project_id == project_id).order_by(Source.id, DeidDetection.start)
    if source_id is not None:
        stmt = stmt.where(Source.id == source_id)
    if status:
        stmt = stmt.where(DeidDetection.status == status)
    out = []
    for det, src in session.execute(stmt):
        text = src.text
        out.append(DetectionView(
            id=det.id, source_id=src.id, start=det.start, end=det.end, label=det.label, detector=det.detector,
            confidence=det.confidence, status=det.status, applied=det.applied, text=text[det.start:det.end],
            before=text[max(0, det.start - context):det.start], after=text[det.end:det.end + context]))
    return out


def list_flags(session: Session, project_id: int, *, source_id: int | None = None, context: int = 60
               ) -> list[dict[str, Any]]:
    stmt = select(DeidFlag, Source).join(Source, DeidFlag.source_id == Source.id).where(
        Source.project_id == project_id).order_by(Source.id, DeidFlag.start)
    if source_id is not None:
        stmt = stmt.where(Source.id == source_id)
    return [{"id": f.id, "source_id": src.id, "kind": f.kind, "status": f.status, "start": f.start, "end": f.end,
             "text": src.text[f.start:f.end], "before": src.text[max(0, f.start - context):f.start],
             "after": src.text[f.end:f.end + context]} for f, src in session.execute(stmt)]


def set_flag_status(session: Session, project_id: int, flag_id: int, *, status: str, actor: str = "system") -> None:
    if status not in ("open", "kept", "handled"):
        raise InputError("flag status must be open, kept or handled")
    flag = session.get(DeidFlag, flag_id)
    if flag is None or session.get(Source, flag.source_id).project_id != project_id:  # type: ignore[union-attr]
        raise NotFoundError(f"no flag {flag_id}")
    flag.status = status
    audit.record(session, actor=actor, action="deid.flag", entity_type="deid_flag", entity_id=flag_id,
                 payload={"status": status, "kind": flag.kind})


def _get_detection(session: Session, project_id: int, detection_id: int) -> tuple[DeidDetection, Source]:
    det = session.get(DeidDetection, detection_id)
    src = session.get(Source, det.source_id) if det else None
    if det is None or src is None or src.project_id != project_id:
        raise NotFoundError(f"no detection {detection_id}")
    return det, src


def _open_sources(session: Session, project_id: int) -> list[Source]:
    return [src for src in session.scalars(select(Source).where(Source.project_id == project_id))
            if not (src.meta or {}).get("deid", {}).get("applied")]


def decide(session: Session, project_id: int, detection_id: int, *, decision: str, all_occurrences: bool = True,
           actor: str = "system") -> int:
    """Accept or reject a detection (and every pending detection of the same text). Returns how many changed."""
    if decision not in ("accepted", "rejected", "accept", "reject"):
        raise InputError("decision must be 'accept' or 'reject'")
    status = "accepted" if decision.startswith("accept") else "rejected"
    det, src = _get_detection(session, project_id, detection_id)
    if det.applied:
        raise ConflictError(f"detection {detection_id} is applied already; the source text is pseudonymised")
    targets = [det]
    surface = normalise(src.text[det.start:det.end])
    if all_occurrences:
        for other_src in _open_sources(session, project_id):
            for other in session.scalars(select(DeidDetection).where(DeidDetection.source_id == other_src.id,
                                                                     DeidDetection.status == "pending",
                                                                     DeidDetection.id != det.id)):
                if normalise(other_src.text[other.start:other.end]) == surface:
                    targets.append(other)
        digest = rejection_digest(_rejection_salt(session, project_id), surface)
        if status == "rejected" and not session.scalars(select(DeidRejection).where(
                DeidRejection.project_id == project_id, DeidRejection.surface == digest)).first():
            session.add(DeidRejection(project_id=project_id, surface=digest, label=det.label, created_by=actor))
    if status == "accepted":
        _reverse_rejection(session, project_id, src.text[det.start:det.end], actor=actor)
    now = datetime.now(UTC)
    for t in targets:
        t.status, t.decided_by, t.decided_at = status, actor, now
    audit.record(session, actor=actor, action=f"deid.{status[:-2]}", entity_type="deid_detection",
                 entity_id=detection_id, payload={"label": det.label, "count": len(targets)})
    return len(targets)


def add_detection(session: Session, project_id: int, source_id: int, *, start: int, end: int, label: str,
                  all_occurrences: bool = True, actor: str = "system") -> list[int]:
    """Add a missed identifier by its offsets (and every other occurrence of the same text)."""
    if label not in LABELS:
        raise InputError(f"unknown label '{label}' (one of {', '.join(LABELS)})")
    src = session.get(Source, source_id)
    if src is None or src.project_id != project_id:
        raise NotFoundError(f"no source {source_id}")
    if (src.meta or {}).get("deid", {}).get("applied"):
        raise ConflictError(f"source {source_id} is pseudonymised already")
    if not (0 <= start < end <= len(src.text)):
        raise InputError(f"offsets {start}-{end} outside the text (0-{len(src.text)})")
    surface = src.text[start:end]
    if not surface.strip():
        raise InputError("the selected text is blank")
    places: list[tuple[Source, int, int]] = [(src, start, end)]
    if all_occurrences:
        rx = re.compile(r"(?<![\w])" + re.escape(surface.strip()) + r"(?:s)?(?![\w])", re.IGNORECASE)
        for other in _open_sources(session, project_id):
            for m in rx.finditer(other.text):
                if other.id == src.id and m.start() <= start < m.end():
                    continue
                places.append((other, m.start(), m.end()))
    _reverse_rejection(session, project_id, surface, actor=actor)
    ids = []
    for s_src, s0, e0 in places:
        overlapping = list(session.scalars(select(DeidDetection).where(
            DeidDetection.source_id == s_src.id, DeidDetection.start < e0, DeidDetection.end > s0)))
        if any(o.detector == "manual" for o in overlapping):
            continue
        for o in overlapping:  # superseded by the reviewer's span
            session.delete(o)
        det = DeidDetection(source_id=s_src.id, start=s0, end=e0, label=label, detector="manual", confidence=1.0,
                            status="accepted", decided_by=actor, decided_at=datetime.now(UTC))
        session.add(det)
        session.flush()
        ids.append(det.id)
    audit.record(session, actor=actor, action="deid.add", entity_type="source", entity_id=source_id,
                 payload={"label": label, "count": len(ids)})
    return ids


def accept_all(session: Session, project_id: int, *, source_id: int | None = None, actor: str = "system") -> int:
    """Accept every pending detection (of one source or the project)."""
    n = 0
    now = datetime.now(UTC)
    for view in list_detections(session, project_id, source_id=source_id, status="pending", context=0):
        det = session.get(DeidDetection, view.id)
        assert det is not None
        det.status, det.decided_by, det.decided_at = "accepted", actor, now
        n += 1
    audit.record(session, actor=actor, action="deid.accept_all", entity_type="source",
                 entity_id=source_id if source_id is not None else "", payload={"count": n})
    return n


# --- apply and release -----------------------------------------------------------------------------------
_QUESTION = re.compile(r"\?\s*$")


def _speaker_roles(source: Source, known: KnownMatcher, book: PseudonymBook) -> dict[str, tuple[str, str | None]]:
    """speaker label -> (role, known key) for every named speaker of a source."""
    names = [t.speaker for t in source.turns if t.speaker]
    roles: dict[str, tuple[str, str | None]] = {}
    questions: Counter[str] = Counter()
    turns: Counter[str] = Counter()
    for t in source.turns:
        turns[t.speaker] += 1
        if _QUESTION.search(source.text[t.start:t.end]):
            questions[t.speaker] += 1
    for name in dict.fromkeys(names):
        matches = [m for m in known.find(name) if m.end - m.start >= len(name.strip()) * 0.8]
        if matches:
            cat = matches[0].details.get("category")
            roles[name] = ("interviewer" if cat == "interviewer" else "informant", matches[0].key)
    unknown = [n for n in dict.fromkeys(names) if n not in roles]
    if len(unknown) >= 1 and not any(r == "interviewer" for r, _ in roles.values()):
        ratio = {n: questions[n] / turns[n] for n in unknown if turns[n]}
        if ratio and len(dict.fromkeys(names)) >= 2:
            best = max(ratio, key=lambda n: ratio[n])
            if ratio[best] >= 0.3:
                roles[best] = ("interviewer", None)
    for n in unknown:
        roles.setdefault(n, ("informant", None))
    return roles


def apply(handle: ProjectHandle, *, source_ids: list[int] | None = None, passphrase: str | None,
          actor: str = "system", progress: Progress = None) -> dict[str, Any]:
    """Pseudonymise detected sources: rewrite text, remap offsets, store originals in the key file."""
    passphrase = _require_passphrase(passphrase)
    data = open_key(handle, passphrase, create=True)
    book = PseudonymBook.from_dict(data.book)
    strategies = handle.config.get("deid_strategies") or {}
    if isinstance(strategies, dict):
        for label, strategy in strategies.items():
            if label in STRATEGIES and strategy in STRATEGY_CHOICES:
                book.strategies[label] = strategy
    year_mode = handle.config.get("deid_years")
    if year_mode in YEAR_MODES:
        book.year_mode = year_mode
    summary: dict[str, Any] = {"sources": 0, "replacements": 0, "by_label": Counter()}
    with handle.session() as s:
        known_items = _known_items(handle, s, passphrase)
        matcher = KnownMatcher(known_items)
        title_detector = Detector(known=known_items, use_ner=False, **_rejection_detector_args(s, handle.project_id))
        sources = [src for src in _project_sources(s, handle.project_id, source_ids)
                   if src.status != "imported" and not (src.meta or {}).get("deid", {}).get("applied")]
        occurrences: Counter[str] = Counter()
        for i, src in enumerate(sources, start=1):
            counts = _apply_source(s, src, book, matcher, title_detector, data, occurrences)
            audit.record(s, actor=actor, action="deid.apply", entity_type="source", entity_id=src.id,
                         payload={"by_label": counts, "replacements": sum(counts.values())})
            summary["sources"] += 1
            summary["replacements"] += sum(counts.values())
            summary["by_label"].update(counts)
            if progress:
                progress(i, len(sources))
        _store_assignments(s, handle.project_id, book, occurrences)
        data.book = book.to_dict()
        # the key is written before the transaction commits: if writing fails, nothing changes
        save_key(handle, data, passphrase)
    summary["by_label"] = dict(summary["by_label"])
    return summary


def _apply_source(s: Session, src: Source, book: PseudonymBook, matcher: KnownMatcher, title_detector: Detector,
                  data: KeyData, occurrences: Counter[str]) -> dict[str, int]:
    text = src.text
    # speakers first, so that mentions of a speaker's name get the speaker's pseudonym
    roles = _speaker_roles(src, matcher, book)
    speaker_map = {name: book.speaker_pseudonym(name, role=role, key=key) for name, (role, key) in roles.items()}
    dets = list(s.scalars(select(DeidDetection).where(DeidDetection.source_id == src.id)))
    active = [d for d in dets if d.status in ("pending", "accepted")]
    spans = []
    for d in active:
        key = f"known:{d.details['known_id']}" if d.details and d.details.get("known_id") else None
        details = dict(d.details or {})
        if key:
            item = next((k for k in data.known if f"known:{k['id']}" == key), None)
            if item and item.get("pseudonym"):
                details["pseudonym"] = item["pseudonym"]
        spans.append(Span(d.start, d.end, d.label, text[d.start:d.end], d.detector, d.confidence, key=key,
                          details={**details, "_id": d.id}))
    chosen = resolve_overlaps(spans)
    chosen_ids = {sp.details["_id"] for sp in chosen}
    new_text, reps = apply_spans(text, chosen, book)
    omap = OffsetMap(reps)
    by_start = {r.start: r for r in reps}
    counts: Counter[str] = Counter()
    for d in dets:
        if d.id in chosen_ids:
            rep = by_start[d.start]
            d.start, d.end, d.pseudonym, d.applied = rep.new_start, rep.new_end, rep.pseudonym, True
            if d.status == "pending":
                d.status = "accepted"
                d.details = {**(d.details or {}), "accepted_by_default": True}
            counts[d.label] += 1
            occurrences[rep.pseudonym] += 1
        else:
            new_start, new_end = omap.start(d.start), omap.end(d.end)
            if d.status != "rejected":
                d.status = "rejected"
                d.details = {**(d.details or {}), "superseded": True}
            d.start, d.end = new_start, max(new_start, new_end)
    for t in src.turns:
        t.start, t.end = omap.start(t.start), omap.end(t.end)
        if t.speaker in speaker_map:
            t.speaker = speaker_map[t.speaker]
    for c in s.scalars(select(Coding).where(Coding.source_id == src.id)):
        c.start, c.end = omap.start(c.start), omap.end(c.end)
    for f in s.scalars(select(DeidFlag).where(DeidFlag.source_id == src.id)):
        f.start, f.end = omap.start(f.start), omap.end(f.end)
    original = {"title": src.title, "filename": src.filename, "text": text,
                "speakers": {str(k): v for k, v in speaker_map.items()}, "meta": src.meta}
    data.originals[f"source:{src.id}"] = original
    src.title = _pseudonymise_short(src.title, title_detector, book)
    if src.filename:
        suffix = Path(src.filename).suffix
        src.filename = f"source-{src.id}{suffix}"
    meta = {k: (_pseudonymise_short(v, title_detector, book) if isinstance(v, str) else v)
            for k, v in (src.meta or {}).items() if isinstance(v, str | int | float | bool) or v is None}
    meta["deid"] = {"applied": True, "applied_at": datetime.now(UTC).isoformat(), "by_label": dict(counts),
                    "speakers": len(speaker_map)}
    src.meta = meta
    src.text = new_text
    src.word_count = len(new_text.split())
    return dict(counts)


def _pseudonymise_short(value: str, detector: Detector, book: PseudonymBook) -> str:
    spans = detector.detect(value.replace("_", " "))
    new, _ = apply_spans(value.replace("_", " "), spans, book)
    return new


def _store_assignments(s: Session, project_id: int, book: PseudonymBook, occurrences: Counter[str]) -> None:
    existing = {a.pseudonym: a for a in s.scalars(select(PseudonymAssignment).where(
        PseudonymAssignment.project_id == project_id))}
    for ent in book.assignments():
        pseudo = ent["pseudonym"]
        if pseudo.startswith("[") and pseudo[1:-1] in ("navn", "sted", "organisasjon"):
            continue
        row = existing.get(pseudo)
        if row is None:
            row = PseudonymAssignment(project_id=project_id, label=ent["label"], kind=ent.get("kind", ""),
                                      pseudonym=pseudo, occurrences=0)
            s.add(row)
            existing[pseudo] = row
        row.occurrences = (row.occurrences or 0) + occurrences.get(pseudo, 0)


def list_assignments(session: Session, project_id: int) -> list[dict[str, Any]]:
    """The reviewable replacement list (pseudonyms and counts; originals only in the key file)."""
    return [{"label": a.label, "kind": a.kind, "pseudonym": a.pseudonym, "occurrences": a.occurrences}
            for a in session.scalars(select(PseudonymAssignment).where(
                PseudonymAssignment.project_id == project_id).order_by(PseudonymAssignment.label,
                                                                       PseudonymAssignment.id))]


def mapping(handle: ProjectHandle, *, passphrase: str | None) -> list[dict[str, str]]:
    """Original ↔ pseudonym (needs the key). For the key holder's eyes only."""
    data = open_key(handle, passphrase)
    book = PseudonymBook.from_dict(data.book)
    originals: dict[str, list[str]] = {}
    for alias, key in book.aliases.items():
        originals.setdefault(key, []).append(alias.split("|", 1)[1])
    return [{"label": ent["label"], "pseudonym": ent["pseudonym"], "originals": sorted(originals.get(key, []))}
            for key, ent in book.entities.items()]


def release(handle: ProjectHandle, *, source_ids: list[int] | None = None, passphrase: str | None = None,
            accept_pending: bool = False, actor: str = "system") -> dict[str, Any]:
    """Release reviewed sources for coding (applying pseudonymisation first where still needed).

    A source is released only after review: pending detections must be decided first, or accepted
    in bulk with ``accept_pending=True`` (recorded in the audit log).
    """
    with handle.session() as s:
        sources = _project_sources(s, handle.project_id, source_ids)
        not_detected = [src.id for src in sources if src.status == "imported"]
        if source_ids and not_detected:
            raise ConflictError(f"run detection first (sources not yet detected: {len(not_detected)})")
        open_ids = [src.id for src in sources if src.status == "detected"
                    and not (src.meta or {}).get("deid", {}).get("applied")]
        pending = list(s.scalars(select(DeidDetection.id).where(DeidDetection.source_id.in_(open_ids),
                                                                DeidDetection.status == "pending"))) if open_ids else []
        if pending and not accept_pending:
            raise ConflictError(f"{len(pending)} detections are still pending review; decide them first "
                                "(or accept them all)")
        if pending:
            for src_id in open_ids:
                accept_all(s, handle.project_id, source_id=src_id, actor=actor)
        pending_apply = [src.id for src in sources if src.status == "detected"
                         and not (src.meta or {}).get("deid", {}).get("applied")]
    applied = {"sources": 0, "replacements": 0}
    if pending_apply:
        applied = apply(handle, source_ids=pending_apply, passphrase=passphrase, actor=actor)
    released = []
    with handle.session() as s:
        for src in _project_sources(s, handle.project_id, source_ids):
            if src.status == "detected" and (src.meta or {}).get("deid", {}).get("applied"):
                src.status = "released"
                released.append(src.id)
                audit.record(s, actor=actor, action="deid.release", entity_type="source", entity_id=src.id,
                             payload={})
    return {"released": released, "applied": applied}


def review_overview(session: Session, project_id: int) -> list[dict[str, Any]]:
    """Per source: status and counts of pending/accepted/rejected detections and open flags."""
    rows = []
    for src in session.scalars(select(Source).where(Source.project_id == project_id).order_by(Source.id)):
        dets = list(session.scalars(select(DeidDetection.status).where(DeidDetection.source_id == src.id)))
        flags = list(session.scalars(select(DeidFlag.status).where(DeidFlag.source_id == src.id)))
        c = Counter(dets)
        rows.append({"source_id": src.id, "title": src.title, "status": src.status,
                     "applied": bool((src.meta or {}).get("deid", {}).get("applied")),
                     "pending": c["pending"], "accepted": c["accepted"], "rejected": c["rejected"],
                     "open_flags": sum(1 for f in flags if f == "open")})
    return rows




def source_text(session: Session, project_id: int, source_id: int) -> str:
    """The working text of a source (for locating a span the reviewer selected)."""
    src = session.get(Source, source_id)
    if src is None or src.project_id != project_id:
        raise NotFoundError(f"no source {source_id}")
    return src.text


def replacement_report(session: Session, project_id: int) -> list[dict[str, Any]]:
    """Per released/applied source: every replacement (pseudonym, label, offsets in the new text,
    detector, decision and who made it). Contains no original: safe to archive with the data."""
    out = []
    for src in session.scalars(select(Source).where(Source.project_id == project_id).order_by(Source.id)):
        if not (src.meta or {}).get("deid", {}).get("applied"):
            continue
        dets = session.scalars(select(DeidDetection).where(DeidDetection.source_id == src.id,
                                                           DeidDetection.applied.is_(True))
                               .order_by(DeidDetection.start))
        out.append({"source_id": src.id, "title": src.title, "status": src.status,
                    "replacements": [{"start": d.start, "end": d.end, "label": d.label, "pseudonym": d.pseudonym,
                                      "detector": d.detector, "confidence": d.confidence,
                                      "decided_by": d.decided_by,
                                      "accepted_by_default": bool((d.details or {}).get("accepted_by_default"))}
                                     for d in dets]})
    return out


def original_text(handle: ProjectHandle, source_id: int, *, passphrase: str | None) -> str:
    """The original text of a pseudonymised source, from the key file (key holder only)."""
    data = open_key(handle, passphrase)
    original = data.originals.get(f"source:{source_id}")
    if original is None:
        raise NotFoundError(f"the key holds no original for source {source_id}")
    return str(original["text"])


# --- verification: "show that no identifier survives" ----------------------------------------------------
_FOLD = str.maketrans({"&": "å", "1": "l", "0": "o", "-": " "})


def _fold(text: str) -> str:
    """Lower-case with the known matcher's OCR folding, one character for one (offsets are kept)."""
    return text.lower().translate(_FOLD)


def residual_contexts(s: Session, source_id: int, residual: list[dict[str, Any]], context: int = 50) -> list[dict[str, Any]]:
    """The residual candidates of :func:`verify` for one source, each with the released text around it, for
    a reviewer to look at. Only the pseudonymised (released) text is read; the verification report itself
    keeps offsets only, so no candidate's text reaches an archived report or a log."""
    src = s.get(Source, source_id)
    if src is None:
        raise NotFoundError(f"source {source_id} not found")
    text = src.text
    return [{**row, "before": text[max(0, row["start"] - context):row["start"]],
             "text": text[row["start"]:row["end"]], "after": text[row["end"]:row["end"] + context]}
            for row in residual]


def verify(handle: ProjectHandle, *, passphrase: str | None, source_ids: list[int] | None = None,
           use_ner: bool = True, progress: Progress = None, actor: str = "system") -> dict[str, Any]:
    """Check pseudonymised sources for surviving identifiers, to archive with the data.

    * **Survivors** (needs the key): every original the project replaced or registered (the pseudonym
      book's aliases and the registered identifiers) is searched, whole word and case-insensitively,
      in each pseudonymised text outside the replacements. A survivor is reported by source, offsets,
      label and the pseudonym it should have had: never by its text.
    * **Residual candidates**: the detector run again on the pseudonymised text; anything it finds
      outside the replacements is listed for a human look (it may be a common word, or a rejection).

    Originals that are common words or shorter than three letters ("Per", "Os") are not searched
    (they would match ordinary words); their number is reported.
    """
    data = open_key(handle, passphrase)
    book = PseudonymBook.from_dict(data.book)
    from workbench.deid.gazetteers import load as load_gazetteers

    g = load_gazetteers()
    targets: dict[str, tuple[str, str]] = {}  # folded original -> (label, pseudonym)
    for alias, key in book.aliases.items():
        label, _, norm = alias.partition("|")
        entity = book.entities.get(key, {})
        targets.setdefault(norm, (label, str(entity.get("pseudonym", ""))))
    for item in data.known:
        targets.setdefault(normalise(str(item["value"])), (CATEGORY_LABEL.get(item.get("category", ""), "PERSON"),
                                                           str(item.get("pseudonym") or "")))
    skipped = [t for t in targets if len(t) < 3 or g.is_common(t) or (" " not in t and g.looks_common(t))]
    searched = {t: v for t, v in targets.items() if t not in skipped}
    pattern = (re.compile(r"(?<!\w)(" + "|".join(re.escape(t).replace(r"\ ", r"\s+")
                                                  for t in sorted(searched, key=len, reverse=True)) + r")(?!\w)")
               if searched else None)
    report: list[dict[str, Any]] = []
    with handle.session() as s:
        sources = [src for src in _project_sources(s, handle.project_id, source_ids)
                   if (src.meta or {}).get("deid", {}).get("applied")]
        detector = Detector(use_ner=use_ner, **_rejection_detector_args(s, handle.project_id))
        for i, src in enumerate(sources, start=1):
            replaced = [(d.start, d.end) for d in s.scalars(select(DeidDetection).where(
                DeidDetection.source_id == src.id, DeidDetection.applied.is_(True)))]
            inside = _inside(replaced)
            survivors = []
            if pattern is not None:
                folded = _fold(src.text)
                for m in pattern.finditer(folded):
                    if inside(m.start(), m.end()):
                        continue
                    label, pseudonym = searched.get(" ".join(m.group(1).split()), ("", ""))
                    survivors.append({"start": m.start(), "end": m.end(), "label": label, "pseudonym": pseudonym})
            residual = [{"start": sp.start, "end": sp.end, "label": sp.label, "detector": sp.detector,
                         "confidence": round(sp.confidence, 2)}
                        for sp in detector.detect(src.text) if not inside(sp.start, sp.end)]
            report.append({"source_id": src.id, "title": src.title, "status": src.status,
                           "survivors": survivors, "residual": residual})
            if progress:
                progress(i, len(sources))
        audit.record(s, actor=actor, action="deid.verify", entity_type="project", entity_id=handle.project_id,
                     payload={"sources": len(report), "survivors": sum(len(r["survivors"]) for r in report),
                              "residual": sum(len(r["residual"]) for r in report)})
    return {"sources": report, "originals_searched": len(searched), "originals_not_searched": len(skipped),
            "survivors": sum(len(r["survivors"]) for r in report),
            "residual": sum(len(r["residual"]) for r in report)}


def _inside(ranges: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    def check(start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in ranges)
    return check

