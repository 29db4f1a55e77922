import pytest
from django.core.management import call_command

from nabij.accounts.models import User
from nabij.cases.selectors import worklist_for_user
from nabij.intake.models import (
    Channel,
    FirstContactNorm,
    Outcome,
    PostcodeArea,
    Registration,
    RegistrationLetter,
    WaitingListEntry,
)

pytestmark = pytest.mark.django_db


def test_demo_intake_every_status_channel_and_outcome_idempotent():
    call_command("demo")
    counts = (Registration.objects.count(), RegistrationLetter.objects.count(), PostcodeArea.objects.count())
    call_command("demo")
    assert counts == (Registration.objects.count(), RegistrationLetter.objects.count(), PostcodeArea.objects.count())
    assert set(Registration.objects.values_list("status", flat=True)) == set(Registration.Status.values)
    assert set(Registration.objects.values_list("channel", flat=True)) == set(Channel.values)
    assert set(Outcome.objects.values_list("kind", flat=True)) == set(Outcome.Kind.values)
    assert FirstContactNorm.objects.filter(team__isnull=False).exists()
    assert PostcodeArea.objects.filter(postcode_digits="3260").exists()
    assert PostcodeArea.objects.filter(postcode_digits="3299").exists()
    assert WaitingListEntry.objects.filter(removed_at__isnull=True).count() >= 2
    assert RegistrationLetter.objects.filter(medium="email").exists()
    assert RegistrationLetter.objects.filter(medium="brief").exists()
    assert Registration.objects.filter(is_minor=True).exists()
    # Acting first: the contact person has the missing consent on the worklist.
    rows = worklist_for_user(User.objects.get(username="werker2"))
    labels = {item.label for row in rows for item in row.items if item.kind == "deviation"}
    assert "Ontbrekend faseresultaat: Toestemming om een dossier te openen" in labels


def test_demo_front_door_signals_in_every_status_and_service_made_registrations():
    from nabij.intake.demo_front_door import MARKER
    from nabij.intake.models import Signal

    call_command("demo")
    counts = (Signal.objects.count(), Registration.objects.count())
    call_command("demo")
    assert counts == (Signal.objects.count(), Registration.objects.count())
    demo_signals = Signal.objects.filter(description__endswith=MARKER)
    assert set(demo_signals.values_list("status", flat=True)) == set(Signal.Status.values)
    assert demo_signals.values("team").distinct().count() >= 2
    assert Registration.objects.filter(signal__in=demo_signals).exists()
    web = Registration.objects.filter(question__endswith=MARKER, channel=Channel.WEB)
    assert web.exists() and all(r.area_id and r.team_id for r in web)  # routed by PostcodeArea
    assert Registration.objects.filter(question__endswith=MARKER, channel=Channel.PHONE).exists()
