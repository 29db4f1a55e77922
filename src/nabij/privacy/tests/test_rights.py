"""A resident's access report and data export come out readable, and are audited."""

import io
import json
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from nabij.audit.models import AuditEvent
from nabij.cases.selectors import case_get_for_user
from nabij.consent.services import consent_record
from nabij.privacy import services

pytestmark = pytest.mark.django_db
REASON = "Inwoner belt in crisis, eigen contactpersoon is niet bereikbaar."


def test_access_report_lists_who_and_emergency_accesses(client_for, privacy_officer, worker, other_worker, case):
    case_get_for_user(worker, case_id=case.pk)
    services.emergency_access_grant(actor=other_worker, case=case, reason=REASON)
    page = client_for(privacy_officer).get(reverse("privacy:access_report", args=[case.primary_resident_id]))
    body = page.content.decode()
    assert page.status_code == 200
    assert worker.get_full_name() in body and other_worker.get_full_name() in body
    assert REASON in body and "nog niet beoordeeld" in body
    assert 'rel="stylesheet" href="/static/nabij/privacy.css"' in body  # print stylesheet
    assert AuditEvent.objects.filter(event_type="privacy.access_report", resident_id=case.primary_resident_id).exists()
    pdf = client_for(privacy_officer).get(
        reverse("privacy:access_report", args=[case.primary_resident_id]), {"formaat": "pdf"}
    )
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_access_report_period_filter(client_for, privacy_officer, worker, case):
    case_get_for_user(worker, case_id=case.pk)
    page = client_for(privacy_officer).get(
        reverse("privacy:access_report", args=[case.primary_resident_id]),
        {"date_from": "1-1-2000", "date_to": "31-12-2000"},
    )
    assert list(page.context["rows"]) == []


def test_data_export_html_json_and_zip(client_for, privacy_officer, worker, case):
    resident = case.primary_resident
    resident.set_bsn("111222333")
    resident.save()
    consent_record(
        actor=worker,
        resident=resident,
        case=case,
        purpose="exchange",
        form="signed",
        given_at=date.today(),
        party="Huisartsenpraktijk Zuid",
    )
    client = client_for(privacy_officer)
    url = reverse("privacy:resident_export", args=[resident.pk])
    html = client.get(url).content.decode()
    assert resident.given_names in html and "Huisartsenpraktijk Zuid" in html and case.reference in html
    data = json.loads(client.get(url, {"formaat": "json"}).content)
    assert data["resident"]["BSN"] == "111222333"
    assert "bsn_hash" not in json.dumps(data)
    assert any("Huisartsenpraktijk Zuid" in json.dumps(rows) for rows in data["sections"].values())
    archive = zipfile.ZipFile(io.BytesIO(client.get(url, {"formaat": "zip"}).content))
    names = archive.namelist()
    assert {n.rsplit(".", 1)[1] for n in names} == {"html", "json", "pdf"}
    pdf = client.get(url, {"formaat": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    formats = set(
        AuditEvent.objects.filter(event_type="privacy.data_export", resident_id=resident.pk).values_list(
            "details__format", flat=True
        )
    )
    assert formats == {"html", "json", "zip", "pdf"}


@pytest.mark.parametrize("role", ["worker", "coordinator", "analyst", "functional_admin"])
def test_rights_pages_are_for_the_privacy_officer(client_for, make_user, team, case, role):
    client = client_for(make_user(role, team))
    for name in ("privacy:access_report", "privacy:resident_export", "privacy:destruction_create"):
        assert client.get(reverse(name, args=[case.primary_resident_id])).status_code == 403


def test_lookup_needs_surname_and_birth_date(client_for, privacy_officer, case):
    resident = case.primary_resident
    client = client_for(privacy_officer)
    page = client.get(reverse("privacy:resident_lookup"), {"surname": resident.surname, "birth_date": "1-1-1970"})
    assert resident in page.context["results"]
    page = client.get(reverse("privacy:resident_lookup"), {"surname": resident.surname})
    assert page.context["results"] is None and "geboortedatum" in page.content.decode()


def test_destruction_screens(client_for, privacy_officer, case):
    client = client_for(privacy_officer)
    response = client.post(
        reverse("privacy:destruction_create", args=[case.primary_resident_id]), {"received_on": "1-1-2099"}
    )
    assert response.status_code == 200 and "niet in de toekomst" in response.content.decode()
    response = client.post(
        reverse("privacy:destruction_create", args=[case.primary_resident_id]),
        {"received_on": date.today().strftime("%d-%m-%Y")},
    )
    assert response.status_code == 302
    detail = response["Location"]
    assert client.post(detail, {"action": "exception", "exception_reason": ""}).status_code == 200
    assert client.post(detail, {"action": "carry_out"}).status_code == 302
    assert "Uitgevoerd" in client.get(detail).content.decode()
    assert "Uitgevoerd" in client.get(reverse("privacy:destruction_list")).content.decode()
    assert client.get(reverse("privacy:retention")).status_code == 200


def test_access_report_query_count_is_flat(
    client_for, privacy_officer, worker, other_worker, case, django_assert_max_num_queries
):
    client = client_for(privacy_officer)
    url = reverse("privacy:access_report", args=[case.primary_resident_id])
    case_get_for_user(worker, case_id=case.pk)
    client.get(url)
    with django_assert_max_num_queries(30) as one:
        client.get(url)
    for _ in range(10):
        case_get_for_user(worker, case_id=case.pk)
    services.emergency_access_grant(actor=other_worker, case=case, reason=REASON)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)


def test_destruction_list_query_count_is_flat(client_for, privacy_officer, team, django_assert_max_num_queries):
    from nabij.cases.tests.factories import CaseFactory

    client = client_for(privacy_officer)
    services.destruction_request_register(
        actor=privacy_officer, resident=CaseFactory(team=team).primary_resident, received_on=date.today()
    )
    client.get(reverse("privacy:destruction_list"))
    with django_assert_max_num_queries(30) as one:
        client.get(reverse("privacy:destruction_list"))
    for _ in range(6):
        services.destruction_request_register(
            actor=privacy_officer, resident=CaseFactory(team=team).primary_resident, received_on=date.today()
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("privacy:destruction_list"))


def test_viewing_a_destruction_request_is_logged(client_for, privacy_officer, case):
    item = services.destruction_request_register(
        actor=privacy_officer, resident=case.primary_resident, received_on=date.today()
    )
    client_for(privacy_officer).get(reverse("privacy:destruction_detail", args=[item.pk]))
    assert AuditEvent.objects.filter(event_type="destruction.view", resident_id=case.primary_resident_id).exists()
