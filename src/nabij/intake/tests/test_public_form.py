"""The public web form /aanmelden/: validation with bad and hostile input (hypothesis),
honeypot, rate limit, and no personal data in URLs."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from nabij.audit.models import AuditEvent
from nabij.intake.models import Registration
from nabij.intake.tests.factories_channels import form_post

pytestmark = pytest.mark.django_db

URL = "/aanmelden/"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def test_url_names():
    assert reverse("intake:public_form") == URL


def test_form_renders_in_dutch_with_labels_and_autocomplete(client):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aanmelden bij het wijkteam" in html
    assert 'autocomplete="postal-code"' in html and 'autocomplete="family-name"' in html
    assert "<fieldset" in html and "<legend" in html
    assert "<script>" not in html  # CSP: no inline script


def test_life_domains_come_from_the_plans_data_with_resident_labels(client):
    from nabij.plans.models import LifeDomain

    domain = LifeDomain.objects.filter(instrument__is_default=True, is_active=True).order_by("order").first()
    assert domain is not None, "the ZRM seed migration provides the domains"
    html = client.get(URL).content.decode()
    assert f'value="{domain.code}"' in html
    assert (domain.resident_label or domain.label) in html


def test_valid_submission_redirects_without_personal_data_and_shows_the_reference(client, team):
    response = client.post(URL, form_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("intake:public_done")
    registration = Registration.objects.get()
    assert registration.channel == "web"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert registration.reference in html
    assert "Wat gebeurt er nu?" in html
    assert "Fictief" not in html  # the confirmation page repeats no personal data


def test_done_page_without_a_submission_goes_back_to_the_form(client):
    response = client.get(reverse("intake:public_done"))
    assert response.status_code == 302 and response["Location"] == URL


def test_errors_are_summarised_and_on_the_field_and_typed_text_stays(client, team):
    response = client.post(URL, form_post(postcode="12 ABC", question="Mijn eigen tekst blijft staan"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is iets niet goed ingevuld" in html
    assert 'href="#id_postcode"' in html
    assert 'id="id_postcode-error"' in html
    assert "Vul een postcode in zoals 1234 AB." in html
    assert "Mijn eigen tekst blijft staan" in html
    assert 'value="12 ABC"' in html
    assert not Registration.objects.exists()


def test_reporter_part_and_professional_kind(client, team):
    response = client.post(
        URL,
        form_post(
            reporter_kind="professional",
            reporter_name="Dr. Test Huisarts",
            reporter_organisation="huisarts",
            reporter_organisation_name="Testpraktijk",
            reporter_phone="0101234567",
        ),
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.reporter_organisation == "huisarts"


def test_honeypot_stores_nothing_but_answers_like_success(client, team):
    response = client.post(URL, form_post(website="http://spam.example"))
    assert response.status_code == 200
    assert "Bedankt" in response.content.decode()
    assert not Registration.objects.exists()


def test_rate_limit_per_address_keeps_typed_text(client, team, settings):
    settings.NABIJ_PUBLIC_FORM_LIMIT = 2
    for _ in range(2):
        assert client.post(URL, form_post()).status_code == 302
    response = client.post(URL, form_post(question="Derde keer, tekst blijft"), REMOTE_ADDR="127.0.0.1")
    html = response.content.decode()
    assert response.status_code == 429
    assert "Wacht een uur" in html
    assert "Derde keer, tekst blijft" in html
    assert Registration.objects.count() == 2
    # Another address is not affected.
    assert client.post(URL, form_post(), REMOTE_ADDR="10.0.0.9").status_code == 302


def test_no_personal_data_in_audit_details(client, team):
    client.post(URL, form_post(bsn="111222333"))
    for event in AuditEvent.objects.all():
        text = f"{event.details} {event.participant_object_id}"
        assert "Fictief" not in text and "0612345678" not in text and "3262" not in text


hostile_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=300, max_size=6000),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "'; DROP TABLE intake_registration; --",
            "\x00\x01\x02",
            "\u202eevil\u202c",
            "Z\u0351\u0363\u0364a\u0310lgo",
            "👩‍👩‍👧‍👦" * 50,
            "%s%s%s{{ 7*7 }}",
        ]
    ),
)
bad_postcode = st.one_of(st.text(max_size=12), st.sampled_from(["0000 AA", "1234 SS", "12345", "AB 1234", "1234  ab"]))
bad_date = st.one_of(st.text(max_size=12), st.sampled_from(["31-02-2000", "1-1-2999", "0-0-0", "9999-99-99", "1-1-1"]))


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    question=hostile_text,
    surname=hostile_text,
    postcode=bad_postcode,
    house_number=st.one_of(st.text(max_size=8), st.integers(min_value=-(10**12), max_value=10**12).map(str)),
    birth_date=bad_date,
    email=hostile_text,
    reporter_kind=st.sampled_from(["zelf", "naaste", "professional", "", "anders", "<b>"]),
    life_domain=st.text(max_size=20),
)
def test_hostile_input_never_500s_and_keeps_what_was_typed(
    client, team, question, surname, postcode, house_number, birth_date, email, reporter_kind, life_domain
):
    cache.clear()
    data = form_post(
        question=question,
        surname=surname,
        postcode=postcode,
        house_number=house_number,
        birth_date=birth_date,
        email=email,
        reporter_kind=reporter_kind,
        life_domains=life_domain,
    )
    response = client.post(URL, data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        html = response.content.decode()
        assert "Er is iets niet goed ingevuld" in html
        assert "<script>alert(1)</script>" not in html  # escaped, never executed
        assert "utrecht-form-field-error-message" in html
        if surname:  # what was typed stays in the field
            assert f'value="{escape(surname)}"' in html
    else:
        registration = Registration.objects.order_by("-pk").first()
        assert "\x00" not in registration.question
        assert response["Location"] == reverse("intake:public_done")
