from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "nabij.audit"
    label = "audit"
    verbose_name = _("Auditlog")

    def ready(self):
        from nabij.audit import signals  # noqa: F401  (login, logout, failed login)
