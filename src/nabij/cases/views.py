"""Pages of the case file and the worklist. Thin: load through the chokepoints, call services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.audit.services import Action, record_event
from nabij.cases import forms, selectors, services
from nabij.cases.models import CaseEvent, ContactMomentDraft, Involvement
from nabij.cases.phases import RESULT_BY_KEY
from nabij.cases.tabs import OWN_TABS
from nabij.core.concurrency import ConcurrentEditError
from nabij.core.forms import add_service_errors, service_ok
from nabij.residents import selectors as resident_selectors


def _case_url(case, tab="overzicht") -> str:
    return reverse("cases:tab", args=[case.pk, tab])


# --- Worklist ---------------------------------------------------------------------------


@login_required
def worklist(request):
    """Mijn werkvoorraad: the worker's open cases with the next thing due, most urgent first.
    Coordinators also see their team's caseloads and can open a colleague's list."""
    if not policy.has_perm(request.user, Perm.WORKLIST_VIEW):
        raise PermissionDenied
    worker = request.user
    caseloads = []
    if policy.has_perm(request.user, Perm.CASE_ASSIGN):
        caseloads = selectors.team_caseloads(request.user)
        chosen = request.GET.get("medewerker", "")
        if chosen.isdigit() and int(chosen) != request.user.pk:
            worker = next((c["worker"] for c in caseloads if c["worker"] and c["worker"].pk == int(chosen)), None)
            if worker is None:
                raise Http404
    rows = selectors.worklist_for_user(request.user, worker=worker)
    record_event(
        actor=request.user,
        event_type="worklist.view",
        action=Action.READ,
        object_type="worklist",
        object_id=worker.pk,
        details={"cases": len(rows)},
    )
    return render(
        request,
        "cases/worklist.html",
        {
            "rows": rows,
            "worker": worker,
            "own": worker == request.user,
            "caseloads": caseloads,
            "today": timezone.localdate(),
        },
    )


# --- The case page and its tabs --------------------------------------------------------------


@login_required
def case_detail(request, case_id: int):
    return case_tab(request, case_id, "overzicht")


@login_required
def case_tab(request, case_id, tab: str):
    case_id = int(case_id)
    if tab not in OWN_TABS:
        raise Http404
    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose=f"case.view.{tab}")
    context = selectors.case_header_context(request.user, case, active_tab=tab)
    context["may_edit"] = selectors.may_edit_case(request.user, case)
    context["may_assign"] = policy.has_perm(request.user, Perm.CASE_ASSIGN, team_id=case.team_id)
    if tab == "overzicht":
        context["involvements"] = selectors.case_involvements(case)
        context["recent_moments"] = list(selectors.contact_moments_for_user(request.user, case)[:3])
        context["drafts"] = list(
            ContactMomentDraft.objects.filter(case=case, author=request.user).order_by("-updated_at")
        )
    elif tab == "tijdlijn":
        people = list(selectors.case_timeline_actors(case))
        form = forms.TimelineFilterForm(request.GET or None, kinds=CaseEvent.Kind.choices, people=people)
        kind = actor_id = None
        if form.is_valid():
            kind = form.cleaned_data["soort"] or ""
            actor_id = int(form.cleaned_data["persoon"]) if form.cleaned_data["persoon"] else None
        context["filter_form"] = form
        page = selectors.case_timeline(
            request.user, case, kind=kind or "", actor_id=actor_id, actors=people, before=request.GET.get("ouder")
        )
        context["events"] = page.events
        context["timeline_page"] = page
        # The older page keeps the filter: the same query string with `ouder` replaced.
        query = request.GET.copy()
        query.pop("ouder", None)
        context["filter_query"] = query.urlencode()
    elif tab == "netwerk":
        context["network"] = resident_selectors.network_overview(case.household)
        context["involvements"] = selectors.case_involvements(case)
    elif tab == "documenten":
        context["attachments"] = selectors.case_attachments(case)
        context["form"] = forms.AttachmentForm()
    return render(request, f"cases/tab_{tab}.html", context)


@login_required
@require_POST
def bsn_reveal(request, case_id: int, resident_id: int):
    """Show one member's full BSN on the overview: an audited action of its own."""
    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose="case.view.bsn")
    bsn = services.case_member_bsn_reveal(actor=request.user, case=case, resident_id=resident_id)
    if request.headers.get("HX-Request"):
        return render(request, "cases/_bsn.html", {"bsn": bsn})
    context = selectors.case_header_context(request.user, case, active_tab="overzicht")
    context.update(
        may_edit=selectors.may_edit_case(request.user, case),
        involvements=selectors.case_involvements(case),
        recent_moments=list(selectors.contact_moments_for_user(request.user, case)[:3]),
        drafts=[],
    )
    for member in context["summary"].members:
        if member.pk == resident_id:
            member.revealed_bsn = bsn
    return render(request, "cases/tab_overzicht.html", context)


# --- Contact moments -------------------------------------------------------------------------


def _draft_initial(draft) -> dict:
    local = timezone.localtime(draft.occurred_at) if draft.occurred_at else None
    return {
        "date": local.date() if local else None,
        "time": local.time().replace(second=0, microsecond=0) if local else None,
        "kind": draft.kind,
        "participants": draft.participants,
        "core_task": draft.core_task,
        "minutes": draft.minutes,
        "text": draft.text,
        "restricted": draft.restricted,
    }


@login_required
def contact_new(request, case_id: int):
    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose="contact.new")
    draft = ContactMomentDraft.objects.filter(case=case, author=request.user, contact_moment__isnull=True).first()
    if request.method == "POST":
        form = forms.ContactMomentForm(request.POST)
        if form.is_valid():
            if service_ok(
                form, lambda: services.contact_moment_create(actor=request.user, case=case, **form.service_kwargs())
            ):
                messages.success(request, _("Het contactmoment is opgeslagen."))
                return redirect(_case_url(case, "tijdlijn"))
    else:
        now = timezone.localtime()
        initial = {"date": now.date(), "time": now.time().replace(second=0, microsecond=0), "version": 1}
        if draft:
            initial.update({k: v for k, v in _draft_initial(draft).items() if v not in (None, "")})
        form = forms.ContactMomentForm(initial=initial)
    context = selectors.case_header_context(request.user, case, active_tab="tijdlijn")
    context.update(
        form=form,
        draft=draft,
        draft_url=reverse("cases:contact_draft", args=[case.pk]),
        title=_("Nieuw contactmoment"),
    )
    return render(request, "cases/contact_form.html", context)


@login_required
def contact_edit(request, case_id: int, moment_id: int):
    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose="contact.edit")
    moment = selectors.contact_moment_get_for_user(request.user, case=case, moment_id=moment_id)
    draft = ContactMomentDraft.objects.filter(case=case, author=request.user, contact_moment=moment).first()
    conflict = False
    if request.method == "POST":
        form = forms.ContactMomentForm(request.POST)
        if form.is_valid():
            try:
                services.contact_moment_update(
                    actor=request.user,
                    moment=moment,
                    expected_version=form.cleaned_data["version"],
                    **form.service_kwargs(),
                )
            except ConcurrentEditError as error:
                conflict = True
                form.add_error(None, error.message)
                moment.refresh_from_db()
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Het contactmoment is bijgewerkt; de vorige versie is bewaard."))
                return redirect(_case_url(case, "tijdlijn"))
    else:
        local = timezone.localtime(moment.occurred_at)
        initial = {
            "version": moment.version,
            "date": local.date(),
            "time": local.time().replace(second=0, microsecond=0),
            **{k: getattr(moment, k) for k in ["kind", "participants", "core_task", "minutes", "text", "restricted"]},
        }
        if draft:
            initial.update({k: v for k, v in _draft_initial(draft).items() if v not in (None, "")})
        form = forms.ContactMomentForm(initial=initial)
    context = selectors.case_header_context(request.user, case, active_tab="tijdlijn")
    if moment.restricted:
        context["grant_candidates"] = selectors.grant_candidates(case, moment)
        context["grants"] = list(moment.grants.select_related("user"))
    context.update(
        form=form,
        draft=draft,
        moment=moment,
        conflict=conflict,
        revisions=list(moment.revisions.select_related("replaced_by")),
        draft_url=reverse("cases:contact_edit_draft", args=[case.pk, moment.pk]),
        title=_("Contactmoment wijzigen"),
    )
    return render(request, "cases/contact_form.html", context)


@login_required
@require_POST
def contact_grant(request, case_id: int, moment_id: int):
    """Give a team colleague access to a restricted contact moment."""
    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose="contact.grant")
    moment = selectors.contact_moment_get_for_user(request.user, case=case, moment_id=moment_id)
    user_id = request.POST.get("user", "")
    colleague = next((u for u in selectors.grant_candidates(case, moment) if str(u.pk) == user_id), None)
    if colleague is None:
        messages.error(request, _("Kies een collega uit het team."))
    else:
        services.contact_moment_grant(actor=request.user, moment=moment, user=colleague)
        messages.success(request, _("%(name)s kan dit contactmoment nu lezen.") % {"name": colleague.get_full_name()})
    return redirect(reverse("cases:contact_edit", args=[case.pk, moment.pk]))


@login_required
@require_POST
def contact_draft(request, case_id: int, moment_id: int | None = None):
    """Autosave (htmx, as the worker types): store what is in the form, valid or not yet."""
    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose="contact.draft")
    moment = selectors.contact_moment_get_for_user(request.user, case=case, moment_id=moment_id) if moment_id else None
    form = forms.ContactMomentForm(request.POST)
    form.is_valid()  # partial input is fine for a draft: keep what parses
    data = form.cleaned_data
    minutes = data.get("minutes")
    services.contact_moment_draft_save(
        actor=request.user,
        case=case,
        contact_moment=moment,
        occurred_at=data.get("occurred_at"),
        kind=request.POST.get("kind", "")[:20],
        participants=request.POST.get("participants", "")[:300],
        core_task=request.POST.get("core_task", "")[:20],
        minutes=minutes,
        text=request.POST.get("text", ""),
        restricted=bool(request.POST.get("restricted")),
    )
    saved = timezone.localtime()
    if request.headers.get("HX-Request"):
        return render(request, "cases/_draft_status.html", {"saved": saved})
    messages.info(request, _("Concept opgeslagen om %(time)s") % {"time": saved.strftime("%H:%M")})
    target = "cases:contact_edit" if moment else "cases:contact_new"
    return redirect(reverse(target, args=[case.pk, moment.pk] if moment else [case.pk]))


@login_required
@require_POST
def contact_draft_discard(request, case_id: int):
    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose="contact.draft")
    services.contact_moment_draft_discard(actor=request.user, case=case)
    messages.info(request, _("Het concept is verwijderd."))
    return redirect(_case_url(case))


# --- Phase, results, direction --------------------------------------------------------------


@login_required
def phase_change(request, case_id: int):
    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose="case.phase_change")
    missing = services.case_missing_results(case)
    if request.method == "POST":
        form = forms.PhaseChangeForm(request.POST, case=case)
        if form.is_valid():
            if service_ok(
                form,
                lambda: services.case_phase_change(
                    actor=request.user,
                    case=case,
                    to_phase=form.cleaned_data["to_phase"],
                    expected_version=form.cleaned_data["version"],
                    justification=form.cleaned_data["justification"],
                    watch_next_checkin=form.cleaned_data["watch_next_checkin"],
                ),
            ):
                messages.success(request, _("De fase is gewijzigd."))
                return redirect(_case_url(case))
    else:
        form = forms.PhaseChangeForm(initial={"version": case.version}, case=case)
    context = selectors.case_header_context(request.user, case, active_tab="overzicht")
    context.update(form=form, missing=missing, title=_("Fase wijzigen"), submit=_("Fase wijzigen"))
    return render(request, "cases/phase_form.html", context)


@login_required
@require_POST
def result_toggle(request, case_id: int):
    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose="case.result")
    key = request.POST.get("key", "")
    if key not in RESULT_BY_KEY:
        messages.error(request, _("Dit faseresultaat bestaat niet. Kies een resultaat uit de lijst."))
        return redirect(_case_url(case))
    if request.POST.get("done") == "1":
        services.case_result_complete(case=case, key=key, actor=request.user)
    else:
        services.case_result_undo(actor=request.user, case=case, key=key)
    return redirect(_case_url(case))


@login_required
def direction_edit(request, case_id: int):
    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose="case.direction")
    if request.method == "POST":
        form = forms.DirectionForm(request.POST)
        if form.is_valid():
            if service_ok(
                form,
                lambda: services.case_direction_set(
                    actor=request.user,
                    case=case,
                    expected_version=form.cleaned_data["version"],
                    direction=form.cleaned_data["direction"],
                    organisation=form.cleaned_data["direction_organisation"],
                    hand_back_on=form.cleaned_data["direction_hand_back_on"],
                ),
            ):
                messages.success(request, _("De casusregie is vastgelegd."))
                return redirect(_case_url(case))
    else:
        form = forms.DirectionForm(
            initial={
                "version": case.version,
                "direction": case.direction,
                "direction_organisation": case.direction_organisation,
                "direction_hand_back_on": case.direction_hand_back_on,
            }
        )
    return _form_page(request, case, form, _("Casusregie"), _("Opslaan"), "overzicht")


@login_required
def assign(request, case_id: int):
    """A coordinator chooses the contact person, seeing each colleague's open caseload."""
    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose="case.assign")
    if not policy.has_perm(request.user, Perm.CASE_ASSIGN, team_id=case.team_id):
        raise Http404
    candidates = [c for c in selectors.team_caseloads(request.user, team_ids={case.team_id}) if c["worker"]]
    initial = {"version": case.version, "contact_person": str(case.contact_person_id or "")}
    form = forms.AssignForm(request.POST or None, initial=initial, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        if service_ok(
            form,
            lambda: services.case_assign_contact_person(
                actor=request.user,
                case=case,
                contact_person=form.cleaned_data["contact_person"],
                expected_version=form.cleaned_data["version"],
            ),
        ):
            messages.success(request, _("De contactpersoon is gewijzigd."))
            return redirect(_case_url(case))
    return _form_page(request, case, form, _("Contactpersoon kiezen"), _("Opslaan"), "overzicht")


def _form_page(request, case, form, title, submit, tab, multipart=False):
    context = selectors.case_header_context(request.user, case, active_tab=tab)
    context.update(form=form, title=title, submit=submit, cancel_url=_case_url(case, tab), multipart=multipart)
    return render(request, "cases/form_page.html", context)


# --- Involvements, network, residents, household ---------------------------------------------


@login_required
def involvement_new(request, case_id: int):
    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose="involvement.new")
    form = forms.InvolvementForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        if service_ok(form, lambda: services.involvement_add(actor=request.user, case=case, **form.cleaned_data)):
            messages.success(request, _("De betrokken hulpverlener is toegevoegd."))
            return redirect(_case_url(case, "netwerk"))
    return _form_page(request, case, form, _("Betrokken hulpverlener toevoegen"), _("Toevoegen"), "netwerk")


@login_required
@require_POST
def involvement_end(request, case_id: int, involvement_id: int):
    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose="involvement.end")
    involvement = Involvement.objects.filter(case=case, pk=involvement_id).first()
    if involvement is None:
        raise Http404
    services.involvement_end(actor=request.user, involvement=involvement)
    messages.success(request, _("De hulpverlener staat nu als niet meer betrokken."))
    return redirect(_case_url(case, "netwerk"))


@login_required
def network_edit(request, case_id: int, member_id: int | None = None):
    from nabij.residents import forms as resident_forms
    from nabij.residents import services as resident_services

    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose="network.edit")
    member = None
    if member_id is not None:
        member = case.household.network.filter(pk=member_id).first()
        if member is None:
            raise Http404
    initial = {"version": member.version} if member else {}
    if member:
        initial.update({k: getattr(member, k) for k in ["kind", "name", "role", "phone", "email", "how_to_reach"]})
        initial["resident"] = member.resident_id
    form = resident_forms.NetworkMemberForm(request.POST or None, initial=initial, household=case.household)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            if member:
                resident_services.network_member_update(
                    actor=request.user, member=member, expected_version=form.cleaned_data["version"] or 0, **data
                )
            else:
                resident_services.network_member_add(actor=request.user, household=case.household, **data)
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het netwerk is bijgewerkt."))
            return redirect(_case_url(case, "netwerk"))
    title = _("Netwerklid wijzigen") if member else _("Netwerklid toevoegen")
    return _form_page(request, case, form, title, _("Opslaan"), "netwerk")


RESIDENT_FORM_FIELDS = [
    "given_names",
    "surname_prefix",
    "surname",
    "birth_date",
    "household_role",
    "phone",
    "email",
    "language",
    "interpreter_needed",
    "safety_warning",
]


@login_required
def resident_edit(request, case_id: int, resident_id: int | None = None):
    """Change a household member's details, or add a member (resident_id None)."""
    from nabij.residents import forms as resident_forms
    from nabij.residents import services as resident_services

    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose="resident.edit")
    resident = None
    if resident_id is not None:
        resident = case.household.members.filter(pk=resident_id).first()
        if resident is None:
            raise Http404
    fields = RESIDENT_FORM_FIELDS
    initial = (
        {"version": resident.version, **{k: getattr(resident, k) for k in fields}}
        if resident
        else {"language": "Nederlands"}
    )
    form = resident_forms.ResidentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in fields}
        try:
            if resident:
                resident_services.resident_update(
                    actor=request.user,
                    resident=resident,
                    expected_version=form.cleaned_data["version"] or 0,
                    bsn=form.cleaned_data["bsn"] or None,  # empty: keep the stored BSN
                    **data,
                )
            else:
                resident_services.resident_add(
                    actor=request.user, household=case.household, bsn=form.cleaned_data["bsn"], **data
                )
        except ConcurrentEditError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect(_case_url(case))
    title = _("Gegevens van %(name)s") % {"name": resident.full_name} if resident else _("Gezinslid toevoegen")
    return _form_page(request, case, form, title, _("Opslaan"), "overzicht")


@login_required
def household_edit(request, case_id: int):
    from nabij.residents import forms as resident_forms
    from nabij.residents import services as resident_services

    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose="household.edit")
    household = case.household
    fields = ["street", "house_number", "house_number_addition", "postcode", "city", "area", "safety_warning"]
    initial = {"version": household.version, **{k: getattr(household, k) for k in fields}}
    form = resident_forms.HouseholdForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if service_ok(
            form,
            lambda: resident_services.household_update(
                actor=request.user,
                household=household,
                expected_version=form.cleaned_data["version"],
                **{k: form.cleaned_data[k] for k in fields},
            ),
        ):
            messages.success(request, _("Het adres is opgeslagen."))
            return redirect(_case_url(case))
    return _form_page(request, case, form, _("Adres en huishouden"), _("Opslaan"), "overzicht")


# --- Documents ------------------------------------------------------------------------------


@login_required
@require_POST
def attachment_upload(request, case_id: int):
    case = selectors.case_get_for_user(request.user, case_id=case_id, purpose="attachment.upload")
    form = forms.AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        if service_ok(
            form,
            lambda: services.attachment_add(
                actor=request.user,
                case=case,
                uploaded_file=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            ),
        ):
            messages.success(request, _("Het document is toegevoegd."))
            return redirect(_case_url(case, "documenten"))
    context = selectors.case_header_context(request.user, case, active_tab="documenten")
    context.update(form=form, attachments=selectors.case_attachments(case), may_edit=True)
    return render(request, "cases/tab_documenten.html", context)


@login_required
def attachment_download(request, attachment_id: int):
    """Serve a document only through the access check; every download is audited."""
    attachment = selectors.attachment_get_for_user(request.user, attachment_id=attachment_id)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    record_event(
        actor=request.user,
        event_type="attachment.download",
        action=Action.READ,
        object_type="attachment",
        object_id=attachment.pk,
        resident_id=attachment.case.primary_resident_id,
        details={"case_id": attachment.case_id},
    )
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name)
    response["Content-Type"] = attachment.content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
