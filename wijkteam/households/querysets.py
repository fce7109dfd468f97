"""Chainable filters over households, persons, addresses, residences and relations. No permissions here:
`cases` chains its need-to-know filter onto these (`Person.objects.search(q).filter(<visible>)`).

On PostgreSQL, name search also finds near misses ("Jansen" → "Janssen") with the trigram index on
`Person.search_text`; on SQLite it matches word fragments only.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date
from functools import reduce
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, Q, Value, When

from wijkteam.households import matching, relations
from wijkteam.households.postcode import HouseNumber
from wijkteam.households.search import search_parse
from wijkteam.households.validators import bsn_clean, house_number_clean, postcode_clean

if TYPE_CHECKING:
    from wijkteam.households.models import Household, Person
    from wijkteam.neighbourhoods.models import Region


# Unknown birth dates last, on SQLite as on PostgreSQL.
_OLDEST_FIRST = F("birth_date").asc(nulls_last=True)


def _models() -> Any:
    # models.py imports this module for its managers; import the models when first needed.
    from wijkteam.households import models as household_models

    return household_models


def _address_filter(*, postcode: str = "", street_words: tuple[str, ...] = (), number: HouseNumber | None) -> Q:
    """A condition on `address__…` of a residence."""
    condition = Q()
    if postcode:
        condition &= Q(address__postcode=postcode)
    for word in street_words:
        condition &= Q(address__street_key__contains=word)
    if number:
        condition &= Q(address__house_number=number.number)
        if number.letter:
            condition &= Q(address__house_letter=number.letter)
        if number.addition:
            condition &= Q(address__addition=number.addition)
    return condition


class HouseholdQuerySet(models.QuerySet):
    def in_municipality(self, municipality: Region) -> HouseholdQuerySet:
        return self.filter(municipality=municipality)

    def search(self, text: str) -> HouseholdQuerySet:
        """Households with a current member found by `PersonQuerySet.search(text)`."""
        persons = _models().Person.objects.search(text).filter(household=OuterRef("pk"))
        return self.filter(Exists(persons.order_by().values("pk"))).order_by("name", "id")

    def in_area(self, region: Region) -> HouseholdQuerySet:
        """Households living in a neighbourhood, district or municipality (by their current address)."""
        residences = _models().Residence.objects.open().in_area(region).filter(household=OuterRef("pk"))
        return self.filter(Exists(residences))

    def with_member_count(self) -> HouseholdQuerySet:
        return self.annotate(member_count=Count("members"))

    def with_members(self) -> HouseholdQuerySet:
        """Prefetch the current members (oldest first) with their main address: `household.current_members`."""
        members = _models().Person.objects.with_current_residence().order_by(_OLDEST_FIRST, "id")
        return self.prefetch_related(Prefetch("members", queryset=members, to_attr="current_members"))


class PersonQuerySet(models.QuerySet):
    def in_municipality(self, municipality: Region) -> PersonQuerySet:
        return self.filter(municipality=municipality)

    def alive(self) -> PersonQuerySet:
        return self.filter(deceased=False)

    def minors(self, on: date) -> PersonQuerySet:
        """Born less than 18 years before `on`; persons without a birth date are left out."""
        return self.filter(birth_date__gt=_years_before(on, 18))

    def adults(self, on: date) -> PersonQuerySet:
        return self.filter(birth_date__lte=_years_before(on, 18))

    def in_household(self, household: Household) -> PersonQuerySet:
        return self.filter(household=household)

    def related_to_household(self, household: Household) -> PersonQuerySet:
        """The members, and everyone with an open relation to a member (a parent elsewhere, a carer, a
        child in co-parenting who lives with the other parent)."""
        open_relations = _models().Relation.objects.open()
        related_from = open_relations.filter(from_person=OuterRef("pk"), to_person__household=household)
        related_to = open_relations.filter(to_person=OuterRef("pk"), from_person__household=household)
        return self.filter(Q(household=household) | Exists(related_from) | Exists(related_to))

    def with_current_residence(self) -> PersonQuerySet:
        """Prefetch the open residence with its address, neighbourhood and district (one extra query):
        `person.current_residence`."""
        residences = (
            _models()
            .Residence.objects.open()
            .select_related("address__neighbourhood__parent", "household")
            .order_by("id")
        )
        return self.prefetch_related(Prefetch("residences", queryset=residences, to_attr="open_residences"))

    def search(self, text: str) -> PersonQuerySet:
        """Persons matching what someone typed: a BSN (exactly, nothing else), a postcode with or without
        house number, name fragments (given names, prefix, family name; case and accents ignored), a
        street with or without house number, a birth date — combined. Nothing for an empty query.
        """
        terms = search_parse(text)
        if terms.is_empty or terms.unmatchable:
            return self.none()
        if terms.bsn:
            return self.filter(bsn=terms.bsn)
        persons = self
        if terms.birth_date:
            persons = persons.filter(birth_date=terms.birth_date)
        open_residences = _models().Residence.objects.open().filter(person=OuterRef("pk"))
        if terms.postcode:
            at_address = _address_filter(postcode=terms.postcode, number=terms.house_number)
            persons = persons.filter(Exists(open_residences.filter(at_address)))
            if terms.words:
                persons = persons.filter(self._name_condition(terms.words))
        elif terms.words:
            on_street = _address_filter(street_words=terms.words, number=terms.house_number)
            if terms.house_number:
                # "Hoofdstraat 12": a number makes it an address.
                persons = persons.filter(Exists(open_residences.filter(on_street)))
            else:
                # Name or street: a union of two id sets, so each side can use its own (trigram) index,
                # where an OR across the two tables would scan every person.
                by_name = self.model._default_manager.filter(self._name_condition(terms.words)).order_by().values("pk")
                by_street = _models().Residence.objects.open().filter(on_street).order_by().values("person_id")
                persons = persons.filter(pk__in=by_name.union(by_street))
        ranks_names = terms.words and (terms.postcode or not terms.house_number)
        if ranks_names and self._trigram_available():
            from django.contrib.postgres.search import TrigramWordSimilarity

            return persons.annotate(similarity=TrigramWordSimilarity(" ".join(terms.words), "search_text")).order_by(
                "-similarity", "family_name_key", "given_names", "id"
            )
        return persons.order_by("family_name_key", "given_names", "id")

    def _trigram_available(self) -> bool:
        return connections[self.db].vendor == "postgresql"

    def _name_condition(self, words: tuple[str, ...]) -> Q:
        every_word = Q()
        for word in words:
            every_word &= Q(search_text__contains=word)
        if self._trigram_available():
            # `%>`: the typed words are similar to a word sequence in the name (uses the GIN index).
            return every_word | Q(search_text__trigram_word_similar=" ".join(words))
        return every_word

    def intake_matches(self, *, query: matching.IntakeQuery) -> PersonQuerySet:
        """Persons meeting at least one match reason of `query` (see matching.py); chainable."""
        conditions: list[Any] = []
        if query.can_match_bsn:
            conditions.append(Q(bsn=query.bsn))
        if query.can_match_name:
            conditions.append(Q(family_name_key=query.family_name_key, birth_date=query.birth_date))
        if query.can_match_address:
            number = HouseNumber(query.house_number or 0, query.house_letter, query.addition)
            at_address = _address_filter(postcode=query.postcode, number=number)
            conditions.append(Exists(_models().Residence.objects.open().filter(at_address, person=OuterRef("pk"))))
        if not conditions:
            return self.none()
        return self.filter(reduce(operator.or_, conditions))

    def intake_candidates(
        self,
        *,
        municipality: Region,
        bsn: str | None = None,
        family_name: str | None = None,
        birth_date: date | None = None,
        postcode: str | None = None,
        house_number: int | str | None = None,
        house_letter: str = "",
        addition: str = "",
        limit: int = 50,
    ) -> list[IntakeCandidate]:
        """Registered persons of the whole municipality who may be the one a help request is about, each
        with why (`reasons`: "bsn", "name_birthdate", "address") and what looks wrong (`conflicts`),
        strongest first. Raises ValidationError (keyed "bsn", "postcode", "house_number") on invalid input.

        No access check and no logging here: `cases` wraps this (log with purpose "intake"; show only
        that a file exists and whom to contact when the worker may not open it). Two queries.
        """
        errors: dict[str, ValidationError] = {}
        clean_bsn, clean_postcode, number = None, "", None
        try:
            clean_bsn = bsn_clean(bsn)
        except ValidationError as error:
            errors["bsn"] = error
        try:
            clean_postcode = postcode_clean(postcode) if postcode else ""
        except ValidationError as error:
            errors["postcode"] = error
        try:
            number = house_number_clean(house_number, letter=house_letter, addition=addition) if house_number else None
        except ValidationError as error:
            errors["house_number"] = error
        if errors:
            raise ValidationError(errors)
        query = matching.intake_query(
            bsn=clean_bsn or "",
            family_name=family_name or "",
            birth_date=birth_date,
            postcode=clean_postcode,
            house_number=number.number if number else None,
            house_letter=number.letter if number else "",
            addition=number.addition if number else "",
        )
        if query.is_empty:
            return []
        # BSN and name matches first in SQL too, so a crowded address (a care home) cannot push them
        # past the limit.
        priority: list[Any] = [Value(0)]
        if query.can_match_bsn:
            priority.append(Case(When(bsn=query.bsn, then=Value(2)), default=Value(0)))
        if query.can_match_name:
            name = Q(family_name_key=query.family_name_key, birth_date=query.birth_date)
            priority.append(Case(When(name, then=Value(1)), default=Value(0)))
        persons = list(
            self.filter(municipality=municipality)
            .intake_matches(query=query)
            .annotate(match_priority=reduce(operator.add, priority))
            .select_related("household")
            .with_current_residence()
            .order_by("-match_priority", "family_name_key", "given_names", "id")[:limit]
        )
        by_id = {person.pk: person for person in persons}
        ranked = matching.candidates_rank(query, (_candidate_facts(person) for person in persons))
        return [IntakeCandidate(by_id[m.person_id], m.reasons, m.conflicts) for m in ranked]

    def household_circle(self, household: Household) -> list[CircleMember]:
        """The household's circle: members first (oldest first), then everyone with an open relation to
        a member, each with their roles towards the others. Three queries.

        Persons filtered out of this queryset (e.g. by a visibility filter chained before) are left out,
        and so are roles towards them.
        """
        members = list(self.filter(household=household).order_by("birth_date", "id").values_list("pk", flat=True))
        member_ids = set(members)
        facts = [
            relations.RelationFact(from_id, to_id, kind)
            for from_id, to_id, kind in _models()
            .Relation.objects.open()
            .filter(Q(from_person__household=household) | Q(to_person__household=household))
            .order_by("id")
            .values_list("from_person_id", "to_person_id", "kind")
        ]
        entries = relations.household_circle(members, facts)
        persons = self.filter(pk__in=[entry.person_id for entry in entries]).with_current_residence().in_bulk()
        circle = []
        for entry in entries:
            person = persons.get(entry.person_id)
            if person is None:
                continue
            roles = [(role.role, persons[role.other_id]) for role in entry.roles if role.other_id in persons]
            circle.append(CircleMember(person=person, is_member=entry.person_id in member_ids, roles=roles))
        return circle


@dataclass(frozen=True)
class IntakeCandidate:
    person: Person
    reasons: tuple[str, ...]
    conflicts: tuple[str, ...]


@dataclass(frozen=True)
class CircleMember:
    """A person in a household's circle; `roles` are (RelationRole value, the other person) pairs, e.g.
    ("parent_with_authority", <the child>)."""

    person: Person
    is_member: bool
    roles: list[tuple[str, Person]]


def _candidate_facts(person: Person) -> matching.CandidateFacts:
    residence = person.current_residence
    address = residence.address if residence else None
    return matching.CandidateFacts(
        person_id=person.pk,
        bsn=person.bsn or "",
        family_name_key=person.family_name_key,
        birth_date=person.birth_date,
        postcode=address.postcode if address else "",
        house_number=address.house_number if address else None,
        house_letter=address.house_letter if address else "",
        addition=address.addition if address else "",
    )


def _years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February in a year that has none
        return on.replace(year=on.year - years, day=28)


class AddressQuerySet(models.QuerySet):
    def in_municipality(self, municipality: Region) -> AddressQuerySet:
        return self.filter(municipality=municipality)

    def in_area(self, region: Region) -> AddressQuerySet:
        """Addresses in a neighbourhood, district or municipality."""
        return self.filter(_area_condition(region, prefix=""))


def _area_condition(region: Region, *, prefix: str) -> Q:
    from wijkteam.neighbourhoods.models import RegionLevel

    if region.level == RegionLevel.NEIGHBOURHOOD:
        return Q(**{f"{prefix}neighbourhood": region})
    if region.level == RegionLevel.DISTRICT:
        return Q(**{f"{prefix}neighbourhood__parent": region})
    if region.level == RegionLevel.MUNICIPALITY:
        return Q(**{f"{prefix}municipality": region})
    return Q()


class ResidenceQuerySet(models.QuerySet):
    def open(self) -> ResidenceQuerySet:
        """Current main addresses: residences not closed by a move."""
        return self.filter(valid_to__isnull=True)

    def on(self, day: date) -> ResidenceQuerySet:
        """Residences that held on `day` (from `valid_from`, until the day before `valid_to`)."""
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day), valid_from__lte=day)

    def in_area(self, region: Region) -> ResidenceQuerySet:
        return self.filter(_area_condition(region, prefix="address__"))


class RelationQuerySet(models.QuerySet):
    def open(self) -> RelationQuerySet:
        return self.filter(valid_to__isnull=True)

    def on(self, day: date) -> RelationQuerySet:
        return self.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day), Q(valid_from__isnull=True) | Q(valid_from__lte=day)
        )

    def of_person(self, person: Person) -> RelationQuerySet:
        """Relations where the person is on either end."""
        return self.filter(Q(from_person=person) | Q(to_person=person))

    def for_household(self, household: Household) -> RelationQuerySet:
        """Relations with a current member of the household on at least one end."""
        return self.filter(Q(from_person__household=household) | Q(to_person__household=household))

    def with_persons(self) -> RelationQuerySet:
        return self.select_related("from_person", "to_person")
