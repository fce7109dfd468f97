"""Writes through the API: every change goes through a service with the caller as actor and the checks of
the screens; 409 on a stale version, 400 with a Dutch message on bad input, 403 for a role that may not,
404 for what the caller may not see."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from wijkteam.access.models import AccessLogEntry, AuditEvent
from wijkteam.cases.models import (
    Action,
    Case,
    CaseConference,
    ContactMoment,
    ContentAccessGrant,
    Goal,
    HelpRequest,
    ShortContact,
    Signal,
)
from wijkteam.cases.tests.api_world import World, world_create
from wijkteam.households.models import Household, Person

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def w() -> World:
    return world_create()


@pytest.fixture
def as_role(w):
    """A separate client per role, so a test can act as several roles side by side."""

    def login(role: str) -> Any:
        client = APIClient()
        client.force_authenticate(w.user(role))
        return client

    return login


def audited(action: str, actor: Any) -> bool:
    return AuditEvent.objects.filter(action=action, actor=actor).exists()


# --- help requests, short contacts, signals -------------------------------------------------------


def help_request_body(w: World, **values: Any) -> dict[str, Any]:
    return {
        "household": w.s.family_a.household.pk,
        "team": w.s.team_a.pk,
        "received_on": TODAY().isoformat(),
        "channel": "school",
        "words": "Onze dochter zit al weken thuis.",
        "life_domains": ["domestic_relations", "mental_health"],
        **values,
    }


def test_register_a_help_request(as_role, w):
    response = as_role("teammate").post("/api/v1/help-requests/", help_request_body(w), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "open" and body["life_domains"] == ["domestic_relations", "mental_health"]
    assert body["registered_by"]["id"] == w.s.teammate.pk
    assert audited("help_request.registered", w.s.teammate)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"words": "   "}, "words", "Dit veld mag niet leeg zijn."),
        ({"life_domains": ["toverkunst"]}, "life_domains", None),
        ({"household": None}, "household", "Dit veld mag niet leeg zijn."),
        ({"received_on": "morgen"}, "received_on", None),
    ],
)
def test_help_request_bad_input_answers_400_in_dutch(as_role, w, values, field, message):
    response = as_role("coordinator").post("/api/v1/help-requests/", help_request_body(w, **values), format="json")
    assert response.status_code == 400
    errors = response.json()
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert HelpRequest.objects.count() == 3


def test_a_date_in_the_future_is_refused_by_the_service_in_dutch(as_role, w):
    future = (TODAY() + timedelta(days=2)).isoformat()
    response = as_role("coordinator").post(
        "/api/v1/help-requests/", help_request_body(w, received_on=future), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"received_on": ["De datum kan niet in de toekomst liggen."]}


def test_help_requests_only_for_visible_households_and_own_teams(as_role, w):
    client = as_role("coordinator")
    other_household = help_request_body(w, household=w.s.family_b.household.pk)
    response = client.post("/api/v1/help-requests/", other_household, format="json")
    assert response.status_code == 400
    assert "bestaat niet" in response.json()["household"][0]
    other_team = client.post("/api/v1/help-requests/", help_request_body(w, team=w.s.team_b.pk), format="json")
    assert other_team.status_code == 400 and "team" in other_team.json()


@pytest.mark.parametrize("role", ["volunteer", "partner", "advisor"])
def test_roles_without_intake_may_not_register(as_role, w, role):
    client = as_role(role)
    assert client.post("/api/v1/help-requests/", help_request_body(w), format="json").status_code == 403
    assert client.post("/api/v1/short-contacts/", {}, format="json").status_code == 403
    assert client.post("/api/v1/signals/", {}, format="json").status_code == 403
    assert client.post("/api/v1/households/", {}, format="json").status_code == 403
    assert client.post("/api/v1/cases/", {}, format="json").status_code == 403


def test_register_a_short_contact(as_role, w):
    client = as_role("coordinator")
    body = {
        "team": w.s.team_a.pk,
        "who": "vrouw, ongeveer 40",
        "life_domain": "finances",
        "what_was_done": "Geholpen met de aanvraag kwijtschelding",
        "contacted_on": TODAY().isoformat(),
        "district": "WK015300",
        "contacts": 2,
    }
    response = client.post("/api/v1/short-contacts/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["district"] == "WK015300"
    assert response.json()["contacts"] == 2
    too_many = client.post("/api/v1/short-contacts/", {**body, "contacts": 3}, format="json")
    assert too_many.status_code == 400
    assert too_many.json()["contacts"] == ["Een kortdurend contact heeft één of twee contacten; open anders een casus."]
    assert ShortContact.objects.filter(team=w.s.team_a).count() == 2


def test_register_and_triage_a_signal(as_role, w):
    client = as_role("teammate")
    body = {
        "team": w.s.team_a.pk,
        "received_on": TODAY().isoformat(),
        "source": "school",
        "concern": "Kind komt zonder ontbijt naar school.",
        "address_text": "Hoofdstraat 1",
    }
    created = client.post("/api/v1/signals/", body, format="json")
    assert created.status_code == 201, created.json()
    url = f"/api/v1/signals/{created.json()['id']}/"
    no_reason = client.patch(url, {"status": "closed"}, format="json")
    assert no_reason.status_code == 400
    assert no_reason.json() == {"closing_reason": ["Geef de reden om het signaal te sluiten."]}
    closed = client.patch(url, {"status": "closed", "closing_reason": "Al bekend bij de school"}, format="json")
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed" and closed.json()["triaged_by"] == w.s.teammate.pk
    again = client.patch(url, {"status": "closed", "closing_reason": "Nogmaals"}, format="json")
    assert again.status_code == 400
    assert again.json() == {"non_field_errors": ["Dit signaal is al beoordeeld."]}
    linked = client.patch(
        f"/api/v1/signals/{w.signal_a.pk}/", {"status": "case", "help_request": w.request_c.pk}, format="json"
    )
    assert linked.status_code == 200 and linked.json()["help_request"] == w.request_c.pk
    assert as_role("other_team_worker").patch(url, {"status": "closed"}, format="json").status_code == 404


# --- households and persons -----------------------------------------------------------------------


def household_body(w: World, **values: Any) -> dict[str, Any]:
    return {
        "name": "Jansen",
        "address": {
            "postcode": "7511 AB",
            "house_number": "12A",
            "street": "Oude Markt",
            "neighbourhood": "BU01530000",
        },
        "members": [
            {"given_names": "Els", "family_name": "Jansen", "birth_date": "1980-03-01", "phone": "0612345678"},
            {"given_names": "Tim", "family_name": "Jansen", "birth_date": "2015-06-01"},
        ],
        "help_request": {
            "team": w.s.team_a.pk,
            "received_on": TODAY().isoformat(),
            "channel": "self",
            "words": "Ik krijg de rekeningen niet meer betaald.",
            "life_domains": ["finances"],
        },
        **values,
    }


def test_register_a_new_household_with_its_help_request(as_role, w):
    client = as_role("coordinator")
    response = client.post("/api/v1/households/", household_body(w), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [m["given_names"] for m in body["members"]] == ["Els", "Tim"]
    assert body["address"]["postcode"] == "7511 AB" and body["address"]["house_number"] == "12A"
    assert body["address"]["neighbourhood"] == "BU01530000" and body["address"]["district"] == "WK015300"
    request = HelpRequest.objects.get(pk=body["help_request"])
    assert request.household_id == body["id"] and request.team == w.s.team_a
    # The request makes the household visible to the team.
    assert as_role("teammate").get(f"/api/v1/households/{body['id']}/").status_code == 200
    assert as_role("other_team_worker").get(f"/api/v1/households/{body['id']}/").status_code == 404


def test_a_bad_new_household_saves_nothing_and_says_where(as_role, w):
    before = (Household.objects.count(), Person.objects.count(), HelpRequest.objects.count())
    body = household_body(w)
    body["address"]["postcode"] = "1234"
    body["members"][1]["bsn"] = "123456789"
    response = as_role("coordinator").post("/api/v1/households/", body, format="json")
    assert response.status_code == 400
    assert "address.postcode" in response.json()
    assert (Household.objects.count(), Person.objects.count(), HelpRequest.objects.count()) == before

    body = household_body(w)
    body["members"][1]["bsn"] = "123456789"
    response = as_role("coordinator").post("/api/v1/households/", body, format="json")
    assert response.status_code == 400 and list(response.json()) == ["members.1.bsn"]
    assert (Household.objects.count(), Person.objects.count(), HelpRequest.objects.count()) == before


def test_add_a_member_to_a_household(as_role, w):
    body = {"household": w.family_c.household.pk, "given_names": "Noor", "family_name": "Test", "gender": "female"}
    response = as_role("teammate").post("/api/v1/persons/", body, format="json")  # open request of the team
    assert response.status_code == 201, response.json()
    assert response.json()["household"] == w.family_c.household.pk
    assert response.json()["address"]["postcode"] == w.family_c.address.postcode_display
    # An index card is not enough to change a household.
    forbidden = as_role("teammate").post(
        "/api/v1/persons/", {**body, "household": w.s.family_a.household.pk}, format="json"
    )
    assert forbidden.status_code == 403
    unseen = as_role("coordinator").post(
        "/api/v1/persons/", {**body, "household": w.s.family_b.household.pk}, format="json"
    )
    assert unseen.status_code == 400


def test_rectify_contact_details_with_a_version(as_role, w):
    person = w.s.family_a.adults[0]
    client = as_role("coordinator")
    current = client.get(f"/api/v1/persons/{person.pk}/").json()
    response = client.patch(
        f"/api/v1/persons/{person.pk}/",
        {"updated_at": current["updated_at"], "phone": "0698765432", "email": "Nieuw@Example.org"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["phone"] == "0698765432" and response.json()["email"] == "nieuw@example.org"
    stale = client.patch(
        f"/api/v1/persons/{person.pk}/", {"updated_at": current["updated_at"], "phone": "0611111111"}, format="json"
    )
    assert stale.status_code == 409
    assert stale.json()["current"]["phone"] == "0698765432"
    assert "Iemand anders" in stale.json()["detail"]
    bad = client.patch(
        f"/api/v1/persons/{person.pk}/",
        {"updated_at": response.json()["updated_at"], "email": "geen-adres"},
        format="json",
    )
    assert bad.status_code == 400 and bad.json() == {"email": ["Voer een geldig e-mailadres in."]}
    teammate = as_role("teammate").patch(
        f"/api/v1/persons/{person.pk}/", {"updated_at": current["updated_at"], "phone": "0"}, format="json"
    )
    assert teammate.status_code == 403
    other = as_role("other_team_worker").patch(f"/api/v1/persons/{person.pk}/", {"phone": "0"}, format="json")
    assert other.status_code == 404
    assert Person.objects.get(pk=person.pk).phone == "0698765432"


def test_rename_a_household(as_role, w):
    response = as_role("coordinator").patch(
        f"/api/v1/households/{w.s.family_a.household.pk}/", {"name": "De Vries-Jansen"}, format="json"
    )
    assert response.status_code == 200 and response.json()["name"] == "De Vries-Jansen"
    assert (
        as_role("team_lead")
        .patch(f"/api/v1/households/{w.s.family_a.household.pk}/", {"name": "X"}, format="json")
        .status_code
        == 403
    )


# --- cases ----------------------------------------------------------------------------------------


def test_open_a_case_on_a_help_request(as_role, w):
    client = as_role("team_lead")
    body = {"help_request": w.request_c.pk, "coordinator": w.s.teammate.pk}
    response = client.post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.json()
    case = Case.objects.get(pk=response.json()["id"])
    assert case.coordinator == w.s.teammate and case.help_request == w.request_c
    assert response.json()["has_content"] is False  # the team lead assigned it; the teammate coordinates
    again = client.post("/api/v1/cases/", body, format="json")
    assert again.status_code == 400 and "help_request" in again.json()
    assert as_role("teammate").get(f"/api/v1/cases/{case.pk}/").json()["has_content"] is True


def test_a_coordinator_outside_the_team_is_refused(as_role, w):
    body = {"help_request": w.request_c.pk, "coordinator": w.s.other_team_worker.pk}
    response = as_role("coordinator").post("/api/v1/cases/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"coordinator": ["De regisseur moet lid zijn van het team van de casus."]}


def test_move_a_case_and_set_its_next_step(as_role, w):
    url = f"/api/v1/cases/{w.s.case_a.pk}/"
    client = as_role("coordinator")
    response = client.patch(url, {"status": "plan", "next_step": "Huisbezoek plannen"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "plan" and response.json()["next_step"] == "Huisbezoek plannen"
    response = client.patch(url, {"next_step": "Plan bespreken met moeder"}, format="json")
    assert response.status_code == 200 and response.json()["next_step"] == "Plan bespreken met moeder"
    jump = client.patch(url, {"status": "evaluation"}, format="json")
    assert jump.status_code == 400
    assert jump.json()["status"][0].startswith("Deze stap is niet mogelijk")
    closing = client.patch(url, {"status": "closed"}, format="json")
    assert closing.status_code == 400
    for role, code in [("teammate", 403), ("partner", 403), ("volunteer", 404), ("other_team_worker", 404)]:
        assert as_role(role).patch(url, {"next_step": "x"}, format="json").status_code == code, role


def test_close_a_case_with_a_follow_up(as_role, w):
    url = f"/api/v1/cases/{w.s.case_a.pk}/close/"
    client = as_role("coordinator")
    body = {
        "closed_on": TODAY().isoformat(),
        "closing_reason": "goals_reached",
        "result": "improved",
        "closing_note": "Rust in huis",
        "follow_up_on": (TODAY() + timedelta(days=90)).isoformat(),
    }
    assert as_role("partner").post(url, body, format="json").status_code == 403
    response = client.post(url, body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "closed" and response.json()["follow_up_on"] == body["follow_up_on"]
    again = client.post(url, body, format="json")
    assert again.status_code == 400 and again.json() == {"non_field_errors": ["Deze casus is al afgesloten."]}
    # A closed case's plan can no longer change.
    goal = client.patch(f"/api/v1/goals/{w.goal_a.pk}/", {"version": 1, "status": "reached"}, format="json")
    assert goal.status_code == 400


def test_hand_over_a_case(as_role, w):
    url = f"/api/v1/cases/{w.s.case_a.pk}/coordinator/"
    body = {"coordinator": w.s.teammate.pk, "reason": "Verlof van de regisseur"}
    assert as_role("partner").post(url, body, format="json").status_code == 403
    response = as_role("team_lead").post(url, body, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["coordinator"]["id"] == w.s.teammate.pk
    no_reason = as_role("teammate").post(url, {"coordinator": w.s.coordinator.pk, "reason": " "}, format="json")
    assert no_reason.status_code == 400


def test_opening_with_too_short_a_reason_is_refused(as_role, w):
    response = as_role("teammate").post(
        f"/api/v1/cases/{w.s.case_a.pk}/open-with-reason/", {"reason": "kort"}, format="json"
    )
    assert response.status_code == 400
    assert not ContentAccessGrant.objects.exists()


# --- plan, goals, actions -------------------------------------------------------------------------


def test_plan_summary_with_optimistic_locking(as_role, w):
    url = f"/api/v1/plans/{w.plan_a.pk}/"
    client = as_role("coordinator")
    first = client.patch(url, {"version": 1, "summary": "Samen de schulden in beeld"}, format="json")
    assert first.status_code == 200 and first.json()["version"] == 2
    partner = as_role("partner").patch(url, {"version": 1, "summary": "Mijn versie"}, format="json")
    assert partner.status_code == 409
    body = partner.json()
    assert body["current"]["version"] == 2 and body["current"]["summary"] == "Samen de schulden in beeld"
    assert body["detail"].startswith("Iemand anders heeft")
    assert as_role("teammate").patch(url, {"version": 2, "summary": "x"}, format="json").status_code == 404


def test_start_and_agree_a_plan(as_role, w):
    client = as_role("coordinator")
    existing = client.post("/api/v1/plans/", {"case": w.s.case_a.pk}, format="json")
    assert existing.status_code == 200 and existing.json()["id"] == w.plan_a.pk
    agreed = client.post(
        f"/api/v1/plans/{w.plan_a.pk}/agree/", {"version": 1, "agreed_on": TODAY().isoformat()}, format="json"
    )
    assert agreed.status_code == 200 and agreed.json()["version"] == 2
    assert Case.objects.get(pk=w.s.case_a.pk).status == "execution"
    stale = client.post(
        f"/api/v1/plans/{w.plan_a.pk}/agree/", {"version": 1, "agreed_on": TODAY().isoformat()}, format="json"
    )
    assert stale.status_code == 409
    assert client.post("/api/v1/plans/", {"case": w.s.case_b.pk}, format="json").status_code == 400


def test_goals(as_role, w):
    client = as_role("partner")
    created = client.post(
        "/api/v1/goals/",
        {"plan": w.plan_a.pk, "life_domain": "social_network", "text": "Iemand om mee te praten"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    url = f"/api/v1/goals/{created.json()['id']}/"
    changed = client.patch(url, {"version": 1, "status": "partly"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["status"] == "partly" and changed.json()["text"] == "Iemand om mee te praten"
    stale = as_role("coordinator").patch(url, {"version": 1, "text": "Anders"}, format="json")
    assert stale.status_code == 409 and stale.json()["current"]["status"] == "partly"
    blank = as_role("coordinator").patch(url, {"version": 2, "text": ""}, format="json")
    assert blank.status_code == 400 and blank.json() == {"text": ["Dit veld mag niet leeg zijn."]}
    assert Goal.objects.get(pk=created.json()["id"]).version == 2


def test_actions_by_the_plan_and_by_the_volunteer(as_role, w):
    client = as_role("coordinator")
    created = client.post(
        "/api/v1/actions/",
        {
            "plan": w.plan_a.pk,
            "goal": w.goal_a.pk,
            "who_kind": "volunteer",
            "assignee": w.s.volunteer.pk,
            "what": "Samen naar de bank",
            "due_on": (TODAY() + timedelta(days=7)).isoformat(),
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    url = f"/api/v1/actions/{created.json()['id']}/"
    volunteer = as_role("volunteer")
    assert volunteer.get(url).status_code == 200
    tried = volunteer.patch(url, {"version": 1, "what": "Iets anders"}, format="json")
    assert tried.status_code == 403
    done = volunteer.patch(url, {"version": 1, "status": "done"}, format="json")
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "done" and done.json()["done_on"] == TODAY().isoformat()
    assert set(done.json()) == set(volunteer.get(url).json())  # still the volunteer's view
    stale = client.patch(url, {"version": 1, "what": "Samen naar de bank en de gemeente"}, format="json")
    assert stale.status_code == 409 and stale.json()["current"]["status"] == "done"
    changed = client.patch(url, {"version": 2, "what": "Samen naar de bank en de gemeente"}, format="json")
    assert changed.status_code == 200 and changed.json()["status"] == "done"
    assert as_role("teammate").patch(url, {"version": 3, "status": "open"}, format="json").status_code == 404
    other_volunteer_action = f"/api/v1/actions/{w.action_household.pk}/"
    assert volunteer.patch(other_volunteer_action, {"version": 1, "status": "done"}, format="json").status_code == 404


def test_actions_refer_to_the_case(as_role, w):
    client = as_role("coordinator")
    base = {"plan": w.plan_a.pk, "who_kind": "worker", "what": "Bellen met de school"}
    outsider = client.post("/api/v1/actions/", {**base, "assignee": w.s.other_team_worker.pk}, format="json")
    assert outsider.status_code == 400
    assert outsider.json() == {
        "assignee": ["Deze medewerker is geen lid van het team van de casus en er ook niet bij betrokken."]
    }
    nobody = client.post("/api/v1/actions/", base, format="json")
    assert nobody.status_code == 400 and "assignee" in nobody.json()
    foreign_goal = client.post("/api/v1/actions/", {**base, "who_name": "Sam", "goal": w.goal_b.pk}, format="json")
    assert foreign_goal.status_code == 400
    stranger = client.post(
        "/api/v1/actions/", {**base, "who_name": "Sam", "person": w.family_c.members[0].pk}, format="json"
    )
    assert stranger.status_code == 400 and "person" in stranger.json()
    assert Action.objects.filter(what="Bellen met de school").count() == 0


# --- contact moments and conferences --------------------------------------------------------------


def test_record_a_contact_moment(as_role, w):
    body = {
        "case": w.s.case_a.pk,
        "occurred_on": TODAY().isoformat(),
        "kind": "home_visit",
        "note": "Post samen doorgenomen",
        "life_domains": ["finances"],
        "participants": [w.s.family_a.adults[0].pk],
    }
    partner = as_role("partner").post("/api/v1/contact-moments/", body, format="json")
    assert partner.status_code == 201, partner.json()
    assert partner.json()["audience"] == "organisation"  # professional secrecy by default
    assert partner.json()["participants"] == [
        {"id": w.s.family_a.adults[0].pk, "full_name": w.s.family_a.adults[0].full_name}
    ]
    coordinator = as_role("coordinator")
    assert partner.json()["id"] not in {m["id"] for m in coordinator.get("/api/v1/contact-moments/").json()["results"]}
    mine = coordinator.post("/api/v1/contact-moments/", {**body, "audience": "team"}, format="json")
    assert mine.status_code == 201 and mine.json()["author_organisation"]["id"] == w.s.social_work.pk
    stranger = coordinator.post(
        "/api/v1/contact-moments/", {**body, "participants": [w.family_c.members[0].pk]}, format="json"
    )
    assert stranger.status_code == 400
    assert stranger.json() == {"participants": ["Kies personen uit het cliëntsysteem van de casus."]}
    index_only = as_role("teammate").post("/api/v1/contact-moments/", body, format="json")
    assert index_only.status_code == 400 and "case" in index_only.json()
    assert ContactMoment.objects.filter(note="Post samen doorgenomen").count() == 2


def test_record_a_conference_with_actions(as_role, w):
    body = {
        "case": w.s.case_a.pk,
        "held_on": TODAY().isoformat(),
        "questions": "Wie helpt met de administratie?",
        "participants": [w.s.coordinator.pk, w.s.partner.pk],
        "other_participants": "Huisarts",
        "agreements": "Schuldhulp maakt een overzicht",
        "actions": [{"who_kind": "partner", "assignee": w.s.partner.pk, "what": "Overzicht schulden maken"}],
    }
    response = as_role("coordinator").post("/api/v1/case-conferences/", body, format="json")
    assert response.status_code == 201, response.json()
    conference = CaseConference.objects.get(pk=response.json()["id"])
    assert [a.what for a in conference.actions.all()] == ["Overzicht schulden maken"]
    assert response.json()["actions"] == [a.pk for a in conference.actions.all()]
    outsider = {**body, "participants": [w.s.other_team_worker.pk]}
    assert as_role("coordinator").post("/api/v1/case-conferences/", outsider, format="json").status_code == 400
    bad_action = {**body, "actions": [{"who_kind": "volunteer", "what": "Iets"}]}
    response = as_role("coordinator").post("/api/v1/case-conferences/", bad_action, format="json")
    assert response.status_code == 400 and list(response.json()) == ["actions.0.assignee"]


def test_english_when_asked(as_role, w):
    response = as_role("coordinator").post(
        "/api/v1/help-requests/", help_request_body(w, words=" "), format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400 and response.json() == {"words": ["This field may not be blank."]}


def test_every_write_leaves_an_audit_event_by_the_caller(as_role, w):
    as_role("coordinator").patch(f"/api/v1/cases/{w.s.case_a.pk}/", {"next_step": "Bellen"}, format="json")
    assert audited("case.next_step_set", w.s.coordinator)
    as_role("volunteer").patch(
        f"/api/v1/actions/{w.action_volunteer.pk}/", {"version": 1, "status": "done"}, format="json"
    )
    assert audited("action.status_set", w.s.volunteer)
    assert Signal.objects.count() == 2


# --- every write endpoint × every role ------------------------------------------------------------

ROLE_ORDER = ["coordinator", "teammate", "team_lead", "volunteer", "partner", "other_team_worker", "advisor"]


def _writes(w: World) -> dict[str, tuple[str, str, dict[str, Any]]]:
    today = TODAY().isoformat()
    a = w.s.family_a
    return {
        "register help request": ("post", "/api/v1/help-requests/", help_request_body(w)),
        "register short contact": (
            "post",
            "/api/v1/short-contacts/",
            {
                "team": w.s.team_a.pk,
                "who": "buurman",
                "life_domain": "housing",
                "what_was_done": "Uitleg",
                "contacted_on": today,
            },
        ),
        "register signal": (
            "post",
            "/api/v1/signals/",
            {"team": w.s.team_a.pk, "received_on": today, "source": "neighbour", "concern": "Zorgen"},
        ),
        "triage signal": (
            "patch",
            f"/api/v1/signals/{w.signal_a.pk}/",
            {"status": "closed", "closing_reason": "Al bekend"},
        ),
        "open case": ("post", "/api/v1/cases/", {"help_request": w.request_c.pk}),
        "steer case": ("patch", f"/api/v1/cases/{w.s.case_a.pk}/", {"next_step": "Bellen"}),
        "start plan": ("post", "/api/v1/plans/", {"case": w.s.case_a.pk}),
        "change plan": ("patch", f"/api/v1/plans/{w.plan_a.pk}/", {"version": 1, "summary": "Samen verder"}),
        "add goal": (
            "post",
            "/api/v1/goals/",
            {"plan": w.plan_a.pk, "life_domain": "housing", "text": "Een rustig huis"},
        ),
        "change goal": ("patch", f"/api/v1/goals/{w.goal_a.pk}/", {"version": 1, "status": "partly"}),
        "add action": (
            "post",
            "/api/v1/actions/",
            {"plan": w.plan_a.pk, "who_kind": "household", "what": "Papieren zoeken"},
        ),
        "tick off action": ("patch", f"/api/v1/actions/{w.action_volunteer.pk}/", {"version": 1, "status": "done"}),
        "record contact moment": (
            "post",
            "/api/v1/contact-moments/",
            {"case": w.s.case_a.pk, "occurred_on": today, "kind": "call", "note": "Gebeld"},
        ),
        "record conference": (
            "post",
            "/api/v1/case-conferences/",
            {"case": w.s.case_a.pk, "held_on": today, "questions": "Hoe verder?"},
        ),
        "add person": (
            "post",
            "/api/v1/persons/",
            {"household": w.family_c.household.pk, "family_name": "Test", "given_names": "Sem"},
        ),
        "rectify person": (
            "patch",
            f"/api/v1/persons/{a.adults[0].pk}/",
            {"updated_at": a.adults[0].updated_at.isoformat(), "phone": "0611223344"},
        ),
        "rename household": ("patch", f"/api/v1/households/{a.household.pk}/", {"name": "De Boer"}),
    }


# action -> the status per role, in ROLE_ORDER
WRITE_MATRIX = {
    "register help request": [201, 201, 201, 403, 403, 400, 403],
    "register short contact": [201, 201, 201, 403, 403, 400, 403],
    "register signal": [201, 201, 201, 403, 403, 400, 403],
    "triage signal": [200, 200, 200, 404, 404, 404, 404],
    "open case": [201, 201, 201, 403, 403, 400, 403],
    "steer case": [200, 403, 403, 404, 403, 404, 404],
    "start plan": [200, 400, 400, 403, 200, 400, 403],
    "change plan": [200, 404, 404, 404, 200, 404, 404],
    "add goal": [201, 400, 400, 403, 201, 400, 403],
    "change goal": [200, 404, 404, 404, 200, 404, 404],
    "add action": [201, 400, 400, 403, 201, 400, 403],
    "tick off action": [200, 404, 404, 200, 200, 404, 404],
    "record contact moment": [201, 400, 400, 403, 201, 400, 403],
    "record conference": [201, 400, 400, 403, 201, 400, 403],
    "add person": [201, 201, 201, 403, 400, 400, 403],
    "rectify person": [200, 403, 403, 404, 200, 404, 404],
    "rename household": [200, 403, 403, 404, 200, 404, 404],
}


@pytest.mark.parametrize("role", ROLE_ORDER)
@pytest.mark.parametrize("write", list(WRITE_MATRIX))
def test_write_matrix(as_role, w, write, role):
    method, url, body = _writes(w)[write]
    events = AuditEvent.objects.count()
    response = getattr(as_role(role), method)(url, body, format="json")
    expected = WRITE_MATRIX[write][ROLE_ORDER.index(role)]
    assert response.status_code == expected, (write, role, response.json())
    if expected >= 400:
        assert AuditEvent.objects.count() == events  # refused: nothing changed


def test_a_change_logs_the_case_it_opened_once(as_role, w):
    AccessLogEntry.objects.all().delete()
    response = as_role("coordinator").patch(f"/api/v1/cases/{w.s.case_a.pk}/", {"next_step": "Bellen"}, format="json")
    assert response.status_code == 200
    entries = AccessLogEntry.objects.all()
    assert sorted(entries.values_list("person_id", flat=True)) == sorted(p.pk for p in w.s.family_a.members)
    assert set(entries.values_list("action", flat=True)) == {"view"}
