"""The care-level section of the case page (registered in `registrations`): the current level, the
legal clocks, the options that fit (lightest first), the history of step changes, the decisions with
their cost and the frontline payments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from wijkteam.provisions import costs, flow, forms, selectors, services
from wijkteam.provisions.models import Decision, DecisionStatus, FrontlinePayment
from wijkteam.teams import selectors as team_selectors


@dataclass
class DecisionRow:
    decision: Decision
    cost: Decimal
    clocks: list[selectors.NamedClock]
    next_statuses: list[tuple[str, str]]


def decision_cost(decision: Decision, today: date) -> Decimal:
    if decision.status not in flow.COSTING:
        return Decimal("0.00")
    return costs.total_cost(
        start=decision.period_start,
        end=decision.period_end,
        ended_on=decision.ended_on,
        volume=decision.volume,
        tariff=decision.tariff,
        frequency=decision.frequency,
        until=date(max(today.year, decision.period_start.year), 12, 31),
    )


def section_context(request: HttpRequest, view: Any, form: Any = None) -> dict[str, Any] | None:
    if not getattr(view, "has_content", False):
        return None
    case = view.case
    user = request.user
    today = timezone.localdate()
    table = selectors.terms_table()
    changes = list(selectors.step_changes_for_case(case))
    # A route's clock stops at the first decision on the case after it came in.
    decisions = list(selectors.decisions_for_case(case))
    decided = sorted(d.decided_on for d in decisions if d.decided_on)
    step_clocks = []
    for change in changes:
        stop = next((day for day in decided if change.received_on and day >= change.received_on), None)
        clock = selectors.step_change_clock(change, table=table, decided=stop, today=today)
        if clock:
            step_clocks.append((change, clock))
    rows = [
        DecisionRow(
            decision=d,
            cost=decision_cost(d, today),
            clocks=selectors.decision_clocks(d, table=table, today=today),
            next_statuses=[(s, str(DecisionStatus(s).label)) for s in sorted(flow.TRANSITIONS.get(d.status, ()))],
        )
        for d in decisions
    ]
    payments = list(FrontlinePayment.objects.filter(case=case).select_related("requested_by", "approved_by"))
    district = services.case_district(case)
    return {
        "case": case,
        "level": case.care_level,
        "changes": changes,
        "step_clocks": step_clocks,
        "offers": selectors.options_for_case(case=case, district=district),
        "decisions": rows,
        "decisions_total": sum((r.cost for r in rows), Decimal("0.00")),
        "payments": payments,
        "form": form or forms.StepChangeForm(initial={"decided_on": today, "to_level": None}),
        "can_change": not case.is_closed,
        "can_decide": user.can("record_decisions") and not case.is_closed,
        "can_pay": not case.is_closed and case.team_id in team_selectors.team_ids_led_by(user=user),
        "today": today,
    }
