from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "wijkteam.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from wijkteam.monitoring import panels, sections

        sections.register_builtin_sections()
        panels.register()
