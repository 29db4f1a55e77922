"""Forms for the plan screens. Rules live in the services; forms only parse what was typed."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nabij.plans.models import (
    Action,
    Closure,
    ClosureReason,
    GoalOutcome,
    LifeDomain,
    PlanVersion,
    Satisfaction,
    SupportLayer,
    WatchCheckIn,
)


class DutchDateField(forms.DateField):
    """A date typed as d-m-jjjj (ISO is accepted too, for browsers that fill it in)."""

    widget = forms.DateInput(format="%d-%m-%Y", attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {"invalid": _("Vul een datum in zoals 3-11-2026.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%d-%m-%Y", "%Y-%m-%d"])
        kwargs.setdefault("help_text", _("Bijvoorbeeld 3-11-2026."))
        super().__init__(**kwargs)


def _today():
    return timezone.localdate()


def _domain_queryset():
    return LifeDomain.objects.filter(instrument__is_default=True, is_active=True).order_by("order", "id")


class GoalForm(forms.Form):
    domain = forms.ModelChoiceField(
        label=_("Leefgebied"),
        queryset=LifeDomain.objects.none(),
        empty_label=_("Kies een leefgebied"),
        error_messages={"required": _("Kies het leefgebied van dit doel.")},
    )
    wording = forms.CharField(
        label=_("Doel in de woorden van de inwoner"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Schrijf op wat de inwoner zelf zegt, bijvoorbeeld: ‘Ik wil weer rustig slapen zonder geldzorgen.’"
        ),
        error_messages={"required": _("Schrijf het doel op in de woorden van de inwoner.")},
    )
    at_stake = forms.CharField(
        label=_("Wat er op het spel staat"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = _domain_queryset()


class ActionForm(forms.Form):
    description = forms.CharField(
        label=_("Wat gebeurt er"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Schrijf op wat er gebeurt.")},
    )
    layer = forms.TypedChoiceField(
        label=_("Wie doet het"),
        choices=SupportLayer.choices,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_(
            "Zo licht mogelijk: eerst wat de inwoner zelf kan, dan familie, hulpmiddelen, netwerk, "
            "en pas dan professionals."
        ),
        error_messages={"required": _("Kies wie het doet.")},
    )
    performer = forms.CharField(
        label=_("Wie precies"),
        max_length=200,
        help_text=_("De naam van de persoon, vrijwilliger, voorziening of organisatie."),
        error_messages={"required": _("Vul in wie het doet: de persoon, vrijwilliger, voorziening of organisatie.")},
    )
    due_on = DutchDateField(label=_("Klaar op"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices, initial=Action.Status.PLANNED)


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Action.Status.choices)


class RevisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom verandert het plan?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Het plan is akkoord. Nabij maakt een nieuwe versie; de reden blijft bij die versie bewaard."),
        error_messages={"required": _("Schrijf op waarom het plan verandert.")},
    )


class AgreeForm(forms.Form):
    agreed_on = DutchDateField(label=_("Datum akkoord"), initial=_today)
    method = forms.ChoiceField(
        label=_("Hoe is het akkoord gegeven?"),
        choices=PlanVersion.AgreementMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe het akkoord is gegeven.")},
    )
    agreed_by = forms.CharField(
        label=_("Wie gaf akkoord"),
        max_length=200,
        help_text=_("Bijvoorbeeld: de inwoner en haar dochter."),
        error_messages={"required": _("Vul in wie akkoord gaf.")},
    )
    note = forms.CharField(
        label=_("Notitie"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Verplicht bij mondeling akkoord: wanneer en hoe."),
    )
    evaluation_interval_weeks = forms.IntegerField(
        label=_("Evalueren elke … weken"),
        min_value=1,
        max_value=52,
        initial=12,
        error_messages={
            "min_value": _("Kies een aantal weken van 1 tot 52."),
            "max_value": _("Kies een aantal weken van 1 tot 52."),
            "required": _("Vul in na hoeveel weken het plan wordt geëvalueerd."),
        },
    )


class ZrmFieldsMixin:
    """Adds a score (optional) and a short note per life domain of the default instrument."""

    zrm_required = False

    def add_zrm_fields(self, domains):
        self.zrm_domains = domains
        choices = [("", _("Niet gescoord"))] + [(str(n), str(n)) for n in range(1, 6)]
        for domain in domains:
            self.fields[f"score_{domain.pk}"] = forms.TypedChoiceField(
                label=domain.label, choices=choices, coerce=int, empty_value=None, required=False
            )
            self.fields[f"note_{domain.pk}"] = forms.CharField(
                label=_("Toelichting %(domain)s") % {"domain": domain.label}, max_length=300, required=False
            )

    def zrm_rows(self):
        return [(domain, self[f"score_{domain.pk}"], self[f"note_{domain.pk}"]) for domain in self.zrm_domains]

    def zrm_scores(self) -> dict[int, tuple[int, str]]:
        data = self.cleaned_data
        return {
            d.pk: (data[f"score_{d.pk}"], data.get(f"note_{d.pk}", ""))
            for d in self.zrm_domains
            if data.get(f"score_{d.pk}") is not None
        }


class AssessmentForm(ZrmFieldsMixin, forms.Form):
    moment = forms.ChoiceField(label=_("Moment"), choices=[("start", _("Start")), ("evaluation", _("Evaluatie"))])
    assessed_on = DutchDateField(label=_("Datum"), initial=_today)

    def __init__(self, *args, domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_zrm_fields(domains)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.zrm_scores():
            raise forms.ValidationError(_("Geef ten minste één leefgebied een score."))
        return cleaned


class EvaluationForm(ZrmFieldsMixin, forms.Form):
    held_on = DutchDateField(label=_("Datum evaluatie"), initial=_today)
    summary = forms.CharField(label=_("Samenvatting"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    discussed_in_team = forms.BooleanField(label=_("Besproken in het wijkteamoverleg"), required=False)
    team_meeting_on = DutchDateField(label=_("Datum overleg"), required=False)
    adjustment_reason = forms.CharField(
        label=_("Aanpassingen in het plan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Vul in wat en waarom het plan verandert. Nabij maakt dan een nieuwe versie die u kunt aanpassen."),
    )

    def __init__(self, *args, goals, domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"outcome_{goal.pk}"] = forms.ChoiceField(
                label=_("Resultaat"),
                choices=GoalOutcome.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies of dit doel bereikt is.")},
            )
            self.fields[f"helped_{goal.pk}"] = forms.CharField(
                label=_("Wat hielp"), widget=forms.Textarea(attrs={"rows": 2}), required=False
            )
            self.fields[f"hindered_{goal.pk}"] = forms.CharField(
                label=_("Wat hinderde"), widget=forms.Textarea(attrs={"rows": 2}), required=False
            )
        self.add_zrm_fields(domains)

    def goal_rows(self):
        return [
            (goal, self[f"outcome_{goal.pk}"], self[f"helped_{goal.pk}"], self[f"hindered_{goal.pk}"])
            for goal in self.goals
        ]

    def results(self):
        data = self.cleaned_data
        return {g.pk: (data[f"outcome_{g.pk}"], data[f"helped_{g.pk}"], data[f"hindered_{g.pk}"]) for g in self.goals}


def _satisfaction_field(label):
    return forms.TypedChoiceField(
        label=label,
        choices=[("", _("Niet gevraagd of geen antwoord"))] + list(Satisfaction.choices),
        coerce=int,
        empty_value=None,
        required=False,
    )


class ClosureForm(ZrmFieldsMixin, forms.Form):
    reason = forms.ModelChoiceField(
        label=_("Reden van afsluiten"),
        queryset=ClosureReason.objects.none(),
        empty_label=_("Kies een reden"),
        error_messages={"required": _("Kies een reden van afsluiten.")},
    )
    referred_to = forms.CharField(
        label=_("Doorverwezen naar"), max_length=200, required=False, help_text=_("Bij doorverwijzen: naar wie.")
    )
    closed_on = DutchDateField(label=_("Datum afsluiten"), initial=_today)
    what_was_done = forms.CharField(
        label=_("Wat is er echt gedaan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf op wat er echt is gedaan.")},
    )
    what_helped = forms.CharField(label=_("Wat hielp"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    scaling_down = forms.CharField(
        label=_("Afspraken over afschalen van betrokkenen"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Verplicht als er nog acties open staan."),
    )
    aftercare = forms.CharField(
        label=_("Afspraken over nazorg"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    satisfaction_listened = _satisfaction_field(Closure._meta.get_field("satisfaction_listened").verbose_name)
    satisfaction_own_say = _satisfaction_field(Closure._meta.get_field("satisfaction_own_say").verbose_name)
    satisfaction_helped = _satisfaction_field(Closure._meta.get_field("satisfaction_helped").verbose_name)
    satisfaction_grade = forms.IntegerField(
        label=_("Rapportcijfer (1 tot 10)"),
        min_value=1,
        max_value=10,
        required=False,
        error_messages={
            "min_value": _("Vul een cijfer van 1 tot 10 in."),
            "max_value": _("Vul een cijfer van 1 tot 10 in."),
            "invalid": _("Vul een cijfer van 1 tot 10 in."),
        },
    )
    satisfaction_comment = forms.CharField(
        label=_("Opmerking van de inwoner"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    letter_resident = forms.BooleanField(label=_("Maak de brief aan de inwoner"), required=False, initial=True)
    letter_referrer = forms.BooleanField(label=_("Maak de brief aan de verwijzer"), required=False)
    referrer_name = forms.CharField(label=_("Naam verwijzer"), max_length=200, required=False)
    referrer_organisation = forms.CharField(label=_("Organisatie verwijzer"), max_length=200, required=False)
    watch_date_1 = DutchDateField(label=_("Eerste waakvlamcontact"), required=False)
    watch_date_2 = DutchDateField(label=_("Tweede waakvlamcontact"), required=False)
    watch_date_3 = DutchDateField(label=_("Derde waakvlamcontact"), required=False)
    watch_agreements = forms.CharField(
        label=_("Afspraken over de waakvlam"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, domains, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].queryset = ClosureReason.objects.filter(is_active=True).order_by("order", "label")
        self.add_zrm_fields(domains)

    def watch_dates(self):
        return [self.cleaned_data[f"watch_date_{n}"] for n in (1, 2, 3) if self.cleaned_data.get(f"watch_date_{n}")]

    def letters(self):
        keys = []
        if self.cleaned_data.get("letter_resident"):
            keys.append("closure.resident")
        if self.cleaned_data.get("letter_referrer"):
            keys.append("closure.referrer")
        return tuple(keys)

    def satisfaction(self):
        data = self.cleaned_data
        return {
            "listened": data.get("satisfaction_listened"),
            "own_say": data.get("satisfaction_own_say"),
            "helped": data.get("satisfaction_helped"),
            "grade": data.get("satisfaction_grade"),
            "comment": data.get("satisfaction_comment", ""),
        }


class CheckInForm(forms.Form):
    done_on = DutchDateField(label=_("Datum contact"), initial=_today)
    note = forms.CharField(label=_("Notitie"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=WatchCheckIn.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat de uitkomst is.")},
    )
    next_on = DutchDateField(label=_("Volgend contact"), required=False)
    reopen_reason = forms.CharField(
        label=_("Reden heropenen"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Verplicht als de casus weer opengaat."),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom gaat de casus weer open?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf op waarom de casus weer opengaat.")},
    )


class CompareForm(forms.Form):
    left = forms.TypedChoiceField(label=_("Versie links"), coerce=int)
    right = forms.TypedChoiceField(label=_("Versie rechts"), coerce=int)

    def __init__(self, *args, numbers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, _("Versie %(n)s") % {"n": n}) for n in numbers]
        self.fields["left"].choices = choices
        self.fields["right"].choices = choices
