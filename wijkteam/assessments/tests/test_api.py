"""The API: instruments for every logged-in user; assessments only of cases whose content the caller may
see (others not listed and 404), every read logged, list queries constant, writes through the service."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wijkteam.access.models import AccessLogEntry
from wijkteam.assessments.models import Assessment
from wijkteam.assessments.tests.factories import assess, world
from wijkteam.cases.tests.factories import case_create

pytestmark = pytest.mark.django_db


def purge_log() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('wijkteam.allow_log_purge', 'on', true)")
    AccessLogEntry.objects.all().delete()


def test_instruments_for_any_logged_in_user(api_client):
    s = world()
    assert api_client.get("/api/v1/instruments/").status_code in (401, 403)
    api_client.force_authenticate(s.volunteer)
    body = api_client.get("/api/v1/instruments/").json()
    assert set(body) == {"count", "next", "previous", "results"}
    zrm = body["results"][0]
    assert zrm["code"] == "zrm" and len(zrm["domains"]) == 13
    assert [label["value"] for label in zrm["scale_labels"]] == [1, 2, 3, 4, 5]


def _b_assessment(s):
    from wijkteam.assessments import services

    return services.assessment_record(
        case=s.case_b,
        person=s.family_b.adults[0],
        moment="intake",
        assessed_on=timezone.localdate() - timedelta(days=5),
        scores={"finances": 3},
        actor=s.other_team_worker,
    )


@pytest.mark.parametrize(
    ("who", "sees_a", "sees_b"),
    [
        ("coordinator", True, False),
        ("partner", True, False),  # involved in case A
        ("teammate", False, False),  # index card only
        ("team_lead", False, False),
        ("other_team_worker", False, True),
        ("volunteer", False, False),
        ("advisor", False, False),
    ],
)
def test_assessments_follow_the_need_to_know_rule(api_client, who, sees_a, sees_b):
    s = world()
    a = assess(s)
    b = _b_assessment(s)
    purge_log()
    user = getattr(s, who)
    api_client.force_authenticate(user)
    body = api_client.get("/api/v1/assessments/").json()
    ids = {row["id"] for row in body["results"]}
    assert ids == ({a.pk} if sees_a else set()) | ({b.pk} if sees_b else set())
    logged = set(AccessLogEntry.objects.filter(user=user).values_list("person_id", flat=True))
    assert logged == ({a.person_id} if sees_a else set()) | ({b.person_id} if sees_b else set())
    assert api_client.get(f"/api/v1/assessments/{a.pk}/").status_code == (200 if sees_a else 404)
    assert api_client.get(f"/api/v1/assessments/{b.pk}/").status_code == (200 if sees_b else 404)


def test_the_list_filters_and_its_query_count_does_not_grow(api_client, django_assert_max_num_queries):
    s = world()
    assess(s, moment="intake", days_ago=60)
    api_client.force_authenticate(s.coordinator)
    with django_assert_max_num_queries(100) as few:
        api_client.get("/api/v1/assessments/")
    for days in (40, 30, 20, 10):
        assess(s, moment="evaluation", days_ago=days)
    second = case_create(s.family_b, s.team_a, s.coordinator)
    from wijkteam.assessments import services

    services.assessment_record(
        case=second,
        person=s.family_b.adults[0],
        moment="intake",
        assessed_on=timezone.localdate(),
        scores={"social_network": 2},
        actor=s.coordinator,
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = api_client.get("/api/v1/assessments/").json()
    assert body["count"] == 6
    assert api_client.get(f"/api/v1/assessments/?case={second.pk}").json()["count"] == 1
    assert api_client.get("/api/v1/assessments/?moment=evaluation").json()["count"] == 4
    assert api_client.get("/api/v1/assessments/?moment=later").status_code == 400
    row = api_client.get(f"/api/v1/assessments/?case={second.pk}").json()["results"][0]
    assert row["scores"] == [{"life_domain": "social_network", "score": 2}]
    assert row["instrument"] == "zrm"


def test_create_through_the_api(api_client):
    s = world()
    api_client.force_authenticate(s.coordinator)
    payload = {
        "case": s.case_a.pk,
        "person": s.family_a.adults[0].pk,
        "moment": "intake",
        "assessed_on": timezone.localdate().isoformat(),
        "scores": {"finances": 2, "social_network": None},
    }
    response = api_client.post("/api/v1/assessments/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["scores"] == [{"life_domain": "finances", "score": 2}]
    # Bad input: a clear 400 with the field.
    response = api_client.post(
        "/api/v1/assessments/", {**payload, "moment": "evaluation", "scores": {"housing": 9}}, format="json"
    )
    assert response.status_code == 400
    assert "housing" in response.json()
    response = api_client.post("/api/v1/assessments/", {**payload, "person": s.family_b.adults[0].pk}, format="json")
    assert response.status_code == 400 and "person" in response.json()


def test_create_on_another_team_s_case_is_refused_as_if_it_did_not_exist(api_client):
    s = world()
    api_client.force_authenticate(s.other_team_worker)
    response = api_client.post(
        "/api/v1/assessments/",
        {
            "case": s.case_a.pk,
            "person": s.family_a.adults[0].pk,
            "moment": "intake",
            "assessed_on": timezone.localdate().isoformat(),
            "scores": {"finances": 2},
        },
        format="json",
    )
    assert response.status_code == 400
    assert "case" in response.json()
    assert not Assessment.objects.exists()


def test_the_schema_lists_the_endpoints(api_client):
    s = world()
    api_client.force_authenticate(s.coordinator)
    schema = api_client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/instruments/" in schema and "/api/v1/assessments/" in schema


def test_reads_through_an_emergency_grant_are_logged_as_emergency_access(api_client, settings):
    from wijkteam.cases.emergency import case_emergency_open

    settings.WIJKTEAM_REQUIRE_2FA = False
    s = world()
    a = assess(s)
    b = _b_assessment(s)  # in the other team's own case: not through the grant
    api_client.force_authenticate(s.other_team_worker)
    assert api_client.get(f"/api/v1/assessments/{a.pk}/").status_code == 404
    case_emergency_open(case=s.case_a, reason="Crisis, regisseur niet bereikbaar", code="", actor=s.other_team_worker)
    for url in ("/api/v1/assessments/", f"/api/v1/assessments/{a.pk}/", f"/api/v1/assessments/{b.pk}/"):
        purge_log()
        assert api_client.get(url).status_code == 200
        entries = {(e.person_id, e.emergency, e.action) for e in AccessLogEntry.objects.all()}
        expected = set()
        if url != f"/api/v1/assessments/{b.pk}/":
            expected.add((a.person_id, True, "emergency"))
        if url in ("/api/v1/assessments/", f"/api/v1/assessments/{b.pk}/"):
            expected.add((b.person_id, False, "list" if url == "/api/v1/assessments/" else "view"))
        assert entries == expected


def test_reads_without_an_emergency_grant_are_not_flagged_and_carry_the_legal_basis(api_client):
    s = world()
    a = assess(s)
    api_client.force_authenticate(s.coordinator)
    purge_log()
    assert api_client.get(f"/api/v1/assessments/{a.pk}/").status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.person_id, entry.emergency, entry.action) == (a.person_id, False, "view")
    assert entry.legal_basis == (s.case_a.legal_basis.abbreviation if s.case_a.legal_basis_id else "")
