"""Browser tests of monitoring (Playwright, axe on every page): the dashboard with its charts under the
strict CSP, an htmx filter, an XLSX download that opens with openpyxl, and a review."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from wijkteam.core.tests.browser import axe_check, login
from wijkteam.monitoring.tests.world import world_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(base_data):
    w = world_create()
    start = date(2025, 1, 6)
    for i in range(14):
        w.case(
            start + timedelta(days=i),
            closed_on=start + timedelta(days=50 + i),
            level=2,
            goals=(("finances", "reached"),),
        )
    for i in range(9):
        w.short_contact(start + timedelta(days=i))
    w.households_count(w.district_1, 2000)
    return w


def test_advisor_filters_the_dashboard_and_downloads_an_xlsx(page, world):
    login(page, "marco")
    expect(page.get_by_role("heading", name="Monitoring")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Dashboard", exact=False).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitoring")
    page.get_by_label("Periode", exact=True).select_option("2025")
    expect(page.locator("#monitoring-results")).to_contain_text("Periode 2025.")
    assert "period=2025" in page.url
    expect(page.locator("#section-demand")).to_be_visible()
    # a chart is drawn by Vega-Lite under the CSP (console errors would fail the test)
    expect(page.locator(".wt-chart__canvas svg").first).to_be_visible()
    expect(page.locator("#sectie-decisions")).to_contain_text("Beschikkingen en uitgaven")
    axe_check(page)

    page.get_by_label("Wijk", exact=True).select_option(world.district_1.code)
    expect(page.locator("#table-demand_by_district")).to_contain_text(world.district_1.display_name)
    with page.expect_download() as info:
        page.locator("a[href*='/monitoring/tabel/demand_by_district.xlsx']").click()
    workbook = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    values = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row]
    assert world.district_1.display_name in values and "2025" in values

    page.get_by_role("link", name="Afdrukbare perioderapportage").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Perioderapportage 2025")
    axe_check(page)


def test_team_lead_holds_a_review(page, world):
    login(page, "anouk")
    page.goto("/monitoring/evaluaties/")
    axe_check(page)
    page.get_by_role("link", name="Nieuwe evaluatie voor Wijkteam Oost").click()
    page.locator("#id_period").fill("2025")
    page.locator("#id_held_on").fill("2026-01-10")
    page.get_by_role("button", name="Evaluatie maken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Evaluatie 2025")
    expect(page.get_by_text("Beschrijf de casussen zonder namen")).to_be_visible()
    axe_check(page)
