import pytest

from nabij.documents.models import LetterTemplate
from nabij.documents.services import letter_render

pytestmark = pytest.mark.django_db


def test_letter_renders_placeholders_without_escaping():
    LetterTemplate.objects.create(
        key="test.brief", name="Test", subject="Uw vraag {{ reference }}", body="Beste {{ name }},\n\nGroet."
    )
    letter = letter_render(key="test.brief", context={"reference": "A-1", "name": "Jan & Piet"})
    assert letter.subject == "Uw vraag A-1"
    assert letter.body.startswith("Beste Jan & Piet,")


def test_templates_cannot_load_tags():
    LetterTemplate.objects.create(key="test.kwaad", name="x", subject="x", body="{% load static %}{% static 'x' %}")
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        letter_render(key="test.kwaad", context={})
