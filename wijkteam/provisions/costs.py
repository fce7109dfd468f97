"""The cost of a decision over its period, spread over calendar months. Pure, no ORM.

A decision grants `volume` units per frequency (per day, week, month or for the whole period) at a
`tariff` per unit. The cost runs from the start to the effective end: the planned end, or the day the
decision was ended early, whichever is first; an open-ended decision is costed up to `until`.
- per day: every calendar day of the period counts;
- per week: a seventh of the weekly amount per day (so a period of 10 days costs 10/7 weeks);
- per month: a full calendar month costs the monthly amount, a partial month the share of its days
  (a day of February counts 1/28, or 1/29 in a leap year);
- per period: the amount once, spread over the months by days.
Amounts are rounded to cents per month (half up); the total is the sum of the months.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

FREQUENCIES = ("day", "week", "month", "period")
CENT = Decimal("0.01")
Month = tuple[int, int]


def effective_end(*, end: date | None, ended_on: date | None) -> date | None:
    """The last day that costs money: the planned end, or the early end when that comes first."""
    if ended_on is None:
        return end
    if end is None:
        return ended_on
    return min(end, ended_on)


def _month_spans(start: date, end: date) -> list[tuple[Month, int, int]]:
    """Per month of [start, end]: (month, days of the period in it, days in the month)."""
    spans = []
    current = start
    while current <= end:
        days_in_month = calendar.monthrange(current.year, current.month)[1]
        last = min(end, date(current.year, current.month, days_in_month))
        spans.append(((current.year, current.month), (last - current).days + 1, days_in_month))
        current = last + timedelta(days=1)
    return spans


def monthly_costs(
    *,
    start: date,
    end: date | None,
    volume: Decimal,
    tariff: Decimal,
    frequency: str,
    ended_on: date | None = None,
    until: date | None = None,
) -> dict[Month, Decimal]:
    """The cost per calendar month, in euros rounded to cents."""
    if frequency not in FREQUENCIES:
        raise ValueError(f"unknown frequency {frequency!r}")
    last = effective_end(end=end, ended_on=ended_on)
    if end is None and until is not None and (last is None or last > until):
        last = until
    if last is None or last < start:
        return {}
    amount = Decimal(volume) * Decimal(tariff)
    spans = _month_spans(start, last)
    exact: dict[Month, Decimal] = {}
    if frequency == "day":
        exact = {month: amount * days for month, days, _ in spans}
    elif frequency == "week":
        exact = {month: amount * days / 7 for month, days, _ in spans}
    elif frequency == "month":
        exact = {month: amount * days / in_month for month, days, in_month in spans}
    else:
        total_days = sum(days for _, days, _ in spans)
        # Ended early: only the share of the planned period that ran is paid.
        planned_days = ((end or last) - start).days + 1
        share = amount * total_days / planned_days
        result: dict[Month, Decimal] = {}
        booked = Decimal(0)
        for index, (month, days, _) in enumerate(spans):
            if index == len(spans) - 1:
                result[month] = share.quantize(CENT, rounding=ROUND_HALF_UP) - booked
            else:
                result[month] = (share * days / total_days).quantize(CENT, rounding=ROUND_HALF_UP)
                booked += result[month]
        return result
    return {month: value.quantize(CENT, rounding=ROUND_HALF_UP) for month, value in exact.items()}


def total_cost(**kwargs: object) -> Decimal:
    return sum(monthly_costs(**kwargs).values(), Decimal("0.00"))  # type: ignore[arg-type]
