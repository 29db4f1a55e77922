import factory
from django.utils import timezone

from nabij.accounts.tests.factories import TeamFactory, UserFactory
from nabij.cases.models import Case, ContactMoment
from nabij.residents.tests.factories import ResidentFactory


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    primary_resident = factory.SubFactory(ResidentFactory)
    household = factory.LazyAttribute(lambda o: o.primary_resident.household)
    team = factory.SubFactory(TeamFactory)
    opened_at = factory.LazyFunction(timezone.now)
    reference = factory.Sequence(lambda n: f"C-TEST-{n:05d}")


class ContactMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMoment

    case = factory.SubFactory(CaseFactory)
    occurred_at = factory.LazyFunction(timezone.now)
    kind = "huisbezoek"
    core_task = "hulpverlenen"
    minutes = 45
    text = "Verslag van een fictief gesprek."
    author = factory.SubFactory(UserFactory)
