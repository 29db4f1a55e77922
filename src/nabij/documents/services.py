"""Rendering letters from the admin-edited templates."""

from dataclasses import dataclass

from django.template import Context, Engine

from nabij.documents.models import LetterTemplate

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
