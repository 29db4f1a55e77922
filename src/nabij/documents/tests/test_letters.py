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


def test_letter_layout_escapes_values_and_makes_a_real_pdf():
    from nabij.documents.services import LetterHead, letter_html, pdf_from_html

    LetterTemplate.objects.create(
        key="test.pdf", name="x", subject="Over {{ name }}", body="Beste {{ name }},\n\nGroet."
    )
    rendered = letter_render(key="test.pdf", context={"name": "<img src=x onerror=alert(1)>"})
    html = letter_html(rendered=rendered, head=LetterHead(team_name="Wijkteam", addressee_lines=("A. Inwoner",)))
    assert "<img" not in html and "&lt;img" in html
    assert pdf_from_html(html).startswith(b"%PDF-")


def test_generated_document_is_stored_with_its_hash(settings, tmp_path, worker, team):
    import hashlib

    from nabij.cases.tests.factories import CaseFactory
    from nabij.documents.services import LetterHead, letter_pdf_create

    settings.MEDIA_ROOT = tmp_path
    LetterTemplate.objects.create(key="test.opslag", name="x", subject="Onderwerp", body="Tekst")
    case = CaseFactory(team=team)
    document = letter_pdf_create(
        actor=worker, case=case, key="test.opslag", context={}, head=LetterHead(team_name="Wijkteam")
    )
    data = document.file.read()
    assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() == document.sha256
    assert str(case.pk) in document.file.name and document.file.name.endswith(".pdf")
