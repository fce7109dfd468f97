from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from wijkteam.core.navigation import nav_items_for


def site(request: HttpRequest) -> dict[str, Any]:
    """The main menu for the current user."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": nav_items_for(getattr(user, "can", lambda capability: False))}
