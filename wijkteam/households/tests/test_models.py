"""The invariants the database itself keeps, whatever code writes (services, imports, the shell)."""

from datetime import date, timedelta

import pytest
from django.contrib import admin
from django.db import IntegrityError, transaction
from django.utils import timezone

from wijkteam.households import relations
from wijkteam.households.models import Address, Household, Person, Relation, RelationRole, Residence
from wijkteam.households.tests.factories import (
    AddressFactory,
    PersonFactory,
    RelationFactory,
    ResidenceFactory,
    municipality,
)

pytestmark = pytest.mark.django_db


def refused(factory, **kwargs):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**kwargs)


def test_one_open_residence_per_person():
    residence = ResidenceFactory()
    refused(ResidenceFactory, person=residence.person)
    # A closed one next to the open one is history, and allowed.
    ResidenceFactory(person=residence.person, valid_from=date(2000, 1, 1), valid_to=date(2001, 1, 1))
    assert Residence.objects.filter(person=residence.person).count() == 2


def test_residence_cannot_end_before_it_starts():
    refused(ResidenceFactory, valid_from=date(2020, 1, 2), valid_to=date(2020, 1, 1))


def test_bsn_unique_per_municipality_and_never_empty():
    PersonFactory(bsn="123456782")
    refused(PersonFactory, bsn="123456782")
    PersonFactory(bsn="123456782", municipality=municipality("GM0344"))
    PersonFactory(bsn=None)
    PersonFactory(bsn=None)
    refused(PersonFactory, bsn="")


def test_family_name_required():
    refused(PersonFactory, family_name="", prefix="")


def test_no_relation_to_self_and_one_open_relation_per_kind():
    person = PersonFactory()
    refused(RelationFactory, from_person=person, to_person=person)
    relation = RelationFactory()
    refused(RelationFactory, from_person=relation.from_person, to_person=relation.to_person)
    Relation.objects.filter(pk=relation.pk).update(valid_to=timezone.localdate())
    RelationFactory(from_person=relation.from_person, to_person=relation.to_person)


def test_address_unique_and_house_number_in_range():
    address = AddressFactory()
    refused(
        AddressFactory,
        postcode=address.postcode,
        house_number=address.house_number,
        house_letter=address.house_letter,
        addition=address.addition,
    )
    refused(AddressFactory, house_number=0)
    refused(AddressFactory, house_number=100000)


def test_person_display_and_age():
    today = timezone.localdate()
    person = PersonFactory(given_names="Jan", surname="de Vries", birth_date=today.replace(year=today.year - 17, day=1))
    assert (person.full_name, person.sort_name, person.surname) == ("Jan de Vries", "Vries, Jan de", "De Vries")
    assert str(person) == "Jan de Vries"
    assert person.is_minor is True and person.age == 17
    assert person.age_on(today + timedelta(days=400)) == 18
    assert PersonFactory(birth_date=None).age is None


def test_current_residence_without_prefetch():
    residence = ResidenceFactory()
    person = Person.objects.get(pk=residence.person_id)
    assert person.current_residence == residence
    assert Person.objects.with_current_residence().get(pk=person.pk).current_residence == residence


def test_relation_roles_have_dutch_labels():
    relation = RelationFactory(kind=relations.PARENT_WITH_AUTHORITY)
    assert relation.get_kind_display() == "ouder met gezag"
    assert RelationRole(relation.inverse_role).label == "kind"
    assert RelationRole(relations.ROLE_PARENT).label == "ouder"
    assert relation.fact == relations.RelationFact(relation.from_person_id, relation.to_person_id, relation.kind)


def test_the_admin_shows_no_person_level_data():
    registered = set(admin.site._registry)
    assert not registered & {Household, Person, Address, Residence, Relation}
