"""A year of synthetic registered demand in Utrecht's districts (real CBS sample figures), for the tests of
observed demand, recalibration and composition advice. No real person: households are generated."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from wijkteam.access.tests.factories import UserFactory
from wijkteam.cases.models import HelpRequest
from wijkteam.households.tests.factories import AddressFactory, HouseholdFactory, ResidenceFactory
from wijkteam.neighbourhoods.models import Region, RegionLevel
from wijkteam.neighbourhoods.tests.factories import sample_indicators_import
from wijkteam.reference.models import LifeDomain
from wijkteam.teams.models import Discipline, Membership, Organisation, Team

YEAR = 2025
UTRECHT_DISTRICTS = [f"WK0344{n:02d}" for n in range(1, 11)]


def basic_adl_count(i: int) -> int:
    return 10 + 4 * i


def world_create() -> Team:
    """Utrecht with one household per district and, in 2025, per district i (0..9): 10 + 4i requests on
    basic ADL, 20 on physical health, and 3 on finances (secret everywhere); a team covering three
    districts with a generalist (1.0 FTE, generalist) and a debt counsellor (0.8 FTE)."""
    sample_indicators_import()
    utrecht = Region.objects.get(code="GM0344")
    team = Team.objects.create(
        municipality=utrecht, name="Buurtteam West", organisational_form="foundation", start_date=date(2024, 1, 1)
    )
    team.districts.set(Region.objects.filter(code__in=UTRECHT_DISTRICTS[:3]))
    worker = UserFactory(roles=["generalist"])
    organisation = Organisation.objects.create(municipality=utrecht, name="Buurtteams Utrecht", kind="social_work")
    for kind, fte, codes in (("generalist", "1.00", ["generalist"]), ("specialist", "0.80", ["debts_money"])):
        membership = Membership.objects.create(
            user=UserFactory(roles=["generalist"]),
            team=team,
            organisation=organisation,
            kind=kind,
            fte=Decimal(fte),
            start_date=date(2024, 1, 1),
        )
        membership.disciplines.set(Discipline.objects.filter(code__in=codes))
    domains = {d.code: d for d in LifeDomain.objects.all()}
    through = HelpRequest.life_domains.through
    links = []
    for i, code in enumerate(UTRECHT_DISTRICTS):
        district = Region.objects.get(code=code)
        neighbourhood = Region.objects.create(
            code=f"BU{code[2:]}99",
            name=f"Testbuurt {i}",
            level=RegionLevel.NEIGHBOURHOOD,
            parent=district,
            municipality=utrecht,
            edition_year=2024,
        )
        household = HouseholdFactory(municipality=utrecht)
        address = AddressFactory(municipality=utrecht, neighbourhood=neighbourhood, city="Utrecht")
        ResidenceFactory(
            municipality=utrecht,
            household=household,
            address=address,
            person__municipality=utrecht,
            valid_from=date(2020, 1, 1),
        )
        for domain, count in (("basic_adl", basic_adl_count(i)), ("physical_health", 20), ("finances", 3)):
            requests = HelpRequest.objects.bulk_create(
                HelpRequest(
                    municipality=utrecht,
                    team=team,
                    household=household,
                    received_on=date(YEAR, 1 + n % 12, 1 + n % 28),
                    channel="self",
                    words="Synthetisch verzoek.",
                    registered_by=worker,
                )
                for n in range(count)
            )
            links += [through(helprequest_id=r.pk, lifedomain_id=domains[domain].pk) for r in requests]
    through.objects.bulk_create(links)
    return team
