"""A generalist records an assessment and sees the progress chart render, with its table alternative, on
the case page; axe on every page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from wijkteam.assessments.tests.factories import assess, world
from wijkteam.core.tests.browser import axe_check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def s(base_data):
    return world()


def test_progress_chart_renders_with_a_table_alternative(page, s):
    assess(s, moment="intake", days_ago=120, finances=2, social_network=3)
    assess(s, moment="evaluation", days_ago=40, finances=3, social_network=3)
    person = s.family_a.adults[0]
    login(page, "fatima")
    page.goto(f"/casussen/{s.case_a.pk}/")
    section = page.locator("section[aria-labelledby='progress-heading']")
    expect(section.get_by_role("heading", name="Zelfredzaamheid")).to_be_visible()
    chart = section.locator(f"[data-progress-chart='progress-data-{person.pk}']")
    expect(chart.locator("svg").first).to_be_visible()
    expect(section.get_by_text("(+1 sinds intake)")).to_be_visible()
    # The table alternative, behind a disclosure.
    section.get_by_text(f"De scores van {person.full_name} als tabel").click()
    table = section.get_by_role("table")
    expect(table).to_be_visible()
    expect(table.get_by_role("rowheader", name="Financiën")).to_be_visible()
    axe_check(page)

    # Record a closure assessment through the form: only the touched domains are offered.
    section.get_by_role("link", name="Meting vastleggen").click()
    expect(page.get_by_role("heading", level=1, name="Meting vastleggen")).to_be_visible()
    axe_check(page)
    expect(page.get_by_label("Huisvesting")).to_have_count(0)
    page.get_by_label("Persoon").select_option(label=person.full_name)
    page.get_by_label("Moment").select_option(label="Afsluiting")
    page.get_by_label("Gemeten op").fill(timezone.localdate().isoformat())
    page.get_by_label("Financiën").select_option("4")
    page.get_by_role("button", name="Meting opslaan").click()
    expect(page.get_by_text("De meting is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("(+2 sinds intake)")).to_be_visible()
    expect(chart.locator("svg").first).to_be_visible()
    axe_check(page)


def test_a_bad_score_date_gets_a_clear_message(page, s):
    login(page, "fatima")
    page.goto(f"/casussen/{s.case_a.pk}/zelfredzaamheid/")
    page.get_by_label("Gemeten op").fill("2999-01-01")
    page.get_by_label("Financiën").select_option("2")
    page.get_by_role("button", name="Meting opslaan").click()
    expect(page.get_by_text("De datum van een meting kan niet in de toekomst liggen.")).to_be_visible()
    axe_check(page)
