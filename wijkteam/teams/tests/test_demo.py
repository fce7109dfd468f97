"""The teams demo: three teams in Enschede, the demo roles in the right places, idempotent."""

import random

import pytest

from wijkteam.access.models import AuditEvent, User
from wijkteam.demo.accounts import demo_accounts_load
from wijkteam.teams import selectors
from wijkteam.teams.demo import demo_load
from wijkteam.teams.models import Affiliation, Initiative, Membership, Team

pytestmark = pytest.mark.usefixtures("regions")


@pytest.fixture
def demo():
    users = {user.username: user for user, _key in demo_accounts_load()}
    loaded = demo_load(users=users, rng=random.Random(1))
    return users, loaded


def test_demo_roles_sit_where_the_journeys_need_them(demo):
    users, loaded = demo
    teams = loaded["teams"]
    assert set(Team.objects.values_list("name", flat=True)) == {
        "Wijkteam Enschede-Centrum",
        "Wijkteam Enschede-Oost",
        "Wijkteam Enschede-Zuid",
    }
    assert selectors.team_ids_led_by(user=users["demo-teamlead"]) == {teams["centrum"].pk}
    fatima = Membership.objects.active().get(user=users["demo-generalist"])
    assert (fatima.team, fatima.kind) == (teams["oost"], "generalist")
    assert not Membership.objects.filter(user=users["demo-generalist"], team=teams["centrum"]).exists()
    henk = Membership.objects.active().get(user=users["demo-volunteer"])
    assert (henk.team, henk.kind) == (teams["oost"], "volunteer")
    assert not Membership.objects.filter(user=users["demo-partner"]).exists()
    assert selectors.organisation_of_user(user=users["demo-partner"]).name == "Schuldhulp Enschede (demo)"
    assert Affiliation.objects.get(user=users["demo-partner"]).job_title == "Schuldhulpverlener"


def test_demo_composition_is_realistic(demo):
    _users, loaded = demo
    kinds_per_team = {}
    for key, team in loaded["teams"].items():
        memberships = Membership.objects.active().filter(team=team).select_related("organisation")
        kinds_per_team[key] = {m.organisation.kind for m in memberships}
        assert memberships.filter(kind="team_lead").count() == 1
        assert memberships.filter(kind="generalist").count() >= 4
        # Oost has a second Wmo consultant: demo-wmo (Sevda), who records the demo decisions.
        assert memberships.filter(kind="wmo_consultant").count() == (2 if key == "oost" else 1)
        assert memberships.filter(kind="volunteer").count() == 1
        assert team.targets.count() == 4
        assert team.mandate_items.filter(in_scope=False).exists()
        assert Initiative.objects.filter(team=team).count() >= 3
    assert all("client_support" in kinds for kinds in kinds_per_team.values())  # MEE in every team
    assert sum("district_nursing" in kinds for kinds in kinds_per_team.values()) == 2
    assert sum("work_income" in kinds for kinds in kinds_per_team.values()) == 2
    assert all(code.startswith("WK0153") for code in Team.objects.values_list("districts__code", flat=True))
    assert Membership.objects.exclude(end_date=None).exists()  # some history


def test_demo_workers_cannot_log_in_and_the_load_is_idempotent(demo):
    users, _loaded = demo
    generated = User.objects.filter(username__startswith="wt-enschede-")
    assert generated.count() >= 30
    assert all(u.is_demo and not u.has_usable_password() for u in generated)
    counts = (Membership.objects.count(), Initiative.objects.count(), AuditEvent.objects.count(), User.objects.count())
    demo_load(users=users, rng=random.Random(1))
    assert counts == (
        Membership.objects.count(),
        Initiative.objects.count(),
        AuditEvent.objects.count(),
        User.objects.count(),
    )
