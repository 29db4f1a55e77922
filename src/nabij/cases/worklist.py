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

A provider that needs fields of the cases themselves registers with `with_cases=True`: it is
then called as `fn(cases, *, today, known)` with the case objects already loaded for the page
(at least the fields in `cases.selectors.WORKLIST_CASE_FIELDS`) instead of their ids, so it
need not read them again; `known` maps a case id to facts the caller has already read for it
(`selectors.fact_names()`, "open_deviations", "consents"), possibly empty.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from nabij.core.reversing import url_for


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
_WITH_CASES: set[str] = set()  # names of providers called with the case objects, not their ids


def register_provider(name: str, provider: Provider, *, with_cases: bool = False) -> None:
    """Add (or replace, by name) a source of worklist items. Call from AppConfig.ready()."""
    _PROVIDERS[name] = provider
    if with_cases:
        _WITH_CASES.add(name)
    else:
        _WITH_CASES.discard(name)


def providers() -> dict[str, Provider]:
    return dict(_PROVIDERS)


@dataclass
class WorklistRow:
    case: object
    items: list[WorklistItem] = field(default_factory=list)
    id_url: str = ""  # the case page, set by the worklist page
    phase_label: str = ""

    @property
    def next_item(self) -> WorklistItem | None:
        return self.items[0] if self.items else None


def collect(cases: list, *, today: date, known: dict[int, dict] | None = None) -> list[WorklistRow]:
    """Rows for `cases`, each with its items most urgent first; rows sorted by their most
    urgent item (cases with nothing due last, longest open first). `known`: facts per case id
    the caller has already read (see the module docstring), so providers need not re-read them."""
    rows = {case.pk: WorklistRow(case=case) for case in cases}
    case_ids = list(rows)
    if case_ids:
        loaded = [row.case for row in rows.values()]
        for name, provider in _PROVIDERS.items():
            if name in _WITH_CASES:
                items = provider(loaded, today=today, known=known or {})
            else:
                items = provider(case_ids, today=today)
            for item in items:
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
    return url_for("cases:tab", case_id, tab)


# --- The items `cases` owns ------------------------------------------------------------
#
# They read the case fields from the cases already loaded for the page (with_cases=True) and
# facts the caller already holds (`known`), so most cost no query at all.


def first_contact_items(cases: list, *, today: date, known: dict) -> Iterable[WorklistItem]:
    """Open cases without any contact moment yet: the first contact is due."""
    from nabij.cases.models import ContactMoment, Phase

    pending = [case for case in cases if case.phase in (Phase.REGISTRATION, Phase.CLARIFICATION)]
    unknown = [case.pk for case in pending if "has_contact_moment" not in known.get(case.pk, {})]
    contacted = {case.pk for case in pending if known.get(case.pk, {}).get("has_contact_moment")}
    if unknown:
        contacted |= set(ContactMoment.objects.filter(case_id__in=unknown).values_list("case_id", flat=True))
    label = str(_("Eerste contact met de inwoner"))
    for case in pending:
        if case.pk not in contacted:
            yield WorklistItem(
                case_id=case.pk,
                kind="first_contact",
                label=label,
                due=case.first_contact_due,
                url=url_for("cases:contact_new", case.pk),
            )


def deviation_items(cases: list, *, today: date, known: dict) -> Iterable[WorklistItem]:
    """Phase results skipped with a justification stay on the list until done."""
    from nabij.cases.phases import RESULT_BY_KEY
    from nabij.cases.selectors import fact_names, open_deviations_with_facts

    facts = set(fact_names())
    rows = []
    unknown = []
    for case in cases:
        held = known.get(case.pk, {})
        if "open_deviations" in held and facts <= held.keys():
            rows += [{**held, "case_id": case.pk, "result_key": d.result_key} for d in held["open_deviations"]]
        else:
            unknown.append(case.pk)
    rows += open_deviations_with_facts(unknown)
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


def watch_items(cases: list, *, today: date, known: dict) -> Iterable[WorklistItem]:
    from nabij.cases.models import Phase

    for case in cases:
        if case.phase == Phase.WATCH and case.watch_next_checkin is not None:
            yield WorklistItem(
                case_id=case.pk,
                kind="watch",
                label=str(_("Waakvlamcontact")),
                due=case.watch_next_checkin,
                url=url_for("cases:contact_new", case.pk),
            )


def direction_items(cases: list, *, today: date, known: dict) -> Iterable[WorklistItem]:
    from nabij.cases.models import Direction

    for case in cases:
        if case.direction == Direction.TEAM and case.direction_hand_back_on is not None:
            yield WorklistItem(
                case_id=case.pk,
                kind="direction",
                label=str(_("Casusregie teruggeven aan de inwoner")),
                due=case.direction_hand_back_on,
                url=case_url(case.pk),
            )


CONSENT_WARN_DAYS = 30


def consent_expiring_items(cases: list, *, today: date, known: dict) -> Iterable[WorklistItem]:
    """Consents of the case (or of its household's residents) that end within 30 days.

    The consent app sits above `cases`: its table is reached by name, never by import. The
    consent app may replace this provider by registering its own under the same name.
    """
    from datetime import timedelta

    from django.apps import apps
    from django.db.models import Q

    if not apps.is_installed("nabij.consent"):
        return
    consent_model = apps.get_model("consent", "Consent")
    case_ids = {case.pk for case in cases}
    # One case per household (the highest id, as the query this replaces returned them).
    households = {case.household_id: case.pk for case in sorted(cases, key=lambda case: case.pk)}
    since, until = today - timedelta(days=CONSENT_WARN_DAYS), today + timedelta(days=CONSENT_WARN_DAYS)
    if all("consents" in known.get(pk, {}) for pk in case_ids):
        # The caller read the cases' and households' consents already (the case summary).
        held = sorted({c["pk"]: c for pk in case_ids for c in known[pk]["consents"]}.values(), key=lambda c: c["pk"])
        rows = [
            (c["case_id"], c["resident__household_id"], c["valid_until"], c["purpose"])
            for c in held
            if c["valid_until"] is not None and since <= c["valid_until"] <= until
        ]
    else:
        rows = consent_model.objects.filter(
            Q(case_id__in=case_ids) | Q(case__isnull=True, resident__household_id__in=list(households)),
            withdrawn_at__isnull=True,
            valid_until__isnull=False,
            valid_until__lte=until,
            valid_until__gte=since,
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
    register_provider("cases.consent_expiring", consent_expiring_items, with_cases=True)
    register_provider("cases.first_contact", first_contact_items, with_cases=True)
    register_provider("cases.deviations", deviation_items, with_cases=True)
    register_provider("cases.watch", watch_items, with_cases=True)
    register_provider("cases.direction", direction_items, with_cases=True)
