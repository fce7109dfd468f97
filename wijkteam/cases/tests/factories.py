"""Factories and a ready-made scenario for the case file: two teams, a worker of every kind, a family
with a case in each team. All personal data is synthetic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from wijkteam.access.models import User
from wijkteam.access.tests.factories import UserFactory
from wijkteam.cases import services
from wijkteam.cases.models import Case, HelpRequest
from wijkteam.households.tests.factories import Family, family_create, municipality
from wijkteam.teams.models import Membership, Organisation, Team


def organisation_create(name: str, kind: str = "social_work", secrecy: bool = False) -> Organisation:
    return Organisation.objects.get_or_create(
        municipality=municipality(), name=name, defaults={"kind": kind, "professional_secrecy": secrecy}
    )[0]


def team_create(name: str) -> Team:
    return Team.objects.get_or_create(
        municipality=municipality(),
        name=name,
        defaults={"organisational_form": "municipal_team", "start_date": date(2024, 1, 1)},
    )[0]


def member_create(team: Team, kind: str, organisation: Organisation, role: str, **user: Any) -> User:
    person = UserFactory(roles=[role], password="wijkteam-demo", **user)
    Membership.objects.create(
        user=person, team=team, organisation=organisation, kind=kind, fte="0.89", start_date=date(2024, 1, 1)
    )
    return person


def help_request_create(family: Family, team: Team, actor: User, **values: Any) -> HelpRequest:
    return services.help_request_register(
        household=family.household,
        team=team,
        received_on=values.pop("received_on", timezone.localdate() - timedelta(days=3)),
        channel=values.pop("channel", "gp"),
        words=values.pop("words", "Wij komen niet rond en de post stapelt zich op."),
        life_domain_codes=values.pop("life_domain_codes", ["finances", "social_network"]),
        actor=actor,
        **values,
    )


def sharing_record(case: Case, organisation: Organisation, actor: User, person: Any = None) -> Any:
    """A sharing agreement (the client's own agreement) between the case and a partner organisation."""
    person = person or case.client_system.order_by("pk").first().person
    return services.sharing_agreement_record(
        case=case,
        data=services.SharingInput(
            person_id=person.pk, recipient=organisation, ground="consent_person", purpose="Samen werken aan het plan"
        ),
        actor=actor,
    )


def partner_involve(case: Case, user: User, organisation: Organisation, role: str, actor: User) -> Any:
    """Involve a partner professional from outside the team, recording the sharing agreement first."""
    if not services.sharing_in_force(case=case, organisation=organisation):
        sharing_record(case, organisation, actor)
    return services.involvement_add(case=case, user=user, organisation=organisation, role=role, actor=actor)


def case_create(family: Family, team: Team, coordinator: User, **values: Any) -> Case:
    request = help_request_create(family, team, coordinator, **values)
    return services.case_open(help_request=request, coordinator=coordinator, actor=coordinator)


@dataclass
class Scenario:
    team_a: Team
    team_b: Team
    social_work: Organisation
    debt: Organisation
    coordinator: User
    teammate: User
    team_lead: User
    volunteer: User
    partner: User
    other_team_worker: User
    advisor: User
    privacy: User
    family_a: Family
    family_b: Family
    case_a: Case
    case_b: Case


def scenario_create() -> Scenario:
    """Team A with a coordinator, a teammate, a team lead and a volunteer; a partner professional of a
    debt-counselling organisation involved in A's case; team B with its own worker and case."""
    team_a, team_b = team_create("Wijkteam Oost"), team_create("Wijkteam Zuid")
    social_work = organisation_create("Sociaal werk (test)")
    debt = organisation_create("Schuldhulp (test)", kind="debt_counselling", secrecy=True)
    coordinator = member_create(team_a, "generalist", social_work, "generalist", username="fatima")
    teammate = member_create(team_a, "generalist", social_work, "generalist", username="teammate")
    team_lead = member_create(team_a, "team_lead", social_work, "team_lead", username="anouk")
    volunteer = member_create(team_a, "volunteer", social_work, "volunteer", username="henk")
    other = member_create(team_b, "generalist", social_work, "generalist", username="other")
    partner = UserFactory(username="joost", roles=["partner"], password="wijkteam-demo")
    advisor = UserFactory(username="marco", roles=["policy_advisor"], password="wijkteam-demo")
    privacy = UserFactory(username="linda", roles=["privacy_officer"], password="wijkteam-demo")
    family_a, family_b = family_create(adults=2, children=1), family_create(adults=1, children=0)
    case_a = case_create(family_a, team_a, coordinator)
    case_b = case_create(family_b, team_b, other)
    partner_involve(case_a, partner, debt, "debt_counsellor", coordinator)
    return Scenario(
        team_a,
        team_b,
        social_work,
        debt,
        coordinator,
        teammate,
        team_lead,
        volunteer,
        partner,
        other,
        advisor,
        privacy,
        family_a,
        family_b,
        case_a,
        case_b,
    )
