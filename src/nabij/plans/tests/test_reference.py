import pytest

from nabij.plans.models import ClosureReason, Instrument, LifeDomain
from nabij.plans.reference import reference_data_ensure

pytestmark = pytest.mark.django_db


def test_reference_data_is_restored_without_touching_admin_edits():
    LifeDomain.objects.filter(code="financien").update(label="Geld (aangepast)")
    ClosureReason.objects.filter(code="verhuisd").delete()
    reference_data_ensure()
    assert LifeDomain.objects.get(code="financien").label == "Geld (aangepast)"
    assert ClosureReason.objects.filter(code="verhuisd").exists()
    assert Instrument.objects.filter(is_default=True).count() == 1


def test_reference_data_on_empty_tables_respects_another_default():
    LifeDomain.objects.all().delete()
    Instrument.objects.all().delete()
    other = Instrument.objects.create(name="Eigen instrument", version="1", is_default=True)
    reference_data_ensure()
    assert LifeDomain.objects.count() == 13
    assert list(Instrument.objects.filter(is_default=True)) == [other]
