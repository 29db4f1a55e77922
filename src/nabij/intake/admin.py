"""The functional admin keeps the norms for first contact and the postcode areas here.

Registrations themselves are not in the admin: they hold personal data and are reached
only through the access-checked, audited pages.
"""

from django.contrib import admin

from nabij.audit.admin import AuditedModelAdmin
from nabij.intake.models import FirstContactNorm, PostcodeArea


@admin.register(FirstContactNorm)
class FirstContactNormAdmin(AuditedModelAdmin):
    list_display = ["team", "urgency", "working_days"]
    list_filter = ["urgency", "team"]
    ordering = ["team__name", "urgency"]


@admin.register(PostcodeArea)
class PostcodeAreaAdmin(AuditedModelAdmin):
    list_display = ["postcode_digits", "area"]
    search_fields = ["postcode_digits", "area__name"]
    list_select_related = ["area"]
