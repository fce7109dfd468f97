"""The cost of a decision over its period, table-driven: partial months, leap years, ended decisions,
weekly frequencies."""

from datetime import date
from decimal import Decimal

import pytest

from wijkteam.provisions.costs import effective_end, monthly_costs, total_cost

D = Decimal


@pytest.mark.parametrize(
    ("start", "end", "ended_on", "volume", "tariff", "frequency", "expected"),
    [
        # Per month: a full year is twelve months.
        (date(2025, 1, 1), date(2025, 12, 31), None, "4", "25.00", "month", D("1200.00")),
        # Partial months: 15 of 31 days in January, all of February (28 days).
        (date(2025, 1, 17), date(2025, 2, 28), None, "1", "310.00", "month", D("460.00")),
        # Leap year: half of February 2024 is 14.5/29 ... 15 of 29 days.
        (date(2024, 2, 1), date(2024, 2, 15), None, "1", "290.00", "month", D("150.00")),
        (date(2023, 2, 1), date(2023, 2, 14), None, "1", "280.00", "month", D("140.00")),
        # Per week: 3 hours a week for 4 whole weeks, and 10 days (10/7 week).
        (date(2025, 3, 3), date(2025, 3, 30), None, "3", "60.00", "week", D("720.00")),
        (date(2025, 3, 1), date(2025, 3, 10), None, "7", "10.00", "week", D("100.00")),
        # Per week across a leap day: 29 Feb counts as a day.
        (date(2024, 2, 26), date(2024, 3, 3), None, "2", "35.00", "week", D("70.00")),
        # Per day.
        (date(2024, 2, 28), date(2024, 3, 1), None, "1", "50.00", "day", D("150.00")),
        # Per period: the whole amount once.
        (date(2025, 1, 1), date(2025, 6, 30), None, "1", "1500.00", "period", D("1500.00")),
        # Ended early: the cost stops on the end date.
        (date(2025, 1, 1), date(2025, 12, 31), date(2025, 3, 31), "1", "100.00", "month", D("300.00")),
        (date(2025, 1, 1), date(2025, 1, 28), date(2025, 1, 14), "5", "20.00", "week", D("200.00")),
        # Ended early on a period amount: the share of the planned days that ran (31 of 59).
        (date(2025, 1, 1), date(2025, 2, 28), date(2025, 1, 31), "1", "590.00", "period", D("310.00")),
        # Ended before it started: nothing.
        (date(2025, 5, 1), date(2025, 6, 30), date(2025, 4, 30), "1", "100.00", "month", D("0.00")),
        # A planned end before the early end: the planned end counts.
        (date(2025, 1, 1), date(2025, 1, 31), date(2025, 3, 1), "1", "100.00", "month", D("100.00")),
    ],
)
def test_total_cost(start, end, ended_on, volume, tariff, frequency, expected):
    cost = total_cost(start=start, end=end, ended_on=ended_on, volume=D(volume), tariff=D(tariff), frequency=frequency)
    assert cost == expected


def test_months_of_a_partial_period_and_cents():
    months = monthly_costs(
        start=date(2024, 1, 20), end=date(2024, 3, 10), volume=D("1"), tariff=D("100.00"), frequency="month"
    )
    assert months == {(2024, 1): D("38.71"), (2024, 2): D("100.00"), (2024, 3): D("32.26")}


def test_period_amount_spread_over_months_adds_up_exactly():
    months = monthly_costs(
        start=date(2025, 1, 1), end=date(2025, 3, 31), volume=D("1"), tariff=D("1000.00"), frequency="period"
    )
    assert sum(months.values()) == D("1000.00")
    assert list(months) == [(2025, 1), (2025, 2), (2025, 3)]


def test_open_ended_decision_is_costed_until_a_date():
    months = monthly_costs(
        start=date(2025, 11, 1),
        end=None,
        volume=D("2"),
        tariff=D("50.00"),
        frequency="month",
        until=date(2025, 12, 31),
    )
    assert months == {(2025, 11): D("100.00"), (2025, 12): D("100.00")}
    assert monthly_costs(start=date(2025, 1, 1), end=None, volume=D(1), tariff=D(1), frequency="month") == {}


@pytest.mark.parametrize(
    ("end", "ended_on", "expected"),
    [
        (date(2025, 12, 31), None, date(2025, 12, 31)),
        (date(2025, 12, 31), date(2025, 6, 30), date(2025, 6, 30)),
        (None, date(2025, 6, 30), date(2025, 6, 30)),
        (date(2025, 3, 31), date(2025, 6, 30), date(2025, 3, 31)),
        (None, None, None),
    ],
)
def test_effective_end(end, ended_on, expected):
    assert effective_end(end=end, ended_on=ended_on) == expected


def test_unknown_frequency():
    with pytest.raises(ValueError):
        monthly_costs(start=date(2025, 1, 1), end=date(2025, 1, 2), volume=D(1), tariff=D(1), frequency="year")
