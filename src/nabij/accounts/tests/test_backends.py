"""The session's user comes with the organisation every audit event names."""

from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY, get_user
from django.test import RequestFactory

from nabij.accounts.backends import OrganisationModelBackend
from nabij.accounts.tests.factories import OrganisationFactory
from nabij.audit.models import AuditEvent
from nabij.audit.services import Action, record_event

BACKEND = "nabij.accounts.backends.OrganisationModelBackend"


def _request_with_session(client, user):
    client.force_login(user, backend=BACKEND)
    request = RequestFactory().get("/")
    request.session = client.session
    return request


def test_session_user_and_organisation_in_one_query(client, worker, django_assert_num_queries):
    worker.organisation = OrganisationFactory(name="Synthetisch Welzijn")
    worker.save()
    request = _request_with_session(client, worker)
    assert request.session[BACKEND_SESSION_KEY] == BACKEND
    with django_assert_num_queries(1):
        user = get_user(request)
        assert user.organisation.name == "Synthetisch Welzijn"
    record_event(actor=user, event_type="test.view", action=Action.READ)
    assert AuditEvent.objects.latest("id").user_organisation == "Synthetisch Welzijn"


def test_user_without_organisation(worker):
    worker.organisation = None
    worker.save()
    user = OrganisationModelBackend().get_user(worker.pk)
    assert user == worker and user.organisation is None


def test_inactive_or_missing_user_is_no_user(worker):
    worker.is_active = False
    worker.save()
    assert OrganisationModelBackend().get_user(worker.pk) is None
    assert OrganisationModelBackend().get_user(10**9) is None


def test_login_form_stores_this_backend(client, worker):
    from nabij.accounts.tests.factories import TEST_PASSWORD

    client.post("/inloggen/", {"username": worker.username, "password": TEST_PASSWORD})
    assert client.session.get(SESSION_KEY) == str(worker.pk)
    assert client.session[BACKEND_SESSION_KEY] == BACKEND
