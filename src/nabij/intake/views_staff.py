"""Staff entry of a registration (phone, walk-in, e-mail, referral) with the live "Bekend?"
panel, and the signals pages. Thin: parse, call selectors and services, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.accounts.models import Area, Team
from nabij.audit.services import Action, record_event
from nabij.core.concurrency import ConcurrentEditError
from nabij.residents.models import Resident

from .forms import KnownLookupForm, SignalCloseForm, SignalForm, StaffRegistrationForm
from .models import Signal
from .selectors import known
from .selectors import signals as signal_selectors
from .selectors.registrations import intake_nav
from .services import registrations as registration_services
from .services import signals as signal_services

# Where a saved registration opens. The detail page comes with the triage board (intake-core);
# until it is there, the board, else a fresh entry screen. One line to switch.
AFTER_SAVE_URL_NAMES = ("intake:registration", "intake:board")
NO_LINK = "nieuw"


def _after_save_url(registration) -> str:
    for name in AFTER_SAVE_URL_NAMES:
        try:
            return reverse(name, kwargs={"pk": registration.pk}) if name == "intake:registration" else reverse(name)
        except NoReverseMatch:
            continue
    return reverse("intake:staff_new")


def _apply_errors(form, error: ValidationError) -> None:
    for name, msgs in error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]:
        form.add_error(name if name in form.fields else None, msgs)


def _teams_for(user, perm: Perm) -> list[Team]:
    return list(Team.objects.filter(pk__in=policy.team_ids(user, perm=perm)).order_by("name"))


def _known_lookup(user, data) -> tuple[list, list[str]]:
    """Matches for the criteria in `data`, and the names of the criteria used (for the audit
    trail: which, never their values)."""
    criteria = known.lookup_criteria(**KnownLookupForm(data).criteria())
    return known.known_matches_for_user(user, **criteria), sorted(criteria)


_record_lookup = known.record_known_lookup


def _chosen_link(data) -> str:
    value = (data.get("resident") or "").strip()
    return value if value == NO_LINK or value.isdigit() else ""


@login_required
def staff_new(request, signal_id: int | None = None):
    """One screen for a phone intake: channel (phone preselected), who, how to reach, the
    question, urgency and safety; the "Bekend?" panel beside it."""
    if not policy.has_perm(request.user, Perm.REGISTRATION_CREATE):
        raise PermissionDenied
    signal = None
    if signal_id is not None:
        signal = signal_selectors.signal_get_for_user(request.user, signal_id=signal_id, purpose="signal.register")
        if signal.status != Signal.Status.OPEN:
            messages.info(request, _("Dit signaal is niet meer open."))
            return redirect("intake:signal", pk=signal.pk)
        if not policy.has_perm(request.user, Perm.REGISTRATION_CREATE, team_id=signal.team_id):
            raise PermissionDenied
    teams = _teams_for(request.user, Perm.REGISTRATION_CREATE)
    active = getattr(request, "active_team", None)
    matches, chosen = [], ""
    if request.method == "POST":
        form = StaffRegistrationForm(request.POST, teams=teams, from_signal=signal is not None)
        matches, used = _known_lookup(request.user, request.POST)
        _record_lookup(request.user, used, matches)
        chosen = _chosen_link(request.POST)
        looking_only = "lookup" in request.POST  # the no-JavaScript "Bekend?" button
        if not looking_only and form.is_valid():
            resident = None
            if chosen.isdigit():
                resident = Resident.objects.filter(pk=int(chosen)).select_related("household").first()
                if resident is None or int(chosen) not in {m.resident_id for m in matches}:
                    form.add_error(None, _("Kies een inwoner uit de lijst 'Bekend?', of 'Niet koppelen'."))
            elif matches and chosen != NO_LINK:
                # Never a silent duplicate: with matches on screen the worker must choose.
                form.add_error(
                    None,
                    _("Deze persoon is mogelijk al bekend. Kies hieronder de juiste inwoner, of 'Niet koppelen'."),
                )
            if not form.errors:
                try:
                    if signal is not None:
                        registration = signal_services.signal_to_registration(
                            actor=request.user,
                            signal=signal,
                            expected_version=signal.version,
                            resident=resident,
                            received_at=None,
                            **form.service_kwargs(),
                        )
                    else:
                        registration = registration_services.registration_create(
                            channel=form.channel(),
                            actor=request.user,
                            team=form.chosen_team(),
                            resident=resident,
                            received_at=form.cleaned_data.get("received_at"),
                            **form.service_kwargs(),
                        )
                except ValidationError as error:
                    _apply_errors(form, error)
                except ConcurrentEditError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(
                        request,
                        _("Aanmelding %(ref)s is opgeslagen voor %(team)s.")
                        % {"ref": registration.reference, "team": registration.team or "—"},
                    )
                    if registration.is_minor:
                        messages.warning(request, _("Jonger dan de leeftijdsgrens: gemarkeerd voor het jeugdteam."))
                    return redirect(_after_save_url(registration))
    else:
        initial = {"team": str(active.pk) if active and active.pk in {t.pk for t in teams} else ""}
        if signal is not None:
            initial.update(signal_services.signal_registration_initial(signal))
            initial["team"] = str(signal.team_id)
        form = StaffRegistrationForm(initial=initial, teams=teams, from_signal=signal is not None)
    return render(
        request,
        "intake/staff/new.html",
        {
            "form": form,
            "signal": signal,
            "matches": matches,
            "chosen": chosen,
            "no_link": NO_LINK,
            "looked_up": request.method == "POST",
            "youth_age_limit": settings.NABIJ_YOUTH_AGE_LIMIT,
            "intake_nav": intake_nav(request.user),
            "action_url": reverse("intake:signal_register", args=[signal.pk])
            if signal
            else reverse("intake:staff_new"),
        },
    )


@login_required
@require_POST
def known_lookup(request):
    """The "Bekend?" panel (htmx, debounced as the worker types). One audit event at most."""
    if not policy.has_perm(request.user, Perm.REGISTRATION_CREATE):
        raise PermissionDenied
    matches, used = _known_lookup(request.user, request.POST)
    _record_lookup(request.user, used, matches)
    return render(
        request,
        "intake/staff/_known.html",
        {
            "matches": matches,
            "chosen": _chosen_link(request.POST),
            "no_link": NO_LINK,
            "looked_up": known.lookup_is_useful(dict.fromkeys(used)),
        },
    )


# --- Signals ---------------------------------------------------------------------------------


@login_required
def signal_list(request):
    if not policy.has_perm(request.user, Perm.TRIAGE_VIEW):
        raise PermissionDenied
    status = request.GET.get("status", Signal.Status.OPEN)
    if status not in Signal.Status.values and status != "alle":
        status = Signal.Status.OPEN
    rows = list(signal_selectors.signal_list_for_user(request.user, status="" if status == "alle" else status)[:200])
    record_event(
        actor=request.user,
        event_type="signal.list",
        action=Action.READ,
        object_type="signal",
        details={"status": status, "rows": len(rows)},
    )
    return render(
        request,
        "intake/signals/list.html",
        {
            "rows": rows,
            "status": status,
            "statuses": [*Signal.Status.choices, ("alle", _("Alle"))],
            "may_write": policy.has_perm(request.user, Perm.REGISTRATION_CREATE),
            "intake_nav": intake_nav(request.user),
        },
    )


@login_required
def signal_new(request):
    teams = _teams_for(request.user, Perm.REGISTRATION_CREATE)
    if not teams:
        raise PermissionDenied
    areas = list(Area.objects.filter(teams__in=teams).distinct().order_by("name")) + list(
        Area.objects.filter(parent__teams__in=teams).distinct().order_by("name")
    )
    areas = list({a.pk: a for a in areas}.values())
    active = getattr(request, "active_team", None)
    if request.method == "POST":
        form = SignalForm(request.POST, teams=teams, areas=areas)
        if form.is_valid():
            try:
                signal = signal_services.signal_create(actor=request.user, **form.service_kwargs())
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("Signaal %(ref)s is vastgelegd.") % {"ref": signal.reference})
                return redirect("intake:signal", pk=signal.pk)
    else:
        form = SignalForm(initial={"team": str(active.pk) if active else ""}, teams=teams, areas=areas)
    return render(request, "intake/signals/new.html", {"form": form})


@login_required
def signal_detail(request, pk: int):
    signal = signal_selectors.signal_get_for_user(request.user, signal_id=pk)
    may_write = policy.has_perm(request.user, Perm.REGISTRATION_CREATE, team_id=signal.team_id)
    return render(
        request,
        "intake/signals/detail.html",
        {
            "signal": signal,
            "may_write": may_write and signal.status == Signal.Status.OPEN,
            "close_form": SignalCloseForm(initial={"version": signal.version}),
            "registrations": list(signal.registrations.order_by("received_at").only("pk", "reference", "status")),
        },
    )


@login_required
def signal_close(request, pk: int):
    signal = signal_selectors.signal_get_for_user(request.user, signal_id=pk, purpose="signal.close")
    if not policy.has_perm(request.user, Perm.REGISTRATION_CREATE, team_id=signal.team_id):
        raise PermissionDenied
    if request.method == "POST":
        form = SignalCloseForm(request.POST)
        if form.is_valid():
            try:
                signal_services.signal_close(
                    actor=request.user,
                    signal=signal,
                    reason=form.cleaned_data["reason"],
                    expected_version=form.cleaned_data["version"],
                )
            except ValidationError as error:
                _apply_errors(form, error)
            except ConcurrentEditError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Het signaal is afgesloten."))
                return redirect("intake:signal", pk=signal.pk)
    else:
        form = SignalCloseForm(initial={"version": signal.version})
    if signal.status != Signal.Status.OPEN and not form.errors:
        raise Http404
    return render(request, "intake/signals/close.html", {"signal": signal, "form": form})


@login_required
def signal_register(request, pk: int):
    """ "Maak aanmelding": the staff entry screen, pre-filled from the signal."""
    return staff_new(request, signal_id=pk)
