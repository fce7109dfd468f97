import re

import pytest
from playwright.sync_api import expect

from wijkteam.access.tests.factories import UserFactory
from wijkteam.core.tests.browser import axe_check, login
from wijkteam.neighbourhoods.tests.factories import sample_indicators_import, sample_regions_import

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


def test_district_analysis_map_choose_an_indicator_and_open_a_district(page):
    sample_indicators_import()
    UserFactory(username="marco", password="wijkteam-demo", roles=["policy_advisor"])
    login(page, "marco")
    page.goto("/regio/")
    page.get_by_role("link", name="Utrecht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Utrecht")
    svg = page.locator("#district-map .wt-map__canvas svg")
    expect(svg).to_be_visible()
    expect(page.locator("#district-map figcaption")).to_contain_text("Eenpersoonshuishoudens, 2024")
    axe_check(page)

    # Choose another figure: htmx swaps the map and its table and puts the choice in the address bar.
    page.get_by_label("Cijfer op de kaart").select_option("persons_social_assistance_bijstand:2023:85618NED")
    expect(page.locator("#district-map figcaption")).to_contain_text("Personen met bijstand, 2023")
    expect(page).to_have_url(re.compile(r"indicator=persons_social_assistance_bijstand"))
    expect(page.locator("#district-map .wt-map__canvas svg")).to_be_visible()
    overvecht = page.locator('#district-map-table tr[data-region="WK034403"]')
    expect(overvecht).to_contain_text("per 1.000")
    axe_check(page)

    # The districts on the map take keyboard focus and announce their figure.
    shape = page.locator('#district-map [role="graphics-symbol"]').first
    shape.focus()
    expect(page.locator("#district-map-status")).to_contain_text("per 1.000")

    overvecht.get_by_role("link", name="Overvecht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overvecht")
    expect(page.get_by_role("heading", name="Verwachte vraag per leefgebied")).to_be_visible()
    expect(page.locator('tr[data-edition="persons_social_assistance_bijstand:2023:85618NED"]')).to_be_visible()
    axe_check(page)


def test_map_works_with_the_keyboard(page):
    sample_indicators_import()
    UserFactory(username="marco", password="wijkteam-demo", roles=["policy_advisor"])
    login(page, "marco")
    page.goto("/regio/GM0153/")
    shape = page.locator('#district-map [role="graphics-symbol"]').first
    shape.focus()
    expect(page.locator("#district-map-status")).to_contain_text("%")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/regio/WK0153\d\d/$"))
    axe_check(page)
