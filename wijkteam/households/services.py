"""Changes to households, persons, addresses, residences and relations.

Each runs in one transaction and writes its audit event there. Audit details hold ids and the names of
changed fields only, never names, BSNs, dates or other values of a person. Bad input raises
`ValidationError` with a Dutch (translated) message, keyed by field where there is one.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.access import audit
from wijkteam.access.models import User
from wijkteam.households import relations
from wijkteam.households.models import Address, Gender, Household, Person, Relation, RelationKind, Residence
from wijkteam.households.validators import bsn_clean, house_number_clean, postcode_clean
from wijkteam.neighbourhoods.models import Region, RegionLevel

PERSON_FIELDS = ("given_names", "prefix", "family_name", "birth_date", "bsn", "gender", "phone", "email", "deceased")
_TEXT_FIELDS = ("given_names", "prefix", "family_name", "phone", "email")


def _check_municipality(municipality: Region) -> None:
    if municipality.level != RegionLevel.MUNICIPALITY:
        raise ValidationError({"municipality": _("Choose a municipality.")})


def _check_same_municipality(municipality: Region, *objects: Any) -> None:
    for obj in objects:
        if obj is not None and obj.municipality_id != municipality.pk:
            raise ValidationError(_("Households, persons and addresses must belong to the same municipality."))


def _check_not_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("This date lies in the future.")})


def _text(value: str | None) -> str:
    return " ".join((value or "").split())


# Households


@transaction.atomic
def household_create(*, municipality: Region, name: str, actor: User | None) -> Household:
    """Register a household, e.g. name "De Vries" (shown as "Huishouden De Vries")."""
    _check_municipality(municipality)
    name = _text(name)
    if not name:
        raise ValidationError({"name": _("Give the household a name, usually the surname.")})
    household = Household(municipality=municipality, name=name)
    household.full_clean()
    household.save()
    audit.event_record(actor=actor, action="household.created", target=household)
    return household


@transaction.atomic
def household_update(*, household: Household, name: str, actor: User | None) -> Household:
    name = _text(name)
    if not name:
        raise ValidationError({"name": _("Give the household a name, usually the surname.")})
    if name != household.name:
        household.name = name
        household.full_clean()
        household.save(update_fields=["name", "updated_at"])
        audit.event_record(actor=actor, action="household.updated", target=household, details={"fields": ["name"]})
    return household


def _household_address(household: Household, *, exclude: Person | None = None) -> Address | None:
    """Where the household's (other) current members live, if anywhere."""
    residences = Residence.objects.open().filter(household=household).select_related("address")
    if exclude is not None:
        residences = residences.exclude(person=exclude)
    residence = residences.order_by("id").first()
    return residence.address if residence else None


# Addresses


@transaction.atomic
def address_get_or_create(
    *,
    municipality: Region,
    postcode: str,
    house_number: int | str,
    house_letter: str = "",
    addition: str = "",
    street: str = "",
    city: str = "",
    neighbourhood: Region | None = None,
    actor: User | None,
) -> Address:
    """The address with this postcode and house number (letter, addition), created when new.

    `house_number` may be given whole ("12A-2") or as a number with `house_letter` and `addition`.
    An existing address keeps its street, city and neighbourhood; empty ones are filled in.
    """
    _check_municipality(municipality)
    errors: dict[str, Any] = {}
    try:
        postcode = postcode_clean(postcode)
    except ValidationError as error:
        errors["postcode"] = error
    try:
        number = house_number_clean(house_number, letter=house_letter, addition=addition)
    except ValidationError as error:
        errors["house_number"] = error
    if neighbourhood is not None and (
        neighbourhood.level != RegionLevel.NEIGHBOURHOOD or neighbourhood.municipality_id != municipality.pk
    ):
        errors["neighbourhood"] = _("Choose a neighbourhood of this municipality.")
    if errors:
        raise ValidationError(errors)
    key = {
        "municipality": municipality,
        "postcode": postcode,
        "house_number": number.number,
        "house_letter": number.letter,
        "addition": number.addition,
    }
    address = Address.objects.select_for_update().filter(**key).first()
    details = {"street": _text(street), "city": _text(city), "neighbourhood": neighbourhood}
    if address is None:
        address = Address(**key, **details)
        address.refresh_street_key()
        address.full_clean()
        address.save()
        audit.event_record(actor=actor, action="address.created", target=address)
        return address
    filled = [field for field, value in details.items() if value and not getattr(address, field)]
    if filled:
        for field in filled:
            setattr(address, field, details[field])
        address.refresh_street_key()
        address.full_clean()
        address.save(update_fields=[*filled, "street_key", "updated_at"])
        audit.event_record(actor=actor, action="address.updated", target=address, details={"fields": filled})
    return address


# Persons


def _person_values(values: dict[str, Any]) -> dict[str, Any]:
    """Strip text, check BSN and gender; ValidationError keyed by field."""
    cleaned = dict(values)
    for field in _TEXT_FIELDS:
        if field in cleaned:
            cleaned[field] = _text(cleaned[field])
    if "email" in cleaned:
        cleaned["email"] = cleaned["email"].lower()
    errors: dict[str, Any] = {}
    if "family_name" in cleaned and not cleaned["family_name"]:
        errors["family_name"] = _("Give at least the family name.")
    if "bsn" in cleaned:
        try:
            cleaned["bsn"] = bsn_clean(cleaned["bsn"])
        except ValidationError as error:
            errors["bsn"] = error
    if "gender" in cleaned and cleaned["gender"] not in Gender.values:
        errors["gender"] = _("Choose one of the options.")
    if cleaned.get("birth_date") and cleaned["birth_date"] > timezone.localdate():
        errors["birth_date"] = _("This date lies in the future.")
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_bsn_free(person: Person) -> None:
    if person.bsn and (
        Person.objects.filter(municipality_id=person.municipality_id, bsn=person.bsn).exclude(pk=person.pk).exists()
    ):
        raise ValidationError({"bsn": _("Another person in this municipality is registered with this BSN.")})


def _save_person(person: Person, update_fields: list[str] | None = None) -> None:
    person.refresh_name_keys()
    _check_bsn_free(person)
    person.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            person.save(update_fields=update_fields)
    except IntegrityError as error:  # a BSN registered concurrently
        raise ValidationError({"bsn": _("Another person in this municipality is registered with this BSN.")}) from error


@transaction.atomic
def person_create(
    *,
    municipality: Region,
    family_name: str,
    given_names: str = "",
    prefix: str = "",
    birth_date: date | None = None,
    bsn: str | None = None,
    gender: str = Gender.UNKNOWN,
    phone: str = "",
    email: str = "",
    household: Household | None = None,
    address: Address | None = None,
    lives_there_since: date | None = None,
    actor: User | None,
) -> Person:
    """Register a person; with an address they live there (a new household when none is given), with
    a household only they join it at its address (or without one: homeless), with neither they are
    known without an address (e.g. a parent living elsewhere)."""
    _check_municipality(municipality)
    _check_same_municipality(municipality, household, address)
    values = _person_values(
        {
            "given_names": given_names,
            "prefix": prefix,
            "family_name": family_name,
            "birth_date": birth_date,
            "bsn": bsn,
            "gender": gender,
            "phone": phone,
            "email": email,
        }
    )
    since = lives_there_since or timezone.localdate()
    _check_not_future(since, "lives_there_since")
    if values["birth_date"] and lives_there_since and since < values["birth_date"]:
        raise ValidationError({"lives_there_since": _("This date lies before the date of birth.")})
    if values["birth_date"] and since < values["birth_date"]:
        since = values["birth_date"]
    if household is not None:
        home = _household_address(household)
        if address is None:
            address = home
        elif home is not None and home.pk != address.pk:
            raise ValidationError(
                {"address": _("The members of this household live at another address: choose that address.")}
            )
    person = Person(municipality=municipality, **values)
    if address is not None and household is None:
        household = household_create(municipality=municipality, name=person.surname, actor=actor)
    person.household = household
    _save_person(person)
    residence = None
    if address is not None and household is not None:
        residence = Residence.objects.create(
            municipality=municipality, person=person, address=address, household=household, valid_from=since
        )
    audit.event_record(
        actor=actor,
        action="person.created",
        target=person,
        details={
            "household": household.pk if household else None,
            "residence": residence.pk if residence else None,
        },
    )
    return person


@transaction.atomic
def person_update(
    *, person: Person, actor: User | None, expected_updated_at: datetime | None = None, **changes: Any
) -> Person:
    """Rectify a person's details (any of PERSON_FIELDS); returns the saved, fresh person.

    `expected_updated_at` (the `updated_at` the form was loaded with) refuses the change when someone
    else saved in between, so nothing gets lost. The audit event names the changed fields, no values.
    """
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"not editable through person_update: {', '.join(sorted(unknown))}")
    current = Person.objects.select_for_update().get(pk=person.pk)
    if expected_updated_at is not None and current.updated_at != expected_updated_at:
        raise ValidationError(
            _("Someone else changed this person in the meantime. Reload the page and make your change again."),
            code="stale",
        )
    values = _person_values(changes)
    changed = sorted(field for field, value in values.items() if getattr(current, field) != value)
    if not changed:
        return current
    for field in changed:
        setattr(current, field, values[field])
    _save_person(current, update_fields=[*changed, "family_name_key", "search_text", "updated_at"])
    audit.event_record(actor=actor, action="person.updated", target=current, details={"fields": changed})
    return current


# Moves


def _residence_close(residence: Residence, moved_on: date) -> None:
    if moved_on < residence.valid_from:
        raise ValidationError({"moved_on": _("The moving date lies before the date the person came to live here.")})
    residence.valid_to = moved_on
    residence.save(update_fields=["valid_to", "updated_at"])


@transaction.atomic
def person_move(
    *,
    person: Person,
    moved_on: date,
    address: Address | None = None,
    household: Household | None = None,
    new_household: bool = False,
    household_name: str = "",
    actor: User | None,
) -> Residence:
    """Record that the person moved on `moved_on`: the open residence is closed, a new one opened.
    Returns the new residence (reload `person` to see its new household).

    Into another `household` (at its address when `address` is not given), into a new household
    (`new_household=True`, named `household_name` or after the person), or, alone in their household,
    with the household to a new address. A household lives at one address: to move a whole household
    use `household_move`.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    _check_not_future(moved_on, "moved_on")
    _check_same_municipality(person.municipality, household, address)
    if new_household and household is not None:
        raise ValueError("give either household or new_household, not both")
    current = Residence.objects.open().select_for_update().filter(person=person).first()
    if household is None and not new_household:
        household = person.household
    if household is None:
        if address is None:
            raise ValidationError({"address": _("Give the new address.")})
        household = household_create(
            municipality=person.municipality, name=_text(household_name) or person.surname, actor=actor
        )
    home = _household_address(household, exclude=person)
    if address is None:
        address = home
        if address is None:
            raise ValidationError({"address": _("Give the new address: this household has no address yet.")})
    elif home is not None and home.pk != address.pk:
        raise ValidationError(
            {
                "address": _(
                    "The other members of this household live at another address. Move the whole household, "
                    "or move this person into a new household."
                )
            }
        )
    if current and current.address_id == address.pk and current.household_id == household.pk:
        raise ValidationError({"address": _("The person already lives at this address in this household.")})
    if current:
        _residence_close(current, moved_on)
    residence = Residence.objects.create(
        municipality=person.municipality, person=person, address=address, household=household, valid_from=moved_on
    )
    if person.household_id != household.pk:
        person.household = household
        person.save(update_fields=["household", "updated_at"])
    audit.event_record(
        actor=actor,
        action="person.moved",
        target=person,
        details={
            "closed_residence": current.pk if current else None,
            "residence": residence.pk,
            "household": household.pk,
        },
    )
    return residence


@transaction.atomic
def household_move(*, household: Household, address: Address, moved_on: date, actor: User | None) -> list[Residence]:
    """Record that every current member moved with the household to `address` on `moved_on`."""
    _check_not_future(moved_on, "moved_on")
    _check_same_municipality(household.municipality, address)
    members = list(Person.objects.select_for_update().filter(household=household).order_by("id"))
    if not members:
        raise ValidationError(_("This household has no members to move."))
    open_residences = {r.person_id: r for r in Residence.objects.open().select_for_update().filter(person__in=members)}
    if all(
        (r := open_residences.get(m.pk)) is not None and r.address_id == address.pk and r.household_id == household.pk
        for m in members
    ):
        raise ValidationError({"address": _("The household already lives at this address.")})
    new = []
    closed = []
    for member in members:
        current = open_residences.get(member.pk)
        if current is not None:
            _residence_close(current, moved_on)
            closed.append(current.pk)
        new.append(
            Residence.objects.create(
                municipality=household.municipality,
                person=member,
                address=address,
                household=household,
                valid_from=moved_on,
            )
        )
    audit.event_record(
        actor=actor,
        action="household.moved",
        target=household,
        details={"closed_residences": closed, "residences": [r.pk for r in new], "address": address.pk},
    )
    return new


@transaction.atomic
def person_move_out(*, person: Person, moved_on: date, actor: User | None) -> Person:
    """Record that the person left their address and household (moved away, address unknown)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    _check_not_future(moved_on, "moved_on")
    current = Residence.objects.open().select_for_update().filter(person=person).first()
    if current is None and person.household_id is None:
        raise ValidationError(_("This person has no address or household to leave."))
    if current is not None:
        _residence_close(current, moved_on)
    left = person.household_id
    person.household = None
    person.save(update_fields=["household", "updated_at"])
    audit.event_record(
        actor=actor,
        action="person.moved_out",
        target=person,
        details={"closed_residence": current.pk if current else None, "household": left},
    )
    return person


# Relations

_RELATION_PROBLEMS = {
    "self": lambda: _("A person cannot be related to themselves."),
    "duplicate": lambda: _("This relation has already been recorded."),
    "authority_changes": lambda: _(
        "This parent is already recorded for this child. To change parental authority, end that relation first."
    ),
    "contradicts": lambda: _("This contradicts a recorded parent–child relation between these two persons."),
    "minor_only": lambda: _("Parental authority and guardianship concern minors only; this person is 18 or older."),
    "adult_only": lambda: _("A curator or mentor is appointed for adults only; this person is under 18."),
    "too_many_authority": lambda: _("At most two persons can hold parental authority over a child."),
    "parent_not_older": lambda: _("A parent must be born before their child."),
}


@transaction.atomic
def relation_add(
    *,
    from_person: Person,
    to_person: Person,
    kind: str,
    valid_from: date | None = None,
    note: str = "",
    actor: User | None,
) -> Relation:
    """Record that `from_person` is `kind` of `to_person` (e.g. parent_with_authority of a child)."""
    if kind not in RelationKind.values:
        raise ValidationError({"kind": _("Choose one of the options.")})
    _check_same_municipality(from_person.municipality, to_person)
    # Lock both persons (in id order, so two concurrent additions cannot deadlock) before checking.
    locked = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[from_person.pk, to_person.pk])}
    from_person, to_person = locked[from_person.pk], locked.get(to_person.pk, from_person)
    today = timezone.localdate()
    if valid_from is not None:
        _check_not_future(valid_from, "valid_from")
    fact = relations.RelationFact(from_person.pk, to_person.pk, kind)
    ids = [from_person.pk, to_person.pk]
    existing = [r.fact for r in Relation.objects.open().filter(Q(from_person__in=ids) | Q(to_person__in=ids))]
    problems = relations.relation_problems(
        fact=fact,
        on=today,
        from_birth_date=from_person.birth_date,
        to_birth_date=to_person.birth_date,
        open_relations=existing,
    )
    if problems:
        raise ValidationError([_RELATION_PROBLEMS[code]() for code in problems])
    relation = Relation(
        municipality=from_person.municipality,
        from_person=from_person,
        to_person=to_person,
        kind=kind,
        valid_from=valid_from,
        note=_text(note),
    )
    relation.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            relation.save()
    except IntegrityError as error:
        raise ValidationError(_RELATION_PROBLEMS["duplicate"]()) from error
    audit.event_record(
        actor=actor,
        action="relation.added",
        target=relation,
        details={"from_person": from_person.pk, "to_person": to_person.pk},
    )
    return relation


@transaction.atomic
def relation_end(*, relation: Relation, valid_to: date | None = None, actor: User | None) -> Relation:
    """End a relation from `valid_to` (default today); it stays in the history."""
    relation = Relation.objects.select_for_update().get(pk=relation.pk)
    if relation.valid_to is not None:
        raise ValidationError(_("This relation has already ended."))
    valid_to = valid_to or timezone.localdate()
    _check_not_future(valid_to, "valid_to")
    if relation.valid_from and valid_to < relation.valid_from:
        raise ValidationError({"valid_to": _("The end date lies before the start of the relation.")})
    relation.valid_to = valid_to
    relation.save(update_fields=["valid_to", "updated_at"])
    audit.event_record(
        actor=actor,
        action="relation.ended",
        target=relation,
        details={"from_person": relation.from_person_id, "to_person": relation.to_person_id},
    )
    return relation
