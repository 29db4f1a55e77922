"""Home routing and the Dutch error pages."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nabij.access import policy
from nabij.access.policy import Perm


@login_required
def home(request):
    """Each role lands on its own starting page."""
    perms = policy.permissions(request.user)
    if Perm.WORKLIST_VIEW in perms:
        return redirect("cases:worklist")
    if Perm.CONFIG_MANAGE in perms:
        return redirect("admin:index")
    return render(request, "core/home.html", {"title": _("Welkom")})


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


def error_500(request):
    try:
        return render(request, "errors/500.html", status=500)
    except Exception:  # the shell itself failed (e.g. database down): answer plainly
        body = "<!DOCTYPE html><html lang='nl'><title>Er ging iets mis</title><h1>{}</h1><p>{}</p></html>".format(
            _("Er ging iets mis"),
            _("Er is een fout opgetreden aan onze kant. Probeer het over een paar minuten opnieuw."),
        )
        return HttpResponseServerError(body)


def csrf_failure(request, reason=""):
    return render(request, "errors/403_csrf.html", status=403)
