"""Forms for residents, households, their network, and search."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from nabij.accounts.models import Area
from nabij.core.validators import is_valid_bsn, normalise_postcode
from nabij.residents.models import HouseholdRole, NetworkMember

DATE_FORMATS = ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"]


class BaseForm(forms.Form):
    # No HTML `required`: the browser would mark empty fields :invalid (red) before the worker
    # typed anything; `aria-required` is set by the field template and the server validates.
    use_required_attribute = False


def _date_field(label, required=False):
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%-d-%-m-%Y", attrs={"inputmode": "numeric"}),
        help_text=_("Bijvoorbeeld 15-3-1980."),
        error_messages={"invalid": _("Vul een datum in zoals 15-3-1980.")},
    )


class ResidentForm(BaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    given_names = forms.CharField(label=_("Voornamen"), max_length=200)
    surname_prefix = forms.CharField(label=_("Tussenvoegsel"), max_length=20, required=False)
    surname = forms.CharField(label=_("Achternaam"), max_length=200)
    birth_date = _date_field(_("Geboortedatum"))
    household_role = forms.ChoiceField(
        label=_("Rol in huishouden"), choices=[("", "—")] + list(HouseholdRole.choices), required=False
    )
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=30, required=False)
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
    )
    language = forms.CharField(label=_("Voorkeurstaal"), max_length=50, required=False)
    interpreter_needed = forms.BooleanField(label=_("Tolk nodig"), required=False)
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=11,
        required=False,
        help_text=_("Alleen nodig bij gegevensuitwisseling. Negen cijfers."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    safety_warning = forms.CharField(
        label=_("Veiligheidswaarschuwing voor medewerkers"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld: niet alleen op huisbezoek."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_names"].error_messages["required"] = _("Vul de voornamen in.")
        self.fields["surname"].error_messages["required"] = _("Vul de achternaam in.")

    def clean_bsn(self):
        value = "".join(ch for ch in self.cleaned_data["bsn"] if ch.isdigit())
        if value and not is_valid_bsn(value):
            raise ValidationError(_("Dit is geen geldig BSN: controleer de negen cijfers."))
        return value.zfill(9) if value else ""


class HouseholdForm(BaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    street = forms.CharField(label=_("Straat"), max_length=200, required=False)
    house_number = forms.IntegerField(
        label=_("Huisnummer"),
        required=False,
        min_value=1,
        error_messages={"invalid": _("Vul een huisnummer in als getal.")},
    )
    house_number_addition = forms.CharField(label=_("Toevoeging"), max_length=10, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False, help_text=_("Bijvoorbeeld 3262 AB."))
    city = forms.CharField(label=_("Woonplaats"), max_length=100, required=False)
    area = forms.ModelChoiceField(
        label=_("Buurt"), queryset=Area.objects.filter(kind=Area.Kind.NEIGHBOURHOOD).order_by("name"), required=False
    )
    safety_warning = forms.CharField(
        label=_("Veiligheidswaarschuwing adres"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld: hond op het erf, met z'n tweeën op huisbezoek."),
    )

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        return normalise_postcode(value) if value.strip() else ""


class NetworkMemberForm(BaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Soort"), choices=NetworkMember.Kind.choices)
    name = forms.CharField(label=_("Naam"), max_length=200)
    role = forms.CharField(
        label=_("Rol"), max_length=200, required=False, help_text=_("Bijvoorbeeld: dochter, doet de boodschappen.")
    )
    resident = forms.ModelChoiceField(
        label=_("Hoort bij"), queryset=None, required=False, empty_label=_("Het hele huishouden")
    )
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=30, required=False)
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
    )
    how_to_reach = forms.CharField(
        label=_("Hoe bereikbaar"), max_length=200, required=False, help_text=_("Bijvoorbeeld: 's avonds na 18.00 uur.")
    )

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = household.members.all()
        self.fields["name"].error_messages["required"] = _("Vul de naam in.")


class SearchForm(BaseForm):
    naam = forms.CharField(
        label=_("Naam"), max_length=200, required=False, help_text=_("Achternaam, eventueel met voornaam.")
    )
    geboortedatum = _date_field(_("Geboortedatum"))
    postcode = forms.CharField(label=_("Postcode"), max_length=7, required=False, help_text=_("Bijvoorbeeld 3262 AB."))
    huisnummer = forms.IntegerField(
        label=_("Huisnummer"),
        required=False,
        min_value=1,
        error_messages={"invalid": _("Vul een huisnummer in als getal.")},
    )
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=11,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        return normalise_postcode(value) if value.strip() else ""

    def clean_bsn(self):
        value = "".join(ch for ch in self.cleaned_data["bsn"] if ch.isdigit())
        if value and not is_valid_bsn(value):
            raise ValidationError(_("Dit is geen geldig BSN: controleer de negen cijfers."))
        return value

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data.get(k) for k in ["naam", "geboortedatum", "postcode", "huisnummer", "bsn"]):
            raise ValidationError(
                _("Vul minstens één zoekgegeven in: naam, geboortedatum, postcode met huisnummer of BSN.")
            )
        if data.get("huisnummer") and not data.get("postcode"):
            self.add_error("postcode", _("Vul bij een huisnummer ook de postcode in."))
        return data

    @property
    def used_criteria(self) -> list[str]:
        """Which criteria were used (names only, for the audit trail)."""
        return sorted(k for k in ["naam", "geboortedatum", "postcode", "huisnummer", "bsn"] if self.cleaned_data.get(k))
