"""The front door in the API: help requests, short contacts and signals of the caller's teams."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from wijkteam.cases import selectors, services
from wijkteam.cases.api.base import PersonalDataViewSet, choice_param, id_parameter, int_param, require_capability
from wijkteam.cases.api.serializers import (
    HelpRequestCreateSerializer,
    HelpRequestSerializer,
    ShortContactCreateSerializer,
    ShortContactSerializer,
    SignalCreateSerializer,
    SignalSerializer,
    SignalTriageSerializer,
)
from wijkteam.cases.models import HelpRequest, ShortContact, Signal

TEAM = id_parameter("team", "Only this team.")


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("status", enum=HelpRequest.Status.values, description="Only requests with this status."),
            TEAM,
            id_parameter("household", "Only the requests of this household."),
        ]
    ),
    create=extend_schema(request=HelpRequestCreateSerializer, responses={201: HelpRequestSerializer}),
)
class HelpRequestViewSet(PersonalDataViewSet):
    """Help requests in the household's own words: those of the caller's teams that did not become a
    case, and those of cases whose content the caller may see. Every read is logged (NEN 7513).
    Register a request for a household the caller already sees; a household new to the municipality is
    registered with its request through `POST /households/`."""

    queryset = HelpRequest.objects.none()
    serializer_class = HelpRequestSerializer

    def visible(self) -> Any:
        requests = selectors.help_request_list_for_user(user=self.user).select_related("case")
        wanted = choice_param(self.request, "status", HelpRequest.Status.values)
        if wanted:
            requests = requests.filter(status=wanted)
        if (team_id := int_param(self.request, "team")) is not None:
            requests = requests.filter(team_id=team_id)
        if (household_id := int_param(self.request, "household")) is not None:
            requests = requests.filter(household_id=household_id)
        return requests

    def log_page(self, rows: list[HelpRequest]) -> None:
        selectors.help_requests_log_listed(user=self.user, help_requests=rows, request=self.request)

    def object_for_user(self, pk: int) -> HelpRequest:
        return selectors.help_request_get_for_user(user=self.user, help_request_id=pk, request=self.request)

    def create(self, request: Request) -> Response:
        require_capability(self.user, "register_intake")
        data = self.parse(HelpRequestCreateSerializer)
        data["life_domain_codes"] = [d.code for d in data.pop("life_domains")]
        help_request = services.help_request_register(actor=self.user, **data)
        fresh = selectors.help_request_list_for_user(user=self.user).select_related("case").get(pk=help_request.pk)
        return self.answer(fresh, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(parameters=[TEAM]),
    create=extend_schema(request=ShortContactCreateSerializer, responses={201: ShortContactSerializer}),
)
class ShortContactViewSet(PersonalDataViewSet):
    """Questions answered in one or two contacts, without a case, of the caller's teams. Reads that name
    a registered person are logged (NEN 7513)."""

    queryset = ShortContact.objects.none()
    serializer_class = ShortContactSerializer

    def visible(self) -> Any:
        contacts = selectors.short_contact_list_for_user(user=self.user)
        if (team_id := int_param(self.request, "team")) is not None:
            contacts = contacts.filter(team_id=team_id)
        return contacts

    def log_page(self, rows: list[ShortContact]) -> None:
        selectors.short_contacts_log_listed(user=self.user, short_contacts=rows, request=self.request)

    def object_for_user(self, pk: int) -> ShortContact:
        return selectors.short_contact_get_for_user(user=self.user, short_contact_id=pk, request=self.request)

    def create(self, request: Request) -> Response:
        require_capability(self.user, "register_intake")
        data = self.parse(ShortContactCreateSerializer)
        district = data.pop("district", None)
        contact = services.short_contact_register(
            team=data["team"],
            who=data["who"],
            person=data.get("person"),
            life_domain_code=data["life_domain"].code,
            what_was_done=data["what_was_done"],
            contacted_on=data["contacted_on"],
            contacts=data["contacts"],
            channel=data["channel"],
            district_id=district.pk if district else None,
            actor=self.user,
        )
        return self.answer(selectors.short_contact_list_for_user(user=self.user).get(pk=contact.pk), 201)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("status", enum=Signal.Status.values, description="Only signals with this status."),
            TEAM,
        ]
    ),
    create=extend_schema(request=SignalCreateSerializer, responses={201: SignalSerializer}),
    partial_update=extend_schema(
        request=SignalTriageSerializer,
        responses={200: SignalSerializer},
        description="Triage a new signal: close it with a reason, or link the short contact or help request it led to.",
    ),
)
class SignalViewSet(PersonalDataViewSet):
    """Concerns about an address or household reported to the caller's teams ("eyes and ears"). Reads
    that name a household are logged (NEN 7513)."""

    queryset = Signal.objects.none()
    serializer_class = SignalSerializer

    def visible(self) -> Any:
        wanted = choice_param(self.request, "status", Signal.Status.values)
        signals = selectors.signals_for_user(user=self.user, status=wanted).order_by("-received_on", "-id")
        if (team_id := int_param(self.request, "team")) is not None:
            signals = signals.filter(team_id=team_id)
        return signals

    def log_page(self, rows: list[Signal]) -> None:
        selectors.signals_log_listed(user=self.user, signals=rows, request=self.request)

    def object_for_user(self, pk: int) -> Signal:
        return selectors.signal_view_for_user(user=self.user, signal_id=pk, request=self.request)

    def create(self, request: Request) -> Response:
        require_capability(self.user, "register_intake")
        data = self.parse(SignalCreateSerializer)
        district = data.pop("district", None)
        signal = services.signal_register(district_id=district.pk if district else None, actor=self.user, **data)
        return self.answer(selectors.signal_get_for_user(user=self.user, signal_id=signal.pk), 201)

    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        signal = self.get_object()
        require_capability(self.user, "register_intake")
        data = self.parse(SignalTriageSerializer)
        services.signal_triage(
            signal=signal,
            outcome=data["status"],
            reason=data["closing_reason"],
            short_contact=data.get("short_contact"),
            help_request=data.get("help_request"),
            actor=self.user,
        )
        return self.answer(selectors.signal_get_for_user(user=self.user, signal_id=signal.pk))
