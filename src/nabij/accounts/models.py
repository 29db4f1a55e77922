"""Who works in Nabij and where: users, partner organisations, teams, areas, roles."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nabij.core.models import TimeStampedModel


class Role(models.TextChoices):
    WORKER = "worker", _("Wijkteam-werker")
    COORDINATOR = "coordinator", _("Teamcoördinator")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functioneel beheerder")
    PRIVACY_OFFICER = "privacy_officer", _("Functionaris gegevensbescherming")
    ANALYST = "analyst", _("Beleidsmedewerker / analist")
    VOLUNTEER_COORDINATOR = "volunteer_coordinator", _("Vrijwilligerscoördinator")


class Organisation(TimeStampedModel):
    """A partner organisation that employs workers (welzijn, maatschappelijk werk, GGZ …)."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    short_name = models.CharField(_("korte naam"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A CBS region: the municipality, a wijk (in the Hoeksche Waard: a kern) or a buurt."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "gemeente", _("Gemeente")
        DISTRICT = "wijk", _("Wijk / kern")
        NEIGHBOURHOOD = "buurt", _("Buurt")

    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    cbs_code = models.CharField(_("CBS-code"), max_length=12, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("valt onder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    inhabitants = models.PositiveIntegerField(_("inwoners (CBS)"), null=True, blank=True)

    class Meta:
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        ordering = ["cbs_code"]

    def __str__(self) -> str:
        return self.name


class Team(TimeStampedModel):
    class Kind(models.TextChoices):
        NEIGHBOURHOOD = "wijkteam", _("Sociaal wijkteam")
        OUTREACH = "bemoeizorg", _("Bemoeizorgteam")
        YOUTH = "jeugd", _("Jeugdteam")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices, default=Kind.NEIGHBOURHOOD)
    areas = models.ManyToManyField(Area, verbose_name=_("werkgebied"), blank=True, related_name="teams")
    email = models.EmailField(_("e-mailadres team"), blank=True)
    phone = models.CharField(_("telefoonnummer team"), max_length=30, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member. Residents do not log in with this model."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(TimeStampedModel):
    """A user's role in a team. A user can hold several roles in several teams."""

    user = models.ForeignKey(User, verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("teamlidmaatschap")
        verbose_name_plural = _("teamlidmaatschappen")
        constraints = [models.UniqueConstraint(fields=["user", "team", "role"], name="membership_unique_role")]
        indexes = [models.Index(fields=["team", "role"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.team} · {self.get_role_display()}"


class ApiToken(TimeStampedModel):
    """A personal token for an integration. Only a hash is stored; the key is shown once."""

    PREFIX_LENGTH = 8

    name = models.CharField(_("omschrijving"), max_length=100)
    user = models.ForeignKey(
        User, verbose_name=_("namens gebruiker"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    prefix = models.CharField(_("begin van de sleutel"), max_length=PREFIX_LENGTH, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangemaakt door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def generate_key(cls) -> str:
        return "nbj_" + secrets.token_urlsafe(32)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
