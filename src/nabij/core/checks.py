"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def demo_mode_in_production(app_configs, **kwargs):
    if settings.PRODUCTION and settings.DEMO_MODE:
        return [
            Warning(
                "NABIJ_DEMO_MODE is on in production: two-factor login may be off and a demo banner shows.",
                hint="Unset NABIJ_DEMO_MODE for a real installation.",
                id="nabij.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def two_factor_required_in_production(app_configs, **kwargs):
    if settings.PRODUCTION and not settings.REQUIRE_2FA:
        return [Warning("Two-factor login is off in production.", id="nabij.W002")]
    return []
