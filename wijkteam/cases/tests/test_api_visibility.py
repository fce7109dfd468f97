"""Every list and detail endpoint of the case file, for every role: what the caller sees, 404 for the
rest, and an access-log entry (NEN 7513) for exactly the persons returned."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.http import Http404

from wijkteam.access.models import AccessLogEntry
from wijkteam.cases import selectors, services
from wijkteam.cases.emergency import case_emergency_open
from wijkteam.cases.models import Action, Case, ClientSystemMember, ContactMoment, HelpRequest, Signal
from wijkteam.cases.tests.api_world import ROLES, World, world_create
from wijkteam.households.models import Person

pytestmark = pytest.mark.django_db


def purge_log() -> None:
    """Empty the access log between reads (on PostgreSQL the log is append-only unless purging is on)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('wijkteam.allow_log_purge', 'on', true)")
    AccessLogEntry.objects.all().delete()


@pytest.fixture
def w() -> World:
    return world_create()


def members(*families: Any) -> set[int]:
    return {p.pk for f in families for p in f.members}


# endpoint -> role -> the ids the role sees (a function of the world)
Expected = Callable[[World], set[int]]
VISIBLE: dict[str, dict[str, Expected]] = {
    "persons": {
        "coordinator": lambda w: members(w.s.family_a, w.family_c),
        "teammate": lambda w: members(w.s.family_a, w.family_c),
        "team_lead": lambda w: members(w.s.family_a, w.family_c),
        "partner": lambda w: members(w.s.family_a),
        "other_team_worker": lambda w: members(w.s.family_b),
    },
    "households": {
        "coordinator": lambda w: {w.s.family_a.household.pk, w.family_c.household.pk},
        "teammate": lambda w: {w.s.family_a.household.pk, w.family_c.household.pk},
        "team_lead": lambda w: {w.s.family_a.household.pk, w.family_c.household.pk},
        "partner": lambda w: {w.s.family_a.household.pk},
        "other_team_worker": lambda w: {w.s.family_b.household.pk},
    },
    "help-requests": {
        "coordinator": lambda w: {w.request_c.pk, w.s.case_a.help_request_id},
        "teammate": lambda w: {w.request_c.pk},
        "team_lead": lambda w: {w.request_c.pk},
        "partner": lambda w: {w.s.case_a.help_request_id},
        "other_team_worker": lambda w: {w.s.case_b.help_request_id},
    },
    "short-contacts": {
        "coordinator": lambda w: {w.short_contact_a.pk},
        "teammate": lambda w: {w.short_contact_a.pk},
        "team_lead": lambda w: {w.short_contact_a.pk},
        "other_team_worker": lambda w: {w.short_contact_b.pk},
    },
    "signals": {
        "coordinator": lambda w: {w.signal_a.pk},
        "teammate": lambda w: {w.signal_a.pk},
        "team_lead": lambda w: {w.signal_a.pk},
        "other_team_worker": lambda w: {w.signal_b.pk},
    },
    "cases": {
        "coordinator": lambda w: {w.s.case_a.pk},
        "teammate": lambda w: {w.s.case_a.pk},
        "team_lead": lambda w: {w.s.case_a.pk},
        "partner": lambda w: {w.s.case_a.pk},
        "other_team_worker": lambda w: {w.s.case_b.pk},
    },
    "plans": {
        "coordinator": lambda w: {w.plan_a.pk},
        "partner": lambda w: {w.plan_a.pk},
        "other_team_worker": lambda w: {w.plan_b.pk},
    },
    "goals": {
        "coordinator": lambda w: {w.goal_a.pk},
        "partner": lambda w: {w.goal_a.pk},
        "other_team_worker": lambda w: {w.goal_b.pk},
    },
    "actions": {
        "coordinator": lambda w: {
            w.action_household.pk,
            w.action_volunteer.pk,
            w.action_partner.pk,
            w.action_cancelled.pk,
        },
        "partner": lambda w: {w.action_household.pk, w.action_volunteer.pk, w.action_partner.pk, w.action_cancelled.pk},
        "volunteer": lambda w: {w.action_volunteer.pk},
        "other_team_worker": lambda w: {w.action_b.pk},
    },
    "contact-moments": {
        "coordinator": lambda w: {w.note_team.pk, w.note_coordinator.pk, w.note_involved.pk},
        "partner": lambda w: {w.note_team.pk, w.note_involved.pk, w.note_organisation.pk},
        "other_team_worker": lambda w: {w.note_b.pk},
    },
    "case-conferences": {
        "coordinator": lambda w: {w.conference_a.pk},
        "partner": lambda w: {w.conference_a.pk},
    },
}

ALL_IDS: dict[str, Expected] = {
    "persons": lambda w: set(Person.objects.values_list("pk", flat=True)),
    "households": lambda w: {f.household.pk for f in (w.s.family_a, w.s.family_b, w.family_c)},
    "help-requests": lambda w: set(HelpRequest.objects.values_list("pk", flat=True)),
    "short-contacts": lambda w: {w.short_contact_a.pk, w.short_contact_b.pk},
    "signals": lambda w: set(Signal.objects.values_list("pk", flat=True)),
    "cases": lambda w: set(Case.objects.values_list("pk", flat=True)),
    "plans": lambda w: {w.plan_a.pk, w.plan_b.pk},
    "goals": lambda w: {w.goal_a.pk, w.goal_b.pk},
    "actions": lambda w: set(Action.objects.values_list("pk", flat=True)),
    "contact-moments": lambda w: set(ContactMoment.objects.values_list("pk", flat=True)),
    "case-conferences": lambda w: {w.conference_a.pk},
}


def persons_concerned(endpoint: str, items: list[dict[str, Any]]) -> set[int]:
    """Whom a page of answers is about: what the access log must name."""
    ids = [item["id"] for item in items]
    if endpoint == "persons":
        return set(ids)
    if endpoint == "households":
        return set(Person.objects.filter(household_id__in=ids).values_list("pk", flat=True))
    if endpoint == "help-requests":
        households = HelpRequest.objects.filter(pk__in=ids).values("household_id")
        return set(Person.objects.filter(household_id__in=households).values_list("pk", flat=True))
    if endpoint == "short-contacts":
        return {item["person"]["id"] for item in items if item["person"]}
    if endpoint == "signals":
        households = Signal.objects.filter(pk__in=ids).values("household_id")
        return set(Person.objects.filter(household_id__in=households).values_list("pk", flat=True))
    case_field = {
        "cases": "pk",
        "plans": "plan",
        "goals": "plan__goals",
        "actions": "plan__actions",
        "contact-moments": "contact_moments",
        "case-conferences": "conferences",
    }[endpoint]
    cases = Case.objects.filter(**{f"{case_field}__in": ids}).values("pk")
    return set(ClientSystemMember.objects.filter(case_id__in=cases).values_list("person_id", flat=True))


def as_user(api_client: Any, user: Any) -> Any:
    api_client.force_authenticate(user)
    return api_client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", list(VISIBLE))
def test_list_shows_what_the_role_may_see_and_logs_exactly_those_persons(api_client, w, endpoint, role):
    client = as_user(api_client, w.user(role))
    purge_log()
    response = client.get(f"/api/v1/{endpoint}/", {"page_size": 1000})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    expected = VISIBLE[endpoint].get(role, lambda w: set())(w)
    assert {item["id"] for item in body["results"]} == expected
    assert body["count"] == len(expected)
    entries = AccessLogEntry.objects.all()
    assert {e.person_id for e in entries} == persons_concerned(endpoint, body["results"])
    assert entries.count() == len({e.person_id for e in entries})
    assert set(entries.values_list("action", flat=True)) <= {"list"}
    assert set(entries.values_list("user_id", flat=True)) <= {w.user(role).pk}
    assert len(set(entries.values_list("request_id", flat=True))) <= 1


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", list(VISIBLE))
def test_detail_answers_404_for_what_the_role_may_not_see_and_logs_each_view(api_client, w, endpoint, role):
    client = as_user(api_client, w.user(role))
    visible = VISIBLE[endpoint].get(role, lambda w: set())(w)
    for pk in sorted(ALL_IDS[endpoint](w)):
        purge_log()
        response = client.get(f"/api/v1/{endpoint}/{pk}/")
        if pk in visible:
            assert response.status_code == 200, (endpoint, role, pk)
            item = response.json()
            assert item["id"] == pk
            logged = set(AccessLogEntry.objects.values_list("person_id", flat=True))
            assert logged == persons_concerned(endpoint, [item])
            assert set(AccessLogEntry.objects.values_list("action", flat=True)) <= {"view"}
        else:
            assert response.status_code == 404, (endpoint, role, pk)
            assert not AccessLogEntry.objects.exists()


def test_unknown_ids_and_ids_that_are_not_numbers_answer_404(api_client, w):
    client = as_user(api_client, w.s.coordinator)
    for endpoint in VISIBLE:
        assert client.get(f"/api/v1/{endpoint}/999999/").status_code == 404
        assert client.get(f"/api/v1/{endpoint}/abc/").status_code == 404


def test_anonymous_callers_are_refused(api_client, w):
    for endpoint in VISIBLE:
        assert api_client.get(f"/api/v1/{endpoint}/").status_code in (401, 403)


INDEX_CARD = {"id", "household", "address", "coordinator", "status", "next_step", "team", "has_content"}


@pytest.mark.parametrize("role", ["teammate", "team_lead"])
def test_a_teammate_gets_only_the_index_card(api_client, w, role):
    client = as_user(api_client, w.user(role))
    listed = client.get("/api/v1/cases/").json()["results"][0]
    detail = client.get(f"/api/v1/cases/{w.s.case_a.pk}/").json()
    for item in (listed, detail):
        assert set(item) == INDEX_CARD
        assert item["has_content"] is False
        assert item["household"]["name"] == w.s.family_a.household.name
        assert item["coordinator"]["id"] == w.s.coordinator.pk
        assert item["address"]["postcode"] == w.s.family_a.address.postcode_display
        assert item["team"]["name"] == w.s.team_a.name
    entries = AccessLogEntry.objects.filter(user=w.user(role))
    assert set(entries.values_list("data_category", flat=True)) == {"index card"}


def test_the_coordinator_gets_the_content(api_client, w):
    item = as_user(api_client, w.s.coordinator).get(f"/api/v1/cases/{w.s.case_a.pk}/").json()
    assert item["has_content"] is True
    assert item["help_request"]["words"] == "Wij komen niet rond en de post stapelt zich op."
    assert item["help_request"]["life_domains"] == ["finances", "social_network"]
    assert {m["person"]["id"] for m in item["client_system"]} == members(w.s.family_a)
    assert [i["user"]["id"] for i in item["involved_workers"]] == [w.s.partner.pk]
    assert item["plan"] == w.plan_a.pk
    assert set(AccessLogEntry.objects.values_list("data_category", flat=True)) == {"case content"}


def test_after_opening_with_a_reason_the_teammate_gets_the_content(api_client, w):
    client = as_user(api_client, w.s.teammate)
    response = client.post(
        f"/api/v1/cases/{w.s.case_a.pk}/open-with-reason/", {"reason": "Collega ziek, moeder belt over de huur"}
    )
    assert response.status_code == 200
    assert response.json()["has_content"] is True
    assert w.goal_a.pk in {g["id"] for g in client.get("/api/v1/goals/").json()["results"]}
    # Notes for the team only: not the coordinator's or the involved workers' ones.
    notes = {m["id"] for m in client.get("/api/v1/contact-moments/").json()["results"]}
    assert notes == {w.note_team.pk}


def test_a_volunteer_sees_what_to_do_not_the_plan(api_client, w):
    client = as_user(api_client, w.s.volunteer)
    item = client.get("/api/v1/actions/").json()["results"][0]
    assert set(item) == {
        "id",
        "household",
        "who_kind",
        "who_name",
        "person",
        "assignee",
        "what",
        "due_on",
        "status",
        "done_on",
        "version",
        "has_content",
    }
    assert item["what"] == "Samen boodschappen doen" and item["has_content"] is False
    assert set(AccessLogEntry.objects.values_list("data_category", flat=True)) == {"assigned action"}
    for endpoint in VISIBLE:
        if endpoint != "actions":
            assert client.get(f"/api/v1/{endpoint}/").json()["count"] == 0


@pytest.mark.parametrize("role", ROLES)
def test_notes_follow_the_audience_exactly_as_the_case_page(api_client, w, role):
    """The API's contact moments are those of `selectors.contact_moments_for` on each case."""
    user = w.user(role)
    listed = {m["id"] for m in as_user(api_client, user).get("/api/v1/contact-moments/").json()["results"]}
    expected = set()
    for case in (w.s.case_a, w.s.case_b):
        try:
            view = selectors.case_get_for_user(user=user, case_id=case.pk)
        except Http404:  # the case is not visible at all: none of its notes either
            continue
        expected |= {m.pk for m in selectors.contact_moments_for(view, user)}
    assert listed == expected


def test_filters_narrow_the_list(api_client, w):
    client = as_user(api_client, w.s.coordinator)
    assert client.get("/api/v1/cases/", {"mine": "true"}).json()["count"] == 1
    assert client.get("/api/v1/cases/", {"status": "closed"}).json()["count"] == 0
    assert client.get("/api/v1/cases/", {"status": "open"}).json()["count"] == 1
    assert client.get("/api/v1/actions/", {"status": "cancelled"}).json()["count"] == 1
    assert client.get("/api/v1/actions/", {"case": w.s.case_a.pk, "mine": "1"}).json()["count"] == 0
    assert client.get("/api/v1/help-requests/", {"status": "open"}).json()["count"] == 1
    assert client.get("/api/v1/persons/", {"household": w.family_c.household.pk}).json()["count"] == 3
    found = client.get("/api/v1/persons/", {"q": w.s.family_a.adults[0].given_names}).json()["results"]
    assert w.s.family_a.adults[0].pk in {p["id"] for p in found}
    assert set(AccessLogEntry.objects.filter(action="search").values_list("person_id", flat=True)) == {
        p["id"] for p in found
    }


@pytest.mark.parametrize(
    ("params", "field"), [({"case": "abc"}, "case"), ({"status": "kwijt"}, "status"), ({"case": "0"}, "case")]
)
def test_bad_filters_answer_400_in_dutch(api_client, w, params, field):
    response = as_user(api_client, w.s.coordinator).get("/api/v1/actions/", params)
    assert response.status_code == 400
    message = response.json()[field][0]
    assert message in ("Geef het nummer (id) van het object.", "Kies een van: open, done, cancelled.")


def test_a_case_waiting_for_a_coordinator_is_an_index_card_for_the_team(api_client, w):
    case = services.case_open(help_request=w.request_c, coordinator=None, actor=w.s.team_lead)
    client = as_user(api_client, w.s.teammate)
    detail = client.get(f"/api/v1/cases/{case.pk}/").json()
    listed = {c["id"]: c for c in client.get("/api/v1/cases/").json()["results"]}[case.pk]
    for item in (detail, listed):
        assert item["has_content"] is False and item["coordinator"] is None


def test_emergency_access_shows_the_content_and_is_logged_as_such(api_client, w, settings):
    settings.WIJKTEAM_REQUIRE_2FA = False
    case_emergency_open(
        case=w.s.case_a,
        reason="Crisis buiten kantoortijd, regisseur niet bereikbaar",
        code="",
        actor=w.s.other_team_worker,
    )
    client = as_user(api_client, w.s.other_team_worker)
    purge_log()
    cases = {c["id"]: c["has_content"] for c in client.get("/api/v1/cases/").json()["results"]}
    assert cases == {w.s.case_a.pk: True, w.s.case_b.pk: True}
    a_members, b_members = members(w.s.family_a), members(w.s.family_b)
    flagged = AccessLogEntry.objects.filter(emergency=True)
    assert set(flagged.values_list("person_id", flat=True)) == a_members
    assert set(flagged.values_list("action", flat=True)) == {"emergency"}
    assert set(AccessLogEntry.objects.filter(emergency=False).values_list("person_id", flat=True)) == b_members
    for endpoint in ("plans", "goals", "actions", "contact-moments", "case-conferences", "help-requests"):
        purge_log()
        assert client.get(f"/api/v1/{endpoint}/", {"case": w.s.case_a.pk}).status_code == 200
        if endpoint == "help-requests":
            client.get(f"/api/v1/help-requests/{w.s.case_a.help_request_id}/")
        else:
            client.get(f"/api/v1/{endpoint}/")
        assert set(AccessLogEntry.objects.filter(emergency=True).values_list("person_id", flat=True)) == a_members
    notes = {m["id"] for m in client.get("/api/v1/contact-moments/", {"case": w.s.case_a.pk}).json()["results"]}
    assert notes == {w.note_team.pk}


def test_identifiers_only_for_who_works_with_the_person(api_client, w):
    """A teammate who sees a case's index card gets names, not the BSN or contact details; the
    coordinator does, and so does the teammate for a household with an open help request to the team
    (the intake needs the BSN)."""
    adult = w.s.family_a.adults[0]
    Person.objects.filter(pk=adult.pk).update(bsn="123456782", phone="0612345678")
    intake_person = w.family_c.members[0]
    Person.objects.filter(pk=intake_person.pk).update(bsn="111222333")

    def person(user, pk):
        api_client.force_authenticate(user)
        response = api_client.get(f"/api/v1/persons/{pk}/")
        assert response.status_code == 200
        return response.json()

    seen = person(w.s.teammate, adult.pk)
    assert seen["bsn"] is None and seen["phone"] == "" and seen["family_name"] == adult.family_name
    assert person(w.s.coordinator, adult.pk)["bsn"] == "123456782"
    assert person(w.s.teammate, intake_person.pk)["bsn"] == "111222333"
    api_client.force_authenticate(w.s.teammate)
    listed = {row["id"]: row for row in api_client.get("/api/v1/persons/?page_size=100").json()["results"]}
    assert listed[adult.pk]["bsn"] is None
    assert listed[intake_person.pk]["bsn"] == "111222333"
