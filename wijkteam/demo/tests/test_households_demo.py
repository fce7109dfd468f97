from collections import Counter, defaultdict
from datetime import date
from itertools import pairwise

import pytest

from wijkteam.access.models import AuditEvent
from wijkteam.demo.households import demo_households_load
from wijkteam.households import relations
from wijkteam.households.bsn import bsn_is_valid
from wijkteam.households.models import Address, Household, Person, Relation, Residence
from wijkteam.households.postcode import postcode_is_valid
from wijkteam.neighbourhoods.models import Region
from wijkteam.neighbourhoods.tests.factories import sample_regions_import

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(django_assert_max_num_queries):
    sample_regions_import()
    # Bulk: SQLite batches inserts by its parameter limit (~60 persons a query); never a query per row.
    with django_assert_max_num_queries(60):
        households = demo_households_load(municipality_code="GM0153", seed=42, today=TODAY)
    return households


def test_three_hundred_households_with_a_realistic_mix(demo):
    assert len(demo) == Household.objects.count() == 300
    sizes = Counter(Person.objects.filter(household__isnull=False).values_list("household", flat=True))
    singles = sum(1 for size in sizes.values() if size == 1)
    assert 0.35 <= singles / 300 <= 0.45
    assert max(sizes.values()) <= 5
    families = {h for h, size in sizes.items() if size >= 3}
    assert len(families) >= 40
    persons = Person.objects.count()
    assert 550 <= persons <= 750


def test_everyone_lives_in_enschede_neighbourhoods_at_valid_addresses(demo):
    enschede = Region.objects.get(code="GM0153")
    neighbourhoods = set(
        Region.objects.filter(municipality=enschede, level="neighbourhood").values_list("pk", flat=True)
    )
    used = set(Address.objects.values_list("neighbourhood", flat=True))
    assert used <= neighbourhoods
    assert len(used) >= len(neighbourhoods) * 0.8
    for postcode in Address.objects.values_list("postcode", flat=True):
        assert postcode_is_valid(postcode) and 7511 <= int(postcode[:4]) <= 7548
    assert not Address.objects.exclude(municipality=enschede).exists()


def test_bsns_are_synthetic_valid_and_unique(demo):
    bsns = list(Person.objects.exclude(bsn=None).values_list("bsn", flat=True))
    assert len(bsns) == len(set(bsns)) >= 500
    assert all(bsn_is_valid(bsn) and bsn.startswith("9") for bsn in bsns)


def test_residences_are_consistent(demo):
    open_residences = Residence.objects.open().select_related("person")
    addresses_of_household = defaultdict(set)
    for residence in open_residences:
        assert residence.person.household_id == residence.household_id
        assert residence.valid_from <= TODAY
        addresses_of_household[residence.household_id].add(residence.address_id)
    assert all(len(addresses) == 1 for addresses in addresses_of_household.values())
    # Every household member has exactly one main address; the mentor has none.
    assert Residence.objects.open().count() == Person.objects.filter(household__isnull=False).count()
    # Histories do not overlap, and some exist.
    history = defaultdict(list)
    for r in Residence.objects.order_by("valid_from"):
        history[r.person_id].append(r)
    moved = 0
    for rows in history.values():
        for before, after in pairwise(rows):
            assert before.valid_to is not None and before.valid_to <= after.valid_from
            moved += 1
    assert moved >= 20


def test_relations_follow_the_rules(demo):
    open_facts = [r.fact for r in Relation.objects.open()]
    birth = dict(Person.objects.values_list("pk", "birth_date"))
    for fact in open_facts:
        others = [f for f in open_facts if f != fact]
        problems = relations.relation_problems(
            fact=fact,
            on=TODAY,
            from_birth_date=birth[fact.from_id],
            to_birth_date=birth[fact.to_id],
            open_relations=others,
        )
        assert problems == [], (fact, problems)
    kinds = Counter(Relation.objects.values_list("kind", flat=True))
    assert kinds[relations.PARTNER] >= 60
    assert kinds[relations.PARENT_WITH_AUTHORITY] >= 100
    assert kinds[relations.INFORMAL_CARER] >= 1
    assert kinds[relations.MENTOR] == 1
    mentor = Relation.objects.get(kind=relations.MENTOR).from_person
    assert mentor.household is None and mentor.birth_date is None and mentor.bsn is None


def test_some_children_co_parent_across_two_households(demo):
    parent_households = defaultdict(set)
    for child_id, household_id in Relation.objects.filter(kind__in=relations.PARENT_KINDS).values_list(
        "to_person", "from_person__household"
    ):
        parent_households[child_id].add(household_id)
    co_parented = [child for child, households in parent_households.items() if len(households) == 2]
    assert co_parented
    child = Person.objects.get(pk=co_parented[0])
    other_household = next(h for h in parent_households[child.pk] if h != child.household_id)
    assert child in Person.objects.related_to_household(Household.objects.get(pk=other_household))


def test_audit_events_name_ids_only(demo):
    events = AuditEvent.objects.filter(actor_repr="demo loader")
    assert events.filter(action="person.created").count() == Person.objects.count()
    assert events.filter(action="household.created").count() == 300
    assert events.filter(action="relation.added").count() == Relation.objects.count()
    sample = events.filter(action="person.created").first()
    assert set(sample.details) == {"household"}


def test_load_is_idempotent_and_deterministic(demo):
    snapshot = list(Person.objects.order_by("id").values_list("given_names", "family_name", "birth_date", "bsn"))
    again = demo_households_load(municipality_code="GM0153", seed=42, today=TODAY)
    assert [h.pk for h in again] == [h.pk for h in demo]
    assert Person.objects.count() == len(snapshot)

    AuditEvent.objects.all().delete()
    for model in (Relation, Residence, Person, Address, Household):
        model.objects.all().delete()
    demo_households_load(municipality_code="GM0153", seed=42, today=TODAY)
    assert (
        list(Person.objects.order_by("id").values_list("given_names", "family_name", "birth_date", "bsn")) == snapshot
    )


def test_needs_the_regions_first():
    Region.objects.create(code="GM0153", name="Enschede", level="municipality", edition_year=2024)
    with pytest.raises(ValueError, match="import the CBS region registry"):
        demo_households_load(municipality_code="GM0153", seed=1)
