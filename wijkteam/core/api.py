"""Conventions every REST endpoint follows: pagination shape, error shape."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class Pagination(PageNumberPagination):
    """Lists answer {count, next, previous, results}; `page_size` up to 1000."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 1000


class LargePagination(Pagination):
    """For reference lists such as CBS regions, where a client may want a whole municipality at once."""

    max_page_size = 5000


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn a Django ValidationError raised by a service into a 400 with field messages."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = serializers.ValidationError(detail)
    return drf_exception_handler(exc, context)
