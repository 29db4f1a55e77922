"""Optimistic locking: detect concurrent edits instead of overwriting them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConcurrentEditError(Exception):
    message = _("Iemand anders heeft dit intussen gewijzigd. Uw tekst is bewaard; bekijk de nieuwe versie.")


def save_versioned(instance: models.Model, *, expected_version: int, fields: list[str]) -> None:
    """Write `fields` only if the row still has `expected_version`; bump the version."""
    model = type(instance)
    updated = model._base_manager.filter(pk=instance.pk, version=expected_version).update(
        version=models.F("version") + 1, **{name: getattr(instance, name) for name in fields}
    )
    if updated != 1:
        raise ConcurrentEditError()
    instance.version = expected_version + 1
