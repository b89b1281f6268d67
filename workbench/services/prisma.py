"""PRISMA-ScR flow counts of a project, their checks, and the diagram/CSV export.

Each box is counted by its own query over the project (import batches, records, final decisions,
retrieval marks), so ``workbench.domain.prisma.check`` compares independent numbers; the cross
checks added here name records that break the flow (for example a full-text decision on a record
excluded at title/abstract).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from workbench.db.models import ImportBatch, Record
from workbench.domain.prisma import Issue, PrismaCounts, check, layout
from workbench.services import audit, screening
from workbench.services.project import ProjectHandle

NO_REASON = "(no reason given)"


CROSS_CHECKS = {
    "en": {"duplicate_screened": "duplicate records have a title/abstract decision",
           "full_text_not_sought": "records have a full-text decision but were not sought for retrieval",
           "not_retrieved_not_sought": "records are marked not retrieved but were not sought for retrieval",
           "not_retrieved_assessed": "records are marked not retrieved but were assessed",
           "no_reason": "full-text exclusions have no reason", "records": "records"},
    "nb": {"duplicate_screened": "duplikater har en beslutning på tittel/sammendrag",
           "full_text_not_sought": "referanser har en fulltekstbeslutning uten å ha gått videre fra "
                                   "tittel/sammendrag",
           "not_retrieved_not_sought": "referanser er merket «ikke innhentet» uten å ha gått videre fra "
                                       "tittel/sammendrag",
           "not_retrieved_assessed": "referanser er merket «ikke innhentet» men likevel vurdert",
           "no_reason": "fulltekstekskluderinger mangler grunn", "records": "referanser"},
}


def prisma_counts(handle: ProjectHandle, *, lang: str = "en") -> tuple[PrismaCounts, list[Issue]]:
    """The project's flow-diagram counts and every inconsistency found (messages in ``lang``)."""
    tx = CROSS_CHECKS.get(lang, CROSS_CHECKS["en"])
    required = screening.reviewers_required(handle)
    pid = handle.project_id
    counts = PrismaCounts()
    extra: list[Issue] = []
    with handle.session() as s:
        for name, filename, n in s.execute(
                select(ImportBatch.source_name, ImportBatch.filename, ImportBatch.n_items)
                .where(ImportBatch.project_id == pid, ImportBatch.kind == "records").order_by(ImportBatch.id)):
            key = name or filename or "(unknown source)"
            counts.identified_by_source[key] = counts.identified_by_source.get(key, 0) + int(n or 0)
        counts.records_in_project = int(s.scalar(select(func.count(Record.id)).where(Record.project_id == pid)) or 0)
        duplicate_ids = set(s.scalars(select(Record.id).where(Record.project_id == pid,
                                                              Record.duplicate_of_id.is_not(None))))
        kept_ids = set(s.scalars(select(Record.id).where(Record.project_id == pid,
                                                         Record.duplicate_of_id.is_(None))))
        counts.duplicates_removed = len(duplicate_ids)
        ta = screening.finals(s, pid, screening.TA, required)
        ft = screening.finals(s, pid, screening.FT, required)
        not_retrieved = screening.not_retrieved_record_ids(s, pid)

    counts.records_screened = len(ta)
    counts.awaiting_screening = len(kept_ids - set(ta))
    counts.excluded_screening = sum(1 for d, _ in ta.values() if d == "exclude")
    sought = {rid for rid, (d, _) in ta.items() if d in ("include", "maybe")}
    counts.reports_sought = len(sought)
    counts.reports_not_retrieved = len(not_retrieved)
    counts.reports_assessed = len(ft)
    counts.awaiting_full_text = len(sought - not_retrieved - set(ft))
    reasons: Counter[str] = Counter()
    for decision, reason in ft.values():
        if decision == "exclude":
            reasons[reason or NO_REASON] += 1
    counts.excluded_full_text = dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])))
    counts.included = sum(1 for d, _ in ft.values() if d == "include")

    def flag(code: str, ids: set[int]) -> None:
        if ids:
            shown = ", ".join(str(i) for i in sorted(ids)[:10]) + (" ..." if len(ids) > 10 else "")
            extra.append(Issue(code, f"{len(ids)} {tx[code]} ({tx['records']} {shown})"))

    flag("duplicate_screened", set(ta) & duplicate_ids)
    flag("full_text_not_sought", set(ft) - sought)
    flag("not_retrieved_not_sought", not_retrieved - sought)
    flag("not_retrieved_assessed", not_retrieved & set(ft))
    flag("no_reason", {rid for rid, (d, r) in ft.items() if d == "exclude" and not r})
    return counts, extra + check(counts, lang=lang)


def export_prisma(handle: ProjectHandle, *, out: Path, csv_path: Path | None = None, png: bool = True,
                  lang: str | None = None, actor: str = "system") -> dict[str, Any]:
    """Write the diagram (``out`` as SVG, a PNG beside it) and optionally the counts CSV."""
    from workbench.io.exporters import prisma as exporter

    counts, issues = prisma_counts(handle)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    svg_path = out if out.suffix.lower() == ".svg" else out.with_suffix(".svg")
    png_path = out.with_suffix(".png") if png else None
    exporter.draw(layout(counts, lang=lang or str(handle.config.get("language", "nb"))),
                  svg_path=svg_path, png_path=png_path)
    if csv_path is not None:
        Path(csv_path).parent.mkdir(parents=True, exist_ok=True)
        exporter.write_csv(counts, Path(csv_path))
    with handle.session() as s:
        audit.record(s, actor=actor, action="prisma.export", entity_type="project", entity_id=handle.project_id,
                     payload={"svg": svg_path.name, "png": png_path.name if png_path else None,
                              "csv": Path(csv_path).name if csv_path else None,
                              "issues": [i.code for i in issues]})
    return {"svg": str(svg_path), "png": str(png_path) if png_path else None,
            "csv": str(csv_path) if csv_path else None, "counts": counts.as_dict(),
            "issues": [{"code": i.code, "severity": i.severity, "message": i.message} for i in issues]}


def prisma_images(handle: ProjectHandle, *, lang: str | None = None) -> dict[str, Any]:
    """The diagram as SVG and PNG bytes with counts and issues, without writing project files."""
    import tempfile

    from workbench.io.exporters import prisma as exporter

    counts, issues = prisma_counts(handle, lang=lang or "en")
    with tempfile.TemporaryDirectory() as tmp:
        svg, png, csv_path = Path(tmp) / "prisma.svg", Path(tmp) / "prisma.png", Path(tmp) / "prisma.csv"
        exporter.draw(layout(counts, lang=lang or str(handle.config.get("language", "nb"))),
                      svg_path=svg, png_path=png, dpi=110)
        exporter.write_csv(counts, csv_path)
        return {"svg": svg.read_bytes(), "png": png.read_bytes(), "csv": csv_path.read_bytes(),
                "counts": counts.as_dict(),
                "issues": [{"code": i.code, "severity": i.severity, "message": i.message} for i in issues]}
