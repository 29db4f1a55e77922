import pytest
from django.core.management import call_command

from nabij.accounts.models import Area, Membership, Team, User
from nabij.residents.models import Resident

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_uses_cbs_areas(capsys):
    call_command("demo")
    counts = (Area.objects.count(), Team.objects.count(), User.objects.count(), Resident.objects.count())
    call_command("demo")
    assert counts == (Area.objects.count(), Team.objects.count(), User.objects.count(), Resident.objects.count())
    assert Area.objects.get(cbs_code="GM1963").inhabitants == 90256
    assert Area.objects.filter(kind="wijk").count() == 14
    assert Area.objects.filter(kind="buurt").count() == 41
    assert Team.objects.filter(kind="bemoeizorg").count() == 1
    assert set(Membership.objects.values_list("role", flat=True)) >= {
        "worker",
        "coordinator",
        "functional_admin",
        "privacy_officer",
        "analyst",
        "volunteer_coordinator",
    }
    assert not Resident.objects.exclude(email__endswith="@demo.nabij.example").exists()
    out = capsys.readouterr().out
    assert "Demo-accounts" in out and "werker" in out
