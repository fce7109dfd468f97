"""Browser tests of the planning pages (Playwright, axe on every page)."""

import pytest
from playwright.sync_api import expect

from wijkteam.access.tests.factories import UserFactory
from wijkteam.core.tests.browser import axe_check, login
from wijkteam.planning.tests.world import YEAR, world_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def team(base_data):
    team = world_create()
    UserFactory(username="bea", password="wijkteam-demo", roles=["policy_advisor"], first_name="Bea")
    return team


def test_composition_advice_and_what_if(page, team):
    login(page, "bea")
    page.get_by_role("link", name="Vraag en formatie").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag en formatie")
    axe_check(page)
    page.get_by_role("link", name="Buurtteam West").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Formatieadvies voor Buurtteam West")
    table = page.locator("#advice-table")
    expect(table.get_by_role("row", name="Generalist")).to_contain_text("te weinig")
    expect(table.locator('tr[data-discipline="debts_money"]')).to_contain_text("0,8")
    axe_check(page)

    form = page.locator("#what-if")
    for name in ("West (WK034401)", "Noordwest (WK034402)", "Overvecht (WK034403)"):
        expect(form.get_by_label(name)).to_be_checked()  # the team's own districts to start from
        form.get_by_label(name).uncheck()
    for name in ("Oost (WK034405)", "Binnenstad (WK034406)", "Zuid (WK034407)"):
        form.get_by_label(name).check()
    form.get_by_role("button", name="Toon het advies voor deze wijken").click()
    result = page.locator("#what-if-result")
    expect(result.get_by_role("heading", name="Advies voor de gekozen wijken")).to_be_visible()
    expect(result.locator("#what-if-districts")).to_contain_text("Oost, Binnenstad, Zuid")
    expect(result.locator("#what-if-total")).to_contain_text("In totaal heeft het team")
    axe_check(page)


def test_observed_against_expected_and_recalibration(page, team):
    login(page, "bea")
    page.goto("/regio/GM0344/")
    section = page.locator("#observed-demand")
    expect(section.get_by_role("heading", name="Waargenomen tegenover verwachte vraag")).to_be_visible()
    expect(section.locator('tr[data-district="WK034401"] td[data-domain="finances"]')).to_contain_text(".")
    axe_check(page)
    section.get_by_role("link", name="Kies een jaar en herijk het model").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Waargenomen tegenover verwachte vraag in Utrecht")
    expect(page.get_by_label("Jaar")).to_have_value(str(YEAR))
    expect(page.locator('#observed-table tr[data-district="WK034402"] td[data-domain="basic_adl"]')).to_have_attribute(
        "data-observed", "15"
    )
    axe_check(page)
    page.get_by_role("link", name="Herijk de gewichten op deze vraag").click()
    expect(page.locator('#fit-table tr[data-domain="basic_adl"]')).to_contain_text("10")
    axe_check(page)
    page.get_by_label("Naam van de gewichtenset").fill("Utrecht 2025")
    page.get_by_role("button", name="Gewichtenset opslaan").click()
    expect(page.get_by_text("De gewichtenset is opgeslagen.")).to_be_visible()
    expect(page.locator("#weight-sets")).to_contain_text("in gebruik")
    axe_check(page)
    page.goto("/regio/WK034405/")
    expect(page.locator("#weights-used")).to_contain_text("Utrecht 2025")
