"""The interface shell: Dutch pages, navigation by role, error pages, security headers."""

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_security_headers_on_real_responses(client):
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_session_and_csrf_cookies_are_httponly(client, worker, settings):
    settings.REQUIRE_2FA = False
    from nabij.accounts.tests.factories import TEST_PASSWORD

    response = client.post(reverse("accounts:login"), {"username": worker.username, "password": TEST_PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_no_inline_script_in_the_shell(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert "<script>" not in body and "onclick=" not in body


@override_settings(DEBUG=False)
def test_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_navigation_follows_the_role(client_for, make_user, team):
    worker_page = client_for(make_user("worker", team)).get(reverse("cases:worklist")).content.decode()
    assert "Werkvoorraad" in worker_page
    analyst = make_user("analyst", team)
    page = client_for(analyst).get(reverse("core:home"), follow=True).content.decode()
    assert reverse("cases:worklist") not in page


def test_worker_without_permission_gets_403_on_worklist(client_for, make_user, team):
    assert client_for(make_user("analyst", team)).get(reverse("cases:worklist")).status_code == 403


def test_english_is_available(client_for, worker):
    client = client_for(worker)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get(reverse("cases:worklist")).content.decode()


def test_openapi_schema_is_served(client_for, worker):
    response = client_for(worker).get(reverse("api-schema"))
    assert response.status_code == 200
    assert b"/api/cases/" in response.content


def test_500_answers_in_dutch_even_when_the_shell_fails(rf, monkeypatch):
    from nabij.core import views

    def broken_render(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(views, "render", broken_render)
    response = views.error_500(rf.get("/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
