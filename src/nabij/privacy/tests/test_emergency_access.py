"""Doorbreken: a worker outside the team gets 'known to team X', and with a reason gets in,
time-limited, audited, and on the privacy officer's review list until reviewed."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from nabij.audit.models import AuditEvent
from nabij.cases.models import CaseEvent, EmergencyAccess
from nabij.cases.selectors import case_get_for_user
from nabij.cases.tests.factories import CaseFactory
from nabij.privacy import services

pytestmark = pytest.mark.django_db
REASON = "Inwoner belt in crisis, eigen contactpersoon is niet bereikbaar."


def test_outside_worker_sees_only_team_and_contact_person(client_for, other_worker, case):
    page = client_for(other_worker).get(reverse("privacy:emergency_access", args=[case.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert case.team.name in body
    assert case.contact_person.get_full_name() in body
    assert case.primary_resident.given_names not in body
    assert AuditEvent.objects.filter(
        event_type="case.outside_view", user=other_worker, participant_object_id=str(case.pk)
    ).exists()


def test_without_reason_no_access(client_for, other_worker, case):
    response = client_for(other_worker).post(reverse("privacy:emergency_access", args=[case.pk]), {"reason": "even"})
    assert response.status_code == 200
    assert "minstens" in response.content.decode()
    assert not EmergencyAccess.objects.exists()
    with pytest.raises(Http404):
        case_get_for_user(other_worker, case_id=case.pk)


def test_with_reason_time_limited_access_audited_and_on_timeline(client_for, other_worker, case, settings):
    settings.NABIJ_EMERGENCY_ACCESS_HOURS = 2
    response = client_for(other_worker).post(reverse("privacy:emergency_access", args=[case.pk]), {"reason": REASON})
    assert response.status_code == 302
    access = EmergencyAccess.objects.get()
    assert access.user == other_worker and access.reason == REASON
    assert timedelta(hours=1, minutes=59) < access.expires_at - timezone.now() <= timedelta(hours=2)
    event = AuditEvent.objects.get(event_type="case.emergency_access")
    assert event.user == other_worker and event.resident_id == case.primary_resident_id
    assert REASON not in str(event.details)  # the reason stays in the dossier, not in the log
    assert CaseEvent.objects.filter(case=case, object_type="emergencyaccess").exists()
    fresh = type(other_worker).objects.get(pk=other_worker.pk)
    assert case_get_for_user(fresh, case_id=case.pk) == case


def test_expired_access_no_longer_opens_the_case(other_worker, case):
    EmergencyAccess.objects.create(
        user=other_worker, case=case, reason=REASON, expires_at=timezone.now() - timedelta(minutes=1)
    )
    with pytest.raises(Http404):
        case_get_for_user(other_worker, case_id=case.pk)


def test_roles_without_emergency_permission_are_refused(client_for, make_user, team, other_team, case):
    for role in ("analyst", "privacy_officer", "functional_admin", "volunteer_coordinator"):
        user = make_user(role, other_team)
        assert client_for(user).get(reverse("privacy:emergency_access", args=[case.pk])).status_code == 403
        assert AuditEvent.objects.filter(user=user, event_outcome="denied").exists()
    analyst = make_user("analyst", other_team)
    with pytest.raises(PermissionDenied):
        services.emergency_access_grant(actor=analyst, case=case, reason=REASON)
    assert not EmergencyAccess.objects.exists()


def test_own_team_needs_no_emergency(client_for, worker, case):
    response = client_for(worker).get(reverse("privacy:emergency_access", args=[case.pk]))
    assert response.status_code in (200, 302)
    assert not EmergencyAccess.objects.exists()


def test_missing_case_is_404(client_for, other_worker):
    assert client_for(other_worker).get(reverse("privacy:emergency_access", args=[999999])).status_code == 404


def test_privacy_officer_reviews_until_reviewed(client_for, other_worker, privacy_officer, case):
    access = services.emergency_access_grant(actor=other_worker, case=case, reason=REASON)
    client = client_for(privacy_officer)
    listing = client.get(reverse("privacy:emergency_reviews")).content.decode()
    assert case.reference in listing and other_worker.get_full_name() in listing
    url = reverse("privacy:emergency_review", args=[access.pk])
    response = client.post(url, {"note": ""})
    assert response.status_code == 200 and "oordeel" in response.content.decode()
    response = client.post(url, {"note": "Reden past bij de situatie."})
    assert response.status_code == 302
    access.refresh_from_db()
    assert access.reviewed_by == privacy_officer and access.review_note == "Reden past bij de situatie."
    assert AuditEvent.objects.filter(event_type="emergency.review", user=privacy_officer).exists()
    listing = client.get(reverse("privacy:emergency_reviews"))
    assert access not in listing.context["to_review"]


def test_workers_cannot_review(client_for, other_worker, worker, case):
    access = services.emergency_access_grant(actor=other_worker, case=case, reason=REASON)
    response = client_for(worker).post(reverse("privacy:emergency_review", args=[access.pk]), {"note": "ok"})
    assert response.status_code == 403
    access.refresh_from_db()
    assert access.reviewed_at is None


def test_review_list_query_count_is_flat(
    client_for, privacy_officer, make_user, other_team, team, django_assert_max_num_queries
):
    client = client_for(privacy_officer)
    stranger = make_user("worker", other_team)
    EmergencyAccess.objects.create(user=stranger, case=CaseFactory(team=team), reason=REASON, expires_at=timezone.now())
    client.get(reverse("privacy:emergency_reviews"))
    with django_assert_max_num_queries(20) as one:
        client.get(reverse("privacy:emergency_reviews"))
    for _ in range(8):
        EmergencyAccess.objects.create(
            user=make_user("worker", other_team), case=CaseFactory(team=team), reason=REASON, expires_at=timezone.now()
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("privacy:emergency_reviews"))
