from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "wijkteam.planning"
    label = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from wijkteam.core.home import register_panel
        from wijkteam.core.navigation import register_nav_item
        from wijkteam.neighbourhoods.profile import register_profile_section
        from wijkteam.planning import selectors

        # Open data aggregated per area: the section is on every region profile, for every logged-in user.
        register_profile_section(
            key="expected_demand",
            template="planning/profile_expected_demand.html",
            context=selectors.expected_demand_section,
            order=50,
        )
        # Registered help requests, protected: on a municipality's profile, for view_aggregates only.
        register_profile_section(
            key="observed_demand",
            template="planning/profile_observed_demand.html",
            context=selectors.observed_section,
            order=55,
        )
        register_nav_item(
            key="planning",
            label=_("Demand and capacity"),
            url_name="planning:index",
            app_name="planning",
            capabilities=["manage_teams", "lead_team", "view_aggregates"],
            order=320,
        )
        # Policy advisors and analysts: where the municipality's demand and the teams' advice are.
        register_panel(
            key="planning_demand",
            template="planning/panels/demand.html",
            capabilities=["view_aggregates"],
            order=300,
            context=selectors.demand_panel_context,
        )
