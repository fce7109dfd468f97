"""The demo assessments: every demo team uses the ZRM; intakes for the demo cases, evaluations and
closures mostly improving, goal ratings; valid by the scoring rules, bulk, deterministic and idempotent."""

import random
from collections import Counter

import pytest

from wijkteam.assessments import scoring, selectors
from wijkteam.assessments.demo import demo_load
from wijkteam.assessments.models import Assessment, DomainScore, GoalRating, TeamInstrumentSetting
from wijkteam.cases.models import Case
from wijkteam.demo.accounts import demo_accounts_load
from wijkteam.demo.cases import demo_cases_load
from wijkteam.demo.households import demo_households_load
from wijkteam.demo.tests.test_cases_demo import TODAY, enschede_registry  # noqa: F401 - a fixture
from wijkteam.households.age import is_minor_on
from wijkteam.neighbourhoods.services import regions_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(enschede_registry, django_assert_max_num_queries):  # noqa: F811 - the imported fixture
    regions_import(path=enschede_registry)
    users = {user.username: user for user, _ in demo_accounts_load()}
    households = demo_households_load(municipality_code="GM0153", seed=42, today=TODAY)
    demo_cases_load(municipality_code="GM0153", households=households, users=users, seed=7, today=TODAY)
    # Bulk: the ZRM sync (an upsert per domain and label) and a few queries per table, never one per case.
    with django_assert_max_num_queries(150):
        summary = demo_load(municipality_code="GM0153", users=users, rng=random.Random(3), today=TODAY)
    return {"users": users, "summary": summary}


def test_demo_assessments_cover_the_cases_and_mostly_improve(loaded):
    assert TeamInstrumentSetting.objects.filter(in_use=True).count() == 3
    assessments = Assessment.objects.all()
    assert loaded["summary"]["assessments"] == assessments.count() >= 150
    moments = Counter(assessments.values_list("moment", flat=True))
    assert moments["intake"] >= 100 and moments["evaluation"] >= 30 and moments["closure"] >= 20
    assert Case.objects.filter(assessments__isnull=False).distinct().count() >= 100
    for a in assessments.select_related("person"):
        assert is_minor_on(a.person.birth_date, a.assessed_on) is False
        assert a.assessed_on <= TODAY
    # Only touched domains, never the justice domain (no demo team enabled it).
    assert not DomainScore.objects.filter(life_domain__code="justice").exists()
    for case in Case.objects.filter(assessments__isnull=False).distinct()[:40]:
        touched = selectors.touched_domain_codes(case)
        scored = set(DomainScore.objects.filter(assessment__case=case).values_list("life_domain__code", flat=True))
        assert scored <= touched
    # Mostly improving from intake to closure, some not.
    changes = []
    for closure in assessments.filter(moment="closure"):
        intake = assessments.get(case=closure.case, person=closure.person, moment="intake")
        first = {s.life_domain_id: s.score for s in intake.scores.all()}
        changes += [s.score - first[s.life_domain_id] for s in closure.scores.all()]
    assert sum(c > 0 for c in changes) > len(changes) / 2
    assert any(c <= 0 for c in changes)
    ratings = GoalRating.objects.all()
    assert loaded["summary"]["goal_ratings"] == ratings.count() >= 30
    assert set(ratings.values_list("household_rating", flat=True)) == {"reached", "partly", "not_reached"}
    assert ratings.exclude(household_words="").exists()


def test_demo_assessments_are_idempotent_and_deterministic(loaded):
    before = list(Assessment.objects.order_by("pk").values_list("case_id", "person_id", "moment", "assessed_on"))
    again = demo_load(municipality_code="GM0153", users=loaded["users"], rng=random.Random(3), today=TODAY)
    assert again == loaded["summary"]
    assert (
        list(Assessment.objects.order_by("pk").values_list("case_id", "person_id", "moment", "assessed_on")) == before
    )


def test_the_demo_generalist_has_cases_with_progress(loaded):
    generalist = loaded["users"]["demo-generalist"]
    mine = Case.objects.filter(coordinator=generalist, assessments__moment="evaluation").distinct()
    assert mine.exists()
    assert scoring  # the rules module is what the loader uses to pick the domains
