import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "nabij.documents"
    label = "documents"
    verbose_name = _("Brieven en documenten")

    def ready(self):
        # WeasyPrint and fontTools log every rendering step at INFO; keep warnings only.
        for name in ("weasyprint", "fontTools"):
            logging.getLogger(name).setLevel(logging.WARNING)
