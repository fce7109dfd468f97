from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "wijkteam.planning"
    label = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from wijkteam.neighbourhoods.profile import register_profile_section
        from wijkteam.planning import selectors

        # Open data aggregated per area: the section is on every region profile, for every logged-in user.
        register_profile_section(
            key="expected_demand",
            template="planning/profile_expected_demand.html",
            context=selectors.expected_demand_section,
            order=50,
        )
