"""core.forms: a service's refusal lands on the form, beside what the user typed."""

from django import forms
from django.core.exceptions import ValidationError

from nabij.core.concurrency import ConcurrentEditError
from nabij.core.forms import run_service, service_ok


class NoteForm(forms.Form):
    text = forms.CharField()


def _form():
    form = NoteForm({"text": "wat de werker typte"})
    assert form.is_valid()
    return form


def test_success_returns_the_result_and_leaves_the_form_clean():
    form = _form()
    assert run_service(form, lambda: "klaar") == "klaar"
    assert service_ok(form, lambda: None) is True
    assert not form.errors


def test_field_error_lands_on_the_named_field_and_unknown_names_on_the_form():
    form = _form()

    def refuse():
        raise ValidationError({"text": "Te kort.", "elders": "Niet hier."})

    assert service_ok(form, refuse) is False
    assert form.errors["text"] == ["Te kort."]
    assert form.non_field_errors() == ["Niet hier."]
    assert form.data["text"] == "wat de werker typte"


def test_plain_error_and_concurrent_edit_land_on_the_form():
    form = _form()

    def plain():
        raise ValidationError("Deze casus is gesloten.")

    def concurrent():
        raise ConcurrentEditError

    assert run_service(form, plain) is None
    assert run_service(form, concurrent) is None
    assert form.non_field_errors() == ["Deze casus is gesloten.", str(ConcurrentEditError.message)]
