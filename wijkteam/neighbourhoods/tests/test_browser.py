import pytest
from playwright.sync_api import expect

from wijkteam.access.tests.factories import UserFactory
from wijkteam.core.tests.browser import axe_check, login
from wijkteam.neighbourhoods.tests.factories import sample_regions_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_browse_from_municipality_to_neighbourhood(page):
    sample_regions_import()
    UserFactory(username="marco", password="wijkteam-demo", roles=["policy_advisor"])
    login(page, "marco")
    page.get_by_role("link", name="Regio's").first.click()
    axe_check(page)
    page.get_by_label("Zoek op naam of CBS-code").fill("Ensch")
    expect(page.get_by_role("link", name="Utrecht")).to_have_count(0)
    expect(page).to_have_url("/regio/?q=Ensch")  # htmx pushed the search into the address bar
    page.get_by_role("link", name="Enschede").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Enschede"
    axe_check(page)
    page.get_by_role("link", name="Binnensingelgebied").click()
    assert page.get_by_role("cell", name="BU01530000").is_visible()
    axe_check(page)
