"""Vignette comparison: decided hours and monthly cost per municipality (pure).

A vignette study sends the same anonymised applications to several municipalities. Each decision
is a service with *vedtakstimer per måned* (decided hours per month); monthly cost = hours × the
municipality's unit cost (kr per hour) for that service. A municipality is compared with the
**average of the other municipalities** (as in the published reports: "X kr per month more than the
average of the three comparison municipalities").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    vignette: str
    municipality: str
    service: str
    hours_per_month: float


@dataclass
class MunicipalityTotals:
    municipality: str
    hours_per_month: float
    cost_per_month: float
    hours_by_service: dict[str, float]
    cost_by_service: dict[str, float]
    missing_costs: list[str]  # services with hours but no unit cost


def totals(decisions: list[Decision], unit_costs: dict[tuple[str, str], float]) -> dict[str, MunicipalityTotals]:
    out: dict[str, MunicipalityTotals] = {}
    for d in decisions:
        row = out.setdefault(d.municipality, MunicipalityTotals(d.municipality, 0.0, 0.0, defaultdict(float),
                                                                 defaultdict(float), []))
        row.hours_per_month += d.hours_per_month
        row.hours_by_service[d.service] += d.hours_per_month
        rate = unit_costs.get((d.municipality, d.service))
        if rate is None:
            if d.hours_per_month and d.service not in row.missing_costs:
                row.missing_costs.append(d.service)
            continue
        cost = d.hours_per_month * rate
        row.cost_per_month += cost
        row.cost_by_service[d.service] += cost
    for row in out.values():
        row.hours_by_service = dict(row.hours_by_service)
        row.cost_by_service = dict(row.cost_by_service)
    return out


def difference_from_others(by_municipality: dict[str, MunicipalityTotals], municipality: str) -> dict[str, float]:
    """Hours and cost of ``municipality`` minus the mean of all the others."""
    others = [t for name, t in by_municipality.items() if name != municipality]
    if not others:
        raise ValueError("a comparison needs at least two municipalities")
    me = by_municipality[municipality]
    mean_hours = sum(t.hours_per_month for t in others) / len(others)
    mean_cost = sum(t.cost_per_month for t in others) / len(others)
    return {"hours_per_month": me.hours_per_month - mean_hours, "cost_per_month": me.cost_per_month - mean_cost,
            "others_mean_hours": mean_hours, "others_mean_cost": mean_cost}


def service_spread(decisions: list[Decision]) -> dict[str, float]:
    """Per service: max − min of the municipalities' total hours (how far practice differs)."""
    per: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    municipalities = {d.municipality for d in decisions}
    for d in decisions:
        per[d.service][d.municipality] += d.hours_per_month
    return {service: max(by.get(m, 0.0) for m in municipalities) - min(by.get(m, 0.0) for m in municipalities)
            for service, by in per.items()}
