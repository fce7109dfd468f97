"""Rules of a case's life: status transitions and re-entry. Pure functions, no ORM."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from wijkteam.core.dates import add_months

ORDER = ["intake", "plan", "execution", "evaluation", "closed"]
# From a status, where a case may go next (besides closing, which is always possible).
TRANSITIONS: dict[str, set[str]] = {
    "intake": {"plan"},
    "plan": {"execution", "intake"},
    "execution": {"evaluation", "plan"},
    "evaluation": {"execution", "plan"},
    "closed": set(),
}
REENTRY_MONTHS = 12


class TransitionError(ValueError):
    pass


def check_transition(current: str, new: str) -> None:
    """Raise TransitionError unless a case may move from `current` to `new`."""
    if current == "closed":
        raise TransitionError("a closed case cannot change status; open a new case for a new request")
    if new == "closed":
        return
    if new not in TRANSITIONS.get(current, set()):
        raise TransitionError(f"a case cannot go from {current} to {new}")


def is_reentry(*, opened_on: date, earlier_closures: Iterable[date | None]) -> bool:
    """Re-entry: the household gets a new case within 12 months after closing an earlier one."""
    window_start = add_months(opened_on, -REENTRY_MONTHS)
    return any(closed is not None and window_start <= closed <= opened_on for closed in earlier_closures)


def whole_months_between(earlier: date, later: date) -> int:
    """Whole calendar months from `earlier` to `later` (0 when less than a month, never negative)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day and add_months(earlier, months) > later:
        months -= 1
    return max(months, 0)


def reentry_months_ago(*, on: date, earlier_closures: Iterable[date | None]) -> int | None:
    """If a case opened on `on` would be a re-entry: how many whole months ago the latest earlier case
    closed ("closed 8 months ago → re-entry"); None when it would not be a re-entry."""
    in_window = [
        closed
        for closed in earlier_closures
        if closed is not None and is_reentry(opened_on=on, earlier_closures=[closed])
    ]
    if not in_window:
        return None
    return whole_months_between(max(in_window), on)
