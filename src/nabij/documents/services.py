"""Rendering letters from the admin-edited templates, and storing generated PDFs."""

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.template import Context, Engine
from django.template.loader import render_to_string

from nabij.audit.services import Action, record_event
from nabij.documents.models import GeneratedDocument, LetterTemplate

# A bare engine: no loaders, no custom tags, autoescape off for plain-text letters. Admin
# templates see only the plain values passed in `context`.
_ENGINE = Engine(builtins=[], autoescape=False, libraries={})


@dataclass(frozen=True)
class RenderedLetter:
    key: str
    subject: str
    body: str


def letter_render(*, key: str, context: dict) -> RenderedLetter:
    template = LetterTemplate.objects.get(key=key, is_active=True)
    ctx = Context(context, autoescape=False)
    return RenderedLetter(
        key=key,
        subject=_ENGINE.from_string(template.subject).render(ctx).strip(),
        body=_ENGINE.from_string(template.body).render(ctx).strip(),
    )


def pdf_from_html(html: str) -> bytes:
    """Render HTML (our own templates, print CSS inside) to PDF bytes with WeasyPrint.

    The templates carry their CSS in a <style> element and load nothing from the network.
    """
    import weasyprint  # imported late: pango is loaded only when a PDF is really made

    return weasyprint.HTML(string=html, base_url=None).write_pdf()


@dataclass(frozen=True)
class LetterHead:
    """What the layout around an admin-edited text needs: sender, addressee, date, reference."""

    team_name: str
    team_email: str = ""
    team_phone: str = ""
    addressee_lines: tuple[str, ...] = ()
    date_text: str = ""
    reference: str = ""
    signed_by: str = ""


def letter_html(*, rendered: RenderedLetter, head: LetterHead) -> str:
    # The layout template autoescapes: the admin text and the values in it are shown as text.
    return render_to_string("documents/pdf/letter.html", {"letter": rendered, "head": head})


def letter_pdf_create(
    *, actor, case, key: str, context: dict, head: LetterHead, title: str = "", related=None
) -> GeneratedDocument:
    """Render the letter template `key` into a PDF and store it on the case, audited.

    The caller holds the transaction and has already checked access to `case`.
    """
    template = LetterTemplate.objects.get(key=key, is_active=True)
    rendered = letter_render(key=key, context=context)
    pdf = pdf_from_html(letter_html(rendered=rendered, head=head))
    document = GeneratedDocument(
        case=case,
        template_key=key,
        audience=template.audience,
        title=(title or rendered.subject)[:200],
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        created_by=actor,
        related_type=related._meta.model_name if related is not None else "",
        related_id=str(related.pk) if related is not None else "",
    )
    document.file.save("letter.pdf", ContentFile(pdf), save=False)
    document.save()
    record_event(
        actor=actor,
        event_type="document.generate",
        action=Action.CREATE,
        object_type="generateddocument",
        object_id=document.pk,
        resident_id=case.primary_resident_id,
        details={"template": key},
    )
    return document
