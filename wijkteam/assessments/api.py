"""The assessments app in the API: the instruments (any logged-in user; not personal data) and the
assessments of the cases whose content the caller may see (the need-to-know rule of `cases`, every read
logged); writes through `services.assessment_record` with the caller as actor."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from wijkteam.access.models import User
from wijkteam.assessments import selectors, services
from wijkteam.assessments.models import Assessment, DomainScore, Instrument, InstrumentDomain, Moment, ScaleLabel
from wijkteam.cases import selectors as case_selectors
from wijkteam.cases.api.base import (
    PersonalDataViewSet,
    VisibleRelatedField,
    choice_param,
    id_parameter,
    int_param,
    require_capability,
)
from wijkteam.cases.models import Case
from wijkteam.households.models import Person


class InstrumentDomainSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="life_domain.code")
    name_nl = serializers.CharField(source="life_domain.name_nl")
    name_en = serializers.CharField(source="life_domain.name_en")
    is_criminal_data = serializers.BooleanField(source="life_domain.is_criminal_data")

    class Meta:
        model = InstrumentDomain
        fields = ["code", "name_nl", "name_en", "is_criminal_data", "order"]


class ScaleLabelSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScaleLabel
        fields = ["value", "label_nl", "label_en"]


class InstrumentSerializer(serializers.ModelSerializer):
    domains = InstrumentDomainSerializer(many=True, read_only=True)
    scale_labels = ScaleLabelSerializer(many=True, read_only=True)

    class Meta:
        model = Instrument
        fields = [
            "id",
            "code",
            "name_nl",
            "name_en",
            "scale_min",
            "scale_max",
            "source",
            "is_active",
            "domains",
            "scale_labels",
        ]


class InstrumentViewSet(viewsets.ReadOnlyModelViewSet):
    """Scoring instruments (the self-reliance matrix and others): life domains and scale labels only; the
    copyrighted criteria texts of the Zelfredzaamheid-Matrix (GGD Amsterdam) are not included."""

    queryset = selectors.instrument_list()
    serializer_class = InstrumentSerializer


class DomainScoreSerializer(serializers.ModelSerializer):
    life_domain = serializers.CharField(source="life_domain.code")

    class Meta:
        model = DomainScore
        fields = ["life_domain", "score"]


class AssessmentSerializer(serializers.ModelSerializer):
    instrument = serializers.CharField(source="instrument.code")
    assessed_by = serializers.CharField(source="assessed_by.__str__")
    scores = DomainScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "case",
            "person",
            "instrument",
            "moment",
            "assessed_on",
            "note",
            "assessed_by",
            "scores",
            "created_at",
        ]


def _content_cases(user: User) -> Any:
    return Case.objects.filter(pk__in=case_selectors.content_case_ids(user))


class AssessmentCreateSerializer(serializers.Serializer):
    case = VisibleRelatedField(_content_cases, queryset=Case.objects.none())
    person = serializers.IntegerField(help_text="An adult in the case's client system.")
    moment = serializers.ChoiceField(choices=Moment.choices)
    assessed_on = serializers.DateField()
    instrument = serializers.SlugField(
        required=False, help_text="Instrument code; default the (first) instrument the case's team uses."
    )
    scores = serializers.DictField(
        child=serializers.IntegerField(allow_null=True),
        help_text='Score per life-domain code, e.g. {"finances": 2}; only the domains the help request or '
        "the plan touches.",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(
        parameters=[
            id_parameter("case", "Only the assessments of this case."),
            id_parameter("person", "Only the assessments of this person."),
            OpenApiParameter("moment", enum=Moment.values, description="Only assessments at this moment."),
        ]
    ),
    create=extend_schema(request=AssessmentCreateSerializer, responses={201: AssessmentSerializer}),
)
class AssessmentViewSet(PersonalDataViewSet):
    """Self-reliance assessments of adults in the cases whose content the caller may see, with a score
    per touched life domain. Other cases' assessments answer 404 and are never listed."""

    queryset = Assessment.objects.none()
    serializer_class = AssessmentSerializer

    def visible(self) -> Any:
        assessments = selectors.assessment_list_for_user(user=self.user)
        if (case_id := int_param(self.request, "case")) is not None:
            assessments = assessments.filter(case_id=case_id)
        if (person_id := int_param(self.request, "person")) is not None:
            assessments = assessments.filter(person_id=person_id)
        if (moment := choice_param(self.request, "moment", Moment.values)) is not None:
            assessments = assessments.filter(moment=moment)
        return assessments

    def log_page(self, rows: list[Assessment]) -> None:
        selectors.assessments_log_listed(user=self.user, assessments=rows, request=self.request)

    def object_for_user(self, pk: int) -> Assessment:
        return selectors.assessment_get_for_user(user=self.user, assessment_id=pk, request=self.request)

    def create(self, request: Request) -> Response:
        require_capability(self.user, "view_case_content")
        data = self.parse(AssessmentCreateSerializer)
        case = data["case"]
        view = case_selectors.case_content_or_404(user=self.user, case_id=case.pk, request=request)
        person = Person.objects.filter(pk=data["person"], client_systems__case=view.case).first()
        if person is None:
            raise serializers.ValidationError({"person": [_("This person is not in the client system of the case.")]})
        instrument = None
        if data.get("instrument"):
            instrument = Instrument.objects.filter(code=data["instrument"]).first()
            if instrument is None:
                raise serializers.ValidationError({"instrument": [_("There is no instrument with this code.")]})
        assessment = services.assessment_record(
            case=view.case,
            person=person,
            moment=data["moment"],
            assessed_on=data["assessed_on"],
            scores=data["scores"],
            note=data["note"],
            instrument=instrument,
            actor=self.user,
        )
        try:
            fresh = selectors.assessment_list_for_user(user=self.user).get(pk=assessment.pk)
        except Assessment.DoesNotExist as error:  # pragma: no cover - the caller just recorded it
            raise Http404 from error
        return self.answer(fresh, status.HTTP_201_CREATED)


ROUTES = [
    ("instruments", InstrumentViewSet, "instrument"),
    ("assessments", AssessmentViewSet, "assessment"),
]
