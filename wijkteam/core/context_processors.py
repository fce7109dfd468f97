from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from wijkteam.core.navigation import nav_current, nav_items_for


def site(request: HttpRequest) -> dict[str, Any]:
    """The main menu for the current user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_current": None}
    items = nav_items_for(getattr(user, "can", lambda capability: False))
    match = getattr(request, "resolver_match", None)
    current = nav_current(items, view_name=match.view_name, app_name=match.app_name) if match else None
    return {"nav_items": items, "nav_current": current}
