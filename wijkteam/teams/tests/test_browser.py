"""Browser tests of the teams screens (Playwright, axe on every page)."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from wijkteam.access.tests.factories import UserFactory
from wijkteam.core.tests.browser import axe_check, login
from wijkteam.neighbourhoods.tests.factories import sample_regions_import
from wijkteam.teams.models import Membership, Team
from wijkteam.teams.tests.factories import InitiativeFactory, MembershipFactory, OrganisationFactory, TeamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def centrum(base_data, fake_cases):
    sample_regions_import()
    team = TeamFactory(name="Wijkteam Centrum", districts=["WK015300", "WK015302"])
    lead = UserFactory(username="anouk", password="wijkteam-demo", roles=["team_lead"], first_name="Anouk")
    MembershipFactory(team=team, user=lead, kind="team_lead", fte=Decimal("0.8"))
    busy = MembershipFactory(
        team=team, user=UserFactory(first_name="Bas", last_name="Bezet"), fte=Decimal("0.5"), disciplines=["generalist"]
    )
    calm = MembershipFactory(
        team=team, user=UserFactory(first_name="Cor", last_name="Ruim"), disciplines=["generalist", "debts_money"]
    )
    MembershipFactory(team=team, user=UserFactory(first_name="Vera", last_name="Vrijwillig"), kind="volunteer", fte=0)
    fake_cases.counts = {busy.user_id: (11, 2), calm.user_id: (6, 0)}
    return team


def test_team_lead_sees_who_is_above_the_norm_and_asks_for_a_coordinator(page, centrum):
    login(page, "anouk")
    expect(page.get_by_role("heading", name="Mijn team")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Wijkteam Centrum").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wijkteam Centrum")
    table = page.locator("#caseload-table")
    expect(table.get_by_role("row", name="Bas Bezet")).to_contain_text("Boven de norm")
    expect(table.get_by_role("row", name="Cor Ruim")).to_contain_text("Ruimte")
    expect(table.get_by_role("row", name="Vera Vrijwillig")).to_contain_text("Geen caseloadcapaciteit")
    expect(page.locator("#above-norm-count")).to_have_text("1")
    axe_check(page)

    page.get_by_label("Financiën").check()
    page.get_by_label("Wijk van het huishouden").select_option(label="Binnensingelgebied (WK015300)")
    page.get_by_role("button", name="Regisseurs voorstellen").click()
    suggestions = page.locator("#suggestions")
    expect(suggestions.get_by_role("heading", name="Voorgestelde regisseurs")).to_be_visible()
    expect(suggestions.locator("li").first).to_contain_text("Cor Ruim")
    expect(suggestions).to_contain_text("Discipline past bij: Financiën")
    expect(suggestions).to_contain_text("Zit aan of boven de norm")
    expect(suggestions).not_to_contain_text("Vera")
    assert page.url.endswith(f"/teams/{centrum.pk}/")  # htmx: no page load
    axe_check(page)


def test_policy_advisor_sees_team_totals_but_no_per_member_figures(page, centrum):
    UserFactory(username="marco", password="wijkteam-demo", roles=["policy_advisor"])
    login(page, "marco")
    page.get_by_role("link", name="Teams", exact=True).click()
    row = page.get_by_role("row", name="Wijkteam Centrum")
    expect(row).to_contain_text("2 wijken")
    expect(page.locator("body")).not_to_contain_text("Bas Bezet")
    axe_check(page)
    row.get_by_role("link", name="Wijkteam Centrum").click()
    expect(page.get_by_role("heading", name="Capaciteit en caseload")).to_be_visible()
    expect(page.get_by_text("Gewogen caseload", exact=True)).to_be_visible()
    expect(page.locator("#caseload-table")).to_have_count(0)
    body = page.locator("main")
    for text in ("Bas Bezet", "Cor Ruim", "Boven de norm", "Caseload per teamlid", "Wie kan regisseur worden"):
        expect(body).not_to_contain_text(text)
    axe_check(page)


def test_functional_administrator_sets_up_a_team(page, base_data):
    sample_regions_import()
    UserFactory(username="ruben", password="wijkteam-demo", roles=["functional_admin"])
    worker = UserFactory(first_name="Fatima", last_name="Yilmaz", roles=["generalist"])
    login(page, "ruben")
    expect(page.get_by_role("heading", name="Inrichting van de teams")).to_be_visible()
    page.get_by_role("link", name="Organisaties en professionals").click()
    page.get_by_role("link", name="Nieuwe organisatie").click()
    page.get_by_label("Naam").fill("Sociaal werk test")
    page.get_by_label("Soort").select_option(label="Algemeen maatschappelijk werk")
    axe_check(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sociaal werk test")
    axe_check(page)

    page.goto("/teams/")
    page.get_by_role("link", name="Nieuw team").click()
    page.get_by_label("Naam").fill("Wijkteam Noord")
    page.get_by_label("Organisatievorm").select_option(label="Pilot")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#id_districts_error")).to_contain_text("Kies de wijken die het team bedient")
    axe_check(page)
    page.get_by_label("Enschede-Noord (WK015304)").check()
    page.get_by_label("Startdatum").fill("2026-01-01")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wijkteam Noord")
    team = Team.objects.get(name="Wijkteam Noord")

    page.get_by_role("link", name="Opdracht en streefwaarden").click()
    axe_check(page)
    page.get_by_label("Leefgebied of doelgroep").select_option(label="Dak- en thuislozen")
    page.get_by_label("Uitdrukkelijk buiten de opdracht").check()
    page.locator("#mandate-items").get_by_label("Toelichting").fill("Centrale toegang maatschappelijke opvang")
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    items = page.locator("#mandate-items")
    expect(items.get_by_role("status")).to_have_text("Toegevoegd aan de opdracht.")
    expect(items.get_by_role("row", name="Dak- en thuislozen")).to_contain_text("Buiten de opdracht")

    page.locator("#id_metric_key").select_option(value="reentry_12m")
    page.locator("#id_comparison").select_option(value="lte")
    page.locator("#id_value").fill("15")
    page.locator("#id_period").fill("2026-Q5")
    page.get_by_role("button", name="Streefwaarde vaststellen").click()
    expect(page.locator("#targets")).to_contain_text("Vul een periode in als jaar")
    page.locator("#id_period").fill("2026")
    page.get_by_role("button", name="Streefwaarde vaststellen").click()
    expect(page.locator("#targets").get_by_role("status")).to_have_text("De streefwaarde is vastgesteld.")
    expect(page.locator("#targets")).to_contain_text("Terugkeer binnen 12 maanden")
    axe_check(page)

    page.goto(f"/teams/{team.pk}/leden/")
    page.get_by_label("Medewerker").select_option(label=f"Fatima Yilmaz ({worker.username})")
    page.get_by_label("Namens").select_option(label="Sociaal werk test")
    page.get_by_label("Schulden en geld").check()
    page.locator("#id_fte").fill("0,89")
    page.get_by_label("Startdatum").fill("2026-01-01")
    axe_check(page)
    page.get_by_role("button", name="Toevoegen aan het team").click()
    expect(page.get_by_text("Fatima Yilmaz is aan het team toegevoegd.")).to_be_visible()
    page.get_by_role("link", name="Wijzigen Fatima Yilmaz").click()
    axe_check(page)
    page.get_by_label("Geldt vanaf").fill("2026-06-01")
    page.locator("#id_fte").fill("0,5")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het lidmaatschap is gewijzigd; de geschiedenis blijft bewaard.")).to_be_visible()
    assert Membership.objects.filter(team=team).count() == 2
    expect(page.get_by_role("table", name="Alle lidmaatschappen, nieuwste eerst").get_by_role("row")).to_have_count(3)
    axe_check(page)

    page.goto("/teams/disciplines/")
    page.get_by_role("link", name="Wijzigen Wonen").click()
    page.get_by_label("Naam (Nederlands)").fill("Wonen en huren")
    axe_check(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("row", name="Wonen en huren")).to_be_visible()
    axe_check(page)


def test_team_member_keeps_the_social_map(page, base_data):
    sample_regions_import()
    team = TeamFactory(name="Wijkteam Centrum", districts=["WK015300"])
    fatima = UserFactory(username="fatima", password="wijkteam-demo", roles=["generalist"])
    MembershipFactory(team=team, user=fatima, organisation=OrganisationFactory())
    InitiativeFactory(team=team, name="Eettafel De Laares", life_domains=["social_network"])
    login(page, "fatima")
    page.get_by_role("link", name="Sociale kaart").first.click()
    expect(page.get_by_role("row", name="Eettafel De Laares")).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Nieuw initiatief").click()
    page.get_by_label("Naam").fill("Taalcafé Centrum")
    page.get_by_label("Soort").select_option(label="Taal- en digitale hulp")
    page.locator("#id_district").select_option(label="Binnensingelgebied (WK015300)")
    page.locator("#id_care_level").select_option(index=2)
    page.get_by_label("Maatschappelijke participatie").check()
    page.get_by_label("Wanneer").fill("Woensdag 14.00–16.00 uur")
    axe_check(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Taalcafé Centrum staat op de sociale kaart.")).to_be_visible()
    page.get_by_label("Leefgebied").select_option(label="Maatschappelijke participatie")
    expect(page.get_by_role("row", name="Eettafel De Laares")).to_have_count(0)
    expect(page.get_by_role("row", name="Taalcafé Centrum")).to_be_visible()
    axe_check(page)


def test_every_other_teams_page_is_accessible(page, centrum):
    """The pages the flows above do not pass through, each checked with axe."""
    from wijkteam.teams.models import Affiliation, Discipline

    UserFactory(username="ruben", password="wijkteam-demo", roles=["functional_admin"])
    organisation = OrganisationFactory(name="Schuldhulp test")
    affiliation = Affiliation.objects.create(
        user=UserFactory(first_name="Joost"), organisation=organisation, start_date="2025-01-01"
    )
    item = centrum.mandate_items.create(kind="target_group", target_group="youth", note="Lichte opvoedvragen")
    membership = Membership.objects.filter(team=centrum, kind="generalist").first()
    initiative = InitiativeFactory(team=centrum, life_domains=["social_network"])
    login(page, "ruben")
    for path in [
        "/teams/",
        f"/teams/{centrum.pk}/",
        f"/teams/{centrum.pk}/wijzigen/",
        f"/teams/{centrum.pk}/opdracht/onderdelen/{item.pk}/wijzigen/",
        f"/teams/{centrum.pk}/leden/{membership.pk}/beeindigen/",
        "/organisaties/",
        f"/organisaties/{organisation.pk}/",
        f"/organisaties/{organisation.pk}/wijzigen/",
        f"/organisaties/{organisation.pk}/verbonden/{affiliation.pk}/beeindigen/",
        "/teams/disciplines/nieuw/",
        f"/teams/disciplines/{Discipline.objects.get(code='youth').pk}/wijzigen/",
        f"/sociale-kaart/{initiative.pk}/wijzigen/",
        "/sociale-kaart/?district=WK015300",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        axe_check(page)
    page.context.clear_cookies()
    login(page, "anouk")
    page.goto(f"/teams/{centrum.pk}/regiesuggestie/?life_domains=finances&life_domains=housing")
    expect(page.get_by_role("heading", name="Voorgestelde regisseurs")).to_be_visible()
    axe_check(page)
