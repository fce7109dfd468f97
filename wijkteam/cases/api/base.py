"""What every case-file endpoint shares: reads through the access-checked selectors (each logged),
capability checks for writes, 409 answers for stale versions, query parameters with clear messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from wijkteam.access.models import User
from wijkteam.households.models import Address


def region_model() -> type[Model]:
    """The CBS region model, reached through a households foreign key: `cases` may not import
    `neighbourhoods` (ARCHITECTURE.md), yet clients name districts and neighbourhoods by CBS code."""
    return cast("type[Model]", Address._meta.get_field("neighbourhood").related_model)


def require_capability(user: User, *capabilities: str) -> None:
    """403 unless one of the user's roles grants one of these capabilities (a kind of action, not an object)."""
    if not any(user.can(capability) for capability in capabilities):
        raise PermissionDenied(_("Your role does not allow this."))


def int_param(request: Request, name: str) -> int | None:
    """An optional whole-number query parameter; 400 with a clear message when it is not one."""
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 1:
        raise ValidationError({name: _("Give the number (id) of the object.")})
    return number


def choice_param(request: Request, name: str, choices: list[str]) -> str | None:
    value = request.query_params.get(name) or None
    if value is not None and value not in choices:
        raise ValidationError({name: _("Choose one of: %(choices)s.") % {"choices": ", ".join(choices)}})
    return value


def id_parameter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, int, description=description)


class ConflictSerializer(serializers.Serializer):
    """The answer to a save on a stale version: the message and the version someone else saved."""

    detail = serializers.CharField()
    current = serializers.DictField(help_text="The object as it is now, with its current version.")


class PersonalDataViewSet(viewsets.GenericViewSet):
    """A list and detail of person-level data, through the access-checked selectors.

    Subclasses give `visible()` (the rows the user may see, filtered by the query parameters),
    `log_page(rows)` (logs the persons of the page in one insert) and `object_for_user(pk)` (one row or
    404, logged as viewed; also used before every change, so opening an object to change it is logged).
    What the caller may not see answers 404, never 403.
    """

    @property
    def user(self) -> User:
        return self.request.user  # type: ignore[return-value]

    def visible(self) -> QuerySet:
        raise NotImplementedError

    def log_page(self, rows: list[Any]) -> None:
        raise NotImplementedError

    def object_for_user(self, pk: int) -> Any:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return cast(QuerySet, self.queryset).none()
        return self.visible()

    def get_object(self) -> Any:
        try:
            pk = int(self.kwargs["pk"])
        except ValueError as error:
            raise Http404 from error
        return self.object_for_user(pk)

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        rows = list(page) if page is not None else []
        self.log_page(rows)
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    def answer(self, obj: Any, code: int = status.HTTP_200_OK, serializer: type | None = None) -> Response:
        serializer_class = serializer or self.get_serializer_class()
        return Response(serializer_class(obj, context=self.get_serializer_context()).data, status=code)

    def conflict(self, message: str, current: Any, serializer: type | None = None) -> Response:
        serializer_class = serializer or self.get_serializer_class()
        data = serializer_class(current, context=self.get_serializer_context()).data
        return Response({"detail": message, "current": data}, status=status.HTTP_409_CONFLICT)

    def parse(self, serializer_class: type[serializers.Serializer], **kwargs: Any) -> dict[str, Any]:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


class VisibleRelatedField(serializers.PrimaryKeyRelatedField):
    """An id in a request body that must name an object the caller may see (or act on); anything else is
    answered as "does not exist", so a body cannot probe for hidden objects."""

    def __init__(self, visible: Callable[[User], QuerySet], **kwargs: Any) -> None:
        self.visible = visible
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet:
        request = self.context.get("request")
        if request is None or not request.user.is_authenticated:
            return cast(QuerySet, self.queryset).none()
        return self.visible(request.user)
