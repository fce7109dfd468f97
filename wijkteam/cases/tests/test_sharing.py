"""Sharing with partner organisations: the ground is recorded first, the need-to-know rule asks for an
agreement in force, and withdrawal closes the case to the partner at once (pages and API)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wijkteam.access.models import AuditEvent
from wijkteam.access.tests.factories import UserFactory
from wijkteam.cases import selectors, services
from wijkteam.cases.models import Involvement, SharingAgreement
from wijkteam.cases.tests.factories import (
    case_create,
    organisation_create,
    partner_involve,
    scenario_create,
    sharing_record,
)
from wijkteam.households.tests.factories import family_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return scenario_create()


def agreement_of(s) -> SharingAgreement:
    return SharingAgreement.objects.get(case=s.case_a, recipient=s.debt)


def test_a_partner_outside_the_team_needs_a_sharing_ground_first(s):
    nurse = UserFactory(roles=["partner"])
    home_care = organisation_create("Wijkverpleging (test)", kind="district_nursing", secrecy=True)
    with pytest.raises(ValidationError) as error:
        services.involvement_add(
            case=s.case_a, user=nurse, organisation=home_care, role="district_nurse", actor=s.coordinator
        )
    assert "organisation" in error.value.message_dict
    sharing_record(s.case_a, home_care, s.coordinator)
    involvement = services.involvement_add(
        case=s.case_a, user=nurse, organisation=home_care, role="district_nurse", actor=s.coordinator
    )
    assert involvement.rests_on_sharing


def test_a_teammate_is_involved_without_a_sharing_agreement(s):
    involvement = services.involvement_add(
        case=s.case_a, user=s.teammate, organisation=s.social_work, role="specialist", actor=s.coordinator
    )
    assert not involvement.rests_on_sharing
    assert selectors.case_get_for_user(user=s.teammate, case_id=s.case_a.pk).has_content


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"ground": "statutory"}, "statutory_ground"),
        ({"ground": "consent_parent"}, "given_by"),
        ({"ground": "consent_representative", "given_by": "  "}, "given_by"),
        ({"ground": "nonsense"}, "ground"),
        ({"purpose": " "}, "purpose"),
        ({"agreed_on": timezone.localdate() + timezone.timedelta(days=1)}, "agreed_on"),
    ],
)
def test_recording_checks_the_ground(s, values, field):
    data = {"person_id": s.family_a.adults[0].pk, "recipient": s.debt, "ground": "consent_person", "purpose": "Doel"}
    data.update(values)
    with pytest.raises(ValidationError) as error:
        services.sharing_agreement_record(case=s.case_a, data=services.SharingInput(**data), actor=s.coordinator)
    assert field in error.value.message_dict


def test_only_persons_of_the_client_system_and_no_double_agreement(s):
    outsider = family_create(adults=1, children=0).adults[0]
    data = services.SharingInput(person_id=outsider.pk, recipient=s.debt, ground="consent_person", purpose="Doel")
    with pytest.raises(ValidationError):
        services.sharing_agreement_record(case=s.case_a, data=data, actor=s.coordinator)
    person = agreement_of(s).person
    data = services.SharingInput(person_id=person.pk, recipient=s.debt, ground="consent_person", purpose="Doel")
    with pytest.raises(ValidationError):
        services.sharing_agreement_record(case=s.case_a, data=data, actor=s.coordinator)


def test_a_statutory_ground_is_recorded_with_an_audit_event(s):
    child = s.family_a.children[0]
    agreement = services.sharing_agreement_record(
        case=s.case_a,
        data=services.SharingInput(
            person_id=child.pk,
            recipient=organisation_create("Veilig Thuis (test)", kind="veilig_thuis"),
            ground="statutory",
            statutory_ground="jeugdwet_7_3_11",
            given_by="ignored for a statutory ground",
            purpose="Melding bij Veilig Thuis",
        ),
        actor=s.coordinator,
    )
    assert agreement.statutory_ground == "jeugdwet_7_3_11" and agreement.given_by == ""
    event = AuditEvent.objects.get(action="sharing_agreement.recorded", details__agreement=agreement.pk)
    assert event.details["ground"] == "statutory" and event.target_id == str(s.case_a.pk)


def test_withdrawal_closes_the_case_to_the_partner_at_once_page_and_api(client, api_client, s):
    """The issue's withdrawal test: the partner's next request for that person or case is 404."""
    person = agreement_of(s).person
    client.force_login(s.partner)
    api_client.force_authenticate(s.partner)
    case_url = reverse("cases:case_detail", args=[s.case_a.pk])
    assert client.get(case_url).status_code == 200
    assert api_client.get(f"/api/v1/cases/{s.case_a.pk}/").status_code == 200
    assert api_client.get(f"/api/v1/persons/{person.pk}/").status_code == 200
    assert api_client.get(f"/api/v1/households/{s.family_a.household.pk}/").status_code == 200

    services.sharing_agreement_withdraw(
        agreement=agreement_of(s), reason="Cliënt trekt toestemming in", actor=s.coordinator
    )

    assert client.get(case_url).status_code == 404
    assert client.get(reverse("cases:plan_edit", args=[s.case_a.pk])).status_code == 404
    assert api_client.get(f"/api/v1/cases/{s.case_a.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/persons/{person.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/households/{s.family_a.household.pk}/").status_code == 404
    assert api_client.get("/api/v1/cases/").json()["count"] == 0
    involvement = Involvement.objects.get(case=s.case_a, user=s.partner)
    assert involvement.end_date == timezone.localdate()
    actions = set(AuditEvent.objects.filter(target_id=str(s.case_a.pk)).values_list("action", flat=True))
    assert {"sharing_agreement.withdrawn", "case.involvement_ended"} <= actions
    with pytest.raises(ValidationError):
        services.sharing_agreement_withdraw(agreement=agreement_of(s), reason="Nog eens", actor=s.coordinator)


def test_withdrawal_stops_sharing_even_before_the_involvement_ends(s):
    """The rule itself asks for an agreement in force: a withdrawn agreement closes the case even if an
    involvement were still running (e.g. one with a future end date)."""
    SharingAgreement.objects.filter(case=s.case_a).update(withdrawn_on=timezone.localdate(), withdrawn_reason="x")
    assert Involvement.objects.get(case=s.case_a, user=s.partner).end_date is None
    with pytest.raises(Exception):  # noqa: B017 - Http404
        selectors.case_get_for_user(user=s.partner, case_id=s.case_a.pk)


def test_withdrawal_for_one_partner_leaves_another_alone(s):
    nurse = UserFactory(roles=["partner"])
    home_care = organisation_create("Wijkverpleging (test)", kind="district_nursing")
    partner_involve(s.case_a, nurse, home_care, "district_nurse", s.coordinator)
    services.sharing_agreement_withdraw(agreement=agreement_of(s), reason="Ingetrokken", actor=s.coordinator)
    assert selectors.case_get_for_user(user=nurse, case_id=s.case_a.pk).has_content


def test_the_rule_costs_no_extra_query_per_case(s, django_assert_num_queries):
    for _ in range(4):
        case = case_create(family_create(adults=1, children=0), s.team_a, s.coordinator)
        partner_involve(case, s.partner, s.debt, "debt_counsellor", s.coordinator)
    with django_assert_num_queries(1):
        cases = list(selectors.case_list_for_user(user=s.partner))
    assert len(cases) == 5 and all(c.has_content for c in cases)
    services.sharing_agreement_withdraw(agreement=agreement_of(s), reason="Ingetrokken", actor=s.coordinator)
    with django_assert_num_queries(1):
        assert len(list(selectors.case_list_for_user(user=s.partner))) == 4


# --- the page ---------------------------------------------------------------------------------------------


def test_the_coordinator_records_and_withdraws_on_the_page(client, s):
    client.force_login(s.coordinator)
    page = client.get(reverse("cases:sharing_list", args=[s.case_a.pk]))
    assert page.status_code == 200 and "Delen met partners" in page.content.decode()
    home_care = organisation_create("Wijkverpleging (test)", kind="district_nursing")
    person = s.family_a.adults[1]
    response = client.post(
        reverse("cases:sharing_list", args=[s.case_a.pk]),
        {
            "person": person.pk,
            "recipient": home_care.pk,
            "ground": "consent_parent",
            "given_by": "",
            "purpose": "Wondzorg",
            "agreed_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200 and "Schrijf op wie de toestemming gaf" in response.content.decode()
    response = client.post(
        reverse("cases:sharing_list", args=[s.case_a.pk]),
        {
            "person": person.pk,
            "recipient": home_care.pk,
            "ground": "consent_person",
            "purpose": "Wondzorg",
            "agreed_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    agreement = SharingAgreement.objects.get(recipient=home_care)
    withdraw = reverse("cases:sharing_agreement_withdraw", args=[s.case_a.pk, agreement.pk])
    client.post(withdraw, {"reason": ""})
    assert SharingAgreement.objects.get(pk=agreement.pk).withdrawn_on is None
    client.post(withdraw, {"reason": "Toestemming ingetrokken"})
    assert SharingAgreement.objects.get(pk=agreement.pk).withdrawn_on == timezone.localdate()


def test_the_partner_sees_the_page_read_only_and_cannot_withdraw(client, s):
    client.force_login(s.partner)
    page = client.get(reverse("cases:sharing_list", args=[s.case_a.pk])).content.decode()
    assert "Delen vastleggen" not in page
    response = client.post(
        reverse("cases:sharing_agreement_withdraw", args=[s.case_a.pk, agreement_of(s).pk]), {"reason": "x"}
    )
    assert response.status_code == 403 and agreement_of(s).withdrawn_on is None


def test_other_teams_get_404(client, s):
    client.force_login(s.other_team_worker)
    assert client.get(reverse("cases:sharing_list", args=[s.case_a.pk])).status_code == 404


def test_the_case_page_shows_the_sharing_section(client, s):
    client.force_login(s.coordinator)
    html = client.get(reverse("cases:case_detail", args=[s.case_a.pk])).content.decode()
    assert reverse("cases:sharing_list", args=[s.case_a.pk]) in html


def test_the_access_log_names_the_legal_basis_and_the_agreement(s):
    from wijkteam.access.models import AccessLogEntry

    assert s.case_a.legal_basis.code == "wmo2015" and s.case_a.help_request.legal_basis.code == "wmo2015"
    selectors.case_get_for_user(user=s.partner, case_id=s.case_a.pk)
    selectors.case_get_for_user(user=s.coordinator, case_id=s.case_a.pk)
    assert set(AccessLogEntry.objects.filter(user=s.partner).values_list("legal_basis", flat=True)) == {
        "Wmo 2015; sharing agreement"
    }
    assert set(AccessLogEntry.objects.filter(user=s.coordinator).values_list("legal_basis", flat=True)) == {"Wmo 2015"}


def test_a_debt_only_request_rests_on_the_wgs(s):
    case = case_create(family_create(adults=1, children=0), s.team_a, s.coordinator, life_domain_codes=["finances"])
    assert case.legal_basis.code == "wgs"


# --- the API ----------------------------------------------------------------------------------------------


def test_the_api_records_lists_and_withdraws(api_client, s):
    from wijkteam.access.models import AccessLogEntry

    api_client.force_authenticate(s.coordinator)
    home_care = organisation_create("Wijkverpleging (test)", kind="district_nursing")
    person = s.family_a.adults[1]
    body = {
        "case": s.case_a.pk,
        "person": person.pk,
        "recipient": home_care.pk,
        "ground": "consent_parent",
        "purpose": "Zorg",
    }
    response = api_client.post("/api/v1/sharing-agreements/", body, format="json")
    assert response.status_code == 400 and "given_by" in response.json()
    response = api_client.post("/api/v1/sharing-agreements/", {**body, "ground": "consent_person"}, format="json")
    assert response.status_code == 201
    created = response.json()["id"]
    listed = api_client.get("/api/v1/sharing-agreements/", {"case": s.case_a.pk}).json()
    assert {row["id"] for row in listed["results"]} == {created, agreement_of(s).pk}
    assert AccessLogEntry.objects.filter(user=s.coordinator, data_category="sharing agreement").exists()
    # The partner reads, but cannot withdraw; other teams see nothing.
    api_client.force_authenticate(s.partner)
    assert api_client.get(f"/api/v1/sharing-agreements/{created}/").status_code == 200
    assert api_client.post(f"/api/v1/sharing-agreements/{created}/withdraw/", {"reason": "x"}).status_code == 403
    api_client.force_authenticate(s.other_team_worker)
    assert api_client.get(f"/api/v1/sharing-agreements/{created}/").status_code == 404
    assert api_client.post("/api/v1/sharing-agreements/", body, format="json").status_code == 400
    # Withdrawing the partner's agreement closes it to the partner at once.
    api_client.force_authenticate(s.coordinator)
    response = api_client.post(f"/api/v1/sharing-agreements/{agreement_of(s).pk}/withdraw/", {"reason": "Ingetrokken"})
    assert response.status_code == 200 and response.json()["withdrawn_on"] == timezone.localdate().isoformat()
    api_client.force_authenticate(s.partner)
    assert api_client.get(f"/api/v1/sharing-agreements/{agreement_of(s).pk}/").status_code == 404
    assert api_client.get(f"/api/v1/cases/{s.case_a.pk}/").status_code == 404
