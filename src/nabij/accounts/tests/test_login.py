"""Login as a system with special personal data needs it: password, TOTP, lockout, time-outs."""

import time

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from nabij.accounts.middleware import AUTH_AT, SEEN_AT
from nabij.accounts.tests.factories import TEST_PASSWORD
from nabij.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_anonymous_visitor_is_sent_to_the_dutch_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    page = client.get(response.url)
    assert page.status_code == 200
    assert '<html lang="nl">' in page.content.decode()
    assert "Inloggen bij Nabij" in page.content.decode()


def test_demo_mode_logs_in_with_password_and_shows_worklist(client, worker, settings):
    settings.REQUIRE_2FA = False
    response = client.post(reverse("accounts:login"), {"username": worker.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    page = client.get(response.url, follow=True)
    assert page.status_code == 200
    assert "Mijn werkvoorraad" in page.content.decode()
    assert AuditEvent.objects.filter(event_type="auth.login", user=worker).exists()


def test_wrong_password_gives_a_clear_message_and_keeps_the_username(client, worker):
    response = client.post(reverse("accounts:login"), {"username": worker.username, "password": "verkeerd-wachtwoord"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "De combinatie van gebruikersnaam en wachtwoord klopt niet." in body
    assert f'value="{worker.username}"' in body
    failed = AuditEvent.objects.get(event_type="auth.login_failed")
    assert failed.event_outcome == AuditEvent.Outcome.FAILURE
    assert failed.user_name == worker.username


def test_two_factor_enrolment_then_verification(client, worker, settings):
    settings.REQUIRE_2FA = True
    login_url = reverse("accounts:login")
    response = client.post(login_url, {"username": worker.username, "password": TEST_PASSWORD})
    assert response.url == reverse("accounts:otp_setup")
    page = client.get(response.url)
    assert "<svg" in page.content.decode()  # the QR code
    # not logged in yet: the worklist sends us back to login
    assert client.get(reverse("cases:worklist")).status_code == 302

    device = TOTPDevice.objects.get(user=worker, confirmed=False)
    bad = client.post(
        reverse("accounts:otp_setup"), {"token": "000000" if current_code(device) != "000000" else "111111"}
    )
    assert bad.status_code == 400
    assert "Deze code klopt niet" in bad.content.decode()

    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a failure; the test need not wait
    ok = client.post(reverse("accounts:otp_setup"), {"token": current_code(device)})
    assert ok.status_code == 302
    assert client.get(reverse("cases:worklist")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed

    # Next login asks for the code, not the enrolment.
    client.post(reverse("accounts:logout"))
    response = client.post(login_url, {"username": worker.username, "password": TEST_PASSWORD})
    assert response.url == reverse("accounts:otp_verify")
    device.refresh_from_db()
    device.last_t = -1  # the same 30 s window may be used once; allow it again in the test
    device.save()
    ok = client.post(reverse("accounts:otp_verify"), {"token": current_code(device)})
    assert ok.status_code == 302
    assert client.get(reverse("cases:worklist")).status_code == 200


def test_code_form_rejects_non_digits_on_the_field(client, worker, settings):
    settings.REQUIRE_2FA = True
    client.post(reverse("accounts:login"), {"username": worker.username, "password": TEST_PASSWORD})
    response = client.post(reverse("accounts:otp_setup"), {"token": "abc"})
    assert "Vul de zes cijfers in" in response.content.decode()


def test_session_without_verified_device_is_ended_when_2fa_required(client, worker, settings):
    settings.REQUIRE_2FA = True
    client.force_login(worker)  # a session that never passed the second factor
    response = client.get(reverse("cases:worklist"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_lockout_after_repeated_failures(client, worker, settings):
    settings.AXES_FAILURE_LIMIT = 3
    url = reverse("accounts:login")
    for _ in range(3):
        client.post(url, {"username": worker.username, "password": "helemaal-verkeerd"})
    response = client.post(url, {"username": worker.username, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.content.decode()
    assert client.get(reverse("cases:worklist")).status_code == 302  # not logged in


def test_idle_timeout_logs_out(client_for, worker, settings):
    client = client_for(worker)
    assert client.get(reverse("cases:worklist")).status_code == 200
    session = client.session
    session[SEEN_AT] = time.time() - settings.SESSION_IDLE_TIMEOUT_MINUTES * 60 - 5
    session.save()
    response = client.get(reverse("cases:worklist"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url
    assert client.get(reverse("cases:worklist")).status_code == 302


def test_absolute_timeout_logs_out_even_when_active(client_for, worker, settings):
    client = client_for(worker)
    client.get(reverse("cases:worklist"))
    session = client.session
    session[AUTH_AT] = time.time() - settings.SESSION_ABSOLUTE_TIMEOUT_MINUTES * 60 - 5
    session[SEEN_AT] = time.time()
    session.save()
    response = client.get(reverse("cases:worklist"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert reverse("accounts:login") in response["HX-Redirect"]


def test_logout_is_post_only_and_audited(client_for, worker):
    client = client_for(worker)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert AuditEvent.objects.filter(event_type="auth.logout", user=worker).exists()


def test_open_redirect_after_login_is_refused(client, worker, settings):
    settings.REQUIRE_2FA = False
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"username": worker.username, "password": TEST_PASSWORD},
    )
    assert response.url == reverse("core:home")


def test_team_switch_only_to_own_teams(client_for, make_user, team, other_team):
    user = make_user("worker", team)
    client = client_for(user)
    client.post(reverse("accounts:switch_team"), {"team": other_team.pk, "next": "/"})
    assert client.session.get("nabij_active_team") is None
    from nabij.accounts.tests.factories import MembershipFactory

    MembershipFactory(user=user, team=other_team, role="worker")
    client.post(reverse("accounts:switch_team"), {"team": other_team.pk, "next": "/"})
    assert client.session["nabij_active_team"] == other_team.pk
