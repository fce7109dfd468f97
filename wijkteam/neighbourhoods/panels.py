from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wijkteam.core.home import register_panel
from wijkteam.core.navigation import register_nav_item
from wijkteam.neighbourhoods import selectors
from wijkteam.neighbourhoods.models import RegionLevel

# Municipalities whose districts have both of these in some CBS edition get a district analysis with
# the full set of expected-demand inputs except income (the snapshot: Utrecht).
FULL_DISTRICT_FIGURES = ("households_single_person", "persons_social_assistance_bijstand")


def register() -> None:
    # CBS regions are open data: every logged-in user may browse them.
    register_panel(
        key="regions", template="neighbourhoods/panels/regions.html", order=800, context=district_analysis_panel
    )
    register_nav_item(
        key="regions", label=_("Regions"), url_name="neighbourhoods:region_list", app_name="neighbourhoods", order=800
    )


def district_analysis_panel(request: HttpRequest) -> dict[str, Any]:
    """The home municipality's district analysis and those with household and benefit figures per district."""
    own = selectors.region_list(level=RegionLevel.MUNICIPALITY).filter(code=settings.WIJKTEAM_MUNICIPALITY).first()
    complete = selectors.municipalities_with_district_figures(keys=FULL_DISTRICT_FIGURES)
    return {"own_municipality": own, "complete_municipalities": [m for m in complete if m != own]}
