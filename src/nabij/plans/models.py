"""The perspectiefplan and what surrounds it: ZRM assessments, plan versions with goals and
actions, evaluations, closure and the watch (waakvlam).

Life domains, instruments and closure reasons are data a functional admin edits, not code.
Everything later reports need (the support layer of each action, goal outcomes, ZRM scores,
closure reasons) is a real column.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nabij.cases.models import Case
from nabij.core.models import TimeStampedModel, VersionedModel

# --- ZRM as configurable data ------------------------------------------------------------


class Instrument(TimeStampedModel):
    """An assessment instrument, e.g. the self-reliance matrix (ZRM) 2017 edition."""

    name = models.CharField(_("naam"), max_length=100)
    version = models.CharField(_("versie"), max_length=30)
    scale_min = models.PositiveSmallIntegerField(_("laagste score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("hoogste score"), default=5)
    is_default = models.BooleanField(_("standaard"), default=False, help_text=_("Voor nieuwe scores."))
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instrumenten")
        ordering = ["name", "version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="instrument_name_version"),
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="instrument_one_default"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"


class LifeDomain(TimeStampedModel):
    """A life domain (leefgebied) of an instrument, with the worker's and the resident's label."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="domains"
    )
    code = models.SlugField(_("code"), max_length=40)
    label = models.CharField(_("naam (medewerker)"), max_length=100)
    resident_label = models.CharField(_("naam (inwoner)"), max_length=100)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("leefgebied")
        verbose_name_plural = _("leefgebieden")
        ordering = ["instrument", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["instrument", "code"], name="lifedomain_instrument_code")]

    def __str__(self) -> str:
        return self.label


class Assessment(TimeStampedModel):
    """A ZRM scoring of the household's main resident at one moment."""

    class Moment(models.TextChoices):
        START = "start", _("Start")
        EVALUATION = "evaluation", _("Evaluatie")
        CLOSURE = "closure", _("Afsluiting")

    case = models.ForeignKey(Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="assessments")
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="assessments"
    )
    moment = models.CharField(_("moment"), max_length=12, choices=Moment.choices)
    assessed_on = models.DateField(_("datum"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("ZRM-score")
        verbose_name_plural = _("ZRM-scores")
        ordering = ["assessed_on", "id"]
        indexes = [models.Index(fields=["case", "assessed_on"], name="assessment_case_date")]

    def __str__(self) -> str:
        return f"{self.get_moment_display()} {self.assessed_on:%d-%m-%Y}"


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    domain = models.ForeignKey(LifeDomain, verbose_name=_("leefgebied"), on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))  # within the instrument's scale (services check)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("score per leefgebied")
        verbose_name_plural = _("scores per leefgebied")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="score_assessment_domain"),
            models.CheckConstraint(condition=Q(score__gte=1) & Q(score__lte=10), name="score_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.domain_id}: {self.score}"


# --- The plan ----------------------------------------------------------------------------


class SupportPlan(VersionedModel):
    """One household, one plan: the perspectiefplan of a case. Its content lives in versions."""

    case = models.OneToOneField(Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="plan")
    evaluation_interval_weeks = models.PositiveSmallIntegerField(
        _("evalueren elke (weken)"), default=12, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    next_evaluation_on = models.DateField(_("volgende evaluatie"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opgesteld door"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("perspectiefplan")
        verbose_name_plural = _("perspectiefplannen")
        indexes = [models.Index(fields=["next_evaluation_on"], name="plan_next_evaluation")]

    def __str__(self) -> str:
        return f"{_('Plan')} {self.case.reference}"


class PlanVersion(TimeStampedModel):
    """A version of the plan. Draft versions are edited in place; an agreed version is never
    changed: the first change after agreement starts a new draft version with a reason."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        AGREED = "agreed", _("Akkoord")
        SUPERSEDED = "superseded", _("Vervangen")

    class AgreementMethod(models.TextChoices):
        SIGNED_SCREEN = "signed_screen", _("Getekend op het scherm")
        SIGNED_PAPER = "signed_paper", _("Getekend op papier")
        EMAIL = "email", _("Per e-mail")
        ORAL = "oral", _("Mondeling (met notitie)")

    plan = models.ForeignKey(SupportPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    reason = models.TextField(_("reden van wijziging"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemaakt door"), on_delete=models.PROTECT, related_name="+"
    )
    agreed_on = models.DateField(_("akkoord op"), null=True, blank=True)
    agreement_method = models.CharField(_("hoe akkoord"), max_length=16, choices=AgreementMethod.choices, blank=True)
    agreed_by = models.CharField(_("akkoord van"), max_length=200, blank=True)
    agreement_note = models.TextField(_("notitie bij akkoord"), blank=True)
    agreement_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akkoord vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("planversie")
        verbose_name_plural = _("planversies")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="planversion_plan_number"),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(status="draft"), name="planversion_one_draft_per_plan"
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.number} ({self.get_status_display()})"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class Goal(models.Model):
    """A goal in a life domain, in the resident's own words. `lineage` stays the same across
    versions, so two versions can be compared goal by goal."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="goals")
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)
    domain = models.ForeignKey(LifeDomain, verbose_name=_("leefgebied"), on_delete=models.PROTECT, related_name="+")
    wording = models.TextField(_("doel in de woorden van de inwoner"))
    at_stake = models.TextField(_("wat er op het spel staat"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["version", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "lineage"], name="goal_version_lineage")]

    def __str__(self) -> str:
        return self.wording[:60]


class SupportLayer(models.IntegerChoices):
    """The practice model's order of preference: as light as possible."""

    RESIDENT = 1, _("1. Inwoner zelf")
    FAMILY = 2, _("2. Familie of mantelzorg")
    AIDS = 3, _("3. Hulpmiddelen")
    NETWORK = 4, _("4. Netwerk, buurt, vrijwilligers, algemene voorzieningen")
    PROFESSIONAL = 5, _("5. Professionals")


class Action(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Gepland")
        IN_PROGRESS = "in_progress", _("Bezig")
        DONE = "done", _("Gedaan")
        CANCELLED = "cancelled", _("Vervallen")

    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    goal = models.ForeignKey(Goal, verbose_name=_("doel"), on_delete=models.CASCADE, related_name="actions")
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)
    description = models.TextField(_("wat gebeurt er"))
    layer = models.PositiveSmallIntegerField(_("wie (laag)"), choices=SupportLayer.choices)
    performer = models.CharField(
        _("wie precies"),
        max_length=200,
        help_text=_("De persoon, vrijwilliger, voorziening of organisatie die het doet."),
    )
    due_on = models.DateField(_("klaar op"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["goal", "layer", "id"]
        indexes = [models.Index(fields=["layer"], name="action_layer")]
        constraints = [models.CheckConstraint(condition=Q(layer__gte=1) & Q(layer__lte=5), name="action_layer_1_to_5")]

    def __str__(self) -> str:
        return self.description[:60]


# --- Evaluation --------------------------------------------------------------------------


class Evaluation(TimeStampedModel):
    plan = models.ForeignKey(SupportPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="evaluations")
    version = models.ForeignKey(
        PlanVersion, verbose_name=_("geëvalueerde versie"), on_delete=models.PROTECT, related_name="evaluations"
    )
    held_on = models.DateField(_("datum"))
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    summary = models.TextField(_("samenvatting"), blank=True)
    discussed_in_team = models.BooleanField(_("besproken in het wijkteamoverleg"), default=False)
    team_meeting_on = models.DateField(_("datum overleg"), null=True, blank=True)
    assessment = models.OneToOneField(
        Assessment,
        verbose_name=_("ZRM-score"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evaluation",
    )
    new_version = models.ForeignKey(
        PlanVersion,
        verbose_name=_("nieuwe planversie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{_('Evaluatie')} {self.held_on:%d-%m-%Y}"


class GoalOutcome(models.TextChoices):
    ACHIEVED = "achieved", _("Bereikt")
    PARTLY = "partly", _("Deels bereikt")
    NOT_ACHIEVED = "not", _("Niet bereikt")


class GoalEvaluation(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="goal_results")
    goal = models.ForeignKey(Goal, verbose_name=_("doel"), on_delete=models.PROTECT, related_name="results")
    outcome = models.CharField(_("resultaat"), max_length=10, choices=GoalOutcome.choices)
    helped = models.TextField(_("wat hielp"), blank=True)
    hindered = models.TextField(_("wat hinderde"), blank=True)

    class Meta:
        verbose_name = _("doelevaluatie")
        verbose_name_plural = _("doelevaluaties")
        constraints = [models.UniqueConstraint(fields=["evaluation", "goal"], name="goalevaluation_unique")]
        indexes = [models.Index(fields=["outcome"], name="goalevaluation_outcome")]

    def __str__(self) -> str:
        return self.get_outcome_display()


# --- Closure and watch -------------------------------------------------------------------


class ClosureReason(TimeStampedModel):
    """Why a case ends; a list the functional admin edits."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("naam"), max_length=120)
    requires_referral = models.BooleanField(
        _("vraagt naar wie is doorverwezen"), default=False, help_text=_("Bijvoorbeeld: doorverwezen.")
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("reden van afsluiten")
        verbose_name_plural = _("redenen van afsluiten")
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class Satisfaction(models.IntegerChoices):
    """A five-point agreement scale for the short satisfaction questions."""

    STRONGLY_DISAGREE = 1, _("Helemaal niet mee eens")
    DISAGREE = 2, _("Niet mee eens")
    NEUTRAL = 3, _("Niet mee eens, niet mee oneens")
    AGREE = 4, _("Mee eens")
    STRONGLY_AGREE = 5, _("Helemaal mee eens")


class Closure(TimeStampedModel):
    """The end of a case: reason, final evaluation, satisfaction, agreements on scaling down
    and aftercare. A reopened case keeps its closure row (with the reopening's reason)."""

    case = models.ForeignKey(Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="closures")
    reason = models.ForeignKey(
        ClosureReason, verbose_name=_("reden"), on_delete=models.PROTECT, related_name="closures"
    )
    referred_to = models.CharField(_("doorverwezen naar"), max_length=200, blank=True)
    closed_on = models.DateField(_("datum afsluiten"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    what_was_done = models.TextField(_("wat is er echt gedaan"))
    what_helped = models.TextField(_("wat hielp"), blank=True)
    scaling_down = models.TextField(_("afspraken over afschalen van betrokkenen"), blank=True)
    aftercare = models.TextField(_("afspraken over nazorg"), blank=True)
    satisfaction_listened = models.PositiveSmallIntegerField(
        _("Ik voelde me gehoord"), choices=Satisfaction.choices, null=True, blank=True
    )
    satisfaction_own_say = models.PositiveSmallIntegerField(
        _("Ik had zelf de regie over mijn plan"), choices=Satisfaction.choices, null=True, blank=True
    )
    satisfaction_helped = models.PositiveSmallIntegerField(
        _("De hulp heeft mij verder geholpen"), choices=Satisfaction.choices, null=True, blank=True
    )
    satisfaction_grade = models.PositiveSmallIntegerField(
        _("Rapportcijfer (1 tot 10)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    satisfaction_comment = models.TextField(_("opmerking van de inwoner"), blank=True)
    referrer_name = models.CharField(_("naam verwijzer"), max_length=200, blank=True)
    referrer_organisation = models.CharField(_("organisatie verwijzer"), max_length=200, blank=True)
    assessment = models.OneToOneField(
        Assessment,
        verbose_name=_("ZRM-score bij afsluiten"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="closure",
    )
    reopened_at = models.DateTimeField(_("heropend op"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("heropend door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reopen_reason = models.TextField(_("reden heropenen"), blank=True)

    class Meta:
        verbose_name = _("afsluiting")
        verbose_name_plural = _("afsluitingen")
        ordering = ["-closed_on", "-id"]
        indexes = [models.Index(fields=["reason", "closed_on"], name="closure_reason_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction_grade__isnull=True) | Q(satisfaction_grade__gte=1, satisfaction_grade__lte=10),
                name="closure_grade_1_to_10",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reason} {self.closed_on:%d-%m-%Y}"


class Watch(TimeStampedModel):
    """Waakvlam: light contact at agreed moments after closure, as short as possible."""

    closure = models.OneToOneField(
        Closure, verbose_name=_("afsluiting"), on_delete=models.CASCADE, related_name="watch"
    )
    case = models.ForeignKey(Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="watches")
    agreements = models.TextField(_("afspraken"), blank=True)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("waakvlam")
        verbose_name_plural = _("waakvlammen")

    def __str__(self) -> str:
        return f"{_('Waakvlam')} {self.case_id}"

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class WatchCheckIn(TimeStampedModel):
    class Outcome(models.TextChoices):
        CONTINUE = "continue", _("Waakvlam loopt door")
        CLOSE_WATCH = "close_watch", _("Waakvlam beëindigen")
        REOPEN_CASE = "reopen_case", _("Casus heropenen")

    watch = models.ForeignKey(Watch, on_delete=models.CASCADE, related_name="checkins")
    planned_on = models.DateField(_("gepland op"))
    done_on = models.DateField(_("gedaan op"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("notitie"), blank=True)
    outcome = models.CharField(_("uitkomst"), max_length=12, choices=Outcome.choices, blank=True)

    class Meta:
        verbose_name = _("waakvlamcontact")
        verbose_name_plural = _("waakvlamcontacten")
        ordering = ["planned_on", "id"]
        indexes = [models.Index(fields=["done_on", "planned_on"], name="checkin_due")]

    def __str__(self) -> str:
        return f"{self.planned_on:%d-%m-%Y}"
