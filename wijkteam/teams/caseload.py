"""Caseload and workload of team members: the rules, without the ORM.

A member's **weighted caseload** is

    coordinator cases × team.weight_coordinator
    + involvements × team.weight_involvement
    + collective hours per week ÷ team.hours_per_case_equivalent

rounded half-up to one decimal. Their **capacity** is FTE × the team's norm per FTE, also rounded to one
decimal. Only members who carry cases (generalists, specialists, Wmo consultants) have capacity: a team
lead's hours go to leading and a volunteer carries no cases, so their capacity is 0 whatever their FTE.

A member with capacity is **above the norm** when the rounded caseload is greater than the capacity,
**at the norm** when equal, and has **room** when below. A member without capacity (0 FTE, a volunteer, a
team lead) is never above the norm: there is nothing to divide by, and their status says "no capacity".
Comparing the rounded figures means the page never shows "20.0 of 20" next to "above the norm".

Team totals add up FTE, capacity and caseload of all running members; the share of capacity in use is
total caseload ÷ total capacity, as a whole percentage (None without capacity).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CASE_CARRYING_KINDS = frozenset({"generalist", "specialist", "wmo_consultant"})

ROOM = "room"
AT_NORM = "at_norm"
ABOVE_NORM = "above_norm"
NO_CAPACITY = "no_capacity"

_TENTH = Decimal("0.1")


def round_tenth(value: Decimal) -> Decimal:
    return Decimal(value).quantize(_TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Weights:
    """A team's caseload settings."""

    weight_coordinator: Decimal = Decimal("1")
    weight_involvement: Decimal = Decimal("0.5")
    hours_per_case_equivalent: Decimal = Decimal("2")
    norm_per_fte: Decimal = Decimal("20")


@dataclass(frozen=True)
class MemberLoad:
    """What one member carries: counted cases and involvements, hours of collective work, FTE and kind."""

    key: int
    kind: str
    fte: Decimal
    coordinator_cases: int = 0
    involvements: int = 0
    collective_hours: Decimal = Decimal("0")


@dataclass(frozen=True)
class MemberCaseload:
    key: int
    caseload: Decimal
    capacity: Decimal
    headroom: Decimal
    status: str
    percent: int | None

    @property
    def above_norm(self) -> bool:
        return self.status == ABOVE_NORM

    @property
    def has_room(self) -> bool:
        return self.status == ROOM


@dataclass(frozen=True)
class TeamTotals:
    members: int
    fte: Decimal
    capacity: Decimal
    caseload: Decimal
    headroom: Decimal
    percent: int | None
    above_norm: int


def weighted_caseload(
    *, coordinator_cases: int, involvements: int, collective_hours: Decimal, weights: Weights
) -> Decimal:
    if coordinator_cases < 0 or involvements < 0 or collective_hours < 0:
        raise ValueError("counts and hours cannot be negative")
    hours_part = (
        Decimal(collective_hours) / weights.hours_per_case_equivalent if weights.hours_per_case_equivalent else 0
    )
    return round_tenth(
        coordinator_cases * Decimal(weights.weight_coordinator)
        + involvements * Decimal(weights.weight_involvement)
        + Decimal(hours_part)
    )


def capacity(*, kind: str, fte: Decimal, weights: Weights) -> Decimal:
    if kind not in CASE_CARRYING_KINDS:
        return Decimal("0.0")
    return round_tenth(Decimal(fte) * Decimal(weights.norm_per_fte))


def percent_of(part: Decimal, whole: Decimal) -> int | None:
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def status_of(*, caseload: Decimal, capacity: Decimal) -> str:
    if capacity <= 0:
        return NO_CAPACITY
    if caseload > capacity:
        return ABOVE_NORM
    if caseload == capacity:
        return AT_NORM
    return ROOM


def member_caseload(load: MemberLoad, weights: Weights) -> MemberCaseload:
    case_load = weighted_caseload(
        coordinator_cases=load.coordinator_cases,
        involvements=load.involvements,
        collective_hours=load.collective_hours,
        weights=weights,
    )
    cap = capacity(kind=load.kind, fte=load.fte, weights=weights)
    return MemberCaseload(
        key=load.key,
        caseload=case_load,
        capacity=cap,
        headroom=cap - case_load,
        status=status_of(caseload=case_load, capacity=cap),
        percent=percent_of(case_load, cap),
    )


def team_totals(loads: Iterable[MemberLoad], weights: Weights) -> TeamTotals:
    rows = [(load, member_caseload(load, weights)) for load in loads]
    fte = sum((Decimal(load.fte) for load, _row in rows), Decimal("0"))
    cap = sum((row.capacity for _load, row in rows), Decimal("0.0"))
    case_load = sum((row.caseload for _load, row in rows), Decimal("0.0"))
    return TeamTotals(
        members=len(rows),
        fte=fte,
        capacity=cap,
        caseload=case_load,
        headroom=cap - case_load,
        percent=percent_of(case_load, cap),
        above_norm=sum(1 for _load, row in rows if row.above_norm),
    )
