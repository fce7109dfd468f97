"""The figures of the dashboard, the API and the exports: built-in metric providers and the dashboard.

Every figure is computed over a `Scope` (a whole period, optionally one whole team and/or one whole
district) and protected by `suppression` before it leaves this module. Headline figures carry the METRICS
keys of `teams/targets.py`, so each is shown beside the team's target for the period (met / not met /
unknown). The number of queries depends on the number of sections and periods, never on the number of
cases: counts are aggregated in the database, medians and re-entry over `values_list` rows of one query.

Definitions (also in the README):
- demand: short contacts (date of contact), help requests (date received) and signals (date received)
  in the period; per 1,000 households of the area (CBS "households" of the latest edition up to the
  period's year; missing when unknown).
- days from help request to plan: median over cases whose plan was first agreed in the period; to
  closure: median over cases closed in the period (received date → closing date).
- waiting list: cases open at the end of the period that have no coordinator.
- re-entry within 6/12 months: of the cases opened in the period, the share whose household had a case
  closed in the 6/12 months before.
- work & income: goals in the life domains work & education or finances of cases closed in the period.
- outcomes: see `outcomes.py` (self-reliance assessments and goal ratings); without the assessments app,
  from the case file: share of goals reached and of closed cases with result "improved".
- stepped care: closed cases per care level; solved = closed with goals (partly) reached.
- capacity: caseload against norm per team (staff figures, not about residents: not suppressed).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.models import Case, CaseStatus, Channel, Goal, HelpRequest, ShortContact, Signal
from wijkteam.core.periods import Period
from wijkteam.households.models import Residence
from wijkteam.monitoring import suppression
from wijkteam.monitoring.sections import Provider, register_provider
from wijkteam.monitoring.suppression import Protected, Rules
from wijkteam.neighbourhoods.models import IndicatorValue, Region
from wijkteam.reference.models import CareLevel, LifeDomain
from wijkteam.teams import selectors as team_selectors
from wijkteam.teams.models import Target, Team
from wijkteam.teams.targets import METRICS, target_met

TREND_PERIODS = 4  # the period itself and the three before it
WORK_INCOME_DOMAINS = ("work_education", "finances")
SOLVED_REASONS = (Case.ClosingReason.GOALS_REACHED, Case.ClosingReason.PARTLY_REACHED)

# Figures that are not (yet) target metrics: key -> (label, unit)
EXTRA_FIGURES: dict[str, tuple[str | Promise, str]] = {
    "short_contacts": (_("Short contacts"), "count"),
    "help_requests": (_("Help requests"), "count"),
    "signals": (_("Signals"), "count"),
    "cases_with_work_income_goal": (_("Closed cases with a goal in work & education or finances"), "count"),
    "closed_cases": (_("Closed cases"), "count"),
    "share_goals_reached_household": (_("Share of goals reached, in the household's own rating"), "share"),
}


def figure_label(key: str) -> str | Promise:
    if key in METRICS:
        return METRICS[key].label
    return EXTRA_FIGURES.get(key, (key, "count"))[0]


def figure_unit(key: str) -> str:
    if key in METRICS:
        return METRICS[key].unit
    return EXTRA_FIGURES.get(key, (key, "count"))[1]


# ------------------------------------------------------------------------------------------------- scope
@dataclass(frozen=True)
class Scope:
    """Whole period, optionally one whole team and one whole district, within a municipality."""

    period: Period
    team: Team | None = None
    district: Region | None = None
    municipality: Region | None = None

    def with_period(self, period: Period) -> Scope:
        return replace(self, period=period)

    def periods(self, count: int = TREND_PERIODS) -> list[Period]:
        result = [self.period]
        while len(result) < count:
            result.insert(0, result[0].previous())
        return result


def _in_district(household_ref: str, district: Region) -> Exists:
    """The household (of a help request or case) lives in the district (its open residences)."""
    return Exists(
        Residence.objects.filter(
            household_id=OuterRef(household_ref), valid_to__isnull=True, address__neighbourhood__parent=district
        )
    )


def _district_of(household_ref: str) -> Subquery:
    return Subquery(
        Residence.objects.filter(household_id=OuterRef(household_ref), valid_to__isnull=True)
        .order_by("pk")
        .values("address__neighbourhood__parent_id")[:1]
    )


def _within(qs: QuerySet, scope: Scope, *, date_field: str | None, household: str | None) -> QuerySet:
    if date_field:
        qs = qs.filter(**{f"{date_field}__gte": scope.period.start, f"{date_field}__lte": scope.period.end})
    if scope.municipality is not None:
        qs = qs.filter(municipality=scope.municipality)
    if scope.team is not None:
        qs = qs.filter(team=scope.team)
    if scope.district is not None:
        qs = qs.filter(_in_district(household, scope.district)) if household else qs.filter(district=scope.district)
    return qs


def help_requests(scope: Scope) -> QuerySet[HelpRequest]:
    return _within(HelpRequest.objects.all(), scope, date_field="received_on", household="household_id")


def short_contacts(scope: Scope) -> QuerySet[ShortContact]:
    return _within(ShortContact.objects.all(), scope, date_field="contacted_on", household=None)


def signals(scope: Scope) -> QuerySet[Signal]:
    return _within(Signal.objects.all(), scope, date_field="received_on", household=None)


def cases(scope: Scope, date_field: str | None = None) -> QuerySet[Case]:
    return _within(Case.objects.all(), scope, date_field=date_field, household="household_id")


def closed_cases(scope: Scope) -> QuerySet[Case]:
    return cases(scope, "closed_on").filter(status=CaseStatus.CLOSED)


# ----------------------------------------------------------------------------------------------- tables
@dataclass
class Table:
    """A protected table: rows of (label, cells, row total); column totals and total when additive."""

    key: str
    title: str | Promise
    row_header: str | Promise
    columns: list[str | Promise]
    rows: list[tuple[str, list[Protected], Protected | None]]
    column_totals: list[Protected] | None = None
    total: Protected | None = None
    note: str | Promise = ""
    unit: str = "count"

    @property
    def has_totals(self) -> bool:
        return self.column_totals is not None


def counts_table(
    *,
    key: str,
    title: str | Promise,
    row_header: str | Promise,
    columns: Sequence[str | Promise],
    rows: Sequence[tuple[str, Sequence[int]]],
    rules: Rules,
    margins: bool = True,
    note: str | Promise = "",
) -> Table:
    """Protect a table of raw person counts (primary and secondary suppression, rounding)."""
    raw = [list(values) for _label, values in rows]
    protected = suppression.protect_table(raw, rules, margins=margins) if raw else None
    out_rows = []
    for index, (label, _values) in enumerate(rows):
        if protected is None:  # pragma: no cover - rows imply a protected table
            break
        total = protected.row_totals[index] if margins else None
        out_rows.append((label, protected.cells[index], total))
    return Table(
        key=key,
        title=title,
        row_header=row_header,
        columns=list(columns),
        rows=out_rows,
        column_totals=(protected.column_totals if protected else []) if margins else None,
        total=(protected.total if protected else suppression.SECRET_FIGURE) if margins else None,
        note=note,
    )


# ------------------------------------------------------------------------------------------------ demand
def _households_base(scope: Scope) -> int | None:
    """CBS households of the area in scope: the district, the team's districts, or the municipality."""
    if scope.district is not None:
        regions = [scope.district.pk]
    elif scope.team is not None and not scope.team.covers_whole_municipality:
        regions = list(scope.team.districts.values_list("pk", flat=True))
    elif scope.municipality is not None:
        regions = [scope.municipality.pk]
    elif scope.team is not None:
        regions = [scope.team.municipality_id]
    else:
        return None
    bases = household_counts(regions, scope.period.end.year)
    if not regions or any(region not in bases for region in regions):
        return None
    return sum(bases[region] for region in regions)


def household_counts(region_ids: Iterable[int], year: int) -> dict[int, int]:
    """The latest CBS household count up to `year` per region (one query); regions without one left out."""
    result: dict[int, int] = {}
    rows = (
        IndicatorValue.objects.filter(
            indicator__key="households", region_id__in=list(region_ids), year__lte=year, value__isnull=False
        )
        .order_by("region_id", "-year")
        .values_list("region_id", "value")
    )
    for region_id, value in rows:
        result.setdefault(region_id, int(value))
    return result


def demand_figures(scope: Scope, rules: Rules) -> dict[str, Protected]:
    n_short = short_contacts(scope).count()
    n_requests = help_requests(scope).count()
    n_signals = signals(scope).count()
    base = _households_base(scope)
    return {
        "short_contacts": suppression.count(n_short, rules),
        "help_requests": suppression.count(n_requests, rules),
        "signals": suppression.count(n_signals, rules),
        "short_contacts_per_1000_households": suppression.rate_per_1000(n_short, base, rules),
        "help_requests_per_1000_households": suppression.rate_per_1000(n_requests, base, rules),
    }


def _grouped(qs: QuerySet, field_name: str) -> dict[Any, int]:
    return {row[field_name]: row["n"] for row in qs.order_by().values(field_name).annotate(n=Count("id"))}


def districts_in_scope(scope: Scope) -> list[Region]:
    if scope.district is not None:
        return [scope.district]
    if scope.team is not None and not scope.team.covers_whole_municipality:
        return list(scope.team.districts.order_by("code"))
    municipality = scope.municipality or (scope.team.municipality if scope.team else None)
    if municipality is None:
        return []
    return list(Region.objects.filter(municipality=municipality, level="district").order_by("code"))


def demand_tables(scope: Scope, rules: Rules, user: Any = None) -> list[Table]:
    tables = []
    sc_channel = _grouped(short_contacts(scope), "channel")
    hr_channel = _grouped(help_requests(scope), "channel")
    tables.append(
        counts_table(
            key="demand_by_channel",
            title=_("Demand by channel"),
            row_header=_("Channel"),
            columns=[_("Short contacts"), _("Help requests")],
            rows=[
                (str(label), [sc_channel.get(value, 0), hr_channel.get(value, 0)]) for value, label in Channel.choices
            ],
            rules=rules,
        )
    )
    domains = list(LifeDomain.objects.filter(is_active=True).order_by("order", "code"))
    sc_domain = _grouped(short_contacts(scope), "life_domain_id")
    through = HelpRequest.life_domains.through
    hr_domain = {
        row["lifedomain_id"]: row["n"]
        for row in through.objects.filter(helprequest__in=help_requests(scope).values("pk"))
        .order_by()
        .values("lifedomain_id")
        .annotate(n=Count("id"))
    }
    tables.append(
        counts_table(
            key="demand_by_life_domain",
            title=_("Demand by life domain"),
            row_header=_("Life domain"),
            columns=[_("Short contacts"), _("Help requests")],
            rows=[(d.name, [sc_domain.get(d.pk, 0), hr_domain.get(d.pk, 0)]) for d in domains],
            rules=rules,
            margins=False,
            note=_("A help request can concern several life domains, so there are no totals."),
        )
    )
    districts = districts_in_scope(scope)
    sc_district = _grouped(short_contacts(scope), "district_id")
    hr_district = _grouped(help_requests(scope).annotate(district_id=_district_of("household_id")), "district_id")
    sg_district = _grouped(signals(scope), "district_id")
    by_district = counts_table(
        key="demand_by_district",
        title=_("Demand by district"),
        row_header=_("District"),
        columns=[_("Short contacts"), _("Help requests"), _("Signals")],
        rows=[
            (d.display_name, [sc_district.get(d.pk, 0), hr_district.get(d.pk, 0), sg_district.get(d.pk, 0)])
            for d in districts
        ],
        rules=rules,
        note=_("Contacts without a known district count in no district."),
    )
    tables.append(by_district)
    bases = household_counts([d.pk for d in districts], scope.period.end.year)
    rate_rows = []
    for district, (label, cells, _total) in zip(districts, by_district.rows, strict=True):
        base = bases.get(district.pk)
        rate_rows.append((label, [_rate(cells[0], base), _rate(cells[1], base)], None))
    tables.append(
        Table(
            key="demand_per_1000_households",
            title=_("Demand per 1,000 households"),
            row_header=_("District"),
            columns=[_("Short contacts per 1,000 households"), _("Help requests per 1,000 households")],
            rows=rate_rows,
            note=_("Computed from the rounded counts; empty where CBS has no household count."),
            unit="per_1000",
        )
    )
    sources = _grouped(signals(scope), "source")
    tables.append(
        counts_table(
            key="signals_by_source",
            title=_("Signals by source"),
            row_header=_("Source"),
            columns=[_("Signals")],
            rows=[(str(label), [sources.get(value, 0)]) for value, label in Signal.Source.choices],
            rules=rules,
        )
    )
    return tables


def _rate(cell: Protected, base: int | None) -> Protected:
    """A rate from an already protected (rounded or secret) cell."""
    if cell.secret:
        return suppression.SECRET_FIGURE
    if not base or cell.value is None:
        return suppression.UNKNOWN_FIGURE
    value = (Decimal(cell.value) * 1000 / Decimal(base)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Protected(value)


# -------------------------------------------------------------------------------------------- throughput
def _median_days(pairs: Iterable[tuple[date, date]]) -> tuple[float | None, int]:
    days = [(end - start).days for start, end in pairs if start and end]
    return (statistics.median(days) if days else None), len(days)


def throughput_figures(scope: Scope, rules: Rules) -> dict[str, Protected]:
    to_plan, n_plan = _median_days(
        cases(scope, "plan_agreed_on").values_list("help_request__received_on", "plan_agreed_on")
    )
    to_close, n_close = _median_days(closed_cases(scope).values_list("help_request__received_on", "closed_on"))
    end = scope.period.end
    waiting = (
        cases(scope)
        .filter(opened_on__lte=end, coordinator__isnull=True)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end))
        .count()
    )
    return {
        "days_request_to_plan": suppression.statistic(to_plan, n_plan, rules),
        "days_request_to_closure": suppression.statistic(to_close, n_close, rules),
        "waiting_list": suppression.count(waiting, rules),
    }


# ---------------------------------------------------------------------------------------------- re-entry
def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the last day of a shorter month)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in range(day.day, 27, -1):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    return date(year, month, min(day.day, 28))


def reentry_counts(scope: Scope) -> tuple[int, int, int]:
    """(cases opened in the period, of which re-entry within 6 months, within 12 months): two queries."""
    opened = list(cases(scope, "opened_on").values_list("pk", "household_id", "opened_on"))
    households = {household for _pk, household, _opened in opened}
    earlier: dict[int, list[tuple[int, date]]] = defaultdict(list)
    rows = Case.objects.filter(household_id__in=households, status=CaseStatus.CLOSED).values_list(
        "pk", "household_id", "closed_on"
    )
    for pk, household, closed_on in rows:
        earlier[household].append((pk, closed_on))
    within_6 = within_12 = 0
    for pk, household, opened_on in opened:
        closes = [c for other, c in earlier[household] if other != pk and c and c <= opened_on]
        if any(c >= months_before(opened_on, 6) for c in closes):
            within_6 += 1
        if any(c >= months_before(opened_on, 12) for c in closes):
            within_12 += 1
    return len(opened), within_6, within_12


def reentry_figures(scope: Scope, rules: Rules) -> dict[str, Protected]:
    opened, within_6, within_12 = reentry_counts(scope)
    return {
        "reentry_6m": suppression.share(within_6, opened, rules),
        "reentry_12m": suppression.share(within_12, opened, rules),
    }


# -------------------------------------------------------------------------------------------- goals
def _goal_counts(scope: Scope, domains: Sequence[str] | None = None) -> dict[str, int]:
    goals = Goal.objects.filter(plan__case__in=closed_cases(scope).values("pk"))
    if domains is not None:
        goals = goals.filter(life_domain__code__in=domains)
    return goals.aggregate(
        goals=Count("id"),
        reached=Count("id", filter=Q(status=Goal.Status.REACHED)),
        cases=Count("plan__case", distinct=True),
    )


def _goal_share(counts: dict[str, int], rules: Rules) -> Protected:
    if counts["cases"] < rules.threshold:
        return suppression.SECRET_FIGURE
    return suppression.share(counts["reached"], counts["goals"], rules)


def work_income_figures(scope: Scope, rules: Rules) -> dict[str, Protected]:
    counts = _goal_counts(scope, WORK_INCOME_DOMAINS)
    return {
        "cases_with_work_income_goal": suppression.count(counts["cases"], rules),
        "share_work_income_goals_reached": _goal_share(counts, rules),
    }


def outcome_figures(scope: Scope, rules: Rules) -> dict[str, Protected]:
    counts = _goal_counts(scope)
    closed = closed_cases(scope).aggregate(
        n=Count("id"),
        with_result=Count("id", filter=Q(result__in=["improved", "stable", "worsened"])),
        improved=Count("id", filter=Q(result="improved")),
    )
    return {
        "closed_cases": suppression.count(closed["n"], rules),
        "share_goals_reached": _goal_share(counts, rules),
        "share_closed_improved": suppression.share(closed["improved"], closed["with_result"], rules),
    }


# -------------------------------------------------------------------------------------------- stepped care
def stepped_care_figures(scope: Scope, rules: Rules) -> dict[str, Protected]:
    closed = closed_cases(scope).filter(care_level__isnull=False)
    counts = closed.aggregate(
        n=Count("id"),
        solved_low=Count("id", filter=Q(care_level__level__lte=2, closing_reason__in=SOLVED_REASONS)),
    )
    return {"share_solved_level_le_2": suppression.share(counts["solved_low"], counts["n"], rules)}


def stepped_care_tables(scope: Scope, rules: Rules, user: Any = None) -> list[Table]:
    rows = (
        closed_cases(scope)
        .filter(care_level__isnull=False)
        .order_by()
        .values("care_level_id")
        .annotate(n=Count("id"), solved=Count("id", filter=Q(closing_reason__in=SOLVED_REASONS)))
    )
    by_level = {row["care_level_id"]: (row["solved"], row["n"] - row["solved"]) for row in rows}
    levels = list(CareLevel.objects.order_by("level"))
    table = counts_table(
        key="closed_by_care_level",
        title=_("Closed cases by care level"),
        row_header=_("Care level"),
        columns=[_("Solved (goals reached or partly reached)"), _("Otherwise closed")],
        rows=[(f"{lvl.level}. {lvl.name}", list(by_level.get(lvl.pk, (0, 0)))) for lvl in levels],
        rules=rules,
        note=_("The care level recorded on the case at closing."),
    )
    shares = []
    for label, cells, total in table.rows:
        if total is None or total.value is None or cells[0].value is None:
            shares.append((label, [suppression.SECRET_FIGURE], None))
        else:
            value = (Decimal(cells[0].value) * 100 / Decimal(total.value)).quantize(Decimal(1), ROUND_HALF_UP)
            shares.append((label, [Protected(value)], None))
    share_table = Table(
        key="share_solved_by_care_level",
        title=_("Share solved per care level"),
        row_header=_("Care level"),
        columns=[_("Share solved (%)")],
        rows=shares,
        note=_("Computed from the rounded counts."),
        unit="share",
    )
    return [table, share_table]


# ---------------------------------------------------------------------------------------------- capacity
def teams_in_scope(scope: Scope) -> list[Team]:
    if scope.team is not None:
        return [scope.team]
    teams = Team.objects.active(scope.period.end)
    if scope.municipality is not None:
        teams = teams.filter(municipality=scope.municipality)
    if scope.district is not None:
        teams = teams.filter(Q(districts=scope.district) | Q(covers_whole_municipality=True)).distinct()
    return list(teams.order_by("name"))


def capacity_figures(scope: Scope, rules: Rules) -> dict[str, Protected]:
    totals = team_selectors.teams_totals(teams=teams_in_scope(scope))
    fte = sum((t.fte for t in totals.values()), Decimal(0))
    load = sum((t.caseload for t in totals.values()), Decimal(0))
    if not fte:
        return {"caseload_per_fte": suppression.UNKNOWN_FIGURE}
    return {"caseload_per_fte": Protected((load / fte).quantize(Decimal("0.1"), ROUND_HALF_UP))}


def capacity_tables(scope: Scope, rules: Rules, user: Any = None) -> list[Table]:
    teams = teams_in_scope(scope)
    totals = team_selectors.teams_totals(teams=teams)
    rows = []
    for team in teams:
        t = totals[team.pk]
        percent = Protected(t.percent) if t.percent is not None else suppression.UNKNOWN_FIGURE
        rows.append(
            (
                team.name,
                [Protected(t.fte), Protected(t.capacity), Protected(t.caseload), percent, Protected(t.above_norm)],
                None,
            )
        )
    tables = [
        Table(
            key="caseload_by_team",
            title=_("Caseload against norm per team"),
            row_header=_("Team"),
            columns=[_("FTE"), _("Capacity (cases)"), _("Weighted caseload"), _("In use (%)"), _("Members above norm")],
            rows=rows,
            note=_("Staff figures (the current caseload), not about residents."),
            unit="staff",
        )
    ]
    if scope.team is not None and user is not None and team_selectors.user_leads_team(user=user, team=scope.team):
        caseload = team_selectors.team_caseload(team=scope.team)
        tables.append(
            Table(
                key="caseload_by_member",
                title=_("Caseload per member (only for the team lead)"),
                row_header=_("Member"),
                columns=[_("Coordinator"), _("Involved"), _("Weighted caseload"), _("Capacity (cases)")],
                rows=[
                    (
                        row.membership.user.get_full_name() or row.membership.user.username,
                        [
                            Protected(row.coordinator_cases),
                            Protected(row.involvements),
                            Protected(row.figures.caseload),
                            Protected(row.figures.capacity),
                        ],
                        None,
                    )
                    for row in caseload.rows
                ],
                unit="staff",
            )
        )
    return tables


# ------------------------------------------------------------------------------------- the dashboard
@dataclass
class FigureView:
    key: str
    label: str | Promise
    unit: str
    value: Protected
    trend: list[tuple[str, Protected]] = field(default_factory=list)
    target: Target | None = None
    met: bool | None = None

    @property
    def better(self) -> str:
        return METRICS[self.key].better if self.key in METRICS else ""


@dataclass
class SectionView:
    key: str
    title: str | Promise
    available: bool
    figures: list[FigureView]
    tables: list[Table]
    note: str | Promise = ""


@dataclass
class Dashboard:
    scope: Scope
    sections: list[SectionView]
    rules: Rules

    def figures(self) -> dict[str, FigureView]:
        return {f.key: f for s in self.sections for f in s.figures}

    def tables(self) -> dict[str, Table]:
        return {t.key: t for s in self.sections for t in s.tables}


def targets_for(scope: Scope) -> dict[str, Target]:
    """The team's targets for this very period (none without a team filter)."""
    if scope.team is None:
        return {}
    return {t.metric_key: t for t in Target.objects.filter(team=scope.team, period=scope.period.code)}


def dashboard(scope: Scope, rules: Rules, *, user: Any = None, trend: bool = True, tables: bool = True) -> Dashboard:
    from wijkteam.monitoring.sections import providers

    targets = targets_for(scope)
    periods = scope.periods() if trend else [scope.period]
    sections = []
    for prov in providers():
        if not prov.available():
            sections.append(SectionView(prov.key, prov.title, False, [], [], prov.note))
            continue
        figures: list[FigureView] = []
        if prov.figures is not None:
            by_period = {
                p.code: prov.figures(scope.with_period(p), rules) for p in (periods if prov.trend else [scope.period])
            }
            current = by_period[scope.period.code]
            for key, value in current.items():
                target = targets.get(key)
                met = (
                    target_met(comparison=target.comparison, target=target.value, value=value.value) if target else None
                )
                figures.append(
                    FigureView(
                        key=key,
                        label=figure_label(key),
                        unit=figure_unit(key),
                        value=value,
                        trend=[(code, values[key]) for code, values in by_period.items()],
                        target=target,
                        met=met,
                    )
                )
        section_tables = prov.tables(scope, rules, user) if (tables and prov.tables is not None) else []
        sections.append(SectionView(prov.key, prov.title, True, figures, section_tables, prov.note))
    return Dashboard(scope=scope, sections=sections, rules=rules)


def metric_values(scope: Scope, rules: Rules) -> dict[str, FigureView]:
    """The protected figures under their keys, with target and met (for the API and the review)."""
    return dashboard(scope, rules, trend=False, tables=False).figures()


def register() -> None:
    register_provider(Provider("demand", _("Demand"), 10, figures=demand_figures, tables=demand_tables))
    register_provider(Provider("throughput", _("Throughput"), 20, figures=throughput_figures))
    if apps.is_installed("wijkteam.assessments"):
        from wijkteam.monitoring import outcomes

        register_provider(
            Provider(
                "outcomes",
                _("Outcomes"),
                30,
                figures=outcomes.outcome_figures,
                note=_("Self-reliance from the assessments (first to last); goals with the household's own rating."),
            )
        )
        register_provider(
            Provider(
                "self_reliance",
                _("Change in self-reliance per domain"),
                35,
                tables=outcomes.self_reliance_tables,
            )
        )
    else:
        register_provider(Provider("outcomes", _("Outcomes"), 30, figures=outcome_figures))
        register_provider(
            Provider(
                "self_reliance",
                _("Change in self-reliance per domain"),
                35,
                available=lambda: False,
                note=_("Not yet available: needs the self-reliance assessments."),
            )
        )
    register_provider(
        Provider("stepped_care", _("Stepped care"), 40, figures=stepped_care_figures, tables=stepped_care_tables)
    )
    provisions = apps.is_installed("wijkteam.provisions")
    if provisions:
        from wijkteam.monitoring import decisions

        register_provider(
            Provider("step_changes", _("Step-ups and step-downs per care level"), 45, tables=decisions.step_tables)
        )
    else:
        register_provider(
            Provider(
                "step_changes",
                _("Step-ups and step-downs per care level"),
                45,
                available=lambda: False,
                note=_("Not yet available: needs the step changes of the provisions."),
            )
        )
    register_provider(
        Provider(
            "reentry",
            _("Returning within 6 and 12 months"),
            50,
            figures=reentry_figures,
            note=_("Shown neutrally: returning can also mean that the door works."),
        )
    )
    register_provider(Provider("work_income", _("Work and income"), 60, figures=work_income_figures))
    register_provider(
        Provider("capacity", _("Capacity"), 70, figures=capacity_figures, tables=capacity_tables, trend=False)
    )
    if provisions:
        register_provider(
            Provider(
                "decisions",
                _("Decisions and expenditure"),
                80,
                figures=decisions.decision_figures,
                tables=decisions.decision_tables,
            )
        )
    else:
        register_provider(
            Provider(
                "decisions",
                _("Decisions and expenditure"),
                80,
                available=lambda: False,
                note=_("Not yet available: needs the decisions and costs of the provisions."),
            )
        )
