"""Sharing with a partner, the resident's rights and the analyst's pseudonymised records in a real
browser; axe on every page."""

import re

import pytest
from playwright.sync_api import expect

from wijkteam.access.tests.factories import UserFactory
from wijkteam.cases.tests.factories import organisation_create, scenario_create
from wijkteam.core.tests.browser import axe_check, login
from wijkteam.households.models import Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def s(base_data):
    return scenario_create()


def field(scope, label):
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(verplicht\))?$"))


def test_coordinator_records_and_withdraws_sharing(page, s):
    organisation_create("Wijkverpleging (test)", kind="district_nursing")
    person = s.family_a.adults[1]
    login(page, "fatima")
    page.goto(f"/casussen/{s.case_a.pk}/")
    page.locator("#sharing").get_by_role("link", name="Delen met partners").click()
    expect(page.get_by_role("heading", level=1, name="Delen met partners")).to_be_visible()
    axe_check(page)
    form = page.locator("form.wt-narrow")
    field(form, "Van wie de gegevens zijn").select_option(label=person.full_name)
    field(form, "Gedeeld met de organisatie").select_option(label="Wijkverpleging (test)")
    form.get_by_label("Toestemming van de persoon zelf").check()
    field(form, "Doel").fill("Wondzorg thuis afstemmen")
    form.get_by_role("button", name="Delen vastleggen").click()
    expect(page.get_by_text("Delen met Wijkverpleging (test) is vastgelegd.")).to_be_visible()
    axe_check(page)
    row = page.get_by_role("row").filter(has_text="Wijkverpleging (test)")
    row.get_by_label("Reden van intrekking").fill("Toestemming ingetrokken in gesprek")
    row.get_by_role("button", name=re.compile("^Intrekken")).click()
    expect(page.get_by_text("Delen met Wijkverpleging (test) is ingetrokken")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Wijkverpleging (test)")).to_contain_text("Ingetrokken op")
    axe_check(page)


def test_coordinator_produces_a_subject_access_export(page, s):
    person = s.family_a.adults[0]
    login(page, "fatima")
    page.goto(f"/casussen/{s.case_a.pk}/")
    page.get_by_role("link", name=f"Verzoeken van {person.full_name}").click()
    expect(page.get_by_role("heading", level=1, name="Rechten van de inwoner")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Inzage in eigen gegevens").click()
    axe_check(page)
    page.get_by_role("button", name="Overzicht maken").click()
    expect(page.get_by_role("heading", level=1, name="Uw gegevens")).to_be_visible()
    expect(page.get_by_role("heading", name="Wie heeft uw dossier bekeken")).to_be_visible()
    expect(page.get_by_role("button", name="Afdrukken")).to_be_visible()
    axe_check(page)


def test_privacy_officer_finds_a_resident_and_records_a_restriction(page, s):
    person = s.family_a.adults[0]
    Person.objects.filter(pk=person.pk).update(bsn="111222333")
    login(page, "linda")
    page.get_by_role("link", name="Rechten van inwoners").click()
    axe_check(page)
    field(page, "BSN van de inwoner").fill("111222333")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", level=1, name="Rechten van de inwoner")).to_be_visible()
    page.get_by_label("Beperking van de verwerking (art. 18)").check()
    page.get_by_role("button", name="Verzoek vastleggen").click()
    expect(page.get_by_text("Het verzoek is vastgelegd.")).to_be_visible()
    expect(page.get_by_role("button", name="Beperking beëindigen")).to_be_visible()
    axe_check(page)


def test_analyst_records_a_legal_basis_before_seeing_pseudonymised_records(page, s):
    UserFactory(username="ana", roles=["data_analyst"], password="wijkteam-demo")
    login(page, "ana")
    page.goto("/analyse/gepseudonimiseerd/")
    axe_check(page)
    field(page, "Wettelijke grondslag").select_option(value="wmo2015")
    field(page, "Doel").fill("Beleidsonderzoek naar terugkeer in de zorg")
    page.get_by_role("button", name="Vastleggen en verder").click()
    expect(page.get_by_role("heading", level=1, name="Gepseudonimiseerde casusgegevens")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Pseudoniem")
    axe_check(page)
