"""The case page: tabs, access branches, audit events, query budgets, safety warnings."""

import re

import pytest
from django.urls import reverse

from nabij.audit.models import AuditEvent
from nabij.cases.tests.factories import CaseFactory, ContactMomentFactory
from nabij.residents.tests.factories import NetworkMemberFactory, ResidentFactory

pytestmark = pytest.mark.django_db

TABS = ["overzicht", "tijdlijn", "netwerk", "documenten"]
# Queries per tab on PostgreSQL (SQLite: one fewer, no advisory lock for the audit chain).
TAB_BUDGETS = {"overzicht": 20, "tijdlijn": 19, "netwerk": 19, "documenten": 18}


@pytest.fixture
def case(team, worker):
    return CaseFactory(team=team, contact_person=worker)


@pytest.mark.parametrize("tab", TABS)
def test_each_tab_renders_for_own_team_and_is_audited(client_for, worker, case, tab):
    response = client_for(worker).get(reverse("cases:tab", args=[case.pk, tab]))
    assert response.status_code == 200
    body = response.content.decode()
    assert case.reference in body
    assert 'aria-current="page"' in body
    event = AuditEvent.objects.filter(event_type=f"case.view.{tab}").get()
    assert event.event_outcome == "success" and event.resident_id == case.primary_resident_id


@pytest.mark.parametrize("tab", TABS)
def test_other_team_gets_404_and_denied_audit(client_for, other_worker, case, tab):
    response = client_for(other_worker).get(reverse("cases:tab", args=[case.pk, tab]))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(event_type=f"case.view.{tab}", event_outcome="denied").count() == 1


@pytest.mark.parametrize("role", ["privacy_officer", "analyst", "functional_admin", "volunteer_coordinator"])
def test_non_case_roles_get_404(client_for, make_user, team, case, role):
    assert client_for(make_user(role, team)).get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_missing_case_is_404_like_forbidden(client_for, worker):
    assert client_for(worker).get(reverse("cases:detail", args=[987654])).status_code == 404


def test_anonymous_is_sent_to_login(client, case):
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_unknown_tab_is_not_routed_here(client_for, worker, case):
    assert client_for(worker).get(f"/casus/{case.pk}/plan/").status_code == 404


def test_safety_warning_shown_above_everything(client_for, worker, case):
    household = case.household
    household.safety_warning = "Alleen met z'n tweeën op huisbezoek"
    household.save()
    body = client_for(worker).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Let op: veiligheidswaarschuwing" in body
    assert body.index("veiligheidswaarschuwing") < body.index("nabij-summary")
    assert "Alleen met z&#x27;n tweeën op huisbezoek" in body


def test_summary_card_shows_members_phase_and_next_item(client_for, worker, case):
    ResidentFactory(household=case.household, given_names="Partnerpersoon")
    body = client_for(worker).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Partnerpersoon" in body
    assert case.get_phase_display() in body
    assert "Geen toestemming voor het dossier vastgelegd" in body


def _fill(case, author, n):
    for i in range(n):
        ContactMomentFactory(case=case, author=author)
        NetworkMemberFactory(household=case.household, kind=["familie", "buur", "vriend"][i % 3])
        ResidentFactory(household=case.household)
    from nabij.cases.services import case_event_record

    for _i in range(n):
        case_event_record(case=case, kind="note", summary="Regel", actor=author)


@pytest.mark.parametrize("tab", TABS)
def test_case_page_query_count_is_fixed(client_for, worker, case, tab, django_assert_max_num_queries):
    client = client_for(worker)
    url = reverse("cases:tab", args=[case.pk, tab])
    _fill(case, worker, 1)
    client.get(url)  # warm-up (session, content types)
    with django_assert_max_num_queries(TAB_BUDGETS[tab]) as one:
        assert client.get(url).status_code == 200
    _fill(case, worker, 49)
    with django_assert_max_num_queries(TAB_BUDGETS[tab]) as many:
        assert client.get(url).status_code == 200
    assert len(one.captured_queries) == len(many.captured_queries)


def test_timeline_filters_by_kind_and_person(client_for, worker, case, make_user, team):
    from nabij.cases.services import case_event_record

    colleague = make_user("worker", team)
    case_event_record(case=case, kind="note", summary="Regel van werker", actor=worker)
    case_event_record(case=case, kind="plan", summary="Planregel van collega", actor=colleague)
    client = client_for(worker)
    url = reverse("cases:tab", args=[case.pk, "tijdlijn"])
    body = client.get(url, {"soort": "plan"}).content.decode()
    assert "Planregel van collega" in body and "Regel van werker" not in body
    body = client.get(url, {"persoon": worker.pk}).content.decode()
    assert "Regel van werker" in body and "Planregel van collega" not in body


def test_timeline_newest_first(client_for, worker, case):
    from datetime import timedelta

    from django.utils import timezone

    from nabij.cases.services import case_event_record

    case_event_record(case=case, kind="note", summary="Oud", occurred_at=timezone.now() - timedelta(days=3))
    case_event_record(case=case, kind="note", summary="Nieuw")
    body = client_for(worker).get(reverse("cases:tab", args=[case.pk, "tijdlijn"])).content.decode()
    assert body.index("Nieuw") < body.index("Oud")


def test_network_grouped_by_kind(client_for, worker, case):
    NetworkMemberFactory(household=case.household, kind="mantelzorger", name="Mantel Zorger")
    NetworkMemberFactory(household=case.household, kind="buur", name="Buur Man")
    body = client_for(worker).get(reverse("cases:tab", args=[case.pk, "netwerk"])).content.decode()
    assert body.index("Mantelzorger") < body.index("Mantel Zorger") < body.index("Buren") < body.index("Buur Man")


def test_bsn_masked_and_reveal_is_audited(client_for, worker, case):
    resident = case.primary_resident
    resident.set_bsn("111222333")
    resident.save()
    client = client_for(worker)
    body = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "111222333" not in body and "•••••2333" in body
    response = client.post(reverse("cases:bsn_reveal", args=[case.pk, resident.pk]))
    assert "111222333" in response.content.decode()
    assert AuditEvent.objects.filter(event_type="resident.bsn_reveal", resident_id=resident.pk).count() == 1
    htmx = client.post(reverse("cases:bsn_reveal", args=[case.pk, resident.pk]), headers={"HX-Request": "true"})
    assert htmx.content.decode().strip() == "111222333"


def test_bsn_reveal_other_team_404(client_for, other_worker, case):
    response = client_for(other_worker).post(reverse("cases:bsn_reveal", args=[case.pk, case.primary_resident_id]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(event_type="resident.bsn_reveal", event_outcome="success").exists()


def test_other_apps_can_add_a_tab(client_for, worker, case, settings):
    from django.urls import include, path

    import nabij.urls as root
    from nabij.cases import tabs

    def plan_view(request, case_id):  # pragma: no cover - only reversed
        raise AssertionError

    class Urls:
        urlpatterns = [
            path("x/", include(([path("plan/<int:case_id>/", plan_view, name="case_plan")], "plans_test"))),
            *root.urlpatterns,
        ]

    settings.ROOT_URLCONF = Urls
    registered = tabs._TABS.get("plan")  # the plans app's own tab: put it back afterwards
    tabs.register_tab(tabs.CaseTab("plan", "Plan", "plans_test:case_plan", 30))
    try:
        body = client_for(worker).get(reverse("cases:tab", args=[case.pk, "tijdlijn"])).content.decode()
        assert f'href="/x/plan/{case.pk}/"' in body
        assert body.index("Tijdlijn</a>") < body.index(">Plan</a>") < body.index("Netwerk</a>")
    finally:
        tabs._TABS.pop("plan")
        if registered is not None:
            tabs.register_tab(registered)


def test_emergency_access_opens_case_of_other_team(client_for, other_worker, case):
    from datetime import timedelta

    from django.utils import timezone

    from nabij.cases.models import EmergencyAccess

    EmergencyAccess.objects.create(
        user=other_worker,
        case=case,
        reason="Acute situatie buiten kantoortijd",
        expires_at=timezone.now() + timedelta(hours=4),
    )
    assert client_for(other_worker).get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_case_open_keeps_its_contract_and_sets_first_contact_norm(worker, team):
    from nabij.cases.services import case_open
    from nabij.core.workdays import working_days_between
    from nabij.residents.tests.factories import ResidentFactory

    resident = ResidentFactory()
    case = case_open(actor=worker, household=resident.household, primary_resident=resident, team=team)
    assert working_days_between(case.opened_at.date(), case.first_contact_due) in (4, 5)
    assert case_open(actor=worker, household=resident.household, primary_resident=resident, team=team) == case


def _timeline_lines(body: str) -> list[str]:
    return re.findall(r"Regel (\d+)<", body)


def test_timeline_shows_fifty_lines_a_page_with_a_link_to_older_ones(client_for, worker, case):
    from datetime import timedelta

    from django.utils import timezone

    from nabij.cases.models import CaseEvent
    from nabij.cases.selectors import TIMELINE_PAGE_SIZE
    from nabij.cases.services import case_event_record

    start = timezone.now() - timedelta(days=100)
    # Lines 0..59, newest last; 48..52 share one moment, so the page boundary falls inside a tie.
    for n in range(60):
        moment = start + timedelta(hours=48 if 48 <= n <= 52 else n)
        case_event_record(case=case, kind="note", summary=f"Regel {n:02d}", actor=worker, occurred_at=moment)
    existing = CaseEvent.objects.filter(case=case).exclude(summary__startswith="Regel").count()
    client = client_for(worker)
    url = reverse("cases:tab", args=[case.pk, "tijdlijn"])

    first = client.get(url).content.decode()
    lines = _timeline_lines(first)
    assert len(lines) == TIMELINE_PAGE_SIZE - existing if existing else TIMELINE_PAGE_SIZE
    assert lines[0] == "59" and "Oudere gebeurtenissen" in first and "Terug naar de nieuwste" not in first

    older_link = re.search(r'href="\?ouder=(\d+)" rel="next"', first)
    second = client.get(url, {"ouder": older_link.group(1)}).content.decode()
    more = _timeline_lines(second)
    # Every line once, in order, across both pages; nothing lost in the tie at the boundary.
    assert sorted(lines + more, reverse=True) == lines + more
    assert sorted(lines + more) == [f"{n:02d}" for n in range(60)]
    assert "Oudere gebeurtenissen" not in second and "Terug naar de nieuwste" in second


def test_timeline_older_link_keeps_the_filter(client_for, worker, case):
    from nabij.cases.services import case_event_record

    for n in range(55):
        case_event_record(case=case, kind="note", summary=f"Regel {n:02d}", actor=worker)
    case_event_record(case=case, kind="plan", summary="Planregel", actor=worker)
    client = client_for(worker)
    url = reverse("cases:tab", args=[case.pk, "tijdlijn"])
    body = client.get(url, {"soort": "note"}).content.decode()
    assert "Planregel" not in body
    link = re.search(r'href="\?([^"]*ouder=\d+)" rel="next"', body).group(1).replace("&amp;", "&")
    assert "soort=note" in link
    second = client.get(f"{url}?{link}").content.decode()
    assert "Planregel" not in second and len(_timeline_lines(second)) == 5


def test_timeline_older_than_a_line_of_another_case_starts_at_the_newest(client_for, worker, team, case):
    from nabij.cases.services import case_event_record

    other = CaseFactory(team=team, contact_person=worker)
    foreign = case_event_record(case=other, kind="note", summary="Andere casus", actor=worker)
    case_event_record(case=case, kind="note", summary="Regel 01", actor=worker)
    body = client_for(worker).get(reverse("cases:tab", args=[case.pk, "tijdlijn"]), {"ouder": foreign.pk})
    body = body.content.decode()
    assert _timeline_lines(body) == ["01"] and "Andere casus" not in body


def test_timeline_line_of_a_contact_moment_shows_its_attachments_and_author(client_for, worker, case):
    from datetime import datetime

    from django.utils import timezone

    from nabij.cases.models import Attachment
    from nabij.cases.services import case_event_record

    moment = ContactMomentFactory(case=case, author=worker)
    when = timezone.make_aware(datetime(2026, 3, 4, 9, 5))
    case_event_record(case=case, kind="contact", summary="Huisbezoek", actor=worker, obj=moment, occurred_at=when)
    attachment = Attachment.objects.create(
        case=case,
        contact_moment=moment,
        file="synthetisch/verslag.pdf",
        original_name="Verslag <huisbezoek>.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=worker,
    )
    body = client_for(worker).get(reverse("cases:tab", args=[case.pk, "tijdlijn"])).content.decode()
    download = reverse("cases:attachment_download", args=[attachment.pk])
    assert f'<a class="utrecht-link" href="{download}">Verslag &lt;huisbezoek&gt;.pdf</a>' in body
    local = timezone.localtime(when)
    assert f'<time datetime="{local.isoformat()}">4-3-2026 {local:%H:%M}</time> · {worker.get_full_name()}' in body
