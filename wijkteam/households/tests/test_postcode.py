import pytest

from wijkteam.households.postcode import (
    HouseNumber,
    addition_normalise,
    house_letter_normalise,
    house_number_display,
    house_number_parse,
    postcode_display,
    postcode_is_valid,
    postcode_normalise,
)


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("7511 AB", "7511AB"),
        ("7511ab", "7511AB"),
        (" 7511  ab ", "7511AB"),
        ("1000AA", "1000AA"),
        ("9999ZZ", "9999ZZ"),
        ("0511AB", None),  # no postcode starts with 0
        ("7511SA", None),  # SA, SD and SS are never issued
        ("7511 SD", None),
        ("7511ss", None),
        ("7511SB", "7511SB"),
        ("7511A", None),
        ("75111AB", None),
        ("7511 A B", None),
        ("ABCD12", None),
        ("", None),
        (None, None),
    ],
)
def test_postcode_normalise(value, normalised):
    assert postcode_normalise(value) == normalised
    assert postcode_is_valid(value) is (normalised is not None)


def test_postcode_display():
    assert postcode_display("7511AB") == "7511 AB"


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("12", HouseNumber(12)),
        (12, HouseNumber(12)),
        ("12a", HouseNumber(12, "A")),
        ("12 a", HouseNumber(12, "A")),
        ("12-2", HouseNumber(12, "", "2")),
        ("12/2", HouseNumber(12, "", "2")),
        ("12a-2", HouseNumber(12, "A", "2")),
        ("12 A 2", HouseNumber(12, "A", "2")),
        ("12 hs", HouseNumber(12, "", "HS")),
        ("12-II", HouseNumber(12, "", "II")),
        ("12 bis", HouseNumber(12, "", "BIS")),
        ("99999", HouseNumber(99999)),
        ("0", None),
        ("100000", None),
        ("a12", None),
        ("12-", None),
        ("12 abcde", None),
        ("", None),
        (None, None),
    ],
)
def test_house_number_parse(value, parsed):
    assert house_number_parse(value) == parsed


@pytest.mark.parametrize(
    ("number", "letter", "addition", "shown"),
    [(12, "", "", "12"), (12, "A", "", "12A"), (12, "", "2", "12-2"), (12, "A", "HS", "12A-HS")],
)
def test_house_number_display(number, letter, addition, shown):
    assert house_number_display(number, letter, addition) == shown
    assert str(HouseNumber(number, letter, addition)) == shown


@pytest.mark.parametrize(("value", "normalised"), [("", ""), ("a", "A"), (" B ", "B"), ("AB", None), ("1", None)])
def test_house_letter_normalise(value, normalised):
    assert house_letter_normalise(value) == normalised


@pytest.mark.parametrize(
    ("value", "normalised"), [("", ""), ("hs", "HS"), ("-2", "2"), ("bis", "BIS"), ("12345", None), ("é", None)]
)
def test_addition_normalise(value, normalised):
    assert addition_normalise(value) == normalised
