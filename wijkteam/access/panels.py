"""Home-page panels of the access app: who am I, my roles, my account."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkteam.core.home import register_panel
from wijkteam.core.navigation import register_nav_item


def register() -> None:
    register_panel(key="account", template="access/panels/account.html", order=900)
    register_panel(
        key="privacy",
        template="access/panels/privacy.html",
        capabilities=["view_access_log"],
        order=10,
        context=_privacy_context,
    )
    register_nav_item(
        key="privacy",
        label=_("Privacy"),
        url_name="access:privacy_home",
        app_name="access",
        capabilities=["view_access_log"],
        order=700,
    )


def _privacy_context(request):  # type: ignore[no-untyped-def]
    from wijkteam.access.emergency import emergency_grants_to_review

    return {"grants_to_review": emergency_grants_to_review().count()}
