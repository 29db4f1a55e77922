"""Tab pages for the cycle around the plan: ZRM, evaluations, closure, watch, reopening."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nabij.core.forms import run_service
from nabij.plans import closure as closure_services
from nabij.plans import selectors, services
from nabij.plans.forms import AssessmentForm, CheckInForm, ClosureForm, EvaluationForm, ReopenForm
from nabij.plans.models import Closure, WatchCheckIn
from nabij.plans.views import case_for, tab_context


@login_required
def assessments(request, case_id: int):
    case = case_for(request, case_id, "assessment.view")
    history = selectors.assessment_history(case)
    return render(request, "plans/assessments.html", tab_context(case, "zrm", history=history))


@login_required
def assessment_create(request, case_id: int):
    case = case_for(request, case_id, "assessment.edit")
    form = AssessmentForm(request.POST or None, domains=selectors.assessment_domains())
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.assessment_record(
                actor=request.user,
                case=case,
                moment=form.cleaned_data["moment"],
                assessed_on=form.cleaned_data["assessed_on"],
                scores=form.zrm_scores(),
            ),
        )
        if saved is not None:
            messages.success(request, _("De ZRM-score is opgeslagen."))
            return redirect("plans:assessments", case_id=case.pk)
    return render(request, "plans/assessment_form.html", tab_context(case, "zrm", form=form))


@login_required
def evaluations(request, case_id: int):
    case = case_for(request, case_id, "evaluation.view")
    page = selectors.plan_page(case)
    return render(
        request,
        "plans/evaluations.html",
        tab_context(case, "evaluation", page=page, evaluations=selectors.evaluations_for_plan(page.plan)),
    )


@login_required
def evaluation_create(request, case_id: int):
    case = case_for(request, case_id, "evaluation.edit")
    page = selectors.plan_page(case)
    if page.plan is None or page.agreed is None:
        messages.info(request, _("Evalueren kan zodra de inwoner akkoord is met het plan."))
        return redirect("plans:case_plan", case_id=case.pk)
    goals = page.goals if page.current == page.agreed else selectors.goals_for_version(page.agreed)
    form = EvaluationForm(request.POST or None, goals=goals, domains=selectors.assessment_domains())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.evaluation_record(
                actor=request.user,
                plan=page.plan,
                held_on=data["held_on"],
                results=form.results(),
                summary=data["summary"],
                discussed_in_team=data["discussed_in_team"],
                team_meeting_on=data["team_meeting_on"],
                scores=form.zrm_scores(),
                adjustment_reason=data["adjustment_reason"],
            ),
        )
        if saved is not None:
            messages.success(request, _("De evaluatie is opgeslagen."))
            if saved.new_version_id:
                messages.info(
                    request, _("Er is een nieuwe planversie gemaakt; pas het plan aan en leg het akkoord vast.")
                )
                return redirect("plans:case_plan", case_id=case.pk)
            return redirect("plans:evaluation_detail", case_id=case.pk, evaluation_id=saved.pk)
    return render(request, "plans/evaluation_form.html", tab_context(case, "evaluation", page=page, form=form))


@login_required
def evaluation_detail(request, case_id: int, evaluation_id: int):
    case = case_for(request, case_id, "evaluation.view")
    page = selectors.plan_page(case)
    evaluation = selectors.evaluation_get(page.plan, evaluation_id) if page.plan else None
    if evaluation is None:
        raise Http404
    return render(request, "plans/evaluation_detail.html", tab_context(case, "evaluation", evaluation=evaluation))


@login_required
def closure(request, case_id: int):
    case = case_for(request, case_id, "closure.view")
    return render(
        request,
        "plans/closure.html",
        tab_context(
            case, "closure", closures=selectors.closures_for_case(case), documents=selectors.documents_for_case(case)
        ),
    )


@login_required
def closure_create(request, case_id: int):
    case = case_for(request, case_id, "closure.edit")
    if case.closed_at is not None:
        messages.info(request, _("Deze casus is al afgesloten."))
        return redirect("plans:closure", case_id=case.pk)
    page = selectors.plan_page(case)
    open_actions = [
        a
        for g in (selectors.goals_for_version(page.agreed) if page.agreed else [])
        for a in g.actions.all()
        if a.status in ("planned", "in_progress")
    ]
    form = ClosureForm(request.POST or None, domains=selectors.assessment_domains())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.case_close(
                actor=request.user,
                case=case,
                reason=data["reason"],
                closed_on=data["closed_on"],
                what_was_done=data["what_was_done"],
                what_helped=data["what_helped"],
                scaling_down=data["scaling_down"],
                aftercare=data["aftercare"],
                referred_to=data["referred_to"],
                referrer_name=data["referrer_name"],
                referrer_organisation=data["referrer_organisation"],
                satisfaction=form.satisfaction(),
                scores=form.zrm_scores(),
                watch_dates=form.watch_dates(),
                watch_agreements=data["watch_agreements"],
                letters=form.letters(),
            ),
        )
        if saved is not None:
            messages.success(request, _("De casus is afgesloten."))
            return redirect("plans:closure", case_id=case.pk)
    return render(
        request,
        "plans/closure_form.html",
        tab_context(case, "closure", form=form, open_actions=open_actions, page=page),
    )


@login_required
def checkin(request, case_id: int, checkin_id: int):
    case = case_for(request, case_id, "watch.edit")
    item = (
        WatchCheckIn.objects.filter(pk=checkin_id, watch__case=case, done_on__isnull=True)
        .select_related("watch")
        .first()
    )
    if item is None:
        raise Http404
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.watch_checkin_record(
                actor=request.user,
                checkin=item,
                done_on=data["done_on"],
                note=data["note"],
                outcome=data["outcome"],
                next_on=data["next_on"],
                reopen_reason=data["reopen_reason"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Het waakvlamcontact is vastgelegd."))
            if saved.outcome == WatchCheckIn.Outcome.REOPEN_CASE:
                return redirect("plans:case_plan", case_id=case.pk)
            return redirect("plans:closure", case_id=case.pk)
    return render(request, "plans/checkin_form.html", tab_context(case, "closure", form=form, checkin=item))


@login_required
def reopen(request, case_id: int):
    case = case_for(request, case_id, "case.reopen")
    if case.closed_at is None:
        raise Http404
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form, lambda: services.case_reopen(actor=request.user, case=case, reason=form.cleaned_data["reason"])
        )
        if saved is not None:
            messages.success(request, _("De casus is weer open."))
            return redirect("plans:case_plan", case_id=case.pk)
    return render(request, "plans/reopen_form.html", tab_context(case, "closure", form=form))


@login_required
@require_POST
def closure_letter(request, case_id: int, closure_id: int):
    """Make a closure letter (again), e.g. for the referrer after all, or after a template fix."""
    case = case_for(request, case_id, "closure.letter")
    item = Closure.objects.filter(pk=closure_id, case=case).select_related("reason").first()
    key = request.POST.get("key", "")
    if item is None or key not in (closure_services.LETTER_RESIDENT, closure_services.LETTER_REFERRER):
        raise Http404
    if key == closure_services.LETTER_REFERRER and not item.referrer_name:
        messages.error(request, _("Er is geen verwijzer vastgelegd bij deze afsluiting."))
    else:
        try:
            closure_services.closure_letter_create(actor=request.user, closure=item, key=key, case=case)
            messages.success(request, _("De brief is gemaakt en bij de casus bewaard."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("plans:closure", case_id=case.pk)
