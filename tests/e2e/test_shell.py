"""The foundation in a real browser: login, worklist, keyboard, small screens, 2FA enrolment."""

import pytest
from django_otp.oath import totp

pytestmark = pytest.mark.e2e


def test_login_page_and_worklist_for_a_demo_worker(page, live_server, demo, login, assert_accessible):
    page.goto(live_server.url + "/")
    assert "/inloggen/" in page.url
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", name="Inloggen bij Nabij").is_visible()
    assert_accessible(page, context="login")

    login(page, "werker")
    assert page.get_by_role("heading", name="Mijn werkvoorraad").is_visible()
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    assert nav.get_by_role("link", name="Werkvoorraad").is_visible()
    assert page.get_by_text("Demo-omgeving met verzonnen gegevens.").is_visible()
    assert_accessible(page, context="worklist")

    page.get_by_role("button", name="Uitloggen").click()
    assert "/inloggen/" in page.url
    assert page.get_by_text("U bent uitgelogd.").is_visible()


def test_wrong_password_keeps_username_and_explains(page, live_server, demo, assert_accessible):
    page.goto(live_server.url + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("werker")
    page.get_by_label("Wachtwoord").fill("niet-het-goede-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    assert page.get_by_role("alert").get_by_text("klopt niet").is_visible()
    assert page.get_by_label("Gebruikersnaam").input_value() == "werker"
    assert_accessible(page, context="login with error")


def test_keyboard_skip_link_comes_first(page, live_server, demo, login):
    login(page, "werker")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_usable_at_360_pixels(make_page, live_server, demo, login, assert_accessible):
    page = make_page("phone")
    login(page, "werker")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px at 360px"
    assert page.get_by_role("button", name="Uitloggen").is_visible()
    assert_accessible(page, context="worklist at 360px")


def test_two_factor_enrolment_in_the_browser(page, live_server, demo, settings, assert_accessible):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.REQUIRE_2FA = True
    page.goto(live_server.url + "/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("werker2")
    page.get_by_label("Wachtwoord").fill("demo-nabij-2026")
    page.get_by_role("button", name="Inloggen").click()
    assert page.get_by_role("heading", name="Tweestapsverificatie instellen").is_visible()
    assert page.locator(".nabij-qr svg").is_visible()
    assert_accessible(page, context="2FA enrolment")

    device = TOTPDevice.objects.get(user__username="werker2", confirmed=False)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    page.get_by_label("Code uit uw authenticator-app").fill(code)
    page.get_by_role("button", name="Bevestigen").click()
    assert page.get_by_role("heading", name="Mijn werkvoorraad").is_visible()
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
