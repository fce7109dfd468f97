"""Legal clocks and working days, table-driven: Easter, King's Day, Liberation Day, urgent debt terms."""

from datetime import date

import pytest

from wijkteam.provisions.terms import DEFAULT_TERMS, clock_for, deadline, pick_term
from wijkteam.provisions.workdays import add_working_days, easter_sunday, is_working_day, kings_day, public_holidays


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
        (2285, date(2285, 3, 22)),
    ],
)
def test_easter(year, easter):
    assert easter_sunday(year) == easter


@pytest.mark.parametrize(
    ("year", "day"),
    [
        (2025, date(2025, 4, 26)),  # 27 April 2025 is a Sunday
        (2026, date(2026, 4, 27)),
        (2031, date(2031, 4, 26)),  # 27 April 2031 is a Sunday
        (2012, date(2012, 4, 30)),  # Queen's Day
        (2006, date(2006, 4, 29)),  # 30 April 2006 was a Sunday
    ],
)
def test_kings_day(year, day):
    assert kings_day(year) == day


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 1, 1), False),  # New Year
        (date(2026, 4, 3), False),  # Good Friday
        (date(2026, 4, 6), False),  # Easter Monday
        (date(2026, 4, 27), False),  # King's Day
        (date(2026, 5, 5), False),  # Liberation Day, every year (Algemene termijnenwet)
        (date(2026, 5, 14), False),  # Ascension Day
        (date(2026, 5, 25), False),  # Whit Monday
        (date(2026, 12, 25), False),
        (date(2026, 12, 26), False),
        (date(2026, 11, 21), False),  # Saturday
        (date(2026, 11, 23), True),
        (date(2026, 4, 28), True),
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


def test_holidays_count():
    assert len(public_holidays(2026)) == 11


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 23), 3, date(2026, 11, 26)),  # Monday + 3 = Thursday
        (date(2026, 11, 26), 3, date(2026, 12, 1)),  # Thursday over a weekend
        (date(2026, 4, 2), 3, date(2026, 4, 9)),  # over Good Friday and Easter Monday
        (date(2026, 12, 24), 3, date(2026, 12, 30)),  # over Christmas
        (date(2026, 4, 24), 3, date(2026, 4, 30)),  # over King's Day
        (date(2026, 5, 4), 1, date(2026, 5, 6)),  # over Liberation Day
    ],
)
def test_add_working_days(start, days, expected):
    assert add_working_days(start, days) == expected


@pytest.mark.parametrize(
    ("basis", "event", "urgent", "start", "expected"),
    [
        ("wmo2015", "report", False, date(2026, 1, 5), date(2026, 2, 16)),  # six weeks
        ("wmo2015", "application", False, date(2026, 1, 5), date(2026, 1, 19)),  # two weeks
        ("jeugdwet", "application", False, date(2026, 1, 5), date(2026, 3, 2)),  # eight weeks
        ("participatiewet", "application", False, date(2024, 2, 1), date(2024, 3, 28)),  # over a leap day
        ("wgs", "report", False, date(2026, 1, 5), date(2026, 2, 2)),  # four weeks
        ("wgs", "report", True, date(2026, 4, 2), date(2026, 4, 9)),  # 3 working days over Easter
        ("wmo2015", "report", True, date(2026, 1, 5), date(2026, 2, 16)),  # no urgent Wmo term: the regular one
    ],
)
def test_deadlines(basis, event, urgent, start, expected):
    term = pick_term(DEFAULT_TERMS, legal_basis=basis, event=event, urgent=urgent)
    assert deadline(start, term.amount, term.unit) == expected


def test_no_term():
    assert pick_term(DEFAULT_TERMS, legal_basis="wgs", event="application") is None


@pytest.mark.parametrize(
    ("finished_on", "today", "state"),
    [
        (None, date(2026, 1, 6), "running"),
        (None, date(2026, 1, 15), "warning"),
        (None, date(2026, 1, 20), "overdue"),
        (date(2026, 1, 19), date(2026, 3, 1), "finished"),
        (date(2026, 1, 20), date(2026, 3, 1), "finished_late"),
    ],
)
def test_clock_flags_overrun(finished_on, today, state):
    term = pick_term(DEFAULT_TERMS, legal_basis="wmo2015", event="application")
    clock = clock_for(term, started_on=date(2026, 1, 5), finished_on=finished_on, today=today)
    assert clock.deadline == date(2026, 1, 19)
    assert clock.state == state


def test_unknown_unit():
    with pytest.raises(ValueError):
        deadline(date(2026, 1, 1), 1, "fortnights")
