"""Legal terms (clocks) per legal basis: the shipped defaults and the deadline arithmetic. Pure, no ORM.

A term runs from an event (a Wmo report, an application) and ends with a deliverable (the
investigation or first conversation, the decision). Functional administrators keep the terms as data
(`LegalTerm`); these are the defaults that the data migration loads and that apply when the table is
empty. The clock itself (running, warning, overdue, finished in time or late) is the case file's
`cases.legal_terms.LegalClock`, shared with the Wmo clock on the case page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from wijkteam.cases.legal_terms import LegalClock, term_clock
from wijkteam.provisions.workdays import add_working_days

UNITS = ("calendar_days", "weeks", "working_days")
EVENTS = ("report", "application")


@dataclass(frozen=True)
class Term:
    legal_basis: str  # LegalBasis code
    event: str  # "report" or "application"
    amount: int
    unit: str  # calendar_days, weeks or working_days
    deliverable: str  # "investigation" or "decision"
    article: str
    urgent: bool = False  # only when eviction or cut-off threatens (debt counselling)


DEFAULT_TERMS: list[Term] = [
    Term("wmo2015", "report", 6, "weeks", "investigation", "Wmo 2015 art. 2.3.2"),
    Term("wmo2015", "application", 2, "weeks", "decision", "Wmo 2015 art. 2.3.5"),
    Term("jeugdwet", "application", 8, "weeks", "decision", "Awb art. 4:13"),
    Term("participatiewet", "application", 8, "weeks", "decision", "Awb art. 4:13"),
    Term("wgs", "report", 4, "weeks", "investigation", "Wgs art. 4a lid 1"),
    Term("wgs", "report", 3, "working_days", "investigation", "Wgs art. 4a lid 2", urgent=True),
]


def deadline(start: date, amount: int, unit: str) -> date:
    if unit == "working_days":
        return add_working_days(start, amount)
    if unit == "weeks":
        return start + timedelta(weeks=amount)
    if unit == "calendar_days":
        return start + timedelta(days=amount)
    raise ValueError(f"unknown unit {unit!r}")


def pick_term(terms: list[Term], *, legal_basis: str, event: str, urgent: bool = False) -> Term | None:
    """The term for this event; an urgent term only applies when the situation is urgent."""
    matching = [t for t in terms if t.legal_basis == legal_basis and t.event == event]
    if urgent and (urgent_terms := [t for t in matching if t.urgent]):
        return urgent_terms[0]
    regular = [t for t in matching if not t.urgent]
    return regular[0] if regular else None


def clock_for(term: Term, *, started_on: date, finished_on: date | None, today: date) -> LegalClock:
    return term_clock(
        received_on=started_on,
        deadline=deadline(started_on, term.amount, term.unit),
        finished_on=finished_on,
        today=today,
    )
