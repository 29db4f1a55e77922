"""The issue's walk end to end: a resident registers on a phone, the coordinator sees it on
the board with its waiting time, triages it, the core decision assigns a worker, consent is
recorded and the case opens for the household; the worker finds it on their worklist and the
confirmation text is on file. Board and registration page pass axe (WCAG 2.2 AA)."""

import re

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The public form's rate limit counts in the (process-wide) cache: other browser tests
    in this run post the form too."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_registration_from_the_form_to_the_worklist(make_page, live_server, demo, login, assert_accessible):
    from django.urls import reverse

    from nabij.intake.models import Registration

    # 1. A resident registers on a phone.
    resident_page = make_page("phone")
    resident_page.goto(f"{live_server.url}/aanmelden/")
    resident_page.get_by_label("De inwoner zelf").check()
    resident_page.get_by_label("Voornaam").fill("Doorloop")
    resident_page.get_by_label("Achternaam").fill("Testbewoner")
    resident_page.get_by_label("Postcode").fill("3262 AB")
    resident_page.get_by_label("Huisnummer").fill("9")
    resident_page.get_by_role("textbox", name=re.compile("^Telefoonnummer")).fill("0612345678")
    resident_page.get_by_label("Wat is de vraag of zorg?").fill("Ik heb hulp nodig bij mijn administratie (e2e).")
    resident_page.get_by_label("Ja, weet ervan en is akkoord").check()
    resident_page.get_by_role("button", name="Aanmelding versturen").click()
    reference = resident_page.locator("[data-reference]").inner_text()
    registration = Registration.objects.get(reference=reference)

    # 2. The coordinator of the registration's team sees it on the board with its waiting time.
    membership = registration.team.memberships.filter(role="coordinator").select_related("user").first()
    page = make_page("desktop")
    login(page, membership.user.username)
    page.goto(live_server.url + reverse("intake:board"))
    link = page.get_by_role("link", name=reference, exact=True)
    assert link.is_visible()
    row = page.get_by_role("row").filter(has=link)
    assert re.search(r"\d+ werkdag", row.inner_text())
    assert_accessible(page, context="board")
    link.click()
    page.wait_for_url(re.compile(reverse("intake:registration", kwargs={"pk": registration.pk}) + "$"))
    assert page.get_by_role("heading", name=f"Aanmelding {reference}").is_visible()
    assert_accessible(page, context="registration")

    # 3. Triage, then the core decision assigns a worker of the team.
    page.get_by_role("link", name="Triage vastleggen").click()
    page.get_by_label("Meervoudig", exact=True).check()
    page.get_by_role("button", name="Triage opslaan").click()
    assert page.get_by_text("De triage is vastgelegd.").is_visible()
    page.get_by_role("link", name="Uitkomst vastleggen").click()
    page.get_by_label("Kernbesluit: ondersteuning door het team").check()
    page.get_by_label(re.compile("^Voorgestelde interventies")).fill("Samen de post doornemen (e2e).")
    page.get_by_label(re.compile("^Doel")).fill("Overzicht in de administratie (e2e).")
    page.get_by_label(re.compile("^Beoogd resultaat")).fill("Geen achterstallige rekeningen (e2e).")
    worker = (
        registration.team.memberships.filter(role="worker")
        .exclude(user=membership.user)
        .select_related("user")
        .first()
        .user
    )
    page.get_by_label(re.compile("^Uitvoerend medewerker")).select_option(value=str(worker.pk))
    page.get_by_role("button", name="Uitkomst vastleggen").click()
    assert page.get_by_text("De uitkomst is vastgelegd.").is_visible()

    # 4. Consent recorded, the case opens for the household.
    page.get_by_role("link", name="Toestemming vastleggen en casus openen").click()
    page.get_by_label(re.compile("^Hoe gaf de inwoner toestemming")).select_option(value="oral")
    page.get_by_label(re.compile("^Notitie bij de toestemming")).fill("Telefonisch akkoord gegeven (e2e).")
    page.get_by_role("button", name="Casus openen").click()
    assert page.get_by_text("De casus is geopend").is_visible()
    registration.refresh_from_db()
    assert registration.case_id is not None and registration.status == Registration.Status.DECIDED
    assert registration.case.household_id == registration.resident.household_id

    # 5. The worker sees it on the worklist; the confirmation text is on file.
    worker_page = make_page("desktop")
    login(worker_page, worker.username)
    worker_page.goto(live_server.url + "/")
    assert worker_page.get_by_role("heading", name="Mijn werkvoorraad").is_visible()
    assert worker_page.get_by_text(registration.case.reference).first.is_visible()
    assert registration.letters.filter(kind="ontvangst").exists()
