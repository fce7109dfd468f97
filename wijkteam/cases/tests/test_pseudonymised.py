"""Pseudonymised case records for the data analyst, and the pure rules behind this issue's part:
pseudonyms, age bands, months, the default legal basis and third-party disclosure."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkteam.access.models import AccessLogEntry, AuditEvent
from wijkteam.access.tests.factories import UserFactory
from wijkteam.cases import disclosure, pseudonymised, pseudonyms
from wijkteam.cases.legal_basis import default_legal_basis_code
from wijkteam.cases.tests.factories import case_create, scenario_create
from wijkteam.households.models import Address, Person
from wijkteam.households.tests.factories import family_create

KEY = b"test-key"


@pytest.mark.parametrize(
    ("birth", "on", "band"),
    [
        (date(2020, 6, 1), date(2026, 6, 1), "0-11"),
        (date(2008, 6, 2), date(2026, 6, 1), "12-17"),
        (date(2008, 6, 1), date(2026, 6, 1), "18-26"),
        (date(1980, 1, 1), date(2026, 6, 1), "45-64"),
        (date(1940, 1, 1), date(2026, 6, 1), "75+"),
        (None, date(2026, 6, 1), "unknown"),
    ],
)
def test_age_band(birth, on, band):
    assert pseudonyms.age_band(birth, on) == band


def test_pseudonym_is_keyed_stable_and_not_the_bsn():
    first = pseudonyms.pseudonym("123456782", key=KEY)
    assert first == pseudonyms.pseudonym(" 123456782 ", key=KEY)
    assert first != pseudonyms.pseudonym("123456782", key=b"other")
    assert "123456782" not in first and len(first) == 64
    assert pseudonyms.pseudonym(None, key=KEY) == "" and pseudonyms.pseudonym("", key=KEY) == ""
    with pytest.raises(ValueError):
        pseudonyms.pseudonym("123456782", key=b"")
    assert pseudonyms.month_of(date(2026, 3, 17)) == "2026-03" and pseudonyms.month_of(None) == ""


@pytest.mark.parametrize(
    ("domains", "code"),
    [
        (["finances"], "wgs"),
        (["work_education"], "participatiewet"),
        (["finances", "housing"], "wmo2015"),
        (["mental_health"], "wmo2015"),
        ([], "wmo2015"),
    ],
)
def test_default_legal_basis(domains, code):
    assert default_legal_basis_code(domains) == code


@pytest.mark.parametrize(
    ("participants", "audience", "concern", "disclosed"),
    [
        ({1}, "team", False, True),
        ({1}, "involved", True, True),
        ({1, 2}, "team", False, True),
        ({1, 2}, "team", True, False),  # a joint conversation in an unsafe household
        ({2}, "team", False, False),  # not about the person
        ({1}, "coordinator", False, False),
        ({1}, "organisation", False, False),  # a partner's compartment
    ],
)
def test_note_disclosure(participants, audience, concern, disclosed):
    assert (
        disclosure.note_disclosable(
            person_id=1, participant_ids=participants, audience=audience, safety_concern=concern
        )
        is disclosed
    )
    assert disclosure.household_text_disclosable(safety_concern=concern) is (not concern)


# --- the records -------------------------------------------------------------------------------------------------


@pytest.fixture
def s(db):
    scenario = scenario_create()
    for number, person in enumerate(Person.objects.order_by("pk")):
        Person.objects.filter(pk=person.pk).update(bsn=f"{100000000 + number * 7919:09d}")
    return scenario


@pytest.fixture
def analyst(db):
    return UserFactory(roles=["data_analyst"], first_name="Ana", last_name="Lyst")


def test_only_the_analyst_and_only_after_recording_a_legal_basis(s, analyst):
    with pytest.raises(Http404):
        pseudonymised.pseudonymised_use_current(user=s.coordinator)
    assert pseudonymised.pseudonymised_use_current(user=analyst) is None
    with pytest.raises(Exception):  # noqa: B017 - ValidationError
        pseudonymised.pseudonymised_use_record(
            user=analyst, legal_basis_code="nope", purpose="Onderzoek naar herhaling"
        )
    with pytest.raises(Exception):  # noqa: B017 - ValidationError
        pseudonymised.pseudonymised_use_record(user=analyst, legal_basis_code="wmo2015", purpose="kort")
    use = pseudonymised.pseudonymised_use_record(
        user=analyst, legal_basis_code="wmo2015", purpose="Beleidsonderzoek naar terugkeer in de zorg"
    )
    assert pseudonymised.pseudonymised_use_current(user=analyst) == use
    assert AuditEvent.objects.filter(action="pseudonymised_use.recorded").exists()


def test_no_direct_identifier_leaves_and_every_person_is_logged(s, analyst):
    use = pseudonymised.pseudonymised_use_record(
        user=analyst, legal_basis_code="wmo2015", purpose="Beleidsonderzoek naar terugkeer in de zorg"
    )
    records = pseudonymised.pseudonymised_records(user=analyst, use=use)
    assert records and all(tuple(r.values) == pseudonymised.FIELDS for r in records)
    text = json.dumps([r.values for r in records])
    for person in Person.objects.all():
        for value in (person.bsn, person.family_name, person.given_names, person.phone, person.email):
            if value:
                assert value not in text
        assert str(person.birth_date) not in text
    for address in Address.objects.all():
        assert address.postcode not in text and (not address.street or address.street not in text)
    persons = {r.person_id for r in records}
    logged = AccessLogEntry.objects.filter(user=analyst)
    assert set(logged.values_list("person_id", flat=True)) == persons
    assert {(e.purpose, e.legal_basis, e.action) for e in logged} == {(use.purpose, "Wmo 2015", "export")}
    # The same person gets the same pseudonym in every case (linking over periods).
    again = pseudonymised.pseudonymised_records(user=analyst, use=use)
    assert [r.values["pseudonym"] for r in again] == [r.values["pseudonym"] for r in records]


def test_records_cost_a_constant_number_of_queries(s, analyst):
    use = pseudonymised.pseudonymised_use_record(
        user=analyst, legal_basis_code="wmo2015", purpose="Beleidsonderzoek naar terugkeer in de zorg"
    )

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            pseudonymised.pseudonymised_records(user=analyst, use=use)
        return len(queries)

    count()  # warm the user's permission cache
    few = count()
    for _ in range(4):
        case_create(family_create(adults=2, children=2), s.team_a, s.coordinator)
    assert count() == few


def test_the_page(client, s, analyst):
    path = reverse("cases:pseudonymised_records")
    client.force_login(s.coordinator)
    assert client.get(path).status_code == 404
    client.force_login(analyst)
    assert "Doel" in client.get(path).content.decode()
    response = client.post(path, {"legal_basis": "wmo2015", "purpose": "Beleidsonderzoek naar terugkeer"})
    assert response.status_code == 302
    page = client.get(path)
    assert page.status_code == 200 and "Wmo 2015" in page.content.decode()
    download = client.post(path, {"format": "json"})
    assert download["Content-Type"] == "application/json"
    assert json.loads(download.content)["records"]
