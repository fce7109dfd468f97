"""The caseload and continuity the teams app reads from the case files (the cases side of the counting)."""

import pytest
from django.utils import timezone

from wijkteam.cases import services
from wijkteam.cases.tests.factories import case_create, scenario_create
from wijkteam.cases.workload_sources import case_counts, helped_before
from wijkteam.households.tests.factories import family_create
from wijkteam.teams import workload

pytestmark = pytest.mark.django_db


def test_registered_with_teams():
    assert workload.case_counts_available() and workload.continuity_available()


def test_counts_open_coordinated_cases_and_running_involvements(django_assert_num_queries):
    s = scenario_create()
    second = case_create(family_create(adults=1, children=0), s.team_a, s.coordinator)
    closed = case_create(family_create(adults=1, children=0), s.team_a, s.coordinator)
    services.case_close(
        case=closed, closed_on=timezone.localdate(), reason="goals_reached", result="improved", actor=s.coordinator
    )
    services.involvement_add(
        case=second, user=s.teammate, organisation=s.social_work, role="specialist", actor=s.coordinator
    )
    ids = [s.coordinator.pk, s.teammate.pk, s.partner.pk, s.volunteer.pk]
    with django_assert_num_queries(1):
        counts = case_counts(s.team_a.pk, ids)
    assert counts[s.coordinator.pk] == (2, 0)
    assert counts[s.teammate.pk] == (0, 1)
    assert counts[s.partner.pk] == (0, 1)
    assert counts[s.volunteer.pk] == (0, 0)
    assert case_counts(s.team_b.pk, ids)[s.coordinator.pk] == (0, 0)


def test_continuity(django_assert_num_queries):
    s = scenario_create()
    ids = [s.coordinator.pk, s.teammate.pk, s.partner.pk, s.other_team_worker.pk]
    with django_assert_num_queries(1):
        assert helped_before(s.family_a.household.pk, ids) == {s.coordinator.pk, s.partner.pk}
    assert helped_before(s.family_b.household.pk, ids) == {s.other_team_worker.pk}
