"""Session time-outs and the team a worker acts for."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from nabij.access import policy

AUTH_AT = "nabij_auth_at"
SEEN_AT = "nabij_seen_at"
ACTIVE_TEAM = "nabij_active_team"


class SessionTimeoutMiddleware:
    """Logs a user out after an idle period and after an absolute session length.

    Both limits are settings (NABIJ_SESSION_IDLE_MINUTES, NABIJ_SESSION_ABSOLUTE_MINUTES).
    Drafts of long texts are saved server side as the worker types, so a time-out loses
    nothing (see cases.services).
    """

    TOUCH_INTERVAL = 30  # seconds; avoids a session write on every request

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            auth_at = session.setdefault(AUTH_AT, now)
            seen_at = session.get(SEEN_AT, now)
            idle = now - seen_at > settings.SESSION_IDLE_TIMEOUT_MINUTES * 60
            too_long = now - auth_at > settings.SESSION_ABSOLUTE_TIMEOUT_MINUTES * 60
            if idle or too_long:
                logout(request)
                messages.info(request, _("U bent automatisch uitgelogd omdat uw sessie verlopen is. Log opnieuw in."))
                login_url = f"{reverse('accounts:login')}?next={request.get_full_path()}"
                if request.headers.get("HX-Request"):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = login_url
                    return response
                return redirect(login_url)
            if now - seen_at >= self.TOUCH_INTERVAL or SEEN_AT not in session:
                session[SEEN_AT] = now
        return self.get_response(request)


class ActiveTeamMiddleware:
    """Sets request.active_team and request.active_role from the user's memberships."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.active_team = None
        request.active_role = ""
        user = request.user
        if user.is_authenticated:
            grants = policy.grants(user)
            if grants:
                wanted = request.session.get(ACTIVE_TEAM)
                team_grants = [g for g in grants if g.team_id == wanted] or [
                    g for g in grants if g.team_id == grants[0].team_id
                ]
                from nabij.accounts.models import Team

                request.active_team = Team(id=team_grants[0].team_id, name=team_grants[0].team_name)
                request.active_role = ",".join(sorted(g.role for g in team_grants))
        return self.get_response(request)


class RequireVerifiedMiddleware:
    """When two-factor login is required, a session without a verified device is ended."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.REQUIRE_2FA and request.user.is_authenticated and not request.user.is_verified():
            logout(request)
            return redirect(reverse("accounts:login"))
        return self.get_response(request)
