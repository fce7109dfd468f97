"""Menu item and home panel of monitoring (for everyone with `view_aggregates`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wijkteam.core.home import register_panel
from wijkteam.core.navigation import register_nav_item

CAPABILITIES = ["view_aggregates"]


def monitoring_panel_context(request: HttpRequest) -> dict[str, Any]:
    from wijkteam.monitoring import selectors

    return {"monitoring_period": selectors.default_period().code}


def register() -> None:
    register_nav_item(
        key="monitoring",
        label=_("Monitoring"),
        url_name="monitoring:dashboard",
        app_name="monitoring",
        capabilities=CAPABILITIES,
        order=400,
    )
    register_panel(
        key="monitoring",
        template="monitoring/panels/monitoring.html",
        capabilities=CAPABILITIES,
        order=300,
        context=monitoring_panel_context,
    )
