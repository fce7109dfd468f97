"""Households, persons, their addresses, where they live(d) and how they are related.

Every table carries `municipality` (a `Region` of level municipality): the tenant, so the schema can be
distributed per municipality. Changes go through `services.py`; reads of person-level data go through
the access-checked selectors in `cases`, never straight from these models in a view.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wijkteam.core.models import TimeStampedModel
from wijkteam.households import names, relations
from wijkteam.households.age import age_on, is_minor_on
from wijkteam.households.postcode import MAX_HOUSE_NUMBER, house_number_display, postcode_display
from wijkteam.households.querysets import (
    AddressQuerySet,
    HouseholdQuerySet,
    PersonQuerySet,
    RelationQuerySet,
    ResidenceQuerySet,
)
from wijkteam.neighbourhoods.models import Region, RegionLevel

_MUNICIPALITY = {"level": RegionLevel.MUNICIPALITY}


def _municipality_field() -> models.ForeignKey:
    return models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=_MUNICIPALITY,
        verbose_name=_("municipality"),
    )


class Household(TimeStampedModel):
    """A household (huishouden, gezin): the persons who live together and are helped as one unit.

    Its members are the persons whose current household it is (`Person.household`); where it lives is
    the address of their open residences (a household lives at one address, or at none: homeless).
    """

    municipality = _municipality_field()
    name = models.CharField(_("name"), max_length=200, help_text=_("Usually the surname, e.g. De Vries."))

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        indexes = [models.Index(fields=["municipality", "name"], name="household_municipality_idx")]

    def __str__(self) -> str:
        return gettext("Household %(name)s") % {"name": self.name}


class Gender(models.TextChoices):
    UNKNOWN = "unknown", _("unknown")
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    OTHER = "other", _("other (X)")


class Person(TimeStampedModel):
    """A resident (inwoner): a member of a household, or someone related to one (a parent elsewhere,
    an informal carer, a mentor). Some are known by name only: birth date, BSN and address may be empty.

    `family_name_key` and `search_text` are folded copies of the name (see `names.py`) kept by
    `refresh_name_keys()`, so matching and search ignore case, accents and prefixes on every database;
    on PostgreSQL `search_text` has a trigram (GIN) index (migration 0002).
    """

    municipality = _municipality_field()
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("household"),
    )
    given_names = models.CharField(_("given names"), max_length=200, blank=True)
    prefix = models.CharField(_("prefix"), max_length=20, blank=True, help_text=_("Tussenvoegsel, e.g. van der."))
    family_name = models.CharField(_("family name"), max_length=200)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    bsn = models.CharField(_("BSN"), max_length=9, null=True, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, default=Gender.UNKNOWN)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    deceased = models.BooleanField(_("deceased"), default=False)
    family_name_key = models.CharField(max_length=200, editable=False)
    search_text = models.CharField(max_length=420, editable=False)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["family_name_key", "given_names", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "bsn"],
                condition=Q(bsn__isnull=False),
                name="person_bsn_unique_per_municipality",
            ),
            models.CheckConstraint(condition=~Q(bsn=""), name="person_bsn_null_not_empty"),
            models.CheckConstraint(condition=~Q(family_name=""), name="person_family_name_required"),
        ]
        indexes = [
            # Intake matching on name and birth date; also the default ordering within a municipality.
            models.Index(fields=["municipality", "family_name_key", "birth_date"], name="person_name_birth_idx"),
            models.Index(fields=["municipality", "birth_date"], name="person_birth_date_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def refresh_name_keys(self) -> None:
        """Recompute the folded copies of the name; services call this before saving."""
        self.family_name_key = names.family_name_key(self.prefix, self.family_name)
        self.search_text = names.search_text(self.given_names, self.prefix, self.family_name)

    @property
    def full_name(self) -> str:
        return names.full_name(self.given_names, self.prefix, self.family_name)

    @property
    def sort_name(self) -> str:
        return names.sort_name(self.given_names, self.prefix, self.family_name)

    @property
    def surname(self) -> str:
        return names.surname(self.prefix, self.family_name)

    def age_on(self, on: date) -> int | None:
        return age_on(self.birth_date, on) if self.birth_date else None

    @property
    def age(self) -> int | None:
        return self.age_on(timezone.localdate())

    @property
    def is_minor(self) -> bool | None:
        """Under 18 today; None when the birth date is unknown."""
        return is_minor_on(self.birth_date, timezone.localdate())

    @property
    def current_residence(self) -> Residence | None:
        """The open residence (main address); uses `PersonQuerySet.with_current_residence()` when loaded."""
        if hasattr(self, "open_residences"):
            return self.open_residences[0] if self.open_residences else None
        return self.residences.open().select_related("address").first()


class Address(TimeStampedModel):
    """A dwelling as the BAG knows it (postcode, house number, letter, addition), in a CBS neighbourhood.

    One row per address, shared by everyone who ever lived there; district and municipality follow
    from the neighbourhood. `neighbourhood` may be empty in the data but forms require it.
    """

    municipality = _municipality_field()
    postcode = models.CharField(_("postcode"), max_length=6)
    house_number = models.PositiveIntegerField(_("house number"))
    house_letter = models.CharField(_("house letter"), max_length=1, blank=True)
    addition = models.CharField(_("house number addition"), max_length=4, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    neighbourhood = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"level": RegionLevel.NEIGHBOURHOOD},
        verbose_name=_("neighbourhood"),
    )
    street_key = models.CharField(max_length=200, editable=False, blank=True)

    objects = AddressQuerySet.as_manager()

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["postcode", "house_number", "house_letter", "addition"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "postcode", "house_number", "house_letter", "addition"],
                name="address_unique_per_municipality",
            ),
            models.CheckConstraint(
                condition=Q(house_number__gte=1, house_number__lte=MAX_HOUSE_NUMBER),
                name="address_house_number_range",
            ),
        ]
        indexes = [
            models.Index(fields=["postcode", "house_number"], name="address_postcode_idx"),
        ]

    def __str__(self) -> str:
        return self.one_line

    def refresh_street_key(self) -> None:
        self.street_key = names.fold(self.street)

    @property
    def house_number_display(self) -> str:
        return house_number_display(self.house_number, self.house_letter, self.addition)

    @property
    def postcode_display(self) -> str:
        return postcode_display(self.postcode)

    @property
    def one_line(self) -> str:
        """ "Hoofdstraat 12A-2, 7511 AB Enschede" (street and city as far as known)."""
        street = " ".join(part for part in (self.street, self.house_number_display) if part)
        place = " ".join(part for part in (self.postcode_display, self.city) if part)
        return f"{street}, {place}"

    @property
    def district(self) -> Region | None:
        return self.neighbourhood.parent if self.neighbourhood_id and self.neighbourhood else None


class Residence(TimeStampedModel):
    """That a person lived at an address, in a household, from `valid_from` until `valid_to`.

    The history of moves: a move closes the open residence and opens a new one, never overwrites. The
    one open residence (`valid_to` empty) is the main address; the database allows only one per person.
    `valid_to` is the moving day: the person lived there on days before it.
    """

    municipality = _municipality_field()
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="residences", verbose_name=_("person"))
    # Indexed together with valid_to below.
    address = models.ForeignKey(
        Address, on_delete=models.PROTECT, related_name="residences", db_index=False, verbose_name=_("address")
    )
    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="residences", db_index=False, verbose_name=_("household")
    )
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("until"), null=True, blank=True)

    objects = ResidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("residence")
        verbose_name_plural = _("residences")
        ordering = ["person", "-valid_from", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(valid_to__isnull=True), name="residence_one_open_per_person"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="residence_valid_to_after_from",
            ),
        ]
        indexes = [
            models.Index(fields=["address", "valid_to"], name="residence_address_idx"),
            models.Index(fields=["household", "valid_to"], name="residence_household_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.address_id} {self.valid_from}–{self.valid_to or ''}"

    @property
    def is_open(self) -> bool:
        return self.valid_to is None


class RelationKind(models.TextChoices):
    PARENT_WITH_AUTHORITY = relations.PARENT_WITH_AUTHORITY, _("parent with parental authority")
    PARENT_WITHOUT_AUTHORITY = relations.PARENT_WITHOUT_AUTHORITY, _("parent without parental authority")
    GUARDIAN = relations.GUARDIAN, _("guardian")
    CURATOR = relations.CURATOR, _("curator")
    MENTOR = relations.MENTOR, _("mentor")
    INFORMAL_CARER = relations.INFORMAL_CARER, _("informal carer")
    PARTNER = relations.PARTNER, _("partner")
    CHILD = relations.CHILD, _("child")


class RelationRole(models.TextChoices):
    """A person's role towards another: a relation kind, or the inverse of one (see relations.py)."""

    PARENT_WITH_AUTHORITY = relations.PARENT_WITH_AUTHORITY, _("parent with parental authority")
    PARENT_WITHOUT_AUTHORITY = relations.PARENT_WITHOUT_AUTHORITY, _("parent without parental authority")
    GUARDIAN = relations.GUARDIAN, _("guardian")
    CURATOR = relations.CURATOR, _("curator")
    MENTOR = relations.MENTOR, _("mentor")
    INFORMAL_CARER = relations.INFORMAL_CARER, _("informal carer")
    PARTNER = relations.PARTNER, _("partner")
    CHILD = relations.CHILD, _("child")
    PARENT = relations.ROLE_PARENT, pgettext_lazy("relation role", "parent")
    REPRESENTED_PERSON = relations.ROLE_REPRESENTED, _("represented person")
    CARED_FOR_PERSON = relations.ROLE_CARED_FOR, _("receives informal care")


class Relation(TimeStampedModel):
    """A family or legal relation, stored directed: `from_person` is <kind> of `to_person`.

    E.g. "A is parent with parental authority of B"; `inverse_role` gives B's role towards A (child).
    A relation ends by setting `valid_to` (it no longer holds from that day); only one open relation of
    a kind per pair. A child in co-parenting has two parent relations to persons in two households.
    """

    municipality = _municipality_field()
    from_person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relations_from", verbose_name=_("person")
    )
    to_person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="relations_to",
        db_index=False,  # indexed together with valid_to below
        verbose_name=_("related person"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=RelationKind.choices)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = RelationQuerySet.as_manager()

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        ordering = ["from_person", "kind", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(from_person=F("to_person")), name="relation_not_to_self"),
            models.UniqueConstraint(
                fields=["from_person", "to_person", "kind"],
                condition=Q(valid_to__isnull=True),
                name="relation_one_open_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="relation_valid_to_after_from",
            ),
        ]
        indexes = [models.Index(fields=["to_person", "valid_to"], name="relation_to_person_idx")]

    def __str__(self) -> str:
        return f"{self.from_person_id} {self.kind} {self.to_person_id}"

    @property
    def is_open(self) -> bool:
        return self.valid_to is None

    @property
    def inverse_role(self) -> str:
        """The role of `to_person` towards `from_person` (a `RelationRole` value)."""
        return relations.inverse_role(self.kind)

    @property
    def fact(self) -> relations.RelationFact:
        return relations.RelationFact(self.from_person_id, self.to_person_id, self.kind)
