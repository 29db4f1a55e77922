"""Search: "is this resident known?", within the access policy."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import NoReverseMatch
from django.utils.timezone import localtime
from django.utils.translation import gettext

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.audit.services import Action, record_event
from nabij.core.date_text import day_text
from nabij.core.reversing import url_for
from nabij.residents import selectors
from nabij.residents.forms import SearchForm


def _emergency_url(case_id: int) -> str:
    """The privacy app's emergency-access page for a case, when it is installed (the pattern is
    reversed once, not per line: core.reversing)."""
    try:
        return url_for("privacy:emergency_access", case_id)
    except NoReverseMatch:
        return ""


def _known_elsewhere_line(case) -> str:
    """The line "Bekend bij <team> sinds <date>, contactpersoon <name> (gesloten)." for a case outside
    the user's scope. Built here rather than with two blocktranslates per line in the template:
    a name search at 1M lists ~30 such lines, and those tags took ~14% of the page (profiled)."""
    opened = localtime(case.opened_at)  # in Dutch time, as the template's |date showed it
    line = gettext("Bekend bij %(team)s sinds %(since)s") % {
        "team": case.team.name,
        "since": day_text(opened),
    }
    person = case.contact_person
    if person:
        line += ", " + gettext("contactpersoon %(name)s") % {"name": person.get_full_name() or person.username}
    if case.closed_at:
        line += f" ({gettext('gesloten')})"
    return line + "."


@login_required
def search(request):
    if not policy.has_perm(request.user, Perm.RESIDENT_SEARCH):
        raise PermissionDenied
    form = SearchForm(request.GET or None)
    found = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        found = selectors.resident_search_for_user(
            request.user,
            name=data["naam"],
            birth_date=data["geboortedatum"],
            postcode=data["postcode"],
            house_number=data["huisnummer"],
            bsn=data["bsn"],
        )
        may_break_glass = policy.has_perm(request.user, Perm.EMERGENCY_ACCESS)
        found["elsewhere"] = [
            {"line": _known_elsewhere_line(case), "emergency_url": _emergency_url(case.pk) if may_break_glass else ""}
            for case in found["known_elsewhere"]
        ]
        # The criteria used, never their values (no personal data in the trail).
        record_event(
            actor=request.user,
            event_type="resident.search",
            action=Action.READ,
            object_type="resident",
            details={
                "criteria": form.used_criteria,
                "in_scope": len(found["results"]),
                "elsewhere": len(found["known_elsewhere"]),
            },
        )
    elif form.is_bound:
        record_event(
            actor=request.user,
            event_type="resident.search",
            action=Action.READ,
            object_type="resident",
            details={"invalid": True},
        )
    return render(request, "residents/search.html", {"form": form, "found": found})
