from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "wijkteam.assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from wijkteam.assessments import audit_targets, case_sections, navigation, timeline_sources

        case_sections.register()
        timeline_sources.register()
        navigation.register()
        audit_targets.register()
