"""Plan tab pages under the case: the plan, goals and actions, agreement, versions, PDF.

Thin views: the case comes from `case_get_for_user` (404 for missing and forbidden, audited);
every write goes through `plans.services`. Everything works without JavaScript; htmx swaps
the action status row in place.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nabij.audit.services import Action as AuditAction
from nabij.audit.services import record_event
from nabij.cases.selectors import case_get_for_user
from nabij.core.forms import run_service
from nabij.documents.services import pdf_from_html
from nabij.plans import selectors, services
from nabij.plans.forms import ActionForm, ActionStatusForm, AgreeForm, CompareForm, GoalForm, RevisionForm
from nabij.plans.models import Goal, SupportLayer


def case_for(request, case_id: int, purpose: str = "plan.view"):
    return case_get_for_user(request.user, case_id=case_id, purpose=purpose)


def _plan_url(case) -> str:
    return reverse("plans:case_plan", kwargs={"case_id": case.pk})


def tab_context(case, tab: str, **extra) -> dict:
    return {"case": case, "tab": tab, **extra}


@login_required
def case_plan(request, case_id: int):
    case = case_for(request, case_id)
    page = selectors.plan_page(case)
    return render(
        request,
        "plans/plan.html",
        tab_context(case, "plan", page=page, layers=SupportLayer, status_form=ActionStatusForm()),
    )


@login_required
@require_POST
def plan_start(request, case_id: int):
    case = case_for(request, case_id, "plan.edit")
    try:
        services.plan_create(actor=request.user, case=case)
        messages.success(request, _("Het perspectiefplan is gestart. Voeg de doelen toe."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("plans:case_plan", case_id=case.pk)


def _plan_or_404(case):
    page = selectors.plan_page(case)
    if page.plan is None:
        raise Http404
    return page


def _goal_in_plan(page, goal_id: int) -> Goal:
    goal = next((g for g in page.goals if g.pk == goal_id), None)
    if goal is None:
        raise Http404
    return goal


@login_required
def goal_edit(request, case_id: int, goal_id: int | None = None):
    case = case_for(request, case_id, "plan.edit")
    page = _plan_or_404(case)
    goal = _goal_in_plan(page, goal_id) if goal_id else None
    initial = {"domain": goal.domain_id, "wording": goal.wording, "at_stake": goal.at_stake} if goal else None
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if request.POST.get("remove") and goal is not None:
            try:
                services.goal_remove(actor=request.user, goal=goal)
                messages.success(request, _("Het doel is verwijderd."))
                return redirect("plans:case_plan", case_id=case.pk)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
        elif form.is_valid():
            saved = run_service(
                form,
                lambda: services.goal_save(
                    actor=request.user,
                    plan=page.plan,
                    goal=goal,
                    domain=form.cleaned_data["domain"],
                    wording=form.cleaned_data["wording"],
                    at_stake=form.cleaned_data["at_stake"],
                ),
            )
            if saved is not None:
                messages.success(request, _("Het doel is opgeslagen."))
                return redirect(f"{_plan_url(case)}#goal-{saved.pk}")
    return render(request, "plans/goal_form.html", tab_context(case, "plan", page=page, form=form, goal=goal))


@login_required
def action_edit(request, case_id: int, goal_id: int, action_id: int | None = None):
    case = case_for(request, case_id, "plan.edit")
    page = _plan_or_404(case)
    goal = _goal_in_plan(page, goal_id)
    action = None
    if action_id:
        action = next((a for a in goal.actions.all() if a.pk == action_id), None)
        if action is None:
            raise Http404
    initial = (
        {f: getattr(action, f) for f in ("description", "layer", "performer", "due_on", "status")} if action else None
    )
    form = ActionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if request.POST.get("remove") and action is not None:
            try:
                services.action_remove(actor=request.user, action=action)
                messages.success(request, _("De actie is verwijderd."))
                return redirect(f"{_plan_url(case)}#goal-{goal.pk}")
            except ValidationError as exc:
                form.add_error(None, exc.messages)
        elif form.is_valid():
            saved = run_service(
                form,
                lambda: services.action_save(actor=request.user, goal=goal, action=action, **form.cleaned_data),
            )
            if saved is not None:
                messages.success(request, _("De actie is opgeslagen."))
                return redirect(f"{_plan_url(case)}#goal-{goal.pk}")
    return render(
        request, "plans/action_form.html", tab_context(case, "plan", page=page, form=form, goal=goal, action=action)
    )


@login_required
@require_POST
def action_status(request, case_id: int, action_id: int):
    case = case_for(request, case_id, "plan.edit")
    page = _plan_or_404(case)
    action = next((a for g in page.goals for a in g.actions.all() if a.pk == action_id), None)
    if action is None:
        raise Http404
    form = ActionStatusForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            services.action_status_set(actor=request.user, action=action, status=form.cleaned_data["status"])
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = _("Kies een status uit de lijst.")
    if request.headers.get("HX-Request"):
        html = render_to_string(
            "plans/_action_row.html",
            {
                "case": case,
                "page": page,
                "action": action,
                "goal": action.goal,
                "status_error": error,
                "status_saved": not error,
            },
            request=request,
        )
        return HttpResponse(html)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("De status is bijgewerkt."))
    return redirect(f"{_plan_url(case)}#action-{action.pk}")


@login_required
def plan_revise(request, case_id: int):
    case = case_for(request, case_id, "plan.edit")
    page = _plan_or_404(case)
    form = RevisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        version = run_service(
            form,
            lambda: services.plan_revision_start(
                actor=request.user, plan=page.plan, reason=form.cleaned_data["reason"]
            ),
        )
        if version is not None:
            messages.success(request, _("Versie %(n)s is aangemaakt. Pas het plan nu aan.") % {"n": version.number})
            return redirect("plans:case_plan", case_id=case.pk)
    return render(request, "plans/revision_form.html", tab_context(case, "plan", page=page, form=form))


@login_required
def plan_agree(request, case_id: int):
    case = case_for(request, case_id, "plan.edit")
    page = _plan_or_404(case)
    form = AgreeForm(request.POST or None, initial={"evaluation_interval_weeks": page.plan.evaluation_interval_weeks})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = run_service(
            form,
            lambda: services.plan_agree(
                actor=request.user,
                plan=page.plan,
                agreed_on=data["agreed_on"],
                method=data["method"],
                agreed_by=data["agreed_by"],
                note=data["note"],
                evaluation_interval_weeks=data["evaluation_interval_weeks"],
            ),
        )
        if version is not None:
            messages.success(request, _("Het akkoord op versie %(n)s is vastgelegd.") % {"n": version.number})
            return redirect("plans:case_plan", case_id=case.pk)
    return render(request, "plans/agree_form.html", tab_context(case, "plan", page=page, form=form))


@login_required
def plan_versions(request, case_id: int):
    case = case_for(request, case_id)
    page = _plan_or_404(case)
    numbers = [v.number for v in page.versions]
    data = request.GET if "left" in request.GET else None
    initial = {"left": numbers[-2] if len(numbers) > 1 else numbers[-1], "right": numbers[-1]}
    form = CompareForm(data, numbers=numbers, initial=initial)
    left = right = None
    changes = []
    if data is not None and form.is_valid():
        by_number = {v.number: v for v in page.versions}
        left, right = by_number[form.cleaned_data["left"]], by_number[form.cleaned_data["right"]]
        changes = selectors.version_diff(left, right)
    return render(
        request,
        "plans/versions.html",
        tab_context(case, "plan", page=page, form=form, left=left, right=right, changes=changes),
    )


@login_required
def plan_pdf(request, case_id: int):
    """The plan as a clear Dutch PDF for the resident (the newest version, its status printed)."""
    case = case_for(request, case_id, "plan.print")
    page = _plan_or_404(case)
    html = render_to_string(
        "plans/pdf/plan.html",
        {"case": case, "page": page, "printed_on": timezone.localdate(), "layers": SupportLayer},
        request=request,
    )
    pdf = pdf_from_html(html)
    record_event(
        actor=request.user,
        event_type="plan.print",
        action=AuditAction.EXECUTE,
        object_type="supportplan",
        object_id=page.plan.pk,
        resident_id=case.primary_resident_id,
        details={"version": page.current.number},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="perspectiefplan-{case.reference}-v{page.current.number}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
