"""Consent records (toestemming): whose, for what, in what form, valid until, withdrawn when.

The Wmo is the legal ground for most processing; consent is recorded for the flows that need
it (opening a dossier in this team's practice, exchange with a named party, sharing the plan).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nabij.accounts.models import Team
from nabij.audit.querysets import AuditedQuerySet
from nabij.core.models import TimeStampedModel
from nabij.residents.models import Resident


class ConsentQuerySet(AuditedQuerySet):
    def active(self, on=None):
        """Consents in force on date `on` (today): given, not withdrawn, not past valid_until."""
        on = on or timezone.localdate()
        return self.filter(withdrawn_at__isnull=True, given_at__lte=on).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=on)
        )


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
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingetrokken vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawal_note = models.TextField(_("toelichting intrekking"), blank=True)
    expired_at = models.DateTimeField(
        _("verlopen verwerkt op"),
        null=True,
        blank=True,
        help_text=_("Wanneer de dagelijkse taak het verlopen van deze toestemming heeft vastgelegd."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        indexes = [
            models.Index(fields=["resident", "purpose"], name="consent_resident_purpose"),
            models.Index(fields=["valid_until"], name="consent_valid_until"),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.get_form_display()})"

    class Status(models.TextChoices):
        ACTIVE = "active", _("Geldig")
        EXPIRED = "expired", _("Verlopen")
        WITHDRAWN = "withdrawn", _("Ingetrokken")
        PENDING = "pending", _("Nog niet ingegaan")

    def status(self, on=None) -> str:
        on = on or timezone.localdate()
        if self.withdrawn_at is not None:
            return self.Status.WITHDRAWN
        if self.valid_until is not None and self.valid_until < on:
            return self.Status.EXPIRED
        if self.given_at > on:
            return self.Status.PENDING
        return self.Status.ACTIVE

    @property
    def status_label(self) -> str:
        return self.Status(self.status()).label

    @property
    def is_active(self) -> bool:
        return self.status() == self.Status.ACTIVE


class Ground(models.TextChoices):
    """The legal ground of an exchange of information with a party (AVG art. 6/9)."""

    CONSENT = "consent", _("Toestemming van de inwoner")
    LEGAL_TASK = "legal_task", _("Wettelijke taak (Wmo 2015)")
    VITAL_INTEREST = "vital_interest", _("Vitaal belang / Meldcode")


class InformationExchange(TimeStampedModel):
    """One exchange of a resident's information with an involved party, and its ground.

    Linked to the case by id and to the party by name (the case's involvement list is
    matched on the party name; see consent.selectors.ground_status_for_parties). Without
    a ground no exchange about a resident is recorded: the worker can only hold an
    anonymous general consultation (AnonymousConsultation).
    """

    class Direction(models.TextChoices):
        OUTGOING = "outgoing", _("Verstrekt aan de partij")
        INCOMING = "incoming", _("Ontvangen van de partij")
        BOTH = "both", _("Wederzijds")

    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("casus"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="information_exchanges",
    )
    resident = models.ForeignKey(
        Resident, verbose_name=_("inwoner"), on_delete=models.CASCADE, related_name="information_exchanges"
    )
    party = models.CharField(_("partij"), max_length=200, help_text=_("Organisatie of hulpverlener."))
    purpose = models.CharField(_("doel"), max_length=300, help_text=_("Waarvoor wordt informatie gedeeld?"))
    direction = models.CharField(_("richting"), max_length=10, choices=Direction.choices, default=Direction.OUTGOING)
    ground = models.CharField(_("grondslag"), max_length=20, choices=Ground.choices)
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("toestemming"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,  # a consent an exchange rests on is withdrawn, not deleted
        related_name="exchanges",
    )
    reason = models.TextField(
        _("onderbouwing"), blank=True, help_text=_("Verplicht als de grondslag geen toestemming is.")
    )
    exchanged_on = models.DateField(_("datum"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )

    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("informatie-uitwisseling")
        verbose_name_plural = _("informatie-uitwisselingen")
        ordering = ["-exchanged_on", "-id"]
        indexes = [models.Index(fields=["case", "party"], name="exchange_case_party")]

    def __str__(self) -> str:
        return f"{self.party} ({self.get_ground_display()})"


class AnonymousConsultation(TimeStampedModel):
    """An anonymous general consultation (anoniem algemeen consult) with a party.

    Used when there is no ground to exchange a resident's data: no resident, no case, and
    the topic must not identify anyone.
    """

    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="+")
    party = models.CharField(_("partij"), max_length=200)
    topic = models.TextField(
        _("onderwerp"), help_text=_("Zonder namen, adressen of andere gegevens waaraan iemand te herkennen is.")
    )
    consulted_on = models.DateField(_("datum"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )

    objects = AuditedQuerySet.as_manager()

    class Meta:
        verbose_name = _("anoniem consult")
        verbose_name_plural = _("anonieme consulten")
        ordering = ["-consulted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.party} ({self.consulted_on})"
