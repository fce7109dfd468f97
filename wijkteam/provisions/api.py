"""REST API of stepped care under /api/v1/: the catalogue, step changes, decisions and frontline
payments (care levels are `reference`'s /api/v1/care-levels/).

The same rules as the pages: step changes, decisions and payments come through the need-to-know rule
(`selectors.*_list_for_user`, content of the case) and every read is logged (NEN 7513); what the caller
may not see answers 404. Writes go through the services with the caller as actor, allowed where the
screens allow them: step changes for whoever sees the case's content, decisions for Wmo consultants,
frontline payments for the team lead, the catalogue for functional administrators.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from wijkteam.access.models import User
from wijkteam.cases import selectors as case_selectors
from wijkteam.cases.api.base import PersonalDataViewSet, VisibleRelatedField, int_param, require_capability
from wijkteam.cases.models import Case
from wijkteam.households.models import Person
from wijkteam.provisions import flow, selectors, services
from wijkteam.provisions.models import (
    BudgetFunction,
    CatalogueOption,
    Decision,
    DecisionStatus,
    FrontlinePayment,
    StepChange,
)
from wijkteam.provisions.section import decision_cost
from wijkteam.reference.models import CareLevel, LegalBasis, LifeDomain
from wijkteam.teams import selectors as team_selectors
from wijkteam.teams.models import Organisation

NEW_DECISION_STATUSES = [flow.REQUESTED, flow.GRANTED, flow.REJECTED]


def _content_cases(user: Any) -> Any:
    return Case.objects.filter(pk__in=case_selectors.content_case_ids(user))


# --- catalogue ----------------------------------------------------------------------------------------


class CatalogueOptionSerializer(serializers.ModelSerializer):
    care_level = serializers.SlugRelatedField(slug_field="level", queryset=CareLevel.objects.all())
    legal_basis = serializers.SlugRelatedField(
        slug_field="code", queryset=LegalBasis.objects.all(), required=False, allow_null=True
    )
    provider = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False, allow_null=True)
    life_domains = serializers.SlugRelatedField(
        slug_field="code", queryset=LifeDomain.objects.all(), many=True, required=False
    )
    district = serializers.SerializerMethodField()

    class Meta:
        model = CatalogueOption
        fields = [
            "id",
            "name",
            "description",
            "care_level",
            "legal_basis",
            "provider",
            "life_domains",
            "district",
            "unit",
            "tariff",
            "budget_function",
            "is_active",
        ]

    def get_district(self, obj: CatalogueOption) -> str | None:
        """CBS code of the district, or null for the whole municipality."""
        return obj.district.code if obj.district_id else None


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("care_level", int, enum=[0, 1, 2, 3, 4]),
            OpenApiParameter("legal_basis", str, description="code, e.g. wmo2015"),
        ]
    )
)
class CatalogueViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """The stepped-care catalogue: support options per care level. Every user reads it; functional
    administrators keep it."""

    queryset = CatalogueOption.objects.none()
    serializer_class = CatalogueOptionSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        municipality = team_selectors.default_municipality()
        if municipality is None:
            return CatalogueOption.objects.none()
        level = self.request.query_params.get("care_level", "")
        return selectors.catalogue_list(
            municipality=municipality,
            care_level=int(level) if level.isdigit() else None,
            legal_basis=self.request.query_params.get("legal_basis", "")[:40],
        )

    def perform_create(self, serializer: Any) -> None:
        require_capability(self.request.user, "manage_reference_data")  # type: ignore[arg-type]
        municipality = team_selectors.default_municipality()
        serializer.instance = services.catalogue_option_create(
            municipality=municipality, data=dict(serializer.validated_data), actor=self.request.user
        )

    def perform_update(self, serializer: Any) -> None:
        require_capability(self.request.user, "manage_reference_data")  # type: ignore[arg-type]
        option = serializer.instance
        data = {"name": option.name, "district": option.district, **serializer.validated_data}
        serializer.instance = services.catalogue_option_update(option=option, data=data, actor=self.request.user)


# --- step changes -------------------------------------------------------------------------------------


class StepChangeSerializer(serializers.ModelSerializer):
    from_level = serializers.SlugRelatedField(slug_field="level", read_only=True)
    to_level = serializers.SlugRelatedField(slug_field="level", read_only=True)
    legal_basis = serializers.SlugRelatedField(slug_field="code", read_only=True)
    actor = serializers.StringRelatedField()

    class Meta:
        model = StepChange
        fields = [
            "id",
            "case",
            "from_level",
            "to_level",
            "route",
            "tried",
            "duration",
            "result",
            "why_insufficient",
            "reason",
            "legal_basis",
            "received_on",
            "decided_on",
            "actor",
        ]


class StepChangeCreateSerializer(serializers.Serializer):
    case = VisibleRelatedField(_content_cases, queryset=Case.objects.all())
    to_level = serializers.SlugRelatedField(slug_field="level", queryset=CareLevel.objects.all())
    route = serializers.ChoiceField(choices=StepChange.Route.choices)
    tried = serializers.CharField(required=False, allow_blank=True, default="")
    duration = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    result = serializers.CharField(required=False, allow_blank=True, default="")
    why_insufficient = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    legal_basis = serializers.SlugRelatedField(
        slug_field="code", queryset=LegalBasis.objects.all(), required=False, allow_null=True, default=None
    )
    received_on = serializers.DateField(required=False, allow_null=True, default=None)
    decided_on = serializers.DateField(required=False, allow_null=True, default=None)


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter("case", int)]))
class StepChangeViewSet(PersonalDataViewSet, mixins.CreateModelMixin):
    """Changes of care level of the cases whose content the caller may see. A team step-up needs the
    evaluation fields; an application, Wmo report, referral or the safety route is never blocked."""

    queryset = StepChange.objects.none()
    serializer_class = StepChangeSerializer

    def visible(self) -> Any:
        rows = selectors.step_change_list_for_user(user=self.user)
        if (case_id := int_param(self.request, "case")) is not None:
            rows = rows.filter(case_id=case_id)
        return rows

    def log_page(self, rows: list[Any]) -> None:
        selectors.rows_log_listed(user=self.user, rows=rows, request=self.request)

    def object_for_user(self, pk: int) -> Any:
        return selectors.row_get_for_user(self.visible(), user=self.user, pk=pk, request=self.request)

    @extend_schema(request=StepChangeCreateSerializer, responses={201: StepChangeSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_capability(self.user, "view_case_content")
        data = self.parse(StepChangeCreateSerializer)
        change = services.step_change_record(actor=self.user, **data)
        return self.answer(change, status.HTTP_201_CREATED)


# --- decisions ----------------------------------------------------------------------------------------


class DecisionSerializer(serializers.ModelSerializer):
    legal_basis = serializers.SlugRelatedField(slug_field="code", read_only=True)
    cost = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "case",
            "person",
            "option",
            "legal_basis",
            "provider",
            "form",
            "period_start",
            "period_end",
            "ended_on",
            "volume",
            "unit",
            "frequency",
            "tariff",
            "cost",
            "status",
            "urgent",
            "report_date",
            "investigation_done_on",
            "application_date",
            "decided_on",
            "note",
        ]

    def get_cost(self, obj: Decision) -> str:
        """Cost over the period in euros (open-ended: until the end of this year); 0 unless granted."""
        return str(decision_cost(obj, timezone.localdate()))


class DecisionCreateSerializer(serializers.Serializer):
    case = VisibleRelatedField(_content_cases, queryset=Case.objects.all())
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())
    option = serializers.PrimaryKeyRelatedField(queryset=CatalogueOption.objects.filter(is_active=True))
    status = serializers.ChoiceField(choices=NEW_DECISION_STATUSES, default=flow.REQUESTED)
    legal_basis = serializers.SlugRelatedField(slug_field="code", queryset=LegalBasis.objects.all(), required=False)
    provider = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False)
    form = serializers.ChoiceField(choices=Decision.Form.choices, default=Decision.Form.IN_KIND)
    period_start = serializers.DateField()
    period_end = serializers.DateField(required=False, allow_null=True)
    volume = serializers.DecimalField(max_digits=8, decimal_places=2, min_value=0)
    frequency = serializers.ChoiceField(choices=Decision.Frequency.choices)
    tariff = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0, required=False)
    urgent = serializers.BooleanField(default=False)
    report_date = serializers.DateField(required=False, allow_null=True)
    investigation_done_on = serializers.DateField(required=False, allow_null=True)
    application_date = serializers.DateField(required=False, allow_null=True)
    decided_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True)


class DecisionStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=DecisionStatus.choices)
    on = serializers.DateField(required=False, allow_null=True, default=None)


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter("case", int)]))
class DecisionViewSet(PersonalDataViewSet, mixins.CreateModelMixin):
    """Decisions (beschikkingen) in the cases whose content the caller may see; Wmo consultants record
    them and change their status."""

    queryset = Decision.objects.none()
    serializer_class = DecisionSerializer

    def visible(self) -> Any:
        rows = selectors.decision_list_for_user(user=self.user)
        if (case_id := int_param(self.request, "case")) is not None:
            rows = rows.filter(case_id=case_id)
        return rows

    def log_page(self, rows: list[Any]) -> None:
        selectors.rows_log_listed(user=self.user, rows=rows, request=self.request)

    def object_for_user(self, pk: int) -> Any:
        return selectors.row_get_for_user(self.visible(), user=self.user, pk=pk, request=self.request)

    @extend_schema(request=DecisionCreateSerializer, responses={201: DecisionSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_capability(self.user, "record_decisions")
        data = self.parse(DecisionCreateSerializer)
        case, person, option, state = data.pop("case"), data.pop("person"), data.pop("option"), data.pop("status")
        if data.get("tariff") is None:
            data.pop("tariff", None)
        data["unit"] = option.unit
        decision = services.decision_record(
            case=case, person=person, option=option, status=state, data=data, actor=self.user
        )
        return self.answer(decision, status.HTTP_201_CREATED)

    @extend_schema(request=DecisionStatusSerializer, responses={200: DecisionSerializer})
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request: Request, pk: str | None = None) -> Response:
        """Move the decision to another status (granted, rejected, objection, ended, withdrawn)."""
        decision = self.get_object()
        require_capability(self.user, "record_decisions")
        data = self.parse(DecisionStatusSerializer)
        decision = services.decision_status_set(
            decision=decision, status=data["status"], on=data["on"], actor=self.user
        )
        return self.answer(decision)


# --- frontline payments -------------------------------------------------------------------------------


class FrontlinePaymentSerializer(serializers.ModelSerializer):
    class Meta:
        model = FrontlinePayment
        fields = ["id", "team", "case", "amount", "reason", "budget_function", "paid_on", "requested_by", "approved_by"]
        read_only_fields = fields


class FrontlinePaymentCreateSerializer(serializers.Serializer):
    case = VisibleRelatedField(_content_cases, queryset=Case.objects.all())
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    reason = serializers.CharField()
    requested_by = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    paid_on = serializers.DateField(required=False, allow_null=True, default=None)
    budget_function = serializers.ChoiceField(choices=BudgetFunction.choices, default="6.2")


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter("case", int)]))
class FrontlinePaymentViewSet(PersonalDataViewSet, mixins.CreateModelMixin):
    """Frontline (breakthrough) payments in the cases whose content the caller may see; the team lead
    approves and records them (four eyes: never the requester)."""

    queryset = FrontlinePayment.objects.none()
    serializer_class = FrontlinePaymentSerializer

    def visible(self) -> Any:
        rows = selectors.frontline_payment_list_for_user(user=self.user)
        if (case_id := int_param(self.request, "case")) is not None:
            rows = rows.filter(case_id=case_id)
        return rows

    def log_page(self, rows: list[Any]) -> None:
        selectors.rows_log_listed(user=self.user, rows=rows, request=self.request)

    def object_for_user(self, pk: int) -> Any:
        return selectors.row_get_for_user(self.visible(), user=self.user, pk=pk, request=self.request)

    @extend_schema(request=FrontlinePaymentCreateSerializer, responses={201: FrontlinePaymentSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_capability(self.user, "lead_team")
        data = self.parse(FrontlinePaymentCreateSerializer)
        payment = services.frontline_payment_record(actor=self.user, **data)
        return self.answer(payment, status.HTTP_201_CREATED)


ROUTES = [
    ("catalogue", CatalogueViewSet, "catalogue-option"),
    ("step-changes", StepChangeViewSet, "step-change"),
    ("decisions", DecisionViewSet, "decision"),
    ("frontline-payments", FrontlinePaymentViewSet, "frontline-payment"),
]
