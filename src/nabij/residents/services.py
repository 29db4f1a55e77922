"""Writes for residents, households and their network. Each checks that the actor may edit
the household (a case of it in their team with CASE_EDIT, or emergency access) and audits."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nabij.audit.services import Action, Outcome, record_event
from nabij.core.concurrency import save_versioned
from nabij.core.validators import is_valid_bsn, normalise_postcode
from nabij.residents.models import Household, NetworkMember, Resident
from nabij.residents.selectors import household_editable_by

RESIDENT_FIELDS = [
    "given_names",
    "surname_prefix",
    "surname",
    "birth_date",
    "phone",
    "email",
    "household_role",
    "language",
    "interpreter_needed",
    "safety_warning",
]
HOUSEHOLD_FIELDS = ["street", "house_number", "house_number_addition", "postcode", "city", "area", "safety_warning"]
NETWORK_FIELDS = ["kind", "name", "role", "phone", "email", "how_to_reach", "resident", "ended_at"]


def _require_edit(actor, household: Household, *, object_type: str, object_id) -> None:
    if household is None or not household_editable_by(actor, household):
        record_event(
            actor=actor,
            event_type=f"{object_type}.update",
            action=Action.UPDATE,
            outcome=Outcome.DENIED,
            object_type=object_type,
            object_id=object_id,
        )
        raise PermissionDenied


def resident_update(*, actor, resident: Resident, expected_version: int, bsn: str | None = None, **fields) -> Resident:
    """Change a resident's details. `bsn`: None leaves it, "" clears it, digits set it (elfproef).
    Raises ConcurrentEditError when someone saved in between."""
    _require_edit(actor, resident.household, object_type="resident", object_id=resident.pk)
    unknown = set(fields) - set(RESIDENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    changed = [name for name, value in fields.items() if getattr(resident, name) != value]
    for name, value in fields.items():
        setattr(resident, name, value)
    save_fields = list(fields)
    if bsn is not None:
        if bsn and not is_valid_bsn(bsn):
            raise ValidationError({"bsn": _("Dit is geen geldig BSN: controleer de negen cijfers.")})
        if bsn != resident.get_bsn():
            resident.set_bsn(bsn)
            changed.append("bsn")
        save_fields += ["bsn_encrypted", "bsn_hash"]
    with transaction.atomic():
        save_versioned(resident, expected_version=expected_version, fields=save_fields)
        record_event(
            actor=actor,
            event_type="resident.update",
            action=Action.UPDATE,
            object_type="resident",
            object_id=resident.pk,
            resident_id=resident.pk,
            details={"fields": sorted(changed)},  # field names only, never values
        )
    return resident


def resident_add(*, actor, household: Household, bsn: str = "", **fields) -> Resident:
    """Add a member to a household (e.g. a partner or child who moved in)."""
    _require_edit(actor, household, object_type="resident", object_id="")
    unknown = set(fields) - set(RESIDENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if bsn and not is_valid_bsn(bsn):
        raise ValidationError({"bsn": _("Dit is geen geldig BSN: controleer de negen cijfers.")})
    with transaction.atomic():
        resident = Resident(household=household, **fields)
        if bsn:
            resident.set_bsn(bsn)
        resident.save()
        record_event(
            actor=actor,
            event_type="resident.create",
            action=Action.CREATE,
            object_type="resident",
            object_id=resident.pk,
            resident_id=resident.pk,
            details={"household_id": household.pk},
        )
    return resident


def household_update(*, actor, household: Household, expected_version: int, **fields) -> Household:
    _require_edit(actor, household, object_type="household", object_id=household.pk)
    unknown = set(fields) - set(HOUSEHOLD_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if fields.get("postcode"):
        fields["postcode"] = normalise_postcode(fields["postcode"])
    changed = [name for name, value in fields.items() if getattr(household, name) != value]
    for name, value in fields.items():
        setattr(household, name, value)
    with transaction.atomic():
        save_versioned(household, expected_version=expected_version, fields=list(fields))
        record_event(
            actor=actor,
            event_type="household.update",
            action=Action.UPDATE,
            object_type="household",
            object_id=household.pk,
            details={"fields": sorted(changed)},
        )
    return household


def _check_network_resident(household: Household, resident: Resident | None) -> None:
    if resident is not None and resident.household_id != household.pk:
        raise ValidationError({"resident": _("Kies iemand uit dit huishouden.")})


def network_member_add(*, actor, household: Household, kind: str, name: str, **fields) -> NetworkMember:
    _require_edit(actor, household, object_type="network_member", object_id="")
    _check_network_resident(household, fields.get("resident"))
    with transaction.atomic():
        member = NetworkMember.objects.create(household=household, kind=kind, name=name, **fields)
        record_event(
            actor=actor,
            event_type="network_member.create",
            action=Action.CREATE,
            object_type="network_member",
            object_id=member.pk,
            details={"household_id": household.pk, "kind": kind},
        )
    return member


def network_member_update(*, actor, member: NetworkMember, expected_version: int, **fields) -> NetworkMember:
    _require_edit(actor, member.household, object_type="network_member", object_id=member.pk)
    unknown = set(fields) - set(NETWORK_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_network_resident(member.household, fields.get("resident"))
    for name, value in fields.items():
        setattr(member, name, value)
    with transaction.atomic():
        save_versioned(member, expected_version=expected_version, fields=list(fields))
        record_event(
            actor=actor,
            event_type="network_member.update",
            action=Action.UPDATE,
            object_type="network_member",
            object_id=member.pk,
            details={"household_id": member.household_id, "fields": sorted(fields)},
        )
    return member
