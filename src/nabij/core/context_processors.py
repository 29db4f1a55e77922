"""What every page's shell needs: the navigation for the user's roles, the team switcher."""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from nabij.access import policy
from nabij.access.policy import Perm

# (label, url name, permission that shows it), in the order of ../shared/ui.md. An entry
# whose screen is not installed yet (its URL does not resolve) is left out.
NAVIGATION = [
    (_("Werkvoorraad"), "cases:worklist", Perm.WORKLIST_VIEW),
    (_("Aanmeldingen"), "intake:board", Perm.TRIAGE_VIEW),
    (_("Zoeken"), "residents:search", Perm.RESIDENT_SEARCH),
    (_("Overleg"), "meetings:index", Perm.MEETING_VIEW),
    (_("Inzicht"), "insights:index", Perm.INSIGHTS_VIEW),
    (_("Privacy"), "privacy:index", Perm.AUDIT_VIEW),
    (_("Beheer"), "admin:index", Perm.CONFIG_MANAGE),
]


def shell(request):
    user = request.user
    nav = []
    teams = []
    if user.is_authenticated:
        perms = policy.permissions(user)
        path = request.path
        for label, url_name, perm in NAVIGATION:
            if perm in perms:
                try:
                    url = reverse(url_name)
                except NoReverseMatch:
                    continue
                nav.append({"label": label, "url": url, "current": path.startswith(url)})
        seen = set()
        for grant in policy.grants(user):
            if grant.team_id not in seen:
                seen.add(grant.team_id)
                teams.append({"id": grant.team_id, "name": grant.team_name})
    return {
        "nav_items": nav,
        "user_teams": teams,
        "active_team": getattr(request, "active_team", None),
        "demo_mode": settings.DEMO_MODE,
        "require_2fa": settings.REQUIRE_2FA,
    }
