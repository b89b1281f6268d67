"""Inter-coder agreement: from a CSV of ratings, or from coders' codings in a project.

Project agreement is computed per code and overall, at two levels:

* **unit level**: every coding unit (turn, paragraph or sentence) of every source that any of the
  coders coded is a unit; per code each coder says present/absent (an accepted coding overlapping
  the unit). Two coders: percent agreement, Cohen's κ, Krippendorff's α; more: Fleiss' κ, α.
* **character level** (as NVivo reports it): every character of those sources is a unit, rated
  coded/not coded per code; computed exactly from coverage intervals, pooled over sources (so a
  source weighs by its length), and per source.

The disagreement list gives each unit × code where coders differ, linked to the segment.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from workbench.domain import agreement as stats
from workbench.errors import InputError, WorkbenchError
from workbench.services import codebooks as codebook_service
from workbench.services.coding import CodingView, list_codings, source_units
from workbench.services.project import ProjectHandle

METRICS = ("cohen", "fleiss", "krippendorff", "percent", "scott")
ID_COLUMNS = ("id", "unit", "unit_id", "item", "enhet", "segment")


# -- CSV ------------------------------------------------------------------------------------------
def read_ratings_csv(path: Path) -> tuple[list[str], list[list[str | None]]]:
    """Coder names and raters × units ratings from a CSV (one row per unit, one column per coder).

    A first column named id/unit/unit_id/item/enhet/segment holds unit ids and is not a coder.
    Empty cells are missing ratings. ``;`` or tab separated files are recognised.
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            text = fh.read()
    except FileNotFoundError:
        raise InputError("no such file", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read CSV ({exc.__class__.__name__})", path=str(path)) from None
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [r for r in csv.reader(text.splitlines(), dialect) if any(cell.strip() for cell in r)]
    if len(rows) < 2:
        raise InputError("needs a header row and at least one unit", path=str(path))
    header = [h.strip() for h in rows[0]]
    first = header[0].lower().replace(" ", "_").replace("-", "_") if header else ""
    skip = 1 if first in ID_COLUMNS or first in ("unit_id", "item_id", "segment_id") else 0
    coders = header[skip:]
    if len(coders) < 2:
        raise InputError("needs at least two coder columns", path=str(path), line=1)
    raters: list[list[str | None]] = [[] for _ in coders]
    for lineno, row in enumerate(rows[1:], start=2):
        if len(row) > len(header):
            raise InputError(f"{len(row)} cells but {len(header)} columns", path=str(path), line=lineno)
        cells = [c.strip() for c in row] + [""] * (len(header) - len(row))
        for i, cell in enumerate(cells[skip:]):
            raters[i].append(cell or None)
    return coders, raters


def agreement_from_ratings(
    raters: Sequence[Sequence[Any]], *, metric: str, level: str = "nominal",
) -> float:
    if metric not in METRICS:
        raise InputError(f"unknown metric '{metric}' (use {', '.join(METRICS)})")
    if metric == "cohen":
        if len(raters) != 2:
            raise InputError(f"Cohen's kappa needs exactly two coders, the file has {len(raters)}; "
                             "use --metric fleiss or krippendorff")
        return stats.cohen_kappa(raters[0], raters[1])
    if metric == "scott":
        if len(raters) != 2:
            raise InputError("Scott's pi needs exactly two coders")
        return stats.scott_pi(raters[0], raters[1])
    if metric == "fleiss":
        return stats.fleiss_kappa(raters)
    if metric == "percent":
        return stats.percent_agreement(*raters)
    return stats.krippendorff_alpha(raters, level=level)


def agreement_from_csv(path: Path, *, metric: str, level: str = "nominal") -> float:
    if level not in stats.LEVELS:
        raise InputError(f"unknown level '{level}' (use {', '.join(stats.LEVELS)})")
    if metric != "krippendorff" and level != "nominal":
        raise InputError("--level applies to krippendorff only")
    _, raters = read_ratings_csv(path)
    try:
        return agreement_from_ratings(raters, metric=metric, level=level)
    except stats.AgreementError as exc:
        raise InputError(str(exc), path=str(path)) from None


def alpha_interval_from_csv(path: Path, *, level: str = "nominal", n_boot: int = 2000,
                            seed: int = 0) -> tuple[float, float]:
    """95 % bootstrap interval of Krippendorff's α for a ratings CSV."""
    _, raters = read_ratings_csv(path)
    try:
        return stats.krippendorff_alpha_ci(raters, level=level, n_boot=n_boot, seed=seed)
    except stats.AgreementError as exc:
        raise InputError(str(exc), path=str(path)) from None


# -- project ------------------------------------------------------------------------------------
def _safe(fn: Any, *args: Any, **kwargs: Any) -> float | None:
    try:
        return round(float(fn(*args, **kwargs)), 4)
    except stats.AgreementError:
        return None


def _binary_stats(vectors: list[list[int]]) -> dict[str, Any]:
    """Percent, κ (Cohen for 2 coders, Fleiss for more) and α for coders × units 0/1 vectors."""
    n_units = len(vectors[0]) if vectors else 0
    out: dict[str, Any] = {"units": n_units, "coded_by": [sum(v) for v in vectors]}
    if n_units == 0:
        return {**out, "percent": None, "kappa": None, "alpha": None}
    out["percent"] = _safe(stats.percent_agreement, *vectors)
    out["kappa"] = _safe(stats.cohen_kappa, vectors[0], vectors[1]) if len(vectors) == 2 else \
        _safe(stats.fleiss_kappa, vectors)
    out["kappa_type"] = "cohen" if len(vectors) == 2 else "fleiss"
    out["alpha"] = _safe(stats.krippendorff_alpha, vectors)
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _pattern_lengths(length: int, per_coder: list[list[tuple[int, int]]]) -> dict[tuple[int, ...], int]:
    """Characters of a source by coverage pattern (which coders coded them)."""
    points = {0, length}
    for spans in per_coder:
        for a, b in spans:
            points.update((max(0, a), min(length, b)))
    cuts = sorted(p for p in points if 0 <= p <= length)
    merged = [_merge(s) for s in per_coder]
    out: dict[tuple[int, ...], int] = {}
    idx = [0] * len(merged)
    for a, b in zip(cuts, cuts[1:], strict=False):
        if b <= a:
            continue
        pattern = []
        for i, spans in enumerate(merged):
            while idx[i] < len(spans) and spans[idx[i]][1] <= a:
                idx[i] += 1
            pattern.append(int(idx[i] < len(spans) and spans[idx[i]][0] <= a))
        key = tuple(pattern)
        out[key] = out.get(key, 0) + (b - a)
    return out


def _char_stats(patterns: dict[tuple[int, ...], int], n_coders: int) -> dict[str, Any]:
    total = sum(patterns.values())
    if total == 0:
        return {"chars": 0, "percent": None, "kappa": None, "alpha": None}
    agree = sum(n for p, n in patterns.items() if len(set(p)) == 1)
    rows = [[len(p) - sum(p), sum(p)] for p in patterns]
    weights = list(patterns.values())
    if n_coders == 2:
        table = [[0.0, 0.0], [0.0, 0.0]]
        for (a, b), n in patterns.items():
            table[a][b] += n
        kappa = _safe(stats.cohen_kappa_table, table)
    else:
        kappa = _safe(stats.fleiss_kappa_counts, rows, weights=weights)
    return {"chars": total, "percent": round(agree / total, 4), "kappa": kappa,
            "kappa_type": "cohen" if n_coders == 2 else "fleiss",
            "alpha": _safe(stats.krippendorff_alpha_counts, rows, weights=weights)}


def project_agreement(
    handle: ProjectHandle, *, coders: Sequence[str], codebook_key: str | None = None, unit: str | None = None,
    codes: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Agreement between ``coders`` (two or more) per code and overall, at unit and character level."""
    from workbench.services.coding import coding_settings

    coders = [c.strip() for c in coders if c.strip()]
    if len(coders) < 2 or len(set(coders)) != len(coders):
        raise WorkbenchError("agreement needs two or more different coders (e.g. --coders ingrid,lars)")
    unit = unit or coding_settings(handle)["unit"]
    with handle.session() as s:
        from workbench.services import users

        for c in coders:
            users.get_user(s, c)
        book = codebook_service.get_codebook(s, handle.project_id, codebook_key)
        code_views = [c for c in codebook_service.list_codes(s, book) if not codes or c.key in codes]
        views = [v for v in list_codings(s, handle.project_id, status="accepted") if v.coder in coders]
        return _compute(s, handle.project_id, coders=coders, unit=unit, code_views=code_views, views=views)


def _compute(session: Session, project_id: int, *, coders: list[str], unit: str, code_views: list[Any],
             views: list[CodingView]) -> dict[str, Any]:
    from workbench.db.models import Source

    keys = [c.key for c in code_views]
    names = {c.key: c.name for c in code_views}
    by_source: dict[int, list[CodingView]] = {}
    for v in views:
        if v.code in names:
            by_source.setdefault(v.source_id, []).append(v)
    used_codes = [k for k in keys if any(v.code == k for v in views)]
    unit_vectors: dict[str, list[list[int]]] = {k: [[] for _ in coders] for k in used_codes}
    char_patterns: dict[str, dict[tuple[int, ...], int]] = {k: {} for k in used_codes}
    by_source_rows: list[dict[str, Any]] = []
    disagreements: list[dict[str, Any]] = []
    n_units = 0
    for sid in sorted(by_source):
        src = session.get(Source, sid)
        if src is None:
            continue
        vs = by_source[sid]
        spans = source_units(src, unit)
        n_units += len(spans)
        for code in used_codes:
            per_coder = [[(v.start, v.end) for v in vs if v.code == code and v.coder == c] for c in coders]
            for a, b in spans:
                flags = [int(any(x < b and a < y for x, y in pc)) for pc in per_coder]
                for i, f in enumerate(flags):
                    unit_vectors[code][i].append(f)
                if 0 < sum(flags) < len(coders):
                    disagreements.append({
                        "source_id": sid, "source": src.title, "start": a, "end": b, "code": code,
                        "code_name": names[code], "coded_by": [c for c, f in zip(coders, flags, strict=True) if f],
                        "not_coded_by": [c for c, f in zip(coders, flags, strict=True) if not f],
                        "codings": [v.id for v in vs if v.code == code and v.start < b and a < v.end],
                        "excerpt": src.text[a:b][:200]})
            patterns = _pattern_lengths(len(src.text), per_coder)
            for p, n in patterns.items():
                char_patterns[code][p] = char_patterns[code].get(p, 0) + n
            if any(per_coder):
                by_source_rows.append({"source_id": sid, "source": src.title, "code": code,
                                       **_char_stats(patterns, len(coders))})
    per_code = []
    for code in used_codes:
        per_code.append({"code": code, "name": names[code], "unit": _binary_stats(unit_vectors[code]),
                         "character": _char_stats(char_patterns[code], len(coders))})
    pooled = [sum((unit_vectors[c][i] for c in used_codes), []) for i in range(len(coders))]
    pooled_chars: dict[tuple[int, ...], int] = {}
    for c in used_codes:
        for p, n in char_patterns[c].items():
            pooled_chars[p] = pooled_chars.get(p, 0) + n

    def mean(values: list[float | None]) -> float | None:
        vals = [v for v in values if v is not None]
        return round(sum(vals) / len(vals), 4) if vals else None

    overall = {
        "unit": _binary_stats(pooled) if used_codes else {"units": 0},
        "character": _char_stats(pooled_chars, len(coders)),
        "mean_unit_kappa": mean([r["unit"]["kappa"] for r in per_code]),
        "mean_character_kappa": mean([r["character"]["kappa"] for r in per_code]),
    }
    return {"coders": coders, "unit_kind": unit, "sources": len(by_source), "units": n_units,
            "codes": per_code, "overall": overall, "by_source": by_source_rows, "disagreements": disagreements}
