"""POST /api/intake/registrations/: the same validation as the web form, API tokens, rate limit."""

import pytest
from django.core.cache import cache

from nabij.accounts.models import ApiToken
from nabij.intake.models import Registration
from nabij.intake.tests.factories_channels import area_tree

pytestmark = pytest.mark.django_db

URL = "/api/intake/registrations/"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def _token(user) -> str:
    key = "nbj_test_" + "k" * 30
    ApiToken.objects.create(name="Gemeentesite (test)", user=user, prefix=key[:8], key_hash=ApiToken.hash_key(key))
    return key


def _body(**overrides):
    body = {
        "reporter_kind": "zelf",
        "given_names": "Api",
        "surname": "Testpersoon",
        "phone": "0612345678",
        "postcode": "3262aa",
        "house_number": 4,
        "question": "Vraag via de gemeentesite (fictief).",
    }
    body.update(overrides)
    return body


def test_create_with_a_token_routes_by_postcode(client, worker, team, other_team):
    area_tree(team=other_team)
    response = client.post(URL, _body(), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {_token(worker)}")
    assert response.status_code == 201, response.content
    registration = Registration.objects.get()
    assert response.json()["reference"] == registration.reference
    assert registration.channel == "api" and registration.team == other_team
    assert registration.created_by is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"postcode": "99"}, "postcode"),
        ({"house_number": "abc"}, "house_number"),
        ({"birth_date": "2999-01-01"}, "birth_date"),
        ({"bsn": "123456789"}, "bsn"),
        ({"question": ""}, "question"),
        ({"reporter_kind": "robot"}, "reporter_kind"),
        ({"email": "<script>", "phone": ""}, "email"),
        ({"life_domains": ["nep"]}, "life_domains"),
    ],
)
def test_bad_input_gives_400_per_field(client, worker, team, overrides, field):
    response = client.post(
        URL, _body(**overrides), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {_token(worker)}"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert not Registration.objects.exists()


def test_needs_a_token_and_registration_rights(client, make_user, team):
    assert client.post(URL, _body(), content_type="application/json").status_code in (401, 403)
    analyst = make_user("analyst", team)
    response = client.post(
        URL, _body(), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {_token(analyst)}"
    )
    assert response.status_code == 403


def test_rate_limited(client, worker, team, settings):
    from rest_framework.throttling import ScopedRateThrottle

    rates = {**ScopedRateThrottle.THROTTLE_RATES, "intake_registration_create": "2/hour"}
    original = ScopedRateThrottle.THROTTLE_RATES
    ScopedRateThrottle.THROTTLE_RATES = rates
    try:
        key = _token(worker)
        codes = [
            client.post(URL, _body(), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}").status_code
            for _ in range(3)
        ]
    finally:
        ScopedRateThrottle.THROTTLE_RATES = original
    assert codes == [201, 201, 429]
