"""Residents (inwoners), the households they live in and the network around them."""

from datetime import date

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from nabij.accounts.models import Area
from nabij.core import crypto
from nabij.core.models import VersionedModel


class Household(VersionedModel):
    """People living together at one address. One household, one plan, one contact person."""

    street = models.CharField(_("straat"), max_length=200, blank=True)
    house_number = models.PositiveIntegerField(_("huisnummer"), null=True, blank=True)
    house_number_addition = models.CharField(_("toevoeging"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("woonplaats"), max_length=100, blank=True)
    area = models.ForeignKey(
        Area, verbose_name=_("buurt"), null=True, blank=True, on_delete=models.PROTECT, related_name="households"
    )
    safety_warning = models.CharField(
        _("veiligheidswaarschuwing adres"),
        max_length=300,
        blank=True,
        help_text=_("Voor medewerkers, bijvoorbeeld: alleen met z'n tweeën op huisbezoek."),
    )

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")
        indexes = [models.Index(fields=["postcode", "house_number"], name="household_address")]

    def __str__(self) -> str:
        return self.address_line or f"{_('Huishouden')} {self.pk}"

    @property
    def address_line(self) -> str:
        number = f"{self.house_number or ''}{self.house_number_addition}".strip()
        return " ".join(part for part in [self.street, number] if part)


class HouseholdRole(models.TextChoices):
    """How a member relates to the household's main resident."""

    MAIN = "hoofdbewoner", _("Hoofdbewoner")
    PARTNER = "partner", _("Partner")
    CHILD = "kind", _("Kind")
    PARENT = "ouder", _("Ouder")
    SIBLING = "broer-zus", _("Broer of zus")
    HOUSEMATE = "huisgenoot", _("Huisgenoot")
    OTHER = "overig", _("Anders")


class Resident(VersionedModel):
    """A person asking for or receiving support. Names keep the Dutch tussenvoegsel apart so
    lists sort and search on the surname proper ("Berg", not "van den Berg")."""

    given_names = models.CharField(_("voornamen"), max_length=200)
    surname_prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    surname = models.CharField(_("achternaam"), max_length=200)
    birth_date = models.DateField(_("geboortedatum"), null=True, blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    household = models.ForeignKey(
        Household,
        verbose_name=_("huishouden"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    household_role = models.CharField(_("rol in huishouden"), max_length=50, blank=True, choices=HouseholdRole.choices)
    language = models.CharField(_("voorkeurstaal"), max_length=50, blank=True, default="Nederlands")
    interpreter_needed = models.BooleanField(_("tolk nodig"), default=False)
    safety_warning = models.CharField(
        _("veiligheidswaarschuwing persoon"),
        max_length=300,
        blank=True,
        help_text=_("Voor medewerkers, bijvoorbeeld: agressie bekend, niet alleen afspreken."),
    )
    bsn_encrypted = models.TextField(_("BSN (versleuteld)"), blank=True, editable=False)
    bsn_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("inwoner")
        verbose_name_plural = _("inwoners")
        ordering = ["surname", "given_names"]
        indexes = [
            models.Index(Lower("surname"), "birth_date", name="resident_surname_birth"),
            models.Index(fields=["birth_date"], name="resident_birth"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in [self.given_names, self.surname_prefix, self.surname] if p)

    @property
    def sort_name(self) -> str:
        """'Berg, Jan van den' as Dutch registers list it."""
        prefix = f" {self.surname_prefix}" if self.surname_prefix else ""
        return f"{self.surname}, {self.given_names}{prefix}"

    def set_bsn(self, bsn: str) -> None:
        digits = "".join(ch for ch in bsn if ch.isdigit()).zfill(9) if bsn else ""
        self.bsn_encrypted = crypto.encrypt(digits) if digits else ""
        self.bsn_hash = crypto.lookup_hash(digits) if digits else ""

    def get_bsn(self) -> str:
        return crypto.decrypt(self.bsn_encrypted) if self.bsn_encrypted else ""

    @property
    def bsn_masked(self) -> str:
        return "•••••" + self.get_bsn()[-4:] if self.bsn_encrypted else ""

    @property
    def age(self) -> int | None:
        from django.utils import timezone

        return self.age_on(timezone.localdate())

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


class NetworkMember(VersionedModel):
    """Someone in the social network around a household: family, informal carer (mantelzorger),
    friend, neighbour, volunteer or professional. The overview groups them by `kind`."""

    class Kind(models.TextChoices):
        FAMILY = "familie", _("Familie")
        CARER = "mantelzorger", _("Mantelzorger")
        FRIEND = "vriend", _("Vrienden en kennissen")
        NEIGHBOUR = "buur", _("Buren")
        VOLUNTEER = "vrijwilliger", _("Vrijwilligers")
        PROFESSIONAL = "professional", _("Professionals")

    household = models.ForeignKey(
        Household, verbose_name=_("huishouden"), on_delete=models.CASCADE, related_name="network"
    )
    resident = models.ForeignKey(
        Resident,
        verbose_name=_("hoort bij"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="network",
        help_text=_("Leeg laten als deze persoon er voor het hele huishouden is."),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("naam"), max_length=200)
    role = models.CharField(
        _("rol"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: dochter, doet boodschappen op zaterdag.")
    )
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    how_to_reach = models.CharField(
        _("hoe bereikbaar"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: 's avonds na 18.00 uur.")
    )
    ended_at = models.DateField(_("niet meer betrokken sinds"), null=True, blank=True)

    class Meta:
        verbose_name = _("netwerklid")
        verbose_name_plural = _("sociaal netwerk")
        ordering = ["kind", "name"]
        indexes = [models.Index(fields=["household", "kind"], name="network_household_kind")]

    def __str__(self) -> str:
        return self.name


class SurnameTerm(models.Model):
    """The vocabulary of surnames (upper case), for typo-tolerant search at city scale.

    A million residents share some ten thousand surnames. Comparing a misspelt name by trigram
    against every resident rechecks tens of thousands of rows; comparing it against this short
    list first and then fetching the residents of the closest terms by the B-tree on
    UPPER(surname) costs a few milliseconds (docs/performance.md). Kept by a post_save signal
    on Resident (and by scale_data after its bulk load); a term whose residents are all gone
    or renamed is harmless: it finds nobody.
    """

    term = models.CharField(_("achternaam (hoofdletters)"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("achternaam in zoekwoordenlijst")
        verbose_name_plural = _("zoekwoordenlijst achternamen")

    def __str__(self) -> str:
        return self.term
