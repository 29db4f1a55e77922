import pytest
from django.urls import reverse

from nabij.accounts.models import ApiToken
from nabij.accounts.services import api_token_create, api_token_revoke
from nabij.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_token_authenticates_and_revocation_is_immediate(client, worker, make_user):
    admin = make_user("functional_admin", None, username="beheer-test", is_staff=True)
    token, key = api_token_create(actor=admin, user=worker, name="Gemeentelijke website")
    assert ApiToken.objects.get(pk=token.pk).key_hash != key  # only the hash is stored
    url = reverse("case-list")
    assert client.get(url, headers={"Authorization": f"Bearer {key}"}).status_code == 200
    api_token_revoke(actor=admin, token=token)
    assert client.get(url, headers={"Authorization": f"Bearer {key}"}).status_code == 401
    types = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {"api_token.create", "api_token.revoke"} <= types


def test_api_requires_authentication(client, db):
    assert client.get(reverse("case-list")).status_code in (401, 403)
    assert client.get(reverse("case-list"), headers={"Authorization": "Bearer nbj_onzin"}).status_code == 401
