from datetime import date

import pytest

from wijkteam.core.periods import PeriodError, parse_period


@pytest.mark.parametrize(
    ("value", "start", "end", "code", "kind"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "2026", "year"),
        ("2026-h1", date(2026, 1, 1), date(2026, 6, 30), "2026-H1", "half"),
        ("2026-H2", date(2026, 7, 1), date(2026, 12, 31), "2026-H2", "half"),
        ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31), "2024-Q1", "quarter"),
        ("2024-Q4", date(2024, 10, 1), date(2024, 12, 31), "2024-Q4", "quarter"),
        (" 2028-Q1 ", date(2028, 1, 1), date(2028, 3, 31), "2028-Q1", "quarter"),
    ],
)
def test_parse(value, start, end, code, kind):
    period = parse_period(value)
    assert (period.start, period.end, period.code, period.kind) == (start, end, code, kind)


@pytest.mark.parametrize("value", ["", "26", "2026-Q5", "2026-H3", "2026-Q0", "2026-M1", "2026-01", "1800"])
def test_invalid(value):
    with pytest.raises(PeriodError):
        parse_period(value)


@pytest.mark.parametrize(
    ("value", "previous"), [("2026", "2025"), ("2026-H1", "2025-H2"), ("2026-Q1", "2025-Q4"), ("2026-Q3", "2026-Q2")]
)
def test_previous(value, previous):
    assert parse_period(value).previous().code == previous


def test_contains():
    assert parse_period("2026-Q2").contains(date(2026, 6, 30))
    assert not parse_period("2026-Q2").contains(date(2026, 7, 1))
