"""The changes of a case in a real browser: from the case page's "Changes" card to the full list."""

import pytest
from playwright.sync_api import expect

from wijkteam.cases import services
from wijkteam.cases.tests.factories import scenario_create
from wijkteam.core.tests.browser import axe_check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_follows_the_changes_link_and_sees_an_event(page, base_data):
    s = scenario_create()
    plan = services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    services.goal_add(plan=plan, life_domain_code="finances", text="Rust in de geldzaken", actor=s.coordinator)
    login(page, "fatima")
    page.goto(f"/casussen/{s.case_a.pk}/")
    card = page.locator("#changes")
    expect(card.get_by_role("heading", name="Wijzigingen")).to_be_visible()
    expect(card.get_by_text("Doel toegevoegd")).to_be_visible()
    card.get_by_role("link", name="Alle wijzigingen").click()
    expect(page.get_by_role("heading", level=1, name="Wijzigingen")).to_be_visible()
    table = page.get_by_role("table", name="Wijzigingen in deze casus, nieuwste eerst")
    expect(table.get_by_role("row").filter(has_text="Doel toegevoegd")).to_have_count(1)
    expect(table.get_by_role("row").filter(has_text="Plan aangemaakt")).to_have_count(1)
    axe_check(page)
