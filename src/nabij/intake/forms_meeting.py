"""Forms of the aanmeldoverleg. They only collect input; the services hold the rules and
give the field errors (in plain Dutch)."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nabij.accounts.models import Team
from nabij.cases.forms import BaseForm, DutchDateField
from nabij.consent.models import Consent
from nabij.intake.models import Outcome, RegistrationLetter, Triage, Urgency
from nabij.intake.selectors.registrations import team_workers


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class TriageForm(BaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    scope = forms.ChoiceField(
        label=_("Enkelvoudig of meervoudig"), choices=Triage.Scope.choices, widget=forms.RadioSelect
    )
    urgency = forms.ChoiceField(label=_("Urgentie"), choices=Urgency.choices, widget=forms.RadioSelect)
    known_elsewhere = forms.CharField(
        label=_("Bekend bij andere professionals of instanties"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Welke, en waarvoor."),
    )
    safety_flag = forms.BooleanField(label=_("Er zijn zorgen over de veiligheid"), required=False)
    safety_situation = forms.CharField(
        label=_("Veiligheid van de situatie"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    safety_persons = forms.CharField(
        label=_("Veiligheid van personen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    provisional_approach = forms.CharField(
        label=_("Voorlopige aanpak"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class OutcomeForm(BaseForm):
    kind = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=Outcome.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een uitkomst."), "invalid_choice": _("Kies een uitkomst.")},
    )
    interventions = forms.CharField(
        label=_("Voorgestelde interventies"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bij een kernbesluit."),
    )
    goal = forms.CharField(label=_("Doel"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    intended_result = forms.CharField(
        label=_("Beoogd resultaat"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    assigned_worker = WorkerChoiceField(
        label=_("Uitvoerend medewerker (wordt contactpersoon)"),
        queryset=None,
        required=False,
        empty_label=_("Kies een medewerker"),
    )
    redirect_target = forms.ChoiceField(
        label=_("Doorverwijzen naar"),
        choices=[("", _("Kies bij doorverwijzen")), *Outcome.RedirectTarget.choices],
        required=False,
    )
    redirect_team = forms.ModelChoiceField(
        label=_("Naar welk wijkteam"), queryset=None, required=False, empty_label=_("Kies een team")
    )
    redirect_agency = forms.CharField(label=_("Naar welke instantie"), max_length=200, required=False)
    consultation_party = forms.CharField(label=_("Met welke partij (anoniem consult)"), max_length=200, required=False)
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij elke uitkomst behalve een kernbesluit."),
    )

    def __init__(self, *args, team_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_worker"].queryset = team_workers(team_id)
        self.fields["redirect_team"].queryset = (
            Team.objects.filter(is_active=True, kind=Team.Kind.NEIGHBOURHOOD).exclude(pk=team_id).order_by("name")
        )


class CaseOpenForm(BaseForm):
    consent_form = forms.ChoiceField(
        label=_("Hoe gaf de inwoner toestemming voor het dossier?"),
        choices=[("", _("Nog geen toestemming")), *Consent.Form.choices],
        required=False,
    )
    consent_given_on = DutchDateField(label=_("Toestemming gegeven op"), required=False)
    consent_note = forms.CharField(
        label=_("Notitie bij de toestemming"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij mondelinge toestemming: wanneer en hoe."),
    )
    deferred_reason = forms.CharField(
        label=_("Of: waarom handelt het team eerst, en legt het de toestemming later vast?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen in een acute situatie. De ontbrekende toestemming blijft op de werkvoorraad staan."),
    )
    new_resident_confirmed = forms.BooleanField(
        label=_("Het is niet een van de bekende inwoners: maak een nieuwe inwoner aan"), required=False
    )


class ContactForm(BaseForm):
    date = DutchDateField(label=_("Datum"))
    time = forms.TimeField(
        label=_("Tijd"),
        input_formats=["%H:%M", "%H.%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"inputmode": "numeric"}),
        help_text=_("Bijvoorbeeld 14:30."),
        error_messages={"invalid": _("Vul een tijd in zoals 14:30."), "required": _("Vul een tijd in zoals 14:30.")},
    )
    note = forms.CharField(label=_("Notitie"), max_length=300, required=False)

    def moment(self) -> datetime:
        naive = datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        return timezone.make_aware(naive)

    @classmethod
    def now_initial(cls) -> dict:
        now = timezone.localtime()
        return {"date": now.date(), "time": now.time().replace(second=0, microsecond=0)}


class LetterForm(BaseForm):
    kind = forms.ChoiceField(choices=RegistrationLetter.Kind.choices, widget=forms.HiddenInput)
    medium = forms.ChoiceField(
        label=_("Versturen als"),
        choices=[
            (RegistrationLetter.Medium.EMAIL, _("E-mail")),
            (RegistrationLetter.Medium.LETTER, _("Brief (afdrukken)")),
        ],
        widget=forms.RadioSelect,
    )
    recipient = forms.CharField(label=_("Aan"), max_length=200)
    email_address = forms.CharField(
        label=_("E-mailadres"), max_length=254, required=False, help_text=_("Nodig bij e-mail.")
    )
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    body = forms.CharField(label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 14}))
