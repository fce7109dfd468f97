"""Lawfulness checks of decisions (the auditor's rechtmatigheid question). Pure rules, no ORM.

A decision is flagged when it has no legal basis; when no investigation or assessment preceded it (a
step change with an evaluation, a recorded investigation of the Wmo report or first conversation, or an
assessment contributed by another app); when money is booked outside its period (the period ran out but
the decision was never ended, or care started before anyone asked for it); or when it is over budget
(a tariff above the catalogue's, or the team's spending on a budget function above its budget).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from wijkteam.provisions.flow import COSTING

NO_LEGAL_BASIS = "no_legal_basis"
NO_INVESTIGATION = "no_investigation"
OUTSIDE_PERIOD = "outside_period"
BEFORE_REQUEST = "before_request"
OVER_TARIFF = "over_tariff"
OVER_BUDGET = "over_budget"

LABELS = {
    NO_LEGAL_BASIS: _("Decision without a legal basis"),
    NO_INVESTIGATION: _("Decision without a preceding investigation or assessment"),
    OUTSIDE_PERIOD: _("Period has ended but the decision is still running (costs booked outside its period)"),
    BEFORE_REQUEST: _("Period starts before the report or application (costs booked outside its period)"),
    OVER_TARIFF: _("Tariff above the catalogue tariff"),
    OVER_BUDGET: _("Spending above the budget"),
}


@dataclass(frozen=True)
class DecisionFacts:
    pk: int
    status: str
    has_legal_basis: bool
    period_start: date
    period_end: date | None
    report_date: date | None
    application_date: date | None
    tariff: Decimal
    catalogue_tariff: Decimal
    investigated: bool


def decision_findings(facts: DecisionFacts, *, today: date) -> list[str]:
    findings = []
    if not facts.has_legal_basis:
        findings.append(NO_LEGAL_BASIS)
    if facts.status in COSTING and not facts.investigated:
        findings.append(NO_INVESTIGATION)
    if facts.status in ("granted", "objection") and facts.period_end is not None and facts.period_end < today:
        findings.append(OUTSIDE_PERIOD)
    asked = [d for d in (facts.report_date, facts.application_date) if d is not None]
    if facts.status in COSTING and asked and facts.period_start < min(asked):
        findings.append(BEFORE_REQUEST)
    if facts.tariff > facts.catalogue_tariff:
        findings.append(OVER_TARIFF)
    return findings


def over_budget(spent: Decimal, budget: Decimal | None) -> bool:
    return budget is not None and spent > budget
