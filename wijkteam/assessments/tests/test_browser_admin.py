"""The other pages in a real browser: a functional administrator adds an instrument, a team lead chooses
the team's instruments, a coordinator rates a goal with the household; axe on every page."""

import pytest
from playwright.sync_api import expect

from wijkteam.access.tests.factories import UserFactory
from wijkteam.assessments.models import Instrument, TeamInstrumentSetting
from wijkteam.assessments.tests.factories import world
from wijkteam.cases import services as case_services
from wijkteam.core.tests.browser import axe_check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def s(base_data):
    return world()


def test_an_administrator_adds_an_instrument(page, s):
    UserFactory(username="ruben", password="wijkteam-demo", roles=["functional_admin"])
    login(page, "ruben")
    page.get_by_role("link", name="Instrumenten").first.click()
    expect(page.get_by_role("heading", level=1, name="Instrumenten")).to_be_visible()
    expect(page.get_by_role("heading", name="Zelfredzaamheid-Matrix (ZRM)")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Instrument toevoegen").click()
    axe_check(page)
    page.get_by_label("Code").fill("eigen-kracht")
    page.get_by_label("Naam (Nederlands)").fill("Eigen kracht")
    page.get_by_label("Naam (Engels)").fill("Own strength")
    page.get_by_label("Hoogste score").fill("3")
    page.get_by_label("Financiën").check()
    page.get_by_label("Betekenis per score").fill("1 = Laag | Low\n2 = Midden | Middle\n3 = Hoog | High")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het instrument is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("heading", name="Eigen kracht")).to_be_visible()
    assert Instrument.objects.get(code="eigen-kracht").scale_labels.count() == 3


def test_a_team_lead_chooses_the_team_s_instruments(page, s):
    login(page, "anouk")
    page.goto("/instrumenten/")
    page.get_by_role("link", name="Wijkteam Oost").click()
    expect(page.get_by_role("heading", level=1, name="Instrumenten van Wijkteam Oost")).to_be_visible()
    axe_check(page)
    page.get_by_label("Leefgebied justitie scoren (strafrechtelijke gegevens)").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De instrumenten van het team zijn opgeslagen.")).to_be_visible()
    assert TeamInstrumentSetting.objects.get(team=s.team_a).justice_enabled


def test_a_coordinator_rates_a_goal_with_the_household(page, s):
    plan = case_services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    goal = case_services.goal_add(plan=plan, life_domain_code="finances", text="Rond komen", actor=s.coordinator)
    login(page, "fatima")
    page.goto(f"/casussen/{s.case_a.pk}/")
    section = page.locator("section[aria-labelledby='goal-ratings-heading']")
    expect(section.get_by_text("nog niet beoordeeld")).to_be_visible()
    section.get_by_role("link", name="Beoordelen").click()  # "Beoordelen: <goal>" for screen readers
    expect(page.get_by_role("heading", level=1, name="Doel beoordelen")).to_be_visible()
    expect(page.get_by_text(goal.text).first).to_be_visible()
    axe_check(page)
    page.get_by_role("group", name="Beoordeling van het huishouden").get_by_label("Deels bereikt").check()
    page.get_by_label("In de woorden van het huishouden").fill("Het lukt bijna")
    page.get_by_role("group", name="Jouw beoordeling").get_by_label("Bereikt", exact=True).check()
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.get_by_text("De beoordeling van het doel is vastgelegd.")).to_be_visible()
    expect(section.get_by_text("huishouden: deels bereikt")).to_be_visible()
    axe_check(page)
