from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "nabij.intake"
    label = "intake"
    verbose_name = _("Aanmeldingen")

    def ready(self) -> None:
        from nabij.cases.worklist import register_provider
        from nabij.intake.worklist import consent_missing_items

        register_provider("intake.consent_missing", consent_missing_items)
