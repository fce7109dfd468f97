"""The provisions pages without a browser: the care-level section and its form (with and without htmx),
decisions, frontline payments, the catalogue, lawfulness and expenditure (access and query counts)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkteam.access.models import AuditEvent
from wijkteam.access.tests.factories import UserFactory
from wijkteam.cases.models import Case
from wijkteam.cases.tests.factories import scenario_create
from wijkteam.provisions import services
from wijkteam.provisions.models import CatalogueOption, Decision, FrontlinePayment, StepChange
from wijkteam.provisions.tests.factories import option_create, wmo_consultant_create
from wijkteam.reference.models import CareLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return scenario_create()


def _post_step(client, case, htmx=False, **values):
    data = {"route": "team", "decided_on": timezone.localdate().isoformat(), **values}
    data["to_level"] = CareLevel.objects.get(level=data.pop("level")).pk
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("provisions:step_change_record", args=[case.pk]), data, **headers)


def test_section_on_the_case_page(client, s):
    option_create("Formulierenhulp", 1, None, domains=["finances"])
    client.force_login(s.coordinator)
    html = client.get(reverse("cases:case_detail", args=[s.case_a.pk])).content.decode()
    assert 'id="care-level"' in html and "Formulierenhulp" in html
    client.force_login(s.teammate)  # index card: no section
    html = client.get(reverse("cases:case_detail", args=[s.case_a.pk])).content.decode()
    assert 'id="care-level"' not in html


def test_step_change_without_js(client, s):
    client.force_login(s.coordinator)
    response = _post_step(client, s.case_a, level=1)
    assert response.status_code == 302 and response.url.endswith("#care-level")
    response = _post_step(client, s.case_a, level=2)
    assert response.status_code == 200
    assert "Opschalen vraagt een evaluatie" in response.content.decode()
    assert Case.objects.get(pk=s.case_a.pk).care_level.level == 1
    response = _post_step(client, s.case_a, level=3, route="application")
    assert response.status_code == 302
    assert StepChange.objects.filter(case=s.case_a).count() == 2


def test_step_change_with_htmx(client, s):
    client.force_login(s.coordinator)
    response = _post_step(client, s.case_a, htmx=True, level=0)
    assert response.status_code == 200 and response["HX-Trigger"] == "timelineChanged"
    response = _post_step(client, s.case_a, htmx=True, level=2)
    assert "Opschalen vraagt een evaluatie" in response.content.decode()
    assert "HX-Trigger" not in response


def test_step_change_fails_closed(client, s):
    client.force_login(s.teammate)
    assert _post_step(client, s.case_a, level=1).status_code == 404
    client.force_login(s.other_team_worker)
    assert _post_step(client, s.case_a, level=1).status_code == 404


def test_decision_page_and_status(client, s):
    option = option_create("Begeleiding individueel", 3, "wmo2015", tariff="62.50")
    client.force_login(s.coordinator)
    assert client.get(reverse("provisions:decision_record", args=[s.case_a.pk])).status_code == 404
    sevda = wmo_consultant_create(s)
    client.force_login(sevda)
    url = reverse("provisions:decision_record", args=[s.case_a.pk])
    assert client.get(url).status_code == 200
    person = s.case_a.client_system.first().person
    data = {
        "person": person.pk,
        "option": option.pk,
        "status": "granted",
        "form": "in_kind",
        "period_start": "2025-01-01",
        "period_end": "2025-06-30",
        "volume": "2",
        "frequency": "week",
        "decided_on": "2024-12-20",
        "application_date": "2024-12-10",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    decision = Decision.objects.get()
    assert decision.legal_basis.code == "wmo2015" and decision.tariff == Decimal("62.50")
    status_url = reverse("provisions:decision_status_set", args=[s.case_a.pk, decision.pk])
    client.post(status_url, {"status": "ended", "on": "2025-03-31"})
    decision.refresh_from_db()
    assert decision.status == "ended" and decision.ended_on == date(2025, 3, 31)
    html = client.get(reverse("cases:case_detail", args=[s.case_a.pk])).content.decode()
    assert "Begeleiding individueel" in html


def test_frontline_payment_page(client, s):
    url = reverse("provisions:frontline_payment_record", args=[s.case_a.pk])
    client.force_login(s.coordinator)
    assert client.get(url).status_code == 403
    client.force_login(s.team_lead)
    from wijkteam.cases.models import ContentAccessGrant

    ContentAccessGrant.objects.create(
        case=s.case_a,
        user=s.team_lead,
        reason="Doorbraakbudget",
        expires_at=timezone.now() + timezone.timedelta(hours=1),
    )
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "amount": "75.00",
            "reason": "Vervangen kapotte wasmachine",
            "requested_by": s.coordinator.pk,
            "paid_on": timezone.localdate().isoformat(),
            "budget_function": "6.2",
        },
    )
    assert response.status_code == 302
    assert FrontlinePayment.objects.get().approved_by == s.team_lead


def test_catalogue_pages(client, s, django_assert_max_num_queries):
    admin = UserFactory(roles=["functional_admin"])
    for n in range(3):
        option_create(f"Optie {n}", n, "wmo2015" if n > 2 else None)
    client.force_login(s.coordinator)
    assert client.get(reverse("provisions:catalogue_list")).status_code == 200
    assert client.get(reverse("provisions:catalogue_create")).status_code == 403
    client.force_login(admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("provisions:catalogue_list"))
    assert "Optie 2" in response.content.decode()
    response = client.post(
        reverse("provisions:catalogue_create"),
        {
            "name": "Maatjesproject",
            "care_level": CareLevel.objects.get(level=0).pk,
            "unit": "trajectory",
            "tariff": "150.00",
            "budget_function": "6.1",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    option = CatalogueOption.objects.get(name="Maatjesproject")
    response = client.post(
        reverse("provisions:catalogue_update", args=[option.pk]),
        {
            "name": "Maatjesproject",
            "care_level": CareLevel.objects.get(level=0).pk,
            "unit": "trajectory",
            "tariff": "-1",
            "budget_function": "6.1",
        },
    )
    assert response.status_code == 200  # a clear message, never a 500
    response = client.post(
        reverse("provisions:catalogue_update", args=[option.pk]),
        {
            "name": "Maatjesproject",
            "care_level": CareLevel.objects.get(level=0).pk,
            "unit": "trajectory",
            "tariff": "175.00",
            "budget_function": "6.1",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="catalogue_option.updated").get()
    assert event.details["tariff"] == ["150.00", "175.00"]


def test_oversight_pages(client, s, django_assert_max_num_queries):
    sevda = wmo_consultant_create(s)
    option = option_create("Begeleiding individueel", 3, "wmo2015")
    person = s.case_a.client_system.first().person
    for _ in range(3):
        services.decision_record(
            case=s.case_a,
            person=person,
            option=option,
            data={
                "period_start": date(2025, 1, 1),
                "volume": Decimal(1),
                "frequency": "week",
                "decided_on": date(2025, 1, 1),
            },
            status="granted",
            actor=sevda,
        )
    client.force_login(s.coordinator)
    assert client.get(reverse("provisions:lawfulness")).status_code == 403
    assert client.get(reverse("provisions:expenditure")).status_code == 403
    for user in (sevda, s.team_lead):
        client.force_login(user)
        with django_assert_max_num_queries(18):
            response = client.get(reverse("provisions:lawfulness"))
        assert "Beschikking zonder voorafgaand onderzoek" in response.content.decode()
        with django_assert_max_num_queries(12):
            response = client.get(reverse("provisions:expenditure"), {"year": 2025, "by": "provision"})
        assert "Begeleiding individueel" in response.content.decode()
    assert client.get(reverse("provisions:expenditure"), {"year": "x", "by": "nope"}).status_code == 200
    client.force_login(s.advisor)
    assert client.get(reverse("provisions:expenditure")).status_code == 200
