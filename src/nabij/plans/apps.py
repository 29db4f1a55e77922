from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "nabij.plans"
    label = "plans"
    verbose_name = _("Perspectiefplannen")

    def ready(self):
        from nabij.cases.tabs import CaseTab, register_tab
        from nabij.cases.worklist import register_provider
        from nabij.plans import worklist

        register_tab(CaseTab(slug="plan", label=_("Plan"), url_name="plans:case_plan", order=30))
        register_provider("plans.evaluations", worklist.evaluations_due)
        register_provider("plans.watch_checkins", worklist.watch_checkins_due)
