import factory
from django.utils import timezone

from nabij.accounts.tests.factories import TeamFactory
from nabij.cases.models import Case
from nabij.residents.tests.factories import ResidentFactory


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    primary_resident = factory.SubFactory(ResidentFactory)
    household = factory.LazyAttribute(lambda o: o.primary_resident.household)
    team = factory.SubFactory(TeamFactory)
    opened_at = factory.LazyFunction(timezone.now)
    reference = factory.Sequence(lambda n: f"C-TEST-{n:05d}")
