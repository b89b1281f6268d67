"""Agreement statistics against published reference values and independent implementations."""

from __future__ import annotations

import random

import pytest
from sklearn.metrics import cohen_kappa_score

from workbench.domain.agreement import (
    AgreementError,
    cohen_kappa,
    cohen_kappa_table,
    fleiss_kappa,
    fleiss_kappa_counts,
    interpret_kappa,
    krippendorff_alpha,
    krippendorff_alpha_ci,
    krippendorff_alpha_counts,
    percent_agreement,
    scott_pi,
)

N = None
# Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", section C: 4 observers x 12 units.
KRIPP_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]

# Fleiss (1971) Table 1: 30 psychiatric patients, 6 raters each; counts for depression,
# personality disorder, schizophrenia, neurosis, other.
FLEISS_1971 = [
    [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
    [0, 0, 5, 0, 1], [3, 0, 0, 1, 2], [5, 1, 0, 0, 0], [0, 2, 0, 4, 0], [1, 0, 2, 0, 3],
    [0, 0, 0, 0, 6], [0, 1, 0, 5, 0], [0, 2, 0, 1, 3], [2, 0, 0, 4, 0], [1, 0, 0, 4, 1],
    [0, 5, 0, 1, 0], [4, 0, 0, 0, 2], [0, 2, 0, 4, 0], [1, 0, 5, 0, 0], [0, 0, 0, 0, 6],
]

# Wikipedia "Fleiss' kappa" worked example: 10 subjects, 14 raters, 5 categories, kappa = 0.210.
WIKI_FLEISS = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
]


@pytest.mark.parametrize(
    ("level", "expected"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_reference_values(level: str, expected: float) -> None:
    assert round(krippendorff_alpha(KRIPP_2011, level=level), 3) == expected


def test_krippendorff_2011_binary_two_observers() -> None:
    # Section A of Krippendorff (2011): alpha = 0.095.
    obs1 = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    obs2 = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert round(krippendorff_alpha([obs1, obs2]), 3) == 0.095


def test_krippendorff_2011_nominal_two_observers() -> None:
    # Section B of Krippendorff (2011): 12 units, categories a..e, alpha = 0.692.
    assert round(krippendorff_alpha([list("aabbdcccedda"), list("babbbccceddd")]), 3) == 0.692


def test_krippendorff_accepts_strings_and_blank_missing() -> None:
    as_text = [["" if v is None else str(v) for v in row] for row in KRIPP_2011]
    for level in ("nominal", "ordinal", "interval", "ratio"):
        assert krippendorff_alpha(as_text, level=level) == pytest.approx(krippendorff_alpha(KRIPP_2011, level=level))


def test_krippendorff_ordinal_explicit_order_differs_from_alphabetical() -> None:
    a = ["low", "mid", "high", "mid", "low", "high"]
    b = ["low", "high", "high", "mid", "mid", "high"]
    natural = krippendorff_alpha([a, b], level="ordinal", order=["low", "mid", "high"])
    alphabetical = krippendorff_alpha([a, b], level="ordinal")
    assert natural != pytest.approx(alphabetical)
    relabelled = krippendorff_alpha([[{"low": 1, "mid": 2, "high": 3}[x] for x in r] for r in (a, b)], level="ordinal")
    assert natural == pytest.approx(relabelled)


def test_krippendorff_missing_units_do_not_count() -> None:
    base = [[1, 2, 1, 2, 3], [1, 2, 2, 2, 3]]
    padded = [row + [N, 4] for row in base]
    padded[1][-2] = 1  # unit with a single value: not pairable
    padded[1][-1] = N
    assert krippendorff_alpha(padded) == pytest.approx(krippendorff_alpha(base))


def test_krippendorff_errors() -> None:
    with pytest.raises(AgreementError):
        krippendorff_alpha([[1, N], [N, 2]])
    with pytest.raises(AgreementError):
        krippendorff_alpha([["a", "b"], ["a", "c"]], level="interval")
    with pytest.raises(AgreementError):
        krippendorff_alpha([[1, 2], [1, 2]], level="fuzzy")
    with pytest.raises(AgreementError):
        krippendorff_alpha([[1, 2, 3], [1, 2]])


def test_cohen_kappa_brief_table() -> None:
    assert round(cohen_kappa_table([[20, 5], [10, 15]]), 3) == 0.400


@pytest.mark.parametrize(
    ("table", "expected"),
    # Wikipedia "Cohen's kappa": same 60 % agreement, different kappas (0.1304 and 0.2593).
    [([[45, 15], [25, 15]], 0.130), ([[25, 35], [5, 35]], 0.259)],
)
def test_cohen_kappa_same_percent_different_kappa(table: list[list[int]], expected: float) -> None:
    assert round(cohen_kappa_table(table), 3) == expected


def test_cohen_kappa_from_labels_equals_table() -> None:
    # expand [[20,5],[10,15]] into 50 labelled units
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert round(cohen_kappa(a, b), 3) == 0.400
    assert percent_agreement(a, b) == pytest.approx(35 / 50)


@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_cohen_kappa_matches_scikit_learn(weights: str | None) -> None:
    rng = random.Random(7)
    for _ in range(20):
        a = [rng.randint(1, 5) for _ in range(60)]
        b = [x if rng.random() < 0.6 else rng.randint(1, 5) for x in a]
        assert cohen_kappa(a, b, weights=weights) == pytest.approx(cohen_kappa_score(a, b, weights=weights))


def test_cohen_kappa_skips_units_missing_for_either_rater() -> None:
    a = ["x", "y", None, "x", "y", "x"]
    b = ["x", "y", "x", "", "x", "x"]
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa(["x", "y", "y", "x"], ["x", "y", "x", "x"]))


def test_cohen_kappa_degenerate_and_errors() -> None:
    assert cohen_kappa(["a", "a", "a"], ["a", "a", "a"]) == 1.0
    with pytest.raises(AgreementError):
        cohen_kappa([None, "a"], ["a", None])
    with pytest.raises(AgreementError):
        cohen_kappa(["a"], ["a", "b"])
    with pytest.raises(AgreementError):
        cohen_kappa_table([[1, 2, 3], [4, 5, 6]])


def test_fleiss_1971_reference_value() -> None:
    assert round(fleiss_kappa_counts(FLEISS_1971), 3) == 0.430


def test_fleiss_wikipedia_example() -> None:
    assert round(fleiss_kappa_counts(WIKI_FLEISS), 3) == 0.210


def test_fleiss_from_rater_columns_equals_counts() -> None:
    # Rebuild 6 "rater columns" from the count table (raters are not the same people per
    # patient in Fleiss 1971, which Fleiss' kappa allows).
    raters: list[list[int]] = [[] for _ in range(6)]
    for row in FLEISS_1971:
        labels = [cat for cat, c in enumerate(row) for _ in range(c)]
        for r in range(6):
            raters[r].append(labels[r])
    assert round(fleiss_kappa(raters), 3) == 0.430


def test_fleiss_two_raters_equals_scott_pi() -> None:
    # With two raters and no missing data Fleiss (1971) reduces to Scott (1955).
    a = list("aabbdcccedda")
    b = list("babbbccceddd")
    assert fleiss_kappa([a, b]) == pytest.approx(scott_pi(a, b))


def test_percent_agreement_many_raters_is_mean_pairwise() -> None:
    r1 = ["a", "a", "b", "c"]
    r2 = ["a", "b", "b", "c"]
    r3 = ["a", "b", "b", None]
    # unit 1: 3/3 pairs agree, unit 2: 1/3, unit 3: 3/3, unit 4: 1/1
    assert percent_agreement(r1, r2, r3) == pytest.approx((1 + 1 / 3 + 1 + 1) / 4)


def test_interpret_kappa_bands() -> None:
    assert interpret_kappa(-0.1) == "poor"
    assert interpret_kappa(0.40) == "fair"
    assert interpret_kappa(0.743) == "substantial"
    assert interpret_kappa(0.9) == "almost perfect"


def test_weighted_counts_equal_repeated_rows() -> None:
    rows = [[2, 0], [1, 1], [0, 2], [1, 1]]
    weights = [5, 2, 7, 1]
    expanded = [r for r, w in zip(rows, weights, strict=True) for _ in range(w)]
    assert fleiss_kappa_counts(rows, weights=weights) == pytest.approx(fleiss_kappa_counts(expanded))
    assert krippendorff_alpha_counts(rows, weights=weights) == pytest.approx(krippendorff_alpha_counts(expanded))


def test_krippendorff_counts_equals_rater_form_on_fleiss_1971() -> None:
    raters: list[list[int]] = [[] for _ in range(6)]
    for row in FLEISS_1971:
        labels = [cat for cat, c in enumerate(row) for _ in range(c)]
        for r in range(6):
            raters[r].append(labels[r])
    assert krippendorff_alpha_counts(FLEISS_1971) == pytest.approx(krippendorff_alpha(raters))


def test_krippendorff_bootstrap_interval_brackets_estimate() -> None:
    for level in ("nominal", "interval"):
        alpha = krippendorff_alpha(KRIPP_2011, level=level)
        low, high = krippendorff_alpha_ci(KRIPP_2011, level=level, n_boot=500, seed=3)
        assert low < alpha < high <= 1.0
        assert (low, high) == krippendorff_alpha_ci(KRIPP_2011, level=level, n_boot=500, seed=3)
    perfect = [[1, 2, 3, 1, 2], [1, 2, 3, 1, 2]]
    assert krippendorff_alpha_ci(perfect, n_boot=100) == (1.0, 1.0)
