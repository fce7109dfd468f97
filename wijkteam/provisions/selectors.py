"""Reads of the provisions app. Person-level reads (step changes, decisions, frontline payments) go
through the case file's need-to-know rule (`cases.selectors.content_case_ids`) and are logged (NEN 7513);
the catalogue, the lawfulness checks and the expenditure are not person-level (aggregates and counts)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.apps import apps as django_apps
from django.db.models import Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wijkteam.access.models import AccessAction, User
from wijkteam.cases import selectors as case_selectors
from wijkteam.cases.legal_terms import LegalClock
from wijkteam.cases.models import Case, ClientSystemMember
from wijkteam.provisions import costs, flow, lawfulness, terms
from wijkteam.provisions.models import (
    Budget,
    BudgetFunction,
    CatalogueOption,
    Decision,
    FrontlinePayment,
    LegalTerm,
    StepChange,
)
from wijkteam.teams.models import Initiative, Membership, MembershipKind, Team

CATEGORY = "provisions"


# --- catalogue ----------------------------------------------------------------------------------------


def catalogue_list(
    *,
    municipality: Any,
    care_level: int | None = None,
    legal_basis: str = "",
    query: str = "",
    active_only: bool = False,
) -> QuerySet[CatalogueOption]:
    options = (
        CatalogueOption.objects.filter(municipality=municipality)
        .select_related("care_level", "legal_basis", "provider", "district")
        .prefetch_related("life_domains")
        .order_by("care_level__level", "name", "id")
    )
    if care_level is not None:
        options = options.filter(care_level__level=care_level)
    if legal_basis:
        options = options.filter(legal_basis__code=legal_basis)
    if query:
        options = options.filter(name__icontains=query)
    if active_only:
        options = options.filter(is_active=True)
    return options


@dataclass(frozen=True)
class OptionOffer:
    """One option offered for a case: a catalogue option or an initiative of the social map."""

    name: str
    level: int
    kind: str  # "catalogue" or "initiative"
    matches: int  # how many of the case's life domains it helps with
    domains: tuple[str, ...]
    provider: str = ""
    legal_basis: str = ""
    tariff: Decimal | None = None
    unit: str = ""
    where: str = ""
    pk: int | None = None


def options_for_case(*, case: Case, district: Any, limit: int = 12) -> list[OptionOffer]:
    """The lightest fitting options first: catalogue options for the whole municipality or the case's
    district, and the district's initiatives (levels 0-1), that help with the request's life domains."""
    domain_ids = set(case.help_request.life_domains.values_list("pk", flat=True))
    options = (
        CatalogueOption.objects.filter(municipality_id=case.municipality_id, is_active=True)
        .filter(Q(district__isnull=True) | Q(district=district))
        .select_related("care_level", "legal_basis", "provider")
        .prefetch_related("life_domains")
    )
    offers = []
    for option in options:
        ids = {d.pk for d in option.life_domains.all()}
        if ids and not ids & domain_ids:
            continue
        offers.append(
            OptionOffer(
                name=option.name,
                level=option.care_level.level,
                kind="catalogue",
                matches=len(ids & domain_ids),
                domains=tuple(str(d) for d in option.life_domains.all()),
                provider=str(option.provider or ""),
                legal_basis=option.legal_basis.abbreviation if option.legal_basis else "",
                tariff=option.tariff,
                unit=option.get_unit_display(),
                pk=option.pk,
            )
        )
    if district is not None:
        initiatives = (
            Initiative.objects.filter(district=district, is_active=True)
            .select_related("care_level")
            .prefetch_related("life_domains")
        )
        for initiative in initiatives:
            ids = {d.pk for d in initiative.life_domains.all()}
            if ids and not ids & domain_ids:
                continue
            offers.append(
                OptionOffer(
                    name=initiative.name,
                    level=min(initiative.care_level.level, 1),
                    kind="initiative",
                    matches=len(ids & domain_ids),
                    domains=tuple(str(d) for d in initiative.life_domains.all()),
                    where=initiative.schedule or initiative.location,
                )
            )
    offers.sort(key=lambda o: (o.level, -o.matches, o.kind != "initiative", o.name))
    return offers[:limit]


# --- legal terms and clocks ---------------------------------------------------------------------------


def terms_table() -> list[terms.Term]:
    """The configured legal terms, or the shipped defaults when none is configured."""
    rows = [
        terms.Term(t.legal_basis.code, t.event, t.amount, t.unit, t.deliverable, t.article, t.urgent)
        for t in LegalTerm.objects.select_related("legal_basis")
    ]
    return rows or list(terms.DEFAULT_TERMS)


@dataclass(frozen=True)
class NamedClock:
    label: str
    article: str
    clock: LegalClock


def decision_clocks(decision: Decision, *, table: list[terms.Term], today: date | None = None) -> list[NamedClock]:
    """The legal clocks of a decision: from the report to the investigation, from the application to
    the decision, as the terms of its legal basis say."""
    today = today or timezone.localdate()
    basis = decision.legal_basis.code if decision.legal_basis_id else ""
    result = []
    if decision.report_date:
        term = terms.pick_term(table, legal_basis=basis, event="report", urgent=decision.urgent)
        if term:
            clock = terms.clock_for(
                term, started_on=decision.report_date, finished_on=decision.investigation_done_on, today=today
            )
            result.append(NamedClock("investigation", term.article, clock))
    if decision.application_date:
        term = terms.pick_term(table, legal_basis=basis, event="application", urgent=decision.urgent)
        if term:
            finished = decision.decided_on if decision.status != flow.REQUESTED else None
            clock = terms.clock_for(term, started_on=decision.application_date, finished_on=finished, today=today)
            result.append(NamedClock("decision", term.article, clock))
    return result


def step_change_clock(
    change: StepChange, *, table: list[terms.Term], decided: date | None, today: date | None = None
) -> NamedClock | None:
    """The legal clock that a never-blocked route started (an application, report or referral)."""
    from wijkteam.provisions.stepping import ROUTE_CLOCK_EVENT, Route

    event = ROUTE_CLOCK_EVENT.get(Route(change.route))
    if event is None or change.received_on is None or change.legal_basis_id is None:
        return None
    term = terms.pick_term(table, legal_basis=change.legal_basis.code, event=event)
    if term is None:
        return None
    return NamedClock(
        event,
        term.article,
        terms.clock_for(term, started_on=change.received_on, finished_on=decided, today=today or timezone.localdate()),
    )


# --- person-level reads -------------------------------------------------------------------------------


def _log_cases(*, user: User, case_ids: Iterable[int], request: Any, action: str = AccessAction.LIST) -> None:
    ids = set(case_ids)
    if not ids:
        return
    persons: dict[int, list[int]] = defaultdict(list)
    for case_id, person_id in ClientSystemMember.objects.filter(case_id__in=ids).values_list("case_id", "person_id"):
        persons[case_id].append(person_id)
    case_selectors.case_persons_access_record(
        user=user, persons_by_case=persons, action=action, category="case content", request=request
    )


def step_changes_for_case(case: Case) -> QuerySet[StepChange]:
    """The step changes of a case whose content the caller already opened (through the case page)."""
    return StepChange.objects.filter(case=case).select_related("from_level", "to_level", "actor", "legal_basis")


def step_change_list_for_user(*, user: User) -> QuerySet[StepChange]:
    return (
        StepChange.objects.filter(case_id__in=case_selectors.content_case_ids(user))
        .select_related("from_level", "to_level", "actor", "legal_basis")
        .order_by("-decided_on", "-id")
    )


def decision_list_for_user(*, user: User) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(case_id__in=case_selectors.content_case_ids(user))
        .select_related("option", "legal_basis", "provider", "person", "team")
        .order_by("-period_start", "-id")
    )


def frontline_payment_list_for_user(*, user: User) -> QuerySet[FrontlinePayment]:
    return (
        FrontlinePayment.objects.filter(case_id__in=case_selectors.content_case_ids(user))
        .select_related("requested_by", "approved_by", "team")
        .order_by("-paid_on", "-id")
    )


def rows_log_listed(*, user: User, rows: Iterable[Any], request: Any = None, action: str = AccessAction.LIST) -> None:
    """Log the persons of the cases these rows belong to (one insert)."""
    _log_cases(user=user, case_ids=(row.case_id for row in rows), request=request, action=action)


def row_get_for_user(queryset: QuerySet, *, user: User, pk: int, request: Any = None) -> Any:
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    rows_log_listed(user=user, rows=[obj], request=request, action=AccessAction.VIEW)
    return obj


def decisions_for_case(case: Case) -> QuerySet[Decision]:
    return Decision.objects.filter(case=case).select_related("option", "legal_basis", "provider", "person")


# --- teams for the oversight pages --------------------------------------------------------------------


def oversight_team_ids(*, user: User) -> set[int]:
    """Teams whose lawfulness and expenditure a user oversees: teams they lead, and for Wmo consultants
    the teams they work in."""
    memberships = Membership.objects.active().filter(user_id=user.pk)
    kinds = []
    if user.can("lead_team"):
        kinds.append(MembershipKind.TEAM_LEAD)
    if user.can("record_decisions"):
        kinds.append(MembershipKind.WMO_CONSULTANT)
    if not kinds:
        return set()
    return set(memberships.filter(kind__in=kinds).values_list("team_id", flat=True))


# --- lawfulness ---------------------------------------------------------------------------------------


def _first_assessments(case_ids: set[int]) -> dict[int, date]:
    """The first assessment (self-reliance scoring) per case, when the assessments app is installed.

    `provisions` may not import `assessments` (same row of the dependency table), so it reads the
    reverse relation `Case.assessments` that the assessments app adds; one query."""
    if not case_ids or not django_apps.is_installed("wijkteam.assessments"):
        return {}
    rows = (
        Case.objects.filter(pk__in=case_ids)
        .annotate(first=Min("assessments__assessed_on"))
        .exclude(first=None)
        .values_list("pk", "first")
    )
    return dict(rows)


# Further sources of "an investigation before the decision": fn(case_ids) -> {case_id: first date}.
_assessment_sources: list[Any] = [_first_assessments]


def register_assessment_source(fn: Any) -> None:
    _assessment_sources.append(fn)


@dataclass
class Finding:
    decision_id: int
    case_id: int
    provision: str
    status: str
    codes: list[str]


@dataclass
class LawfulnessReport:
    team: Team
    findings: list[Finding] = field(default_factory=list)
    over_budget: list[tuple[str, Decimal, Decimal]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    checked: int = 0


def lawfulness_for_team(*, team: Team, today: date | None = None) -> LawfulnessReport:
    """The lawfulness checks of a team's decisions (a fixed number of queries)."""
    today = today or timezone.localdate()
    decisions = list(
        Decision.objects.filter(team=team)
        .exclude(status__in=[flow.WITHDRAWN])
        .select_related("option")
        .order_by("-period_start", "-id")
    )
    case_ids = {d.case_id for d in decisions}
    evaluated: dict[int, date] = {}
    for case_id, day in (
        StepChange.objects.filter(case_id__in=case_ids)
        .filter(~Q(tried="") | ~Q(route="team"))
        .values_list("case_id", "decided_on")
    ):
        evaluated[case_id] = min(day, evaluated.get(case_id, day))
    for source in _assessment_sources:
        for case_id, day in source(case_ids).items():
            evaluated[case_id] = min(day, evaluated.get(case_id, day))
    report = LawfulnessReport(team=team, checked=len(decisions))
    for d in decisions:
        moment = d.decided_on or d.period_start
        investigated = bool(d.investigation_done_on) or (d.case_id in evaluated and evaluated[d.case_id] <= moment)
        facts = lawfulness.DecisionFacts(
            pk=d.pk,
            status=d.status,
            has_legal_basis=d.legal_basis_id is not None,
            period_start=d.period_start,
            period_end=d.period_end,
            report_date=d.report_date,
            application_date=d.application_date,
            tariff=d.tariff,
            catalogue_tariff=d.option.tariff,
            investigated=investigated,
        )
        codes = lawfulness.decision_findings(facts, today=today)
        for code in codes:
            report.counts[code] = report.counts.get(code, 0) + 1
        if codes:
            report.findings.append(Finding(d.pk, d.case_id, d.option.name, d.get_status_display(), codes))
    spent = expenditure(municipality_id=team.municipality_id, year=today.year, by="budget_function", team_ids=[team.pk])
    budgets = {b.budget_function: b.amount for b in Budget.objects.filter(team=team, year=today.year)}
    labels = dict(BudgetFunction.choices)
    for row in spent.rows:
        budget = budgets.get(row.key)
        if lawfulness.over_budget(row.total, budget):
            report.over_budget.append((str(labels.get(row.key, row.key)), row.total, budget))  # type: ignore[arg-type]
    if report.over_budget:
        report.counts[lawfulness.OVER_BUDGET] = len(report.over_budget)
    return report


# --- expenditure --------------------------------------------------------------------------------------

DIMENSIONS = ("provision", "legal_basis", "budget_function", "team", "district", "month")


@dataclass
class ExpenditureRow:
    key: Any
    label: str
    months: list[Decimal]
    total: Decimal


@dataclass
class Expenditure:
    year: int
    by: str
    rows: list[ExpenditureRow]
    month_totals: list[Decimal]
    total: Decimal
    decisions_total: Decimal
    frontline_total: Decimal


def expenditure(*, municipality_id: int, year: int, by: str, team_ids: Iterable[int] | None = None) -> Expenditure:
    """Spending in a year from decisions (their cost spread over the months) and frontline payments,
    grouped by one dimension. Aggregates only, four queries whatever the number of decisions."""
    if by not in DIMENSIONS:
        raise ValueError(by)
    start, end = date(year, 1, 1), date(year, 12, 31)
    decisions = Decision.objects.filter(
        team__municipality_id=municipality_id, status__in=flow.COSTING, period_start__lte=end
    ).filter(Q(period_end__isnull=True) | Q(period_end__gte=start))
    payments = FrontlinePayment.objects.filter(team__municipality_id=municipality_id, paid_on__year=year)
    if team_ids is not None:
        decisions = decisions.filter(team_id__in=list(team_ids))
        payments = payments.filter(team_id__in=list(team_ids))
    labels: dict[Any, str] = {}
    sums: dict[Any, list[Decimal]] = defaultdict(lambda: [Decimal("0.00")] * 12)
    decisions_total = frontline_total = Decimal("0.00")
    key_of = {
        "provision": ("option_id", "option__name"),
        "legal_basis": ("legal_basis__code", "legal_basis__abbreviation"),
        "budget_function": ("option__budget_function", "option__budget_function"),
        "team": ("team_id", "team__name"),
        "district": ("district_id", "district__name"),
        "month": (None, None),
    }[by]
    value_fields = [
        "period_start",
        "period_end",
        "ended_on",
        "volume",
        "tariff",
        "frequency",
        *(f for f in key_of if f),
    ]
    today = timezone.localdate()
    for row in decisions.values(*dict.fromkeys(value_fields)):
        monthly = costs.monthly_costs(
            start=row["period_start"],
            end=row["period_end"],
            ended_on=row["ended_on"],
            volume=row["volume"],
            tariff=row["tariff"],
            frequency=row["frequency"],
            until=max(today, end) if row["period_end"] is None else None,
        )
        key = row[key_of[0]] if key_of[0] else "all"
        labels[key] = str(row[key_of[1]]) if key_of[1] and row[key_of[1]] is not None else ""
        for (y, m), amount in monthly.items():
            if y == year:
                sums[key][m - 1] += amount
                decisions_total += amount
    payment_key = {
        "provision": (None, None),
        "legal_basis": (None, None),
        "budget_function": ("budget_function", "budget_function"),
        "team": ("team_id", "team__name"),
        "district": ("district_id", "district__name"),
        "month": (None, None),
    }[by]
    for row in payments.values("amount", "paid_on", *dict.fromkeys(f for f in payment_key if f)):
        key = row[payment_key[0]] if payment_key[0] else ("frontline" if by != "month" else "all")
        if payment_key[1]:
            labels[key] = str(row[payment_key[1]]) if row[payment_key[1]] is not None else ""
        else:
            labels.setdefault(key, "")
        sums[key][row["paid_on"].month - 1] += row["amount"]
        frontline_total += row["amount"]
    if by == "budget_function":
        names = dict(BudgetFunction.choices)
        labels = {key: str(names.get(key, key)) for key in labels}
    rows = [
        ExpenditureRow(key, labels.get(key, ""), months, sum(months, Decimal("0.00"))) for key, months in sums.items()
    ]
    rows.sort(key=lambda r: (-r.total, r.label))
    month_totals = [sum((r.months[i] for r in rows), Decimal("0.00")) for i in range(12)]
    return Expenditure(
        year=year,
        by=by,
        rows=rows,
        month_totals=month_totals,
        total=decisions_total + frontline_total,
        decisions_total=decisions_total,
        frontline_total=frontline_total,
    )
