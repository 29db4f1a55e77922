"""Base models every app builds on: timestamps and optimistic locking."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """A row that several people may edit: each save through a service bumps `version`.

    Services call `core.concurrency.save_versioned` with the version the user's form was
    based on; a mismatch raises `ConcurrentEditError` instead of overwriting silently.
    """

    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        abstract = True


class OutgoingEmail(TimeStampedModel):
    """The outbox: every e-mail is stored first and sent after the transaction commits.

    A failed send leaves the row (and whatever triggered it) in place; the job queue retries,
    and a periodic job picks up anything left pending.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op verzending")
        SENT = "sent", _("Verzonden")
        FAILED = "failed", _("Mislukt")

    to = models.EmailField(_("aan"))
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("tekst"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    related_type = models.CharField(max_length=64, blank=True)
    related_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        indexes = [models.Index(fields=["status", "created_at"], name="email_status_created")]

    def __str__(self) -> str:
        return self.subject


class ReferenceCounter(models.Model):
    """The last number handed out per reference series ("A" registrations, "C" cases, "S"
    signals) and year. Taken under a row lock in the transaction that saves the row, so two
    simultaneous saves never get the same number (core/references.py)."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("kenmerkteller")
        verbose_name_plural = _("kenmerktellers")
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="reference_counter_series")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last}"
