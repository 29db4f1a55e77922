"""A household from assessment through an agreed plan and one evaluation to closure with a
letter, in a real browser, with an axe check on each page."""

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def fresh_case(demo):
    """A demo household of Wijkteam Oud-Beijerland with a new case for werker, no plan yet."""
    from nabij.accounts.models import Team, User
    from nabij.cases.services import case_open
    from nabij.residents.models import Household

    team = Team.objects.get(name="Wijkteam Oud-Beijerland")
    worker = User.objects.get(username="werker")
    household = Household.objects.filter(area__parent__in=team.areas.all(), cases__isnull=True).order_by("-pk").first()
    return case_open(
        actor=worker,
        household=household,
        primary_resident=household.members.order_by("pk").first(),
        team=team,
        contact_person=worker,
    )


def test_assessment_plan_evaluation_closure_with_letter(
    page, live_server, fresh_case, login, assert_accessible, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    base = f"{live_server.url}/casussen/{fresh_case.pk}"
    login(page, "werker")

    # 1. Assessment (ZRM) at the start.
    page.goto(f"{base}/zrm/")
    assert page.get_by_role("heading", name="Zelfredzaamheid (ZRM)").is_visible()
    assert_accessible(page, context="zrm empty")
    page.get_by_role("link", name="Nieuwe score").click()
    assert_accessible(page, context="zrm form")
    page.get_by_label("Financiën", exact=True).select_option("2")
    page.get_by_label("Toelichting Financiën").fill("Betalingsachterstanden")
    page.get_by_label("Sociaal netwerk", exact=True).select_option("3")
    page.get_by_role("button", name="Score opslaan").click()
    assert page.get_by_text("De ZRM-score is opgeslagen.").is_visible()
    assert page.get_by_role("rowheader", name="Financiën").is_visible()
    assert_accessible(page, context="zrm history")

    # 2. The plan: a goal in the resident's words, an action in layer 1, agreement.
    page.get_by_role("navigation", name="Onderdelen van de casus").get_by_role("link", name="Plan").click()
    assert_accessible(page, context="plan empty")
    page.get_by_role("button", name="Plan starten").click()
    page.get_by_role("link", name="Doel toevoegen").click()
    page.get_by_role("button", name="Opslaan").click()  # empty: the error summary explains
    assert page.get_by_role("alert").get_by_text("Kies het leefgebied").is_visible()
    assert_accessible(page, context="goal form with errors")
    page.get_by_label("Leefgebied").select_option(label="Financiën")
    page.get_by_label("Doel in de woorden van de inwoner").fill("Ik wil geen aanmaningen meer.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("link", name="Actie toevoegen").click()
    assert_accessible(page, context="action form")
    page.get_by_label("Wat gebeurt er").fill("Elke week de post openen")
    page.get_by_label("1. Inwoner zelf").check()
    page.get_by_label("Wie precies").fill("Inwoner zelf")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_role("cell", name="Elke week de post openen").first.is_visible()
    assert_accessible(page, context="plan draft")
    page.get_by_role("link", name="Akkoord vastleggen").click()
    assert_accessible(page, context="agree form")
    page.get_by_label("Getekend op papier").check()
    page.get_by_label("Wie gaf akkoord").fill("Inwoner")
    page.get_by_role("button", name="Akkoord vastleggen").click()
    assert page.get_by_text("Het akkoord op versie 1 is vastgelegd.").is_visible()
    assert page.get_by_text("Akkoord", exact=True).first.is_visible()
    assert_accessible(page, context="plan agreed")

    # The plan prints as a PDF for the resident.
    pdf = page.request.get(f"{base}/plan/pdf/")
    assert pdf.ok and pdf.body().startswith(b"%PDF")

    # 3. One evaluation with a ZRM re-score.
    page.get_by_role("navigation", name="Onderdelen van de casus").get_by_role("link", name="Evaluaties").click()
    assert_accessible(page, context="evaluations")
    page.get_by_role("link", name="Evaluatie vastleggen").click()
    assert_accessible(page, context="evaluation form")
    page.get_by_label("Deels bereikt").check()
    page.get_by_label("Wat hielp").fill("De dochter helpt op zondag")
    page.get_by_label("Besproken in het wijkteamoverleg").check()
    page.get_by_label("Financiën", exact=True).select_option("4")
    page.get_by_role("button", name="Evaluatie opslaan").click()
    assert page.get_by_text("De evaluatie is opgeslagen.").is_visible()
    assert page.get_by_role("cell", name="Deels bereikt").is_visible()
    assert_accessible(page, context="evaluation detail")
    page.goto(f"{base}/zrm/")
    assert page.get_by_text("+2").is_visible()  # Financiën 2 → 4

    # 4. Closure with a letter to the resident.
    page.get_by_role("navigation", name="Onderdelen van de casus").get_by_role("link", name="Afsluiting").click()
    assert_accessible(page, context="closure empty")
    page.get_by_role("link", name="Casus afsluiten").click()
    assert_accessible(page, context="closure form")
    page.get_by_label("Reden van afsluiten").select_option(label="Doelen bereikt")
    page.get_by_label("Wat is er echt gedaan").fill("Post wekelijks geopend, achterstand betaald.")
    page.get_by_role("button", name="Casus afsluiten").click()
    # An action is still open: the agreements on scaling down are asked for.
    assert page.get_by_role("alert").get_by_text("acties open").is_visible()
    page.get_by_label("Afspraken over afschalen van betrokkenen").fill("Niemand meer betrokken.")
    page.get_by_label("Rapportcijfer (1 tot 10)").fill("8")
    page.get_by_role("button", name="Casus afsluiten").click()
    assert page.get_by_text("De casus is afgesloten.").is_visible()
    letter = page.get_by_role("link", name="Brief afsluiting aan inwoner")
    assert letter.is_visible()
    assert_accessible(page, context="closure done")
    response = page.request.get(live_server.url + letter.get_attribute("href"))
    assert response.ok and response.body().startswith(b"%PDF")

    # The closed case's plan is read-only.
    page.goto(f"{base}/plan/")
    assert page.get_by_text("Het plan is alleen te lezen.").is_visible()
    assert page.get_by_role("link", name="Plan wijzigen").count() == 0
