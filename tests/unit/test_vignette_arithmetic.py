"""Vignette arithmetic on a hand-computed example."""

from __future__ import annotations

import pytest

from workbench.domain.vignettes import Decision, difference_from_others, service_spread, totals

DECISIONS = [
    Decision("V1", "A", "praktisk bistand", 6), Decision("V1", "B", "praktisk bistand", 3),
    Decision("V1", "C", "praktisk bistand", 9), Decision("V2", "A", "avlastning", 100),
    Decision("V2", "B", "avlastning", 40), Decision("V2", "C", "avlastning", 10),
    Decision("V3", "A", "trygghetsalarm", 0),
]
COSTS = {("A", "praktisk bistand"): 700, ("B", "praktisk bistand"): 600, ("C", "praktisk bistand"): 800,
         ("A", "avlastning"): 900, ("B", "avlastning"): 1000, ("C", "avlastning"): 850}


def test_totals_and_difference_from_mean_of_others() -> None:
    by = totals(DECISIONS, COSTS)
    assert by["A"].hours_per_month == 106
    assert by["A"].cost_per_month == 6 * 700 + 100 * 900  # 94 200
    assert by["B"].cost_per_month == 3 * 600 + 40 * 1000  # 41 800
    assert by["C"].cost_per_month == 9 * 800 + 10 * 850  # 15 700
    diff = difference_from_others(by, "A")
    assert diff["cost_per_month"] == pytest.approx(94200 - (41800 + 15700) / 2)
    assert diff["hours_per_month"] == pytest.approx(106 - (43 + 19) / 2)
    assert by["A"].missing_costs == []  # zero hours of an uncosted service is not missing


def test_service_spread_counts_absent_municipalities_as_zero() -> None:
    spread = service_spread(DECISIONS)
    assert spread["avlastning"] == 90 and spread["praktisk bistand"] == 6 and spread["trygghetsalarm"] == 0
