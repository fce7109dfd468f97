"""The front door through its pages: who may open what, intake matching without leaking, a new
household, the help request with its outcome, short contacts, signals, search, the volunteer's
actions, the home panels, and query counts that stay constant in the number of rows."""

from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from wijkteam.access.models import AccessLogEntry, AuditEvent
from wijkteam.access.tests.factories import UserFactory
from wijkteam.cases import panels, services
from wijkteam.cases.models import Case, HelpRequest, SafetyAssessment, ShortContact, Signal
from wijkteam.cases.tests.factories import case_create, help_request_create, member_create, scenario_create
from wijkteam.core.dates import add_months
from wijkteam.households.models import Household, Person
from wijkteam.households.tests.factories import AddressFactory, family_create, neighbourhoods
from wijkteam.teams.models import Membership

pytestmark = pytest.mark.django_db

SECRET_NOTE = "Vertrouwelijke notitie over de schulden van het gezin"
WORDS = "Wij komen niet rond en de post stapelt zich op."


def nl(message: str) -> str:
    with translation.override("nl"):
        return gettext(message)


@pytest.fixture
def s():
    scenario = scenario_create()
    services.contact_moment_record(
        case=scenario.case_a,
        occurred_on=timezone.localdate(),
        kind="home_visit",
        note=SECRET_NOTE,
        actor=scenario.coordinator,
    )
    return scenario


def login(client, user):
    client.force_login(user)
    return client


def look_up(client, team, **data):
    return client.post("/aanmelden/", {"team": team.pk, **data})


def household_post(persons, **address):
    data = {
        "persons-TOTAL_FORMS": len(persons),
        "persons-INITIAL_FORMS": 0,
        "persons-MIN_NUM_FORMS": 1,
        "persons-MAX_NUM_FORMS": 12,
        "postcode": "7511 AB",
        "house_number": "12",
        "street": "Hoofdstraat",
        "city": "Enschede",
        "neighbourhood": neighbourhoods()[0].pk,
    }
    data.update(address)
    for index, person in enumerate(persons):
        for key, value in person.items():
            data[f"persons-{index}-{key}"] = value
    return data


def help_request_post(team, **extra):
    data = {
        "team": team.pk,
        "words": "Ik heb schulden en kan de huur niet meer betalen.",
        "channel": "gp",
        "received_on": timezone.localdate().isoformat(),
        "life_domains": ["finances", "housing"],
        "urgency": "normal",
        "acute_unsafety": "no",
        "insufficient_basic_care": "no",
        "coordinator": "me",
        "outcome": "case",
    }
    data.update(extra)
    return data


# --- who may open what --------------------------------------------------------------------------------

PAGES = [
    "/aanmelden/",
    "/kort-contact/",
    "/signalen/",
    "/signalen/nieuw/",
    "/zoeken/?q=jansen",
    "/mijn-acties/",
    "/mijn-werk/casussen/?lijst=waakvlam",
]
ALLOWED = {
    "coordinator": set(PAGES),
    "team_lead": set(PAGES),
    "partner": {"/zoeken/?q=jansen", "/mijn-acties/", "/mijn-werk/casussen/?lijst=waakvlam"},
    "volunteer": {"/mijn-acties/"},
    "advisor": set(),
    "privacy": set(),
}


@pytest.mark.parametrize("who", sorted(ALLOWED))
def test_each_page_per_role(s, client, who):
    login(client, getattr(s, who))
    for url in PAGES:
        expected = 200 if url in ALLOWED[who] else 403
        assert client.get(url).status_code == expected, (who, url)


def test_a_generalist_without_a_team_gets_a_clear_page(s, client):
    login(client, UserFactory(roles=["generalist"]))
    response = client.get("/aanmelden/")
    assert response.status_code == 403
    assert nl("Not in a team") in response.content.decode()


# --- intake: who? ---------------------------------------------------------------------------------------


def test_own_household_shows_master_data_and_index_cards(s, client):
    login(client, s.coordinator)
    adult = s.family_a.adults[0]
    response = look_up(client, s.team_a, bsn=adult.bsn)
    page = unescape(response.content.decode())
    assert adult.full_name in page
    assert "Doorgaan met dit huishouden" in page
    assert f"/casussen/{s.case_a.pk}/" in page
    assert WORDS not in page and SECRET_NOTE not in page
    entry = AccessLogEntry.objects.get(user=s.coordinator, person_id=adult.pk, action="intake_match")
    assert entry.purpose == "intake"


def test_another_teams_file_shows_only_team_and_coordinator(s, client):
    """A worker of team B looks up team A's household: only that a file exists and whom to contact;
    never names before continuing, never the request's words or notes; every match logged."""
    login(client, s.other_team_worker)
    adult = s.family_a.adults[0]
    response = look_up(client, s.team_b, family_name=adult.family_name, birth_date=adult.birth_date.isoformat())
    page = response.content.decode()
    assert f"Er bestaat een dossier bij {s.team_a.name}; neem contact op met regisseur {s.coordinator}" in page
    assert "Doorgaan met alleen de basisgegevens" in page
    for person in s.family_a.members:
        assert person.given_names not in page
    assert WORDS not in page and SECRET_NOTE not in page
    logged = AccessLogEntry.objects.filter(user=s.other_team_worker, action="intake_match", purpose="intake")
    assert set(logged.values_list("person_id", flat=True)) == {adult.pk}

    # Continuing shows master data (names, address), never case content; logged as intake.
    step3 = client.get(f"/aanmelden/huishouden/{s.family_a.household.pk}/")
    assert step3.status_code == 200
    page = unescape(step3.content.decode())
    assert adult.full_name in page and s.family_a.address.street in page
    assert WORDS not in page and SECRET_NOTE not in page
    assert f"/casussen/{s.case_a.pk}/" not in page
    viewed = AccessLogEntry.objects.filter(user=s.other_team_worker, action="view", purpose="intake")
    assert set(viewed.values_list("person_id", flat=True)) == {p.pk for p in s.family_a.members}


def test_a_household_not_found_by_matching_cannot_be_opened(s, client):
    login(client, s.coordinator)
    assert client.get(f"/aanmelden/huishouden/{s.family_b.household.pk}/").status_code == 404
    assert client.get("/aanmelden/huishouden/999999/").status_code == 404


def test_look_up_validation_messages(s, client):
    login(client, s.coordinator)
    page = look_up(client, s.team_a).content.decode()
    assert nl("Enter a BSN, a family name with date of birth, or a postcode with house number.") in page
    page = look_up(client, s.team_a, family_name="Jansen").content.decode()
    assert nl("Add the date of birth to search by family name.") in page
    page = look_up(client, s.team_a, bsn="123456789").content.decode()
    assert nl("This is not a valid BSN: it does not pass the 11-test.") in page
    page = look_up(client, s.team_a, postcode="0000 AA", house_number="1").content.decode()
    assert nl("Enter a Dutch postcode: four digits and two letters, such as 7511 AB.") in page
    assert not AccessLogEntry.objects.filter(action="intake_match").exists()


# --- intake: a new household, then the help request -------------------------------------------------------


def test_intake_of_a_new_household_opens_a_case(s, client):
    login(client, s.coordinator)
    page = look_up(client, s.team_a, family_name="van der Berg", birth_date="1990-05-04").content.decode()
    assert "Niemand gevonden in de gemeente" in page
    page = client.get("/aanmelden/nieuw-huishouden/").content.decode()
    assert 'value="van der Berg"' in page and 'value="1990-05-04"' in page
    persons = [
        {"given_names": "Sanne", "family_name": "van der Berg", "birth_date": "1990-05-04", "bsn": ""},
        {"given_names": "Mees", "family_name": "Berg", "prefix": "van der", "birth_date": "2018-02-01"},
    ]
    response = client.post("/aanmelden/nieuw-huishouden/", household_post(persons))
    household = Household.objects.get(name="Van der Berg")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/aanmelden/huishouden/{household.pk}/"
    sanne = Person.objects.get(given_names="Sanne")
    assert (sanne.prefix, sanne.family_name) == ("van der", "Berg")
    assert sanne.current_residence.address.neighbourhood == neighbourhoods()[0]

    response = client.post(f"/aanmelden/huishouden/{household.pk}/", help_request_post(s.team_a))
    case = Case.objects.get(household=household)
    assert response.status_code == 302 and response.headers["Location"] == f"/casussen/{case.pk}/"
    assert case.coordinator == s.coordinator and case.team == s.team_a and not case.is_reentry
    assert sorted(case.client_system.values_list("role", flat=True)) == ["child", "client"]
    assert case.help_request.channel == "gp"
    assert AuditEvent.objects.filter(action="household.registered_at_intake", target_id=str(household.pk)).exists()
    assert "intake_draft" not in client.session


def test_a_second_intake_finds_the_first_household_and_marks_re_entry(s, client):
    login(client, s.coordinator)
    today = timezone.localdate()
    s.case_a.opened_on = today - timedelta(days=500)
    s.case_a.save()
    services.case_close(
        case=s.case_a, closed_on=add_months(today, -8), reason="goals_reached", result="improved", actor=s.coordinator
    )
    adult = s.family_a.adults[1]
    page = look_up(client, s.team_a, family_name=adult.surname, birth_date=adult.birth_date.isoformat())
    page = page.content.decode()
    assert str(s.family_a.household) in page
    assert "Eerder dossier, 8 maanden geleden afgesloten" in page
    response = client.post(f"/aanmelden/huishouden/{s.family_a.household.pk}/", help_request_post(s.team_a))
    case = Case.objects.exclude(pk=s.case_a.pk).get(household=s.family_a.household)
    assert case.is_reentry
    assert response.headers["Location"] == f"/casussen/{case.pk}/"


def test_new_household_needs_a_look_up_first(s, client):
    login(client, s.coordinator)
    response = client.get("/aanmelden/nieuw-huishouden/")
    assert response.status_code == 302 and response.headers["Location"] == "/aanmelden/"


def test_new_household_validation_keeps_everything_unsaved(s, client):
    login(client, s.coordinator)
    look_up(client, s.team_a, postcode="7511AB", house_number="12")
    before = Household.objects.count()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    persons = [
        {"given_names": "Ali", "family_name": "Yilmaz", "birth_date": "1980-01-01", "bsn": "123456789"},
        {"given_names": "Elif", "family_name": "Yilmaz", "birth_date": tomorrow},
    ]
    page = client.post("/aanmelden/nieuw-huishouden/", household_post(persons, neighbourhood="")).content.decode()
    assert nl("This is not a valid BSN: it does not pass the 11-test.") in page
    assert nl("The date cannot be in the future.") in page
    assert nl("Choose the neighbourhood.") in page
    assert Household.objects.count() == before


def test_adding_a_person_keeps_what_was_typed(s, client):
    login(client, s.coordinator)
    look_up(client, s.team_a, postcode="7511AB", house_number="12")
    data = household_post([{"given_names": "Ali", "family_name": "Yilmaz", "birth_date": ""}], add_person="1")
    page = client.post("/aanmelden/nieuw-huishouden/", data).content.decode()
    assert 'name="persons-1-given_names"' in page and 'value="Ali"' in page
    assert nl("Give the date of birth.") not in page


def test_a_possible_duplicate_must_be_confirmed(s, client):
    login(client, s.coordinator)
    adult = s.family_a.adults[0]
    look_up(client, s.team_a, postcode="7511AB", house_number="99")
    person = {"given_names": "Iemand", "family_name": adult.family_name, "birth_date": adult.birth_date.isoformat()}
    page = client.post("/aanmelden/nieuw-huishouden/", household_post([person])).content.decode()
    assert "Er is al een persoon ingeschreven met dezelfde achternaam en geboortedatum" in page
    assert 'name="confirm_new"' in page
    response = client.post("/aanmelden/nieuw-huishouden/", household_post([person], confirm_new="on"))
    assert response.status_code == 302


def test_help_request_validation_messages(s, client):
    login(client, s.coordinator)
    url = f"/aanmelden/huishouden/{s.family_a.household.pk}/"
    data = help_request_post(s.team_a, words=" ", life_domains=[], acute_unsafety="", outcome="")
    page = client.post(url, data).content.decode()
    assert nl("Write down the request in the household's own words.") in page
    assert nl("Tick at least one life domain the request touches.") in page
    assert nl("Answer the safety question.") in page
    assert nl("Choose whether to open a case or to register a short contact.") in page
    assert HelpRequest.objects.filter(household=s.family_a.household).count() == 1


def test_a_help_request_answered_as_a_short_contact(s, client):
    login(client, s.coordinator)
    url = f"/aanmelden/huishouden/{s.family_a.household.pk}/"
    page = client.post(url, help_request_post(s.team_a, outcome="short_contact")).content.decode()
    assert nl("Write down what was done.") in page
    data = help_request_post(s.team_a, outcome="short_contact", what_was_done="Uitgelegd", acute_unsafety="yes")
    page = client.post(url, data).content.decode()
    assert nl("A safety concern cannot be handled as a short contact: open a case.") in page
    data = help_request_post(s.team_a, outcome="short_contact", what_was_done="Huurtoeslag samen aangevraagd.")
    response = client.post(url, data)
    assert response.headers["Location"] == "/kort-contact/"
    contact = ShortContact.objects.get(what_was_done="Huurtoeslag samen aangevraagd.")
    assert contact.help_request.status == HelpRequest.Status.SHORT_CONTACT
    assert contact.person == min(s.family_a.members, key=lambda p: p.birth_date)
    assert contact.life_domain.code == "finances"
    assert Case.objects.filter(household=s.family_a.household).count() == 1


def test_a_safety_concern_opens_the_restricted_section_and_coordinator_can_wait(s, client):
    login(client, s.coordinator)
    url = f"/aanmelden/huishouden/{s.family_a.household.pk}/"
    client.post(url, help_request_post(s.team_a, insufficient_basic_care="yes", coordinator="team_lead"))
    case = Case.objects.exclude(pk=s.case_a.pk).get(household=s.family_a.household)
    assert SafetyAssessment.objects.filter(case=case).exists()
    assert case.coordinator is None
    page = client.get("/mijn-werk/casussen/?lijst=zonder-regisseur").content.decode()
    assert f"/casussen/{case.pk}/" in page


def test_justice_domain_only_where_the_team_enabled_it(s, client):
    login(client, s.coordinator)
    page = client.get(f"/aanmelden/huishouden/{s.family_a.household.pk}/").content.decode()
    assert 'value="justice"' not in page
    s.team_a.justice_domain_enabled = True
    s.team_a.save()
    page = client.get(f"/aanmelden/huishouden/{s.family_a.household.pk}/").content.decode()
    assert 'value="justice"' in page


# --- short contacts -------------------------------------------------------------------------------------


def test_short_contact_validation_messages(s, client):
    login(client, s.coordinator)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    data = {"team": s.team_a.pk, "who": "", "life_domain": "", "what_was_done": "", "contacted_on": tomorrow}
    page = client.post("/kort-contact/", data).content.decode()
    assert nl("Say who asked the question (a short description is enough).") in page
    assert nl("Choose the life domain the question was about.") in page
    assert nl("Write down what was done.") in page
    assert nl("The date cannot be in the future.") in page
    assert not ShortContact.objects.exists()


def test_short_contact_in_three_fields_is_listed_for_the_team_only(s, client):
    login(client, s.coordinator)
    data = {
        "team": s.team_a.pk,
        "who": "buurman van nummer 8",
        "life_domain": "finances",
        "what_was_done": "Uitgelegd hoe huurtoeslag werkt.",
        "contacted_on": timezone.localdate().isoformat(),
        "contacts": "1",
        "channel": "self",
    }
    response = client.post("/kort-contact/", data)
    assert response.status_code == 302
    contact = ShortContact.objects.get()
    assert contact.team == s.team_a and contact.worker == s.coordinator and contact.contacts == 1
    assert "buurman van nummer 8" in login(client, s.teammate).get("/kort-contact/").content.decode()
    assert "buurman van nummer 8" not in login(client, s.other_team_worker).get("/kort-contact/").content.decode()


def test_short_contact_linked_to_a_person_the_worker_may_see(s, client):
    login(client, s.coordinator)
    adult = s.family_a.adults[0]
    page = client.get(f"/kort-contact/?persoon={adult.pk}").content.decode()
    assert f"Over: {adult.full_name}" in page
    data = {
        "team": s.team_a.pk,
        "person": adult.pk,
        "life_domain": "housing",
        "what_was_done": "Doorverwezen naar de woningcorporatie.",
        "contacted_on": timezone.localdate().isoformat(),
        "contacts": "2",
        "channel": "self",
    }
    assert client.post("/kort-contact/", data).status_code == 302
    contact = ShortContact.objects.get()
    assert contact.person == adult and contact.who == adult.full_name
    assert contact.district == s.family_a.address.neighbourhood.parent
    assert client.get(f"/kort-contact/?persoon={s.family_b.adults[0].pk}").status_code == 404


# --- signals --------------------------------------------------------------------------------------------


def signal_data(team, **extra):
    data = {
        "team": team.pk,
        "concern": "De buren horen 's nachts geschreeuw en zien de kinderen niet meer naar school gaan.",
        "address_text": "Ayahof 3",
        "source": "neighbour",
        "reporter": "",
        "received_on": timezone.localdate().isoformat(),
        "district": "",
    }
    data.update(extra)
    return data


def test_signal_register_list_and_close(s, client):
    login(client, s.coordinator)
    page = client.post("/signalen/nieuw/", signal_data(s.team_a, concern="")).content.decode()
    assert nl("Describe the concern.") in page
    response = client.post("/signalen/nieuw/", signal_data(s.team_a))
    signal = Signal.objects.get()
    assert response.headers["Location"] == f"/signalen/{signal.pk}/"
    page = client.get("/signalen/").content.decode()
    assert "Ayahof 3" in page and f"/signalen/{signal.pk}/" in page
    page = client.post(f"/signalen/{signal.pk}/", {"triage": "close", "close-reason": ""}).content.decode()
    assert nl("Give the reason for closing the signal.") in page
    response = client.post(f"/signalen/{signal.pk}/", {"triage": "close", "close-reason": "Bekend bij Veilig Thuis."})
    signal.refresh_from_db()
    assert signal.status == "closed" and signal.closing_reason == "Bekend bij Veilig Thuis."
    response = client.post(f"/signalen/{signal.pk}/", {"triage": "close", "close-reason": "Nog eens"}, follow=True)
    page = response.content.decode()
    assert nl("This signal has already been triaged.") in page


def test_signal_triaged_into_a_short_contact(s, client):
    login(client, s.coordinator)
    signal = services.signal_register(
        team=s.team_a, received_on=timezone.localdate(), source="partner", concern="Post stapelt op", actor=s.teammate
    )
    data = {
        "triage": "short_contact",
        "short-who": "bewoner Ayahof 3",
        "short-life_domain": "finances",
        "short-what_was_done": "Langsgegaan, hulp bij de post geregeld.",
        "short-contacted_on": timezone.localdate().isoformat(),
        "short-contacts": "1",
    }
    assert client.post(f"/signalen/{signal.pk}/", data).status_code == 302
    signal.refresh_from_db()
    assert signal.status == "short_contact" and signal.short_contact.channel == "signal"


def test_signal_starts_an_intake_that_links_it(s, client):
    login(client, s.coordinator)
    signal = services.signal_register(
        team=s.team_a,
        received_on=timezone.localdate(),
        source="school",
        concern="Kind komt vaak zonder ontbijt op school",
        household=s.family_a.household,
        actor=s.teammate,
    )
    page = client.get(f"/aanmelden/?signaal={signal.pk}").content.decode()
    assert "Kind komt vaak zonder ontbijt op school" in page
    page = client.get(f"/aanmelden/huishouden/{s.family_a.household.pk}/").content.decode()
    assert 'value="signal" selected' in page
    client.post(f"/aanmelden/huishouden/{s.family_a.household.pk}/", help_request_post(s.team_a, channel="signal"))
    signal.refresh_from_db()
    assert signal.status == "case"
    assert signal.help_request.household == s.family_a.household


def test_signals_of_another_team_are_not_found(s, client):
    signal = services.signal_register(
        team=s.team_a,
        received_on=timezone.localdate(),
        source="gp",
        concern="Hond blaft dag en nacht",
        actor=s.coordinator,
    )
    login(client, s.other_team_worker)
    assert client.get(f"/signalen/{signal.pk}/").status_code == 404
    assert "Hond blaft" not in client.get("/signalen/").content.decode()
    assert client.get(f"/aanmelden/?signaal={signal.pk}").status_code == 404


# --- search ---------------------------------------------------------------------------------------------


def found(client, query):
    return unescape(client.get("/zoeken/", {"q": query}).content.decode())


def test_search_finds_only_persons_the_user_may_see_and_logs_them(s, client):
    a, b = s.family_a.adults[0], s.family_b.adults[0]
    login(client, s.coordinator)
    assert a.full_name in found(client, a.family_name)
    assert b.full_name not in found(client, b.family_name)
    assert a.full_name in found(client, a.bsn)
    assert a.full_name not in found(client, a.bsn[:8])
    logged = AccessLogEntry.objects.filter(user=s.coordinator, action="search")
    assert a.pk in set(logged.values_list("person_id", flat=True))
    assert b.pk not in set(logged.values_list("person_id", flat=True))

    login(client, s.other_team_worker)
    assert b.full_name in found(client, b.family_name)
    assert a.full_name not in found(client, a.family_name)
    login(client, s.partner)  # involved in case A only
    assert a.full_name in found(client, a.family_name)
    assert b.full_name not in found(client, b.family_name)


def test_search_is_live_with_htmx(s, client):
    login(client, s.coordinator)
    adult = s.family_a.adults[0]
    response = client.get("/zoeken/", {"q": adult.family_name}, headers={"HX-Request": "true"})
    page = response.content.decode()
    # generated names may hold an apostrophe, which the page escapes
    assert page.lstrip().startswith('<div id="search-results"') and adult.full_name in unescape(page)
    assert "<html" not in page


# --- actions --------------------------------------------------------------------------------------------


@pytest.fixture
def volunteer_action(s):
    plan = services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    child = s.family_a.children[0]
    mine = services.action_add(
        plan=plan,
        data=services.ActionInput(
            who_kind="volunteer",
            what="Samen naar de bibliotheek",
            assignee_id=s.volunteer.pk,
            person_id=child.pk,
            due_on=timezone.localdate(),
        ),
        actor=s.coordinator,
    )
    services.action_add(
        plan=plan, data=services.ActionInput(who_kind="household", what="Post openen"), actor=s.coordinator
    )
    return mine


def test_volunteer_sees_only_own_actions_with_a_first_name(s, client, volunteer_action):
    login(client, s.volunteer)
    page = client.get("/mijn-acties/").content.decode()
    child = s.family_a.children[0]
    assert "Samen naar de bibliotheek" in page and "Post openen" not in page
    assert child.given_names.split()[0] in page and child.family_name not in page
    assert str(s.coordinator) in page
    assert WORDS not in page and SECRET_NOTE not in page
    assert AccessLogEntry.objects.filter(user=s.volunteer, person_id=child.pk, action="list").exists()
    assert client.get(f"/casussen/{s.case_a.pk}/").status_code == 404


def test_volunteer_ticks_off_with_version_check(s, client, volunteer_action):
    login(client, s.volunteer)
    url = f"/mijn-acties/{volunteer_action.pk}/status/"
    response = client.post(url, {"version": volunteer_action.version, "status": "done"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert page.lstrip().startswith("<tr") and "Heropenen" in page
    volunteer_action.refresh_from_db()
    assert volunteer_action.status == "done" and volunteer_action.version == 2
    response = client.post(url, {"version": 1, "status": "open"}, follow=True)
    assert "Iemand anders heeft" in response.content.decode() or "tegelijk" in response.content.decode()
    volunteer_action.refresh_from_db()
    assert volunteer_action.status == "done"
    other = volunteer_action.plan.actions.exclude(pk=volunteer_action.pk).get()
    assert client.post(f"/mijn-acties/{other.pk}/status/", {"version": 1, "status": "done"}).status_code == 404


def test_worker_actions_due_today_and_overdue(s, client):
    plan = services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    today = timezone.localdate()
    for what, due in (("Vandaag bellen", today), ("Gisteren mailen", today - timedelta(days=1))):
        services.action_add(
            plan=plan,
            data=services.ActionInput(who_kind="worker", what=what, due_on=due, assignee_id=s.coordinator.pk),
            actor=s.coordinator,
        )
    login(client, s.coordinator)
    page = client.get("/mijn-acties/?due=today").content.decode()
    assert "Vandaag bellen" in page and "Gisteren mailen" not in page
    page = client.get("/mijn-acties/?due=overdue").content.decode()
    assert "Gisteren mailen" in page and "Vandaag bellen" not in page
    home = client.get("/").content.decode()
    assert "Mijn werk" in home and "Vandaag bellen" in home


# --- home panels and menu -------------------------------------------------------------------------------


def test_home_panels_per_role(s, client, volunteer_action):
    page = login(client, s.coordinator).get("/").content.decode()
    assert "Mijn werk" in page and "Nieuwe aanmelding" in page
    page = login(client, s.volunteer).get("/").content.decode()
    assert "Mijn acties" in page and "Mijn werk" not in page and "U helpt bij 1 actie." in page
    page = login(client, s.advisor).get("/").content.decode()
    assert "Mijn werk" not in page and "/aanmelden/" not in page and "Mijn acties" not in page
    page = login(client, s.partner).get("/").content.decode()
    assert "Mijn werk" in page and "Nieuwe aanmelding" not in page


def test_menu_marks_one_current_item(s, client):
    login(client, s.coordinator)
    page = client.get("/signalen/").content.decode()
    assert 'href="/signalen/" aria-current="page"' in page
    assert 'href="/aanmelden/" aria-current="page"' not in page
    assert 'href="/zoeken/"' in page


# --- query counts: constant in the number of rows ---------------------------------------------------------


def many_rows(s, n):
    """n households, each with a case and an action due for the coordinator, a case waiting for a
    coordinator, a signal and a short contact."""
    today = timezone.localdate()
    for _ in range(n):
        family = family_create(adults=2, children=1, address=AddressFactory(postcode="7513CD"))
        case = case_create(family, s.team_a, s.coordinator)
        plan = services.plan_get_or_create(case=case, actor=s.coordinator)
        services.action_add(
            plan=plan,
            data=services.ActionInput(who_kind="worker", what="Bellen", due_on=today, assignee_id=s.coordinator.pk),
            actor=s.coordinator,
        )
        waiting = help_request_create(family, s.team_a, s.teammate)
        services.case_open(help_request=waiting, coordinator=None, actor=s.teammate)
        services.signal_register(team=s.team_a, received_on=today, source="gp", concern="Zorg", actor=s.coordinator)
        services.short_contact_register(
            team=s.team_a,
            who="vrouw",
            life_domain_code="finances",
            what_was_done="Uitleg",
            contacted_on=today,
            person=family.adults[0],
            actor=s.coordinator,
        )


LIST_PAGES = {
    "/signalen/": 10,
    "/kort-contact/": 20,
    "/zoeken/?q=7513CD": 21,
    "/mijn-acties/": 19,
    "/mijn-werk/casussen/?lijst=zonder-regisseur": 19,
}


@pytest.mark.parametrize("url", sorted(LIST_PAGES))
def test_list_pages_have_a_constant_query_count(s, client, django_assert_max_num_queries, url):
    login(client, s.coordinator)
    many_rows(s, 1)
    with django_assert_max_num_queries(LIST_PAGES[url]):
        assert client.get(url).status_code == 200
    many_rows(s, 12)
    with django_assert_max_num_queries(LIST_PAGES[url]):
        page = client.get(url).content.decode()
    assert page.count("<tr") >= 13


def test_home_panel_has_a_constant_query_count(s, rf, django_assert_max_num_queries):
    request = rf.get("/")
    request.user = s.coordinator
    many_rows(s, 1)
    with django_assert_max_num_queries(18):
        context = panels.work_context(request)
    assert context["work"].my_open_cases == 2
    many_rows(s, 12)
    request.user = type(s.coordinator).objects.get(pk=s.coordinator.pk)
    with django_assert_max_num_queries(18):
        context = panels.work_context(request)
    assert context["work"].my_open_cases == 14 and context["work"].waiting_for_coordinator == 13
    assert len(context["work_actions"]) == panels.PANEL_ACTIONS


def test_intake_matching_has_a_constant_query_count(s, client, django_assert_max_num_queries):
    """An address shared by many households (a care home): the same number of queries as for one."""
    login(client, s.coordinator)
    home = AddressFactory(postcode="7512AB", house_number=5)
    other_team_member = member_create(s.team_b, "generalist", s.social_work, "generalist")
    family = family_create(adults=1, children=0, address=home)
    case_create(family, s.team_b, other_team_member)
    with django_assert_max_num_queries(25):
        look_up(client, s.team_a, postcode="7512AB", house_number="5")
    for _ in range(10):
        family = family_create(adults=1, children=1, address=home)
        case_create(family, s.team_b, other_team_member)
    with django_assert_max_num_queries(25):
        page = look_up(client, s.team_a, postcode="7512AB", house_number="5").content.decode()
    assert page.count("Er bestaat een dossier bij") == 11


def test_the_neighbourhood_is_preselected_from_known_addresses(s, client):
    neighbourhood = neighbourhoods()[1]
    AddressFactory(postcode="7520XY", house_number=3, street="Lindelaan", neighbourhood=neighbourhood)
    login(client, s.coordinator)
    look_up(client, s.team_a, postcode="7520 XY", house_number="5")
    page = client.get("/aanmelden/nieuw-huishouden/").content.decode()
    assert f'<option value="{neighbourhood.pk}" selected>' in page and 'value="Lindelaan"' in page
    response = client.get("/aanmelden/buurt/", {"postcode": "7520xy"}, headers={"HX-Request": "true"})
    partial = response.content.decode()
    assert partial.startswith('<div id="neighbourhood-field">')
    assert f'<option value="{neighbourhood.pk}" selected>' in partial
    chosen = neighbourhoods()[0]
    partial = client.get("/aanmelden/buurt/", {"postcode": "7520XY", "neighbourhood": chosen.pk}).content.decode()
    assert f'<option value="{chosen.pk}" selected>' in partial


def test_a_worker_in_two_teams_chooses_the_team(s, client):
    member_create(s.team_b, "generalist", s.social_work, "generalist", username="tweeteams")
    worker = type(s.coordinator).objects.get(username="tweeteams")
    Membership.objects.create(
        user=worker,
        team=s.team_a,
        organisation=s.social_work,
        kind="generalist",
        fte="0.5",
        start_date=s.team_a.start_date,
    )
    login(client, worker)
    page = client.get("/aanmelden/").content.decode()
    assert '<select name="team"' in page and s.team_a.name in page and s.team_b.name in page
    look_up(client, s.team_b, family_name="Nieuw", birth_date="2000-01-01")
    assert client.session["intake_draft"]["team_id"] == s.team_b.pk
    client.post(
        "/aanmelden/nieuw-huishouden/",
        household_post([{"given_names": "N", "family_name": "Nieuw", "birth_date": "2000-01-01"}]),
    )
    household = Household.objects.get(name="Nieuw")
    page = client.get(f"/aanmelden/huishouden/{household.pk}/").content.decode()
    assert f'<option value="{s.team_b.pk}" selected>' in page


def test_volunteer_page_has_a_constant_query_count(s, client, django_assert_max_num_queries):
    plan = services.plan_get_or_create(case=s.case_a, actor=s.coordinator)

    def add(n):
        for index in range(n):
            services.action_add(
                plan=plan,
                data=services.ActionInput(
                    who_kind="volunteer",
                    what=f"Boodschappen {index}",
                    assignee_id=s.volunteer.pk,
                    person_id=s.family_a.members[index % 3].pk,
                ),
                actor=s.coordinator,
            )

    login(client, s.volunteer)
    add(1)
    with django_assert_max_num_queries(17):
        assert client.get("/mijn-acties/").status_code == 200
    add(15)
    with django_assert_max_num_queries(17):
        page = client.get("/mijn-acties/").content.decode()
    assert "Boodschappen 14" in page and page.count('name="version"') == 16


def test_linking_a_person_is_logged(s, client):
    login(client, s.coordinator)
    adult = s.family_a.adults[0]
    client.get(f"/kort-contact/?persoon={adult.pk}")
    assert AccessLogEntry.objects.filter(user=s.coordinator, person_id=adult.pk, action="view").exists()
