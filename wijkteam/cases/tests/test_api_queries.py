"""Every API list of the case file runs a fixed number of queries, however many rows it shows: measured
with a few rows, then with many, under the same bound."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from wijkteam.cases import services
from wijkteam.cases.tests.api_world import World, world_create
from wijkteam.cases.tests.factories import case_create, help_request_create, partner_involve
from wijkteam.households.tests.factories import family_create

pytestmark = pytest.mark.django_db

# endpoint -> the most queries a list may take (authentication is forced: no token lookup): the count and
# the page, the prefetches, the caller's roles and organisations, the emergency grants of the cases shown,
# and the access-log insert with its hash-chain link (a savepoint, the chain head, the link, the entries).
BOUNDS = {
    "persons": 12,
    "households": 12,
    "help-requests": 13,
    "short-contacts": 10,
    "signals": 11,
    "cases": 17,
    "plans": 12,
    "goals": 12,
    "actions": 13,
    "contact-moments": 16,
    "case-conferences": 14,
}
ROLES = {
    "coordinator": list(BOUNDS),
    "teammate": ["persons", "households", "help-requests", "short-contacts", "signals", "cases"],
    "volunteer": ["actions"],
    "partner": ["cases", "plans", "goals", "actions", "contact-moments", "case-conferences"],
}


def grow(w: World, extra: int) -> None:
    """`extra` more households with a case in team A, each with a filled plan, notes and a conference,
    and as many open help requests, short contacts and signals."""
    s = w.s
    today = timezone.localdate()
    for number in range(extra):
        family = family_create(adults=2, children=1)
        case = case_create(family, s.team_a, s.coordinator)
        partner_involve(case, s.partner, s.debt, "debt_counsellor", s.coordinator)
        plan = services.plan_get_or_create(case=case, actor=s.coordinator)
        goal = services.goal_add(plan=plan, life_domain_code="finances", text=f"Doel {number}", actor=s.coordinator)
        services.goal_add(plan=plan, life_domain_code="housing", text="Een veilig huis", actor=s.coordinator)
        for who, assignee in (("volunteer", s.volunteer), ("partner", s.partner)):
            services.action_add(
                plan=plan,
                data=services.ActionInput(
                    who_kind=who, what="Samen bellen", assignee_id=assignee.pk, goal_id=goal.pk, due_on=today
                ),
                actor=s.coordinator,
            )
        for audience in ("team", "involved"):
            services.contact_moment_record(
                case=case,
                occurred_on=today,
                kind="home_visit",
                note="Huisbezoek",
                audience=audience,
                life_domain_codes=["finances", "housing"],
                participant_ids=[family.adults[0].pk],
                actor=s.coordinator,
            )
        services.conference_record(
            case=case,
            held_on=today - timedelta(days=1),
            questions="Wie doet wat?",
            participant_ids=[s.coordinator.pk, s.partner.pk],
            new_actions=[services.ActionInput(who_kind="household", what="Papieren verzamelen")],
            actor=s.coordinator,
        )
        waiting = family_create(adults=1, children=1)
        help_request_create(waiting, s.team_a, s.teammate, life_domain_codes=["finances", "housing", "mental_health"])
        services.short_contact_register(
            team=s.team_a,
            who="",
            person=waiting.adults[0],
            life_domain_code="finances",
            what_was_done="Formulier ingevuld",
            contacted_on=today,
            district_id=waiting.address.neighbourhood.parent_id,
            actor=s.teammate,
        )
        services.signal_register(
            team=s.team_a,
            received_on=today,
            source="neighbour",
            concern="Zorgen om de buren",
            household=waiting.household,
            district_id=waiting.address.neighbourhood.parent_id,
            actor=s.teammate,
        )


@pytest.mark.parametrize("role", list(ROLES))
def test_api_lists_take_the_same_number_of_queries_for_few_and_many_rows(role, django_assert_max_num_queries):
    w = world_create()
    client = APIClient()
    client.force_authenticate(w.user(role))

    def counts() -> dict[str, int]:
        result = {}
        for endpoint in ROLES[role]:
            with django_assert_max_num_queries(BOUNDS[endpoint]):
                response = client.get(f"/api/v1/{endpoint}/", {"page_size": 1000})
            assert response.status_code == 200
            result[endpoint] = response.json()["count"]
        return result

    few = counts()
    grow(w, 6)
    many = counts()
    for endpoint in ROLES[role]:
        assert many[endpoint] > few[endpoint] + 4, endpoint
