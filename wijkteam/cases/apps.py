from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "wijkteam.cases"
    label = "cases"
    verbose_name = _("Case files")

    def ready(self) -> None:
        from wijkteam.cases import (
            navigation_case,
            panels,
            sections_audit,
            sections_sharing,
            timeline_sources,
            workload_sources,
        )

        timeline_sources.register()
        workload_sources.register()
        navigation_case.register()
        panels.register()
        sections_sharing.register()
        sections_audit.register()
