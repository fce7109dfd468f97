"""Legal terms on a case. Pure functions, no ORM.

A formal Wmo report (melding) starts the investigation: under article 2.3.2 of the Wmo 2015 the
municipality finishes it within six weeks. Here the investigation counts as finished when the plan is
first agreed with the household (the plan is the report of the investigation).

`LegalClock` and `term_clock` serve every legal term (provisions keeps the terms per legal basis as data).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

WMO_INVESTIGATION_WEEKS = 6
# Within this many days of the deadline the clock shows as a warning.
WARN_DAYS = 7


@dataclass(frozen=True)
class LegalClock:
    received_on: date
    deadline: date
    finished_on: date | None
    days_left: int  # negative when the deadline has passed (or was passed when finished)

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)

    @property
    def state(self) -> str:
        """running, warning, overdue, finished (in time) or finished_late."""
        if self.finished_on is not None:
            return "finished" if self.finished_on <= self.deadline else "finished_late"
        if self.days_left < 0:
            return "overdue"
        return "warning" if self.days_left <= WARN_DAYS else "running"


WmoClock = LegalClock


def term_clock(*, received_on: date, deadline: date, finished_on: date | None, today: date) -> LegalClock:
    """A legal term that started on `received_on` and ends on `deadline` (inclusive)."""
    reference = finished_on or today
    return LegalClock(
        received_on=received_on, deadline=deadline, finished_on=finished_on, days_left=(deadline - reference).days
    )


def wmo_investigation_clock(*, received_on: date, finished_on: date | None, today: date) -> LegalClock:
    """The six-week investigation term of a Wmo report received on `received_on`."""
    return term_clock(
        received_on=received_on,
        deadline=received_on + timedelta(weeks=WMO_INVESTIGATION_WEEKS),
        finished_on=finished_on,
        today=today,
    )
