"""Privacy records: destruction requests (AVG art. 17) and the anonymous statistics that
outlive removed cases. Emergency accesses live in `cases` (EmergencyAccess), the audit
log in `audit`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from nabij.audit.querysets import AuditedQuerySet
from nabij.core.models import TimeStampedModel


class DestructionRequest(TimeStampedModel):
    """A resident's written request to destroy their file.

    Carried out within the term (NABIJ_DESTRUCTION_TERM_MONTHS, default 3 months) unless an
    exception is recorded (e.g. a legal duty to keep, or the request concerns someone
    else's interest). After carrying out, only the request itself stays, without the
    resident's name: `resident` becomes empty and `resident_ref` keeps the former id.
    """

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Geregistreerd")
        EXCEPTION = "exception", _("Uitzondering vastgelegd")
        CARRIED_OUT = "carried_out", _("Uitgevoerd")

    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("inwoner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="destruction_requests",
    )
    resident_ref = models.BigIntegerField(_("inwoner-id"))
    received_on = models.DateField(_("verzoek ontvangen op"))
    due_on = models.DateField(_("uiterlijk uitvoeren op"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED)
    note = models.TextField(_("toelichting"), blank=True, help_text=_("Geen medische of andere bijzondere gegevens."))
    exception_reason = models.TextField(_("reden uitzondering"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("geregistreerd door"), on_delete=models.PROTECT, related_name="+"
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    cases_removed = models.PositiveIntegerField(_("casussen verwijderd"), default=0)

    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("vernietigingsverzoek")
        verbose_name_plural = _("vernietigingsverzoeken")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"], name="destruction_status_due")]

    def __str__(self) -> str:
        return f"{_('Vernietigingsverzoek')} {self.pk}"


class AnonymisedCaseRecord(models.Model):
    """What stays of a removed case for statistics: no resident, no address, no text.

    Written by the retention job and by carrying out a destruction request, just before
    the case is removed, so management figures over past years stay complete.
    """

    class Reason(models.TextChoices):
        RETENTION = "retention", _("Bewaartermijn verstreken")
        DESTRUCTION = "destruction", _("Vernietigingsverzoek")

    team_id = models.BigIntegerField(_("team"), null=True)
    area_id = models.BigIntegerField(_("buurt"), null=True)
    opened_month = models.DateField(_("geopend (maand)"))
    closed_month = models.DateField(_("gesloten (maand)"), null=True)
    last_phase = models.CharField(_("laatste fase"), max_length=20)
    household_size = models.PositiveSmallIntegerField(_("grootte huishouden"), default=1)
    had_agreed_plan = models.BooleanField(_("plan vastgesteld"), null=True)
    removed_at = models.DateTimeField(_("verwijderd op"), auto_now_add=True)
    reason = models.CharField(_("reden"), max_length=20, choices=Reason.choices)

    class Meta:
        verbose_name = _("geanonimiseerde casus")
        verbose_name_plural = _("geanonimiseerde casussen")

    def __str__(self) -> str:
        return f"{self.opened_month:%Y-%m} ({self.get_reason_display()})"
