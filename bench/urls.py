"""Bench-only pages, mounted under /_bench/ by `config/urls.py` only when WIJKTEAM_BENCH=1.

- `minimal/`: the smallest view of the same server and middleware (a floor for every page).
- `unrestricted/…`: the same views as the real pages with the need-to-know filter replaced by TRUE, to
  measure what the access check costs (access-checked ÷ unrestricted). Never in a normal deployment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from unittest import mock

from django.db.models import BooleanField, Q, Value
from django.http import HttpRequest, HttpResponse
from django.urls import path

from wijkteam.cases import need_to_know, views_case
from wijkteam.cases.api import CaseViewSet

app_name = "bench"


def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def _true(*_args: Any, **_kwargs: Any) -> Q:
    return Q(Value(True, output_field=BooleanField()))


def unrestricted(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """`view` with the visibility filters replaced by TRUE for the duration of one request (gunicorn's
    sync workers serve one request at a time per process)."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with (
            mock.patch.object(need_to_know, "case_index_q", _true),
            mock.patch.object(need_to_know, "case_content_q", _true),
        ):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            return response

    return wrapped


urlpatterns = [
    path("minimal/", minimal, name="minimal"),
    path("unrestricted/casussen/", unrestricted(views_case.case_list), name="case_list"),
    path("unrestricted/casussen/<int:case_id>/", unrestricted(views_case.case_detail), name="case_detail"),
    path(
        "unrestricted/api/cases/",
        unrestricted(CaseViewSet.as_view({"get": "list"})),
        name="api_case_list",
    ),
]
