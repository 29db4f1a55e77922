from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    name = "nabij.consent"
    label = "consent"
    verbose_name = _("Toestemming")

    def ready(self):
        from nabij.cases.tabs import CaseTab, register_tab

        register_tab(CaseTab(slug="toestemming", label=_("Toestemming"), url_name="consent:case_tab", order=50))
