"""Figures against hand-computed fixtures, per metric, including empty periods, and the query count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkteam.cases.models import Channel
from wijkteam.core.periods import parse_period
from wijkteam.monitoring import metrics
from wijkteam.monitoring.suppression import Rules
from wijkteam.monitoring.tests.world import World, world_create
from wijkteam.reference.models import LifeDomain
from wijkteam.teams.models import Target

pytestmark = pytest.mark.django_db
RULES = Rules()
H1 = parse_period("2026-H1")
JAN = date(2026, 1, 5)


@pytest.fixture
def world() -> World:
    return world_create()


def scope(world: World, period: str = "2026-H1", **kwargs: object) -> metrics.Scope:
    return metrics.Scope(period=parse_period(period), municipality=world.municipality, **kwargs)  # type: ignore[arg-type]


def show(figures: dict, key: str) -> str:
    return figures[key].display()


# ------------------------------------------------------------------------------------------------ demand
def test_demand_counts_rates_and_empty_period(world: World) -> None:
    for i in range(12):
        world.help_request(JAN + timedelta(days=i), channel="gp" if i < 10 else "self")
    world.help_request(date(2026, 7, 1))  # H2: not in H1
    for i in range(9):
        world.short_contact(JAN + timedelta(days=i))
    for _ in range(3):
        world.signal(JAN)
    world.households_count(world.district_1, 2000)

    figures = metrics.demand_figures(scope(world, district=world.district_1), RULES)
    # 12 → 10; 9 → 10; 3 → secret; 10 per 2,000 households = 5.0 and 10 per 2,000 = 5.0
    assert show(figures, "help_requests") == "10"
    assert show(figures, "short_contacts") == "10"
    assert show(figures, "signals") == "."
    assert show(figures, "help_requests_per_1000_households") == "5.0"
    assert show(figures, "short_contacts_per_1000_households") == "5.0"

    # the whole municipality has no CBS household count here: the rate is missing, not invented
    whole = metrics.demand_figures(scope(world), RULES)
    assert show(whole, "help_requests") == "10" and whole["help_requests_per_1000_households"].value is None
    assert not whole["help_requests_per_1000_households"].secret

    empty = metrics.demand_figures(scope(world, "2025-H1"), RULES)
    assert {k: v.display() for k, v in empty.items()} == {
        "short_contacts": ".",
        "help_requests": ".",
        "signals": ".",
        "short_contacts_per_1000_households": ".",
        "help_requests_per_1000_households": ".",
    }


def test_demand_tables_with_secondary_suppression(world: World) -> None:
    for i in range(12):
        world.help_request(JAN + timedelta(days=i), channel="gp" if i < 10 else "self")
    tables = {t.key: t for t in metrics.demand_tables(scope(world), RULES)}
    channel = tables["demand_by_channel"]
    values = list(Channel.values)
    rows = {values[i]: [c.display() for c in cells] for i, (_label, cells, _t) in enumerate(channel.rows)}
    # self (2) is secret; the other cells of the column are 0 (secret) and add up to 2 < 8, so the gp cell
    # (10) is suppressed as well: total (10) minus shown cells cannot reveal the 2.
    assert rows["gp"][1] == "." and rows["self"][1] == "."
    # the short-contacts total (0) is secret, so the help-requests total goes too (the grand total would
    # reveal it); the grand total itself is shown
    assert channel.column_totals is not None and [c.display() for c in channel.column_totals] == [".", "."]
    assert channel.total is not None and channel.total.display() == "10"
    by_domain = tables["demand_by_life_domain"]
    assert not by_domain.has_totals
    codes = list(LifeDomain.objects.filter(is_active=True).order_by("order", "code").values_list("code", flat=True))
    finances = by_domain.rows[codes.index("finances")][1]
    assert finances[1].display() == "10"


def test_demand_team_filter(world: World) -> None:
    for i in range(9):
        world.help_request(JAN + timedelta(days=i), team=world.other_team)
    assert show(metrics.demand_figures(scope(world, team=world.team), RULES), "help_requests") == "."
    assert show(metrics.demand_figures(scope(world, team=world.other_team), RULES), "help_requests") == "10"


# -------------------------------------------------------------------------------------------- throughput
def test_throughput_medians_and_waiting_list(world: World) -> None:
    for days in [5, 10, 15, 20, 25, 30, 35, 40, 45]:
        world.case(JAN, plan_on=JAN + timedelta(days=days), household=None, closed_on=None)
    for days in [30, 40, 50, 60, 70, 80, 90, 100]:
        world.case(JAN, closed_on=JAN + timedelta(days=days))
    for _ in range(9):
        world.case(JAN, coordinator=None)
    figures = metrics.throughput_figures(scope(world), RULES)
    assert show(figures, "days_request_to_plan") == "25"  # median of 5..45
    assert show(figures, "days_request_to_closure") == "65"  # (60 + 70) / 2
    assert show(figures, "waiting_list") == "10"  # 9 without coordinator → 10

    empty = metrics.throughput_figures(scope(world, "2025-Q1"), RULES)
    assert [v.display() for v in empty.values()] == [".", ".", "."]


def test_median_over_few_cases_is_secret(world: World) -> None:
    for days in [10, 20, 30]:
        world.case(JAN, closed_on=JAN + timedelta(days=days))
    assert show(metrics.throughput_figures(scope(world), RULES), "days_request_to_closure") == "."


# ---------------------------------------------------------------------------------------------- re-entry
def test_reentry_counts(world: World) -> None:
    a, b, c = world.household(), world.household(), world.household()
    world.case(date(2025, 9, 1), closed_on=date(2025, 11, 1), household=a)  # 3 months before: 6 and 12
    world.case(date(2025, 3, 1), closed_on=date(2025, 5, 1), household=b)  # 9 months before: 12 only
    world.case(date(2024, 1, 1), closed_on=date(2024, 3, 1), household=c)  # 2 years before: neither
    for household in (a, b, c):
        world.case(date(2026, 2, 1), household=household)
    assert metrics.reentry_counts(scope(world)) == (3, 1, 2)
    figures = metrics.reentry_figures(scope(world), RULES)
    assert show(figures, "reentry_6m") == "." and show(figures, "reentry_12m") == "."
    assert metrics.reentry_counts(scope(world, "2023")) == (0, 0, 0)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 8, 31), 6, date(2026, 2, 28)),
        (date(2026, 3, 15), 12, date(2025, 3, 15)),
        (date(2026, 1, 10), 6, date(2025, 7, 10)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert metrics.months_before(day, months) == expected


def test_reentry_share_with_enough_cases(world: World) -> None:
    # 24 new cases, 10 of them within 6 months of an earlier closure: 10 / 25 (rounded) = 40 %
    for i in range(24):
        household = world.household()
        if i < 10:
            world.case(date(2025, 10, 1), closed_on=date(2025, 12, 1), household=household)
        world.case(date(2026, 3, 1), household=household)
    assert metrics.reentry_counts(scope(world)) == (24, 10, 10)
    assert show(metrics.reentry_figures(scope(world), RULES), "reentry_6m") == "40"


# ------------------------------------------------------------------------------------- goals and outcomes
def test_work_income_and_outcomes(world: World) -> None:
    # 10 closed cases with a finances goal (8 reached) and a housing goal (reached); 2 more closed
    # cases with a result "stable" and no goals.
    for i in range(10):
        world.case(
            JAN,
            closed_on=JAN + timedelta(days=30),
            goals=(("finances", "reached" if i < 8 else "not_reached"), ("housing", "reached")),
            result="improved" if i < 9 else "worsened",
        )
    for _ in range(8):
        world.case(JAN, closed_on=JAN + timedelta(days=30), result="stable")
    figures = metrics.work_income_figures(scope(world), RULES)
    assert show(figures, "cases_with_work_income_goal") == "10"
    # 8 reached of 10: the rest (2) is below the threshold → secret
    assert show(figures, "share_work_income_goals_reached") == "."
    outcomes = metrics.outcome_figures(scope(world), RULES)
    assert show(outcomes, "closed_cases") == "20"  # 18 → 20
    # goals: 18 reached of 20 → the rest is 2: secret
    assert show(outcomes, "share_goals_reached") == "."
    # improved 9 of 18 with a result: 10 / 20 = 50 %
    assert show(outcomes, "share_closed_improved") == "50"
    empty = metrics.outcome_figures(scope(world, "2025"), RULES)
    assert [v.display() for v in empty.values()] == [".", ".", "."]


def test_stepped_care(world: World) -> None:
    for i in range(20):
        world.case(
            JAN,
            closed_on=JAN + timedelta(days=10),
            level=2 if i < 10 else 3,
            reason="goals_reached" if i < 15 else "referred",
        )
    figures = metrics.stepped_care_figures(scope(world), RULES)
    # solved at level ≤ 2: 10 of 20 → 50 %
    assert show(figures, "share_solved_level_le_2") == "50"
    table = metrics.stepped_care_tables(scope(world), RULES)[0]
    rows = {label.split(".")[0]: [c.display() for c in cells] for label, cells, _t in table.rows}
    # level 2: 10 solved, 0 otherwise (secret → and its row partner 10 → secret by secondary suppression)
    assert rows["2"] == [".", "."]
    assert rows["3"] == [".", "."]  # 5 solved (secret), 5 referred (secret)


# ---------------------------------------------------------------------------------------------- capacity
def test_capacity_and_member_table_only_for_own_lead(world: World) -> None:
    for _ in range(10):
        world.case(JAN)
    figures = metrics.capacity_figures(scope(world, team=world.team), RULES)
    # the workload source counts open cases; the lead has no capacity; 2 FTE in the team
    assert figures["caseload_per_fte"].value is not None
    assert [t.key for t in metrics.capacity_tables(scope(world, team=world.team), RULES, world.advisor)] == [
        "caseload_by_team"
    ]
    keys = [t.key for t in metrics.capacity_tables(scope(world, team=world.team), RULES, world.lead)]
    assert keys == ["caseload_by_team", "caseload_by_member"]
    assert [t.key for t in metrics.capacity_tables(scope(world), RULES, world.lead)] == ["caseload_by_team"]


# ---------------------------------------------------------------------------------------- targets & board
def test_dashboard_targets_met_and_unavailable_sections(world: World) -> None:
    for i in range(12):
        world.help_request(JAN + timedelta(days=i))
    Target.objects.create(team=world.team, metric_key="waiting_list", comparison="lte", value=5, period="2026-H1")
    Target.objects.create(team=world.team, metric_key="reentry_6m", comparison="lte", value=10, period="2026-H1")
    board = metrics.dashboard(scope(world, team=world.team), RULES)
    figures = board.figures()
    assert figures["waiting_list"].met is None  # secret: unknown
    assert figures["help_requests"].trend[-1][0] == "2026-H1" and len(figures["help_requests"].trend) == 4
    assert all(s.available for s in board.sections)  # assessments and provisions are installed
    for _ in range(10):
        world.case(JAN, coordinator=None)
    figures = metrics.metric_values(scope(world, team=world.team), RULES)
    assert figures["waiting_list"].value.display() == "10" and figures["waiting_list"].met is False


def _count_queries(world: World) -> int:
    with CaptureQueriesContext(connection) as queries:
        metrics.dashboard(scope(world, team=world.team), RULES, user=world.lead)
    return len(queries)


def _add_cases(world: World, n: int) -> None:
    for i in range(n):
        world.case(
            JAN + timedelta(days=i % 20),
            plan_on=JAN + timedelta(days=30),
            closed_on=JAN + timedelta(days=60) if i % 2 else None,
            goals=(("finances", "reached"),),
            level=2,
        )
        world.short_contact(JAN)
        world.signal(JAN)


def test_query_count_constant_in_the_number_of_cases(world: World, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    _add_cases(world, 3)
    baseline = _count_queries(world)
    _add_cases(world, 20)
    with django_assert_max_num_queries(baseline):
        metrics.dashboard(scope(world, team=world.team), RULES, user=world.lead)
