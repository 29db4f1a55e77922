"""Test data for intake: synthetic registrations (visibly fictional names and addresses)."""

from datetime import timedelta

import factory
from django.utils import timezone

from nabij.accounts.tests.factories import TeamFactory, UserFactory
from nabij.intake.models import Channel, Outcome, Registration, ReporterKind, Triage, Urgency


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    reference = factory.Sequence(lambda n: f"A-TEST-{n:05d}")
    team = factory.SubFactory(TeamFactory)
    channel = Channel.PHONE
    received_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    reporter_kind = ReporterKind.SELF
    given_names = "Testa"
    surname = factory.Sequence(lambda n: f"Fictief{n}")
    postcode = "3299 ZZ"
    house_number = factory.Sequence(lambda n: n + 1)
    phone = "06-00000000"
    email = factory.Sequence(lambda n: f"aanmelder{n}@example.invalid")
    question = "Een fictieve vraag voor de test."
    urgency = Urgency.NORMAL


class TriageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Triage

    registration = factory.SubFactory(RegistrationFactory)
    scope = Triage.Scope.MULTIPLE
    urgency = Urgency.NORMAL
    triaged_by = factory.SubFactory(UserFactory)
    triaged_at = factory.LazyFunction(timezone.now)


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    registration = factory.SubFactory(RegistrationFactory)
    kind = Outcome.Kind.ADVICE
    reason = "Fictieve reden voor de test."
    decided_by = factory.SubFactory(UserFactory)
    decided_at = factory.LazyFunction(timezone.now)
