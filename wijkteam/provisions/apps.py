from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvisionsConfig(AppConfig):
    name = "wijkteam.provisions"
    label = "provisions"
    verbose_name = _("Stepped care and provisions")

    def ready(self) -> None:
        from wijkteam.provisions import audit_targets, registrations

        registrations.register()
        audit_targets.register()
