"""The case file in a real browser, on a tablet at the kitchen table: find the resident, open
the case, register a contact moment (autosaved as a draft while typing), see it on the
timeline. Every page passes axe (WCAG 2.2 AA)."""

import re

import pytest

pytestmark = pytest.mark.e2e

NOTE = "Keukentafelgesprek (e2e): samen de post doorgenomen en een belafspraak gemaakt."


def test_worker_registers_contact_moment_on_tablet(make_page, live_server, demo, login, assert_accessible):
    from django.db.models import Max

    from nabij.cases.models import Case, Phase

    # A case whose timeline has been quiet for a while (other demos write lines "now"), so the
    # new contact moment is the newest line.
    case = (
        Case.objects.filter(contact_person__username="werker", phase=Phase.EXECUTION)
        .annotate(last_event=Max("events__occurred_at"))
        .select_related("primary_resident")
        .order_by("last_event", "pk")
        .first()
    )
    resident = case.primary_resident

    page = make_page("tablet")
    login(page, "werker")
    assert page.get_by_role("heading", name="Mijn werkvoorraad").is_visible()
    assert page.get_by_text("Te laat").first.is_visible()
    assert_accessible(page, context="worklist")

    # Find the resident.
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Zoeken").click()
    assert page.get_by_role("heading", name="Inwoner zoeken").is_visible()
    assert_accessible(page, context="search form")
    page.get_by_label("Naam").fill(f"{resident.surname_prefix} {resident.surname}".strip())
    page.get_by_role("button", name="Zoeken").click()
    result = page.get_by_role("link", name=resident.sort_name)
    assert result.is_visible()
    assert_accessible(page, context="search results")

    # Open the case: summary card and tabs.
    result.click()
    assert page.get_by_role("heading", level=1).filter(has_text=resident.full_name).is_visible()
    assert page.get_by_role("region", name="Samenvatting casus").get_by_text("Uitvoering").is_visible()
    tabs = page.get_by_role("navigation", name="Onderdelen van het dossier")
    for name in ["Overzicht", "Tijdlijn", "Netwerk", "Documenten"]:
        assert tabs.get_by_role("link", name=name).is_visible()
    assert_accessible(page, context="case overview")
    tabs.get_by_role("link", name="Netwerk").click()
    assert re.search(r"/casus/\d+/netwerk/$", page.url)
    assert_accessible(page, context="case network")
    tabs.get_by_role("link", name="Documenten").click()
    assert_accessible(page, context="case documents")

    # Register a contact moment; the draft is saved while typing.
    tabs.get_by_role("link", name="Tijdlijn").click()
    assert_accessible(page, context="case timeline")
    page.get_by_role("link", name="Nieuw contactmoment").first.click()
    assert page.get_by_role("heading", name="Nieuw contactmoment").is_visible()
    page.get_by_label("Soort contact").select_option("huisbezoek")
    page.get_by_label("Kerntaak").select_option("hulpverlenen")
    page.get_by_label("Tijd in minuten").fill("40")
    page.get_by_label("Deelnemers").fill("inwoner en dochter")
    page.get_by_label("Verslag").fill(NOTE)
    page.get_by_text(re.compile(r"Concept opgeslagen om \d\d:\d\d")).wait_for()
    assert_accessible(page, context="contact form")
    page.get_by_role("button", name="Contactmoment opslaan").click()

    # On the timeline, newest first.
    assert re.search(r"/casus/\d+/tijdlijn/$", page.url)
    assert page.get_by_text("Het contactmoment is opgeslagen.").is_visible()
    item = page.locator(".nabij-timeline__item").filter(has_text=NOTE)
    assert item.is_visible()
    assert "Huisbezoek · Hulpverlenen · 40 min" in item.inner_text()
    assert NOTE in page.locator(".nabij-timeline__item").first.inner_text()
    assert_accessible(page, context="timeline after save")


def test_case_page_and_worklist_on_a_phone(make_page, live_server, demo, login, assert_accessible):
    from nabij.cases.models import Case

    case = Case.objects.filter(contact_person__username="werker", household__safety_warning__gt="").first()
    page = make_page("phone")
    login(page, "werker")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert_accessible(page, context="worklist at 360px")
    page.goto(f"{live_server.url}/casus/{case.pk}/")
    warning = page.get_by_role("alert").filter(has_text="veiligheidswaarschuwing")
    assert warning.is_visible()
    assert warning.bounding_box()["y"] < page.get_by_role("region", name="Samenvatting casus").bounding_box()["y"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert_accessible(page, context="case overview at 360px")
