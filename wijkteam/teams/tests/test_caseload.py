"""Caseload rules, table-driven: weights, capacity, the norm, zero FTE, rounding and team totals."""

from decimal import Decimal as D  # noqa: N817 - short in tables

import pytest

from wijkteam.teams import caseload
from wijkteam.teams.caseload import ABOVE_NORM, AT_NORM, NO_CAPACITY, ROOM, MemberLoad, Weights

DEFAULT = Weights()  # coordinator 1, involvement 0.5, 2 hours = 1 case, norm 20 per FTE


@pytest.mark.parametrize(
    ("coordinator", "involvements", "hours", "weights", "expected"),
    [
        (0, 0, D("0"), DEFAULT, D("0.0")),
        (10, 0, D("0"), DEFAULT, D("10.0")),
        (10, 4, D("0"), DEFAULT, D("12.0")),
        (10, 4, D("4"), DEFAULT, D("14.0")),
        (0, 3, D("0"), DEFAULT, D("1.5")),
        (0, 0, D("1"), Weights(hours_per_case_equivalent=D("3")), D("0.3")),  # 0.333… rounds down
        (0, 0, D("5"), Weights(hours_per_case_equivalent=D("6")), D("0.8")),  # 0.833… rounds up
        (0, 1, D("0"), Weights(weight_involvement=D("0.25")), D("0.3")),  # 0.25 rounds half up
        (3, 2, D("3"), Weights(weight_coordinator=D("1.5"), weight_involvement=D("0.75")), D("7.5")),
    ],
)
def test_weighted_caseload(coordinator, involvements, hours, weights, expected):
    result = caseload.weighted_caseload(
        coordinator_cases=coordinator, involvements=involvements, collective_hours=hours, weights=weights
    )
    assert result == expected


@pytest.mark.parametrize(
    ("kind", "fte", "norm", "expected"),
    [
        ("generalist", D("1.00"), D("20"), D("20.0")),
        ("specialist", D("0.89"), D("20"), D("17.8")),
        ("wmo_consultant", D("0.5"), D("18.5"), D("9.3")),  # 9.25 rounds half up
        ("generalist", D("0"), D("20"), D("0.0")),
        ("volunteer", D("0.5"), D("20"), D("0.0")),  # volunteers carry no cases, whatever their FTE
        ("team_lead", D("1.0"), D("20"), D("0.0")),  # a team lead's hours go to leading
    ],
)
def test_capacity(kind, fte, norm, expected):
    assert caseload.capacity(kind=kind, fte=fte, weights=Weights(norm_per_fte=norm)) == expected


@pytest.mark.parametrize(
    ("load", "expected_status", "expected_percent", "above"),
    [
        (MemberLoad(1, "generalist", D("1"), coordinator_cases=12), ROOM, 60, False),
        (MemberLoad(2, "generalist", D("1"), coordinator_cases=20), AT_NORM, 100, False),  # at capacity exactly
        (MemberLoad(3, "generalist", D("1"), coordinator_cases=20, involvements=1), ABOVE_NORM, 103, True),
        (MemberLoad(4, "generalist", D("0.5"), coordinator_cases=9, involvements=2), AT_NORM, 100, False),
        # 20.04 rounds to 20.0: shown and judged as at the norm, never "20.0 of 20, above the norm"
        (MemberLoad(5, "generalist", D("1"), coordinator_cases=20, collective_hours=D("0.08")), AT_NORM, 100, False),
        (MemberLoad(6, "generalist", D("1"), coordinator_cases=20, collective_hours=D("0.1")), ABOVE_NORM, 101, True),
        # no capacity: never above the norm (no division by zero), whatever they carry
        (MemberLoad(7, "generalist", D("0"), coordinator_cases=3), NO_CAPACITY, None, False),
        (MemberLoad(8, "volunteer", D("0"), involvements=4), NO_CAPACITY, None, False),
        (MemberLoad(9, "team_lead", D("1"), coordinator_cases=2), NO_CAPACITY, None, False),
    ],
)
def test_member_status(load, expected_status, expected_percent, above):
    result = caseload.member_caseload(load, DEFAULT)
    assert result.status == expected_status
    assert result.percent == expected_percent
    assert result.above_norm is above
    assert result.headroom == result.capacity - result.caseload


def test_ties_get_the_same_figures():
    a = caseload.member_caseload(MemberLoad(1, "generalist", D("0.8"), coordinator_cases=8), DEFAULT)
    b = caseload.member_caseload(MemberLoad(2, "specialist", D("0.8"), coordinator_cases=6, involvements=4), DEFAULT)
    assert (a.caseload, a.capacity, a.status) == (b.caseload, b.capacity, b.status) == (D("8.0"), D("16.0"), ROOM)


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        caseload.weighted_caseload(coordinator_cases=-1, involvements=0, collective_hours=D("0"), weights=DEFAULT)


@pytest.mark.parametrize(
    ("loads", "expected"),
    [
        ([], (0, D("0"), D("0.0"), D("0.0"), None, 0)),
        (
            [
                MemberLoad(1, "generalist", D("1"), coordinator_cases=25),
                MemberLoad(2, "generalist", D("0.5"), coordinator_cases=4),
                MemberLoad(3, "volunteer", D("0"), involvements=2),
                MemberLoad(4, "team_lead", D("0.8")),
            ],
            (4, D("2.3"), D("30.0"), D("30.0"), 100, 1),
        ),
        ([MemberLoad(1, "volunteer", D("0"), involvements=2)], (1, D("0"), D("0.0"), D("1.0"), None, 0)),
        (
            [MemberLoad(1, "generalist", D("0.89"), coordinator_cases=10), MemberLoad(2, "specialist", D("0.5"))],
            (2, D("1.39"), D("27.8"), D("10.0"), 36, 0),
        ),
    ],
)
def test_team_totals(loads, expected):
    totals = caseload.team_totals(loads, DEFAULT)
    assert (totals.members, totals.fte, totals.capacity, totals.caseload, totals.percent, totals.above_norm) == expected
    assert totals.headroom == totals.capacity - totals.caseload
