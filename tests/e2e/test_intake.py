"""The front door in a real browser: a resident registers on a phone-sized screen (360x740)
and sees the reference; a worker takes a phone intake and the "Bekend?" panel shows who
knows the person as they type. Every page passes axe (WCAG 2.2 AA); no CSP violations.

The rest of the walk (board → triage → kernbesluit → consent → case on the worklist) is in
tests/e2e/test_intake_flow.py."""

import re

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The public form's rate limit counts in the process-wide cache; start each test clean."""
    from django.core.cache import cache

    cache.clear()


def test_resident_registers_on_a_phone(make_page, live_server, demo, assert_accessible):
    from nabij.intake.models import Registration, RegistrationLetter

    page = make_page("phone")
    page.goto(f"{live_server.url}/aanmelden/")
    assert page.get_by_role("heading", name="Aanmelden bij het wijkteam").is_visible()
    assert_accessible(page, context="public form")
    # Nothing wider than the screen.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360

    # Progressive disclosure: the reporter part shows only when someone else registers.
    assert not page.get_by_label("Uw naam").is_visible()
    page.get_by_label("Familie, buur of bekende").check()
    assert page.get_by_label("Uw naam").is_visible()
    page.get_by_label("De inwoner zelf").check()
    assert not page.get_by_label("Uw naam").is_visible()

    page.get_by_label("Voornaam").fill("Eetee")
    page.get_by_label("Achternaam").fill("Testbewoner")
    page.get_by_label("Postcode").fill("3262")  # wrong on purpose
    page.get_by_label("Huisnummer").fill("8")
    page.get_by_role("textbox", name=re.compile("^Telefoonnummer")).fill("0612345678")
    page.get_by_label("Wat is de vraag of zorg?").fill("Ik kom niet meer rond en de brieven stapelen zich op (e2e).")
    page.get_by_label("Ja, weet ervan en is akkoord").check()
    page.get_by_role("button", name="Aanmelding versturen").click()

    # Error summary first, linked to the field; what was typed stays.
    summary = page.get_by_role("alert")
    assert summary.get_by_text("Er is iets niet goed ingevuld").is_visible()
    assert page.get_by_label("Wat is de vraag of zorg?").input_value().startswith("Ik kom niet meer rond")
    assert_accessible(page, context="public form with errors")
    summary.get_by_role("link", name=re.compile("Postcode")).click()
    assert page.evaluate("() => document.activeElement.id") == "id_postcode"
    page.get_by_label("Postcode").fill("3262 AB")
    page.get_by_role("button", name="Aanmelding versturen").click()

    assert page.get_by_role("heading", name=re.compile("Bedankt")).is_visible()
    assert page.url.endswith("/aanmelden/ontvangen/")
    reference = page.locator("[data-reference]").inner_text()
    assert re.fullmatch(r"A-\d{4}-\d{5}", reference)
    assert page.get_by_text("Wat gebeurt er nu?").is_visible()
    assert_accessible(page, context="confirmation")

    registration = Registration.objects.get(reference=reference)
    assert registration.channel == "web" and registration.team_id is not None
    assert RegistrationLetter.objects.filter(registration=registration, kind="ontvangst").exists()


def test_phone_intake_shows_who_knows_the_person(make_page, live_server, demo, login, assert_accessible):
    from nabij.cases.models import Case
    from nabij.intake.models import Registration

    case = (
        Case.objects.filter(closed_at__isnull=True, primary_resident__birth_date__isnull=False)
        .select_related("primary_resident", "team")
        .order_by("pk")
        .first()
    )
    resident = case.primary_resident

    page = make_page("desktop")
    login(page, "werker")
    page.goto(f"{live_server.url}/aanmeldingen/nieuw/")
    assert page.get_by_role("radio", name="Telefoon").is_checked()
    assert page.evaluate("() => document.activeElement.name") == "given_names"
    assert_accessible(page, context="staff entry")

    page.keyboard.type(resident.given_names.split()[0])
    page.get_by_label("Achternaam").fill(resident.surname)
    page.get_by_label("Geboortedatum").fill(resident.birth_date.strftime("%-d-%-m-%Y"))
    panel = page.locator("#known-panel")
    panel.get_by_text(f"bekend bij {case.team.name}").wait_for()
    assert_accessible(page, context="staff entry with matches")

    panel.get_by_role("radio").first.check()
    page.get_by_label("Vraag of zorg").fill("Belt zelf: wil weer praten over de schulden (e2e).")
    page.get_by_label("Vraag of zorg").press("Control+Enter")
    page.wait_for_load_state()
    registration = Registration.objects.order_by("-pk").first()
    assert registration is not None and registration.resident_id == resident.pk
    assert registration.channel == "telefoon"
