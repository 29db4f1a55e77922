"""The authorisation matrix: for every URL, which actors may use it.

Proved by privacy/tests/test_authorisation_matrix.py, which walks every URL pattern of the
project (pages and API), requests it as each actor, and checks the answer against this
table. A URL without a declaration fails that test with "undeclared URL: <name>".

How to declare a new URL: add one line to MATRIX below, e.g.

    "intake:board": Rule(allow=CASE_ROLES),
    "cases:detail": Rule(allow=CASE_TEAM, kwargs={"case_id": "case"}),
    "intake:registration": Rule(allow=CASE_ROLES, kwargs={"pk": lambda s: RegistrationFactory(team=s.team).pk}),

- `allow`: the actors that get the page; every other actor must be refused (401/403/404, or
  a redirect to the login page). Actors are the six roles (each a member of the sample
  team), a worker of another team, and an anonymous visitor.
- `kwargs`: URL argument ("*" for any argument not named) → a sample name (see Samples in the test: case, resident,
  consent, emergency_access, destruction_request, team, household; built on first use: plan,
  goal, action, assessment, evaluation, document, planned_case (the case with its plan),
  closed_case, closure, checkin) or a callable that gets the samples and returns a value.
  Arguments named like a sample (case_id, resident_id …) need no entry.
- `method`: "get" (default) or "post" for POST-only actions (posted without data).
- `data`: what to post (a dict, or a callable that gets the samples), for a POST-only action
  that reads its input before it can answer (e.g. which letter to make). Prefer data that
  makes the allowed answer cheap (a validation message and a redirect).
- `lists`: for a list that everyone may call but that is filtered by the data scope: (sample
  name or callable, actors). The sample's row must be in the answer of exactly those actors
  (API lists: the "id" of each row, in "results" when paginated).
- `unchecked`: actors whose answer depends on more than the role (Django model permissions
  in the admin); they are not asserted. Use sparingly and say why in `note`.

The table is the access policy of docs/privacy.md in executable form; keep the two alike.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

WORKER = "worker"
COORDINATOR = "coordinator"
FUNCTIONAL_ADMIN = "functional_admin"
PRIVACY_OFFICER = "privacy_officer"
ANALYST = "analyst"
VOLUNTEER_COORDINATOR = "volunteer_coordinator"
OTHER_TEAM_WORKER = "other_team_worker"
ANONYMOUS = "anonymous"

ROLES = (WORKER, COORDINATOR, FUNCTIONAL_ADMIN, PRIVACY_OFFICER, ANALYST, VOLUNTEER_COORDINATOR)
ACTORS = (*ROLES, OTHER_TEAM_WORKER, ANONYMOUS)

NOBODY: frozenset[str] = frozenset()
CASE_TEAM = frozenset({WORKER, COORDINATOR})  # members of the case's own team
CASE_ROLES = frozenset({WORKER, COORDINATOR, OTHER_TEAM_WORKER})  # anyone with a caseload somewhere
STAFF = frozenset({*ROLES, OTHER_TEAM_WORKER})  # every logged-in user
EVERYONE = frozenset(ACTORS)
PRIVACY = frozenset({PRIVACY_OFFICER})


@dataclass(frozen=True)
class Rule:
    allow: frozenset[str]
    kwargs: dict[str, str | Callable] = field(default_factory=dict)
    method: str = "get"
    data: dict | Callable | None = None
    lists: tuple[str | Callable, frozenset[str]] | None = None
    unchecked: frozenset[str] = NOBODY
    login_redirect_ok: bool = False  # a redirect to the login page is this URL's normal answer
    note: str = ""


MATRIX: dict[str, Rule] = {
    # --- shell and login -------------------------------------------------------------------
    "core:home": Rule(allow=STAFF),
    "accounts:login": Rule(allow=EVERYONE),
    "accounts:otp_verify": Rule(
        allow=EVERYONE, login_redirect_ok=True, note="login flow: without a pending login it returns to the login page"
    ),
    "accounts:otp_setup": Rule(
        allow=EVERYONE, login_redirect_ok=True, note="login flow: without a pending login it returns to the login page"
    ),
    "accounts:logout": Rule(
        allow=EVERYONE, method="post", login_redirect_ok=True, note="logging out always ends on the login page"
    ),
    "accounts:switch_team": Rule(allow=STAFF, method="post"),
    "set_language": Rule(allow=EVERYONE, method="post"),
    # --- cases ---------------------------------------------------------------------------------
    "cases:worklist": Rule(allow=CASE_ROLES),
    "cases:detail": Rule(allow=CASE_TEAM),
    "cases:tab": Rule(allow=CASE_TEAM, kwargs={"tab": lambda s: "tijdlijn"}),
    "cases:contact_new": Rule(allow=CASE_TEAM),
    "cases:contact_edit": Rule(allow=CASE_TEAM, kwargs={"moment_id": lambda s: _contact_moment(s)}),
    "cases:contact_draft": Rule(allow=CASE_TEAM, method="post"),
    "cases:contact_edit_draft": Rule(
        allow=CASE_TEAM, method="post", kwargs={"moment_id": lambda s: _contact_moment(s)}
    ),
    "cases:contact_draft_discard": Rule(allow=CASE_TEAM, method="post"),
    "cases:contact_grant": Rule(
        allow=CASE_TEAM,
        method="post",
        kwargs={"moment_id": lambda s: _contact_moment(s)},
        note="the author, the contact person and grantees read the note; any team member may ask",
    ),
    "cases:phase_change": Rule(allow=CASE_TEAM),
    "cases:result_toggle": Rule(allow=CASE_TEAM, method="post"),
    "cases:direction_edit": Rule(allow=CASE_TEAM),
    "cases:assign": Rule(allow=frozenset({COORDINATOR}), note="choosing the contact person needs case.assign"),
    "cases:involvement_new": Rule(allow=CASE_TEAM),
    "cases:involvement_end": Rule(allow=CASE_TEAM, method="post", kwargs={"involvement_id": lambda s: _involvement(s)}),
    "cases:network_new": Rule(allow=CASE_TEAM),
    "cases:network_edit": Rule(allow=CASE_TEAM, kwargs={"member_id": lambda s: _network_member(s)}),
    "cases:resident_new": Rule(allow=CASE_TEAM),
    "cases:resident_edit": Rule(allow=CASE_TEAM),
    "cases:bsn_reveal": Rule(allow=CASE_TEAM, method="post"),
    "cases:household_edit": Rule(allow=CASE_TEAM),
    "cases:attachment_upload": Rule(allow=CASE_TEAM, method="post"),
    "cases:attachment_download": Rule(allow=CASE_TEAM, kwargs={"attachment_id": lambda s: _attachment(s)}),
    # --- residents -----------------------------------------------------------------------------
    "residents:search": Rule(allow=CASE_ROLES),
    # --- intake: the aanmeldoverleg (issue 3) ---------------------------------------------------
    # A registration is loaded through intake.selectors.registrations.registration_get_for_user
    # (triage.view in the registration's team; 404 for anyone else). Triage, outcome, opening
    # the case and letters need triage.decide (coordinator: 403 for a worker); first and interim
    # contact need case.edit. The board and waiting list show the user's own team.
    "intake:board": Rule(allow=CASE_ROLES),
    "intake:waiting_list": Rule(allow=CASE_ROLES),
    "intake:registration": Rule(allow=CASE_TEAM, kwargs={"pk": lambda s: _registration(s)}),
    # Link / unlink a known resident: registration.create or triage.decide in the team.
    "intake:registration_link": Rule(allow=CASE_TEAM, method="post", kwargs={"pk": lambda s: _registration(s)}),
    "intake:registration_unlink": Rule(allow=CASE_TEAM, method="post", kwargs={"pk": lambda s: _registration(s)}),
    "intake:triage": Rule(allow=frozenset({COORDINATOR}), kwargs={"pk": lambda s: _registration(s)}),
    "intake:outcome": Rule(allow=frozenset({COORDINATOR}), kwargs={"pk": lambda s: _registration(s)}),
    "intake:case_open": Rule(allow=frozenset({COORDINATOR}), kwargs={"pk": lambda s: _registration(s)}),
    "intake:letter": Rule(allow=frozenset({COORDINATOR}), kwargs={"pk": lambda s: _registration(s)}),
    "intake:first_contact": Rule(allow=CASE_TEAM, kwargs={"pk": lambda s: _registration(s)}),
    "intake:interim_contact": Rule(allow=CASE_TEAM, kwargs={"pk": lambda s: _waiting_registration(s)}),
    "intake:letter_print": Rule(
        allow=CASE_TEAM, kwargs={"pk": lambda s: _letter(s).registration_id, "letter_id": lambda s: _letter(s).pk}
    ),
    # --- consent -------------------------------------------------------------------------------
    "consent:case_tab": Rule(allow=CASE_TEAM),
    "consent:consent_create": Rule(allow=CASE_TEAM),
    "consent:exchange_create": Rule(allow=CASE_TEAM),
    "consent:consent_withdraw": Rule(allow=CASE_TEAM),
    "consent:anonymous_consultation": Rule(allow=CASE_ROLES),
    # --- plans (issue 5): tabs under the case -------------------------------------------------
    # Every view loads the case through cases.selectors.case_get_for_user (the case's own team,
    # or an active emergency access: 404 for anyone else) and writes through plans.services,
    # which use the one write rule of the case file (cases.selectors.may_edit_case): the case's
    # team, or an active emergency access, which reads and writes (plans/tests/test_views.py).
    # "planned_case" is the sample case with an agreed plan, a ZRM scoring and an evaluation;
    # "closed_case" a closed one with a watch.
    "plans:case_plan": Rule(allow=CASE_TEAM, kwargs={"case_id": "planned_case"}),
    "plans:plan_start": Rule(allow=CASE_TEAM, method="post"),
    "plans:goal_create": Rule(allow=CASE_TEAM, kwargs={"case_id": "planned_case"}),
    "plans:goal_edit": Rule(allow=CASE_TEAM, kwargs={"case_id": "planned_case"}),
    "plans:action_create": Rule(allow=CASE_TEAM, kwargs={"case_id": "planned_case"}),
    "plans:action_edit": Rule(allow=CASE_TEAM, kwargs={"case_id": "planned_case"}),
    "plans:action_status": Rule(allow=CASE_TEAM, method="post", kwargs={"case_id": "planned_case"}),
    "plans:plan_revise": Rule(allow=CASE_TEAM, kwargs={"case_id": "planned_case"}),
    "plans:plan_agree": Rule(allow=CASE_TEAM, kwargs={"case_id": "planned_case"}),
    "plans:plan_versions": Rule(allow=CASE_TEAM, kwargs={"case_id": "planned_case"}),
    "plans:plan_pdf": Rule(allow=CASE_TEAM, kwargs={"case_id": "planned_case"}),
    "plans:assessments": Rule(allow=CASE_TEAM, kwargs={"case_id": "planned_case"}),
    "plans:assessment_create": Rule(allow=CASE_TEAM),
    "plans:evaluations": Rule(allow=CASE_TEAM, kwargs={"case_id": "planned_case"}),
    "plans:evaluation_create": Rule(allow=CASE_TEAM, kwargs={"case_id": "planned_case"}),
    "plans:evaluation_detail": Rule(allow=CASE_TEAM, kwargs={"case_id": "planned_case"}),
    "plans:closure": Rule(allow=CASE_TEAM, kwargs={"case_id": "closed_case"}),
    "plans:closure_create": Rule(allow=CASE_TEAM),
    # Posts the referrer letter for a closure without a referrer: the allowed answer is a
    # message and a redirect (no PDF is made).
    "plans:closure_letter": Rule(
        allow=CASE_TEAM, method="post", kwargs={"case_id": "closed_case"}, data={"key": "closure.referrer"}
    ),
    "plans:checkin": Rule(allow=CASE_TEAM, kwargs={"case_id": "closed_case"}),
    "plans:reopen": Rule(allow=CASE_TEAM, kwargs={"case_id": "closed_case"}),
    # Generated PDFs (documents app) are served only through this view.
    "plans:document_download": Rule(allow=CASE_TEAM),
    # --- privacy -------------------------------------------------------------------------------
    "privacy:index": Rule(allow=PRIVACY),
    "privacy:audit_log": Rule(allow=PRIVACY),
    "privacy:audit_export": Rule(allow=PRIVACY),
    "privacy:emergency_reviews": Rule(allow=PRIVACY),
    "privacy:emergency_review": Rule(allow=PRIVACY, kwargs={"pk": "emergency_access"}),
    # Outside the team the page shows "known to team X" and asks a reason; inside, it
    # forwards to the case. Roles without emergency.access are refused.
    "privacy:emergency_access": Rule(allow=CASE_ROLES),
    "privacy:resident_lookup": Rule(allow=PRIVACY),
    "privacy:access_report": Rule(allow=PRIVACY),
    "privacy:resident_export": Rule(allow=PRIVACY),
    "privacy:destruction_create": Rule(allow=PRIVACY),
    "privacy:destruction_list": Rule(allow=PRIVACY),
    "privacy:destruction_detail": Rule(allow=PRIVACY, kwargs={"pk": "destruction_request"}),
    "privacy:retention": Rule(allow=PRIVACY),
    # --- intake: the front door (public form, staff entry, "Bekend?", signals) ------------------
    # The public form needs no account; its confirmation page without a submission in the
    # session sends the visitor back to the form. Staff entry and the lookup need
    # registration.create in some team; a signal is seen and handled by its own team only.
    "intake:public_form": Rule(allow=EVERYONE),
    "intake:public_done": Rule(allow=EVERYONE, note="without a submission in the session: back to the form"),
    "intake:staff_new": Rule(allow=CASE_ROLES),
    "intake:known_lookup": Rule(allow=CASE_ROLES, method="post"),
    "intake:signals": Rule(allow=CASE_ROLES),
    "intake:signal_new": Rule(allow=CASE_ROLES),
    "intake:signal": Rule(allow=CASE_TEAM, kwargs={"pk": lambda s: _signal(s)}),
    "intake:signal_close": Rule(allow=CASE_TEAM, kwargs={"pk": lambda s: _signal(s)}),
    "intake:signal_register": Rule(allow=CASE_TEAM, kwargs={"pk": lambda s: _signal(s)}),
    # --- API (DRF router names) -----------------------------------------------------------------
    "api-root": Rule(allow=STAFF),
    # The OpenAPI description holds no data (the code is open source); the endpoints it
    # describes are protected.
    "api-schema": Rule(allow=EVERYONE),
    "api-docs": Rule(allow=EVERYONE),
    "case-list": Rule(
        allow=STAFF,
        lists=("case", CASE_TEAM),
        note="the list is filtered by the data scope; empty for roles without one",
    ),
    "case-detail": Rule(allow=CASE_TEAM, kwargs={"pk": "case"}),
    "resident-list": Rule(allow=STAFF, lists=("resident", CASE_TEAM), note="filtered by the data scope"),
    "resident-detail": Rule(allow=CASE_TEAM, kwargs={"pk": "resident"}),
    "household-list": Rule(allow=STAFF, lists=("household", CASE_TEAM), note="filtered by the data scope"),
    "household-detail": Rule(allow=CASE_TEAM, kwargs={"pk": "household"}),
    "contactmoment-list": Rule(
        allow=STAFF,
        lists=(lambda s: _contact_moment(s), CASE_TEAM),
        note="filtered by the data scope and note restrictions",
    ),
    "contactmoment-detail": Rule(allow=CASE_TEAM, kwargs={"pk": lambda s: _contact_moment(s)}),
    "auditevent-list": Rule(allow=PRIVACY),
    # Plans API: lists are filtered by the data scope (empty for roles without one); one
    # object is loaded through its case's case_get_for_user (404 outside the scope).
    "plan-list": Rule(allow=STAFF, lists=("plan", CASE_TEAM), note="filtered by the data scope"),
    "plan-detail": Rule(allow=CASE_TEAM, kwargs={"pk": "plan"}),
    "plan-goal-list": Rule(allow=STAFF, lists=("goal", CASE_TEAM), note="filtered by the data scope"),
    "plan-goal-detail": Rule(allow=CASE_TEAM, kwargs={"pk": "goal"}),
    "plan-action-list": Rule(allow=STAFF, lists=("action", CASE_TEAM), note="filtered by the data scope"),
    "plan-action-detail": Rule(allow=CASE_TEAM, kwargs={"pk": "action"}),
    "plan-action-status": Rule(allow=CASE_TEAM, method="post", kwargs={"pk": "action"}, data={"status": "in_progress"}),
    "assessment-list": Rule(allow=STAFF, lists=("assessment", CASE_TEAM), note="filtered by the data scope"),
    "assessment-detail": Rule(allow=CASE_TEAM, kwargs={"pk": "assessment"}),
    "consent-list": Rule(allow=STAFF, lists=("consent", CASE_TEAM), note="filtered by the data scope"),
    "emergencyaccess-list": Rule(allow=PRIVACY),
    # Create a registration (municipal website, partner): registration.create in some team.
    "intake-registration-create-list": Rule(
        allow=CASE_ROLES,
        method="post",
        data=lambda s: {
            "reporter_kind": "zelf",
            "surname": "Matrix-Testpersoon",
            "phone": "0612345678",
            "postcode": "3262 AA",
            "house_number": 1,
            "question": "Fictieve vraag voor de matrixtest.",
        },
    ),
    # The aanmeldoverleg board (intake): the user's first team with triage.view, or ?team=.
    "registration-board-list": Rule(
        allow=CASE_ROLES,
        lists=(lambda s: _registration(s), CASE_TEAM),
        note="each actor sees their own team's board; 403 without triage.view",
    ),
}

# Namespaces declared as one group. An exact entry in MATRIX wins over its group.
GROUPS: dict[str, Rule] = {
    "admin": Rule(
        allow=NOBODY,
        unchecked=frozenset({FUNCTIONAL_ADMIN}),
        kwargs={"app_label": lambda samples: "accounts", "url": lambda samples: "onbekend", "*": lambda samples: 1},
        note="Django admin (/beheer/): staff accounts only; per model, Django's model permissions decide.",
    ),
}
MATRIX["admin:index"] = Rule(allow=frozenset({FUNCTIONAL_ADMIN}))
MATRIX["admin:login"] = Rule(allow=NOBODY, note="always redirects to the Nabij login page")
MATRIX["admin:logout"] = Rule(
    allow=EVERYONE, method="post", login_redirect_ok=True, note="logs out; ends on the admin (login) page"
)


# Sample records of the case file for the URLs above (made on demand; imports kept local so this
# module stays importable without the database).


def _contact_moment(samples):
    from nabij.cases.tests.factories import ContactMomentFactory

    return ContactMomentFactory(case=samples.case).pk


def _involvement(samples):
    from nabij.cases.models import Involvement

    return Involvement.objects.create(case=samples.case, kind="huisarts", organisation="Matrix-praktijk").pk


def _network_member(samples):
    from nabij.residents.models import NetworkMember

    return NetworkMember.objects.create(household=samples.household, kind="familie", name="Matrix-netwerklid").pk


def _attachment(samples):
    from django.core.files.base import ContentFile

    from nabij.accounts.tests.factories import UserFactory
    from nabij.cases.models import Attachment

    attachment = Attachment(
        case=samples.case,
        original_name="matrix.pdf",
        content_type="application/pdf",
        size=8,
        uploaded_by=UserFactory(username="matrix-uploader"),
    )
    attachment.file.save("matrix.pdf", ContentFile(b"%PDF-1.4"), save=False)
    attachment.save()
    return attachment.pk


def _signal(samples):
    from nabij.intake.tests.factories_channels import SignalFactory

    return SignalFactory(team=samples.team).pk


def _registration(samples):
    from nabij.intake.tests.factories import RegistrationFactory

    return RegistrationFactory(team=samples.team).pk


def _waiting_registration(samples):
    from django.utils import timezone

    from nabij.intake.models import WaitingListEntry
    from nabij.intake.tests.factories import RegistrationFactory

    registration = RegistrationFactory(team=samples.team, status="wachtlijst")
    WaitingListEntry.objects.create(registration=registration, team=samples.team, placed_at=timezone.now())
    return registration.pk


def _letter(samples):
    """One printable letter of a sample-team registration (made once per sample set)."""
    from nabij.intake.models import RegistrationLetter
    from nabij.intake.tests.factories import RegistrationFactory

    existing = RegistrationLetter.objects.filter(registration__team=samples.team).first()
    if existing:
        return existing
    return RegistrationLetter.objects.create(
        registration=RegistrationFactory(team=samples.team),
        kind="uitkomst",
        medium="brief",
        recipient="Matrix-ontvanger",
        subject="Matrix-brief",
        body="Fictieve tekst.",
    )


def rule_for(name: str) -> Rule | None:
    if name in MATRIX:
        return MATRIX[name]
    namespace = name.split(":", 1)[0] if ":" in name else None
    return GROUPS.get(namespace) if namespace else None
