"""REST endpoints of the teams app: organisations, disciplines, teams (with mandate and targets),
memberships and the social map. Writes go through the same services as the screens.

- Read: any logged-in user for organisations, disciplines, teams and initiatives; workers, team leads,
  functional administrators and the municipality for memberships (volunteers: 403).
- Write (POST, PATCH): functional administrators (`manage_teams`); initiatives also by the members of
  the team that keeps them.
- No per-member caseload anywhere in the API. `/api/v1/teams/{id}/capacity/` gives team totals to
  `view_aggregates` and to the team's own lead.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from wijkteam.access.models import User
from wijkteam.neighbourhoods.models import Region, RegionLevel
from wijkteam.reference.models import CareLevel, LifeDomain
from wijkteam.teams import selectors, services, workload
from wijkteam.teams.models import (
    Discipline,
    Initiative,
    InitiativeKind,
    MandateItem,
    Membership,
    MembershipKind,
    Organisation,
    OrganisationalForm,
    OrganisationKind,
    Target,
    Team,
)

WRITE_METHODS = ["get", "post", "patch", "head", "options"]


class ManageTeamsOrReadOnly(permissions.BasePermission):
    """Reading for every logged-in user; POST and PATCH for functional administrators."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return _user(request).can("manage_teams")


class WorkersOnly(permissions.BasePermission):
    """Team composition is for the people who work with the teams, not for volunteers."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return selectors.can_any(_user(request), selectors.WORKER_CAPABILITIES)
        return _user(request).can("manage_teams")


class SocialMapKeepersOrReadOnly(permissions.BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return selectors.can_keep_social_map(user=_user(request))


def _user(request: Request) -> User:
    return cast(User, request.user)


def _district_codes() -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Region.objects.filter(level=RegionLevel.DISTRICT), required=False
    )


def _life_domain_codes(**kwargs: Any) -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(slug_field="code", many=True, queryset=LifeDomain.objects.all(), **kwargs)


def _raise(exc: DjangoValidationError) -> None:
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    raise serializers.ValidationError(detail) from exc


def _default_municipality() -> Region:
    municipality = selectors.default_municipality()
    if municipality is None:
        raise serializers.ValidationError({"municipality": [_("The CBS region registry has not been imported yet.")]})
    return municipality


# ----------------------------------------------------------------------------------------- organisations
class OrganisationSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.filter(level=RegionLevel.MUNICIPALITY),
        required=False,
        help_text="CBS code; defaults to the municipality of this installation",
    )
    kind = serializers.ChoiceField(choices=OrganisationKind.choices)

    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "municipality", "professional_secrecy", "is_active"]
        extra_kwargs = {"is_active": {"required": False}}
        validators: list = []  # the service checks that the name is unique (case-insensitively)


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("kind", enum=OrganisationKind.values)]),
)
class OrganisationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Partner organisations (MEE, GGZ, debt counselling, …) whose workers take part in teams or cases."""

    serializer_class = OrganisationSerializer
    permission_classes = [permissions.IsAuthenticated, ManageTeamsOrReadOnly]
    http_method_names = WRITE_METHODS

    def get_queryset(self) -> QuerySet[Organisation]:
        organisations = Organisation.objects.select_related("municipality").order_by("name")
        if kind := self.request.query_params.get("kind"):
            organisations = organisations.filter(kind=kind)
        return organisations

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("is_active", None)
        municipality = data.pop("municipality", None) or _default_municipality()
        try:
            serializer.instance = services.organisation_create(
                municipality=municipality, actor=_user(self.request), **data
            )
        except DjangoValidationError as exc:
            _raise(exc)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        organisation = self.get_object()
        serializer = self.get_serializer(organisation, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "municipality" in data and data.pop("municipality") != organisation.municipality:
            raise serializers.ValidationError(
                {"municipality": [_("The municipality of an organisation cannot change.")]}
            )
        try:
            services.organisation_update(organisation=organisation, data=data, actor=_user(request))
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(self.get_serializer(organisation).data)


# ------------------------------------------------------------------------------------------- disciplines
class DisciplineSerializer(serializers.ModelSerializer):
    life_domains: Any = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Discipline
        fields = ["id", "code", "name_nl", "name_en", "is_broad", "life_domains", "order", "is_active"]


class DisciplineViewSet(viewsets.ReadOnlyModelViewSet):
    """Disciplines (editable reference data) with the life domains each helps with."""

    serializer_class = DisciplineSerializer
    queryset = Discipline.objects.prefetch_related("life_domains").order_by("order", "code")


# ------------------------------------------------------------------------------------------------- teams
class MandateItemSerializer(serializers.ModelSerializer):
    life_domain: Any = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = MandateItem
        fields = ["id", "kind", "life_domain", "target_group", "in_scope", "note"]


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = ["id", "metric_key", "comparison", "value", "period", "note"]


class TeamSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.filter(level=RegionLevel.MUNICIPALITY),
        required=False,
        help_text="CBS code; defaults to the municipality of this installation",
    )
    districts = _district_codes()
    organisational_form = serializers.ChoiceField(choices=OrganisationalForm.choices)
    mandate_items = MandateItemSerializer(many=True, read_only=True)
    targets = TargetSerializer(many=True, read_only=True)

    class Meta:
        model = Team
        fields = [
            "id",
            "name",
            "municipality",
            "districts",
            "covers_whole_municipality",
            "organisational_form",
            "start_date",
            "end_date",
            "caseload_norm_per_fte",
            "weight_coordinator",
            "weight_involvement",
            "hours_per_case_equivalent",
            "justice_domain_enabled",
            "mandate_items",
            "targets",
        ]
        validators: list = []  # the service checks that the name is unique (case-insensitively)


class CapacitySerializer(serializers.Serializer):
    team = serializers.IntegerField()
    members = serializers.IntegerField()
    fte = serializers.DecimalField(max_digits=8, decimal_places=2)
    capacity = serializers.DecimalField(max_digits=8, decimal_places=1)
    weighted_caseload = serializers.DecimalField(max_digits=8, decimal_places=1)
    headroom = serializers.DecimalField(max_digits=8, decimal_places=1)
    percent_of_capacity = serializers.IntegerField(allow_null=True)
    case_counts_available = serializers.BooleanField()


class TeamViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Teams with their districts (CBS codes), mandate and targets (read-only here; set them on the
    mandate screen)."""

    serializer_class = TeamSerializer
    permission_classes = [permissions.IsAuthenticated, ManageTeamsOrReadOnly]
    http_method_names = WRITE_METHODS

    def get_queryset(self) -> QuerySet[Team]:
        return (
            Team.objects.select_related("municipality")
            .prefetch_related(
                Prefetch("districts", queryset=Region.objects.order_by("code")),
                Prefetch("mandate_items", queryset=MandateItem.objects.select_related("life_domain")),
                "targets",
            )
            .order_by("name")
        )

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        municipality = data.pop("municipality", None) or _default_municipality()
        try:
            serializer.instance = services.team_create(municipality=municipality, actor=_user(self.request), **data)
        except DjangoValidationError as exc:
            _raise(exc)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        team = self.get_object()
        serializer = self.get_serializer(team, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "municipality" in data and data.pop("municipality") != team.municipality:
            raise serializers.ValidationError({"municipality": [_("The municipality of a team cannot change.")]})
        try:
            services.team_update(team=team, data=data, actor=_user(request))
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(self.get_serializer(self.get_queryset().get(pk=team.pk)).data)

    @extend_schema(
        responses={200: CapacitySerializer, 404: OpenApiResponse(description="not visible to you")},
    )
    @action(detail=True, methods=["get"])
    def capacity(self, request: Request, pk: str | None = None) -> Response:
        """Team totals: FTE, capacity, weighted caseload; for `view_aggregates` and the team's own lead."""
        team = self.get_object()
        user = _user(request)
        if not (user.can("view_aggregates") or selectors.user_leads_team(user=user, team=team)):
            raise Http404
        totals = selectors.teams_totals(teams=[team])[team.pk]
        data = {
            "team": team.pk,
            "members": totals.members,
            "fte": totals.fte,
            "capacity": totals.capacity,
            "weighted_caseload": totals.caseload,
            "headroom": totals.headroom,
            "percent_of_capacity": totals.percent,
            "case_counts_available": workload.case_counts_available(),
        }
        return Response(CapacitySerializer(data).data)


# ------------------------------------------------------------------------------------------- memberships
class MembershipUserSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="get_full_name", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "name"]


class MembershipSerializer(serializers.ModelSerializer):
    user = MembershipUserSerializer(read_only=True)
    user_id = serializers.PrimaryKeyRelatedField(
        source="user", queryset=User.objects.filter(is_active=True), write_only=True
    )
    team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.all())
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    kind = serializers.ChoiceField(choices=MembershipKind.choices)
    disciplines = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Discipline.objects.all(), required=False
    )
    districts = _district_codes()
    is_running = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = [
            "id",
            "team",
            "user",
            "user_id",
            "organisation",
            "kind",
            "disciplines",
            "districts",
            "fte",
            "collective_hours_per_week",
            "start_date",
            "end_date",
            "is_running",
        ]
        extra_kwargs = {"collective_hours_per_week": {"required": False}}

    def get_is_running(self, obj: Membership) -> bool:
        return obj.is_running()


class MembershipPatchSerializer(serializers.Serializer):
    """Either `end_date` (the member leaves), or `change_date` with the new values (end + new membership)."""

    end_date = serializers.DateField(required=False)
    change_date = serializers.DateField(required=False)
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False)
    kind = serializers.ChoiceField(choices=MembershipKind.choices, required=False)
    disciplines = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Discipline.objects.all(), required=False
    )
    districts = _district_codes()
    fte = serializers.DecimalField(max_digits=3, decimal_places=2, required=False)
    collective_hours_per_week = serializers.DecimalField(max_digits=4, decimal_places=1, required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        changes = set(attrs) - {"end_date", "change_date"}
        if "end_date" in attrs and ("change_date" in attrs or changes):
            raise serializers.ValidationError(_("Either end the membership or change it, not both at once."))
        if "end_date" not in attrs and "change_date" not in attrs:
            raise serializers.ValidationError(
                _("Give end_date to end the membership, or change_date with the new values.")
            )
        return attrs


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("team", int, description="id of a team"),
            OpenApiParameter("user", int, description="id of a user"),
            OpenApiParameter("running", bool, description="only memberships running today"),
        ]
    ),
    partial_update=extend_schema(request=MembershipPatchSerializer, responses=MembershipSerializer),
)
class MembershipViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Who works in which team, for which organisation, with which disciplines and FTE; history kept.

    No caseload figures here: per-member caseload is for the team lead's own screen only.
    PATCH with `end_date` ends a membership; PATCH with `change_date` and new values ends it the day before
    and returns the new membership.
    """

    serializer_class = MembershipSerializer
    permission_classes = [permissions.IsAuthenticated, WorkersOnly]
    http_method_names = WRITE_METHODS

    def get_queryset(self) -> QuerySet[Membership]:
        memberships = (
            Membership.objects.select_related("user")
            .prefetch_related(
                Prefetch("disciplines", queryset=Discipline.objects.only("id", "code")),
                Prefetch("districts", queryset=Region.objects.only("id", "code")),
            )
            .order_by("team_id", "user__last_name", "start_date", "pk")
        )
        params = self.request.query_params
        for name in ("team", "user"):
            value = params.get(name)
            if value is not None:
                memberships = (
                    memberships.filter(**{f"{name}_id": int(value)}) if value.isdigit() else memberships.none()
                )
        if params.get("running") in ("true", "1"):
            memberships = memberships.active()
        return memberships

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        try:
            serializer.instance = services.membership_start(actor=_user(self.request), **data)
        except DjangoValidationError as exc:
            _raise(exc)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        membership = self.get_object()
        patch = MembershipPatchSerializer(data=request.data)
        patch.is_valid(raise_exception=True)
        data = dict(patch.validated_data)
        try:
            if "end_date" in data:
                result = services.membership_end(membership=membership, end_date=data["end_date"], actor=_user(request))
            else:
                result = services.membership_change(
                    membership=membership,
                    change_date=data["change_date"],
                    organisation=data.get("organisation", membership.organisation),
                    kind=data.get("kind", membership.kind),
                    fte=data.get("fte", membership.fte),
                    collective_hours_per_week=data.get(
                        "collective_hours_per_week", membership.collective_hours_per_week
                    ),
                    disciplines=data.get("disciplines", list(membership.disciplines.all())),
                    districts=data.get("districts", list(membership.districts.all())),
                    actor=_user(request),
                )
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(self.get_serializer(self.get_queryset().get(pk=result.pk)).data, status=status.HTTP_200_OK)


# ------------------------------------------------------------------------------------------- social map
class InitiativeSerializer(serializers.ModelSerializer):
    district = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.filter(level=RegionLevel.DISTRICT)
    )
    team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.all())
    kind = serializers.ChoiceField(choices=InitiativeKind.choices)
    care_level = serializers.SlugRelatedField(
        slug_field="level", queryset=CareLevel.objects.filter(level__in=services.SOCIAL_MAP_CARE_LEVELS)
    )
    life_domains = _life_domain_codes(required=False)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "name",
            "kind",
            "district",
            "team",
            "care_level",
            "life_domains",
            "description",
            "location",
            "contact",
            "schedule",
            "is_active",
        ]
        extra_kwargs = {"is_active": {"required": False}}
        validators: list = []  # the service checks that the name is unique in its district


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("district", str, description="CBS code of a district, e.g. WK015300"),
            OpenApiParameter("life_domain", str, description="code of a life domain, e.g. social_network"),
            OpenApiParameter("care_level", int, enum=[0, 1]),
            OpenApiParameter("include_inactive", bool, description="also initiatives that stopped"),
        ]
    )
)
class InitiativeViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """The social map: neighbourhood initiatives and collective activities per district (care level 0–1)."""

    serializer_class = InitiativeSerializer
    permission_classes = [permissions.IsAuthenticated, SocialMapKeepersOrReadOnly]
    http_method_names = WRITE_METHODS

    def get_queryset(self) -> QuerySet[Initiative]:
        params = self.request.query_params
        level = params.get("care_level")
        return selectors.initiative_list(
            district_code=params.get("district", "")[:12],
            life_domain_code=params.get("life_domain", "")[:40],
            care_level=int(level) if level and level.isdigit() else None,
            active_only=self.action == "list" and params.get("include_inactive") not in ("true", "1"),
        )

    def _check_team(self, team: Team) -> None:
        team_ids = selectors.initiative_team_ids_for_user(user=_user(self.request))
        if team_ids is not None and team.pk not in team_ids:
            raise serializers.ValidationError({"team": [_("You can only keep the social map of your own team.")]})

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        data.pop("is_active", None)
        self._check_team(data["team"])
        try:
            serializer.instance = services.initiative_create(actor=_user(self.request), **data)
        except DjangoValidationError as exc:
            _raise(exc)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        initiative = self.get_object()
        team_ids = selectors.initiative_team_ids_for_user(user=_user(request))
        if team_ids is not None and initiative.team_id not in team_ids:
            raise Http404
        serializer = self.get_serializer(initiative, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        if "team" in data:
            self._check_team(data["team"])
        try:
            services.initiative_update(initiative=initiative, data=data, actor=_user(request))
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(self.get_serializer(selectors.initiative_list(active_only=False).get(pk=initiative.pk)).data)
