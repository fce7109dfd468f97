"""Residents' rights: the subject-access export shields third parties and leaves out employee names, its
production is logged and audited; restriction blocks changes; erasure requests get their due date and
`person_erase` destroys the person while the logs survive."""

from __future__ import annotations

import json
from datetime import timedelta
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from wijkteam.access.models import AccessLogEntry, AuditEvent
from wijkteam.cases import selectors, services, services_rights, subject_access
from wijkteam.cases.models import ClientSystemMember, SubjectRequest
from wijkteam.cases.tests.factories import case_create, scenario_create
from wijkteam.households.models import Person
from wijkteam.households.tests.factories import family_create

pytestmark = pytest.mark.django_db

VICTIM_NOTE = "Zij vertelt in vertrouwen over het geweld thuis"
JOINT_NOTE = "Gezamenlijk gesprek over de ruzies"
COORDINATOR_NOTE = "Alleen voor de regisseur: zorgen over hem"


@pytest.fixture
def s():
    return scenario_create()


@pytest.fixture
def unsafe(s):
    """A household with domestic violence: a victim and a perpetrator in one case."""
    family = family_create(adults=2, children=1)
    case = case_create(family, s.team_a, s.coordinator, acute_unsafety=True, words="Hij slaat mij")
    victim, perpetrator = family.adults
    today = timezone.localdate()

    def note(text, participants, audience):
        services.contact_moment_record(
            case=case,
            occurred_on=today,
            kind="home_visit",
            note=text,
            audience=audience,
            participant_ids=[p.pk for p in participants],
            actor=s.coordinator,
        )

    note(VICTIM_NOTE, [victim], "team")
    note(JOINT_NOTE, [victim, perpetrator], "team")
    note(COORDINATOR_NOTE, [perpetrator], "coordinator")
    return case, victim, perpetrator


def dump(export) -> str:
    return json.dumps(export.as_json(), ensure_ascii=False)


def test_a_victims_notes_never_reach_the_perpetrator(s, unsafe):
    _case, victim, perpetrator = unsafe
    theirs = subject_access.subject_access_export(user=s.coordinator, person_id=perpetrator.pk)
    text = dump(theirs)
    assert VICTIM_NOTE not in text and JOINT_NOTE not in text and COORDINATOR_NOTE not in text
    assert "Hij slaat mij" not in text  # the household's request, in a case with a safety concern
    assert theirs.withheld.notes == 2 and theirs.withheld.household_texts == 1 and theirs.withheld.safety_sections == 1
    # The victim gets her own note, not the joint one.
    hers = dump(subject_access.subject_access_export(user=s.coordinator, person_id=victim.pk))
    assert VICTIM_NOTE in hers and JOINT_NOTE not in hers and "Hij slaat mij" not in hers


def test_without_a_safety_concern_the_own_case_is_in_the_export(s):
    adult = s.case_a.sharing_agreements.get().person
    services.contact_moment_record(
        case=s.case_a,
        occurred_on=timezone.localdate(),
        kind="call",
        note="Samen gebeld met de schuldeiser",
        audience="team",
        participant_ids=[p.pk for p in s.family_a.members],
        actor=s.coordinator,
    )
    export = subject_access.subject_access_export(user=s.coordinator, person_id=adult.pk)
    text = dump(export)
    assert "Samen gebeld met de schuldeiser" in text
    assert s.case_a.help_request.words in text
    assert export.person["bsn"] == (adult.bsn or "")
    assert export.cases[0]["sharing"][0]["organisation"] == s.debt.name
    assert export.cases[0]["legal_basis"]


def test_the_access_log_part_names_organisation_and_role_not_employees(s):
    adult = s.family_a.adults[0]
    selectors.case_get_for_user(user=s.partner, case_id=s.case_a.pk)
    s.partner.first_name, s.partner.last_name = "Joost", "Zwartveld"
    s.partner.save()
    export = subject_access.subject_access_export(user=s.privacy, person_id=adult.pk)
    rows = export.access_log
    assert rows and all(
        set(row) == {"when", "action", "purpose", "organisation", "role", "legal_basis", "emergency"} for row in rows
    )
    assert any(row["organisation"] == s.debt.name and row["role"] == "partner" for row in rows)
    assert "Zwartveld" not in dump(export) and "joost" not in dump(export)


def test_producing_the_export_is_logged_recorded_and_audited(s):
    adult = s.family_a.adults[0]
    subject_access.subject_access_export(user=s.privacy, person_id=adult.pk)
    entry = AccessLogEntry.objects.filter(person_id=adult.pk, action="export").get()
    assert entry.purpose == subject_access.PURPOSE and entry.legal_basis == subject_access.LEGAL_BASIS
    assert entry.user == s.privacy
    assert SubjectRequest.objects.get(person_ref=adult.pk, kind="access").status == "done"
    assert AuditEvent.objects.filter(action="person.subject_access_exported", target_id=str(adult.pk)).exists()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("coordinator", True),
        ("privacy", True),
        ("teammate", False),
        ("partner", False),
        ("team_lead", False),
        ("other_team_worker", False),
        ("advisor", False),
    ],
)
def test_who_may_produce_the_export(s, who, allowed):
    adult = s.family_a.adults[0]
    user = getattr(s, who)
    if allowed:
        subject_access.subject_access_export(user=user, person_id=adult.pk)
    else:
        with pytest.raises(Http404):
            subject_access.subject_access_export(user=user, person_id=adult.pk)
        assert not AccessLogEntry.objects.filter(action="export").exists()


def test_the_export_pages_html_and_json(client, s):
    adult = s.family_a.adults[0]
    client.force_login(s.coordinator)
    path = reverse("cases:subject_access_export", args=[adult.pk])
    assert client.get(path).status_code == 200
    assert not AccessLogEntry.objects.filter(action="export").exists()  # looking at the form is not an export
    page = client.post(path, {"received_on": timezone.localdate().isoformat(), "format": "html"})
    assert page.status_code == 200 and adult.family_name in unescape(page.content.decode())
    download = client.post(path, {"received_on": timezone.localdate().isoformat(), "format": "json"})
    assert download["Content-Type"] == "application/json"
    assert json.loads(download.content)["person"]["family_name"] == adult.family_name
    assert AccessLogEntry.objects.filter(action="export", person_id=adult.pk).count() == 2
    client.force_login(s.teammate)
    assert client.get(path).status_code == 404


def test_the_privacy_officer_finds_a_resident_by_bsn(client, s):
    adult = s.family_a.adults[0]
    Person.objects.filter(pk=adult.pk).update(bsn="111222333")
    client.force_login(s.privacy)
    response = client.post(reverse("cases:resident_rights"), {"bsn": "111222333"})
    assert response.status_code == 302 and response.url == reverse("cases:person_rights", args=[adult.pk])
    assert client.post(reverse("cases:resident_rights"), {"bsn": "12"}).status_code == 200
    client.force_login(s.coordinator)
    assert client.get(reverse("cases:resident_rights")).status_code == 404


# --- restriction and erasure -----------------------------------------------------------------------------------


def test_a_restriction_blocks_changes_until_it_ends(client, s):
    adult = s.family_a.adults[0]
    restriction = services_rights.subject_request_record(person=adult, kind="restriction", actor=s.coordinator)
    assert restriction.status == "in_force"
    with pytest.raises(ValidationError):
        services.contact_moment_record(
            case=s.case_a, occurred_on=timezone.localdate(), kind="call", note="Gebeld", actor=s.coordinator
        )
    client.force_login(s.coordinator)
    html = client.get(reverse("cases:case_detail", args=[s.case_a.pk])).content.decode()
    assert "De verwerking is beperkt" in html
    with pytest.raises(ValidationError):
        services_rights.subject_request_record(person=adult, kind="restriction", actor=s.coordinator)
    services_rights.subject_request_close(request=restriction, status="ended", actor=s.coordinator)
    services.contact_moment_record(
        case=s.case_a, occurred_on=timezone.localdate(), kind="call", note="Gebeld", actor=s.coordinator
    )
    actions = set(AuditEvent.objects.filter(action__startswith="subject_request.").values_list("action", flat=True))
    assert actions == {"subject_request.restriction_recorded", "subject_request.restriction_ended"}


def test_erasure_requests_in_youth_care_are_due_within_three_months(s):
    received = timezone.localdate() - timedelta(days=2)
    child = s.family_a.children[0]
    adult = s.family_a.adults[0]
    youth = services_rights.subject_request_record(
        person=child, kind="erasure", received_on=received, actor=s.coordinator
    )
    other = services_rights.subject_request_record(
        person=adult, kind="erasure", received_on=received, actor=s.coordinator
    )
    assert youth.due_on == services_rights._add_months(received, 3)
    assert other.due_on == received + timedelta(days=30)
    assert services_rights._add_months(timezone.datetime(2026, 11, 30).date(), 3).isoformat() == "2027-02-28"


def test_person_erase_destroys_the_person_and_keeps_the_logs(s):
    adult = s.family_a.adults[1]
    selectors.case_get_for_user(user=s.coordinator, case_id=s.case_a.pk)
    request = services_rights.subject_request_record(person=adult, kind="erasure", actor=s.privacy)
    person_id = services_rights.person_erase(person=adult, actor=s.privacy, reason="Verzoek tot wissen")
    assert not Person.objects.filter(pk=person_id).exists()
    assert not ClientSystemMember.objects.filter(person_id=person_id).exists()
    assert AccessLogEntry.objects.filter(person_id=person_id).exists()
    request.refresh_from_db()
    assert request.status == "done" and request.person is None and request.person_ref == person_id
    event = AuditEvent.objects.get(action="person.erased")
    assert event.details == {"person": person_id} and adult.family_name not in event.summary
    with pytest.raises(ValidationError):
        services_rights.person_erase(person=s.family_a.adults[0], actor=s.privacy, reason=" ")


def test_only_the_privacy_officer_erases_on_the_page(client, s):
    adult = s.family_a.adults[1]
    client.force_login(s.coordinator)
    assert client.post(reverse("cases:person_erase", args=[adult.pk]), {"reason": "x"}).status_code == 403
    client.force_login(s.privacy)
    response = client.post(reverse("cases:person_erase", args=[adult.pk]), {"reason": "Verzoek tot wissen"})
    assert response.status_code == 302 and not Person.objects.filter(pk=adult.pk).exists()


def test_the_rights_page_records_requests(client, s):
    adult = s.family_a.adults[0]
    client.force_login(s.coordinator)
    path = reverse("cases:person_rights", args=[adult.pk])
    assert client.get(path).status_code == 200
    response = client.post(path, {"kind": "erasure", "received_on": timezone.localdate().isoformat(), "note": ""})
    assert response.status_code == 302
    request = SubjectRequest.objects.get(person_ref=adult.pk)
    client.post(reverse("cases:subject_request_close", args=[adult.pk, request.pk]), {"status": "done"})
    assert SubjectRequest.objects.get(pk=request.pk).status == "done"
