"""Residents (inwoners) and the households they live in."""

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
    household_role = models.CharField(_("rol in huishouden"), max_length=50, blank=True)
    language = models.CharField(_("voorkeurstaal"), max_length=50, blank=True, default="Nederlands")
    interpreter_needed = models.BooleanField(_("tolk nodig"), default=False)
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
