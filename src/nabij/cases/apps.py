from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "nabij.cases"
    label = "cases"
    verbose_name = _("Casussen")

    def ready(self) -> None:
        from nabij.cases import tabs, worklist

        worklist.register_builtin_providers()
        tabs.register_builtin_tabs()
