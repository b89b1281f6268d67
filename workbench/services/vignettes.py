"""Vignette studies: import the three CSV files of a study and compare municipalities' decisions.

Files (UTF-8 CSV, in one folder): ``applicants.csv`` (``id,description,service_area``),
``decisions.csv`` (``vignette,municipality,service,hours_per_month[,decision_note]``),
``unit_costs.csv`` (``municipality,service,kr_per_hour``). Import is all-or-nothing and replaces a
previous import of the project's vignette study (the replacement is audited).
"""

from __future__ import annotations

import csv
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workbench.db.models import UnitCost, Vignette, VignetteDecision
from workbench.domain import vignettes as domain
from workbench.errors import InputError, WorkbenchError
from workbench.services import audit
from workbench.services.project import ProjectHandle


def _read(path: Path, required: list[str]) -> list[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(f"missing column(s) {', '.join(missing)}", path=str(path), line=1)
            return [(n, {k: (v or "").strip() for k, v in row.items() if k}) for n, row in enumerate(reader, 2)]
    except FileNotFoundError:
        raise InputError("file not found", path=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path=str(path)) from None


def _number(value: str, path: Path, line: int, column: str) -> float:
    try:
        number = float(value.replace(",", ".").replace(" ", "").replace("\u00a0", ""))
    except ValueError:
        raise InputError(f"'{column}' must be a number, got '{value}'", path=str(path), line=line) from None
    if number < 0:
        raise InputError(f"'{column}' must not be negative", path=str(path), line=line)
    return number


def import_vignette_study(handle: ProjectHandle, folder: Path, *, actor: str = "system") -> dict[str, int]:
    folder = Path(folder)
    applicants = _read(folder / "applicants.csv", ["id", "description"])
    decisions = _read(folder / "decisions.csv", ["vignette", "municipality", "service", "hours_per_month"])
    costs = _read(folder / "unit_costs.csv", ["municipality", "service", "kr_per_hour"])
    keys = set()
    for line, row in applicants:
        if not row["id"]:
            raise InputError("empty vignette id", path=str(folder / "applicants.csv"), line=line)
        if row["id"] in keys:
            raise InputError(f"duplicate vignette id '{row['id']}'", path=str(folder / "applicants.csv"), line=line)
        keys.add(row["id"])
    parsed_decisions = []
    for line, row in decisions:
        if row["vignette"] not in keys:
            raise InputError(f"unknown vignette '{row['vignette']}'", path=str(folder / "decisions.csv"), line=line)
        parsed_decisions.append((row, _number(row["hours_per_month"], folder / "decisions.csv", line,
                                              "hours_per_month")))
    parsed_costs = {}
    for line, row in costs:
        key = (row["municipality"], row["service"])
        if key in parsed_costs:
            raise InputError("duplicate unit cost for the same municipality and service",
                             path=str(folder / "unit_costs.csv"), line=line)
        parsed_costs[key] = _number(row["kr_per_hour"], folder / "unit_costs.csv", line, "kr_per_hour")
    with handle.session() as s:
        pid = handle.project_id
        old = list(s.scalars(select(Vignette.id).where(Vignette.project_id == pid)))
        if old:
            s.execute(delete(VignetteDecision).where(VignetteDecision.vignette_id.in_(old)))
            s.execute(delete(Vignette).where(Vignette.id.in_(old)))
            s.execute(delete(UnitCost).where(UnitCost.project_id == pid))
        by_key = {}
        for _, row in applicants:
            v = Vignette(project_id=pid, key=row["id"], description=row["description"],
                         service_area=row.get("service_area", ""))
            s.add(v)
            by_key[row["id"]] = v
        s.flush()
        for row, hours in parsed_decisions:
            s.add(VignetteDecision(vignette_id=by_key[row["vignette"]].id, municipality=row["municipality"],
                                   service=row["service"], hours_per_month=hours,
                                   note=row.get("decision_note", "")))
        for (municipality, service), rate in parsed_costs.items():
            s.add(UnitCost(project_id=pid, municipality=municipality, service=service, kr_per_hour=rate))
        counts = {"vignettes": len(applicants), "decisions": len(parsed_decisions), "unit_costs": len(parsed_costs)}
        audit.record(s, actor=actor, action="vignettes.import", entity_type="project", entity_id=pid,
                     payload={**counts, "replaced": len(old)})
    return counts


def _load(session: Session, project_id: int) -> tuple[list[domain.Decision], dict[tuple[str, str], float]]:
    rows = session.execute(select(Vignette.key, VignetteDecision).join(
        VignetteDecision, VignetteDecision.vignette_id == Vignette.id).where(Vignette.project_id == project_id))
    decisions = [domain.Decision(key, d.municipality, d.service, d.hours_per_month) for key, d in rows]
    costs = {(c.municipality, c.service): c.kr_per_hour
             for c in session.scalars(select(UnitCost).where(UnitCost.project_id == project_id))}
    return decisions, costs


def compare(session: Session, project_id: int, *, reference: str | None = None) -> dict[str, Any]:
    """Totals per municipality, each one's difference from the mean of the others, per-service spread,
    and the hours matrix vignette × municipality."""
    decisions, costs = _load(session, project_id)
    if not decisions:
        raise WorkbenchError("the project has no vignette study (run 'workbench vignettes import DIR')")
    by_mun = domain.totals(decisions, costs)
    if reference is not None and reference not in by_mun:
        raise WorkbenchError(f"no decisions from municipality '{reference}'")
    names = sorted(by_mun)
    matrix: dict[str, dict[str, float]] = {}
    for d in decisions:
        matrix.setdefault(d.vignette, {m: 0.0 for m in names})[d.municipality] += d.hours_per_month
    return {
        "municipalities": {m: asdict(by_mun[m]) for m in names},
        "difference_from_others": {m: domain.difference_from_others(by_mun, m) for m in names}
        if len(names) > 1 else {},
        "service_spread_hours": domain.service_spread(decisions),
        "hours_matrix": dict(sorted(matrix.items())),
        "reference": reference,
    }
