"""Screens of the privacy officer, and the emergency-access page for workers. Thin: the
checks and writes are in services/selectors; every look at the log is itself logged."""

import csv
import io
import zipfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.audit.services import Action, record_event
from nabij.cases.models import Case
from nabij.cases.selectors import case_list_for_user
from nabij.core.pagination import keyset_page
from nabij.privacy import selectors, services
from nabij.privacy.export import resident_export_data, resident_export_json
from nabij.privacy.forms import (
    AuditSearchForm,
    DestructionExceptionForm,
    DestructionRequestForm,
    EmergencyReasonForm,
    PeriodForm,
    ResidentLookupForm,
    ReviewForm,
)
from nabij.privacy.models import DestructionRequest
from nabij.privacy.pdf import html_to_pdf
from nabij.privacy.retention import destruction_due_soon, retention_plan
from nabij.residents.models import Resident
from nabij.residents.selectors import resident_match_queryset

PAGE_SIZE = 50

# NEN 7513 / IHE ATNA names for the export columns, in the order Logius lists them.
EXPORT_COLUMNS = [
    ("EventID", "event_id"),
    ("EventActionCode", "event_action"),
    ("EventTypeCode", "event_type"),
    ("EventDateTime", "event_datetime"),
    ("EventOutcomeIndicator", "event_outcome"),
    ("UserID", "user_id"),
    ("UserName", "user_name"),
    ("AlternativeUserID", "on_behalf_of"),
    ("RoleIDCode", "user_role"),
    ("UserOrganisation", "user_organisation"),
    ("UserTeamID", "user_team_id"),
    ("PurposeOfUse", "purpose_of_use"),
    ("NetworkAccessPointID", "network_access_point"),
    ("ParticipantObjectTypeCode", "participant_object_type"),
    ("ParticipantObjectID", "participant_object_id"),
    ("ParticipantObjectPatientID", "resident_id"),
    ("AuditSourceID", "audit_source"),
    ("EventHash", "hash"),
]


def _need(request, perm: Perm, event_type: str) -> None:
    services.require_perm(request.user, perm, event_type=event_type)


def _resident_or_404(resident_id: int) -> Resident:
    resident = Resident.objects.select_related("household").filter(pk=resident_id).first()
    if resident is None:
        raise Http404
    return resident


def case_url(case_id: int) -> str | None:
    """The case page, once the cases app provides it."""
    for name in ("cases:detail", "cases:case"):
        try:
            return reverse(name, kwargs={"case_id": case_id})
        except NoReverseMatch:
            continue
    return None


@login_required
def index(request):
    user = request.user
    if not (policy.has_perm(user, Perm.AUDIT_VIEW) or policy.has_perm(user, Perm.PRIVACY_MANAGE)):
        raise PermissionDenied
    context = {
        "title": _("Privacy"),
        "can_audit": policy.has_perm(user, Perm.AUDIT_VIEW),
        "can_manage": policy.has_perm(user, Perm.PRIVACY_MANAGE),
        "to_review": selectors.emergency_accesses_for_review(user).count(),
        "destruction_due": destruction_due_soon().count() if policy.has_perm(user, Perm.PRIVACY_MANAGE) else 0,
    }
    return render(request, "privacy/index.html", context)


def _audit_filters(form) -> selectors.AuditFilter:
    data = form.cleaned_data if form.is_valid() else {}
    return selectors.AuditFilter(
        resident_id=data.get("resident_id"),
        user=data.get("user") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        action=data.get("action") or "",
        event_type=data.get("event_type") or "",
        outcome=data.get("outcome") or "",
    )


@login_required
def audit_log(request):
    _need(request, Perm.AUDIT_VIEW, "audit.search")
    form = AuditSearchForm(request.GET or None)
    filters = _audit_filters(form) if request.GET else selectors.AuditFilter()
    events = selectors.audit_events_for_officer(request.user, filters).select_related("user")
    # Keyset pages: the log holds a hundred million events at city scale; no COUNT per view.
    # By event time, so a period and the order are one range on an index (audit 0004).
    page = keyset_page(
        events,
        size=PAGE_SIZE,
        before=request.GET.get("ouder"),
        after=request.GET.get("nieuwer"),
        sort_field="event_datetime",
    )
    record_event(
        actor=request.user,
        event_type="audit.search",
        action=Action.READ,
        object_type="auditevent",
        resident_id=filters.resident_id,
        details=filters.as_details(),
    )
    query = request.GET.copy()
    for key in ("ouder", "nieuwer"):
        query.pop(key, None)
    return render(
        request,
        "privacy/audit_log.html",
        {"title": _("Auditlog"), "form": form, "page": page, "query": query.urlencode()},
    )


class _Echo:
    def write(self, value):
        return value


def _csv_safe(value) -> str:
    """No formula injection when the export is opened in a spreadsheet."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
def audit_export(request):
    _need(request, Perm.AUDIT_VIEW, "audit.export")
    form = AuditSearchForm(request.GET or None)
    filters = _audit_filters(form) if request.GET else selectors.AuditFilter()
    events = selectors.audit_events_for_officer(request.user, filters)
    record_event(
        actor=request.user,
        event_type="audit.export",
        action=Action.EXECUTE,
        object_type="auditevent",
        resident_id=filters.resident_id,
        details=filters.as_details(),
    )
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow([name for name, _attr in EXPORT_COLUMNS])
        for event in events.iterator(chunk_size=2000):
            values = []
            for _name, attr in EXPORT_COLUMNS:
                value = getattr(event, attr)
                if attr == "event_datetime":
                    value = value.isoformat(timespec="microseconds")
                values.append(_csv_safe(value))
            yield writer.writerow(values)

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="nabij-auditlog-{stamp}.csv"'
    return response


# --- Emergency access ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def emergency_access(request, case_id: int):
    """'Known to team X, contact person Y' and, with a stated reason, emergency access."""
    _need(request, Perm.EMERGENCY_ACCESS, "case.emergency_access")
    case = Case.objects.select_related("team", "contact_person").filter(pk=case_id).first()
    if case is None:
        raise Http404
    if case_list_for_user(request.user).filter(pk=case.pk).exists():
        target = case_url(case.pk)
        if target:
            return redirect(target)
        messages.info(request, _("U heeft toegang tot deze casus."))
        return render(request, "privacy/emergency_granted.html", {"case": case, "title": _("Noodtoegang")})
    record_event(
        actor=request.user,
        event_type="case.outside_view",
        action=Action.READ,
        object_type="case",
        object_id=case.pk,
        resident_id=case.primary_resident_id,
    )
    form = EmergencyReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.emergency_access_grant(actor=request.user, case=case, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error.message_dict.get("reason", error.messages))
        else:
            messages.warning(
                request,
                _("U heeft noodtoegang tot %(ref)s voor %(hours)d uur. De functionaris gegevensbescherming ziet dit.")
                % {"ref": case.reference, "hours": settings.NABIJ_EMERGENCY_ACCESS_HOURS},
            )
            target = case_url(case.pk)
            if target:
                return redirect(target)
            return redirect("privacy:emergency_access", case_id=case.pk)
    return render(
        request,
        "privacy/emergency_access.html",
        {
            "title": _("Noodtoegang"),
            "outside": selectors.case_outside_view(case),
            "form": form,
            "case_id": case.pk,
            "hours": settings.NABIJ_EMERGENCY_ACCESS_HOURS,
        },
    )


@login_required
def emergency_reviews(request):
    _need(request, Perm.AUDIT_VIEW, "emergency.review_list")
    record_event(
        actor=request.user, event_type="emergency.review_list", action=Action.READ, object_type="emergencyaccess"
    )
    return render(
        request,
        "privacy/emergency_reviews.html",
        {
            "title": _("Noodtoegang beoordelen"),
            "to_review": selectors.emergency_accesses_for_review(request.user),
            "reviewed": selectors.emergency_accesses_reviewed(request.user),
            "now": timezone.now(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def emergency_review(request, pk: int):
    _need(request, Perm.AUDIT_VIEW, "emergency.review")
    access = selectors.emergency_access_get_for_officer(request.user, pk=pk)
    if access is None:
        raise Http404
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.emergency_access_review(actor=request.user, access=access, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error("note", error.message_dict.get("note", error.messages))
        else:
            messages.success(request, _("Oordeel vastgelegd."))
            return redirect("privacy:emergency_reviews")
    return render(
        request, "privacy/emergency_review.html", {"title": _("Noodtoegang beoordelen"), "access": access, "form": form}
    )


# --- Residents' rights -----------------------------------------------------------------------


@login_required
def resident_lookup(request):
    """Find the resident who asks for their report, export or destruction (names shown only
    to identify the requester: surname and birth date must both match)."""
    _need(request, Perm.PRIVACY_MANAGE, "privacy.resident_lookup")
    form = ResidentLookupForm(request.GET or None)
    results = None
    if request.GET and form.is_valid():
        results = list(
            resident_match_queryset(
                surname=form.cleaned_data["surname"], birth_date=form.cleaned_data["birth_date"]
            ).select_related("household")[:20]
        )
        record_event(
            actor=request.user,
            event_type="privacy.resident_lookup",
            action=Action.READ,
            object_type="resident",
            details={"results": len(results)},
        )
    return render(
        request, "privacy/resident_lookup.html", {"title": _("Inwoner opzoeken"), "form": form, "results": results}
    )


@login_required
def access_report(request, resident_id: int):
    _need(request, Perm.PRIVACY_MANAGE, "privacy.access_report")
    resident = _resident_or_404(resident_id)
    form = PeriodForm(request.GET or None)
    period = form.cleaned_data if request.GET and form.is_valid() else {}
    rows = selectors.access_report_rows(resident, **period)
    emergencies = selectors.emergency_accesses_for_resident(resident, **period)
    wanted = request.GET.get("formaat", "")
    record_event(
        actor=request.user,
        event_type="privacy.access_report",
        action=Action.EXECUTE if wanted == "pdf" else Action.READ,
        object_type="resident",
        object_id=resident.pk,
        resident_id=resident.pk,
        details={**{k: v.isoformat() for k, v in period.items() if v}, "format": wanted or "html"},
    )
    context = {
        "title": _("Inzageoverzicht"),
        "resident": resident,
        "form": form,
        "rows": rows,
        "emergencies": emergencies,
        "period": period,
        "generated_at": timezone.now(),
    }
    if wanted == "pdf":
        pdf = html_to_pdf(render_to_string("privacy/access_report_document.html", context, request=request))
        if pdf is not None:
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = (
                f'attachment; filename="nabij-inzageoverzicht-{resident.pk}-{timezone.localdate():%Y%m%d}.pdf"'
            )
            return response
        messages.warning(request, _("PDF is op deze installatie niet beschikbaar; gebruik Afdrukken."))
    return render(request, "privacy/access_report.html", context)


@login_required
def resident_export(request, resident_id: int):
    """AVG art. 15: one action gives the readable (PDF and HTML) and machine-readable (JSON)
    copies together in one ZIP file; the page shows the readable copy."""
    _need(request, Perm.PRIVACY_MANAGE, "privacy.data_export")
    resident = _resident_or_404(resident_id)
    data = resident_export_data(resident)
    wanted = request.GET.get("formaat", "")
    record_event(
        actor=request.user,
        event_type="privacy.data_export",
        action=Action.EXECUTE if wanted else Action.READ,
        object_type="resident",
        object_id=resident.pk,
        resident_id=resident.pk,
        details={"format": wanted or "html"},
    )
    context = {"title": _("Gegevensoverzicht"), "resident": resident, "data": data}
    filename = f"nabij-inzage-{resident.pk}-{timezone.localdate():%Y%m%d}"
    if wanted == "json":
        response = HttpResponse(resident_export_json(data), content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.json"'
        return response
    if wanted == "pdf":
        pdf = html_to_pdf(render_to_string("privacy/resident_export_document.html", context, request=request))
        if pdf is not None:
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
            return response
        messages.warning(request, _("PDF is op deze installatie niet beschikbaar; gebruik Afdrukken."))
    if wanted == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            html = render_to_string("privacy/resident_export_document.html", context, request=request)
            archive.writestr(f"{filename}.html", html)
            archive.writestr(f"{filename}.json", resident_export_json(data))
            pdf = html_to_pdf(html)
            if pdf is not None:
                archive.writestr(f"{filename}.pdf", pdf)
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{filename}.zip"'
        return response
    return render(request, "privacy/resident_export.html", context)


# --- Destruction requests and retention -------------------------------------------------


@login_required
def destruction_list(request):
    _need(request, Perm.PRIVACY_MANAGE, "destruction.list")
    requests_ = DestructionRequest.objects.select_related("resident", "registered_by").order_by("status", "due_on")
    return render(
        request,
        "privacy/destruction_list.html",
        {"title": _("Vernietigingsverzoeken"), "requests": requests_, "today": timezone.localdate()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def destruction_create(request, resident_id: int):
    _need(request, Perm.PRIVACY_MANAGE, "destruction.register")
    resident = _resident_or_404(resident_id)
    if request.method == "GET":
        record_event(
            actor=request.user,
            event_type="destruction.form",
            action=Action.READ,
            object_type="resident",
            object_id=resident.pk,
            resident_id=resident.pk,
        )
    form = DestructionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.destruction_request_register(actor=request.user, resident=resident, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("Verzoek geregistreerd. Uiterlijk uitvoeren op %(date)s.")
                % {"date": item.due_on.strftime("%d-%m-%Y")},
            )
            return redirect("privacy:destruction_detail", pk=item.pk)
    return render(
        request,
        "privacy/destruction_create.html",
        {"title": _("Vernietigingsverzoek registreren"), "resident": resident, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def destruction_detail(request, pk: int):
    _need(request, Perm.PRIVACY_MANAGE, "destruction.view")
    item = DestructionRequest.objects.select_related("resident", "registered_by", "handled_by").filter(pk=pk).first()
    if item is None:
        raise Http404
    record_event(
        actor=request.user,
        event_type="destruction.view",
        action=Action.READ,
        object_type="destructionrequest",
        object_id=item.pk,
        resident_id=item.resident_ref,
    )
    form = DestructionExceptionForm(request.POST if request.POST.get("action") == "exception" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "carry_out":
                services.destruction_carry_out(actor=request.user, request=item)
                messages.success(request, _("Het dossier is vernietigd. Anonieme cijfers blijven bewaard."))
                return redirect("privacy:destruction_detail", pk=item.pk)
            if form.is_valid():
                services.destruction_exception_record(
                    actor=request.user, request=item, reason=form.cleaned_data["exception_reason"]
                )
                messages.success(request, _("Uitzondering vastgelegd."))
                return redirect("privacy:destruction_detail", pk=item.pk)
        except ValidationError as error:
            for errors in error.message_dict.values():
                form.add_error(None, errors)
    return render(
        request,
        "privacy/destruction_detail.html",
        {"title": _("Vernietigingsverzoek"), "item": item, "form": form, "today": timezone.localdate()},
    )


@login_required
def retention_report(request):
    _need(request, Perm.PRIVACY_MANAGE, "retention.report")
    plan = retention_plan()
    record_event(actor=request.user, event_type="retention.report", action=Action.READ, object_type="retention")
    return render(request, "privacy/retention.html", {"title": _("Bewaartermijnen"), "plan": plan})
