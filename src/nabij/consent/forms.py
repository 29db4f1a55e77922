from django import forms
from django.utils.translation import gettext_lazy as _

from nabij.consent.models import Consent, Ground, InformationExchange

DATE_INPUT_FORMATS = ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"]


DATE_HELP = _("Bijvoorbeeld 31-12-2026.")


def date_field(label, *, required=True, help_text=DATE_HELP):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        help_text=help_text,
        widget=forms.DateInput(format="%d-%m-%Y"),
        error_messages={"invalid": _("Vul een datum in zoals 31-12-2026."), "required": _("Vul een datum in.")},
    )


class ConsentForm(forms.Form):
    resident = forms.ModelChoiceField(label=_("Inwoner"), queryset=None, empty_label=None)
    purpose = forms.ChoiceField(label=_("Waarvoor"), choices=Consent.Purpose.choices)
    party = forms.CharField(
        label=_("Met wie"), required=False, max_length=200, help_text=_("Verplicht bij uitwisselen of delen.")
    )
    form = forms.ChoiceField(label=_("Vorm"), choices=Consent.Form.choices, widget=forms.RadioSelect)
    given_at = date_field(_("Gegeven op"))
    valid_until = date_field(_("Geldig tot"), required=False)
    note = forms.CharField(
        label=_("Notitie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij mondelinge toestemming: wanneer en hoe gegeven."),
    )

    def __init__(self, *args, residents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = residents


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: per e-mail ingetrokken op 3-2-2026."),
    )


class ExchangeForm(forms.Form):
    party = forms.CharField(label=_("Partij"), max_length=200, error_messages={"required": _("Vul de partij in.")})
    purpose = forms.CharField(
        label=_("Doel"), max_length=300, error_messages={"required": _("Vul in waarvoor informatie is gedeeld.")}
    )
    direction = forms.ChoiceField(label=_("Richting"), choices=InformationExchange.Direction.choices)
    ground = forms.ChoiceField(label=_("Grondslag"), choices=Ground.choices, widget=forms.RadioSelect)
    consent = forms.ModelChoiceField(label=_("Toestemming"), queryset=None, required=False)
    reason = forms.CharField(
        label=_("Onderbouwing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij wettelijke taak of vitaal belang / Meldcode."),
    )
    exchanged_on = date_field(_("Datum"))

    def __init__(self, *args, consents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].queryset = consents
        self.fields["consent"].label_from_instance = lambda c: f"{c.get_purpose_display()} · {c.party} · {c.resident}"


class AnonymousConsultationForm(forms.Form):
    party = forms.CharField(label=_("Partij"), max_length=200, error_messages={"required": _("Vul de partij in.")})
    topic = forms.CharField(
        label=_("Onderwerp"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Zonder namen, adressen of andere gegevens waaraan iemand te herkennen is."),
        error_messages={"required": _("Beschrijf kort het onderwerp.")},
    )
    consulted_on = date_field(_("Datum"))
