"""Letter templates a functional admin edits (Dutch, B1 for residents)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from nabij.core.models import TimeStampedModel


class LetterTemplate(TimeStampedModel):
    """A text with placeholders in Django template syntax, e.g. {{ resident_name }}.

    `key` is how code finds it ("intake.confirmation", "closure.resident" …); the admin
    changes subject and body without a release.
    """

    class Audience(models.TextChoices):
        RESIDENT = "resident", _("Inwoner")
        REFERRER = "referrer", _("Verwijzer")
        PARTNER = "partner", _("Samenwerkingspartner")

    key = models.SlugField(_("sleutel"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    audience = models.CharField(_("voor"), max_length=10, choices=Audience.choices, default=Audience.RESIDENT)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"), help_text=_("Gebruik {{ naam_van_veld }} voor gegevens die Nabij invult."))
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name
