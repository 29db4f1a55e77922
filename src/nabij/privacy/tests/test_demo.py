import pytest
from django.core.management import call_command

from nabij.cases.models import EmergencyAccess
from nabij.consent.models import Consent, InformationExchange
from nabij.privacy.models import DestructionRequest

pytestmark = pytest.mark.django_db


def counts():
    return (
        EmergencyAccess.objects.count(),
        Consent.objects.count(),
        InformationExchange.objects.count(),
        DestructionRequest.objects.count(),
    )


def test_privacy_demo_is_idempotent_and_has_one_unreviewed_emergency():
    call_command("demo")
    first = counts()
    call_command("demo")
    assert counts() == first
    assert EmergencyAccess.objects.filter(reviewed_at__isnull=True).count() == 1
    assert EmergencyAccess.objects.filter(reviewed_at__isnull=False).count() == 1
    assert DestructionRequest.objects.count() == 1
    assert Consent.objects.filter(valid_until__isnull=False).exists()
