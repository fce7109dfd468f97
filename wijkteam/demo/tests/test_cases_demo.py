"""The demo case files: every stage, the demo accounts' stories, consistent data, bulk and idempotent."""

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db.models import Count
from rest_framework.test import APIClient

from wijkteam.access.models import AuditEvent, User
from wijkteam.cases import selectors
from wijkteam.cases.models import (
    Action,
    Case,
    CaseConference,
    ClientSystemMember,
    ContactMoment,
    CoordinatorChange,
    HelpRequest,
    Involvement,
    Plan,
    PlanVersion,
    SafetyAssessment,
    ShortContact,
    Signal,
)
from wijkteam.cases.tests.factories import member_create, organisation_create, team_create
from wijkteam.demo.accounts import demo_accounts_load, demo_token_key
from wijkteam.demo.cases import TEAMS, demo_cases_load
from wijkteam.demo.households import demo_households_load
from wijkteam.households.models import Person
from wijkteam.neighbourhoods.services import REGISTRY_FILE, regions_import
from wijkteam.neighbourhoods.tests.factories import sample_regions_import
from wijkteam.teams.models import Membership, Organisation, Team

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def enschede_registry(tmp_path_factory) -> Path:
    """Enschede with all its districts and neighbourhoods, cut from the CBS registry (fast to import)."""
    path = tmp_path_factory.mktemp("cbs") / "enschede.csv"
    with REGISTRY_FILE.open(encoding="utf-8") as source, path.open("w", encoding="utf-8") as target:
        for number, line in enumerate(source):
            if number == 0 or line.startswith(("NL", "GM0153,", "WK0153", "BU0153")):
                target.write(line)
    return path


@pytest.fixture
def demo(enschede_registry, django_assert_max_num_queries):
    regions_import(path=enschede_registry)
    users = {user.username: user for user, _ in demo_accounts_load()}
    households = demo_households_load(municipality_code="GM0153", seed=42, today=TODAY)
    # Bulk: a few hundred queries for some 3,000 rows, never a query per row.
    with django_assert_max_num_queries(400):
        summary = demo_cases_load(municipality_code="GM0153", households=households, users=users, seed=7, today=TODAY)
    return {"users": users, "households": households, "summary": summary}


def test_cases_in_every_stage_over_eighteen_months_in_three_teams(demo):
    cases = Case.objects.all()
    assert demo["summary"]["cases"] == cases.count() >= 150
    assert set(cases.values_list("status", flat=True)) == {"intake", "plan", "execution", "evaluation", "closed"}
    per_team = Counter(cases.values_list("team__name", flat=True))
    assert set(per_team) == {name for name, *_ in TEAMS.values()}
    assert min(per_team.values()) >= 30
    assert cases.order_by("opened_on").first().opened_on <= TODAY - timedelta(days=450)
    assert cases.order_by("-opened_on").first().opened_on >= TODAY - timedelta(days=30)
    closed = cases.filter(status="closed")
    assert len(set(closed.values_list("closing_reason", flat=True))) >= 5
    assert len(set(closed.values_list("result", flat=True))) >= 3
    assert closed.exclude(follow_up_on=None).count() >= 5
    assert cases.follow_up_due(TODAY).exists()
    assert cases.filter(is_reentry=True).count() >= 5
    assert cases.filter(coordinator=None).exclude(status="intake").count() == 0
    assert cases.filter(coordinator=None).exists()  # waiting for a coordinator
    assert SafetyAssessment.objects.count() >= 2
    assert CaseConference.objects.count() >= 5
    assert CoordinatorChange.objects.exclude(from_user=None).count() >= 5
    assert PlanVersion.objects.count() >= 50
    assert len(set(ContactMoment.objects.values_list("audience", flat=True))) == 4


def test_the_demo_accounts_have_a_story(demo):
    users = demo["users"]
    generalist, partner, volunteer, lead = (
        users["demo-generalist"],
        users["demo-partner"],
        users["demo-volunteer"],
        users["demo-teamlead"],
    )
    oost = Team.objects.get(name="Wijkteam Enschede-Oost")
    mine = Case.objects.filter(coordinator=generalist)
    assert 10 <= mine.open().count() <= 14
    assert set(mine.values_list("team", flat=True)) == {oost.pk}
    home = selectors.worker_home(user=generalist, today=TODAY)
    assert home.actions_due_today >= 2 and home.actions_overdue >= 1 and home.new_signals >= 1

    assert not Membership.objects.filter(user=partner).exists()
    involved = Case.objects.filter(involvements__user=partner, involvements__end_date=None)
    assert {"Wijkteam Enschede-Oost", "Wijkteam Enschede-Centrum"} <= set(involved.values_list("team__name", flat=True))
    assert all(c.has_content for c in selectors.case_list_for_user(user=partner))
    # The partner is outside the teams: each involvement rests on the client's agreement, in force.
    assert all(
        i.rests_on_sharing and i.case.sharing_agreements.filter(recipient=i.organisation, withdrawn_on=None).exists()
        for i in partner.involvements.select_related("case")
    )
    assert ContactMoment.objects.filter(author=partner, audience="organisation").exists()
    assert Organisation.objects.get(name="Schuldhulp Enschede (demo)").professional_secrecy

    actions = Action.objects.filter(assignee=volunteer)
    assert actions.filter(status="open", due_on=TODAY).exists()
    assert actions.filter(status="open", due_on__lt=TODAY).exists()
    assert actions.filter(status="done").exists()
    assert set(actions.values_list("plan__case__team", flat=True)) == {oost.pk}

    listed = list(selectors.case_list_for_user(user=lead))
    assert listed and {c.team.name for c in listed} == {"Wijkteam Enschede-Centrum"}
    assert not any(c.has_content for c in listed)


def test_the_front_door_has_short_contacts_signals_and_a_queue(demo):
    assert 55 <= ShortContact.objects.count() <= 65
    assert ShortContact.objects.exclude(person=None).exists() and ShortContact.objects.filter(person=None).exists()
    assert ShortContact.objects.exclude(help_request=None).count() == 5
    signals = Signal.objects.all()
    assert 20 <= signals.count() <= 30
    statuses = Counter(signals.values_list("status", flat=True))
    assert statuses["new"] >= 5 and statuses["closed"] >= 3
    assert all(s.closing_reason for s in signals.filter(status="closed"))
    assert not signals.filter(status="new").exclude(triaged_by=None).exists()
    assert HelpRequest.objects.filter(status="open", case__isnull=True).count() == 8


def test_the_data_hang_together(demo):
    for case in Case.objects.select_related("help_request"):
        assert case.help_request.household_id == case.household_id and case.help_request.team_id == case.team_id
        assert case.help_request.received_on <= case.opened_on <= TODAY
        if case.closed_on:
            assert case.opened_on <= case.closed_on < TODAY and case.closing_reason and case.result
            assert not case.next_step
        else:
            assert case.next_step and case.follow_up_on is None
        if case.plan_agreed_on:
            assert case.opened_on <= case.plan_agreed_on <= TODAY
    # One open case per household at most; the client system is the household.
    assert not Case.objects.open().values("household").annotate(n=Count("id")).filter(n__gt=1).exists()
    for member in ClientSystemMember.objects.select_related("person", "case")[:200]:
        assert member.person.household_id == member.case.household_id
    # Actions: assignees work on the case; persons belong to it.
    for action in Action.objects.exclude(assignee=None).select_related("plan__case"):
        case = action.plan.case
        in_team = Membership.objects.filter(user_id=action.assignee_id, team_id=case.team_id).exists()
        involved = Involvement.objects.filter(case=case, user_id=action.assignee_id).exists()
        assert in_team or involved
    assert not Action.objects.filter(status="done", done_on=None).exists()
    # Notes under professional secrecy only from such organisations.
    assert not ContactMoment.objects.filter(
        audience="organisation", author_organisation__professional_secrecy=False
    ).exists()
    for moment in ContactMoment.objects.filter(occurred_on__gt=TODAY):
        raise AssertionError(f"note in the future: {moment.pk}")
    assert Plan.objects.filter(case__status="intake").count() == 0


def test_audit_events_name_ids_only(demo):
    events = AuditEvent.objects.filter(actor_repr="demo loader")
    assert events.filter(action="case.opened").count() == Case.objects.count()
    assert events.filter(action="action.added").count() == Action.objects.count()
    assert events.filter(action="contact_moment.recorded").count() == ContactMoment.objects.count()
    names = set(Person.objects.values_list("family_name", flat=True))
    for event in events.filter(action__in=["case.opened", "help_request.registered", "signal.triaged"]):
        assert not any(str(value) in names for value in event.details.values())


def test_idempotent_and_deterministic(demo):
    def snapshot():
        return (
            list(
                Case.objects.order_by("id").values_list("household_id", "status", "opened_on", "coordinator__username")
            ),
            list(Action.objects.order_by("id").values_list("what", "due_on", "status", "assignee__username")),
            Signal.objects.count(),
            ShortContact.objects.count(),
        )

    first = snapshot()
    users_before = User.objects.count()
    again = demo_cases_load(
        municipality_code="GM0153", households=demo["households"], users=demo["users"], seed=7, today=TODAY
    )
    assert again == demo["summary"] and snapshot() == first and User.objects.count() == users_before

    Signal.objects.all().delete()
    ShortContact.objects.all().delete()
    Case.objects.all().delete()
    HelpRequest.objects.all().delete()
    demo_cases_load(municipality_code="GM0153", households=demo["households"], users=demo["users"], seed=7, today=TODAY)
    assert [row[1:] for row in snapshot()[0]] == [row[1:] for row in first[0]]
    assert snapshot()[1:] == first[1:]


def test_uses_the_teams_step_when_it_ran_first():
    """With teams and memberships in place (the teams step), no teams or workers are added."""
    sample_regions_import()
    users = {user.username: user for user, _ in demo_accounts_load()}
    social_work = organisation_create("Sociaal werk Enschede (demo)")
    crews = {}
    for key, (name, *_rest) in TEAMS.items():
        team = team_create(name)
        crews[key] = [
            member_create(team, "generalist", social_work, "generalist", username=f"{key}-worker-{n}") for n in (1, 2)
        ]
    Membership.objects.create(
        user=users["demo-generalist"],
        team=Team.objects.get(name="Wijkteam Enschede-Oost"),
        organisation=social_work,
        kind="generalist",
        fte="0.89",
        start_date=date(2025, 1, 1),
    )
    households = demo_households_load(municipality_code="GM0153", seed=42, today=TODAY)
    teams_before = Team.objects.count()
    demo_cases_load(municipality_code="GM0153", households=households, users=users, seed=3, today=TODAY)
    assert Team.objects.count() == teams_before
    assert not User.objects.filter(username__startswith="wt-enschede-").exists()
    coordinators = set(Case.objects.exclude(coordinator=None).values_list("coordinator__username", flat=True))
    assert coordinators <= {u.username for crew in crews.values() for u in crew} | {"demo-generalist"}
    # The demo accounts that had no membership got theirs, as the teams step would give them.
    assert Membership.objects.filter(user=users["demo-teamlead"], kind="team_lead").exists()
    assert Membership.objects.filter(user=users["demo-volunteer"], kind="volunteer").exists()
    assert Membership.objects.filter(user=users["demo-generalist"]).count() == 1


def test_the_demo_accounts_see_their_work_through_the_api(demo):
    def get(username: str, path: str, **params: str) -> dict:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {demo_token_key(username)}")
        response = client.get(path, params)
        assert response.status_code == 200
        return response.json()

    assert 10 <= get("demo-generalist", "/api/v1/cases/", mine="true", status="open")["count"] <= 14
    partner_cases = get("demo-partner", "/api/v1/cases/")["results"]
    assert partner_cases and all(c["has_content"] for c in partner_cases)
    volunteer = get("demo-volunteer", "/api/v1/actions/", status="open")["results"]
    assert volunteer and all(not a["has_content"] for a in volunteer)
    lead = get("demo-teamlead", "/api/v1/cases/")["results"]
    assert lead and not any(c["has_content"] for c in lead)
    assert get("demo-advisor", "/api/v1/cases/")["count"] == 0
