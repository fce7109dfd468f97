"""The case page's sections (progress with chart data and table; goal ratings), the recording pages and
the instrument pages, with the need-to-know rule and constant query counts."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkteam.access.models import AccessLogEntry
from wijkteam.access.tests.factories import UserFactory
from wijkteam.assessments.models import Assessment, GoalRating, Instrument, TeamInstrumentSetting
from wijkteam.assessments.tests.factories import assess, world, zrm
from wijkteam.cases import services as case_services

pytestmark = pytest.mark.django_db


def detail(s):
    return reverse("cases:case_detail", args=[s.case_a.pk])


def record_url(s, case=None):
    return reverse("assessments:assessment_record", args=[(case or s.case_a).pk])


def test_the_case_page_shows_progress_as_chart_data_and_a_table(client):
    s = world()
    assess(s, moment="intake", days_ago=90, finances=2, social_network=3)
    assess(s, moment="evaluation", days_ago=10, finances=4, social_network=3)
    client.force_login(s.coordinator)
    html = client.get(detail(s)).content.decode()
    assert 'id="progress-heading"' in html
    person = s.family_a.adults[0]
    assert f'data-progress-chart="progress-data-{person.pk}"' in html
    data = json.loads(
        re.search(rf'<script id="progress-data-{person.pk}" type="application/json">(.*?)</script>', html).group(1)
    )
    assert {(v["domain"], v["score"]) for v in data["values"]} >= {("Financiën", 2), ("Financiën", 4)}
    assert "+2 sinds intake" in html
    assert "±0 sinds intake" in html
    assert "<table" in html and "<details" in html
    assert "vega-embed.min.js" in html and "progress-chart.js" in html


def test_the_case_page_query_count_does_not_grow_with_assessments(client, django_assert_max_num_queries):
    s = world()
    assess(s, moment="intake", days_ago=90)
    client.force_login(s.coordinator)
    with django_assert_max_num_queries(200) as few:
        client.get(detail(s))
    for days in (60, 40, 20, 5):
        assess(s, moment="evaluation", days_ago=days)
    assess(s, moment="closure", days_ago=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(detail(s)).status_code == 200


def test_no_section_when_the_team_uses_no_instrument_and_nothing_was_scored(client):
    s = world()
    TeamInstrumentSetting.objects.filter(team=s.team_a).delete()
    client.force_login(s.coordinator)
    assert 'id="progress-heading"' not in client.get(detail(s)).content.decode()


def test_the_index_card_shows_no_scores(client):
    s = world()
    assess(s)
    client.force_login(s.teammate)
    html = client.get(detail(s)).content.decode()
    assert "progress-heading" not in html


def test_the_form_offers_only_touched_domains_and_adults(client):
    s = world()
    client.force_login(s.coordinator)
    response = client.get(record_url(s))
    html = response.content.decode()
    assert 'name="score_finances"' in html and 'name="score_social_network"' in html
    assert 'name="score_housing"' not in html and 'name="score_justice"' not in html
    assert s.family_a.children[0].full_name not in html
    assert s.family_a.adults[0].full_name in html
    assert "3 – Beperkt zelfredzaam" in html


def test_recording_an_assessment_through_the_page(client):
    s = world()
    client.force_login(s.coordinator)
    response = client.post(
        record_url(s),
        {
            "person": s.family_a.adults[1].pk,
            "moment": "intake",
            "assessed_on": timezone.localdate().isoformat(),
            "score_finances": "2",
            "score_social_network": "",
            "note": "Eerste gesprek.",
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert [sc.score for sc in assessment.scores.all()] == [2]
    assert AccessLogEntry.objects.filter(user=s.coordinator, person_id=s.family_a.adults[1].pk).exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"score_finances": "", "score_social_network": ""}, "Geef een score voor minstens één leefgebied."),
        ({"assessed_on": "2999-01-01"}, "De datum van een meting kan niet in de toekomst liggen."),
        ({"score_finances": "9"}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_gets_a_clear_dutch_message(client, values, message):
    s = world()
    client.force_login(s.coordinator)
    data = {
        "person": s.family_a.adults[0].pk,
        "moment": "intake",
        "assessed_on": timezone.localdate().isoformat(),
        "score_finances": "2",
        **values,
    }
    response = client.post(record_url(s), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("who", ["teammate", "other_team_worker", "volunteer", "advisor"])
def test_only_those_who_see_the_content_may_record(client, who):
    s = world()
    client.force_login(getattr(s, who))
    assert client.get(record_url(s)).status_code == 404
    assert client.post(record_url(s), {}).status_code == 404


def test_a_partner_involved_in_the_case_may_record(client):
    s = world()
    client.force_login(s.partner)
    assert client.get(record_url(s)).status_code == 200


def _goal(s):
    plan = case_services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    return case_services.goal_add(plan=plan, life_domain_code="finances", text="Rond komen", actor=s.coordinator)


def test_goal_ratings_on_the_case_page_and_the_rating_page(client):
    s = world()
    goal = _goal(s)
    client.force_login(s.coordinator)
    url = reverse("assessments:goal_rating_record", args=[s.case_a.pk, goal.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "moment": "evaluation",
            "rated_on": timezone.localdate().isoformat(),
            "household_rating": "partly",
            "worker_rating": "reached",
            "household_words": "Het lukt bijna",
        },
    )
    assert response.status_code == 302
    assert GoalRating.objects.get().household_rating == "partly"
    html = client.get(detail(s)).content.decode()
    assert "goal-ratings-heading" in html
    assert "huishouden: deels bereikt" in html and "Het lukt bijna" in html
    # The rating is on the timeline too.
    assert "Doel beoordeeld" in html


def test_a_goal_of_another_case_answers_404(client):
    s = world()
    goal = _goal(s)
    client.force_login(s.other_team_worker)
    url = reverse("assessments:goal_rating_record", args=[s.case_b.pk, goal.pk])
    assert client.get(url).status_code == 404


def test_assessments_appear_on_the_timeline(client):
    s = world()
    assess(s, days_ago=3)
    client.force_login(s.coordinator)
    html = client.get(reverse("cases:case_timeline", args=[s.case_a.pk])).content.decode()
    assert "Zelfredzaamheid gemeten (intake)" in html


def test_instrument_pages_for_the_functional_administrator(client):
    s = world()
    admin = UserFactory(roles=["functional_admin"])
    client.force_login(admin)
    assert "Zelfredzaamheid-Matrix" in client.get(reverse("assessments:instrument_list")).content.decode()
    response = client.post(
        reverse("assessments:instrument_create"),
        {
            "code": "eigen-kracht",
            "name_nl": "Eigen kracht",
            "name_en": "Own strength",
            "scale_min": "1",
            "scale_max": "3",
            "life_domains": [d.life_domain_id for d in zrm().domains.all()[:2]],
            "labels": "1 = Laag | Low\n2 = Midden | Middle\n3 = Hoog | High",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    instrument = Instrument.objects.get(code="eigen-kracht")
    assert instrument.scale_labels.count() == 3
    response = client.post(
        reverse("assessments:instrument_update", args=[instrument.pk]),
        {"code": "eigen-kracht", "name_nl": "x", "name_en": "x", "scale_min": "1", "scale_max": "3", "labels": "een"},
    )
    assert response.status_code == 200
    assert "Regel 1" in response.content.decode()
    # Settings per team: an administrator for every team.
    url = reverse("assessments:team_instruments", args=[s.team_b.pk])
    assert client.get(url).status_code == 200


def test_a_team_lead_sets_the_instruments_of_their_own_team_only(client):
    s = world()
    client.force_login(s.team_lead)
    assert client.get(reverse("assessments:instrument_create")).status_code == 403
    assert client.get(reverse("assessments:team_instruments", args=[s.team_b.pk])).status_code == 404
    url = reverse("assessments:team_instruments", args=[s.team_a.pk])
    instrument = zrm()
    response = client.post(url, {f"i{instrument.pk}-in_use": "on", f"i{instrument.pk}-justice_enabled": "on"})
    assert response.status_code == 302
    setting = TeamInstrumentSetting.objects.get(team=s.team_a)
    assert setting.justice_enabled


def test_workers_cannot_reach_the_instrument_pages(client):
    s = world()
    client.force_login(s.coordinator)
    assert client.get(reverse("assessments:instrument_list")).status_code == 403
    assert client.get(reverse("assessments:team_instruments", args=[s.team_a.pk])).status_code == 403


def test_the_date_of_the_first_assessment_shows_in_the_table(client):
    s = world()
    day = timezone.localdate() - timedelta(days=40)
    assess(s, on=day)
    client.force_login(s.coordinator)
    html = client.get(detail(s)).content.decode()
    assert "één meting tot nu toe" in html
