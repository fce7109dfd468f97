"""Selectors: the user's organisation, who leads which team, caseload with a case-count source,
composition, coordinator suggestions and the social map."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from wijkteam.access.tests.factories import UserFactory
from wijkteam.teams import selectors, workload
from wijkteam.teams.tests.factories import (
    AffiliationFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    TeamFactory,
    district,
    enschede,
)

pytestmark = pytest.mark.usefixtures("regions")


def test_user_organisations_from_memberships_then_affiliations():
    user = UserFactory(roles=["generalist"])
    team_org = OrganisationFactory(name="Sociaal werk (test)")
    partner_org = OrganisationFactory(name="Schuldhulp (test)")
    old_org = OrganisationFactory(name="Vroeger (test)")
    AffiliationFactory(user=user, organisation=partner_org)
    MembershipFactory(user=user, organisation=team_org)
    MembershipFactory(user=user, organisation=old_org, start_date=date(2020, 1, 1), end_date=date(2021, 1, 1))
    assert selectors.user_organisations(user=user) == [team_org, partner_org]
    assert selectors.organisation_of_user(user=user) == team_org
    assert selectors.user_organisations(user=user, on=date(2020, 6, 1)) == [old_org]


def test_a_partner_without_membership_belongs_to_the_affiliated_organisation(django_assert_num_queries):
    partner = UserFactory(roles=["partner"])
    organisation = OrganisationFactory(kind="debt_counselling")
    AffiliationFactory(user=partner, organisation=organisation)
    with django_assert_num_queries(2):
        assert selectors.organisation_of_user(user=partner) == organisation
    assert selectors.organisation_of_user(user=UserFactory()) is None


def test_team_lead_needs_both_the_capability_and_a_running_lead_membership():
    team, other = TeamFactory(), TeamFactory()
    lead = UserFactory(roles=["team_lead"])
    MembershipFactory(user=lead, team=team, kind="team_lead")
    MembershipFactory(user=lead, team=other, kind="generalist")
    assert selectors.team_ids_led_by(user=lead) == {team.pk}
    assert selectors.user_leads_team(user=lead, team=team)
    assert not selectors.user_leads_team(user=lead, team=other)
    no_capability = UserFactory(roles=["generalist"])
    MembershipFactory(user=no_capability, team=team, kind="team_lead")
    assert selectors.team_ids_led_by(user=no_capability) == set()
    ended = UserFactory(roles=["team_lead"])
    MembershipFactory(user=ended, team=team, kind="team_lead", end_date=date(2024, 6, 30))
    assert selectors.team_ids_led_by(user=ended) == set()


@pytest.mark.parametrize(
    ("roles", "sees"),
    [(["functional_admin"], 2), (["policy_advisor"], 2), (["team_lead"], 2), (["generalist"], 0), (["volunteer"], 0)],
)
def test_team_list_for_user(roles, sees):
    TeamFactory(), TeamFactory()
    assert selectors.team_list_for_user(user=UserFactory(roles=roles)).count() == sees


def test_team_caseload_uses_the_registered_source(fake_cases, django_assert_max_num_queries):
    team = TeamFactory()
    busy = MembershipFactory(team=team, fte=Decimal("0.5"), collective_hours_per_week=Decimal("2"))
    calm = MembershipFactory(team=team, fte=Decimal("1"))
    volunteer = MembershipFactory(team=team, kind="volunteer", fte=Decimal("0"))
    fake_cases.counts = {busy.user_id: (9, 2), calm.user_id: (4, 0), volunteer.user_id: (0, 3)}
    with django_assert_max_num_queries(6):
        result = selectors.team_caseload(team=team)
    assert fake_cases.calls == 1
    rows = {row.membership.pk: row for row in result.rows}
    assert (rows[busy.pk].figures.caseload, rows[busy.pk].figures.capacity) == (Decimal("11.0"), Decimal("10.0"))
    assert rows[busy.pk].figures.above_norm
    assert rows[calm.pk].figures.status == "room"
    assert rows[volunteer.pk].figures.status == "no_capacity"
    assert result.totals.above_norm == 1
    assert result.totals.caseload == Decimal("16.5")
    assert result.counts_available


@pytest.fixture
def no_sources():
    """As in an installation without the cases app: no source registered."""
    previous = workload.case_count_source(), workload.continuity_source()
    workload.register_case_count_source(None)
    workload.register_continuity_source(None)
    yield
    workload.register_case_count_source(previous[0])
    workload.register_continuity_source(previous[1])


def test_without_a_source_counts_are_zero_and_the_page_says_so(no_sources):
    assert not workload.case_counts_available()
    team = TeamFactory()
    member = MembershipFactory(team=team, collective_hours_per_week=Decimal("4"))
    result = selectors.team_caseload(team=team)
    assert not result.counts_available
    assert result.rows[0].coordinator_cases == 0
    assert result.rows[0].figures.caseload == Decimal("2.0")
    assert workload.case_counts(team.pk, [member.user_id]) == {member.user_id: (0, 0)}
    assert workload.helped_before(1, [member.user_id]) == set()


def test_workload_ignores_users_it_was_not_asked_about(fake_cases):
    user = UserFactory()
    fake_cases.counts = {user.pk: (1, 1)}
    assert workload.case_counts(1, []) == {}
    assert workload.case_counts(1, [user.pk, user.pk]) == {user.pk: (1, 1)}
    fake_cases.helped = {7: {user.pk}}
    assert workload.helped_before(7, [user.pk]) == {user.pk}
    assert workload.helped_before(None, [user.pk]) == set()


def test_teams_totals_in_a_fixed_number_of_queries(fake_cases, django_assert_max_num_queries):
    teams = [TeamFactory() for _ in range(3)]
    for team in teams:
        for _ in range(4):
            fake_cases.counts[MembershipFactory(team=team).user_id] = (5, 2)
    with django_assert_max_num_queries(1 + len(teams)):
        totals = selectors.teams_totals(teams=teams)
    assert all(t.members == 4 and t.caseload == Decimal("24.0") for t in totals.values())


def test_composition_splits_fte_over_disciplines():
    team = TeamFactory()
    MembershipFactory(team=team, fte=Decimal("1"), disciplines=["generalist", "debts_money"])
    MembershipFactory(team=team, fte=Decimal("0.5"), disciplines=["debts_money"])
    MembershipFactory(team=team, fte=Decimal("0.8"), kind="wmo_consultant")
    composition = selectors.team_composition(memberships=selectors.running_memberships(team_ids=[team.pk]))
    with translation.override("nl"):
        lines = {line.label: (line.fte, line.people) for line in composition.by_discipline}
    assert lines["Generalist"] == (Decimal("0.5"), 1)
    assert lines["Schulden en geld"] == (Decimal("1.0"), 2)
    assert sum(fte for fte, _ in lines.values()) == composition.fte == Decimal("2.3")
    assert composition.people == 3


def test_coordinator_suggestions_for_a_case(fake_cases):
    team = TeamFactory(districts=["WK015300", "WK015301"])
    debt = MembershipFactory(team=team, kind="specialist", disciplines=["debts_money"], districts=["WK015301"])
    generalist = MembershipFactory(team=team, disciplines=["generalist"])
    knows = MembershipFactory(team=team, disciplines=["generalist"])
    MembershipFactory(team=team, kind="volunteer", fte=Decimal("0"), disciplines=["debts_money"])
    MembershipFactory(team=team, kind="team_lead", disciplines=["debts_money"])
    fake_cases.counts = {generalist.user_id: (25, 0), knows.user_id: (10, 0), debt.user_id: (10, 0)}
    fake_cases.helped = {42: {knows.user_id}}
    with translation.override("nl"):
        suggestions = selectors.coordinator_suggestions(
            team=team, life_domain_codes=["finances", "social_network"], district_code="WK015301", household_id=42
        )
    assert [s.candidate.user_id for s in suggestions] == [knows.user_id, debt.user_id, generalist.user_id]
    assert "Kent dit huishouden al" in suggestions[0].reasons
    assert "Discipline past bij: Financiën" in suggestions[1].reasons
    assert "Werkt in de wijk van het huishouden" in suggestions[1].reasons
    assert suggestions[2].reasons[-1] == "Zit aan of boven de norm"


def test_whole_municipality_team_members_work_in_every_district():
    team = TeamFactory(districts=[], covers_whole_municipality=True)
    MembershipFactory(team=team)
    (candidate,) = selectors.suggestion_candidates(team=team)
    assert "WK015309" in candidate.districts and "WK034401" not in candidate.districts


def test_initiative_filters():
    team = TeamFactory()
    meal = InitiativeFactory(team=team, life_domains=["social_network"])
    InitiativeFactory(team=team, district=district("WK015301"), life_domains=["finances"], kind="walk_in")
    InitiativeFactory(team=team, name="Gestopt (test)", is_active=False, life_domains=["social_network"])
    assert list(selectors.initiative_list(district_code="WK015300")) == [meal]
    assert list(selectors.initiative_list(life_domain_code="social_network")) == [meal]
    assert selectors.initiative_list(municipality=enschede()).count() == 2
    assert selectors.initiative_list(active_only=False).count() == 3
    assert selectors.initiative_list(care_level=1).count() == 0
    assert selectors.district_initiatives(region=district("WK015300")) == [meal]
    assert len(selectors.district_initiatives(region=enschede())) == 2


def test_who_may_keep_the_social_map():
    team, other = TeamFactory(), TeamFactory()
    member = MembershipFactory(team=team).user
    volunteer = MembershipFactory(team=team, kind="volunteer", fte=Decimal("0")).user
    admin = UserFactory(roles=["functional_admin"])
    assert selectors.initiative_team_ids_for_user(user=member) == {team.pk}
    assert selectors.initiative_team_ids_for_user(user=admin) is None
    assert selectors.initiative_team_ids_for_user(user=volunteer) == set()
    assert not selectors.can_keep_social_map(user=volunteer)
    initiative = InitiativeFactory(team=other)
    with pytest.raises(Exception) as exc_info:
        selectors.initiative_get_for_edit(user=member, pk=initiative.pk)
    assert exc_info.typename == "Http404"
