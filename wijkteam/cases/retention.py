"""Retention periods and destruction dates. Pure functions, no ORM.

Every kind of record is mapped to a category of the *Selectielijst gemeenten en intergemeentelijke
organen 2020* (see docs/retention.md for the mapping and the categories). A category's period counts from
the end of the file or provision (the day the case was closed, the request withdrawn, the contact
held); on the due date the record may be destroyed, once an authorised official has approved a
destruction list that holds it.

The periods are data: the defaults below are seeded into `RetentionCategory` rows, which a municipality
may change (e.g. after its own archival decision); the services read the rows, this module only computes.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Period:
    years: int = 0
    months: int = 0
    days: int = 0

    def __str__(self) -> str:
        parts = []
        if self.years:
            parts.append(f"{self.years} y")
        if self.months:
            parts.append(f"{self.months} m")
        if self.days or not parts:
            parts.append(f"{self.days} d")
        return " ".join(parts)


@dataclass(frozen=True)
class CategoryDefault:
    code: str
    name: str
    selectielijst: str
    period: Period
    anonymise: bool  # keep a statistical record without personal data when the file is destroyed


# Defaults (issue 8). `selectielijst` names the process type and result of the Selectielijst 2020 the
# category follows; a municipality confirms the exact result number against its own zaaktype catalogue.
CATEGORY_DEFAULTS: tuple[CategoryDefault, ...] = (
    CategoryDefault(
        "wmo",
        "Wmo 2015 support (case file)",
        "Verstrekken — maatschappelijke ondersteuning (Wmo 2015), resultaat verleend: vernietigen 15 jaar",
        Period(years=15),
        True,
    ),
    CategoryDefault(
        "youth",
        "Youth care (Jeugdwet)",
        "Verstrekken — jeugdhulp (Jeugdwet art. 7.3.8), resultaat verleend: vernietigen 20 jaar",
        Period(years=20),
        True,
    ),
    CategoryDefault(
        "participation",
        "Participatiewet provision",
        "Verstrekken — voorziening Participatiewet, resultaat verleend: vernietigen 10 jaar",
        Period(years=10),
        True,
    ),
    CategoryDefault(
        "debt",
        "Debt counselling (Wgs)",
        "Verstrekken — schuldhulpverlening (Wgs), resultaat verleend: vernietigen 5 jaar",
        Period(years=5),
        True,
    ),
    CategoryDefault(
        "refused",
        "Refused or unanswered request",
        "Verstrekken — resultaat geweigerd / niet verleend: vernietigen 5 jaar",
        Period(years=5),
        False,
    ),
    CategoryDefault(
        "aborted",
        "Aborted (withdrawn) request",
        "Verstrekken — resultaat afgebroken (ingetrokken): vernietigen 42 dagen",
        Period(days=42),
        False,
    ),
    CategoryDefault(
        "login",
        "Login data",
        "Technische logging van inloggen (BIO 12.4): vernietigen 6 maanden",
        Period(months=6),
        False,
    ),
)
DEFAULT_PERIODS: dict[str, Period] = {c.code: c.period for c in CATEGORY_DEFAULTS}

# The access log is kept at least this long, and longer where the file it concerns is kept longer.
ACCESS_LOG_MINIMUM = Period(years=5)

# Life domains whose only presence makes a case a debt-counselling file (codes of reference.LifeDomain).
DEBT_DOMAINS = frozenset({"finances"})


def add_period(start: date, period: Period) -> date:
    """`start` plus the period, calendar-wise. A day that does not exist in the target month (29 February
    in a common year, 31 April) becomes the last day of that month."""
    month_index = start.month - 1 + period.months
    year = start.year + period.years + month_index // 12
    month = month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) + timedelta(days=period.days)


def subtract_period(end: date, period: Period) -> date:
    """`end` minus the period (for cut-offs such as "older than 5 years"); a missing day becomes the last
    day of the month."""
    shifted = end - timedelta(days=period.days)
    month_index = shifted.month - 1 - period.months
    year = shifted.year - period.years + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(shifted.day, calendar.monthrange(year, month)[1]))


def due_on(*, ended_on: date, period: Period) -> date:
    """The first day on which a record that ended on `ended_on` may be destroyed."""
    return add_period(ended_on, period)


def is_due(*, ended_on: date | None, period: Period, today: date) -> bool:
    """An open file (no end) is never due."""
    return ended_on is not None and due_on(ended_on=ended_on, period=period) <= today


def case_category(
    *,
    youth_involved: bool,
    life_domain_codes: Iterable[str] = (),
    wmo_report: bool = False,
) -> str:
    """The category of a case file. Youth care wins (longest period); a case about debts only, without a
    formal Wmo report, is a debt-counselling file; every other case is Wmo 2015 support."""
    if youth_involved:
        return "youth"
    codes = set(life_domain_codes)
    if codes and codes <= DEBT_DOMAINS and not wmo_report:
        return "debt"
    return "wmo"


def longest(periods: Iterable[Period], *, reference: date) -> Period:
    """The longest of these periods as seen from `reference` (months and years differ in days)."""
    return max(periods, key=lambda p: add_period(reference, p))
