"""Display helpers for the resident's copies: plain Dutch values instead of raw data."""

from datetime import date, datetime

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def export_value(value):
    if value is None or value == "":
        return "—"
    if value is True:
        return _("ja")
    if value is False:
        return _("nee")
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            if len(value) == 10:
                return date.fromisoformat(value).strftime("%d-%m-%Y")
            return datetime.fromisoformat(value).strftime("%d-%m-%Y %H:%M")
        except ValueError:
            return value
    return value
