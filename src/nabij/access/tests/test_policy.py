import pytest

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_every_role_has_a_permission_set():
    assert set(policy.ROLE_PERMISSIONS) == set(Role.values)


@pytest.mark.parametrize(
    "role, allowed, denied",
    [
        ("worker", {Perm.CASE_VIEW, Perm.WORKLIST_VIEW}, {Perm.TRIAGE_DECIDE, Perm.AUDIT_VIEW, Perm.CONFIG_MANAGE}),
        ("coordinator", {Perm.CASE_VIEW, Perm.TRIAGE_DECIDE, Perm.CASE_ASSIGN}, {Perm.AUDIT_VIEW, Perm.CONFIG_MANAGE}),
        ("privacy_officer", {Perm.AUDIT_VIEW}, {Perm.CASE_VIEW, Perm.RESIDENT_SEARCH}),
        ("analyst", {Perm.INSIGHTS_VIEW}, {Perm.CASE_VIEW, Perm.RESIDENT_SEARCH, Perm.AUDIT_VIEW}),
        ("functional_admin", {Perm.CONFIG_MANAGE}, {Perm.CASE_VIEW, Perm.RESIDENT_SEARCH}),
        ("volunteer_coordinator", {Perm.VOLUNTEERS_MANAGE}, {Perm.CASE_VIEW}),
    ],
)
def test_role_permissions(make_user, team, role, allowed, denied):
    user = make_user(role, team)
    for perm in allowed:
        assert policy.has_perm(user, perm), perm
        assert policy.has_perm(user, perm, team_id=team.id), perm
    for perm in denied:
        assert not policy.has_perm(user, perm), perm


def test_permissions_are_per_team(make_user, team, other_team):
    user = make_user("coordinator", team)
    assert policy.has_perm(user, Perm.TRIAGE_DECIDE, team_id=team.id)
    assert not policy.has_perm(user, Perm.TRIAGE_DECIDE, team_id=other_team.id)


def test_inactive_users_and_anonymous_have_nothing(make_user, team):
    from django.contrib.auth.models import AnonymousUser

    user = make_user("coordinator", team, is_active=False)
    assert policy.grants(user) == ()
    assert policy.permissions(AnonymousUser()) == set()


def test_case_scope_is_team_based(make_user, team):
    assert policy.case_scope_team_ids(make_user("worker", team)) == {team.id}
    assert policy.case_scope_team_ids(make_user("privacy_officer", team)) == set()
    assert policy.case_scope_team_ids(make_user("analyst", team)) == set()


def test_privacy_helpers_follow_the_roles(make_user, team):
    worker = make_user("worker", team)
    officer = make_user("privacy_officer", team)
    analyst = make_user("analyst", team)
    assert policy.can_break_glass(worker) and not policy.can_break_glass(officer)
    assert not policy.can_break_glass(analyst)
    assert policy.can_review_access(officer) and not policy.can_review_access(worker)
    assert policy.can_handle_rights_requests(officer) and not policy.can_handle_rights_requests(analyst)
