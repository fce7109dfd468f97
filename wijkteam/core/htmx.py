"""Small helpers for htmx requests."""

from __future__ import annotations

from django.http import HttpRequest


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx made this request (and expects a partial)."""
    return request.headers.get("HX-Request") == "true"
