"""Composition advice per team and for a what-if set of districts: selector, page, API."""

from decimal import Decimal

import pytest

from wijkteam.access.tests.factories import UserFactory
from wijkteam.neighbourhoods.models import Region
from wijkteam.planning import composition, demand, selectors
from wijkteam.planning.tests.world import UTRECHT_DISTRICTS, world_create
from wijkteam.teams.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return world_create()


def test_advice_from_the_expected_demand_of_the_team_districts(team):
    result = selectors.composition_advice(team=team)
    assert not result.what_if and [d.district.code for d in result.districts] == UTRECHT_DISTRICTS[:3]
    expected: dict[str, float] = {}
    for code in UTRECHT_DISTRICTS[:3]:
        estimate = selectors.expected_demand_for_region(region=Region.objects.get(code=code)).estimate
        for e in estimate.domains:
            expected[e.domain] = expected.get(e.domain, 0.0) + e.count
    by_hand = composition.advise(
        expected=expected,
        available={"generalist": Decimal("1"), "debts_money": Decimal("0.8")},
        names={"generalist": "Generalist"},
        settings=composition.Settings(Decimal("20"), Decimal("1"), Decimal("0.5")),
    )
    lines = {line.discipline: line for line in result.advice.lines}
    assert lines["generalist"].needed == next(x.needed for x in by_hand.lines if x.discipline == "generalist")
    assert lines["generalist"].available == Decimal("1.0") and lines["debts_money"].available == Decimal("0.8")
    assert lines["generalist"].status == composition.SHORTAGE
    assert all(not d.households.estimated for d in result.districts)  # Utrecht: CBS households


def test_what_if_districts_and_the_estimate_where_cbs_has_no_households(team):
    with pytest.raises(ValueError):
        selectors.composition_advice(team=team, districts=[Region.objects.get(code="WK015300")])
    utrecht = team.municipality
    bare = Region.objects.create(
        code="WK034499", name="Wijk 99 Nieuw", level="district", parent=utrecht, municipality=utrecht, edition_year=2024
    )
    result = selectors.composition_advice(team=team, districts=[bare])
    assert result.what_if and result.districts[0].households.value is None  # no figures at all: not counted
    assert result.uncounted and result.advice.needed == 0
    five = selectors.districts_by_codes(municipality=team.municipality, codes=UTRECHT_DISTRICTS[:5])
    bigger = selectors.composition_advice(team=team, districts=five)
    assert bigger.advice.needed > selectors.composition_advice(team=team).advice.needed
    with pytest.raises(ValueError, match="WK015300"):
        selectors.districts_by_codes(municipality=team.municipality, codes=["WK034401", "WK015300"])


def test_enschede_district_households_are_an_explicit_estimate():
    from wijkteam.neighbourhoods.selectors import region_figures
    from wijkteam.neighbourhoods.tests.factories import sample_indicators_import

    sample_indicators_import()
    gm, wk = Region.objects.get(code="GM0153"), Region.objects.get(code="WK015300")
    municipal, district = ({k: f.value for k, f in figures.items()} for figures in region_figures(regions=[gm, wk]))
    households = demand.households_with_estimate(district, municipal)
    assert households.estimated and households.year == 2024
    ratio = (
        municipal[("households", 2024, households.source_table)]
        / municipal[("population", 2024, households.source_table)]
    )
    assert households.value == pytest.approx(district[("population", 2024, households.source_table)] * ratio)


def test_query_count_does_not_grow_with_members_or_districts(team, django_assert_max_num_queries):
    with django_assert_max_num_queries(9) as few:
        selectors.composition_advice(team=team)
    member = Membership.objects.filter(team=team).first()
    for _ in range(5):
        Membership.objects.create(
            user=UserFactory(),
            team=team,
            organisation=member.organisation,
            kind="generalist",
            fte=1,
            start_date=member.start_date,
        )
    districts = selectors.districts_by_codes(municipality=team.municipality, codes=UTRECHT_DISTRICTS)
    with django_assert_max_num_queries(len(few.captured_queries)):
        selectors.composition_advice(team=team, districts=districts)


def test_page_for_team_leads_advisors_and_administrators(client, team):
    client.force_login(UserFactory(roles=["policy_advisor"]))
    page = client.get(f"/planning/teams/{team.pk}/samenstelling/").content.decode()
    assert 'id="advice-table"' in page and 'data-discipline="debts_money"' in page
    what_if = client.get(
        f"/planning/teams/{team.pk}/samenstelling/?districts=WK034404&districts=WK034405&districts=WK034406"
    ).content.decode()
    assert 'id="what-if-table"' in what_if and "Oost" in what_if
    bad = client.get(f"/planning/teams/{team.pk}/samenstelling/?districts=WK015300")
    assert bad.status_code == 200 and 'id="what-if-table"' not in bad.content.decode()
    client.force_login(UserFactory(roles=["functional_admin"]))
    assert client.get(f"/planning/teams/{team.pk}/samenstelling/").status_code == 200
    client.force_login(UserFactory(roles=["generalist"]))
    assert client.get(f"/planning/teams/{team.pk}/samenstelling/").status_code == 403
    client.force_login(UserFactory(roles=["policy_advisor"]))
    assert client.get("/planning/teams/999999/samenstelling/").status_code == 404


def test_page_query_count(client, team, django_assert_max_num_queries):
    client.force_login(UserFactory(roles=["policy_advisor"]))
    with django_assert_max_num_queries(30):
        client.get(f"/planning/teams/{team.pk}/samenstelling/?districts=" + "&districts=".join(UTRECHT_DISTRICTS))


def _lead_of(team):
    from wijkteam.cases.tests.factories import member_create

    organisation = Membership.objects.filter(team=team).first().organisation
    return member_create(team, "team_lead", organisation, "team_lead")


def _other_team(team):
    from wijkteam.teams.models import Team

    return Team.objects.create(
        municipality=team.municipality,
        name="Buurtteam Oost",
        organisational_form="foundation",
        start_date=team.start_date,
    )


def test_team_leads_see_the_advice_of_the_teams_they_lead_only(client, api_client, team):
    other = _other_team(team)
    lead = _lead_of(team)
    client.force_login(lead)
    assert client.get(f"/planning/teams/{team.pk}/samenstelling/").status_code == 200
    assert client.get(f"/planning/teams/{other.pk}/samenstelling/").status_code == 404
    index = client.get("/planning/").content.decode()
    assert f"/planning/teams/{team.pk}/samenstelling/" in index
    assert f"/planning/teams/{other.pk}/samenstelling/" not in index
    api_client.force_authenticate(lead)
    assert api_client.get(f"/api/v1/teams/{team.pk}/composition-advice/").status_code == 200
    assert api_client.get(f"/api/v1/teams/{other.pk}/composition-advice/").status_code == 404
    # A team lead leading no team sees none.
    client.force_login(UserFactory(roles=["team_lead"]))
    assert client.get(f"/planning/teams/{team.pk}/samenstelling/").status_code == 404
    api_client.force_authenticate(UserFactory(roles=["team_lead"]))
    assert api_client.get(f"/api/v1/teams/{team.pk}/composition-advice/").status_code == 404


@pytest.mark.parametrize("role", ["policy_advisor", "data_analyst", "functional_admin"])
def test_advisors_analysts_and_administrators_see_every_team(client, api_client, team, role):
    other = _other_team(team)
    user = UserFactory(roles=[role])
    client.force_login(user)
    api_client.force_authenticate(user)
    for pk in (team.pk, other.pk):
        assert client.get(f"/planning/teams/{pk}/samenstelling/").status_code == 200
        assert api_client.get(f"/api/v1/teams/{pk}/composition-advice/").status_code == 200
    index = client.get("/planning/").content.decode()
    assert f"/planning/teams/{other.pk}/samenstelling/" in index


def test_api_composition_advice_and_what_if(api_client, team):
    api_client.force_authenticate(_lead_of(team))
    body = api_client.get(f"/api/v1/teams/{team.pk}/composition-advice/").json()
    assert body["team"] == team.pk and body["what_if"] is False and body["weight_set"] is None
    assert [d["code"] for d in body["districts"]] == UTRECHT_DISTRICTS[:3]
    line = next(x for x in body["lines"] if x["discipline"] == "debts_money")
    assert set(line) == {
        "discipline",
        "name",
        "needed_fte",
        "available_fte",
        "gap_fte",
        "status",
        "words",
        "life_domains",
    }
    assert line["available_fte"] == "0.8" and line["life_domains"] == ["finances"]
    what_if = api_client.get(f"/api/v1/teams/{team.pk}/composition-advice/?districts=WK034404,WK034405").json()
    assert what_if["what_if"] is True and [d["code"] for d in what_if["districts"]] == ["WK034404", "WK034405"]
    bad = api_client.get(f"/api/v1/teams/{team.pk}/composition-advice/?districts=WK015300")
    assert bad.status_code == 400 and "WK015300" in str(bad.json())
    assert api_client.get(f"/api/v1/teams/{team.pk}/composition-advice/?districts=").status_code == 400
    api_client.force_authenticate(UserFactory(roles=["generalist"]))
    assert api_client.get(f"/api/v1/teams/{team.pk}/composition-advice/").status_code == 403
