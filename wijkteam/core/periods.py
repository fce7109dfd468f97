"""Reporting periods: a whole year (`2026`), half year (`2026-H1`) or quarter (`2026-Q3`).

Monitoring filters only by whole periods (so two overlapping queries cannot be subtracted to single
someone out); targets are set per period. Pure functions, no ORM.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[HQ])(?P<n>\d))?$")


class PeriodError(ValueError):
    """A period string that is not YYYY, YYYY-Hn or YYYY-Qn."""


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date  # inclusive
    code: str

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def kind(self) -> str:
        return "year" if len(self.code) == 4 else ("half" if "H" in self.code else "quarter")

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        year = self.start.year
        if self.kind == "year":
            return parse_period(str(year - 1))
        n = int(self.code[-1])
        size = 2 if self.kind == "half" else 4
        letter = "H" if self.kind == "half" else "Q"
        return parse_period(f"{year}-{letter}{n - 1}" if n > 1 else f"{year - 1}-{letter}{size}")


def parse_period(value: str) -> Period:
    match = _PATTERN.match((value or "").strip().upper())
    if not match:
        raise PeriodError(f"invalid period {value!r}: use YYYY, YYYY-Hn or YYYY-Qn")
    year = int(match["year"])
    if not 1900 <= year <= 2999:
        raise PeriodError(f"invalid year in period {value!r}")
    kind, n = match["kind"], match["n"]
    if kind is None:
        return Period(date(year, 1, 1), date(year, 12, 31), f"{year}")
    months = {"H": 6, "Q": 3}[kind]
    count = 12 // months
    number = int(n)
    if not 1 <= number <= count:
        raise PeriodError(f"invalid period {value!r}: {kind}{number} does not exist")
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    last_day = date(year + (last_month == 12), last_month % 12 + 1, 1) - date.resolution
    return Period(date(year, first_month, 1), last_day, f"{year}-{kind}{number}")
