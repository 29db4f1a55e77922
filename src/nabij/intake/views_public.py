"""The public web form /aanmelden/: no account, no captcha. Spam is kept out by a honeypot
field and a rate limit per client address; the confirmation page reads the reference from
the session (POST-redirect-GET), so no personal data ever appears in a URL."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nabij.audit.middleware import client_ip

from .forms import PublicRegistrationForm
from .models import Channel
from .services import registrations as registration_services

logger = logging.getLogger(__name__)

SESSION_KEY = "nabij_intake_done"


def _rate_key(request) -> str:
    # Hashed, so the cache holds no address in the clear.
    ip = client_ip(request) or "unknown"
    return "intake:public:" + hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()[:32]


def _over_rate_limit(request) -> bool:
    """Count this submission; True when the address sent more than the limit in the window."""
    key = _rate_key(request)
    window = settings.NABIJ_PUBLIC_FORM_WINDOW_SECONDS
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > settings.NABIJ_PUBLIC_FORM_LIMIT


@require_http_methods(["GET", "POST"])
def public_form(request):
    status = 200
    if request.method == "POST":
        form = PublicRegistrationForm(request.POST)
        if _over_rate_limit(request):
            form.is_valid()
            form.errors.clear()  # only the one message: what was typed stays in the fields
            form.add_error(
                None,
                _(
                    "Er zijn vanaf dit adres in korte tijd veel aanmeldingen verstuurd. Wacht een uur en "
                    "probeer het dan opnieuw, of bel het wijkteam. Uw tekst staat nog in het formulier."
                ),
            )
            status = 429
        elif form.is_spam():
            # Answer as if all went well, so a bot learns nothing; store nothing.
            logger.info("public registration form: honeypot filled, submission dropped")
            return render(request, "intake/public/done.html", {"reference": "", "due": None})
        elif form.is_valid():
            try:
                registration = registration_services.registration_create(
                    channel=Channel.WEB, actor=None, **form.service_kwargs()
                )
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, messages)
            else:
                request.session[SESSION_KEY] = {
                    "reference": registration.reference,
                    "due": registration.first_contact_due.isoformat() if registration.first_contact_due else "",
                    "team": registration.team.name if registration.team else "",
                    "team_phone": registration.team.phone if registration.team else "",
                    "emailed": bool(registration.email or registration.reporter_email),
                }
                return redirect("intake:public_done")
    else:
        form = PublicRegistrationForm()
    return render(request, "intake/public/form.html", {"form": form}, status=status)


def public_done(request):
    done = request.session.get(SESSION_KEY)
    if not done:
        return redirect("intake:public_form")
    from datetime import date

    due = date.fromisoformat(done["due"]) if done.get("due") else None
    return render(request, "intake/public/done.html", {**done, "due": due})
