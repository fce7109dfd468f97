"""The privacy officer approves a destruction list and places a legal hold in a real browser; axe."""

from datetime import date

import pytest
from playwright.sync_api import expect

from wijkteam.cases import destruction
from wijkteam.cases.models import Case, DestructionList
from wijkteam.cases.tests.factories import scenario_create
from wijkteam.core.tests.browser import axe_check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_privacy_officer_places_a_hold_and_approves_a_destruction_list(page, base_data):
    s = scenario_create()
    # a case closed long ago (the services refuse dates before opening, so set it directly)
    Case.objects.filter(pk=s.case_b.pk).update(
        status="closed", closed_on=date(2000, 1, 10), opened_on=date(1999, 6, 1), closing_reason="goals_reached"
    )
    dlist = destruction.destruction_list_propose(today=date(2026, 1, 10))
    login(page, "linda")
    page.get_by_role("link", name="Bewaren").click()
    expect(page.get_by_role("heading", level=1, name="Bewaren en vernietigen")).to_be_visible()
    axe_check(page)
    page.get_by_label("Casusnummer").fill(str(s.case_a.pk))
    page.get_by_label("Onderbouwing").fill("Bezwaarprocedure")
    page.get_by_role("button", name="Bewaarplicht instellen").click()
    expect(page.get_by_text("Bewaarplicht ingesteld.")).to_be_visible()
    page.get_by_role("link", name=f"Lijst {dlist.pk} van").click()
    expect(page.get_by_role("heading", level=1, name=f"Vernietigingslijst {dlist.pk}")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Goedkeuren en vernietigen").click()
    expect(page.get_by_text("De lijst is goedgekeurd en de dossiers zijn vernietigd.")).to_be_visible()
    expect(page.get_by_role("heading", name="Verklaring van vernietiging")).to_be_visible()
    axe_check(page)
    assert not Case.objects.filter(pk=s.case_b.pk).exists()
    assert DestructionList.objects.get(pk=dlist.pk).status == "destroyed"
