"""The worker's case pages, per role: content, index card or 404; the access log written; query counts
constant in the number of rows; plan edits that never lose an update (optimistic locking)."""

from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkteam.access.models import AccessLogEntry, AuditEvent
from wijkteam.access.tests.factories import UserFactory
from wijkteam.cases import services
from wijkteam.cases.models import (
    Action,
    Case,
    CaseConference,
    ChildProtectionMeasure,
    ContactMoment,
    ContentAccessGrant,
    Goal,
    Involvement,
    Plan,
    SafetyAssessment,
)
from wijkteam.cases.tests.factories import (
    case_create,
    organisation_create,
    partner_involve,
    scenario_create,
    sharing_record,
)
from wijkteam.households.tests.factories import family_create

pytestmark = pytest.mark.django_db
HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def s():
    return scenario_create()


def url(name, *args):
    return reverse(f"cases:{name}", args=args)


def as_user(client, user):
    client.force_login(user)
    return client


def page_text(response):
    """The page as text, with HTML entities resolved (generated names may hold an apostrophe)."""
    return unescape(response.content.decode())


def last_log_id():
    """The access log is append-only (on PostgreSQL a trigger refuses deletes): tests read what came after."""
    return AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def today():
    return timezone.localdate()


def plan_with_goal(s, text="Rust in de geldzaken"):
    plan = services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    goal = services.goal_add(plan=plan, life_domain_code="finances", text=text, actor=s.coordinator)
    return plan, goal


# --- the case list ---------------------------------------------------------------------------------------


def test_case_list_shows_content_and_index_cards_of_the_own_teams(client, s):
    page = as_user(client, s.coordinator).get(url("case_list"))
    assert page.status_code == 200
    html = page_text(page)
    assert str(s.case_a.household.name) in html and s.family_b.household.name not in html
    assert ">indexkaart</span>" not in html
    names = {p.full_name for p in s.family_a.members}
    assert all(name in html for name in names)
    assert s.family_a.address.street in html

    html = page_text(as_user(client, s.teammate).get(url("case_list")))
    assert s.case_a.household.name in html and ">indexkaart</span>" in html

    # The partner sees the case he is involved in, with its content.
    html = page_text(as_user(client, s.partner).get(url("case_list")))
    assert s.case_a.household.name in html and ">indexkaart</span>" not in html

    html = page_text(as_user(client, s.other_team_worker).get(url("case_list")))
    assert s.case_a.household.name not in html and s.family_b.household.name in html


def test_case_list_logs_every_listed_person(client, s):
    since = last_log_id()
    as_user(client, s.teammate).get(url("case_list"))
    entries = AccessLogEntry.objects.filter(pk__gt=since, user=s.teammate)
    assert set(entries.values_list("action", flat=True)) == {"list"}
    assert sorted(entries.values_list("person_id", flat=True)) == sorted(p.pk for p in s.family_a.members)


@pytest.mark.parametrize("who", ["volunteer", "advisor", "privacy"])
def test_case_list_is_for_those_who_work_on_cases(client, s, who):
    assert as_user(client, getattr(s, who)).get(url("case_list")).status_code == 403


def test_case_list_filters_mine_and_status(client, s):
    other = case_create(family_create(adults=1, children=0), s.team_a, s.teammate)
    services.case_close(case=other, closed_on=today(), reason="goals_reached", result="improved", actor=s.teammate)
    client = as_user(client, s.coordinator)
    html = page_text(client.get(url("case_list")))
    assert other.household.name not in html  # closed: not among the running cases
    html = page_text(client.get(url("case_list"), {"status": "all"}))
    assert other.household.name in html
    html = page_text(client.get(url("case_list"), {"status": "all", "scope": "mine"}))
    assert other.household.name not in html and s.case_a.household.name in html
    html = page_text(client.get(url("case_list"), {"status": "closed"}))
    assert other.household.name in html and s.case_a.household.name not in html
    # Nonsense in the query string falls back to the defaults, never a 500.
    assert client.get(url("case_list"), {"status": "x", "scope": "y", "page": "z"}).status_code == 200
    partial = client.get(url("case_list"), {"status": "all"}, **HX)
    assert b"<html" not in partial.content and other.household.name in page_text(partial)


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


LIST_QUERIES = 21


def test_case_list_query_count_is_constant_in_the_number_of_cases(client, s, django_assert_max_num_queries):
    client = as_user(client, s.teammate)
    with django_assert_max_num_queries(LIST_QUERIES):
        assert client.get(url("case_list")).status_code == 200
    for _ in range(30):
        case_create(family_create(adults=2, children=2), s.team_a, s.coordinator)
    # A page of 25 cases with 4 persons each: the same bound (SQLite may split the access-log insert in two).
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(url("case_list"))
    assert "Pagina 1 van 2" in page_text(response)


# --- the case page ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("coordinator", "content"),
        ("partner", "content"),
        ("teammate", "index"),
        ("team_lead", "index"),
        ("volunteer", 404),
        ("other_team_worker", 404),
        ("advisor", 404),
        ("privacy", 404),
    ],
)
def test_case_page_per_role(client, s, who, expected):
    since = last_log_id()
    user = getattr(s, who)
    response = as_user(client, user).get(url("case_detail", s.case_a.pk))
    entries = AccessLogEntry.objects.filter(pk__gt=since, user=user)
    if expected == 404:
        assert response.status_code == 404
        assert not entries.exists()
        return
    html = page_text(response)
    assert response.status_code == 200
    words = s.case_a.help_request.words
    if expected == "content":
        assert words in html and "Contact vastleggen" in html
        assert set(entries.values_list("data_category", flat=True)) == {"case content"}
    else:
        assert words not in html and "Dossier openen met reden" in html
        assert s.coordinator.get_full_name() in html and s.family_a.address.street in html
        assert set(entries.values_list("data_category", flat=True)) == {"index card"}
    assert sorted(entries.values_list("person_id", flat=True)) == sorted(p.pk for p in s.family_a.members)


def test_case_page_shows_the_client_system_with_roles_and_the_wmo_clock(client, s):
    family = family_create(adults=1, children=1)
    case = case_create(family, s.team_a, s.coordinator, is_wmo_report=True)
    html = page_text(as_user(client, s.coordinator).get(url("case_detail", case.pk)))
    assert "Kind" in html and "Cliënt" in html
    assert "Wmo-melding" in html and "dagen" in html


def test_case_page_query_count_is_constant_in_the_number_of_records(client, s):
    client = as_user(client, s.coordinator)
    path = url("case_detail", s.case_a.pk)
    plan, goal = plan_with_goal(s)

    def add(n):
        services.contact_moment_record(
            case=s.case_a,
            occurred_on=today(),
            kind="call",
            note=f"Gebeld {n}",
            actor=s.coordinator,
            life_domain_codes=["finances", "housing"],
        )
        services.goal_add(plan=plan, life_domain_code="housing", text=f"Doel {n}", actor=s.coordinator)
        services.action_add(
            plan=plan,
            data=services.ActionInput(who_kind="worker", what=f"Actie {n}", assignee_id=s.teammate.pk, goal_id=goal.pk),
            actor=s.coordinator,
        )
        services.conference_record(
            case=s.case_a,
            held_on=today(),
            questions=f"Vraag {n}",
            participant_ids=[s.coordinator.pk, s.partner.pk],
            new_actions=[services.ActionInput(who_kind="partner", what=f"Afspraak {n}", organisation_id=s.debt.pk)],
            actor=s.coordinator,
        )

    add(0)
    client.get(path)
    few = count_queries(client, path)
    for n in range(1, 9):
        add(n)
    many = count_queries(client, path)
    assert few == many


def test_open_with_a_reason_records_the_reason_and_shows_the_content(client, s):
    client = as_user(client, s.teammate)
    assert client.get(url("case_open_with_reason", s.case_a.pk)).status_code == 200
    response = client.post(url("case_open_with_reason", s.case_a.pk), {"reason": "kort"})
    assert response.status_code == 200 and "minstens 10 tekens" in page_text(response)
    assert not ContentAccessGrant.objects.exists()
    response = client.post(
        url("case_open_with_reason", s.case_a.pk), {"reason": "Collega ziek, moeder belt over de huur"}
    )
    assert response.status_code == 302 and response.url == url("case_detail", s.case_a.pk)
    grant = ContentAccessGrant.objects.get(user=s.teammate, case=s.case_a)
    assert grant.reason == "Collega ziek, moeder belt over de huur"
    opened = AccessLogEntry.objects.filter(user=s.teammate, action="open_with_reason")
    assert sorted(opened.values_list("person_id", flat=True)) == sorted(p.pk for p in s.family_a.members)
    assert set(opened.values_list("purpose", flat=True)) == {"Collega ziek, moeder belt over de huur"}
    assert AuditEvent.objects.filter(action="case.opened_with_reason", actor=s.teammate).exists()
    since = last_log_id()
    html = page_text(client.get(url("case_detail", s.case_a.pk)))
    assert s.case_a.help_request.words in html
    assert set(
        AccessLogEntry.objects.filter(pk__gt=since, user=s.teammate).values_list("data_category", flat=True)
    ) == {"case content"}
    # Once open, the reason page leads straight to the case.
    assert client.get(url("case_open_with_reason", s.case_a.pk)).status_code == 302
    # The coordinator sees who opened the file and why.
    html = page_text(as_user(client, s.coordinator).get(url("case_detail", s.case_a.pk)))
    assert "Collega ziek, moeder belt over de huur" in html


@pytest.mark.parametrize("who", ["other_team_worker", "partner", "volunteer"])
def test_open_with_a_reason_is_only_for_the_team(client, s, who):
    case = s.case_b if who == "partner" else s.case_a
    assert as_user(client, getattr(s, who)).get(url("case_open_with_reason", case.pk)).status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "case_timeline",
        "contact_moment_record",
        "plan_edit",
        "plan_print",
        "conference_record",
        "involvement_list",
        "case_close",
        "safety_section",
    ],
)
def test_content_pages_answer_404_to_an_index_card_viewer(client, s, name):
    assert as_user(client, s.teammate).get(url(name, s.case_a.pk)).status_code == 404
    assert as_user(client, s.other_team_worker).get(url(name, s.case_a.pk)).status_code == 404


def test_status_buttons_move_the_case_to_the_next_stage(client, s):
    client = as_user(client, s.coordinator)
    html = page_text(client.get(url("case_detail", s.case_a.pk)))
    assert "Naar fase: Plan" in html and "Naar fase: Uitvoering" not in html
    response = client.post(url("case_status_set", s.case_a.pk), {"status": "plan"})
    assert response.status_code == 302
    assert Case.objects.get(pk=s.case_a.pk).status == "plan"
    response = client.post(url("case_status_set", s.case_a.pk), {"status": "evaluation"}, follow=True)
    assert "niet mogelijk" in page_text(response)
    assert Case.objects.get(pk=s.case_a.pk).status == "plan"
    # The involved partner sees the content but does not direct the case.
    assert as_user(client, s.partner).post(url("case_status_set", s.case_a.pk), {"status": "intake"}).status_code == 403


def test_next_step_is_set_and_shown_on_the_index_card(client, s):
    as_user(client, s.coordinator).post(url("case_next_step_set", s.case_a.pk), {"next_step": "Huisbezoek dinsdag"})
    html = page_text(as_user(client, s.teammate).get(url("case_detail", s.case_a.pk)))
    assert "Huisbezoek dinsdag" in html
    response = as_user(client, s.coordinator).post(url("case_next_step_set", s.case_a.pk), {"next_step": "x" * 201})
    assert Case.objects.get(pk=s.case_a.pk).next_step == "Huisbezoek dinsdag" and response.status_code == 302


# --- contact moments ------------------------------------------------------------------------------------------


def test_contact_moment_from_the_case_page_with_htmx(client, s):
    client = as_user(client, s.coordinator)
    form = {"occurred_on": today().isoformat(), "kind": "home_visit", "note": "Kennismaking bij het gezin thuis"}
    response = client.post(url("contact_moment_record", s.case_a.pk), form, **HX)
    assert response.status_code == 200 and response["HX-Trigger"] == "timelineChanged"
    html = page_text(response)
    assert "<html" not in html and "Het contactmoment is vastgelegd" in html
    moment = ContactMoment.objects.get(case=s.case_a)
    assert moment.audience == "team" and moment.kind == "home_visit"
    timeline = page_text(client.get(url("case_timeline", s.case_a.pk), **HX))
    assert "Kennismaking bij het gezin thuis" in timeline


def test_contact_moment_has_at_most_four_required_fields_and_keeps_bad_input(client, s):
    client = as_user(client, s.coordinator)
    response = client.post(url("contact_moment_record", s.case_a.pk), {"note": "Gebeld over de post"}, **HX)
    html = page_text(response)
    assert "Gebeld over de post" in html and "Dit veld is vereist" in html
    assert not ContactMoment.objects.exists()
    future = (today() + timedelta(days=2)).isoformat()
    response = client.post(
        url("contact_moment_record", s.case_a.pk), {"occurred_on": future, "kind": "call", "note": "Later"}, **HX
    )
    assert "De datum kan niet in de toekomst liggen" in page_text(response)
    from wijkteam.cases.forms_case import ContactMomentForm
    from wijkteam.cases.selectors import client_system_persons, life_domains_for

    form = ContactMomentForm(life_domains=life_domains_for(s.case_a), persons=client_system_persons(s.case_a))
    assert len([f for f in form.fields.values() if f.required]) <= 4


def test_contact_moment_without_htmx_redirects_and_partner_notes_stay_in_their_organisation(client, s):
    client = as_user(client, s.partner)
    response = client.post(
        url("contact_moment_record", s.case_a.pk),
        {
            "occurred_on": today().isoformat(),
            "kind": "call",
            "note": "Beslagleggingen besproken",
            "life_domains": ["finances"],
        },
    )
    assert response.status_code == 302
    moment = ContactMoment.objects.get()
    assert moment.audience == "organisation" and [d.code for d in moment.life_domains.all()] == ["finances"]
    html = page_text(as_user(client, s.coordinator).get(url("case_detail", s.case_a.pk)))
    assert "Beslagleggingen besproken" not in html


def test_timeline_is_newest_first_and_shows_more_on_request(client, s):
    for n in range(14):
        services.contact_moment_record(
            case=s.case_a,
            occurred_on=today() - timedelta(days=n),
            kind="call",
            note=f"Notitie {n:02d}",
            actor=s.coordinator,
        )
    client = as_user(client, s.coordinator)
    html = page_text(client.get(url("case_timeline", s.case_a.pk), **HX))
    assert html.index("Notitie 00") < html.index("Notitie 01") and "Notitie 12" not in html and "Toon meer" in html
    html = page_text(client.get(url("case_timeline", s.case_a.pk), {"limit": 30, "focus": 11}, **HX))
    assert "Notitie 13" in html and "Toon meer" not in html and 'data-focus-target="timeline-item-11"' in html
    page = client.get(url("case_timeline", s.case_a.pk), {"limit": "lots"})
    assert page.status_code == 200 and b"<html" in page.content


# --- the plan --------------------------------------------------------------------------------------------------


def test_plan_goals_and_actions_with_htmx(client, s):
    client = as_user(client, s.coordinator)
    assert client.get(url("plan_edit", s.case_a.pk)).status_code == 200
    response = client.post(
        url("goal_add", s.case_a.pk),
        {"life_domain": "finances", "text": "Rust in de geldzaken", "success_criterion": "Alle rekeningen betaald"},
        **HX,
    )
    assert response.status_code == 200 and response["HX-Retarget"] == "#plan-body"
    assert "Rust in de geldzaken" in page_text(response)
    goal = Goal.objects.get()
    response = client.post(
        url("action_add", s.case_a.pk),
        {"goal": goal.pk, "what": "Maaltijd samen", "who_kind": "volunteer", "assignee": s.volunteer.pk},
        **HX,
    )
    assert "Maaltijd samen" in page_text(response)
    action = Action.objects.get()
    assert action.assignee == s.volunteer and action.goal == goal
    # Own network needs a name; a partner action needs the organisation.
    response = client.post(url("action_add", s.case_a.pk), {"what": "Boodschappen", "who_kind": "own_network"}, **HX)
    assert "Schrijf op wie uit het eigen netwerk" in page_text(response)
    response = client.post(url("action_add", s.case_a.pk), {"what": "Overzicht", "who_kind": "partner"}, **HX)
    assert "Kies de partnerorganisatie" in page_text(response)
    assert Action.objects.count() == 1
    # Tick off.
    response = client.post(
        url("action_set_status", s.case_a.pk, action.pk), {"status": "done", "version": action.version}, **HX
    )
    assert Action.objects.get().status == "done" and "Gedaan" in page_text(response)


def test_plan_pages_without_javascript(client, s):
    client = as_user(client, s.coordinator)
    response = client.post(url("goal_add", s.case_a.pk), {"life_domain": "finances", "text": "Rust"})
    assert response.status_code == 302
    goal = Goal.objects.get()
    page = client.get(url("goal_update", s.case_a.pk, goal.pk))
    assert page.status_code == 200 and b"<html" in page.content and b"hx-post" not in page.content
    response = client.post(
        url("goal_update", s.case_a.pk, goal.pk),
        {"text": "Rust in de geldzaken", "success_criterion": "", "status": "open", "version": goal.version},
    )
    assert response.status_code == 302 and Goal.objects.get().text == "Rust in de geldzaken"
    bad = client.post(url("goal_add", s.case_a.pk), {"life_domain": "nope", "text": ""})
    assert bad.status_code == 200 and "Selecteer een geldige keuze" in page_text(bad)


def test_plan_agreed_makes_a_version_and_is_for_those_who_direct(client, s):
    plan, _goal = plan_with_goal(s)
    response = as_user(client, s.partner).post(
        url("plan_agree", s.case_a.pk), {"agreed_on": today().isoformat(), "version": plan.version}
    )
    assert response.status_code == 403
    client = as_user(client, s.coordinator)
    response = client.post(url("plan_agree", s.case_a.pk), {"agreed_on": today().isoformat(), "version": plan.version})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.agreed_on == today() and plan.versions.count() == 1
    assert Case.objects.get(pk=s.case_a.pk).status == "execution"
    page = client.get(url("plan_version_detail", s.case_a.pk, plan.version))
    assert page.status_code == 200 and "Rust in de geldzaken" in page_text(page)
    assert client.get(url("plan_version_detail", s.case_a.pk, 99)).status_code == 404
    # A stale agreement (someone changed the plan since) is refused with a clear message.
    response = client.post(
        url("plan_agree", s.case_a.pk), {"agreed_on": today().isoformat(), "version": plan.version - 1}, follow=True
    )
    assert "Iemand anders heeft" in page_text(response) and plan.versions.count() == 1


def test_printable_plan_is_logged_as_a_print(client, s):
    plan, goal = plan_with_goal(s)
    services.action_add(
        plan=plan,
        data=services.ActionInput(
            who_kind="own_network", what="Samen boodschappen doen", who_name="buurvrouw Ans", goal_id=goal.pk
        ),
        actor=s.coordinator,
    )
    since = last_log_id()
    response = as_user(client, s.coordinator).get(url("plan_print", s.case_a.pk))
    html = page_text(response)
    assert response.status_code == 200 and "Ons plan" in html and "buurvrouw Ans" in html and "wt-print-plan" in html
    entries = AccessLogEntry.objects.filter(pk__gt=since, user=s.coordinator)
    assert set(entries.values_list("action", flat=True)) == {"print"}
    assert sorted(entries.values_list("person_id", flat=True)) == sorted(p.pk for p in s.family_a.members)


def test_concurrent_summary_edits_show_the_conflict_and_keep_the_input(client, s):
    plan = services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    loaded = plan.version
    first = as_user(client, s.team_lead)
    ContentAccessGrant.objects.create(
        case=s.case_a, user=s.team_lead, reason="Invallen", expires_at=timezone.now() + timedelta(hours=1)
    )
    response = first.post(
        url("plan_edit", s.case_a.pk), {"summary": "Rust en ruimte voor het gezin", "version": loaded}
    )
    assert response.status_code == 302
    second = as_user(client, s.coordinator)
    response = second.post(url("plan_edit", s.case_a.pk), {"summary": "Schulden oplossen", "version": loaded})
    html = page_text(response)
    assert response.status_code == 200
    assert "Iemand anders heeft dit plan gewijzigd" in html
    assert "Rust en ruimte voor het gezin" in html  # their saved text
    assert "Schulden oplossen</textarea>" in html  # this person's input, kept in the form
    assert f'name="version" value="{loaded + 1}"' in html  # saving again is a deliberate overwrite
    assert Plan.objects.get().summary == "Rust en ruimte voor het gezin"
    response = second.post(url("plan_edit", s.case_a.pk), {"summary": "Schulden oplossen", "version": loaded + 1})
    assert response.status_code == 302 and Plan.objects.get().summary == "Schulden oplossen"


def test_concurrent_goal_edits_show_the_other_change_inline(client, s):
    _plan, goal = plan_with_goal(s)
    loaded = goal.version
    services.goal_update(
        goal=goal,
        expected_version=loaded,
        text="Rust in de geldzaken en de post",
        success_criterion="",
        status="open",
        actor=s.partner,
    )
    response = as_user(client, s.coordinator).post(
        url("goal_update", s.case_a.pk, goal.pk),
        {"text": "Schulden regelen", "success_criterion": "Geen aanmaningen", "status": "partly", "version": loaded},
        **HX,
    )
    html = page_text(response)
    assert "Rust in de geldzaken en de post" in html and 'value="Schulden regelen"' in html
    assert "Geen aanmaningen" in html and "Deels bereikt" in html
    assert s.partner.get_full_name() in html  # who saved in between
    assert Goal.objects.get().text == "Rust in de geldzaken en de post"


def test_concurrent_action_edits_show_the_other_change(client, s):
    plan, _goal = plan_with_goal(s)
    action = services.action_add(
        plan=plan,
        data=services.ActionInput(who_kind="worker", what="Schuldenoverzicht", assignee_id=s.coordinator.pk),
        actor=s.coordinator,
    )
    services.action_set_status(action=action, expected_version=action.version, status="done", actor=s.partner)
    client = as_user(client, s.coordinator)
    response = client.post(
        url("action_update", s.case_a.pk, action.pk),
        {
            "what": "Schuldenoverzicht maken",
            "who_kind": "worker",
            "assignee": s.coordinator.pk,
            "status": "open",
            "version": 1,
        },
        **HX,
    )
    html = page_text(response)
    assert "Iemand anders heeft deze actie gewijzigd" in html and 'value="Schuldenoverzicht maken"' in html
    response = client.post(
        url("action_set_status", s.case_a.pk, action.pk), {"status": "cancelled", "version": 1}, **HX
    )
    assert "Iemand anders heeft de actie" in page_text(response)
    assert Action.objects.get().status == "done"


# --- conference, closing, coordinator, involvements -------------------------------------------------------------


def test_conference_agreements_become_actions(client, s):
    client = as_user(client, s.coordinator)
    page = client.get(url("conference_record", s.case_a.pk))
    participants = page.context["form"].fields["participants"].queryset
    assert s.partner in participants and s.coordinator in participants and s.volunteer not in participants
    data = {
        "held_on": today().isoformat(),
        "participants": [s.coordinator.pk, s.partner.pk],
        "other_participants": "mentor van school",
        "questions": "Hoe krijgen we Daan weer naar school?",
        "agreements": "Leerplicht en school maken een plan",
        "actions-TOTAL_FORMS": "3",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "3",
        "actions-0-what": "Gesprek met de mentor",
        "actions-0-who_kind": "worker",
        "actions-0-assignee": s.coordinator.pk,
        "actions-0-due_on": (today() + timedelta(days=7)).isoformat(),
        "actions-1-what": "Boodschappen",  # incomplete: who is missing
    }
    response = client.post(url("conference_record", s.case_a.pk), data)
    assert response.status_code == 200 and not CaseConference.objects.exists()
    data["actions-1-what"] = ""
    response = client.post(url("conference_record", s.case_a.pk), data)
    assert response.status_code == 302
    conference = CaseConference.objects.get()
    assert [a.what for a in conference.actions.all()] == ["Gesprek met de mentor"]
    assert set(conference.participants.values_list("username", flat=True)) == {"fatima", "joost"}


def test_closing_with_follow_up_and_the_follow_up_done(client, s):
    _plan, _goal = plan_with_goal(s)
    client = as_user(client, s.coordinator)
    assert as_user(client, s.partner).get(url("case_close", s.case_a.pk)).status_code == 403
    client = as_user(client, s.coordinator)
    response = client.post(
        url("case_close", s.case_a.pk), {"closed_on": today().isoformat(), "reason": "", "result": "improved"}
    )
    assert response.status_code == 200 and not Case.objects.get(pk=s.case_a.pk).is_closed
    follow_up = today() + timedelta(days=90)
    response = client.post(
        url("case_close", s.case_a.pk),
        {
            "closed_on": today().isoformat(),
            "reason": "goals_reached",
            "result": "improved",
            "note": "Het gaat goed",
            "follow_up_on": follow_up.isoformat(),
        },
    )
    assert response.status_code == 302
    case = Case.objects.get(pk=s.case_a.pk)
    assert case.is_closed and case.follow_up_on == follow_up
    html = page_text(client.get(url("case_detail", case.pk)))
    assert "Waakvlam gedaan" in html and "Contact vastleggen" not in html
    # The plan of a closed case is read-only.
    assert client.post(url("goal_add", case.pk), {"life_domain": "finances", "text": "Nog iets"}).status_code == 403
    assert "kan niet meer worden gewijzigd" in page_text(client.get(url("plan_edit", case.pk)))
    response = client.post(url("case_follow_up_done", case.pk), {"note": "Gebeld, alles goed"})
    assert response.status_code == 302 and Case.objects.get(pk=case.pk).follow_up_on is None
    response = client.post(url("case_follow_up_done", case.pk), {}, follow=True)
    assert "geen waakvlam" in page_text(response)


def test_team_lead_changes_the_coordinator_from_the_index_card(client, s):
    assert as_user(client, s.teammate).get(url("case_coordinator_change", s.case_a.pk)).status_code == 403
    client = as_user(client, s.team_lead)
    html = page_text(client.get(url("case_detail", s.case_a.pk)))
    assert "Regisseur wijzigen" in html
    response = client.get(url("case_coordinator_change", s.case_a.pk))
    page = page_text(response)
    assert s.teammate.get_full_name() in page and s.volunteer.get_full_name() not in page
    # The team's suggestion is offered with its reasons, and preselected; the current coordinator is not.
    suggested = [x.candidate.user_id for x in response.context["suggestions"]]
    assert suggested == [s.teammate.pk] and "Voorgestelde regisseurs" in page and "van 100" in page
    assert response.context["form"].initial["coordinator"] == s.teammate.pk
    response = client.post(url("case_coordinator_change", s.case_a.pk), {"coordinator": s.teammate.pk, "reason": ""})
    assert response.status_code == 200 and Case.objects.get(pk=s.case_a.pk).coordinator == s.coordinator
    response = client.post(
        url("case_coordinator_change", s.case_a.pk), {"coordinator": s.volunteer.pk, "reason": "Vrijwilliger"}
    )
    assert response.status_code == 200 and Case.objects.get(pk=s.case_a.pk).coordinator == s.coordinator
    response = client.post(
        url("case_coordinator_change", s.case_a.pk), {"coordinator": s.teammate.pk, "reason": "Verlof"}
    )
    assert response.status_code == 302 and Case.objects.get(pk=s.case_a.pk).coordinator == s.teammate
    assert s.case_a.coordinator_changes.filter(reason="Verlof").exists()


def test_involvements_are_added_and_ended_by_the_coordinator(client, s):
    nurse = UserFactory(username="nurse", roles=["partner"])
    home_care = organisation_create("Wijkverpleging (test)", kind="district_nursing")
    client = as_user(client, s.coordinator)
    page = page_text(client.get(url("involvement_list", s.case_a.pk)))
    assert "nurse" in page
    response = client.post(
        url("involvement_list", s.case_a.pk),
        {"user": nurse.pk, "organisation": home_care.pk, "role": "district_nurse", "start_date": today().isoformat()},
    )
    # A partner outside the team needs a sharing ground first.
    assert response.status_code == 200 and "leg eerst de grond vast" in page_text(response)
    sharing_record(s.case_a, home_care, s.coordinator)
    response = client.post(
        url("involvement_list", s.case_a.pk),
        {"user": nurse.pk, "organisation": home_care.pk, "role": "district_nurse", "start_date": today().isoformat()},
    )
    assert response.status_code == 302
    involvement = Involvement.objects.get(user=nurse)
    assert as_user(client, nurse).get(url("case_detail", s.case_a.pk)).status_code == 200
    response = as_user(client, nurse).post(
        url("involvement_end", s.case_a.pk, involvement.pk), {"end_date": today().isoformat()}
    )
    assert response.status_code == 403
    client = as_user(client, s.coordinator)
    yesterday = (today() - timedelta(days=1)).isoformat()
    response = client.post(url("involvement_end", s.case_a.pk, involvement.pk), {"end_date": yesterday}, follow=True)
    assert "kan niet voor de startdatum" in page_text(response)
    response = client.post(url("involvement_end", s.case_a.pk, involvement.pk), {"end_date": today().isoformat()})
    assert Involvement.objects.get(pk=involvement.pk).end_date == today()
    # The partner's page shows involvements read-only.
    page = page_text(as_user(client, s.partner).get(url("involvement_list", s.case_a.pk)))
    assert "Een professional betrekken" not in page
    assert as_user(client, s.partner).post(url("involvement_list", s.case_a.pk), {}).status_code == 403


# --- the restricted safety section -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("coordinator", 200), ("team_lead", 200), ("partner", 404), ("teammate", 404), ("other_team_worker", 404)],
)
def test_safety_section_is_restricted(client, s, who, status):
    user = getattr(s, who)
    if who in ("team_lead", "teammate"):
        services.case_open_with_reason(case=s.case_a, reason="Invallen voor de regisseur", actor=user)
    since = last_log_id()
    response = as_user(client, user).get(url("safety_section", s.case_a.pk))
    assert response.status_code == status
    if status == 200:
        assert set(AccessLogEntry.objects.filter(pk__gt=since, user=user).values_list("data_category", flat=True)) == {
            "safety (Meldcode)"
        }
        assert "Veiligheid (Meldcode)" in page_text(as_user(client, user).get(url("case_detail", s.case_a.pk)))
    else:
        html = page_text(client.get(url("case_detail", s.case_a.pk)))
        assert "Veiligheid (Meldcode)" not in html


def test_safety_expert_sees_the_section(client, s):
    expert = UserFactory(username="expert", roles=["partner"])
    partner_involve(s.case_a, expert, s.social_work, "safety_expert", s.coordinator)
    assert as_user(client, expert).get(url("safety_section", s.case_a.pk)).status_code == 200


def meldcode(**values):
    data = {
        "signals_mapped": "Blauwe plekken gezien bij Daan",
        "veilig_thuis_consulted_on": "",
        "veilig_thuis_advice": "",
        "talked_with_client": "",
        "weighing": "",
        "decision": "pending",
        "decided_on": "",
        "loaded_at": "",
    }
    data.update(values)
    return data


def test_meldcode_steps_are_recorded_in_order_and_audited_without_content(client, s):
    client = as_user(client, s.coordinator)
    response = client.post(url("safety_section", s.case_a.pk), meldcode())
    assert response.status_code == 302
    assessment = SafetyAssessment.objects.get(case=s.case_a)
    assert assessment.signals_mapped == "Blauwe plekken gezien bij Daan"
    response = client.post(
        url("safety_section", s.case_a.pk),
        meldcode(decision="report", decided_on=today().isoformat(), loaded_at=assessment.updated_at.isoformat()),
    )
    html = page_text(response)
    assert response.status_code == 200 and "Leg de afweging (stap 4) vast" in html and "Blauwe plekken" in html
    response = client.post(
        url("safety_section", s.case_a.pk),
        meldcode(
            veilig_thuis_consulted_on=today().isoformat(),
            veilig_thuis_advice="Melden",
            weighing="Structureel onveilig",
            decision="report",
            decided_on=today().isoformat(),
            loaded_at=assessment.updated_at.isoformat(),
        ),
    )
    assert response.status_code == 302 and SafetyAssessment.objects.get().decision == "report"
    events = AuditEvent.objects.filter(action="safety.updated")
    assert events.count() == 2
    assert all("Blauwe" not in str(e.details) + e.summary for e in events)


def test_meldcode_conflict_keeps_the_input(client, s):
    assessment = services.safety_assessment_update(
        case=s.case_a, data=services.SafetyInput(signals_mapped="Eerste versie"), actor=s.coordinator
    )
    loaded = assessment.updated_at.isoformat()
    services.safety_assessment_update(
        case=s.case_a,
        data=services.SafetyInput(signals_mapped="Versie van de teamleider"),
        actor=s.team_lead,
        expected_updated_at=assessment.updated_at,
    )
    response = as_user(client, s.coordinator).post(
        url("safety_section", s.case_a.pk), meldcode(signals_mapped="Mijn aanvulling", loaded_at=loaded)
    )
    html = page_text(response)
    assert "Versie van de teamleider" in html and "Mijn aanvulling" in html and "Iemand anders" in html
    assert SafetyAssessment.objects.get().signals_mapped == "Versie van de teamleider"


def test_child_protection_measure_names_who_directs_the_childs_plan(client, s):
    gi = organisation_create("Jeugdbescherming (test)", kind="youth_protection")
    child = s.family_a.children[0]
    client = as_user(client, s.coordinator)
    data = {
        "child": child.pk,
        "measure": "supervision",
        "institution": gi.pk,
        "youth_protection_worker": "Karin Jansen",
        "start_date": today().isoformat(),
        "end_date": "",
    }
    bad = client.post(url("child_protection_measure_add", s.case_a.pk), {**data, "child": s.family_a.adults[0].pk})
    assert bad.status_code == 200 and not ChildProtectionMeasure.objects.exists()
    response = client.post(url("child_protection_measure_add", s.case_a.pk), data)
    assert response.status_code == 302
    measure = ChildProtectionMeasure.objects.get()
    assert AuditEvent.objects.filter(action="child_protection_measure.added").exists()
    plan = page_text(client.get(url("plan_edit", s.case_a.pk)))
    assert "Karin Jansen" in plan and child.full_name in plan
    client.post(url("child_protection_measure_end", s.case_a.pk, measure.pk), {"end_date": today().isoformat()})
    assert ChildProtectionMeasure.objects.get().end_date == today()


def test_menu_shows_cases_to_workers_only(client, s):
    assert 'href="/casussen/"' in page_text(as_user(client, s.coordinator).get("/"))
    assert 'href="/casussen/"' not in page_text(as_user(client, s.advisor).get("/"))


def test_timeline_orders_the_items_of_one_day_by_when_they_were_recorded(client, s):
    services.contact_moment_record(
        case=s.case_a, occurred_on=today(), kind="home_visit", note="Eerst op huisbezoek", actor=s.coordinator
    )
    services.conference_record(case=s.case_a, held_on=today(), questions="Daarna het overleg", actor=s.coordinator)
    html = page_text(as_user(client, s.coordinator).get(url("case_timeline", s.case_a.pk), **HX))
    assert html.index("Daarna het overleg") < html.index("Eerst op huisbezoek") < html.index("Casus geopend")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_plan_saves_never_lose_an_update(base_data):
    """Two workers save the same plan version at the same moment, each in its own connection and
    transaction: exactly one save wins, the other gets the conflict with the winner's text.
    (`base_data` restores the roles and reference data that earlier transactional tests flushed.)"""
    import threading

    from django.db import connections

    s = scenario_create()
    plan = services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    loaded = plan.version
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def save(name, user, summary):
        try:
            barrier.wait(timeout=60)
            services.plan_update(plan=plan, expected_version=loaded, summary=summary, actor=user)
            outcomes[name] = "saved"
        except Exception as exc:  # noqa: BLE001 - the assertion below shows what went wrong
            outcomes[name] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=("fatima", s.coordinator, "Rust in de geldzaken")),
        threading.Thread(target=save, args=("joost", s.partner, "Schulden oplossen")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    winners = [name for name, outcome in outcomes.items() if outcome == "saved"]
    losers = [outcome for outcome in outcomes.values() if isinstance(outcome, services.ConflictError)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    saved = Plan.objects.get(pk=plan.pk)
    assert saved.version == loaded + 1
    assert losers[0].current.summary == saved.summary


def test_plan_and_involvement_pages_query_counts_are_constant(client, s):
    plan, goal = plan_with_goal(s)
    client = as_user(client, s.coordinator)
    partner_org = organisation_create("Wijkverpleging (test)", kind="district_nursing")

    def add(n):
        services.goal_add(plan=plan, life_domain_code="housing", text=f"Doel {n}", actor=s.coordinator)
        services.action_add(
            plan=plan,
            data=services.ActionInput(
                who_kind="partner", what=f"Actie {n}", organisation_id=partner_org.pk, goal_id=goal.pk
            ),
            actor=s.coordinator,
        )
        services.action_add(
            plan=plan,
            data=services.ActionInput(who_kind="household", what=f"Zelf {n}", person_id=s.family_a.adults[0].pk),
            actor=s.coordinator,
        )
        nurse = UserFactory(roles=["partner"])
        partner_involve(s.case_a, nurse, partner_org, "district_nurse", s.coordinator)

    add(0)
    pages = [url("plan_edit", s.case_a.pk), url("involvement_list", s.case_a.pk), url("plan_print", s.case_a.pk)]
    for path in pages:
        client.get(path)
    few = [count_queries(client, path) for path in pages]
    for n in range(1, 8):
        add(n)
    assert [count_queries(client, path) for path in pages] == few
