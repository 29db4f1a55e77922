"""Demo plans in every state, for werker in Wijkteam Oud-Beijerland: a draft, an agreed plan
with an evaluation due, an evaluated plan with a second version, a closed case with letters,
and a closed case with a watch. Built through the real services; a second run adds nothing.

Uses werker's open cases without a plan when the cases demo made them; otherwise opens
cases for demo households in the team's area with `case_open`.
"""

from datetime import timedelta

from django.utils import timezone

from nabij.accounts.models import Team, User
from nabij.cases.models import Case
from nabij.cases.services import case_open
from nabij.plans import services
from nabij.plans.models import ClosureReason, LifeDomain, SupportLayer, SupportPlan
from nabij.plans.reference import reference_data_ensure
from nabij.residents.models import Household

TEAM = "Wijkteam Oud-Beijerland"
WORKER = "werker"
STATES = ["draft", "agreed", "evaluated", "closed", "watch"]

GOALS = [
    # domain code, the resident's words, what is at stake, actions (layer, what, who)
    (
        "financien",
        "Ik wil weer overzicht over mijn geld en geen aanmaningen meer.",
        "Dreigende afsluiting van energie.",
        [
            (SupportLayer.RESIDENT, "Elke week de post openen en in de map doen", "Inwoner zelf"),
            (SupportLayer.FAMILY, "Samen de rekeningen doornemen op zondag", "Dochter Anouk"),
            (SupportLayer.NETWORK, "Ondersteuning bij de administratie", "Thuisadministratie Humanitas (vrijwilliger)"),
            (SupportLayer.PROFESSIONAL, "Aanmelding schuldhulpverlening", "Schuldhulp Hoeksche Waard"),
        ],
    ),
    (
        "sociaal-netwerk",
        "Ik wil één keer per week iets doen met andere mensen.",
        "Eenzaamheid sinds het overlijden van haar man.",
        [
            (SupportLayer.RESIDENT, "Een keer meegaan naar de koffieochtend", "Inwoner zelf"),
            (SupportLayer.NETWORK, "Ophalen voor de koffieochtend", "Buurman Kees"),
            (SupportLayer.NETWORK, "Wekelijkse koffieochtend", "Buurthuis De Schakel"),
        ],
    ),
    (
        "huisvesting",
        "Ik wil veilig de trap op kunnen in mijn eigen huis.",
        "Valgevaar; wil niet verhuizen.",
        [
            (SupportLayer.AIDS, "Tweede trapleuning laten plaatsen", "Wmo-loket gemeente"),
            (SupportLayer.FAMILY, "Helpen met het aanvraagformulier", "Zoon Ruben"),
        ],
    ),
]


def _cases(team, worker, today):
    """Werker's open cases without a plan, topped up with new cases for demo households."""
    cases = list(
        Case.objects.filter(team=team, contact_person=worker, closed_at__isnull=True, plan__isnull=True).order_by("pk")[
            : len(STATES)
        ]
    )
    if len(cases) < len(STATES):
        households = (
            Household.objects.filter(area__parent__in=team.areas.all(), members__email__endswith="@demo.nabij.example")
            .exclude(cases__isnull=False)
            .distinct()
            .order_by("pk")
        )
        for household in households[: len(STATES) - len(cases)]:
            resident = household.members.order_by("pk").first()
            cases.append(
                case_open(
                    actor=worker,
                    household=household,
                    primary_resident=resident,
                    team=team,
                    contact_person=worker,
                    summary="Casus geopend (demo)",
                )
            )
    return cases


def _plan(worker, case, goals):
    plan = services.plan_create(actor=worker, case=case)
    for code, wording, at_stake, actions in goals:
        goal = services.goal_save(
            actor=worker, plan=plan, domain=LifeDomain.objects.get(code=code), wording=wording, at_stake=at_stake
        )
        for n, (layer, description, performer) in enumerate(actions, start=1):
            services.action_save(
                actor=worker,
                goal=goal,
                description=description,
                layer=layer,
                performer=performer,
                due_on=timezone.localdate() + timedelta(weeks=2 * n),
            )
    return plan


NOTES = {"financien": "Betalingsachterstanden", "sociaal-netwerk": "Weinig contact", "huisvesting": "Trap lastig"}


def _scores(values: dict[str, int]) -> dict[int, tuple[int, str]]:
    domains = {d.code: d.pk for d in LifeDomain.objects.filter(instrument__is_default=True)}
    return {domains[code]: (score, NOTES.get(code, "")) for code, score in values.items()}


def _score(worker, case, moment, values, day):
    services.assessment_record(actor=worker, case=case, moment=moment, assessed_on=day, scores=_scores(values))


def _agree(worker, plan, day):
    services.plan_agree(
        actor=worker, plan=plan, agreed_on=day, method="signed_paper", agreed_by="Inwoner en dochter", note=""
    )


def build(stdout) -> None:
    reference_data_ensure()  # the ZRM and closure reasons, should the tables have been emptied
    team = Team.objects.filter(name=TEAM).first()
    worker = User.objects.filter(username=WORKER).first()
    if team is None or worker is None:
        stdout.write("Demo-plannen: team of werker ontbreekt; overgeslagen.")
        return
    if SupportPlan.objects.filter(case__team=team, created_by=worker).exists():
        stdout.write("Demo-plannen bestaan al; niets toegevoegd.")
        return
    today = timezone.localdate()
    start_scores = {"financien": 2, "sociaal-netwerk": 2, "huisvesting": 3, "geestelijke-gezondheid": 3}
    cases = _cases(team, worker, today)
    made = []
    for state, case in zip(STATES, cases, strict=False):
        _score(worker, case, "start", start_scores, today)
        plan = _plan(worker, case, GOALS if state != "draft" else GOALS[:2])
        made.append(state)
        if state == "draft":
            continue
        _agree(worker, plan, today)
        if state == "agreed":
            # The evaluation falls in the coming days, so it shows on werker's worklist.
            SupportPlan.objects.filter(pk=plan.pk).update(next_evaluation_on=today + timedelta(days=3))
            continue
        goals = list(plan.versions.get(status="agreed").goals.order_by("order"))
        outcomes = ["achieved", "partly", "not"]
        services.evaluation_record(
            actor=worker,
            plan=plan,
            held_on=today,
            results={
                g.pk: (outcomes[i % 3], "Steun van de dochter" if i == 0 else "", "Wachtlijst" if i == 2 else "")
                for i, g in enumerate(goals)
            },
            summary="Geldzaken lopen beter; de trapleuning is nog niet geplaatst.",
            discussed_in_team=True,
            team_meeting_on=today,
            scores=_scores({"financien": 4, "sociaal-netwerk": 3, "huisvesting": 3, "geestelijke-gezondheid": 4}),
            adjustment_reason="Trapleuning via de woningcorporatie in plaats van het Wmo-loket",
        )
        draft = plan.versions.get(status="draft")
        action = draft.goals.get(domain__code="huisvesting").actions.get(layer=SupportLayer.AIDS)
        services.action_save(
            actor=worker,
            goal=action.goal,
            action=action,
            description="Tweede trapleuning laten plaatsen",
            layer=SupportLayer.AIDS,
            performer="Woningcorporatie HW Wonen",
            due_on=today + timedelta(weeks=3),
        )
        _agree(worker, plan, today)
        if state == "evaluated":
            continue
        watch = state == "watch"
        services.case_close(
            actor=worker,
            case=case,
            reason=ClosureReason.objects.get(code="doelen-bereikt" if watch else "doorverwezen"),
            referred_to="" if watch else "Schuldhulp Hoeksche Waard",
            closed_on=today,
            what_was_done="Administratie op orde met hulp van de dochter en een vrijwilliger; koffieochtend gevonden.",
            what_helped="De vaste zondag met de dochter.",
            scaling_down="Vrijwilliger thuisadministratie stopt na de laatste afspraak; buurthuis blijft.",
            aftercare="Inwoner belt het wijkteam bij nieuwe aanmaningen.",
            referrer_name="Huisartsenpraktijk De Linde (fictief)",
            referrer_organisation="Huisartsenpraktijk",
            satisfaction={"listened": 5, "own_say": 4, "helped": 4, "grade": 8, "comment": "Fijn dat het rustig ging."},
            watch_dates=[today + timedelta(days=3), today + timedelta(weeks=8)] if watch else [],
            watch_agreements="Twee keer bellen om te horen hoe het gaat." if watch else "",
            letters=("closure.resident",) if watch else ("closure.resident", "closure.referrer"),
        )
    stdout.write(f"Demo-plannen: {', '.join(made)}.")
