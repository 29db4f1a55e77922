"""Aanmelding and aanmeldoverleg: registrations, signals, triage, the outcome, the waiting
list, the letters sent, and the norms for first contact.

A registration holds what the person told us at the door. It is not a resident record: the
"known already?" check links it to an existing Resident, and only a core decision with
consent (or a recorded reason to act first) turns it into a Case for the household.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nabij.accounts.models import Area, Team
from nabij.core import crypto
from nabij.core.models import TimeStampedModel, VersionedModel


class Channel(models.TextChoices):
    WEB = "web", _("Webformulier")
    PHONE = "telefoon", _("Telefoon")
    WALK_IN = "inloop", _("Inloopspreekuur")
    EMAIL = "email", _("E-mail")
    REFERRAL = "verwijzing", _("Verwijzing of melding")
    SIGNAL = "signaal", _("Signaal uit de wijk")
    API = "api", _("Koppeling (API)")


class ReporterKind(models.TextChoices):
    """Who registers: the person themself, someone close, or a professional."""

    SELF = "zelf", _("De inwoner zelf")
    RELATIVE = "naaste", _("Familie, buur of bekende")
    PROFESSIONAL = "professional", _("Professional of organisatie")


class ReferrerOrganisation(models.TextChoices):
    GP = "huisarts", _("Huisarts")
    VEILIG_THUIS = "veilig-thuis", _("Veilig Thuis")
    HOME_CARE = "thuiszorg", _("Thuiszorg")
    HOUSING = "woningcorporatie", _("Woningcorporatie")
    MUNICIPAL_WMO = "gemeente-wmo", _("Gemeente: Wmo-loket")
    MUNICIPAL_DEBT = "gemeente-schulden", _("Gemeente: schuldhulp")
    MUNICIPAL_INCOME = "gemeente-inkomen", _("Gemeente: werk en inkomen")
    SCHOOL = "school", _("School")
    POLICE = "politie", _("Politie")
    OTHER = "anders", _("Andere organisatie")


class Agreement(models.TextChoices):
    """Does the person the registration is about know of it and agree?"""

    YES = "ja", _("Ja, weet ervan en is akkoord")
    KNOWS = "weet", _("Weet ervan, nog niet akkoord")
    NO = "nee", _("Weet er niet van")
    UNKNOWN = "onbekend", _("Onbekend")


class Urgency(models.TextChoices):
    NORMAL = "normaal", _("Normaal")
    HIGH = "hoog", _("Hoog")
    CRISIS = "crisis", _("Acuut")


URGENCY_ORDER = {Urgency.CRISIS: 0, Urgency.HIGH: 1, Urgency.NORMAL: 2}


class Registration(VersionedModel):
    """An incoming question, referral or report (aanmelding)."""

    class Status(models.TextChoices):
        NEW = "nieuw", _("Nieuw")
        TRIAGED = "getrieerd", _("Besproken, nog geen besluit")
        WAITING = "wachtlijst", _("Op de wachtlijst")
        DECIDED = "besloten", _("Kernbesluit genomen")
        CLOSED = "afgesloten", _("Afgesloten zonder casus")

    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    team = models.ForeignKey(
        Team, verbose_name=_("team"), null=True, blank=True, on_delete=models.PROTECT, related_name="registrations"
    )
    channel = models.CharField(_("kanaal"), max_length=12, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NEW)
    received_at = models.DateTimeField(_("ontvangen op"))

    # Who registers (the reporter); empty for SELF apart from the kind.
    reporter_kind = models.CharField(_("aangemeld door"), max_length=12, choices=ReporterKind.choices)
    reporter_name = models.CharField(_("naam melder"), max_length=200, blank=True)
    reporter_relation = models.CharField(_("relatie tot inwoner"), max_length=100, blank=True)
    reporter_organisation = models.CharField(
        _("soort organisatie"), max_length=20, blank=True, choices=ReferrerOrganisation.choices
    )
    reporter_organisation_name = models.CharField(_("naam organisatie"), max_length=200, blank=True)
    reporter_phone = models.CharField(_("telefoon melder"), max_length=30, blank=True)
    reporter_email = models.EmailField(_("e-mail melder"), blank=True)

    # Who it is about, as told (not yet a Resident).
    given_names = models.CharField(_("voornamen"), max_length=200, blank=True)
    surname_prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    surname = models.CharField(_("achternaam"), max_length=200, blank=True)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    reachable_when = models.CharField(_("wanneer bereikbaar"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    house_number = models.PositiveIntegerField(_("huisnummer"), null=True, blank=True)
    house_number_addition = models.CharField(_("toevoeging"), max_length=10, blank=True)
    area = models.ForeignKey(
        Area, verbose_name=_("buurt"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    bsn_encrypted = models.TextField(_("BSN (versleuteld)"), blank=True, editable=False)
    bsn_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    question = models.TextField(_("vraag"), help_text=_("In de eigen woorden van de melder."))
    life_domains = models.JSONField(_("leefgebieden"), default=list, blank=True)
    interpreter_needed = models.BooleanField(_("tolk nodig"), default=False)
    language = models.CharField(_("taal"), max_length=50, blank=True)
    agreement = models.CharField(
        _("weet de inwoner ervan?"), max_length=10, choices=Agreement.choices, default=Agreement.UNKNOWN
    )
    urgency = models.CharField(_("urgentie"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    safety_flag = models.BooleanField(_("zorgen over veiligheid"), default=False)
    is_minor = models.BooleanField(
        _("minderjarig"), default=False, help_text=_("Jonger dan de leeftijdsgrens: voor het jeugdteam.")
    )

    # Links, filled as the registration is handled.
    resident = models.ForeignKey(
        "residents.Resident",
        verbose_name=_("gekoppelde inwoner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("casus"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    signal = models.ForeignKey(
        "intake.Signal",
        verbose_name=_("uit signaal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )

    # A redirect to another team in Nabij makes a new registration for that team; it points
    # back here so both boards keep their own history (docs/intake.md, "Redirect").
    redirected_from = models.OneToOneField(
        "self",
        verbose_name=_("doorverwezen vanuit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="redirected_to",
    )

    first_contact_due = models.DateField(_("eerste contact uiterlijk"), null=True, blank=True)
    first_contact_at = models.DateTimeField(_("eerste contact op"), null=True, blank=True)
    first_contact_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eerste contact door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_contact_note = models.CharField(_("notitie eerste contact"), max_length=300, blank=True)

    # Acting before consent is formalised (acute situations): why, and by whom.
    consent_deferred_reason = models.TextField(_("reden: eerst handelen, toestemming later"), blank=True)
    consent_deferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eerst handelen besloten door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingevoerd door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leeg bij het openbare webformulier en de API."),
    )

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["team", "status", "received_at"], name="registration_board"),
            # Overdue first contact: only open ones are still waiting for it.
            models.Index(
                fields=["team", "first_contact_due"],
                condition=Q(first_contact_at__isnull=True),
                name="registration_first_contact",
            ),
            models.Index(fields=["postcode", "house_number"], name="registration_address"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def full_name(self) -> str:
        return " ".join(p for p in [self.given_names, self.surname_prefix, self.surname] if p)

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.NEW, self.Status.TRIAGED, self.Status.WAITING)

    def set_bsn(self, bsn: str) -> None:
        digits = "".join(ch for ch in bsn if ch.isdigit()).zfill(9) if bsn else ""
        self.bsn_encrypted = crypto.encrypt(digits) if digits else ""
        self.bsn_hash = crypto.lookup_hash(digits) if digits else ""

    def get_bsn(self) -> str:
        return crypto.decrypt(self.bsn_encrypted) if self.bsn_encrypted else ""


class Signal(VersionedModel):
    """A concern from the neighbourhood (signaal), possibly about no one identified yet."""

    class Source(models.TextChoices):
        ACTIVE = "actief", _("Actief opgehaald (wijkronde, huisbezoek)")
        PASSIVE = "passief", _("Binnengekomen (buren, partner, winkel)")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        REGISTERED = "aangemeld", _("Omgezet in aanmelding")
        CLOSED = "afgesloten", _("Afgesloten")

    reference = models.CharField(_("kenmerk"), max_length=20, unique=True)
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="signals")
    area = models.ForeignKey(
        Area, verbose_name=_("buurt"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    theme = models.CharField(_("thema"), max_length=100)
    description = models.TextField(_("wat is er gezien of gehoord"))
    source = models.CharField(_("bron"), max_length=10, choices=Source.choices, default=Source.PASSIVE)
    reported_by = models.CharField(_("gemeld door"), max_length=200, blank=True)
    location_hint = models.CharField(
        _("plek"), max_length=200, blank=True, help_text=_("Straat of plek, zonder huisnummer als niemand bekend is.")
    )
    received_at = models.DateTimeField(_("ontvangen op"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    closed_reason = models.CharField(_("reden afsluiten"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("vastgelegd door"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["team", "status", "received_at"], name="signal_team_status")]

    def __str__(self) -> str:
        return self.reference


class Triage(VersionedModel):
    """The intake meeting's picture of a registration (aanmeldoverleg)."""

    class Scope(models.TextChoices):
        SINGLE = "enkelvoudig", _("Enkelvoudig")
        MULTIPLE = "meervoudig", _("Meervoudig")

    registration = models.OneToOneField(
        Registration, verbose_name=_("aanmelding"), on_delete=models.CASCADE, related_name="triage"
    )
    scope = models.CharField(_("enkelvoudig of meervoudig"), max_length=12, choices=Scope.choices)
    known_elsewhere = models.TextField(
        _("bekend bij andere professionals of instanties"), blank=True, help_text=_("Welke, en waarvoor.")
    )
    urgency = models.CharField(_("urgentie"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    safety_situation = models.TextField(_("veiligheid van de situatie"), blank=True)
    safety_persons = models.TextField(_("veiligheid van personen"), blank=True)
    safety_flag = models.BooleanField(_("veiligheidszorg"), default=False)
    provisional_approach = models.TextField(_("voorlopige aanpak"), blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("besproken door"), on_delete=models.PROTECT, related_name="+"
    )
    triaged_at = models.DateTimeField(_("besproken op"))

    class Meta:
        verbose_name = _("triage")
        verbose_name_plural = _("triages")

    def __str__(self) -> str:
        return f"{self.registration} ({self.get_scope_display()})"


class Outcome(TimeStampedModel):
    """What the intake meeting decided: a core decision (kernbesluit) or another outcome."""

    class Kind(models.TextChoices):
        CORE_DECISION = "kernbesluit", _("Kernbesluit: ondersteuning door het team")
        ADVICE = "advies", _("Alleen advies")
        REDIRECT = "doorverwijzing", _("Doorverwijzen")
        WAITING_LIST = "wachtlijst", _("Wachtlijst")
        ANONYMOUS = "anoniem", _("Anoniem consult")
        NOT_FOR_TEAM = "niet-voor-team", _("Niet voor dit team")

    class RedirectTarget(models.TextChoices):
        YOUTH_TEAM = "jeugdteam", _("Jeugdteam")
        OUTREACH_TEAM = "bemoeizorg", _("Bemoeizorgteam")
        OTHER_TEAM = "ander-team", _("Ander wijkteam")
        AGENCY = "instantie", _("Andere instantie")

    registration = models.OneToOneField(
        Registration, verbose_name=_("aanmelding"), on_delete=models.CASCADE, related_name="outcome"
    )
    kind = models.CharField(_("uitkomst"), max_length=16, choices=Kind.choices)
    # Core decision.
    interventions = models.TextField(_("voorgestelde interventies"), blank=True)
    goal = models.TextField(_("doel"), blank=True)
    intended_result = models.TextField(_("beoogd resultaat"), blank=True)
    assigned_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitvoerend medewerker (contactpersoon)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Redirect.
    redirect_target = models.CharField(
        _("doorverwezen naar"), max_length=12, blank=True, choices=RedirectTarget.choices
    )
    redirect_team = models.ForeignKey(
        Team, verbose_name=_("naar team"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    redirect_agency = models.CharField(_("naar instantie"), max_length=200, blank=True)
    # Every outcome other than a core decision says why.
    reason = models.TextField(_("reden"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("besloten door"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("besloten op"))

    class Meta:
        verbose_name = _("uitkomst aanmeldoverleg")
        verbose_name_plural = _("uitkomsten aanmeldoverleg")

    def __str__(self) -> str:
        return self.get_kind_display()


class WaitingListEntry(TimeStampedModel):
    """A registration waiting for a worker. Position follows urgency, then placement time."""

    registration = models.OneToOneField(
        Registration, verbose_name=_("aanmelding"), on_delete=models.CASCADE, related_name="waiting_entry"
    )
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField(_("op wachtlijst sinds"))
    interim_contact_due = models.DateField(_("tussentijds contact uiterlijk"), null=True, blank=True)
    interim_contact_at = models.DateTimeField(_("tussentijds contact op"), null=True, blank=True)
    interim_contact_note = models.CharField(_("notitie tussentijds contact"), max_length=300, blank=True)
    removed_at = models.DateTimeField(_("van wachtlijst af op"), null=True, blank=True)

    class Meta:
        verbose_name = _("wachtlijstplaats")
        verbose_name_plural = _("wachtlijst")
        indexes = [
            models.Index(fields=["team", "placed_at"], condition=Q(removed_at__isnull=True), name="waiting_open")
        ]

    def __str__(self) -> str:
        return str(self.registration)


class RegistrationLetter(TimeStampedModel):
    """What the resident or referrer was told (confirmation, next steps), as sent.

    The text is kept as rendered so the file shows exactly what went out, even after the
    template changes.
    """

    class Kind(models.TextChoices):
        CONFIRMATION = "ontvangst", _("Ontvangstbevestiging")
        NEXT_STEPS = "vervolg", _("Vervolgstappen en contactpersoon")
        OUTCOME = "uitkomst", _("Uitkomst zonder casus")

    class Medium(models.TextChoices):
        EMAIL = "email", _("E-mail")
        LETTER = "brief", _("Brief (print)")
        SCREEN = "scherm", _("Op het scherm getoond")

    registration = models.ForeignKey(
        Registration, verbose_name=_("aanmelding"), on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    medium = models.CharField(_("vorm"), max_length=10, choices=Medium.choices)
    recipient = models.CharField(_("aan"), max_length=200)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"))
    email = models.ForeignKey(
        "core.OutgoingEmail",
        verbose_name=_("e-mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verstuurd door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("brief of bericht")
        verbose_name_plural = _("brieven en berichten")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class FirstContactNorm(models.Model):
    """Working days until first contact, per urgency; a team's own row beats the default
    (team empty). Set by the functional admin."""

    team = models.ForeignKey(
        Team, verbose_name=_("team"), null=True, blank=True, on_delete=models.CASCADE, related_name="contact_norms"
    )
    urgency = models.CharField(_("urgentie"), max_length=10, choices=Urgency.choices)
    working_days = models.PositiveSmallIntegerField(_("werkdagen"))

    class Meta:
        verbose_name = _("norm eerste contact")
        verbose_name_plural = _("normen eerste contact")
        constraints = [
            models.UniqueConstraint(fields=["team", "urgency"], name="norm_team_urgency"),
            models.UniqueConstraint(fields=["urgency"], condition=Q(team__isnull=True), name="norm_default_urgency"),
        ]

    def __str__(self) -> str:
        return f"{self.team or _('standaard')}: {self.get_urgency_display()} {self.working_days}"


class PostcodeArea(models.Model):
    """Which buurt a 4-digit postcode area falls in, to route a registration to its team.

    Kept by the functional admin; a household's own area wins when the address is known.
    """

    postcode_digits = models.CharField(_("postcodecijfers"), max_length=4, unique=True)
    area = models.ForeignKey(Area, verbose_name=_("buurt"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")
        ordering = ["postcode_digits"]

    def __str__(self) -> str:
        return f"{self.postcode_digits} → {self.area}"
