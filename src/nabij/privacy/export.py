"""The resident's data export (AVG art. 15): everything stored about them.

Found by following the model graph, so records other apps add later are included without
changes here: every row that points to the resident, to their household, or to one of
their cases (one level further for rows under those). Secrets are left out (encrypted
columns and hashes); the BSN is given in clear, because it is the resident's own.
"""

import json
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import timezone

from nabij.cases.models import Case
from nabij.residents.models import Resident

SKIP_FIELDS = {"bsn_encrypted", "bsn_hash", "password", "version"}
SKIP_MODELS = {"audit.auditevent"}  # the access report covers the log


def _value(obj, field):
    value = getattr(obj, field.attname)
    if isinstance(field, models.ForeignKey):
        related = getattr(obj, field.name, None) if value is not None else None
        return str(related) if related is not None else None
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat(timespec="seconds") if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if field.choices and value not in (None, ""):
        return str(dict(field.flatchoices).get(value, value))
    return value


def _row(obj) -> dict:
    row = {}
    for field in obj._meta.concrete_fields:
        if field.name in SKIP_FIELDS:
            continue
        row[str(field.verbose_name)] = _value(obj, field)
    return row


def _related_rows(obj, seen: set) -> list[tuple[str, dict, object]]:
    """(section title, row, instance) for every row pointing at `obj` through a FK."""
    out = []
    for rel in obj._meta.related_objects:
        if not (rel.one_to_many or rel.one_to_one) or rel.related_model._meta.label_lower in SKIP_MODELS:
            continue
        accessor = rel.get_accessor_name()
        if rel.one_to_one:
            child = getattr(obj, accessor, None) if hasattr(obj, accessor) else None
            children = [child] if child is not None else []
        else:
            children = getattr(obj, accessor).all()
        for child in children:
            key = (child._meta.label_lower, child.pk)
            if key in seen:
                continue
            seen.add(key)
            out.append((str(child._meta.verbose_name_plural), _row(child), child))
    return out


def resident_export_data(resident: Resident) -> dict:
    seen: set = {("residents.resident", resident.pk)}
    sections: dict[str, list[dict]] = {}

    def add(title, row):
        sections.setdefault(title, []).append(row)

    person = _row(resident)
    person["BSN"] = resident.get_bsn() or None
    household = resident.household
    cases = list(Case.objects.filter(primary_resident=resident).select_related("team", "contact_person"))
    if household is not None:
        seen.add(("residents.household", household.pk))
        for case in Case.objects.filter(household=household).exclude(primary_resident=resident):
            cases.append(case)
    for title, row, child in _related_rows(resident, seen):
        add(title, row)
        for sub_title, sub_row, _child in _related_rows(child, seen):
            add(sub_title, sub_row)
    for case in cases:
        if ("cases.case", case.pk) not in seen:
            seen.add(("cases.case", case.pk))
            add(str(Case._meta.verbose_name_plural), _row(case))
        for title, row, child in _related_rows(case, seen):
            add(title, row)
            for sub_title, sub_row, _child in _related_rows(child, seen):
                add(sub_title, sub_row)
    return {
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "resident": person,
        "household": _row(household) if household else None,
        "sections": sections,
    }


def resident_export_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)
