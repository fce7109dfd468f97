"""Outcome figures from self-reliance assessments and goal ratings, against hand-computed fixtures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from wijkteam.assessments.data import ZRM_CODE
from wijkteam.assessments.models import Assessment, DomainScore, GoalRating, Instrument
from wijkteam.cases.models import Goal
from wijkteam.core.periods import parse_period
from wijkteam.monitoring import metrics, outcomes
from wijkteam.monitoring.suppression import Rules
from wijkteam.monitoring.tests.world import World, world_create
from wijkteam.reference.models import LifeDomain

RULES = Rules()
JAN = date(2026, 1, 5)


def test_series_changes_and_improved_cases_pure() -> None:
    d = date(2026, 1, 1)
    rows = [
        (1, 10, 1, 5, d, 2, "intake"),
        (1, 10, 1, 5, d + timedelta(days=60), 4, "closure"),  # +2
        (1, 10, 1, 6, d, 3, "intake"),
        (1, 10, 1, 6, d + timedelta(days=60), 2, "closure"),  # −1
        (2, 11, 1, 5, d, 3, "intake"),  # one score: no change
        (3, 12, 1, 5, d + timedelta(days=60), 3, "closure"),
        (3, 12, 1, 5, d, 4, "intake"),  # order by date: 4 → 3 = −1
    ]
    changes = outcomes.series_changes(rows)
    assert changes == {(1, 10, 1, 5): 2, (1, 10, 1, 6): -1, (3, 12, 1, 5): -1}
    assert outcomes.improved_cases(changes) == (2, 1)  # case 1 net +1, case 3 net −1
    assert outcomes.improved_cases({}) == (0, 0)


@pytest.fixture
def world(db) -> World:
    return world_create()


def _assess(world: World, case, person, on: date, moment: str, score: int, domain: str = "finances") -> None:
    assessment = Assessment.objects.create(
        case=case,
        person=person,
        instrument=Instrument.objects.get(code=ZRM_CODE),
        moment=moment,
        assessed_on=on,
        assessed_by=world.worker,
    )
    DomainScore.objects.create(assessment=assessment, life_domain=LifeDomain.objects.get(code=domain), score=score)


def test_outcomes_from_assessments_and_household_ratings(world: World) -> None:
    # 20 closed cases: 12 go from 2 to 4 in finances, 8 stay at 3; one case more has a single score only.
    for i in range(21):
        household = world.household()
        case = world.case(
            JAN,
            closed_on=JAN + timedelta(days=90),
            household=household,
            goals=(("finances", "reached" if i < 10 else "partly"),),
        )
        person = household.residences.first().person
        _assess(world, case, person, JAN, "intake", 2 if i < 12 else 3)
        if i < 20:
            _assess(world, case, person, JAN + timedelta(days=80), "closure", 4 if i < 12 else 3)
        goal = Goal.objects.get(plan__case=case)
        if i < 16:
            if i < 4:  # an earlier evaluation rating is superseded by the closure rating
                GoalRating.objects.create(
                    goal=goal,
                    moment="evaluation",
                    rated_on=JAN + timedelta(days=30),
                    household_rating="not_reached",
                    worker_rating="partly",
                    recorded_by=world.worker,
                )
            GoalRating.objects.create(
                goal=goal,
                moment="closure",
                rated_on=JAN + timedelta(days=85),
                household_rating="reached" if i < 8 else "partly",
                worker_rating="reached",
                recorded_by=world.worker,
            )
    scope = metrics.Scope(period=parse_period("2026-H1"), municipality=world.municipality)
    figures = outcomes.outcome_figures(scope, RULES)
    assert figures["closed_cases"].display() == "20"  # 21 → 20
    assert figures["share_closed_improved"].display() == "50"  # 12 of 20 → 10 / 20
    assert figures["share_goals_reached"].display() == "50"  # 10 of 21 → 10 / 20
    assert figures["share_goals_reached_household"].display() == "67"  # 8 of 16 → 10 / 15
    tables = {t.key: t for t in outcomes.self_reliance_tables(scope, RULES)}
    codes = [d.code for d in LifeDomain.objects.order_by("order", "code")]
    counts = tables["self_reliance_change_by_domain"]
    _label, cells, total = counts.rows[codes.index("finances")]
    # worse = 0 is secret, so secondary suppression hides the row; the other domains are all 0 (secret),
    # so the finances total goes too (grand total minus it would reveal them); the grand total is shown
    assert [c.display() for c in cells] == [".", ".", "."] and total is not None and total.secret
    assert counts.total is not None and counts.total.display() == "20"
    mean = tables["self_reliance_mean_change"].rows[codes.index("finances")][1][0]
    assert mean.display() == "1.2"  # (12 × 2 + 8 × 0) / 20
    housing = tables["self_reliance_mean_change"].rows[codes.index("housing")][1][0]
    assert housing.secret  # nobody assessed twice there

    empty = outcomes.outcome_figures(scope.with_period(parse_period("2025")), RULES)
    assert [v.display() for v in empty.values()] == [".", ".", ".", "."]


def test_dashboard_outcome_sections_available(world: World) -> None:
    scope = metrics.Scope(period=parse_period("2026-H1"), municipality=world.municipality)
    board = metrics.dashboard(scope, RULES)
    sections = {s.key: s for s in board.sections}
    assert sections["self_reliance"].available and sections["outcomes"].available
    assert "share_goals_reached_household" in board.figures()
