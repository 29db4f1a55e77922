"""Forms of the front door: the public web form, the staff entry screen, signals.

The forms parse what was typed (text, dates, numbers); the rules themselves live in
`services.registrations.registration_validate`, which the API uses too. Field names are the
model's, so a service error lands on the right field.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Agreement, Channel, ReferrerOrganisation, ReporterKind, Signal, Urgency
from .services import registrations as registration_services

DATE_FORMATS = ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"]


class BaseForm(forms.Form):
    # No HTML `required`: the browser would style empty fields invalid before anyone typed;
    # the field template sets aria-required and the server validates.
    use_required_attribute = False


def _text(label, max_length, *, required=False, autocomplete="", help_text="", **attrs):
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
    )


def _email(label, *, autocomplete="email"):
    return forms.CharField(
        label=label,
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": autocomplete}),
    )


def _birth_date(autocomplete="bday"):
    return forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%-d-%-m-%Y", attrs={"inputmode": "numeric", "autocomplete": autocomplete}),
        help_text=_("Bijvoorbeeld 15-3-1980."),
        error_messages={"invalid": _("Vul een datum in zoals 15-3-1980.")},
    )


class RegistrationFieldsForm(BaseForm):
    """The fields every registration form shares, and the shared validation in clean()."""

    channel_value = Channel.WEB

    reporter_kind = forms.ChoiceField(
        label=_("Wie doet de aanmelding?"),
        choices=ReporterKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie de aanmelding doet.")},
    )
    reporter_name = _text(_("Uw naam"), 200, autocomplete="name")
    reporter_relation = _text(
        _("Wat is uw relatie tot de persoon?"), 100, help_text=_("Bijvoorbeeld: dochter, buurvrouw, vriend.")
    )
    reporter_organisation = forms.ChoiceField(
        label=_("Soort organisatie"),
        choices=[("", _("Kies een organisatie"))] + list(ReferrerOrganisation.choices),
        required=False,
    )
    reporter_organisation_name = _text(_("Naam van de organisatie"), 200, autocomplete="organization")
    reporter_phone = _text(_("Uw telefoonnummer"), 30, autocomplete="tel", type="tel", inputmode="tel")
    reporter_email = _email(_("Uw e-mailadres"))

    given_names = _text(_("Voornaam"), 200, autocomplete="given-name")
    surname_prefix = _text(_("Tussenvoegsel"), 20, autocomplete="additional-name")
    surname = _text(_("Achternaam"), 200, autocomplete="family-name")
    birth_date = _birth_date()
    phone = _text(_("Telefoonnummer"), 30, autocomplete="tel", type="tel", inputmode="tel")
    email = _email(_("E-mailadres"))
    reachable_when = _text(
        _("Wanneer is de persoon het best bereikbaar?"), 200, help_text=_("Bijvoorbeeld: doordeweeks na 15.00 uur.")
    )
    postcode = _text(_("Postcode"), 10, autocomplete="postal-code", help_text=_("Bijvoorbeeld 1234 AB."))
    house_number = forms.IntegerField(
        label=_("Huisnummer"),
        required=False,
        min_value=1,
        max_value=99999,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Vul het huisnummer in, alleen het getal."),
            "min_value": _("Vul het huisnummer in, alleen het getal."),
            "max_value": _("Vul het huisnummer in, alleen het getal."),
        },
    )
    house_number_addition = _text(_("Toevoeging"), 10, help_text=_("Bijvoorbeeld A of 2-hoog."))
    question = forms.CharField(
        label=_("Wat is de vraag of zorg?"),
        max_length=registration_services.QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("In uw eigen woorden. Wat speelt er, en waar zou u hulp bij willen?"),
        error_messages={"required": _("Beschrijf de vraag of zorg in een paar zinnen.")},
    )
    life_domains = forms.MultipleChoiceField(
        label=_("Waar gaat het over?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies alleen leefgebieden uit de lijst.")},
    )
    interpreter_needed = forms.BooleanField(label=_("Er is een tolk nodig"), required=False)
    language = _text(_("Welke taal?"), 50, autocomplete="off")
    agreement = forms.ChoiceField(
        label=_("Weet de persoon van deze aanmelding, en is hij of zij het ermee eens?"),
        choices=Agreement.choices,
        widget=forms.RadioSelect,
        initial=Agreement.UNKNOWN,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["life_domains"].choices = registration_services.life_domain_choices()

    def channel(self) -> str:
        return self.channel_value

    def clean(self):
        cleaned = super().clean()
        fields = {name: cleaned.get(name) for name in registration_services.INPUT_FIELDS if name in self.fields}
        # A field that did not parse is already marked; do not judge it twice.
        for name in self.errors:
            fields.pop(name, None)
        try:
            self.validated = registration_services.registration_validate(channel=self.channel(), **fields)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name in self.fields and name not in self.errors:
                    self.add_error(name, messages)
                elif name not in self.fields:
                    self.add_error(None, messages)
        return cleaned

    def service_kwargs(self) -> dict:
        """The raw input for registration_create (which validates again: one rule set)."""
        return {
            name: self.cleaned_data.get(name)
            for name in registration_services.INPUT_FIELDS
            if name in self.fields and name in self.cleaned_data
        }


class PublicRegistrationForm(RegistrationFieldsForm):
    """/aanmelden/: no account. `website` is a honeypot: people never see it, bots fill it."""

    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    REPORTER_FIELDS = (
        "reporter_name",
        "reporter_relation",
        "reporter_organisation",
        "reporter_organisation_name",
        "reporter_phone",
        "reporter_email",
    )

    # What the web form cannot do without (the service says the same): marked, so the
    # "(niet verplicht)" hint is only on what really is optional.
    REQUIRED = {
        "surname": _("Vul de naam in van de persoon om wie het gaat."),
        "postcode": _("Vul een postcode in zoals 1234 AB."),
        "house_number": _("Vul het huisnummer in, alleen het getal."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.REQUIRED.items():
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message
        contact_hint = _("Vul een telefoonnummer of een e-mailadres in; één van beide is genoeg.")
        self.fields["phone"].help_text = contact_hint
        self.fields["reporter_phone"].help_text = contact_hint

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def reporter_fields(self):
        return [self[name] for name in self.REPORTER_FIELDS]


class StaffRegistrationForm(RegistrationFieldsForm):
    """Phone, walk-in, e-mail or referral, entered by a worker: one screen, channel first."""

    channel_field = forms.ChoiceField(
        label=_("Kanaal"),
        choices=[(c.value, c.label) for c in Channel if c.value in {"telefoon", "inloop", "email", "verwijzing"}],
        initial=Channel.PHONE,
        error_messages={"required": _("Kies hoe de aanmelding binnenkwam.")},
        widget=forms.RadioSelect,
    )
    team = forms.ChoiceField(label=_("Voor team"), required=False)
    bsn = _text(_("BSN"), 11, help_text=_("Alleen als de persoon het noemt. Negen cijfers."), inputmode="numeric")
    bsn.widget.attrs["autocomplete"] = "off"
    urgency = forms.ChoiceField(label=_("Urgentie"), choices=Urgency.choices, initial=Urgency.NORMAL)
    safety_flag = forms.BooleanField(label=_("Zorgen over veiligheid"), required=False)
    # An e-mail or voicemail from yesterday: its norm counts from when it came in, not from now.
    received_at = forms.DateTimeField(
        label=_("Ontvangen op"),
        required=False,
        input_formats=["%d-%m-%Y %H:%M", "%d-%m-%Y %H.%M", "%d-%m-%Y"],
        help_text=_("Alleen als het eerder binnenkwam, bijvoorbeeld een e-mail van gisteren: 22-11-2026 14:30."),
        error_messages={"invalid": _("Vul een datum en tijd in zoals 22-11-2026 14:30.")},
    )

    field_order = [
        "channel_field",
        "reporter_kind",
        "given_names",
        "surname_prefix",
        "surname",
        "birth_date",
        "postcode",
        "house_number",
        "house_number_addition",
        "bsn",
        "phone",
        "email",
        "reachable_when",
        "question",
        "urgency",
        "safety_flag",
    ]

    def __init__(self, *args, teams=(), from_signal=False, **kwargs):
        super().__init__(*args, **kwargs)
        if from_signal:  # the channel is "signaal"; the field is not shown
            self.fields["channel_field"].required = False
        self.fields["reporter_kind"].initial = ReporterKind.SELF
        self.fields["reporter_kind"].label = _("Aangemeld door")
        self.fields["reporter_name"].label = _("Naam melder")
        self.fields["reporter_phone"].label = _("Telefoon melder")
        self.fields["reporter_email"].label = _("E-mail melder")
        self.fields["reporter_relation"].label = _("Relatie tot de inwoner")
        self.fields["question"].label = _("Vraag of zorg")
        self.fields["question"].help_text = _("Zo veel mogelijk in de woorden van de melder.")
        self.fields["life_domains"].label = _("Leefgebieden")
        self.fields["agreement"].label = _("Weet de inwoner ervan?")
        self.fields["given_names"].widget.attrs["autofocus"] = True
        self.fields["team"].choices = [("", _("Bepalen op adres"))] + [(str(t.pk), t.name) for t in teams]
        self.teams = {str(t.pk): t for t in teams}
        for name in ("given_names", "surname", "birth_date", "postcode", "house_number", "bsn"):
            self.fields[name].widget.attrs["data-known-lookup"] = "1"

    def channel(self) -> str:
        return self.cleaned_data.get("channel_field") or Channel.PHONE

    def chosen_team(self):
        return self.teams.get(self.cleaned_data.get("team") or "")


class KnownLookupForm(BaseForm):
    """The criteria of the "Bekend?" panel, as typed so far (bad values are ignored)."""

    surname = forms.CharField(required=False, max_length=200)
    birth_date = forms.DateField(required=False, input_formats=DATE_FORMATS)
    postcode = forms.CharField(required=False, max_length=10)
    house_number = forms.IntegerField(required=False, min_value=1, max_value=99999)
    bsn = forms.CharField(required=False, max_length=11)

    def criteria(self) -> dict:
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        return {k: v for k, v in data.items() if v not in (None, "")}


class SignalForm(BaseForm):
    theme = forms.CharField(
        label=_("Thema"),
        max_length=100,
        help_text=_("Bijvoorbeeld: vereenzaming, vervuiling, geldzorgen, overlast."),
        error_messages={"required": _("Vul een thema in.")},
    )
    description = forms.CharField(
        label=_("Wat is er gezien of gehoord?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Beschrijf het signaal.")},
    )
    source = forms.ChoiceField(label=_("Bron"), choices=Signal.Source.choices, initial=Signal.Source.PASSIVE)
    reported_by = _text(_("Gemeld door"), 200, help_text=_("Bijvoorbeeld: buurtbewoner, huismeester, winkelier."))
    location_hint = _text(_("Plek"), 200, help_text=_("Straat of plek, zonder huisnummer als niemand bekend is."))
    area = forms.ChoiceField(label=_("Buurt"), required=False)
    team = forms.ChoiceField(label=_("Team"))

    def __init__(self, *args, teams=(), areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = {str(t.pk): t for t in teams}
        self.areas = {str(a.pk): a for a in areas}
        self.fields["team"].choices = [(str(t.pk), t.name) for t in teams]
        self.fields["area"].choices = [("", _("Onbekend"))] + [(str(a.pk), a.name) for a in areas]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "team": self.teams[data["team"]],
            "area": self.areas.get(data.get("area") or ""),
            "theme": data["theme"],
            "description": data["description"],
            "source": data["source"],
            "reported_by": data.get("reported_by", ""),
            "location_hint": data.get("location_hint", ""),
        }


class SignalCloseForm(BaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Waarom sluit u het signaal af?"),
        max_length=300,
        error_messages={"required": _("Vul een reden in.")},
    )
