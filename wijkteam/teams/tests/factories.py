"""Factories for the teams app. All names are generated (Faker nl_NL) or plainly synthetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import factory

from wijkteam.access.tests.factories import UserFactory
from wijkteam.neighbourhoods.models import Region
from wijkteam.reference.models import CareLevel
from wijkteam.teams.models import Affiliation, Discipline, Initiative, Membership, Organisation, Team


def enschede() -> Region:
    """The municipality of Enschede; import the sample registry first (`sample_regions_import`)."""
    return Region.objects.get(code="GM0153")


def district(code: str) -> Region:
    return Region.objects.get(code=code)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.LazyFunction(enschede)
    name = factory.Sequence(lambda n: f"Organisatie {n} (test)")
    kind = "social_work"


class TeamFactory(factory.django.DjangoModelFactory):
    """A team in Enschede; pass `districts=["WK015300"]` (CBS codes) to set its coverage."""

    class Meta:
        model = Team
        skip_postgeneration_save = True

    municipality = factory.LazyFunction(enschede)
    name = factory.Sequence(lambda n: f"Wijkteam {n} (test)")
    organisational_form = "municipal_team"
    start_date = date(2024, 1, 1)

    @factory.post_generation
    def districts(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            codes = extracted if extracted is not None else ["WK015300"]
            self.districts.set(Region.objects.filter(code__in=codes))


class MembershipFactory(factory.django.DjangoModelFactory):
    """A running membership; pass `disciplines=["debts_money"]` (codes) to give disciplines."""

    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = "generalist"
    fte = Decimal("1.00")
    start_date = date(2024, 1, 1)

    @factory.post_generation
    def disciplines(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.disciplines.set(Discipline.objects.filter(code__in=extracted))

    @factory.post_generation
    def districts(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.districts.set(Region.objects.filter(code__in=extracted))


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    start_date = date(2024, 1, 1)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    district = factory.LazyFunction(lambda: district("WK015300"))
    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Buurtinitiatief {n} (test)")
    kind = "meal_club"
    care_level = factory.LazyFunction(lambda: CareLevel.objects.get(level=0))
    schedule = "Dinsdag 12.00 uur"

    @factory.post_generation
    def life_domains(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        from wijkteam.reference.models import LifeDomain

        if create and extracted:
            self.life_domains.set(LifeDomain.objects.filter(code__in=extracted))
