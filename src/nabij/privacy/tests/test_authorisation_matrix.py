"""Every URL of the project, for every actor, answers as privacy/access_matrix.py declares.

Walks the whole URL tree (pages, API, admin), so a URL added anywhere without a declaration
fails here with "undeclared URL: <name>". See the docstring of access_matrix.py for how to
declare one.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from nabij.accounts.tests.factories import MembershipFactory, TeamFactory, UserFactory
from nabij.cases.models import EmergencyAccess
from nabij.cases.tests.factories import CaseFactory
from nabij.consent.models import Consent
from nabij.privacy import access_matrix as matrix
from nabij.privacy.models import DestructionRequest

DENIED_STATUSES = {401, 403, 404}
ALLOWED_STATUSES = {200, 201, 204, 301, 302, 303}


@dataclass(frozen=True)
class Endpoint:
    name: str  # "namespace:name", a router name, or the route for unnamed patterns
    route: str
    kwarg_names: tuple[str, ...]


def _walk(patterns, namespace=None, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, ns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            kwargs = tuple(pattern.pattern.regex.groupindex)
            if pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            else:
                name = f"{namespace}:{route}" if namespace else route
            yield Endpoint(name=name, route=route, kwarg_names=kwargs)


def all_endpoints() -> list[Endpoint]:
    """One endpoint per name; DRF's format-suffix variants (?P<format>) are the same view."""
    seen: dict[str, Endpoint] = {}
    for endpoint in _walk(get_resolver().url_patterns):
        if "format" in endpoint.kwarg_names:
            continue
        seen.setdefault(endpoint.name, endpoint)
    return sorted(seen.values(), key=lambda e: e.name)


ENDPOINTS = all_endpoints()


def test_every_url_is_declared():
    undeclared = [f"undeclared URL: {e.name} ({e.route})" for e in ENDPOINTS if matrix.rule_for(e.name) is None]
    assert not undeclared, "Declare these in src/nabij/privacy/access_matrix.py:\n" + "\n".join(undeclared)


def test_every_declaration_names_an_existing_url():
    """A declaration left behind after a URL was renamed or removed would prove nothing."""
    names = {e.name for e in ENDPOINTS}
    stale = sorted(set(matrix.MATRIX) - names)
    assert not stale, "No such URL (renamed or removed?); update access_matrix.py: " + ", ".join(stale)


def test_declarations_name_only_known_actors():
    for name, rule in {**matrix.MATRIX, **matrix.GROUPS}.items():
        unknown = (rule.allow | rule.unchecked | (rule.lists[1] if rule.lists else frozenset())) - set(matrix.ACTORS)
        assert not unknown, f"{name}: unknown actors {unknown}"
        assert rule.method in ("get", "post"), name


@dataclass
class Samples:
    team: object
    other_team: object
    case: object
    resident: object
    household: object
    consent: object
    emergency_access: object
    destruction_request: object

    def value(self, key):
        if callable(key):
            return key(self)
        obj = getattr(self, key)
        return obj.pk

    # Built on first use, so only the tests that need them pay for them. Through the plans
    # services (the rules hold), by a worker of the sample team who is none of the actors.

    @cached_property
    def author(self):
        user = UserFactory(username="matrix-auteur")
        MembershipFactory(user=user, team=self.team, role="worker")
        return user

    @cached_property
    def plan(self):
        """An agreed plan on the sample case: one goal, one action, a ZRM scoring, an evaluation."""
        from nabij.plans import services
        from nabij.plans.models import Instrument, LifeDomain, SupportLayer
        from nabij.plans.reference import reference_data_ensure

        if not Instrument.objects.exists():  # emptied by a transactional test earlier in the run
            reference_data_ensure()
        today = timezone.localdate()
        domain = LifeDomain.objects.filter(instrument__is_default=True).order_by("order").first()
        plan = services.plan_create(actor=self.author, case=self.case)
        goal = services.goal_save(actor=self.author, plan=plan, domain=domain, wording="Ik wil rust", at_stake="")
        services.action_save(
            actor=self.author, goal=goal, description="Bellen", layer=SupportLayer.RESIDENT, performer="Inwoner zelf"
        )
        services.plan_agree(actor=self.author, plan=plan, agreed_on=today, method="signed_paper", agreed_by="Inwoner")
        services.assessment_record(
            actor=self.author, case=self.case, moment="start", assessed_on=today, scores={domain.pk: (3, "")}
        )
        services.evaluation_record(actor=self.author, plan=plan, held_on=today, results={goal.pk: ("partly", "", "")})
        return plan

    @cached_property
    def planned_case(self):
        self.plan  # noqa: B018 - builds it
        return self.case

    @cached_property
    def goal(self):
        return self.plan.versions.get().goals.get()

    @cached_property
    def action(self):
        return self.goal.actions.get()

    @cached_property
    def assessment(self):
        return self.plan.case.assessments.get()

    @cached_property
    def evaluation(self):
        return self.plan.evaluations.get()

    @cached_property
    def closure(self):
        """A second case of the sample team, closed with a watch (one check-in still to do)."""
        from nabij.plans import services
        from nabij.plans.models import ClosureReason
        from nabij.plans.reference import reference_data_ensure

        if not ClosureReason.objects.exists():
            reference_data_ensure()
        case = CaseFactory(team=self.team, opened_at=timezone.now() - timedelta(days=30))
        return services.case_close(
            actor=self.author,
            case=case,
            reason=ClosureReason.objects.get(code="doelen-bereikt"),
            closed_on=timezone.localdate(),
            what_was_done="Gesprekken gevoerd",
            watch_dates=[timezone.localdate() + timedelta(days=30)],
        )

    @cached_property
    def closed_case(self):
        return self.closure.case

    @cached_property
    def checkin(self):
        return self.closure.watch.checkins.get()

    @cached_property
    def document(self):
        """A stored PDF on the sample case (bytes only: the access check is what is tested here)."""
        from django.core.files.base import ContentFile

        from nabij.documents.models import GeneratedDocument

        content = b"%PDF-1.4 matrix"
        document = GeneratedDocument(
            case=self.case, title="Matrix-brief", size=len(content), sha256="0" * 64, created_by=self.author
        )
        document.file.save("matrix.pdf", ContentFile(content), save=False)
        document.save()
        return document


def _is_sample(name: str) -> bool:
    return name in Samples.__dataclass_fields__ or isinstance(getattr(Samples, name, None), cached_property)


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("matrix-media")


class _QuickPdf:
    """Stands in for weasyprint.HTML: the PDF views are tested for who gets them, not for
    their layout (that is tested in their apps); a real PDF costs a second per actor."""

    def __init__(self, *args, **kwargs):
        pass

    def write_pdf(self, *args, **kwargs):
        return b"%PDF-1.4 matrix"


@pytest.fixture(autouse=True)
def quick_pdf(monkeypatch):
    monkeypatch.setattr("weasyprint.HTML", _QuickPdf)


@pytest.fixture
def samples(db, settings, media_root):
    settings.MEDIA_ROOT = media_root  # sample files (documents, attachments) never land in var/
    team = TeamFactory(name="Matrix-team")
    other_team = TeamFactory(name="Matrix-ander-team")
    case = CaseFactory(team=team)
    stranger = UserFactory(username="matrix-vreemde")
    MembershipFactory(user=stranger, team=other_team, role="worker")
    consent = Consent.objects.create(
        resident=case.primary_resident,
        case=case,
        purpose=Consent.Purpose.OPEN_DOSSIER,
        form=Consent.Form.SIGNED,
        given_at=date.today(),
        recorded_by=stranger,
    )
    access = EmergencyAccess.objects.create(
        user=stranger, case=case, reason="Matrix-test noodtoegang", expires_at=timezone.now() - timedelta(hours=1)
    )
    destruction = DestructionRequest.objects.create(
        resident=case.primary_resident,
        resident_ref=case.primary_resident.pk,
        received_on=date.today(),
        due_on=date.today() + timedelta(days=90),
        registered_by=stranger,
    )
    return Samples(
        team=team,
        other_team=other_team,
        case=case,
        resident=case.primary_resident,
        household=case.household,
        consent=consent,
        emergency_access=access,
        destruction_request=destruction,
    )


def make_actor(actor: str, samples: Samples):
    if actor == matrix.ANONYMOUS:
        return None
    if actor == matrix.OTHER_TEAM_WORKER:
        user = UserFactory(username="matrix-other-team-worker")
        MembershipFactory(user=user, team=samples.other_team, role="worker")
        return user
    user = UserFactory(username=f"matrix-{actor}", is_staff=actor == matrix.FUNCTIONAL_ADMIN)
    MembershipFactory(user=user, team=samples.team, role=actor)
    if actor == matrix.FUNCTIONAL_ADMIN:
        from django.contrib.auth.models import Permission

        user.user_permissions.set(Permission.objects.filter(content_type__app_label="accounts"))
    return user


def login_quietly(client, user) -> None:
    """What client.force_login does, without the login signals (axes, the audit log's login
    event, last_login): they cost more than the request and do not change what a user may see.
    A fresh Client per actor replaces the logout (and its signals) likewise."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = next(
        b for b in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(b), "get_user")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key


def build_url(endpoint: Endpoint, rule: matrix.Rule, samples: Samples) -> str:
    kwargs = {}
    for kwarg in endpoint.kwarg_names:
        key = rule.kwargs.get(kwarg, rule.kwargs.get("*"))
        if key is None:
            guess = kwarg.removesuffix("_id")
            if not _is_sample(guess):
                pytest.fail(
                    f"{endpoint.name}: no sample for URL argument '{kwarg}'. Add kwargs={{'{kwarg}': ...}} "
                    "to its declaration in access_matrix.py."
                )
            key = guess
        kwargs[kwarg] = samples.value(key)
    if ":" in endpoint.name and not endpoint.name.startswith(endpoint.route):
        try:
            return reverse(endpoint.name, kwargs=kwargs)
        except Exception:  # noqa: BLE001 - unnamed admin routes are built from the route below
            pass
    if endpoint.name.count(":") == 0 and "/" not in endpoint.name:
        return reverse(endpoint.name, kwargs=kwargs)
    # Unnamed pattern: fill the route by hand.
    path = endpoint.route.lstrip("^").rstrip("$")
    for kwarg, value in kwargs.items():
        path = path.replace(f"<path:{kwarg}>", str(value)).replace(f"<int:{kwarg}>", str(value))
    return "/" + path.replace("(?P<url>.*)", "onbekend")


def outcome(response, rule) -> str:
    if response.status_code in DENIED_STATUSES:
        return "denied"
    if response.status_code in (301, 302, 303):
        location = response.get("Location", "")
        if not rule.login_redirect_ok and location.startswith((reverse("accounts:login"), reverse("admin:login"))):
            return "denied"
        return "allowed"
    if response.status_code in ALLOWED_STATUSES:
        return "allowed"
    return f"unexpected status {response.status_code}"


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)
def test_url_answers_as_declared(endpoint, samples):
    rule = matrix.rule_for(endpoint.name)
    assert rule is not None, f"undeclared URL: {endpoint.name} ({endpoint.route})"
    url = build_url(endpoint, rule, samples)
    listed_id = samples.value(rule.lists[0]) if rule.lists else None  # built before the requests
    failures = []
    for actor in matrix.ACTORS:
        if actor in rule.unchecked:
            continue
        client = Client()
        user = make_actor(actor, samples)
        if user is not None:
            login_quietly(client, user)
        data = rule.data(samples) if callable(rule.data) else rule.data
        response = getattr(client, rule.method)(url, data) if data is not None else getattr(client, rule.method)(url)
        got = outcome(response, rule)
        expected = "allowed" if actor in rule.allow else "denied"
        if got != expected:
            failures.append(f"{actor}: expected {expected}, got {got} ({response.status_code})")
        elif rule.lists and got == "allowed":
            _sample, actors = rule.lists
            body = response.json()
            ids = {row["id"] for row in (body["results"] if isinstance(body, dict) else body)}
            if (listed_id in ids) != (actor in actors):
                problem = "is missing from" if actor in actors else "leaks into"
                failures.append(f"{actor}: the sample row ({listed_id}) {problem} the list")
    assert not failures, f"{endpoint.name} {rule.method.upper()} {url}:\n  " + "\n  ".join(failures)
