"""REST API of the teams app: shapes, filters, who may write, no per-member caseload, query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission

from wijkteam.access.models import AuditEvent
from wijkteam.access.tests.factories import UserFactory
from wijkteam.teams.models import Initiative, Membership, Organisation, Team
from wijkteam.teams.tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
)

pytestmark = pytest.mark.usefixtures("regions")


def as_user(api_client, roles):
    user = UserFactory(roles=roles)
    api_client.force_authenticate(user)
    return user


# ----------------------------------------------------------------------------------------- organisations
def test_organisations_list_and_detail(api_client):
    as_user(api_client, ["generalist"])
    organisation = OrganisationFactory(name="GGZ test", kind="mental_health", professional_secrecy=True)
    body = api_client.get("/api/v1/organisations/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["results"] == [
        {
            "id": organisation.pk,
            "name": "GGZ test",
            "kind": "mental_health",
            "municipality": "GM0153",
            "professional_secrecy": True,
            "is_active": True,
        }
    ]
    assert api_client.get(f"/api/v1/organisations/{organisation.pk}/").json()["name"] == "GGZ test"
    assert api_client.get("/api/v1/organisations/", {"kind": "debt_counselling"}).json()["count"] == 0
    assert api_client.get("/api/v1/organisations/999999/").status_code == 404


@pytest.mark.parametrize(("roles", "status"), [(["functional_admin"], 201), (["policy_advisor"], 403)])
def test_organisation_create_only_for_functional_admins(api_client, roles, status):
    as_user(api_client, roles)
    response = api_client.post("/api/v1/organisations/", {"name": "Schuldhulp API", "kind": "debt_counselling"})
    assert response.status_code == status
    if status == 201:
        assert response.json()["municipality"] == "GM0153"
        assert AuditEvent.objects.filter(action="organisation.created").exists()


def test_organisation_validation_and_patch(api_client):
    as_user(api_client, ["functional_admin"])
    organisation = OrganisationFactory(name="Bestaat (test)")
    response = api_client.post("/api/v1/organisations/", {"name": "bestaat (TEST)", "kind": "other"})
    assert response.status_code == 400 and "name" in response.json()
    assert api_client.post("/api/v1/organisations/", {"name": "X", "kind": "nonsense"}).status_code == 400
    response = api_client.patch(f"/api/v1/organisations/{organisation.pk}/", {"is_active": False}, format="json")
    assert response.status_code == 200 and response.json()["is_active"] is False
    response = api_client.patch(f"/api/v1/organisations/{organisation.pk}/", {"municipality": "GM0344"}, format="json")
    assert response.status_code == 400
    assert api_client.put(f"/api/v1/organisations/{organisation.pk}/", {}).status_code == 405
    assert api_client.delete(f"/api/v1/organisations/{organisation.pk}/").status_code == 405


# ------------------------------------------------------------------------------------------------- teams
def test_teams_with_districts_mandate_and_targets(api_client, django_assert_max_num_queries):
    as_user(api_client, ["policy_advisor"])
    team = TeamFactory(name="Wijkteam API", districts=["WK015302", "WK015300"])
    team.mandate_items.create(kind="target_group", target_group="homeless", in_scope=False, note="Centrale toegang")
    team.targets.create(metric_key="reentry_12m", comparison="lte", value=Decimal("15"), period="2026")
    with django_assert_max_num_queries(8):
        body = api_client.get("/api/v1/teams/").json()
    (item,) = body["results"]
    assert item["districts"] == ["WK015300", "WK015302"]
    assert item["mandate_items"] == [
        {"id": team.mandate_items.get().pk, "kind": "target_group", "life_domain": None,
         "target_group": "homeless", "in_scope": False, "note": "Centrale toegang"}
    ]  # fmt: skip
    assert item["targets"][0]["metric_key"] == "reentry_12m" and item["targets"][0]["period"] == "2026"
    assert item["caseload_norm_per_fte"] == "20.0"
    assert "caseload" not in str(item).replace("caseload_norm_per_fte", "")


def test_team_create_and_patch(api_client):
    as_user(api_client, ["functional_admin"])
    data = {"name": "Wijkteam Zuid API", "organisational_form": "pilot", "start_date": "2026-01-01",
            "districts": ["WK015305", "WK015306"]}  # fmt: skip
    response = api_client.post("/api/v1/teams/", data, format="json")
    assert response.status_code == 201, response.json()
    team = Team.objects.get(name="Wijkteam Zuid API")
    response = api_client.patch(f"/api/v1/teams/{team.pk}/", {"districts": ["WK034401"]}, format="json")
    assert response.status_code == 400 and "districts" in response.json()
    response = api_client.patch(f"/api/v1/teams/{team.pk}/", {"districts": ["WK015309"]}, format="json")
    assert response.json()["districts"] == ["WK015309"]
    response = api_client.post("/api/v1/teams/", {**data, "districts": []}, format="json")
    assert response.status_code == 400


def test_team_capacity_totals(api_client, fake_cases):
    team = TeamFactory()
    member = MembershipFactory(team=team, fte=Decimal("0.5"))
    fake_cases.counts = {member.user_id: (8, 4)}
    url = f"/api/v1/teams/{team.pk}/capacity/"
    as_user(api_client, ["policy_advisor"])
    assert api_client.get(url).json() == {
        "team": team.pk,
        "members": 1,
        "fte": "0.50",
        "capacity": "10.0",
        "weighted_caseload": "10.0",
        "headroom": "0.0",
        "percent_of_capacity": 100,
        "case_counts_available": True,
    }
    as_user(api_client, ["generalist"])
    assert api_client.get(url).status_code == 404
    # A team lead without view_aggregates (a municipality may narrow the role) sees only their own team.
    lead = UserFactory(roles=["team_lead"])
    lead.groups.get().permissions.remove(Permission.objects.get(codename="view_aggregates"))
    api_client.force_authenticate(type(lead).objects.get(pk=lead.pk))
    assert api_client.get(url).status_code == 404
    MembershipFactory(team=team, user=lead, kind="team_lead")
    api_client.force_authenticate(type(lead).objects.get(pk=lead.pk))
    assert api_client.get(url).status_code == 200


# ------------------------------------------------------------------------------------------- memberships
def test_memberships_filter_and_no_caseload(api_client, fake_cases, django_assert_max_num_queries):
    as_user(api_client, ["policy_advisor"])
    team, other = TeamFactory(), TeamFactory()
    member = MembershipFactory(team=team, disciplines=["generalist", "youth"], districts=["WK015300"])
    MembershipFactory(team=other)
    fake_cases.counts = {member.user_id: (30, 3)}
    body = api_client.get("/api/v1/memberships/", {"team": team.pk}).json()
    assert body["count"] == 1
    (item,) = body["results"]
    assert set(item) == {
        "id", "team", "user", "organisation", "kind", "disciplines", "districts", "fte",
        "collective_hours_per_week", "start_date", "end_date", "is_running",
    }  # fmt: skip
    assert item["disciplines"] == ["generalist", "youth"] and item["districts"] == ["WK015300"]
    assert item["user"]["id"] == member.user_id and item["is_running"] is True
    assert api_client.get("/api/v1/memberships/", {"team": "x"}).json()["count"] == 0
    with django_assert_max_num_queries(8) as small:
        api_client.get("/api/v1/memberships/")
    for _ in range(20):
        MembershipFactory(team=team, disciplines=["debts_money"], districts=["WK015300"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert api_client.get("/api/v1/memberships/").json()["count"] == 22


def test_volunteers_cannot_read_memberships(api_client):
    as_user(api_client, ["volunteer"])
    assert api_client.get("/api/v1/memberships/").status_code == 403
    assert api_client.get("/api/v1/teams/").status_code == 200


def test_membership_post_and_patch(api_client):
    as_user(api_client, ["functional_admin"])
    team = TeamFactory()
    organisation = OrganisationFactory()
    worker = UserFactory()
    data = {"team": team.pk, "user_id": worker.pk, "organisation": organisation.pk, "kind": "generalist",
            "fte": "0.89", "start_date": "2025-01-01", "disciplines": ["generalist"]}  # fmt: skip
    response = api_client.post("/api/v1/memberships/", data, format="json")
    assert response.status_code == 201, response.json()
    membership_id = response.json()["id"]
    response = api_client.post("/api/v1/memberships/", data, format="json")
    assert response.status_code == 400 and "user" in response.json()
    url = f"/api/v1/memberships/{membership_id}/"
    response = api_client.patch(url, {"change_date": "2025-07-01", "fte": "0.5"}, format="json")
    assert response.status_code == 200
    new = response.json()
    assert new["id"] != membership_id and new["fte"] == "0.50" and new["disciplines"] == ["generalist"]
    assert Membership.objects.get(pk=membership_id).end_date == date(2025, 6, 30)
    response = api_client.patch(f"/api/v1/memberships/{new['id']}/", {"end_date": "2025-12-31"}, format="json")
    assert response.json()["end_date"] == "2025-12-31"
    response = api_client.patch(url, {"end_date": "2025-12-31", "fte": "1"}, format="json")
    assert response.status_code == 400
    assert api_client.patch(url, {}, format="json").status_code == 400
    as_user(api_client, ["team_lead"])
    assert api_client.post("/api/v1/memberships/", data, format="json").status_code == 403


# ------------------------------------------------------------------------------------------- social map
def test_initiatives_filter(api_client, django_assert_max_num_queries):
    as_user(api_client, ["volunteer"])
    team = TeamFactory()
    meal = InitiativeFactory(team=team, name="Eettafel API", life_domains=["social_network", "time_use"])
    InitiativeFactory(
        team=team,
        district=__import__("wijkteam.neighbourhoods.models").neighbourhoods.models.Region.objects.get(code="WK015301"),
        life_domains=["finances"],
    )
    InitiativeFactory(team=team, is_active=False, life_domains=["social_network"])
    body = api_client.get("/api/v1/initiatives/", {"district": "WK015300", "life_domain": "social_network"}).json()
    assert body["count"] == 1
    assert body["results"][0] == {
        "id": meal.pk, "name": "Eettafel API", "kind": "meal_club", "district": "WK015300", "team": team.pk,
        "care_level": 0, "life_domains": ["time_use", "social_network"], "description": "", "location": "",
        "contact": "", "schedule": "Dinsdag 12.00 uur", "is_active": True,
    }  # fmt: skip
    assert api_client.get("/api/v1/initiatives/", {"include_inactive": "true"}).json()["count"] == 3
    assert api_client.get("/api/v1/initiatives/", {"care_level": "1"}).json()["count"] == 0
    with django_assert_max_num_queries(8) as small:
        api_client.get("/api/v1/initiatives/")
    for _ in range(20):
        InitiativeFactory(team=team, life_domains=["finances", "housing"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert api_client.get("/api/v1/initiatives/").json()["count"] == 22


def test_initiative_writes(api_client):
    team, other = TeamFactory(), TeamFactory()
    member = MembershipFactory(team=team).user
    api_client.force_authenticate(member)
    data = {"name": "Taalcafé API", "kind": "language_digital_help", "district": "WK015300", "team": team.pk,
            "care_level": 1, "life_domains": ["community_participation"]}  # fmt: skip
    response = api_client.post("/api/v1/initiatives/", data, format="json")
    assert response.status_code == 201, response.json()
    initiative = Initiative.objects.get(name="Taalcafé API")
    assert api_client.post("/api/v1/initiatives/", {**data, "care_level": 3}, format="json").status_code == 400
    response = api_client.post("/api/v1/initiatives/", {**data, "name": "Ander", "team": other.pk}, format="json")
    assert response.status_code == 400 and "team" in response.json()
    response = api_client.patch(f"/api/v1/initiatives/{initiative.pk}/", {"is_active": False}, format="json")
    assert response.status_code == 200 and response.json()["is_active"] is False
    foreign = InitiativeFactory(team=other)
    assert api_client.patch(f"/api/v1/initiatives/{foreign.pk}/", {"name": "x"}, format="json").status_code == 404
    as_user(api_client, ["volunteer"])
    assert api_client.post("/api/v1/initiatives/", {**data, "name": "Nee"}, format="json").status_code == 403


def test_disciplines_endpoint(api_client):
    as_user(api_client, ["generalist"])
    body = api_client.get("/api/v1/disciplines/").json()
    assert body["count"] == 11
    debts = next(d for d in body["results"] if d["code"] == "debts_money")
    assert debts["life_domains"] == ["finances"] and debts["is_broad"] is False


def test_no_per_member_caseload_anywhere_in_the_schema(api_client):
    as_user(api_client, ["functional_admin"])
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/teams/{id}/capacity/" in schema
    for word in ("coordinator_cases", "involvements", "above_norm"):
        assert word not in schema
    assert Organisation.objects.count() == 0


def test_team_and_organisation_lists_have_constant_query_counts(api_client, django_assert_max_num_queries):
    as_user(api_client, ["policy_advisor"])

    def grow(n):
        for _ in range(n):
            team = TeamFactory(districts=["WK015300", "WK015301"])
            team.mandate_items.create(kind="target_group", target_group="youth")
            team.targets.create(metric_key="reentry_12m", comparison="lte", value=Decimal("15"), period="2026")
            MembershipFactory(team=team, organisation=OrganisationFactory())

    grow(1)
    with django_assert_max_num_queries(8) as teams_small:
        api_client.get("/api/v1/teams/")
    with django_assert_max_num_queries(6) as organisations_small:
        api_client.get("/api/v1/organisations/")
    grow(15)
    with django_assert_max_num_queries(len(teams_small.captured_queries)):
        assert api_client.get("/api/v1/teams/").json()["count"] == 16
    with django_assert_max_num_queries(len(organisations_small.captured_queries)):
        assert api_client.get("/api/v1/organisations/").json()["count"] == 16
