"""Pages of the aanmeldoverleg: the triage board, a registration, triage, outcome, opening the
case, first contact, the waiting list and the letters. Thin: load through the chokepoint
(`registration_get_for_user`, which audits every view), call the services.

Every action is a plain form page (works without JavaScript); the registration page links
to them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.audit.services import Action, record_event
from nabij.core.concurrency import ConcurrentEditError
from nabij.intake import forms_meeting as forms
from nabij.intake.models import Outcome, Registration, RegistrationLetter, Triage, WaitingListEntry
from nabij.intake.selectors import known
from nabij.intake.selectors import registrations as selectors
from nabij.intake.services import letters, meeting


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _detail_url(registration) -> str:
    return reverse("intake:registration", kwargs={"pk": registration.pk})


def _require(user, registration, perm: Perm) -> None:
    if not policy.has_perm(user, perm, team_id=registration.team_id):
        raise PermissionDenied


def _form_page(request, registration, form, *, title: str, submit: str, intro: str = "", extra: dict | None = None):
    context = {
        "registration": registration,
        "form": form,
        "title": title,
        "submit": submit,
        "intro": intro,
        "cancel_url": _detail_url(registration),
        **(extra or {}),
    }
    return render(request, "intake/form_page.html", context)


def _board_team(request) -> selectors.BoardTeam:
    team = selectors.board_team_for_user(request.user, getattr(request, "active_team", None))
    if team is None:
        raise PermissionDenied
    return team


# --- The board and the waiting list --------------------------------------------------------


def _audit_listed(request, team, event_type: str, registration_ids: list[int]) -> None:
    """One event per list view. Ids only (no personal data): an access report can tell who saw
    a registration listed."""
    record_event(
        actor=request.user,
        event_type=event_type,
        action=Action.READ,
        object_type="team",
        object_id=team.pk,
        details={"registrations": len(registration_ids), "registration_ids": registration_ids},
    )


@login_required
def board(request):
    """The team's aanmeldoverleg: open registrations, acute and high first, then the oldest."""
    team = _board_team(request)
    today = timezone.localdate()
    rows = selectors.board_rows(request.user, team_id=team.pk, today=today, limit=selectors.BOARD_LIMIT)
    totals = selectors.board_totals(request.user, team_id=team.pk, today=today)
    _audit_listed(request, team, "registration.board", [row.registration.pk for row in rows])
    return render(
        request,
        "intake/board.html",
        {
            "team": team,
            "rows": rows,
            "total": totals["total"],
            "overdue_count": totals["overdue"],
            "intake_nav": selectors.intake_nav(request.user),
            "today": today,
        },
    )


@login_required
def waiting_list(request):
    team = _board_team(request)
    rows = selectors.waiting_list_rows(request.user, team_id=team.pk)
    _audit_listed(request, team, "registration.waiting_list", [row.entry.registration_id for row in rows])
    return render(
        request,
        "intake/waiting_list.html",
        {
            "team": team,
            "rows": rows,
            "interim_days": meeting.interim_contact_days(),
            "intake_nav": selectors.intake_nav(request.user),
            "may_decide": policy.has_perm(request.user, Perm.TRIAGE_DECIDE, team_id=team.pk),
        },
    )


# --- One registration -----------------------------------------------------------------------


@login_required
def registration_detail(request, pk: int):
    registration = selectors.registration_get_for_user(request.user, pk)
    triage = Triage.objects.filter(registration=registration).select_related("triaged_by").first()
    outcome = (
        Outcome.objects.filter(registration=registration)
        .select_related("assigned_worker", "decided_by", "redirect_team")
        .first()
    )
    waiting = WaitingListEntry.objects.filter(registration=registration, removed_at__isnull=True).first()
    today = timezone.localdate()
    may_link = not registration.case_id and (
        policy.has_perm(request.user, Perm.REGISTRATION_CREATE, team_id=registration.team_id)
        or policy.has_perm(request.user, Perm.TRIAGE_DECIDE, team_id=registration.team_id)
    )
    matches, looked_up = [], False
    if may_link and registration.resident_id is None:
        matches, looked_up = known.known_matches_for_registration(request.user, registration)
    return render(
        request,
        "intake/registration_detail.html",
        {
            "registration": registration,
            "triage": triage,
            "outcome": outcome,
            "waiting": waiting,
            "letters": list(selectors.registration_letters(registration)),
            "may_decide": policy.has_perm(request.user, Perm.TRIAGE_DECIDE, team_id=registration.team_id),
            "may_edit": policy.has_perm(request.user, Perm.CASE_EDIT, team_id=registration.team_id),
            "needs_case": bool(outcome and outcome.kind == Outcome.Kind.CORE_DECISION and not registration.case_id),
            "overdue": bool(
                registration.first_contact_due
                and registration.first_contact_at is None
                and registration.first_contact_due < today
            ),
            "today": today,
            "may_link": may_link,
            "redirected_from": Registration.objects.filter(pk=registration.redirected_from_id)
            .select_related("team", "outcome")
            .first(),
            "redirected_to": Registration.objects.filter(redirected_from=registration).select_related("team").first(),
            "matches": matches,
            "looked_up": looked_up,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def triage_edit(request, pk: int):
    registration = selectors.registration_get_for_user(request.user, pk, purpose="registration.view.triage")
    _require(request.user, registration, Perm.TRIAGE_DECIDE)
    triage = Triage.objects.filter(registration=registration).first()
    if request.method == "POST":
        form = forms.TriageForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                meeting.triage_record(
                    actor=request.user,
                    registration=registration,
                    expected_version=version if triage else None,
                    **data,
                )
            except ConcurrentEditError as error:
                form.add_error(None, error.message)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("De triage is vastgelegd."))
                return redirect(_detail_url(registration))
    elif triage:
        form = forms.TriageForm(
            initial={
                "version": triage.version,
                **{
                    name: getattr(triage, name)
                    for name in [
                        "scope",
                        "urgency",
                        "known_elsewhere",
                        "safety_flag",
                        "safety_situation",
                        "safety_persons",
                        "provisional_approach",
                    ]
                },
            }
        )
    else:
        form = forms.TriageForm(initial={"urgency": registration.urgency, "safety_flag": registration.safety_flag})
    return _form_page(
        request,
        registration,
        form,
        title=_("Triage vastleggen") if triage is None else _("Triage wijzigen"),
        submit=_("Triage opslaan"),
        intro=_("Een gewijzigde urgentie berekent de datum voor het eerste contact opnieuw."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def outcome_edit(request, pk: int):
    registration = selectors.registration_get_for_user(request.user, pk, purpose="registration.view.outcome")
    _require(request.user, registration, Perm.TRIAGE_DECIDE)
    form = forms.OutcomeForm(request.POST or None, team_id=registration.team_id)
    if request.method == "POST" and form.is_valid():
        try:
            meeting.outcome_record(actor=request.user, registration=registration, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("De uitkomst is vastgelegd. Laat de inwoner of melder weten wat er gebeurt."))
            return redirect(_detail_url(registration))
    return _form_page(
        request,
        registration,
        form,
        title=_("Uitkomst van het aanmeldoverleg"),
        submit=_("Uitkomst vastleggen"),
        intro=_(
            "Bij een kernbesluit: interventies, doel, beoogd resultaat en de uitvoerend medewerker. "
            "Bij elke andere uitkomst: de reden."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_open(request, pk: int):
    registration = selectors.registration_get_for_user(request.user, pk, purpose="registration.view.case_open")
    _require(request.user, registration, Perm.TRIAGE_DECIDE)
    form = forms.CaseOpenForm(request.POST or None, initial={"consent_given_on": timezone.localdate()})
    likely_match = False
    if request.method == "POST" and form.is_valid():
        try:
            case = meeting.case_open_from_registration(
                actor=request.user, registration=registration, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
            likely_match = "new_resident_confirmed" in getattr(error, "error_dict", {})
        else:
            messages.success(request, _("De casus is geopend en staat op de werkvoorraad van de contactpersoon."))
            return redirect(reverse("cases:detail", args=[case.pk]))
    return _form_page(
        request,
        registration,
        form,
        title=_("Casus openen"),
        submit=_("Casus openen"),
        intro=_(
            "Een dossier wordt alleen geopend met toestemming van de inwoner, of met een reden om eerst te handelen."
        ),
        # Refused for a likely match: the way out is linking it on the registration page.
        extra={"link_url": _detail_url(registration) + "#bekend"} if likely_match else None,
    )


def _contact_page(request, registration, *, save, title: str, done: str, redirect_url: str):
    form = forms.ContactForm(request.POST or None, initial=forms.ContactForm.now_initial())
    if request.method == "POST" and form.is_valid():
        try:
            save(form.moment(), form.cleaned_data["note"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(redirect_url)
    return _form_page(request, registration, form, title=title, submit=_("Opslaan"))


@login_required
@require_http_methods(["GET", "POST"])
def first_contact(request, pk: int):
    registration = selectors.registration_get_for_user(request.user, pk, purpose="registration.view.first_contact")
    _require(request.user, registration, Perm.CASE_EDIT)
    return _contact_page(
        request,
        registration,
        save=lambda moment, note: meeting.first_contact_record(
            actor=request.user, registration=registration, contacted_at=moment, note=note
        ),
        title=_("Eerste contact vastleggen"),
        done=_("Het eerste contact is vastgelegd."),
        redirect_url=_detail_url(registration),
    )


@login_required
@require_http_methods(["GET", "POST"])
def interim_contact(request, pk: int):
    registration = selectors.registration_get_for_user(request.user, pk, purpose="registration.view.interim_contact")
    _require(request.user, registration, Perm.CASE_EDIT)
    entry = WaitingListEntry.objects.filter(registration=registration, removed_at__isnull=True).first()
    if entry is None:
        raise Http404
    entry.registration = registration
    return _contact_page(
        request,
        registration,
        save=lambda moment, note: meeting.interim_contact_record(
            actor=request.user, entry=entry, contacted_at=moment, note=note
        ),
        title=_("Tussentijds contact vastleggen"),
        done=_("Het tussentijdse contact is vastgelegd."),
        redirect_url=reverse("intake:waiting_list"),
    )


# --- Letters --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def letter(request, pk: int):
    """Preview the template's text for this outcome, edit it, send it as e-mail or print it."""
    registration = selectors.registration_get_for_user(request.user, pk, purpose="registration.view.letter")
    _require(request.user, registration, Perm.TRIAGE_DECIDE)
    audience = letters.AUDIENCE_REPORTER if request.GET.get("aan") == letters.AUDIENCE_REPORTER else ""
    problem = None
    try:
        draft = letters.letter_draft(registration, audience=audience or letters.AUDIENCE_RESIDENT)
    except ValidationError as error:
        draft, problem = None, error.messages[0]
    form = None
    if draft is not None:
        initial = {
            "kind": draft.kind,
            "medium": RegistrationLetter.Medium.EMAIL if draft.email else RegistrationLetter.Medium.LETTER,
            "recipient": draft.recipient,
            "email_address": draft.email,
            "subject": draft.subject,
            "body": draft.body,
        }
        form = forms.LetterForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                sent = letters.letter_send(actor=request.user, registration=registration, **form.cleaned_data)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                if sent.medium == RegistrationLetter.Medium.LETTER:
                    messages.success(request, _("De brief is opgeslagen. Druk hem af en verstuur hem."))
                    return redirect(
                        reverse("intake:letter_print", kwargs={"pk": registration.pk, "letter_id": sent.pk})
                    )
                messages.success(request, _("De e-mail is opgeslagen en wordt verstuurd."))
                return redirect(_detail_url(registration))
    return render(
        request,
        "intake/letter_form.html",
        {
            "registration": registration,
            "form": form,
            "problem": problem,
            "audience": audience,
            "has_reporter": registration.reporter_kind != "zelf",
            "cancel_url": _detail_url(registration),
        },
    )


@login_required
def letter_print(request, pk: int, letter_id: int):
    """The stored text as a printable page (the browser prints it or saves it as PDF)."""
    registration = selectors.registration_get_for_user(request.user, pk, purpose="registration.view.letter_print")
    sent = (
        RegistrationLetter.objects.filter(registration=registration, pk=letter_id).select_related("created_by").first()
    )
    if sent is None:
        raise Http404
    return render(request, "intake/letter_print.html", {"registration": registration, "letter": sent})
