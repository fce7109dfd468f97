"""Stepped care in a real browser: a team step-up without an evaluation is refused with a clear message,
with one it succeeds and shows on the timeline, and a formal application goes through without one; the
catalogue, decision, lawfulness and expenditure pages pass axe."""

import re

import pytest
from playwright.sync_api import expect

from wijkteam.access.tests.factories import UserFactory
from wijkteam.cases.tests.factories import scenario_create
from wijkteam.core.tests.browser import axe_check, login
from wijkteam.provisions.tests.factories import option_create, wmo_consultant_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def s(base_data):
    from wijkteam.provisions.services import legal_terms_sync

    legal_terms_sync()  # the flush of a transactional test removes the migration's rows
    return scenario_create()


def field(scope, label):
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(verplicht\))?$"))


def step(page, level, route, **evaluation):
    section = page.locator("#care-level")
    summary = section.get_by_text("Trede wijzigen", exact=True)
    if not section.locator("details").last.evaluate("el => el.open"):
        summary.click()
    field(section, "Nieuwe trede").select_option(label=level)
    field(section, "Hoe kwam deze wijziging tot stand?").select_option(label=route)
    for label, value in evaluation.items():
        field(section, label).fill(value)
    section.get_by_role("button", name="Trede opslaan").click()


def test_step_up_needs_evaluation_and_application_is_never_blocked(page, s):
    option_create("Formulierenhulp", 1, None, domains=["finances"])
    login(page, "fatima")
    page.goto(f"/casussen/{s.case_a.pk}/")
    expect(page.get_by_role("heading", name="Trede", exact=True)).to_be_visible()
    axe_check(page)

    step(page, "1 · Algemene voorzieningen en buurtinitiatieven", "Besluit van het team")
    expect(page.locator("#care-level").get_by_text("De trede is gewijzigd.")).to_be_visible()

    # A step up by the team without an evaluation: refused, with a clear message.
    step(page, "2 · Ondersteuning door het wijkteam", "Besluit van het team")
    alert = page.locator("#care-level .utrecht-alert--error")
    expect(alert).to_contain_text("Opschalen vraagt een evaluatie van de huidige trede")
    expect(
        page.locator("#care-level").get_by_text("Trede 1: Algemene voorzieningen en buurtinitiatieven")
    ).to_be_visible()
    axe_check(page)

    # With an evaluation it succeeds and shows on the timeline.
    step(
        page,
        "2 · Ondersteuning door het wijkteam",
        "Besluit van het team",
        **{
            "Wat is er op de huidige trede geprobeerd": "Formulierenhulp in het buurthuis",
            "Hoe lang": "twee maanden",
            "Resultaat": "Post blijft liggen",
            "Waarom het niet voldoende was": "Er is wekelijkse begeleiding nodig",
        },
    )
    expect(page.locator("#care-level").get_by_text("Trede 2: Ondersteuning door het wijkteam")).to_be_visible()
    timeline = page.locator("#timeline")
    expect(timeline.get_by_text("Trede 1 → 2 (Besluit van het team)")).to_be_visible()
    expect(timeline.get_by_text("Formulierenhulp in het buurthuis", exact=False)).to_be_visible()

    # A formal application goes straight to level 3 without an evaluation.
    step(page, "3 · Maatwerkvoorziening", "Formele aanvraag door de inwoner")
    expect(page.locator("#care-level").get_by_text("Trede 3: Maatwerkvoorziening")).to_be_visible()
    expect(timeline.get_by_text("Trede 2 → 3 (Formele aanvraag door de inwoner)")).to_be_visible()
    axe_check(page)


def test_without_javascript_the_form_page_works(browser, live_server, s):
    context = browser.new_context(locale="nl-NL", base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    login(page, "fatima")
    page.goto(f"/casussen/{s.case_a.pk}/treden/")
    field(page, "Nieuwe trede").select_option(label="2 · Ondersteuning door het wijkteam")
    page.get_by_role("button", name="Trede opslaan").click()
    expect(page.get_by_text("De trede is gewijzigd.")).to_be_visible()
    page.goto(f"/casussen/{s.case_a.pk}/treden/")
    field(page, "Nieuwe trede").select_option(label="4 · Specialistische zorg")
    page.get_by_role("button", name="Trede opslaan").click()
    expect(page.locator(".utrecht-alert--error")).to_contain_text("Opschalen vraagt een evaluatie")
    context.close()


def test_wmo_consultant_records_a_decision_and_oversight_pages(page, s):
    option_create("Begeleiding individueel", 3, "wmo2015", tariff="62.50")
    wmo_consultant_create(s)
    login(page, "sevda")
    page.goto(f"/casussen/{s.case_a.pk}/")
    page.get_by_role("link", name="Beschikking vastleggen").click()
    axe_check(page)
    person = s.case_a.client_system.first().person
    field(page, "Persoon").select_option(label=str(person))
    field(page, "Voorziening").select_option(label="Begeleiding individueel")
    field(page, "Status").select_option(label="Toegekend")
    field(page, "Periode vanaf").fill("2025-01-01")
    field(page, "Periode tot en met").fill("2025-12-31")
    field(page, "Omvang").fill("3")
    field(page, "Aanvraag ontvangen op").fill("2024-12-10")
    field(page, "Besloten op").fill("2024-12-20")
    page.get_by_role("button", name="Beschikking opslaan").click()
    expect(page.get_by_text("De beschikking is vastgelegd.")).to_be_visible()
    decisions = page.get_by_role("table", name=re.compile("^Beschikkingen"))
    expect(decisions).to_contain_text("Begeleiding individueel")
    expect(decisions).to_contain_text("Toegekend")
    axe_check(page)
    page.goto("/rechtmatigheid/")
    expect(page.get_by_role("heading", level=1, name="Rechtmatigheid")).to_be_visible()
    axe_check(page)
    page.goto("/uitgaven/?year=2025&by=provision")
    expect(page.get_by_role("heading", level=1, name="Uitgaven")).to_be_visible()
    axe_check(page)


def test_catalogue_pages(page, s):
    UserFactory(username="ruben", roles=["functional_admin"], password="wijkteam-demo")
    option_create("Maatjesproject", 0, None, domains=["social_network"])
    login(page, "ruben")
    page.goto("/voorzieningen/")
    expect(page.get_by_role("heading", level=1, name="Catalogus")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Nieuwe optie").click()
    axe_check(page)
