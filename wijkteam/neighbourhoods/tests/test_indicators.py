"""The pure district-analysis rules: catalogue, values, rates, averages, comparisons."""

import pytest

from wijkteam.neighbourhoods import indicators
from wijkteam.neighbourhoods.indicators import Figure
from wijkteam.neighbourhoods.models import Indicator


def test_catalogue_is_consistent():
    indicators.check_catalogue()
    assert [c for c, _label in Indicator._meta.get_field("category").choices] == list(indicators.CATEGORIES)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", None),
        (".", None),
        ("       .", None),
        (None, None),
        ("0", 0.0),
        ("3924.0", 3924.0),
        ("1.9", 1.9),
        ("  17942942 ", 17942942.0),
        (12, 12.0),
        (10.7, 10.7),
    ],
)
def test_parse_value_keeps_missing_apart_from_zero(raw, expected):
    assert indicators.parse_value(raw) == expected
    if expected is None:
        assert indicators.parse_value(raw) is None


@pytest.mark.parametrize("raw", ["abc", "1,2,3", "nan", "inf", True])
def test_parse_value_refuses_what_is_not_a_number(raw):
    with pytest.raises(ValueError):
        indicators.parse_value(raw)


T = "85984NED"


@pytest.mark.parametrize(
    ("key", "values", "expected"),
    [
        # the same edition's denominator
        ("age_65_plus", {("age_65_plus", 2024, T): 25.0, ("population", 2024, T): 100.0}, 25.0),
        (
            "persons_social_assistance_bijstand",
            {("persons_social_assistance_bijstand", 2024, T): 3.0, ("population", 2024, T): 200.0},
            15.0,
        ),
        ("households_single_person", {("households_single_person", 2024, T): 1.0, ("households", 2024, T): 4.0}, 25.0),
        # education levels are shares of their own sum
        (
            "education_low_count",
            {
                ("education_low_count", 2024, T): 10.0,
                ("education_mid_count", 2024, T): 20.0,
                ("education_high_count", 2024, T): 10.0,
            },
            25.0,
        ),
        # missing numerator, missing denominator, denominator of another edition, zero denominator
        ("age_65_plus", {("age_65_plus", 2024, T): None, ("population", 2024, T): 100.0}, None),
        ("age_65_plus", {("age_65_plus", 2024, T): 25.0, ("population", 2024, T): None}, None),
        ("age_65_plus", {("age_65_plus", 2024, T): 25.0, ("population", 2023, "85618NED"): 100.0}, None),
        ("age_65_plus", {("age_65_plus", 2024, T): 0.0, ("population", 2024, T): 0.0}, None),
        ("education_low_count", {("education_low_count", 2024, T): 10.0, ("education_mid_count", 2024, T): 20.0}, None),
        # no rate for a share or a plain count
        ("pct_rented", {("pct_rented", 2024, T): 44.0}, None),
        ("population", {("population", 2024, T): 100.0}, None),
    ],
)
def test_rate_of(key, values, expected):
    rate = indicators.rate_of(key, 2024, T, values)
    assert rate == pytest.approx(expected) if expected is not None else rate is None


def test_figures_and_measure():
    values = {("age_65_plus", 2024, T): 25.0, ("population", 2024, T): 100.0, ("unknown_key", 2024, T): 1.0}
    figures = indicators.figures(values)
    assert set(figures) == {("age_65_plus", 2024, T), ("population", 2024, T)}
    assert indicators.measure(figures[("age_65_plus", 2024, T)]) == 25.0  # the rate
    assert indicators.measure(figures[("population", 2024, T)]) == 100.0  # the value
    assert indicators.measure(None) is None


@pytest.mark.parametrize(
    ("values", "mean", "used", "missing"),
    [
        ([1.0, 2.0, 3.0], 2.0, 3, 0),
        ([1.0, None, 3.0], 2.0, 2, 1),  # not (1 + 0 + 3) / 3
        ([0.0, None], 0.0, 1, 1),
        ([None, None], None, 0, 2),
        ([], None, 0, 0),
    ],
)
def test_mean_skips_missing_and_counts_them(values, mean, used, missing):
    assert indicators.mean_skip_missing(values) == indicators.Aggregate(mean, used, missing)


def test_comparison_and_availability_show_what_is_missing_where():
    district = indicators.figures({("population", 2024, T): 100.0, ("households", 2024, T): None})
    municipality = indicators.figures(
        {("population", 2024, T): 1000.0, ("households", 2024, T): 400.0, ("pct_rented", 2022, "wbk2022"): 40.0}
    )
    rows = indicators.comparison([district, municipality])
    assert list(rows) == ["population", "households", "housing"]
    households = rows["households"][0]
    assert households.edition == ("households", 2024, T)
    assert households.cells[0].value is None and households.cells[1].value == 400.0
    housing = rows["housing"][0]
    assert housing.cells[0] is None  # the district has no such edition at all
    availability = indicators.availability([district, municipality])
    assert availability == {"population": ((2024,), (2024,)), "households": ((), (2024,)), "housing": ((), (2022,))}


@pytest.mark.parametrize(
    ("value", "decimals"), [(44.0, 0), (1.9, 1), (153.9, 1), (0.55, 2), (17942942.0, 0), (1 / 3, 3)]
)
def test_decimals_of_published_figures(value, decimals):
    assert indicators.decimals_of(value) == decimals


@pytest.mark.parametrize(
    ("token", "edition"),
    [
        ("age_65_plus:2024:85984NED", ("age_65_plus", 2024, "85984NED")),
        ("pct_rented:2022:wbk2022", ("pct_rented", 2022, "wbk2022")),
        ("nope:2024:85984NED", None),
        ("age_65_plus:twenty:85984NED", None),
        ("age_65_plus:2024", None),
        ("", None),
    ],
)
def test_edition_tokens(token, edition):
    assert indicators.edition_from_token(token) == edition
    if edition:
        assert indicators.edition_token(edition) == token


def test_figure_knows_its_definition():
    figure = Figure("households_single_person", 2023, "85618NED", 10.0, 50.0)
    assert figure.unit == "count" and figure.rate_unit == "pct_households"
    assert not figure.is_missing and Figure("population", 2024, T, None).is_missing
