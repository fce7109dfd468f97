from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkteam.access.models import AuditEvent
from wijkteam.access.tests.factories import UserFactory
from wijkteam.households import relations, services
from wijkteam.households.models import Household, Person, Relation, Residence
from wijkteam.households.tests.factories import (
    AddressFactory,
    HouseholdFactory,
    PersonFactory,
    ResidenceFactory,
    family_create,
    municipality,
    neighbourhoods,
)
from wijkteam.neighbourhoods.models import Region

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def actor():
    return UserFactory(roles=["generalist"])


@pytest.fixture
def enschede():
    return municipality()


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def address(enschede, actor, **kwargs):
    values = {"postcode": "7511 ab", "house_number": "12a", "street": "Hoofdstraat", "city": "Enschede"}
    values.update(kwargs)
    return services.address_get_or_create(municipality=enschede, actor=actor, **values)


def assert_no_person_data(event, *values):
    text = f"{event.summary} {event.details}"
    for value in values:
        assert str(value) not in text


# Addresses


def test_address_get_or_create_normalises_and_reuses(enschede, actor):
    buurt = neighbourhoods()[0]
    first = address(enschede, actor, neighbourhood=buurt)
    assert (first.postcode, first.house_number, first.house_letter, first.addition) == ("7511AB", 12, "A", "")
    assert first.street_key == "hoofdstraat"
    assert first.district == buurt.parent
    assert str(first) == "Hoofdstraat 12A, 7511 AB Enschede"
    again = address(enschede, actor, postcode="7511AB", house_number=12, house_letter="a", street="")
    assert again.pk == first.pk
    assert len(events("address.created")) == 1


def test_address_fills_in_missing_details_only(enschede, actor):
    bare = services.address_get_or_create(municipality=enschede, postcode="7511AB", house_number=3, actor=actor)
    filled = services.address_get_or_create(
        municipality=enschede, postcode="7511AB", house_number=3, street="Markt", actor=actor
    )
    assert filled.pk == bare.pk and filled.street == "Markt" and filled.street_key == "markt"
    kept = services.address_get_or_create(
        municipality=enschede, postcode="7511AB", house_number=3, street="Andere straat", actor=actor
    )
    assert kept.street == "Markt"
    assert events("address.updated")[0].details == {"fields": ["street"]}


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"postcode": "0511AB"}, "postcode"),
        ({"postcode": "7511SS"}, "postcode"),
        ({"house_number": "0"}, "house_number"),
        ({"house_number": "12a", "house_letter": "b"}, "house_number"),
        ({"house_number": "12", "addition": "toolong"}, "house_number"),
    ],
)
def test_address_rejects_bad_input_in_dutch(enschede, actor, kwargs, field):
    with pytest.raises(ValidationError) as error:
        address(enschede, actor, **kwargs)
    assert field in error.value.message_dict
    assert not any("Enter" in m or "Give" in m for m in error.value.message_dict[field])  # Dutch by default


def test_address_neighbourhood_must_lie_in_the_municipality(enschede, actor):
    utrecht_buurt = Region.objects.filter(municipality__code="GM0344", level="district").first()
    with pytest.raises(ValidationError) as error:
        address(enschede, actor, neighbourhood=utrecht_buurt)
    assert "neighbourhood" in error.value.message_dict


# Households and persons


def test_household_create_and_update(enschede, actor):
    household = services.household_create(municipality=enschede, name="  De   Vries ", actor=actor)
    assert household.name == "De Vries"
    assert str(household) == "Huishouden De Vries"
    services.household_update(household=household, name="De Vries-Jansen", actor=actor)
    services.household_update(household=household, name="De Vries-Jansen", actor=actor)
    assert [e.details for e in events("household.updated")] == [{"fields": ["name"]}]
    with pytest.raises(ValidationError):
        services.household_create(municipality=enschede, name=" ", actor=actor)
    with pytest.raises(ValidationError):
        services.household_create(municipality=neighbourhoods()[0], name="X", actor=actor)


def test_person_create_with_address_starts_a_household(enschede, actor):
    home = address(enschede, actor)
    person = services.person_create(
        municipality=enschede,
        given_names=" Ayşe ",
        prefix="",
        family_name="Çelik",
        birth_date=date(1980, 3, 12),
        bsn="1234.56.782",
        email="Ayse@Example.org",
        address=home,
        actor=actor,
    )
    assert person.bsn == "123456782"
    assert person.given_names == "Ayşe" and person.email == "ayse@example.org"
    assert (person.family_name_key, person.search_text) == ("celik", "ayse celik")
    assert person.household.name == "Çelik"
    residence = person.current_residence
    assert residence.address == home and residence.household == person.household
    assert residence.valid_from == TODAY()
    event = events("person.created")[0]
    assert event.actor == actor and event.target_id == str(person.pk)
    assert event.details == {"household": person.household_id, "residence": residence.pk}
    assert_no_person_data(event, "123456782", "Çelik", "Ayşe", "1980")
    assert events("household.created")


def test_person_joins_a_household_at_its_address(enschede, actor):
    family = family_create(adults=1, children=0)
    baby = services.person_create(
        municipality=enschede, family_name=family.household.name, household=family.household, actor=actor
    )
    assert baby.household == family.household
    assert baby.current_residence.address == family.address


def test_person_cannot_join_a_household_at_another_address(enschede, actor):
    family = family_create(adults=1, children=0)
    with pytest.raises(ValidationError) as error:
        services.person_create(
            municipality=enschede,
            family_name="Jansen",
            household=family.household,
            address=AddressFactory(),
            actor=actor,
        )
    assert "address" in error.value.message_dict


def test_residence_starts_no_earlier_than_birth(enschede, actor):
    home = address(enschede, actor)
    baby = services.person_create(
        municipality=enschede, family_name="Smit", birth_date=TODAY(), address=home, actor=actor
    )
    assert baby.current_residence.valid_from == TODAY()
    with pytest.raises(ValidationError) as error:
        services.person_create(
            municipality=enschede,
            family_name="Smit",
            birth_date=TODAY() - timedelta(days=3),
            lives_there_since=TODAY() - timedelta(days=10),
            address=home,
            actor=actor,
        )
    assert "lives_there_since" in error.value.message_dict


def test_person_known_by_name_only(enschede, actor):
    person = services.person_create(municipality=enschede, family_name="de Boer", actor=actor)
    assert person.household is None and person.current_residence is None
    assert person.birth_date is None and person.bsn is None and person.is_minor is None


def test_homeless_household_member(enschede, actor):
    household = services.household_create(municipality=enschede, name="Smit", actor=actor)
    person = services.person_create(municipality=enschede, family_name="Smit", household=household, actor=actor)
    assert person.household == household and person.current_residence is None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"bsn": "123456789"}, "bsn"),
        ({"bsn": "1234"}, "bsn"),
        ({"family_name": "  "}, "family_name"),
        ({"email": "not-an-address"}, "email"),
        ({"gender": "robot"}, "gender"),
        ({"birth_date": date.today() + timedelta(days=2)}, "birth_date"),  # noqa: DTZ011
    ],
)
def test_person_create_rejects_bad_input(enschede, actor, kwargs, field):
    values = {"family_name": "Jansen"} | kwargs
    with pytest.raises(ValidationError) as error:
        services.person_create(municipality=enschede, actor=actor, **values)
    assert field in error.value.message_dict
    assert not Person.objects.exists()


def test_bsn_message_is_dutch(enschede, actor):
    with pytest.raises(ValidationError) as error:
        services.person_create(municipality=enschede, family_name="Jansen", bsn="123456789", actor=actor)
    assert error.value.message_dict["bsn"] == ["Dit is geen geldig BSN: het voldoet niet aan de elfproef."]


def test_bsn_is_unique_per_municipality(enschede, actor):
    services.person_create(municipality=enschede, family_name="Jansen", bsn="123456782", actor=actor)
    with pytest.raises(ValidationError) as error:
        services.person_create(municipality=enschede, family_name="Smit", bsn="123456782", actor=actor)
    assert "bsn" in error.value.message_dict
    utrecht = municipality("GM0344")
    other = services.person_create(municipality=utrecht, family_name="Smit", bsn="123456782", actor=actor)
    assert other.bsn == "123456782"


def test_person_update_records_field_names_only(enschede, actor):
    person = PersonFactory(surname="Jansen", bsn=None)
    loaded_at = person.updated_at
    updated = services.person_update(
        person=person,
        family_name="Vries",
        prefix="de",
        bsn="111222333",
        phone=person.phone,
        expected_updated_at=loaded_at,
        actor=actor,
    )
    assert (updated.family_name_key, updated.bsn) == ("vries", "111222333")
    assert "de vries" in updated.search_text
    event = events("person.updated")[0]
    assert event.details == {"fields": ["bsn", "family_name", "prefix"]}
    assert_no_person_data(event, "111222333", "Vries")
    # Nothing changed: no event.
    services.person_update(person=updated, family_name="Vries", actor=actor)
    assert len(events("person.updated")) == 1


def test_person_update_refuses_a_stale_form(actor):
    person = PersonFactory()
    loaded_at = person.updated_at
    services.person_update(person=person, phone="0612345678", actor=actor)
    with pytest.raises(ValidationError) as error:
        services.person_update(person=person, phone="0687654321", expected_updated_at=loaded_at, actor=actor)
    assert error.value.code == "stale"
    assert Person.objects.get(pk=person.pk).phone == "0612345678"


def test_person_update_rejects_unknown_fields_and_taken_bsn(actor):
    person, other = PersonFactory(), PersonFactory()
    with pytest.raises(ValueError):
        services.person_update(person=person, household=None, actor=actor)
    with pytest.raises(ValidationError) as error:
        services.person_update(person=person, bsn=other.bsn, actor=actor)
    assert "bsn" in error.value.message_dict


# Moves


def test_person_move_into_a_new_household_keeps_history(enschede, actor):
    family = family_create(adults=2, children=1)
    leaving = family.adults[1]
    new_home = AddressFactory()
    moved_on = TODAY() - timedelta(days=10)
    residence = services.person_move(
        person=leaving, address=new_home, moved_on=moved_on, new_household=True, actor=actor
    )
    leaving.refresh_from_db()
    assert leaving.household == residence.household != family.household
    assert residence.valid_from == moved_on and residence.is_open
    history = list(Residence.objects.filter(person=leaving).order_by("valid_from"))
    assert len(history) == 2
    assert history[0].valid_to == moved_on and history[0].address == family.address
    assert Residence.objects.open().filter(person=leaving).count() == 1
    assert Person.objects.filter(household=family.household).count() == 2
    event = events("person.moved")[0]
    assert event.details == {
        "closed_residence": history[0].pk,
        "residence": residence.pk,
        "household": residence.household_id,
    }


def test_person_move_into_another_household_at_its_address(actor):
    single = family_create(adults=1, children=0)
    partner = family_create(adults=1, children=0)
    moved_on = TODAY() - timedelta(days=1)
    residence = services.person_move(
        person=single.adults[0], household=partner.household, moved_on=moved_on, actor=actor
    )
    assert residence.address == partner.address and residence.household == partner.household


def test_alone_in_household_moves_with_it(actor):
    single = family_create(adults=1, children=0)
    new_home = AddressFactory()
    residence = services.person_move(person=single.adults[0], address=new_home, moved_on=TODAY(), actor=actor)
    assert residence.household == single.household and residence.address == new_home


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"use_new_address": True}, "address"),  # others stay behind: move the household instead
        ({"same_address": True}, "address"),
        ({"use_new_address": True, "moved_on": "before"}, "moved_on"),
        ({"use_new_address": True, "moved_on": "future"}, "moved_on"),
    ],
)
def test_person_move_refuses(actor, kwargs, field):
    family = family_create(adults=2, children=0)
    person = family.adults[0]
    moved_on = {
        "before": TODAY() - timedelta(days=4000),
        "future": TODAY() + timedelta(days=3),
    }.get(kwargs.get("moved_on"), TODAY())
    target = family.address if kwargs.get("same_address") else AddressFactory()
    new_household = kwargs.get("moved_on") is not None
    with pytest.raises(ValidationError) as error:
        services.person_move(person=person, address=target, moved_on=moved_on, new_household=new_household, actor=actor)
    assert field in error.value.message_dict
    assert Residence.objects.filter(person=person).count() == 1
    assert Household.objects.count() == 1


def test_household_move(actor):
    family = family_create(adults=2, children=2)
    new_home = AddressFactory()
    moved_on = TODAY() - timedelta(days=3)
    residences = services.household_move(household=family.household, address=new_home, moved_on=moved_on, actor=actor)
    assert len(residences) == 4
    assert set(Residence.objects.open().values_list("address", flat=True)) == {new_home.pk}
    assert Residence.objects.filter(valid_to=moved_on, address=family.address).count() == 4
    with pytest.raises(ValidationError):
        services.household_move(household=family.household, address=new_home, moved_on=TODAY(), actor=actor)
    event = events("household.moved")[0]
    assert event.details["address"] == new_home.pk and len(event.details["closed_residences"]) == 4


def test_person_move_out(actor):
    family = family_create(adults=2, children=0)
    person = services.person_move_out(person=family.adults[1], moved_on=TODAY(), actor=actor)
    assert person.household is None and person.current_residence is None
    assert Residence.objects.filter(person=person, valid_to=TODAY()).exists()
    with pytest.raises(ValidationError):
        services.person_move_out(person=person, moved_on=TODAY(), actor=actor)


# Relations


def test_relation_add_and_end(actor):
    family = family_create(adults=2, children=1)
    child = family.children[0]
    grandma = PersonFactory(birth_date=date(1950, 5, 5))
    relation = services.relation_add(
        from_person=grandma, to_person=child, kind=relations.INFORMAL_CARER, note=" oppas ", actor=actor
    )
    assert relation.note == "oppas" and relation.inverse_role == relations.ROLE_CARED_FOR
    ended = services.relation_end(relation=relation, actor=actor)
    assert ended.valid_to == TODAY()
    with pytest.raises(ValidationError):
        services.relation_end(relation=ended, actor=actor)
    # Ended relations may be added again.
    services.relation_add(from_person=grandma, to_person=child, kind=relations.INFORMAL_CARER, actor=actor)
    assert Relation.objects.filter(from_person=grandma).count() == 2
    added = events("relation.added")[0]
    assert added.details == {"from_person": grandma.pk, "to_person": child.pk}


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("self", "Een persoon kan geen relatie met zichzelf hebben."),
        ("duplicate", "Deze relatie is al vastgelegd."),
        ("third_authority", "Hooguit twee personen kunnen het gezag over een kind hebben."),
        ("guardian_of_adult", "Gezag en voogdij gelden alleen voor minderjarigen; deze persoon is 18 of ouder."),
        (
            "curator_of_child",
            "Een curator of mentor wordt alleen voor volwassenen benoemd; deze persoon is jonger dan 18.",
        ),
        ("unknown_kind", "Kies een van de mogelijkheden."),
    ],
)
def test_relation_add_refuses(actor, case, message):
    family = family_create(adults=2, children=1)
    mother, father = family.adults
    child = family.children[0]
    outsider = PersonFactory(birth_date=date(1970, 1, 1))
    arguments = {
        "self": (mother, mother, relations.PARTNER),
        "duplicate": (father, mother, relations.PARTNER),
        "third_authority": (outsider, child, relations.GUARDIAN),
        "guardian_of_adult": (outsider, mother, relations.GUARDIAN),
        "curator_of_child": (outsider, child, relations.CURATOR),
        "unknown_kind": (outsider, child, "neighbour"),
    }[case]
    before = Relation.objects.count()
    with pytest.raises(ValidationError) as error:
        services.relation_add(from_person=arguments[0], to_person=arguments[1], kind=arguments[2], actor=actor)
    assert message in error.value.messages
    assert Relation.objects.count() == before


def test_relation_end_before_start_is_refused(actor):
    a, b = PersonFactory(), PersonFactory()
    relation = services.relation_add(
        from_person=a, to_person=b, kind=relations.PARTNER, valid_from=TODAY() - timedelta(days=5), actor=actor
    )
    with pytest.raises(ValidationError) as error:
        services.relation_end(relation=relation, valid_to=TODAY() - timedelta(days=6), actor=actor)
    assert "valid_to" in error.value.message_dict


def test_services_need_the_same_municipality(actor):
    utrecht_person = PersonFactory(municipality=municipality("GM0344"))
    with pytest.raises(ValidationError):
        services.relation_add(
            from_person=PersonFactory(), to_person=utrecht_person, kind=relations.PARTNER, actor=actor
        )
    with pytest.raises(ValidationError):
        services.person_move(person=utrecht_person, address=AddressFactory(), moved_on=TODAY(), actor=actor)


def test_a_failing_service_leaves_nothing_behind(actor, enschede):
    home = AddressFactory()
    HouseholdFactory()
    before = (Household.objects.count(), AuditEvent.objects.count())
    PersonFactory(bsn="123456782")
    with pytest.raises(ValidationError):
        services.person_create(municipality=enschede, family_name="X", bsn="123456782", address=home, actor=actor)
    assert (Household.objects.count(), AuditEvent.objects.count()) == before
    assert not Residence.objects.exists()


def test_residence_factory_keeps_the_household_of_the_person():
    residence = ResidenceFactory()
    assert residence.person.household == residence.household
