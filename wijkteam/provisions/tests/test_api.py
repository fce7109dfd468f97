"""The stepped-care API: need-to-know on person-level lists (404 for the rest, reads logged), writes
where the screens allow them, clear 400s, and constant query counts."""

from datetime import date
from decimal import Decimal

import pytest

from wijkteam.access.models import AccessLogEntry
from wijkteam.access.tests.factories import UserFactory
from wijkteam.cases.tests.factories import case_create, scenario_create
from wijkteam.households.tests.factories import family_create
from wijkteam.provisions import services
from wijkteam.provisions.tests.factories import option_create, wmo_consultant_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return scenario_create()


def test_care_levels_and_catalogue(api_client, s):
    api_client.force_authenticate(s.coordinator)
    levels = api_client.get("/api/v1/care-levels/").json()["results"]
    assert [level["level"] for level in levels] == [0, 1, 2, 3, 4]
    option_create("Maatjesproject", 0, None, domains=["social_network"])
    rows = api_client.get("/api/v1/catalogue/", {"care_level": 0}).json()["results"]
    assert rows[0]["name"] == "Maatjesproject" and rows[0]["life_domains"] == ["social_network"]
    body = {
        "name": "Dagbesteding",
        "care_level": 3,
        "legal_basis": "wmo2015",
        "unit": "day_part",
        "tariff": "42.10",
        "budget_function": "6.71",
    }
    assert api_client.post("/api/v1/catalogue/", body, format="json").status_code == 403
    api_client.force_authenticate(UserFactory(roles=["functional_admin"]))
    created = api_client.post("/api/v1/catalogue/", body, format="json")
    assert created.status_code == 201, created.json()
    patched = api_client.patch(f"/api/v1/catalogue/{created.json()['id']}/", {"tariff": "44.00"}, format="json")
    assert patched.json()["tariff"] == "44.00"


def test_step_changes_refused_without_evaluation_and_never_blocked_routes(api_client, s):
    api_client.force_authenticate(s.coordinator)
    assert (
        api_client.post("/api/v1/step-changes/", {"case": s.case_a.pk, "to_level": 1, "route": "team"}).status_code
        == 201
    )
    refused = api_client.post("/api/v1/step-changes/", {"case": s.case_a.pk, "to_level": 2, "route": "team"})
    assert refused.status_code == 400 and "tried" in refused.json()
    applied = api_client.post(
        "/api/v1/step-changes/", {"case": s.case_a.pk, "to_level": 3, "route": "application", "legal_basis": "wmo2015"}
    )
    assert applied.status_code == 201 and applied.json()["from_level"] == 1
    # Not the caller's case content: "does not exist".
    assert (
        api_client.post("/api/v1/step-changes/", {"case": s.case_b.pk, "to_level": 1, "route": "team"}).status_code
        == 400
    )
    api_client.force_authenticate(s.teammate)
    assert api_client.get("/api/v1/step-changes/").json()["count"] == 0
    pk = applied.json()["id"]
    assert api_client.get(f"/api/v1/step-changes/{pk}/").status_code == 404
    api_client.force_authenticate(s.coordinator)
    before = AccessLogEntry.objects.count()
    assert api_client.get(f"/api/v1/step-changes/{pk}/").status_code == 200
    assert AccessLogEntry.objects.count() > before


def test_decisions_api(api_client, s):
    option = option_create("Huishoudelijke ondersteuning", 3, "wmo2015", tariff="31.50")
    person = s.case_a.client_system.first().person
    body = {
        "case": s.case_a.pk,
        "person": person.pk,
        "option": option.pk,
        "status": "granted",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "volume": "2",
        "frequency": "week",
        "decided_on": "2024-12-20",
        "application_date": "2024-12-12",
    }
    api_client.force_authenticate(s.coordinator)
    assert api_client.post("/api/v1/decisions/", body, format="json").status_code == 403
    sevda = wmo_consultant_create(s)
    api_client.force_authenticate(sevda)
    created = api_client.post("/api/v1/decisions/", body, format="json")
    assert created.status_code == 201, created.json()
    decision = created.json()
    assert decision["legal_basis"] == "wmo2015" and Decimal(decision["cost"]) > 0
    moved = api_client.post(f"/api/v1/decisions/{decision['id']}/status/", {"status": "requested"}, format="json")
    assert moved.status_code == 400 and "status" in moved.json()
    moved = api_client.post(
        f"/api/v1/decisions/{decision['id']}/status/", {"status": "ended", "on": "2025-06-30"}, format="json"
    )
    assert moved.json()["ended_on"] == "2025-06-30"
    api_client.force_authenticate(s.other_team_worker)
    assert api_client.get(f"/api/v1/decisions/{decision['id']}/").status_code == 404


def test_frontline_payments_api(api_client, s):
    body = {"case": s.case_a.pk, "amount": "60.00", "reason": "Boodschappen", "requested_by": s.coordinator.pk}
    api_client.force_authenticate(s.coordinator)
    assert api_client.post("/api/v1/frontline-payments/", body).status_code == 403
    services.frontline_payment_record(
        case=s.case_a, amount=Decimal("25"), reason="Bus", requested_by=s.coordinator, actor=s.team_lead
    )
    assert api_client.get("/api/v1/frontline-payments/").json()["count"] == 1
    api_client.force_authenticate(s.teammate)
    assert api_client.get("/api/v1/frontline-payments/").json()["count"] == 0


@pytest.mark.parametrize("endpoint", ["step-changes", "decisions", "frontline-payments", "catalogue"])
def test_lists_have_constant_query_counts(api_client, s, endpoint, django_assert_max_num_queries):
    sevda = wmo_consultant_create(s)
    option = option_create("Begeleiding individueel", 3, "wmo2015")

    def grow():
        case = case_create(family_create(adults=1, children=0), s.team_a, s.coordinator)
        from wijkteam.cases import services as case_services

        case_services.involvement_add(
            case=case, user=sevda, organisation=s.social_work, role="wmo_consultant", actor=s.coordinator
        )
        services.step_change_record(case=case, to_level=option.care_level, route="application", actor=s.coordinator)
        services.decision_record(
            case=case,
            person=case.client_system.first().person,
            option=option,
            actor=sevda,
            data={"period_start": date(2025, 1, 1), "volume": Decimal(1), "frequency": "week"},
        )
        services.frontline_payment_record(
            case=case, amount=Decimal("10"), reason="Bus", requested_by=sevda, actor=s.team_lead
        )
        option_create(f"Optie {case.pk}", 1, None)

    grow()
    api_client.force_authenticate(sevda)
    with django_assert_max_num_queries(30) as small:
        api_client.get(f"/api/v1/{endpoint}/")
    for _ in range(3):
        grow()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = api_client.get(f"/api/v1/{endpoint}/")
    assert response.json()["count"] >= 4


def test_schema_builds_without_warnings(tmp_path):
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = target.read_text()
    for path in (
        "/api/v1/catalogue/",
        "/api/v1/step-changes/",
        "/api/v1/decisions/{id}/status/",
        "/api/v1/frontline-payments/",
    ):
        assert path in schema


def _flags(entries):
    return {(e.person_id, e.emergency, e.action) for e in entries}


def test_reads_through_an_emergency_grant_are_logged_as_emergency_access(api_client, s, settings):
    from wijkteam.cases.emergency import case_emergency_open

    settings.WIJKTEAM_REQUIRE_2FA = False
    api_client.force_authenticate(s.coordinator)
    change = api_client.post("/api/v1/step-changes/", {"case": s.case_a.pk, "to_level": 1, "route": "team"}).json()
    option = option_create("Huishoudelijke ondersteuning", 3, "wmo2015", tariff="31.50")
    person = s.case_a.client_system.first().person
    api_client.force_authenticate(wmo_consultant_create(s))
    decision = api_client.post(
        "/api/v1/decisions/",
        {
            "case": s.case_a.pk,
            "person": person.pk,
            "option": option.pk,
            "status": "granted",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "volume": "2",
            "frequency": "week",
            "decided_on": "2024-12-20",
            "application_date": "2024-12-12",
        },
        format="json",
    ).json()
    members = set(s.case_a.client_system.values_list("person_id", flat=True))
    api_client.force_authenticate(s.other_team_worker)
    assert api_client.get(f"/api/v1/step-changes/{change['id']}/").status_code == 404
    case_emergency_open(case=s.case_a, reason="Crisis, regisseur niet bereikbaar", code="", actor=s.other_team_worker)
    for url in (
        "/api/v1/step-changes/",
        f"/api/v1/step-changes/{change['id']}/",
        "/api/v1/decisions/",
        f"/api/v1/decisions/{decision['id']}/",
    ):
        before = set(AccessLogEntry.objects.values_list("pk", flat=True))
        assert api_client.get(url).status_code == 200
        new = AccessLogEntry.objects.exclude(pk__in=before)
        assert _flags(new) == {(pk, True, "emergency") for pk in members}


def test_reads_without_an_emergency_grant_are_not_flagged(api_client, s):
    api_client.force_authenticate(s.coordinator)
    change = api_client.post("/api/v1/step-changes/", {"case": s.case_a.pk, "to_level": 1, "route": "team"}).json()
    members = set(s.case_a.client_system.values_list("person_id", flat=True))
    for url in ("/api/v1/step-changes/", f"/api/v1/step-changes/{change['id']}/"):
        before = set(AccessLogEntry.objects.values_list("pk", flat=True))
        assert api_client.get(url).status_code == 200
        new = AccessLogEntry.objects.exclude(pk__in=before)
        action = "list" if url.endswith("step-changes/") else "view"
        assert _flags(new) == {(pk, False, action) for pk in members}
        basis = s.case_a.legal_basis.abbreviation if s.case_a.legal_basis_id else ""
        assert set(new.values_list("legal_basis", flat=True)) == {basis}
