"""Factories for households, persons, addresses, residences and relations. All personal data is synthetic:
Faker nl_NL names and street names, BSNs from `bsn_synthetic` (valid, starting with 9).

The regions come from the sample registry extract (imported on first use): Enschede (GM0153) and its
neighbourhoods.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import factory
from django.utils import timezone

from wijkteam.households import names, relations
from wijkteam.households.bsn import bsn_synthetic
from wijkteam.households.models import Address, Household, Person, Relation, Residence
from wijkteam.neighbourhoods.models import Region, RegionLevel
from wijkteam.neighbourhoods.tests.factories import sample_regions_import

ENSCHEDE = "GM0153"


def municipality(code: str = ENSCHEDE) -> Region:
    """A municipality of the sample registry (imported when missing)."""
    region = Region.objects.filter(code=code).first()
    if region is None:
        sample_regions_import()
        region = Region.objects.get(code=code)
    return region


def neighbourhoods(code: str = ENSCHEDE) -> list[Region]:
    return list(
        Region.objects.filter(municipality=municipality(code), level=RegionLevel.NEIGHBOURHOOD).order_by("code")
    )


def _neighbourhood(n: int) -> Region:
    options = neighbourhoods()
    return options[n % len(options)]


def _postcode(n: int) -> str:
    # Enschede's postcodes run from 7511 to 7548; letters skip SA, SD and SS.
    letters = "ABCDEFGHJKLMNPRTVWXZ"
    return f"{7511 + n % 38}{letters[(n // 38) % 20]}{letters[(n // 760) % 20]}"


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    municipality = factory.LazyFunction(municipality)
    name = factory.Faker("last_name", locale="nl_NL")


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    municipality = factory.LazyFunction(municipality)
    postcode = factory.Sequence(_postcode)
    house_number = factory.Sequence(lambda n: 1 + n % 150)
    street = factory.Faker("street_name", locale="nl_NL")
    city = "Enschede"
    neighbourhood = factory.Sequence(_neighbourhood)
    street_key = factory.LazyAttribute(lambda a: names.fold(a.street))


class PersonFactory(factory.django.DjangoModelFactory):
    """A person with a synthetic valid BSN; `household` is None unless given (see ResidenceFactory).

    Pass `surname="de Vries"` for a surname with prefix, or `family_name` (then without prefix).
    """

    class Meta:
        model = Person

    class Params:
        surname = factory.Faker("last_name", locale="nl_NL")

    municipality = factory.LazyFunction(municipality)
    given_names = factory.Faker("first_name", locale="nl_NL")
    # The prefix of the generated surname, unless a family name was given without one.
    prefix = factory.LazyAttribute(
        lambda p: names.name_split(p.surname)[0] if p.family_name == names.name_split(p.surname)[1] else ""
    )
    family_name = factory.LazyAttribute(lambda p: names.name_split(p.surname)[1])
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=85)
    bsn = factory.Sequence(lambda n: bsn_synthetic(n))
    household = None
    family_name_key = factory.LazyAttribute(lambda p: names.family_name_key(p.prefix, p.family_name))
    search_text = factory.LazyAttribute(lambda p: names.search_text(p.given_names, p.prefix, p.family_name))


class ResidenceFactory(factory.django.DjangoModelFactory):
    """An open residence; sets the person's household to the residence's household."""

    class Meta:
        model = Residence
        skip_postgeneration_save = True

    municipality = factory.LazyFunction(municipality)
    person = factory.SubFactory(PersonFactory)
    address = factory.SubFactory(AddressFactory)
    household = factory.SubFactory(HouseholdFactory)
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=400))
    valid_to = None

    @factory.post_generation
    def person_household(obj: Residence, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create and obj.valid_to is None and obj.person.household_id != obj.household_id:
            obj.person.household = obj.household
            obj.person.save(update_fields=["household"])


class RelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relation

    municipality = factory.LazyFunction(municipality)
    from_person = factory.SubFactory(PersonFactory)
    to_person = factory.SubFactory(PersonFactory)
    kind = relations.PARTNER


@dataclass
class Family:
    household: Household
    address: Address
    adults: list[Person]
    children: list[Person]

    @property
    def members(self) -> list[Person]:
        return [*self.adults, *self.children]


def family_create(*, adults: int = 2, children: int = 2, address: Address | None = None, **household: Any) -> Family:
    """A household at one address: adults (partners when two) with parental authority over the children."""
    address = address or AddressFactory()
    home = HouseholdFactory(**household)
    today = timezone.localdate()
    grown_ups = [
        ResidenceFactory(
            household=home,
            address=address,
            person__family_name=home.name,
            person__birth_date=today.replace(year=today.year - 40 - i, day=1),
        ).person
        for i in range(adults)
    ]
    kids = [
        ResidenceFactory(
            household=home,
            address=address,
            person__family_name=home.name,
            person__birth_date=today.replace(year=today.year - 4 - 3 * i, day=1),
        ).person
        for i in range(children)
    ]
    if len(grown_ups) == 2:
        RelationFactory(from_person=grown_ups[0], to_person=grown_ups[1], kind=relations.PARTNER)
    for parent in grown_ups:
        for child in kids:
            RelationFactory(from_person=parent, to_person=child, kind=relations.PARENT_WITH_AUTHORITY)
    for person in (*grown_ups, *kids):
        person.refresh_from_db()
    return Family(household=home, address=address, adults=grown_ups, children=kids)
