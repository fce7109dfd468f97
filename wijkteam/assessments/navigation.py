"""The assessments app's menu item (registered in AssessmentsConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkteam.core.navigation import register_nav_item


def register() -> None:
    register_nav_item(
        key="instruments",
        label=_("Instruments"),
        url_name="assessments:instrument_list",
        app_name="assessments",
        capabilities=["manage_reference_data", "lead_team"],
        order=320,
    )
