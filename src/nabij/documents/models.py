"""Letter templates a functional admin edits (Dutch, B1 for residents)."""

import uuid

from django.conf import settings
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
    body = models.TextField(
        _("tekst"),
        help_text=_(
            "Gebruik {{ naam_van_veld }} voor gegevens die Nabij invult. Bij afsluitbrieven: naam_inwoner, "
            "kenmerk, team, contactpersoon, datum_afsluiten, reden, doorverwezen_naar, nazorg, naam_verwijzer, "
            "organisatie_verwijzer, waakvlam, waakvlam_data."
        ),
    )
    is_active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name


def _generated_path(instance, filename: str) -> str:
    # Opaque names: no resident data in paths.
    return f"generated/{instance.case_id}/{uuid.uuid4().hex}.pdf"


class GeneratedDocument(TimeStampedModel):
    """A PDF Nabij made (a closure letter, a plan), stored with the case.

    The file lives under MEDIA_ROOT, outside the web root, and is served only through
    `documents.views.document_download` (access check + audit event).
    """

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("casus"), on_delete=models.CASCADE, related_name="generated_documents"
    )
    template_key = models.CharField(_("sjabloon"), max_length=60, blank=True)
    audience = models.CharField(
        _("voor"), max_length=10, choices=LetterTemplate.Audience.choices, default=LetterTemplate.Audience.RESIDENT
    )
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("bestand"), upload_to=_generated_path, max_length=200)
    size = models.PositiveIntegerField(_("grootte (bytes)"), default=0)
    sha256 = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemaakt door"), on_delete=models.PROTECT, related_name="+"
    )
    related_type = models.CharField(max_length=64, blank=True)
    related_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("gemaakt document")
        verbose_name_plural = _("gemaakte documenten")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "-created_at"], name="gendoc_case_created")]

    def __str__(self) -> str:
        return self.title
