"""scale_data builds the demo's shape at any size, with a valid audit chain, and the main
pages cost the same number of queries at a small and a ten times larger data set."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nabij.accounts.models import User
from nabij.audit.models import AuditEvent
from nabij.audit.services import verify_chain
from nabij.cases.models import Case, CaseEvent, ContactMoment, Phase
from nabij.intake.models import Registration
from nabij.intake.norms import first_contact_due
from nabij.plans.models import Evaluation, SupportPlan
from nabij.residents.models import Household, NetworkMember, Resident
from nabij.scale.generate import build, eleven_proof_bsn

pytestmark = pytest.mark.django_db


def test_shape_at_200_residents():
    built = build(residents=200, contacts_per_resident=3, bsn_fraction=0.05, seed=1)
    scale_cases = Case.objects.filter(reference__startswith="S-")
    assert Resident.objects.filter(email__endswith="synthetisch.nabij.example").count() == 200
    assert 60 <= Household.objects.count() <= 150  # 1–5 per household, ~2.2 on average
    assert scale_cases.count() == 60  # 0.3 per resident
    assert {Phase.CLOSED, Phase.EXECUTION} <= set(scale_cases.values_list("phase", flat=True))
    assert scale_cases.filter(phase=Phase.CLOSED, closed_at__isnull=True).count() == 0
    assert 300 <= ContactMoment.objects.count() <= 900  # ~3 per resident
    assert CaseEvent.objects.filter(kind="contact").count() == ContactMoment.objects.count()
    assert NetworkMember.objects.exists() and SupportPlan.objects.exists() and Evaluation.objects.exists()
    assert Registration.objects.filter(case__isnull=False).count() == 60
    assert Registration.objects.filter(case__isnull=True).exists()  # open registrations too
    # Open ones have a first-contact date from the norm, as the front door sets it.
    for registration in Registration.objects.filter(case__isnull=True):
        day = timezone.localtime(registration.received_at).date()
        assert registration.first_contact_due == first_contact_due(team=None, urgency="normaal", received_on=day)
    assert Resident.objects.exclude(bsn_hash="").exists()
    assert User.objects.filter(username=built.bench_worker).exists()
    checked, broken = verify_chain()
    assert broken is None and checked == AuditEvent.objects.count() == 2 * 60 + 2


def test_chain_continues_after_existing_events_and_audit_verify_passes(make_user, team):
    from nabij.audit.services import Action, record_event

    record_event(actor=make_user("worker", team), event_type="test.before", action=Action.READ)
    build(residents=50, contacts_per_resident=1, seed=2)
    record_event(actor=None, event_type="test.after", action=Action.READ)
    call_command("audit_verify")  # raises CommandError on a broken link
    assert verify_chain()[1] is None


def test_synthetic_bsns_pass_the_eleven_test():
    import random

    from nabij.core.validators import validate_bsn

    rng = random.Random(5)
    for _ in range(50):
        validate_bsn(eleven_proof_bsn(rng))


def _counts(client, worker):
    team_id = worker.memberships.values_list("team_id", flat=True).first()
    busiest = Case.objects.filter(team_id=team_id).order_by("-id").values_list("id", flat=True).first()
    paths = {
        "worklist": reverse("cases:worklist"),
        "dossier": reverse("cases:tab", kwargs={"case_id": busiest, "tab": "overzicht"}),
        "timeline": reverse("cases:tab", kwargs={"case_id": busiest, "tab": "tijdlijn"}),
        "search": reverse("residents:search") + "?naam=" + Resident.objects.order_by("-id").first().surname,
    }
    client.get(paths["worklist"])  # the session's first request stores its time-out stamps
    counts = {}
    for name, path in paths.items():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        counts[name] = len(ctx.captured_queries)
    return counts


def test_query_counts_equal_at_small_and_ten_times_larger_data(client):
    small = build(residents=60, contacts_per_resident=2, seed=3)
    worker = User.objects.get(username=small.bench_worker)
    team_id = worker.memberships.values_list("team_id", flat=True).first()
    client.force_login(worker)
    before = _counts(client, worker)
    rows_before = Case.objects.filter(contact_person=worker).count()
    build(residents=400, contacts_per_resident=3, seed=4)
    # The new cases join the same worker and team: ten times the rows on the same screens.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_case SET team_id = %s, contact_person_id = %s WHERE id > %s",
            [team_id, worker.pk, Case.objects.filter(team_id=team_id).order_by("-id").values_list("id", flat=True)[0]],
        )
    assert Case.objects.filter(contact_person=worker).count() >= 10 * max(rows_before, 1)
    assert _counts(client, worker) == before
