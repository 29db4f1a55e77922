"""The phases of a case and the results each phase should deliver (practice model, ch. 3).

Phases are cyclical, not rigid ("vast en flexibel indien nodig"): a worker may move a case on
with a result missing by writing why (scharrelruimte, `Deviation`), and the gap stays on the
worklist until done. The transition table below says which moves are ordinary.

A result is done when
- the system can see it for itself (`derived_from`: a contact moment exists, the network is
  filled in, …; see `selectors.case_facts`), or
- someone marked it done (`CaseResult` row): by hand on the case page, or by another app's
  service through `services.case_result_complete` (e.g. the plans app when a plan is agreed).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from nabij.cases.models import Phase


@dataclass(frozen=True)
class ResultSpec:
    key: str
    label: str
    # A fact name from selectors.case_facts that completes the result by itself, or "".
    derived_from: str = ""


PHASE_RESULTS: dict[str, tuple[ResultSpec, ...]] = {
    Phase.REGISTRATION: (
        ResultSpec("info_collected", _("Informatie verzameld en besproken in het aanmeldoverleg")),
        ResultSpec("worker_assigned", _("Contactpersoon aangewezen"), "has_contact_person"),
        ResultSpec("resident_informed", _("Inwoner of verwijzer geïnformeerd")),
        ResultSpec("consent_dossier", _("Toestemming om een dossier te openen"), "has_dossier_consent"),
    ),
    Phase.CLARIFICATION: (
        ResultSpec("first_contact", _("Eerste contact met de inwoner"), "has_contact_moment"),
        ResultSpec("life_domains", _("Leefgebieden in beeld (ZRM)")),
        ResultSpec("network_mapped", _("Sociaal netwerk in beeld"), "has_network"),
        ResultSpec("involvements_mapped", _("Betrokken hulpverleners in beeld"), "has_involvement"),
    ),
    Phase.PLANNING: (
        ResultSpec("plan_agreed", _("Perspectiefplan met de inwoner afgesproken")),
        ResultSpec("agreements_recorded", _("Concrete afspraken en verwachtingen vastgelegd")),
        ResultSpec("consent_exchange", _("Toestemming voor informatie-uitwisseling"), "has_exchange_consent"),
    ),
    Phase.EXECUTION: (
        ResultSpec("progress_discussed", _("Voortgang besproken in het wijkteamoverleg")),
        ResultSpec("plan_evaluated", _("Plan tussentijds geëvalueerd")),
    ),
    Phase.CLOSURE: (
        ResultSpec("final_evaluation", _("Eindevaluatie met de inwoner")),
        ResultSpec("scale_down_agreed", _("Afspraken over afschalen en nazorg")),
        ResultSpec("closure_letter", _("Afsluitbrief aan inwoner en verwijzer"), "has_letter"),
    ),
    Phase.WATCH: (ResultSpec("watch_agreed", _("Waakvlamcontact afgesproken"), "has_watch_date"),),
    Phase.CLOSED: (),
}

RESULT_BY_KEY: dict[str, ResultSpec] = {spec.key: spec for specs in PHASE_RESULTS.values() for spec in specs}

ORDER: list[str] = [p.value for p in Phase]

# Which phase may follow which. Going back is allowed (the work is cyclical); closure can
# lead to a light watch or straight to closed; a watch can reopen into execution.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Phase.REGISTRATION: frozenset({Phase.CLARIFICATION, Phase.CLOSED}),
    Phase.CLARIFICATION: frozenset({Phase.REGISTRATION, Phase.PLANNING, Phase.CLOSURE}),
    Phase.PLANNING: frozenset({Phase.CLARIFICATION, Phase.EXECUTION, Phase.CLOSURE}),
    Phase.EXECUTION: frozenset({Phase.PLANNING, Phase.CLOSURE}),
    Phase.CLOSURE: frozenset({Phase.EXECUTION, Phase.WATCH, Phase.CLOSED}),
    Phase.WATCH: frozenset({Phase.EXECUTION, Phase.CLOSED}),
    Phase.CLOSED: frozenset(),
}


def is_forward(from_phase: str, to_phase: str) -> bool:
    return ORDER.index(to_phase) > ORDER.index(from_phase)


@dataclass(frozen=True)
class ResultState:
    spec: ResultSpec
    done: bool
    derived: bool  # done because the system saw it, not by a tick


def results_for(phase: str, *, facts: dict[str, bool], completed_keys: set[str]) -> list[ResultState]:
    states = []
    for spec in PHASE_RESULTS.get(phase, ()):
        derived = bool(spec.derived_from and facts.get(spec.derived_from))
        states.append(ResultState(spec=spec, done=derived or spec.key in completed_keys, derived=derived))
    return states
