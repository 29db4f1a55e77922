"""AuditedQuerySet blocks bulk changes that would bypass the trail; row changes still work."""

from datetime import date

import pytest

from nabij.audit.querysets import BulkChangeBlocked
from nabij.consent.models import Consent
from nabij.residents.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_bulk_changes_are_blocked(worker):
    consent = Consent.objects.create(
        resident=ResidentFactory(), purpose="open_dossier", form="signed", given_at=date.today(), recorded_by=worker
    )
    for attempt in (
        lambda: Consent.objects.all().update(note="x"),
        lambda: Consent.objects.all().delete(),
        lambda: Consent.objects.bulk_update([consent], ["note"]),
        lambda: Consent.objects.bulk_create([Consent(resident=consent.resident)]),
        lambda: Consent.objects.update_or_create(pk=consent.pk, defaults={"note": "x"}),
    ):
        with pytest.raises(BulkChangeBlocked, match="consent.Consent"):
            attempt()
    consent.note = "per rij mag wel"
    consent.save()
    consent.refresh_from_db()
    assert consent.note == "per rij mag wel"
    resident = consent.resident
    resident.delete()  # cascades through the collector, not through the blocked methods
    assert not Consent.objects.filter(pk=consent.pk).exists()
