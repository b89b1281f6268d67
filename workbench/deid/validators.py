"""Check digits of Norwegian national identity numbers (fødselsnummer, D-nummer).

Layout (Skatteetaten): ``DDMMYY`` + 3-digit individual number + ``k1`` + ``k2``.
``k1`` uses the weights 3 7 6 1 8 9 4 5 2 over the first nine digits, ``k2`` the weights
5 4 3 2 7 6 5 4 3 2 over the first ten; ``k = 11 - (S mod 11)``, 11 becomes 0, 10 is invalid.
A D-nummer adds 4 to the first digit. From 1 January 2032 new numbers may have a ``k1`` whose
remainder differs by 0, 1, 2 or 3 (so four ``k1`` values are valid; ``k2`` is unchanged) and no
longer encode gender or century. python-stdnum (2.2) rejects such numbers, hence this module.
"""

from __future__ import annotations

import datetime as _dt

K1_WEIGHTS = (3, 7, 6, 1, 8, 9, 4, 5, 2)
K2_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=False))
    k = 11 - total % 11
    if k == 11:
        return 0
    if k == 10:
        return None
    return k


def valid_k1_values(first9: str) -> set[int]:
    """All ``k1`` digits allowed for the first nine digits under the 2032 rule.

    The classic rule gives ``k1 = 11 - (S mod 11)``; the 2032 rule accepts the check digits that
    make ``(S + k1) mod 11`` equal to 0, 1, 2 or 3 (remainder 0 being the classic one).
    """
    total = sum(int(d) * w for d, w in zip(first9, K1_WEIGHTS, strict=False))
    out = set()
    for k1 in range(10):
        if (total + k1) % 11 in (0, 1, 2, 3):
            out.add(k1)
    return out


def _valid_date(digits: str) -> bool:
    day, month = int(digits[0:2]), int(digits[2:4])
    if day > 40:  # D-nummer: first digit + 4
        day -= 40
    if month > 40:  # H-nummer (helsenummer) / synthetic test numbers: month + 40 or + 80
        month -= 40
    if month > 40:
        month -= 40
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    # the century is not known from the number, so 29 February needs only a year divisible by 4
    if month == 2 and day == 29:
        return int(digits[4:6]) % 4 == 0
    try:
        _dt.date(2001, month, day)
    except ValueError:
        return False
    return True


def is_valid_fnr(number: str, *, allow_2032: bool = True) -> bool:
    """True for a valid fødselsnummer or D-nummer (11 digits; spaces/dots ignored)."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if len(digits) != 11 or len(digits) != len(number.replace(" ", "").replace(".", "")):
        return False
    if not _valid_date(digits):
        return False
    k2 = _check_digit(digits[:10], K2_WEIGHTS)
    if k2 is None or k2 != int(digits[10]):
        return False
    if allow_2032:
        return int(digits[9]) in valid_k1_values(digits[:9])
    k1 = _check_digit(digits[:9], K1_WEIGHTS)
    return k1 is not None and k1 == int(digits[9])


def is_d_number(number: str) -> bool:
    """True for a valid D-nummer (first digit 4-7)."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return is_valid_fnr(digits) and digits[0] in "4567"


def fnr_kind(number: str) -> str | None:
    """``"fødselsnummer"``, ``"D-nummer"`` or None when invalid."""
    if not is_valid_fnr(number):
        return None
    return "D-nummer" if number.strip()[0] in "4567" else "fødselsnummer"
