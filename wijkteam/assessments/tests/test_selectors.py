"""The progress of a case: per person and domain, the change since the first assessment, in a fixed number
of queries whatever the number of assessments."""

import pytest

from wijkteam.assessments import selectors
from wijkteam.assessments.tests.factories import assess, world
from wijkteam.cases import selectors as case_selectors
from wijkteam.cases import services as case_services

pytestmark = pytest.mark.django_db


def _view(s):
    return case_selectors.case_content_or_404(user=s.coordinator, case_id=s.case_a.pk)


def test_case_progress_per_person_and_domain(django_assert_num_queries):
    s = world()
    assess(s, moment="intake", days_ago=90, finances=1, social_network=3)
    assess(s, moment="evaluation", days_ago=45, finances=2)
    assess(s, moment="closure", days_ago=1, finances=4, social_network=2)
    view = _view(s)
    with django_assert_num_queries(3):
        progress = selectors.case_progress(view)
    (person,) = progress.persons
    assert [a.moment for a in person.assessments] == ["intake", "evaluation", "closure"]
    changes = {d.domain.code: (d.change.first, d.change.last, d.change.delta) for d in person.domains}
    assert changes == {"finances": (1, 4, 3), "social_network": (3, 2, -1)}
    social = next(d for d in person.domains if d.domain.code == "social_network")
    assert list(social.scores.values()) == [3, 2]  # no score at the evaluation


def test_case_progress_queries_do_not_grow(django_assert_max_num_queries):
    s = world()
    assess(s, moment="intake", days_ago=90)
    view = _view(s)
    with django_assert_max_num_queries(3):
        selectors.case_progress(view)
    for days in range(80, 0, -10):
        assess(s, moment="evaluation", days_ago=days)
    with django_assert_max_num_queries(3):
        assert len(selectors.case_progress(view).persons[0].assessments) == 9


def test_touched_domains_are_the_request_s_and_the_goals(django_assert_num_queries):
    s = world()
    plan = case_services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    case_services.goal_add(plan=plan, life_domain_code="housing", text="Een eigen plek", actor=s.coordinator)
    with django_assert_num_queries(1):
        codes = selectors.touched_domain_codes(s.case_a)
    assert codes == {"finances", "social_network", "housing"}


def test_adults_of_a_case_leave_out_the_children():
    s = world()
    assert selectors.adults_of(s.case_a) == sorted(s.family_a.adults, key=lambda p: (p.birth_date, p.pk))
