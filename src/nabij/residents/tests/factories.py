from datetime import date

import factory

from nabij.residents.models import Household, NetworkMember, Resident


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    street = "Teststraat"
    house_number = factory.Sequence(lambda n: n + 1)
    postcode = "3260 AA"
    city = "Testdorp"


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    given_names = factory.Sequence(lambda n: f"Testpersoon{n}")
    surname_prefix = ""
    surname = "Fictief"
    birth_date = date(1970, 1, 1)
    household = factory.SubFactory(HouseholdFactory)


class NetworkMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMember

    household = factory.SubFactory(HouseholdFactory)
    kind = "familie"
    name = factory.Sequence(lambda n: f"Netwerklid {n}")
    role = "dochter"
