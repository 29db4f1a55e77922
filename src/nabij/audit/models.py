"""The audit trail: one append-only table, fields named after NEN 7513 as Logius maps them.

Rows are never changed or deleted by the application: database triggers refuse UPDATE and
DELETE (see migration 0002), the model refuses `save()` on an existing row, and the
queryset refuses bulk changes. Each event carries a SHA-256 hash over its content and the
previous event's hash, so `manage.py audit_verify` finds the first edited or removed link.
No personal data goes into these rows beyond ids: names stay in the records they point to.
"""

import hashlib
import json
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("AuditEvent is append-only")

    def delete(self):
        raise TypeError("AuditEvent is append-only")

    def bulk_update(self, *args, **kwargs):
        raise TypeError("AuditEvent is append-only")


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        """NEN 7513 / IHE ATNA EventActionCode."""

        CREATE = "C", _("Aanmaken")
        READ = "R", _("Inzien")
        UPDATE = "U", _("Wijzigen")
        DELETE = "D", _("Verwijderen")
        EXECUTE = "E", _("Uitvoeren")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("Gelukt")
        DENIED = "denied", _("Geweigerd")
        FAILURE = "failure", _("Mislukt")

    event_id = models.UUIDField(_("gebeurtenis-id"), default=uuid.uuid4, unique=True, editable=False)
    event_action = models.CharField(_("soort handeling"), max_length=1, choices=Action.choices)
    event_type = models.CharField(
        _("handeling"), max_length=64, help_text=_("Bijvoorbeeld case.view, resident.search, auth.login.")
    )
    event_datetime = models.DateTimeField(_("tijdstip (UTC)"), db_index=True)
    event_outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices)

    # Active participant: the user and on whose behalf they act.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
        db_index=False,  # audit_user_time starts with user_id (audit 0005)
    )
    user_name = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    on_behalf_of = models.CharField(_("namens"), max_length=150, blank=True)
    user_role = models.CharField(_("rol"), max_length=30, blank=True)
    user_organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    user_team_id = models.BigIntegerField(_("team"), null=True, blank=True)
    purpose_of_use = models.CharField(_("doel van gebruik"), max_length=64, blank=True)
    network_access_point = models.GenericIPAddressField(_("netwerktoegangspunt (IP)"), null=True, blank=True)

    # Participant object: what was acted on, and the resident it concerns.
    participant_object_type = models.CharField(_("soort object"), max_length=64, blank=True)
    participant_object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    resident_id = models.BigIntegerField(_("inwoner-id"), null=True, blank=True)

    audit_source = models.CharField(_("auditbron"), max_length=100)
    details = models.JSONField(_("toelichting"), default=dict, blank=True)

    previous_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditgebeurtenissen")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["resident_id", "event_datetime"], name="audit_resident_time"),
            models.Index(fields=["user", "event_datetime"], name="audit_user_time"),
        ]

    def __str__(self) -> str:
        return f"{self.event_datetime:%Y-%m-%d %H:%M:%S} {self.event_type} {self.event_outcome}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("AuditEvent is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("AuditEvent is append-only")

    # --- hash chain -------------------------------------------------------------------
    HASHED_FIELDS = (
        "event_id",
        "event_action",
        "event_type",
        "event_datetime",
        "event_outcome",
        "user_id",
        "user_name",
        "on_behalf_of",
        "user_role",
        "user_organisation",
        "user_team_id",
        "purpose_of_use",
        "network_access_point",
        "participant_object_type",
        "participant_object_id",
        "resident_id",
        "audit_source",
        "details",
    )

    def compute_hash(self) -> str:
        content = {name: getattr(self, name) for name in self.HASHED_FIELDS}
        content["event_id"] = str(self.event_id)
        content["event_datetime"] = self.event_datetime.isoformat(timespec="microseconds")
        payload = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256((self.previous_hash + payload).encode()).hexdigest()


class AuditChainAnchor(models.Model):
    """Where the chain starts after the retention job removed the oldest events.

    `anchor_hash` is the hash of the last removed event; the first remaining event's
    `previous_hash` must match it. Append-only like the events themselves.
    """

    purged_at = models.DateTimeField(_("verwijderd op"), auto_now_add=True)
    purged_through_id = models.BigIntegerField(_("verwijderd tot en met id"))
    anchor_hash = models.CharField(max_length=64)
    events_removed = models.PositiveIntegerField(_("aantal verwijderd"))

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("ankerpunt auditketen")
        verbose_name_plural = _("ankerpunten auditketen")

    def __str__(self) -> str:
        return f"≤ {self.purged_through_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("AuditChainAnchor is append-only")
        super().save(*args, **kwargs)
