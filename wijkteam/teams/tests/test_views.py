"""The teams screens: who may open what, what each role sees, forms, htmx partials and query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from wijkteam.access.models import AuditEvent
from wijkteam.access.tests.factories import UserFactory
from wijkteam.neighbourhoods.profile import profile_sections
from wijkteam.teams.models import Affiliation, Initiative, MandateItem, Membership, Organisation, Team
from wijkteam.teams.tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
    district,
)

pytestmark = pytest.mark.usefixtures("regions")


def login(client, roles):
    user = UserFactory(roles=roles)
    client.force_login(user)
    return user


@pytest.fixture
def centrum(fake_cases):
    """A team with a lead, a member above the norm, one with room and a volunteer."""
    team = TeamFactory(name="Wijkteam Centrum (test)", districts=["WK015300", "WK015302"])
    lead = UserFactory(roles=["team_lead"], first_name="Anouk", last_name="Leider")
    MembershipFactory(team=team, user=lead, kind="team_lead", fte=Decimal("0.8"))
    busy = MembershipFactory(team=team, user=UserFactory(first_name="Bas", last_name="Bezet"), fte=Decimal("0.5"))
    calm = MembershipFactory(
        team=team, user=UserFactory(first_name="Cor", last_name="Ruim"), disciplines=["generalist"]
    )
    MembershipFactory(team=team, kind="volunteer", fte=Decimal("0"), user=UserFactory(last_name="Vrijwillig"))
    fake_cases.counts = {busy.user_id: (11, 2), calm.user_id: (6, 0)}
    return {"team": team, "lead": lead, "busy": busy, "calm": calm}


@pytest.mark.parametrize(
    ("roles", "path", "status"),
    [
        (["generalist"], "/teams/", 403),
        (["volunteer"], "/teams/", 403),
        (["privacy_officer"], "/teams/", 403),
        (["policy_advisor"], "/teams/", 200),
        (["data_analyst"], "/teams/", 200),
        (["team_lead"], "/teams/", 200),
        (["functional_admin"], "/teams/", 200),
        (["policy_advisor"], "/teams/nieuw/", 403),
        (["team_lead"], "/teams/nieuw/", 403),
        (["functional_admin"], "/teams/nieuw/", 200),
        (["policy_advisor"], "/organisaties/", 403),
        (["functional_admin"], "/organisaties/", 200),
        (["functional_admin"], "/organisaties/nieuw/", 200),
        (["policy_advisor"], "/teams/disciplines/", 403),
        (["functional_admin"], "/teams/disciplines/", 200),
        (["functional_admin"], "/teams/disciplines/nieuw/", 200),
        (["volunteer"], "/sociale-kaart/", 200),
        (["generalist"], "/sociale-kaart/", 200),
        (["volunteer"], "/sociale-kaart/nieuw/", 403),
        (["generalist"], "/sociale-kaart/nieuw/", 403),  # not in a team: nothing to keep
        (["functional_admin"], "/sociale-kaart/nieuw/", 200),
        (["functional_admin"], "/teams/999999/", 404),
        (["policy_advisor"], "/teams/999999/", 404),
        (["generalist"], "/teams/999999/", 403),
    ],
)
def test_who_may_open_what(client, roles, path, status):
    login(client, roles)
    assert client.get(path).status_code == status


def test_set_up_screens_of_a_team_are_for_functional_administrators(client, centrum):
    team = centrum["team"]
    client.force_login(centrum["lead"])
    for suffix in ("wijzigen/", "opdracht/", "leden/"):
        assert client.get(f"/teams/{team.pk}/{suffix}").status_code == 403
    login(client, ["functional_admin"])
    for suffix in ("wijzigen/", "opdracht/", "leden/"):
        assert client.get(f"/teams/{team.pk}/{suffix}").status_code == 200


def test_team_lead_sees_caseload_per_member_with_above_norm_flagged(client, centrum):
    client.force_login(centrum["lead"])
    body = client.get(f"/teams/{centrum['team'].pk}/").content.decode()
    assert "Caseload per teamlid" in body
    assert "Bas Bezet" in body and "Cor Ruim" in body
    assert "Boven de norm" in body and "Ruimte" in body and "Geen caseloadcapaciteit" in body
    assert 'id="above-norm-count">1<' in body
    assert "Wie kan regisseur worden" in body


@pytest.mark.parametrize("roles", [["policy_advisor"], ["data_analyst"], ["functional_admin"]])
def test_others_see_team_totals_but_no_per_member_caseload(client, centrum, roles):
    login(client, roles)
    body = client.get(f"/teams/{centrum['team'].pk}/").content.decode()
    assert "Capaciteit en caseload" in body and "Gewogen caseload" in body
    assert "Caseload per teamlid" not in body
    assert "Boven de norm" not in body and "above-norm-count" not in body
    assert "Wie kan regisseur worden" not in body
    # the policy advisor sees no worker at all; the administrator sees the members without figures
    assert ("Bas Bezet" in body) is (roles == ["functional_admin"])


def test_a_team_lead_sees_only_totals_of_a_team_they_do_not_lead(client, centrum):
    other = TeamFactory()
    MembershipFactory(team=other, user=UserFactory(last_name="Anderteam"))
    client.force_login(centrum["lead"])
    body = client.get(f"/teams/{other.pk}/").content.decode()
    assert "Gewogen caseload" in body and "Caseload per teamlid" not in body and "Anderteam" not in body
    assert client.get(f"/teams/{other.pk}/regiesuggestie/").status_code == 403


def test_team_list_shows_totals(client, centrum):
    login(client, ["policy_advisor"])
    body = client.get("/teams/").content.decode()
    assert "Wijkteam Centrum (test)" in body
    assert "Bas Bezet" not in body
    assert "2 wijken" in body


def test_team_page_and_list_query_counts_do_not_grow_with_members_or_cases(
    client, fake_cases, django_assert_max_num_queries
):
    team = TeamFactory(districts=["WK015300"])
    lead = UserFactory(roles=["team_lead"])
    MembershipFactory(team=team, user=lead, kind="team_lead")
    client.force_login(lead)

    def grow(members, cases):
        for _ in range(members):
            membership = MembershipFactory(team=team, disciplines=["generalist", "youth"], districts=["WK015300"])
            fake_cases.counts[membership.user_id] = (cases, cases // 2)

    grow(2, 1)
    with django_assert_max_num_queries(20) as small:
        client.get(f"/teams/{team.pk}/")
    grow(25, 40)
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = client.get(f"/teams/{team.pk}/").content.decode()
    assert body.count("Boven de norm") == 25  # the 25 members with 40 cases
    with django_assert_max_num_queries(12) as listing:
        client.get("/teams/")
    grow(10, 5)
    with django_assert_max_num_queries(len(listing.captured_queries)):
        client.get("/teams/")


def test_organisation_and_initiative_lists_have_constant_query_counts(client, django_assert_max_num_queries):
    login(client, ["functional_admin"])
    team = TeamFactory()
    OrganisationFactory()
    InitiativeFactory(team=team, life_domains=["social_network"])
    with django_assert_max_num_queries(10) as small_orgs:
        client.get("/organisaties/")
    with django_assert_max_num_queries(14) as small_map:
        client.get("/sociale-kaart/")
    for _ in range(15):
        MembershipFactory(organisation=OrganisationFactory(), team=team)
        InitiativeFactory(team=team, life_domains=["social_network", "time_use"])
    with django_assert_max_num_queries(len(small_orgs.captured_queries)):
        client.get("/organisaties/")
    with django_assert_max_num_queries(len(small_map.captured_queries)):
        body = client.get("/sociale-kaart/").content.decode()
    assert "16 initiatieven" in body


# ------------------------------------------------------------------------------------------------- teams
def test_create_team_with_dutch_errors_then_success(client):
    login(client, ["functional_admin"])
    response = client.post(
        "/teams/nieuw/",
        {
            "name": "Wijkteam Noord",
            "organisational_form": "pilot",
            "start_date": "2026-01-01",
            "caseload_norm_per_fte": "18,5",
            "weight_coordinator": "1",
            "weight_involvement": "0,5",
            "hours_per_case_equivalent": "2",
        },
    )
    assert response.status_code == 200
    assert "Kies de wijken die het team bedient" in response.content.decode()
    district_ids = [district("WK015304").pk, district("WK015305").pk]
    response = client.post(
        "/teams/nieuw/",
        {
            "name": "Wijkteam Noord",
            "organisational_form": "pilot",
            "start_date": "2026-01-01",
            "districts": district_ids,
            "caseload_norm_per_fte": "18,5",
            "weight_coordinator": "1",
            "weight_involvement": "0,5",
            "hours_per_case_equivalent": "2",
        },
    )
    team = Team.objects.get(name="Wijkteam Noord")
    assert response.status_code == 302 and response["Location"] == f"/teams/{team.pk}/"
    assert team.caseload_norm_per_fte == Decimal("18.5")
    assert sorted(team.districts.values_list("code", flat=True)) == ["WK015304", "WK015305"]


def test_team_form_only_offers_the_municipalitys_districts(client):
    login(client, ["functional_admin"])
    body = client.get("/teams/nieuw/").content.decode()
    assert "WK015309" in body and "WK034401" not in body
    response = client.post(
        "/teams/nieuw/",
        {"name": "X", "organisational_form": "pilot", "start_date": "2026-01-01",
         "districts": [district("WK034401").pk], "caseload_norm_per_fte": "20", "weight_coordinator": "1",
         "weight_involvement": "0,5", "hours_per_case_equivalent": "2"},
    )  # fmt: skip
    assert response.status_code == 200 and not Team.objects.filter(name="X").exists()


def test_update_team(client, centrum):
    login(client, ["functional_admin"])
    team = centrum["team"]
    response = client.post(
        f"/teams/{team.pk}/wijzigen/",
        {"name": "Wijkteam Binnenstad", "organisational_form": "foundation", "start_date": "2024-01-01",
         "districts": [district("WK015300").pk], "caseload_norm_per_fte": "20", "weight_coordinator": "1",
         "weight_involvement": "0,5", "hours_per_case_equivalent": "2"},
    )  # fmt: skip
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.name == "Wijkteam Binnenstad" and team.districts.count() == 1


# ----------------------------------------------------------------------------------------------- mandate
def test_mandate_item_add_with_htmx_returns_the_section(client):
    login(client, ["functional_admin"])
    team = TeamFactory()
    response = client.post(
        f"/teams/{team.pk}/opdracht/onderdelen/",
        {"subject": "ld:finances", "scope": "in", "note": "Eerste hulp bij geldzaken"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert 'id="mandate-items"' in body and "Financiën" in body and "Toegevoegd aan de opdracht." in body
    response = client.post(
        f"/teams/{team.pk}/opdracht/onderdelen/", {"subject": "ld:finances", "scope": "out"}, HTTP_HX_REQUEST="true"
    )
    assert "al onderdeel van de opdracht" in response.content.decode()
    assert MandateItem.objects.filter(team=team).count() == 1


def test_mandate_item_add_without_htmx_redirects_and_remove(client):
    login(client, ["functional_admin"])
    team = TeamFactory()
    response = client.post(f"/teams/{team.pk}/opdracht/onderdelen/", {"subject": "tg:homeless", "scope": "out"})
    assert response.status_code == 302
    item = MandateItem.objects.get(team=team)
    assert (item.target_group, item.in_scope) == ("homeless", False)
    response = client.post(f"/teams/{team.pk}/opdracht/onderdelen/", {"subject": "", "scope": "in"})
    assert response.status_code == 200 and "Dit veld is vereist." in response.content.decode()
    response = client.post(f"/teams/{team.pk}/opdracht/onderdelen/{item.pk}/wijzigen/", {"scope": "in", "note": "Ja"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.in_scope and item.note == "Ja"
    response = client.post(f"/teams/{team.pk}/opdracht/onderdelen/{item.pk}/verwijderen/", HTTP_HX_REQUEST="true")
    assert "Verwijderd uit de opdracht." in response.content.decode()
    assert not MandateItem.objects.filter(team=team).exists()
    assert client.get(f"/teams/{team.pk}/opdracht/onderdelen/{item.pk}/verwijderen/").status_code == 405


def test_target_add_validates_period_in_dutch(client):
    login(client, ["functional_admin"])
    team = TeamFactory()
    url = f"/teams/{team.pk}/opdracht/streefwaarden/"
    data = {"metric_key": "share_closed_improved", "comparison": "gte", "value": "60", "period": "2026-Q5"}
    body = client.post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert "Vul een periode in als jaar (2026), halfjaar (2026-H1) of kwartaal (2026-Q3)." in body
    body = client.post(url, {**data, "period": "2026-h1"}, HTTP_HX_REQUEST="true").content.decode()
    assert "De streefwaarde is vastgesteld." in body and "2026-H1" in body
    target = team.targets.get()
    body = client.post(f"{url}{target.pk}/verwijderen/", HTTP_HX_REQUEST="true").content.decode()
    assert "De streefwaarde is verwijderd." in body
    assert not team.targets.exists()


def test_mandate_of_another_team_is_404(client):
    login(client, ["functional_admin"])
    team, other = TeamFactory(), TeamFactory()
    item = MandateItem.objects.create(team=other, kind="target_group", target_group="youth")
    assert client.post(f"/teams/{team.pk}/opdracht/onderdelen/{item.pk}/verwijderen/").status_code == 404


# ------------------------------------------------------------------------------------------- memberships
def test_add_change_and_end_a_member(client):
    admin = login(client, ["functional_admin"])
    team = TeamFactory(districts=["WK015300", "WK015301"])
    organisation = OrganisationFactory()
    worker = UserFactory(roles=["generalist"], first_name="Fatima", last_name="Test")
    url = f"/teams/{team.pk}/leden/"
    base = {"user": worker.pk, "organisation": organisation.pk, "kind": "generalist", "fte": "0,89",
            "collective_hours_per_week": "2", "start_date": "2025-01-01"}  # fmt: skip
    response = client.post(url, {**base, "start_date": "2023-01-01"})
    assert "Het team start op 1 januari 2024." in response.content.decode()
    response = client.post(url, {**base, "districts": [district("WK015301").pk]})
    assert response.status_code == 302
    membership = Membership.objects.get(user=worker)
    assert membership.fte == Decimal("0.89")
    assert "is in die periode al lid van dit team" in client.post(url, base).content.decode()

    change = f"{url}{membership.pk}/wijzigen/"
    assert client.get(change).status_code == 200
    response = client.post(
        change,
        {
            "change_date": "2025-07-01",
            "organisation": organisation.pk,
            "kind": "specialist",
            "fte": "0,5",
            "collective_hours_per_week": "0",
        },
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=worker).count() == 2
    new = Membership.objects.get(user=worker, end_date__isnull=True)
    response = client.post(f"{url}{new.pk}/beeindigen/", {"end_date": "2025-12-31"})
    assert response.status_code == 302
    body = client.get(url).content.decode()
    assert "Fatima Test" in body and "31 december 2025" in body
    assert AuditEvent.objects.filter(actor=admin, action__startswith="membership.").count() == 3


# ------------------------------------------------------------------------------------------ organisations
def test_organisation_create_update_and_affiliations(client):
    login(client, ["functional_admin"])
    response = client.post("/organisaties/nieuw/", {"name": "Schuldhulp test", "kind": "debt_counselling"})
    organisation = Organisation.objects.get(name="Schuldhulp test")
    assert response.status_code == 302 and response["Location"] == f"/organisaties/{organisation.pk}/"
    response = client.post("/organisaties/nieuw/", {"name": "schuldhulp TEST", "kind": "other"})
    assert "Er bestaat al een organisatie met deze naam." in response.content.decode()
    response = client.post(
        f"/organisaties/{organisation.pk}/wijzigen/",
        {"name": "Schuldhulp test", "kind": "debt_counselling", "professional_secrecy": "on", "is_active": "on"},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.professional_secrecy

    partner = UserFactory(roles=["partner"], first_name="Joost", last_name="Test")
    response = client.post(
        f"/organisaties/{organisation.pk}/",
        {"user": partner.pk, "job_title": "Schuldhulpverlener", "start_date": "2025-01-01"},
    )
    assert response.status_code == 302
    affiliation = Affiliation.objects.get(user=partner)
    body = client.get(f"/organisaties/{organisation.pk}/").content.decode()
    assert "Joost Test" in body and "Schuldhulpverlener" in body
    response = client.post(
        f"/organisaties/{organisation.pk}/verbonden/{affiliation.pk}/beeindigen/", {"end_date": "2024-01-01"}
    )
    assert "De einddatum kan niet voor de startdatum" in response.content.decode()
    response = client.post(
        f"/organisaties/{organisation.pk}/verbonden/{affiliation.pk}/beeindigen/", {"end_date": "2025-06-30"}
    )
    assert response.status_code == 302
    body = client.get("/organisaties/", {"q": "schuld"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body and "Schuldhulp test" in body


def test_discipline_list_and_update(client):
    login(client, ["functional_admin"])
    from wijkteam.teams.models import Discipline

    discipline = Discipline.objects.get(code="housing")
    body = client.get("/teams/disciplines/").content.decode()
    assert "Wonen" in body and "Huisvesting" in body
    response = client.post(
        f"/teams/disciplines/{discipline.pk}/wijzigen/",
        {"name_nl": "Wonen en huren", "name_en": "Housing", "order": "90", "is_active": "on",
         "life_domains": list(discipline.life_domains.values_list("pk", flat=True))},
    )  # fmt: skip
    assert response.status_code == 302
    discipline.refresh_from_db()
    assert discipline.name_nl == "Wonen en huren"


# ------------------------------------------------------------------------------------------- suggestion
def test_suggestions_for_the_team_lead(client, centrum):
    client.force_login(centrum["lead"])
    url = f"/teams/{centrum['team'].pk}/regiesuggestie/"
    body = client.get(
        url, {"life_domains": ["finances"], "district": district("WK015300").pk}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in body
    assert body.index("Cor Ruim") < body.index("Bas Bezet")
    assert "Ruimte in caseload: 6 van 20" in body and "Zit aan of boven de norm" in body
    assert "Vrijwillig" not in body and "Anouk" not in body
    body = client.get(url, {}, HTTP_HX_REQUEST="true").content.decode()
    assert "Dit veld is vereist." in body
    assert client.get(url, {"life_domains": ["finances"]}).status_code == 200  # full page without htmx
    login(client, ["policy_advisor"])
    assert client.get(url, {"life_domains": ["finances"]}).status_code == 403


# ------------------------------------------------------------------------------------------- social map
def test_team_member_keeps_the_social_map_of_their_team(client, centrum):
    member = centrum["calm"].user
    member.groups.set([])
    client.force_login(member)
    team = centrum["team"]
    form = client.get("/sociale-kaart/nieuw/?district=WK015302").content.decode()
    assert "Wijkteam Centrum (test)" in form
    data = {"name": "Eettafel test", "kind": "meal_club", "district": district("WK015302").pk, "team": team.pk,
            "care_level": 1, "schedule": "Dinsdag 12.00 uur"}  # fmt: skip
    from wijkteam.reference.models import CareLevel

    data["care_level"] = CareLevel.objects.get(level=0).pk
    response = client.post("/sociale-kaart/nieuw/", data)
    assert response.status_code == 302
    initiative = Initiative.objects.get(name="Eettafel test")
    response = client.post("/sociale-kaart/nieuw/", data)
    assert "Deze wijk heeft al een initiatief met deze naam." in response.content.decode()
    assert client.get(f"/sociale-kaart/{initiative.pk}/wijzigen/").status_code == 200
    other = InitiativeFactory(team=TeamFactory())
    assert client.get(f"/sociale-kaart/{other.pk}/wijzigen/").status_code == 404
    body = client.get("/sociale-kaart/", {"district": "WK015302"}).content.decode()
    assert "Eettafel test" in body and other.name not in body
    body = client.get("/sociale-kaart/", {"life_domain": "finances"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Geen initiatief past bij deze filters." in body


# ------------------------------------------------------------------------------------- panels and menu
def test_home_panels(client, centrum):
    client.force_login(centrum["lead"])
    body = client.get("/").content.decode()
    assert "Mijn team" in body and "Wijkteam Centrum (test)" in body and "Leden boven de norm" in body
    login(client, ["functional_admin"])
    body = client.get("/").content.decode()
    assert "Inrichting van de teams" in body and 'href="/organisaties/"' in body
    login(client, ["generalist"])
    body = client.get("/").content.decode()
    assert "Mijn team" not in body and 'href="/teams/"' not in body and 'href="/sociale-kaart/"' in body


def test_menu_marks_the_social_map_not_teams_as_current(client):
    login(client, ["policy_advisor"])
    body = client.get("/sociale-kaart/").content.decode()
    assert 'href="/sociale-kaart/" aria-current="page"' in body
    assert 'href="/teams/" aria-current="page"' not in body


def test_profile_section_renders_with_its_own_template_and_context():
    team = TeamFactory()
    InitiativeFactory(team=team, name="Eettafel De Laares (test)", life_domains=["social_network"])
    InitiativeFactory(team=team, district=district("WK015301"), name="Buurthuis Velve (test)")
    (section,) = [s for s in profile_sections() if s.key == "initiatives"]
    request = RequestFactory().get("/regio/WK015300/")
    request.user = UserFactory(roles=["functional_admin"])
    html = render_to_string(section.template, section.context(district("WK015300"), request), request=request)
    assert "Eettafel De Laares (test)" in html and "Buurthuis Velve" not in html
    assert "/sociale-kaart/?district=WK015300" in html and "Initiatief toevoegen" in html
    from wijkteam.teams.tests.factories import enschede

    request.user = UserFactory(roles=["policy_advisor"])
    html = render_to_string(section.template, section.context(enschede(), request), request=request)
    assert "Buurthuis Velve (test)" in html and "Initiatief toevoegen" not in html


def test_team_detail_for_a_team_without_members(client):
    login(client, ["policy_advisor"])
    team = TeamFactory(districts=[], covers_whole_municipality=True, end_date=date(2030, 1, 1))
    body = client.get(f"/teams/{team.pk}/").content.decode()
    assert "Werkt in de hele gemeente Enschede." in body and "Het team heeft nog geen leden." in body
