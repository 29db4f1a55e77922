from django import forms
from django.utils.translation import gettext_lazy as _

from nabij.audit.models import AuditEvent

DATE_INPUT_FORMATS = ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"]
DATE_HELP = _("Bijvoorbeeld 31-12-2026.")


class DateField(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault("help_text", DATE_HELP)
        kwargs.setdefault("widget", forms.DateInput(format="%d-%m-%Y"))
        kwargs.setdefault("error_messages", {"invalid": _("Vul een datum in zoals 31-12-2026.")})
        super().__init__(**kwargs)


class PeriodMixin:
    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Kies een einddatum op of na de begindatum."))
        return data


class AuditSearchForm(PeriodMixin, forms.Form):
    resident_id = forms.IntegerField(
        label=_("Inwoner-id"), required=False, min_value=1, error_messages={"invalid": _("Vul een getal in.")}
    )
    user = forms.CharField(label=_("Gebruikersnaam"), required=False, max_length=150)
    date_from = DateField(label=_("Vanaf"), required=False)
    date_to = DateField(label=_("Tot en met"), required=False)
    action = forms.ChoiceField(
        label=_("Soort handeling"), required=False, choices=[("", _("Alle"))] + list(AuditEvent.Action.choices)
    )
    event_type = forms.CharField(
        label=_("Handeling"), required=False, max_length=64, help_text=_("Begin van de code, bijvoorbeeld case.")
    )
    outcome = forms.ChoiceField(
        label=_("Uitkomst"), required=False, choices=[("", _("Alle"))] + list(AuditEvent.Outcome.choices)
    )


class EmergencyReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden voor noodtoegang"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waarom moet u deze casus nu inzien? De functionaris gegevensbescherming beoordeelt uw reden."),
        error_messages={"required": _("Schrijf op waarom u deze casus nu moet inzien.")},
    )


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Oordeel"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf uw oordeel op, bijvoorbeeld: reden past bij de situatie.")},
    )


class PeriodForm(PeriodMixin, forms.Form):
    date_from = DateField(label=_("Vanaf"), required=False)
    date_to = DateField(label=_("Tot en met"), required=False)


class ResidentLookupForm(forms.Form):
    surname = forms.CharField(
        label=_("Achternaam"), max_length=200, error_messages={"required": _("Vul de achternaam in.")}
    )
    birth_date = DateField(
        label=_("Geboortedatum"), error_messages={"required": _("Vul de geboortedatum in zoals 31-12-1970.")}
    )


class DestructionRequestForm(forms.Form):
    received_on = DateField(
        label=_("Verzoek ontvangen op"),
        error_messages={"required": _("Vul de datum in waarop het schriftelijke verzoek binnenkwam.")},
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld hoe het verzoek binnenkwam. Geen medische of andere bijzondere gegevens."),
    )


class DestructionExceptionForm(forms.Form):
    exception_reason = forms.CharField(
        label=_("Reden om te bewaren"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf op waarom het dossier bewaard blijft.")},
    )
