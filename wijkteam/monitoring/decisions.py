"""Stepped-care and decision/expenditure figures from the app `provisions`.

- **Step-ups and step-downs per care level**: step changes decided in the period for cases in scope,
  per level they started from (up: to a higher level; down: to a lower one; a first placement has no
  level to start from).
- **Decisions** (`decisions_count`): decisions decided in the period, per provision (granted / rejected /
  other), per legal basis and per budget function.
- **Expenditure**: what the decisions cost in the period (`provisions.costs.monthly_costs`, months of the
  period only) plus frontline payments paid in it, per provision, legal basis and budget function. An
  amount is secret when fewer persons than the threshold are behind it; secondary suppression follows
  the pattern of the person counts, so the total minus shown amounts reveals no secret amount. Whole euros.
- **Cost per closed case** (`cost_per_closed_case`): for the cases closed in the period, the cost of their
  decisions over their whole period (open-ended ones up to the closing day) plus their frontline
  payments, divided by the number of closed cases; secret over fewer closed cases than the threshold.
- **Lawfulness deviations**: the checks of `provisions.lawfulness` on the decisions of the teams in scope
  (their current state, as the auditor sees it), counted per finding.

A fixed number of queries per section (lawfulness: per team), never per decision or case.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wijkteam.monitoring import suppression
from wijkteam.monitoring.metrics import Scope, Table, closed_cases, counts_table, teams_in_scope
from wijkteam.monitoring.suppression import Protected, Rules
from wijkteam.provisions import costs, flow, lawfulness
from wijkteam.provisions import selectors as provision_selectors
from wijkteam.provisions.models import BudgetFunction, Decision, FrontlinePayment, StepChange
from wijkteam.reference.models import CareLevel

EURO = Decimal("1")


def _decisions(scope: Scope) -> QuerySet[Decision]:
    qs = Decision.objects.all()
    if scope.municipality is not None:
        qs = qs.filter(team__municipality=scope.municipality)
    if scope.team is not None:
        qs = qs.filter(team=scope.team)
    if scope.district is not None:
        qs = qs.filter(district=scope.district)
    return qs


def _payments(scope: Scope) -> QuerySet[FrontlinePayment]:
    qs = FrontlinePayment.objects.filter(paid_on__gte=scope.period.start, paid_on__lte=scope.period.end)
    if scope.municipality is not None:
        qs = qs.filter(team__municipality=scope.municipality)
    if scope.team is not None:
        qs = qs.filter(team=scope.team)
    if scope.district is not None:
        qs = qs.filter(district=scope.district)
    return qs


def decided_in_period(scope: Scope) -> QuerySet[Decision]:
    return _decisions(scope).filter(decided_on__gte=scope.period.start, decided_on__lte=scope.period.end)


def _in_period(monthly: dict[tuple[int, int], Decimal], start: date, end: date) -> Decimal:
    first, last = (start.year, start.month), (end.year, end.month)
    return sum((amount for month, amount in monthly.items() if first <= month <= last), Decimal("0.00"))


# ------------------------------------------------------------------------------------------------ figures
def decision_figures(scope: Scope, rules: Rules) -> dict[str, Protected]:
    count = decided_in_period(scope).count()
    closed = list(closed_cases(scope).values_list("pk", "closed_on"))
    closed_on = dict(closed)
    total = Decimal("0.00")
    rows = Decision.objects.filter(case_id__in=closed_on.keys(), status__in=flow.COSTING).values_list(
        "case_id", "period_start", "period_end", "ended_on", "volume", "tariff", "frequency"
    )
    for case_id, start, end, ended_on, volume, tariff, frequency in rows:
        total += costs.total_cost(
            start=start,
            end=end,
            ended_on=ended_on,
            volume=volume,
            tariff=tariff,
            frequency=frequency,
            until=closed_on[case_id] if end is None else None,
        )
    for amount in FrontlinePayment.objects.filter(case_id__in=closed_on.keys()).values_list("amount", flat=True):
        total += amount
    per_case = (total / len(closed)) if closed else None
    return {
        "decisions_count": suppression.count(count, rules),
        "cost_per_closed_case": suppression.statistic(per_case, len(closed), rules),
    }


# ------------------------------------------------------------------------------------------------- tables
def _amount_table(
    *, key: str, title: Any, row_header: Any, groups: dict[Any, tuple[str, Decimal, set[int]]], rules: Rules
) -> Table:
    """Amounts per group, secret where fewer persons are behind them (secondary suppression on the
    pattern of the person counts, totals included)."""
    items = sorted(groups.values(), key=lambda g: (-g[1], g[0]))
    persons = [[len(g[2])] for g in items]
    pattern = suppression.suppression_pattern(persons, rules) if items else {(0, 0)}
    rows_n = len(items)

    def amount(pos: tuple[int, int], value: Decimal) -> Protected:
        return suppression.SECRET_FIGURE if pos in pattern else Protected(value.quantize(EURO, ROUND_HALF_UP))

    rows = [(label, [amount((i, 0), value)], None) for i, (label, value, _p) in enumerate(items)]
    grand = sum((g[1] for g in items), Decimal("0.00"))
    return Table(
        key=key,
        title=title,
        row_header=row_header,
        columns=[_("Amount (EUR)")],
        rows=rows,
        column_totals=[amount((rows_n, 0), grand)],
        total=amount((rows_n, 0), grand),
        note=_("Secret where fewer persons than the threshold are behind an amount."),
        unit="money",
    )


def expenditure_groups(scope: Scope) -> dict[str, dict[Any, tuple[str, Decimal, set[int]]]]:
    """Spending in the period per provision, legal basis and budget function: label, amount and the
    persons behind it (two queries)."""
    start, end = scope.period.start, scope.period.end
    rows = (
        _decisions(scope)
        .filter(status__in=flow.COSTING, period_start__lte=end)
        .filter(Q(period_end__isnull=True) | Q(period_end__gte=start))
        .values_list(
            "person_id",
            "option_id",
            "option__name",
            "legal_basis__code",
            "legal_basis__abbreviation",
            "option__budget_function",
            "period_start",
            "period_end",
            "ended_on",
            "volume",
            "tariff",
            "frequency",
        )
    )
    groups: dict[str, dict[Any, tuple[str, Decimal, set[int]]]] = {
        "provision": {},
        "legal_basis": {},
        "budget_function": {},
    }
    labels = dict(BudgetFunction.choices)

    def add(dimension: str, key: Any, label: str, amount: Decimal, person: int | None) -> None:
        old_label, old_amount, persons = groups[dimension].get(key, (label, Decimal("0.00"), set()))
        if person is not None:
            persons.add(person)
        groups[dimension][key] = (old_label, old_amount + amount, persons)

    for (
        person,
        option,
        name,
        basis,
        abbreviation,
        function,
        p_start,
        p_end,
        ended_on,
        volume,
        tariff,
        frequency,
    ) in rows:
        monthly = costs.monthly_costs(
            start=p_start, end=p_end, ended_on=ended_on, volume=volume, tariff=tariff, frequency=frequency, until=end
        )
        amount = _in_period(monthly, start, end)
        add("provision", option, name, amount, person)
        add("legal_basis", basis or "", abbreviation or str(_("No legal basis")), amount, person)
        add("budget_function", function, str(labels.get(function, function)), amount, person)
    payments = _payments(scope).values_list("case__household_id", "amount", "budget_function")
    for household, amount, function in payments:
        # persons behind a frontline payment: the household (negative keys keep them apart from persons)
        add("provision", "frontline", str(_("Frontline payments")), amount, -household)
        add("budget_function", function, str(labels.get(function, function)), amount, -household)
    return groups


def decision_tables(scope: Scope, rules: Rules, user: Any = None) -> list[Table]:
    by_option: dict[Any, list[Any]] = {}
    for option, name, status in decided_in_period(scope).values_list("option_id", "option__name", "status"):
        row = by_option.setdefault(option, [name, 0, 0, 0])
        row[1 if status in flow.COSTING else 2 if status == flow.REJECTED else 3] += 1
    tables = [
        counts_table(
            key="decisions_by_provision",
            title=_("Decisions decided in the period by provision"),
            row_header=_("Provision"),
            columns=[_("Granted"), _("Rejected"), _("Other")],
            rows=[(row[0], row[1:]) for row in sorted(by_option.values(), key=lambda r: r[0])],
            rules=rules,
        )
    ]
    basis_counts: dict[str, list[Any]] = {}
    for code, abbreviation in decided_in_period(scope).values_list("legal_basis__code", "legal_basis__abbreviation"):
        row = basis_counts.setdefault(code or "", [abbreviation or str(_("No legal basis")), 0])
        row[1] += 1
    tables.append(
        counts_table(
            key="decisions_by_legal_basis",
            title=_("Decisions decided in the period by legal basis"),
            row_header=_("Legal basis"),
            columns=[_("Decisions")],
            rows=[(row[0], [row[1]]) for row in sorted(basis_counts.values(), key=lambda r: r[0])],
            rules=rules,
        )
    )
    groups = expenditure_groups(scope)
    titles = {
        "provision": (_("Expenditure in the period by provision"), _("Provision")),
        "legal_basis": (_("Expenditure in the period by legal basis"), _("Legal basis")),
        "budget_function": (_("Expenditure in the period by budget function"), _("Budget function")),
    }
    for dimension, (title, header) in titles.items():
        tables.append(
            _amount_table(
                key=f"expenditure_by_{dimension}", title=title, row_header=header, groups=groups[dimension], rules=rules
            )
        )
    tables.append(lawfulness_table(scope, rules))
    return tables


def lawfulness_table(scope: Scope, rules: Rules) -> Table:
    counts: dict[str, int] = defaultdict(int)
    for team in teams_in_scope(scope):
        report = provision_selectors.lawfulness_for_team(team=team)
        for code, n in report.counts.items():
            counts[code] += n
    return counts_table(
        key="lawfulness_deviations",
        title=_("Lawfulness deviations (decisions of the teams in scope, current state)"),
        row_header=_("Finding"),
        columns=[_("Decisions")],
        rows=[(str(label), [counts.get(code, 0)]) for code, label in lawfulness.LABELS.items()],
        rules=rules,
        margins=False,
        note=_("One decision can have several findings. Over budget counts budget functions, not decisions."),
    )


def step_tables(scope: Scope, rules: Rules, user: Any = None) -> list[Table]:
    changes = StepChange.objects.filter(
        case__in=closed_or_open_cases(scope), decided_on__gte=scope.period.start, decided_on__lte=scope.period.end
    ).values_list("from_level__level", "to_level__level")
    ups: dict[int | None, int] = defaultdict(int)
    downs: dict[int | None, int] = defaultdict(int)
    for origin, target in changes:
        if origin is None or target > origin:
            ups[origin] += 1
        elif target < origin:
            downs[origin] += 1
    levels = list(CareLevel.objects.order_by("level"))
    rows = [(str(_("No level yet (first placement)")), [ups.get(None, 0), 0])]
    rows += [(f"{lvl.level}. {lvl.name}", [ups.get(lvl.level, 0), downs.get(lvl.level, 0)]) for lvl in levels]
    return [
        counts_table(
            key="step_changes_by_level",
            title=_("Step-ups and step-downs in the period, by the level stepped from"),
            row_header=_("Care level"),
            columns=[_("Step-ups"), _("Step-downs")],
            rows=rows,
            rules=rules,
        )
    ]


def closed_or_open_cases(scope: Scope) -> Any:
    from wijkteam.monitoring.metrics import cases

    return cases(scope).values("pk")
