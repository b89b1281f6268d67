"""Data charting of the included sources: a configurable form, values, prefill, Excel/Word export.

The form defaults to the brief's columns (*Førsteforfatter (år) / type · Hensikt · Metode · Utvalg ·
Organisering av tildelingsfunksjonen · Funn*); fields can be added, relabelled, reordered and retired
(never deleted, so charted values are kept). Values are append-only: the newest per source and
field is current. Only sources whose final full-text decision is *include* can be charted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.db.models import ChartingField, ChartingValue, Record
from workbench.errors import ConflictError, NotFoundError, WorkbenchError
from workbench.services import audit, screening
from workbench.services.project import ProjectHandle

DEFAULT_FIELDS: list[tuple[str, str, str]] = [
    ("forfatter_aar_type", "Førsteforfatter (år) / type", "First author (year) / publication type"),
    ("hensikt", "Hensikt", "Aim of the source"),
    ("metode", "Metode", "Design and methods"),
    ("utvalg", "Utvalg", "Sample: who, how many, where"),
    ("organisering", "Organisering av tildelingsfunksjonen",
     "How the allocation function is organised (M1–M6 in the codebook)"),
    ("funn", "Funn", "Main findings relevant to the review question"),
]
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,59}$")


@dataclass
class FieldView:
    key: str
    label: str
    help: str
    position: int
    active: bool


@dataclass
class SourceRow:
    record_id: int
    citation: str
    title: str
    authors: list[str]
    year: int | None
    journal: str
    doi: str
    values: dict[str, str]
    origins: dict[str, str]


# ---------------------------------------------------------------------------------------------
# the form


def _fields(session: Session, project_id: int, *, include_retired: bool = False) -> list[ChartingField]:
    rows = list(session.scalars(select(ChartingField).where(ChartingField.project_id == project_id)
                                .order_by(ChartingField.position, ChartingField.id)))
    if not rows:
        for pos, (key, label, help_text) in enumerate(DEFAULT_FIELDS):
            session.add(ChartingField(project_id=project_id, key=key, label=label, help=help_text, position=pos))
        session.flush()
        return _fields(session, project_id, include_retired=include_retired)
    return rows if include_retired else [r for r in rows if r.active]


def form_fields(handle: ProjectHandle, *, include_retired: bool = False) -> list[FieldView]:
    """The charting form's fields in order (the brief's default columns on first use)."""
    with handle.session() as s:
        return [FieldView(f.key, f.label, f.help, f.position, f.active)
                for f in _fields(s, handle.project_id, include_retired=include_retired)]


def set_field(handle: ProjectHandle, *, key: str, actor: str, label: str | None = None, help: str | None = None,
              position: int | None = None, active: bool | None = None) -> FieldView:
    """Add a field or change one (label, help, position, active). Retiring keeps its values."""
    key = key.strip()
    if not _KEY.match(key):
        raise WorkbenchError(f"field key '{key}' must be lower-case letters, digits and _ (max 60)")
    with handle.session() as s:
        rows = _fields(s, handle.project_id, include_retired=True)
        row = next((f for f in rows if f.key == key), None)
        created = row is None
        if row is None:
            if not label:
                raise WorkbenchError(f"a new field '{key}' needs a label")
            row = ChartingField(project_id=handle.project_id, key=key, label=label.strip(), help=help or "",
                                position=max((f.position for f in rows), default=-1) + 1)
            s.add(row)
        if label is not None and label.strip():
            row.label = label.strip()
        if help is not None:
            row.help = help
        if position is not None:
            row.position = position
        if active is not None:
            row.active = active
        s.flush()
        audit.record(s, actor=actor, action="charting.field", entity_type="charting_field", entity_id=row.id,
                     payload={"key": key, "created": created, "label": row.label, "active": row.active,
                              "position": row.position})
        return FieldView(row.key, row.label, row.help, row.position, row.active)


# ---------------------------------------------------------------------------------------------
# included sources and values


def included_ids(handle: ProjectHandle) -> list[int]:
    """Records whose final full-text decision is include, in import order."""
    required = screening.reviewers_required(handle)
    with handle.session() as s:
        ft = screening.finals(s, handle.project_id, screening.FT, required)
        ids = [rid for rid, (d, _) in ft.items() if d == "include"]
        if not ids:
            return []
        order = s.execute(select(Record.id).where(Record.id.in_(ids))
                          .order_by(Record.batch_id, Record.ordinal, Record.id)).scalars()
        return list(order)


def _surname(author: str) -> str:
    author = author.strip()
    if "," in author:
        return author.split(",", 1)[0].strip()
    parts = author.split()
    return parts[-1] if parts else ""


_TYPES = {"JOUR": "artikkel", "JFULL": "artikkel", "EJOUR": "artikkel", "RPRT": "rapport", "THES": "avhandling",
          "BOOK": "bok", "CHAP": "bokkapittel", "CONF": "konferansebidrag", "CPAPER": "konferansebidrag",
          "GOVDOC": "offentlig dokument", "article": "artikkel", "journal article": "artikkel",
          "report": "rapport", "techreport": "rapport", "phdthesis": "avhandling", "mastersthesis": "masteroppgave",
          "book": "bok", "incollection": "bokkapittel", "inproceedings": "konferansebidrag",
          "review": "oversiktsartikkel"}


def publication_type(rec: Record) -> str:
    raw = rec.raw or {}
    for key in ("type_of_reference", "TY", "type", "ENTRYTYPE", "publication_type", "PT", "ref_type"):
        value = raw.get(key)
        if isinstance(value, list):
            value = value[0] if value else ""
        if value:
            text = str(value).strip()
            return _TYPES.get(text, _TYPES.get(text.lower(), text.lower()))
    return "artikkel" if rec.journal else ""


def citation(rec: Record) -> str:
    """``Surname (year) / type``, the first charting column's default."""
    first = _surname(rec.authors[0]) if rec.authors else "Ukjent"
    year = str(rec.year) if rec.year else "u.å."
    kind = publication_type(rec)
    return f"{first} ({year})" + (f" / {kind}" if kind else "")


def _current_values(session: Session, record_ids: list[int]) -> dict[int, dict[int, ChartingValue]]:
    out: dict[int, dict[int, ChartingValue]] = {}
    if not record_ids:
        return out
    for row in session.scalars(select(ChartingValue).where(ChartingValue.record_id.in_(record_ids))
                               .order_by(ChartingValue.id)):
        out.setdefault(row.record_id, {})[row.field_id] = row
    return out


def chart_rows(handle: ProjectHandle) -> tuple[list[FieldView], list[SourceRow]]:
    """The charting table: active fields and one row per included source."""
    ids = included_ids(handle)
    with handle.session() as s:
        fields = _fields(s, handle.project_id)
        records = {r.id: r for r in s.scalars(select(Record).where(Record.id.in_(ids)))} if ids else {}
        current = _current_values(s, ids)
        rows = []
        for rid in ids:
            rec = records[rid]
            vals = current.get(rid, {})
            rows.append(SourceRow(
                record_id=rid, citation=citation(rec), title=rec.title, authors=list(rec.authors), year=rec.year,
                journal=rec.journal, doi=rec.doi,
                values={f.key: vals[f.id].value if f.id in vals else "" for f in fields},
                origins={f.key: vals[f.id].origin if f.id in vals else "" for f in fields}))
        views = [FieldView(f.key, f.label, f.help, f.position, f.active) for f in fields]
    return views, rows


def set_values(handle: ProjectHandle, *, record_id: int, values: dict[str, str], actor: str,
               origin: str = "manual") -> int:
    """Chart ``values`` (field key → text) for an included source; unchanged values are skipped.

    Returns the number of values written. Earlier values stay in the history."""
    if record_id not in included_ids(handle):
        raise ConflictError(f"record {record_id} is not an included source; only included sources are charted")
    written = 0
    with handle.session() as s:
        fields = {f.key: f for f in _fields(s, handle.project_id)}
        unknown = [k for k in values if k not in fields]
        if unknown:
            raise NotFoundError(f"unknown charting field(s): {', '.join(unknown)} "
                                f"(fields: {', '.join(fields)})")
        current = _current_values(s, [record_id]).get(record_id, {})
        for key, value in values.items():
            field = fields[key]
            text = (value or "").strip()
            old = current.get(field.id)
            if old is not None and old.value == text and (old.origin == origin or origin == "prefill"):
                continue  # unchanged (saving a suggestion unchanged as "manual" confirms it)
            if old is None and not text:
                continue
            s.add(ChartingValue(record_id=record_id, field_id=field.id, value=text, origin=origin, charted_by=actor))
            written += 1
            audit.record(s, actor=actor, action="charting.set", entity_type="record", entity_id=record_id,
                         payload={"field": key, "origin": origin, "chars": len(text),
                                  "replaces": old.id if old is not None else None})
    return written


def value_history(handle: ProjectHandle, *, record_id: int, key: str) -> list[dict[str, Any]]:
    with handle.session() as s:
        field = next((f for f in _fields(s, handle.project_id, include_retired=True) if f.key == key), None)
        if field is None:
            raise NotFoundError(f"unknown charting field '{key}'")
        rows = s.scalars(select(ChartingValue).where(ChartingValue.record_id == record_id,
                                                     ChartingValue.field_id == field.id).order_by(ChartingValue.id))
        return [{"value": r.value, "origin": r.origin, "by": r.charted_by, "at": r.charted_at.isoformat()}
                for r in rows]


# ---------------------------------------------------------------------------------------------
# prefill from the record (suggestions, origin "prefill")

_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9(])")


def _prefixes(*words: str) -> re.Pattern[str]:
    """Words matched from their start with any ending (inflection: formål → formålet)."""
    return re.compile(r"\b(?:" + "|".join(words) + r")\w*", re.I)


_PATTERNS: dict[str, re.Pattern[str]] = {
    "hensikt": _prefixes("aim", "purpose", "objective", r"this (?:\w+ ){0,2}(?:study|paper|article|report|review)",
                         "we (?:examin|explor|investigat|describ|studi|evaluat|compar|analy[sz]|mapp|assess)",
                         "hensikt", "formål", "målet", "målsetting", "undersøke", "belyse", "studien",
                         "vi (?:undersøk|studer|evaluer|sammenlign|analyser|kartl)"),
    "metode": _prefixes("interview", "intervju", "survey", "questionnaire", "spørre", "register", "qualitative",
                        "quantitative", "kvalitativ", "kvantitativ", "mixed[- ]method", "case stud", "casestudie",
                        "focus group", "fokusgruppe", "document analys", "dokumentanaly", "design", "method",
                        "metode", "vignett", "scoping review", "observas", "observation"),
    "utvalg": _prefixes("participant", "informant", "respondent", "deltaker", "municipalit", "kommune", "ansatt",
                        "employee", "user", "bruker", "interview", "intervju", "saksbehandler", "case worker",
                        "manager", "leder", "application", "søknad", "vedtak", "vignett"),
    "organisering": _prefixes("tildelings", "forvaltnings", "vedtakskontor", "bestiller", "purchaser",
                              "inntaksteam", "allocation (?:office|unit|team|committee)", "needs assessment",
                              "integrert", "integrated", "interkommunal", "inter-?municipal", "tillitsmodell",
                              "trust-based", "self-managing", "selvstyrt"),
    "funn": _prefixes("result", "finding", "found", "show", "conclu", "suggest", "indicate", "funn", "resultat",
                      "viser", "fant", "konklu", "tyder"),
}
_MODELS = [
    ("M5", re.compile(r"interkommunal|inter-?municipal", re.I)),
    ("M4", re.compile(r"tillitsmodell|trust-based|selvstyrt|self-managing", re.I)),
    ("M3", re.compile(r"tildelingskontor|forvaltningskontor|vedtakskontor|bestillerkontor|bestiller|"
                      r"purchaser|tildelingsenhet|allocation office|separate allocation", re.I)),
    ("M2", re.compile(r"tildelingsteam|inntaksteam|tildelingsnemnd|tildelingsråd|fagteam|kartleggingsteam|"
                      r"allocation (team|committee)", re.I)),
    ("M1", re.compile(r"integrert tildeling|integrated allocation|tjenestene selv|service units decide", re.I)),
]
MAX_CHARS = 400


def _pick(sentences: list[str], pattern: re.Pattern[str], *, from_end: bool = False, need_digit: bool = False,
          used: set[int]) -> str:
    order = range(len(sentences) - 1, -1, -1) if from_end else range(len(sentences))
    chosen: list[int] = []
    for i in order:
        if i in used or not pattern.search(sentences[i]):
            continue
        if need_digit and not re.search(r"\d", sentences[i]):
            continue
        chosen.append(i)
        if sum(len(sentences[j]) for j in chosen) > MAX_CHARS // 2:
            break
    used.update(chosen)
    text = " ".join(sentences[i] for i in sorted(chosen))
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS - 1].rstrip() + "…"


def suggest_values(rec: Record) -> dict[str, str]:
    """Suggested charting values for the default fields, drawn from the record and its abstract."""
    sentences = [x.strip() for x in _SENT.split(rec.abstract or "") if x.strip()]
    used: set[int] = set()
    out = {"forfatter_aar_type": citation(rec)}

    def pick(key: str, **kw: bool) -> str:
        # prefer sentences not used by an earlier field; fall back to any matching sentence
        return _pick(sentences, _PATTERNS[key], used=used, **kw) or _pick(sentences, _PATTERNS[key], used=set(),
                                                                           **kw)

    out["hensikt"] = pick("hensikt")
    out["utvalg"] = pick("utvalg", need_digit=True)
    out["metode"] = pick("metode")
    out["funn"] = pick("funn", from_end=True)
    org = _pick(sentences, _PATTERNS["organisering"], used=set())
    text = f"{rec.title} {rec.abstract}"
    models = [m for m, pat in _MODELS if pat.search(text)]
    out["organisering"] = (", ".join(sorted(models)) + ": " + org if models and org else org)
    return {k: v for k, v in out.items() if v}


def prefill(handle: ProjectHandle, *, actor: str, record_ids: list[int] | None = None,
            overwrite: bool = False) -> dict[int, int]:
    """Fill empty fields of included sources with suggestions (``overwrite`` also replaces values
    that came from an earlier prefill, never manual ones). Returns record id → values written."""
    ids = included_ids(handle)
    if record_ids is not None:
        missing = set(record_ids) - set(ids)
        if missing:
            raise ConflictError(f"not included: {', '.join(str(i) for i in sorted(missing))}")
        ids = [i for i in ids if i in set(record_ids)]
    fields, rows = chart_rows(handle)
    keys = {f.key for f in fields}
    by_id = {r.record_id: r for r in rows}
    out: dict[int, int] = {}
    with handle.session() as s:
        records = {r.id: r for r in s.scalars(select(Record).where(Record.id.in_(ids)))} if ids else {}
    for rid in ids:
        current = by_id[rid]
        wanted = {}
        for key, value in suggest_values(records[rid]).items():
            if key not in keys:
                continue
            origin = current.origins.get(key, "")
            if not current.values.get(key) or (overwrite and origin == "prefill"):
                wanted[key] = value
        out[rid] = set_values(handle, record_id=rid, values=wanted, actor=actor, origin="prefill") if wanted else 0
    return out


# ---------------------------------------------------------------------------------------------
# export


def export_chart(handle: ProjectHandle, *, out: Path, actor: str = "system", title: str | None = None) -> dict[str, Any]:
    """Write the charting table to ``out``: ``.xlsx`` (openpyxl) or ``.docx`` (python-docx)."""
    fields, rows = chart_rows(handle)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    heading = title or ("Kartleggingstabell (data charting)" if handle.config.get("language", "nb") == "nb"
                        else "Data-charting table")
    suffix = out.suffix.lower()
    if suffix == ".xlsx":
        from workbench.io.exporters.charting_xlsx import write_xlsx

        write_xlsx(out, fields=fields, rows=rows, title=heading)
    elif suffix == ".docx":
        from workbench.io.exporters.charting_docx import write_docx

        write_docx(out, fields=fields, rows=rows, title=heading)
    else:
        raise WorkbenchError(f"{out.name}: charting exports are .xlsx or .docx")
    with handle.session() as s:
        audit.record(s, actor=actor, action="charting.export", entity_type="project", entity_id=handle.project_id,
                     payload={"file": out.name, "sources": len(rows), "fields": [f.key for f in fields]})
    return {"path": str(out), "sources": len(rows), "fields": len(fields)}
