from datetime import date

import pytest
from django.core.exceptions import ValidationError

from nabij.consent.models import Consent
from nabij.consent.services import consent_record
from nabij.residents.tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_oral_consent_needs_a_note(worker):
    with pytest.raises(ValidationError) as error:
        consent_record(
            actor=worker, resident=ResidentFactory(), purpose="open_dossier", form="oral", given_at=date.today()
        )
    assert "note" in error.value.message_dict
    assert not Consent.objects.exists()


def test_exchange_needs_a_party(worker):
    with pytest.raises(ValidationError) as error:
        consent_record(
            actor=worker, resident=ResidentFactory(), purpose="exchange", form="signed", given_at=date.today()
        )
    assert "party" in error.value.message_dict


def test_signed_consent_is_recorded(worker):
    consent = consent_record(
        actor=worker, resident=ResidentFactory(), purpose="open_dossier", form="signed", given_at=date.today()
    )
    assert consent.recorded_by == worker
