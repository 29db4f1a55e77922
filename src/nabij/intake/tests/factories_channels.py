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


def area_tree(*, team=None, digits="3262"):
    """A wijk with one buurt, the postcode digits pointing at the buurt; `team` covers the wijk."""
    from nabij.accounts.models import Area
    from nabij.intake.models import PostcodeArea

    wijk = Area.objects.create(name=f"Testwijk {digits}", kind=Area.Kind.DISTRICT, cbs_code=f"WK9{digits}")
    buurt = Area.objects.create(
        name=f"Testbuurt {digits}", kind=Area.Kind.NEIGHBOURHOOD, cbs_code=f"BU9{digits}01", parent=wijk
    )
    PostcodeArea.objects.create(postcode_digits=digits, area=buurt)
    if team is not None:
        team.areas.add(wijk)
    return wijk, buurt


def web_fields(**overrides) -> dict:
    """Valid input of the public form (as the service takes it)."""
    fields = {
        "reporter_kind": "zelf",
        "given_names": "Testpersoon",
        "surname": "Fictief",
        "phone": "0612345678",
        "email": "testpersoon@voorbeeld.nl",
        "postcode": "3262aa",
        "house_number": 12,
        "question": "Ik heb schulden en kan de huur niet meer betalen (fictief).",
    }
    fields.update(overrides)
    return fields


def form_post(**overrides) -> dict:
    """Valid POST data of the public form."""
    data = {k: str(v) for k, v in web_fields().items()}
    data["agreement"] = "ja"
    data.update(overrides)
    return data
