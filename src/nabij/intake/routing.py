"""Which team a registration goes to.

In order: the linked resident's household area; else the area of the 4 postcode digits
(PostcodeArea, kept by the functional admin); else, for staff entry, the team the worker
acts for; else the fallback team (setting NABIJ_INTAKE_FALLBACK_TEAM, a team name) or the
first active neighbourhood team. An area matches a team that covers it or any area above it
(a buurt under a team's wijk), the nearest first.
"""

from django.conf import settings
from django.db.models import Case, When

from nabij.accounts.models import Area, Team

from .models import PostcodeArea

MAX_AREA_DEPTH = 4  # gemeente → wijk → buurt; a little slack for deeper admin trees


def area_for_postcode(postcode: str) -> Area | None:
    digits = (postcode or "")[:4]
    if len(digits) != 4 or not digits.isdigit():
        return None
    row = PostcodeArea.objects.select_related("area").filter(postcode_digits=digits).first()
    return row.area if row else None


def team_for_area(area: Area | None) -> Team | None:
    """The active team covering `area` or its nearest ancestor. One query per level at most."""
    seen = 0
    while area is not None and seen < MAX_AREA_DEPTH:
        team = (
            Team.objects.filter(areas=area, is_active=True)
            # A neighbourhood team before a specialist (youth, outreach) team for the same area.
            .annotate(specialist=Case(When(kind=Team.Kind.NEIGHBOURHOOD, then=0), default=1))
            .order_by("specialist", "name")
            .first()
        )
        if team is not None:
            return team
        area = area.parent if area.parent_id else None
        seen += 1
    return None


def fallback_team() -> Team | None:
    name = getattr(settings, "NABIJ_INTAKE_FALLBACK_TEAM", "")
    if name:
        team = Team.objects.filter(name=name, is_active=True).first()
        if team is not None:
            return team
    return Team.objects.filter(is_active=True, kind=Team.Kind.NEIGHBOURHOOD).order_by("name").first()


def route(*, postcode: str = "", resident=None, actor_team: Team | None = None) -> tuple[Team | None, Area | None]:
    """(team, area) for a new registration. `actor_team` (staff entry: the team the worker
    acts for) is used when neither the resident nor the postcode names a team."""
    if resident is not None and resident.household_id and resident.household.area_id:
        area = resident.household.area
        team = team_for_area(area)
        if team is not None:
            return team, area
    area = area_for_postcode(postcode)
    team = team_for_area(area)
    if team is not None:
        return team, area
    if actor_team is not None:
        return actor_team, area
    return fallback_team(), area


def team_of_kind(kind: str, area: Area | None) -> Team | None:
    """An active team of `kind` (youth, outreach) for a redirect: the one covering the area or
    an area above it, else the first of that kind. None when Nabij has no such team."""
    seen = 0
    while area is not None and seen < MAX_AREA_DEPTH:
        team = Team.objects.filter(areas=area, kind=kind, is_active=True).order_by("name").first()
        if team is not None:
            return team
        area = area.parent if area.parent_id else None
        seen += 1
    return Team.objects.filter(kind=kind, is_active=True).order_by("name").first()
