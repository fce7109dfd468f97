"""Retention periods (pure, table-driven)."""

from datetime import date

import pytest

from wijkteam.cases.retention import (
    CATEGORY_DEFAULTS,
    DEFAULT_PERIODS,
    Period,
    add_period,
    case_category,
    due_on,
    is_due,
    longest,
    subtract_period,
)


@pytest.mark.parametrize(
    ("start", "period", "expected"),
    [
        (date(2020, 3, 1), Period(years=15), date(2035, 3, 1)),
        (date(2020, 2, 29), Period(years=15), date(2035, 2, 28)),  # leap day into a common year
        (date(2020, 2, 29), Period(years=20), date(2040, 2, 29)),  # leap day into a leap year
        (date(2024, 2, 29), Period(years=5), date(2029, 2, 28)),
        (date(2023, 2, 28), Period(years=1), date(2024, 2, 28)),
        (date(2024, 8, 31), Period(months=6), date(2025, 2, 28)),
        (date(2023, 8, 31), Period(months=6), date(2024, 2, 29)),
        (date(2024, 12, 31), Period(months=2), date(2025, 2, 28)),
        (date(2024, 1, 31), Period(days=42), date(2024, 3, 13)),  # through 29 February
        (date(2023, 1, 31), Period(days=42), date(2023, 3, 14)),
        (date(2025, 12, 1), Period(months=1), date(2026, 1, 1)),
    ],
)
def test_add_period(start, period, expected):
    assert add_period(start, period) == expected


@pytest.mark.parametrize(
    ("end", "period", "expected"),
    [
        (date(2031, 6, 15), Period(years=5), date(2026, 6, 15)),
        (date(2029, 2, 28), Period(years=5), date(2024, 2, 28)),
        (date(2028, 2, 29), Period(years=5), date(2023, 2, 28)),
        (date(2025, 8, 31), Period(months=6), date(2025, 2, 28)),
        (date(2024, 3, 13), Period(days=42), date(2024, 1, 31)),
    ],
)
def test_subtract_period(end, period, expected):
    assert subtract_period(end, period) == expected


@pytest.mark.parametrize(
    ("ended_on", "code", "today", "due"),
    [
        (date(2026, 1, 10), "wmo", date(2041, 1, 9), False),
        (date(2026, 1, 10), "wmo", date(2041, 1, 10), True),
        (date(2026, 1, 10), "youth", date(2041, 1, 10), False),
        (date(2026, 1, 10), "youth", date(2046, 1, 10), True),
        (date(2026, 1, 10), "participation", date(2036, 1, 10), True),
        (date(2026, 1, 10), "debt", date(2031, 1, 9), False),
        (date(2026, 1, 10), "refused", date(2031, 1, 10), True),
        (date(2026, 1, 10), "aborted", date(2026, 2, 20), False),
        (date(2026, 1, 10), "aborted", date(2026, 2, 21), True),
        (date(2026, 1, 10), "login", date(2026, 7, 10), True),
        (None, "wmo", date(2099, 1, 1), False),  # an open file is never due
    ],
)
def test_is_due_with_the_default_periods(ended_on, code, today, due):
    assert is_due(ended_on=ended_on, period=DEFAULT_PERIODS[code], today=today) is due


@pytest.mark.parametrize(
    ("youth", "domains", "wmo_report", "expected"),
    [
        (True, ["finances"], False, "youth"),
        (True, [], True, "youth"),
        (False, ["finances"], False, "debt"),
        (False, ["finances"], True, "wmo"),
        (False, ["finances", "housing"], False, "wmo"),
        (False, [], False, "wmo"),
        (False, ["mental_health"], False, "wmo"),
    ],
)
def test_case_category(youth, domains, wmo_report, expected):
    assert case_category(youth_involved=youth, life_domain_codes=domains, wmo_report=wmo_report) == expected


def test_defaults_match_the_issue():
    assert {c.code: str(c.period) for c in CATEGORY_DEFAULTS} == {
        "wmo": "15 y",
        "youth": "20 y",
        "participation": "10 y",
        "debt": "5 y",
        "refused": "5 y",
        "aborted": "42 d",
        "login": "6 m",
    }
    assert all(c.selectielijst for c in CATEGORY_DEFAULTS)
    assert due_on(ended_on=date(2026, 1, 1), period=Period(months=6)) == date(2026, 7, 1)
    assert longest([Period(years=5), Period(months=61)], reference=date(2026, 1, 1)) == Period(months=61)
