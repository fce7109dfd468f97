import random

import pytest

from wijkteam.households.bsn import (
    SYNTHETIC_CAPACITY,
    bsn_generate,
    bsn_is_valid,
    bsn_normalise,
    bsn_synthetic,
)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("111222333", True),  # 9+8+7+12+10+8+9+6-3 = 66
        ("123456782", True),  # 154
        ("999999990", True),
        ("012345672", True),
        ("12345672", True),  # stored as a number: the leading zero is gone
        (12345672, True),
        ("1234.56.782", True),
        (" 123 456 782 ", True),
        ("123-456-782", True),
        ("123456789", False),  # fails the 11-test
        ("123456781", False),
        ("000000000", False),  # passes the sum, but is no number
        ("00000000", False),
        ("12345678", False),
        ("1234567", False),
        ("1234567820", False),
        ("12345678a", False),
        ("１２３４５６７８２", False),  # full-width digits are not ASCII digits
        ("", False),
        (None, False),
    ],
)
def test_bsn_is_valid(value, valid):
    assert bsn_is_valid(value) is valid


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("123456782", "123456782"),
        ("1234.56.782", "123456782"),
        (" 123 456 782 ", "123456782"),
        ("12345672", "012345672"),
        (12345672, "012345672"),
        ("1234567", "1234567"),
        ("abc", "abc"),
        (None, ""),
    ],
)
def test_bsn_normalise(value, normalised):
    assert bsn_normalise(value) == normalised


def test_synthetic_numbers_are_valid_unique_and_start_with_9():
    numbers = [bsn_synthetic(n) for n in range(5000)] + [bsn_synthetic(SYNTHETIC_CAPACITY - 1)]
    assert len(set(numbers)) == len(numbers)
    assert all(bsn_is_valid(number) and number.startswith("9") for number in numbers)


@pytest.mark.parametrize("n", [-1, SYNTHETIC_CAPACITY])
def test_synthetic_out_of_range(n):
    with pytest.raises(ValueError):
        bsn_synthetic(n)


def test_generate_is_deterministic_with_a_seed():
    first = [bsn_generate(random.Random(7)) for _ in range(3)]
    assert first == [bsn_generate(random.Random(7)) for _ in range(3)]
    rng = random.Random(1)
    assert all(bsn_is_valid(bsn_generate(rng)) for _ in range(1000))
