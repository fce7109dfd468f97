"""The burgerservicenummer (BSN): normalising, the 11-test, and synthetic numbers for tests and the demo.

A BSN has nine digits d1…d9 with 9·d1 + 8·d2 + … + 2·d8 − 1·d9 divisible by 11 (the "elfproef").
Municipal systems often store it as a number, so an 8-digit input has lost its leading zero.
Synthetic numbers always start with a 9, so they stand out from issued numbers in any screen or export.
"""

from __future__ import annotations

import random

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
_SEPARATORS = str.maketrans("", "", " .-\u00a0")
SYNTHETIC_PREFIX = "9"
SYNTHETIC_CAPACITY = 1_000_000  # numbers bsn_synthetic(n) can give: n in [0, 1,000,000)


def bsn_normalise(value: str | int | None) -> str:
    """Digits only, spaces/dots/hyphens removed, an 8-digit number padded to 9; other input as given."""
    if value is None:
        return ""
    text = str(value).strip().translate(_SEPARATORS)
    if len(text) == 8 and text.isdigit():
        return "0" + text
    return text


def _checksum(digits: str) -> int:
    return sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True))


def bsn_is_valid(value: str | int | None) -> bool:
    """Whether `value` is a BSN: nine digits (after normalising), passing the 11-test, not all zeros."""
    digits = bsn_normalise(value)
    if len(digits) != 9 or not digits.isascii() or not digits.isdigit():
        return False
    if digits == "000000000":
        return False
    return _checksum(digits) % 11 == 0


def _complete(first_eight: str) -> str | None:
    """The ninth digit that makes `first_eight` a valid BSN, or None when no digit can."""
    remainder = sum(int(d) * w for d, w in zip(first_eight, WEIGHTS[:8], strict=True)) % 11
    return first_eight + str(remainder) if remainder < 10 else None


def bsn_synthetic(n: int) -> str:
    """The n-th synthetic BSN: unique per n, valid, starting with 9 (for factories and the demo).

    Digits 2–7 encode n; digit 8 is the first that lets the 11-test pass (of 0 and 1, one always does,
    because 2·d8 takes different remainders for d8 = 0 and 1).
    """
    if not 0 <= n < SYNTHETIC_CAPACITY:
        raise ValueError(f"n must be in [0, {SYNTHETIC_CAPACITY})")
    for eighth in "01":
        number = _complete(f"{SYNTHETIC_PREFIX}{n:06d}{eighth}")
        if number:
            return number
    raise AssertionError("unreachable: one of two eighth digits always completes")  # pragma: no cover


def bsn_generate(rng: random.Random) -> str:
    """A random valid synthetic BSN (starting with 9) drawn from `rng`."""
    return bsn_synthetic(rng.randrange(SYNTHETIC_CAPACITY))
