"""Screening metrics on hand-built orders (values computed by hand in the comments)."""

from __future__ import annotations

import pytest

from workbench.prioritisation.metrics import atd, compute_metrics, rrf, screened_at_recall, wss


def test_metrics_on_a_ten_record_order() -> None:
    # relevant records 0, 3, 7; screened in index order
    labels = [1, 0, 0, 1, 0, 0, 0, 1, 0, 0]
    order = list(range(10))
    # 95 % of 3 -> ceil(2.85) = 3 relevant -> found after 8 records: (10 - 8)/10 - 0.05 = 0.15
    assert wss(order, labels, 0.95) == pytest.approx(0.15)
    assert wss(order, labels, 1.0) == pytest.approx(0.20)
    # first floor(10 % of 10) = 1 record holds 1 of 3 relevant
    assert rrf(order, labels) == pytest.approx(1 / 3)
    # records screened before each relevant one: 0, 3, 7 -> mean 10/3, divided by N = 10
    assert atd(order, labels) == pytest.approx((0 + 3 + 7) / 3 / 10)


def test_perfect_and_worst_orders_of_twenty_records() -> None:
    labels = [1] * 4 + [0] * 16
    best = list(range(20))
    worst = list(range(19, -1, -1))
    m = compute_metrics(best, labels)
    # 95 % of 4 -> 4 found after 4 records: 16/20 - 0.05 = 0.75; WSS@100 = 0.8
    assert (m.wss95, m.wss100) == (pytest.approx(0.75), pytest.approx(0.8))
    assert m.rrf10 == pytest.approx(2 / 4)  # first 2 records are relevant
    assert m.atd == pytest.approx((0 + 1 + 2 + 3) / 4 / 20)
    w = compute_metrics(worst, labels)
    assert w.wss100 == pytest.approx(0.0)
    assert w.wss95 == pytest.approx(-0.05)
    assert w.rrf10 == 0.0
    assert w.atd == pytest.approx((16 + 17 + 18 + 19) / 4 / 20)


def test_ninety_five_percent_of_twenty_needs_nineteen() -> None:
    # 20 relevant among 100; the 19th relevant is the 50th record screened, the 20th the 100th
    labels = [0] * 100
    order = list(range(100))
    relevant_positions = list(range(0, 18)) + [49, 99]
    for p in relevant_positions:
        labels[p] = 1
    assert screened_at_recall(order, labels, 0.95) == 50
    assert wss(order, labels, 0.95) == pytest.approx(50 / 100 - 0.05)
    assert wss(order, labels, 1.0) == pytest.approx(0.0)


def test_priors_count_as_screened_records() -> None:
    # the same ranking with two priors in front costs two records of work
    labels = [1, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    with_priors = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert wss(with_priors, labels, 1.0) == pytest.approx((10 - 3) / 10)


def test_invalid_orders_are_rejected() -> None:
    labels = [1, 0, 1]
    with pytest.raises(ValueError):
        wss([0, 0, 1], labels, 0.95)
    with pytest.raises(ValueError):
        atd([0, 1], labels)  # second relevant record never reached
    with pytest.raises(ValueError):
        rrf([0, 1, 2], [0, 0, 0])
