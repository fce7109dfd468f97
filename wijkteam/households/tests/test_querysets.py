from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from wijkteam.households import relations
from wijkteam.households.models import Household, Person, Relation, Residence
from wijkteam.households.tests.factories import (
    AddressFactory,
    PersonFactory,
    RelationFactory,
    ResidenceFactory,
    family_create,
    municipality,
    neighbourhoods,
)

pytestmark = pytest.mark.django_db


def resident(surname="Jansen", given="Piet", address=None, household=None, **kwargs):
    """A person living at an address (in a household of their own unless given).

    The default street is fixed: a generated one ("Pieterlaan") could match a name search.
    """
    extra = {"household": household} if household else {}
    address = address or AddressFactory(street="Marktplein")
    return ResidenceFactory(
        person__surname=surname, person__given_names=given, address=address, **extra, **kwargs
    ).person


def found(query, queryset=None):
    return set((queryset or Person.objects).search(query).values_list("pk", flat=True))


# Search


def test_search_by_name_ignores_case_accents_prefix_order():
    celik = resident("Çelik", "Ayşe")
    vries = resident("de Vries", "Jan Pieter")
    resident("Bakker", "Jan")
    assert found("celik") == found("ÇELIK") == found("Ayse Celik") == {celik.pk}
    assert found("de Vries") == found("Vries, de") == found("vries jan") == found("J. de Vries") == {vries.pk}
    assert found("Pieter") == {vries.pk}


def test_search_by_postcode_and_house_number():
    home = AddressFactory(postcode="7511AB", house_number=12, house_letter="A", street="Hoofdstraat")
    neighbour = AddressFactory(postcode="7511AB", house_number=14, street="Hoofdstraat")
    a = resident(address=home)
    b = resident("Smit", address=neighbour)
    assert found("7511 ab") == {a.pk, b.pk}
    assert found("7511AB 12") == found("7511AB 12a") == {a.pk}
    assert found("7511AB 12b") == set()
    assert found("7511AB Smit") == {b.pk}


def test_search_by_street_and_number():
    home = AddressFactory(street="Hengelosestraat", house_number=100)
    a = resident("Smit", address=home)
    b = resident("Bos", address=AddressFactory(street="Hengelosestraat", house_number=102))
    assert found("hengelosestraat") == {a.pk, b.pk}
    assert found("Hengelosestraat 100") == {a.pk}


def test_search_finds_only_current_addresses():
    old, new = AddressFactory(postcode="7522AA"), AddressFactory(postcode="7533BB")
    person = resident(address=old)
    Residence.objects.filter(person=person).update(valid_to=timezone.localdate())
    ResidenceFactory(person=person, address=new, household=person.household)
    assert found("7522AA") == set()
    assert found("7533BB") == {person.pk}


def test_bsn_is_matched_exactly_and_only_as_a_bsn():
    person = PersonFactory(bsn="123456782")
    PersonFactory(bsn="111222333", family_name="Dekker")
    assert found("123456782") == found("1234 56 782") == {person.pk}
    assert found("12345678") == set()  # an 8-digit query is 012345678, not a fragment
    assert found("2345678") == set()
    assert found("123456789") == set()


def test_search_with_birth_date():
    a = PersonFactory(family_name="Jansen", birth_date=date(1980, 3, 12))
    PersonFactory(family_name="Jansen", birth_date=date(1981, 3, 12))
    assert found("Jansen 12-03-1980") == {a.pk}


@pytest.mark.parametrize("query", ["", "   ", "a", "12", "31-02-1980 Jansen"])
def test_search_without_usable_terms_finds_nothing(query):
    PersonFactory(family_name="Jansen")
    assert found(query) == set()


def test_search_is_chainable_with_other_filters():
    enschede, utrecht = municipality(), municipality("GM0344")
    here = PersonFactory(family_name="Jansen", municipality=enschede)
    PersonFactory(family_name="Jansen", municipality=utrecht)
    assert set(Person.objects.in_municipality(enschede).search("jansen").values_list("pk", flat=True)) == {here.pk}
    assert found("jansen", Person.objects.filter(pk=here.pk)) == {here.pk}


def test_household_search_via_members():
    family = family_create(adults=2, children=1)
    family_create(adults=1, children=0, name="Bakker")
    target = family.adults[0]
    result = Household.objects.search(target.family_name)
    assert family.household in result
    assert list(Household.objects.search(target.bsn)) == [family.household]
    assert list(Household.objects.search("")) == []


@pytest.mark.parametrize("rows", [10, 200])
def test_search_query_count_is_constant(django_assert_num_queries, rows):
    home = AddressFactory(postcode="7512CD")
    household = ResidenceFactory(address=home).household
    Person.objects.all().delete()
    for i in range(rows):
        ResidenceFactory(person__family_name=f"Jansen{i % 3}", address=home, household=household)
    with django_assert_num_queries(2):
        people = list(Person.objects.search("jansen").with_current_residence().select_related("household"))
        assert len(people) == rows
        assert {str(p.current_residence.address) for p in people} == {str(home)}
        assert {p.household.name for p in people} == {household.name}
    with django_assert_num_queries(1):
        assert len(list(Person.objects.search("7512CD"))) == rows
    with django_assert_num_queries(3):
        households = list(Household.objects.search("jansen").with_members().with_member_count())
        assert [h.member_count for h in households] == [rows]
        assert len(households[0].current_members) == rows


@pytest.mark.postgres
def test_trigram_search_finds_near_misses_on_postgresql():
    janssen = PersonFactory(family_name="Janssen", prefix="", given_names="Pieter")
    PersonFactory(family_name="Bakker", prefix="", given_names="Anna")
    # No fragment match: "jansen" is not contained in "pieter janssen"; trigram word similarity finds it.
    assert found("Jansen") == {janssen.pk}
    assert found("Pieter Jansen") == {janssen.pk}
    results = list(Person.objects.search("Jansen"))
    assert results[0].similarity > 0.5
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%trgm%%'")
        assert {row[0] for row in cursor.fetchall()} == {"person_search_trgm_idx", "address_street_trgm_idx"}


@pytest.mark.postgres
def test_trigram_index_serves_name_search_on_postgresql():
    PersonFactory.create_batch(5)
    query = Person.objects.search("jansen").values("pk").query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "person_search_trgm_idx" in plan


# Households and relations


def test_related_to_household_includes_a_co_parenting_child_and_carers():
    mother_home = family_create(adults=1, children=1)
    father_home = family_create(adults=1, children=0)
    child = mother_home.children[0]
    father = father_home.adults[0]
    RelationFactory(from_person=father, to_person=child, kind=relations.PARENT_WITH_AUTHORITY)
    carer = PersonFactory()
    RelationFactory(from_person=carer, to_person=mother_home.adults[0], kind=relations.INFORMAL_CARER)
    RelationFactory(from_person=PersonFactory(), to_person=carer, kind=relations.PARTNER)  # not in the circle
    ended = PersonFactory()
    RelationFactory(from_person=ended, to_person=father, kind=relations.PARTNER, valid_to=timezone.localdate())

    father_circle = set(Person.objects.related_to_household(father_home.household))
    assert father_circle == {father, child}
    mother_circle = set(Person.objects.related_to_household(mother_home.household))
    assert mother_circle == {mother_home.adults[0], child, father, carer}


@pytest.mark.parametrize("children", [1, 4])
def test_household_circle_roles(django_assert_num_queries, children):
    family = family_create(adults=2, children=children)
    other = family_create(adults=1, children=0)
    child = family.children[0]
    RelationFactory(from_person=other.adults[0], to_person=child, kind=relations.PARENT_WITHOUT_AUTHORITY)
    with django_assert_num_queries(4):
        circle = Person.objects.household_circle(family.household)
        by_person = {entry.person: entry for entry in circle}
        assert [entry.is_member for entry in circle] == [True] * (2 + children) + [False]
        roles_of_child = {(role, other.pk) for role, other in by_person[child].roles}
        assert by_person[child].person.current_residence.address == family.address
    assert roles_of_child == {
        ("child", family.adults[0].pk),
        ("child", family.adults[1].pk),
        ("child", other.adults[0].pk),
    }
    assert [(role, p) for role, p in by_person[other.adults[0]].roles] == [("parent_without_authority", child)]
    # A visibility filter chained before leaves the filtered persons (and roles towards them) out.
    hidden = Person.objects.exclude(pk=other.adults[0].pk).household_circle(family.household)
    assert other.adults[0] not in {entry.person for entry in hidden}
    assert {role for entry in hidden if entry.person == child for role in entry.roles} == {
        ("child", family.adults[0]),
        ("child", family.adults[1]),
    }


def test_households_in_area():
    buurten = neighbourhoods()
    inside = family_create(adults=1, children=0, address=AddressFactory(neighbourhood=buurten[0]))
    family_create(adults=1, children=0, address=AddressFactory(neighbourhood=buurten[-1]))
    assert list(Household.objects.in_area(buurten[0])) == [inside.household]
    district = buurten[0].parent
    expected = {inside.household} | {
        h for h in Household.objects.all() if h.residences.filter(address__neighbourhood__parent=district).exists()
    }
    assert set(Household.objects.in_area(district)) == expected
    assert Household.objects.in_area(municipality()).count() == 2


def test_minors_and_adults():
    today = date(2026, 6, 1)
    child = PersonFactory(birth_date=date(2010, 6, 2))
    adult = PersonFactory(birth_date=date(2008, 6, 1))
    unknown = PersonFactory(birth_date=None)
    assert set(Person.objects.minors(today)) == {child}
    assert set(Person.objects.adults(today)) == {adult}
    assert unknown not in Person.objects.minors(today) | Person.objects.adults(today)


def test_residences_and_relations_on_a_day():
    person = PersonFactory()
    start = date(2020, 1, 1)
    moved = date(2023, 5, 1)
    first = ResidenceFactory(person=person, valid_from=start, valid_to=moved)
    second = ResidenceFactory(person=person, valid_from=moved)
    assert list(Residence.objects.on(moved - timedelta(days=1))) == [first]
    assert list(Residence.objects.on(moved)) == [second]
    assert list(Residence.objects.on(start - timedelta(days=1))) == []
    relation = RelationFactory(from_person=person, valid_from=start, valid_to=moved)
    assert list(Relation.objects.on(start)) == [relation]
    assert list(Relation.objects.on(moved)) == []
    assert list(Relation.objects.of_person(person)) == [relation]


# Intake matching


def test_intake_candidates_with_reasons(django_assert_num_queries):
    enschede = municipality()
    home = AddressFactory(postcode="7511AB", house_number=12)
    by_bsn = resident("de Vries", "Jan", address=home, person__bsn="123456782", person__birth_date=date(1980, 3, 12))
    partner = resident("Bakker", "Els", address=home, household=by_bsn.household)
    namesake = resident("De Vries", "Johan", person__bsn="111222333", person__birth_date=date(1980, 3, 12))
    resident("de Vries", "Piet", person__birth_date=date(1979, 1, 1))
    elsewhere = PersonFactory(municipality=municipality("GM0344"), bsn="123456782")

    with django_assert_num_queries(2):
        candidates = Person.objects.intake_candidates(
            municipality=enschede,
            bsn="1234.56.782",
            family_name="Vries, de",
            birth_date=date(1980, 3, 12),
            postcode="7511 ab",
            house_number="12",
        )
    assert [(c.person, c.reasons) for c in candidates] == [
        (by_bsn, ("bsn", "name_birthdate", "address")),
        (namesake, ("name_birthdate",)),
        (partner, ("address",)),
    ]
    assert candidates[1].conflicts == ("bsn_differs",)
    assert elsewhere not in {c.person for c in candidates}


def test_intake_needs_specific_facts():
    enschede = municipality()
    resident("Jansen", address=AddressFactory(postcode="7511AB", house_number=1))
    assert Person.objects.intake_candidates(municipality=enschede, family_name="Jansen") == []
    assert Person.objects.intake_candidates(municipality=enschede, postcode="7511AB") == []
    assert Person.objects.intake_candidates(municipality=enschede) == []


@pytest.mark.parametrize(
    "kwargs",
    [{"bsn": "123456789"}, {"postcode": "0511AB", "house_number": 1}, {"postcode": "7511AB", "house_number": "x"}],
)
def test_intake_rejects_invalid_input(kwargs):
    with pytest.raises(ValidationError):
        Person.objects.intake_candidates(municipality=municipality(), **kwargs)


@pytest.mark.parametrize("rows", [5, 80])
def test_intake_query_count_is_constant(django_assert_num_queries, rows):
    home = AddressFactory(postcode="7511AB", house_number=12)
    household = ResidenceFactory(address=home).household
    for _ in range(rows):
        ResidenceFactory(address=home, household=household)
    by_bsn = PersonFactory(surname="Zwart", bsn="123456782")
    enschede = municipality()
    with django_assert_num_queries(2):
        candidates = Person.objects.intake_candidates(
            municipality=enschede, bsn="123456782", postcode="7511AB", house_number=12
        )
    assert len(candidates) == min(rows + 2, 50)
    assert candidates[0].person == by_bsn  # never cut off by a crowded address
