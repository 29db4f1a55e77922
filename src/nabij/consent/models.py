"""Consent records (toestemming): whose, for what, in what form, valid until, withdrawn when.

The Wmo is the legal ground for most processing; consent is recorded for the flows that need
it (opening a dossier in this team's practice, exchange with a named party, sharing the plan).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nabij.core.models import TimeStampedModel
from nabij.residents.models import Resident


class Consent(TimeStampedModel):
    class Purpose(models.TextChoices):
        OPEN_DOSSIER = "open_dossier", _("Dossier openen")
        EXCHANGE = "exchange", _("Informatie uitwisselen met een partij")
        SHARE_PLAN = "share_plan", _("Plan delen met netwerk")

    class Form(models.TextChoices):
        SIGNED = "signed", _("Ondertekend")
        EMAIL = "email", _("Per e-mail")
        ORAL = "oral", _("Mondeling (met notitie)")

    resident = models.ForeignKey(Resident, verbose_name=_("inwoner"), on_delete=models.CASCADE, related_name="consents")
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("casus"), null=True, blank=True, on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("waarvoor"), max_length=20, choices=Purpose.choices)
    party = models.CharField(_("met wie"), max_length=200, blank=True, help_text=_("Bij uitwisselen of delen."))
    form = models.CharField(_("vorm"), max_length=10, choices=Form.choices)
    note = models.TextField(_("notitie"), blank=True)
    given_at = models.DateField(_("gegeven op"))
    valid_until = models.DateField(_("geldig tot"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        indexes = [models.Index(fields=["resident", "purpose"], name="consent_resident_purpose")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.get_form_display()})"
