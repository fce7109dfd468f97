from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeighbourhoodsConfig(AppConfig):
    name = "wijkteam.neighbourhoods"
    label = "neighbourhoods"
    verbose_name = _("Neighbourhoods")

    def ready(self) -> None:
        from wijkteam.neighbourhoods import panels

        panels.register()
