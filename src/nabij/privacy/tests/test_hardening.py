"""Hardening on real responses: headers and cookies on protected pages (the login page is
covered by core/tests/test_shell.py), production settings pass `check --deploy`, no stack
traces reach users, and no personal data reaches the application logs."""

import logging
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import path, reverse

from nabij.cases.selectors import case_get_for_user
from nabij.consent.services import consent_record

pytestmark = pytest.mark.django_db
REPO = Path(settings.BASE_DIR)
DEMO_BSN = "111222333"


def test_headers_on_a_protected_page(client_for, privacy_officer):
    response = client_for(privacy_officer).get(reverse("privacy:audit_log"))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "form-action 'self'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Server" not in response


def test_csrf_cookie_is_httponly_and_samesite(client):
    response = client.get(reverse("accounts:login"))
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_privacy_pages_have_no_inline_script_or_style(client_for, privacy_officer, case):
    client = client_for(privacy_officer)
    for url in (
        reverse("privacy:index"),
        reverse("privacy:audit_log"),
        reverse("privacy:emergency_reviews"),
        reverse("privacy:access_report", args=[case.primary_resident_id]),
    ):
        body = client.get(url).content.decode()
        assert "<script>" not in body and "style=" not in body and "onclick" not in body


def test_production_settings_pass_check_deploy_with_secure_cookies_and_hsts(tmp_path):
    # Only what a production server has: not the test run's own switches (the browser tests'
    # conftest sets DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly flags).
    inherited = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG")}
    env = {
        **inherited,
        "NABIJ_ENV": "production",
        "SECRET_KEY": "x" * 64 + "-production-test-key-Aa1!",
        "NABIJ_FIELD_KEY": "field-key-for-the-deploy-check",
        "ALLOWED_HOSTS": "nabij.example",
        "NABIJ_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "NABIJ_TESTING": "0",
        "NABIJ_DEMO_MODE": "0",
        "NABIJ_REQUIRE_2FA": "1",
    }
    script = (
        "import django,sys;from django.conf import settings as s;django.setup();"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS>0, s.DEBUG, s.REQUIRE_2FA)"
    )
    flags = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            f"import sys;sys.path.insert(0,'src');import os;"
            f"os.environ.setdefault('DJANGO_SETTINGS_MODULE','nabij.settings');{script}",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert flags.stdout.split() == ["True", "True", "True", "False", "True"], flags.stdout + flags.stderr
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _boom(request):
    raise RuntimeError("geheime interne fout met details")


urlpatterns = [path("boom/", _boom)]


def test_no_stack_trace_to_users(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Traceback" not in body and "geheime interne fout" not in body and "RuntimeError" not in body


def test_no_personal_data_in_application_logs(caplog, client_for, worker, other_worker, privacy_officer, case):
    resident = case.primary_resident
    resident.given_names, resident.surname = "Zeldzaamvoornaam", "Unieke-Achternaam"
    resident.email = "zeldzaam@demo.nabij.example"
    resident.set_bsn(DEMO_BSN)
    resident.save()
    reason = "Crisis bij Zeldzaamvoornaam thuis, contactpersoon onbereikbaar"
    with caplog.at_level(logging.DEBUG):
        case_get_for_user(worker, case_id=case.pk)
        consent_record(
            actor=worker, resident=resident, case=case, purpose="open_dossier", form="signed", given_at=date.today()
        )
        client_for(worker).post(reverse("cases:bsn_reveal", args=[case.pk, resident.pk]))
        client_for(other_worker).post(reverse("privacy:emergency_access", args=[case.pk]), {"reason": reason})
        client = client_for(privacy_officer)
        client.get(reverse("privacy:access_report", args=[resident.pk]))
        client.get(reverse("privacy:resident_export", args=[resident.pk]), {"formaat": "json"})
        client.get(reverse("privacy:resident_export", args=[resident.pk]), {"formaat": "zip"})
        client.get(reverse("privacy:access_report", args=[resident.pk]), {"formaat": "pdf"})
        client.get(reverse("privacy:resident_lookup"), {"surname": resident.surname, "birth_date": "1-1-1970"})
        client.get(reverse("privacy:audit_log"), {"resident_id": resident.pk})
    text = caplog.text
    for secret in ("Zeldzaamvoornaam", "Unieke-Achternaam", DEMO_BSN, "zeldzaam@demo", "Crisis bij"):
        assert secret not in text
