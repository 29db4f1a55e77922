"""Every URL of the project, for every actor, answers as privacy/access_matrix.py declares.

Walks the whole URL tree (pages, API, admin), so a URL added anywhere without a declaration
fails here with "undeclared URL: <name>". See the docstring of access_matrix.py for how to
declare one.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
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


def test_declarations_name_only_known_actors():
    for name, rule in {**matrix.MATRIX, **matrix.GROUPS}.items():
        unknown = (rule.allow | rule.unchecked) - set(matrix.ACTORS)
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


@pytest.fixture
def samples(db):
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
    request = DestructionRequest.objects.create(
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
        destruction_request=request,
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


def build_url(endpoint: Endpoint, rule: matrix.Rule, samples: Samples) -> str:
    kwargs = {}
    for kwarg in endpoint.kwarg_names:
        key = rule.kwargs.get(kwarg, rule.kwargs.get("*"))
        if key is None:
            guess = kwarg.removesuffix("_id")
            if guess not in Samples.__dataclass_fields__:
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
def test_url_answers_as_declared(endpoint, samples, client, django_user_model):
    rule = matrix.rule_for(endpoint.name)
    assert rule is not None, f"undeclared URL: {endpoint.name} ({endpoint.route})"
    url = build_url(endpoint, rule, samples)
    failures = []
    for actor in matrix.ACTORS:
        if actor in rule.unchecked:
            continue
        client.logout()
        user = make_actor(actor, samples)
        if user is not None:
            client.force_login(user)
        response = getattr(client, rule.method)(url)
        got = outcome(response, rule)
        expected = "allowed" if actor in rule.allow else "denied"
        if got != expected:
            failures.append(f"{actor}: expected {expected}, got {got} ({response.status_code})")
    assert not failures, f"{endpoint.name} {rule.method.upper()} {url}:\n  " + "\n  ".join(failures)
