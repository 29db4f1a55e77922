"""Forms of the case file. Validation messages say how to fix the input, in plain Dutch."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nabij.cases import phases
from nabij.cases.models import ContactKind, CoreTask, Direction, Involvement, Phase

DATE_FORMATS = ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"]


class BaseForm(forms.Form):
    # No HTML `required`: the browser would mark empty fields :invalid (red) before the worker
    # typed anything; `aria-required` is set by the field template and the server validates.
    use_required_attribute = False


class DutchDateField(forms.DateField):
    """d-m-jjjj, as the team writes dates."""

    default_error_messages = {"invalid": _("Vul een datum in zoals 15-3-2026.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        kwargs.setdefault("widget", forms.DateInput(format="%-d-%-m-%Y", attrs={"inputmode": "numeric"}))
        kwargs.setdefault("help_text", _("Bijvoorbeeld 15-3-2026."))
        super().__init__(**kwargs)


class VersionedForm(BaseForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ContactMomentForm(VersionedForm):
    date = DutchDateField(label=_("Datum"))
    time = forms.TimeField(
        label=_("Tijd"),
        input_formats=["%H:%M", "%H.%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"inputmode": "numeric"}),
        help_text=_("Bijvoorbeeld 14:30."),
        error_messages={"invalid": _("Vul een tijd in zoals 14:30.")},
    )
    kind = forms.ChoiceField(label=_("Soort contact"), choices=ContactKind.choices)
    participants = forms.CharField(
        label=_("Deelnemers"), max_length=300, required=False, help_text=_("Wie waren erbij?")
    )
    core_task = forms.ChoiceField(label=_("Kerntaak"), choices=CoreTask.choices)
    minutes = forms.IntegerField(
        label=_("Tijd in minuten"),
        min_value=1,
        max_value=24 * 60,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Vul het aantal minuten in als getal, bijvoorbeeld 45."),
            "min_value": _("Vul minstens 1 minuut in."),
            "max_value": _("Vul hoogstens 1440 minuten (een dag) in."),
        },
    )
    text = forms.CharField(label=_("Verslag"), widget=forms.Textarea(attrs={"rows": 10}))
    restricted = forms.BooleanField(
        label=_("Afgeschermd (bijvoorbeeld Meldcode)"),
        required=False,
        help_text=_("Alleen zichtbaar voor u, de contactpersoon en wie u toegang geeft."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in [
            ("date", _("Vul de datum van het contact in.")),
            ("time", _("Vul de tijd van het contact in.")),
            ("minutes", _("Vul in hoeveel minuten het contact duurde.")),
            ("text", _("Schrijf een kort verslag van het contact.")),
        ]:
            self.fields[name].error_messages["required"] = message

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            moment = timezone.make_aware(timezone.datetime.combine(data["date"], data["time"]))
            if moment > timezone.now() + timezone.timedelta(minutes=5):
                self.add_error("date", _("Een contactmoment kan niet in de toekomst liggen."))
            data["occurred_at"] = moment
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "occurred_at": data["occurred_at"],
            "kind": data["kind"],
            "participants": data["participants"],
            "core_task": data["core_task"],
            "minutes": data["minutes"],
            "text": data["text"],
            "restricted": data["restricted"],
        }


class PhaseChangeForm(VersionedForm):
    to_phase = forms.ChoiceField(label=_("Naar fase"))
    justification = forms.CharField(
        label=_("Onderbouwing (scharrelruimte)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Nodig als er resultaten van deze fase ontbreken: waarom gaat u toch verder?"),
    )
    watch_next_checkin = DutchDateField(label=_("Volgende waakvlamcontact"), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = phases.ALLOWED_TRANSITIONS.get(case.phase, frozenset())
        self.fields["to_phase"].choices = [(p.value, p.label) for p in Phase if p.value in allowed]


class DirectionForm(VersionedForm):
    direction = forms.ChoiceField(label=_("Casusregie"), choices=Direction.choices, widget=forms.RadioSelect)
    direction_organisation = forms.CharField(
        label=_("Welke organisatie"), max_length=200, required=False, help_text=_("Alleen bij regie elders.")
    )
    direction_hand_back_on = DutchDateField(label=_("Regie teruggeven op"), required=False)


class InvolvementForm(BaseForm):
    kind = forms.ChoiceField(label=_("Soort"), choices=Involvement.Kind.choices)
    organisation = forms.CharField(label=_("Organisatie"), max_length=200)
    name = forms.CharField(label=_("Naam contactpersoon"), max_length=200, required=False)
    role = forms.CharField(label=_("Rol"), max_length=200, required=False)
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=30, required=False)
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
    )
    exchange_ground = forms.ChoiceField(
        label=_("Grondslag voor informatie-uitwisseling"),
        choices=Involvement.Ground.choices,
        initial=Involvement.Ground.NONE,
    )
    consent = forms.ModelChoiceField(label=_("Toestemming"), queryset=None, required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].error_messages["required"] = _("Vul de naam van de organisatie in.")
        consents = getattr(case, "consents", None)
        if consents is None:
            del self.fields["consent"]
        else:
            from django.apps import apps

            model = apps.get_model("consent", "Consent")
            self.fields["consent"].queryset = model.objects.filter(
                resident__household_id=case.household_id, withdrawn_at__isnull=True
            ).order_by("-given_at")

    def clean(self):
        data = super().clean()
        if data.get("exchange_ground") == Involvement.Ground.CONSENT and "consent" in self.fields:
            if not data.get("consent"):
                self.add_error("consent", _("Kies de toestemming waarop de uitwisseling berust."))
        return data


class AttachmentForm(BaseForm):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("PDF, foto (JPG, PNG), Word, Excel, ODT of tekst; hoogstens 10 MB."),
        error_messages={
            "required": _("Kies een bestand om toe te voegen."),
            "empty": _("Het bestand is leeg. Kies een ander bestand."),
            "invalid": _("Kies een bestand om toe te voegen."),
        },
    )
    description = forms.CharField(label=_("Omschrijving"), max_length=200, required=False)


class TimelineFilterForm(BaseForm):
    soort = forms.ChoiceField(label=_("Soort"), required=False)
    persoon = forms.ChoiceField(label=_("Persoon"), required=False)

    def __init__(self, *args, kinds, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("Alle soorten"))] + list(kinds)
        self.fields["persoon"].choices = [("", _("Iedereen"))] + [
            (str(p.pk), p.get_full_name() or p.username) for p in people
        ]


class AssignForm(VersionedForm):
    contact_person = forms.ChoiceField(label=_("Contactpersoon"))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {str(c["worker"].pk): c["worker"] for c in candidates}
        self.fields["contact_person"].choices = [
            (
                str(c["worker"].pk),
                _("%(name)s (%(open)s open)") % {"name": c["worker"].get_full_name(), "open": c["open"]},
            )
            for c in candidates
        ]

    def clean_contact_person(self):
        return self.candidates[self.cleaned_data["contact_person"]]
