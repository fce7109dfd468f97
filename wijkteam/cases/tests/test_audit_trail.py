"""The changes of a case: the audit events of the case and its objects (never another case's), per role,
with the safety section and notes' audiences respected, the read logged and the query count constant."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkteam.access.audit import event_record
from wijkteam.access.models import AccessLogEntry, AuditEvent
from wijkteam.assessments.models import GoalRating
from wijkteam.cases import audit_labels, audit_trail, selectors, services
from wijkteam.cases.models import Audience, ContactMoment
from wijkteam.cases.tests.factories import scenario_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return scenario_create()


def url(case):
    return reverse("cases:case_changes", args=[case.pk])


def view_of(user, case):
    return selectors.case_get_for_user(user=user, case_id=case.pk)


def note(case, actor, audience):
    return services.contact_moment_record(
        case=case,
        occurred_on=timezone.localdate(),
        kind=ContactMoment.Kind.CALL,
        note="Gebeld over de post",
        actor=actor,
        audience=audience,
    )


def goal(case, actor, text="Rust in de geldzaken"):
    plan = services.plan_get_or_create(case=case, actor=actor)
    return services.goal_add(plan=plan, life_domain_code="finances", text=text, actor=actor)


def actions_of(user, case):
    return list(audit_trail.case_audit_events(view_of(user, case), user).values_list("action", flat=True))


def test_events_of_the_case_and_its_objects_newest_first_never_of_another_case(s):
    goal_a = goal(s.case_a, s.coordinator)
    goal_b = goal(s.case_b, s.other_team_worker, text="Ander doel")
    event_record(actor=s.other_team_worker, action="case.next_step_set", target=s.case_b)
    rating = GoalRating.objects.create(
        goal=goal_a,
        moment="evaluation",
        rated_on=timezone.localdate(),
        household_rating="reached",
        worker_rating="reached",
        recorded_by=s.coordinator,
    )
    event_record(actor=s.coordinator, action="goal.rated", target=rating)  # registered by assessments
    events = list(audit_trail.case_audit_events(view_of(s.coordinator, s.case_a), s.coordinator))
    assert [e.action for e in events][:3] == ["goal.rated", "goal.added", "plan.created"]
    assert "case.opened" in [e.action for e in events]
    others = {("cases.case", str(s.case_b.pk)), ("cases.goal", str(goal_b.pk))}
    assert not {(e.target_type, e.target_id) for e in events} & others
    assert all(e.actor_id != s.other_team_worker.pk for e in events)


def test_safety_events_and_closed_notes_stay_hidden_from_who_may_not_see_them(s):
    event_record(actor=s.coordinator, action="safety.updated", target=s.case_a, details={"decision": "x"})
    note(s.case_a, s.coordinator, Audience.COORDINATOR)
    note(s.case_a, s.coordinator, Audience.TEAM)
    coordinator, partner = actions_of(s.coordinator, s.case_a), actions_of(s.partner, s.case_a)
    assert "safety.updated" in coordinator and coordinator.count("contact_moment.recorded") == 2
    assert "safety.updated" not in partner and partner.count("contact_moment.recorded") == 1


def test_no_content_no_events(s):
    assert actions_of(s.teammate, s.case_a) == []


@pytest.mark.parametrize(
    ("action", "summary", "details", "expected"),
    [
        ("case.status_set", "", {"from": "intake", "to": "plan"}, "intake → plan"),
        ("safety.updated", "", {"decision_from": "", "decision": "pending"}, "– → pending"),
        ("decision.status_set", "requested -> granted", {"from": "requested", "to": "granted"}, "requested → granted"),
        ("goal.updated", "", {"status": "reached"}, "→ reached"),
        ("case.coordinator_changed", "", {"from": 3, "to": 4}, ""),
        ("frontline_payment.recorded", "EUR 50", {}, "EUR 50"),
        ("plan.created", "", None, ""),
    ],
)
def test_change_summary(action, summary, details, expected):
    assert audit_labels.change_summary(action, summary, details) == expected


def test_unknown_action_shows_its_code():
    assert audit_labels.action_label("something.new") == "something.new"
    assert audit_labels.action_label("case.opened") != "case.opened"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("coordinator", 200),
        ("partner", 200),
        ("teammate", 404),
        ("team_lead", 404),
        ("volunteer", 404),
        ("other_team_worker", 404),
        ("advisor", 404),
        ("privacy", 404),
    ],
)
def test_page_per_role(client, s, who, status):
    client.force_login(getattr(s, who))
    assert client.get(url(s.case_a)).status_code == status


def test_page_shows_who_what_and_logs_the_read(client, s):
    goal(s.case_a, s.coordinator)
    before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    client.force_login(s.coordinator)
    text = unescape(client.get(url(s.case_a)).content.decode())
    assert "Doel toegevoegd" in text and "Doel" in text and str(s.coordinator) in text
    assert AccessLogEntry.objects.filter(pk__gt=before, user=s.coordinator, data_category="case content").exists()
    assert client.get(url(s.case_a) + "?page=x").status_code == 200


def test_case_page_has_the_changes_card(client, s):
    client.force_login(s.coordinator)
    text = unescape(client.get(reverse("cases:case_detail", args=[s.case_a.pk])).content.decode())
    assert 'id="changes"' in text and url(s.case_a) in text


def test_query_count_constant_in_the_number_of_events(client, s, django_assert_max_num_queries):
    client.force_login(s.coordinator)
    goal(s.case_a, s.coordinator)
    client.get(url(s.case_a))  # warm caches (session, user)
    with django_assert_max_num_queries(30) as few:
        client.get(url(s.case_a))
    for n in range(15):
        g = goal(s.case_a, s.coordinator, text=f"Doel {n}")
        note(s.case_a, s.coordinator, Audience.TEAM)
        event_record(actor=s.coordinator, action="goal.updated", target=g, details={"status": "reached"})
    assert AuditEvent.objects.count() > 40
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url(s.case_a))
    assert response.status_code == 200


def test_paginated(client, s):
    for _n in range(audit_trail_page_size() + 5):
        event_record(actor=s.coordinator, action="case.next_step_set", target=s.case_a)
    client.force_login(s.coordinator)
    first = client.get(url(s.case_a))
    second = client.get(url(s.case_a) + "?page=2")
    assert first.context["page"].has_next() and second.context["page"].number == 2
    assert len(second.context["rows"]) >= 5


def audit_trail_page_size():
    from wijkteam.cases.views_audit import CHANGES_PER_PAGE

    return CHANGES_PER_PAGE
