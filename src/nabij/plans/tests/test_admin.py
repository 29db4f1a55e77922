import pytest
from django.urls import reverse

from nabij.audit.models import AuditEvent
from nabij.plans.models import Instrument, LifeDomain

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client, make_user):
    user = make_user("functional_admin", is_staff=True, is_superuser=True, username="test-beheerder")
    client.force_login(user)
    return client


def test_functional_admin_adds_an_instrument_with_a_domain_audited(admin_client_):
    response = admin_client_.post(
        reverse("admin:plans_instrument_add"),
        {
            "name": "ZRM",
            "version": "2013 (11 domeinen)",
            "scale_min": 1,
            "scale_max": 5,
            "is_active": "on",
            "domains-TOTAL_FORMS": 1,
            "domains-INITIAL_FORMS": 0,
            "domains-0-order": 10,
            "domains-0-code": "opvoeding",
            "domains-0-label": "Opvoeding",
            "domains-0-resident_label": "Opvoeden",
            "domains-0-is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    instrument = Instrument.objects.get(version="2013 (11 domeinen)")
    assert LifeDomain.objects.get(instrument=instrument).label == "Opvoeding"
    assert AuditEvent.objects.filter(event_type="admin.instrument.add").exists()
    assert AuditEvent.objects.filter(event_type="admin.lifedomain.add").exists()


def test_admin_lists_load(admin_client_):
    for name in ("plans_instrument", "plans_lifedomain", "plans_closurereason"):
        assert admin_client_.get(reverse(f"admin:{name}_changelist")).status_code == 200
