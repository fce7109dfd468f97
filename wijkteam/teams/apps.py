from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "wijkteam.teams"
    label = "teams"
    verbose_name = _("Teams")

    def ready(self) -> None:
        from wijkteam.teams import panels

        panels.register()
