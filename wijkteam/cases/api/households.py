"""Persons and households in the API: master data of the households the caller works with."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from wijkteam.cases import selectors, services
from wijkteam.cases.api.base import (
    ConflictSerializer,
    PersonalDataViewSet,
    id_parameter,
    int_param,
    require_capability,
)
from wijkteam.cases.api.serializers import (
    HouseholdCreatedSerializer,
    HouseholdCreateSerializer,
    HouseholdRectifySerializer,
    HouseholdSerializer,
    PersonCreateSerializer,
    PersonRectifySerializer,
    PersonSerializer,
)
from wijkteam.households import services as household_services
from wijkteam.households.models import Household, Person

SEARCH = OpenApiParameter(
    "q", str, description="Search: name fragments, postcode (+ house number), street, birth date or an exact BSN."
)


def _is_stale(error: ValidationError) -> bool:
    return not hasattr(error, "error_dict") and any(e.code == "stale" for e in error.error_list)


@extend_schema_view(
    list=extend_schema(parameters=[SEARCH, id_parameter("household", "Only the members of this household.")]),
    create=extend_schema(request=PersonCreateSerializer, responses={201: PersonSerializer}),
    partial_update=extend_schema(
        request=PersonRectifySerializer,
        responses={200: PersonSerializer, 409: OpenApiResponse(ConflictSerializer, description="Stale version.")},
    ),
)
class PersonViewSet(PersonalDataViewSet):
    """Persons whose master data the caller may see: members of households in a case or help request
    they may see, and persons in the client system of such a case. Every read is logged (NEN 7513).
    Correcting contact details needs the case's content or an open help request of the caller's team;
    send the `updated_at` you read (a stale one answers 409)."""

    queryset = Person.objects.none()
    serializer_class = PersonSerializer

    def visible(self) -> Any:
        return selectors.person_list_for_user(
            user=self.user,
            household_id=int_param(self.request, "household"),
            query=self.request.query_params.get("q", "")[:100],
        )

    def log_page(self, rows: list[Person]) -> None:
        searched = bool(self.request.query_params.get("q"))
        selectors.persons_log_listed(user=self.user, persons=rows, request=self.request, searched=searched)

    def object_for_user(self, pk: int) -> Person:
        return selectors.person_get_for_user(user=self.user, person_id=pk, request=self.request)

    def _fresh(self, pk: int) -> Person:
        persons = Person.objects.with_current_residence().filter(pk=pk)
        return selectors.persons_with_identifier_visibility(persons, self.user).get()

    def create(self, request: Request) -> Response:
        require_capability(self.user, "register_intake", "view_case_content")
        data = self.parse(PersonCreateSerializer)
        household = data.pop("household")
        if not selectors.household_may_rectify(user=self.user, household=household):
            raise PermissionDenied(_("You can add persons only to households you are working with."))
        person = household_services.person_create(
            municipality=household.municipality, household=household, actor=self.user, **data
        )
        return self.answer(self._fresh(person.pk), status.HTTP_201_CREATED)

    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        person = self.get_object()
        if not selectors.person_may_rectify(user=self.user, person=person):
            raise PermissionDenied(_("You can correct the details of persons you are working with only."))
        data = self.parse(PersonRectifySerializer)
        expected = data.pop("updated_at")
        try:
            person = household_services.person_update(
                person=person, actor=self.user, expected_updated_at=expected, **data
            )
        except ValidationError as error:
            if _is_stale(error):
                return self.conflict(error.messages[0], self._fresh(person.pk))
            raise
        return self.answer(self._fresh(person.pk))


@extend_schema_view(
    list=extend_schema(parameters=[SEARCH]),
    create=extend_schema(request=HouseholdCreateSerializer, responses={201: HouseholdCreatedSerializer}),
    partial_update=extend_schema(request=HouseholdRectifySerializer, responses={200: HouseholdSerializer}),
)
class HouseholdViewSet(PersonalDataViewSet):
    """Households whose master data the caller may see (in a case or help request they may see), with
    their current members and address. Every read is logged (NEN 7513). A household new to the
    municipality is registered together with its help request (that makes it visible to the team)."""

    queryset = Household.objects.none()
    serializer_class = HouseholdSerializer

    def visible(self) -> Any:
        return selectors.household_list_for_user(user=self.user, query=self.request.query_params.get("q", "")[:100])

    def log_page(self, rows: list[Household]) -> None:
        searched = bool(self.request.query_params.get("q"))
        selectors.households_log_listed(user=self.user, households=rows, request=self.request, searched=searched)

    def object_for_user(self, pk: int) -> Household:
        return selectors.household_detail_for_user(user=self.user, household_id=pk, request=self.request)

    def create(self, request: Request) -> Response:
        require_capability(self.user, "register_intake")
        data = self.parse(HouseholdCreateSerializer)
        address = data["address"]
        request_data = dict(data["help_request"])
        team = request_data.pop("team")
        request_data["life_domain_codes"] = [d.code for d in request_data.pop("life_domains")]
        help_request = services.household_intake_register(
            team=team,
            name=data["name"],
            address={
                "postcode": address["postcode"],
                "house_number": address["house_number"],
                "street": address["street"],
                "city": address["city"],
                "neighbourhood": address["neighbourhood"],
            },
            members=[dict(member) for member in data["members"]],
            request=request_data,
            actor=self.user,
        )
        household = Household.objects.with_members().get(pk=help_request.household_id)
        household.created_help_request = help_request  # type: ignore[attr-defined]
        return self.answer(household, status.HTTP_201_CREATED, serializer=HouseholdCreatedSerializer)

    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        household = self.get_object()
        if not selectors.household_may_rectify(user=self.user, household=household):
            raise PermissionDenied(_("You can correct the details of households you are working with only."))
        data = self.parse(HouseholdRectifySerializer)
        household_services.household_update(household=household, name=data["name"], actor=self.user)
        return self.answer(Household.objects.with_members().get(pk=household.pk))
