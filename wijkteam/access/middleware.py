"""Fail closed: every page needs a logged-in user unless its view is explicitly marked public."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.middleware import (
    LoginRequiredMiddleware as DjangoLoginRequiredMiddleware,
)
from django.http import HttpRequest, HttpResponseBase


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Django's login-required middleware, except for the REST API.

    API views authenticate with tokens inside DRF, whose default permission (IsAuthenticated) keeps
    them closed; a redirect to the login page would be the wrong answer there.
    """

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if request.path.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
