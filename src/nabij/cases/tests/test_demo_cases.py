import pytest
from django.core.management import call_command

from nabij.accounts.models import User
from nabij.cases.models import Case, CaseEvent, ContactMoment, Phase
from nabij.cases.selectors import worklist_for_user
from nabij.residents.models import NetworkMember

pytestmark = pytest.mark.django_db


def test_demo_cases_every_phase_idempotent_and_werker_has_worklist():
    call_command("demo")
    counts = (Case.objects.count(), CaseEvent.objects.count(), ContactMoment.objects.count())
    call_command("demo")
    assert counts == (Case.objects.count(), CaseEvent.objects.count(), ContactMoment.objects.count())
    assert set(Case.objects.values_list("phase", flat=True)) == {p.value for p in Phase}
    assert NetworkMember.objects.exists()
    assert ContactMoment.objects.filter(restricted=True).exists()
    for username in ["werker", "werker2", "werker3", "werker4", "coordinator"]:
        assert Case.objects.filter(contact_person__username=username).exists()
    rows = worklist_for_user(User.objects.get(username="werker"))
    kinds = {item.kind for row in rows for item in row.items}
    assert {"first_contact", "watch", "direction", "deviation"} <= kinds
