"""A small hand-made world for the figure tests: one municipality, two districts, two teams, and helpers
to create help requests, cases and goals on chosen dates. All personal data is synthetic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from wijkteam.access.models import User
from wijkteam.access.tests.factories import UserFactory
from wijkteam.cases.models import Case, Goal, HelpRequest, Plan, ShortContact, Signal
from wijkteam.cases.tests.factories import organisation_create, team_create
from wijkteam.households.models import Household
from wijkteam.households.tests.factories import AddressFactory, family_create, municipality
from wijkteam.neighbourhoods.models import Indicator, IndicatorValue, Region
from wijkteam.reference.models import CareLevel, LifeDomain
from wijkteam.teams.models import Membership, Team


@dataclass
class World:
    municipality: Region
    district_1: Region
    district_2: Region
    team: Team
    other_team: Team
    worker: User
    lead: User
    advisor: User
    analyst: User

    def household(self, district: Region | None = None) -> Household:
        district = district or self.district_1
        neighbourhood = Region.objects.filter(parent=district, level="neighbourhood").order_by("code").first()
        return family_create(adults=1, children=0, address=AddressFactory(neighbourhood=neighbourhood)).household

    def help_request(
        self,
        received_on: date,
        *,
        household: Household | None = None,
        team: Team | None = None,
        channel: str = "gp",
        domains: tuple[str, ...] = ("finances",),
        district: Region | None = None,
        wmo: bool = False,
    ) -> HelpRequest:
        request = HelpRequest.objects.create(
            municipality=self.municipality,
            team=team or self.team,
            household=household or self.household(district),
            received_on=received_on,
            channel=channel,
            words="Synthetische hulpvraag.",
            registered_by=self.worker,
            is_wmo_report=wmo,
        )
        request.life_domains.set(LifeDomain.objects.filter(code__in=domains))
        return request

    def case(
        self,
        received_on: date,
        *,
        opened_on: date | None = None,
        plan_on: date | None = None,
        closed_on: date | None = None,
        reason: str = "goals_reached",
        result: str = "improved",
        level: int | None = None,
        coordinator: Any = "worker",
        household: Household | None = None,
        team: Team | None = None,
        goals: tuple[tuple[str, str], ...] = (),
        district: Region | None = None,
    ) -> Case:
        request = self.help_request(received_on, household=household, team=team, district=district)
        case = Case.objects.create(
            municipality=self.municipality,
            team=team or self.team,
            household=request.household,
            help_request=request,
            coordinator=self.worker if coordinator == "worker" else coordinator,
            status="closed" if closed_on else "execution",
            opened_on=opened_on or received_on,
            plan_agreed_on=plan_on,
            closed_on=closed_on,
            closing_reason=reason if closed_on else "",
            result=result if closed_on else "",
            care_level=CareLevel.objects.get(level=level) if level is not None else None,
        )
        if goals:
            plan = Plan.objects.create(case=case, updated_by=self.worker, agreed_on=plan_on)
            for domain, status in goals:
                Goal.objects.create(
                    plan=plan, life_domain=LifeDomain.objects.get(code=domain), text="Synthetisch doel", status=status
                )
        return case

    def short_contact(self, on: date, *, channel: str = "self", district: Region | None = None) -> ShortContact:
        return ShortContact.objects.create(
            municipality=self.municipality,
            team=self.team,
            district=district or self.district_1,
            who="bewoner, ongeveer 60",
            life_domain=LifeDomain.objects.get(code="finances"),
            what_was_done="Doorverwezen.",
            contacted_on=on,
            channel=channel,
            worker=self.worker,
        )

    def signal(self, on: date, *, source: str = "neighbour") -> Signal:
        return Signal.objects.create(
            municipality=self.municipality,
            team=self.team,
            received_on=on,
            source=source,
            concern="Synthetische zorg.",
            district=self.district_1,
            registered_by=self.worker,
        )

    def households_count(self, region: Region, value: int, year: int = 2024) -> None:
        indicator, _ = Indicator.objects.get_or_create(
            key="households",
            defaults={
                "name_nl": "Huishoudens",
                "name_en": "Households",
                "unit": "households",
                "category": "households",
            },
        )
        IndicatorValue.objects.update_or_create(
            region=region, indicator=indicator, year=year, defaults={"value": value, "source_table": "85984NED"}
        )


def world_create() -> World:
    place = municipality()
    districts = list(Region.objects.filter(municipality=place, level="district").order_by("code"))
    team, other = team_create("Wijkteam Oost"), team_create("Wijkteam Zuid")
    team.districts.set(districts[:1])
    organisation = organisation_create("Sociaal werk (test)")
    worker = UserFactory(roles=["generalist"], username="fatima", password="wijkteam-demo")
    lead = UserFactory(roles=["team_lead"], username="anouk", password="wijkteam-demo")
    for user, kind in ((worker, "generalist"), (lead, "team_lead")):
        Membership.objects.create(
            user=user, team=team, organisation=organisation, kind=kind, fte="1.0", start_date=date(2024, 1, 1)
        )
    advisor = UserFactory(roles=["policy_advisor"], username="marco", password="wijkteam-demo")
    analyst = UserFactory(roles=["data_analyst"], username="sanne", password="wijkteam-demo")
    return World(place, districts[0], districts[1], team, other, worker, lead, advisor, analyst)
