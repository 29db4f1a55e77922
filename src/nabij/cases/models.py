"""The case (casus, dossier): a household's support by one team, with one contact person.

The phases follow the practice model (../shared/domain.md). `CaseEvent` is the timeline:
higher apps (intake, plans, consent) record their events through `cases.services`, so this
app never imports them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nabij.accounts.models import Team
from nabij.core.models import TimeStampedModel, VersionedModel
from nabij.residents.models import Household, Resident


class Phase(models.TextChoices):
    REGISTRATION = "aanmelding", _("Aanmelding")
    CLARIFICATION = "vraagverheldering", _("Vraagverheldering")
    PLANNING = "planning", _("Planning")
    EXECUTION = "uitvoering", _("Uitvoering")
    CLOSURE = "afronding", _("Afronding")
    WATCH = "waakvlam", _("Waakvlam")
    CLOSED = "gesloten", _("Gesloten")


class Case(VersionedModel):
    household = models.ForeignKey(
        Household, verbose_name=_("huishouden"), on_delete=models.PROTECT, related_name="cases"
    )
    primary_resident = models.ForeignKey(
        Resident, verbose_name=_("hoofdpersoon"), on_delete=models.PROTECT, related_name="primary_cases"
    )
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="cases")
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contactpersoon"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contact_cases",
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, default=Phase.REGISTRATION)
    opened_at = models.DateTimeField(_("geopend op"))
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        constraints = [
            # One active case per household.
            models.UniqueConstraint(
                fields=["household"], condition=Q(closed_at__isnull=True), name="case_one_active_per_household"
            )
        ]
        indexes = [
            models.Index(fields=["contact_person", "phase"], name="case_contact_phase"),
            models.Index(fields=["team", "phase"], name="case_team_phase"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class CaseEvent(TimeStampedModel):
    """One line on the case timeline. `summary` is worker-facing text kept in the dossier."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Aanmelding")
        TRIAGE = "triage", _("Triage en kernbesluit")
        CONTACT = "contact", _("Contactmoment")
        PHASE = "phase", _("Faseovergang")
        PLAN = "plan", _("Plan")
        LETTER = "letter", _("Brief")
        CONSENT = "consent", _("Toestemming")
        NOTE = "note", _("Overig")

    case = models.ForeignKey(Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("tijdstip"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.CharField(_("samenvatting"), max_length=300)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("tijdlijngebeurtenis")
        verbose_name_plural = _("tijdlijngebeurtenissen")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["case", "-occurred_at"], name="caseevent_case_time")]

    def __str__(self) -> str:
        return self.summary


class EmergencyAccess(TimeStampedModel):
    """Doorbreken van de autorisatie: a worker outside the team opens a case with a reason.

    Time-limited, audited, and on the privacy officer's review list until reviewed.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("medewerker"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="emergency_accesses")
    reason = models.TextField(_("reden"))
    expires_at = models.DateTimeField(_("geldig tot"))
    reviewed_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_note = models.TextField(_("oordeel"), blank=True)

    class Meta:
        verbose_name = _("noodtoegang")
        verbose_name_plural = _("noodtoegangen")
        indexes = [
            models.Index(fields=["user", "expires_at"], name="emergency_user_expiry"),
            models.Index(fields=["reviewed_at"], name="emergency_review"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.case}"
