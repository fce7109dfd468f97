"""Sharing agreements with partner organisations under /api/v1/sharing-agreements/: the same rule as the
page (`views_sharing.py`): read by those who see the case's content (logged per person), recorded and
withdrawn by the case's coordinator or a team lead of its team."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from wijkteam.access.models import AccessAction, User
from wijkteam.cases import need_to_know, selectors, services
from wijkteam.cases.api.base import (
    PersonalDataViewSet,
    VisibleRelatedField,
    id_parameter,
    int_param,
    require_capability,
)
from wijkteam.cases.models import Case, SharingAgreement, SharingGround, StatutoryGround
from wijkteam.teams.models import Organisation

CASE = id_parameter("case", "Only the agreements of this case.")
CATEGORY = "sharing agreement"


def _content_cases(user: User) -> Any:
    return Case.objects.filter(pk__in=selectors.content_case_ids(user))


class SharingAgreementSerializer(serializers.ModelSerializer):
    class Meta:
        model = SharingAgreement
        fields = [
            "id",
            "case",
            "person",
            "recipient",
            "ground",
            "statutory_ground",
            "given_by",
            "purpose",
            "agreed_on",
            "withdrawn_on",
            "withdrawn_reason",
        ]
        read_only_fields = fields


class SharingAgreementCreateSerializer(serializers.Serializer):
    case = VisibleRelatedField(_content_cases, queryset=Case.objects.none())
    person = serializers.IntegerField(help_text=_("A person of the case's client system."))
    recipient = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.filter(is_active=True))
    ground = serializers.ChoiceField(choices=SharingGround.choices)
    statutory_ground = serializers.ChoiceField(choices=StatutoryGround.choices, required=False, default="")
    given_by = serializers.CharField(required=False, default="", allow_blank=True, max_length=200)
    purpose = serializers.CharField(max_length=500)
    agreed_on = serializers.DateField(required=False, allow_null=True, default=None)


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


def _check_directs(user: User, case: Case) -> None:
    if case.coordinator_id != user.pk and not need_to_know.led_team_ids(user.pk).filter(team_id=case.team_id).exists():
        raise PermissionDenied(_("Only the coordinator or the team lead can do this."))


@extend_schema_view(
    list=extend_schema(parameters=[CASE]),
    create=extend_schema(request=SharingAgreementCreateSerializer, responses={201: SharingAgreementSerializer}),
)
class SharingAgreementViewSet(PersonalDataViewSet):
    """With which partner organisations a person's data in a case is shared, on which ground (the
    person's agreement or a statutory ground), for which purpose; withdrawal stops sharing at once and
    ends the partner's involvement. Every read is logged (NEN 7513)."""

    queryset = SharingAgreement.objects.none()
    serializer_class = SharingAgreementSerializer

    def visible(self) -> Any:
        agreements = SharingAgreement.objects.filter(case_id__in=selectors.content_case_ids(self.user)).order_by(
            "-agreed_on", "-id"
        )
        if (case_id := int_param(self.request, "case")) is not None:
            agreements = agreements.filter(case_id=case_id)
        return agreements

    def log_page(self, rows: list[SharingAgreement]) -> None:
        selectors.persons_access_record(
            user=self.user,
            person_ids=[row.person_id for row in rows],
            action=AccessAction.LIST,
            category=CATEGORY,
            request=self.request,
        )

    def object_for_user(self, pk: int) -> SharingAgreement:
        agreement = self.visible().filter(pk=pk).select_related("case").first()
        if agreement is None:
            raise Http404
        selectors.persons_access_record(
            user=self.user,
            person_ids=[agreement.person_id],
            action=AccessAction.VIEW,
            category=CATEGORY,
            request=self.request,
        )
        return agreement

    def create(self, request: Request) -> Response:
        require_capability(self.user, "view_case_content")
        data = self.parse(SharingAgreementCreateSerializer)
        case = data["case"]
        _check_directs(self.user, case)
        agreement = services.sharing_agreement_record(
            case=case,
            data=services.SharingInput(
                person_id=data["person"],
                recipient=data["recipient"],
                ground=data["ground"],
                statutory_ground=data["statutory_ground"],
                given_by=data["given_by"],
                purpose=data["purpose"],
                agreed_on=data["agreed_on"],
            ),
            actor=self.user,
        )
        return self.answer(agreement, 201)

    @extend_schema(request=WithdrawSerializer, responses={200: SharingAgreementSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        agreement = self.get_object()
        _check_directs(self.user, agreement.case)
        data = self.parse(WithdrawSerializer)
        agreement = services.sharing_agreement_withdraw(agreement=agreement, reason=data["reason"], actor=self.user)
        return self.answer(agreement)
