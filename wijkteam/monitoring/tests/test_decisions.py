"""Stepped-care and decision/expenditure figures from provisions, against hand-computed fixtures."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from wijkteam.core.periods import parse_period
from wijkteam.monitoring import decisions, exports, metrics
from wijkteam.monitoring.suppression import Rules
from wijkteam.monitoring.tests.world import World, world_create
from wijkteam.provisions import lawfulness
from wijkteam.provisions.models import Decision, FrontlinePayment, StepChange
from wijkteam.provisions.tests.factories import option_create
from wijkteam.reference.models import CareLevel

pytestmark = pytest.mark.django_db
RULES = Rules()
JAN = date(2026, 1, 2)


@pytest.fixture
def world() -> World:
    return world_create()


def _decision(world: World, case, option, status: str = "granted") -> Decision:
    return Decision.objects.create(
        case=case,
        person=case.household.residences.first().person,
        option=option,
        legal_basis=option.legal_basis,
        team=case.team,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        volume=Decimal("1"),
        unit="month",
        frequency="month",
        tariff=Decimal("100.00"),
        status=status,
        decided_on=JAN,
        recorded_by=world.worker,
    )


def scope(world: World, period: str = "2026-H1") -> metrics.Scope:
    return metrics.Scope(period=parse_period(period), municipality=world.municipality)


def test_decisions_expenditure_cost_per_case_and_lawfulness(world: World) -> None:
    option = option_create("Begeleiding individueel", 3, "wmo2015", tariff="100.00", budget_function="6.71")
    closed = [world.case(JAN, closed_on=date(2026, 5, 1)) for _ in range(10)]
    for case in closed:
        _decision(world, case, option)  # 3 full months × 100 = 300 each
    for _ in range(2):
        _decision(world, world.case(JAN), option, status="rejected")
    FrontlinePayment.objects.create(
        team=world.team,
        case=closed[0],
        amount=Decimal("100.00"),
        reason="Energierekening",
        budget_function="6.3",
        paid_on=date(2026, 2, 1),
        requested_by=world.worker,
        approved_by=world.lead,
    )
    figures = decisions.decision_figures(scope(world), RULES)
    assert figures["decisions_count"].display() == "10"  # 12 → 10
    assert figures["cost_per_closed_case"].display() == "310"  # (10 × 300 + 100) / 10

    tables = {t.key: t for t in decisions.decision_tables(scope(world), RULES)}
    by_provision = tables["expenditure_by_provision"]
    # the frontline payment (one household) is secret, so the provision's amount goes too; total shown
    assert [cells[0].display() for _l, cells, _t in by_provision.rows] == [".", "."]
    assert by_provision.total is not None and by_provision.total.display() == "3100"
    by_basis = tables["expenditure_by_legal_basis"]
    assert [cells[0].display() for _l, cells, _t in by_basis.rows] == ["3000"]
    counts = tables["decisions_by_provision"]
    assert counts.total is not None and counts.total.display() == "10"
    law = tables["lawfulness_deviations"]
    no_investigation = list(lawfulness.LABELS).index(lawfulness.NO_INVESTIGATION)
    assert law.rows[no_investigation][1][0].display() == "10"  # 10 granted without investigation

    # the CBS-shaped export counts the persons with a running Wmo decision (rejected ones not)
    assert exports._clients_with_decisions(scope(world)) == (10, 0)
    assert exports.cbs_rows(scope(world), RULES)[0][-2:] == ["10", "."]

    empty = decisions.decision_figures(scope(world, "2025"), RULES)
    assert [v.display() for v in empty.values()] == [".", "."]


def test_step_ups_and_downs_per_level(world: World) -> None:
    two, three = CareLevel.objects.get(level=2), CareLevel.objects.get(level=3)
    for i in range(10):
        case = world.case(JAN)
        StepChange.objects.create(
            case=case,
            from_level=two if i < 9 else three,
            to_level=three if i < 9 else two,
            decided_on=JAN + timedelta(days=i),
            actor=world.worker,
            reason="Synthetisch",
        )
    table = decisions.step_tables(scope(world), RULES)[0]
    # 9 up from level 2 (secret: its row partner 0 is secret, and 9 is the smallest next cell), 1 down
    # from 3; the grand total (10) is shown
    assert table.total is not None and table.total.display() == "10"
    assert all(cell.secret for _l, cells, _t in table.rows for cell in cells)


def test_dashboard_sections_from_provisions_available(world: World) -> None:
    board = metrics.dashboard(scope(world), RULES)
    sections = {s.key: s for s in board.sections}
    assert sections["decisions"].available and sections["step_changes"].available
    assert {"decisions_count", "cost_per_closed_case"} <= set(board.figures())
