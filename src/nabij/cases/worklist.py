"""The worklist (mijn werkvoorraad) and its extension point.

A worklist item is one thing due on one case. `cases` supplies the items it owns (first
contact, missing phase results, watch check-ins, direction to hand back). Apps above it
(intake, plans, consent) add theirs without `cases` importing them: they register a provider
in their AppConfig.ready():

    from nabij.cases.worklist import WorklistItem, register_provider

    def evaluations_due(case_ids, *, today):
        for plan in Plan.objects.filter(case_id__in=case_ids, evaluate_on__lte=...):
            yield WorklistItem(case_id=plan.case_id, kind="evaluation", label=..., due=plan.evaluate_on)

    register_provider("plans.evaluations", evaluations_due)

A provider receives the ids of the cases on the list (already access-filtered) and must cost
a fixed number of queries whatever their number (one query over `case_id__in`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class WorklistItem:
    case_id: int
    kind: str  # short code, e.g. "first_contact", "deviation", "evaluation", "consent"
    label: str  # worker-facing text (translated)
    due: date | None = None  # None: no date, sorts after dated items
    url: str = ""  # where to do it; defaults to the case page

    def urgency(self, today: date) -> tuple[int, date]:
        """Sort key: overdue, due today, due later, undated."""
        if self.due is None:
            return (3, date.max)
        if self.due < today:
            return (0, self.due)
        if self.due == today:
            return (1, self.due)
        return (2, self.due)

    def state(self, today: date) -> str:
        return ("overdue", "today", "later", "open")[self.urgency(today)[0]]


Provider = Callable[..., Iterable[WorklistItem]]
_PROVIDERS: dict[str, Provider] = {}


def register_provider(name: str, provider: Provider) -> None:
    """Add (or replace, by name) a source of worklist items. Call from AppConfig.ready()."""
    _PROVIDERS[name] = provider


def providers() -> dict[str, Provider]:
    return dict(_PROVIDERS)


@dataclass
class WorklistRow:
    case: object
    items: list[WorklistItem] = field(default_factory=list)

    @property
    def next_item(self) -> WorklistItem | None:
        return self.items[0] if self.items else None


def collect(cases: list, *, today: date) -> list[WorklistRow]:
    """Rows for `cases`, each with its items most urgent first; rows sorted by their most
    urgent item (cases with nothing due last, longest open first)."""
    rows = {case.pk: WorklistRow(case=case) for case in cases}
    case_ids = list(rows)
    if case_ids:
        for provider in _PROVIDERS.values():
            for item in provider(case_ids, today=today):
                if item.case_id in rows:
                    rows[item.case_id].items.append(item)
    for row in rows.values():
        row.items.sort(key=lambda item: item.urgency(today))

    def row_key(row: WorklistRow):
        if row.next_item is None:
            return (4, date.max, row.case.opened_at.date())
        level, due = row.next_item.urgency(today)
        return (level, due, row.case.opened_at.date())

    return sorted(rows.values(), key=row_key)


def case_url(case_id: int, tab: str = "overzicht") -> str:
    return reverse("cases:tab", args=[case_id, tab])


# --- The items `cases` owns ------------------------------------------------------------


def first_contact_items(case_ids: list[int], *, today: date) -> Iterable[WorklistItem]:
    """Open cases without any contact moment yet: the first contact is due."""
    from nabij.cases.models import Case, ContactMoment, Phase

    pending = (
        Case.objects.filter(pk__in=case_ids, phase__in=[Phase.REGISTRATION, Phase.CLARIFICATION])
        .exclude(pk__in=ContactMoment.objects.filter(case_id__in=case_ids).values("case_id"))
        .values_list("pk", "first_contact_due")
    )
    for case_id, due in pending:
        yield WorklistItem(
            case_id=case_id,
            kind="first_contact",
            label=str(_("Eerste contact met de inwoner")),
            due=due,
            url=reverse("cases:contact_new", args=[case_id]),
        )


def deviation_items(case_ids: list[int], *, today: date) -> Iterable[WorklistItem]:
    """Phase results skipped with a justification stay on the list until done."""
    from nabij.cases.models import Deviation
    from nabij.cases.phases import RESULT_BY_KEY
    from nabij.cases.selectors import fact_expressions

    facts = fact_expressions("case_id")
    rows = (
        Deviation.objects.filter(case_id__in=case_ids, resolved_at__isnull=True)
        .annotate(**facts)
        .values("case_id", "result_key", *facts)
    )
    for row in rows:
        case_id, key = row["case_id"], row["result_key"]
        spec = RESULT_BY_KEY.get(key)
        if spec and spec.derived_from and row.get(spec.derived_from):
            continue  # the system can see it has been done since
        label = spec.label if spec else key
        yield WorklistItem(
            case_id=case_id,
            kind="deviation",
            label=str(_("Ontbrekend faseresultaat: %(result)s") % {"result": label}),
            url=case_url(case_id),
        )


def watch_items(case_ids: list[int], *, today: date) -> Iterable[WorklistItem]:
    from nabij.cases.models import Case, Phase

    for case_id, due in Case.objects.filter(
        pk__in=case_ids, phase=Phase.WATCH, watch_next_checkin__isnull=False
    ).values_list("pk", "watch_next_checkin"):
        yield WorklistItem(
            case_id=case_id,
            kind="watch",
            label=str(_("Waakvlamcontact")),
            due=due,
            url=reverse("cases:contact_new", args=[case_id]),
        )


def direction_items(case_ids: list[int], *, today: date) -> Iterable[WorklistItem]:
    from nabij.cases.models import Case, Direction

    for case_id, due in Case.objects.filter(
        pk__in=case_ids, direction=Direction.TEAM, direction_hand_back_on__isnull=False
    ).values_list("pk", "direction_hand_back_on"):
        yield WorklistItem(
            case_id=case_id,
            kind="direction",
            label=str(_("Casusregie teruggeven aan de inwoner")),
            due=due,
            url=case_url(case_id),
        )


CONSENT_WARN_DAYS = 30


def consent_expiring_items(case_ids: list[int], *, today: date) -> Iterable[WorklistItem]:
    """Consents of the case (or of its household's residents) that end within 30 days.

    The consent app sits above `cases`: its table is reached by name, never by import. The
    consent app may replace this provider by registering its own under the same name.
    """
    from datetime import timedelta

    from django.apps import apps
    from django.db.models import Q

    if not apps.is_installed("nabij.consent"):
        return
    from nabij.cases.models import Case

    consent_model = apps.get_model("consent", "Consent")
    households = dict(Case.objects.filter(pk__in=case_ids).values_list("household_id", "pk"))
    rows = consent_model.objects.filter(
        Q(case_id__in=case_ids) | Q(case__isnull=True, resident__household_id__in=list(households)),
        withdrawn_at__isnull=True,
        valid_until__isnull=False,
        valid_until__lte=today + timedelta(days=CONSENT_WARN_DAYS),
        valid_until__gte=today - timedelta(days=CONSENT_WARN_DAYS),
    ).values_list("case_id", "resident__household_id", "valid_until", "purpose")
    labels = dict(consent_model.Purpose.choices)
    for case_id, household_id, valid_until, purpose in rows:
        target = case_id or households.get(household_id)
        if target in case_ids:
            yield WorklistItem(
                case_id=target,
                kind="consent",
                label=str(_("Toestemming loopt af: %(purpose)s") % {"purpose": labels.get(purpose, purpose)}),
                due=valid_until,
                url=case_url(target),
            )


def register_builtin_providers() -> None:
    register_provider("cases.consent_expiring", consent_expiring_items)
    register_provider("cases.first_contact", first_contact_items)
    register_provider("cases.deviations", deviation_items)
    register_provider("cases.watch", watch_items)
    register_provider("cases.direction", direction_items)
