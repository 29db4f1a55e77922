"""Login in two steps (password, then TOTP code), TOTP enrolment, logout, team switch."""

import time
from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from nabij.access import policy
from nabij.accounts.forms import LoginForm, TokenForm
from nabij.accounts.middleware import ACTIVE_TEAM, AUTH_AT

PENDING_USER = "nabij_pending_user"
PENDING_AT = "nabij_pending_at"
PENDING_NEXT = "nabij_pending_next"
PENDING_MAX_SECONDS = 5 * 60


def _safe_next(request, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse(settings.LOGIN_REDIRECT_URL)


def _finish_login(request, user, device=None):
    next_url = request.session.get(PENDING_NEXT)
    for key in (PENDING_USER, PENDING_AT, PENDING_NEXT):
        request.session.pop(key, None)
    login(request, user, backend="nabij.accounts.backends.OrganisationModelBackend")
    if device is not None:
        otp_login(request, device)
    request.session[AUTH_AT] = time.time()
    return redirect(_safe_next(request, next_url))


def _pending_user(request):
    user_id = request.session.get(PENDING_USER)
    started = request.session.get(PENDING_AT, 0)
    if not user_id or time.time() - started > PENDING_MAX_SECONDS:
        return None
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def login_view(request):
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["username"], password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return lockout_response(request, None)
        if user is None:
            form.add_error(None, _("De combinatie van gebruikersnaam en wachtwoord klopt niet."))
        else:
            request.session.cycle_key()
            request.session[PENDING_NEXT] = request.GET.get("next", "")
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None and not settings.REQUIRE_2FA:
                return _finish_login(request, user)
            request.session[PENDING_USER] = user.pk
            request.session[PENDING_AT] = time.time()
            return redirect("accounts:otp_verify" if device else "accounts:otp_setup")
    return render(request, "accounts/login.html", {"form": form}, status=400 if form.errors else 200)


def _failed_second_factor(request, user):
    # Counts toward the lockout (axes listens to this signal) and lands in the audit log.
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)


def otp_verify_view(request):
    user = _pending_user(request)
    if user is None:
        messages.info(request, _("Log opnieuw in."))
        return redirect("accounts:login")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                return _finish_login(request, user, device)
        _failed_second_factor(request, user)
        if getattr(request, "axes_locked_out", False):
            return lockout_response(request, None)
        form.add_error("token", _("Deze code klopt niet of is verlopen. Probeer de nieuwe code uit de app."))
    return render(request, "accounts/otp_verify.html", {"form": form}, status=400 if form.errors else 200)


def otp_setup_view(request):
    """First login without a device: show the QR code, confirm with a first code."""
    user = _pending_user(request)
    if user is None:
        messages.info(request, _("Log opnieuw in."))
        return redirect("accounts:login")
    device, _created = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": "authenticator"})
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            messages.success(request, _("Tweestapsverificatie staat aan voor uw account."))
            return _finish_login(request, user, device)
        _failed_second_factor(request, user)
        form.add_error(
            "token", _("Deze code klopt niet. Controleer of de tijd op uw telefoon klopt en probeer opnieuw.")
        )
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=5, title=_("QR-code voor uw authenticator-app"))
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/otp_setup.html",
        {"form": form, "qr_svg": qr_svg, "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))},
        status=400 if form.errors else 200,
    )


@require_POST
def logout_view(request):
    logout(request)
    messages.success(request, _("U bent uitgelogd."))
    return redirect("accounts:login")


@require_POST
def switch_team_view(request):
    if not request.user.is_authenticated:
        return redirect("accounts:login")
    try:
        team_id = int(request.POST.get("team", ""))
    except ValueError:
        team_id = None
    if team_id in policy.team_ids(request.user):
        request.session[ACTIVE_TEAM] = team_id
    return HttpResponseRedirect(_safe_next(request, request.POST.get("next")))


def lockout_response(request, credentials, *args, **kwargs):
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
