"""A filled case file for the API tests: the scenario (two teams, a worker of every kind, a case in each
team) with plans, goals, actions, notes with every audience, a conference, an open help request, short
contacts and signals. All personal data is synthetic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from wijkteam.cases import services
from wijkteam.cases.models import Action, CaseConference, ContactMoment, Goal, HelpRequest, Plan, ShortContact, Signal
from wijkteam.cases.tests.factories import Scenario, help_request_create, scenario_create
from wijkteam.households.tests.factories import Family, family_create

ROLES = ["coordinator", "teammate", "team_lead", "volunteer", "partner", "other_team_worker", "advisor"]


@dataclass
class World:
    s: Scenario
    family_c: Family
    request_c: HelpRequest  # open, in team A
    plan_a: Plan
    plan_b: Plan
    goal_a: Goal
    goal_b: Goal
    action_household: Action
    action_volunteer: Action
    action_partner: Action
    action_cancelled: Action
    action_b: Action
    note_team: ContactMoment
    note_coordinator: ContactMoment
    note_involved: ContactMoment
    note_organisation: ContactMoment
    note_b: ContactMoment
    conference_a: CaseConference
    short_contact_a: ShortContact
    short_contact_b: ShortContact
    signal_a: Signal
    signal_b: Signal

    def user(self, role: str) -> Any:
        return getattr(self.s, role)


def _action(plan: Plan, actor: Any, **values: Any) -> Action:
    return services.action_add(plan=plan, data=services.ActionInput(**values), actor=actor)


def world_create() -> World:
    s = scenario_create()
    today = timezone.localdate()
    family_c = family_create(adults=1, children=2)
    request_c = help_request_create(family_c, s.team_a, s.teammate, words="Mijn zoon gaat niet meer naar school.")

    plan_a = services.plan_get_or_create(case=s.case_a, actor=s.coordinator)
    goal_a = services.goal_add(
        plan=plan_a, life_domain_code="finances", text="Rust in de geldzaken", actor=s.coordinator
    )
    action_household = _action(plan_a, s.coordinator, who_kind="household", what="Post openen", goal_id=goal_a.pk)
    action_volunteer = _action(
        plan_a,
        s.coordinator,
        who_kind="volunteer",
        what="Samen boodschappen doen",
        assignee_id=s.volunteer.pk,
        due_on=today,
        person_id=s.family_a.adults[0].pk,
    )
    action_partner = _action(
        plan_a, s.coordinator, who_kind="partner", what="Schuldenoverzicht maken", assignee_id=s.partner.pk
    )
    action_cancelled = _action(
        plan_a, s.coordinator, who_kind="volunteer", what="Vervoer naar de markt", assignee_id=s.volunteer.pk
    )
    action_cancelled = services.action_set_status(
        action=action_cancelled, expected_version=1, status="cancelled", actor=s.coordinator
    )
    plan_b = services.plan_get_or_create(case=s.case_b, actor=s.other_team_worker)
    goal_b = services.goal_add(
        plan=plan_b, life_domain_code="housing", text="Een veilig huis", actor=s.other_team_worker
    )
    action_b = _action(plan_b, s.other_team_worker, who_kind="worker", what="Woningcorporatie bellen", who_name="Sam")

    def note(case: Any, actor: Any, text: str, audience: str | None = None) -> ContactMoment:
        return services.contact_moment_record(
            case=case, occurred_on=today, kind="call", note=text, audience=audience, actor=actor
        )

    note_team = note(s.case_a, s.coordinator, "Voor het team")
    note_coordinator = note(s.case_a, s.coordinator, "Alleen regisseur", "coordinator")
    note_involved = note(s.case_a, s.coordinator, "Regisseur en betrokkenen", "involved")
    note_organisation = note(s.case_a, s.partner, "Schuldenoverzicht (beroepsgeheim)")
    note_b = note(s.case_b, s.other_team_worker, "Huisbezoek team B")
    conference_a = services.conference_record(
        case=s.case_a,
        held_on=today - timedelta(days=2),
        questions="Hoe krijgen we de schulden in beeld?",
        participant_ids=[s.coordinator.pk, s.partner.pk],
        actor=s.coordinator,
    )
    short_contact_a = services.short_contact_register(
        team=s.team_a,
        who="",
        person=s.family_a.adults[0],
        life_domain_code="finances",
        what_was_done="Uitgelegd hoe huurtoeslag werkt",
        contacted_on=today,
        actor=s.coordinator,
    )
    short_contact_b = services.short_contact_register(
        team=s.team_b,
        who="man, ongeveer 60",
        life_domain_code="housing",
        what_was_done="Doorverwezen naar de woningcorporatie",
        contacted_on=today,
        actor=s.other_team_worker,
    )
    signal_a = services.signal_register(
        team=s.team_a,
        received_on=today,
        source="neighbour",
        concern="De buurvrouw ziet de kinderen vaak laat op straat.",
        household=s.family_a.household,
        actor=s.teammate,
    )
    signal_b = services.signal_register(
        team=s.team_b, received_on=today, source="housing", concern="Huurachterstand", actor=s.other_team_worker
    )
    return World(
        s=s,
        family_c=family_c,
        request_c=request_c,
        plan_a=plan_a,
        plan_b=plan_b,
        goal_a=goal_a,
        goal_b=goal_b,
        action_household=action_household,
        action_volunteer=action_volunteer,
        action_partner=action_partner,
        action_cancelled=action_cancelled,
        action_b=action_b,
        note_team=note_team,
        note_coordinator=note_coordinator,
        note_involved=note_involved,
        note_organisation=note_organisation,
        note_b=note_b,
        conference_a=conference_a,
        short_contact_a=short_contact_a,
        short_contact_b=short_contact_b,
        signal_a=signal_a,
        signal_b=signal_b,
    )
