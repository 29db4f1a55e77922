"""Attachments (limits, access-checked download, audit), network, involvements, resident edits."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nabij.audit.models import AuditEvent
from nabij.cases import services
from nabij.cases.models import Attachment, Involvement
from nabij.cases.tests.factories import CaseFactory
from nabij.residents.models import NetworkMember

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%fictief\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def case(team, worker):
    return CaseFactory(team=team, contact_person=worker)


def _upload(client, case, name="brief.pdf", content=PDF):
    return client.post(
        reverse("cases:attachment_upload", args=[case.pk]),
        {"file": SimpleUploadedFile(name, content), "description": "Brief van de woningcorporatie"},
    )


def test_upload_and_download_audited(client_for, worker, case, settings):
    client = client_for(worker)
    assert _upload(client, case).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "brief.pdf" and attachment.content_type == "application/pdf"
    assert "brief" not in attachment.file.name  # stored under a random name
    assert str(settings.MEDIA_ROOT) in attachment.file.path
    body = client.get(reverse("cases:tab", args=[case.pk, "documenten"])).content.decode()
    assert "brief.pdf" in body
    response = client.get(reverse("cases:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(
        event_type="attachment.download", participant_object_type="attachment", participant_object_id=str(attachment.pk)
    ).exists()


def test_download_other_team_404_and_audited(client_for, worker, other_worker, case):
    _upload(client_for(worker), case)
    attachment = Attachment.objects.get()
    response = client_for(other_worker).get(reverse("cases:attachment_download", args=[attachment.pk]))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(event_type="attachment.download", event_outcome="denied").exists()


def test_missing_attachment_404(client_for, worker):
    assert client_for(worker).get(reverse("cases:attachment_download", args=[424242])).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ....", "Dit bestandstype kan niet"),
        ("nep.pdf", b"<html>", "De inhoud past niet bij de bestandsnaam"),
        ("leeg.pdf", b"", "Het bestand is leeg"),
    ],
)
def test_upload_limits(client_for, worker, case, name, content, message):
    response = _upload(client_for(worker), case, name=name, content=content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


def test_upload_too_large(worker, case, monkeypatch):
    from django.core.exceptions import ValidationError

    monkeypatch.setattr(services, "ATTACHMENT_MAX_BYTES", 10)
    with pytest.raises(ValidationError):
        services.attachment_add(actor=worker, case=case, uploaded_file=SimpleUploadedFile("a.pdf", PDF))


def test_network_member_add_and_edit(client_for, worker, case):
    client = client_for(worker)
    response = client.post(
        reverse("cases:network_new", args=[case.pk]),
        {"kind": "mantelzorger", "name": "Dochter Fictief", "role": "dochter", "how_to_reach": "na 18 uur"},
    )
    assert response.status_code == 302
    member = NetworkMember.objects.get()
    assert member.household == case.household
    response = client.post(
        reverse("cases:network_edit", args=[case.pk, member.pk]),
        {"version": member.version, "kind": "familie", "name": "Dochter Fictief", "role": "dochter"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.kind == "familie" and member.version == 2
    assert AuditEvent.objects.filter(event_type="network_member.update").exists()


def test_network_member_requires_name(client_for, worker, case):
    body = client_for(worker).post(reverse("cases:network_new", args=[case.pk]), {"kind": "buur"}).content.decode()
    assert "Vul de naam in." in body


def test_network_edit_other_household_404(client_for, worker, case, team):
    other_case = CaseFactory(team=team)
    member = NetworkMember.objects.create(household=other_case.household, kind="buur", name="Buur")
    assert client_for(worker).get(reverse("cases:network_edit", args=[case.pk, member.pk])).status_code == 404


def test_involvement_add_and_end(client_for, worker, case):
    client = client_for(worker)
    response = client.post(
        reverse("cases:involvement_new", args=[case.pk]),
        {"kind": "huisarts", "organisation": "Huisartsenpraktijk Fictief", "exchange_ground": "wettelijke-taak"},
    )
    assert response.status_code == 302
    involvement = Involvement.objects.get()
    assert involvement.exchange_allowed
    client.post(reverse("cases:involvement_end", args=[case.pk, involvement.pk]))
    involvement.refresh_from_db()
    assert involvement.ended_at is not None


def test_involvement_on_consent_ground_needs_consent(client_for, worker, case):
    body = (
        client_for(worker)
        .post(
            reverse("cases:involvement_new", args=[case.pk]),
            {"kind": "ggz", "organisation": "GGZ Fictief", "exchange_ground": "toestemming"},
        )
        .content.decode()
    )
    assert "Kies de toestemming waarop de uitwisseling berust." in body


def test_resident_edit_validates_bsn_and_keeps_input(client_for, worker, case):
    resident = case.primary_resident
    data = {
        "version": resident.version,
        "given_names": "Jan",
        "surname": "Fictief",
        "birth_date": "1-2-1970",
        "bsn": "123456789",
        "language": "Nederlands",
    }
    client = client_for(worker)
    body = client.post(reverse("cases:resident_edit", args=[case.pk, resident.pk]), data).content.decode()
    assert "Dit is geen geldig BSN" in body and 'value="Jan"' in body
    data["bsn"] = "111222333"
    assert client.post(reverse("cases:resident_edit", args=[case.pk, resident.pk]), data).status_code == 302
    resident.refresh_from_db()
    assert resident.get_bsn() == "111222333" and resident.given_names == "Jan"
    event = AuditEvent.objects.get(event_type="resident.update")
    assert "111222333" not in str(event.details) and "Jan" not in str(event.details)


def test_resident_edit_conflict(client_for, worker, case):
    resident = case.primary_resident
    data = {
        "version": resident.version - 1 or 99,
        "given_names": "Piet",
        "surname": "Fictief",
        "language": "Nederlands",
    }
    body = client_for(worker).post(reverse("cases:resident_edit", args=[case.pk, resident.pk]), data).content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in body


def test_household_edit_normalises_postcode(client_for, worker, case):
    household = case.household
    client = client_for(worker)
    data = {"version": household.version, "street": "Dorpsstraat", "house_number": "3", "postcode": "3262ab"}
    assert client.post(reverse("cases:household_edit", args=[case.pk]), data).status_code == 302
    household.refresh_from_db()
    assert household.postcode == "3262 AB"
    data = {"version": household.version, "postcode": "12345"}
    body = client.post(reverse("cases:household_edit", args=[case.pk]), data).content.decode()
    assert "Vul een postcode in zoals 1234 AB." in body


def test_add_household_member(client_for, worker, case):
    data = {"given_names": "Kim", "surname": "Fictief", "household_role": "kind", "birth_date": "3-4-2010"}
    response = client_for(worker).post(reverse("cases:resident_new", args=[case.pk]), data)
    assert response.status_code == 302
    member = case.household.members.get(given_names="Kim")
    assert member.household_role == "kind"
    assert AuditEvent.objects.filter(event_type="resident.create", resident_id=member.pk).exists()


def test_add_household_member_other_team_404(client_for, other_worker, case):
    response = client_for(other_worker).post(reverse("cases:resident_new", args=[case.pk]), {"given_names": "X"})
    assert response.status_code == 404
