"""Menu items, home panels and the district-profile section of the teams app."""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wijkteam.access.models import User
from wijkteam.core.home import register_panel
from wijkteam.core.navigation import register_nav_item
from wijkteam.neighbourhoods.profile import register_profile_section
from wijkteam.teams import selectors
from wijkteam.teams.models import Membership, Organisation, Team


def my_team_context(request: HttpRequest) -> dict[str, Any]:
    """For a team lead: per led team, how many members are above the norm and how full the team is."""
    led = selectors.team_ids_led_by(user=cast(User, request.user))
    teams = list(Team.objects.filter(pk__in=led).order_by("name"))
    totals = selectors.teams_totals(teams=teams)
    return {"led_teams": [{"team": team, "totals": totals[team.pk]} for team in teams]}


def setup_context(request: HttpRequest) -> dict[str, Any]:
    return {
        "team_count": Team.objects.active().count(),
        "organisation_count": Organisation.objects.filter(is_active=True).count(),
        "member_count": Membership.objects.active().values("user_id").distinct().count(),
    }


def initiatives_section_context(region: Any, request: HttpRequest) -> dict[str, Any]:
    """The social map of a district (or of all districts of a municipality) on the district profile."""
    query = {"district": region.code} if region.level == "district" else {}
    map_url = reverse("teams:social_map:initiative_list") + (f"?{urlencode(query)}" if query else "")
    add_url = reverse("teams:social_map:initiative_create") + (f"?{urlencode(query)}" if query else "")
    user = getattr(request, "user", None)
    can_add = bool(user is not None and user.is_authenticated and selectors.can_keep_social_map(user=user))
    return {
        "region": region,
        "initiatives": selectors.district_initiatives(region=region),
        "show_district": region.level == "municipality",
        "map_url": map_url,
        "add_url": add_url,
        "can_add": can_add,
    }


def register() -> None:
    register_nav_item(
        key="teams",
        label=_("Teams"),
        url_name="teams:team_list",
        app_name="teams",
        capabilities=["manage_teams", "lead_team", "view_aggregates"],
        order=300,
    )
    register_nav_item(
        key="social_map",
        label=_("Social map"),
        url_name="teams:social_map:initiative_list",
        app_name="teams:social_map",
        order=310,
    )
    register_panel(
        key="my_team",
        template="teams/panels/my_team.html",
        capabilities=["lead_team"],
        order=200,
        context=my_team_context,
    )
    register_panel(
        key="team_setup",
        template="teams/panels/setup.html",
        capabilities=["manage_teams"],
        order=210,
        context=setup_context,
    )
    register_profile_section(
        key="initiatives",
        template="teams/profile/initiatives.html",
        context=initiatives_section_context,
        order=500,
    )
