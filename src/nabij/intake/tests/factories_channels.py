"""Test data for the front door (intake-channels). Synthetic and visibly so."""

import factory
from django.utils import timezone

from nabij.accounts.tests.factories import TeamFactory, UserFactory
from nabij.intake.models import Channel, Registration, ReporterKind, Signal


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal

    reference = factory.Sequence(lambda n: f"S-TEST-{n:05d}")
    team = factory.SubFactory(TeamFactory)
    theme = "Vereenzaming (test)"
    description = "Fictief signaal: de buurvrouw ziet de bewoner al weken niet meer."
    received_at = factory.LazyFunction(timezone.now)
    created_by = factory.SubFactory(UserFactory)


class ChannelRegistrationFactory(factory.django.DjangoModelFactory):
    """A stored registration, bypassing the service (for lists and links)."""

    class Meta:
        model = Registration

    reference = factory.Sequence(lambda n: f"A-TEST-{n:05d}")
    team = factory.SubFactory(TeamFactory)
    channel = Channel.PHONE
    received_at = factory.LazyFunction(timezone.now)
    reporter_kind = ReporterKind.SELF
    given_names = "Testpersoon"
    surname = "Fictief"
    question = "Fictieve vraag."
