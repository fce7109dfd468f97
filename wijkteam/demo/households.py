"""Synthetic households for the demo: a few hundred in the demo municipality, spread over its neighbourhoods.

The mix follows the broad CBS picture of a Dutch city: about 40% single-person households, couples
without children, couples with one to three children, single parents, a few other two-adult households.
Some children of separated parents have their other parent in another household (co-parenting, joint
parental authority; that parent lived with the family until the separation), a few elderly people
living alone have an informal carer, and one adult has a mentor. Some households moved before, so the
residence history is not empty.

Everything is generated (Faker nl_NL with a fixed seed; BSNs from `bsn_synthetic`, starting with 9;
postcodes in Enschede's range 7511–7548) and written in bulk with its audit events, so the step takes
well under a second. Idempotent: when the municipality has households, nothing is added.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from faker import Faker

from wijkteam.access.models import AuditEvent
from wijkteam.households import names, relations
from wijkteam.households.age import age_on, is_minor_on
from wijkteam.households.bsn import SYNTHETIC_CAPACITY, bsn_synthetic
from wijkteam.households.models import Address, Gender, Household, Person, Relation, Residence
from wijkteam.households.postcode import EXCLUDED_LETTER_PAIRS
from wijkteam.neighbourhoods.models import Region, RegionLevel

DEMO_HOUSEHOLDS = 300
POSTCODE_FIRST, POSTCODE_LAST = 7511, 7548  # Enschede
# Household types and their shares (roughly CBS, for a city with many students and elderly).
COMPOSITION = {
    "single": 0.40,
    "couple": 0.25,
    "couple_with_children": 0.22,
    "single_parent": 0.09,
    "two_adults": 0.04,  # a parent with an adult child, or two friends sharing a house
}
CO_PARENTING_SHARE = 0.4  # of single parents: the other parent lives alone in another demo household
INFORMAL_CARERS = 3
LETTERS = "ABCDEFGHJKLMNPRSTVWXZ"
ACTOR_REPR = "demo loader"
YEAR = timedelta(days=365)


@dataclass
class _Home:
    household: Household
    address: Address
    since: date
    couple: bool = False
    adults: list[Person] = field(default_factory=list)
    children: list[Person] = field(default_factory=list)
    previous: Address | None = None
    previous_since: date | None = None

    @property
    def members(self) -> list[Person]:
        return [*self.adults, *self.children]


class _Generator:
    """Draws addresses, persons and households from one seeded random source."""

    def __init__(self, *, municipality: Region, neighbourhoods: list[Region], seed: int, today: date) -> None:
        self.municipality = municipality
        self.neighbourhoods = neighbourhoods
        self.rng = random.Random(seed)
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        self.today = today
        self.addresses: dict[tuple[str, int, str, str], Address] = {}
        self.streets = {b.pk: [self.fake.street_name() for _ in range(self.rng.randint(2, 5))] for b in neighbourhoods}
        self.postcode_letters: dict[tuple[str, str, int], str] = {}
        self.used_letters: dict[str, set[str]] = {}
        taken = set(Person.objects.filter(municipality=municipality, bsn__isnull=False).values_list("bsn", flat=True))
        self.bsns = (bsn for n in self._bsn_order() if (bsn := bsn_synthetic(n)) not in taken)

    def _bsn_order(self) -> Iterator[int]:
        start = self.rng.randrange(SYNTHETIC_CAPACITY)
        for step in range(SYNTHETIC_CAPACITY):
            yield (start + step * 7919) % SYNTHETIC_CAPACITY  # 7919 is prime: every n comes once

    # Addresses: a neighbourhood has a few streets; a stretch of 30 numbers of a street shares a postcode.

    def _postcode(self, buurt_index: int, street: str, number: int) -> str:
        span = POSTCODE_LAST - POSTCODE_FIRST + 1
        digits = str(POSTCODE_FIRST + buurt_index * span // len(self.neighbourhoods))
        key = (digits, street, number // 30)
        if key not in self.postcode_letters:
            used = self.used_letters.setdefault(digits, set())
            pair = ""
            while not pair or pair in EXCLUDED_LETTER_PAIRS or pair in used:
                pair = self.rng.choice(LETTERS) + self.rng.choice(LETTERS)
            used.add(pair)
            self.postcode_letters[key] = pair
        return digits + self.postcode_letters[key]

    def address(self) -> Address:
        while True:
            index = self.rng.randrange(len(self.neighbourhoods))
            buurt = self.neighbourhoods[index]
            street = self.rng.choice(self.streets[buurt.pk])
            number = self.rng.randint(1, 180)
            letter = "A" if self.rng.random() < 0.05 else ""
            addition = self.rng.choice(["1", "2", "3", "HS"]) if self.rng.random() < 0.1 else ""
            key = (self._postcode(index, street, number), number, letter, addition)
            if key not in self.addresses:
                break
        address = Address(
            municipality=self.municipality,
            postcode=key[0],
            house_number=number,
            house_letter=letter,
            addition=addition,
            street=street,
            city="Enschede",
            neighbourhood=buurt,
        )
        address.refresh_street_key()
        self.addresses[key] = address
        return address

    # Persons

    def birth_date(self, min_age: int, max_age: int) -> date:
        return self.today - timedelta(days=self.rng.randint(min_age * 365 + 1, max_age * 365 + 360))

    def gender(self) -> str:
        return self.rng.choice([Gender.FEMALE, Gender.MALE])

    def age(self, person: Person) -> int:
        return age_on(person.birth_date, self.today) if person.birth_date else 0

    def person(self, *, surname: str, born: date | None, gender: str | None = None, adult: bool = True) -> Person:
        gender = gender or self.gender()
        prefix, family_name = names.name_split(surname)
        given = self.fake.first_name_female() if gender == Gender.FEMALE else self.fake.first_name_male()
        person = Person(
            municipality=self.municipality,
            given_names=given,
            prefix=prefix,
            family_name=family_name,
            birth_date=born,
            bsn=next(self.bsns) if born and self.rng.random() < 0.97 else None,
            gender=gender,
        )
        if adult and self.rng.random() < 0.8:
            person.phone = "06" + "".join(str(self.rng.randint(0, 9)) for _ in range(8))
        if adult and self.rng.random() < 0.5:
            local = f"{names.fold(given)}.{names.fold(family_name)}".replace(" ", "")
            person.email = f"{local}{self.rng.randint(1, 999)}@example.org"
        person.refresh_name_keys()
        return person

    # Households

    def home(self, surname: str) -> _Home:
        household = Household(municipality=self.municipality, name=names.surname(*names.name_split(surname)))
        return _Home(household=household, address=self.address(), since=self.today)

    def children(self, home: _Home, surname: str, count: int, *, other_parent: Person | None = None) -> None:
        """Children born when every parent was at least 19; up to 21 years old."""
        parents = [*home.adults, *([other_parent] if other_parent else [])]
        youngest_parent_age = min(self.age(p) for p in parents)
        oldest = min(21, youngest_parent_age - 19)
        for _ in range(count if oldest >= 0 else 0):
            born = self.birth_date(0, oldest)
            home.children.append(self.person(surname=surname, born=born, adult=not is_minor_on(born, self.today)))

    def single(self) -> _Home:
        surname = self.fake.last_name()
        home = self.home(surname)
        low, high = self.rng.choice([(18, 27), (28, 64), (65, 95)])  # many students and many elderly
        home.adults.append(self.person(surname=surname, born=self.birth_date(low, high)))
        return home

    def couple(self, *, children: int, min_age: int = 22, max_age: int = 85) -> _Home:
        surname = self.fake.last_name()
        home = self.home(surname)
        home.couple = True
        first = self.gender()
        opposite = Gender.MALE if first == Gender.FEMALE else Gender.FEMALE
        second = first if self.rng.random() < 0.05 else opposite
        born = self.birth_date(min_age, max_age)
        partner_born = min(born + timedelta(days=self.rng.randint(-6 * 365, 6 * 365)), self.today - 19 * YEAR)
        partner_surname = surname if self.rng.random() < 0.4 else self.fake.last_name()
        home.adults.append(self.person(surname=surname, born=born, gender=first))
        home.adults.append(self.person(surname=partner_surname, born=partner_born, gender=second))
        self.children(home, surname, children)
        return home

    def single_parent(self, other_parent: Person | None) -> _Home:
        surname = self.fake.last_name()
        home = self.home(surname)
        gender = Gender.FEMALE if self.rng.random() < 0.8 else Gender.MALE
        home.adults.append(self.person(surname=surname, born=self.birth_date(24, 52), gender=gender))
        child_surname = names.surname(other_parent.prefix, other_parent.family_name) if other_parent else surname
        self.children(home, child_surname, self.rng.choice([1, 1, 2, 2, 3]), other_parent=other_parent)
        return home

    def two_adults(self) -> _Home:
        surname = self.fake.last_name()
        home = self.home(surname)
        parent_born = self.birth_date(45, 75)
        home.adults.append(self.person(surname=surname, born=parent_born))
        if self.rng.random() < 0.6:
            self.children(home, surname, 1)
        if not home.children:
            home.adults.append(self.person(surname=self.fake.last_name(), born=self.birth_date(19, 30)))
        return home

    def settle(self, home: _Home) -> None:
        """Since when the household lives here (after its youngest adult turned 18), and for some where
        they lived before."""
        youngest_adult = max(p.birth_date for p in home.adults if p.birth_date)
        earliest = min(max(youngest_adult + 18 * YEAR + timedelta(days=5), self.today - 25 * YEAR), self.today)
        home.since = earliest + timedelta(days=self.rng.randint(0, (self.today - earliest).days))
        if self.rng.random() < 0.15 and (home.since - earliest).days > 400:
            home.previous = self.address()
            home.previous_since = earliest + timedelta(days=self.rng.randint(0, (home.since - earliest).days - 365))


def _compose(rng: random.Random, count: int) -> list[str]:
    kinds = [kind for kind, share in COMPOSITION.items() for _ in range(round(share * count))]
    kinds = (kinds + ["single"] * count)[:count]
    rng.shuffle(kinds)
    return kinds


def _residences(home: _Home) -> list[Residence]:
    rows = []
    for member in home.members:
        born = member.birth_date or home.since
        if home.previous is not None and home.previous_since is not None and born < home.since:
            rows.append(
                Residence(
                    municipality=home.household.municipality,
                    person=member,
                    address=home.previous,
                    household=home.household,
                    valid_from=max(home.previous_since, born),
                    valid_to=home.since,
                )
            )
        rows.append(
            Residence(
                municipality=home.household.municipality,
                person=member,
                address=home.address,
                household=home.household,
                valid_from=max(home.since, born),
            )
        )
    return rows


def _relation(from_person: Person, to_person: Person, kind: str, since: date | None) -> Relation:
    return Relation(
        municipality=from_person.municipality, from_person=from_person, to_person=to_person, kind=kind, valid_from=since
    )


def _parent_kind(child: Person, today: date) -> str:
    minor = is_minor_on(child.birth_date, today)
    return relations.PARENT_WITH_AUTHORITY if minor else relations.PARENT_WITHOUT_AUTHORITY


def _family_relations(home: _Home, today: date) -> list[Relation]:
    rows = []
    if home.couple:
        rows.append(_relation(home.adults[0], home.adults[1], relations.PARTNER, None))
    parents = home.adults if home.couple else home.adults[:1]
    for parent in parents:
        rows += [_relation(parent, child, _parent_kind(child, today), child.birth_date) for child in home.children]
    return rows


@transaction.atomic
def demo_households_load(
    *, municipality_code: str, seed: int, count: int = DEMO_HOUSEHOLDS, today: date | None = None
) -> list[Household]:
    """Create `count` synthetic households in the municipality, once; returns the municipality's households."""
    municipality = Region.objects.get(code=municipality_code, level=RegionLevel.MUNICIPALITY)
    existing = list(Household.objects.filter(municipality=municipality).order_by("id"))
    if existing:
        return existing
    neighbourhoods = list(
        Region.objects.filter(municipality=municipality, level=RegionLevel.NEIGHBOURHOOD).order_by("code")
    )
    if not neighbourhoods:
        raise ValueError(f"{municipality_code} has no neighbourhoods: import the CBS region registry first")
    gen = _Generator(
        municipality=municipality, neighbourhoods=neighbourhoods, seed=seed, today=today or timezone.localdate()
    )
    kinds = _compose(gen.rng, count)
    homes: list[_Home] = []
    for kind in kinds:
        if kind == "single":
            homes.append(gen.single())
        elif kind == "couple":
            homes.append(gen.couple(children=0))
        elif kind == "couple_with_children":
            homes.append(gen.couple(children=gen.rng.choice([1, 1, 2, 2, 2, 3]), min_age=25, max_age=55))
        elif kind == "two_adults":
            homes.append(gen.two_adults())
    for home in homes:
        gen.settle(home)

    # Single parents; some share parenting with a parent who now lives alone in another household.
    alone = [h for h in homes if len(h.adults) == 1 and not h.children and h.previous is None]
    pool = [h for h in alone if 26 <= gen.age(h.adults[0]) <= 50]
    gen.rng.shuffle(pool)
    co_parenting: list[tuple[_Home, _Home, date | None]] = []
    for _ in range(kinds.count("single_parent")):
        other = pool.pop() if pool and gen.rng.random() < CO_PARENTING_SHARE else None
        home = gen.single_parent(other.adults[0] if other else None)
        gen.settle(home)
        homes.append(home)
        if other is not None and home.children:
            # The other parent lived with the family from its move until the separation.
            youngest = max(c.birth_date for c in home.children if c.birth_date)
            start = max(youngest, home.since) + timedelta(days=30)
            separated = None
            if (gen.today - start).days > 2:
                separated = start + timedelta(days=gen.rng.randint(1, (gen.today - start).days - 1))
                other.since = separated
            co_parenting.append((home, other, separated))

    # A mentor (a professional, known by name only) for one adult living alone.
    mentor = gen.person(surname=gen.fake.last_name(), born=None)
    mentor.phone, mentor.email = "", ""

    Household.objects.bulk_create([h.household for h in homes])
    Address.objects.bulk_create(list(gen.addresses.values()))
    for home in homes:
        for member in home.members:
            member.household = home.household
    persons = [member for home in homes for member in home.members] + [mentor]
    Person.objects.bulk_create(persons)

    residences = [row for home in homes for row in _residences(home)]
    relation_rows = [row for home in homes for row in _family_relations(home, gen.today)]
    for home, other, separated in co_parenting:
        if separated is not None:
            residences.append(
                Residence(
                    municipality=municipality,
                    person=other.adults[0],
                    address=home.address,
                    household=home.household,
                    valid_from=home.since,
                    valid_to=separated,
                )
            )
        relation_rows += [
            _relation(other.adults[0], child, _parent_kind(child, gen.today), child.birth_date)
            for child in home.children
        ]
    elderly = [h.adults[0] for h in alone if gen.age(h.adults[0]) >= 75]
    carers = [a for h in homes if h.couple for a in h.adults if 30 <= gen.age(a) <= 65]
    for old, carer in zip(
        gen.rng.sample(elderly, min(INFORMAL_CARERS, len(elderly))),
        gen.rng.sample(carers, min(INFORMAL_CARERS, len(carers))),
        strict=False,
    ):
        relation_rows.append(_relation(carer, old, relations.INFORMAL_CARER, gen.today - timedelta(days=700)))
    represented = [h.adults[0] for h in alone if 30 <= gen.age(h.adults[0]) < 75]
    if represented:
        relation_rows.append(
            _relation(mentor, gen.rng.choice(represented), relations.MENTOR, gen.today - timedelta(days=900))
        )
    Residence.objects.bulk_create(residences)
    Relation.objects.bulk_create(relation_rows)
    _audit_events_bulk(homes, persons, relation_rows)
    return [h.household for h in homes]


def _audit_events_bulk(homes: list[_Home], persons: list[Person], relation_rows: list[Relation]) -> None:
    """The audit events the services would have written, in bulk (ids only, as they do)."""

    def event(action: str, target: models.Model, details: dict[str, Any]) -> AuditEvent:
        return AuditEvent(
            actor=None,
            actor_repr=ACTOR_REPR,
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            details=details,
        )

    addresses = {a.pk: a for h in homes for a in (h.address, h.previous) if a is not None}
    events = [event("household.created", h.household, {}) for h in homes]
    events += [event("address.created", a, {}) for a in addresses.values()]
    events += [event("person.created", p, {"household": p.household_id}) for p in persons]
    events += [
        event("relation.added", r, {"from_person": r.from_person_id, "to_person": r.to_person_id})
        for r in relation_rows
    ]
    AuditEvent.objects.bulk_create(events, batch_size=1000)
