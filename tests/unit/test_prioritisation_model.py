"""Simulation determinism, ranking behaviour and the stopping aid."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from workbench.prioritisation import (
    choose_priors,
    estimate_remaining,
    fit_scorer,
    get_model,
    rank,
    simulate,
    stopping_aid,
    vectorise,
)
from workbench.prioritisation.csvdata import read_labelled_csv

DATA = Path(__file__).resolve().parents[1] / "data" / "prioritisation"


@pytest.fixture(scope="module")
def small() -> tuple[object, np.ndarray]:
    texts, labels = read_labelled_csv(DATA / "nagtegaal_small.csv")
    return vectorise(texts).X, np.array(labels)


def test_priors_are_one_include_and_one_exclude_chosen_by_seed() -> None:
    labels = [0] * 50 + [1] * 5 + [0] * 45
    p0 = choose_priors(labels, seed=0)
    assert labels[p0[0]] == 1 and labels[p0[1]] == 0
    assert p0 == choose_priors(labels, seed=0)
    assert len({tuple(choose_priors(labels, seed=s)) for s in range(10)}) > 1
    with pytest.raises(ValueError):
        choose_priors(labels, seed=0, n_included=6)


def test_simulation_is_deterministic_per_seed(small) -> None:  # type: ignore[no-untyped-def]
    X, labels = small
    a = simulate(X, labels, seed=3)
    b = simulate(X, labels, seed=3)
    c = simulate(X, labels, seed=4)
    assert a.order == b.order
    assert a.order[:2] == a.priors == choose_priors(labels, seed=3)
    assert sorted(a.order) == list(range(len(labels)))
    assert a.order != c.order


def test_ranking_beats_random_order_on_real_records(small) -> None:  # type: ignore[no-untyped-def]
    X, labels = small
    results = [simulate(X, labels, seed=s) for s in range(3)]
    # random screening has expected WSS@95 of about 0 and RRF@10 of about 0.10
    assert np.mean([r.metrics.wss95 for r in results]) > 0.1
    assert np.mean([r.metrics.rrf10 for r in results]) > 0.15


def test_retrain_every_k_refits_less_often(small) -> None:  # type: ignore[no-untyped-def]
    X, labels = small
    every = simulate(X, labels, seed=1, retrain_every=1)
    batched = simulate(X, labels, seed=1, retrain_every=5)
    assert batched.n_retrains < every.n_retrains / 3
    assert sorted(batched.order) == list(range(len(labels)))


def test_ranker_puts_records_like_the_include_first() -> None:
    texts = ["home nursing allocation office municipality", "allocation office decides home nursing",
             "deep sea fish stock assessment", "fish quota and stock model", "municipal allocation of care"]
    fs = vectorise(texts)
    scorer = fit_scorer(get_model("workbench"), fs.X[[0, 2]], np.array([1, 0]))
    order = rank(scorer(fs.X[[1, 3, 4]]))
    assert [1, 3, 4][order[-1]] == 3  # the fish record goes last


def test_one_class_only_keeps_input_order() -> None:
    fs = vectorise(["a b", "c d", "e f"])
    scorer = fit_scorer(get_model(), fs.X[[0]], np.array([1]))
    assert list(rank(scorer(fs.X))) == [0, 1, 2]


def test_remaining_estimate_follows_the_discovery_curve() -> None:
    front_loaded = [1] * 10 + [0] * 5 + [1] + [0] * 200
    rng = np.random.default_rng(7)
    steady = [int(v) for v in rng.random(300) < 0.1]  # includes at a flat rate of about 1 in 10
    # many excludes after a front-loaded curve: little left; a steady rate: about 1 in 10 of the rest
    assert estimate_remaining(front_loaded, 1000) < 1.0
    assert estimate_remaining(front_loaded, 1000, upper=True) < 3.0
    flat = sum(steady) / len(steady) * 700
    assert estimate_remaining(steady, 1000) > 0.4 * flat
    assert estimate_remaining(steady, 1000, upper=True) >= flat
    assert estimate_remaining([1, 0], 2) == 0.0
    assert math.isnan(estimate_remaining([], 10))


def test_stopping_aid_suggests_only_after_a_long_streak() -> None:
    decisions = [1] * 10 + [0] * 40
    aid = stopping_aid(decisions, n_records=1000)
    assert aid["screened_since_last_include"] == 40
    assert aid["streak_needed"] == 50
    assert aid["suggest_stop"] is False  # streak too short, even though the estimate is small
    aid = stopping_aid(decisions + [0] * 20, n_records=1000)
    assert aid["screened_since_last_include"] == 60
    assert aid["suggest_stop"] is True
    steady = stopping_aid(([1] + [0] * 9) * 10 + [0] * 60, n_records=1000)
    assert steady["suggest_stop"] is False  # includes still arrive: the estimate of recall stays low


def test_simulation_without_included_prior_still_finds_every_include(small) -> None:  # type: ignore[no-untyped-def]
    X, labels = small
    res = simulate(X, labels, seed=0, n_prior_included=0, n_prior_excluded=2)
    assert [labels[i] for i in res.order[:2]] == [0, 0]
    assert sorted(res.order) == list(range(len(labels)))
    assert res.metrics.wss100 >= 0.0
