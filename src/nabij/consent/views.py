"""The consent tab of a case (htmx partial or full page) and its forms. Thin: checks and
writes are in services; the case is loaded through the audited chokepoint."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.cases.selectors import case_get_for_user, may_edit_case
from nabij.consent import selectors, services
from nabij.consent.forms import AnonymousConsultationForm, ConsentForm, ExchangeForm, WithdrawForm
from nabij.consent.models import Consent
from nabij.core.forms import add_service_errors
from nabij.residents.models import Resident


def _household_residents(case):
    return (
        Resident.objects.filter(household_id=case.household_id)
        if case.household_id
        else Resident.objects.filter(pk=case.primary_resident_id)
    )


@login_required
def case_tab(request, case_id: int):
    """Toestemming tab: consents with their status and every exchange with its ground."""
    case = case_get_for_user(request.user, case_id=case_id, purpose="consent.view")
    context = {
        "case": case,
        "consents": selectors.consents_for_case(case),
        "exchanges": selectors.exchanges_for_case(case),
        "can_edit": may_edit_case(request.user, case),
        "today": timezone.localdate(),
        "title": _("Toestemming"),
    }
    template = "consent/case_tab.html" if request.headers.get("HX-Request") else "consent/case_tab_page.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def consent_create(request, case_id: int):
    case = case_get_for_user(request.user, case_id=case_id, purpose="consent.view")
    form = ConsentForm(
        request.POST or None, residents=_household_residents(case), initial={"resident": case.primary_resident_id}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Toestemming vastgelegd."))
            return redirect("consent:case_tab", case_id=case.pk)
    return render(
        request, "consent/consent_form.html", {"case": case, "form": form, "title": _("Toestemming vastleggen")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request, consent_id: int):
    consent = Consent.objects.filter(pk=consent_id, case__isnull=False).only("id", "case_id").first()
    if consent is None:
        raise Http404
    case = case_get_for_user(request.user, case_id=consent.case_id, purpose="consent.view")
    consent = Consent.objects.select_related("resident", "case").get(pk=consent_id)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(actor=request.user, consent=consent, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Toestemming ingetrokken."))
            return redirect("consent:case_tab", case_id=case.pk)
    return render(
        request,
        "consent/withdraw.html",
        {"case": case, "consent": consent, "form": form, "title": _("Toestemming intrekken")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def exchange_create(request, case_id: int):
    case = case_get_for_user(request.user, case_id=case_id, purpose="consent.view")
    consents = Consent.objects.active().filter(case=case, purpose=Consent.Purpose.EXCHANGE).select_related("resident")
    initial = {"exchanged_on": timezone.localdate(), "party": request.GET.get("partij", "")}
    form = ExchangeForm(request.POST or None, consents=consents, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.exchange_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Uitwisseling en grondslag vastgelegd."))
            return redirect("consent:case_tab", case_id=case.pk)
    return render(
        request, "consent/exchange_form.html", {"case": case, "form": form, "title": _("Uitwisseling vastleggen")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def anonymous_consultation(request):
    """Without a ground: an anonymous general consultation, no resident linked."""
    team = getattr(request, "active_team", None)
    if team is None or not policy.has_perm(request.user, Perm.CASE_EDIT, team_id=team.id):
        raise PermissionDenied
    form = AnonymousConsultationForm(request.POST or None, initial={"consulted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.anonymous_consultation_record(actor=request.user, team=team, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Anoniem consult vastgelegd."))
            return redirect("consent:anonymous_consultation")
    return render(request, "consent/anonymous_consultation.html", {"form": form, "title": _("Anoniem consult")})
