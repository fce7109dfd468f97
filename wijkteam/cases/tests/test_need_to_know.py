"""The need-to-know rule for every role: content, index card, reason-gated opening, 404 for other
teams, volunteers limited to their actions; and that every read wrote an access-log entry."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from wijkteam.access.models import AccessLogEntry
from wijkteam.cases import selectors, services
from wijkteam.cases.models import Action, ContentAccessGrant
from wijkteam.cases.tests.factories import scenario_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return scenario_create()


def level(s, username: str, case) -> str:
    user = getattr(s, username)
    try:
        view = selectors.case_get_for_user(user=user, case_id=case.pk)
    except Http404:
        return "404"
    return "content" if view.has_content else "index"


@pytest.mark.parametrize(
    ("who", "own_team_case", "other_team_case"),
    [
        ("coordinator", "content", "404"),
        ("partner", "content", "404"),  # involved in case A
        ("teammate", "index", "404"),
        ("team_lead", "index", "404"),
        ("volunteer", "404", "404"),
        ("other_team_worker", "404", "content"),  # coordinates case B
        ("advisor", "404", "404"),
        ("privacy", "404", "404"),
    ],
)
def test_matrix(s, who, own_team_case, other_team_case):
    assert level(s, who, s.case_a) == own_team_case
    assert level(s, who, s.case_b) == other_team_case


def test_every_read_writes_one_entry_per_person_concerned(s):
    before = AccessLogEntry.objects.count()
    selectors.case_get_for_user(user=s.coordinator, case_id=s.case_a.pk)
    entries = AccessLogEntry.objects.filter(user=s.coordinator, action="view")
    assert AccessLogEntry.objects.count() - before == len(s.family_a.members)
    assert sorted(entries.values_list("person_id", flat=True)) == sorted(p.pk for p in s.family_a.members)
    assert set(entries.values_list("action", flat=True)) == {"view"}
    assert set(entries.values_list("data_category", flat=True)) == {"case content"}
    assert set(entries.values_list("organisation", flat=True)) == {"Sociaal werk (test)"}
    selectors.case_get_for_user(user=s.teammate, case_id=s.case_a.pk)
    assert set(AccessLogEntry.objects.filter(user=s.teammate).values_list("data_category", flat=True)) == {"index card"}


def test_a_refused_read_writes_nothing(s):
    before = AccessLogEntry.objects.count()
    with pytest.raises(Http404):
        selectors.case_get_for_user(user=s.other_team_worker, case_id=s.case_a.pk)
    assert AccessLogEntry.objects.count() == before


@pytest.mark.parametrize("who", ["teammate", "team_lead"])
def test_teammate_and_team_lead_open_content_after_a_reason(s, who):
    user = getattr(s, who)
    view = selectors.case_get_for_user(user=user, case_id=s.case_a.pk)
    assert view.may_open_with_reason and not view.has_content
    with pytest.raises(ValidationError):
        services.case_open_with_reason(case=s.case_a, reason="kort", actor=user)
    services.case_open_with_reason(case=s.case_a, reason="Collega ziek, moeder belt over de huur", actor=user)
    assert level(s, who, s.case_a) == "content"
    ContentAccessGrant.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert level(s, who, s.case_a) == "index"


def test_other_team_cannot_open_with_a_reason(s):
    with pytest.raises(ValidationError):
        services.case_open_with_reason(case=s.case_a, reason="Ik wil gewoon even kijken", actor=s.other_team_worker)


def test_ended_involvement_loses_content(s):
    involvement = s.case_a.involvements.get(user=s.partner)
    services.involvement_end(
        involvement=involvement, end_date=timezone.localdate() - timedelta(days=1), actor=s.coordinator
    )
    assert level(s, "partner", s.case_a) == "404"


def test_volunteer_sees_only_assigned_actions(s):
    plan = services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    mine = services.action_add(
        plan=plan,
        data=services.ActionInput(who_kind="volunteer", what="Samen boodschappen doen", assignee_id=s.volunteer.pk),
        actor=s.coordinator,
    )
    services.action_add(
        plan=plan, data=services.ActionInput(who_kind="household", what="Post openen"), actor=s.coordinator
    )
    assert list(selectors.actions_for_volunteer(user=s.volunteer)) == [mine]
    assert level(s, "volunteer", s.case_a) == "404"


def test_lists_use_the_same_rule(s, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        listed = {c.pk: c.has_content for c in selectors.case_list_for_user(user=s.teammate)}
    assert listed == {s.case_a.pk: False}
    assert {c.pk for c in selectors.case_list_for_user(user=s.advisor)} == set()
    assert {c.pk: c.has_content for c in selectors.case_list_for_user(user=s.partner)} == {s.case_a.pk: True}


def test_notes_follow_their_audience(s):
    case = s.case_a
    services.contact_moment_record(
        case=case, occurred_on=timezone.localdate(), kind="call", note="Voor het team", actor=s.coordinator
    )
    services.contact_moment_record(
        case=case,
        occurred_on=timezone.localdate(),
        kind="call",
        note="Alleen regisseur",
        audience="coordinator",
        actor=s.coordinator,
    )
    services.contact_moment_record(
        case=case,
        occurred_on=timezone.localdate(),
        kind="home_visit",
        note="Schuldenoverzicht (beroepsgeheim)",
        actor=s.partner,
    )
    services.case_open_with_reason(case=case, reason="Vervanging tijdens vakantie", actor=s.teammate)

    def notes(user):
        view = selectors.case_get_for_user(user=user, case_id=case.pk)
        return {m.note for m in selectors.contact_moments_for(view, user)}

    assert notes(s.coordinator) == {"Voor het team", "Alleen regisseur"}
    assert notes(s.partner) == {"Voor het team", "Schuldenoverzicht (beroepsgeheim)"}
    assert notes(s.teammate) == {"Voor het team"}


def test_safety_section_only_for_coordinator_team_lead_and_safety_expert(s):
    view = selectors.case_get_for_user(user=s.coordinator, case_id=s.case_a.pk)
    assert selectors.may_see_safety(view, s.coordinator)
    services.case_open_with_reason(case=s.case_a, reason="Zorgen over de veiligheid van het kind", actor=s.team_lead)
    view = selectors.case_get_for_user(user=s.team_lead, case_id=s.case_a.pk)
    assert selectors.may_see_safety(view, s.team_lead)
    services.case_open_with_reason(case=s.case_a, reason="Vervanging tijdens vakantie", actor=s.teammate)
    view = selectors.case_get_for_user(user=s.teammate, case_id=s.case_a.pk)
    assert not selectors.may_see_safety(view, s.teammate)
    view = selectors.case_get_for_user(user=s.partner, case_id=s.case_a.pk)
    assert not selectors.may_see_safety(view, s.partner)


def test_household_master_data_visible_only_where_a_case_or_request_is(s):
    assert selectors.household_get_for_user(user=s.teammate, household_id=s.family_a.household.pk)
    with pytest.raises(Http404):
        selectors.household_get_for_user(user=s.teammate, household_id=s.family_b.household.pk)
    with pytest.raises(Http404):
        selectors.household_get_for_user(user=s.volunteer, household_id=s.family_a.household.pk)
    assert Action.objects.count() == 0


def test_emergency_access_opens_content_for_a_limited_time_and_is_flagged(s, settings):
    from wijkteam.access.models import EmergencyAccess
    from wijkteam.cases.emergency import case_emergency_open

    settings.WIJKTEAM_REQUIRE_2FA = False
    assert level(s, "other_team_worker", s.case_a) == "404"
    with pytest.raises(ValidationError):
        case_emergency_open(case=s.case_a, reason="kort", code="", actor=s.other_team_worker)
    case_emergency_open(
        case=s.case_a, reason="Crisis buiten kantoortijd, regisseur niet bereikbaar", code="", actor=s.other_team_worker
    )
    assert level(s, "other_team_worker", s.case_a) == "content"
    entries = AccessLogEntry.objects.filter(user=s.other_team_worker, emergency=True)
    assert entries.count() == len(s.family_a.members) and set(entries.values_list("action", flat=True)) == {"emergency"}
    EmergencyAccess.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert level(s, "other_team_worker", s.case_a) == "404"
    with pytest.raises(ValidationError):
        case_emergency_open(case=s.case_a, reason="Ik ben geen hulpverlener maar wil kijken", code="", actor=s.advisor)
