from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResidentsConfig(AppConfig):
    name = "nabij.residents"
    label = "residents"
    verbose_name = _("Inwoners")

    def ready(self) -> None:
        from nabij.residents import signals  # noqa: F401  (connects the surname vocabulary)
