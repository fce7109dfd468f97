"""Menu items of the worker's case pages (registered in CasesConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkteam.core.navigation import register_nav_item


def register() -> None:
    register_nav_item(
        key="cases",
        label=_("Cases"),
        url_name="cases:case_list",
        app_name="cases",
        capabilities=["view_case_content"],
        order=200,
    )
    register_nav_item(
        key="resident_rights",
        label=_("Rights of residents"),
        url_name="cases:resident_rights",
        app_name="cases",
        capabilities=["view_access_log"],
        order=850,
        current_for=["cases:resident_rights", "cases:person_rights", "cases:subject_access_export"],
    )
    register_nav_item(
        key="pseudonymised_records",
        label=_("Pseudonymised records"),
        url_name="cases:pseudonymised_records",
        app_name="cases",
        capabilities=["view_pseudonymised"],
        order=860,
        current_for=["cases:pseudonymised_records"],
    )
    register_nav_item(
        key="retention",
        label=_("Retention"),
        url_name="cases:retention_home",
        app_name="cases",
        capabilities=["manage_retention"],
        order=710,
        current_for=["cases:retention_home", "cases:destruction_list_detail"],
    )
