"""How the case file looks in the API. Output serializers read what the selectors loaded (no queries of
their own); input serializers check the shape of a request before a service checks its meaning.

Ids in a request body that name other objects (a household, a plan, a case) must be objects the caller
may see; any other id is answered as "does not exist".
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wijkteam.access.models import User
from wijkteam.cases import need_to_know, selectors
from wijkteam.cases.api.base import VisibleRelatedField, region_model
from wijkteam.cases.models import (
    Action,
    Audience,
    Case,
    CaseConference,
    CaseStatus,
    Channel,
    ContactMoment,
    Goal,
    HelpRequest,
    Involvement,
    Plan,
    ShortContact,
    Signal,
    Urgency,
)
from wijkteam.households.models import Address, Gender, Household, Person
from wijkteam.reference.models import LifeDomain
from wijkteam.teams.models import Organisation, Team

# Choice sets of input fields that allow part of a model's choices (named in the schema, see settings).
TRIAGE_OUTCOMES = [(s.value, s.label) for s in (Signal.Status.CLOSED, Signal.Status.SHORT_CONTACT, Signal.Status.CASE)]
CASE_STAGES = [(value, label) for value, label in CaseStatus.choices if value != CaseStatus.CLOSED]

# --- small references ------------------------------------------------------------------------------


class UserRefSerializer(serializers.Serializer):
    """A worker, by id and name."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.SerializerMethodField()

    def get_name(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class TeamRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class HouseholdRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class PersonRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    full_name = serializers.CharField(read_only=True)


class AddressSerializer(serializers.Serializer):
    """A dwelling; `neighbourhood` and `district` are CBS codes."""

    street = serializers.CharField(read_only=True)
    house_number = serializers.CharField(source="house_number_display", read_only=True)
    postcode = serializers.CharField(source="postcode_display", read_only=True)
    city = serializers.CharField(read_only=True)
    neighbourhood = serializers.CharField(source="neighbourhood.code", default=None, read_only=True)
    district = serializers.CharField(source="neighbourhood.parent.code", default=None, read_only=True)
    one_line = serializers.CharField(read_only=True)


def _codes(domains: Any) -> list[str]:
    return [d.code for d in domains.all()]


def _household_address(household: Household) -> Address | None:
    """Where the household lives: the open residence of a current member (loaded by `with_members`, or
    `open_residences` prefetched on the household)."""
    residences = getattr(household, "open_residences", None)
    if residences is None:
        residences = [r for m in getattr(household, "current_members", []) for r in m.open_residences]
    residences = sorted(residences, key=lambda r: r.pk)
    return residences[0].address if residences else None


# --- persons and households ------------------------------------------------------------------------


class PersonSerializer(serializers.ModelSerializer):
    """A person's master data. `updated_at` is the version to send back when correcting details."""

    household: serializers.PrimaryKeyRelatedField[Household] = serializers.PrimaryKeyRelatedField(read_only=True)
    full_name = serializers.CharField(read_only=True)
    address = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id",
            "household",
            "given_names",
            "prefix",
            "family_name",
            "full_name",
            "birth_date",
            "gender",
            "bsn",
            "phone",
            "email",
            "deceased",
            "address",
            "updated_at",
        ]
        read_only_fields = fields

    # Shown only to who works with the person (`selectors.persons_with_identifier_visibility`); a
    # teammate who sees the index card gets null / "" (fail closed: without the annotation, hidden).
    IDENTIFIERS = {"bsn": None, "phone": "", "email": ""}

    @extend_schema_field(AddressSerializer(allow_null=True))
    def get_address(self, obj: Person) -> dict[str, Any] | None:
        residence = obj.current_residence
        return AddressSerializer(residence.address).data if residence else None

    def to_representation(self, instance: Person) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not getattr(instance, "identifiers_visible", False):
            data.update(self.IDENTIFIERS)
        return data


class MemberSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "given_names", "prefix", "family_name", "full_name", "birth_date", "gender", "deceased"]
        read_only_fields = fields


class HouseholdSerializer(serializers.ModelSerializer):
    """A household with its current members and address."""

    address = serializers.SerializerMethodField()
    members = MemberSerializer(source="current_members", many=True, read_only=True)

    class Meta:
        model = Household
        fields = ["id", "name", "address", "members", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(AddressSerializer(allow_null=True))
    def get_address(self, obj: Household) -> dict[str, Any] | None:
        address = _household_address(obj)
        return AddressSerializer(address).data if address else None


class HouseholdCreatedSerializer(HouseholdSerializer):
    help_request = serializers.IntegerField(read_only=True, source="created_help_request.pk")

    class Meta(HouseholdSerializer.Meta):
        fields = [*HouseholdSerializer.Meta.fields, "help_request"]
        read_only_fields = fields


# --- help requests, short contacts, signals --------------------------------------------------------


class HelpRequestSerializer(serializers.ModelSerializer):
    team = TeamRefSerializer(read_only=True)
    household = HouseholdRefSerializer(read_only=True)
    registered_by = UserRefSerializer(read_only=True)
    life_domains = serializers.SerializerMethodField()
    case = serializers.SerializerMethodField()

    class Meta:
        model = HelpRequest
        fields = [
            "id",
            "team",
            "household",
            "received_on",
            "channel",
            "words",
            "life_domains",
            "urgency",
            "is_wmo_report",
            "acute_unsafety",
            "insufficient_basic_care",
            "status",
            "case",
            "registered_by",
            "created_at",
        ]
        read_only_fields = fields

    def get_life_domains(self, obj: HelpRequest) -> list[str]:
        return _codes(obj.life_domains)

    def get_case(self, obj: HelpRequest) -> int | None:
        case = getattr(obj, "case", None)
        return case.pk if case else None


class ShortContactSerializer(serializers.ModelSerializer):
    team = TeamRefSerializer(read_only=True)
    person = PersonRefSerializer(read_only=True, allow_null=True)
    worker = UserRefSerializer(read_only=True)
    life_domain = serializers.CharField(source="life_domain.code", read_only=True)
    district = serializers.CharField(source="district.code", default=None, read_only=True)

    class Meta:
        model = ShortContact
        fields = [
            "id",
            "team",
            "district",
            "person",
            "who",
            "life_domain",
            "what_was_done",
            "contacted_on",
            "contacts",
            "channel",
            "worker",
            "help_request",
            "created_at",
        ]
        read_only_fields = fields


class SignalSerializer(serializers.ModelSerializer):
    team = TeamRefSerializer(read_only=True)
    household = HouseholdRefSerializer(read_only=True, allow_null=True)
    district = serializers.CharField(source="district.code", default=None, read_only=True)
    triaged_by: serializers.PrimaryKeyRelatedField[User] = serializers.PrimaryKeyRelatedField(read_only=True)
    registered_by: serializers.PrimaryKeyRelatedField[User] = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Signal
        fields = [
            "id",
            "team",
            "received_on",
            "source",
            "reporter",
            "concern",
            "address_text",
            "household",
            "district",
            "status",
            "closing_reason",
            "triaged_by",
            "triaged_at",
            "short_contact",
            "help_request",
            "registered_by",
            "created_at",
        ]
        read_only_fields = fields


# --- cases -----------------------------------------------------------------------------------------


class ClientSystemMemberSerializer(serializers.Serializer):
    person = PersonRefSerializer(read_only=True)
    birth_date = serializers.DateField(source="person.birth_date", read_only=True, allow_null=True)
    role = serializers.CharField(read_only=True)


class InvolvementSerializer(serializers.ModelSerializer):
    user = UserRefSerializer(read_only=True)
    organisation = OrganisationRefSerializer(read_only=True)

    class Meta:
        model = Involvement
        fields = ["id", "user", "organisation", "role", "start_date", "end_date"]
        read_only_fields = fields


class CaseHelpRequestSerializer(serializers.ModelSerializer):
    life_domains = serializers.SerializerMethodField()

    class Meta:
        model = HelpRequest
        fields = [
            "id",
            "received_on",
            "channel",
            "words",
            "life_domains",
            "urgency",
            "is_wmo_report",
            "acute_unsafety",
            "insufficient_basic_care",
        ]
        read_only_fields = fields

    def get_life_domains(self, obj: HelpRequest) -> list[str]:
        return _codes(obj.life_domains)


class CaseSerializer(serializers.ModelSerializer):
    """A case as the caller may see it. Everyone who sees the case gets the index card (household,
    address, coordinator, status, next step, team) and `has_content`; the other fields are present only
    when `has_content` is true."""

    INDEX_CARD = ("id", "household", "address", "coordinator", "status", "next_step", "team", "has_content")

    household = HouseholdRefSerializer(read_only=True)
    address = serializers.SerializerMethodField()
    coordinator = UserRefSerializer(read_only=True, allow_null=True)
    team = TeamRefSerializer(read_only=True)
    has_content = serializers.BooleanField(read_only=True)
    # Present only with the content: optional (and so not read-only) in the schema.
    opened_on = serializers.DateField(required=False)
    plan_agreed_on = serializers.DateField(required=False, allow_null=True)
    closed_on = serializers.DateField(required=False, allow_null=True)
    closing_reason = serializers.ChoiceField(choices=Case.ClosingReason.choices, required=False, allow_blank=True)
    result = serializers.ChoiceField(choices=Case.Result.choices, required=False, allow_blank=True)
    closing_note = serializers.CharField(required=False, allow_blank=True)
    follow_up_on = serializers.DateField(required=False, allow_null=True)
    is_reentry = serializers.BooleanField(required=False)
    care_level = serializers.CharField(source="care_level.code", required=False, allow_null=True)
    help_request = CaseHelpRequestSerializer(required=False)
    client_system = ClientSystemMemberSerializer(many=True, required=False)
    involved_workers = InvolvementSerializer(source="running_involvements", many=True, required=False)
    plan = serializers.IntegerField(source="plan.pk", required=False, allow_null=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "household",
            "address",
            "coordinator",
            "status",
            "next_step",
            "team",
            "has_content",
            "opened_on",
            "plan_agreed_on",
            "closed_on",
            "closing_reason",
            "result",
            "closing_note",
            "follow_up_on",
            "is_reentry",
            "care_level",
            "help_request",
            "client_system",
            "involved_workers",
            "plan",
        ]
        read_only_fields = ["id", "status", "next_step"]

    @extend_schema_field(AddressSerializer(allow_null=True))
    def get_address(self, obj: Case) -> dict[str, Any] | None:
        address = _household_address(obj.household)
        return AddressSerializer(address).data if address else None

    def to_representation(self, instance: Case) -> dict[str, Any]:
        # The need-to-know annotation is NULL (not false) for a case without a coordinator.
        instance.has_content = bool(instance.has_content)  # type: ignore[attr-defined]
        if instance.has_content:  # type: ignore[attr-defined]
            return super().to_representation(instance)
        data = {}
        for name in self.INDEX_CARD:
            field = self.fields[name]
            attribute = field.get_attribute(instance)
            data[name] = None if attribute is None else field.to_representation(attribute)
        return data


# --- plan, goals, actions --------------------------------------------------------------------------


class PlanSerializer(serializers.ModelSerializer):
    """The plan of a case; send `version` back with a change (a stale version answers 409)."""

    updated_by = UserRefSerializer(read_only=True)

    class Meta:
        model = Plan
        fields = ["id", "case", "version", "summary", "agreed_on", "updated_by", "created_at", "updated_at"]
        read_only_fields = fields


class GoalSerializer(serializers.ModelSerializer):
    case = serializers.IntegerField(source="plan.case_id", read_only=True)
    life_domain = serializers.CharField(source="life_domain.code", read_only=True)

    class Meta:
        model = Goal
        fields = ["id", "plan", "case", "life_domain", "text", "success_criterion", "status", "order", "version"]
        read_only_fields = fields


class ActionSerializer(serializers.ModelSerializer):
    """An action in a plan. Whoever sees the plan gets every field; someone who only has the action
    assigned (a volunteer) gets what to do, for whom and by when — `plan`, `case`, `goal`,
    `organisation` and `conference` are present only when `has_content` is true."""

    ASSIGNED = (
        "id",
        "household",
        "who_kind",
        "who_name",
        "person",
        "assignee",
        "what",
        "due_on",
        "status",
        "done_on",
        "version",
        "has_content",
    )

    household = HouseholdRefSerializer(source="plan.case.household", read_only=True)
    person = PersonRefSerializer(read_only=True, allow_null=True)
    assignee = UserRefSerializer(read_only=True, allow_null=True)
    has_content = serializers.BooleanField(read_only=True)
    # Present only with the content: optional (and so not read-only) in the schema.
    plan = serializers.IntegerField(source="plan_id", required=False)
    case = serializers.IntegerField(source="plan.case_id", required=False)
    goal = serializers.IntegerField(source="goal_id", required=False, allow_null=True)
    organisation = OrganisationRefSerializer(required=False, allow_null=True)
    conference = serializers.IntegerField(source="conference_id", required=False, allow_null=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "household",
            "plan",
            "case",
            "goal",
            "who_kind",
            "who_name",
            "person",
            "assignee",
            "organisation",
            "what",
            "due_on",
            "status",
            "done_on",
            "conference",
            "version",
            "has_content",
        ]
        read_only_fields = ["id", "who_kind", "who_name", "what", "due_on", "status", "done_on", "version"]

    def to_representation(self, instance: Action) -> dict[str, Any]:
        instance.has_content = bool(instance.has_content)  # type: ignore[attr-defined]
        data = super().to_representation(instance)
        if not instance.has_content:  # type: ignore[attr-defined]
            data = {name: data[name] for name in self.ASSIGNED}
        return data


# --- contact moments and conferences ---------------------------------------------------------------


class ContactMomentSerializer(serializers.ModelSerializer):
    author = UserRefSerializer(read_only=True)
    author_organisation = OrganisationRefSerializer(read_only=True)
    life_domains = serializers.SerializerMethodField()
    participants = PersonRefSerializer(many=True, read_only=True)

    class Meta:
        model = ContactMoment
        fields = [
            "id",
            "case",
            "occurred_on",
            "kind",
            "note",
            "audience",
            "life_domains",
            "participants",
            "author",
            "author_organisation",
            "created_at",
        ]
        read_only_fields = fields

    def get_life_domains(self, obj: ContactMoment) -> list[str]:
        return _codes(obj.life_domains)


class ConferenceSerializer(serializers.ModelSerializer):
    participants = UserRefSerializer(many=True, read_only=True)
    recorded_by = UserRefSerializer(read_only=True)
    actions: serializers.PrimaryKeyRelatedField[Action] = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = CaseConference
        fields = [
            "id",
            "case",
            "held_on",
            "participants",
            "other_participants",
            "questions",
            "agreements",
            "actions",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = fields


# === input =========================================================================================


def _life_domain_field(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", queryset=LifeDomain.objects.filter(is_active=True), **kwargs)


def _region_field(level: str, **kwargs: Any) -> serializers.SlugRelatedField:
    regions = region_model()._default_manager.filter(level=level)
    return serializers.SlugRelatedField(slug_field="code", queryset=regions, **kwargs)


def _my_teams(user: User) -> Any:
    return Team.objects.filter(pk__in=need_to_know.team_ids_with_index_access(user.pk))


def _my_team_field(**kwargs: Any) -> VisibleRelatedField:
    return VisibleRelatedField(
        _my_teams, queryset=Team.objects.none(), help_text=_("One of the caller's teams."), **kwargs
    )


def _visible_households(user: User) -> Any:
    return Household.objects.filter(
        pk__in=Household.objects.filter(selectors.households_visible_q(user.pk)).values("pk")
    )


def _visible_persons(user: User) -> Any:
    return selectors.person_list_for_user(user=user)


class NewPersonSerializer(serializers.Serializer):
    given_names = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    prefix = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    family_name = serializers.CharField(max_length=200)
    birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    bsn = serializers.CharField(max_length=20, required=False, allow_null=True, allow_blank=True, default=None)
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, default=Gender.UNKNOWN)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")


class PersonCreateSerializer(NewPersonSerializer):
    """A new member of a household the caller may change; they come to live at its address."""

    household = VisibleRelatedField(_visible_households, queryset=Household.objects.none())
    lives_there_since = serializers.DateField(required=False, allow_null=True, default=None)


class PersonRectifySerializer(serializers.Serializer):
    """Correct a person's contact details. `updated_at` is the version the change is based on."""

    updated_at = serializers.DateTimeField()
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)


class NewAddressSerializer(serializers.Serializer):
    postcode = serializers.CharField(max_length=10)
    house_number = serializers.CharField(max_length=12, help_text=_("With letter and addition, e.g. 12A-2."))
    street = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    city = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    neighbourhood = _region_field("neighbourhood", help_text=_("CBS code, e.g. BU01530101."))


class HelpRequestFieldsSerializer(serializers.Serializer):
    team = _my_team_field()
    received_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    words = serializers.CharField()
    life_domains = _life_domain_field(many=True)
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False, default=Urgency.NORMAL)
    is_wmo_report = serializers.BooleanField(required=False, default=False)
    acute_unsafety = serializers.BooleanField(required=False, default=False)
    insufficient_basic_care = serializers.BooleanField(required=False, default=False)


class HouseholdCreateSerializer(serializers.Serializer):
    """A new household at intake: its name, address and members, with the help request that brings it in
    (the request is what makes the household visible to the team)."""

    name = serializers.CharField(max_length=200)
    address = NewAddressSerializer()
    members = NewPersonSerializer(many=True, allow_empty=False)
    help_request = HelpRequestFieldsSerializer()


class HouseholdRectifySerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)


class HelpRequestCreateSerializer(HelpRequestFieldsSerializer):
    household = VisibleRelatedField(_visible_households, queryset=Household.objects.none())


class ShortContactCreateSerializer(serializers.Serializer):
    team = _my_team_field()
    who = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    person = VisibleRelatedField(_visible_persons, queryset=Person.objects.none(), required=False, allow_null=True)
    life_domain = _life_domain_field()
    what_was_done = serializers.CharField()
    contacted_on = serializers.DateField()
    # a small positive number (the column is a smallint: out of range was a 500 on PostgreSQL)
    contacts = serializers.IntegerField(required=False, default=1, min_value=1, max_value=999)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False, default=Channel.SELF)
    district = _region_field("district", required=False, allow_null=True, help_text=_("CBS code, e.g. WK015301."))


class SignalCreateSerializer(serializers.Serializer):
    team = _my_team_field()
    received_on = serializers.DateField()
    source = serializers.ChoiceField(choices=Signal.Source.choices)  # type: ignore[assignment]
    reporter = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    concern = serializers.CharField()
    address_text = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    household = VisibleRelatedField(
        _visible_households, queryset=Household.objects.none(), required=False, allow_null=True
    )
    district = _region_field("district", required=False, allow_null=True, help_text=_("CBS code, e.g. WK015301."))


def _my_short_contacts(user: User) -> Any:
    return selectors.short_contact_list_for_user(user=user)


def _my_open_help_requests(user: User) -> Any:
    return HelpRequest.objects.filter(
        team_id__in=need_to_know.team_ids_with_index_access(user.pk), status=HelpRequest.Status.OPEN
    )


class SignalTriageSerializer(serializers.Serializer):
    """Triage a new signal: close it with a reason, or link the short contact or help request it led to."""

    status = serializers.ChoiceField(choices=TRIAGE_OUTCOMES)
    closing_reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    short_contact = VisibleRelatedField(
        _my_short_contacts, queryset=ShortContact.objects.none(), required=False, allow_null=True
    )
    help_request = VisibleRelatedField(
        lambda user: selectors.help_request_list_for_user(user=user),
        queryset=HelpRequest.objects.none(),
        required=False,
        allow_null=True,
    )


class CaseCreateSerializer(serializers.Serializer):
    """Open a case on an open help request of one of the caller's teams."""

    help_request = VisibleRelatedField(_my_open_help_requests, queryset=HelpRequest.objects.none())
    coordinator = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True, default=None
    )
    opened_on = serializers.DateField(required=False, allow_null=True, default=None)


class CaseUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=CASE_STAGES,
        required=False,
        help_text=_("To close a case use the close action."),
    )
    next_step = serializers.CharField(max_length=200, required=False, allow_blank=True)


class CaseCloseSerializer(serializers.Serializer):
    closed_on = serializers.DateField()
    closing_reason = serializers.ChoiceField(choices=Case.ClosingReason.choices)
    result = serializers.ChoiceField(choices=Case.Result.choices)
    closing_note = serializers.CharField(required=False, allow_blank=True, default="")
    follow_up_on = serializers.DateField(required=False, allow_null=True, default=None)


class CaseCoordinatorSerializer(serializers.Serializer):
    coordinator = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    reason = serializers.CharField(max_length=500)


class CaseOpenWithReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


def _content_cases(user: User) -> Any:
    return Case.objects.filter(pk__in=selectors.content_case_ids(user))


def _content_plans(user: User) -> Any:
    return selectors.plan_list_for_user(user=user)


def _visible_goals(user: User) -> Any:
    return selectors.goal_list_for_user(user=user)


class PlanCreateSerializer(serializers.Serializer):
    case = VisibleRelatedField(_content_cases, queryset=Case.objects.none())


class PlanUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    summary = serializers.CharField(allow_blank=True)


class PlanAgreeSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    agreed_on = serializers.DateField()


class GoalCreateSerializer(serializers.Serializer):
    plan = VisibleRelatedField(_content_plans, queryset=Plan.objects.none())
    life_domain = _life_domain_field()
    text = serializers.CharField(max_length=500)
    success_criterion = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class GoalUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    text = serializers.CharField(max_length=500, required=False)
    success_criterion = serializers.CharField(max_length=500, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=Goal.Status.choices, required=False)


class ActionFieldsSerializer(serializers.Serializer):
    """Who does what by when. `assignee` is a worker or volunteer of the case's team or involved in it;
    `person` a member of the case's client system; `goal` a goal of the same plan."""

    goal = VisibleRelatedField(_visible_goals, queryset=Goal.objects.none(), required=False, allow_null=True)
    who_kind = serializers.ChoiceField(choices=Action.Who.choices)
    who_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True), required=False, allow_null=True
    )
    person = VisibleRelatedField(_visible_persons, queryset=Person.objects.none(), required=False, allow_null=True)
    what = serializers.CharField(max_length=500)
    due_on = serializers.DateField(required=False, allow_null=True)


class ActionCreateSerializer(ActionFieldsSerializer):
    plan = VisibleRelatedField(_content_plans, queryset=Plan.objects.none())


class ActionUpdateSerializer(serializers.Serializer):
    """Change an action (every field optional); whoever has the action assigned without seeing the plan
    (a volunteer) may change only its `status`."""

    version = serializers.IntegerField(min_value=1)
    goal = VisibleRelatedField(_visible_goals, queryset=Goal.objects.none(), required=False, allow_null=True)
    who_kind = serializers.ChoiceField(choices=Action.Who.choices, required=False)
    who_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True), required=False, allow_null=True
    )
    person = VisibleRelatedField(_visible_persons, queryset=Person.objects.none(), required=False, allow_null=True)
    what = serializers.CharField(max_length=500, required=False)
    due_on = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=Action.Status.choices, required=False)


class ContactMomentCreateSerializer(serializers.Serializer):
    case = VisibleRelatedField(_content_cases, queryset=Case.objects.none())
    occurred_on = serializers.DateField()
    kind = serializers.ChoiceField(choices=ContactMoment.Kind.choices)
    note = serializers.CharField()
    audience = serializers.ChoiceField(
        choices=Audience.choices,
        required=False,
        allow_null=True,
        default=None,
        help_text=_(
            "Who may read the note; by default the team, or only your organisation under professional secrecy."
        ),
    )
    life_domains = _life_domain_field(many=True, required=False)
    participants = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text=_("Persons of the case's client system.")
    )


class ConferenceCreateSerializer(serializers.Serializer):
    case = VisibleRelatedField(_content_cases, queryset=Case.objects.none())
    held_on = serializers.DateField()
    questions = serializers.CharField()
    participants = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, required=False
    )
    other_participants = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    agreements = serializers.CharField(required=False, allow_blank=True, default="")
    actions = ActionFieldsSerializer(many=True, required=False, help_text=_("Agreements that become actions."))
