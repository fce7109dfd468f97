from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkteam.access.models import AuditEvent
from wijkteam.cases import services
from wijkteam.cases.models import Case, HelpRequest, PlanVersion, SafetyAssessment, Signal
from wijkteam.cases.tests.factories import case_create, help_request_create, scenario_create
from wijkteam.households.tests.factories import family_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return scenario_create()


def test_help_request_validation_gives_clear_messages(s):
    family = family_create(adults=1, children=0)
    with pytest.raises(ValidationError) as exc:
        help_request_create(family, s.team_a, s.coordinator, words="   ")
    assert "words" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        help_request_create(family, s.team_a, s.coordinator, life_domain_codes=[])
    assert "life_domains" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        help_request_create(family, s.team_a, s.coordinator, received_on=timezone.localdate() + timedelta(days=1))
    assert "received_on" in exc.value.message_dict
    assert not HelpRequest.objects.filter(household=family.household).exists()


def test_case_opens_with_client_system_and_audit(s):
    roles = {m.person_id: m.role for m in s.case_a.client_system.all()}
    assert roles == {
        s.family_a.adults[0].pk: "client",
        s.family_a.adults[1].pk: "client",
        s.family_a.children[0].pk: "child",
    }
    assert s.case_a.help_request.status == "case"
    assert AuditEvent.objects.filter(action="case.opened", target_id=str(s.case_a.pk)).exists()
    assert not s.case_a.is_reentry


def test_safety_concern_opens_the_restricted_section(s):
    family = family_create(adults=1, children=2)
    case = case_create(family, s.team_a, s.coordinator, acute_unsafety=True)
    assert SafetyAssessment.objects.filter(case=case).exists()
    assert not SafetyAssessment.objects.filter(case=s.case_a).exists()


def test_reentry_within_twelve_months(s):
    case = s.case_a
    case.opened_on = timezone.localdate() - timedelta(days=400)
    case.save()
    services.case_close(
        case=case,
        closed_on=timezone.localdate() - timedelta(days=240),
        reason="goals_reached",
        result="improved",
        actor=s.coordinator,
    )
    again = case_create(s.family_a, s.team_a, s.coordinator)
    assert again.is_reentry


def test_coordinator_change_needs_reason_and_team_member(s):
    with pytest.raises(ValidationError):
        services.case_coordinator_change(case=s.case_a, to_user=s.teammate, reason=" ", actor=s.team_lead)
    with pytest.raises(ValidationError):
        services.case_coordinator_change(case=s.case_a, to_user=s.other_team_worker, reason="Ruil", actor=s.team_lead)
    services.case_coordinator_change(case=s.case_a, to_user=s.teammate, reason="Verlof", actor=s.team_lead)
    s.case_a.refresh_from_db()
    assert s.case_a.coordinator == s.teammate
    assert s.case_a.coordinator_changes.count() == 2


def test_status_rules_and_closing(s):
    with pytest.raises(ValidationError):
        services.case_status_set(case=s.case_a, status="evaluation", actor=s.coordinator)
    services.case_status_set(case=s.case_a, status="plan", actor=s.coordinator)
    with pytest.raises(ValidationError) as exc:
        services.case_close(
            case=s.case_a, closed_on=timezone.localdate(), reason="", result="improved", actor=s.coordinator
        )
    assert "closing_reason" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.case_close(
            case=s.case_a,
            closed_on=timezone.localdate(),
            reason="goals_reached",
            result="improved",
            follow_up_on=timezone.localdate(),
            actor=s.coordinator,
        )
    services.case_close(
        case=s.case_a,
        closed_on=timezone.localdate(),
        reason="goals_reached",
        result="improved",
        follow_up_on=timezone.localdate() + timedelta(days=90),
        actor=s.coordinator,
    )
    case = Case.objects.get(pk=s.case_a.pk)
    assert case.status == "closed" and case.follow_up_on
    assert not case.involvements.filter(end_date__isnull=True).exists()
    with pytest.raises(ValidationError):
        services.case_status_set(case=case, status="plan", actor=s.coordinator)


def test_plan_goals_actions_and_agreement(s):
    plan = services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    with pytest.raises(ValidationError):
        services.plan_agree(
            plan=plan, expected_version=plan.version, agreed_on=timezone.localdate(), actor=s.coordinator
        )
    goal = services.goal_add(
        plan=plan,
        life_domain_code="finances",
        text="Rust in de geldzaken",
        success_criterion="Alle rekeningen betaald",
        actor=s.coordinator,
    )
    services.action_add(
        plan=plan,
        data=services.ActionInput(
            who_kind="partner",
            what="Schuldenoverzicht maken",
            goal_id=goal.pk,
            organisation_id=s.debt.pk,
            due_on=timezone.localdate(),
        ),
        actor=s.coordinator,
    )
    plan = services.plan_agree(
        plan=plan, expected_version=plan.version, agreed_on=timezone.localdate(), actor=s.coordinator
    )
    version = PlanVersion.objects.get(plan=plan)
    assert version.snapshot["goals"][0]["text"] == "Rust in de geldzaken"
    s.case_a.refresh_from_db()
    assert s.case_a.status == "execution" and s.case_a.plan_agreed_on == timezone.localdate()


def test_concurrent_edit_of_a_goal_raises_a_conflict_with_the_other_change(s):
    plan = services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    goal = services.goal_add(plan=plan, life_domain_code="finances", text="Rust in de geldzaken", actor=s.coordinator)
    loaded_by_first, loaded_by_second = goal.version, goal.version
    services.goal_update(
        goal=goal,
        expected_version=loaded_by_first,
        text="Rust in de geldzaken en de post",
        success_criterion="",
        status="open",
        actor=s.coordinator,
    )
    with pytest.raises(services.ConflictError) as exc:
        services.goal_update(
            goal=goal,
            expected_version=loaded_by_second,
            text="Schulden regelen",
            success_criterion="",
            status="open",
            actor=s.partner,
        )
    assert exc.value.current.text == "Rust in de geldzaken en de post"
    goal.refresh_from_db()
    assert goal.text == "Rust in de geldzaken en de post" and goal.version == 2


def test_contact_moment_defaults_and_validation(s):
    moment = services.contact_moment_record(
        case=s.case_a, occurred_on=timezone.localdate(), kind="home_visit", note="Kennismaking", actor=s.coordinator
    )
    assert moment.audience == "team" and moment.author_organisation == s.social_work
    secret = services.contact_moment_record(
        case=s.case_a, occurred_on=timezone.localdate(), kind="call", note="Beslagleggingen besproken", actor=s.partner
    )
    assert secret.audience == "organisation" and secret.author_organisation == s.debt
    with pytest.raises(ValidationError):
        services.contact_moment_record(
            case=s.case_a, occurred_on=timezone.localdate(), kind="call", note=" ", actor=s.coordinator
        )
    with pytest.raises(ValidationError):
        services.contact_moment_record(
            case=s.case_a, occurred_on=timezone.localdate(), kind="call", note="x", actor=s.other_team_worker
        )


def test_conference_agreements_become_actions(s):
    conference = services.conference_record(
        case=s.case_a,
        held_on=timezone.localdate(),
        questions="Hoe krijgen we Daan weer naar school?",
        agreements="Leerplicht en school maken een plan",
        participant_ids=[s.coordinator.pk, s.partner.pk],
        new_actions=[
            services.ActionInput(who_kind="partner", what="Gesprek met mentor", organisation_id=s.social_work.pk)
        ],
        actor=s.coordinator,
    )
    assert conference.actions.count() == 1
    assert set(conference.participants.values_list("username", flat=True)) == {"fatima", "joost"}


def test_short_contact_and_signal_triage(s):
    contact = services.short_contact_register(
        team=s.team_a,
        who="man, ongeveer 60",
        life_domain_code="housing",
        what_was_done="Uitgelegd hoe huurtoeslag aan te vragen",
        contacted_on=timezone.localdate(),
        actor=s.coordinator,
    )
    with pytest.raises(ValidationError):
        services.short_contact_register(
            team=s.team_a,
            who="x",
            life_domain_code="housing",
            what_was_done="y",
            contacted_on=timezone.localdate(),
            contacts=3,
            actor=s.coordinator,
        )
    signal = services.signal_register(
        team=s.team_a,
        received_on=timezone.localdate(),
        source="neighbour",
        concern="Buurvrouw ziet meneer al dagen niet",
        actor=s.coordinator,
    )
    with pytest.raises(ValidationError):
        services.signal_triage(signal=signal, outcome="closed", reason="", actor=s.coordinator)
    services.signal_triage(signal=signal, outcome="short_contact", short_contact=contact, actor=s.coordinator)
    assert Signal.objects.get(pk=signal.pk).status == "short_contact"
    with pytest.raises(ValidationError):
        services.signal_triage(signal=signal, outcome="closed", reason="dubbel", actor=s.coordinator)
