"""Fødselsnummer / D-nummer check digits, including Skatteetaten's 2032 examples."""

from __future__ import annotations

import pytest
from stdnum.no import fodselsnummer

from workbench.deid.validators import (
    K1_WEIGHTS,
    K2_WEIGHTS,
    _check_digit,
    fnr_kind,
    is_d_number,
    is_valid_fnr,
)


def _make(first9: str) -> str | None:
    k1 = _check_digit(first9, K1_WEIGHTS)
    if k1 is None:
        return None
    k2 = _check_digit(first9 + str(k1), K2_WEIGHTS)
    return None if k2 is None else first9 + str(k1) + str(k2)


def test_skatteetaten_2032_examples_are_both_valid() -> None:
    assert is_valid_fnr("30108299920")
    assert is_valid_fnr("30108299939")
    # the classic rule (and python-stdnum 2.2) only accepts the first
    assert is_valid_fnr("30108299920", allow_2032=False)
    assert not is_valid_fnr("30108299939", allow_2032=False)
    assert fodselsnummer.is_valid("30108299920")


def test_wrong_check_digits_are_rejected() -> None:
    assert not is_valid_fnr("30108299921")  # k2 wrong
    # classic k1 is 2; the 2032 rule allows 2, 3, 4 and 5 (weighted remainder 0-3); never 6
    allowed = set()
    for k1 in range(10):
        for k2 in range(10):
            if is_valid_fnr(f"301082999{k1}{k2}"):
                allowed.add(k1)
    assert allowed == {2, 3, 4, 5}


def test_agrees_with_stdnum_on_classic_numbers() -> None:
    checked = 0
    for day in (1, 15, 28):
        for month in (1, 6, 12):
            for ind in (123, 234, 345):  # 000-499: 1900s, accepted by stdnum
                first9 = f"{day:02d}{month:02d}85{ind:03d}"
                number = _make(first9)
                if number is None:
                    continue
                checked += 1
                assert is_valid_fnr(number) == fodselsnummer.is_valid(number)
                broken = number[:10] + str((int(number[10]) + 1) % 10)
                assert not is_valid_fnr(broken)
    assert checked > 10


def test_d_number_adds_four_to_first_digit() -> None:
    number = _make("520741123")
    assert number == "52074112323"
    assert is_valid_fnr(number) and is_d_number(number)
    assert fnr_kind(number) == "D-nummer"
    assert fnr_kind("30108299920") == "fødselsnummer"


@pytest.mark.parametrize("value", ["3010829992", "301082999200", "32108299920", "30138299920", "abcdefghijk", ""])
def test_malformed_numbers(value: str) -> None:
    assert not is_valid_fnr(value)


def test_29_february_needs_a_leap_year() -> None:
    leap = _make("290284123") or _make("290284124") or _make("290284125")
    assert leap is not None and is_valid_fnr(leap)
    for ind in range(100, 130):
        number = _make(f"290283{ind}")
        if number:
            assert not is_valid_fnr(number)
