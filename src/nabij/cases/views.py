from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from nabij.access import policy
from nabij.access.policy import Perm
from nabij.cases import selectors


@login_required
def worklist(request):
    """Mijn werkvoorraad: the worker's own cases, most urgent first."""
    if not policy.has_perm(request.user, Perm.WORKLIST_VIEW):
        raise PermissionDenied
    cases = (
        selectors.case_list_for_user(request.user)
        .filter(contact_person=request.user, closed_at__isnull=True)
        .order_by("opened_at")
    )
    return render(request, "cases/worklist.html", {"cases": cases})
