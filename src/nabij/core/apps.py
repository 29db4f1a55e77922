from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "nabij.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self):
        from nabij.core import checks  # noqa: F401  (registers the deploy checks)
