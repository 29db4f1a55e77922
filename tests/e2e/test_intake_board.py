"""The aanmeldoverleg board in a real browser: the coordinator finds the board, sees waiting
times and overdue first contact in words, opens a registration and records the triage."""

import pytest

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_board_and_triage(make_page, live_server, demo, login, assert_accessible, viewport):
    page = login(make_page(viewport), "coordinator")
    page.goto(live_server.url + "/aanmeldingen/")
    assert page.get_by_role("heading", name="Aanmeldoverleg Wijkteam Oud-Beijerland").is_visible()
    assert page.get_by_text("Te laat").first.is_visible()
    assert page.get_by_text("Zorgen over veiligheid").first.is_visible()
    assert_accessible(page, context=f"board ({viewport})")

    page.get_by_role("link", name="A-DEMO-001").click()
    assert page.get_by_role("heading", name="Aanmelding A-DEMO-001").is_visible()
    assert_accessible(page, context=f"registration ({viewport})")

    page.get_by_role("link", name="Triage vastleggen").click()
    page.get_by_role("button", name="Triage opslaan").click()
    summary = page.get_by_role("alert")
    assert summary.get_by_text("Er is iets niet goed ingevuld").is_visible()
    assert_accessible(page, context=f"triage with errors ({viewport})")
    page.get_by_label("Meervoudig").check()
    page.get_by_label("Normaal").check()
    page.get_by_role("button", name="Triage opslaan").click()
    assert page.get_by_text("De triage is vastgelegd.").is_visible()
    assert page.get_by_text("Meervoudig").first.is_visible()
