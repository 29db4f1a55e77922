"""Writes for cases. Every change of a case goes through a function here."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nabij.access import policy
from nabij.audit.services import Action, Outcome, record_event
from nabij.cases import phases
from nabij.cases.models import (
    Attachment,
    Case,
    CaseEvent,
    CaseResult,
    ContactMoment,
    ContactMomentDraft,
    ContactMomentGrant,
    ContactMomentRevision,
    Deviation,
    Direction,
    Involvement,
    Phase,
)
from nabij.core.concurrency import save_versioned
from nabij.core.references import highest_number, next_reference
from nabij.core.workdays import add_working_days

# Fallback norm for the first contact when intake passes none (teams configure theirs there).
FIRST_CONTACT_DEFAULT_DAYS = 5


def _next_reference() -> str:
    """C-2026-00042 (inside the transaction that saves the case: core.references)."""
    year = timezone.localdate().year
    return next_reference(
        "C",
        year,
        highest_in_use=lambda: highest_number(
            Case.objects.filter(reference__startswith=f"C-{year}-").values_list("reference", flat=True)
        ),
    )


def case_event_record(*, case: Case, kind: str, summary: str, actor=None, obj=None, occurred_at=None) -> CaseEvent:
    """A line on the case timeline. Higher apps (intake, plans, consent) call this; `summary`
    is worker-facing text kept in the dossier, never written to logs."""
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        summary=summary[:300],
        actor=actor,
        occurred_at=occurred_at or timezone.now(),
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
    )


def case_open(
    *,
    actor,
    household,
    primary_resident,
    team,
    contact_person=None,
    summary: str = "",
    first_contact_due=None,
) -> Case:
    """Open the household's case. One active case per household (a database constraint):
    when one is open already, it is returned unchanged rather than duplicated.

    `first_contact_due`: the norm date for the first contact (intake computes it from the
    team's norm and the urgency); without it, FIRST_CONTACT_DEFAULT_DAYS working days."""
    with transaction.atomic():
        existing = Case.objects.select_for_update().filter(household=household, closed_at__isnull=True).first()
        if existing is not None:
            return existing
        case = Case.objects.create(
            household=household,
            primary_resident=primary_resident,
            team=team,
            contact_person=contact_person,
            phase=Phase.CLARIFICATION,
            opened_at=timezone.now(),
            reference=_next_reference(),
            first_contact_due=first_contact_due or add_working_days(timezone.localdate(), FIRST_CONTACT_DEFAULT_DAYS),
        )
        case_event_record(
            case=case, kind=CaseEvent.Kind.PHASE, summary=summary or _("Casus geopend"), actor=actor, obj=case
        )
        record_event(
            actor=actor,
            event_type="case.open",
            action=Action.CREATE,
            object_type="case",
            object_id=case.pk,
            resident_id=primary_resident.pk,
        )
    return case


# --- Guards ----------------------------------------------------------------------------


def _require_case_edit(actor, case: Case, *, event_type: str) -> None:
    """CASE_EDIT in the case's team, or a valid emergency access to it."""
    from nabij.cases.selectors import may_edit_case

    if not may_edit_case(actor, case):
        record_event(
            actor=actor,
            event_type=event_type,
            action=Action.UPDATE,
            outcome=Outcome.DENIED,
            object_type="case",
            object_id=case.pk,
        )
        raise PermissionDenied


def _audit(actor, case: Case, event_type: str, action: str, obj=None, details: dict | None = None) -> None:
    record_event(
        actor=actor,
        event_type=event_type,
        action=action,
        object_type=obj._meta.model_name if obj is not None else "case",
        object_id=obj.pk if obj is not None else case.pk,
        resident_id=case.primary_resident_id,
        details={"case_id": case.pk, **(details or {})},
    )


# --- Closing and reopening (the Case row's part; plans keeps the closure record) ---------


def case_mark_closed(*, case: Case, watch: bool) -> Case:
    """Close the case row: phase waakvlam (a watch follows) or gesloten, closed_at now.

    Called inside plans.closure.case_close's transaction, which checked the actor, wrote the
    Closure record and audits the whole closing; a concurrent close is refused here.
    """
    if not Case.objects.select_for_update().filter(pk=case.pk, closed_at__isnull=True).exists():
        raise ValidationError(_("Deze casus is intussen al gesloten."))
    case.phase = Phase.WATCH if watch else Phase.CLOSED
    case.closed_at = timezone.now()
    case.save(update_fields=["phase", "closed_at", "updated_at"])
    return case


def case_mark_reopened(*, case: Case, phase: str) -> Case:
    """Reopen the case row in `phase`. The household may have one active case only (a
    database constraint as well): refused with a message when another one is open."""
    from django.db import IntegrityError

    message = _("Dit huishouden heeft al een andere open casus. Werk in die casus verder.")
    if Case.objects.filter(household_id=case.household_id, closed_at__isnull=True).exclude(pk=case.pk).exists():
        raise ValidationError(message)
    case.phase = phase
    case.closed_at = None
    try:
        with transaction.atomic():
            case.save(update_fields=["phase", "closed_at", "updated_at"])
    except IntegrityError as exc:
        raise ValidationError(message) from exc
    return case


# --- BSN -----------------------------------------------------------------------------------


def case_member_bsn_reveal(*, actor, case: Case, resident_id: int) -> str:
    """The full BSN of one member of the case's household: an audited read of its own.

    The caller loaded `case` through the chokepoint (case_get_for_user), so the actor may see
    it; a resident outside the household answers 404 like a missing one, and is logged.
    """
    from django.http import Http404

    resident = case.household.members.filter(pk=resident_id).first()
    if resident is None:
        record_event(
            actor=actor,
            event_type="resident.bsn_reveal",
            action=Action.READ,
            outcome=Outcome.DENIED,
            object_type="resident",
            object_id=resident_id,
            details={"case_id": case.pk},
        )
        raise Http404
    record_event(
        actor=actor,
        event_type="resident.bsn_reveal",
        action=Action.READ,
        object_type="resident",
        object_id=resident.pk,
        resident_id=resident.pk,
        details={"case_id": case.pk},
    )
    return resident.get_bsn()


# --- Phases and their results -------------------------------------------------------------


def case_missing_results(case: Case, phase: str | None = None) -> list[phases.ResultSpec]:
    """Results of `phase` (default: the current one) that are not done yet."""
    from nabij.cases.selectors import case_facts

    facts = case_facts(case.pk)
    completed = set(case.results.values_list("key", flat=True))
    states = phases.results_for(phase or case.phase, facts=facts, completed_keys=completed)
    return [state.spec for state in states if not state.done]


def case_phase_change(
    *, actor, case: Case, to_phase: str, expected_version: int, justification: str = "", watch_next_checkin=None
) -> Case:
    """Move the case to another phase.

    Moving forward with results of the current phase missing is allowed with a written
    justification (scharrelruimte): one Deviation per missing result, which stays on the
    worklist until the result is done. Going back needs no justification (the work is
    cyclical). The waakvlam phase needs the date of the next check-in.
    """
    _require_case_edit(actor, case, event_type="case.phase_change")
    if to_phase not in phases.ALLOWED_TRANSITIONS.get(case.phase, frozenset()):
        raise ValidationError({"to_phase": _("Deze faseovergang is niet mogelijk vanuit de huidige fase.")})
    if to_phase == Phase.WATCH and not watch_next_checkin:
        raise ValidationError({"watch_next_checkin": _("Vul de datum van het volgende waakvlamcontact in.")})
    from_phase = case.phase
    missing = case_missing_results(case) if phases.is_forward(from_phase, to_phase) else []
    if missing and not justification.strip():
        raise ValidationError(
            {
                "justification": _(
                    "Er ontbreken resultaten van deze fase. Schrijf op waarom u toch verder gaat, of rond ze eerst af."
                )
            }
        )
    with transaction.atomic():
        case.phase = to_phase
        fields = ["phase"]
        if to_phase == Phase.CLOSED:
            case.closed_at = timezone.now()
            fields.append("closed_at")
        if to_phase == Phase.WATCH:
            case.watch_next_checkin = watch_next_checkin
            fields.append("watch_next_checkin")
        save_versioned(case, expected_version=expected_version, fields=fields)
        for spec in missing:
            Deviation.objects.create(
                case=case,
                from_phase=from_phase,
                to_phase=to_phase,
                result_key=spec.key,
                justification=justification.strip(),
                actor=actor,
            )
        summary = _("Fase: %(from)s → %(to)s") % {
            "from": Phase(from_phase).label,
            "to": Phase(to_phase).label,
        }
        if missing:
            summary += " " + _("(met onderbouwde afwijking: %(count)s resultaat/resultaten open)") % {
                "count": len(missing)
            }
        case_event_record(case=case, kind=CaseEvent.Kind.PHASE, summary=summary, actor=actor, obj=case)
        _audit(
            actor,
            case,
            "case.phase_change",
            Action.UPDATE,
            details={"from": from_phase, "to": to_phase, "deviations": len(missing)},
        )
    return case


def case_result_complete(*, case: Case, key: str, actor=None, note: str = "") -> CaseResult:
    """Mark a phase result done (by hand, or by another app: plans marks 'plan_agreed').
    Open deviations for it are resolved. Idempotent."""
    if key not in phases.RESULT_BY_KEY:
        raise ValueError(f"unknown phase result {key!r}")
    if actor is not None:
        _require_case_edit(actor, case, event_type="case.result_complete")
    with transaction.atomic():
        result, created = CaseResult.objects.get_or_create(
            case=case, key=key, defaults={"completed_by": actor, "note": note[:300]}
        )
        Deviation.objects.filter(case=case, result_key=key, resolved_at__isnull=True).update(resolved_at=timezone.now())
        if created:
            _audit(actor, case, "case.result_complete", Action.UPDATE, details={"result": key})
    return result


def case_deviation_record(*, case: Case, result_key: str, justification: str, actor=None) -> Deviation:
    """A phase result knowingly left open (e.g. intake opens a case before the dossier consent
    is recorded, to act first). Like the deviations of `case_phase_change`, it stays on the
    worklist until the result is done; the caller holds the transaction and the access check."""
    spec = phases.RESULT_BY_KEY.get(result_key)
    if spec is None:
        raise ValueError(f"unknown phase result {result_key!r}")
    deviation = Deviation.objects.create(
        case=case,
        from_phase=_result_phase(result_key),
        to_phase=case.phase,
        result_key=result_key,
        justification=justification.strip(),
        actor=actor,
    )
    _audit(actor, case, "case.deviation", Action.CREATE, obj=deviation, details={"result": result_key})
    return deviation


def _result_phase(result_key: str) -> str:
    """The phase a result belongs to."""
    return next(phase for phase, specs in phases.PHASE_RESULTS.items() if any(s.key == result_key for s in specs))


def case_result_undo(*, actor, case: Case, key: str) -> None:
    _require_case_edit(actor, case, event_type="case.result_undo")
    with transaction.atomic():
        deleted, _rows = CaseResult.objects.filter(case=case, key=key).delete()
        if deleted:
            _audit(actor, case, "case.result_undo", Action.UPDATE, details={"result": key})


def case_direction_set(
    *, actor, case: Case, expected_version: int, direction: str, organisation: str = "", hand_back_on=None
) -> Case:
    """Casusregie: with the resident, with another organisation (which), or temporarily with
    the team (with the date to hand it back)."""
    _require_case_edit(actor, case, event_type="case.direction")
    errors = {}
    if direction == Direction.ORGANISATION and not organisation.strip():
        errors["direction_organisation"] = _("Vul in welke organisatie de regie heeft.")
    if direction == Direction.TEAM and not hand_back_on:
        errors["direction_hand_back_on"] = _("Vul in wanneer het team de regie teruggeeft aan de inwoner.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case.direction = direction
        case.direction_organisation = organisation.strip() if direction == Direction.ORGANISATION else ""
        case.direction_hand_back_on = hand_back_on if direction == Direction.TEAM else None
        save_versioned(
            case,
            expected_version=expected_version,
            fields=["direction", "direction_organisation", "direction_hand_back_on"],
        )
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.NOTE,
            summary=_("Casusregie: %(direction)s") % {"direction": Direction(direction).label},
            actor=actor,
            obj=case,
        )
        _audit(actor, case, "case.direction", Action.UPDATE, details={"direction": direction})
    return case


def case_assign_contact_person(*, actor, case: Case, contact_person, expected_version: int) -> Case:
    """Make someone else the contact person (casusregisseur): a coordinator's action
    (CASE_ASSIGN in the case's team); the new contact person must work in that team."""
    if not policy.has_perm(actor, policy.Perm.CASE_ASSIGN, team_id=case.team_id):
        _audit(actor, case, "case.assign", Action.UPDATE, details={"denied": True})
        raise PermissionDenied
    if not policy.has_perm(contact_person, policy.Perm.CASE_EDIT, team_id=case.team_id):
        raise ValidationError({"contact_person": _("Kies iemand die in het team van deze casus werkt.")})
    with transaction.atomic():
        previous = case.contact_person_id
        case.contact_person = contact_person
        save_versioned(case, expected_version=expected_version, fields=["contact_person"])
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.NOTE,
            summary=_("Nieuwe contactpersoon: %(name)s") % {"name": contact_person.get_full_name()},
            actor=actor,
            obj=case,
        )
        _audit(actor, case, "case.assign", Action.UPDATE, details={"from": previous, "to": contact_person.pk})
    return case


# --- Involvements ------------------------------------------------------------------------


def involvement_add(*, actor, case: Case, kind: str, organisation: str, **fields) -> Involvement:
    _require_case_edit(actor, case, event_type="involvement.create")
    consent = fields.get("consent")
    if consent is not None and consent.resident.household_id != case.household_id:
        raise ValidationError({"consent": _("Kies een toestemming van iemand uit dit huishouden.")})
    with transaction.atomic():
        involvement = Involvement.objects.create(case=case, kind=kind, organisation=organisation, **fields)
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.NOTE,
            summary=_("Betrokken hulpverlener toegevoegd: %(org)s") % {"org": organisation},
            actor=actor,
            obj=involvement,
        )
        _audit(actor, case, "involvement.create", Action.CREATE, involvement, {"kind": kind})
    return involvement


def involvement_end(*, actor, involvement: Involvement) -> Involvement:
    case = involvement.case
    _require_case_edit(actor, case, event_type="involvement.end")
    with transaction.atomic():
        involvement.ended_at = timezone.localdate()
        save_versioned(involvement, expected_version=involvement.version, fields=["ended_at"])
        _audit(actor, case, "involvement.end", Action.UPDATE, involvement)
    return involvement


# --- Contact moments ----------------------------------------------------------------------

CONTACT_FIELDS = ["occurred_at", "kind", "participants", "core_task", "minutes", "text", "restricted"]


def _contact_summary(moment: ContactMoment) -> str:
    if moment.restricted:
        return _("Contactmoment (afgeschermd)")
    return _("%(kind)s · %(task)s · %(minutes)s min") % {
        "kind": moment.get_kind_display(),
        "task": moment.get_core_task_display(),
        "minutes": moment.minutes,
    }


def contact_moment_create(
    *,
    actor,
    case: Case,
    occurred_at,
    kind: str,
    core_task: str,
    minutes: int,
    text: str,
    participants: str = "",
    restricted: bool = False,
) -> ContactMoment:
    """Register a contact moment; the worker's draft for it is discarded; a timeline line is
    written (without the text: the timeline shows the note itself to those who may read it)."""
    _require_case_edit(actor, case, event_type="contact.create")
    if case.is_closed:
        raise ValidationError(_("Deze casus is gesloten: er kunnen geen contactmomenten meer bij."))
    with transaction.atomic():
        moment = ContactMoment.objects.create(
            case=case,
            occurred_at=occurred_at,
            kind=kind,
            core_task=core_task,
            minutes=minutes,
            text=text,
            participants=participants,
            restricted=restricted,
            author=actor,
        )
        ContactMomentDraft.objects.filter(case=case, author=actor, contact_moment__isnull=True).delete()
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.CONTACT,
            summary=_contact_summary(moment),
            actor=actor,
            obj=moment,
            occurred_at=occurred_at,
        )
        Deviation.objects.filter(case=case, result_key="first_contact", resolved_at__isnull=True).update(
            resolved_at=timezone.now()
        )
        _audit(actor, case, "contact.create", Action.CREATE, moment, {"restricted": restricted})
    return moment


def _may_edit_moment(actor, moment: ContactMoment) -> bool:
    return moment.author_id == actor.pk or moment.case.contact_person_id == actor.pk


def contact_moment_update(*, actor, moment: ContactMoment, expected_version: int, **fields) -> ContactMoment:
    """Edit a saved contact moment (author or contact person). The previous text is kept as a
    revision; a concurrent edit raises ConcurrentEditError instead of overwriting."""
    case = moment.case
    _require_case_edit(actor, case, event_type="contact.update")
    if not _may_edit_moment(actor, moment):
        _audit(actor, case, "contact.update", Action.UPDATE, moment, {"denied": True})
        raise PermissionDenied
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    with transaction.atomic():
        current = ContactMoment.objects.select_for_update().get(pk=moment.pk)
        ContactMomentRevision.objects.create(
            contact_moment=current,
            version=current.version,
            replaced_by=actor,
            **{name: getattr(current, name) for name in CONTACT_FIELDS},
        )
        for name, value in fields.items():
            setattr(moment, name, value)
        save_versioned(moment, expected_version=expected_version, fields=list(fields))
        ContactMomentDraft.objects.filter(contact_moment=moment, author=actor).delete()
        CaseEvent.objects.filter(case=case, object_type="contactmoment", object_id=str(moment.pk)).update(
            summary=_contact_summary(moment)[:300], occurred_at=moment.occurred_at
        )
        _audit(actor, case, "contact.update", Action.UPDATE, moment, {"fields": sorted(fields)})
    return moment


def contact_moment_draft_save(*, actor, case: Case, contact_moment: ContactMoment | None = None, **fields):
    """Save what the worker is typing (autosave). One draft per worker per note."""
    _require_case_edit(actor, case, event_type="contact.draft_save")
    allowed = {"occurred_at", "kind", "participants", "core_task", "minutes", "text", "restricted"}
    values = {k: v for k, v in fields.items() if k in allowed}
    with transaction.atomic():
        draft, created = ContactMomentDraft.objects.update_or_create(
            case=case, author=actor, contact_moment=contact_moment, defaults=values
        )
        _audit(actor, case, "contact.draft_save", Action.CREATE if created else Action.UPDATE, draft)
    return draft


def contact_moment_draft_discard(*, actor, case: Case, contact_moment: ContactMoment | None = None) -> None:
    with transaction.atomic():
        deleted, _rows = ContactMomentDraft.objects.filter(
            case=case, author=actor, contact_moment=contact_moment
        ).delete()
        if deleted:
            _audit(actor, case, "contact.draft_discard", Action.DELETE)


def contact_moment_grant(*, actor, moment: ContactMoment, user) -> ContactMomentGrant:
    """Give a colleague access to a restricted note (author or contact person only)."""
    case = moment.case
    _require_case_edit(actor, case, event_type="contact.grant")
    if not _may_edit_moment(actor, moment):
        raise PermissionDenied
    with transaction.atomic():
        grant, _created = ContactMomentGrant.objects.get_or_create(
            contact_moment=moment, user=user, defaults={"granted_by": actor}
        )
        _audit(actor, case, "contact.grant", Action.UPDATE, moment, {"user_id": user.pk})
    return grant


# --- Attachments ---------------------------------------------------------------------------

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
# extension → (content type, magic prefixes or () for text)
ATTACHMENT_TYPES = {
    "pdf": ("application/pdf", (b"%PDF",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK",)),
    "odt": ("application/vnd.oasis.opendocument.text", (b"PK",)),
    "txt": ("text/plain", ()),
}


def attachment_add(*, actor, case: Case, uploaded_file, description: str = "", contact_moment=None) -> Attachment:
    """Store a document in the dossier after checking its size and type (extension and the
    file's first bytes must agree)."""
    _require_case_edit(actor, case, event_type="attachment.create")
    name = (uploaded_file.name or "").rsplit("/", 1)[-1][:200]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(
            {
                "file": _(
                    "Dit bestandstype kan niet. Kies een PDF, foto (JPG, PNG), Word-, Excel-, ODT- of tekstbestand."
                )
            }
        )
    if uploaded_file.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError({"file": _("Het bestand is te groot. Kies een bestand van hoogstens 10 MB.")})
    if uploaded_file.size == 0:
        raise ValidationError({"file": _("Het bestand is leeg. Kies een ander bestand.")})
    content_type, magics = ATTACHMENT_TYPES[extension]
    head = uploaded_file.read(8)
    uploaded_file.seek(0)
    if magics and not any(head.startswith(m) for m in magics):
        raise ValidationError({"file": _("De inhoud past niet bij de bestandsnaam. Kies het juiste bestand.")})
    if not magics and b"\x00" in head:
        raise ValidationError({"file": _("De inhoud past niet bij de bestandsnaam. Kies het juiste bestand.")})
    with transaction.atomic():
        attachment = Attachment(
            case=case,
            contact_moment=contact_moment,
            original_name=name,
            content_type=content_type,
            size=uploaded_file.size,
            description=description,
            uploaded_by=actor,
        )
        attachment.file.save(name, uploaded_file, save=False)
        attachment.save()
        case_event_record(
            case=case,
            kind=CaseEvent.Kind.NOTE,
            summary=_("Document toegevoegd"),
            actor=actor,
            obj=attachment,
        )
        _audit(actor, case, "attachment.create", Action.CREATE, attachment, {"size": attachment.size})
    return attachment
