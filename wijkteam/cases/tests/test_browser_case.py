"""The coordinator's day with a case in a real browser (plan, contact, case conference, closing) and the
need-to-know rule as a teammate and a worker of another team experience it; axe on every page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from wijkteam.access.tests.factories import UserFactory
from wijkteam.cases import services
from wijkteam.cases.models import Action, Case, ContactMoment, ContentAccessGrant, Goal, PlanVersion
from wijkteam.cases.tests.factories import organisation_create, scenario_create, sharing_record
from wijkteam.core.tests.browser import axe_check, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def s(base_data):
    return scenario_create()


def field(scope, label):
    """A form field by its label, required or not ("Wat" matches "Wat (verplicht)")."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(verplicht\))?$"))


def add_goal(page, domain, text, criterion):
    form = page.locator("form[action$='/plan/doelen/']")
    form.get_by_label("Leefgebied").select_option(label=domain)
    form.get_by_label("Doel, in de woorden van het huishouden").fill(text)
    form.get_by_label("Waaraan we zien dat het bereikt is").fill(criterion)
    form.get_by_role("button", name="Doel toevoegen").click()
    expect(page.get_by_role("heading", name=text)).to_be_visible()


def add_action(page, goal, what, who, **choose):
    form = page.locator("form[action$='/plan/acties/']")
    field(form, "Doel").select_option(label=goal)
    field(form, "Wat").fill(what)
    field(form, "Wie").select_option(label=who)
    for label, option in choose.items():
        chosen = field(form, label)
        expect(chosen).to_be_visible()  # cases.js shows the fields that apply to this "who"
        chosen.select_option(label=option)
    form.get_by_label("Wanneer klaar").fill((timezone.localdate() + timedelta(days=14)).isoformat())
    form.get_by_role("button", name="Actie toevoegen").click()
    expect(page.locator("#plan-body").get_by_text(what, exact=True)).to_be_visible()


def test_coordinator_plans_records_and_closes_a_case(page, s):
    household = s.case_a.household.name
    login(page, "fatima")
    page.get_by_role("link", name="Casussen").click()
    expect(page.get_by_role("heading", level=1, name="Casussen")).to_be_visible()
    axe_check(page)

    # Open the case from the list.
    page.get_by_role("link", name=f"Huishouden {household}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Huishouden {household}")
    axe_check(page)

    # The plan: two goals in the household's words, actions for a volunteer and the partner.
    page.get_by_role("link", name="Plan maken").click()
    axe_check(page)
    add_goal(page, "Financiën", "Rust in de geldzaken", "Alle rekeningen op tijd betaald")
    add_goal(page, "Sociaal netwerk", "Iemand om mee te praten", "Elke week een gesprek")
    volunteer = s.volunteer.get_full_name()
    add_action(
        page,
        "Iemand om mee te praten",
        "Samen naar de maaltijdclub",
        "Vrijwilliger",
        **{"Vrijwilliger of medewerker": volunteer},
    )
    add_action(
        page,
        "Rust in de geldzaken",
        "Schuldenoverzicht maken",
        "Partnerorganisatie",
        **{"Partnerorganisatie": "Schuldhulp (test)"},
    )
    axe_check(page)

    # Change a goal in place (htmx), then agree the plan with the household.
    page.get_by_role("link", name=re.compile(r"^Wijzigen ?: doel “Iemand om mee te praten”$")).click()
    inline = page.locator("#goal-" + str(Goal.objects.get(text="Iemand om mee te praten").pk))
    inline.get_by_label("Doel, in de woorden van het huishouden").fill("Iemand om mee te praten, elke week")
    axe_check(page)
    inline.get_by_role("button", name="Doel opslaan").click()
    expect(page.get_by_role("heading", name="Iemand om mee te praten, elke week")).to_be_visible()
    page.get_by_role("button", name="Plan vastleggen als afgesproken").click()
    expect(page.get_by_text("Het plan is afgesproken met het huishouden (versie 2).")).to_be_visible()
    axe_check(page)
    assert PlanVersion.objects.filter(plan__case=s.case_a).count() == 1
    assert Action.objects.filter(plan__case=s.case_a, assignee=s.volunteer).exists()

    # The printable plan for the household; in print, the page chrome disappears.
    page.get_by_role("link", name="Afdrukken voor het huishouden").click()
    expect(page.get_by_role("heading", level=1, name="Ons plan")).to_be_visible()
    expect(page.get_by_text("Samen naar de maaltijdclub")).to_be_visible()
    axe_check(page)
    page.emulate_media(media="print")
    expect(page.locator("header.utrecht-page-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Afdrukken")).to_be_hidden()
    expect(page.get_by_role("heading", name="Ons plan")).to_be_visible()
    page.emulate_media(media="screen")

    # A contact moment from the case page: at most 4 required fields and 3 clicks.
    page.goto(f"/casussen/{s.case_a.pk}/")
    form = page.locator("#contact-form form")
    required = {el.get_attribute("name") for el in form.locator("[required]").all()}
    assert len(required) <= 4, required
    clicks = 0

    def click(locator):
        nonlocal clicks
        clicks += 1
        locator.click()

    click(form.get_by_label("Huisbezoek"))
    click(form.get_by_label("Korte aantekening"))
    page.keyboard.type("Plan doorgelopen aan de keukentafel; Daan was erbij.")
    click(form.get_by_role("button", name="Contact opslaan"))
    expect(page.get_by_text("Het contactmoment is vastgelegd.")).to_be_visible()
    assert clicks <= 3
    expect(page.locator("#timeline").get_by_text("Plan doorgelopen aan de keukentafel")).to_be_visible()
    assert ContactMoment.objects.get(case=s.case_a).kind == "home_visit"
    axe_check(page)

    # A case conference whose agreement becomes an action in the plan.
    page.get_by_role("link", name="Casusoverleg vastleggen").click()
    axe_check(page)
    page.get_by_label(s.partner.get_full_name()).check()
    page.get_by_label("Andere deelnemers").fill("mentor van school")
    page.get_by_label("Vragen").fill("Hoe krijgen we Daan weer naar school?")
    page.get_by_label("Afspraken").fill("De regisseur spreekt de mentor")
    first = page.locator("fieldset", has_text="Actie 1")
    field(first, "Wat").fill("Gesprek met de mentor")
    field(first, "Wie").select_option(label="Medewerker")
    field(first, "Vrijwilliger of medewerker").select_option(label=s.coordinator.get_full_name())
    page.get_by_role("button", name="Casusoverleg opslaan").click()
    expect(page.get_by_text("De afspraken staan als acties in het plan.")).to_be_visible()
    expect(page.locator("#conferences").get_by_text("Hoe krijgen we Daan weer naar school?")).to_be_visible()
    axe_check(page)
    assert Action.objects.get(what="Gesprek met de mentor").conference is not None

    # Close the case with a light follow-up.
    page.get_by_role("link", name="Casus afsluiten").click()
    axe_check(page)
    page.get_by_label("Reden van afsluiten").select_option(label="Doelen bereikt")
    page.get_by_label("Verbeterd").check()
    page.get_by_label("Toelichting bij afsluiten").fill("Geldzaken op orde, Daan gaat weer naar school.")
    follow_up = timezone.localdate() + timedelta(days=90)
    page.get_by_label("Waakvlam (datum om even contact te zoeken)").fill(follow_up.isoformat())
    page.get_by_role("button", name="Casus afsluiten").click()
    expect(page.get_by_text("De casus is afgesloten.")).to_be_visible()
    expect(page.get_by_role("button", name="Waakvlam gedaan")).to_be_visible()
    axe_check(page)
    case = Case.objects.get(pk=s.case_a.pk)
    assert case.is_closed and case.follow_up_on == follow_up and case.result == "improved"


def test_teammate_opens_with_a_reason_and_another_team_gets_404(page, s):
    household = s.case_a.household.name
    login(page, "teammate")
    page.get_by_role("link", name="Casussen").click()
    page.get_by_role("link", name=f"Huishouden {household}").click()
    expect(page.get_by_text("Je ziet de indexkaart van deze casus.")).to_be_visible()
    expect(page.get_by_text(s.case_a.help_request.words)).to_have_count(0)
    axe_check(page)

    page.get_by_role("link", name="Dossier openen met reden").click()
    axe_check(page)
    page.get_by_label("Waarom moet je dit dossier openen?").fill("Kort")
    page.get_by_role("button", name="Dossier openen").click()
    expect(page.get_by_text("minstens 10 tekens")).to_be_visible()
    axe_check(page)
    page.get_by_label("Waarom moet je dit dossier openen?").fill("Fatima is ziek; moeder belt over de huurachterstand")
    page.get_by_role("button", name="Dossier openen").click()
    expect(page.get_by_text("Je hebt het dossier geopend.")).to_be_visible()
    expect(page.locator("blockquote").get_by_text(s.case_a.help_request.words)).to_be_visible()
    axe_check(page)
    assert ContentAccessGrant.objects.filter(user=s.teammate, case=s.case_a).exists()

    page.get_by_role("button", name="Uitloggen").click()
    login(page, "other")
    assert page.request.get(f"/casussen/{s.case_a.pk}/").status == 404
    page.get_by_role("link", name="Casussen").click()
    expect(page.get_by_role("link", name=f"Huishouden {household}")).to_have_count(0)
    axe_check(page)


def test_coordinator_involvements_safety_and_plan_history_pages(page, s):
    organisation_create("Jeugdbescherming (test)", kind="youth_protection")
    nurse = UserFactory(username="nurse", first_name="Noor", last_name="Verpleging", roles=["partner"])
    plan = services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    goal = services.goal_add(plan=plan, life_domain_code="finances", text="Rust in de geldzaken", actor=s.coordinator)
    services.plan_agree(plan=plan, expected_version=plan.version, agreed_on=timezone.localdate(), actor=s.coordinator)
    case_path = f"/casussen/{s.case_a.pk}/"

    # The team lead hands the case over, offered the team's suggestion.
    login(page, "anouk")
    page.goto(case_path)
    page.get_by_role("link", name="Regisseur wijzigen").click()
    expect(page.get_by_role("heading", name="Voorgestelde regisseurs")).to_be_visible()
    axe_check(page)
    page.get_by_label("Reden van de wisseling").fill("Fatima gaat met verlof")
    page.get_by_role("button", name="Regisseur wijzigen").click()
    expect(page.get_by_text("is nu de regisseur van deze casus")).to_be_visible()
    assert Case.objects.get(pk=s.case_a.pk).coordinator == s.teammate
    page.get_by_role("button", name="Uitloggen").click()

    # The new coordinator involves a district nurse and records the first Meldcode step.
    login(page, "teammate")
    page.goto(case_path)
    page.get_by_role("link", name="Betrokken professionals beheren").click()
    axe_check(page)
    page.get_by_label("Professional").select_option(label="Noor Verpleging (nurse)")
    page.get_by_label("Namens de organisatie").select_option(label="Sociaal werk (test)")
    page.get_by_label("Rol", exact=False).select_option(label="Wijkverpleegkundige")
    page.get_by_role("button", name="Betrekken").click()
    # The nurse is outside the team: the page asks for the ground for sharing first.
    expect(page.get_by_text("leg eerst de grond vast", exact=False)).to_be_visible()
    sharing_record(s.case_a, s.social_work, s.teammate)
    page.get_by_role("button", name="Betrekken").click()
    expect(page.get_by_text("Noor Verpleging is nu betrokken bij deze casus.")).to_be_visible()
    axe_check(page)
    assert s.case_a.involvements.filter(user=nurse).exists()

    page.goto(case_path)
    page.get_by_role("link", name="Veiligheid (Meldcode)").click()
    axe_check(page)
    page.get_by_label("Stap 1: breng de signalen in kaart").fill("Daan had blauwe plekken op zijn armen")
    page.get_by_role("button", name="Stappen van de Meldcode opslaan").click()
    expect(page.get_by_text("De veiligheidsafweging is opgeslagen.")).to_be_visible()
    axe_check(page)

    # The agreed version of the plan, a goal on its own page, the whole timeline.
    page.goto(f"/casussen/{s.case_a.pk}/plan/versies/2/")
    expect(page.get_by_role("cell", name="Rust in de geldzaken")).to_be_visible()
    axe_check(page)
    page.goto(f"/casussen/{s.case_a.pk}/plan/doelen/{goal.pk}/")
    expect(page.get_by_role("heading", level=1, name="Doel wijzigen")).to_be_visible()
    axe_check(page)
    page.goto(f"/casussen/{s.case_a.pk}/tijdlijn/")
    expect(page.get_by_role("heading", level=1, name="Tijdlijn")).to_be_visible()
    axe_check(page)
