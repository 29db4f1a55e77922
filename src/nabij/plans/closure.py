"""Closure (afronding), the watch (waakvlam) and reopening. Re-exported by plans.services.

`case_close` and `case_reopen` keep the plan's side (Closure, Watch, letters, the next
evaluation); the Case row itself changes only through `cases.services.case_mark_closed` /
`case_mark_reopened`.

Rules, and why:
- Closing asks a reason from the admin's list; a referral names to whom; the final evaluation
  says what was actually done (practice model, "Afronding").
- When actions are still open, the agreements on scaling down the involved parties must be
  written down: nobody keeps working on a closed case without knowing it.
- Watch check-ins lie after the closing date. A watch keeps the case closed (phase waakvlam);
  a check-in can continue it, end it (phase gesloten) or reopen the case.
- Reopening needs a reason and is refused while the household has another active case.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from nabij.audit.services import Action as AuditAction
from nabij.cases.models import Case, CaseEvent, Phase
from nabij.cases.services import case_event_record, case_mark_closed, case_mark_reopened
from nabij.documents.models import GeneratedDocument, LetterTemplate
from nabij.documents.services import LetterHead, letter_pdf_create
from nabij.plans.models import Action, Closure, ClosureReason, PlanVersion, SupportPlan, Watch, WatchCheckIn
from nabij.plans.rules import audit, evaluation_due, not_in_future, require_edit, require_open, set_phase

LETTER_RESIDENT = "closure.resident"
LETTER_REFERRER = "closure.referrer"
SATISFACTION_FIELDS = ("listened", "own_say", "helped", "grade", "comment")


def _open_actions_count(case: Case) -> int:
    return Action.objects.filter(
        goal__version__plan__case=case,
        goal__version__status=PlanVersion.Status.AGREED,
        status__in=Action.OPEN_STATUSES,
    ).count()


def case_close(
    *,
    actor,
    case: Case,
    reason: ClosureReason,
    closed_on: date,
    what_was_done: str,
    what_helped: str = "",
    scaling_down: str = "",
    aftercare: str = "",
    referred_to: str = "",
    referrer_name: str = "",
    referrer_organisation: str = "",
    satisfaction: dict | None = None,
    scores: dict[int, tuple[int, str]] | None = None,
    watch_dates: list[date] | tuple = (),
    watch_agreements: str = "",
    letters: tuple[str, ...] = (),
) -> Closure:
    """Close the case: final evaluation, satisfaction, agreements, optional watch and letters."""
    require_edit(actor, case)
    require_open(case)
    not_in_future(closed_on, "closed_on")
    errors = {}
    if not reason.is_active:
        errors["reason"] = _("Kies een reden uit de lijst.")
    if reason.requires_referral and not referred_to.strip():
        errors["referred_to"] = _("Vul in naar wie of welke organisatie is doorverwezen.")
    if not what_was_done.strip():
        errors["what_was_done"] = _("Schrijf op wat er echt is gedaan.")
    if closed_on < timezone.localtime(case.opened_at).date():
        errors["closed_on"] = _("De datum ligt vóór de opening van de casus.")
    if _open_actions_count(case) and not scaling_down.strip():
        errors["scaling_down"] = _("Er staan nog acties open. Schrijf op wat er met de betrokkenen is afgesproken.")
    if any(d <= closed_on for d in watch_dates):
        errors["watch_dates"] = _("Kies voor de waakvlam data na de datum van afsluiten.")
    if watch_agreements.strip() and not watch_dates:
        errors["watch_dates"] = _("Vul ten minste één datum voor een waakvlamcontact in.")
    satisfaction = satisfaction or {}
    for key in ("listened", "own_say", "helped"):
        if satisfaction.get(key) not in (None, *range(1, 6)):
            errors[f"satisfaction_{key}"] = _("Kies een antwoord uit de lijst.")
    if satisfaction.get("grade") not in (None, *range(1, 11)):
        errors["satisfaction_grade"] = _("Vul een cijfer van 1 tot 10 in.")
    if LETTER_REFERRER in letters and not referrer_name.strip():
        errors["referrer_name"] = _("Vul de naam van de verwijzer in, of maak geen brief voor de verwijzer.")
    for key in letters:
        if not LetterTemplate.objects.filter(key=key, is_active=True).exists():
            errors["__all__"] = _("Het briefsjabloon ‘%(key)s’ ontbreekt. Vraag de beheerder het aan te maken.") % {
                "key": key
            }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case_mark_closed(case=case, watch=bool(watch_dates))
        assessment = None
        if scores:
            from nabij.plans.services import assessment_record

            assessment = assessment_record(
                actor=actor, case=case, moment="closure", assessed_on=closed_on, scores=scores
            )
        closure = Closure.objects.create(
            case=case,
            reason=reason,
            referred_to=referred_to.strip(),
            closed_on=closed_on,
            closed_by=actor,
            what_was_done=what_was_done.strip(),
            what_helped=what_helped.strip(),
            scaling_down=scaling_down.strip(),
            aftercare=aftercare.strip(),
            referrer_name=referrer_name.strip(),
            referrer_organisation=referrer_organisation.strip(),
            assessment=assessment,
            satisfaction_listened=satisfaction.get("listened"),
            satisfaction_own_say=satisfaction.get("own_say"),
            satisfaction_helped=satisfaction.get("helped"),
            satisfaction_grade=satisfaction.get("grade"),
            satisfaction_comment=(satisfaction.get("comment") or "").strip(),
        )
        if watch_dates:
            watch = Watch.objects.create(closure=closure, case=case, agreements=watch_agreements.strip())
            WatchCheckIn.objects.bulk_create(WatchCheckIn(watch=watch, planned_on=d) for d in sorted(set(watch_dates)))
        SupportPlan.objects.filter(case=case).update(next_evaluation_on=None)
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.PHASE,
            summary=_("Casus afgesloten: %(reason)s") % {"reason": reason.label}
            + (_(" (met waakvlam)") if watch_dates else ""),
            actor=actor,
            obj=closure,
        )
        audit(actor, "case.close", AuditAction.UPDATE, closure, case, reason=reason.code, watch=bool(watch_dates))
        for key in letters:
            closure_letter_create(actor=actor, closure=closure, key=key, case=case)
    return closure


def _join_dates(days) -> str:
    """'3 maart 2027, 5 mei 2027 en 1 juli 2027'."""
    texts = [formats.date_format(day, "j F Y") for day in days]
    if len(texts) < 2:
        return "".join(texts)
    return _("%(first)s en %(last)s") % {"first": ", ".join(texts[:-1]), "last": texts[-1]}


def _letter_context(closure: Closure, case: Case) -> tuple[dict, dict]:
    resident = case.primary_resident
    household = case.household
    contact = case.contact_person
    watch = getattr(closure, "watch", None) if hasattr(closure, "watch") else None
    context = {
        "naam_inwoner": resident.full_name,
        "kenmerk": case.reference,
        "team": case.team.name,
        "contactpersoon": contact.get_full_name() if contact else "",
        "datum_afsluiten": formats.date_format(closure.closed_on, "j F Y"),
        "reden": closure.reason.label,
        "doorverwezen_naar": closure.referred_to,
        "nazorg": closure.aftercare,
        "naam_verwijzer": closure.referrer_name,
        "organisatie_verwijzer": closure.referrer_organisation,
        "waakvlam": bool(watch),
        "waakvlam_data": _join_dates([c.planned_on for c in watch.checkins.all()]) if watch else "",
    }
    address = {
        LETTER_RESIDENT: [
            resident.full_name,
            household.address_line,
            f"{household.postcode}  {household.city}".strip(),
        ],
        LETTER_REFERRER: [closure.referrer_name, closure.referrer_organisation],
    }
    return context, address


def closure_letter_create(*, actor, closure: Closure, key: str, case: Case | None = None) -> GeneratedDocument:
    """Make (or make again) a closure letter as PDF, stored on the case."""
    case = case or closure.case
    require_edit(actor, case)
    if key not in (LETTER_RESIDENT, LETTER_REFERRER):
        raise ValidationError(_("Onbekende brief."))
    context, addresses = _letter_context(closure, case)
    head = LetterHead(
        team_name=case.team.name,
        team_email=getattr(case.team, "email", "") or "",
        team_phone=getattr(case.team, "phone", "") or "",
        addressee_lines=tuple(line for line in addresses[key] if line),
        date_text=formats.date_format(timezone.localdate(), "j F Y"),
        reference=case.reference,
        signed_by=context["contactpersoon"],
    )
    title = _("Brief afsluiting aan inwoner") if key == LETTER_RESIDENT else _("Brief afsluiting aan verwijzer")
    with transaction.atomic():
        document = letter_pdf_create(
            actor=actor, case=case, key=key, context=context, head=head, title=title, related=closure
        )
        case_event_record(case=case, kind=CaseEvent.Kind.LETTER, summary=title, actor=actor, obj=document)
    return document


def case_reopen(*, actor, case: Case, reason: str) -> Case:
    """Reopen a closed case (also from a watch check-in). Needs a reason."""
    require_edit(actor, case)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Schrijf op waarom de casus weer opengaat.")})
    if case.closed_at is None:
        raise ValidationError(_("Deze casus is al open."))
    with transaction.atomic():
        plan = SupportPlan.objects.filter(case=case).first()
        agreed = plan is not None and plan.versions.filter(status=PlanVersion.Status.AGREED).exists()
        case_mark_reopened(case=case, phase=Phase.EXECUTION if agreed else Phase.CLARIFICATION)
        closure = case.closures.order_by("-closed_on", "-id").first()
        if closure is not None:
            closure.reopened_at = timezone.now()
            closure.reopened_by = actor
            closure.reopen_reason = reason
            closure.save(update_fields=["reopened_at", "reopened_by", "reopen_reason", "updated_at"])
        Watch.objects.filter(case=case, ended_at__isnull=True).update(ended_at=timezone.now())
        if agreed:
            plan.next_evaluation_on = evaluation_due(
                from_date=timezone.localdate(), weeks=plan.evaluation_interval_weeks
            )
            plan.save(update_fields=["next_evaluation_on", "updated_at"])
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.PHASE,
            summary=_("Casus heropend: %(reason)s") % {"reason": reason},
            actor=actor,
            obj=case,
        )
        audit(actor, "case.reopen", AuditAction.UPDATE, case, case)
    return case


def watch_checkin_record(
    *,
    actor,
    checkin: WatchCheckIn,
    done_on: date,
    note: str,
    outcome: str,
    next_on: date | None = None,
    reopen_reason: str = "",
) -> WatchCheckIn:
    """Record a watch contact: continue (with a next date when none is planned), end the
    watch, or reopen the case."""
    watch = checkin.watch
    case = watch.case
    require_edit(actor, case)
    not_in_future(done_on, "done_on")
    errors = {}
    if not watch.is_active:
        raise ValidationError(_("Deze waakvlam is al beëindigd."))
    if checkin.done_on is not None:
        raise ValidationError(_("Dit waakvlamcontact is al vastgelegd."))
    if outcome not in WatchCheckIn.Outcome.values:
        errors["outcome"] = _("Kies wat de uitkomst is.")
    pending_after = watch.checkins.filter(done_on__isnull=True).exclude(pk=checkin.pk).exists()
    if outcome == WatchCheckIn.Outcome.CONTINUE and not pending_after and next_on is None:
        errors["next_on"] = _("Er is geen volgend contact gepland. Vul de datum van het volgende contact in.")
    if next_on is not None and next_on <= done_on:
        errors["next_on"] = _("Kies een datum na dit contact.")
    if outcome == WatchCheckIn.Outcome.REOPEN_CASE and not reopen_reason.strip():
        errors["reopen_reason"] = _("Schrijf op waarom de casus weer opengaat.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        checkin.done_on = done_on
        checkin.done_by = actor
        checkin.note = note.strip()
        checkin.outcome = outcome
        checkin.save(update_fields=["done_on", "done_by", "note", "outcome", "updated_at"])
        if outcome == WatchCheckIn.Outcome.CONTINUE and next_on is not None:
            WatchCheckIn.objects.create(watch=watch, planned_on=next_on)
        if outcome == WatchCheckIn.Outcome.CLOSE_WATCH:
            watch.ended_at = timezone.now()
            watch.save(update_fields=["ended_at", "updated_at"])
            set_phase(case, Phase.CLOSED)
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.CONTACT,
            summary=_("Waakvlamcontact: %(outcome)s") % {"outcome": checkin.get_outcome_display()},
            actor=actor,
            obj=checkin,
        )
        audit(actor, "watch.checkin", AuditAction.UPDATE, checkin, case, outcome=outcome)
        if outcome == WatchCheckIn.Outcome.REOPEN_CASE:
            case_reopen(actor=actor, case=case, reason=reopen_reason)
    return checkin
