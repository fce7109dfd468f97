from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from wijkteam.core.home import register_panel
from wijkteam.core.navigation import register_nav_item


def register() -> None:
    # CBS regions are open data: every logged-in user may browse them.
    register_panel(key="regions", template="neighbourhoods/panels/regions.html", order=800)
    register_nav_item(
        key="regions", label=_("Regions"), url_name="neighbourhoods:region_list", app_name="neighbourhoods", order=800
    )
