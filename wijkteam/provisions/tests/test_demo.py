"""The stepped-care demo: every care level, every route, evaluations on team step-ups, decisions with
costs, Sevda (demo-wmo) sees her team's decisions; idempotent."""

import random
from io import StringIO

import pytest
from django.core.management import call_command

from wijkteam.access.models import User
from wijkteam.cases.models import Case
from wijkteam.neighbourhoods.models import Region
from wijkteam.provisions import selectors
from wijkteam.provisions.demo import demo_load
from wijkteam.provisions.models import CatalogueOption, Decision, FrontlinePayment, StepChange
from wijkteam.teams.models import Team

pytestmark = pytest.mark.django_db


def test_demo_covers_levels_routes_and_costs(client):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "step changes" in out.getvalue()
    municipality = Region.objects.get(code="GM0153")
    assert set(Case.objects.filter(care_level__isnull=False).values_list("care_level__level", flat=True)) == {
        0,
        1,
        2,
        3,
        4,
    }
    assert set(StepChange.objects.values_list("route", flat=True)) == {
        "team",
        "application",
        "wmo_report",
        "referral",
        "safety",
    }
    for change in StepChange.objects.filter(route="team").select_related("from_level", "to_level"):
        if change.from_level and change.to_level.level > change.from_level.level:
            assert change.has_evaluation
        elif change.from_level:
            assert change.reason
    # The history ends at the case's level.
    for case in Case.objects.filter(care_level__isnull=False).select_related("care_level")[:40]:
        last = StepChange.objects.filter(case=case).order_by("-decided_on", "-id").first()
        assert last.to_level_id == case.care_level_id
    assert CatalogueOption.objects.filter(municipality=municipality).count() >= 15
    statuses = set(Decision.objects.values_list("status", flat=True))
    assert {"granted", "ended"} <= statuses
    assert FrontlinePayment.objects.exists()
    sevda = User.objects.get(username="demo-wmo")
    assert selectors.decision_list_for_user(user=sevda).exists()
    oost = Team.objects.get(name="Wijkteam Enschede-Oost")
    assert selectors.oversight_team_ids(user=sevda) == {oost.pk}
    figures = selectors.expenditure(
        municipality_id=municipality.pk, year=Decision.objects.latest("period_start").period_start.year, by="team"
    )
    assert figures.total > 0
    findings = sum(len(selectors.lawfulness_for_team(team=team).findings) for team in Team.objects.all())
    assert findings > 0
    # The demo pages render for Sevda: a case with decisions, lawfulness, expenditure.
    client.force_login(sevda)
    decision = selectors.decision_list_for_user(user=sevda).first()
    page = client.get(f"/casussen/{decision.case_id}/")
    assert page.status_code == 200 and decision.option.name in page.content.decode()
    assert client.get("/rechtmatigheid/").status_code == 200
    assert client.get("/uitgaven/?by=district").status_code == 200
    counts = (StepChange.objects.count(), Decision.objects.count(), FrontlinePayment.objects.count())
    demo_load(municipality=municipality, users={}, rng=random.Random(1))
    assert (StepChange.objects.count(), Decision.objects.count(), FrontlinePayment.objects.count()) == counts
