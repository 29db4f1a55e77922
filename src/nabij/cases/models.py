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


class Direction(models.TextChoices):
    """Casusregie: the resident directs in principle; the team only temporarily."""

    RESIDENT = "inwoner", _("Bij de inwoner")
    ORGANISATION = "organisatie", _("Bij een andere organisatie")
    TEAM = "team", _("Tijdelijk bij het team")


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
    first_contact_due = models.DateField(_("eerste contact uiterlijk"), null=True, blank=True)
    direction = models.CharField(_("casusregie"), max_length=20, choices=Direction.choices, default=Direction.RESIDENT)
    direction_organisation = models.CharField(
        _("regie bij organisatie"), max_length=200, blank=True, help_text=_("Welke organisatie de regie heeft.")
    )
    direction_hand_back_on = models.DateField(
        _("regie teruggeven op"),
        null=True,
        blank=True,
        help_text=_("Het team neemt de regie tijdelijk: wanneer gaat die terug naar de inwoner?"),
    )
    watch_next_checkin = models.DateField(_("volgende waakvlamcontact"), null=True, blank=True)

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
            models.Index(fields=["household", "closed_at"], name="case_household_closed"),
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


class CaseResult(TimeStampedModel):
    """A phase result (see cases/phases.py) marked done by hand or by another app's service.

    Results the system can see for itself (a contact moment exists, the network is filled in)
    are derived at read time and need no row.
    """

    case = models.ForeignKey(Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="results")
    key = models.CharField(_("resultaat"), max_length=40)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgevinkt door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("faseresultaat")
        verbose_name_plural = _("faseresultaten")
        constraints = [models.UniqueConstraint(fields=["case", "key"], name="caseresult_unique_key")]

    def __str__(self) -> str:
        return self.key


class Deviation(TimeStampedModel):
    """Scharrelruimte: the worker moved the case on with a phase result missing, and wrote why.

    One row per missing result; it stays on the worklist until the result is done
    (`resolved_at`), and the rows can be counted in reports.
    """

    case = models.ForeignKey(Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="deviations")
    from_phase = models.CharField(_("van fase"), max_length=20, choices=Phase.choices)
    to_phase = models.CharField(_("naar fase"), max_length=20, choices=Phase.choices)
    result_key = models.CharField(_("ontbrekend resultaat"), max_length=40)
    justification = models.TextField(_("onderbouwing"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(_("alsnog gedaan op"), null=True, blank=True)

    class Meta:
        verbose_name = _("afwijking (scharrelruimte)")
        verbose_name_plural = _("afwijkingen (scharrelruimte)")
        indexes = [models.Index(fields=["case", "resolved_at"], name="deviation_case_open")]

    def __str__(self) -> str:
        return f"{self.case} {self.result_key}"

    @property
    def result_label(self) -> str:
        from nabij.cases.phases import RESULT_BY_KEY

        spec = RESULT_BY_KEY.get(self.result_key)
        return str(spec.label) if spec else self.result_key


class Involvement(VersionedModel):
    """Another professional or agency involved in the case (betrokken hulpverlener)."""

    class Kind(models.TextChoices):
        GP = "huisarts", _("Huisarts / POH")
        WMO = "wmo", _("Wmo-consulent")
        DEBT = "schulden", _("Schuldhulpverlening")
        MENTAL = "ggz", _("GGZ")
        SPECIALIST = "specialistisch", _("Specialistische zorg")
        HOMECARE = "thuiszorg", _("Thuiszorg / wijkverpleging")
        HOUSING = "wonen", _("Woningcorporatie")
        POLICE = "politie", _("Politie / wijkagent")
        INCOME = "inkomen", _("Werk en inkomen")
        YOUTH = "jeugd", _("Jeugdteam")
        SAFETY = "veilig-thuis", _("Veilig Thuis")
        OTHER = "overig", _("Anders")

    class Ground(models.TextChoices):
        NONE = "geen", _("Geen uitwisseling")
        CONSENT = "toestemming", _("Toestemming van de inwoner")
        LEGAL = "wettelijke-taak", _("Wettelijke taak")
        VITAL = "vitaal-belang", _("Vitaal belang / Meldcode")

    case = models.ForeignKey(Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="involvements")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    organisation = models.CharField(_("organisatie"), max_length=200)
    name = models.CharField(_("naam contactpersoon"), max_length=200, blank=True)
    role = models.CharField(_("rol"), max_length=200, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    exchange_ground = models.CharField(
        _("grondslag voor informatie-uitwisseling"), max_length=20, choices=Ground.choices, default=Ground.NONE
    )
    consent = models.ForeignKey(
        "consent.Consent",
        verbose_name=_("toestemming"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="involvements",
    )
    ended_at = models.DateField(_("niet meer betrokken sinds"), null=True, blank=True)

    class Meta:
        verbose_name = _("betrokken hulpverlener")
        verbose_name_plural = _("betrokken hulpverleners")
        ordering = ["kind", "organisation"]

    def __str__(self) -> str:
        return self.organisation

    @property
    def exchange_allowed(self) -> bool:
        return self.exchange_ground != self.Ground.NONE


class CoreTask(models.TextChoices):
    """The nine kerntaken of the practice model (appendix 2)."""

    SUPPORT = "hulpverlenen", _("Hulpverlenen")
    SIGNAL = "signaleren", _("Signaleren en analyseren")
    CLARIFY = "vraagverheldering", _("Vraagverheldering")
    DIRECT = "regievoeren", _("Regievoeren")
    CONSULT = "consultatie", _("Consultatie en advies")
    INFORM = "voorlichting", _("Voorlichting")
    GUIDE = "toeleiden", _("Toeleiden")
    MONITOR = "monitoren", _("Monitoren")
    PREVENT = "preventie", _("Preventie")


class ContactKind(models.TextChoices):
    HOME_VISIT = "huisbezoek", _("Huisbezoek")
    PHONE = "telefoon", _("Telefoon")
    OFFICE = "kantoor", _("Op kantoor")
    WALK_IN = "inloop", _("Inloopspreekuur")
    VIDEO = "video", _("Videobellen")
    EMAIL = "e-mail", _("E-mail")
    MEETING = "overleg", _("Overleg")


class ContactMoment(VersionedModel):
    """A contactmoment / rapportage. Restricted notes (e.g. Meldcode) are visible only to the
    author, the case's contact person and users granted access (ContactMomentGrant)."""

    case = models.ForeignKey(Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="contact_moments")
    occurred_at = models.DateTimeField(_("datum en tijd"))
    kind = models.CharField(_("soort contact"), max_length=20, choices=ContactKind.choices)
    participants = models.CharField(
        _("deelnemers"), max_length=300, blank=True, help_text=_("Wie waren erbij, bijvoorbeeld: mevrouw en dochter.")
    )
    core_task = models.CharField(_("kerntaak"), max_length=20, choices=CoreTask.choices)
    minutes = models.PositiveIntegerField(_("tijd in minuten"))
    text = models.TextField(_("verslag"))
    restricted = models.BooleanField(
        _("afgeschermd"),
        default=False,
        help_text=_("Alleen zichtbaar voor u, de contactpersoon en wie toegang krijgt."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["case", "-occurred_at"], name="contact_case_time")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%d-%m-%Y}"


class ContactMomentRevision(models.Model):
    """The text of a contact moment as it was before an edit: edits keep their history."""

    contact_moment = models.ForeignKey(
        ContactMoment, verbose_name=_("contactmoment"), on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField(_("versie"))
    occurred_at = models.DateTimeField(_("datum en tijd"))
    kind = models.CharField(_("soort contact"), max_length=20, choices=ContactKind.choices)
    participants = models.CharField(_("deelnemers"), max_length=300, blank=True)
    core_task = models.CharField(_("kerntaak"), max_length=20, choices=CoreTask.choices)
    minutes = models.PositiveIntegerField(_("tijd in minuten"))
    text = models.TextField(_("verslag"))
    restricted = models.BooleanField(_("afgeschermd"), default=False)
    replaced_at = models.DateTimeField(_("vervangen op"), auto_now_add=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("eerdere versie contactmoment")
        verbose_name_plural = _("eerdere versies contactmoment")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.contact_moment_id} v{self.version}"


class ContactMomentGrant(TimeStampedModel):
    """Explicit access to a restricted contact moment."""

    contact_moment = models.ForeignKey(
        ContactMoment, verbose_name=_("contactmoment"), on_delete=models.CASCADE, related_name="grants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("medewerker"), on_delete=models.CASCADE, related_name="+"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegang gegeven door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("toegang tot afgeschermd contactmoment")
        verbose_name_plural = _("toegang tot afgeschermde contactmomenten")
        constraints = [models.UniqueConstraint(fields=["contact_moment", "user"], name="contactgrant_unique_user")]


class ContactMomentDraft(TimeStampedModel):
    """What the worker is typing, saved on the server as they type, so a session time-out or a
    lost connection loses nothing. One draft per worker per case and contact moment (None: new)."""

    case = models.ForeignKey(Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur"), on_delete=models.CASCADE, related_name="+"
    )
    contact_moment = models.ForeignKey(
        ContactMoment,
        verbose_name=_("contactmoment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    occurred_at = models.DateTimeField(_("datum en tijd"), null=True, blank=True)
    kind = models.CharField(_("soort contact"), max_length=20, blank=True)
    participants = models.CharField(_("deelnemers"), max_length=300, blank=True)
    core_task = models.CharField(_("kerntaak"), max_length=20, blank=True)
    minutes = models.PositiveIntegerField(_("tijd in minuten"), null=True, blank=True)
    text = models.TextField(_("verslag"), blank=True)
    restricted = models.BooleanField(_("afgeschermd"), default=False)

    class Meta:
        verbose_name = _("concept contactmoment")
        verbose_name_plural = _("concepten contactmoment")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "author"], condition=Q(contact_moment__isnull=True), name="draft_one_new_per_author"
            ),
            models.UniqueConstraint(
                fields=["contact_moment", "author"],
                condition=Q(contact_moment__isnull=False),
                name="draft_one_edit_per_author",
            ),
        ]


def attachment_path(instance, filename: str) -> str:
    # A random name: the original file name (often personal data) stays in the database only.
    import uuid

    return f"cases/{instance.case_id}/{uuid.uuid4().hex}"


class Attachment(TimeStampedModel):
    """A document in the dossier. Stored under MEDIA_ROOT (outside the web root) and served only
    through the access-checked download view, which audits every download."""

    case = models.ForeignKey(Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="attachments")
    contact_moment = models.ForeignKey(
        ContactMoment,
        verbose_name=_("bij contactmoment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
    )
    file = models.FileField(_("bestand"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("bestandstype"), max_length=100)
    size = models.PositiveIntegerField(_("grootte in bytes"))
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("toegevoegd door"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.original_name
