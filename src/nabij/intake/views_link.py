"""Link a registration to a resident who is already known, from the registration page (the
"Bekend?" step for registrations that came in by the web form or the API, unlinked).
POST-only; the services check the access and write the audit events."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nabij.core.concurrency import ConcurrentEditError
from nabij.intake.selectors import known
from nabij.intake.selectors import registrations as selectors
from nabij.intake.services import registrations as services
from nabij.residents.models import Resident

KNOWN_ANCHOR = "#bekend"


def _back(registration):
    return redirect(reverse("intake:registration", kwargs={"pk": registration.pk}) + KNOWN_ANCHOR)


def _fail(request, error: Exception) -> None:
    text = error.message if isinstance(error, ConcurrentEditError) else " ".join(error.messages)
    messages.error(request, text)


@login_required
@require_POST
def registration_link(request, pk: int):
    registration = selectors.registration_get_for_user(request.user, pk, purpose="registration.view.link")
    chosen = (request.POST.get("resident") or "").strip()
    # Only a resident the panel offered: the same match rule as on screen.
    offered = {
        m.resident_id for m in known.known_matches_for_user(request.user, **known.registration_criteria(registration))
    }
    resident = None
    if chosen.isdigit() and int(chosen) in offered:
        resident = Resident.objects.filter(pk=int(chosen)).first()
    if resident is None:
        messages.error(request, _("Kies een inwoner uit de lijst 'Bekend?'."))
        return _back(registration)
    try:
        services.registration_link_resident(actor=request.user, registration=registration, resident=resident)
    except (ValidationError, ConcurrentEditError) as error:
        _fail(request, error)
    else:
        messages.success(request, _("De aanmelding is gekoppeld aan de bekende inwoner."))
    return _back(registration)


@login_required
@require_POST
def registration_unlink(request, pk: int):
    registration = selectors.registration_get_for_user(request.user, pk, purpose="registration.view.unlink")
    if registration.resident_id is None:
        messages.info(request, _("Deze aanmelding is niet gekoppeld."))
        return _back(registration)
    try:
        services.registration_unlink(actor=request.user, registration=registration)
    except (ValidationError, ConcurrentEditError) as error:
        _fail(request, error)
    else:
        messages.success(request, _("De koppeling is ongedaan gemaakt."))
    return _back(registration)
