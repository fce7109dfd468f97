"""The fixed list of metric keys a municipality can set targets on.

The same keys are returned by `/api/v1/metrics/` (monitoring) so every target can be evaluated.
Pure data and rules; no ORM.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Metric:
    key: str
    label: str | Promise
    unit: str  # "share" (0–100 %), "days", "per_1000", "count"
    better: str  # "higher" or "lower": which direction is an improvement


METRICS: dict[str, Metric] = {
    m.key: m
    for m in [
        Metric("share_closed_improved", _("Share of closed cases with improved self-reliance"), "share", "higher"),
        Metric("share_goals_reached", _("Share of goals reached"), "share", "higher"),
        Metric("share_solved_level_le_2", _("Share of cases solved at care level 0–2"), "share", "higher"),
        Metric("reentry_6m", _("Re-entry within 6 months"), "share", "lower"),
        Metric("reentry_12m", _("Re-entry within 12 months"), "share", "lower"),
        Metric("days_request_to_plan", _("Days from help request to plan (median)"), "days", "lower"),
        Metric("days_request_to_closure", _("Days from help request to closure (median)"), "days", "lower"),
        Metric("waiting_list", _("Households waiting for a coordinator"), "count", "lower"),
        Metric("short_contacts_per_1000_households", _("Short contacts per 1,000 households"), "per_1000", "higher"),
        Metric("help_requests_per_1000_households", _("Help requests per 1,000 households"), "per_1000", "lower"),
        Metric("share_work_income_goals_reached", _("Share of work & income goals reached"), "share", "higher"),
        Metric("caseload_per_fte", _("Caseload per FTE"), "count", "lower"),
        Metric("cost_per_closed_case", _("Cost per closed case (EUR)"), "count", "lower"),
        Metric("decisions_count", _("Number of decisions (beschikkingen)"), "count", "lower"),
    ]
}

COMPARISONS = {
    "gte": ("≥", lambda value, target: value >= target),
    "lte": ("≤", lambda value, target: value <= target),
}


def target_met(*, comparison: str, target: Decimal, value: Decimal | None) -> bool | None:
    """Whether a figure meets its target; None when the figure is unknown or suppressed."""
    if value is None:
        return None
    return bool(COMPARISONS[comparison][1](Decimal(value), Decimal(target)))
