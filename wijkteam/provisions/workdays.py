"""Working days for legal terms: not a Saturday, Sunday or Dutch public holiday. Pure, no ORM.

The holidays are those of the Algemene termijnenwet (art. 3), which governs statutory terms in working
days: New Year's Day, Good Friday, Easter Monday, Ascension Day, Whit Monday, King's Day, Liberation Day
(5 May), Christmas Day and Boxing Day (Easter Sunday and Whit Sunday are Sundays anyway).

Choices made here:
- Liberation Day (5 May) counts **every year**, as the Algemene termijnenwet does; the five-yearly rule
  is a collective-agreement matter for employers, not for legal terms.
- King's Day is 27 April, or 26 April when 27 April is a Sunday (Wet viering Koningsdag); before 2014
  Queen's Day on 30 April (29 April when that was a Sunday).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month, day = divmod(h + leap - 7 * m + 114, 31)
    return date(year, month, day + 1)


def kings_day(year: int) -> date:
    if year >= 2014:
        day = date(year, 4, 27)
        return day - timedelta(days=1) if day.weekday() == 6 else day
    day = date(year, 4, 30)
    return day - timedelta(days=1) if day.weekday() == 6 else day


@cache
def public_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    return frozenset(
        {
            date(year, 1, 1),
            easter - timedelta(days=2),  # Good Friday
            easter,
            easter + timedelta(days=1),  # Easter Monday
            easter + timedelta(days=39),  # Ascension Day
            easter + timedelta(days=49),  # Whit Sunday
            easter + timedelta(days=50),  # Whit Monday
            kings_day(year),
            date(year, 5, 5),
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the day of the event itself does not count)."""
    current = start
    counted = 0
    while counted < days:
        current += timedelta(days=1)
        if is_working_day(current):
            counted += 1
    return current
