"""Emergency access in a real browser: a worker of another team is kept out of a case
("known to team X"), gives a reason, gets in, and the privacy officer finds it on the review
list, reviews it, and sees the log. Each page is checked with axe."""

import pytest

pytestmark = pytest.mark.e2e

REASON = "Inwoner belt in crisis, de eigen contactpersoon is vandaag niet bereikbaar."


def _case_of_another_team():
    from nabij.cases.models import Case, EmergencyAccess

    werker3_cases = EmergencyAccess.objects.filter(user__username="werker3").values_list("case_id", flat=True)
    return (
        Case.objects.filter(team__name="Wijkteam Oud-Beijerland", closed_at__isnull=True)
        .exclude(pk__in=werker3_cases)
        .select_related("team", "contact_person")
        .order_by("id")
        .first()
    )


def _case_page_url(live_server, case):
    from nabij.privacy.views import case_url

    return live_server.url + (case_url(case.pk) or _emergency_url(case))


def _emergency_url(case):
    from django.urls import reverse

    return reverse("privacy:emergency_access", args=[case.pk])


def test_worker_of_another_team_breaks_the_glass_and_is_reviewed(
    make_page, live_server, demo, login, assert_accessible
):
    case = _case_of_another_team()
    assert case is not None

    worker = make_page("desktop")
    login(worker, "werker3")  # Wijkteam Numansdorp
    # Opening the case directly is refused: missing and forbidden look alike.
    response = worker.goto(_case_page_url(live_server, case))
    if _emergency_url(case) not in worker.url:
        assert response.status == 404
        worker.goto(live_server.url + _emergency_url(case))
    assert worker.get_by_role("heading", name="Deze casus hoort bij een ander team").is_visible()
    assert worker.get_by_text(f"Bekend bij {case.team.name}").is_visible()
    assert case.primary_resident.surname not in worker.content()
    assert_accessible(worker, context="emergency access: outside view")

    # Too short a reason: the form explains and keeps the text.
    worker.get_by_label("Reden voor noodtoegang").fill("snel")
    worker.get_by_role("button", name="Noodtoegang vragen").click()
    assert worker.get_by_role("alert").is_visible()
    assert worker.get_by_label("Reden voor noodtoegang").input_value() == "snel"
    assert_accessible(worker, context="emergency access: error")

    worker.get_by_label("Reden voor noodtoegang").fill(REASON)
    worker.get_by_role("button", name="Noodtoegang vragen").click()
    assert worker.get_by_text("U heeft noodtoegang tot").is_visible()
    assert (
        _emergency_url(case) not in worker.url
        or worker.get_by_role("heading", name=f"Toegang tot {case.reference}").is_visible()
    )
    assert_accessible(worker, context="emergency access: granted")

    officer = make_page("desktop")
    login(officer, "privacy")
    officer.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Privacy").click()
    assert officer.get_by_role("heading", name="Privacy", exact=True).is_visible()
    assert_accessible(officer, context="privacy index")
    officer.get_by_role("link", name="Noodtoegang beoordelen").click()
    row = officer.locator("#to-review tr", has_text=case.reference).filter(has_text="Sanne")
    assert row.count() == 1
    assert_accessible(officer, context="review list")

    row.get_by_role("link", name="Beoordelen").click()
    assert officer.get_by_text(REASON).is_visible()
    assert_accessible(officer, context="review form")
    officer.get_by_label("Oordeel").fill("Reden past bij de situatie.")
    officer.get_by_role("button", name="Oordeel vastleggen").click()
    assert officer.get_by_text("Oordeel vastgelegd.").is_visible()
    assert officer.locator("#to-review tr", has_text=case.reference).filter(has_text="Sanne").count() == 0

    officer.goto(f"{live_server.url}/privacy/auditlog/?user=werker3&event_type=case.emergency_access")
    assert officer.get_by_role("cell", name="werker3").first.is_visible()
    assert_accessible(officer, context="audit log")

    officer.goto(f"{live_server.url}/privacy/inwoners/{case.primary_resident_id}/inzageoverzicht/")
    assert officer.get_by_text(REASON).is_visible()
    assert_accessible(officer, context="access report")
