"""BSN: optional, eleven-test, stored encrypted, found by keyed hash, masked unless revealed (audited)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from nabij.audit.models import AuditEvent
from nabij.core.validators import is_valid_bsn, validate_bsn
from nabij.residents.models import Resident
from nabij.residents.selectors import resident_match_queryset

pytestmark = pytest.mark.django_db
BSN = "111222333"  # passes the eleven-test; fictional


def test_eleven_test():
    assert is_valid_bsn(BSN)
    assert not is_valid_bsn("123456789")
    with pytest.raises(ValidationError):
        validate_bsn("123456780")


def test_stored_encrypted_and_found_by_hash(case):
    resident = case.primary_resident
    resident.set_bsn(BSN)
    resident.save()
    row = Resident.objects.filter(pk=resident.pk).values("bsn_encrypted", "bsn_hash").get()
    assert BSN not in row["bsn_encrypted"] and BSN not in row["bsn_hash"]
    assert Resident.objects.get(pk=resident.pk).get_bsn() == BSN
    assert list(resident_match_queryset(bsn=BSN)) == [resident]
    assert resident.bsn_masked.endswith("2333") and BSN not in resident.bsn_masked


def test_reveal_is_checked_and_audited(worker, other_worker, case, client_for):
    """One reveal: cases:bsn_reveal on the case overview (the case chokepoint, then an event)."""
    resident = case.primary_resident
    resident.set_bsn(BSN)
    resident.save()
    url = reverse("cases:bsn_reveal", args=[case.pk, resident.pk])
    assert client_for(worker).get(url).status_code == 405
    fragment = client_for(worker).post(url, HTTP_HX_REQUEST="true").content.decode()
    assert BSN in fragment and "<html" not in fragment
    assert AuditEvent.objects.filter(event_type="resident.bsn_reveal", user=worker, resident_id=resident.pk).exists()
    assert client_for(other_worker).post(url).status_code == 404
    assert not AuditEvent.objects.filter(event_type="resident.bsn_reveal", user=other_worker, event_outcome="success")
    stranger = Resident.objects.create(given_names="Buiten", surname="Huishouden-Test")
    outside = reverse("cases:bsn_reveal", args=[case.pk, stranger.pk])
    assert client_for(worker).post(outside).status_code == 404
    assert AuditEvent.objects.filter(
        event_type="resident.bsn_reveal", user=worker, event_outcome="denied", participant_object_id=str(stranger.pk)
    ).exists()
